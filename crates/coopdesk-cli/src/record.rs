//! `coopdesk case transition`, `case history` and `coopdesk audit …`: lifecycle, history and the audit
//! chain.

use std::process::ExitCode;

use clap::Subcommand;

use coopdesk_app::Desk;
use coopdesk_app::api::DeskError;
use coopdesk_app::api::{AuditVerdict, CaseHistory, TransitionInput};
use coopdesk_assess::Lang;
use coopdesk_core::CaseStatus;

use crate::{GlobalArgs, output};

/// Subcommands of `coopdesk audit`.
#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
    /// Checks the audit chain; names the first broken entry (exit status 1 when broken).
    Verify,
    /// Prints the audit log, or the entries about one case.
    Log {
        /// Only entries about this case.
        #[arg(long = "case", value_name = "ID")]
        case_id: Option<String>,
    },
}

/// `coopdesk case transition`: the arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct TransitionArgs {
    /// Case id.
    id: String,
    /// The new state: in_review, approved, approved_with_conditions, declined, withdrawn, or draft
    /// (to send back or reopen).
    #[arg(value_parser = crate::parse_status)]
    status: CaseStatus,
    /// Who takes the step (for approving or declining: the person signing off). Required on a
    /// database file; refused on a team database, where the login is recorded.
    #[arg(long)]
    by: Option<String>,
    /// Their role.
    #[arg(long)]
    role: Option<String>,
    /// A comment (reasons, conditions).
    #[arg(long)]
    comment: Option<String>,
    /// Why the decision is taken although the assessment is provisional (key questions still
    /// open); required for approving or declining such a case.
    #[arg(long, value_name = "TEXT")]
    justification: Option<String>,
    /// Language in which a decision freezes the assessment.
    #[arg(long, value_parser = crate::parse_lang, default_value = "en")]
    lang: Lang,
}

pub(crate) fn transition(desk: &Desk, a: TransitionArgs, g: &GlobalArgs) -> Result<(), DeskError> {
    if let Some(by) = &a.by
        && desk.team_login()?.is_some()
    {
        return Err(DeskError::new(
            coopdesk_app::api::ErrorCode::InputInvalid,
            format!(
                "--by {by}: on a team database a step is recorded under your login, which the \
                 server checks; leave --by out (connect as another login to act as someone else)"
            ),
        ));
    }
    let input = TransitionInput {
        by: a.by.unwrap_or_default(),
        role: a.role,
        comment: a.comment,
        justification: a.justification,
    };
    let outcome = desk.transition(&a.id, a.status, &input, a.lang)?;
    let t = &outcome.transition;
    output::print(g.json, &outcome, || {
        format!(
            "{}: {} -> {} by {}{} (revision {}, step {})",
            t.case_id,
            t.from,
            t.to,
            t.by,
            t.role
                .as_deref()
                .map_or(String::new(), |r| format!(", {r}")),
            t.revision,
            t.seq
        )
    })
}

/// `coopdesk brief ID -o FILE.pdf [--lang en|de]`.
pub(crate) fn brief(
    desk: &Desk,
    id: &str,
    output_path: &std::path::Path,
    lang: Lang,
    g: &GlobalArgs,
) -> Result<(), DeskError> {
    let w = desk.write_briefing(id, output_path, lang)?;
    output::print(g.json, &w, || {
        format!(
            "wrote {} ({} bytes, sha256 {}){}",
            w.path,
            w.bytes,
            w.sha256,
            if w.approved {
                " — the approved briefing of the case's decision"
            } else {
                ""
            }
        )
    })
}

/// `coopdesk report -o FILE.pdf [--lang en|de]`.
pub(crate) fn report(
    desk: &Desk,
    output_path: &std::path::Path,
    lang: Lang,
    g: &GlobalArgs,
) -> Result<(), DeskError> {
    let w = desk.write_portfolio(output_path, lang)?;
    output::print(g.json, &w, || {
        format!("wrote {} ({} bytes, sha256 {})", w.path, w.bytes, w.sha256)
    })
}

