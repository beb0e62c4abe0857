//! The action plan: conditions of approval and follow-ups with owner, due date and status.
//!
//! Actions are part of the case (so they travel with its file and its bundles); this module adds the
//! use cases around them: taking over a suggested condition, editing or removing an action, and
//! deciding what is overdue. An action tied to a template mitigation feeds the assessment as a
//! recorded condition, which is why every change re-assesses the case.

use coopdesk_assess::engine::RecordedCondition;
use coopdesk_assess::{Assessment, Lang};
use coopdesk_core::{Action, ActionStatus, Case, Date, Problem, Problems};

use crate::Desk;
use crate::api::{ActionInput, ActionView, AssessmentView, DeskError};

/// The recorded conditions the assessment takes into account: actions tied to a mitigation.
pub(crate) fn recorded_conditions(case: &Case) -> Vec<RecordedCondition> {
    case.actions
        .iter()
        .filter_map(|a| {
            Some(RecordedCondition {
                mitigation: a.mitigation.clone()?,
                status: a.status,
            })
        })
        .collect()
}

/// The case's actions with their overdue and condition flags.
pub(crate) fn action_views(case: &Case, assessment: &Assessment, today: Date) -> Vec<ActionView> {
    case.actions
        .iter()
        .map(|a| ActionView {
            overdue: a.is_overdue(today),
            condition: a
                .mitigation
                .as_ref()
                .is_some_and(|m| assessment.conditions.iter().any(|c| &c.mitigation == m)),
            action: a.clone(),
        })
        .collect()
}

impl Desk {
    /// Adds or changes an action of a case's action plan and returns the new assessment.
    ///
    /// A new action for a mitigation takes its title and owner role from the template when they are
    /// left empty. A mitigation the case's template does not know, a second action for the same
    /// mitigation, or an unknown action id is refused and changes nothing.
    pub fn set_action(
        &self,
        case_id: &str,
        input: ActionInput,
        lang: Lang,
    ) -> Result<AssessmentView, DeskError> {
        let mut store = self.store();
        let template = self.template_for(&store, case_id)?;
        let refuse =
            |path: &str, message: String| Problems::new(case_id, vec![Problem::at(path, message)]);
        let trimmed = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let owner = trimmed(input.owner);
        let note = trimmed(input.note);
        // Read and changed inside one write transaction, so that two people changing the plan of
        // one case at once both keep their change.
        let change = |case: &mut Case| -> Result<(), Problems> {
            match input.id.as_deref() {
                Some(id) => {
                    let Some(action) = case.actions.iter_mut().find(|a| a.id == id) else {
                        return Err(refuse(
                            "actions",
                            format!(
                                "the case has no action \"{}\"",
                                coopdesk_core::limits::clip(id)
                            ),
                        ));
                    };
                    if !input.title.trim().is_empty() {
                        action.title = input.title.trim().to_owned();
                    }
                    action.owner = owner;
                    action.due = input.due;
                    action.status = input.status.unwrap_or(action.status);
                    action.note = note;
                }
                None => {
                    let mut title = input.title.trim().to_owned();
                    let mut owner = owner;
                    if let Some(m) = &input.mitigation {
                        let Some(found) = template.mitigation(m) else {
                            return Err(refuse(
                                "actions.mitigation",
                                format!(
                                    "template {} {} has no mitigation \"{}\"",
                                    template.id,
                                    template.version,
                                    coopdesk_core::limits::clip(m)
                                ),
                            ));
                        };
                        if title.is_empty() {
                            title = found.text.get(lang).to_owned();
                        }
                        if owner.is_none() {
                            owner = found.owner.as_ref().map(|o| o.get(lang).to_owned());
                        }
                    }
                    let id = next_action_id(case);
                    case.actions.push(Action {
                        id,
                        mitigation: input.mitigation,
                        title,
                        owner,
                        due: input.due,
                        status: input.status.unwrap_or(ActionStatus::Open),
                        note,
                    });
                }
            }
            Ok(())
        };
        // The store checks the whole case (ids, lengths, one action per mitigation) before writing.
        store.change_case(case_id, "case.save", self.now(), change)?;
        Ok(self
            .assess_and_record(&mut store, case_id)?
            .view(lang, self.today()))
    }

    /// Removes an action from a case's action plan and returns the new assessment.
    pub fn remove_action(
        &self,
        case_id: &str,
        action_id: &str,
        lang: Lang,
    ) -> Result<AssessmentView, DeskError> {
        let mut store = self.store();
        store.change_case(case_id, "case.save", self.now(), |case| {
            let before = case.actions.len();
            case.actions.retain(|a| a.id != action_id);
            if case.actions.len() == before {
                return Err(Problems::new(
                    case_id,
                    vec![Problem::at(
                        "actions",
                        format!(
                            "the case has no action \"{}\"",
                            coopdesk_core::limits::clip(action_id)
                        ),
                    )],
                ));
            }
            Ok(())
        })?;
        Ok(self
            .assess_and_record(&mut store, case_id)?
            .view(lang, self.today()))
    }
}

/// `act-N` with N one more than the largest number in use, so ids are short, readable and never reused
/// within a case while the later ones exist.
fn next_action_id(case: &Case) -> String {
    let n = case
        .actions
        .iter()
        .filter_map(|a| a.id.strip_prefix("act-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("act-{}", n.saturating_add(1))
}
