//! `lists import --format csl` with the US Consolidated Screening List as published: the real,
//! unedited excerpt (`crates/coopdesk-screen/tests/fixtures/us_csl_excerpt_2023-11.csv`) through the
//! real binary into a real database file.

use std::path::PathBuf;

use super::{Env, assert_user_error, code, stderr, stdout};

/// The vendored excerpt's bytes.
fn excerpt() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/coopdesk-screen/tests/fixtures/us_csl_excerpt_2023-11.csv");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// The entry id (`_id`) of "CAST Xi\u{92}an Spaceflight Engine Factory" in the excerpt.
const CAST_XIAN: &str = "b8f67f26ea5e4120a2792841d8c4c82a";

#[test]
fn the_published_csl_imports_with_its_repairs_reported_and_screens() {
    let env = Env::new();
    let case = env.file(
        "xaic.case.json",
        r#"{"format":"coopdesk.case/v1","id":"XAIC","title":"Composite test rig",
            "partners":[{"name":"XAIC Tech (Xi'an) Industrial Co., Ltd.","country":"CN","role":"co_applicant"}]}"#,
    );
    assert_eq!(
        code(&env.run(&["case", "import", case.to_str().expect("a UTF-8 path")])),
        0
    );
    let file = env.file("consolidated.csv", excerpt());
    let path = file.to_str().expect("a UTF-8 path");
    let started = std::time::Instant::now();
    let r = json(&env.run(&["--json", "lists", "import", path, "--format", "csl"]));
    eprintln!("imported the 294-row excerpt in {:?}", started.elapsed());
    assert_eq!(r["already_imported"], false);
    assert_eq!(r["snapshot"]["list_name"], "us_csl");
    assert_eq!(r["snapshot"]["entry_count"], 267);
    assert_eq!(r["snapshot"]["skipped"], 27);
    assert_eq!(r["snapshot"]["repairs"], 3);
    assert_eq!(
        r["repairs"],
        serde_json::json!([
            {"line": 125, "field": "name", "what": "U+0092 → ’"},
            {"line": 151, "field": "name", "what": "U+0092 → ’"},
            {"line": 153, "field": "name", "what": "U+0092 → ’"},
        ])
    );
    // Rows sharing an _id are distinct entries.
    let added = r["diff"]["added"]
        .as_array()
        .cloned()
        .expect("a JSON array");
    assert_eq!(added.len(), 267);
    for id in ["17014/ssi", "17014/ns_mbs_list", CAST_XIAN, "30882"] {
        assert!(added.iter().any(|a| a == id), "{id} not in {added:?}");
    }
    // The case's partner now hits the repaired XAIC entry.
    let gained = &r["changed_cases"][0]["partners"][0]["gained"][0];
    assert_eq!(r["changed_cases"][0]["case_id"], "XAIC");
    assert_eq!(gained["name"], "XAIC Tech (Xi’an) Industrial Co., Ltd.");
    assert_eq!(gained["list_name"], "us_csl");

    // The repaired name is screened as the list meant it, typed with an ASCII apostrophe.
    let s = json(&env.run(&["--json", "screen", "CAST Xi'an Spaceflight Engine Factory"]));
    assert_eq!(s["hits"][0]["entity"], CAST_XIAN, "{s}");
    assert_eq!(
        s["hits"][0]["name"],
        "CAST Xi’an Spaceflight Engine Factory"
    );
    assert_eq!(s["hits"][0]["list_name"], "us_csl");
    assert_eq!(s["hits"][0]["list"], "us_csl_meu");

    // The count is kept with the snapshot's provenance.
    let rows = json(&env.run(&["--json", "lists", "show"]));
    let csl: Vec<&serde_json::Value> = rows
        .as_array()
        .map(|a| a.iter().filter(|r| r["list_name"] == "us_csl").collect())
        .expect("the value the test needs");
    assert_eq!(csl.len(), 1);
    assert_eq!(csl[0]["repairs"], 3);
    let o = env.run(&["lists", "show"]);
    assert!(
        stdout(&o).contains("3 repair(s) on reading"),
        "{}",
        stdout(&o)
    );

    // The same file again is recognised and adds nothing.
    let again = json(&env.run(&["--json", "lists", "import", path, "--format", "csl"]));
    assert_eq!(again["already_imported"], true);
    assert_eq!(again["snapshot"]["id"], r["snapshot"]["id"]);
    let rows = json(&env.run(&["--json", "lists", "show"]));
    assert_eq!(
        rows.as_array()
            .map(|a| a.iter().filter(|r| r["list_name"] == "us_csl").count()),
        Some(1)
    );
    // The same list in other bytes (a blank line at the end, as a re-save adds): a new snapshot whose
    // diff is empty, because every entry keeps its id and content.
    let mut resaved = excerpt();
    resaved.extend_from_slice(b"\r\n");
    let file = env.file("consolidated-resaved.csv", resaved);
    let o = env.run(&[
        "--json",
        "lists",
        "import",
        file.to_str().expect("a UTF-8 path"),
        "--format",
        "csl",
    ]);
    let r2 = json(&o);
    assert_eq!(r2["already_imported"], false);
    assert_eq!(r2["diff"]["previous_id"], r["snapshot"]["id"]);
    for what in ["added", "removed", "changed"] {
        assert_eq!(r2["diff"][what], serde_json::json!([]), "{what}: {r2}");
        assert_eq!(r2["snapshot"][what], 0, "{what}");
    }
    assert_eq!(r2["changed_cases"], serde_json::json!([]));
    // In text, the count and the repaired lines.
    let mut third = excerpt();
    third.extend_from_slice(b"\r\n\r\n");
    let file = env.file("consolidated-3.csv", third);
    let o = env.run(&[
        "lists",
        "import",
        file.to_str().expect("a UTF-8 path"),
        "--format",
        "csl",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("repairs  3") && stdout(&o).contains("line 125, name: U+0092 → ’"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_truncated_csl_file_is_refused_at_its_line_and_changes_no_byte() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["info"])), 0);
    let before = std::fs::read(env.db()).expect("a readable file");
    assert!(!before.is_empty());
    let bytes = excerpt();
    // Cut in the middle of the row on line 151 (physical lines: three fields before it span lines).
    let cut = bytes
        .windows(9)
        .position(|w| w == b"XAIC Tech")
        .map_or(0, |i| i + 4);
    let file = env.file("cut.csv", &bytes[..cut]);
    let path = file.to_str().expect("a UTF-8 path");
    let o = env.run(&["lists", "import", path, "--format", "csl"]);
    assert_user_error(
        &o,
        "cut.csv: line 151: has 6 fields, the header has 29 (the row is cut short",
    );
    let o = env.run(&["--json", "lists", "import", path, "--format", "csl"]);
    assert_eq!(code(&o), 1);
    let e: serde_json::Value = serde_json::from_str(&stderr(&o)).expect("valid JSON");
    assert_eq!(e["error"]["problems"][0]["line"], 151, "{e}");
    assert_eq!(
        std::fs::read(env.db()).expect("a readable file"),
        before,
        "database file unchanged"
    );
    let rows = json(&env.run(&["--json", "lists", "show"]));
    assert!(
        rows.as_array()
            .is_some_and(|a| a.iter().all(|r| r["list_name"] != "us_csl")),
        "{rows}"
    );
}

#[test]
fn a_csl_file_with_a_second_header_in_mid_file_is_refused_at_its_line() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["info"])), 0);
    let before = std::fs::read(env.db()).expect("a readable file");
    let bytes = excerpt();
    let header_end = bytes
        .windows(2)
        .position(|w| w == b"\r\n")
        .map_or(0, |i| i + 2);
    // Two downloads joined: the header again at the start of line 200.
    let at = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(198)
        .map_or(0, |(i, _)| i + 1);
    let mut joined = bytes[..at].to_vec();
    joined.extend_from_slice(&bytes[..header_end]);
    joined.extend_from_slice(&bytes[at..]);
    let file = env.file("joined.csv", joined);
    let o = env.run(&[
        "lists",
        "import",
        file.to_str().expect("a UTF-8 path"),
        "--format",
        "csl",
    ]);
    assert_user_error(
        &o,
        "joined.csv: line 200: the header row appears again here",
    );
    assert_eq!(
        std::fs::read(env.db()).expect("a readable file"),
        before,
        "database file unchanged"
    );
}
