//! `coopdesk --db postgresql://… team …`: setting up a team database and managing its roles
//! (preview; docs/design/team-mode.md).

use clap::Subcommand;

use coopdesk_app::api::DeskError;
use coopdesk_app::team::{self, TeamRole};

use crate::{GlobalArgs, output};

#[derive(Debug, Subcommand)]
pub(crate) enum TeamCommand {
    /// Creates the register's schema and the roles coopdesk_reader, coopdesk_officer and
    /// coopdesk_director in an empty database (or brings an older schema up to date). Run it as the
    /// database's owner, with the right to create roles.
    Init,
    /// Makes a login a reader, officer or director (replacing its previous role). The login itself
    /// is created by the server's administrator.
    Grant {
        /// The PostgreSQL login role.
        login: String,
        /// reader, officer or director.
        #[arg(value_parser = parse_role)]
        role: TeamRole,
    },
    /// Takes a role away from a login.
    Revoke {
        /// The PostgreSQL login role.
        login: String,
        /// reader, officer or director.
        #[arg(value_parser = parse_role)]
        role: TeamRole,
    },
    /// Lists the logins that hold a role, with the role.
    Members,
}

fn parse_role(s: &str) -> Result<TeamRole, String> {
    TeamRole::parse(s).ok_or_else(|| "expected reader, officer or director".to_owned())
}

pub(crate) fn team(command: TeamCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    let db = match &g.db {
        Some(db) => db.to_string_lossy().into_owned(),
        None => String::new(),
    };
    // Without --db the default is the local SQLite file, which team_target refuses with the way out.
    let db = if db.is_empty() {
        coopdesk_app::paths::default_db()?
            .to_string_lossy()
            .into_owned()
    } else {
        db
    };
    match command {
        TeamCommand::Init => {
            let s = team::init(&db)?;
            output::print(g.json, &s, || {
                let what = match s.version_before {
                    0 => "created".to_owned(),
                    v if v == s.version => "already up to date".to_owned(),
                    v => format!("brought up from version {v}"),
                };
                format!(
                    "team database {}: schema version {} ({what}); roles coopdesk_reader, \
                     coopdesk_officer, coopdesk_director ready",
                    s.target, s.version
                )
            })
        }
        TeamCommand::Grant { login, role } => {
            team::grant(&db, &login, role)?;
            let done = serde_json::json!({ "login": login, "role": role });
            output::print(g.json, &done, || {
                format!("{login} is now {}", role.as_str())
            })
        }
        TeamCommand::Revoke { login, role } => {
            let revoked = team::revoke(&db, &login, role)?;
            let done = serde_json::json!({ "login": login, "role": role, "revoked": revoked });
            output::print(g.json, &done, || {
                if revoked {
                    format!("{login} is no longer {}", role.as_str())
                } else {
                    format!("{login} was not {}; nothing changed", role.as_str())
                }
            })
        }
        TeamCommand::Members => {
            let members = team::members(&db)?;
            output::print(g.json, &members, || {
                if members.is_empty() {
                    "no login holds a Cooperation Desk role yet (team grant LOGIN ROLE)".to_owned()
                } else {
                    members
                        .iter()
                        .map(|m| format!("{}\t{}", m.login, m.role.as_str()))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            })
        }
    }
}
