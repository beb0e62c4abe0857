//! Backups: daily automatic copies, backups on request, and checked restores.
//!
//! Every copy is taken with SQLite's online backup API (consistent while the app runs) into a temporary
//! name and renamed, so a half-written backup never looks complete. A restore first checks the file
//! (ours, not newer, `PRAGMA integrity_check` ok), takes a safety copy of the current database, replaces
//! the content in one step and migrates it if it is older.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::keys::{
    Passphrase, apply_key, export_copy, is_encrypted, open_existing, open_read_only, writable,
};
use crate::migrate::{self, APPLICATION_ID, LATEST_VERSION};
use crate::rows::audit::append_audit;
use crate::store::Store;
use coopdesk_core::digest::sha256_hex;

/// How many daily backups are kept per database.
pub const KEEP_DAILY_BACKUPS: usize = 7;

/// A backup file that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupCheck {
    /// The file.
    pub path: String,
    /// Its schema version.
    pub schema_version: i64,
    /// Cases in it.
    pub case_count: i64,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file.
    pub sha256: String,
}

/// Checks that `path` is an intact Cooperation Desk database this version can open, without changing
/// it: opened read-only (with `key` if it is encrypted), identified, and `PRAGMA integrity_check`
/// must say `ok`.
pub fn check_backup(path: &Path, key: Option<&Passphrase>) -> Result<BackupCheck> {
    let unusable = |reason: String| Error::Unusable {
        path: path.to_owned(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        what: "cannot read",
        path: path.to_owned(),
        source,
    })?;
    let conn = open_read_only(path, key)?;
    let identify = || -> rusqlite::Result<(i64, i64)> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        Ok((version, app_id))
    };
    let (version, app_id) = identify().map_err(|e| unusable(format!("not a database: {e}")))?;
    if app_id != APPLICATION_ID || version == 0 {
        return Err(unusable("it is not a Cooperation Desk database".into()));
    }
    if version > LATEST_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_owned(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    let verdict: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(|e| unusable(format!("the integrity check failed: {e}")))?;
    if verdict != ["ok"] {
        return Err(unusable(format!(
            "the integrity check failed: {}",
            verdict.join("; ")
        )));
    }
    let case_count: i64 = conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .map_err(|e| unusable(e.to_string()))?;
    Ok(BackupCheck {
        path: path.display().to_string(),
        schema_version: version,
        case_count,
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    })
}

