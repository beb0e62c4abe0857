//! The group roles and who holds them: `team init`, `team grant`, `team revoke`, `team members`.
//!
//! Group roles are cluster-wide in PostgreSQL; `team init` creates them when missing (which needs
//! the CREATEROLE attribute) and nests them: an officer is also a reader, a director also an
//! officer. Login roles are the server administrator's: Cooperation Desk only grants and revokes the
//! group roles to them.

use serde::Serialize;

use crate::error::{Error, Result};

use super::{TeamDb, migrate, pg_error};

/// What a login may do in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    /// Reads everything, writes nothing.
    Reader,
    /// Creates, edits, assesses, screens, imports; lifecycle steps up to review.
    Officer,
    /// An officer who also decides cases and reopens decided ones.
    Director,
}

impl TeamRole {
    /// Every role, lowest first.
    pub const ALL: [TeamRole; 3] = [TeamRole::Reader, TeamRole::Officer, TeamRole::Director];

    /// The PostgreSQL group role.
    pub fn group(self) -> &'static str {
        match self {
            TeamRole::Reader => "coopdesk_reader",
            TeamRole::Officer => "coopdesk_officer",
            TeamRole::Director => "coopdesk_director",
        }
    }

    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Reader => "reader",
            TeamRole::Officer => "officer",
            TeamRole::Director => "director",
        }
    }

    /// Reads `reader`, `officer` or `director`.
    pub fn parse(s: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    fn from_group(s: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|r| r.group() == s)
    }
}

/// A login and the Cooperation Desk role granted to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The login role.
    pub login: String,
    /// Its role.
    pub role: TeamRole,
}

