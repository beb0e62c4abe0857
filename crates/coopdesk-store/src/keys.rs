//! Keys of encrypted databases (SQLCipher): the passphrase, telling an encrypted file from a plain
//! one, keying and checking connections, and writing a re-keyed copy. What turning encryption on or
//! off does to a database and its backups is in `encryption.rs`.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::migrate::APPLICATION_ID;

/// The first 16 bytes of every plain SQLite database.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The shortest passphrase accepted for a new encryption key, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// A database passphrase. Its text is wiped from memory when the last copy is dropped, and it never
/// shows in debug output.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase as typed.
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(Zeroizing::new(text.into()))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Why this passphrase is too weak to encrypt a database with, if it is.
    pub fn weakness(&self) -> Option<String> {
        let chars = self.0.chars().count();
        if self.0.trim().is_empty() {
            Some("the passphrase is empty".into())
        } else if chars < MIN_PASSPHRASE_CHARS {
            Some(format!(
                "the passphrase has {chars} characters; use at least {MIN_PASSPHRASE_CHARS} (a few unrelated words work well)"
            ))
        } else {
            None
        }
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// Whether the file at `path` is an encrypted database. A missing or empty file is not (it will be
/// created plain unless a passphrase is given), and neither is a file whose size is no whole number
/// of pages: every SQLite file, encrypted or not, is made of pages of at least 512 bytes, so a text
/// file or a truncated download is reported as "not a database" rather than as locked.
pub fn is_encrypted(path: &Path) -> Result<bool> {
    let cannot_read = |source| Error::Io {
        what: "cannot read",
        path: path.to_owned(),
        source,
    };
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(cannot_read(e)),
    };
    if len < 512 || len % 512 != 0 {
        return Ok(false);
    }
    let mut head = [0u8; 16];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map_err(cannot_read)?;
    Ok(&head != SQLITE_MAGIC)
}

/// Applies `key` to a freshly opened connection, before anything reads the file.
pub(crate) fn apply_key(conn: &Connection, key: Option<&Passphrase>) -> rusqlite::Result<()> {
    match key {
        Some(k) => {
            conn.pragma_update(None, "key", k.expose())?;
            // SQLCipher's first key turns on its logging to stderr, where a wrong passphrase would
            // print page-check failures; that case is reported as an error of ours instead.
            conn.execute_batch("PRAGMA cipher_log_level = NONE")
        }
        None => Ok(()),
    }
}

/// Opens `path` (an encrypted or plain database, or a backup) read-only with the right key, or says
/// why not: [`Error::Locked`] when it is encrypted and no passphrase was given,
/// [`Error::WrongPassphrase`] when the passphrase does not open it.
pub(crate) fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    open_existing(path, key, OpenFlags::SQLITE_OPEN_READ_ONLY)
}

/// Like [`open_read_only`], with other open flags (see [`writable`]).
pub(crate) fn open_existing(
    path: &Path,
    key: Option<&Passphrase>,
    flags: OpenFlags,
) -> Result<Connection> {
    let encrypted = is_encrypted(path)?;
    let key = if encrypted {
        Some(key.ok_or_else(|| Error::Locked {
            path: path.to_owned(),
        })?)
    } else {
        None
    };
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(
        |e| Error::Unusable {
            path: path.to_owned(),
            reason: e.to_string(),
        },
    )?;
    apply_key(&conn, key)?;
    check_key(&conn, path, key.is_some())?;
    Ok(conn)
}

/// Reads the schema once: with a wrong key SQLCipher reports "not a database" here.
pub(crate) fn check_key(conn: &Connection, path: &Path, keyed: bool) -> Result<()> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(e) if keyed && e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(Error::WrongPassphrase {
                path: path.to_owned(),
            })
        }
        Err(e) => Err(Error::Unusable {
            path: path.to_owned(),
            reason: e.to_string(),
        }),
    }
}

/// Writes a complete copy of the database open on `conn` to `target`, encrypted with `key` (plain
/// when `None`), and checks that it opens with that key and holds the same schema version and
/// cases. `target` is written under a temporary name and renamed, and synced to disk.
pub(crate) fn export_copy(
    conn: &Connection,
    target: &Path,
    key: Option<&Passphrase>,
) -> Result<()> {
    let io = |what: &'static str| {
        let target = target.to_owned();
        move |source| Error::Io {
            what,
            path: target,
            source,
        }
    };
    let tmp = partial_name(target);
    let _ = std::fs::remove_file(&tmp);
    let outcome = (|| -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let cases: i64 = conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        let tmp_text = tmp.to_str().ok_or_else(|| Error::Unusable {
            path: tmp.clone(),
            reason: "the folder's name is not valid UTF-8".into(),
        })?;
        conn.execute(
            "ATTACH DATABASE ?1 AS coopdesk_export KEY ?2",
            rusqlite::params![tmp_text, key.map(Passphrase::expose).unwrap_or("")],
        )?;
        let exported = (|| -> rusqlite::Result<()> {
            conn.query_row("SELECT sqlcipher_export('coopdesk_export')", [], |_| Ok(()))?;
            // Set explicitly: the version and identity are what `Store::open` checks first.
            conn.execute_batch(&format!(
                "PRAGMA coopdesk_export.user_version = {version};
                 PRAGMA coopdesk_export.application_id = {APPLICATION_ID};"
            ))
        })();
        conn.execute("DETACH DATABASE coopdesk_export", [])?;
        exported?;

        let copy = open_read_only(&tmp, key)?;
        let integrity: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let copy_version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let copy_cases: i64 = copy.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        drop(copy);
        if integrity != "ok" || copy_version != version || copy_cases != cases {
            return Err(Error::Unusable {
                path: tmp.clone(),
                reason: format!(
                    "the converted copy does not match (integrity {integrity}, version {copy_version} of {version}, {copy_cases} of {cases} cases)"
                ),
            });
        }
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io("cannot sync"))?;
        Ok(())
    })();
    if let Err(e) = outcome {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, target).map_err(io("cannot replace"))?;
    sync_folder(target);
    Ok(())
}

fn partial_name(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".converting");
    PathBuf::from(name)
}

/// Makes a rename durable. Best effort: not every platform can open a folder for syncing.
pub(crate) fn sync_folder(file: &Path) {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
}

/// Open flags for a connection that `sqlcipher_export` writes a copy from: an attached database
/// inherits the main one's flags, and the copy is a new file.
pub(crate) fn writable() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
}
