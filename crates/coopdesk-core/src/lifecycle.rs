//! The lifecycle rules of a case: which steps are allowed, what a step must say, and the freeze rule
//! (a decided or withdrawn case changes only in its action plan until it is reopened).
//!
//! Pure rules over values: the store applies them inside its transactions, and any other backend
//! applies the same functions, so the rules cannot drift apart between storage engines.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::{TextKind, check_text};
use crate::{Case, CaseStatus, Problem, Problems};

/// Who moves a case, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct TransitionInput {
    /// Name of the person taking the step (for a decision: the director signing off).
    pub by: String,
    /// Their role, e.g. "Director" or "Head of the international office".
    #[ts(optional)]
    pub role: Option<String>,
    /// A comment (for a decision: its reasons or conditions).
    #[ts(optional)]
    pub comment: Option<String>,
    /// Why a decision is taken although the assessment is provisional (key questions unanswered);
    /// required for such a decision (the app checks that, `coopdesk_app::Desk::transition`).
    #[serde(default)]
    #[ts(optional)]
    pub justification: Option<String>,
}

impl TransitionInput {
    /// The role, trimmed; `None` when blank.
    #[must_use]
    pub fn role(&self) -> Option<String> {
        trimmed(self.role.as_deref())
    }

    /// The comment, trimmed; `None` when blank.
    #[must_use]
    pub fn comment(&self) -> Option<String> {
        trimmed(self.comment.as_deref())
    }

    /// The justification, trimmed; `None` when blank.
    #[must_use]
    pub fn justification(&self) -> Option<String> {
        trimmed(self.justification.as_deref())
    }
}

/// Checks a step of case `case_id` from `from` to `to`: the lifecycle must allow it, the person taking
/// it must be named, and every text must be within its limits. Returns every problem at once.
pub fn check_step(
    case_id: &str,
    from: CaseStatus,
    to: CaseStatus,
    input: &TransitionInput,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    if !from.next().contains(&to) {
        let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
        problems.push(Problem::at(
            "status",
            format!(
                "a case that is {from} can move to {}, not to {to}",
                allowed.join(", ")
            ),
        ));
    }
    // A blank name gets the one message that says what to do, not a second one about its length.
    let by = Some(&input.by).filter(|b| !b.trim().is_empty());
    if by.is_none() {
        problems.push(Problem::at("by", "say who takes this step"));
    }
    for (path, text) in [("by", by), ("role", input.role.as_ref())] {
        if let Some(t) = text {
            check_text(path, t, TextKind::Name, &mut problems);
        }
    }
    for (path, text) in [
        ("comment", input.comment.as_ref()),
        ("justification", input.justification.as_ref()),
    ] {
        if let Some(t) = text {
            check_text(path, t, TextKind::Long, &mut problems);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems::new(case_id, problems))
    }
}

/// Refuses a save that changes a case's state (that is a transition) or, for a decided or withdrawn
/// case, anything but its action plan. `stored` is the case as it is, `incoming` as it would be saved.
#[must_use]
pub fn check_frozen(stored: &Case, incoming: &Case) -> Option<Problems> {
    if incoming.status != stored.status {
        return Some(Problems::new(
            stored.id.clone(),
            vec![Problem::at(
                "status",
                format!(
                    "the case is {}; its state changes only through a lifecycle step (submit, decide, reopen)",
                    stored.status
                ),
            )],
        ));
    }
    if stored.status.is_closed() {
        let mut same = incoming.clone();
        same.actions = stored.actions.clone();
        same.created_at = stored.created_at;
        same.updated_at = stored.updated_at;
        // A title differing only in surrounding blanks is the same title (the store trims on save).
        if same.title.trim() == stored.title {
            same.title = stored.title.clone();
        }
        if same != *stored {
            return Some(Problems::new(
                stored.id.clone(),
                vec![Problem::at(
                    "",
                    format!(
                        "the case is {} and frozen; reopen it (move it back to draft) to change it",
                        stored.status
                    ),
                )],
            ));
        }
    }
    None
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(by: &str) -> TransitionInput {
        TransitionInput {
            by: by.to_owned(),
            ..TransitionInput::default()
        }
    }

    #[test]
    fn only_the_lifecycles_steps_are_allowed_and_every_problem_is_named() {
        assert!(check_step("C", CaseStatus::Draft, CaseStatus::InReview, &input("Ann")).is_ok());
        let err = check_step("C", CaseStatus::Draft, CaseStatus::Approved, &input(" "))
            .expect_err("a draft cannot be approved, and the step needs a name");
        let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["status", "by"]);
        assert!(err.problems[0].message.contains("in_review"), "{err}");
    }

    #[test]
    fn blank_optional_texts_read_as_absent() {
        let i = TransitionInput {
            by: "Ann".into(),
            role: Some("  ".into()),
            comment: Some(" ok ".into()),
            justification: None,
        };
        assert_eq!(i.role(), None);
        assert_eq!(i.comment().as_deref(), Some("ok"));
        assert_eq!(i.justification(), None);
    }

    fn case(status: CaseStatus) -> Case {
        Case {
            status,
            ..Case::draft("C".into(), "Title".into(), chrono::DateTime::UNIX_EPOCH)
        }
    }

    #[test]
    fn a_closed_case_changes_only_in_its_action_plan() {
        let stored = case(CaseStatus::Approved);
        let mut incoming = stored.clone();
        incoming.actions.push(crate::Action {
            id: "act-1".into(),
            mitigation: None,
            title: "Sign the IP agreement".into(),
            owner: None,
            due: None,
            status: crate::ActionStatus::Open,
            note: None,
        });
        assert!(check_frozen(&stored, &incoming).is_none());
        incoming.summary = "changed".into();
        assert!(check_frozen(&stored, &incoming).is_some());
        let mut moved = stored.clone();
        moved.status = CaseStatus::Draft;
        let err = check_frozen(&stored, &moved).expect("a state change is not a save");
        assert_eq!(err.problems[0].path, "status");
    }
}