/// `coopdesk verify FILE.pdf`: exit status 1 when the file is not an approved briefing.
pub(crate) fn verify(
    desk: &Desk,
    file: &std::path::Path,
    g: &GlobalArgs,
) -> Result<ExitCode, DeskError> {
    let v = desk.verify_briefing(file)?;
    output::print(g.json, &v, || match &v.decision {
        Some(d) => format!(
            "{}: the approved briefing of case {} revision {} ({} by {}{} on {}){}",
            v.file,
            d.case_id,
            d.revision,
            d.to,
            d.by,
            d.role
                .as_deref()
                .map_or(String::new(), |r| format!(", {r}")),
            &d.at[..10.min(d.at.len())],
            if v.current {
                ""
            } else {
                "; the case has been reopened since"
            }
        ),
        None => format!(
            "{}: NOT an approved briefing known to this database (sha256 {})",
            v.file, v.sha256
        ),
    })?;
    Ok(if v.approved {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub(crate) fn history(desk: &Desk, id: &str, g: &GlobalArgs) -> Result<(), DeskError> {
    let h = desk.case_history(id)?;
    output::print(g.json, &h, || history_text(&h))
}

/// Runs `audit …`; a broken chain prints its verdict and exits with 1.
pub(crate) fn audit(
    desk: &Desk,
    command: AuditCommand,
    g: &GlobalArgs,
) -> Result<ExitCode, DeskError> {
    match command {
        AuditCommand::Verify => {
            let v = desk.verify_audit()?;
            output::print(g.json, &v, || verdict_text(&v))?;
            Ok(if v.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        AuditCommand::Log { case_id } => {
            let entries = desk.audit_log(case_id.as_deref())?;
            output::print(g.json, &entries, || {
                let mut out = String::new();
                for e in &entries {
                    out.push_str(&format!(
                        "{:>6}  {}  {:<20}  {:<24}  {}  {}\n",
                        e.seq,
                        e.at,
                        e.actor,
                        e.action,
                        e.subject,
                        &e.hash[..12.min(e.hash.len())]
                    ));
                }
                out.push_str(&format!("{} entries", entries.len()));
                out
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn verdict_text(v: &AuditVerdict) -> String {
    match &v.broken {
        None => format!(
            "audit chain intact: {} entries, head {}",
            v.entries,
            v.head.as_deref().unwrap_or("(empty)")
        ),
        Some(b) => format!(
            "audit chain BROKEN at entry {}: {} ({} entries read)",
            b.seq, b.problem, v.entries
        ),
    }
}

fn history_text(h: &CaseHistory) -> String {
    let mut out = format!("history of {}\n", h.case_id);
    for t in &h.transitions {
        out.push_str(&format!(
            "\n{}  {} -> {}  by {}{}{}",
            t.at,
            t.from,
            t.to,
            t.by,
            t.role
                .as_deref()
                .map_or(String::new(), |r| format!(" ({r})")),
            t.comment
                .as_deref()
                .map_or(String::new(), |c| format!(": {c}"))
        ));
        if let Some(j) = &t.justification {
            out.push_str(&format!(
                "\n    justification (provisional assessment): {j}"
            ));
        }
    }
    for r in &h.revisions {
        let rev = &r.revision;
        out.push_str(&format!(
            "\n\nrevision {}  {}  {}  {}  [{}]\n",
            rev.revision, rev.at, rev.actor, rev.action, rev.status
        ));
        for c in &r.changes {
            let show = |v: &Option<serde_json::Value>| {
                v.as_ref().map_or("—".to_owned(), |v| {
                    let s = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    if s.chars().count() > 80 {
                        format!("{}…", s.chars().take(79).collect::<String>())
                    } else {
                        s
                    }
                })
            };
            out.push_str(&format!(
                "  {}: {} → {}\n",
                c.path,
                show(&c.before),
                show(&c.after)
            ));
        }
    }
    out
}
