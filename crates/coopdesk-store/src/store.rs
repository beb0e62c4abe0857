//! The store: one open, migrated connection to a case database, and who the audit log names.
//!
//! Its use cases are `impl Store` blocks in the modules named for what they touch (`cases`,
//! `registry`, `history`, `lifecycle`, …); opening is in `open`.

use std::path::PathBuf;

use rusqlite::Connection;

use crate::keys::Passphrase;

/// An open, migrated case database.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: Option<PathBuf>,
    /// Who the audit log names for changes (see [`Store::set_actor`]).
    pub(crate) actor: String,
    /// The passphrase of an encrypted database; backups are encrypted with it too.
    pub(crate) key: Option<Passphrase>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}
