//! Helpers shared by the store's integration tests: a fixed clock, id generation, a small populated
//! database and what "the same content" means.

#![allow(dead_code)] // Each test file uses a different subset.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{IdKind, NamedDocument, Passphrase, Store};

/// The tests' "now".
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("the value the test needs")
}

/// Ids for new records: `Kind-1`, `Kind-2`, …
pub fn ids() -> impl FnMut(IdKind) -> String {
    let mut n = 0;
    move |k| {
        n += 1;
        format!("{k:?}-{n}")
    }
}

/// Opens a plain database, failing the test with the store's message.
pub fn open(path: &Path) -> Store {
    Store::open(path, t0()).unwrap_or_else(|e| panic!("{e}"))
}

/// A database with three imported cases, encrypted with `key` when given.
pub fn populated_with(dir: &tempfile::TempDir, key: Option<&Passphrase>) -> PathBuf {
    let path = dir.path().join("db").join("cases.sqlite");
    let mut store = Store::open_keyed(&path, t0(), key).unwrap_or_else(|e| panic!("{e}"));
    let docs: Vec<NamedDocument> = (1..=3)
        .map(|i| {
            let json = format!(
                r#"{{"format": "coopdesk.case/v1", "id": "C-{i}", "title": "Case {i}",
                    "partners": [{{"name": "Partner {i}", "name_zh": "伙伴{i}", "country": "CN", "role": "host"}}]}}"#
            );
            NamedDocument {
                file: format!("{i}.json"),
                document: read_case_document("c.json", json.as_bytes())
                    .unwrap_or_else(|e| panic!("{e}")),
            }
        })
        .collect();
    store
        .import_documents(&docs, &mut ids(), t0())
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

/// A plain database with three imported cases.
pub fn populated(dir: &tempfile::TempDir) -> PathBuf {
    populated_with(dir, None)
}

/// Every case as JSON, in id order: what "identical content" means.
pub fn content(store: &Store) -> Vec<String> {
    store
        .case_ids()
        .expect("the value the test needs")
        .iter()
        .map(|id| {
            let c = store.case(id).unwrap_or_else(|e| panic!("{e}"));
            serde_json::to_string(&c).expect("the value the test needs")
        })
        .collect()
}
