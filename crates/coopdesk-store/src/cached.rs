//! `execute` and `query_row` through SQLite's prepared-statement cache.
//!
//! Import writes about ten statements per case; preparing each anew costs more than running it, so
//! the hot paths go through the connection's statement cache (keyed by the SQL text).

use rusqlite::{Connection, Params, Row};

/// Cached counterparts of [`Connection::execute`] and [`Connection::query_row`].
pub(crate) trait CachedStatements {
    /// Like `execute`, with the statement taken from the cache.
    fn execute_cached<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    /// Like `query_row`, with the statement taken from the cache.
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>;
}

impl CachedStatements for Connection {
    fn execute_cached<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}
