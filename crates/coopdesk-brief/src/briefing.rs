//! The case briefing: two pages a director decides from, and an appendix with the evidence.
//!
//! Pages 1–2: header, summary, facts, the four topics (level, traffic light, main reasons, override
//! justifications) with a small chart, recommendation and escalations, conditions and the action
//! plan, open points, sign-off. The appendix starts on a new page: every visible question with its
//! answer, comment and evidence, all reasons, the screening evidence and the overridden levels.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use coopdesk_assess::engine::{AnswerSource, OpenPoint, Reason, TopicResult};
use coopdesk_assess::report::{Report, answer_label, render};
use coopdesk_assess::{CoauthorshipFinding, Lang, Level, Topic};
use coopdesk_core::ActionStatus;

use crate::catalogue::{Words, label};
use crate::error::Result;
use crate::fonts::Faces;
use coopdesk_core::review::ReviewState;

use crate::input::{BriefingInput, ScreeningOutcome};
use crate::layout::{
    Composer, Geometry, INK, Line, MUTED, Rgb, SHADE, Span, Style, Table, height, span,
};
use crate::pdf::{self, Meta};

/// Body text.
const BODY: Style = Style::regular(8.5);
const BODY_BOLD: Style = Style::bold(8.5);
const SMALL: Style = Style::regular(7.5);
const SMALL_BOLD: Style = Style::bold(7.5);
/// How densely the first pages are written. The briefing is first laid out in full; when the main
/// part does not fit on two pages it is laid out again more tersely (fewer reasons per topic, open
/// points and escalations by question id), since the appendix has every sentence anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Full,
    Terse,
    Tersest,
}

impl Tier {
    /// Reasons shown per topic.
    fn reasons(self) -> usize {
        match self {
            Tier::Full => 3,
            Tier::Terse => 2,
            Tier::Tersest => 1,
        }
    }
}

/// The traffic-light colour of a level.
pub(crate) fn level_color(level: Level) -> Rgb {
    match level {
        Level::Low => Rgb(0.18, 0.58, 0.30),
        Level::Medium => Rgb(0.93, 0.62, 0.10),
        Level::High => Rgb(0.83, 0.20, 0.15),
        Level::Critical => Rgb(0.42, 0.05, 0.12),
    }
}

/// A date as the language writes it.
pub(crate) fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%Y-%m-%d").to_string(),
        Lang::De => d.format("%d.%m.%Y").to_string(),
    }
}

fn muted(s: Style) -> Style {
    s.color(MUTED)
}

/// `● low` in the level's colour.
pub(crate) fn level_spans(level: Level, lang: Lang, style: Style) -> Vec<Span> {
    vec![
        span("\u{25CF} ", style.color(level_color(level))),
        span(label(level, lang), style),
    ]
}

fn topic_title(input: &BriefingInput<'_>, topic: Topic) -> String {
    input
        .template
        .topic_def(topic)
        .map_or_else(|| topic.to_string(), |d| d.title.get(input.lang).to_owned())
}

/// Renders the briefing.
pub fn render_briefing(input: &BriefingInput<'_>, id: &str) -> Result<Vec<u8>> {
    let faces = Faces::get()?;
    let lang = input.lang;
    let w = Words::of(lang);
    let report = render(input.assessment, input.template, lang);
    let mut c = Composer::new(faces, Geometry::A4);
    let mut clipped = false;
    for tier in [Tier::Full, Tier::Terse, Tier::Tersest] {
        c = Composer::new(faces, Geometry::A4);
        header(&mut c, input, &report, w);
        summary(&mut c, input, w);
        facts(&mut c, input, w);
        topics(&mut c, input, &report, w, tier);
        recommendation(&mut c, input, &report, w, tier);
        conditions(&mut c, input, w, tier == Tier::Tersest);
        open_points(&mut c, input, &report, w, tier);
        sign_off(&mut c, input, w);
        clipped = tier == Tier::Tersest;
        if c.page_count() <= 2 {
            break;
        }
    }

    c.new_page();
    let title = c.wrap(0.0, &[span(w.appendix, Style::bold(14.0))]);
    c.lines(0.0, &title);
    c.gap(6.0);
    questions(&mut c, input, w);
    all_reasons(&mut c, input, &report, w);
    if clipped {
        // The first pages cut long action titles to one line; here they are in full.
        conditions(&mut c, input, w, false);
    }
    screening(&mut c, input, w);
    coauthorships(&mut c, input, w);
    overrides(&mut c, input, w);

    let case_id = input.case.id.clone();
    let (pages, used) = c.finish(|p, n| {
        (
            format!("{} {case_id} \u{b7} {} {id}", w.briefing, w.document_id),
            format!("{} {p} {} {n}", w.page, w.of),
        )
    });
    let mut keywords = vec![
        format!("case:{}", input.case.id),
        format!(
            "template:{} {}",
            input.assessment.template.id, input.assessment.template.version
        ),
        format!("document:{id}"),
        format!("lang:{lang}"),
    ];
    if let Some(r) = input.revision {
        keywords.push(format!("revision:{r}"));
    }
    let meta = Meta {
        title: format!("{} {}: {}", w.briefing, input.case.id, input.case.title),
        author: input.institution.clone(),
        subject: format!(
            "{}: {}; {}: {}",
            w.overall,
            label(report.overall, lang),
            w.recommendation,
            label(report.recommendation, lang)
        ),
        keywords,
        id: id.to_owned(),
        lang: lang.to_string(),
        date: input.generated_on,
    };
    pdf::write(faces, pages, &used, &meta)
}

