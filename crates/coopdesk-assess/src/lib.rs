//! Cooperation Desk's checklists and assessment.
//!
//! A [`template::Template`] (versioned data, `coopdesk.template/v1`) holds the questions of the four
//! topics, their risk weights, the mitigations they suggest and the rules that combine answers into
//! levels. [`facts::Facts`] are what a recorded case already says; [`engine::assess`] turns template,
//! facts, answers, screening hits, recorded conditions and overrides into an
//! [`engine::Assessment`] whose every level carries its reasons, and [`report`] renders it in English
//! or German.
//!
//! Like `coopdesk-core`, this crate does no IO and reads no clock: the same inputs always give the same
//! assessment.
#![warn(missing_docs)]

pub mod builtin;
pub mod engine;
pub mod facts;
pub mod load;
pub mod report;
pub mod template;
pub mod text;
pub mod vocab;
pub mod vocabulary;

pub use engine::{Assessment, AssessmentInput, assess};
pub use facts::{CaseContext, CoauthorshipFinding, Facts, ScreeningFinding};
pub use load::read_template;
pub use template::Template;
pub use vocab::{Escalation, Lang, Level, Recommendation, Topic};
