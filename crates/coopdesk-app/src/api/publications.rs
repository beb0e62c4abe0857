//! The co-publication check's result, as `coopdesk pubs check --json`, `coopdesk pubs show --json`
//! and the window's Publications panel see it.

use chrono::{DateTime, Utc};
use coopdesk_core::review::{HitDecision, ReviewState};
use coopdesk_pubs::Format;
use serde::Serialize;
use ts_rs::TS;

/// The result of `coopdesk pubs check`: the contract-style shape `{"case", "works", "affiliations",
/// "coauthorships"}` plus what was read and screened against, whether it was stored, and where each
/// co-authorship stands with the reviewers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PubsCheck {
    /// The case checked.
    pub case: String,
    /// Works read, over all files (works without affiliations included).
    pub works: usize,
    /// Distinct affiliations screened.
    pub affiliations: usize,
    /// Co-authorships with listed institutions, in file and author order.
    pub coauthorships: Vec<Coauthorship>,
    /// Works whose file gives no affiliation at all: read and counted, but they cannot show a
    /// co-authorship.
    pub works_without_affiliations: usize,
    /// The files read, in the order given.
    pub files: Vec<PubsFile>,
    /// The lists screened against, with their snapshot dates.
    pub lists: Vec<String>,
    /// Hits score at least this.
    pub threshold: f64,
    /// The stored check's id; `null` for a check that was not stored (`--dry-run`).
    pub stored: Option<i64>,
    /// When the stored check ran (UTC); `null` when not stored.
    pub checked_at: Option<DateTime<Utc>>,
    /// Who ran the stored check; `null` when not stored.
    pub checked_by: Option<String>,
    /// Co-authorships the assessment counts as open, to be reviewed (unreviewed, not the
    /// partner's own hit).
    pub open: usize,
    /// Co-authorships a reviewer confirmed (not the partner's own hit): the assessment uses them.
    pub confirmed: usize,
}

/// One file of a check.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PubsFile {
    /// The path as given.
    pub file: String,
    /// The format it was read as (`ris`, `bibtex`, `csl_json`, `openalex`).
    #[ts(type = "\"ris\" | \"bibtex\" | \"csl_json\" | \"openalex\"")]
    pub format: Format,
    /// Works in it.
    pub works: usize,
    /// SHA-256 (hex) of the file's bytes as read.
    pub sha256: String,
}

/// An author of a work whose affiliation hits a listed entity.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Coauthorship {
    /// The work: its title, or its id when it has none.
    pub work: String,
    /// The year of publication, if the file gives one.
    pub year: Option<i32>,
    /// The author as written; `null` when the file gives the affiliation for the work without saying
    /// whose it is (RIS `AD` lines and Scopus BibTeX `affiliations` of a work with several authors).
    pub author: Option<String>,
    /// The affiliation as written.
    pub affiliation: String,
    /// The listed entity it hits.
    pub hit: PubHit,
    /// The work's id in its file (OpenAlex id, `WOS:…`, citation key, CSL id, DOI, or position).
    pub work_id: String,
    /// The work's DOI, if given.
    pub doi: Option<String>,
    /// The file the work is in, as given.
    pub file: String,
    /// What was screened: the part of the affiliation that names organisations.
    pub screened: String,
    /// The case's own partner has this hit too: the author belongs to (or near) the partner, so the
    /// co-authorship says nothing the partner screening did not already say, and the assessment
    /// leaves it to the partner screening.
    pub partner_hit: bool,
    /// Its number in the check, from 1 (what `coopdesk pubs review CASE ITEM` takes).
    pub item: usize,
    /// Fingerprint of the work, author, affiliation and listed entity: a decision belongs to it and
    /// carries over to the same co-authorship found by a later check.
    pub key: String,
    /// Where it stands with the reviewers.
    pub state: ReviewState,
    /// The decision in force, if any.
    pub review: Option<CoauthorshipDecision>,
}

/// A reviewer's decision on a co-authorship.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CoauthorshipDecision {
    /// Confirmed or false positive.
    pub decision: HitDecision,
    /// Who decided.
    pub by: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Why.
    pub note: Option<String>,
}

/// A hit as the co-publication check reports it (the contract's `entity`, `list`, `list_name`,
/// `score`, plus the screening's explanation).
#[derive(Debug, Clone, Serialize, TS)]
pub struct PubHit {
    /// The listed entity's id (for a hit through a listed parent, the parent's).
    pub entity: String,
    /// The entry's list codes, `|`-separated.
    pub list: String,
    /// The stored list it is on.
    pub list_name: String,
    /// Match score, at least the threshold.
    pub score: f64,
    /// The entity's listed name.
    pub name: String,
    /// The listed name that matched.
    pub matched: String,
    /// How it matched.
    pub why: String,
}
