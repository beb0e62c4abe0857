//! The answers in `ui/src/lib/fixtures/` (the browser preview's data and the UI tests') must be exactly
//! what the demo database answers now, recorded by `cargo xtask record-fixtures`.

// Test code: a failing call fails the test, and `expect` says which call and why.
#![allow(clippy::expect_used)]

#[path = "../../../xtask/src/record.rs"]
#[allow(dead_code)]
mod record;

use std::collections::BTreeMap;
use std::path::Path;

/// The committed fixture files by name.
fn committed(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask record-fixtures`", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable fixture folder").path();
        let name = path
            .file_name()
            .expect("a file in the folder has a name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("a readable fixture file");
        out.insert(name, text);
    }
    out
}

#[test]
fn recorded_fixtures_are_current() {
    let fresh = record::record_fixtures().unwrap_or_else(|e| panic!("recording failed: {e}"));
    assert!(
        fresh.contains_key("dashboard.json") && fresh.contains_key("examples.json"),
        "recorded {:?}",
        fresh.keys()
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(record::FIXTURE_DIR);
    let committed = committed(&dir);
    let stale: Vec<&String> = fresh
        .iter()
        .filter(|(name, text)| committed.get(*name) != Some(text))
        .map(|(name, _)| name)
        .chain(committed.keys().filter(|name| !fresh.contains_key(*name)))
        .collect();
    assert!(
        stale.is_empty(),
        "{} is out of date ({stale:?}); run `cargo xtask record-fixtures` and commit the result",
        record::FIXTURE_DIR
    );
}

#[test]
fn recording_twice_gives_the_same_files() {
    let first = record::record_fixtures().unwrap_or_else(|e| panic!("recording failed: {e}"));
    let second = record::record_fixtures().unwrap_or_else(|e| panic!("recording failed: {e}"));
    let differ: Vec<&String> = first
        .iter()
        .filter(|(name, text)| second.get(*name) != Some(text))
        .map(|(name, _)| name)
        .collect();
    assert!(differ.is_empty(), "not deterministic: {differ:?}");
}
