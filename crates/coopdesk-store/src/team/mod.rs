//! Team mode: an office's register in a PostgreSQL database, with roles the server enforces
//! (docs/design/team-mode.md). Built with the `team` feature only.
//!
//! [`TeamDb::connect`] reaches the server named by a [`TeamTarget`]; [`TeamDb::init`] creates (or
//! brings up to date) the schema `coopdesk` and the group roles; [`TeamDb::grant`],
//! [`TeamDb::revoke`] and [`TeamDb::members`] manage who is what. Case rows over a connection are
//! the next slice; until then the rest of the app works on SQLite only.

mod connect;
mod migrate;
mod roles;

use postgres::Client;

use crate::error::{Error, Result};
use crate::target::TeamTarget;

/// The PostgreSQL client crate, for callers and tests that speak plain SQL to the server.
pub use postgres;

pub use migrate::{PG_LATEST_VERSION, PG_MIGRATIONS, SCHEMA};
pub use roles::{Member, TeamRole};

/// A connection to a team database, as the login the target names.
pub struct TeamDb {
    client: Client,
    target: TeamTarget,
}

impl std::fmt::Debug for TeamDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamDb")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl TeamDb {
    /// Connects to the server (the password from the target, `PGPASSWORD` or `~/.pgpass`) and
    /// looks in the schema `coopdesk` from then on. Does not check the schema: [`TeamDb::open`] does.
    pub fn connect(target: &TeamTarget) -> Result<TeamDb> {
        let mut client = connect::connect(target)?;
        client
            .batch_execute(&format!("SET search_path = {SCHEMA}, pg_catalog"))
            .map_err(|e| pg_error(target, e))?;
        Ok(TeamDb {
            client,
            target: target.clone(),
        })
    }

    /// Connects and checks that the database holds a Cooperation Desk schema of this version:
    /// [`Error::SchemaTooNew`] for a newer one, [`Error::Unusable`] for none or an older one (to be
    /// brought up to date with `team init`).
    pub fn open(target: &TeamTarget) -> Result<TeamDb> {
        let mut db = Self::connect(target)?;
        let found = migrate::schema_version(&mut db.client, target)?;
        match found {
            Some(v) if v == PG_LATEST_VERSION => Ok(db),
            Some(v) if v > PG_LATEST_VERSION => Err(Error::SchemaTooNew {
                path: target.to_string().into(),
                found: v,
                supported: PG_LATEST_VERSION,
            }),
            Some(v) => Err(Error::Unusable {
                path: target.to_string().into(),
                reason: format!(
                    "its schema is at version {v}; bring it to version {PG_LATEST_VERSION} with \
                     `coopdesk --db URL team init` (as the database's owner)"
                ),
            }),
            None => Err(Error::Unusable {
                path: target.to_string().into(),
                reason: "it holds no Cooperation Desk register yet; set it up with \
                         `coopdesk --db URL team init`"
                    .to_owned(),
            }),
        }
    }

    /// Where and as whom this connection is.
    pub fn target(&self) -> &TeamTarget {
        &self.target
    }

    /// The schema version in the database, `None` when it has no Cooperation Desk schema.
    pub fn schema_version(&mut self) -> Result<Option<i64>> {
        migrate::schema_version(&mut self.client, &self.target)
    }

    /// The PostgreSQL client, for the rows layer and for tests that check what the server enforces
    /// with plain SQL.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }
}

impl crate::store::Store {
    /// Opens the team database `target` names as a store: every use case of the store then reads and
    /// writes the server's register, as the login the connection is made with. The schema must be
    /// at this version (see [`TeamDb::open`]). The audit log names the login (`session_user`), which
    /// the server records itself; [`crate::Store::set_actor`] changes nothing there.
    pub fn open_team(target: &TeamTarget) -> Result<crate::store::Store> {
        let db = TeamDb::open(target)?;
        let actor = target.user.clone();
        Ok(crate::store::Store {
            backend: crate::store::Backend::Team(Box::new(crate::sql::postgres::PgConn::new(
                db.client, db.target,
            ))),
            path: None,
            actor,
            key: None,
            reads_only: false,
        })
    }

    /// The connection's login and its highest Cooperation Desk role (through any membership; `None`
    /// when it has none). `None` for a SQLite file.
    pub fn team_login(&self) -> Result<Option<(String, Option<TeamRole>)>> {
        if !self.is_team() {
            return Ok(None);
        }
        use crate::sql::{Query, args};
        let (login, level): (String, i64) = self.db().query_one(
            "SELECT CAST(session_user AS TEXT),
                    CAST(CASE WHEN pg_has_role(session_user, 'coopdesk_director', 'MEMBER') THEN 3
                              WHEN pg_has_role(session_user, 'coopdesk_officer', 'MEMBER') THEN 2
                              WHEN pg_has_role(session_user, 'coopdesk_reader', 'MEMBER') THEN 1
                              ELSE 0 END AS BIGINT)",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let role = match level {
            3 => Some(TeamRole::Director),
            2 => Some(TeamRole::Officer),
            1 => Some(TeamRole::Reader),
            _ => None,
        };
        Ok(Some((login, role)))
    }

    /// Where and as whom a team store is connected; `None` for a SQLite file.
    pub fn team_target(&self) -> Option<&TeamTarget> {
        match &self.backend {
            crate::store::Backend::Team(c) => Some(c.target()),
            crate::store::Backend::Sqlite(_) => None,
        }
    }
}

pub(crate) use crate::sql::postgres::pg_error;
