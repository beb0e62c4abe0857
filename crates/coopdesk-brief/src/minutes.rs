//! The minutes of a workshop: who was there, what changed, what is still open, and then every
//! question discussed with its answer, comment and disagreements — what an office files after a
//! meeting in front of the projector.

use crate::briefing::date;
use crate::catalogue::Words;
use crate::error::Result;
use crate::fonts::Faces;
use crate::input::{MinutesInput, MinutesQuestion};
use crate::layout::{Composer, Geometry, MUTED, Span, Style, Table, span};
use crate::pdf::{self, Meta};

const CELL: Style = Style::regular(8.0);
const CELL_BOLD: Style = Style::bold(8.0);

/// Renders the minutes.
pub fn render_minutes(input: &MinutesInput, id: &str) -> Result<Vec<u8>> {
    let faces = Faces::get()?;
    let lang = input.lang;
    let w = Words::of(lang);
    let mut c = Composer::new(faces, Geometry::A4);

    let title = c.wrap(
        0.0,
        &[span(
            format!("{}: {}", w.minutes, input.case_title),
            Style::bold(15.0),
        )],
    );
    c.lines(0.0, &title);
    let mut meta = vec![
        span(format!("{} ", w.case), CELL.color(MUTED)),
        span(&input.case_id, CELL_BOLD),
        span(format!("   {} ", w.date), CELL.color(MUTED)),
        span(
            format!(
                "{} {}\u{2013}{}",
                date(input.held_on, lang),
                input.from,
                input.to
            ),
            CELL_BOLD,
        ),
        span(format!("   {} ", w.workshop), CELL.color(MUTED)),
        span(&input.workshop_id, CELL_BOLD),
    ];
    if let Some(r) = input.revision {
        meta.push(span(format!("   {} ", w.revision), CELL.color(MUTED)));
        meta.push(span(r.to_string(), CELL_BOLD));
    }
    let meta = c.wrap(0.0, &meta);
    c.lines(0.0, &meta);
    c.gap(8.0);

    c.heading(w.participants, 30.0);
    c.paragraph(0.0, &[span(input.participants.join(", "), CELL)]);
    c.gap(8.0);

    let changed: Vec<&MinutesQuestion> = input
        .questions
        .iter()
        .filter(|q| q.before != q.answer)
        .collect();
    c.heading(w.changed_answers, 40.0);
    if changed.is_empty() {
        c.paragraph(0.0, &[span(w.no_changed_answers, CELL.color(MUTED))]);
    } else {
        let t = Table::new(
            &c.geo,
            &[34.0, 12.0, 12.0, 14.0],
            vec![
                w.question.into(),
                w.before.into(),
                w.answer.into(),
                w.given_by.into(),
            ],
        );
        c.table_start(&t, 18.0);
        for q in changed {
            c.row(
                &t,
                &[
                    question_spans(q),
                    vec![answer_span(q.before.as_deref(), w.not_answered)],
                    vec![answer_span(q.answer.as_deref(), w.not_answered)],
                    vec![span(q.by.join(", "), CELL)],
                ],
            );
        }
    }
    c.gap(8.0);

    c.heading(w.open_points, 40.0);
    let open: Vec<&MinutesQuestion> = input.questions.iter().filter(|q| q.open).collect();
    if open.is_empty() {
        c.paragraph(0.0, &[span(w.no_open_points, CELL.color(MUTED))]);
    } else {
        for q in open {
            let mut spans = vec![span("\u{2022} ", CELL)];
            spans.extend(question_spans(q));
            let why = if !q.disagreements.is_empty() {
                w.disputed
            } else if q.answer.is_none() {
                w.left_open
            } else {
                w.op_unsure
            };
            spans.push(span(format!(" \u{2014} {why}"), CELL.color(MUTED)));
            c.paragraph(0.0, &spans);
        }
    }
    c.gap(8.0);

    c.heading(w.questions, 40.0);
    if input.questions.is_empty() {
        c.paragraph(0.0, &[span(w.none, CELL.color(MUTED))]);
    }
    for q in &input.questions {
        let mut parts = vec![(0.0, c.wrap(0.0, &question_spans(q)))];
        parts.push((
            10.0,
            c.wrap(
                10.0,
                &[
                    span(format!("{}: ", w.answer), CELL.color(MUTED)),
                    answer_span(q.answer.as_deref(), w.not_answered),
                    span(
                        if q.by.is_empty() {
                            String::new()
                        } else {
                            format!("  ({} {})", w.given_by, q.by.join(", "))
                        },
                        CELL.color(MUTED),
                    ),
                ],
            ),
        ));
        if let Some(comment) = &q.comment {
            parts.push((
                10.0,
                c.wrap(
                    10.0,
                    &[
                        span(format!("{}: ", w.comment), CELL.color(MUTED)),
                        span(comment, CELL),
                    ],
                ),
            ));
        }
        for (by, view) in &q.disagreements {
            parts.push((
                10.0,
                c.wrap(
                    10.0,
                    &[
                        span(format!("{} {by}: ", w.disagreement), CELL_BOLD),
                        span(view, CELL),
                    ],
                ),
            ));
        }
        c.block(&parts, 6.0);
    }

    let (pages, used) = c.finish(|p, n| {
        (
            format!("{} \u{b7} {} {id}", w.minutes, w.document_id),
            format!("{} {p} {} {n}", w.page, w.of),
        )
    });
    let meta = Meta {
        title: format!("{}: {}", w.minutes, input.case_title),
        author: input.participants.join(", "),
        subject: format!("{} {}", input.case_id, input.workshop_id),
        keywords: vec![
            "minutes".into(),
            format!("case:{}", input.case_id),
            format!("document:{id}"),
            format!("lang:{lang}"),
        ],
        id: id.to_owned(),
        lang: lang.to_string(),
        date: input.held_on,
    };
    pdf::write(faces, pages, &used, &meta)
}

/// `[topic] question text` for a row or a list item.
fn question_spans(q: &MinutesQuestion) -> Vec<Span> {
    vec![
        span(format!("{} \u{b7} ", q.topic), CELL.color(MUTED)),
        span(&q.text, CELL),
    ]
}

fn answer_span(answer: Option<&str>, none: &str) -> Span {
    match answer {
        Some(a) => span(a, CELL_BOLD),
        None => span(none, CELL.color(MUTED)),
    }
}
