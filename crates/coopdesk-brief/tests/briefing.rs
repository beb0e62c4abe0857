//! Briefings of realistic cases, read back with poppler: text, fonts, pages, margins, determinism.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

mod common;

use common::*;
use coopdesk_assess::Lang;

/// The layout's margins in points (`Geometry::A4`): nothing may be drawn outside them.
const MARGIN_X: f32 = 51.0;
const MARGIN_TOP: f32 = 45.0;
const MARGIN_BOTTOM: f32 = 40.0;

fn render(f: &Fixture, lang: Lang) -> Vec<u8> {
    coopdesk_brief::briefing(&f.input(lang)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn typical_briefing_has_every_section_chinese_names_and_embedded_subset_fonts() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let f = typical();
    let pdf = save(dir.path(), "typical.pdf", &render(&f, Lang::En));
    let all = tool("pdftotext", &["-layout", &pdf, "-"]);
    for heading in [
        "Summary",
        "Facts",
        "Assessment by topic",
        "Recommendation",
        "Escalations",
        "Conditions and action plan",
        "Open points",
        "Sign-off",
        "Appendix",
        "Questions and answers",
        "All reasons",
        "Screening evidence",
        "Overridden levels",
    ] {
        assert!(all.contains(heading), "missing heading {heading:?}");
    }
    // Partner names in Chinese characters come out of the PDF as text (ToUnicode maps).
    assert!(all.contains("中国科学技术大学"), "{all}");
    assert!(all.contains("合肥微尺度物质科学国家研究中心"));
    assert!(all.contains("DEMO-04"));
    assert!(all.contains("Prof. Dr. Maria Hoffmann"));
    assert!(all.contains("overdue"));
    assert!(all.contains("Access is through the regular European XFEL user programme"));

    let fonts = tool("pdffonts", &[&pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        rows.len() >= 3,
        "expected Latin regular, bold and CJK:\n{fonts}"
    );
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni id gen: emb/sub/uni are the 4th..2nd-to-last but two.
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
    assert!(fonts.contains("NotoSansCJKsc"), "{fonts}");

    // Pages 1–2 are the briefing, the appendix starts on page 3.
    let n = pages(&pdf);
    assert!(n >= 3, "{n} pages");
    let p1 = page_text(&pdf, 1);
    let p2 = page_text(&pdf, 2);
    let p3 = page_text(&pdf, 3);
    assert!(p1.contains("Summary") && p1.contains("Facts"));
    assert!(p2.contains("Sign-off"), "sign-off not on page 2:\n{p2}");
    assert!(p3.trim_start().starts_with("Appendix"), "{p3}");
    assert!(!p1.contains("Appendix") && !p2.contains("Appendix"));
    for p in 1..=n {
        let t = page_text(&pdf, p);
        assert!(
            t.contains(&format!("Page {p} of {n}")),
            "footer of page {p}"
        );
    }

    let info = tool("pdfinfo", &[&pdf]);
    let id = coopdesk_brief::briefing_id(&f.input(Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    assert!(info.contains("Title:           Briefing DEMO-04"), "{info}");
    assert!(
        info.contains("Author:          Max Planck Institute"),
        "{info}"
    );
    for k in [
        "case:DEMO-04",
        "template:ri-cooperation",
        "lang:en",
        "revision:3",
    ] {
        assert!(info.contains(k), "keyword {k} missing:\n{info}");
    }
    assert!(info.contains(&format!("document:{id}")), "{info}");
    assert!(all.contains(&id), "document id not in the footer");
    assert!(!info.contains("PDF/X"), "{info}");
}

#[test]
fn german_briefing_has_german_headings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let f = typical();
    let pdf = save(dir.path(), "de.pdf", &render(&f, Lang::De));
    let all = tool("pdftotext", &["-layout", &pdf, "-"]);
    for heading in [
        "Zusammenfassung",
        "Sachverhalt",
        "Bewertung nach Themen",
        "Empfehlung",
        "Auflagen und Maßnahmenplan",
        "Offene Punkte",
        "Freigabe",
        "Anhang",
        "Fragen und Antworten",
        "Nachweise der Listenprüfung",
        "Seite 1 von",
    ] {
        assert!(all.contains(heading), "missing {heading:?}");
    }
    assert!(!all.contains("Open points"));
    assert!(all.contains("中国科学技术大学"));
    let info = tool("pdfinfo", &[&pdf]);
    assert!(info.contains("lang:de"));
}

#[test]
fn every_demo_case_fits_its_briefing_on_two_pages_before_the_appendix() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for prefix in demo_prefixes() {
        for lang in [Lang::En, Lang::De] {
            let f = demo(&prefix);
            let pdf = save(
                dir.path(),
                &format!("{prefix}-{lang}.pdf"),
                &render(&f, lang),
            );
            let appendix = if lang == Lang::En {
                "Appendix"
            } else {
                "Anhang"
            };
            let p3 = page_text(&pdf, 3);
            assert!(
                p3.trim_start().starts_with(appendix),
                "demo {prefix} ({lang}): main part longer than two pages"
            );
        }
    }
}

#[test]
fn long_case_paginates_with_repeated_table_headers() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let f = long();
    let pdf = save(dir.path(), "long.pdf", &render(&f, Lang::En));
    let n = pages(&pdf);
    assert!(n > 8, "{n} pages");
    // 48 partners do not fit on one page: the partner table continues with its header.
    let mut with_partner_header = 0;
    let mut with_question_header = 0;
    for p in 1..=n {
        let t = page_text(&pdf, p);
        let first_row = t
            .lines()
            .find(|l| l.contains("Partner") && l.contains("Role"));
        if first_row.is_some_and(|l| l.contains("Country") && l.contains("Screening")) {
            with_partner_header += 1;
        }
        if t.contains("Question") && t.contains("Comment and evidence") {
            with_question_header += 1;
        }
        assert!(t.contains(&format!("Page {p} of {n}")));
    }
    assert!(
        with_partner_header >= 2,
        "partner header on {with_partner_header} pages"
    );
    assert!(
        with_question_header >= 3,
        "question header on {with_question_header} pages"
    );
    let all = tool("pdftotext", &[&pdf, "-"]);
    assert!(all.contains("第47研究所"));
    assert!(all.contains("Partner Institute 47"));
    assert_inside_margins(dir.path(), &pdf, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM);
}

#[test]
fn typical_briefing_stays_inside_the_margins() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pdf = save(dir.path(), "typical.pdf", &render(&typical(), Lang::De));
    assert_inside_margins(dir.path(), &pdf, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM);
}

