//! The TypeScript types in `ui/src/lib/gen/` must be exactly what the Rust types generate.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by path relative to `dir`.
fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.filter_map(|e| e.ok()) {
            let path = e.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                out.insert(
                    rel,
                    std::fs::read_to_string(&path).expect("a readable file"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn generated_types_are_current() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    coopdesk_app::bindings::write_bindings(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let fresh = read_dir(tmp.path());
    let committed = read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/gen"));
    assert!(fresh.len() > 10, "generation wrote {} files", fresh.len());
    let stale: Vec<&String> = fresh
        .iter()
        .filter(|(name, text)| committed.get(*name) != Some(text))
        .map(|(name, _)| name)
        .chain(committed.keys().filter(|name| !fresh.contains_key(*name)))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/gen is out of date ({stale:?}); run `cargo xtask gen-types` and commit the result"
    );
}
