//! Types that cross the boundary to the UI (over Tauri IPC) and to `--json` output.
//!
//! Every type here derives `ts_rs::TS`; `cargo xtask gen-types` writes them to `ui/src/lib/gen/`, and
//! the `generated_types_are_current` test fails when the committed files drift from these definitions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{Case, CaseStatus, Facility, Organisation, Problem};

pub use coopdesk_store::{
    Bucket, BucketCount, CasePage, CaseQuery, CaseRow, CaseSort, Dashboard, FacilityInput,
    LevelCount, LevelGroup, OPEN_STATUSES, OrganisationInput, StatusCount, TOP_GROUPS,
};

/// A case with the registry entries it refers to, as the editor needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseView {
    /// The case.
    pub case: Case,
    /// Every organisation the case refers to, with their parents.
    pub organisations: Vec<Organisation>,
    /// The facility, if one is set.
    pub facility: Option<Facility>,
}

/// Where the database is and what it holds; shown in the app's "About this database" panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DbInfo {
    /// Absolute path of the database file.
    pub path: String,
    /// Folder where automatic backups are written.
    pub backups_dir: String,
    /// Schema version of the open database.
    pub schema_version: i64,
    /// Number of cases.
    pub case_count: i64,
    /// Whether this is the built-in demo database.
    pub demo: bool,
    /// Whether the database is encrypted at rest (SQLCipher).
    pub encrypted: bool,
}

/// Result of importing case files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    /// Ids of the imported cases, in file order.
    pub ids: Vec<String>,
}

/// Stable error codes. The UI branches on these and shows translated text; the CLI maps them to exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ErrorCode {
    /// A case id that does not exist.
    #[serde(rename = "case.not_found")]
    CaseNotFound,
    /// An organisation or facility id that does not exist.
    #[serde(rename = "registry.not_found")]
    RegistryNotFound,
    /// Input that breaks the rules; `problems` says where.
    #[serde(rename = "input.invalid")]
    InputInvalid,
    /// A bundle holds cases that differ from stored cases of the same id; `problems` names each,
    /// and importing again with a choice (keep, replace, copy) resolves them.
    #[serde(rename = "bundle.conflict")]
    BundleConflict,
    /// A file could not be read or written.
    #[serde(rename = "io.failed")]
    IoFailed,
    /// The database was written by a newer version of Cooperation Desk.
    #[serde(rename = "db.too_new")]
    DbTooNew,
    /// The database file is damaged or is not a Cooperation Desk database.
    #[serde(rename = "db.unusable")]
    DbUnusable,
    /// The database is busy (another process holds a lock for too long).
    #[serde(rename = "db.busy")]
    DbBusy,
    /// The database is encrypted and waits for its passphrase.
    #[serde(rename = "db.locked")]
    DbLocked,
    /// The passphrase given does not open the database.
    #[serde(rename = "db.wrong_passphrase")]
    DbWrongPassphrase,
    /// Anything else; a bug if it happens.
    #[serde(rename = "internal")]
    Internal,
}

impl ErrorCode {
    /// Every code, in declaration order (the UI gets this list generated into `vocabularies.ts`).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::CaseNotFound,
        ErrorCode::RegistryNotFound,
        ErrorCode::InputInvalid,
        ErrorCode::BundleConflict,
        ErrorCode::IoFailed,
        ErrorCode::DbTooNew,
        ErrorCode::DbUnusable,
        ErrorCode::DbBusy,
        ErrorCode::DbLocked,
        ErrorCode::DbWrongPassphrase,
        ErrorCode::Internal,
    ];

    /// The dotted code string.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::CaseNotFound => "case.not_found",
            ErrorCode::RegistryNotFound => "registry.not_found",
            ErrorCode::InputInvalid => "input.invalid",
            ErrorCode::BundleConflict => "bundle.conflict",
            ErrorCode::IoFailed => "io.failed",
            ErrorCode::DbTooNew => "db.too_new",
            ErrorCode::DbUnusable => "db.unusable",
            ErrorCode::DbBusy => "db.busy",
            ErrorCode::DbLocked => "db.locked",
            ErrorCode::DbWrongPassphrase => "db.wrong_passphrase",
            ErrorCode::Internal => "internal",
        }
    }

    /// Whether the error is the user's to fix (exit status 1) rather than a fault of the program.
    pub fn is_user_error(self) -> bool {
        !matches!(self, ErrorCode::Internal)
    }
}

/// The one error type that crosses to the UI and to `--json` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// Stable code.
    pub code: ErrorCode,
    /// English description with the full cause chain.
    pub message: String,
    /// Field-level problems, for `input.invalid`.
    pub problems: Vec<ProblemAt>,
}

/// A problem with the file (or case) it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProblemAt {
    /// File name or case id.
    pub file: String,
    /// The problem.
    #[serde(flatten)]
    pub problem: Problem,
}

/// Statuses offered in the case list filter, in lifecycle order.
pub fn statuses() -> &'static [CaseStatus] {
    CaseStatus::ALL
}
