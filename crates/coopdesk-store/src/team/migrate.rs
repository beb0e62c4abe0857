//! The team database's ordered, versioned migrations: the same version numbers as SQLite's.
//!
//! A new database starts from a baseline at the SQLite version of the day (`0011_baseline.sql`);
//! every later schema change adds one file here with the number of the SQLite file of the same
//! change. Everything runs in one transaction, under an advisory lock so that two `team init`s do
//! not both migrate, and the version is read before anything is written: a newer schema is refused
//! and left untouched.

use postgres::Client;

use crate::error::{Error, Result};
use crate::migrate::APPLICATION_ID;
use crate::target::TeamTarget;

use super::pg_error;

/// The PostgreSQL schema (namespace) that holds the register.
pub const SCHEMA: &str = "coopdesk";

/// The migrations, in order: (schema version reached, file name, SQL). The first is a baseline.
pub const PG_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        11,
        "0011_baseline.sql",
        include_str!("../../migrations/postgres/0011_baseline.sql"),
    ),
    (
        12,
        "0012_workshops.sql",
        include_str!("../../migrations/postgres/0012_workshops.sql"),
    ),
    (
        13,
        "0013_publication_checks.sql",
        include_str!("../../migrations/postgres/0013_publication_checks.sql"),
    ),
];

/// Schema version this build writes; equal to SQLite's [`crate::migrate::LATEST_VERSION`] (tested).
pub const PG_LATEST_VERSION: i64 = 13;

/// Settings key of the schema version.
const VERSION_KEY: &str = "schema_version";

/// The schema version, `None` when the database has no schema `coopdesk`; a schema `coopdesk`
/// that is not a Cooperation Desk register is [`Error::Unusable`].
pub(super) fn schema_version(client: &mut Client, target: &TeamTarget) -> Result<Option<i64>> {
    read_version(client, target)
}

fn read_version(
    client: &mut impl postgres::GenericClient,
    target: &TeamTarget,
) -> Result<Option<i64>> {
    let has_schema: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
            &[&SCHEMA],
        )
        .map_err(|e| pg_error(target, e))?
        .get(0);
    if !has_schema {
        return Ok(None);
    }
    let not_ours = |why: &str| Error::Unusable {
        path: target.to_string().into(),
        reason: format!(
            "it has a schema \"{SCHEMA}\" that is not a Cooperation Desk register ({why}); it was left untouched"
        ),
    };
    let has_settings: bool = client
        .query_one(
            "SELECT to_regclass(format('%I.settings', $1::text)) IS NOT NULL",
            &[&SCHEMA],
        )
        .map_err(|e| pg_error(target, e))?
        .get(0);
    if !has_settings {
        return Err(not_ours("no settings table"));
    }
    let row = client
        .query_opt(
            &format!("SELECT value FROM {SCHEMA}.settings WHERE key = $1"),
            &[&VERSION_KEY],
        )
        .map_err(|e| pg_error(target, e))?;
    let Some(row) = row else {
        return Err(not_ours("no schema version"));
    };
    let value: String = row.get(0);
    value
        .parse::<i64>()
        .map(Some)
        .map_err(|_| not_ours(&format!("schema version \"{value}\" is not a number")))
}

/// Brings the schema up to [`PG_LATEST_VERSION`] inside `tx`; returns the version before (0 for a
/// database without one). The group roles must exist (the baseline grants to them).
pub(super) fn migrate(tx: &mut postgres::Transaction<'_>, target: &TeamTarget) -> Result<i64> {
    // The same number as SQLite's application_id: one lock per database for Cooperation Desk's
    // migrations, released with the transaction.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPLICATION_ID])
        .map_err(|e| pg_error(target, e))?;
    let before = read_version(tx, target)?;
    if let Some(found) = before
        && found > PG_LATEST_VERSION
    {
        return Err(Error::SchemaTooNew {
            path: target.to_string().into(),
            found,
            supported: PG_LATEST_VERSION,
        });
    }
    let before = before.unwrap_or(0);
    if before == 0 {
        tx.batch_execute(&format!("CREATE SCHEMA {SCHEMA}"))
            .map_err(|e| pg_error(target, e))?;
    }
    tx.batch_execute(&format!("SET LOCAL search_path = {SCHEMA}, pg_catalog"))
        .map_err(|e| pg_error(target, e))?;
    let mut reached = before;
    for (version, name, sql) in PG_MIGRATIONS {
        // The baseline stands for every version up to its own; later files apply one by one.
        if *version > reached {
            tx.batch_execute(sql).map_err(|e| {
                let err = pg_error(target, e);
                Error::Unusable {
                    path: target.to_string().into(),
                    reason: format!("migration {name} failed, nothing was changed: {err}"),
                }
            })?;
            reached = *version;
        }
    }
    if reached > before {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&VERSION_KEY, &reached.to_string()],
        )
        .map_err(|e| pg_error(target, e))?;
    }
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_team_schema_is_at_the_sqlite_version() {
        assert_eq!(PG_LATEST_VERSION, crate::migrate::LATEST_VERSION);
        assert_eq!(PG_MIGRATIONS.last().map(|m| m.0), Some(PG_LATEST_VERSION));
        let versions: Vec<i64> = PG_MIGRATIONS.iter().map(|m| m.0).collect();
        assert!(
            versions.windows(2).all(|w| w[0] < w[1]),
            "in order: {versions:?}"
        );
        for (version, name, _) in PG_MIGRATIONS {
            assert!(
                name.starts_with(&format!("{version:04}_")),
                "{name} is numbered {version}"
            );
        }
    }
}
