//! Assessments and templates as the window and `--json` see them.

use coopdesk_assess::engine::TemplateRef;
use coopdesk_assess::report::Report;
use coopdesk_assess::{Assessment, Template};
use coopdesk_core::CaseStatus;

use crate::api::ActionView;
pub use coopdesk_store::TemplateRow;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A case's assessment as the window shows it: the structured result, its sentences and the action
/// plan that goes with it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AssessmentView {
    /// Levels, reasons, question states, conditions, open points.
    pub assessment: Assessment,
    /// The same, rendered in the requested language.
    pub report: Report,
    /// The case's action plan, with what is overdue today.
    pub actions: Vec<ActionView>,
    /// The case's lifecycle state: a decided or withdrawn case cannot be answered or overridden.
    pub status: CaseStatus,
}

/// What [`Desk::adopt_default_template`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateAdoption {
    /// The template version the cases now use.
    pub template: TemplateRef,
    /// The cases that moved to it (already there ones are left out).
    pub moved: Vec<String>,
}

/// A template version's questions and texts, for the checklist walk.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TemplateView {
    /// The template.
    pub template: Template,
}