fn header(c: &mut Composer<'_>, input: &BriefingInput<'_>, report: &Report, w: &Words) {
    let lang = input.lang;
    let inst = c.wrap(0.0, &[span(&input.institution, muted(Style::regular(8.0)))]);
    c.lines(0.0, &inst);
    let kicker = c.wrap(
        0.0,
        &[span(
            format!("{} \u{b7} {} {}", w.briefing, w.case, input.case.id),
            muted(Style::bold(9.0)),
        )],
    );
    c.lines(0.0, &kicker);
    let title = c.wrap(0.0, &[span(&input.case.title, Style::bold(15.0))]);
    c.lines(0.0, &title);
    c.gap(2.0);
    let mut meta = vec![
        span(format!("{} ", w.date), muted(SMALL)),
        span(date(input.generated_on, lang), SMALL_BOLD),
        span(format!("   {} ", w.status), muted(SMALL)),
        span(label(input.case.status, lang), SMALL_BOLD),
        span(format!("   {} ", w.template), muted(SMALL)),
        span(
            format!(
                "{} {}",
                input.assessment.template.id, input.assessment.template.version
            ),
            SMALL_BOLD,
        ),
    ];
    if let Some(r) = input.revision {
        meta.push(span(format!("   {} ", w.revision), muted(SMALL)));
        meta.push(span(r.to_string(), SMALL_BOLD));
    }
    let meta = c.wrap(0.0, &meta);
    c.lines(0.0, &meta);
    c.gap(6.0);

    // The decision box: overall level with its traffic light, and the recommendation.
    let pad = 6.0;
    let r = 6.0;
    let text_x = pad + 2.0 * r + 6.0;
    let width = c.geo.column() - text_x - pad;
    let faces = c.faces();
    let mut overall = vec![span(format!("{}: ", w.overall), Style::bold(11.0))];
    overall.push(span(
        label(report.overall, lang),
        Style::bold(11.0).color(level_color(report.overall)),
    ));
    // Beside the level, where a director reads it first: the level rests on the evidence at hand.
    if report.provisional {
        overall.push(span(
            format!("  ({})", report.provisional_label),
            Style::bold(9.5),
        ));
    }
    let l1 = crate::layout::wrap(faces, &overall, width);
    let l2 = crate::layout::wrap(
        faces,
        &[
            span(format!("{}: ", w.recommendation), BODY),
            span(label(report.recommendation, lang), Style::bold(9.5)),
        ],
        width,
    );
    let h = height(&l1) + height(&l2) + 2.0 * pad;
    c.ensure(h);
    let top = c.y();
    let left = c.geo.margin_x;
    c.fill_rect(left, top, c.geo.column(), h, SHADE);
    c.fill_rect(left, top, 3.0, h, level_color(report.overall));
    c.fill_circle(
        left + pad + r + 2.0,
        top + h / 2.0,
        r,
        level_color(report.overall),
    );
    let mut y = top + pad;
    for l in l1.iter().chain(&l2) {
        c.draw_line(left + text_x, y, l);
        y += l.height;
    }
    c.advance(h);
    c.gap(6.0);
}

fn summary(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words) {
    c.heading(w.summary, 24.0);
    let text = if input.case.summary.trim().is_empty() {
        span(w.not_recorded, muted(BODY))
    } else {
        span(&input.case.summary, BODY)
    };
    c.paragraph(0.0, &[text]);
    c.gap(6.0);
}

