//! A damaged or hand-edited database: values the schema's CHECK constraints would refuse, written
//! around them, surface as errors naming the table and column, never as defaults.

// Test code: a failing call fails the test, and `expect` says which call and why.
#![allow(clippy::expect_used)]

use chrono::{TimeZone, Utc};
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{CaseQuery, IdKind, NamedDocument, Store};

const CASE: &str = r#"{
  "format": "coopdesk.case/v1", "id": "C-1", "title": "Beamtime at HEPS",
  "partners": [{"name": "Institute of High Energy Physics", "country": "CN", "role": "host"}]
}"#;

#[test]
fn unreadable_stored_values_are_errors_not_defaults() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("cases.sqlite");
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("a valid time");
    let mut store = Store::open(&path, now).expect("open");
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
            now,
        )
        .expect("import");
    drop(store);

    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE cases SET status = 'frozen', updated_at = 'last Tuesday' WHERE id = 'C-1';",
    )
    .expect("write around the constraints");
    drop(conn);

    let store = Store::open(&path, now).expect("the file still opens");
    let err = store.case("C-1").expect_err("the status does not read");
    assert!(
        err.to_string().contains("cases.status holds \"frozen\""),
        "{err}"
    );
    let err = store
        .list_cases(&CaseQuery {
            limit: 10,
            ..CaseQuery::default()
        })
        .expect_err("the case list does not hide the damaged row");
    assert!(err.to_string().contains("cases.status"), "{err}");
}
