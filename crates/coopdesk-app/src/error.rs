//! Turning store and file errors into the boundary's [`IpcError`].

use coopdesk_core::Problems;
use coopdesk_store::Error as StoreError;

use crate::api::{ErrorCode, IpcError, ProblemAt};

impl IpcError {
    /// An error without field-level problems.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
            problems: Vec::new(),
        }
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
        IpcError {
            code: ErrorCode::InputInvalid,
            message,
            problems,
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IpcError {}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::SchemaTooNew { .. } => ErrorCode::DbTooNew,
            StoreError::Unusable { .. } | StoreError::Corrupt { .. } => ErrorCode::DbUnusable,
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
            StoreError::Sqlite(_) => ErrorCode::Internal,
            StoreError::Invalid(_) => ErrorCode::InputInvalid,
        };
        match e {
            StoreError::Invalid(all) => IpcError::invalid(all),
            other => IpcError::new(code, other.to_string()),
        }
    }
}

/// An IO error on a named path.
pub(crate) fn io_error(what: &str, path: &std::path::Path, e: &std::io::Error) -> IpcError {
    IpcError::new(
        ErrorCode::IoFailed,
        format!("{what} {}: {e}", path.display()),
    )
}
