//! Writes the register fixtures in `tests/fixtures/` (run with `--ignored` after changing
//! `support/mod.rs`), and checks that the committed ones are what the table says.

mod support;

use support::{csv, fixture_dir, ods, rows, xlsx};

/// The fixture files and their contents.
fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("register.xlsx", xlsx(&rows(false))),
        ("register-fixed.xlsx", xlsx(&rows(true))),
        ("register-fixed.ods", ods(&rows(true))),
        ("register-fixed.csv", csv(&rows(true))),
    ]
}

#[test]
#[ignore = "writes the committed fixtures; run after changing tests/support/mod.rs"]
fn write_fixtures() {
    let dir = fixture_dir();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for (name, bytes) in files() {
        std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The committed files read the same as freshly written ones (bytes may differ: xlsx carries a
/// creation time), so the fixtures cannot drift from the table the tests describe.
#[test]
fn fixtures_are_current() {
    for (name, fresh) in files() {
        let committed = std::fs::read(fixture_dir().join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}; run the ignored write_fixtures test"));
        let a = coopdesk_register::read_workbook(name, &committed).map(|w| w.sheets);
        let b = coopdesk_register::read_workbook(name, &fresh).map(|w| w.sheets);
        assert_eq!(
            a, b,
            "{name} differs from tests/support/mod.rs; run the ignored write_fixtures test"
        );
    }
}
