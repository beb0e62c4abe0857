//! Screening case partners against restriction lists, reviewing the hits, and handing what counts to
//! the assessment.
//!
//! Lists are stored snapshots ([`Desk::import_list`], [`Desk::list_snapshots`]); the bundled
//! snapshot (`assets/reference/restricted_entities.csv`) is seeded as list `bundled` when a database
//! is opened, so a fresh database screens at once. Screening uses the newest snapshot of each list
//! (module `index`). A reviewer marks a hit on an organisation as confirmed or as a false positive
//! ([`Desk::review_hit`]); the decision holds while the list entry and the organisation's names are
//! unchanged (module `review`). Confirmed and unreviewed hits go to the assessment, confirmed ones
//! marked so; false positives are left out of it but still listed with their review.

mod index;
mod lists;
mod review;

use coopdesk_core::{Organisation, Problem, Problems};
use coopdesk_screen::MATCH_THRESHOLD;

pub(crate) use index::{ListHit, ListIndex, ScreeningCache};
pub use lists::{BUNDLED_LIST, BUNDLED_LIST_FILE, BUNDLED_LIST_NAME, default_list_name};
pub(crate) use review::{ReviewBook, case_partners, findings};

use crate::Desk;
use crate::api::{
    CaseScreening, DeskError, HitDecision, HitReview, PartnerScreening, ScreenHit, ScreenResult,
};

impl Desk {
    /// Screens one name against the newest snapshot of every list (`coopdesk screen NAME`).
    pub fn screen_name(&self, name: &str) -> Result<ScreenResult, DeskError> {
        let index = {
            let store = self.store();
            self.list_index(&store)?
        };
        let hits = index
            .matches(&[name], false)
            .into_iter()
            .map(|h| ScreenHit {
                hit: h.hit,
                list_name: h.list_name,
                snapshot_id: h.snapshot_id,
            })
            .collect();
        Ok(ScreenResult {
            query: name.to_owned(),
            hits,
            threshold: MATCH_THRESHOLD,
        })
    }

    /// A case's partners with their hits and the review state of each.
    pub fn screening_for_case(&self, case_id: &str) -> Result<CaseScreening, DeskError> {
        let store = self.store();
        self.screening_in(&store, case_id)
    }

    /// [`Desk::screening_for_case`] on a store the caller already holds.
    pub(crate) fn screening_in(
        &self,
        store: &coopdesk_store::Store,
        case_id: &str,
    ) -> Result<CaseScreening, DeskError> {
        let case = store.case(case_id)?;
        let index = self.list_index(store)?;
        let orgs: Vec<Organisation> = store
            .organisations_with_parents(case.partners.iter().map(|p| p.org_id.clone()))?
            .into_values()
            .collect();
        let ids: Vec<&str> = case.partners.iter().map(|p| p.org_id.as_str()).collect();
        let reviews = ReviewBook::for_orgs(store, &ids)?;
        Ok(CaseScreening {
            case_id: case.id.clone(),
            lists: store.latest_list_snapshots()?,
            partners: case_partners(&index, &reviews, &ids, &orgs),
            threshold: MATCH_THRESHOLD,
        })
    }

    /// Records a reviewer's decision on a hit of `entity` (on list `list_name`) on organisation
    /// `org_id`, re-assesses the cases that have the organisation as a partner (in the same
    /// transaction) and returns the organisation's hits as they now stand.
    ///
    /// The hit must be one the organisation has now; the decision is stored with its basis (the list
    /// entry's and the names' fingerprints) and holds until either changes.
    pub fn review_hit(
        &self,
        org_id: &str,
        entity: &str,
        list_name: &str,
        decision: HitDecision,
        by: &str,
        note: Option<&str>,
    ) -> Result<PartnerScreening, DeskError> {
        // On a team database the review is the login's (asked before the store is held).
        let by = &self.signer(by)?;
        let now = self.now();
        let mut store = self.store();
        let index = self.list_index(&store)?;
        let org = store.organisation(org_id)?;
        let orgs: Vec<Organisation> = store
            .organisations_with_parents([org_id.to_owned()])?
            .into_values()
            .collect();
        let mut reviews = ReviewBook::all(&store)?;
        let current = review::partner_screening(&index, &reviews, &org, &orgs, true);
        let Some(hit) = current
            .hits
            .iter()
            .find(|h| h.list_name == list_name && h.entity == entity)
        else {
            let known: Vec<String> = current
                .hits
                .iter()
                .map(|h| format!("{} on {}", h.entity, h.list_name))
                .collect();
            return Err(DeskError::invalid(vec![Problems::new(
                format!("review of {entity} on {org_id}"),
                vec![Problem::at(
                    "entity",
                    format!(
                        "{} has no hit of entity \"{entity}\" on list \"{list_name}\"; its hits are: {}",
                        org.name,
                        if known.is_empty() {
                            "none".to_owned()
                        } else {
                            known.join(", ")
                        }
                    ),
                )],
            )]));
        };
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let input = coopdesk_store::HitReviewInput {
            org_id,
            list_name,
            entity,
            decision,
            by,
            note,
            snapshot_id: hit.snapshot_id,
            entry_hash: &hit.entry_hash,
            names_hash: &current.names_hash,
        };
        // The cases are assessed as they will stand with the decision, so that their cached levels
        // and the decision commit together.
        reviews.insert(HitReview {
            org_id: org_id.to_owned(),
            list_name: list_name.to_owned(),
            entity: entity.to_owned(),
            decision,
            by: by.trim().to_owned(),
            at: now,
            note: note.map(str::to_owned),
            snapshot_id: hit.snapshot_id,
            entry_hash: hit.entry_hash.clone(),
            names_hash: current.names_hash.clone(),
        });
        let case_ids = store.cases_with_partner(org_id)?;
        let mut computed = Vec::with_capacity(case_ids.len());
        for id in &case_ids {
            let inputs = self.case_inputs(&store, id)?;
            let partners = inputs.screen(&index, &reviews);
            computed.push((id.as_str(), inputs.assess(&partners, &index.labels())));
        }
        let rows: Vec<_> = computed
            .iter()
            .map(|(id, a)| crate::recorded::recorded(id, a))
            .collect();
        store.add_hit_review(&input, &rows, now)?;
        let reviews = ReviewBook::for_orgs(&store, &[org_id])?;
        Ok(review::partner_screening(
            &index, &reviews, &org, &orgs, true,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_is_seeded_and_finds_a_listed_university_in_chinese() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let desk = Desk::open(&dir.path().join("t.sqlite")).unwrap_or_else(|e| panic!("{e:?}"));
        let r = desk
            .screen_name("哈尔滨工业大学")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            r.hits.first().map(|h| h.hit.entity.as_str()),
            Some("el-hit")
        );
        assert_eq!(
            r.hits.first().map(|h| h.list_name.as_str()),
            Some(BUNDLED_LIST_NAME)
        );
        assert!(
            desk.screen_name("Deutsches Elektronen-Synchrotron")
                .map(|r| r.hits.is_empty())
                .unwrap_or(false)
        );
    }
}
