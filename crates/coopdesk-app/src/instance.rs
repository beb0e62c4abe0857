//! One window per database: a second window on the same database would show stale data and fight over
//! autosaves. The command line is not affected (it runs short transactions next to the window, which
//! SQLite's locking handles).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::api::{DeskError, ErrorCode};
use crate::error::io_error;

/// Held while a window has the database open; dropping it (or the process ending, even by a crash)
/// releases the lock, because it is an OS file lock.
#[derive(Debug)]
pub struct WindowLock {
    /// `None` for a team database: the server keeps many windows apart (row locks, conflicts).
    _file: Option<File>,
    path: PathBuf,
}

impl WindowLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Takes the window lock of the database at `db` (`<db>.window-lock` beside it), or says that another
/// window has it.
///
/// A team database (`postgresql://…`) takes no lock: several people's windows on one register are
/// what it is for, and the server keeps their writes apart.
pub fn lock_for_window(db: &Path) -> Result<WindowLock, DeskError> {
    if crate::team::team_uri(db).is_some() {
        return Ok(WindowLock {
            _file: None,
            path: PathBuf::new(),
        });
    }
    let mut name = db.as_os_str().to_owned();
    name.push(".window-lock");
    let path = PathBuf::from(name);
    // The window takes its lock before the database is opened (which would create the folder), so
    // on a first start the folder may not exist yet.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io_error("cannot create the folder", dir, &e))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_error("cannot create the lock file", &path, &e))?;
    match file.try_lock() {
        Ok(()) => Ok(WindowLock {
            _file: Some(file),
            path,
        }),
        Err(TryLockError::WouldBlock) => Err(DeskError::new(
            ErrorCode::DbBusy,
            format!(
                "{} is already open in another Cooperation Desk window; switch to that window",
                db.display()
            ),
        )),
        Err(TryLockError::Error(e)) => Err(io_error("cannot lock", &path, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_on_the_same_database_is_refused_until_the_first_closes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = dir.path().join("cases.sqlite");
        let first = lock_for_window(&db).unwrap_or_else(|e| panic!("{e:?}"));
        let second = lock_for_window(&db).err();
        assert!(
            second.is_some_and(|e| e.code == ErrorCode::DbBusy && e.message.contains("another")),
        );
        // Another database is independent.
        assert!(lock_for_window(&dir.path().join("other.sqlite")).is_ok());
        drop(first);
        assert!(lock_for_window(&db).is_ok());
    }

    #[test]
    fn the_lock_is_taken_before_the_database_folder_exists() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = dir.path().join("first-start").join("cases.sqlite");
        let lock = lock_for_window(&db).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(lock.path().is_file());
        assert!(!db.exists(), "the lock does not create the database");
    }
}
