//! Publication-check rows: a stored co-publication check with its files and co-authorships, and the
//! reviewers' decisions on co-authorships, as free functions over the caller's connection or
//! transaction. The use cases on top are in `publications.rs`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::columns;
use crate::error::Result;
use crate::sql::{Query, Sql, SqlRow, args};
use coopdesk_core::review::HitDecision;

/// A co-publication check: what was read, counted and found. `id`, `checked_at` and `checked_by` are
/// set by the store when the check is recorded (ignored on input).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PubCheckRecord {
    /// Stored id (0 before it is stored).
    pub id: i64,
    /// The case checked.
    pub case_id: String,
    /// When the check was recorded (UTC).
    pub checked_at: DateTime<Utc>,
    /// Who ran it (the store's actor).
    pub checked_by: String,
    /// Works read over all files.
    pub works: i64,
    /// Works whose files give no affiliation.
    pub works_without_affiliations: i64,
    /// Distinct affiliations screened.
    pub affiliations: i64,
    /// The match threshold hits met.
    pub threshold: f64,
    /// The list snapshots screened against, as "name (snapshot date)".
    pub lists: Vec<String>,
    /// The files read, in the order given.
    pub files: Vec<PubCheckFile>,
    /// The co-authorships found, in report order.
    pub coauthorships: Vec<StoredCoauthorship>,
}

/// One file of a stored check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PubCheckFile {
    /// The path as given.
    pub file_name: String,
    /// SHA-256 (hex) of the bytes read.
    pub sha256: String,
    /// `ris`, `bibtex`, `csl_json` or `openalex`.
    pub format: String,
    /// Works in it.
    pub works: i64,
}

/// A co-authorship with a listed institution as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredCoauthorship {
    /// Fingerprint of what a reviewer judges (64 hex digits); reviews refer to it.
    pub key: String,
    /// The work's title (or id).
    pub work: String,
    /// The work's id in its file.
    pub work_id: String,
    /// DOI, if given.
    pub doi: Option<String>,
    /// Year, if given.
    pub year: Option<i32>,
    /// The author as written, if the file says whose the affiliation is.
    pub author: Option<String>,
    /// The affiliation as written.
    pub affiliation: String,
    /// What was screened.
    pub screened: String,
    /// The file the work is in.
    pub file_name: String,
    /// The listed entity's id.
    pub entity_id: String,
    /// The listed entity's name.
    pub entity_name: String,
    /// The entry's list codes, `|`-separated.
    pub list_codes: String,
    /// The stored list it is on.
    pub list_name: String,
    /// Match score.
    pub score: f64,
    /// The listed name that matched.
    pub matched: String,
    /// How it matched.
    pub why: String,
    /// The case's own partner has this hit too.
    pub partner_hit: bool,
}

/// A reviewer's decision on a co-authorship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoauthorshipReview {
    /// The case.
    pub case_id: String,
    /// The co-authorship's fingerprint.
    pub key: String,
    /// Confirmed or false positive.
    pub decision: HitDecision,
    /// Who decided.
    pub by: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Why, in the reviewer's words.
    pub note: Option<String>,
}

/// Inserts a check, its files and its co-authorships; returns the check's id.
pub(crate) fn insert_check(
    db: &dyn Sql,
    check: &PubCheckRecord,
    by: &str,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id: i64 = db.query_one(
        "INSERT INTO publication_checks (case_id, checked_at, checked_by, works,
             works_without_affiliations, affiliations, threshold, lists)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        args![
            check.case_id,
            at.to_rfc3339(),
            by,
            check.works,
            check.works_without_affiliations,
            check.affiliations,
            check.threshold,
            check.lists.join("\n"),
        ],
        |r| r.get(0),
    )?;
    for (i, f) in check.files.iter().enumerate() {
        db.execute(
            "INSERT INTO publication_check_files (check_id, position, file_name, sha256, format, works)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![id, i as i64, f.file_name, f.sha256, f.format, f.works],
        )?;
    }
    for (i, c) in check.coauthorships.iter().enumerate() {
        db.execute(
            "INSERT INTO coauthorships (check_id, position, coauthorship_key, work, work_id, doi, year,
                 author, affiliation, screened, file_name, entity_id, entity_name, list_codes, list_name,
                 score, matched, why, partner_hit)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            args![
                id,
                i as i64,
                c.key,
                c.work,
                c.work_id,
                c.doi,
                c.year.map(i64::from),
                c.author,
                c.affiliation,
                c.screened,
                c.file_name,
                c.entity_id,
                c.entity_name,
                c.list_codes,
                c.list_name,
                c.score,
                c.matched,
                c.why,
                i64::from(c.partner_hit),
            ],
        )?;
    }
    Ok(id)
}

