//! Audit rows: appending an entry to the hash-chained log and moving its head, inside the caller's
//! transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use coopdesk_core::audit::{AuditEntry, GENESIS, entry_hash};

use crate::error::Result;

/// Settings key of the chain's head: `"<seq> <hash>"`.
pub(crate) const HEAD_KEY: &str = "audit.head";

/// Appends an entry to the audit log (inside the caller's transaction) and moves the head.
pub(crate) fn append_audit(
    conn: &Connection,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    subject: &str,
    digest: &str,
) -> Result<AuditEntry> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_owned()),
    };
    let at = at.to_rfc3339();
    let hash = entry_hash(seq, &at, actor, action, subject, digest, &prev_hash);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor, action, subject, digest, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        seq, at, actor, action, subject, digest, prev_hash, hash
    ])?;
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![HEAD_KEY, format!("{seq} {hash}")])?;
    Ok(AuditEntry {
        seq,
        at,
        actor: actor.to_owned(),
        action: action.to_owned(),
        subject: subject.to_owned(),
        digest: digest.to_owned(),
        prev_hash,
        hash,
    })
}
