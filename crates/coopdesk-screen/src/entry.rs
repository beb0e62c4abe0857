//! What a restriction list says about one organisation, independent of the file it came from.

use serde::{Deserialize, Serialize};

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

/// The result of reading one list file: its entries plus what was deliberately left out.
///
/// Persons, vessels and aircraft are skipped because Cooperation Desk screens organisations; the count
/// is kept so that an import can say "1 203 entries, 2 441 persons skipped" instead of silently
/// dropping rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSnapshot {
    /// Organisation entries, in file order.
    pub entries: Vec<ListEntry>,
    /// Rows or records that were valid but not organisations (persons, vessels, aircraft, addresses…).
    pub skipped: usize,
    /// Characters the parser replaced because the file cannot have meant them (control characters
    /// in the CSL), in file order; empty for a file that needed no repair.
    pub repairs: Vec<crate::import::Repair>,
    /// The date the file says it was published or generated (`YYYY-MM-DD`): the EU file's
    /// `generationDate`, the UN file's `dateGenerated`, the UK files' "Last Updated" or "Report
    /// Date" line. `None` for formats that carry no such date.
    pub published: Option<String>,
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
        hex_of(&self.fingerprint_bytes())
    }

    /// [`ListEntry::fingerprint`] as the 32 bytes of the digest.
    pub(crate) fn fingerprint_bytes(&self) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        // Serialising plain strings and vectors cannot fail; the fallback keeps this total anyway.
        let json = serde_json::to_vec(self).unwrap_or_else(|_| format!("{self:?}").into_bytes());
        Sha256::digest(&json).into()
    }

    /// The list codes joined with `|`, the way the bundled CSV and screening hits write them.
    #[must_use]
    pub fn list_codes(&self) -> String {
        let codes: Vec<&str> = self.lists.iter().map(|l| l.code.as_str()).collect();
        codes.join("|")
    }
}

/// SHA-256 of `bytes` as 64 lower-case hex digits (the form provenance records and reviews store).
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex_of(&Sha256::digest(bytes))
}

/// Bytes as lower-case hex digits.
pub(crate) fn hex_of(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}
