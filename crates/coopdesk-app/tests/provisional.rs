//! Provisional assessments (key questions unanswered) through the app's use cases: an upgraded
//! database is re-assessed on opening so the case list shows current levels and marks, and a
//! decision on a provisional assessment needs a written justification.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::path::PathBuf;

use coopdesk_app::Desk;
use coopdesk_app::api::TransitionInput;
use coopdesk_app::api::{CaseQuery, ErrorCode};
use coopdesk_assess::Lang;
use coopdesk_core::CaseStatus;

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

/// Harmless facts and no answers: low or medium, and provisional.
const HARMLESS: &str = r#"{
  "format": "coopdesk.case/v1", "id": "PRV-1", "title": "Joint paper on string theory", "status": "in_review",
  "partners": [{"name": "Example University of Physics", "country": "CN", "kind": "university", "role": "co_applicant"}],
  "fields": ["string theory"],
  "activities": ["joint_publication"]
}"#;

#[test]
fn a_decision_on_a_provisional_assessment_is_refused_without_a_justification() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = Desk::open(&dir.path().join("cases.sqlite")).unwrap_or_else(|e| panic!("{e:?}"));
    let file = dir.path().join("prv.case.json");
    std::fs::write(&file, HARMLESS).unwrap_or_else(|e| panic!("{e}"));
    desk.import_files(&[&file])
        .unwrap_or_else(|e| panic!("{e:?}"));
    let report = desk
        .assess_case("PRV-1", Lang::En)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .report;
    assert!(report.provisional);
    assert!(matches!(
        report.overall,
        coopdesk_assess::Level::Low | coopdesk_assess::Level::Medium
    ));
    let audit_before = desk.audit_log(None).map(|a| a.len()).ok();

    let unjustified = TransitionInput {
        by: "Prof. Eva Brandt".into(),
        justification: Some(" ".into()),
        ..Default::default()
    };
    for to in [
        CaseStatus::Approved,
        CaseStatus::ApprovedWithConditions,
        CaseStatus::Declined,
    ] {
        let e = desk
            .transition("PRV-1", to, &unjustified, Lang::En)
            .err()
            .unwrap_or_else(|| panic!("{to} without a justification was taken"));
        assert_eq!(e.code, ErrorCode::InputInvalid);
        let p = &e.problems[0].problem;
        assert_eq!(p.path, "justification", "{e:?}");
        assert!(p.message.contains("provisional"), "{}", p.message);
        for q in &report.open_key_questions {
            assert!(p.message.contains(q.as_str()), "{q} in {}", p.message);
        }
    }
    assert_eq!(desk.audit_log(None).map(|a| a.len()).ok(), audit_before);
    assert_eq!(
        desk.get_case("PRV-1")
            .unwrap_or_else(|e| panic!("{e:?}"))
            .case
            .status,
        CaseStatus::InReview
    );

    // A step that is no decision needs none; an impossible step says so first.
    let e = desk
        .transition("PRV-1", CaseStatus::InReview, &unjustified, Lang::En)
        .err()
        .map(|e| e.message)
        .expect("the value the test needs");
    assert!(e.contains("can move to"), "{e}");

    let why = "Decided before the partner's answers arrive: the paper is due.";
    let justified = TransitionInput {
        justification: Some(format!("  {why} ")),
        ..unjustified
    };
    let t = desk
        .transition("PRV-1", CaseStatus::Approved, &justified, Lang::En)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .transition;
    assert_eq!(t.justification.as_deref(), Some(why));
    let h = desk
        .case_history("PRV-1")
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(h.transitions[0].justification.as_deref(), Some(why));
    assert!(desk.verify_audit().unwrap_or_else(|e| panic!("{e:?}")).ok);
}
