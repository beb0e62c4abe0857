//! Co-publication checks as the store keeps them: the newest check of a case (files with their
//! SHA-256 and format, counts, the list snapshots screened against, the co-authorships found) and the
//! reviewers' decisions on co-authorships, which use the vocabulary of hit reviews
//! ([`HitDecision`]).
//!
//! A decision belongs to a co-authorship's fingerprint ([`StoredCoauthorship::key`], computed by the
//! caller from the work, author, affiliation and listed entity), not to a row of one check, so it
//! carries over to the same co-authorship found again by a later check. Decisions are append-only:
//! the newest counts, older ones are history. Every check and every decision is one transaction with
//! its audit entry and the re-assessments it causes.

use chrono::{DateTime, Utc};
use coopdesk_core::digest::sha256_hex;
use coopdesk_core::limits::{TextKind, check_text};
use coopdesk_core::review::HitDecision;
use coopdesk_core::{Problem, Problems};

use crate::assessments::{RecordedAssessment, write_assessments};
use crate::error::{Error, Result};
use crate::rows::audit::append_audit;
use crate::rows::publications as rows;
pub use crate::rows::publications::{
    CoauthorshipReview, PubCheckFile, PubCheckRecord, StoredCoauthorship,
};
use crate::store::Store;

/// Audit action of a stored co-publication check (subject: the case id).
pub const AUDIT_PUBS_CHECK: &str = "pubs.check";
/// Audit action of a decision on a co-authorship (subject: `<case id>#coauthorship:<key>`, so that
/// the case's audit log lists it).
pub const AUDIT_PUBS_REVIEW: &str = "pubs.review";

impl Store {
    /// Records a co-publication check of a case, its audit entry (`pubs.check`, digest over the
    /// check as recorded) and the assessments it changes, in one transaction. Returns the check as
    /// stored, with its id, time and actor.
    pub fn add_publication_check(
        &mut self,
        check: &PubCheckRecord,
        assessments: &[RecordedAssessment<'_>],
        now: DateTime<Utc>,
    ) -> Result<PubCheckRecord> {
        let actor = self.actor.clone();
        let tx = self.backend.write()?;
        if !crate::rows::cases::case_exists(&tx, &check.case_id)? {
            return Err(Error::UnknownCase {
                id: check.case_id.clone(),
            });
        }
        let id = rows::insert_check(&tx, check, &actor, now)?;
        let stored = rows::latest_check(&tx, &check.case_id)?
            .filter(|c| c.id == id)
            .ok_or_else(|| Error::UnknownCase {
                id: check.case_id.clone(),
            })?;
        let digest = serde_json::to_vec(&stored).unwrap_or_default();
        append_audit(
            &tx,
            now,
            &actor,
            AUDIT_PUBS_CHECK,
            &check.case_id,
            &sha256_hex(&digest),
        )?;
        write_assessments(&tx, assessments)?;
        tx.commit()?;
        Ok(stored)
    }

    /// The newest co-publication check of a case, if any.
    pub fn latest_publication_check(&self, case_id: &str) -> Result<Option<PubCheckRecord>> {
        rows::latest_check(self.db(), case_id)
    }

    /// Records a decision on a co-authorship of the case's newest check, its audit entry
    /// (`pubs.review`) and the assessments it changes, in one transaction.
    ///
    /// The reviewer's name is required and the note is limited like other descriptions; the key must
    /// be one of the newest check's co-authorships.
    #[allow(clippy::too_many_arguments)]
    pub fn add_coauthorship_review(
        &mut self,
        case_id: &str,
        key: &str,
        decision: HitDecision,
        by: &str,
        note: Option<&str>,
        assessments: &[RecordedAssessment<'_>],
        now: DateTime<Utc>,
    ) -> Result<CoauthorshipReview> {
        let mut problems = Vec::new();
        if by.trim().is_empty() {
            problems.push(Problem::at("by", "say who reviews the co-authorship"));
        } else {
            check_text("by", by.trim(), TextKind::Name, &mut problems);
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = note {
            check_text("note", n, TextKind::Text, &mut problems);
        }
        if !problems.is_empty() {
            return Err(Error::invalid(Problems::new(
                format!("review of co-authorship {key} of {case_id}"),
                problems,
            )));
        }
        let actor = self.actor.clone();
        let tx = self.backend.write()?;
        let Some(check) = rows::latest_check(&tx, case_id)? else {
            if crate::rows::cases::case_exists(&tx, case_id)? {
                return Err(Error::UnknownEntry {
                    what: "co-authorship",
                    id: key.to_owned(),
                });
            }
            return Err(Error::UnknownCase {
                id: case_id.to_owned(),
            });
        };
        if !check.coauthorships.iter().any(|c| c.key == key) {
            return Err(Error::UnknownEntry {
                what: "co-authorship",
                id: key.to_owned(),
            });
        }
        let review = rows::insert_review(&tx, case_id, key, decision, by.trim(), note, now)?;
        let digest = serde_json::to_vec(&review).unwrap_or_default();
        append_audit(
            &tx,
            now,
            &actor,
            AUDIT_PUBS_REVIEW,
            &format!("{case_id}#coauthorship:{key}"),
            &sha256_hex(&digest),
        )?;
        write_assessments(&tx, assessments)?;
        tx.commit()?;
        Ok(review)
    }

    /// The current (newest) decision on every reviewed co-authorship of a case.
    pub fn current_coauthorship_reviews(&self, case_id: &str) -> Result<Vec<CoauthorshipReview>> {
        rows::current_reviews(self.db(), case_id)
    }

    /// Every decision on one co-authorship of a case, oldest first.
    pub fn coauthorship_review_history(
        &self,
        case_id: &str,
        key: &str,
    ) -> Result<Vec<CoauthorshipReview>> {
        rows::review_history(self.db(), case_id, key)
    }
}
