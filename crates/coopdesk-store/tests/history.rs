//! Revisions and the audit chain, on real database files: every change is a revision, unchanged saves
//! are not, and any edited, inserted or deleted audit entry is found and named.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{IdKind, NamedDocument, Store};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("the value the test needs")
}

fn ids() -> impl FnMut(IdKind) -> String {
    let mut n = 0;
    move |k| {
        n += 1;
        format!("{k:?}-{n}")
    }
}

const CASE: &str = r#"{"format": "coopdesk.case/v1", "id": "C-1", "title": "Beamtime at HEPS",
  "partners": [{"name": "Institute of High Energy Physics", "country": "CN", "role": "host"}]}"#;

/// A database with one imported case saved three times (one save without changes).
fn setup(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("cases.sqlite");
    let mut store = Store::open(&path, t0()).unwrap_or_else(|e| panic!("{e}"));
    store.set_actor("alice");
    let document = read_case_document("c.json", CASE.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    store
        .import_documents(
            &[NamedDocument {
                file: "c.json".into(),
                document,
            }],
            &mut ids(),
            t0(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut case = store.case("C-1").unwrap_or_else(|e| panic!("{e}"));
    case.summary = "Two shifts of beamtime.".into();
    store
        .save_case(&case, t0() + Duration::minutes(1))
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .save_case(&case, t0() + Duration::minutes(2))
        .unwrap_or_else(|e| panic!("{e}"));
    store.set_actor("bob");
    case.notes = "Checked by the export-control officer.".into();
    store
        .save_case(&case, t0() + Duration::minutes(3))
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

fn verdict(path: &Path) -> coopdesk_store::AuditVerdict {
    let store = Store::open(path, t0()).unwrap_or_else(|e| panic!("{e}"));
    store.verify_audit().unwrap_or_else(|e| panic!("{e}"))
}

/// Runs SQL on the file directly, as someone tampering with it would (triggers dropped first).
fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(&format!(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; {sql}"
    ))
    .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[test]
fn every_change_is_a_revision_and_unchanged_saves_are_not() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    let store = Store::open(&path, t0()).unwrap_or_else(|e| panic!("{e}"));
    let revs = store.revisions("C-1").unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(i64, &str, &str)> = revs
        .iter()
        .map(|r| (r.revision, r.action.as_str(), r.actor.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "case.import", "alice"),
            (2, "case.save", "alice"),
            (3, "case.save", "bob")
        ]
    );
    let first = store
        .revision_document("C-1", 1)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first["summary"], "");
    let third = store
        .revision_document("C-1", 3)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(third["notes"], "Checked by the export-control officer.");
    assert!(store.revision_document("C-1", 4).is_err());
    // Each revision has its audit entry, with the revision's digest.
    let log = store
        .audit_entries(Some("C-1"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(log.len(), 3);
    assert_eq!(log[2].subject, "C-1#3");
    assert_eq!(log[2].digest, revs[2].digest);
    assert_eq!(log[1].prev_hash, log[0].hash);
    let v = store.verify_audit().unwrap_or_else(|e| panic!("{e}"));
    assert!(v.ok && v.entries == 3, "{v:?}");
}

#[test]
fn the_program_itself_cannot_change_or_delete_entries() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    for sql in [
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 3",
    ] {
        let e = conn.execute_batch(sql).err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("append-only")), "{sql}");
    }
    assert!(verdict(&path).ok);
}

#[test]
fn an_edited_entry_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    tamper(
        &path,
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2",
    );
    let v = verdict(&path);
    assert!(!v.ok);
    let b = v.broken.unwrap_or_else(|| panic!("not found"));
    assert_eq!(b.seq, 2);
    assert!(b.problem.contains("changed"), "{}", b.problem);
}

#[test]
fn an_edit_with_a_recomputed_hash_breaks_the_next_link() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    // Someone rewrites entry 2 and gives it a fresh hash: entry 3 no longer links to it.
    tamper(
        &path,
        "UPDATE audit_log SET actor = 'mallory', hash = 'f00d' || substr(hash, 5) WHERE seq = 2",
    );
    let b = verdict(&path).broken.unwrap_or_else(|| panic!("not found"));
    assert_eq!(b.seq, 2, "{}", b.problem);
}

#[test]
fn a_deleted_entry_is_found_in_the_middle_and_at_the_end() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    tamper(&path, "DELETE FROM audit_log WHERE seq = 2");
    let b = verdict(&path).broken.unwrap_or_else(|| panic!("not found"));
    assert_eq!(b.seq, 2);
    assert!(b.problem.contains("missing"), "{}", b.problem);

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    tamper(&path, "DELETE FROM audit_log WHERE seq = 3");
    let b = verdict(&path).broken.unwrap_or_else(|| panic!("not found"));
    assert_eq!(b.seq, 3);
    assert!(b.problem.contains("deleted from the end"), "{}", b.problem);
}

#[test]
fn an_inserted_entry_is_found() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    // Shift entries 2.. up by one and slip a forged entry in as 2.
    tamper(
        &path,
        "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 2;
         UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100;
         INSERT INTO audit_log (seq, at, actor, action, subject, digest, prev_hash, hash)
           SELECT 2, at, 'mallory', 'case.save', 'C-1#9', digest, hash, hash FROM audit_log WHERE seq = 1;",
    );
    let v = verdict(&path);
    let b = v.broken.unwrap_or_else(|| panic!("not found"));
    assert_eq!(b.seq, 2, "{}", b.problem);
    // Appending past the head is found too.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = setup(&dir);
    tamper(
        &path,
        "INSERT INTO audit_log (seq, at, actor, action, subject, digest, prev_hash, hash)
           SELECT 4, at, 'mallory', 'case.save', 'C-1#4', digest, hash, 'abc' FROM audit_log WHERE seq = 3;",
    );
    let b = verdict(&path).broken.unwrap_or_else(|| panic!("not found"));
    assert_eq!(b.seq, 4, "{}", b.problem);
}

#[test]
fn cases_from_before_revisions_get_a_baseline() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("cases.sqlite");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db/v5.sqlite"),
        &path,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&path, t0()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        store
            .baseline_revisions(t0())
            .expect("the value the test needs"),
        1
    );
    assert_eq!(
        store
            .baseline_revisions(t0())
            .expect("the value the test needs"),
        0
    );
    let revs = store
        .revisions("C-FIXTURE")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(revs.len(), 1);
    assert_eq!(revs[0].action, "case.baseline");
    assert!(store.verify_audit().is_ok_and(|v| v.ok));
}
