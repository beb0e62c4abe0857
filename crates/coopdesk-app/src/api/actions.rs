//! The action plan as the window and `--json` see it.

use coopdesk_core::{Action, ActionStatus, Date};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An action as the window and the briefing show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionView {
    /// The stored action.
    pub action: Action,
    /// Open and past its due date.
    pub overdue: bool,
    /// Its mitigation is a condition of the current assessment (always false for an action a person
    /// added). An action whose condition no longer applies stays in the plan until someone waives or
    /// removes it.
    pub condition: bool,
}

/// A new or changed action. `id` absent: a new action. `title` and `owner` may be left empty when
/// `mitigation` is given: they are then taken from the template's mitigation in the chosen language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ActionInput {
    /// Id of the action to change; absent for a new one.
    #[ts(optional)]
    pub id: Option<String>,
    /// Template mitigation carried out (only for a new action; an action keeps its mitigation).
    #[ts(optional)]
    pub mitigation: Option<String>,
    /// What is to be done.
    #[serde(default)]
    pub title: String,
    /// Who takes care of it.
    #[ts(optional)]
    pub owner: Option<String>,
    /// By when.
    #[ts(optional)]
    pub due: Option<Date>,
    /// Open, met or waived; open for a new action when absent.
    #[ts(optional)]
    pub status: Option<ActionStatus>,
    /// How it was met or why it was waived.
    #[ts(optional)]
    pub note: Option<String>,
}
