//! [`Sql`] on the embedded SQLite file: statements through the connection's prepared-statement cache
//! (import writes about ten statements per case; preparing each anew costs more than running it).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use coopdesk_core::audit::{AuditEntry, GENESIS, entry_hash};

use super::{Engine, HEAD_KEY, Param, Query, Sql, SqlRow, args};
use crate::error::Result;

fn bind<'a>(params: &'a [&'a dyn Param]) -> Vec<&'a dyn rusqlite::ToSql> {
    params.iter().map(|p| p.as_sqlite()).collect()
}

impl Sql for Connection {
    fn engine(&self) -> Engine {
        Engine::Sqlite
    }

    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        let n = self.prepare_cached(sql)?.execute(&*bind(params))?;
        Ok(n as u64)
    }

    fn query_each(
        &self,
        sql: &str,
        params: &[&dyn Param],
        each: &mut dyn FnMut(&SqlRow<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.prepare_cached(sql)?;
        let mut rows = stmt.query(&*bind(params))?;
        while let Some(row) = rows.next()? {
            each(&SqlRow::Sqlite(row))?;
        }
        Ok(())
    }

    fn append_audit(
        &self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        subject: &str,
        digest: &str,
    ) -> Result<AuditEntry> {
        let db: &dyn Sql = self;
        let last: Option<(i64, String)> = db.query_opt(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (seq, prev_hash) = match last {
            Some((s, h)) => (s + 1, h),
            None => (1, GENESIS.to_owned()),
        };
        let at = at.to_rfc3339();
        let hash = entry_hash(seq, &at, actor, action, subject, digest, &prev_hash);
        db.execute(
            "INSERT INTO audit_log (seq, at, actor, action, subject, digest, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            args![seq, at, actor, action, subject, digest, prev_hash, hash],
        )?;
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            args![HEAD_KEY, format!("{seq} {hash}")],
        )?;
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
}
