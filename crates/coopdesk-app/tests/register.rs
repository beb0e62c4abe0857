//! Register import through the app API on a real SQLite file, with the register fixtures of
//! `coopdesk-register` (`crates/coopdesk-register/tests/fixtures/`).

use std::path::PathBuf;

use coopdesk_app::Desk;
use coopdesk_app::api::RegisterOptions;
use coopdesk_app::api::{CaseQuery, ErrorCode};
use coopdesk_app::register::{read_mapping_file, write_mapping_file};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../coopdesk-register/tests/fixtures")
        .join(name)
}

fn desk(dir: &tempfile::TempDir) -> Desk {
    Desk::open(&dir.path().join("cases.sqlite")).unwrap_or_else(|e| panic!("{e:?}"))
}

fn case_count(desk: &Desk) -> i64 {
    desk.db_info()
        .map(|i| i.case_count)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn a_register_with_a_bad_row_is_refused_whole_and_imports_after_the_fix() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = desk(&dir);
    let before = case_count(&desk);

    let e = desk
        .register_import(&fixture("register.xlsx"), &RegisterOptions::default())
        .err()
        .unwrap_or_else(|| panic!("the bad row must refuse the import"));
    assert_eq!(e.code, ErrorCode::InputInvalid);
    assert_eq!(e.problems.len(), 1, "{e:?}");
    let p = &e.problems[0];
    assert!(p.file.ends_with("register.xlsx"), "{}", p.file);
    assert_eq!(
        p.problem.path,
        "sheet \"Kooperationen 2025\", row 9, column F (Laufzeit / Beginn)"
    );
    assert!(
        p.problem.message.contains("Frühjahr 2025"),
        "{}",
        p.problem.message
    );
    assert_eq!(case_count(&desk), before, "nothing stored");

    let preview = desk
        .register_preview(&fixture("register-fixed.xlsx"), &RegisterOptions::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.cases.len(), 6);
    assert_eq!(case_count(&desk), before, "a preview writes nothing");
    let heps = &preview.cases[0];
    assert_eq!(
        heps.facility.as_ref().map(|f| f.id.as_str()),
        Some("cn-heps"),
        "\"HEPS\" found by its initials in the built-in registry"
    );
    assert!(
        heps.partners.iter().all(|p| p.organisation.is_none()),
        "new organisations"
    );

    let outcome = desk
        .register_import(&fixture("register-fixed.xlsx"), &RegisterOptions::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(outcome.imported.len(), 6);
    assert_eq!(case_count(&desk), before + 6);
    let rows: Vec<u32> = outcome.imported.iter().map(|i| i.row).collect();
    assert_eq!(rows, [5, 6, 7, 8, 9, 10]);

    // Screened: 哈尔滨工业大学 (Harbin Institute of Technology) is on the bundled list.
    let harbin = &outcome.imported[2];
    assert_eq!(harbin.partners_with_hits, 1, "{harbin:?}");
    let screening = desk
        .screening_for_case(&harbin.id)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        screening
            .partners
            .iter()
            .any(|p| p.organisation.name == "哈尔滨工业大学" && !p.hits.is_empty())
    );
    // Assessed: the case list shows the recorded level of every imported case.
    let page = desk
        .list_cases(&CaseQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
    for i in &outcome.imported {
        let row = page
            .rows
            .iter()
            .find(|r| r.id == i.id)
            .unwrap_or_else(|| panic!("{} listed", i.id));
        assert_eq!(row.overall, Some(i.overall), "{}", i.id);
    }
    // The facility and the partners went through the registries.
    let case = desk
        .get_case(&outcome.imported[0].id)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        case.facility.as_ref().map(|f| f.id.as_str()),
        Some("cn-heps")
    );
    assert_eq!(case.case.extensions["x-register"]["row"], 5);

    // A second import of the same register finds the organisations the first one created.
    let again = desk
        .register_preview(&fixture("register-fixed.xlsx"), &RegisterOptions::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        again.cases[0]
            .partners
            .iter()
            .all(|p| p.organisation.is_some()),
        "{:?}",
        again.cases[0].partners
    );
}

#[test]
fn a_saved_mapping_file_reads_back_and_is_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = desk(&dir);
    let preview = desk
        .register_preview(&fixture("register-fixed.xlsx"), &RegisterOptions::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let path = dir.path().join("register.mapping.toml");
    write_mapping_file(&path, &preview.mapping).unwrap_or_else(|e| panic!("{e:?}"));
    let mapping = read_mapping_file(&path).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(mapping, preview.mapping);
    let with = desk
        .register_preview(
            &fixture("register-fixed.xlsx"),
            &RegisterOptions {
                sheet: None,
                mapping: Some(mapping),
            },
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(!with.mapping_suggested);
    assert_eq!(with.cases, preview.cases);

    std::fs::write(
        &path,
        "format = \"coopdesk.register-mapping/v1\"\ncolumns = 3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let e = read_mapping_file(&path)
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(e.code, ErrorCode::InputInvalid);
    assert_eq!(e.problems[0].problem.line, Some(2), "{e:?}");
}
