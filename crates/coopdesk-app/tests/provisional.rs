//! Provisional assessments (key questions unanswered) through the app's use cases: an upgraded
//! database is re-assessed on opening so the case list shows current levels and marks.

use std::path::PathBuf;

use coopdesk_app::Desk;
use coopdesk_app::api::CaseQuery;
use coopdesk_assess::Lang;

/// A copy of the store's version-7 fixture (a case with a level cached before open key questions
/// were counted) in a temporary folder.
fn v7_database(dir: &tempfile::TempDir) -> PathBuf {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../coopdesk-store/tests/fixtures/db/v7.sqlite");
    let path = dir.path().join("cases.sqlite");
    std::fs::copy(&fixture, &path).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    path
}

#[test]
fn an_upgraded_database_is_reassessed_on_opening() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = v7_database(&dir);
    let desk = Desk::open(&path).unwrap_or_else(|e| panic!("{e:?}"));
    let all = CaseQuery {
        limit: 10,
        ..Default::default()
    };
    let row = desk
        .list_cases(&all)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .rows
        .into_iter()
        .find(|r| r.id == "C-FIXTURE")
        .unwrap_or_else(|| panic!("the fixture's case is listed"));
    // Read before `assess_case` records anything: the values come from opening alone.
    let report = desk
        .assess_case("C-FIXTURE", Lang::En)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .report;
    assert!(
        report.provisional,
        "a case without answers has key questions open"
    );
    assert_eq!(row.overall, Some(report.overall));
    assert_eq!(
        row.open_key_questions,
        Some(report.open_key_questions.len() as u32)
    );
    let provisional = desk
        .list_cases(&CaseQuery {
            provisional_only: true,
            ..all.clone()
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(provisional.total, 1);
    assert_eq!(
        desk.dashboard(false)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .provisional_cases,
        1
    );
    drop(desk);

    // Opening again finds nothing left to re-assess, and the audit chain is whole.
    let desk = Desk::open(&path).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        desk.verify_audit().unwrap_or_else(|e| panic!("{e:?}")).ok,
        "audit chain intact after the upgrade"
    );
}
