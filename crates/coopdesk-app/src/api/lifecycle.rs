//! Lifecycle steps, revisions and the audit log as the window and `--json` see them.

use coopdesk_core::diff::FieldChange;
pub use coopdesk_core::lifecycle::TransitionInput;
pub use coopdesk_store::{AuditEntry, AuditVerdict, BackupCheck, RevisionRow, Transition};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a lifecycle step did.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TransitionOutcome {
    /// The recorded step.
    pub transition: Transition,
}

/// One revision of a case with what changed since the one before.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RevisionChanges {
    /// The revision.
    pub revision: RevisionRow,
    /// Fields that differ from the previous revision (for the first: every field that has a value).
    pub changes: Vec<FieldChange>,
}

/// A case's history: its revisions with field-level changes, newest first, and its lifecycle steps.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CaseHistory {
    /// Case id.
    pub case_id: String,
    /// Revisions, newest first.
    pub revisions: Vec<RevisionChanges>,
    /// Lifecycle steps (submissions, decisions, reopenings), oldest first.
    pub transitions: Vec<Transition>,
}
