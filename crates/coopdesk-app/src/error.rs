//! The error every use case returns ([`DeskError`]), its codes, and how store and file errors become it.
//!
//! Both shells show it: the window receives it over IPC as JSON (`{code, message, problems}`, the
//! shape the UI's generated `IpcError` type describes), the command line prints its message and maps
//! its code to an exit code.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{Problem, Problems};
use coopdesk_store::Error as StoreError;

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
    /// An edited case was saved over a newer one (someone else saved it meanwhile); nothing written.
    #[serde(rename = "case.conflict")]
    CaseConflict,
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
    /// A team database's server could not be reached or refused the login (team mode).
    #[serde(rename = "db.unreachable")]
    DbUnreachable,
    /// A team database refused the action: the login lacks the role for it (team mode).
    #[serde(rename = "db.denied")]
    DbDenied,
    /// Anything else; a bug if it happens.
    #[serde(rename = "internal")]
    Internal,
}

/// What went wrong in a use case of the [`Desk`](crate::Desk): a code, a message and, for bad input,
/// every problem with its file and field.
///
/// The same value reaches both shells: the command line prints it, the window receives it over IPC,
/// where the UI's generated type keeps its first name `IpcError` (the wire shape never changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "IpcError")]
pub struct DeskError {
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

impl DeskError {
    /// An error without field-level problems.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        DeskError {
            code,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    /// One input problem: `message` about the field at `path` of `file`.
    pub fn at(file: &str, path: &str, message: String) -> Self {
        Self::invalid(vec![Problems::new(file, vec![Problem::at(path, message)])])
    }

    /// Input problems, from one or more files.
    pub fn invalid(all: Vec<Problems>) -> Self {
        let message = all
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        let problems = all
            .into_iter()
            .flat_map(|ps| {
                let file = ps.file;
                ps.problems.into_iter().map(move |problem| ProblemAt {
                    file: file.clone(),
                    problem,
                })
            })
            .collect();
        DeskError {
            code: ErrorCode::InputInvalid,
            message,
            problems,
        }
    }
}

impl std::fmt::Display for DeskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeskError {}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::SchemaTooNew { .. } => ErrorCode::DbTooNew,
            StoreError::Unusable { .. }
            | StoreError::Corrupt { .. }
            | StoreError::Unreadable { .. } => ErrorCode::DbUnusable,
            StoreError::UnknownCase { .. } | StoreError::UnknownRevision { .. } => {
                ErrorCode::CaseNotFound
            }
            StoreError::UnknownEntry { .. } => ErrorCode::RegistryNotFound,
            StoreError::Io { .. } => ErrorCode::IoFailed,
            // Like a busy database: someone else wrote first; looking again and retrying is the way out.
            StoreError::Busy | StoreError::Changed { .. } => ErrorCode::DbBusy,
            StoreError::Locked { .. } => ErrorCode::DbLocked,
            StoreError::WrongPassphrase { .. } => ErrorCode::DbWrongPassphrase,
            StoreError::WeakPassphrase { .. } => ErrorCode::InputInvalid,
            StoreError::Sqlite(_) | StoreError::NoRow { .. } => ErrorCode::Internal,
            // What a team database cannot do yet is a request the tool refuses, not a fault.
            StoreError::NotOnTeamDatabase => ErrorCode::InputInvalid,
            StoreError::Invalid(_) => ErrorCode::InputInvalid,
            StoreError::BadTarget(_) => ErrorCode::InputInvalid,
            StoreError::Conflict { .. } => ErrorCode::CaseConflict,
            StoreError::Team { .. } => ErrorCode::DbUnreachable,
            StoreError::TeamDenied { .. } => ErrorCode::DbDenied,
        };
        match e {
            StoreError::Invalid(all) => DeskError::invalid(all),
            other => DeskError::new(code, other.to_string()),
        }
    }
}

/// An IO error on a named path.
pub(crate) fn io_error(what: &str, path: &std::path::Path, e: &std::io::Error) -> DeskError {
    DeskError::new(
        ErrorCode::IoFailed,
        format!("{what} {}: {e}", path.display()),
    )
}
