//! The window's hold on its database: opening, open, or locked until the passphrase of an encrypted
//! database is entered.
//!
//! The window starts before it knows the passphrase, so it cannot simply own a [`Desk`]: every
//! command asks the session for the desk and gets [`ErrorCode::DbLocked`] until [`Session::unlock`]
//! succeeds; the UI shows its passphrase screen on that code.
//!
//! Opening a database (migrating it, the daily backup, seeding the built-in registries) is not needed
//! to draw the window, so [`Session::open_in_background`] does it on its own thread while the webview
//! starts; the first command waits for it. Only what decides the first screen is done at once: where
//! the database is and whether it is encrypted.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::api::{DbInfo, DeskError, ErrorCode};
use crate::encryption::{Passphrase, is_encrypted};
use crate::{Desk, demo, paths};

/// The database of one window: being opened, open, waiting for its passphrase, or unusable.
#[derive(Debug)]
pub struct Session {
    /// The database: the file given, or after [`Session::connect_team`] the team database's address.
    path: Mutex<PathBuf>,
    demo: bool,
    state: Mutex<State>,
    /// Signalled when the state leaves [`State::Opening`].
    settled: Condvar,
}

/// Where the window's database stands.
#[derive(Debug)]
enum State {
    /// Being opened on the opening thread.
    Opening,
    /// Open; every command uses this desk.
    Open(Arc<Desk>),
    /// Encrypted, waiting for [`Session::unlock`].
    Locked,
    /// Could not be opened; every command reports why.
    Failed(DeskError),
}

impl Session {
    /// Opens the database the window should show (see [`paths::window_db`]) before returning; an
    /// encrypted one stays locked until [`Session::unlock`].
    pub fn start(db: Option<PathBuf>, demo: bool) -> Result<Session, DeskError> {
        let session = Session::new(paths::window_db(db, demo)?, demo)?;
        if session.is_opening() {
            let outcome = open_plain(&session.path(), demo);
            session.settle(outcome);
        }
        let failure = match &*session.settled_state() {
            State::Failed(e) => Some(e.clone()),
            _ => None,
        };
        failure.map_or(Ok(session), Err)
    }

    /// Like [`Session::start`] with the database's path already resolved (see
    /// [`paths::window_db`]), but a plain database is opened on a thread of its own: the window can be
    /// drawn meanwhile, and the first [`Session::desk`] waits for it. A database that cannot be
    /// opened makes every later call fail with the reason (and `on_failure` is told once, on the
    /// opening thread); only an encrypted database is known at once, as locked.
    pub fn open_in_background(
        path: PathBuf,
        demo: bool,
        on_failure: impl FnOnce(&DeskError) + Send + 'static,
    ) -> Result<Arc<Session>, DeskError> {
        let session = Arc::new(Session::new(path, demo)?);
        if session.is_opening() {
            let opening = Arc::clone(&session);
            let open = move || {
                // A panic while opening must not leave the window waiting for ever.
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    open_plain(&opening.path(), opening.demo)
                }))
                .unwrap_or_else(|_| {
                    Err(DeskError::new(
                        ErrorCode::Internal,
                        "opening the database stopped unexpectedly",
                    ))
                });
                if let Err(e) = &outcome {
                    on_failure(e);
                }
                opening.settle(outcome);
            };
            std::thread::Builder::new()
                .name("open-database".into())
                .spawn(open)
                .map_err(|e| {
                    DeskError::new(
                        ErrorCode::Internal,
                        format!("cannot start the thread that opens the database: {e}"),
                    )
                })?;
        }
        Ok(session)
    }

    /// A session on `path`, locked when the file is encrypted, otherwise still to be opened. A team
    /// database's address (`postgresql://…`) stands in `path` as it was given; it is never a file.
    fn new(path: PathBuf, demo: bool) -> Result<Session, DeskError> {
        let state = if crate::team::team_uri(&path).is_none() && is_encrypted(&path)? {
            State::Locked
        } else {
            State::Opening
        };
        Ok(Session {
            path: Mutex::new(path),
            demo,
            state: Mutex::new(state),
            settled: Condvar::new(),
        })
    }

    /// The database file (absolute), or a team database's address (without a password).
    pub fn path(&self) -> PathBuf {
        self.path.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The open database, once it is open (waiting while it is being opened), or
    /// [`ErrorCode::DbLocked`] while it waits for its passphrase, or why it could not be opened.
    pub fn desk(&self) -> Result<Arc<Desk>, DeskError> {
        match &*self.settled_state() {
            State::Open(desk) => Ok(Arc::clone(desk)),
            State::Failed(e) => Err(e.clone()),
            State::Locked | State::Opening => Err(DeskError::new(
                ErrorCode::DbLocked,
                format!(
                    "{} is encrypted; enter its passphrase to open it",
                    self.path().display()
                ),
            )),
        }
    }

    /// Opens the encrypted database with `passphrase`. A wrong one is
    /// [`ErrorCode::DbWrongPassphrase`] and changes nothing; an already open database stays open.
    pub fn unlock(&self, passphrase: Passphrase) -> Result<DbInfo, DeskError> {
        let mut state = self.settled_state();
        if let State::Open(desk) = &*state {
            return desk.db_info();
        }
        let mut desk = Desk::open_keyed(&self.path(), Some(&passphrase))?;
        desk.demo = self.demo;
        let info = desk.db_info()?;
        *state = State::Open(Arc::new(desk));
        Ok(info)
    }

    /// Connects the window to a team database instead of what it had open (the file's desk is
    /// dropped, which closes it): `uri` is its `postgresql://` address, `password` the login's
    /// password when the address, `PGPASSWORD` and `~/.pgpass` do not give it. Nothing changes if
    /// the connection fails (a wrong password, no role in the register, an older schema).
    pub fn connect_team(&self, uri: &str, password: Option<String>) -> Result<DbInfo, DeskError> {
        let mut target = crate::team::team_target(uri)?;
        if let Some(p) = password.filter(|p| !p.is_empty()) {
            target.password = Some(p.into());
        }
        let desk = Desk::open_team_with_clock(&target, Arc::new(crate::clock::SystemClock))?;
        let info = desk.db_info()?;
        // Waits for a file still being opened, so that its opening cannot overwrite this afterwards.
        let mut state = self.settled_state();
        *state = State::Open(Arc::new(desk));
        *self.path.lock().unwrap_or_else(|p| p.into_inner()) = PathBuf::from(without_password(uri));
        Ok(info)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A poisoned lock only means a panic elsewhere; the state inside is always whole.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn is_opening(&self) -> bool {
        matches!(*self.lock(), State::Opening)
    }

    /// The state once it is no longer [`State::Opening`].
    fn settled_state(&self) -> MutexGuard<'_, State> {
        let mut state = self.lock();
        while matches!(*state, State::Opening) {
            state = self.settled.wait(state).unwrap_or_else(|p| p.into_inner());
        }
        state
    }

    fn settle(&self, outcome: Result<Desk, DeskError>) {
        *self.lock() = match outcome {
            Ok(desk) => State::Open(Arc::new(desk)),
            Err(e) => State::Failed(e),
        };
        self.settled.notify_all();
    }
}

