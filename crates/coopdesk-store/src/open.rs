//! Opening a case database: the only way to a connection.
//!
//! Order matters. The file's version and identity are checked *before* anything is written (setting
//! WAL mode writes the header), so a database from a newer version, or some other program's SQLite
//! file, is refused and left byte-for-byte untouched. An existing database is backed up with SQLite's
//! online backup API before it is migrated.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::backups::backups_dir;
use crate::backups::{backup, prune_backups};
use crate::error::{Error, Result};
use crate::keys::{Passphrase, apply_key, check_key, is_encrypted};
use crate::migrate::{self, APPLICATION_ID, LATEST_VERSION};
use crate::store::{Backend, Store};

/// How long a writer waits for another process's lock before giving up with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How many pre-migration backups are kept per database.
pub const KEEP_MIGRATION_BACKUPS: usize = 5;

impl Store {
    /// Runs `f` inside one read transaction, so that everything it reads comes from the same state of
    /// the database even while another process writes. Inside a transaction already, `f` simply
    /// runs in it. `f` only reads.
    pub fn reading<T, E: From<Error>>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let Some(tx) = self.backend.read()? else {
            return f(self);
        };
        let out = f(self)?;
        tx.commit()?;
        Ok(out)
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// `now` names the pre-migration backup, if one is taken.
    pub fn open(path: &Path, now: DateTime<Utc>) -> Result<Store> {
        Self::open_keyed(path, now, None)
    }

    /// Like [`Store::open`], for a database that may be encrypted: `key` opens an encrypted one
    /// (and encrypts a new one); it is ignored for an existing plain database. An encrypted database
    /// without a key is [`Error::Locked`], with a key that does not fit [`Error::WrongPassphrase`];
    /// neither changes the file.
    pub fn open_keyed(path: &Path, now: DateTime<Utc>, key: Option<&Passphrase>) -> Result<Store> {
        Self::open_at_version_keyed(path, now, LATEST_VERSION, key)
    }

    /// Like [`Store::open`] but migrates only up to `target`; tests use it to build databases of
    /// every released schema version.
    pub fn open_at_version(path: &Path, now: DateTime<Utc>, target: i64) -> Result<Store> {
        Self::open_at_version_keyed(path, now, target, None)
    }

    fn open_at_version_keyed(
        path: &Path,
        now: DateTime<Utc>,
        target: i64,
        key: Option<&Passphrase>,
    ) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                what: "cannot create the folder for",
                path: path.to_owned(),
                source,
            })?;
        }
        let unusable = |reason: String| Error::Unusable {
            path: path.to_owned(),
            reason,
        };
        // The key only where it belongs: an encrypted file, or a new one. A plain database opened
        // with a passphrase at hand (say, COOPDESK_PASSPHRASE set for another one) stays plain.
        let exists = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
        let key = match (is_encrypted(path)?, key) {
            (true, None) => {
                return Err(Error::Locked {
                    path: path.to_owned(),
                });
            }
            (true, Some(k)) => Some(k),
            (false, Some(k)) if !exists => Some(k),
            (false, _) => None,
        };
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| unusable(e.to_string()))?;
        apply_key(&conn, key)?;
        if exists {
            check_key(&conn, path, key.is_some())?;
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;

        // Read-only checks first: nothing below writes until the file is known to be ours and not newer.
        let (version, app_id, tables) = identify(&conn).map_err(|e| unusable(e.to_string()))?;
        if version > LATEST_VERSION {
            return Err(Error::SchemaTooNew {
                path: path.to_owned(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        if app_id != APPLICATION_ID && (version != 0 || tables > 0) {
            return Err(unusable(
                "it is an SQLite file of another program (its application id does not match)"
                    .into(),
            ));
        }
        if version > 0 && version < target {
            backup_before_migration(&conn, path, now, target, key)?;
        }

        configure(&conn)?;
        migrate::migrate_to(&mut conn, target)?;
        Ok(Store {
            backend: Backend::Sqlite(conn),
            path: Some(path.to_owned()),
            actor: "unknown".to_owned(),
            key: key.cloned(),
            reads_only: false,
        })
    }

    /// A fresh database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrate::migrate_to(&mut conn, LATEST_VERSION)?;
        Ok(Store {
            backend: Backend::Sqlite(conn),
            path: None,
            actor: "unknown".to_owned(),
            key: None,
            reads_only: false,
        })
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Current schema version.
    pub fn schema_version(&self) -> Result<i64> {
        match &self.backend {
            Backend::Sqlite(c) => migrate::schema_version(c),
            // A team database keeps it in a settings row (PostgreSQL has no `user_version`).
            #[cfg(feature = "team")]
            Backend::Team(_) => {
                use crate::sql::{Query, args};
                let v: String = self.db().query_one(
                    "SELECT value FROM settings WHERE key = 'schema_version'",
                    args![],
                    |r| r.get(0),
                )?;
                v.parse().map_err(|_| Error::Unreadable {
                    column: "settings.schema_version".to_owned(),
                    value: v,
                    expected: "a number",
                })
            }
        }
    }

    /// Reads a pragma's value as text (tests check the connection settings with it).
    pub fn pragma(&self, name: &str) -> Result<String> {
        let value: rusqlite::types::Value =
            self.sqlite()?
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
        Ok(match value {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
    }

    /// Writes a consistent copy of the database to `target` with SQLite's online backup API
    /// (encrypted with the database's passphrase, if it has one).
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        backup(self.sqlite()?, target, self.key.as_ref())
    }
}

fn identify(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    // Reading the schema also makes SQLite reject a file that is not a database at all.
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok((version, app_id, tables))
}

fn configure(conn: &Connection) -> Result<()> {
    // Room for every statement of the import and list paths (see `cached.rs`).
    conn.set_prepared_statement_cache_capacity(64);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // In-memory databases report "memory" and keep it; files switch to WAL.
    let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    // FULL: a committed case survives power loss, not just a killed process. Writes are small and
    // rare enough that the extra fsync does not matter.
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

fn backup_before_migration(
    conn: &Connection,
    db: &Path,
    now: DateTime<Utc>,
    target: i64,
    key: Option<&Passphrase>,
) -> Result<()> {
    let dir = backups_dir(db);
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        what: "cannot create the backup folder",
        path: dir.clone(),
        source,
    })?;
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cases".into());
    let name = format!(
        "{stem}-{}-before-v{target}.sqlite",
        now.format("%Y%m%dT%H%M%SZ")
    );
    backup(conn, &dir.join(name), key)?;
    prune_backups(&dir, &stem, KEEP_MIGRATION_BACKUPS);
    Ok(())
}
