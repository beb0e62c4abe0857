//! Lifecycle steps and sign-off, case history with field-level differences, and the audit log.

use coopdesk_assess::report::render;
use coopdesk_assess::{Assessment, Lang};
use coopdesk_core::diff::json_changes;
use coopdesk_core::{CaseStatus, Problem, Problems};

use crate::Desk;
use crate::api::{
    AuditEntry, AuditVerdict, BackupCheck, CaseHistory, DeskError, ErrorCode, RevisionChanges,
    TransitionInput, TransitionOutcome,
};
use crate::briefing::approved_briefing;
use crate::recorded::recorded;

/// The name of the signed-in user of this computer, which the audit log records for changes.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}

impl Desk {
    /// Moves a case through its lifecycle. A decision (approve, approve with conditions, decline) is
    /// the sign-off: it freezes the assessment as it stands, in `lang`, with the step. A decision on
    /// a provisional assessment (key questions unanswered) needs `input.justification`; without one
    /// it is refused (`input.invalid` at `justification`, naming the open questions) and nothing
    /// changes.
    pub fn transition(
        &self,
        case_id: &str,
        to: CaseStatus,
        input: &TransitionInput,
        lang: Lang,
    ) -> Result<TransitionOutcome, DeskError> {
        let signed;
        let input = if self.store().is_team() {
            signed = TransitionInput {
                by: self.signer(&input.by)?,
                ..input.clone()
            };
            &signed
        } else {
            input
        };
        let mut store = self.store();
        if !to.is_decision() {
            let transition = store.transition(case_id, to, input, self.now())?;
            return Ok(TransitionOutcome { transition });
        }
        let snapshot = self.snapshot(&store, case_id)?;
        // Deciding on a provisional assessment (key questions unanswered) is allowed, but only with
        // a written reason: the levels rest on the evidence at hand, and whoever reads the decision
        // later must see why it could not wait. Refused before anything is written. A step the
        // lifecycle does not allow is refused by the store with its own message.
        let a = &snapshot.assessment;
        let justified = input
            .justification
            .as_deref()
            .is_some_and(|j| !j.trim().is_empty());
        let allowed = snapshot.case.status.next().contains(&to);
        if allowed && a.provisional && !justified {
            return Err(unjustified(case_id, a));
        }
        let report = render(a, &snapshot.template, lang);
        let frozen = serde_json::to_value(&report).map_err(|e| {
            DeskError::new(
                ErrorCode::Internal,
                format!("cannot freeze the assessment: {e}"),
            )
        })?;
        // One transaction: the step, the frozen assessment and the approved briefing (rendered inside
        // it, for the step as it will be committed) are stored together or not at all.
        let transition = store.decide(
            case_id,
            to,
            input,
            &snapshot.case,
            &frozen,
            self.now(),
            |t| approved_briefing(&snapshot, t, lang, self.today()),
        )?;
        store.record_assessments(&[recorded(case_id, &snapshot.assessment)])?;
        Ok(TransitionOutcome { transition })
    }

    /// A case's history: every revision with its field-level changes, and its lifecycle steps.
    pub fn case_history(&self, case_id: &str) -> Result<CaseHistory, DeskError> {
        let store = self.store();
        let rows = store.revisions(case_id)?;
        let mut revisions = Vec::with_capacity(rows.len());
        let mut previous = serde_json::Value::Object(Default::default());
        for row in rows {
            let doc = store.revision_document(case_id, row.revision)?;
            let changes = json_changes(&previous, &doc)
                .into_iter()
                // A field that appears empty in the first revision is no news.
                .filter(|c| c.before.is_some() || !is_empty(c.after.as_ref()))
                .collect();
            revisions.push(RevisionChanges {
                revision: row,
                changes,
            });
            previous = doc;
        }
        revisions.reverse();
        Ok(CaseHistory {
            case_id: case_id.to_owned(),
            revisions,
            transitions: store.transitions(case_id)?,
        })
    }

    /// Writes a backup (SQLite's online backup API) to `target`, or into the backup folder beside the
    /// database when `None`, and checks it.
    pub fn backup(&self, target: Option<&std::path::Path>) -> Result<BackupCheck, DeskError> {
        Ok(self.store().backup_now(target, self.now())?)
    }

    /// Replaces the database's content with a checked backup; the current content is kept as a safety
    /// copy in the backup folder. A damaged, foreign or newer file is refused and changes nothing.
    pub fn restore(&self, file: &std::path::Path) -> Result<BackupCheck, DeskError> {
        Ok(self.store().restore_from(file, self.now())?)
    }

    /// Checks the audit chain.
    pub fn verify_audit(&self) -> Result<AuditVerdict, DeskError> {
        Ok(self.store().verify_audit()?)
    }

    /// The audit log, or the entries about one case.
    pub fn audit_log(&self, case_id: Option<&str>) -> Result<Vec<AuditEntry>, DeskError> {
        Ok(self.store().audit_entries(case_id)?)
    }
}

/// The refusal of a decision on a provisional assessment without a justification: which key
/// questions are open, at the path of the missing field.
fn unjustified(case_id: &str, a: &Assessment) -> DeskError {
    let n = a.open_key_questions.len();
    let message = format!(
        "the assessment is provisional: {n} key question{} open ({}); answer {} in the checklist, or give a written justification for deciding now",
        if n == 1 { " is" } else { "s are" },
        a.open_key_questions.join(", "),
        if n == 1 { "it" } else { "them" },
    );
    DeskError::invalid(vec![Problems::new(
        case_id,
        vec![Problem::at("justification", message)],
    )])
}

fn is_empty(v: Option<&serde_json::Value>) -> bool {
    match v {
        None | Some(serde_json::Value::Null) => true,
        Some(serde_json::Value::String(s)) => s.is_empty(),
        Some(serde_json::Value::Array(a)) => a.is_empty(),
        Some(serde_json::Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    }
}
