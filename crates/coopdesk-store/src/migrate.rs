//! Embedded, ordered schema migrations.
//!
//! All pending migrations run in one IMMEDIATE transaction together with the `user_version` bump, so
//! a database is always at exactly one released schema version. Released files are never edited;
//! `released_migrations_are_unchanged` pins their hashes.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;

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
        "0010_list_indexes.sql",
        include_str!("../migrations/0010_list_indexes.sql"),
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
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<i64> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let before = schema_version(&tx)?;
    for (i, (_, sql)) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version > before && version <= target {
            tx.execute_batch(sql)?;
        }
    }
    if target > before {
        tx.pragma_update(None, "user_version", target)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(before)
}
