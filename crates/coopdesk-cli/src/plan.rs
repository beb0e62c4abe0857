//! `coopdesk action …` and `coopdesk override …`: the action plan and hand-set levels of a case.

use clap::Subcommand;

use coopdesk_app::Desk;
use coopdesk_app::api::ActionInput;
use coopdesk_app::api::{DeskError, ErrorCode};
use coopdesk_assess::engine::LevelOverride;
use coopdesk_assess::{Lang, Level, Topic};
use coopdesk_core::{ActionStatus, Date};

use crate::{GlobalArgs, output};

/// Subcommands of `coopdesk action`.
#[derive(Debug, Subcommand)]
pub(crate) enum ActionCommand {
    /// Lists a case's actions; overdue ones are marked.
    List {
        /// Case id.
        id: String,
    },
    /// Adds an action: a suggested condition (--mitigation) or a follow-up of your own (--title).
    Add {
        /// Case id.
        id: String,
        /// Id of the template mitigation to take over (see the conditions of `coopdesk assess`).
        #[arg(long, required_unless_present = "title")]
        mitigation: Option<String>,
        /// What is to be done [default for a mitigation: its text].
        #[arg(long)]
        title: Option<String>,
        /// Who takes care of it [default for a mitigation: its owner role].
        #[arg(long)]
        owner: Option<String>,
        /// Due date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        due: Option<Date>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// Changes an action; options not given keep their value.
    Set {
        /// Case id.
        id: String,
        /// Action id (e.g. act-1).
        action: String,
        /// open, met or waived.
        #[arg(long, value_parser = parse_action_status)]
        status: Option<ActionStatus>,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        /// New owner.
        #[arg(long)]
        owner: Option<String>,
        /// New due date, YYYY-MM-DD (`none` removes it).
        #[arg(long, value_parser = parse_due)]
        due: Option<Option<Date>>,
        /// New note (how it was met, why it was waived).
        #[arg(long)]
        note: Option<String>,
    },
    /// Removes an action.
    Remove {
        /// Case id.
        id: String,
        /// Action id.
        action: String,
    },
}

/// `coopdesk override`: the arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct OverrideArgs {
    /// Case id.
    id: String,
    /// reciprocity, integrity, ip or dual_use.
    #[arg(value_parser = parse_topic)]
    topic: Topic,
    /// low, medium, high or critical.
    #[arg(value_parser = parse_level, required_unless_present = "clear")]
    level: Option<Level>,
    /// Why the computed level is wrong for this case (required to set a level).
    #[arg(long, required_unless_present = "clear")]
    justification: Option<String>,
    /// Who sets it.
    #[arg(long, required_unless_present = "clear")]
    by: Option<String>,
    /// Removes the override: the computed level applies again.
    #[arg(long, conflicts_with_all = ["level", "justification"])]
    clear: bool,
    /// Language of the printed reasons.
    #[arg(long, value_parser = crate::parse_lang, default_value = "en")]
    lang: Lang,
}

pub(crate) fn action(desk: &Desk, command: ActionCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    let lang = Lang::En;
    let view = match command {
        ActionCommand::List { id } => desk.assess_case(&id, lang)?,
        ActionCommand::Add {
            id,
            mitigation,
            title,
            owner,
            due,
            note,
        } => desk.set_action(
            &id,
            ActionInput {
                id: None,
                mitigation,
                title: title.unwrap_or_default(),
                owner,
                due,
                status: None,
                note,
            },
            lang,
        )?,
        ActionCommand::Set {
            id,
            action,
            status,
            title,
            owner,
            due,
            note,
        } => {
            let current = desk
                .assess_case(&id, lang)?
                .actions
                .into_iter()
                .find(|v| v.action.id == action)
                .ok_or_else(|| {
                    DeskError::new(
                        ErrorCode::InputInvalid,
                        format!("case {id} has no action \"{action}\""),
                    )
                })?
                .action;
            desk.set_action(
                &id,
                ActionInput {
                    id: Some(action),
                    mitigation: None,
                    title: title.unwrap_or(current.title),
                    owner: owner.or(current.owner),
                    due: due.unwrap_or(current.due),
                    status: status.or(Some(current.status)),
                    note: note.or(current.note),
                },
                lang,
            )?
        }
        ActionCommand::Remove { id, action } => desk.remove_action(&id, &action, lang)?,
    };
    let suggested = view
        .assessment
        .conditions
        .iter()
        .zip(&view.report.conditions)
        .filter(|(c, _)| c.recorded.is_none())
        .map(|(c, text)| output::Suggested {
            mitigation: c.mitigation.clone(),
            condition: text.clone(),
        })
        .collect();
    let plan = output::ActionPlan {
        case: view.assessment.case,
        actions: view.actions,
        suggested,
    };
    output::print(g.json, &plan, || output::actions_text(&plan))
}

pub(crate) fn override_level(
    desk: &Desk,
    a: OverrideArgs,
    g: &GlobalArgs,
) -> Result<(), DeskError> {
    let value = match (a.clear, a.level) {
        (false, Some(level)) => Some(LevelOverride {
            topic: a.topic,
            level,
            justification: a.justification.unwrap_or_default(),
            by: a.by.unwrap_or_default(),
        }),
        _ => None,
    };
    let report = desk.set_override(&a.id, a.topic, value, a.lang)?.report;
    output::print(g.json, &report, || output::report_text(&report))
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| "expected a date YYYY-MM-DD".to_owned())
}

fn parse_due(s: &str) -> Result<Option<Date>, String> {
    if s == "none" {
        Ok(None)
    } else {
        parse_date(s).map(Some)
    }
}

fn parse_action_status(s: &str) -> Result<ActionStatus, String> {
    ActionStatus::parse(s).ok_or_else(|| "expected open, met or waived".to_owned())
}

fn parse_topic(s: &str) -> Result<Topic, String> {
    Topic::parse(s).ok_or_else(|| "expected reciprocity, integrity, ip or dual_use".to_owned())
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| "expected low, medium, high or critical".to_owned())
}
