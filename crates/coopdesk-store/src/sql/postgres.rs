//! [`Sql`] on a team database (feature `team`): the same statements, with `?N` placeholders written
//! as PostgreSQL's `$N`, prepared once per connection; the audit log appended by the server's
//! `coopdesk_audit_append`, which records the login itself.
//!
//! The client sits in a `RefCell` because the `postgres` crate needs `&mut` for every call while the
//! store reads through `&self`; a store is used by one thread at a time (it is `Send`, not `Sync`, as
//! SQLite's connection is), so a borrow never overlaps another.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use postgres::{Client, Statement};

use coopdesk_core::audit::AuditEntry;

use super::{Engine, Param, Query, Sql, SqlRow};
use crate::error::{Error, Result};
use crate::target::TeamTarget;

/// One connection to a team database, with its prepared statements.
pub(crate) struct PgConn {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Statement>>,
    target: TeamTarget,
    /// Whether a transaction is open (PostgreSQL has no cheap way to ask, SQLite's autocommit flag).
    in_tx: Cell<bool>,
}

impl PgConn {
    /// Wraps a connected client (its `search_path` already set to the register's schema).
    pub(crate) fn new(client: Client, target: TeamTarget) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            target,
            in_tx: Cell::new(false),
        }
    }

    /// Where and as whom.
    pub(crate) fn target(&self) -> &TeamTarget {
        &self.target
    }

    /// Whether a transaction is open on this connection.
    pub(crate) fn in_transaction(&self) -> bool {
        self.in_tx.get()
    }

    /// Runs statements without parameters (transaction control, `SET`).
    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(|e| pg_error(&self.target, e))
    }

    /// Starts a write transaction. PostgreSQL's default isolation, `READ COMMITTED`, is what the audit
    /// log needs: its appender locks the log and must then see the entry a transaction that held the
    /// lock before it committed.
    pub(crate) fn begin(&self) -> Result<PgTx<'_>> {
        self.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
        self.in_tx.set(true);
        Ok(PgTx {
            conn: self,
            open: Cell::new(true),
        })
    }

    /// Starts a read-only transaction that sees one state of the database throughout.
    pub(crate) fn begin_reading(&self) -> Result<PgTx<'_>> {
        self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        self.in_tx.set(true);
        Ok(PgTx {
            conn: self,
            open: Cell::new(true),
        })
    }

    fn statement(&self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = self
            .client
            .borrow_mut()
            .prepare(&dollar_placeholders(sql))
            .map_err(|e| pg_error(&self.target, e))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_owned(), s.clone());
        Ok(s)
    }
}

fn bind<'a>(params: &'a [&'a dyn Param]) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    params.iter().map(|p| p.as_pg()).collect()
}

impl Sql for PgConn {
    fn engine(&self) -> Engine {
        Engine::Postgres
    }

    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        self.client
            .borrow_mut()
            .execute(&stmt, &bind(params))
            .map_err(|e| pg_error(&self.target, e))
    }

    fn query_each(
        &self,
        sql: &str,
        params: &[&dyn Param],
        each: &mut dyn FnMut(&SqlRow<'_>) -> Result<()>,
    ) -> Result<()> {
        let stmt = self.statement(sql)?;
        // The rows are collected before `each` runs, so that `each` may run statements of its own.
        let rows = self
            .client
            .borrow_mut()
            .query(&stmt, &bind(params))
            .map_err(|e| pg_error(&self.target, e))?;
        for row in &rows {
            each(&SqlRow::Postgres(row, &self.target))?;
        }
        Ok(())
    }

    fn append_audit(
        &self,
        at: DateTime<Utc>,
        _actor: &str,
        action: &str,
        subject: &str,
        digest: &str,
    ) -> Result<AuditEntry> {
        let at = at.to_rfc3339();
        let db: &dyn Sql = self;
        let (seq, actor, prev_hash, hash) = db.query_one(
            "SELECT seq, actor, prev_hash, hash FROM coopdesk_audit_append(?1, ?2, ?3, ?4)",
            super::args![at, action, subject, digest],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        Ok(AuditEntry {
            seq,
            at,
            actor,
            action: action.to_owned(),
            subject: subject.to_owned(),
            digest: digest.to_owned(),
            prev_hash,
            hash,
        })
    }
}

/// A transaction on a [`PgConn`]; rolled back when dropped uncommitted.
pub(crate) struct PgTx<'a> {
    conn: &'a PgConn,
    open: Cell<bool>,
}

impl PgTx<'_> {
    /// The connection its statements run on.
    pub(crate) fn conn(&self) -> &PgConn {
        self.conn
    }

    /// Commits.
    pub(crate) fn commit(self) -> Result<()> {
        self.open.set(false);
        self.conn.in_tx.set(false);
        self.conn.batch("COMMIT")
    }
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open.get() {
            self.conn.in_tx.set(false);
            // Nothing to report to: the error that made the caller drop the transaction is the one
            // that matters, and a failed ROLLBACK means the connection is gone, which ends it anyway.
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}

/// `?1` → `$1`, outside quoted strings and identifiers: the statements are written once, in SQLite's
/// spelling.
pub(crate) fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('$');
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

/// A PostgreSQL error in the store's terms: a refused privilege says so, a serialisation failure or
/// deadlock is [`Error::Busy`], anything else names the server's message.
pub(crate) fn pg_error(target: &TeamTarget, e: postgres::Error) -> Error {
    use postgres::error::SqlState;
    let Some(db) = e.as_db_error() else {
        // No answer from the server: connection, TLS or authentication trouble, with its cause.
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            reason.push_str(": ");
            reason.push_str(&s.to_string());
            source = s.source();
        }
        return Error::Team {
            target: target.to_string(),
            reason,
        };
    };
    let code = db.code();
    if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED {
        return Error::Busy;
    }
    let mut reason = db.message().to_owned();
    if let Some(detail) = db.detail() {
        reason.push_str(&format!(" ({detail})"));
    }
    if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        Error::TeamDenied {
            target: target.to_string(),
            reason,
        }
    } else {
        Error::Team {
            target: target.to_string(),
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dollar_placeholders;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            dollar_placeholders("SELECT '?1', \"a?2\" FROM t WHERE a = ?1 AND b IN (?2, ?10)"),
            "SELECT '?1', \"a?2\" FROM t WHERE a = $1 AND b IN ($2, $10)"
        );
        assert_eq!(
            dollar_placeholders("x = 'it''s ?3' OR y = ?3"),
            "x = 'it''s ?3' OR y = $3"
        );
    }
}