/// The newest check of a case, with its files and co-authorships, if any check is stored.
pub(crate) fn latest_check(db: &dyn Sql, case_id: &str) -> Result<Option<PubCheckRecord>> {
    let head = db.query_opt(
        "SELECT id, case_id, checked_at, checked_by, works, works_without_affiliations,
                affiliations, threshold, lists
         FROM publication_checks WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
        args![case_id],
        |r| {
            let lists: String = r.get(8)?;
            Ok(PubCheckRecord {
                id: r.get(0)?,
                case_id: r.get(1)?,
                checked_at: columns::time(r, 2, "publication_checks.checked_at")?,
                checked_by: r.get(3)?,
                works: r.get(4)?,
                works_without_affiliations: r.get(5)?,
                affiliations: r.get(6)?,
                threshold: r.get(7)?,
                lists: lists
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                files: Vec::new(),
                coauthorships: Vec::new(),
            })
        },
    )?;
    let Some(mut check) = head else {
        return Ok(None);
    };
    check.files = db.query_vec(
        "SELECT file_name, sha256, format, works FROM publication_check_files
         WHERE check_id = ?1 ORDER BY position",
        args![check.id],
        |r| {
            Ok(PubCheckFile {
                file_name: r.get(0)?,
                sha256: r.get(1)?,
                format: r.get(2)?,
                works: r.get(3)?,
            })
        },
    )?;
    check.coauthorships = db.query_vec(
        "SELECT coauthorship_key, work, work_id, doi, year, author, affiliation, screened, file_name,
                entity_id, entity_name, list_codes, list_name, score, matched, why, partner_hit
         FROM coauthorships WHERE check_id = ?1 ORDER BY position",
        args![check.id],
        coauthorship_from_row,
    )?;
    Ok(Some(check))
}

fn coauthorship_from_row(r: &SqlRow<'_>) -> Result<StoredCoauthorship> {
    let year: Option<i64> = r.get(4)?;
    let partner_hit: i64 = r.get(16)?;
    Ok(StoredCoauthorship {
        key: r.get(0)?,
        work: r.get(1)?,
        work_id: r.get(2)?,
        doi: r.get(3)?,
        // Years are stored from an i32, so they fit one.
        year: year.and_then(|y| i32::try_from(y).ok()),
        author: r.get(5)?,
        affiliation: r.get(6)?,
        screened: r.get(7)?,
        file_name: r.get(8)?,
        entity_id: r.get(9)?,
        entity_name: r.get(10)?,
        list_codes: r.get(11)?,
        list_name: r.get(12)?,
        score: r.get(13)?,
        matched: r.get(14)?,
        why: r.get(15)?,
        partner_hit: partner_hit != 0,
    })
}

const REVIEW_COLUMNS: &str =
    "r.case_id, r.coauthorship_key, r.decision, r.reviewed_by, r.reviewed_at, r.note";

fn review_from_row(r: &SqlRow<'_>) -> Result<CoauthorshipReview> {
    Ok(CoauthorshipReview {
        case_id: r.get(0)?,
        key: r.get(1)?,
        decision: columns::vocab(r, 2, "coauthorship_reviews.decision", HitDecision::parse)?,
        by: r.get(3)?,
        at: columns::time(r, 4, "coauthorship_reviews.reviewed_at")?,
        note: r.get(5)?,
    })
}

/// Appends a decision; returns it as stored.
pub(crate) fn insert_review(
    db: &dyn Sql,
    case_id: &str,
    key: &str,
    decision: HitDecision,
    by: &str,
    note: Option<&str>,
    at: DateTime<Utc>,
) -> Result<CoauthorshipReview> {
    let id: i64 = db.query_one(
        "INSERT INTO coauthorship_reviews (case_id, coauthorship_key, decision, reviewed_by,
             reviewed_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        args![case_id, key, decision.as_str(), by, at.to_rfc3339(), note],
        |r| r.get(0),
    )?;
    db.query_one(
        &format!("SELECT {REVIEW_COLUMNS} FROM coauthorship_reviews r WHERE r.id = ?1"),
        args![id],
        review_from_row,
    )
}

/// The current (newest) decision on every reviewed co-authorship of a case.
pub(crate) fn current_reviews(db: &dyn Sql, case_id: &str) -> Result<Vec<CoauthorshipReview>> {
    db.query_vec(
        &format!(
            "SELECT {REVIEW_COLUMNS} FROM coauthorship_reviews r
             WHERE r.case_id = ?1 AND r.id = (SELECT max(l.id) FROM coauthorship_reviews l
                 WHERE l.case_id = r.case_id AND l.coauthorship_key = r.coauthorship_key)
             ORDER BY r.id"
        ),
        args![case_id],
        review_from_row,
    )
}

/// Every decision on one co-authorship of a case, oldest first.
pub(crate) fn review_history(
    db: &dyn Sql,
    case_id: &str,
    key: &str,
) -> Result<Vec<CoauthorshipReview>> {
    db.query_vec(
        &format!(
            "SELECT {REVIEW_COLUMNS} FROM coauthorship_reviews r
             WHERE r.case_id = ?1 AND r.coauthorship_key = ?2 ORDER BY r.id"
        ),
        args![case_id, key],
        review_from_row,
    )
}