/// Opens a database that is not encrypted: the demo database (created with its cases on first use)
/// or any other.
fn open_plain(path: &Path, demo: bool) -> Result<Desk, DeskError> {
    if let Some(uri) = crate::team::team_uri(path) {
        return Desk::open_team(uri);
    }
    if demo {
        demo::open_demo(path, false)
    } else {
        Desk::open(path)
    }
}

/// A `postgresql://user:password@host/…` address without its password, for showing.
fn without_password(uri: &str) -> String {
    let Some((scheme, rest)) = uri.split_once("://") else {
        return uri.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) if !userinfo.contains('/') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}")
        }
        _ => uri.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_address_is_shown_without_its_password() {
        assert_eq!(
            without_password("postgresql://alice:s3cret@db.example:5432/register?sslmode=require"),
            "postgresql://alice@db.example:5432/register?sslmode=require"
        );
        assert_eq!(
            without_password("postgresql:///register"),
            "postgresql:///register"
        );
        assert_eq!(
            without_password("postgresql://db.example/reg?x=a@b"),
            "postgresql://db.example/reg?x=a@b"
        );
    }

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
    fn a_database_opened_in_the_background_serves_the_first_call_once_open() {
        let dir = ok(tempfile::tempdir());
        let db = dir.path().join("new-folder").join("cases.sqlite");
        let session = ok(Session::open_in_background(db.clone(), false, |e| {
            panic!("the database should open: {e}")
        }));
        // The first call waits for the opening thread instead of failing or seeing no database.
        let desk = ok(session.desk());
        ok(desk.create_case("Beamtime at PETRA III"));
        assert_eq!(ok(ok(session.desk()).db_info()).case_count, 1);
        assert!(
            db.exists(),
            "the opening thread creates the database and its folder"
        );
    }

    #[test]
    fn a_database_that_cannot_be_opened_in_the_background_says_why_on_every_call() {
        let dir = ok(tempfile::tempdir());
        let db = dir.path().join("cases.sqlite");
        // Not a database, and too short to be an encrypted one.
        ok(std::fs::write(&db, b"a text file, not a case database"));
        let (told, heard) = std::sync::mpsc::channel();
        let session = ok(Session::open_in_background(db.clone(), false, move |e| {
            let _ = told.send(e.clone());
        }));
        let first = session.desk().err();
        let again = session.desk().err();
        let reported = heard.recv().ok();
        assert_eq!(first.as_ref().map(|e| e.code), Some(ErrorCode::DbUnusable));
        assert_eq!(first, again, "every call reports the same reason");
        assert_eq!(reported, first, "the failure is reported once, as it is");
        assert!(heard.try_recv().is_err());
        assert_eq!(
            ok(std::fs::read(&db)),
            b"a text file, not a case database",
            "an unusable file is left as it was"
        );
    }

    #[test]
    fn an_encrypted_database_is_locked_at_once_in_the_background_too() {
        let dir = ok(tempfile::tempdir());
        let db = dir.path().join("cases.sqlite");
        {
            let desk = ok(Desk::open(&db));
            ok(desk.change_encryption(None, Some(Passphrase::new("correct horse battery"))));
        }
        let session = ok(Session::open_in_background(db, false, |e| {
            panic!("a locked database is not a failure: {e}")
        }));
        assert_eq!(
            session.desk().err().map(|e| e.code),
            Some(ErrorCode::DbLocked)
        );
        let info = ok(session.unlock(Passphrase::new("correct horse battery")));
        assert!(info.encrypted);
    }

    #[test]
    fn a_plain_database_opens_at_once() {
        let dir = ok(tempfile::tempdir());
        let session = ok(Session::start(Some(dir.path().join("cases.sqlite")), false));
        let info = ok(ok(session.desk()).db_info());
        assert!(!info.encrypted);
    }
}
