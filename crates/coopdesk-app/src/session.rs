//! The window's hold on its database: open, or locked until the passphrase of an encrypted database
//! is entered.
//!
//! The window starts before it knows the passphrase, so it cannot simply own a [`Desk`]: every
//! command asks the session for the desk and gets [`ErrorCode::DbLocked`] until [`Session::unlock`]
//! succeeds; the UI shows its passphrase screen on that code.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::api::{DbInfo, ErrorCode, IpcError};
use crate::encryption::{Passphrase, is_encrypted};
use crate::{Desk, demo, paths};

/// The database of one window, open or waiting for its passphrase.
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    demo: bool,
    desk: RwLock<Option<Arc<Desk>>>,
}

impl Session {
    /// Opens the database the window should show (see [`paths::window_db`]); an encrypted one stays
    /// locked until [`Session::unlock`].
    pub fn start(db: Option<PathBuf>, demo: bool) -> Result<Session, IpcError> {
        let path = paths::window_db(db, demo)?;
        let desk = if is_encrypted(&path)? {
            None
        } else if demo {
            Some(Arc::new(demo::open_demo(&path, false)?))
        } else {
            Some(Arc::new(Desk::open(&path)?))
        };
        if let Some(desk) = &desk {
            desk.prepare_screening_in_background();
        }
        Ok(Session {
            path,
            demo,
            desk: RwLock::new(desk),
        })
    }

    /// The database file (absolute).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The open database, or [`ErrorCode::DbLocked`] while it waits for its passphrase.
    pub fn desk(&self) -> Result<Arc<Desk>, IpcError> {
        // A poisoned lock only means a panic elsewhere; the Option inside is always whole.
        let desk = self.desk.read().unwrap_or_else(|p| p.into_inner());
        desk.clone().ok_or_else(|| {
            IpcError::new(
                ErrorCode::DbLocked,
                format!(
                    "{} is encrypted; enter its passphrase to open it",
                    self.path.display()
                ),
            )
        })
    }

    /// Opens the encrypted database with `passphrase`. A wrong one is
    /// [`ErrorCode::DbWrongPassphrase`] and changes nothing; an already open database stays open.
    pub fn unlock(&self, passphrase: Passphrase) -> Result<DbInfo, IpcError> {
        let mut slot = self.desk.write().unwrap_or_else(|p| p.into_inner());
        if let Some(desk) = slot.as_ref() {
            return desk.db_info();
        }
        let mut desk = Desk::open_keyed(&self.path, Some(&passphrase))?;
        desk.demo = self.demo;
        let info = desk.db_info()?;
        let desk = Arc::new(desk);
        desk.prepare_screening_in_background();
        *slot = Some(desk);
        Ok(info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
        r.unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn an_encrypted_database_stays_locked_until_the_right_passphrase() {
        let dir = ok(tempfile::tempdir());
        let db = dir.path().join("cases.sqlite");
        {
            let desk = ok(Desk::open(&db));
            ok(desk.create_case("Beamtime at PETRA III"));
            ok(desk.change_encryption(None, Some(Passphrase::new("correct horse battery"))));
        }
        let session = ok(Session::start(Some(db.clone()), false));
        assert_eq!(
            session.desk().err().map(|e| e.code),
            Some(ErrorCode::DbLocked)
        );

        let wrong = session.unlock(Passphrase::new("wrong horse battery")).err();
        assert_eq!(wrong.map(|e| e.code), Some(ErrorCode::DbWrongPassphrase));
        assert!(
            session.desk().is_err(),
            "a wrong passphrase must not unlock"
        );

        let info = ok(session.unlock(Passphrase::new("correct horse battery")));
        assert!(info.encrypted);
        assert_eq!(info.case_count, 1);
        assert!(session.desk().is_ok());
    }

    #[test]
    fn a_plain_database_opens_at_once() {
        let dir = ok(tempfile::tempdir());
        let session = ok(Session::start(Some(dir.path().join("cases.sqlite")), false));
        let info = ok(ok(session.desk()).db_info());
        assert!(!info.encrypted);
    }
}
