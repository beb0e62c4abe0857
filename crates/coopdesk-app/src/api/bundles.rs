//! Case bundles exchanged between offices: what an export wrote and what an import did.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to do with a bundled case that differs from the stored case of the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OnConflict {
    /// Keep the stored case; the bundled one is not imported.
    Keep,
    /// Replace the stored case with the bundled one (a new revision; history is kept).
    Replace,
    /// Import the bundled case as a new case with a new id.
    Copy,
}

/// What happened to one bundled case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseTakeOver {
    /// Added under its own id.
    Added,
    /// Replaced the stored case of the same id.
    Replaced,
    /// Added as a copy under a new id.
    Copied,
    /// The stored case of the same id was kept.
    Kept,
    /// The stored case is the same; nothing to do.
    Unchanged,
}

/// One bundled case after the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BundleCaseOutcome {
    /// Its id in the bundle.
    pub source_id: String,
    /// Its id here (for a copy, the new one).
    pub id: String,
    /// Its title.
    pub title: String,
    /// What happened to it.
    pub outcome: CaseTakeOver,
}

/// The result of importing a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BundleImportOutcome {
    /// The bundle file.
    pub file: String,
    /// Who wrote it and when.
    pub exported_by: String,
    /// When it was written (RFC 3339).
    pub exported_at: String,
    /// Every case, in bundle order.
    pub cases: Vec<BundleCaseOutcome>,
}

/// A bundle written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BundleWritten {
    /// The file.
    pub file: String,
    /// The cases in it.
    pub ids: Vec<String>,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256.
    pub sha256: String,
}
