//! Reviewers' decisions on screening hits: a hit (an entity of a list matching an organisation) is
//! confirmed or marked as a false positive, by someone, at some time, with an optional note.
//!
//! Reviews are append-only: a new decision on the same hit adds a row and the newest row counts, so the
//! history of who decided what stays in the database. Whether a decision still holds (its basis is
//! unchanged) is for the caller to judge from the stored `entry_hash` and `names_hash`.

use chrono::{DateTime, Utc};
use coopdesk_core::limits::{TextKind, check_text};
use coopdesk_core::{Problem, Problems};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessments::{RecordedAssessment, write_assessments};
use crate::columns;
use crate::error::{Error, Result};
use crate::sql::{Query, SqlRow, args, json_values};
use crate::store::Store;
pub use coopdesk_core::review::HitDecision;

/// A stored decision on a hit, with the basis it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HitReview {
    /// The organisation the hit is on.
    pub org_id: String,
    /// The list the entity is on (a snapshot's `list_name`).
    pub list_name: String,
    /// The entity's id in that list.
    pub entity: String,
    /// What the reviewer decided.
    pub decision: HitDecision,
    /// Who decided.
    pub by: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Why, in the reviewer's words.
    pub note: Option<String>,
    /// The list snapshot the hit was reviewed in.
    pub snapshot_id: i64,
    /// Fingerprint of the list entry as reviewed (part of the basis).
    pub entry_hash: String,
    /// Fingerprint of the organisation's names and its parents' names as reviewed (part of the basis).
    pub names_hash: String,
}

/// A decision to store.
#[derive(Debug, Clone, Copy)]
pub struct HitReviewInput<'a> {
    /// The organisation the hit is on.
    pub org_id: &'a str,
    /// The list the entity is on.
    pub list_name: &'a str,
    /// The entity's id in that list.
    pub entity: &'a str,
    /// The decision.
    pub decision: HitDecision,
    /// Who decides (required).
    pub by: &'a str,
    /// Why (optional; blank counts as none).
    pub note: Option<&'a str>,
    /// The snapshot the hit is in.
    pub snapshot_id: i64,
    /// Fingerprint of the list entry.
    pub entry_hash: &'a str,
    /// Fingerprint of the organisation's names.
    pub names_hash: &'a str,
}

const REVIEW_COLUMNS: &str = "r.org_id, r.list_name, r.entity_id, r.decision, r.reviewed_by, \
     r.reviewed_at, r.note, r.snapshot_id, r.entry_hash, r.names_hash";

fn review_from_row(r: &SqlRow<'_>) -> Result<HitReview> {
    Ok(HitReview {
        org_id: r.get(0)?,
        list_name: r.get(1)?,
        entity: r.get(2)?,
        decision: columns::vocab(r, 3, "hit_reviews.decision", HitDecision::parse)?,
        by: r.get(4)?,
        at: columns::time(r, 5, "hit_reviews.reviewed_at")?,
        note: r.get(6)?,
        snapshot_id: r.get(7)?,
        entry_hash: r.get(8)?,
        names_hash: r.get(9)?,
    })
}

impl Store {
    /// Records a decision on a hit and the assessments it changes, in one transaction.
    ///
    /// The reviewer's name is required and the note is limited like other descriptions; the
    /// organisation and the snapshot must exist.
    pub fn add_hit_review(
        &mut self,
        input: &HitReviewInput<'_>,
        assessments: &[RecordedAssessment<'_>],
        now: DateTime<Utc>,
    ) -> Result<HitReview> {
        let mut problems = Vec::new();
        if input.by.trim().is_empty() {
            problems.push(Problem::at("by", "say who reviews the hit"));
        } else {
            check_text("by", input.by.trim(), TextKind::Name, &mut problems);
        }
        let note = input.note.map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = note {
            check_text("note", n, TextKind::Text, &mut problems);
        }
        if !problems.is_empty() {
            return Err(Error::invalid(Problems::new(
                format!("review of {} on {}", input.entity, input.org_id),
                problems,
            )));
        }
        let tx = self.backend.write()?;
        if crate::rows::registry::get_org(&tx, input.org_id)?.is_none() {
            return Err(Error::UnknownEntry {
                what: "organisation",
                id: input.org_id.to_owned(),
            });
        }
        let id: i64 = tx.query_one(
            "INSERT INTO hit_reviews (org_id, list_name, entity_id, decision, reviewed_by, reviewed_at,
                 note, snapshot_id, entry_hash, names_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            args![
                input.org_id,
                input.list_name,
                input.entity,
                input.decision.as_str(),
                input.by.trim(),
                now.to_rfc3339(),
                note,
                input.snapshot_id,
                input.entry_hash,
                input.names_hash,
            ],
            |r| r.get(0),
        )?;
        write_assessments(&tx, assessments)?;
        let review = tx.query_one(
            &format!("SELECT {REVIEW_COLUMNS} FROM hit_reviews r WHERE r.id = ?1"),
            args![id],
            review_from_row,
        )?;
        tx.commit()?;
        Ok(review)
    }

    /// The current (newest) decision on every reviewed hit of the given organisations, or of all
    /// organisations with `None`.
    pub fn current_hit_reviews(&self, org_ids: Option<&[&str]>) -> Result<Vec<HitReview>> {
        let latest = "r.id = (SELECT max(l.id) FROM hit_reviews l WHERE l.org_id = r.org_id \
                      AND l.list_name = r.list_name AND l.entity_id = r.entity_id)";
        let rows = match org_ids {
            None => self.db().query_vec(
                &format!("SELECT {REVIEW_COLUMNS} FROM hit_reviews r WHERE {latest}"),
                args![],
                review_from_row,
            )?,
            Some(ids) => {
                // One statement for any number of organisations: the ids go in as a JSON array.
                let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
                self.db().query_vec(
                    &format!(
                        "SELECT {REVIEW_COLUMNS} FROM hit_reviews r
                         WHERE r.org_id IN ({}) AND {latest}",
                        json_values(self.db(), 1)
                    ),
                    args![ids],
                    review_from_row,
                )?
            }
        };
        Ok(rows)
    }

    /// Every decision ever taken on one hit, oldest first.
    pub fn hit_review_history(
        &self,
        org_id: &str,
        list_name: &str,
        entity: &str,
    ) -> Result<Vec<HitReview>> {
        self.db().query_vec(
            &format!(
                "SELECT {REVIEW_COLUMNS} FROM hit_reviews r
                 WHERE r.org_id = ?1 AND r.list_name = ?2 AND r.entity_id = ?3 ORDER BY r.id"
            ),
            args![org_id, list_name, entity],
            review_from_row,
        )
    }

    /// Ids of the cases that have this organisation as a partner.
    pub fn cases_with_partner(&self, org_id: &str) -> Result<Vec<String>> {
        self.db().query_vec(
            "SELECT DISTINCT case_id FROM case_partners WHERE org_id = ?1 ORDER BY case_id",
            args![org_id],
            |r| r.get(0),
        )
    }
}