impl Store {
    fn stem(&self) -> String {
        self.path()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "cases".into())
    }

    fn backups_folder(&self) -> Result<PathBuf> {
        let db = self.path().ok_or_else(|| Error::Unusable {
            path: PathBuf::from(":memory:"),
            reason: "an in-memory database has no backup folder".into(),
        })?;
        let dir = backups_dir(db);
        std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
            what: "cannot create the backup folder",
            path: dir.clone(),
            source,
        })?;
        Ok(dir)
    }

    /// Takes today's automatic backup unless it exists, and keeps the newest
    /// [`KEEP_DAILY_BACKUPS`]. Returns the new file, if one was written.
    pub fn daily_backup(&self, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        if self.path().is_none() {
            return Ok(None);
        }
        let dir = self.backups_folder()?;
        let stem = self.stem();
        let target = dir.join(format!("{stem}-daily-{}.sqlite", now.format("%Y%m%d")));
        if target.exists() {
            return Ok(None);
        }
        self.backup_to(&target)?;
        prune_matching(&dir, &format!("{stem}-daily-"), KEEP_DAILY_BACKUPS, "");
        Ok(Some(target))
    }

    /// Writes a backup to `target`, or into the backup folder when `None`, and checks it.
    pub fn backup_now(&self, target: Option<&Path>, now: DateTime<Utc>) -> Result<BackupCheck> {
        let target = match target {
            Some(t) => t.to_owned(),
            None => self.backups_folder()?.join(format!(
                "{}-{}.sqlite",
                self.stem(),
                now.format("%Y%m%dT%H%M%SZ")
            )),
        };
        self.backup_to(&target)?;
        check_backup(&target, self.key.as_ref())
    }

    /// Replaces the database's content with the backup at `file` after checking it; the current
    /// content is first saved as a safety copy in the backup folder. An older backup is migrated. The
    /// restore is recorded in the (restored) audit log. A file that fails its checks changes nothing.
    ///
    /// An encrypted backup is opened with the database's passphrase. A backup whose encryption differs
    /// from the database's (a plain backup from before encryption was turned on, say) is converted
    /// first, so that the restored database keeps its own protection.
    pub fn restore_from(&mut self, file: &Path, now: DateTime<Utc>) -> Result<BackupCheck> {
        let check = check_backup(file, self.key.as_ref())?;
        let dir = self.backups_folder()?;
        let safety = dir.join(format!(
            "{}-{}-before-restore.sqlite",
            self.stem(),
            now.format("%Y%m%dT%H%M%SZ")
        ));
        self.backup_to(&safety)?;
        let source = open_read_only(file, self.key.as_ref())?;
        if is_encrypted(file)? == self.key.is_some() {
            copy_pages(&source, self.backend.sqlite_mut()?)?;
        } else {
            // SQLCipher copies pages as they are, so both sides need the same key: convert first.
            let converted = dir.join(".restore-converted.sqlite");
            let _ = std::fs::remove_file(&converted);
            let from = open_existing(file, self.key.as_ref(), writable())?;
            let copied = export_copy(&from, &converted, self.key.as_ref()).and_then(|()| {
                let conn = open_read_only(&converted, self.key.as_ref())?;
                copy_pages(&conn, self.backend.sqlite_mut()?)
            });
            let _ = std::fs::remove_file(&converted);
            copied?;
        }
        drop(source);
        migrate::migrate_to(self.backend.sqlite_mut()?, LATEST_VERSION)?;
        let tx = self
            .backend
            .sqlite_mut()?
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        append_audit(
            &*tx,
            now,
            &self.actor,
            "backup.restore",
            &check.path,
            &check.sha256,
        )?;
        tx.commit()?;
        Ok(check)
    }
}

/// Replaces the content of `to` with that of `from` through the backup API.
fn copy_pages(from: &Connection, to: &mut Connection) -> Result<()> {
    let b = rusqlite::backup::Backup::new(from, to)?;
    b.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
    Ok(())
}

/// The folder where backups of the database at `db` are kept.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(|d| d.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"))
}

/// Copies the database on `conn` to `target`. SQLCipher's backup API copies pages as they are, so
/// the copy of an encrypted database must be keyed with the same passphrase: it stays encrypted.
pub(crate) fn backup(conn: &Connection, target: &Path, key: Option<&Passphrase>) -> Result<()> {
    let io = |source| Error::Io {
        what: "cannot write the backup",
        path: target.to_owned(),
        source,
    };
    // Back up into a temporary name and rename, so a half-written backup never looks complete.
    let tmp = target.with_extension("sqlite.partial");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut dst = Connection::open(&tmp)?;
        apply_key(&dst, key)?;
        {
            let b = rusqlite::backup::Backup::new(conn, &mut dst)?;
            b.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        // A backup is one self-contained file: out of WAL mode, so that opening it (even read-only)
        // never leaves -wal/-shm files beside it.
        let _mode: String = dst.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
    }
    std::fs::rename(&tmp, target).map_err(io)?;
    Ok(())
}

/// Keeps the newest `keep` pre-migration backups of one database. Best effort: a backup that cannot
/// be deleted is simply kept.
pub(crate) fn prune_backups(dir: &Path, stem: &str, keep: usize) {
    prune_matching(dir, &format!("{stem}-"), keep, "-before-v");
}

/// Keeps the newest `keep` files in `dir` whose names start with `prefix`, contain `marker` and end in
/// `.sqlite` (names embed a sortable UTC timestamp or date). Best effort.
pub(crate) fn prune_matching(dir: &Path, prefix: &str, keep: usize, marker: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(prefix) && n.contains(marker) && n.ends_with(".sqlite")
            })
        })
        .collect();
    names.sort();
    let excess = names.len().saturating_sub(keep);
    for old in names.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
}
