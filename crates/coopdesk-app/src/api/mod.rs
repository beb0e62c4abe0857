//! Every type that crosses the boundary: to the window (over Tauri IPC) and to `--json` output.
//!
//! Both shells import their types from here and nothing else of the use cases' modules, which hold
//! behaviour only. Every type derives `ts_rs::TS`; `cargo xtask gen-types` writes them to
//! `ui/src/lib/gen/`, and the `generated_types_are_current` test fails when the committed files drift
//! from these definitions. Submodules group them by use case; all are re-exported here.

pub mod actions;
pub mod assessment;
pub mod briefing;
pub mod bundles;
pub mod encryption;
pub mod lifecycle;
pub mod publications;
pub mod register;
pub mod screening;
pub mod workshop;

pub use actions::*;
pub use assessment::*;
pub use briefing::*;
pub use bundles::*;
pub use encryption::*;
pub use lifecycle::*;
pub use publications::*;
pub use register::*;
pub use screening::*;
pub use workshop::*;

pub use crate::error::{DeskError, ErrorCode, ProblemAt};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{Case, CaseStatus, Facility, Organisation};

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
    /// On a team database: where and as whom (then `path` is the server's address and
    /// `backups_dir` is empty: the server's backups are `pg_dump`'s).
    pub team: Option<TeamInfo>,
}

/// Where a team database is and as whom the window or command works in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamInfo {
    /// The register: `dbname@host:port` (never the password).
    pub server: String,
    /// The login.
    pub login: String,
    /// Its Cooperation Desk role: `reader`, `officer` or `director`.
    pub role: Option<String>,
}

/// Result of importing case files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    /// Ids of the imported cases, in file order.
    pub ids: Vec<String>,
}

impl ErrorCode {
    /// Every code, in declaration order (the UI gets this list generated into `vocabularies.ts`).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::CaseNotFound,
        ErrorCode::RegistryNotFound,
        ErrorCode::InputInvalid,
        ErrorCode::BundleConflict,
        ErrorCode::CaseConflict,
        ErrorCode::IoFailed,
        ErrorCode::DbTooNew,
        ErrorCode::DbUnusable,
        ErrorCode::DbBusy,
        ErrorCode::DbLocked,
        ErrorCode::DbWrongPassphrase,
        ErrorCode::DbUnreachable,
        ErrorCode::DbDenied,
        ErrorCode::Internal,
    ];

    /// The dotted code string.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::CaseNotFound => "case.not_found",
            ErrorCode::RegistryNotFound => "registry.not_found",
            ErrorCode::InputInvalid => "input.invalid",
            ErrorCode::BundleConflict => "bundle.conflict",
            ErrorCode::CaseConflict => "case.conflict",
            ErrorCode::IoFailed => "io.failed",
            ErrorCode::DbTooNew => "db.too_new",
            ErrorCode::DbUnusable => "db.unusable",
            ErrorCode::DbBusy => "db.busy",
            ErrorCode::DbLocked => "db.locked",
            ErrorCode::DbWrongPassphrase => "db.wrong_passphrase",
            ErrorCode::DbUnreachable => "db.unreachable",
            ErrorCode::DbDenied => "db.denied",
            ErrorCode::Internal => "internal",
        }
    }

    /// Whether the error is the user's to fix (exit status 1) rather than a fault of the program.
    pub fn is_user_error(self) -> bool {
        !matches!(self, ErrorCode::Internal)
    }
}

/// Statuses offered in the case list filter, in lifecycle order.
pub fn statuses() -> &'static [CaseStatus] {
    CaseStatus::ALL
}
