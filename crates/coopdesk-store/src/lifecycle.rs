//! Lifecycle steps of a case and the sign-off record of decisions.
//!
//! The state of a case changes only here, never through [`Store::save_case`]; a decided or withdrawn
//! case is frozen except for its action plan until it is reopened (moved back to draft).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use coopdesk_core::lifecycle::TransitionInput;
use coopdesk_core::lifecycle::check_step;
use coopdesk_core::{Case, CaseStatus, Problem, Problems};

use crate::columns;
use crate::error::{Error, Result};
use crate::rows::audit::append_audit;
use crate::rows::cases::read_case;
use crate::rows::revisions::record_revision;
use crate::sql::{Query, Sql, SqlRow, args};
use crate::store::Store;
use coopdesk_core::digest::sha256_hex;

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

/// The approved briefing of a decision, rendered by the caller for the step about to be committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedBriefing {
    /// The PDF, byte for byte as it is handed out and later recognised by its SHA-256.
    pub pdf: Vec<u8>,
    /// The language it is written in (`en`, `de`).
    pub lang: String,
}

impl Store {
    /// Moves a case to `to`, recording the step, a new revision and an audit entry in one transaction.
    ///
    /// Decisions are not taken here but with [`Store::decide`], which stores the approved briefing with
    /// the step. A step the lifecycle does not allow, or a blank name, is refused and changes nothing.
    pub fn transition(
        &mut self,
        case_id: &str,
        to: CaseStatus,
        input: &TransitionInput,
        now: DateTime<Utc>,
    ) -> Result<Transition> {
        if to.is_decision() {
            return Err(Error::invalid(Problems::new(
                case_id,
                vec![Problem::at(
                    "status",
                    format!("a case is {to} only with its approved briefing (a decision)"),
                )],
            )));
        }
        let actor = self.actor.clone();
        let tx = self.backend.write()?;
        let (transition, _) = take_step(&tx, &actor, case_id, to, input, None, now)?;
        tx.commit()?;
        Ok(transition)
    }

    /// Takes a decision (approve, approve with conditions, decline): the step, its new revision and
    /// audit entry, the assessment frozen with it and the approved briefing with its SHA-256 and audit
    /// entry, all in one transaction.
    ///
    /// `seen` is the case as the caller read it to assess it and to prepare the briefing; if the
    /// stored case differs by the time the write lock is held (another process changed it), the
    /// decision is refused, because what would be signed is not what was read. `render` is called
    /// inside the transaction with the step as it will be committed (its revision, time and signer)
    /// and returns the approved briefing; if it fails, or the process dies at any point, nothing of
    /// the decision is stored.
    #[allow(clippy::too_many_arguments)] // each argument is one part of the decision record
    pub fn decide<E: From<Error>>(
        &mut self,
        case_id: &str,
        to: CaseStatus,
        input: &TransitionInput,
        seen: &Case,
        assessment: &serde_json::Value,
        now: DateTime<Utc>,
        render: impl FnOnce(&Transition) -> std::result::Result<ApprovedBriefing, E>,
    ) -> std::result::Result<Transition, E> {
        if !to.is_decision() {
            return Err(Error::invalid(Problems::new(
                case_id,
                vec![Problem::at("status", format!("{to} is not a decision"))],
            ))
            .into());
        }
        let actor = self.actor.clone();
        let tx = self.backend.write()?;
        let (mut transition, before) =
            take_step(&tx, &actor, case_id, to, input, Some(assessment), now)?;
        if before != *seen {
            return Err(Error::Changed {
                id: case_id.to_owned(),
            }
            .into());
        }
        let briefing = render(&transition)?;
        let sha = sha256_hex(&briefing.pdf);
        tx.execute(
            "UPDATE case_transitions SET briefing_sha256 = ?3, briefing = ?4, briefing_lang = ?5
             WHERE case_id = ?1 AND seq = ?2",
            args![case_id, transition.seq, sha, briefing.pdf, briefing.lang],
        )?;
        append_audit(
            &tx,
            now,
            &actor,
            "briefing.approved",
            &format!("{case_id}/{}", transition.seq),
            &sha,
        )?;
        tx.commit()?;
        transition.briefing_sha256 = Some(sha);
        Ok(transition)
    }

    /// A case's lifecycle steps, oldest first.
    pub fn transitions(&self, case_id: &str) -> Result<Vec<Transition>> {
        self.db().query_vec(
            "SELECT case_id, seq, revision, from_status, to_status, decided_by, role, comment, at,
                    audit_hash, briefing_sha256, justification
             FROM case_transitions WHERE case_id = ?1 ORDER BY seq",
            args![case_id],
            transition_from_row,
        )
    }

