//! What a restriction list says about one organisation, and the list formats that say it.
//!
//! These are plain data shared by the parsers and the matcher (`coopdesk-screen`) and by the store,
//! which keeps snapshots of them; keeping them here lets the store depend on the core alone.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::digest::{hex, sha256};

/// One listed organisation (or institute, subsidiary, company) as read from a list file.
///
/// Every parser maps its own format onto this shape, so the matcher never needs to know whether an
/// entry came from the bundled snapshot, the US Consolidated Screening List or OpenSanctions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    /// The id the source list gives the entry (for the bundled snapshot the `id` column). Reported as
    /// `entity` in screening hits, so it must stay stable across list updates.
    pub id: String,
    /// Primary name as listed, usually English or a romanisation.
    pub name: String,
    /// Chinese name (simplified or traditional), when the list gives one.
    pub name_zh: Option<String>,
    /// Other names: former names, transliterations, short forms, institute names listed as aliases.
    pub aliases: Vec<String>,
    /// Official acronym such as `NUDT`; matched only as a whole word, never inside a word.
    pub acronym: Option<String>,
    /// Id of the listed organisation this one belongs to (an institute of CAEP, a subsidiary).
    pub parent_id: Option<String>,
    /// ISO 3166-1 alpha-2 country code, upper case.
    pub country: Option<String>,
    /// The lists the entry is on, each with the list's own reference (Federal Register citation…).
    pub lists: Vec<ListRef>,
    /// Date (`YYYY-MM-DD`) or year of first listing, as precise as the source is.
    pub listed_on: Option<String>,
    /// Where the entry was taken from (URL or citation).
    pub source: Option<String>,
    /// Free-text remarks of the list or of the person who curated the snapshot.
    pub notes: Option<String>,
}

/// Membership of an entry in one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRef {
    /// List code, e.g. `us_bis_entity_list`, `us_bis_unverified_list`, `us_dod_1260h`, `ca_nro`.
    pub code: String,
    /// The list's citation for this entry (e.g. `85 FR 34495 (2020-06-05)`), when known.
    pub reference: Option<String>,
}

impl ListEntry {
    /// A minimal entry with only an id, a name and one list code; handy for tests and synthetic data.
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>, list: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            name_zh: None,
            aliases: Vec::new(),
            acronym: None,
            parent_id: None,
            country: None,
            lists: vec![ListRef {
                code: list.into(),
                reference: None,
            }],
            listed_on: None,
            source: None,
            notes: None,
        }
    }

    /// SHA-256 (lower-case hex) of the entry's JSON form: what a list says about this entity.
    ///
    /// Two snapshots of a list that say the same about an entity give the same fingerprint, so the
    /// fingerprint tells which entries an import changed, and a reviewer's decision on a hit holds
    /// only while the entry keeps the fingerprint it was reviewed with. The JSON form is the
    /// serialisation of this struct (fields in declaration order), so adding a field here changes
    /// every fingerprint and thereby lapses every review; do that only deliberately.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        hex(&self.fingerprint_bytes())
    }

    /// [`ListEntry::fingerprint`] as the 32 bytes of the digest (what a stored screening index
    /// keeps per entry).
    #[must_use]
    pub fn fingerprint_bytes(&self) -> [u8; 32] {
        // Serialising plain strings and vectors cannot fail; the fallback keeps this total anyway.
        let json = serde_json::to_vec(self).unwrap_or_else(|_| format!("{self:?}").into_bytes());
        sha256(&json)
    }

    /// The list codes joined with `|`, the way the bundled CSV and screening hits write them.
    #[must_use]
    pub fn list_codes(&self) -> String {
        let codes: Vec<&str> = self.lists.iter().map(|l| l.code.as_str()).collect();
        codes.join("|")
    }
}

/// The list formats Cooperation Desk reads (`coopdesk lists import FILE --format
/// csl|ftm|csv|eu_fsf|uk|un`).
///
/// Serialised as the names the command line takes (`csl`, `ftm`, `csv`, `eu_fsf`, `uk`, `un`), which
/// are also what a stored snapshot records as its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ListFormat {
    /// The bundled/office CSV: exactly the columns of `restricted_entities.csv`.
    Csv,
    /// The US Consolidated Screening List, CSV or JSON (told apart by the first non-blank byte).
    Csl,
    /// OpenSanctions FollowTheMoney entities, one JSON object per line.
    Ftm,
    /// The EU Consolidated Financial Sanctions List, XML (Financial Sanctions Files schema 1.1).
    #[serde(rename = "eu_fsf")]
    EuFsf,
    /// The UK Sanctions List (FCDO) or the OFSI consolidated list, CSV (told apart by the header).
    Uk,
    /// The UN Security Council Consolidated List, XML.
    Un,
}

impl ListFormat {
    /// Every format, in the order the command line lists them.
    pub const ALL: [ListFormat; 6] = [
        ListFormat::Csl,
        ListFormat::EuFsf,
        ListFormat::Uk,
        ListFormat::Un,
        ListFormat::Ftm,
        ListFormat::Csv,
    ];

    /// The format's name: `csl`, `ftm`, `csv`, `eu_fsf`, `uk` or `un`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ListFormat::Csv => "csv",
            ListFormat::Csl => "csl",
            ListFormat::Ftm => "ftm",
            ListFormat::EuFsf => "eu_fsf",
            ListFormat::Uk => "uk",
            ListFormat::Un => "un",
        }
    }

    /// The format with this name (`csl`, `eu_fsf`, …; case-insensitive), if any.
    #[must_use]
    pub fn parse(name: &str) -> Option<ListFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The names of every format, for messages: `csl, eu_fsf, uk, un, ftm or csv`.
    #[must_use]
    pub fn names() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|f| f.as_str()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        }
    }
}

impl fmt::Display for ListFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