fn facts(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words) {
    let lang = input.lang;
    c.heading(w.facts, 40.0);
    let t = Table::new(
        &c.geo,
        &[44.0, 17.0, 8.0, 22.0],
        vec![
            w.partner.into(),
            w.role.into(),
            w.country.into(),
            w.screening.into(),
        ],
    );
    c.table_start(&t, 24.0);
    for p in &input.partners {
        let mut name = vec![span(&p.name, BODY_BOLD)];
        let scripts: Vec<&str> = [&p.name_zh, &p.name_zh_hant]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(|n| *n != p.name)
            .collect();
        if !scripts.is_empty() {
            name.push(span(format!("\n{}", scripts.join(" \u{b7} ")), BODY));
        }
        if let Some(py) = &p.name_pinyin {
            name.push(span(format!("\n{py}"), muted(SMALL)));
        }
        let mut extra = Vec::new();
        if let Some(k) = p.kind {
            extra.push(label(k, lang).to_owned());
        }
        if let Some(parent) = &p.parent {
            extra.push(format!("{} {parent}", w.parent));
        }
        if !extra.is_empty() {
            name.push(span(format!("\n{}", extra.join("; ")), muted(SMALL)));
        }
        let flag = match p.screening {
            ScreeningOutcome::Confirmed => Some(level_color(Level::High)),
            ScreeningOutcome::Unreviewed => Some(level_color(Level::Medium)),
            ScreeningOutcome::Clear => Some(level_color(Level::Low)),
            ScreeningOutcome::NotScreened => None,
        };
        let mut screen = Vec::new();
        if let Some(col) = flag {
            screen.push(span("\u{25CF} ", BODY.color(col)));
        }
        screen.push(span(label(p.screening, lang), BODY));
        c.row(
            &t,
            &[
                name,
                vec![span(label(p.role, lang), BODY)],
                vec![span(p.country.as_ref().map_or("—", |c| c.as_str()), BODY)],
                screen,
            ],
        );
    }
    if input.partners.is_empty() {
        c.row(&t, &[vec![span(w.none, muted(BODY))]]);
    }
    c.gap(4.0);

    // Key–value rows without a header; long values split between lines like any table row.
    let kv = Table::new(&c.geo, &[22.0, 78.0], Vec::new());
    let case = input.case;
    let facility = match input.facility {
        Some(f) => {
            let mut v = vec![span(&f.name, BODY_BOLD)];
            if let Some(zh) = &f.name_zh {
                v.push(span(format!(" {zh}"), BODY));
            }
            let mut rest = vec![label(f.kind, lang).to_owned(), f.country.to_string()];
            if let Some(city) = &f.city {
                rest.push(city.clone());
            }
            if let Some(op) = &f.operator {
                rest.push(op.clone());
            }
            v.push(span(format!(" ({})", rest.join(", ")), BODY));
            v
        }
        None => vec![span(w.not_recorded, muted(BODY))],
    };
    let period = match (case.start, case.end) {
        (None, None) => vec![span(w.not_recorded, muted(BODY))],
        (s, e) => vec![span(
            format!(
                "{} \u{2013} {}",
                s.map_or_else(|| "?".into(), |d| date(d.0, lang)),
                e.map_or_else(|| "?".into(), |d| date(d.0, lang))
            ),
            BODY,
        )],
    };
    let activities = if case.activities.is_empty() {
        vec![span(w.none, muted(BODY))]
    } else {
        vec![span(
            case.activities
                .iter()
                .map(|a| label(*a, lang))
                .collect::<Vec<_>>()
                .join(", "),
            BODY,
        )]
    };
    let mut items = Vec::new();
    for (i, it) in case.items.iter().enumerate() {
        if i > 0 {
            items.push(span("\n", BODY));
        }
        items.push(span(format!("\u{2022} {}", it.description), BODY));
        if let Some(code) = &it.control_code {
            items.push(span(format!(" [{code}]"), BODY_BOLD));
        }
        let mut rest = Vec::new();
        if let Some(d) = &it.destination_country {
            rest.push(format!("\u{2192} {d}"));
        }
        if it.temporary == Some(true) {
            rest.push(w.temporary.to_owned());
        }
        if !rest.is_empty() {
            items.push(span(format!(" ({})", rest.join(", ")), muted(BODY)));
        }
    }
    if items.is_empty() {
        items.push(span(w.none, muted(BODY)));
    }
    let mut data = Vec::new();
    for (i, d) in case.data.iter().enumerate() {
        if i > 0 {
            data.push(span("\n", BODY));
        }
        data.push(span(format!("\u{2022} {}", d.description), BODY));
        let mut rest = vec![label(d.kind, lang).to_owned()];
        match (&d.generated_in, &d.stored_in) {
            (Some(g), Some(s)) => rest.push(format!("{g} \u{2192} {s}")),
            (Some(g), None) => rest.push(format!("{g} \u{2192} ?")),
            (None, Some(s)) => rest.push(format!("? \u{2192} {s}")),
            (None, None) => {}
        }
        if let Some(a) = d.partner_access {
            rest.push(format!("{}: {}", w.partner_access, label(a, lang)));
        }
        data.push(span(format!(" ({})", rest.join(", ")), muted(BODY)));
    }
    if data.is_empty() {
        data.push(span(w.none, muted(BODY)));
    }
    for (label, value) in [
        (w.facility, facility),
        (w.period, period),
        (w.activities, activities),
        (w.items, items),
        (w.data, data),
    ] {
        c.row(&kv, &[vec![span(label, BODY_BOLD)], value]);
    }
    c.gap(6.0);
}

