//! The store: one open, migrated connection to a case database, and who the audit log names.
//!
//! Its use cases are `impl Store` blocks in the modules named for what they touch (`cases`,
//! `registry`, `history`, `lifecycle`, …); opening is in `open` (and `team` for a team database).

use std::path::PathBuf;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;
use crate::keys::Passphrase;
use crate::sql::{Sql, Tx};

/// The engine a store's database lives in.
pub(crate) enum Backend {
    /// The embedded SQLite file (or an in-memory database in tests).
    Sqlite(Connection),
    /// An office's team database on a PostgreSQL server.
    #[cfg(feature = "team")]
    Team(Box<crate::sql::postgres::PgConn>),
}

/// An open, migrated case database.
pub struct Store {
    pub(crate) backend: Backend,
    pub(crate) path: Option<PathBuf>,
    /// Who the audit log names for changes (see [`Store::set_actor`]). On a team database the server
    /// records the login instead, and this holds the login's name.
    pub(crate) actor: String,
    /// The passphrase of an encrypted database; backups are encrypted with it too.
    pub(crate) key: Option<Passphrase>,
    /// A team database opened by a reader: the assessment cache is not written back (the server
    /// would refuse it; see [`Store::set_reads_only`]).
    pub(crate) reads_only: bool,
}

impl Backend {
    /// Statements on the database, whichever engine holds it.
    pub(crate) fn db(&self) -> &dyn Sql {
        match self {
            Backend::Sqlite(c) => c,
            #[cfg(feature = "team")]
            Backend::Team(c) => &**c,
        }
    }

    /// Starts a write transaction: SQLite's `BEGIN IMMEDIATE` (writers queue for the file's lock
    /// before reading what they change), PostgreSQL's `READ COMMITTED`.
    pub(crate) fn write(&mut self) -> Result<Tx<'_>> {
        match self {
            Backend::Sqlite(c) => Ok(Tx::Sqlite(
                c.transaction_with_behavior(TransactionBehavior::Immediate)?,
            )),
            #[cfg(feature = "team")]
            Backend::Team(c) => Ok(Tx::Postgres(c.begin()?)),
        }
    }

    /// Starts a transaction that only reads, so that every statement sees the same state of the
    /// database while others write; `None` inside a transaction already (whose state it then sees).
    /// Statements go through [`Backend::db`] as usual: a transaction belongs to the connection.
    pub(crate) fn read(&self) -> Result<Option<Tx<'_>>> {
        match self {
            Backend::Sqlite(c) if !c.is_autocommit() => Ok(None),
            Backend::Sqlite(c) => Ok(Some(Tx::Sqlite(c.unchecked_transaction()?))),
            #[cfg(feature = "team")]
            Backend::Team(c) if c.in_transaction() => Ok(None),
            #[cfg(feature = "team")]
            Backend::Team(c) => Ok(Some(Tx::Postgres(c.begin_reading()?))),
        }
    }

    /// The SQLite connection, for what only the embedded database does (backups, encryption,
    /// pragmas) or what has not moved to [`Backend::db`] yet; on a team database
    /// [`Error::NotOnTeamDatabase`].
    pub(crate) fn sqlite(&self) -> Result<&Connection> {
        match self {
            Backend::Sqlite(c) => Ok(c),
            #[cfg(feature = "team")]
            Backend::Team(_) => Err(crate::error::Error::NotOnTeamDatabase),
        }
    }

    /// Like [`Backend::sqlite`], for what needs the connection mutably (a transaction).
    pub(crate) fn sqlite_mut(&mut self) -> Result<&mut Connection> {
        match self {
            Backend::Sqlite(c) => Ok(c),
            #[cfg(feature = "team")]
            Backend::Team(_) => Err(crate::error::Error::NotOnTeamDatabase),
        }
    }
}

impl Store {
    /// Statements on the database, whichever engine holds it.
    pub(crate) fn db(&self) -> &dyn Sql {
        self.backend.db()
    }

    /// The SQLite connection (see [`Backend::sqlite`]).
    pub(crate) fn sqlite(&self) -> Result<&Connection> {
        self.backend.sqlite()
    }

    /// Marks the store as one whose login only reads (a reader on a team database): what the store
    /// writes only as a cache of what it computed — the recorded overall levels — is then left as it
    /// is instead of failing the read that computed it. Every other write is still attempted, and
    /// the server refuses it.
    pub fn set_reads_only(&mut self, reads_only: bool) {
        self.reads_only = reads_only;
    }

    /// Whether the database is a team database on a PostgreSQL server.
    pub fn is_team(&self) -> bool {
        match &self.backend {
            Backend::Sqlite(_) => false,
            #[cfg(feature = "team")]
            Backend::Team(_) => true,
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("team", &self.is_team())
            .finish_non_exhaustive()
    }
}
