//! What the command line prints: JSON shapes for `--json`, and plain text for people.

use chrono::{DateTime, Utc};
use serde::Serialize;

use coopdesk_app::actions::ActionView;
use coopdesk_app::api::{CaseRow, CaseView, DbInfo, IpcError};
use coopdesk_app::assessing::TemplateRow;
use coopdesk_assess::Level;
use coopdesk_assess::report::Report;

use crate::write_out;

/// One row of `case list --json`.
#[derive(Debug, Serialize)]
pub(crate) struct ListedCase {
    id: String,
    title: String,
    status: String,
    partners: Vec<String>,
    facility: Option<String>,
    /// Overall level of the latest assessment; `null` until the case has been assessed.
    overall: Option<Level>,
    /// Open actions past their due date.
    overdue_actions: u32,
    updated_at: DateTime<Utc>,
}

impl From<CaseRow> for ListedCase {
    fn from(r: CaseRow) -> Self {
        ListedCase {
            id: r.id,
            title: r.title,
            status: r.status.as_str().to_owned(),
            partners: r.partners,
            facility: (!r.facility.is_empty()).then_some(r.facility),
            overall: r.overall,
            overdue_actions: r.overdue_actions,
            updated_at: r.updated_at,
        }
    }
}

/// `case show --json`: the case as a `coopdesk.case/v1` document plus what the database adds.
#[derive(Debug, Serialize)]
pub(crate) struct ShownCase {
    pub case: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The case's assessment (the same shape as `assess --json`).
    pub assessment: Option<Report>,
}

/// Prints `value` as JSON, or the text `human` builds.
pub(crate) fn print<T: Serialize>(
    json: bool,
    value: &T,
    human: impl FnOnce() -> String,
) -> Result<(), IpcError> {
    let mut text = if json {
        serde_json::to_string_pretty(value).map_err(|e| {
            IpcError::new(
                coopdesk_app::api::ErrorCode::Internal,
                format!("cannot print JSON: {e}"),
            )
        })?
    } else {
        human()
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    write_out(&text)
}

/// Writes text as is.
pub(crate) fn write_stdout(text: &str) -> Result<(), IpcError> {
    write_out(text)
}

/// Reports an error on stderr: `coopdesk: <message>` per line, or JSON.
pub(crate) fn error(json: bool, e: &IpcError) {
    if json {
        let v = serde_json::json!({ "error": e });
        eprintln!(
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_else(|_| e.message.clone())
        );
    } else {
        for line in e.message.lines() {
            eprintln!("coopdesk: {line}");
        }
    }
}

pub(crate) fn info_text(i: &DbInfo) -> String {
    format!(
        "database:  {}{}\nbackups:   {}\nschema:    version {}\ncases:     {}",
        i.path,
        if i.demo { " (demo)" } else { "" },
        i.backups_dir,
        i.schema_version,
        i.case_count
    )
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let head: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{head}…")
    }
}

pub(crate) fn list_text(rows: &[ListedCase]) -> String {
    if rows.is_empty() {
        return "no cases".into();
    }
    let mut out = format!(
        "{:<16}  {:<24}  {:<8}  {:<7}  {:<48}  {}\n",
        "ID", "STATUS", "LEVEL", "OVERDUE", "TITLE", "PARTNERS"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<16}  {:<24}  {:<8}  {:<7}  {:<48}  {}\n",
            r.id,
            r.status,
            r.overall.map_or("-", Level::as_str),
            if r.overdue_actions == 0 {
                "-".to_owned()
            } else {
                r.overdue_actions.to_string()
            },
            clip(&r.title, 48),
            clip(&r.partners.join("; "), 60)
        ));
    }
    out.push_str(&format!("{} case(s)", rows.len()));
    out
}

pub(crate) fn show_text(v: &CaseView, assessment: Option<&Report>) -> String {
    let c = &v.case;
    let mut out = format!("{}  {}\nstatus:    {}\n", c.id, c.title, c.status);
    if let Some(h) = &c.home {
        out.push_str(&format!("home:      {}\n", h.institution));
    }
    if let Some(f) = &v.facility {
        out.push_str(&format!(
            "facility:  {} ({}, {})\n",
            f.name, f.country, f.kind
        ));
    }
    if let (Some(s), Some(e)) = (c.start, c.end) {
        out.push_str(&format!("period:    {s} to {e}\n"));
    }
    for p in &c.partners {
        if let Some(o) = v.organisations.iter().find(|o| o.id == p.org_id) {
            let zh = o
                .name_zh
                .as_deref()
                .map(|z| format!(" / {z}"))
                .unwrap_or_default();
            let country = o
                .country
                .as_ref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "partner:   {}{zh} ({}{country})\n",
                o.name, p.role
            ));
        }
    }
    if !c.activities.is_empty() {
        let a: Vec<&str> = c.activities.iter().map(|a| a.as_str()).collect();
        out.push_str(&format!("activities: {}\n", a.join(", ")));
    }
    for i in &c.items {
        let code = i.control_code.as_deref().unwrap_or("no control code");
        out.push_str(&format!("item:      {} [{code}]\n", i.description));
    }
    if !c.summary.is_empty() {
        out.push_str(&format!("\n{}\n", c.summary));
    }
    match assessment {
        Some(r) => {
            out.push('\n');
            out.push_str(&report_text(r));
        }
        None => out.push_str("\nassessment: not yet assessed"),
    }
    out
}

