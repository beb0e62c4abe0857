//! Cooperation Desk's storage: the only crate that speaks SQL.
//!
//! [`Store::open`] is the one way to a database: it refuses files from newer versions or other
//! programs without touching them, backs up before migrating, and configures every connection the
//! same way (foreign keys on, WAL, `synchronous=FULL`, a busy timeout). Every write is one
//! transaction: [`Store::save_case`], [`Store::import_documents`] (all files or none),
//! [`Store::save_organisation`], [`Store::save_facility`], [`Store::seed_facilities`],
//! [`Store::add_list_snapshot`] (a restriction-list snapshot with its entries, its prepared screening
//! index and the re-assessment it causes), [`Store::add_hit_review`], [`Store::add_publication_check`] and
//! [`Store::add_coauthorship_review`] (co-publication checks and their reviews), [`Store::import_bundle`] (cases taken over from another office's bundle).
//!
//! Main types: [`Store`], [`CaseQuery`]/[`CasePage`] for the case list, [`Dashboard`] for the start
//! page's counts (each bar a filter of the case list), [`NamedDocument`] for imports,
//! [`ListSnapshotRow`]/[`ListDiff`] for restriction-list snapshots, [`HitReview`] for reviewed hits.
//! This crate never reads the user's files other than the database, never imports Tauri, and takes
//! the current time as an argument wherever it records one.
//!
//! To change the schema, add `migrations/NNNN_name.sql` and list it in [`migrate::MIGRATIONS`];
//! never edit a released file. With the `team` feature, the same change also gets
//! `migrations/postgres/NNNN_name.sql` in `team::PG_MIGRATIONS` (a test compares the two schemas).
//!
//! [`Target`] reads what `--db` names: a SQLite path or a `postgresql://` URI. The [`team`] module
//! (feature `team`) connects to such a team database, sets it up and manages its roles.
#![warn(missing_docs)]

mod assessments;
mod backups;
mod bundles;
mod case_list;
mod cases;
mod columns;
mod dashboard;
mod encryption;
mod error;
mod history;
mod import;
mod keys;
mod lifecycle;
pub mod migrate;
mod open;
pub mod pgpass;
mod publications;
mod registry;
mod restriction_lists;
mod reviews;
mod rows;
pub mod search;
mod sql;
mod store;
pub mod target;
#[cfg(feature = "team")]
pub mod team;

pub use assessments::{RecordedAssessment, TemplateInput, TemplateRow};
pub use backups::{BackupCheck, KEEP_DAILY_BACKUPS, backups_dir, check_backup};
pub use bundles::{BundleCaseInput, BundleReceipt, ReceivedBundle, TakeOver};
pub use case_list::{
    Bucket, CasePage, CaseQuery, CaseRow, CaseSort, LevelGroup, MAX_PAGE, OPEN_STATUSES,
};
pub use dashboard::{BucketCount, Dashboard, LevelCount, StatusCount, TOP_GROUPS};
pub use encryption::EncryptionChange;
pub use error::{Error, Result};
pub use history::{AuditEntry, AuditVerdict, BrokenLink, GENESIS, RevisionRow, sha256_hex};
pub use import::NamedDocument;
pub use keys::{MIN_PASSPHRASE_CHARS, Passphrase, is_encrypted};
pub use lifecycle::{ApprovedBriefing, Transition, TransitionInput};
pub use open::{BUSY_TIMEOUT, KEEP_MIGRATION_BACKUPS};
pub use publications::{
    AUDIT_PUBS_CHECK, AUDIT_PUBS_REVIEW, CoauthorshipReview, PubCheckFile, PubCheckRecord,
    StoredCoauthorship,
};
pub use registry::{FacilityInput, OrganisationInput};
pub use restriction_lists::{
    ListDiff, ListIndexBytes, ListIndexRow, ListSnapshotRow, MAX_LIST_NAME, SnapshotAdded,
    SnapshotInput, list_name_problem,
};
pub use reviews::{HitDecision, HitReview, HitReviewInput};
pub use store::Store;
pub use target::{Target, TargetError, TeamTarget};

/// What a new id is for; the caller's id generator may use a prefix per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A case.
    Case,
    /// An organisation.
    Organisation,
    /// A facility.
    Facility,
}

/// Generates fresh ids. The store asks for one whenever it creates an entry; ids come from outside so
/// that tests are deterministic.
pub type NewId<'a> = &'a mut dyn FnMut(IdKind) -> String;
