//! Which hits a partner has and whether a reviewer's decision on each still holds.
//!
//! A decision holds only while its basis is unchanged: the list entry behind the hit (its fingerprint)
//! and the names the organisation and its parents are screened with. A newer snapshot that changes the
//! entry, or a renamed organisation, puts the hit back to unreviewed; the lapsed decision is still
//! shown, with what changed.

use std::collections::HashMap;

use coopdesk_assess::ScreeningFinding;
use coopdesk_core::Organisation;
use coopdesk_screen::sha256_hex;
use coopdesk_store::{HitDecision, HitReview, Store};

use super::index::ListIndex;
use crate::api::{DeskError, LapsedReview, PartnerScreening, ReviewState, ReviewedHit};

/// How far up a chain of parents screening goes; cycles are refused by the registry, this is a
/// second guard.
const MAX_PARENT_DEPTH: usize = 8;

/// The current decisions on hits, by (organisation, list, entity).
#[derive(Debug, Default)]
pub(crate) struct ReviewBook(HashMap<(String, String, String), HitReview>);

impl ReviewBook {
    /// Every current decision (for screening many cases at once).
    pub(crate) fn all(store: &Store) -> Result<ReviewBook, DeskError> {
        Ok(Self::from_rows(store.current_hit_reviews(None)?))
    }

    /// The current decisions on the given organisations' hits.
    pub(crate) fn for_orgs(store: &Store, org_ids: &[&str]) -> Result<ReviewBook, DeskError> {
        Ok(Self::from_rows(store.current_hit_reviews(Some(org_ids))?))
    }

    fn from_rows(rows: Vec<HitReview>) -> ReviewBook {
        let mut book = ReviewBook::default();
        for r in rows {
            book.insert(r);
        }
        book
    }

    /// Adds (or replaces) a decision, e.g. one about to be stored.
    pub(crate) fn insert(&mut self, r: HitReview) {
        self.0
            .insert((r.org_id.clone(), r.list_name.clone(), r.entity.clone()), r);
    }

    fn get(&self, org: &str, list: &str, entity: &str) -> Option<&HitReview> {
        self.0
            .get(&(org.to_owned(), list.to_owned(), entity.to_owned()))
    }
}

/// All names an organisation is known by, in any script.
pub(crate) fn names_of(o: &Organisation) -> Vec<&str> {
    std::iter::once(o.name.as_str())
        .chain(o.name_zh.as_deref())
        .chain(o.name_zh_hant.as_deref())
        .chain(o.name_pinyin.as_deref())
        .chain(o.aliases.iter().map(String::as_str))
        .filter(|n| !n.trim().is_empty())
        .collect()
}

/// The organisation, then its parents up the chain (as far as `organisations` has them).
fn chain<'a>(
    partner: &'a Organisation,
    organisations: &'a [Organisation],
) -> Vec<&'a Organisation> {
    let mut out = vec![partner];
    let mut current = partner;
    while out.len() < MAX_PARENT_DEPTH {
        let Some(parent) = current
            .parent_id
            .as_deref()
            .and_then(|p| organisations.iter().find(|o| o.id == p))
        else {
            break;
        };
        if out.iter().any(|o| o.id == parent.id) {
            break;
        }
        out.push(parent);
        current = parent;
    }
    out
}

/// Fingerprint of the names screened for a partner: its own and its parents', in chain order.
fn names_hash(chain: &[&Organisation]) -> String {
    let text = chain
        .iter()
        .map(|o| names_of(o).join("\u{1f}"))
        .collect::<Vec<_>>()
        .join("\u{1e}");
    sha256_hex(text.as_bytes())
}

/// Screens a partner and its parents (all names, any script) against every list and says, for each
/// hit, whether a decision on it holds. A hit on a parent counts for the partner, marked as such.
pub(crate) fn partner_screening(
    index: &ListIndex,
    reviews: &ReviewBook,
    partner: &Organisation,
    organisations: &[Organisation],
    use_cache: bool,
) -> PartnerScreening {
    let chain = chain(partner, organisations);
    let names_hash = names_hash(&chain);
    let mut hits: Vec<ReviewedHit> = Vec::new();
    for (depth, org) in chain.iter().enumerate() {
        for h in index.matches(&names_of(org), use_cache) {
            if hits
                .iter()
                .any(|x| x.list_name == h.list_name && x.entity == h.hit.entity)
            {
                continue;
            }
            let review = reviews.get(&partner.id, &h.list_name, &h.hit.entity);
            let (state, holding, lapsed) = match review {
                None => (ReviewState::Unreviewed, None, None),
                Some(r) if r.entry_hash == h.entry_hash && r.names_hash == names_hash => {
                    let state = match r.decision {
                        HitDecision::Confirmed => ReviewState::Confirmed,
                        HitDecision::FalsePositive => ReviewState::FalsePositive,
                    };
                    (state, Some(r.clone()), None)
                }
                Some(r) => (
                    ReviewState::Unreviewed,
                    None,
                    Some(LapsedReview {
                        review: r.clone(),
                        entry_changed: r.entry_hash != h.entry_hash,
                        names_changed: r.names_hash != names_hash,
                    }),
                ),
            };
            hits.push(ReviewedHit {
                list_name: h.list_name,
                snapshot_id: h.snapshot_id,
                entity: h.hit.entity,
                name: h.hit.name,
                list: h.hit.list,
                score: h.hit.score,
                matched: h.hit.matched,
                why: h.hit.why,
                via_parent: depth > 0 || h.hit.via_parent.is_some(),
                through: (depth > 0).then(|| org.name.clone()),
                entry_hash: h.entry_hash,
                state,
                review: holding,
                lapsed,
            });
        }
    }
    PartnerScreening {
        organisation: partner.clone(),
        names_hash,
        hits,
    }
}

/// The hits that count for the assessment: confirmed and unreviewed ones; false positives are left
/// out (they stay visible as reviewed hits wherever hits are listed).
pub(crate) fn findings(partners: &[PartnerScreening]) -> Vec<ScreeningFinding> {
    let mut out = Vec::new();
    for p in partners {
        for h in &p.hits {
            if h.state == ReviewState::FalsePositive {
                continue;
            }
            out.push(ScreeningFinding {
                partner: p.organisation.name.clone(),
                entity: h.entity.clone(),
                entity_name: h.name.clone(),
                list: h.list.clone(),
                score: h.score,
                via_parent: h.via_parent,
                confirmed: h.state == ReviewState::Confirmed,
            });
        }
    }
    out
}

/// Screens every partner of a case (each partner id once, in case order).
pub(crate) fn case_partners(
    index: &ListIndex,
    reviews: &ReviewBook,
    partner_ids: &[&str],
    organisations: &[Organisation],
) -> Vec<PartnerScreening> {
    let mut out: Vec<PartnerScreening> = Vec::new();
    for id in partner_ids {
        if out.iter().any(|p| p.organisation.id == *id) {
            continue;
        }
        if let Some(partner) = organisations.iter().find(|o| o.id == *id) {
            out.push(partner_screening(
                index,
                reviews,
                partner,
                organisations,
                true,
            ));
        }
    }
    out
}
