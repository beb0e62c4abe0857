//! What the command line prints: JSON shapes for `--json`, and plain text for people.

use chrono::{DateTime, Utc};
use serde::Serialize;

use coopdesk_app::api::{
    ActionView, CaseScreening, HitRef, ListImportOutcome, ListSnapshotRow, PartnerScreening,
    ReviewState, ScreenResult, TemplateRow,
};
use coopdesk_app::api::{Bucket, BucketCount, CaseRow, CaseView, Dashboard, DbInfo, DeskError};
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
    /// Key questions the latest assessment found unanswered (more than zero: the level is
    /// provisional); `null` until the case has been assessed.
    open_key_questions: Option<u32>,
    /// The latest assessment has open key questions.
    provisional: bool,
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
            open_key_questions: r.open_key_questions,
            provisional: r.open_key_questions.is_some_and(|n| n > 0),
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
) -> Result<(), DeskError> {
    let mut text = if json {
        serde_json::to_string_pretty(value).map_err(|e| {
            DeskError::new(
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
pub(crate) fn write_stdout(text: &str) -> Result<(), DeskError> {
    write_out(text)
}

/// Reports an error on stderr: `coopdesk: <message>` per line, or JSON.
pub(crate) fn error(json: bool, e: &DeskError) {
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
    if let Some(t) = &i.team {
        return format!(
            "team database: {}\nlogin:         {} ({})\nschema:        version {}\ncases:         {}\nbackups:       on the server (pg_dump)",
            t.server,
            t.login,
            t.role.as_deref().unwrap_or("no Cooperation Desk role"),
            i.schema_version,
            i.case_count
        );
    }
    format!(
        "database:  {}{}{}\nbackups:   {}\nschema:    version {}\ncases:     {}",
        i.path,
        if i.demo { " (demo)" } else { "" },
        if i.encrypted { " (encrypted)" } else { "" },
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
        "{:<16}  {:<24}  {:<8}  {:<15}  {:<7}  {:<48}  {}\n",
        "ID", "STATUS", "LEVEL", "PROVISIONAL", "OVERDUE", "TITLE", "PARTNERS"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<16}  {:<24}  {:<8}  {:<15}  {:<7}  {:<48}  {}\n",
            r.id,
            r.status,
            r.overall.map_or("-", Level::as_str),
            // "provisional — N", as the window shows it beside the level.
            match r.open_key_questions {
                Some(n) if n > 0 => format!("provisional {n}"),
                _ => "-".to_owned(),
            },
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

/// Width of the longest bar of `dashboard` text, in characters.
const BAR_WIDTH: u32 = 30;

/// Longest label of `dashboard` text before it is clipped, in characters.
const LABEL_WIDTH: usize = 40;

/// `dashboard`: the figures first, then each chart as labelled counts with a bar scaled to the
/// chart's largest count.
pub(crate) fn dashboard_text(d: &Dashboard) -> String {
    let mut out = if d.open_only {
        format!(
            "open cases:      {} (draft, in review, approved with conditions; --all for every case)\n",
            d.total
        )
    } else {
        format!("all cases:       {}\n", d.total)
    };
    if d.total == 0 {
        out.push_str("no cases yet: import some with `coopdesk case import FILE…`");
        return out;
    }
    out.push_str(&format!(
        "overdue actions: {} in {} case(s)\n",
        d.overdue_actions, d.overdue_cases
    ));
    out.push_str(&format!(
        "provisional:     {} case(s) with key questions open (case list --provisional)\n",
        d.provisional_cases
    ));
    let levels: Vec<(String, u32)> = d
        .by_level
        .iter()
        .map(|l| (l.level.as_str().replace('_', " "), l.count))
        .collect();
    let statuses: Vec<(String, u32)> = d
        .by_status
        .iter()
        .map(|s| (s.status.as_str().replace('_', " "), s.count))
        .collect();
    let bucket = |b: &BucketCount, others: &str, missing: &str| match &b.bucket {
        Bucket::Is(_) => b.label.clone(),
        Bucket::OtherThan(_) => others.to_owned(),
        Bucket::Missing => missing.to_owned(),
    };
    let facilities: Vec<(String, u32)> = d
        .by_facility
        .iter()
        .map(|b| (bucket(b, "(other facilities)", "(no facility)"), b.count))
        .collect();
    let countries: Vec<(String, u32)> = d
        .by_partner_country
        .iter()
        .map(|b| {
            let name = bucket(b, "(other countries)", "(country not recorded)");
            (name, b.count)
        })
        .collect();
    let charts = [
        ("by overall level", levels),
        ("by status", statuses),
        ("by facility", facilities),
        (
            "by partner country (a case counts once for each of its partners' countries)",
            countries,
        ),
    ];
    // One label column for all charts, so their bars start in the same place.
    let width = charts
        .iter()
        .flat_map(|(_, bars)| bars.iter().map(|(l, _)| l.chars().count().min(LABEL_WIDTH)))
        .max()
        .unwrap_or(0);
    for (title, bars) in &charts {
        out.push_str(&format!("\n{title}\n"));
        let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
        for (label, n) in bars {
            // Rounded up: a non-zero count always shows at least one block, so it never looks like none.
            let len = (u64::from(*n) * u64::from(BAR_WIDTH)).div_ceil(u64::from(max));
            let line = format!(
                "  {:<width$}  {n:>6}  {}",
                clip(label, LABEL_WIDTH),
                "█".repeat(usize::try_from(len).unwrap_or(0))
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.trim_end().to_owned()
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
pub(crate) fn screen_text(r: &ScreenResult) -> String {
    if r.hits.is_empty() {
        return format!(
            "{}: no hit at or above the threshold {:.2}",
            r.query, r.threshold
        );
    }
    let mut out = String::new();
    for s in &r.hits {
        let h = &s.hit;
        out.push_str(&format!(
            "{:.2}  {}  {} [{}] (list {})\n      matched \"{}\": {}\n",
            h.score, h.entity, h.name, h.list, s.list_name, h.matched, h.why
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

/// Up to `max` ids, then how many more there are.
fn some_ids(ids: &[String], max: usize) -> String {
    let shown: Vec<&str> = ids.iter().take(max).map(String::as_str).collect();
    let more = ids.len().saturating_sub(max);
    if more > 0 {
        format!("{} … (+{more} more)", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn snapshot_line(r: &ListSnapshotRow) -> String {
    format!(
        "{:<16} #{:<4} {:<6} {}  {} entries, {} skipped{}{}",
        r.list_name,
        r.id,
        r.format,
        r.imported_at.format("%Y-%m-%d %H:%M UTC"),
        r.entry_count,
        r.skipped,
        if r.builtin { "  [built-in]" } else { "" },
        if r.latest { "  [in use]" } else { "" }
    )
}

fn diff_counts(r: &ListSnapshotRow) -> String {
    match r.previous_id {
        Some(p) => format!(
            "+{} added, -{} removed, ~{} changed against #{p}",
            r.added, r.removed, r.changed
        ),
        None => format!("first snapshot of the list ({} entries added)", r.added),
    }
}

/// ` (published YYYY-MM-DD)` when the file states its publication date, else nothing.
fn published_text(r: &ListSnapshotRow) -> String {
    r.published
        .as_deref()
        .map(|d| format!(" (published {d})"))
        .unwrap_or_default()
}

/// `lists show` for people: one block per snapshot, newest first within each list.
pub(crate) fn snapshots_text(rows: &[ListSnapshotRow]) -> String {
    if rows.is_empty() {
        return "no list snapshots".into();
    }
    let mut out = String::new();
    for r in rows {
        out.push_str(&snapshot_line(r));
        out.push_str(&format!(
            "\n      file {}{}\n      sha256 {}\n      {}\n      {} repair(s) on reading\n",
            r.file_name,
            published_text(r),
            r.sha256,
            diff_counts(r),
            r.repairs
        ));
    }
    out.trim_end().to_owned()
}

fn hit_refs(sign: &str, hits: &[HitRef]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            format!(
                "{sign}{} {} [{}, {}]",
                h.entity,
                h.name,
                h.list_name,
                state_text(h.state)
            )
        })
        .collect()
}

fn state_text(s: ReviewState) -> &'static str {
    match s {
        ReviewState::Unreviewed => "unreviewed",
        ReviewState::Confirmed => "confirmed",
        ReviewState::FalsePositive => "false positive",
    }
}

/// The repairs an import made: their number, then the first few with line, field and what.
fn repairs_text(o: &ListImportOutcome) -> String {
    const SHOWN: usize = 10;
    let mut out = format!("  repairs  {}", o.snapshot.repairs);
    if o.repairs.is_empty() {
        out.push('\n');
        return out;
    }
    out.push_str(" (characters the file cannot have meant, read by their meaning)\n");
    for r in o.repairs.iter().take(SHOWN) {
        out.push_str(&format!(
            "           line {}, {}: {}\n",
            r.line, r.field, r.what
        ));
    }
    if o.repairs.len() > SHOWN {
        out.push_str(&format!(
            "           … (+{} more; --json lists them all)\n",
            o.repairs.len() - SHOWN
        ));
    }
    out
}

/// `lists import` for people: the snapshot, its diff, and the cases whose screening changed.
pub(crate) fn list_import_text(o: &ListImportOutcome) -> String {
    let r = &o.snapshot;
    if o.already_imported {
        let mut out = format!(
            "{} is already stored as snapshot #{} of list {} (sha256 {}); nothing changed",
            r.file_name, r.id, r.list_name, r.sha256
        );
        if !r.latest {
            out.push_str(&format!(
                "\nnote: #{} is not the newest snapshot of {}; screening keeps using the newest",
                r.id, r.list_name
            ));
        }
        return out;
    }
    let mut out = format!(
        "imported {}{} as snapshot #{} of list {} ({})\n  sha256   {}\n  entries  {} ({} rows skipped: not organisations)\n  diff     {}\n",
        r.file_name,
        published_text(r),
        r.id,
        r.list_name,
        r.format,
        r.sha256,
        r.entry_count,
        r.skipped,
        diff_counts(r)
    );
    out.push_str(&repairs_text(o));
    for (what, ids) in [
        ("added", &o.diff.added),
        ("removed", &o.diff.removed),
        ("changed", &o.diff.changed),
    ] {
        if !ids.is_empty() && o.diff.previous_id.is_some() {
            out.push_str(&format!("  {what:<8} {}\n", some_ids(ids, 10)));
        }
    }
    out.push_str(&format!(
        "re-assessed {} case(s); screening changed in {}\n",
        o.reassessed,
        o.changed_cases.len()
    ));
    for c in &o.changed_cases {
        out.push_str(&format!(
            "  {}  {}  overall {} -> {}\n",
            c.case_id,
            clip(&c.title, 48),
            c.level_before.map_or("-", Level::as_str),
            c.level_after.as_str()
        ));
        for p in &c.partners {
            let mut parts = hit_refs("+", &p.gained);
            parts.extend(hit_refs("-", &p.lost));
            parts.extend(
                hit_refs("", &p.lapsed)
                    .into_iter()
                    .map(|h| format!("review lapsed: {h}")),
            );
            out.push_str(&format!("      {}: {}\n", p.partner, parts.join("; ")));
        }
    }
    out.trim_end().to_owned()
}

/// One partner and its hits, with what `hits review` needs to name a hit.
pub(crate) fn partner_text(p: &PartnerScreening) -> String {
    let o = &p.organisation;
    let mut out = format!("{} ({})\n", o.name, o.id);
    if p.hits.is_empty() {
        out.push_str("  no hits\n");
    }
    for h in &p.hits {
        out.push_str(&format!(
            "  {:.2}  {}  {} [{}] list {}  {}\n      matched \"{}\": {}\n",
            h.score,
            h.entity,
            h.name,
            h.list,
            h.list_name,
            state_text(h.state),
            h.matched,
            h.why
        ));
        if let Some(t) = &h.through {
            out.push_str(&format!("      through registry parent {t}\n"));
        }
        if let Some(r) = &h.review {
            out.push_str(&format!(
                "      {} by {} on {}{}\n",
                r.decision,
                r.by,
                r.at.format("%Y-%m-%d"),
                r.note
                    .as_deref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            ));
        }
        if let Some(l) = &h.lapsed {
            let why = match (l.entry_changed, l.names_changed) {
                (true, true) => "the list entry and the organisation's names changed",
                (true, false) => "the list entry changed",
                _ => "the organisation's names changed",
            };
            out.push_str(&format!(
                "      earlier {} by {} on {} no longer holds: {why}\n",
                l.review.decision,
                l.review.by,
                l.review.at.format("%Y-%m-%d")
            ));
        }
    }
    out.trim_end().to_owned()
}

/// `hits show` for people: every partner with its hits.
pub(crate) fn case_screening_text(c: &CaseScreening) -> String {
    let lists: Vec<String> = c
        .lists
        .iter()
        .map(|l| format!("{} #{}", l.list_name, l.id))
        .collect();
    let mut out = format!(
        "screening of {} against {} (threshold {:.2})\n",
        c.case_id,
        lists.join(", "),
        c.threshold
    );
    for p in &c.partners {
        out.push('\n');
        out.push_str(&partner_text(p));
        out.push('\n');
    }
    if c.partners.is_empty() {
        out.push_str("no partners\n");
    }
    out.trim_end().to_owned()
}
