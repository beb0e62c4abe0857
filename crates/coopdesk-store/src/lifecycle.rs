//! Lifecycle steps of a case and the sign-off record of decisions.
//!
//! The state of a case changes only here, never through [`Store::save_case`]; a decided or withdrawn
//! case is frozen except for its action plan until it is reopened (moved back to draft).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{Case, CaseStatus, Problem, Problems};

use crate::cases::read_case;
use crate::error::{Error, Result};
use crate::history::{append_audit, record_revision, sha256_hex};
use crate::open::Store;

/// Who moves a case, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct TransitionInput {
    /// Name of the person taking the step (for a decision: the director signing off).
    pub by: String,
    /// Their role, e.g. "Director" or "Head of the international office".
    #[ts(optional)]
    pub role: Option<String>,
    /// A comment (for a decision: its reasons or conditions).
    #[ts(optional)]
    pub comment: Option<String>,
    /// Why a decision is taken although the assessment is provisional (key questions unanswered);
    /// required for such a decision (the app checks that, `coopdesk_app::Desk::transition`).
    #[serde(default)]
    #[ts(optional)]
    pub justification: Option<String>,
}

/// One recorded lifecycle step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Transition {
    /// Case id.
    pub case_id: String,
    /// 1, 2, … per case.
    pub seq: i64,
    /// The revision this step created.
    pub revision: i64,
    /// State before.
    pub from: CaseStatus,
    /// State after.
    pub to: CaseStatus,
    /// Who took the step.
    pub by: String,
    /// Their role.
    #[ts(optional)]
    pub role: Option<String>,
    /// Their comment.
    #[ts(optional)]
    pub comment: Option<String>,
    /// The written justification of a decision on a provisional assessment.
    #[serde(default)]
    #[ts(optional)]
    pub justification: Option<String>,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Hash of the step's audit entry.
    pub audit_hash: String,
    /// SHA-256 of the briefing approved with this step, once written.
    #[ts(optional)]
    pub briefing_sha256: Option<String>,
}

