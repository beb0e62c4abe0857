//! Briefings written and approved briefings verified.

use coopdesk_store::Transition;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A PDF written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PdfWritten {
    /// Where.
    pub path: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The approved briefing recorded with the case's decision (rather than a fresh rendering).
    pub approved: bool,
}

/// What `coopdesk verify FILE.pdf` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifyOutcome {
    /// The file checked.
    pub file: String,
    /// Its SHA-256.
    pub sha256: String,
    /// It is, byte for byte, the approved briefing of a decision in this database.
    pub approved: bool,
    /// The decision it belongs to.
    #[ts(optional)]
    pub decision: Option<Transition>,
    /// The case is still in the state that decision put it in (not reopened since).
    pub current: bool,
}
