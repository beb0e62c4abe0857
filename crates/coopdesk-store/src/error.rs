//! Errors of the store, in domain terms.

use std::path::PathBuf;

use coopdesk_core::Problems;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database was written by a newer Cooperation Desk.
    #[error(
        "{path} has schema version {found}, but this Cooperation Desk supports up to version {supported}; \
         open it with a newer version (the file was left untouched)"
    )]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The file is not a Cooperation Desk database, or SQLite cannot read it.
    #[error("{path} is not a usable Cooperation Desk database: {reason}")]
    Unusable {
        /// The database file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The database is encrypted and no passphrase was given.
    #[error("{path} is encrypted (or is not a database at all); enter its passphrase to open it")]
    Locked {
        /// The database file.
        path: PathBuf,
    },
    /// The passphrase does not open the database (or the file is not a database at all).
    #[error(
        "the passphrase does not open {path} (check it and try again; if it is right, the file is not an encrypted Cooperation Desk database); the file was left untouched"
    )]
    WrongPassphrase {
        /// The database file.
        path: PathBuf,
    },
    /// A new passphrase that is too weak to encrypt with.
    #[error("{reason}")]
    WeakPassphrase {
        /// Why.
        reason: String,
    },
    /// No case with this id.
    #[error("no case with id \"{id}\"")]
    UnknownCase {
        /// The id asked for.
        id: String,
    },
    /// No organisation, facility or template with this id.
    #[error("no {what} with id \"{id}\"")]
    UnknownEntry {
        /// "organisation", "facility" or "template".
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// Input that breaks the rules: the problems of each file (or edited entry) concerned.
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problems>),
    /// A file operation around the database failed (creating its folder, writing a backup).
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The database stayed locked by another process longer than the busy timeout.
    #[error("the database is busy (another Cooperation Desk process is writing); try again")]
    Busy,
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A revision number the case does not have.
    #[error("case {id} has no revision {revision}")]
    UnknownRevision {
        /// Case id.
        id: String,
        /// The revision asked for.
        revision: i64,
    },
    /// The case changed between reading it for a decision and taking the decision (another process
    /// wrote to it): what would be signed is not what was read.
    #[error(
        "case {id} changed while the decision was being prepared; look at it again and decide again"
    )]
    Changed {
        /// Case id.
        id: String,
    },
    /// An edited case was saved over a newer one: someone else saved the case after the editor read
    /// it. Nothing was written; the editor reloads the case and applies its changes again.
    #[error(
        "case {id} was changed by {by} at {at} (revision {revision}{}) after you opened it; your changes were not saved: open the case again and re-apply them",
        if fields.is_empty() { String::new() } else { format!(": {}", fields.join(", ")) }
    )]
    Conflict {
        /// Case id.
        id: String,
        /// The newer revision.
        revision: i64,
        /// Who saved it.
        by: String,
        /// When (RFC 3339).
        at: String,
        /// The case's fields it changed since the editor's copy (top-level names), when known.
        fields: Vec<String>,
    },
    /// A `--db` value that looks like a PostgreSQL URI but cannot be used.
    #[error(transparent)]
    BadTarget(#[from] crate::target::TargetError),
    /// The team database's server could not be reached, refused the login, or reported an error.
    #[error("team database {target}: {reason}")]
    Team {
        /// Where and as whom (never the password).
        target: String,
        /// What the server or the connection said.
        reason: String,
    },
    /// The team database's server refused an action for lack of a role (SQLSTATE 42501): the login
    /// is not a director, not an officer, or the audit log was to be changed.
    #[error("team database {target} refused: {reason}")]
    TeamDenied {
        /// Where and as whom.
        target: String,
        /// The server's message.
        reason: String,
    },
    /// What was asked works on the embedded SQLite database only so far (or only ever: backups and
    /// encryption are the server's business on a team database).
    #[error(
        "this works on a desktop database only; on a team database it is not available yet (see docs/design/team-mode.md)"
    )]
    NotOnTeamDatabase,
    /// A stored value outside its column's vocabulary or format (a damaged or hand-edited database).
    #[error("database error: {column} holds \"{value}\", which is not {expected}")]
    Unreadable {
        /// `table.column`.
        column: String,
        /// The value as stored.
        value: String,
        /// What it should be.
        expected: &'static str,
    },
    /// A query that always returns a row returned none (a damaged database, or a row deleted under us).
    #[error("database error: no row from `{statement}`")]
    NoRow {
        /// The statement's first line.
        statement: String,
    },
    /// Stored JSON that does not read back (a damaged or hand-edited database).
    #[error("stored data in {table}.{column} for {id} does not read back: {source}")]
    Corrupt {
        /// Table.
        table: &'static str,
        /// Column.
        column: &'static str,
        /// Row id.
        id: String,
        /// The cause.
        source: serde_json::Error,
    },
}

impl Error {
    /// Input problems of one file or entry.
    pub fn invalid(problems: Problems) -> Self {
        Error::Invalid(vec![problems])
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            _ => Error::Sqlite(e),
        }
    }
}

/// Result with the store's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn join_problems(all: &[Problems]) -> String {
    all.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