    /// The frozen assessment of a decision, as JSON.
    pub fn decided_assessment(&self, case_id: &str, seq: i64) -> Result<Option<serde_json::Value>> {
        let text: Option<Option<String>> = self.db().query_opt(
            "SELECT assessment FROM case_transitions WHERE case_id = ?1 AND seq = ?2",
            args![case_id, seq],
            |r| r.get(0),
        )?;
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

    /// The approved briefing of a decision and its language, if one was stored.
    pub fn approved_briefing(&self, case_id: &str, seq: i64) -> Result<Option<(Vec<u8>, String)>> {
        let row: Option<(Option<Vec<u8>>, Option<String>)> = self.db().query_opt(
            "SELECT briefing, briefing_lang FROM case_transitions WHERE case_id = ?1 AND seq = ?2",
            args![case_id, seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(row.and_then(|(b, l)| Some((b?, l.unwrap_or_default()))))
    }

    /// The decision whose approved briefing has this SHA-256, if any.
    pub fn decision_by_briefing(&self, sha256: &str) -> Result<Option<Transition>> {
        self.db().query_opt(
            "SELECT case_id, seq, revision, from_status, to_status, decided_by, role, comment, at,
                    audit_hash, briefing_sha256, justification
             FROM case_transitions WHERE briefing_sha256 = ?1 ORDER BY at DESC LIMIT 1",
            args![sha256],
            transition_from_row,
        )
    }
}

/// Checks and records one step inside `tx`: the case's new state, a revision, the audit entry and the
/// step row (with the frozen assessment for a decision). Returns the step and the case as it was
/// before it.
fn take_step(
    tx: &dyn Sql,
    actor: &str,
    case_id: &str,
    to: CaseStatus,
    input: &TransitionInput,
    assessment: Option<&serde_json::Value>,
    now: DateTime<Utc>,
) -> Result<(Transition, Case)> {
    crate::rows::cases::lock_case(tx, case_id)?;
    let before = read_case(tx, case_id)?.ok_or_else(|| Error::UnknownCase {
        id: case_id.to_owned(),
    })?;
    let from = before.status;
    check_step(case_id, from, to, input).map_err(Error::invalid)?;
    let at = now.to_rfc3339();
    tx.execute(
        "UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1",
        args![case_id, to.as_str(), at],
    )?;
    let mut case = before.clone();
    case.status = to;
    case.updated_at = now;
    let revision = match record_revision(tx, &case, now, actor, "case.transition")? {
        Some(r) => r,
        None => tx.query_one(
            "SELECT max(revision) FROM case_revisions WHERE case_id = ?1",
            args![case_id],
            |r| r.get(0),
        )?,
    };
    let by = input.by.trim();
    let (role, comment, justification) = (input.role(), input.comment(), input.justification());
    let mut step = serde_json::json!({
        "case": case_id, "revision": revision, "from": from, "to": to,
        "by": by, "role": role, "comment": comment,
    });
    // The justification is part of what the step's audit entry seals. Added only when given, so
    // a step without one has the same payload (and digest) as before justifications existed.
    if let (Some(j), Some(fields)) = (&justification, step.as_object_mut()) {
        fields.insert("justification".into(), serde_json::Value::String(j.clone()));
    }
    let entry = append_audit(
        tx,
        now,
        by,
        &format!("case.{to}"),
        &format!("{case_id}#{revision}"),
        &sha256_hex(step.to_string().as_bytes()),
    )?;
    let seq: i64 = tx.query_one(
        "SELECT coalesce(max(seq), 0) + 1 FROM case_transitions WHERE case_id = ?1",
        args![case_id],
        |r| r.get(0),
    )?;
    let frozen = assessment
        .filter(|_| to.is_decision())
        .map(|a| a.to_string());
    tx.execute(
        "INSERT INTO case_transitions (case_id, seq, revision, from_status, to_status, decided_by,
             role, comment, at, audit_hash, assessment, justification)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        args![
            case_id,
            seq,
            revision,
            from.as_str(),
            to.as_str(),
            by,
            role,
            comment,
            at,
            entry.hash,
            frozen,
            justification
        ],
    )?;
    let transition = Transition {
        case_id: case_id.to_owned(),
        seq,
        revision,
        from,
        to,
        by: by.to_owned(),
        role,
        comment,
        justification,
        at,
        audit_hash: entry.hash,
        briefing_sha256: None,
    };
    Ok((transition, before))
}

fn transition_from_row(r: &SqlRow<'_>) -> Result<Transition> {
    Ok(Transition {
        case_id: r.get(0)?,
        seq: r.get(1)?,
        revision: r.get(2)?,
        from: columns::vocab(r, 3, "case_transitions.from_status", CaseStatus::parse)?,
        to: columns::vocab(r, 4, "case_transitions.to_status", CaseStatus::parse)?,
        by: r.get(5)?,
        role: r.get(6)?,
        comment: r.get(7)?,
        at: r.get(8)?,
        audit_hash: r.get(9)?,
        briefing_sha256: r.get(10)?,
        justification: r.get(11)?,
    })
}
