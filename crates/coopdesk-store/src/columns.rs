//! Reading typed values out of stored text columns. A value that does not read — a status outside the
//! vocabulary, a time that is no RFC 3339 timestamp — is an error naming the table and column, never
//! a default: a bad timestamp must not become 1970-01-01 on a signed briefing, an unknown list format
//! must not be read as CSV. (The schema's CHECK constraints keep such values out; a hand-edited or
//! damaged file can still hold them.)

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::sql::SqlRow;

fn unreadable(column: &str, value: &str, expected: &'static str) -> Error {
    Error::Unreadable {
        column: column.to_owned(),
        value: value.to_owned(),
        expected,
    }
}

/// Reads column `idx` (named `column`, e.g. `cases.status`, for the message) with `parse`, a closed
/// vocabulary's parser.
pub(crate) fn vocab<T>(
    r: &SqlRow<'_>,
    idx: usize,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T> {
    let text: String = r.get(idx)?;
    parse(&text).ok_or_else(|| unreadable(column, &text, "a known value"))
}

/// Like [`vocab`], for a column that may be NULL.
pub(crate) fn vocab_opt<T>(
    r: &SqlRow<'_>,
    idx: usize,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>> {
    let text: Option<String> = r.get(idx)?;
    text.map(|t| parse(&t).ok_or_else(|| unreadable(column, &t, "a known value")))
        .transpose()
}

/// Reads column `idx` (named `column`) as an RFC 3339 time.
pub(crate) fn time(r: &SqlRow<'_>, idx: usize, column: &str) -> Result<DateTime<Utc>> {
    let text: String = r.get(idx)?;
    parse_time(&text).ok_or_else(|| unreadable(column, &text, "an RFC 3339 time"))
}

/// An RFC 3339 time in UTC, if `text` is one.
pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