/// Orders a topic's reasons by how much they decide: hard stops first, then the heaviest answers.
fn ranked<'r>(result: &'r TopicResult, texts: &'r [String]) -> Vec<&'r String> {
    let mut list: Vec<(u32, usize, &String)> = result
        .reasons
        .iter()
        .zip(texts)
        .enumerate()
        .filter_map(|(i, (r, t))| {
            let key = match r {
                // Shown on its own line with the justification.
                Reason::Override { .. } => return None,
                Reason::Gate { .. } | Reason::Combination { .. } => 0,
                Reason::Mitigated { .. } => 1,
                Reason::Answer { weight, .. } | Reason::Unanswered { weight, .. } => {
                    100 - (*weight).min(90)
                }
                _ => 200,
            };
            Some((key, i, t))
        })
        .collect();
    list.sort_by_key(|(k, i, _)| (*k, *i));
    list.into_iter().map(|(_, _, t)| t).collect()
}

fn chart(c: &mut Composer<'_>, input: &BriefingInput<'_>, report: &Report) {
    let lang = input.lang;
    let row = 12.0;
    let label_w = 190.0;
    let seg = 48.0;
    let bar_h = 7.0;
    let h = row * report.topics.len() as f32 + 4.0;
    c.ensure(h);
    let top = c.y();
    let left = c.geo.margin_x;
    let faces = c.faces();
    for (i, t) in report.topics.iter().enumerate() {
        let y = top + row * i as f32;
        let label = crate::layout::wrap(
            faces,
            &[span(topic_title(input, t.topic), SMALL)],
            label_w - 6.0,
        );
        if let Some(l) = label.first() {
            c.draw_line(left, y + 1.0, l);
        }
        let steps = Level::ALL.iter().position(|l| *l == t.level).unwrap_or(0) + 1;
        for s in 0..Level::ALL.len() {
            let x = left + label_w + seg * s as f32;
            let color = if s < steps {
                level_color(t.level)
            } else {
                SHADE
            };
            c.fill_rect(x, y + 2.5, seg - 1.5, bar_h, color);
        }
        let name = crate::layout::wrap(
            faces,
            &[span(crate::catalogue::label(t.level, lang), SMALL_BOLD)],
            80.0,
        );
        if let Some(l) = name.first() {
            c.draw_line(left + label_w + seg * 4.0 + 6.0, y + 1.0, l);
        }
    }
    c.advance(h);
}

/// What the cooperation brings, right under the risk chart, so that a director weighs both on the
/// first page. Only benefits answered "yes" are listed; the levels above never include them.
fn benefits(c: &mut Composer<'_>, report: &Report, w: &Words) {
    let mut head = c.wrap(0.0, &[span(w.benefits, BODY_BOLD)]);
    if report.benefits.is_empty() {
        head.extend(c.wrap(10.0, &[span(w.no_benefits, muted(BODY))]));
        c.block(&[(0.0, head)], 4.0);
        return;
    }
    let mut parts = vec![(0.0, head)];
    for b in &report.benefits {
        parts.push((10.0, c.wrap(10.0, &[span(format!("\u{2013} {b}"), BODY)])));
    }
    c.block(&parts, 4.0);
}

fn topics(c: &mut Composer<'_>, input: &BriefingInput<'_>, report: &Report, w: &Words, tier: Tier) {
    let lang = input.lang;
    c.heading(w.assessment, 70.0);
    chart(c, input, report);
    benefits(c, report, w);
    c.gap(4.0);
    for (t, result) in report.topics.iter().zip(&input.assessment.topics) {
        let mut head = vec![span(
            format!("{}: ", topic_title(input, t.topic)),
            Style::bold(9.5),
        )];
        head.extend(level_spans(t.level, lang, Style::bold(9.5)));
        let mut parts: Vec<(f32, Vec<Line>)> = vec![(0.0, c.wrap(0.0, &head))];
        if let Some(j) = &t.override_justification {
            let by = result
                .overridden
                .as_ref()
                .map_or(String::new(), |o| o.by.clone());
            let text = vec![
                span(
                    format!(
                        "{} ({} {by}; {}: {}): ",
                        w.justification,
                        w.set_by,
                        w.computed,
                        label(t.computed_level, lang)
                    ),
                    BODY_BOLD,
                ),
                span(format!("\u{201c}{j}\u{201d}"), BODY),
            ];
            parts.push((10.0, c.wrap(10.0, &text)));
        }
        let reasons = ranked(result, &t.reasons);
        if reasons.is_empty() && t.override_justification.is_none() {
            parts.push((10.0, c.wrap(10.0, &[span(w.no_reasons, muted(BODY))])));
        }
        let n = tier.reasons();
        for r in reasons.iter().take(n) {
            parts.push((10.0, c.wrap(10.0, &[span(format!("\u{2013} {r}"), BODY)])));
        }
        if reasons.len() > n {
            let more = format!("+ {} {}", reasons.len() - n, w.more_reasons);
            parts.push((10.0, c.wrap(10.0, &[span(more, muted(SMALL))])));
        }
        c.block(&parts, 4.0);
    }
    c.gap(4.0);
}