impl Store {
    /// Moves a case to `to`, recording the step, a new revision and an audit entry in one transaction.
    ///
    /// `assessment` is the assessment as it stands (JSON); decisions freeze it with the step. A step the
    /// lifecycle does not allow, or a blank name, is refused and changes nothing.
    pub fn transition(
        &mut self,
        case_id: &str,
        to: CaseStatus,
        input: &TransitionInput,
        assessment: Option<&serde_json::Value>,
        now: DateTime<Utc>,
    ) -> Result<Transition> {
        let actor = self.actor.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut case = read_case(&tx, case_id)?.ok_or_else(|| Error::UnknownCase {
            id: case_id.to_owned(),
        })?;
        let from = case.status;
        let mut problems = Vec::new();
        if !from.next().contains(&to) {
            let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
            problems.push(Problem::at(
                "status",
                format!(
                    "a case that is {from} can move to {}, not to {to}",
                    allowed.join(", ")
                ),
            ));
        }
        if input.by.trim().is_empty() {
            problems.push(Problem::at("by", "say who takes this step"));
        }
        for (path, text) in [("by", Some(&input.by)), ("role", input.role.as_ref())] {
            if let Some(t) = text {
                coopdesk_core::limits::check_text(
                    path,
                    t,
                    coopdesk_core::limits::TextKind::Name,
                    &mut problems,
                );
            }
        }
        for (path, text) in [
            ("comment", input.comment.as_ref()),
            ("justification", input.justification.as_ref()),
        ] {
            if let Some(t) = text {
                coopdesk_core::limits::check_text(
                    path,
                    t,
                    coopdesk_core::limits::TextKind::Long,
                    &mut problems,
                );
            }
        }
        if !problems.is_empty() {
            return Err(Error::invalid(Problems::new(case_id, problems)));
        }
        let at = now.to_rfc3339();
        tx.execute(
            "UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![case_id, to.as_str(), at],
        )?;
        case.status = to;
        case.updated_at = now;
        let action = "case.transition";
        let revision = match record_revision(&tx, &case, now, &actor, action)? {
            Some(r) => r,
            None => tx.query_row(
                "SELECT max(revision) FROM case_revisions WHERE case_id = ?1",
                [case_id],
                |r| r.get(0),
            )?,
        };
        let role = trimmed(input.role.as_deref());
        let comment = trimmed(input.comment.as_deref());
        let justification = trimmed(input.justification.as_deref());
        let mut step = serde_json::json!({
            "case": case_id, "revision": revision, "from": from, "to": to,
            "by": input.by.trim(), "role": role, "comment": comment,
        });
        // The justification is part of what the step's audit entry seals. Added only when given, so
        // a step without one has the same payload (and digest) as before justifications existed.
        if let (Some(j), Some(fields)) = (&justification, step.as_object_mut()) {
            fields.insert("justification".into(), serde_json::Value::String(j.clone()));
        }
        let entry = append_audit(
            &tx,
            now,
            input.by.trim(),
            &format!("case.{to}"),
            &format!("{case_id}#{revision}"),
            &sha256_hex(step.to_string().as_bytes()),
        )?;
        let seq: i64 = tx.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM case_transitions WHERE case_id = ?1",
            [case_id],
            |r| r.get(0),
        )?;
        let frozen = if to.is_decision() {
            assessment.map(|a| a.to_string())
        } else {
            None
        };
        tx.execute(
            "INSERT INTO case_transitions (case_id, seq, revision, from_status, to_status, decided_by,
                 role, comment, at, audit_hash, assessment, justification)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                case_id,
                seq,
                revision,
                from.as_str(),
                to.as_str(),
                input.by.trim(),
                role,
                comment,
                at,
                entry.hash,
                frozen,
                justification
            ],
        )?;
        tx.commit()?;
        Ok(Transition {
            case_id: case_id.to_owned(),
            seq,
            revision,
            from,
            to,
            by: input.by.trim().to_owned(),
            role,
            comment,
            justification,
            at,
            audit_hash: entry.hash,
            briefing_sha256: None,
        })
    }

    /// A case's lifecycle steps, oldest first.
    pub fn transitions(&self, case_id: &str) -> Result<Vec<Transition>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, seq, revision, from_status, to_status, decided_by, role, comment, at,
                    audit_hash, briefing_sha256, justification
             FROM case_transitions WHERE case_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([case_id], transition_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The frozen assessment of a decision, as JSON.
    pub fn decided_assessment(&self, case_id: &str, seq: i64) -> Result<Option<serde_json::Value>> {
        let text: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT assessment FROM case_transitions WHERE case_id = ?1 AND seq = ?2",
                params![case_id, seq],
                |r| r.get(0),
            )
            .optional()?;
        text.flatten()
            .map(|t| {
                serde_json::from_str(&t).map_err(|source| Error::Corrupt {
                    table: "case_transitions",
                    column: "assessment",
                    id: format!("{case_id}/{seq}"),
                    source,
                })
            })
            .transpose()
    }

    /// Stores the approved briefing of a decision: its bytes, language and SHA-256, with an audit entry.
    pub fn record_briefing(
        &mut self,
        case_id: &str,
        seq: i64,
        pdf: &[u8],
        lang: &str,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let actor = self.actor.clone();
        let sha = sha256_hex(pdf);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = tx.execute(
            "UPDATE case_transitions SET briefing_sha256 = ?3, briefing = ?4, briefing_lang = ?5
             WHERE case_id = ?1 AND seq = ?2",
            params![case_id, seq, sha, pdf, lang],
        )?;
        if n == 0 {
            return Err(Error::UnknownCase {
                id: format!("{case_id} (step {seq})"),
            });
        }
        append_audit(
            &tx,
            now,
            &actor,
            "briefing.approved",
            &format!("{case_id}/{seq}"),
            &sha,
        )?;
        tx.commit()?;
        Ok(sha)
    }

    /// The approved briefing of a decision and its language, if one was stored.
    pub fn approved_briefing(&self, case_id: &str, seq: i64) -> Result<Option<(Vec<u8>, String)>> {
        let row: Option<(Option<Vec<u8>>, Option<String>)> = self
            .conn
            .query_row(
                "SELECT briefing, briefing_lang FROM case_transitions WHERE case_id = ?1 AND seq = ?2",
                params![case_id, seq],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(b, l)| Some((b?, l.unwrap_or_default()))))
    }

    /// The decision whose approved briefing has this SHA-256, if any.
    pub fn decision_by_briefing(&self, sha256: &str) -> Result<Option<Transition>> {
        let row = self
            .conn
            .query_row(
                "SELECT case_id, seq, revision, from_status, to_status, decided_by, role, comment, at,
                        audit_hash, briefing_sha256, justification
                 FROM case_transitions WHERE briefing_sha256 = ?1 ORDER BY at DESC LIMIT 1",
                [sha256],
                transition_from_row,
            )
            .optional()?;
        Ok(row)
    }
}

/// Refuses a save that changes a case's state (that is a transition) or, for a decided or withdrawn
/// case, anything but its action plan.
pub(crate) fn check_frozen(stored: &Case, incoming: &Case) -> Option<Problems> {
    if incoming.status != stored.status {
        return Some(Problems::new(
            stored.id.clone(),
            vec![Problem::at(
                "status",
                format!(
                    "the case is {}; its state changes only through a lifecycle step (submit, decide, reopen)",
                    stored.status
                ),
            )],
        ));
    }
    if stored.status.is_closed() {
        let mut same = incoming.clone();
        same.actions = stored.actions.clone();
        same.created_at = stored.created_at;
        same.updated_at = stored.updated_at;
        if same.title.trim() == stored.title {
            same.title = stored.title.clone();
        }
        if same != *stored {
            return Some(Problems::new(
                stored.id.clone(),
                vec![Problem::at(
                    "",
                    format!(
                        "the case is {} and frozen; reopen it (move it back to draft) to change it",
                        stored.status
                    ),
                )],
            ));
        }
    }
    None
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn transition_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Transition> {
    let from: String = r.get(3)?;
    let to: String = r.get(4)?;
    Ok(Transition {
        case_id: r.get(0)?,
        seq: r.get(1)?,
        revision: r.get(2)?,
        from: CaseStatus::parse(&from).unwrap_or_default(),
        to: CaseStatus::parse(&to).unwrap_or_default(),
        by: r.get(5)?,
        role: r.get(6)?,
        comment: r.get(7)?,
        at: r.get(8)?,
        audit_hash: r.get(9)?,
        briefing_sha256: r.get(10)?,
        justification: r.get(11)?,
    })
}
