//! The register fixtures (`tests/fixtures/`, written from `tests/support/mod.rs`) read into case
//! drafts: header row under a title and a two-row merged header, the suggested mapping, partners,
//! dates in every form, and the bad row named by sheet, row and column.

mod support;

use coopdesk_core::{Activity, CaseStatus};
use coopdesk_register::{
    Field, ReadOptions, Register, RegisterMapping, read_register, read_workbook,
};
use support::{BAD_ROW, SHEET, fixture_dir};

fn read(name: &str, options: &ReadOptions) -> Register {
    let bytes = std::fs::read(fixture_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let wb = read_workbook(name, &bytes).unwrap_or_else(|e| panic!("{e}"));
    read_register(&wb, options).unwrap_or_else(|e| panic!("{e}"))
}

fn date(d: &Option<coopdesk_core::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn the_bad_row_is_named_by_sheet_row_and_column() {
    let reg = read("register.xlsx", &ReadOptions::default());
    assert_eq!(
        reg.sheet, SHEET,
        "the register sheet is found behind the notes sheet"
    );
    assert_eq!(
        reg.header_row, 4,
        "the lower of the two header rows, below the title"
    );
    assert_eq!(reg.problems.len(), 1, "{:#?}", reg.problems);
    let p = &reg.problems[0];
    assert_eq!(p.place.sheet, SHEET);
    assert_eq!(p.place.row, Some(BAD_ROW));
    assert_eq!(p.place.column.as_deref(), Some("F"));
    assert_eq!(p.place.header.as_deref(), Some("Laufzeit / Beginn"));
    assert!(p.message.contains("Frühjahr 2025"), "{}", p.message);
    assert_eq!(
        p.to_string(),
        format!(
            "sheet \"{SHEET}\", row 9, column F (Laufzeit / Beginn): {}",
            p.message
        )
    );
}

#[test]
fn the_suggested_mapping_reads_german_and_merged_headers() {
    let reg = read("register-fixed.xlsx", &ReadOptions::default());
    assert!(reg.suggested);
    let col = |f: Field| reg.mapping.column_for(f).map(|c| c.column.clone());
    assert_eq!(col(Field::Reference).as_deref(), Some("A"));
    assert_eq!(col(Field::Title).as_deref(), Some("B"));
    assert_eq!(col(Field::Partners).as_deref(), Some("C"));
    assert_eq!(col(Field::PartnerCountry).as_deref(), Some("D"));
    assert_eq!(col(Field::Facility).as_deref(), Some("E"));
    assert_eq!(col(Field::Start).as_deref(), Some("F"));
    assert_eq!(col(Field::End).as_deref(), Some("G"));
    assert_eq!(col(Field::Status).as_deref(), Some("H"));
    assert_eq!(col(Field::Contact).as_deref(), Some("I"));
    assert_eq!(col(Field::Funding).as_deref(), Some("J"));
    assert_eq!(col(Field::Activities).as_deref(), Some("K"));
    assert_eq!(
        col(Field::Period),
        None,
        "start and end have their own columns"
    );
    assert_eq!(
        reg.mapping
            .column_for(Field::Partners)
            .and_then(|c| c.header.clone())
            .as_deref(),
        Some("Partner / Institution(en)")
    );
}

#[test]
fn rows_become_case_drafts() {
    let reg = read("register-fixed.xlsx", &ReadOptions::default());
    assert!(reg.problems.is_empty(), "{:#?}", reg.problems);
    assert_eq!(reg.drafts.len(), 6);
    let d = &reg.drafts[0];
    assert_eq!(d.row, 5);
    let doc = &d.document;
    assert_eq!(doc.title, "Nanostrukturen unter Druck – Strahlzeit an HEPS");
    assert_eq!(doc.partners.len(), 2);
    assert_eq!(doc.partners[0].name, "Institute of High Energy Physics");
    assert_eq!(doc.partners[0].aliases, vec!["IHEP".to_owned()]);
    assert_eq!(doc.partners[0].country.as_str(), "CN");
    assert_eq!(doc.partners[1].name, "Tsinghua University");
    assert_eq!(doc.partners[1].name_zh.as_deref(), Some("清华大学"));
    assert_eq!(
        (date(&doc.start), date(&doc.end)),
        ("2025-03-01".into(), "2026-02-28".into()),
        "serial date cells"
    );
    assert_eq!(
        doc.status, None,
        "a decision taken elsewhere is not a sign-off: a draft"
    );
    assert!(
        doc.notes
            .as_deref()
            .unwrap_or_default()
            .contains("status \"genehmigt\"")
    );
    assert_eq!(
        doc.activities,
        vec![Activity::Beamtime, Activity::DataSharing]
    );
    assert_eq!(d.facility.as_ref().map(|(t, _)| t.as_str()), Some("HEPS"));
    assert_eq!(doc.extensions["x-register"]["row"], 5);
    assert_eq!(doc.extensions["x-register"]["reference"], "1");

    let chinese = &reg.drafts[1].document;
    assert_eq!(chinese.partners[0].name, "上海光学精密机械研究所");
    assert_eq!(chinese.partners[0].country.as_str(), "CN");
    assert_eq!(
        (date(&chinese.start), date(&chinese.end)),
        ("2025-03-01".into(), "2026-02-28".into()),
        "German dates"
    );

    let two = &reg.drafts[2].document;
    let names: Vec<&str> = two.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Peking University", "哈尔滨工业大学"]);
    assert!(
        two.partners.iter().all(|p| p.country.as_str() == "CN"),
        "country from the Land column"
    );
    assert_eq!(
        (date(&two.start), date(&two.end)),
        ("2025-03-01".into(), "2026-12-31".into()),
        "month and year"
    );
    assert_eq!(two.status, Some(CaseStatus::InReview));
    assert_eq!(two.people.len(), 2);
    assert_eq!(two.funding.len(), 2);

    let slash = &reg.drafts[3].document;
    let names: Vec<(&str, &str)> = slash
        .partners
        .iter()
        .map(|p| (p.name.as_str(), p.country.as_str()))
        .collect();
    assert_eq!(
        names,
        [("Haldor Topsøe A/S", "DK"), ("University of Tokyo", "JP")]
    );
    assert_eq!(
        (date(&slash.start), date(&slash.end)),
        ("2025-05-01".into(), "2025-08-31".into()),
        "serials without a date format"
    );

    assert_eq!(date(&reg.drafts[4].document.start), "2025-04-01");
    assert_eq!(reg.drafts[5].document.partners[0].country.as_str(), "KR");
    assert!(
        reg.warnings
            .iter()
            .any(|w| w.place.row == Some(12) && w.message.starts_with("skipped")),
        "the footer row is skipped with a warning: {:#?}",
        reg.warnings
    );
    assert!(
        reg.warnings
            .iter()
            .any(|w| w.message.contains("\"genehmigt\"") && w.place.column.as_deref() == Some("H")),
        "{:#?}",
        reg.warnings
    );
}

#[test]
fn ods_and_csv_read_like_xlsx() {
    let xlsx = read("register-fixed.xlsx", &ReadOptions::default());
    for name in ["register-fixed.ods", "register-fixed.csv"] {
        let other = read(name, &ReadOptions::default());
        assert!(other.problems.is_empty(), "{name}: {:#?}", other.problems);
        let docs = |r: &Register| {
            r.drafts
                .iter()
                .map(|d| {
                    let mut doc = d.document.clone();
                    doc.extensions.clear();
                    doc.notes = None;
                    (doc, d.facility.as_ref().map(|f| f.0.clone()))
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(docs(&other), docs(&xlsx), "{name}");
    }
}

#[test]
fn a_saved_mapping_reads_the_same_and_round_trips() {
    let suggested = read("register-fixed.xlsx", &ReadOptions::default());
    let text = suggested.mapping.to_toml();
    let mapping = RegisterMapping::from_toml("m.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mapping, suggested.mapping);
    assert_eq!(mapping.to_toml(), text);
    let again = read(
        "register-fixed.xlsx",
        &ReadOptions {
            sheet: None,
            mapping: Some(mapping),
        },
    );
    assert!(!again.suggested);
    assert_eq!(again.drafts, suggested.drafts);
}

#[test]
fn an_unknown_sheet_names_the_sheets_there_are() {
    let bytes = std::fs::read(fixture_dir().join("register.xlsx")).unwrap_or_default();
    let wb = read_workbook("register.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let e = read_register(
        &wb,
        &ReadOptions {
            sheet: Some("2024".into()),
            mapping: None,
        },
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(e.contains("\"Hinweise\", \"Kooperationen 2025\""), "{e}");
    let e = read_register(
        &wb,
        &ReadOptions {
            sheet: Some("Hinweise".into()),
            mapping: None,
        },
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(e.contains("no header row"), "{e}");
}
