//! The portfolio report: the open cases in one table (header repeated on every page), with counts per
//! level and per facility first, so that the page a director reads first says where the risk is.

use std::collections::BTreeMap;

use coopdesk_assess::Level;

use crate::briefing::{date, level_color, level_spans};
use crate::catalogue::{Words, label};
use crate::error::Result;
use crate::fonts::Faces;
use crate::input::PortfolioInput;
use crate::layout::{Composer, Geometry, MUTED, SHADE, Style, Table, span};
use crate::pdf::{self, Meta};

const CELL: Style = Style::regular(7.5);
const CELL_BOLD: Style = Style::bold(7.5);

/// Renders the portfolio report.
pub fn render_portfolio(input: &PortfolioInput, id: &str) -> Result<Vec<u8>> {
    let faces = Faces::get()?;
    let lang = input.lang;
    let w = Words::of(lang);
    let mut c = Composer::new(faces, Geometry::A4);

    let inst = c.wrap(
        0.0,
        &[span(&input.institution, Style::regular(8.0).color(MUTED))],
    );
    c.lines(0.0, &inst);
    let title = c.wrap(
        0.0,
        &[span(
            format!("{}: {}", w.portfolio, w.open_cases),
            Style::bold(15.0),
        )],
    );
    c.lines(0.0, &title);
    let meta = c.wrap(
        0.0,
        &[
            span(format!("{} ", w.date), Style::regular(7.5).color(MUTED)),
            span(date(input.generated_on, lang), Style::bold(7.5)),
            span(format!("   {} ", w.total), Style::regular(7.5).color(MUTED)),
            span(
                format!("{} {}", input.cases.len(), w.cases),
                Style::bold(7.5),
            ),
        ],
    );
    c.lines(0.0, &meta);
    c.gap(8.0);

    // Counts per level: a row of four tiles in the traffic-light colours.
    c.heading(w.by_level, 40.0);
    let mut per_level: BTreeMap<Option<Level>, usize> = BTreeMap::new();
    for r in &input.cases {
        *per_level.entry(r.level).or_default() += 1;
    }
    let tiles: Vec<(Option<Level>, usize)> = Level::ALL
        .iter()
        .map(|l| (Some(*l), per_level.get(&Some(*l)).copied().unwrap_or(0)))
        .chain(std::iter::once((
            None,
            per_level.get(&None).copied().unwrap_or(0),
        )))
        .collect();
    let gap = 6.0;
    let tile_w = (c.geo.column() - gap * (tiles.len() as f32 - 1.0)) / tiles.len() as f32;
    let tile_h = 34.0;
    c.ensure(tile_h);
    let top = c.y();
    for (i, (level, n)) in tiles.iter().enumerate() {
        let x = c.geo.margin_x + i as f32 * (tile_w + gap);
        c.fill_rect(x, top, tile_w, tile_h, SHADE);
        let color = level.map_or(MUTED, level_color);
        c.fill_rect(x, top, tile_w, 3.0, color);
        let number = c.wrap(0.0, &[span(n.to_string(), Style::bold(14.0).color(color))]);
        let label = level.map_or(w.not_assessed, |l| label(l, lang));
        let label = c.wrap(0.0, &[span(label, Style::regular(7.5))]);
        if let Some(l) = number.first() {
            c.draw_line(x + 6.0, top + 5.0, l);
        }
        if let Some(l) = label.first() {
            c.draw_line(x + 6.0, top + 23.0, l);
        }
    }
    c.advance(tile_h);
    c.gap(10.0);

    c.heading(w.by_facility, 30.0);
    let mut per_facility: BTreeMap<&str, [usize; 5]> = BTreeMap::new();
    for r in &input.cases {
        let key = r.facility.as_deref().unwrap_or(w.no_facility);
        let slot = r
            .level
            .and_then(|l| Level::ALL.iter().position(|x| *x == l))
            .unwrap_or(4);
        per_facility.entry(key).or_default()[slot] += 1;
    }
    let mut header = vec![w.facility.to_owned()];
    header.extend(Level::ALL.iter().map(|l| label(*l, lang).to_owned()));
    header.push(w.not_assessed.into());
    header.push(w.total.into());
    let ft = Table::new(&c.geo, &[40.0, 9.0, 9.0, 9.0, 9.0, 12.0, 9.0], header);
    c.table_start(&ft, 14.0);
    for (facility, counts) in &per_facility {
        let mut cells = vec![vec![span(*facility, CELL)]];
        for n in counts {
            let style = if *n > 0 { CELL_BOLD } else { CELL.color(MUTED) };
            cells.push(vec![span(n.to_string(), style)]);
        }
        cells.push(vec![span(
            counts.iter().sum::<usize>().to_string(),
            CELL_BOLD,
        )]);
        c.row(&ft, &cells);
    }
    c.gap(10.0);

    c.heading(w.open_cases, 40.0);
    if input.cases.is_empty() {
        c.paragraph(0.0, &[span(w.no_cases, CELL.color(MUTED))]);
    } else {
        let t = Table::new(
            &c.geo,
            &[11.0, 14.0, 20.0, 12.0, 9.0, 15.0, 11.0, 8.0],
            vec![
                w.case.into(),
                w.title.into(),
                w.partners.into(),
                w.facility.into(),
                w.level.into(),
                w.recommendation.into(),
                w.status.into(),
                w.overdue_actions.into(),
            ],
        );
        c.table_start(&t, 20.0);
        for r in &input.cases {
            let level = match r.level {
                Some(l) => level_spans(l, lang, CELL),
                None => vec![span(w.not_assessed, CELL.color(MUTED))],
            };
            let overdue = if r.overdue_actions > 0 {
                span(
                    r.overdue_actions.to_string(),
                    CELL_BOLD.color(level_color(Level::High)),
                )
            } else {
                span("0", CELL.color(MUTED))
            };
            c.row(
                &t,
                &[
                    vec![span(&r.id, CELL_BOLD)],
                    vec![span(&r.title, CELL)],
                    vec![span(r.partners.join("\n"), CELL)],
                    vec![span(r.facility.as_deref().unwrap_or("—"), CELL)],
                    level,
                    vec![span(r.recommendation.map_or("—", |x| label(x, lang)), CELL)],
                    vec![span(label(r.status, lang), CELL)],
                    vec![overdue],
                ],
            );
        }
    }

    let (pages, used) = c.finish(|p, n| {
        (
            format!("{} \u{b7} {} {id}", w.portfolio, w.document_id),
            format!("{} {p} {} {n}", w.page, w.of),
        )
    });
    let meta = Meta {
        title: format!("{}: {}", w.portfolio, w.open_cases),
        author: input.institution.clone(),
        subject: format!("{} {}", input.cases.len(), w.cases),
        keywords: vec![
            "portfolio".into(),
            format!("document:{id}"),
            format!("lang:{lang}"),
        ],
        id: id.to_owned(),
        lang: lang.to_string(),
        date: input.generated_on,
    };
    pdf::write(faces, pages, &used, &meta)
}
