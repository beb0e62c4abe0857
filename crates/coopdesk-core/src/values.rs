//! Small validated value types: country codes and calendar dates.
//!
//! Their `Deserialize` impls reject bad input with a message that says what was expected, so that the
//! interchange importer (which records the JSON path) produces errors like
//! `partners[2].country: expected an ISO 3166-1 alpha-2 code such as "CN", found "China"`.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::country_codes::ISO_3166_ALPHA2;

/// An ISO 3166-1 alpha-2 country code, always upper case (e.g. `CN`, `DE`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub struct CountryCode(String);

impl CountryCode {
    /// Parses a code; accepts lower case and surrounding spaces, rejects anything not officially assigned.
    pub fn parse(s: &str) -> Option<Self> {
        let code = s.trim().to_ascii_uppercase();
        ISO_3166_ALPHA2
            .binary_search(&code.as_str())
            .ok()
            .map(|_| CountryCode(code))
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = CountryCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 3166-1 alpha-2 country code such as \"CN\" or \"DE\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CountryCode, E> {
                CountryCode::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V)
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string", rename = "IsoDate")]
pub struct Date(pub NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD` strictly (no time, no other separators).
    pub fn parse(s: &str) -> Option<Self> {
        // chrono accepts e.g. "2024-1-5" with %m/%d; the format is fixed-width, so check the shape first.
        let b = s.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shaped {
            return None;
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a calendar date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_sorted_and_checked() {
        assert!(ISO_3166_ALPHA2.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(CountryCode::parse(" cn ").map(|c| c.0), Some("CN".into()));
        assert!(CountryCode::parse("China").is_none());
        assert!(CountryCode::parse("XX").is_none());
        assert!(CountryCode::parse("").is_none());
    }

    #[test]
    fn dates_are_strict() {
        assert!(Date::parse("2026-02-28").is_some());
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("2026-2-3").is_none());
        assert!(Date::parse("2026-02-03T00:00").is_none());
        assert!(Date::parse("２０２６-02-03").is_none());
    }

    #[test]
    fn bad_country_names_what_was_expected() {
        let err = serde_json::from_str::<CountryCode>("\"China\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("ISO 3166-1 alpha-2"), "{err}");
        assert!(err.contains("China"), "{err}");
    }
}
