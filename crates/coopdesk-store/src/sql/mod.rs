//! One way to run a statement on either engine: the embedded SQLite file or an office's PostgreSQL
//! server (feature `team`).
//!
//! The rows layer writes each statement once, with SQLite's numbered placeholders (`?1`, `?2`, …) in
//! the subset both engines share (`ON CONFLICT … DO UPDATE`, integers for flags, RFC 3339 text for
//! times, JSON as text), and runs it through [`Sql`]. What the engines do differently is kept in one
//! method each, side by side in `sqlite.rs` and `postgres.rs` (appending to the audit log, for one).
//! A value goes in as a [`Param`] and comes out of a [`SqlRow`] as a [`Column`]; both traits accept
//! only the types the schema stores, so a `usize`, an `i32` or a `bool` fails to compile instead of
//! failing on the server.

#[cfg(feature = "team")]
pub(crate) mod postgres;
mod sqlite;

use chrono::{DateTime, Utc};

use coopdesk_core::audit::AuditEntry;

use crate::error::{Error, Result};

/// Settings key of the audit chain's head: `"<seq> <hash>"` (both engines keep it there).
pub(crate) const HEAD_KEY: &str = "audit.head";

/// Which engine a connection speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    /// The embedded SQLite file.
    Sqlite,
    /// A team database on a PostgreSQL server.
    #[cfg(feature = "team")]
    Postgres,
}

/// A statement parameter both engines bind to the same column type. Implemented for exactly the
/// types the schema stores (`bigint`/INTEGER, `double precision`/REAL, `text`/TEXT, `bytea`/BLOB),
/// so a `bool`, an `i32` or a `usize` — which PostgreSQL would refuse for a `bigint` column at run
/// time — fails to compile: flags go in as `i64::from(flag)`.
pub(crate) trait Param {
    /// The value as SQLite binds it.
    fn as_sqlite(&self) -> &dyn rusqlite::ToSql;
    /// The value as PostgreSQL binds it.
    #[cfg(feature = "team")]
    fn as_pg(&self) -> &(dyn ::postgres::types::ToSql + Sync);
}

macro_rules! param_types {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn as_sqlite(&self) -> &dyn rusqlite::ToSql {
                self
            }
            #[cfg(feature = "team")]
            fn as_pg(&self) -> &(dyn ::postgres::types::ToSql + Sync) {
                self
            }
        }
    )*};
}
param_types!(
    i64,
    f64,
    String,
    &str,
    Vec<u8>,
    &[u8],
    Option<i64>,
    Option<f64>,
    Option<String>,
    Option<&str>
);

impl<T: Param> Param for &T {
    fn as_sqlite(&self) -> &dyn rusqlite::ToSql {
        (**self).as_sqlite()
    }
    #[cfg(feature = "team")]
    fn as_pg(&self) -> &(dyn ::postgres::types::ToSql + Sync) {
        (**self).as_pg()
    }
}

/// A column type both engines read from the same stored type (see [`Param`]).
pub(crate) trait Column: rusqlite::types::FromSql + ColumnPg {}

#[cfg(feature = "team")]
#[doc(hidden)]
pub(crate) trait ColumnPg: for<'a> ::postgres::types::FromSql<'a> {}
#[cfg(not(feature = "team"))]
#[doc(hidden)]
pub(crate) trait ColumnPg {}

macro_rules! column_types {
    ($($t:ty),*) => {$(
        impl Column for $t {}
        impl ColumnPg for $t {}
    )*};
}
column_types!(
    i64,
    f64,
    String,
    Vec<u8>,
    Option<i64>,
    Option<f64>,
    Option<String>,
    Option<Vec<u8>>
);

/// The parameters of one statement, e.g. `args![case.id, revision]`.
macro_rules! args {
    () => { &[] as &[&dyn $crate::sql::Param] };
    ($($v:expr),+ $(,)?) => { &[$(&$v as &dyn $crate::sql::Param),+] as &[&dyn $crate::sql::Param] };
}
pub(crate) use args;

/// One result row, from either engine.
pub(crate) enum SqlRow<'a> {
    /// A SQLite row.
    Sqlite(&'a rusqlite::Row<'a>),
    /// A PostgreSQL row, with where it came from for error messages.
    #[cfg(feature = "team")]
    Postgres(&'a ::postgres::Row, &'a crate::target::TeamTarget),
}

impl SqlRow<'_> {
    /// Column `idx` (0-based) as `T`.
    pub(crate) fn get<T: Column>(&self, idx: usize) -> Result<T> {
        match self {
            SqlRow::Sqlite(r) => Ok(r.get(idx)?),
            #[cfg(feature = "team")]
            SqlRow::Postgres(r, target) => {
                r.try_get(idx).map_err(|e| postgres::pg_error(target, e))
            }
        }
    }
}

/// Runs statements on one engine: a connection, or a transaction the caller holds.
pub(crate) trait Sql {
    /// The engine behind it.
    fn engine(&self) -> Engine;

    /// Runs a statement that returns no rows; the number of rows it changed.
    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64>;