fn bullets(c: &mut Composer<'_>, items: &[String], empty: &str) {
    if items.is_empty() {
        c.paragraph(0.0, &[span(empty, muted(BODY))]);
    }
    for i in items {
        let lines = c.wrap(10.0, &[span(format!("\u{2022} {i}"), BODY)]);
        c.block(&[(10.0, lines)], 0.0);
    }
}

fn recommendation(
    c: &mut Composer<'_>,
    input: &BriefingInput<'_>,
    report: &Report,
    w: &Words,
    tier: Tier,
) {
    let lang = input.lang;
    c.heading(w.recommendation, 30.0);
    let mut line = vec![span(label(report.recommendation, lang), Style::bold(10.0))];
    line.push(span(format!("  ({}: ", w.overall), BODY));
    line.extend(level_spans(report.overall, lang, BODY));
    if report.provisional {
        line.push(span(format!(", {}", report.provisional_label), BODY_BOLD));
    }
    line.push(span(")", BODY));
    c.paragraph(0.0, &line);
    // The overall reasons mostly name the topics the chart shows; terse pages leave them to the
    // appendix.
    if tier == Tier::Full {
        bullets(c, &report.overall_reasons, "");
    }
    c.gap(4.0);
    let sub = c.wrap(0.0, &[span(w.escalations, BODY_BOLD)]);
    c.block(&[(0.0, sub)], 1.0);
    // Who must be involved, and the questions that require it by id: the questions' full texts and
    // the rules' sentences are in the appendix.
    let esc: Vec<String> = input
        .assessment
        .escalations
        .iter()
        .zip(&report.escalation_reasons)
        .map(|(e, why)| {
            let mut s = label(e.to, lang).to_owned();
            if !e.questions.is_empty() {
                s.push_str(&format!(
                    " \u{2014} {} {}",
                    w.required_by,
                    e.questions.join(", ")
                ));
            }
            let rules = &why[e.questions.len().min(why.len())..];
            match (tier, rules.len()) {
                (_, 0) => {}
                (Tier::Full, _) => {
                    let sep = if e.questions.is_empty() {
                        " \u{2014} "
                    } else {
                        "; "
                    };
                    s.push_str(sep);
                    s.push_str(&rules.join("; "));
                }
                (_, n) => s.push_str(&format!(" (+{n} {})", w.rules)),
            }
            s
        })
        .collect();
    bullets(c, &esc, w.no_escalations);
    c.gap(6.0);
}

/// Conditions and the action plan in one table: each action with owner, due date and status (overdue
/// flagged), then the conditions the assessment asks for that no action puts in place yet. `clip`
/// cuts each text to one line (the tersest first pages; the appendix then has the full table).
/// How many actions and conditions the tersest layout shows on the first pages.
const CLIPPED_ROWS: usize = 12;

fn conditions(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words, clip: bool) {
    let lang = input.lang;
    c.heading(w.conditions_plan, 30.0);
    let t_ = input.template;
    let proposed: Vec<_> = input
        .assessment
        .conditions
        .iter()
        .filter(|cond| {
            !input
                .actions
                .iter()
                .any(|a| a.mitigation.as_deref() == Some(cond.mitigation.as_str()))
        })
        .collect();
    if input.actions.is_empty() && proposed.is_empty() {
        c.paragraph(0.0, &[span(w.no_conditions, muted(BODY))]);
        c.gap(6.0);
        return;
    }
    let t = Table::new(
        &c.geo,
        &[56.0, 18.0, 11.0, 15.0],
        vec![
            w.action.into(),
            w.owner.into(),
            w.due.into(),
            w.status.into(),
        ],
    );
    c.table_start(&t, 14.0);
    let text_w = t.widths.first().copied().unwrap_or(0.0) - 2.0 * crate::layout::PAD_X;
    let faces = c.faces();
    let fit = |text: &str| {
        if clip {
            crate::layout::clip(faces, text, SMALL, text_w)
        } else {
            text.to_owned()
        }
    };
    // The tersest layout keeps the first pages to two: overdue and open actions first, at most
    // CLIPPED_ROWS rows, the rest in the appendix (which then repeats the whole plan).
    let mut actions: Vec<_> = input.actions.iter().collect();
    let mut proposed = proposed;
    let mut hidden = 0;
    if clip {
        actions.sort_by_key(|a| (!a.overdue, a.status != ActionStatus::Open));
        let total = actions.len() + proposed.len();
        actions.truncate(CLIPPED_ROWS);
        proposed.truncate(CLIPPED_ROWS - actions.len());
        hidden = total - actions.len() - proposed.len();
    }
    for a in actions {
        let mut status = vec![span(label(a.status, lang), SMALL)];
        if a.overdue {
            status.push(span(
                format!(" \u{25CF} {}", w.overdue),
                SMALL_BOLD.color(level_color(Level::High)),
            ));
        }
        c.row(
            &t,
            &[
                vec![span(fit(&a.title), SMALL)],
                vec![span(a.owner.as_deref().unwrap_or("\u{2014}"), SMALL)],
                vec![span(
                    a.due.map_or_else(|| "\u{2014}".into(), |d| date(d, lang)),
                    SMALL,
                )],
                status,
            ],
        );
    }
    for cond in proposed {
        let m = t_.mitigation(&cond.mitigation);
        let text = m.map_or_else(|| cond.mitigation.clone(), |m| m.text.get(lang).to_owned());
        let owner = m
            .and_then(|m| m.owner.as_ref())
            .map_or("\u{2014}".to_owned(), |o| o.get(lang).to_owned());
        c.row(
            &t,
            &[
                vec![span(fit(&text), SMALL)],
                vec![span(owner, muted(SMALL))],
                vec![span("\u{2014}", SMALL)],
                vec![span(w.proposed, muted(SMALL))],
            ],
        );
    }
    if hidden > 0 {
        let more = format!("+ {hidden} {}", w.more_actions);
        c.paragraph(0.0, &[span(more, muted(SMALL))]);
    }
    if input.actions.is_empty() {
        c.paragraph(0.0, &[span(w.no_actions, muted(SMALL))]);
    }
    c.gap(6.0);
}

