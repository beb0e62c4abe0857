//! Workshops: the checklist walked together on a projector, stored as one revision, with minutes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{Dissent, Workshop};

use crate::api::AssessmentView;

/// What the window hands over when a workshop ends: when it started, who was present, and what it
/// made of each question it showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopInput {
    /// When the participants were entered (UTC).
    pub started_at: DateTime<Utc>,
    /// Names of those present, in the order entered.
    pub participants: Vec<String>,
    /// The questions discussed, in the order shown.
    pub answers: Vec<WorkshopAnswer>,
}

/// One question as the workshop left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopAnswer {
    /// Question id of the case's template.
    pub question: String,
    /// The answer agreed on; `None` leaves the case's answer as it was (the question stays open if it
    /// was unanswered).
    #[ts(optional)]
    pub answer: Option<String>,
    /// The comment to record with the answer.
    #[ts(optional)]
    pub comment: Option<String>,
    /// Who gave the answer (participants' names).
    pub by: Vec<String>,
    /// Participants who saw it otherwise, with their view.
    pub disagreements: Vec<Dissent>,
}

/// A finished workshop as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct WorkshopOutcome {
    /// The workshop record now part of the case.
    pub workshop: Workshop,
    /// The one revision the workshop's answers were stored as (`None` if it changed nothing at all,
    /// which only an empty workshop does).
    #[ts(optional)]
    pub revision: Option<i64>,
    /// The case's assessment after the workshop.
    pub assessment: AssessmentView,
}
