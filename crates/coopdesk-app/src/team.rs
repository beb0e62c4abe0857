//! Team mode (preview): setting up a team database on a PostgreSQL server and managing who may do
//! what in it (docs/design/team-mode.md). Cases do not yet live there; these are the set-up steps an
//! office runs first.

use serde::Serialize;

pub use coopdesk_store::team::{Member, TeamRole};
use coopdesk_store::team::{PG_LATEST_VERSION, TeamDb};
use coopdesk_store::{Target, TeamTarget};

use crate::api::{DeskError, ErrorCode};

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