fn open_points(
    c: &mut Composer<'_>,
    input: &BriefingInput<'_>,
    report: &Report,
    w: &Words,
    tier: Tier,
) {
    c.heading(w.open_points, 20.0);
    // Questions that are merely not answered yet (and not key) are counted, not listed: the
    // appendix shows each of them, and a long list here would push the decision off page two.
    let mut shown = Vec::new();
    let mut unanswered = 0;
    for (p, text) in input.assessment.open_points.iter().zip(&report.open_points) {
        match p {
            OpenPoint::Unanswered { key: false, .. } => unanswered += 1,
            _ if tier == Tier::Full => shown.push(text.clone()),
            _ => {}
        }
    }
    if tier > Tier::Full {
        // Grouped by kind, questions by id.
        let mut groups: Vec<(&str, Vec<&str>)> = vec![
            (w.op_key, Vec::new()),
            (w.op_unsure, Vec::new()),
            (w.op_flagged, Vec::new()),
            (w.op_invalid, Vec::new()),
            (w.op_comment, Vec::new()),
            (w.op_evidence, Vec::new()),
        ];
        for p in &input.assessment.open_points {
            let (slot, q) = match p {
                OpenPoint::Unanswered { key: false, .. } => continue,
                OpenPoint::Unanswered { question, .. } => (0, question),
                OpenPoint::Unsure { question } => (1, question),
                OpenPoint::Flagged { question, .. } => (2, question),
                OpenPoint::InvalidAnswer { question, .. } => (3, question),
                OpenPoint::CommentMissing { question } => (4, question),
                OpenPoint::EvidenceMissing { question } => (5, question),
            };
            groups[slot].1.push(q.as_str());
        }
        for (label, ids) in groups.into_iter().filter(|g| !g.1.is_empty()) {
            shown.push(format!("{label}: {}", ids.join(", ")));
        }
    }
    if unanswered > 0 {
        shown.push(format!("{unanswered} {}", w.unanswered_more));
    }
    bullets(c, &shown, w.no_open_points);
    c.gap(6.0);
}

/// The sign-off: name and role, date and decision side by side, then comment and signature across
/// the column. Without a recorded sign-off each field is a blank line to fill in by hand.
/// One sign-off field laid out: its x, label lines, value lines and the width of its field.
type Field = (f32, Vec<Line>, Vec<Line>, f32);