#[test]
fn same_input_same_bytes_and_changes_change_the_document_id() {
    let f = typical();
    let a = render(&f, Lang::En);
    let b = render(&f, Lang::En);
    assert!(a == b, "two runs differ");
    // A third run after other documents (printpdf's id counter has moved on) is still identical.
    let _ = render(&long(), Lang::De);
    assert!(render(&f, Lang::En) == a);

    let id = |input: &coopdesk_brief::BriefingInput<'_>| {
        coopdesk_brief::briefing_id(input).unwrap_or_else(|e| panic!("{e}"))
    };
    let base = id(&f.input(Lang::En));
    assert_eq!(base.len(), 24, "{base}");
    let mut changed = f.input(Lang::En);
    changed.revision = Some(4);
    assert_ne!(id(&changed), base);
    let mut later = f.input(Lang::En);
    later.generated_on = day(2026, 11, 26);
    assert_ne!(id(&later), base);
    assert_ne!(id(&f.input(Lang::De)), base);
    let mut g = typical();
    g.case.title.push('!');
    assert_ne!(id(&g.input(Lang::En)), base);
    let c = render(&g, Lang::En);
    assert!(c != a);
}

#[test]
fn unsigned_briefing_has_blank_sign_off_lines() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut f = typical();
    f.sign_off = None;
    f.actions.clear();
    let pdf = save(dir.path(), "unsigned.pdf", &render(&f, Lang::En));
    let p2 = page_text(&pdf, 2);
    assert!(p2.contains("Signature"), "{p2}");
    assert!(!p2.contains("Hoffmann"));
    let all = tool("pdftotext", &[&pdf, "-"]);
    assert!(all.contains("No actions recorded."));
}

#[test]
fn what_the_cooperation_brings_stands_on_the_first_page_beside_the_risks() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut f = demo("10");
    let plain = page_text(&save(dir.path(), "plain.pdf", &render(&f, Lang::En)), 1);
    assert!(plain.contains("What the cooperation brings"), "{plain}");
    assert!(plain.contains("No added value recorded yet"), "{plain}");
    for b in &mut f.assessment.benefits {
        if b.id == "ben-01" {
            b.answer = Some("yes".into());
            b.comment =
                Some("Only FAST reaches the sensitivity needed for the timing array".into());
        }
    }
    let levels = f
        .assessment
        .topics
        .iter()
        .map(|t| t.level)
        .collect::<Vec<_>>();
    let pdf = save(dir.path(), "benefits.pdf", &render(&f, Lang::En));
    let p1 = page_text(&pdf, 1);
    assert!(
        p1.contains("Unique access: Only FAST reaches the sensitivity needed"),
        "{p1}"
    );
    assert_eq!(
        levels,
        f.assessment
            .topics
            .iter()
            .map(|t| t.level)
            .collect::<Vec<_>>()
    );
    let de = page_text(&save(dir.path(), "de.pdf", &render(&f, Lang::De)), 1);
    assert!(de.contains("Was die Kooperation bringt"), "{de}");
    assert!(de.contains("Einzigartiger Zugang: Only FAST"), "{de}");
}