/// `assess` for people: levels with reasons, then recommendation, escalations, conditions, open points.
pub(crate) fn report_text(r: &Report) -> String {
    let mut out = format!(
        "assessment of {} (template {} {})\n",
        r.case, r.template.id, r.template.version
    );
    for t in &r.topics {
        out.push_str(&format!(
            "\n{:<12} {}\n",
            t.topic.as_str(),
            t.level.as_str()
        ));
        for reason in &t.reasons {
            out.push_str(&format!("  - {reason}\n"));
        }
    }
    out.push_str(&format!(
        "\noverall:        {}\nrecommendation: {}\n",
        r.overall, r.recommendation
    ));
    let esc: Vec<&str> = r.escalations.iter().map(|e| e.as_str()).collect();
    out.push_str(&format!(
        "escalations:    {}\n",
        if esc.is_empty() {
            "none".to_owned()
        } else {
            esc.join(", ")
        }
    ));
    for (title, list) in [
        ("conditions", &r.conditions),
        ("open points", &r.open_points),
    ] {
        out.push_str(&format!("\n{title} ({}):\n", list.len()));
        for line in list {
            out.push_str(&format!("  - {line}\n"));
        }
    }
    out.trim_end().to_owned()
}

/// `template list` for people.
pub(crate) fn templates_text(rows: &[TemplateRow]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&format!(
            "{:<24} {:<10} {}{}{}\n",
            r.id,
            r.version,
            r.title,
            if r.builtin { "  [built-in]" } else { "" },
            if r.is_default { "  [default]" } else { "" }
        ));
    }
    out.trim_end().to_owned()
}

/// `screen` for people: one line per hit with how it matched.
pub(crate) fn screen_text(r: &coopdesk_app::screening::ScreenResult) -> String {
    if r.hits.is_empty() {
        return format!(
            "{}: no hit at or above the threshold {:.2}",
            r.query, r.threshold
        );
    }
    let mut out = String::new();
    for h in &r.hits {
        out.push_str(&format!(
            "{:.2}  {}  {} [{}]\n      matched \"{}\": {}\n",
            h.score, h.entity, h.name, h.list, h.matched, h.why
        ));
    }
    out.trim_end().to_owned()
}

/// `action …` output: the plan, and the conditions the assessment suggests that are not in it yet.
#[derive(Debug, Serialize)]
pub(crate) struct ActionPlan {
    pub case: String,
    pub actions: Vec<ActionView>,
    pub suggested: Vec<Suggested>,
}

/// A condition of the assessment not yet taken into the action plan.
#[derive(Debug, Serialize)]
pub(crate) struct Suggested {
    /// What `action add --mitigation` takes.
    pub mitigation: String,
    /// The condition as the assessment words it.
    pub condition: String,
}

/// `action list` as text: one line per action, overdue ones marked, then the suggestions.
pub(crate) fn actions_text(plan: &ActionPlan) -> String {
    let mut out = actions_table(&plan.actions);
    if !plan.suggested.is_empty() {
        out.push_str(&format!(
            "\n\nsuggested conditions not in the plan ({}; add with `coopdesk action add {} --mitigation ID`):\n",
            plan.suggested.len(),
            plan.case
        ));
        for s in &plan.suggested {
            out.push_str(&format!("  {:<14} {}\n", s.mitigation, s.condition));
        }
    }
    out
}

fn actions_table(actions: &[ActionView]) -> String {
    if actions.is_empty() {
        return "no actions".into();
    }
    let mut out = format!(
        "{:<8}  {:<7}  {:<10}  {:<28}  {}\n",
        "ID", "STATUS", "DUE", "OWNER", "ACTION"
    );
    for v in actions {
        let a = &v.action;
        let due = a.due.map_or("-".to_owned(), |d| d.to_string());
        out.push_str(&format!(
            "{:<8}  {:<7}  {:<10}  {:<28}  {}{}{}\n",
            a.id,
            a.status.as_str(),
            due,
            clip(a.owner.as_deref().unwrap_or("-"), 28),
            clip(&a.title, 80),
            a.mitigation
                .as_deref()
                .map_or(String::new(), |m| format!(" [{m}]")),
            if v.overdue { "  OVERDUE" } else { "" }
        ));
    }
    let overdue = actions.iter().filter(|v| v.overdue).count();
    out.push_str(&format!("{} action(s), {overdue} overdue", actions.len()));
    out
}
