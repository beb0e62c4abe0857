//! Team mode: an office's register on a PostgreSQL server (docs/design/team-mode.md). Setting it up,
//! managing who may do what in it, and opening a [`Desk`] on it, so that the same use cases run on
//! the server's register as on a desktop file.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;

pub use coopdesk_store::team::{Member, TeamRole};
use coopdesk_store::team::{PG_LATEST_VERSION, TeamDb};
use coopdesk_store::{Target, TeamTarget};

use crate::Desk;
use crate::api::{DeskError, ErrorCode};
use crate::assessing;
use crate::clock::{Clock, SystemClock};
use crate::facilities;

/// What `team init` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamSetup {
    /// Where and as whom (`register@db.example:5432 as alice`).
    pub target: String,
    /// The schema version found: 0 for an empty database.
    pub version_before: i64,
    /// The schema version now.
    pub version: i64,
}

/// Whether a `--db` value names a team database (`postgresql://` or `postgres://`).
pub fn is_team_uri(db: &str) -> bool {
    Target::is_team_uri(db)
}

/// The team database `path` names, if it is a `postgresql://` address rather than a file (the
/// window and its lock get `--db` as a path).
pub fn team_uri(path: &std::path::Path) -> Option<&str> {
    path.to_str().filter(|p| is_team_uri(p))
}

/// A `--db` value that must name a team database.
pub fn team_target(db: &str) -> Result<TeamTarget, DeskError> {
    match Target::parse(db).map_err(coopdesk_store::Error::from)? {
        Target::Team(t) => Ok(t),
        Target::Sqlite(path) => Err(DeskError::new(
            ErrorCode::InputInvalid,
            format!(
                "team commands work on a team database: give --db postgresql://[user@]host[:port]/dbname, \
                 not the file {}",
                path.display()
            ),
        )),
    }
}

/// Creates the schema and the group roles in the database `db` names (or brings an older schema up
/// to date); a newer schema is refused untouched.
pub fn init(db: &str) -> Result<TeamSetup, DeskError> {
    let target = team_target(db)?;
    let mut team = TeamDb::connect(&target)?;
    let version_before = team.init()?;
    Ok(TeamSetup {
        target: target.to_string(),
        version_before,
        version: PG_LATEST_VERSION,
    })
}

/// Makes `login` a `role` (replacing its previous Cooperation Desk role).
pub fn grant(db: &str, login: &str, role: TeamRole) -> Result<(), DeskError> {
    Ok(TeamDb::open(&team_target(db)?)?.grant(login, role)?)
}

/// Takes `role` from `login`; `false` when it did not hold it (nothing changed).
pub fn revoke(db: &str, login: &str, role: TeamRole) -> Result<bool, DeskError> {
    Ok(TeamDb::open(&team_target(db)?)?.revoke(login, role)?)
}

/// Every login with a Cooperation Desk role.
pub fn members(db: &str) -> Result<Vec<Member>, DeskError> {
    Ok(TeamDb::open(&team_target(db)?)?.members()?)
}

impl Desk {
    /// Opens the team database `db` names (`postgresql://…`), as the login of the connection.
    pub fn open_team(db: &str) -> Result<Desk, DeskError> {
        Desk::open_team_with_clock(&team_target(db)?, Arc::new(SystemClock))
    }

    /// Like [`Desk::open_team`], reading the time from `clock`.
    ///
    /// A login without a Cooperation Desk role is refused (`db.denied`) with who can grant one. An
    /// officer's or director's first opening after an upgrade brings the built-in facilities,
    /// checklist template and restriction list up to date, as on a desktop database; a reader's
    /// opening writes nothing.
    pub fn open_team_with_clock(
        target: &TeamTarget,
        clock: Arc<dyn Clock>,
    ) -> Result<Desk, DeskError> {
        let now = clock.now();
        let no_role = |login: &str| {
            DeskError::new(
                ErrorCode::DbDenied,
                format!(
                    "{target}: the login \"{login}\" has no Cooperation Desk role in this register; \
                     the register's owner grants one with `coopdesk --db URI team grant {login} \
                     reader|officer|director`"
                ),
            )
        };
        // Without any role the login cannot even look into the schema, which the server reports as
        // a refused privilege while the version is checked.
        let mut store = match coopdesk_store::Store::open_team(target) {
            Err(coopdesk_store::Error::TeamDenied { .. }) => return Err(no_role(&target.user)),
            other => other?,
        };
        let (login, role) = store.team_login()?.ok_or_else(|| {
            DeskError::new(
                ErrorCode::Internal,
                "a team store without a login".to_owned(),
            )
        })?;
        let Some(role) = role else {
            return Err(no_role(&login));
        };
        let writes = role >= TeamRole::Officer;
        store.set_reads_only(!writes);
        if writes {
            store.baseline_revisions(now)?;
            let builtin = facilities::builtin_facilities().map_err(|e| {
                DeskError::new(ErrorCode::Internal, format!("built-in facility list: {e}"))
            })?;
            store.seed_facilities(&builtin, now)?;
            assessing::seed_builtin_template(&mut store, now)?;
        }
        let desk = Desk {
            store: Mutex::new(store),
            path: PathBuf::from(target.to_string()),
            clock,
            demo: false,
            templates: Default::default(),
            screening: Default::default(),
        };
        if writes {
            desk.seed_bundled_list()?;
            desk.reassess_stale()?;
        }
        Ok(desk)
    }

    /// On a team database, the login and its role; `None` on a desktop database.
    pub fn team_login(&self) -> Result<Option<(String, Option<TeamRole>)>, DeskError> {
        Ok(self.store().team_login()?)
    }

    /// Who a lifecycle step, a review or a hand-set level is recorded under. On a desktop database,
    /// the name given. On a team database, the login (the server's audit entry records it whatever
    /// the client says), so a different name given is refused rather than silently replaced. Must
    /// be asked before the store is held.
    pub(crate) fn signer(&self, given: &str) -> Result<String, DeskError> {
        let Some((login, _)) = self.team_login()? else {
            return Ok(given.to_owned());
        };
        let given = given.trim();
        if given.is_empty() || given == login {
            Ok(login)
        } else {
            Err(DeskError::new(
                ErrorCode::InputInvalid,
                format!(
                    "on a team database a step is recorded under the login that takes it \
                     (\"{login}\"), not a name given (\"{given}\"); leave --by out, or connect \
                     as {given}"
                ),
            ))
        }
    }
}