    /// Runs a query and hands each row to `each`, in order; stops at the first error.
    fn query_each(
        &self,
        sql: &str,
        params: &[&dyn Param],
        each: &mut dyn FnMut(&SqlRow<'_>) -> Result<()>,
    ) -> Result<()>;

    /// Appends an entry to the hash-chained audit log and moves its head. SQLite computes the entry
    /// here; a team database computes it on the server, as the connection's login (`actor` is then
    /// ignored: the server records `session_user`, so a client cannot name someone else).
    fn append_audit(
        &self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        subject: &str,
        digest: &str,
    ) -> Result<AuditEntry>;
}

/// Typed queries on any [`Sql`]: on a connection, a transaction or a `&dyn Sql` alike.
pub(crate) trait Query: Sql {
    /// The rows of a query, each read by `read`.
    fn query_vec<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        mut read: impl FnMut(&SqlRow<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.query_each(sql, params, &mut |r| {
            out.push(read(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query read by `read`, if there is one.
    fn query_opt<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        read: impl FnOnce(&SqlRow<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut read = Some(read);
        let mut out = None;
        self.query_each(sql, params, &mut |r| {
            if let Some(f) = read.take() {
                out = Some(f(r)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query that always returns one (an aggregate, a row known to exist).
    fn query_one<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        read: impl FnOnce(&SqlRow<'_>) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(sql, params, read)?
            .ok_or_else(|| Error::NoRow {
                statement: first_line(sql),
            })
    }

    /// Whether a query returns any row.
    fn exists(&self, sql: &str, params: &[&dyn Param]) -> Result<bool> {
        Ok(self.query_opt(sql, params, |_| Ok(()))?.is_some())
    }
}

impl<T: Sql + ?Sized> Query for T {}

/// The first line of a statement, trimmed, for an error message.
fn first_line(sql: &str) -> String {
    sql.trim()
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// A write transaction on either engine. Dropped without [`Tx::commit`], it rolls back.
pub(crate) enum Tx<'a> {
    /// SQLite, `BEGIN IMMEDIATE`: writers queue for the file's lock up front.
    Sqlite(rusqlite::Transaction<'a>),
    /// PostgreSQL, `READ COMMITTED`.
    #[cfg(feature = "team")]
    Postgres(postgres::PgTx<'a>),
}

impl Tx<'_> {
    /// Makes every write of the transaction durable at once.
    pub(crate) fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => Ok(tx.commit()?),
            #[cfg(feature = "team")]
            Tx::Postgres(tx) => tx.commit(),
        }
    }

    /// The connection the transaction runs on (a transaction belongs to its connection).
    fn inner(&self) -> &dyn Sql {
        match self {
            Tx::Sqlite(tx) => &**tx,
            #[cfg(feature = "team")]
            Tx::Postgres(tx) => tx.conn(),
        }
    }
}

/// A transaction runs statements like a connection: `read_case(&tx, id)`.
impl Sql for Tx<'_> {
    fn engine(&self) -> Engine {
        self.inner().engine()
    }

    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        self.inner().execute(sql, params)
    }

    fn query_each(
        &self,
        sql: &str,
        params: &[&dyn Param],
        each: &mut dyn FnMut(&SqlRow<'_>) -> Result<()>,
    ) -> Result<()> {
        self.inner().query_each(sql, params, each)
    }

    fn append_audit(
        &self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        subject: &str,
        digest: &str,
    ) -> Result<AuditEntry> {
        self.inner()
            .append_audit(at, actor, action, subject, digest)
    }
}

// The few expressions the engines spell differently, side by side.

/// `column` contains parameter `?n` as a substring. Not `LIKE`: no escaping of `%` and `_`, and it is
/// exact for any script.
pub(crate) fn contains(db: &dyn Sql, column: &str, n: usize) -> String {
    match db.engine() {
        Engine::Sqlite => format!("instr({column}, ?{n}) > 0"),
        #[cfg(feature = "team")]
        Engine::Postgres => format!("strpos({column}, ?{n}) > 0"),
    }
}

/// An `ORDER BY` term for `column` ignoring case (SQLite's `NOCASE` folds ASCII only; PostgreSQL's
/// `lower` folds every script).
pub(crate) fn order_nocase(db: &dyn Sql, column: &str) -> String {
    match db.engine() {
        Engine::Sqlite => format!("{column} COLLATE NOCASE"),
        #[cfg(feature = "team")]
        Engine::Postgres => format!("lower({column})"),
    }
}

/// A sub-query of the strings in parameter `?n`, a JSON array as text: any number of keys binds as
/// one parameter.
pub(crate) fn json_values(db: &dyn Sql, n: usize) -> String {
    match db.engine() {
        Engine::Sqlite => format!("SELECT value FROM json_each(?{n})"),
        #[cfg(feature = "team")]
        Engine::Postgres => {
            format!("SELECT jsonb_array_elements_text(CAST(CAST(?{n} AS TEXT) AS jsonb))")
        }
    }
}
