//! Decisions on real SQLite files (and team databases, see `common::open`): the step, the frozen assessment and the approved briefing are
//! stored together, or nothing is.

// Test code: a failing call fails the test, and `expect` says which call and why.
#![allow(clippy::expect_used)]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use coopdesk_core::CaseStatus;
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{ApprovedBriefing, Error, IdKind, NamedDocument, Store, TransitionInput};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("a valid time")
}

const CASE: &str = r#"{
  "format": "coopdesk.case/v1", "id": "C-1", "title": "Beamtime at HEPS", "status": "in_review",
  "partners": [{"name": "Institute of High Energy Physics", "country": "CN", "role": "host"}]
}"#;

/// A store with one case in review, and its audit log's length.
fn store_with_case(dir: &tempfile::TempDir) -> Store {
    let mut store = common::open(&dir.path().join("cases.sqlite"));
    let document = read_case_document("c.json", CASE.as_bytes()).expect("valid fixture");
    let mut n = 0;
    store
        .import_documents(
            &[NamedDocument {
                file: "c.json".into(),
                document,
            }],
            &mut |k: IdKind| {
                n += 1;
                format!("{k:?}-{n}")
            },
            t0(),
        )
        .expect("import");
    store
}

fn director() -> TransitionInput {
    TransitionInput {
        by: "Dr. Director".into(),
        role: Some("Director".into()),
        ..TransitionInput::default()
    }
}

fn briefing(bytes: &[u8]) -> ApprovedBriefing {
    ApprovedBriefing {
        pdf: bytes.to_vec(),
        lang: "en".into(),
    }
}

/// What a decision would change, to compare before and after a refused one.
fn state(store: &Store) -> (CaseStatus, usize, usize) {
    (
        store.case("C-1").expect("the case").status,
        store.transitions("C-1").expect("steps").len(),
        store.audit_entries(None).expect("audit").len(),
    )
}

#[test]
fn a_decision_stores_its_step_frozen_assessment_and_briefing_together() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = store_with_case(&dir);
    let seen = store.case("C-1").expect("the case");
    let frozen = serde_json::json!({"overall": "low"});
    let mut rendered_for = None;
    let t = store
        .decide::<Error>(
            "C-1",
            CaseStatus::Approved,
            &director(),
            &seen,
            &frozen,
            t0(),
            |t| {
                rendered_for = Some((t.seq, t.revision, t.to, t.by.clone()));
                Ok(briefing(b"%PDF-approved"))
            },
        )
        .expect("the decision");
    // The briefing was rendered for the step exactly as it was committed.
    assert_eq!(
        rendered_for,
        Some((
            t.seq,
            t.revision,
            CaseStatus::Approved,
            "Dr. Director".into()
        ))
    );
    assert_eq!(
        store.case("C-1").expect("case").status,
        CaseStatus::Approved
    );
    let stored = store.transitions("C-1").expect("steps");
    assert_eq!(stored.last(), Some(&t));
    assert_eq!(
        t.briefing_sha256.as_deref(),
        Some(coopdesk_store::sha256_hex(b"%PDF-approved").as_str())
    );
    assert_eq!(
        store.approved_briefing("C-1", t.seq).expect("read"),
        Some((b"%PDF-approved".to_vec(), "en".into()))
    );
    assert_eq!(
        store.decided_assessment("C-1", t.seq).expect("read"),
        Some(frozen)
    );
    let actions: Vec<String> = store
        .audit_entries(Some("C-1"))
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.iter().any(|a| a == "case.approved"), "{actions:?}");
    assert!(store.verify_audit().expect("audit reads").ok);
}

#[test]
fn a_failed_rendering_leaves_no_decision() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = store_with_case(&dir);
    let before = state(&store);
    let seen = store.case("C-1").expect("the case");
    let err = store
        .decide::<Error>(
            "C-1",
            CaseStatus::Declined,
            &director(),
            &seen,
            &serde_json::json!({}),
            t0(),
            |_| Err(Error::Busy),
        )
        .expect_err("rendering failed");
    assert!(matches!(err, Error::Busy), "{err}");
    assert_eq!(state(&store), before, "nothing of the decision is stored");
}

#[test]
fn a_case_changed_since_it_was_read_is_not_decided() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = store_with_case(&dir);
    let mut seen = store.case("C-1").expect("the case");
    seen.summary = "what the director read".into();
    let before = state(&store);
    let mut rendered = false;
    let err = store
        .decide::<Error>(
            "C-1",
            CaseStatus::Approved,
            &director(),
            &seen,
            &serde_json::json!({}),
            t0(),
            |_| {
                rendered = true;
                Ok(briefing(b"%PDF-"))
            },
        )
        .expect_err("the case differs from what was read");
    assert!(matches!(err, Error::Changed { .. }), "{err}");
    assert!(!rendered, "no briefing is rendered for a case that changed");
    assert_eq!(state(&store), before);
}

#[test]
fn a_decision_is_only_taken_with_its_briefing() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = store_with_case(&dir);
    let before = state(&store);
    let err = store
        .transition("C-1", CaseStatus::Approved, &director(), t0())
        .expect_err("a decision needs its briefing");
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert_eq!(state(&store), before);
    // Other steps go through `transition`, and a step the lifecycle does not allow is refused.
    store
        .transition("C-1", CaseStatus::Withdrawn, &director(), t0())
        .expect("withdrawing a case in review");
    let err = store
        .transition("C-1", CaseStatus::InReview, &director(), t0())
        .expect_err("a withdrawn case goes back to draft first");
    assert!(err.to_string().contains("can move to draft"), "{err}");
}
