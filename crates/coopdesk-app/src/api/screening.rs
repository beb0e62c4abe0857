//! Screening results, hits with their reviews, and restriction-list imports as the window and
//! `--json` see them.

pub use coopdesk_core::restriction::ListFormat;
pub use coopdesk_core::review::ReviewState;
use coopdesk_core::{Level, Organisation};
use coopdesk_screen::{Hit, Repair};
pub use coopdesk_store::{HitDecision, HitReview, ListDiff, ListSnapshotRow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The result of `coopdesk screen NAME` (the contract's shape).
#[derive(Debug, Clone, Serialize)]
pub struct ScreenResult {
    /// The name as given.
    pub query: String,
    /// Hits at or above the threshold, best first.
    pub hits: Vec<ScreenHit>,
    /// The match threshold (hits below it are not reported).
    pub threshold: f64,
}

/// One hit of `coopdesk screen NAME`: the contract's fields plus the list and snapshot it came from.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenHit {
    /// `entity`, `name`, `list` (the entry's list codes), `score`, `matched`, `why`, `via_parent`.
    #[serde(flatten)]
    pub hit: Hit,
    /// The stored list the entity is on (`bundled`, `us_csl` …).
    pub list_name: String,
    /// The snapshot of that list screened against.
    pub snapshot_id: i64,
}

/// A decision that no longer holds, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LapsedReview {
    /// The decision as it was taken.
    pub review: HitReview,
    /// The list entry changed since (a newer snapshot says something else about the entity).
    pub entry_changed: bool,
    /// The organisation's names, or its parents', changed since.
    pub names_changed: bool,
}

/// A hit on a partner organisation with its review state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewedHit {
    /// The stored list the entity is on; with `entity`, what a review is about.
    pub list_name: String,
    /// The snapshot of that list screened against.
    pub snapshot_id: i64,
    /// The entity's id in that list (for a hit through a listed parent, the parent's).
    pub entity: String,
    /// The entity's listed name.
    pub name: String,
    /// The entry's list codes, `|`-separated (`us_bis_entity_list|ca_nro`).
    pub list: String,
    /// Match score, at least the threshold.
    pub score: f64,
    /// The listed name that matched.
    pub matched: String,
    /// How it matched.
    pub why: String,
    /// Whether the hit is through a parent: a listed parent of the matched entry, or a parent of the
    /// partner in the registry.
    pub via_parent: bool,
    /// For a hit on a registry parent of the partner: that parent's name.
    pub through: Option<String>,
    /// Fingerprint of the list entry behind the hit (part of a review's basis).
    pub entry_hash: String,
    /// Unreviewed, confirmed or false positive.
    pub state: ReviewState,
    /// The decision that holds, if any.
    pub review: Option<HitReview>,
    /// The last decision, when it no longer holds.
    pub lapsed: Option<LapsedReview>,
}

/// A partner organisation with its hits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartnerScreening {
    /// The organisation.
    pub organisation: Organisation,
    /// Fingerprint of the names screened (the organisation's and its parents'); part of a review's basis.
    pub names_hash: String,
    /// Its hits: those on the organisation itself best first, then those through each registry
    /// parent in turn (each entity once).
    pub hits: Vec<ReviewedHit>,
}

/// A case's screening: each partner's hits and the snapshots screened against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseScreening {
    /// The case.
    pub case_id: String,
    /// The newest snapshot of every list, which screening used.
    pub lists: Vec<ListSnapshotRow>,
    /// The partners, in case order.
    pub partners: Vec<PartnerScreening>,
    /// Hits score at least this.
    pub threshold: f64,
}

/// What importing a list file did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ListImportOutcome {
    /// The stored snapshot (for a file imported before, the earlier snapshot).
    pub snapshot: ListSnapshotRow,
    /// The file was stored before for this list (same SHA-256): nothing was imported or re-screened.
    pub already_imported: bool,
    /// Entries added, removed and changed against the previous snapshot of the list.
    pub diff: ListDiff,
    /// Characters repaired on reading the file (control characters of the CSL read by their
    /// Windows-1252 meaning …), in file order; their number is `snapshot.repairs`. Empty when the
    /// file was imported before (its count stays in `snapshot.repairs`).
    pub repairs: Vec<Repair>,
    /// Number of cases re-assessed with the new snapshot.
    pub reassessed: i64,
    /// The cases whose screening changed, by case id.
    pub changed_cases: Vec<CaseScreeningChange>,
}

/// How one case's screening changed with an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseScreeningChange {
    /// Case id.
    pub case_id: String,
    /// Case title.
    pub title: String,
    /// The overall level recorded before the import (`None` if the case had not been assessed).
    pub level_before: Option<Level>,
    /// The overall level after re-assessment.
    pub level_after: Level,
    /// The partners whose hits changed, in case order.
    pub partners: Vec<PartnerHitChange>,
}

/// How one partner's hits changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartnerHitChange {
    /// The partner's organisation id.
    pub org_id: String,
    /// The partner's name.
    pub partner: String,
    /// Hits it has now and did not have.
    pub gained: Vec<HitRef>,
    /// Hits it had and has no more.
    pub lost: Vec<HitRef>,
    /// Hits it keeps whose review no longer holds, because the list entry changed.
    pub lapsed: Vec<HitRef>,
}

/// A hit named by its list and entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HitRef {
    /// The stored list.
    pub list_name: String,
    /// The entity's id in the list.
    pub entity: String,
    /// The entity's listed name.
    pub name: String,
    /// Its review state (after the import; for a lost hit, before).
    pub state: ReviewState,
}
