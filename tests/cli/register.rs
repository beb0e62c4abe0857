//! `register import`: the office register fixtures (`crates/coopdesk-register/tests/fixtures/`,
//! German headers under a title row, merged header cells, serial dates, several partners per cell,
//! one bad row) through the real binary into a real database file.

use std::path::PathBuf;

use super::{Env, assert_user_error, code, stderr, stdout};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/coopdesk-register/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn a_bad_row_is_named_and_changes_no_byte_then_the_fixed_register_imports() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["info"])), 0);
    let before = std::fs::read(env.db()).unwrap_or_default();
    assert!(!before.is_empty());

    let bad = fixture("register.xlsx");
    let o = env.run(&["register", "import", &bad]);
    assert_user_error(
        &o,
        "register.xlsx: sheet \"Kooperationen 2025\", row 9, column F (Laufzeit / Beginn): expected a date such as 2025-03-01, 1.3.2025, 01.03.25, 03/2025 or 2025, found \"Frühjahr 2025\"",
    );
    assert!(
        stdout(&o).contains("-> title") && stdout(&o).contains("header in row 4"),
        "the mapping used is shown: {}",
        stdout(&o)
    );
    let o = env.run(&["--json", "register", "import", &bad, "--dry-run"]);
    assert_eq!(
        code(&o),
        1,
        "a dry run of a bad register fails the same way"
    );
    let err: serde_json::Value =
        serde_json::from_str(&stderr(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    assert_eq!(err["error"]["code"], "input.invalid");
    let problems = err["error"]["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0]["path"],
        "sheet \"Kooperationen 2025\", row 9, column F (Laufzeit / Beginn)"
    );
    assert_eq!(
        std::fs::read(env.db()).unwrap_or_default(),
        before,
        "no byte changed"
    );

    // A dry run of the fixed register shows the cases and writes nothing.
    let fixed = fixture("register-fixed.xlsx");
    let mapping = env.dir.path().join("register.mapping.toml");
    let mapping = mapping.to_str().unwrap_or_default();
    let o = env.run(&[
        "--json",
        "register",
        "import",
        &fixed,
        "--dry-run",
        "--save-mapping",
        mapping,
    ]);
    let dry = json(&o);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["cases"].as_array().map(Vec::len), Some(6));
    assert_eq!(dry["mapping_suggested"], true);
    assert_eq!(dry["mapping"]["format"], "coopdesk.register-mapping/v1");
    assert_eq!(dry["imported"], serde_json::json!([]));
    assert_eq!(
        std::fs::read(env.db()).unwrap_or_default(),
        before,
        "a dry run changes no byte"
    );

    // The saved mapping is used as it is, and the import goes through.
    let o = env.run(&["register", "import", &fixed, "--mapping", mapping]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("imported 6 cases"), "{text}");
    assert!(
        text.contains("facility: High Energy Photon Source (cn-heps)"),
        "{text}"
    );
    assert!(text.contains("哈尔滨工业大学 (CN, new)"), "{text}");
    assert!(
        text.contains("partner(s) with hits"),
        "the listed partner is flagged: {text}"
    );
    assert!(
        text.contains("\"genehmigt\""),
        "the warning about decided statuses: {text}"
    );

    let list = json(&env.run(&["--json", "case", "list"]));
    let rows = list.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 6);
    assert!(
        rows.iter().all(|r| r["overall"].is_string()),
        "every imported case is assessed: {rows:?}"
    );
    let o = env.run(&["case", "list", "--search", "哈尔滨"]);
    assert!(
        stdout(&o).contains("Neutronenstreuung an Proteinen"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn json_import_reports_each_row_with_its_case_and_the_suggested_mapping() {
    let env = Env::new();
    let o = env.run(&[
        "--json",
        "register",
        "import",
        &fixture("register-fixed.ods"),
    ]);
    let out = json(&o);
    assert_eq!(out["dry_run"], false);
    assert_eq!(out["sheet"], "Kooperationen 2025");
    let imported = out["imported"].as_array().cloned().unwrap_or_default();
    assert_eq!(imported.len(), 6);
    assert_eq!(imported[0]["row"], 5);
    assert!(
        imported[0]["id"]
            .as_str()
            .unwrap_or_default()
            .starts_with("CD-")
    );
    let columns = out["mapping"]["columns"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        columns
            .iter()
            .any(|c| c["field"] == "partners" && c["column"] == "C"),
        "{columns:?}"
    );
    let id = imported[2]["id"].as_str().unwrap_or_default();
    let shown = json(&env.run(&["--json", "case", "show", id]));
    assert_eq!(shown["case"]["x-register"]["row"], 7, "{shown}");
}

#[test]
fn a_missing_sheet_and_a_broken_mapping_are_user_errors() {
    let env = Env::new();
    let fixed = fixture("register-fixed.xlsx");
    let o = env.run(&["register", "import", &fixed, "--sheet", "2024"]);
    assert_user_error(
        &o,
        "no sheet \"2024\"; the workbook has \"Hinweise\", \"Kooperationen 2025\"",
    );
    let bad = env.file("m.toml", "format = \"coopdesk.register-mapping/v1\"\n[[columns]]\nfield = \"colour\"\ncolumn = \"B\"\n");
    let o = env.run(&[
        "register",
        "import",
        &fixed,
        "--mapping",
        bad.to_str().unwrap_or_default(),
    ]);
    assert_user_error(&o, "m.toml:3:9:");
    let o = env.run(&["register", "import", "notes.txt.pdf"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}
