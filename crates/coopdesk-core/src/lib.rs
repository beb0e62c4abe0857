//! Cooperation Desk's domain model.
//!
//! Owns the case model ([`model::Case`], [`model::Organisation`], [`model::Facility`]), the closed
//! vocabularies of the contract ([`vocab`]), and the `coopdesk.case/v1` interchange format
//! ([`interchange::read_case_document`], [`interchange::write_case_document`],
//! [`export::case_document`]).
//!
//! This crate must never do IO, read the clock, or import Tauri: times and ids come in as arguments,
//! so that every rule here is deterministic and tested directly.
#![warn(missing_docs)]

pub mod audit;
pub mod bundle;
pub mod catalogue;
mod country_codes;
pub mod diff;
pub mod digest;
pub mod export;
pub mod interchange;
pub mod lifecycle;
pub mod limits;
pub mod model;
pub mod problem;
pub mod rating;
pub mod restriction;
pub mod review;
pub mod values;
pub mod vocab;
pub mod workshop;

pub use interchange::{CaseDocument, FORMAT_V1, FacilityDocument, PartnerDocument};
pub use model::{
    Action, Agreement, Answer, Case, CasePartner, DataFlow, Facility, Funding, Home, Item,
    Organisation, Person,
};
pub use problem::{Problem, Problems};
pub use rating::{
    Escalation, Lang, Level, LevelOverride, Recommendation, TemplateRef, Topic, YesNo,
};
pub use values::{CountryCode, Date};
pub use vocab::{
    ActionStatus, Activity, AgreementKind, AgreementStatus, CaseStatus, DataKind, FacilityKind,
    OrgKind, PartnerAccess, PartnerRole,
};
pub use workshop::{Dissent, Workshop, WorkshopEntry};
