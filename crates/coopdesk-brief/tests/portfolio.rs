//! The portfolio report over the demo cases: counts, repeated table header, margins, determinism.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

mod common;

use common::*;
use coopdesk_assess::Lang;
use coopdesk_brief::{PortfolioInput, PortfolioRow, portfolio, portfolio_id};

fn rows(copies: usize) -> Vec<PortfolioRow> {
    let mut out = Vec::new();
    for i in 0..copies {
        for prefix in demo_prefixes() {
            let f = demo(&prefix);
            out.push(PortfolioRow {
                id: format!("{}-{i}", f.case.id),
                title: f.case.title.clone(),
                partners: f
                    .partners
                    .iter()
                    .map(|p| match &p.name_zh {
                        Some(zh) => format!("{} {zh}", p.name),
                        None => p.name.clone(),
                    })
                    .collect(),
                facility: f.facility.as_ref().map(|x| x.name.clone()),
                level: (prefix != "10").then_some(f.assessment.overall),
                recommendation: Some(f.assessment.recommendation),
                status: f.case.status,
                overdue_actions: f.actions.iter().filter(|a| a.overdue).count() as u32,
            });
        }
    }
    out
}

fn input(copies: usize, lang: Lang) -> PortfolioInput {
    PortfolioInput {
        institution: "Helmholtz-Zentrum Berlin".into(),
        generated_on: day(2026, 11, 25),
        lang,
        cases: rows(copies),
    }
}

#[test]
fn portfolio_lists_cases_with_counts_and_repeats_the_header() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bytes = portfolio(&input(6, Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    let pdf = save(dir.path(), "portfolio.pdf", &bytes);
    let n = pages(&pdf);
    assert!(n >= 3, "{n} pages for 60 cases");
    let all = tool("pdftotext", &["-layout", &pdf, "-"]);
    for s in [
        "Portfolio: Open cases",
        "Cases per level",
        "Cases per facility",
        "European XFEL",
        "DEMO-04-5",
        "60 cases",
    ] {
        assert!(all.contains(s), "missing {s:?}");
    }
    // Chinese names come out as text. Chinese breaks between any two characters, so a long name may
    // wrap inside the partner column: read that column alone (x from 51 pt + 25 % of the 493 pt
    // column, 20 % wide: 174 pt) and compare without line breaks.
    let flat: String = tool(
        "pdftotext",
        &[
            "-r", "72", "-x", "174", "-y", "0", "-W", "99", "-H", "842", &pdf, "-",
        ],
    )
    .split_whitespace()
    .collect();
    for s in [
        "中国科学技术大学",
        "北京大学",
        "合肥微尺度物质科学国家研究中心",
    ] {
        assert!(flat.contains(s), "missing {s:?}");
    }
    // From the second page on, every page starts with the case table's header.
    for p in 2..=n {
        let t = page_text(&pdf, p);
        let first = t
            .lines()
            .find(|l| !l.trim().is_empty())
            .expect("the value the test needs");
        assert!(
            first.contains("Case") && first.contains("Recommendation") && first.contains("Overdue"),
            "page {p} starts with {first:?}"
        );
        assert!(t.contains(&format!("Page {p} of {n}")));
    }
    let fonts = tool("pdffonts", &[&pdf]);
    assert!(
        fonts.lines().skip(2).all(|r| r.contains(" yes yes yes ")),
        "{fonts}"
    );
    assert_inside_margins(dir.path(), &pdf, 51.0, 45.0, 40.0);
}

#[test]
fn german_portfolio_and_determinism() {
    let a = portfolio(&input(1, Lang::De)).unwrap_or_else(|e| panic!("{e}"));
    let b = portfolio(&input(1, Lang::De)).unwrap_or_else(|e| panic!("{e}"));
    assert!(a == b);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pdf = save(dir.path(), "de.pdf", &a);
    let all = tool("pdftotext", &[&pdf, "-"]);
    assert!(all.contains("Offene Fälle") && all.contains("Fälle nach Stufe"));
    let mut other = input(1, Lang::De);
    other.cases.pop();
    let id = |i: &PortfolioInput| portfolio_id(i).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(id(&other), id(&input(1, Lang::De)));
    let empty = PortfolioInput {
        cases: Vec::new(),
        ..input(1, Lang::En)
    };
    let bytes = portfolio(&empty).unwrap_or_else(|e| panic!("{e}"));
    let pdf = save(dir.path(), "empty.pdf", &bytes);
    assert!(tool("pdftotext", &[&pdf, "-"]).contains("No open cases."));
}
