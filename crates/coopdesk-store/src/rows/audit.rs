//! Audit rows: appending an entry to the hash-chained log and moving its head, inside the caller's
//! transaction. How is the engine's business ([`Sql::append_audit`]): SQLite computes the entry in
//! the app, a team database on the server as the connection's login.

use chrono::{DateTime, Utc};

use coopdesk_core::audit::AuditEntry;

use crate::error::Result;
pub(crate) use crate::sql::HEAD_KEY;
use crate::sql::Sql;

/// Appends an entry to the audit log (inside the caller's transaction) and moves the head.
pub(crate) fn append_audit(
    db: &dyn Sql,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    subject: &str,
    digest: &str,
) -> Result<AuditEntry> {
    db.append_audit(at, actor, action, subject, digest)
}
