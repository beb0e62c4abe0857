//! Embedded, ordered schema migrations.
//!
//! All pending migrations run in one IMMEDIATE transaction together with the `user_version` bump, so
//! a database is always at exactly one released schema version. Released files are never edited;
//! `released_migrations_are_unchanged` pins their hashes.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of a Cooperation Desk database ("CoDk").
pub const APPLICATION_ID: i64 = 0x436F_446B;

/// The migrations, in order; migration `i` (0-based) takes the schema to version `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_cases_and_registries.sql",
        include_str!("../migrations/0001_cases_and_registries.sql"),
    ),
    (
        "0002_case_list_summary.sql",
        include_str!("../migrations/0002_case_list_summary.sql"),
    ),
    (
        "0003_templates_and_assessments.sql",
        include_str!("../migrations/0003_templates_and_assessments.sql"),
    ),
    (
        "0004_screening_lists.sql",
        include_str!("../migrations/0004_screening_lists.sql"),
    ),
    (
        "0005_action_plan.sql",
        include_str!("../migrations/0005_action_plan.sql"),
    ),
    (
        "0006_history_and_audit.sql",
        include_str!("../migrations/0006_history_and_audit.sql"),
    ),
    (
        "0007_received_bundles.sql",
        include_str!("../migrations/0007_received_bundles.sql"),
    ),
    (
        "0008_provisional.sql",
        include_str!("../migrations/0008_provisional.sql"),
    ),
    (
        "0009_list_repairs.sql",
        include_str!("../migrations/0009_list_repairs.sql"),
    ),
    (
        "0010_list_formats.sql",
        include_str!("../migrations/0010_list_formats.sql"),
    ),
    (
        "0011_list_indexes.sql",
        include_str!("../migrations/0011_list_indexes.sql"),
    ),
    (
        "0012_workshops.sql",
        include_str!("../migrations/0012_workshops.sql"),
    ),
    (
        "0013_publication_checks.sql",
        include_str!("../migrations/0013_publication_checks.sql"),
    ),
];

/// Schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Reads `PRAGMA user_version`.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to `target` (normally [`LATEST_VERSION`]). Returns the version before.
///
/// Re-reads the version inside the write transaction, so two processes starting at once do not both
/// migrate.
///
/// Foreign keys are off while the migrations run: a migration that rebuilds a table (SQLite cannot
/// change a constraint in place; `0010_list_formats.sql`) drops the old table, which with foreign
/// keys on would cascade into the rows that refer to it. Every reference is checked before the
/// transaction commits; a broken one rolls the whole migration back. The connection's foreign-key
/// setting is restored afterwards, whatever happened.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<i64> {
    let foreign_keys: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = migrate_without_foreign_keys(conn, target);
    let restored = conn.pragma_update(None, "foreign_keys", foreign_keys);
    let before = result?;
    restored?;
    Ok(before)
}

fn migrate_without_foreign_keys(conn: &mut Connection, target: i64) -> Result<i64> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let before = schema_version(&tx)?;
    for (i, (_, sql)) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version > before && version <= target {
            tx.execute_batch(sql)?;
        }
    }
    if target > before {
        let broken: Option<(String, Option<i64>, String)> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        if let Some((table, row, parent)) = broken {
            return Err(Error::Unusable {
                path: tx.path().unwrap_or(":memory:").into(),
                reason: format!(
                    "migrating to schema version {target} would leave row {} of {table} referring to a \
                     missing row of {parent}; the database was left as it was",
                    row.map_or_else(|| "?".to_owned(), |r| r.to_string())
                ),
            });
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(before)
}
