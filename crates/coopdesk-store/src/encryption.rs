//! Encryption at rest (SQLCipher), for laptops taken to workshops.
//!
//! A database is either plain (an ordinary SQLite file) or encrypted with a passphrase; SQLCipher
//! derives the page key from it (PBKDF2-HMAC-SHA512) and encrypts every page, the WAL and the
//! backups. Which one a file is shows in its first 16 bytes: a plain database starts with SQLite's
//! magic header, an encrypted one with random salt.
//!
//! Turning encryption on, off, or changing the passphrase writes a complete new copy of the
//! database with `sqlcipher_export` beside the old one, checks it, and only then renames it over the
//! old file, so an interrupted change leaves the old database as it was. The backups in the backup
//! folder are converted the same way: a data-protection officer expects no readable copy to stay
//! behind when encryption is turned on, and no copy that needs a forgotten passphrase when it is
//! turned off.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backups::backups_dir;
use crate::error::{Error, Result};
use crate::keys::{Passphrase, export_copy, open_existing, sync_folder, writable};
use crate::rows::audit::append_audit;
use crate::store::Store;

/// What turning encryption on or off, or changing the passphrase, did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EncryptionChange {
    /// Whether the database is encrypted now.
    pub encrypted: bool,
    /// Backups in the backup folder converted along with it.
    pub backups_converted: u32,
    /// Backups that could not be converted (damaged, or from another passphrase), each with the
    /// reason; they were left as they were.
    pub backups_left: Vec<String>,
}

impl Store {
    /// Whether the database is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `given` is the passphrase the database was opened with (both `None` for a plain one).
    pub fn passphrase_matches(&self, given: Option<&Passphrase>) -> bool {
        self.key.as_ref() == given
    }

    /// Encrypts the database with `new` (or decrypts it when `None`, or changes the passphrase when
    /// it is already encrypted), together with its backups, and records the change in the audit log.
    ///
    /// The caller makes sure no other connection to the database is open (the window lock); if one
    /// is, the change is refused and nothing is changed.
    pub fn change_encryption(
        &mut self,
        new: Option<Passphrase>,
        now: DateTime<Utc>,
    ) -> Result<EncryptionChange> {
        let path = self
            .path()
            .map(Path::to_owned)
            .ok_or_else(|| Error::Unusable {
                path: PathBuf::from(":memory:"),
                reason: "an in-memory database cannot be encrypted".into(),
            })?;
        if let Some(reason) = new.as_ref().and_then(Passphrase::weakness) {
            return Err(Error::WeakPassphrase { reason });
        }
        if new.is_none() && self.key.is_none() {
            return Ok(EncryptionChange {
                encrypted: false,
                backups_converted: 0,
                backups_left: Vec::new(),
            });
        }
        let action = match (&self.key, &new) {
            (None, Some(_)) => "db.encryption.on",
            (Some(_), None) => "db.encryption.off",
            _ => "db.encryption.passphrase",
        };
        let converted = sibling(&path, ".new");
        let result = export_copy(self.sqlite()?, &converted, new.as_ref())
            .and_then(|()| self.swap_in(&path, &converted, new.clone(), now));
        if let Err(e) = result {
            let _ = std::fs::remove_file(&converted);
            return Err(e);
        }
        // Recorded in the converted database. The digest is empty: the passphrase leaves no trace.
        append_audit(
            self.sqlite()?,
            now,
            &self.actor,
            action,
            &path.display().to_string(),
            "",
        )?;
        let old = std::mem::replace(&mut self.key, new);
        let (backups_converted, backups_left) =
            convert_backups(&path, old.as_ref(), self.key.as_ref());
        Ok(EncryptionChange {
            encrypted: self.key.is_some(),
            backups_converted,
            backups_left,
        })
    }

    /// Closes the connection, renames the converted copy over the database and opens it with `key`.
    fn swap_in(
        &mut self,
        path: &Path,
        converted: &Path,
        key: Option<Passphrase>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let old = std::mem::replace(self.backend.sqlite_mut()?, Connection::open_in_memory()?);
        // Closing the last connection checkpoints the WAL and deletes it. A WAL that is still there
        // means another process has the database open: its later writes would be lost, so stop.
        drop(old);
        let wal = sibling(path, "-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            let reopened = Store::open_keyed(path, now, self.key.as_ref())?;
            self.backend = reopened.backend;
            return Err(Error::Busy);
        }
        let _ = std::fs::remove_file(&wal);
        let _ = std::fs::remove_file(sibling(path, "-shm"));
        std::fs::rename(converted, path).map_err(|source| Error::Io {
            what: "cannot replace",
            path: path.to_owned(),
            source,
        })?;
        sync_folder(path);
        let reopened = Store::open_keyed(path, now, key.as_ref())?;
        self.backend = reopened.backend;
        Ok(())
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Converts every backup of the database at `db` from the `old` key to the `new` one. Returns how
/// many were converted and which were left, with why.
fn convert_backups(
    db: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> (u32, Vec<String>) {
    let dir = backups_dir(db);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (0, Vec::new());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .collect();
    files.sort();
    let mut converted = 0;
    let mut left = Vec::new();
    for file in files {
        let outcome =
            open_existing(&file, old, writable()).and_then(|conn| export_copy(&conn, &file, new));
        match outcome {
            Ok(()) => converted += 1,
            Err(e) => left.push(format!("{}: {e}", file.display())),
        }
    }
    (converted, left)
}