/// `"name"` with embedded quotes doubled: a role name as an SQL identifier.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl TeamDb {
    /// Creates the group roles (when missing) and the schema, or brings an older schema up to date,
    /// in one transaction. Returns the schema version before (0 for an empty database). A newer
    /// schema is refused untouched.
    pub fn init(&mut self) -> Result<i64> {
        // The group roles belong to the whole server: two registers set up at the same moment race
        // to create them, and the loser's CREATE ROLE fails on the winner's (then committed) role.
        // Its transaction is rolled back whole, so trying again finds the roles and goes on.
        let mut attempts = 0;
        loop {
            match self.init_once() {
                Err(Error::Busy) if attempts < 3 => attempts += 1,
                other => return other,
            }
        }
    }

    fn init_once(&mut self) -> Result<i64> {
        let target = self.target.clone();
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| pg_error(&target, e))?;
        for role in TeamRole::ALL {
            let exists: bool = tx
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                    &[&role.group()],
                )
                .map_err(|e| pg_error(&target, e))?
                .get(0);
            if !exists {
                tx.batch_execute(&format!("CREATE ROLE {} NOLOGIN", role.group()))
                    .map_err(|e| {
                        if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) {
                            Error::Busy
                        } else {
                            pg_error(&target, e)
                        }
                    })?;
            }
        }
        // Nested once; granted again only when missing, since a second database's owner on the
        // same server may use the roles without the right to change them.
        for (member, group) in [
            ("coopdesk_officer", "coopdesk_reader"),
            ("coopdesk_director", "coopdesk_officer"),
        ] {
            let nested: bool = tx
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM pg_auth_members am
                         JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
                         WHERE g.rolname = $1 AND m.rolname = $2)",
                    &[&group, &member],
                )
                .map_err(|e| pg_error(&target, e))?
                .get(0);
            if !nested {
                tx.batch_execute(&format!("GRANT {group} TO {member}"))
                    .map_err(|e| pg_error(&target, e))?;
            }
        }
        let before = migrate::migrate(&mut tx, &target)?;
        tx.commit().map_err(|e| pg_error(&target, e))?;
        Ok(before)
    }

    /// Makes `login` a `role`: grants its group role and revokes the other Cooperation Desk roles,
    /// in one transaction. The login must exist and be able to log in.
    pub fn grant(&mut self, login: &str, role: TeamRole) -> Result<()> {
        let target = self.target.clone();
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| pg_error(&target, e))?;
        check_login(&mut tx, &target, login)?;
        for other in TeamRole::ALL.into_iter().filter(|r| *r != role) {
            if is_direct_member(&mut tx, &target, login, other)? {
                tx.batch_execute(&format!(
                    "REVOKE {} FROM {}",
                    other.group(),
                    quote_ident(login)
                ))
                .map_err(|e| pg_error(&target, e))?;
            }
        }
        tx.batch_execute(&format!("GRANT {} TO {}", role.group(), quote_ident(login)))
            .map_err(|e| pg_error(&target, e))?;
        tx.commit().map_err(|e| pg_error(&target, e))
    }

    /// Takes `role` away from `login`; `false` (and nothing changed) when the login does not hold
    /// it.
    pub fn revoke(&mut self, login: &str, role: TeamRole) -> Result<bool> {
        let target = self.target.clone();
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| pg_error(&target, e))?;
        check_login(&mut tx, &target, login)?;
        if !is_direct_member(&mut tx, &target, login, role)? {
            return Ok(false);
        }
        tx.batch_execute(&format!(
            "REVOKE {} FROM {}",
            role.group(),
            quote_ident(login)
        ))
        .map_err(|e| pg_error(&target, e))?;
        tx.commit().map_err(|e| pg_error(&target, e))?;
        Ok(true)
    }

    /// Every login holding a Cooperation Desk role, by login name.
    pub fn members(&mut self) -> Result<Vec<Member>> {
        let target = self.target.clone();
        let rows = self
            .client
            .query(
                "SELECT m.rolname::text, g.rolname::text
                 FROM pg_auth_members am
                 JOIN pg_roles g ON g.oid = am.roleid
                 JOIN pg_roles m ON m.oid = am.member
                 WHERE g.rolname IN ('coopdesk_reader', 'coopdesk_officer', 'coopdesk_director')
                   AND m.rolname NOT IN ('coopdesk_reader', 'coopdesk_officer', 'coopdesk_director')
                 ORDER BY 1, 2",
                &[],
            )
            .map_err(|e| pg_error(&target, e))?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let login: String = r.get(0);
                let group: String = r.get(1);
                TeamRole::from_group(&group).map(|role| Member { login, role })
            })
            .collect())
    }

    /// The login of this connection and its highest Cooperation Desk role (through any membership).
    pub fn whoami(&mut self) -> Result<(String, Option<TeamRole>)> {
        let target = self.target.clone();
        let row = self
            .client
            .query_one(
                "SELECT session_user::text,
                        pg_has_role(session_user, 'coopdesk_director', 'MEMBER'),
                        pg_has_role(session_user, 'coopdesk_officer', 'MEMBER'),
                        pg_has_role(session_user, 'coopdesk_reader', 'MEMBER')",
                &[],
            )
            .map_err(|e| pg_error(&target, e))?;
        let role = [
            (1, TeamRole::Director),
            (2, TeamRole::Officer),
            (3, TeamRole::Reader),
        ]
        .into_iter()
        .find(|(i, _)| row.get::<_, bool>(*i))
        .map(|(_, r)| r);
        Ok((row.get(0), role))
    }
}

fn check_login(
    tx: &mut postgres::Transaction<'_>,
    target: &crate::target::TeamTarget,
    login: &str,
) -> Result<()> {
    let row = tx
        .query_opt(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = $1",
            &[&login],
        )
        .map_err(|e| pg_error(target, e))?;
    let invalid = |reason: String| Error::Team {
        target: target.to_string(),
        reason,
    };
    match row {
        None => Err(invalid(format!(
            "there is no role \"{login}\" on the server; login roles are created by the server's \
             administrator (CREATE ROLE {} LOGIN …), then granted here",
            quote_ident(login)
        ))),
        Some(r) if !r.get::<_, bool>(0) => Err(invalid(format!(
            "\"{login}\" is a group role, not a login; grant Cooperation Desk roles to logins"
        ))),
        Some(_) => Ok(()),
    }
}

fn is_direct_member(
    tx: &mut postgres::Transaction<'_>,
    target: &crate::target::TeamTarget,
    login: &str,
    role: TeamRole,
) -> Result<bool> {
    Ok(tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_auth_members am
                 JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
                 WHERE g.rolname = $1 AND m.rolname = $2)",
            &[&role.group(), &login],
        )
        .map_err(|e| pg_error(target, e))?
        .get(0))
}