fn sign_off(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words) {
    let lang = input.lang;
    let s = input.sign_off.as_ref();
    let field = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let mut rows: Vec<Vec<(&str, Option<String>)>> = vec![
        vec![
            (w.name, field(s.map(|s| s.name.clone()))),
            (w.role, field(s.map(|s| s.role.clone()))),
        ],
        vec![
            (w.date, field(s.map(|s| date(s.date, lang)))),
            (
                w.decision,
                field(s.map(|s| label(s.decision, lang).to_owned())),
            ),
        ],
        vec![(w.comment, field(s.and_then(|s| s.comment.clone())))],
    ];
    // The justification of a decision on a provisional assessment; an unsigned briefing of a
    // provisional assessment leaves a line for it, since deciding on it needs one.
    let justification = field(s.and_then(|s| s.justification.clone()));
    if justification.is_some() || (s.is_none() && input.assessment.provisional) {
        rows.push(vec![(w.provisional_justification, justification)]);
    }
    rows.push(vec![(w.signature, None)]);
    let faces = c.faces();
    let label_w = 62.0;
    let min_row = 19.0;
    let col = c.geo.column();
    // Each row: its cells as (x, label lines, value lines, field width).
    let laid: Vec<Vec<Field>> = rows
        .iter()
        .map(|cells| {
            let cell_w = col / cells.len() as f32;
            cells
                .iter()
                .enumerate()
                .map(|(i, (label, value))| {
                    let x = cell_w * i as f32;
                    let field_w = cell_w - label_w - 12.0;
                    let l = crate::layout::wrap(faces, &[span(*label, BODY_BOLD)], label_w - 4.0);
                    let v = value.as_ref().map_or_else(Vec::new, |v| {
                        crate::layout::wrap(faces, &[span(v, BODY)], field_w)
                    });
                    (x, l, v, field_w)
                })
                .collect()
        })
        .collect();
    let row_h = |cells: &Vec<Field>| {
        cells
            .iter()
            .map(|(_, l, v, _)| height(l).max(height(v)) + 6.0)
            .fold(min_row, f32::max)
    };
    let h: f32 = laid.iter().map(row_h).sum();
    c.ensure(h + 24.0);
    c.heading(w.sign_off, h);
    let left = c.geo.margin_x;
    for cells in &laid {
        let top = c.y();
        let rh = row_h(cells);
        for (x, l, v, field_w) in cells {
            let mut y = top + rh - height(l) - 2.0;
            for line in l {
                c.draw_line(left + x, y, line);
                y += line.height;
            }
            let fx = left + x + label_w;
            if v.is_empty() {
                // A line to fill in by hand.
                c.hline(fx, fx + field_w, top + rh - 2.0, 0.5, INK);
            } else {
                let mut y = top + rh - height(v) - 2.0;
                for line in v {
                    c.draw_line(fx, y, line);
                    y += line.height;
                }
            }
        }
        c.advance(rh);
    }
    c.gap(6.0);
}

fn questions(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words) {
    let lang = input.lang;
    let t_ = input.template;
    c.heading(w.questions, 40.0);
    let table = Table::new(
        &c.geo,
        &[40.0, 18.0, 42.0],
        vec![
            w.question.into(),
            w.answer.into(),
            w.comment_evidence.into(),
        ],
    );
    let mut by_topic: BTreeMap<Topic, Vec<_>> = BTreeMap::new();
    for q in input.assessment.questions.iter().filter(|q| q.visible) {
        by_topic.entry(q.topic).or_default().push(q);
    }
    for topic in Topic::ALL {
        let Some(list) = by_topic.get(topic) else {
            continue;
        };
        let sub = c.wrap(0.0, &[span(topic_title(input, *topic), Style::bold(9.5))]);
        c.block(&[(0.0, sub)], 2.0);
        c.table_start(&table, 30.0);
        for q in list {
            let text = t_
                .question(&q.id)
                .map_or(String::new(), |d| d.text.get(lang).to_owned());
            let question = vec![span(format!("{} ", q.id), SMALL_BOLD), span(text, SMALL)];
            let answer = match &q.answer {
                Some(a) => {
                    let mut v = vec![span(answer_label(&q.id, a, t_, lang), SMALL_BOLD)];
                    if q.source == AnswerSource::Facts {
                        v.push(span(format!("\n({})", w.from_facts), muted(SMALL)));
                    }
                    v
                }
                None => vec![span(w.not_answered, muted(SMALL))],
            };
            let mut comment = Vec::new();
            if let Some(cm) = input
                .case
                .answers
                .get(&q.id)
                .and_then(|a| a.comment.as_ref())
            {
                comment.push(span(cm, SMALL));
            }
            if !q.evidence.is_empty() {
                let sep = if comment.is_empty() { "" } else { "\n" };
                comment.push(span(
                    format!("{sep}{}: {}", w.evidence, q.evidence.join("; ")),
                    muted(SMALL),
                ));
            }
            c.row(&table, &[question, answer, comment]);
        }
        c.gap(6.0);
    }
}

fn all_reasons(c: &mut Composer<'_>, input: &BriefingInput<'_>, report: &Report, w: &Words) {
    let lang = input.lang;
    c.heading(w.all_reasons, 30.0);
    for t in &report.topics {
        let mut head = vec![span(
            format!("{}: ", topic_title(input, t.topic)),
            BODY_BOLD,
        )];
        head.extend(level_spans(t.level, lang, BODY_BOLD));
        let lines = c.wrap(0.0, &head);
        c.block(&[(0.0, lines)], 1.0);
        bullets(c, &t.reasons, w.no_reasons);
        c.gap(4.0);
    }
    let sub = c.wrap(0.0, &[span(w.overall, BODY_BOLD)]);
    c.block(&[(0.0, sub)], 1.0);
    bullets(c, &report.overall_reasons, w.no_reasons);
    c.gap(4.0);
    let sub = c.wrap(0.0, &[span(w.escalations, BODY_BOLD)]);
    c.block(&[(0.0, sub)], 1.0);
    let esc: Vec<String> = report
        .escalations
        .iter()
        .zip(&report.escalation_reasons)
        .map(|(e, why)| format!("{}: {}", label(*e, lang), why.join("; ")))
        .collect();
    bullets(c, &esc, w.no_escalations);
    c.gap(4.0);
    let sub = c.wrap(0.0, &[span(w.open_points, BODY_BOLD)]);
    c.block(&[(0.0, sub)], 1.0);
    bullets(c, &report.open_points, w.no_open_points);
    c.gap(6.0);
}