#[test]
fn a_provisional_assessment_is_marked_beside_the_level_and_its_decision_justified() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut f = typical();
    f.assessment.open_key_questions.clear();
    f.assessment.provisional = false;
    let settled = tool(
        "pdftotext",
        &[&save(dir.path(), "settled.pdf", &render(&f, Lang::En)), "-"],
    );
    assert!(!settled.contains("provisional —"), "{settled}");
    assert!(!settled.contains("Justification (provisional"), "{settled}");

    f.assessment.provisional = true;
    f.assessment.open_key_questions = vec!["du-01".into(), "int-02".into()];
    if let Some(s) = f.sign_off.as_mut() {
        s.justification = Some(
            "The partner's screening is pending a ruling; decided to keep the beamtime.".into(),
        );
    }
    let pdf = save(dir.path(), "provisional.pdf", &render(&f, Lang::En));
    let p1 = page_text(&pdf, 1);
    // Beside the level in the header's decision box.
    assert!(p1.contains("(provisional — 2 key questions open)"), "{p1}");
    let all = tool("pdftotext", &[&pdf, "-"]);
    assert!(
        all.matches("provisional — 2 key questions open").count() >= 2,
        "in the header and the recommendation: {all}"
    );
    // The sign-off's label wraps in its column.
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Justification (provisional assessment)"),
        "{all}"
    );
    assert!(
        all.contains("pending a ruling; decided to keep the beamtime"),
        "{all}"
    );

    // Unsigned: a line to fill in, in German too.
    f.sign_off = None;
    let de = tool(
        "pdftotext",
        &[&save(dir.path(), "de.pdf", &render(&f, Lang::De)), "-"],
    );
    assert!(de.contains("vorläufig — 2 Schlüsselfragen offen"), "{de}");
    let flat = de.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Begründung (vorläufige Bewertung)"), "{de}");
}

#[test]
fn the_appendix_lists_confirmed_co_authorships_and_counts_open_ones_in_both_languages() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut f = typical();
    let without = render(&f, Lang::En);
    let finding = |work: &str, author: &str, confirmed| {
        coopdesk_assess::CoauthorshipFinding {
        work: work.into(),
        year: Some(2023),
        author: Some(author.into()),
        affiliation: "College of Advanced Interdisciplinary Studies, National University of Defense Technology, Changsha".into(),
        entity_name: "National University of Defense Technology".into(),
        list: "us_bis_entity_list|ca_nro".into(),
        list_name: "bundled".into(),
        confirmed,
    }
    };
    f.coauthorships = vec![
        finding("A compact Thomson parabola spectrometer", "Wei Zhang", true),
        finding("Shock tunnel diagnostics", "Li Ming", false),
        finding("Hypersonic boundary layers", "Chen Hao", false),
    ];
    let pdf = save(dir.path(), "coauth.pdf", &render(&f, Lang::En));
    let all = tool("pdftotext", &[&pdf, "-"]);
    let at = all
        .find("Co-authorships with listed institutions")
        .unwrap_or_else(|| panic!("the section is in the appendix: {all}"));
    assert!(
        at > all.find("Appendix").unwrap_or(usize::MAX),
        "after the appendix title"
    );
    // Table cells wrap; compare with the line breaks read as spaces.
    let section = all[at..].split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "2 co-authorship(s) with listed institutions still to be reviewed",
        "A compact Thomson parabola spectrometer",
        "2023",
        "Wei Zhang",
        "National University of Defense Technology",
        "us_bis_entity_list, ca_nro",
    ] {
        assert!(section.contains(part), "missing {part:?} in {section}");
    }
    assert!(
        !section.contains("Shock tunnel"),
        "open ones are counted, not listed"
    );

    let de = save(dir.path(), "coauth-de.pdf", &render(&f, Lang::De));
    let all = tool("pdftotext", &[&de, "-"]);
    assert!(
        all.contains("Koautorschaften mit gelisteten Einrichtungen"),
        "{all}"
    );
    assert!(all.contains("noch zu prüfen"), "{all}");

    // Without co-authorships, the briefing has no such section and the same bytes as before.
    f.coauthorships.clear();
    assert_eq!(render(&f, Lang::En), without);
}
