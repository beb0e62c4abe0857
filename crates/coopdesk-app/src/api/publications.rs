//! The co-publication check's result, as `coopdesk pubs check --json` prints it.

use coopdesk_pubs::Format;
use serde::Serialize;

/// The result of `coopdesk pubs check`: the contract-style shape `{"case", "works", "affiliations",
/// "coauthorships"}` plus what was read and screened against.
#[derive(Debug, Clone, Serialize)]
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
}

/// One file of a check.
#[derive(Debug, Clone, Serialize)]
pub struct PubsFile {
    /// The path as given.
    pub file: String,
    /// The format it was read as (`ris`, `bibtex`, `csl_json`, `openalex`).
    pub format: Format,
    /// Works in it.
    pub works: usize,
}

/// An author of a work whose affiliation hits a listed entity.
#[derive(Debug, Clone, Serialize)]
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
    /// co-authorship says nothing the partner screening did not already say.
    pub partner_hit: bool,
}

/// A hit as the co-publication check reports it (the contract's `entity`, `list`, `list_name`,
/// `score`, plus the screening's explanation).
#[derive(Debug, Clone, Serialize)]
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