fn screening(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words) {
    let lang = input.lang;
    c.heading(w.screening_evidence, 30.0);
    if input.screening.is_empty() {
        c.paragraph(0.0, &[span(w.no_hits, muted(BODY))]);
        c.gap(6.0);
        return;
    }
    let t = Table::new(
        &c.geo,
        &[20.0, 14.0, 20.0, 7.0, 26.0, 13.0],
        vec![
            w.partner.into(),
            w.list.into(),
            w.entity.into(),
            w.score.into(),
            w.why.into(),
            w.review.into(),
        ],
    );
    c.table_start(&t, 24.0);
    for h in &input.screening {
        let mut entity = vec![
            span(&h.entity_name, SMALL_BOLD),
            span(format!("\n{}", h.entity), muted(SMALL)),
        ];
        if h.via_parent {
            entity.push(span(format!("\n({})", w.via_parent), muted(SMALL)));
        }
        let review_style = match h.review {
            ReviewState::Confirmed => SMALL_BOLD.color(level_color(Level::High)),
            ReviewState::Unreviewed => SMALL_BOLD,
            ReviewState::FalsePositive => muted(SMALL),
        };
        c.row(
            &t,
            &[
                vec![span(&h.partner, SMALL)],
                vec![span(h.list.replace('|', ", "), SMALL)],
                entity,
                vec![span(format!("{:.2}", h.score), SMALL)],
                vec![span(&h.why, SMALL)],
                vec![span(label(h.review, lang), review_style)],
            ],
        );
    }
    c.gap(6.0);
}

/// The confirmed co-authorships with listed institutions, each with its work as evidence, and how
/// many are still open; nothing when the case has none (no check, or nothing found).
fn coauthorships(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words) {
    if input.coauthorships.is_empty() {
        return;
    }
    c.heading(w.coauthorships, 30.0);
    let open = input.coauthorships.iter().filter(|x| !x.confirmed).count();
    if open > 0 {
        c.paragraph(
            0.0,
            &[span(format!("{open} {}", w.coauthorships_open), BODY_BOLD)],
        );
        c.gap(3.0);
    }
    let confirmed: Vec<&CoauthorshipFinding> =
        input.coauthorships.iter().filter(|x| x.confirmed).collect();
    if confirmed.is_empty() {
        c.paragraph(0.0, &[span(w.no_coauthorships, muted(BODY))]);
        c.gap(6.0);
        return;
    }
    let t = Table::new(
        &c.geo,
        &[26.0, 7.0, 14.0, 25.0, 28.0],
        vec![
            w.work.into(),
            w.year.into(),
            w.author.into(),
            w.affiliation.into(),
            w.entity.into(),
        ],
    );
    c.table_start(&t, 24.0);
    for x in confirmed {
        c.row(
            &t,
            &[
                vec![span(&x.work, SMALL)],
                vec![span(
                    x.year.map_or_else(|| "—".to_owned(), |y| y.to_string()),
                    SMALL,
                )],
                vec![span(x.author.as_deref().unwrap_or("—"), SMALL)],
                vec![span(&x.affiliation, SMALL)],
                vec![
                    span(&x.entity_name, SMALL_BOLD.color(level_color(Level::High))),
                    span(
                        format!("\n{} ({})", x.list.replace('|', ", "), x.list_name),
                        muted(SMALL),
                    ),
                ],
            ],
        );
    }
    c.gap(6.0);
}

fn overrides(c: &mut Composer<'_>, input: &BriefingInput<'_>, w: &Words) {
    let lang = input.lang;
    c.heading(w.overrides, 20.0);
    let list: Vec<_> = input
        .assessment
        .topics
        .iter()
        .filter_map(|t| t.overridden.as_ref().map(|o| (t, o)))
        .collect();
    if list.is_empty() {
        c.paragraph(0.0, &[span(w.no_overrides, muted(BODY))]);
        return;
    }
    for (t, o) in list {
        let head = vec![
            span(format!("{}: ", topic_title(input, t.topic)), BODY_BOLD),
            span(
                format!(
                    "{} \u{2192} {} ({} {})",
                    label(t.computed, lang),
                    label(o.level, lang),
                    w.set_by,
                    o.by
                ),
                BODY,
            ),
        ];
        let just = vec![
            span(format!("{}: ", w.justification), BODY_BOLD),
            span(format!("\u{201c}{}\u{201d}", o.justification), BODY),
        ];
        let parts = vec![(0.0, c.wrap(0.0, &head)), (10.0, c.wrap(10.0, &just))];
        c.block(&parts, 4.0);
    }
}
