//! `lists import --format eu_fsf|uk|un`: the synthetic EU, UK and UN fixtures
//! (`crates/coopdesk-screen/tests/fixtures/synthetic/`, in the published layouts) through the real
//! binary into a real database file.

use std::path::PathBuf;

use super::{Env, assert_user_error, code, stderr, stdout};

/// A synthetic fixture's bytes.
fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/coopdesk-screen/tests/fixtures/synthetic")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// 1-based line on which `needle` starts in `bytes`.
fn line_of(bytes: &[u8], needle: &str) -> usize {
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
        .unwrap_or_else(|| panic!("{needle:?} not in the file"));
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}

/// One format's fixture and what importing it must store.
struct Expected {
    format: &'static str,
    file: &'static str,
    list: &'static str,
    entries: u64,
    skipped: u64,
    /// A name the list has only as an alias, and the entry it must find.
    alias: &'static str,
    entity: &'static str,
    list_code: &'static str,
}

const EXPECTED: [Expected; 3] = [
    Expected {
        format: "eu_fsf",
        file: "eu_fsf_synthetic.xml",
        list: "eu_fsf",
        entries: 28,
        skipped: 9,
        alias: "哈尔滨蓝鲸光子贸易有限公司",
        entity: "127",
        list_code: "eu_fsf_rus",
    },
    Expected {
        format: "uk",
        file: "uk_sanctions_list_synthetic.csv",
        list: "uk",
        entries: 26,
        skipped: 12,
        alias: "Huaxin Micro",
        entity: "RUS1101",
        list_code: "uk_russia",
    },
    Expected {
        format: "un",
        file: "un_consolidated_synthetic.xml",
        list: "un",
        entries: 26,
        skipped: 10,
        alias: "Daesong Trading",
        entity: "KPe.007",
        list_code: "un_dprk",
    },
];

#[test]
fn eu_uk_and_un_lists_import_with_their_provenance_rescreen_and_screen_by_alias() {
    let env = Env::new();
    let case = env.file(
        "lanjing.case.json",
        r#"{"format":"coopdesk.case/v1","id":"LANJING","title":"Photonics components for a beamline",
            "partners":[{"name":"Harbin Lanjing Photonics Trading Co., Ltd.","country":"CN","role":"co_applicant"}]}"#,
    );
    assert_eq!(
        code(&env.run(&["case", "import", case.to_str().expect("a UTF-8 path")])),
        0
    );
    for x in &EXPECTED {
        let file = env.file(x.file, fixture(x.file));
        let path = file.to_str().expect("a UTF-8 path");
        let r = json(&env.run(&["--json", "lists", "import", path, "--format", x.format]));
        let s = &r["snapshot"];
        assert_eq!(r["already_imported"], false, "{}", x.file);
        assert_eq!(s["list_name"], x.list, "default list of {}", x.format);
        assert_eq!(s["format"], x.format);
        assert_eq!(s["file_name"], x.file);
        assert_eq!(s["entry_count"], x.entries, "{}", x.file);
        assert_eq!(
            s["skipped"], x.skipped,
            "{}: persons (and ships) skipped",
            x.file
        );
        assert_eq!(s["published"], "2026-03-02", "{}", x.file);
        assert_eq!(s["sha256"].as_str().map(str::len), Some(64));
        assert_eq!(
            s["previous_id"],
            serde_json::Value::Null,
            "first snapshot of {}",
            x.list
        );
        assert_eq!(
            r["diff"]["added"].as_array().map(Vec::len),
            Some(x.entries as usize)
        );
        assert_eq!(r["repairs"], serde_json::json!([]));
        // The same file again adds nothing.
        let again = json(&env.run(&["--json", "lists", "import", path, "--format", x.format]));
        assert_eq!(again["already_imported"], true, "{}", x.file);
        assert_eq!(again["snapshot"]["id"], s["id"]);
        assert_eq!(again["reassessed"], 0);
        // Screening finds the entry by a name the list has only as an alias (lists imported before
        // may have the same organisation: their hits are there too).
        let hits = json(&env.run(&["--json", "screen", x.alias]));
        let hit = hits["hits"]
            .as_array()
            .and_then(|a| a.iter().find(|h| h["list_name"] == x.list))
            .cloned()
            .expect("the value the test needs");
        assert_eq!(hit["entity"], x.entity, "{}: {hits}", x.alias);
        assert_eq!(hit["list"], x.list_code);
        assert_eq!(hit["score"], 1.0, "{hit}");
    }
    // The EU import re-screened the case: its partner is on the EU list (the bundled list does not
    // have it). The UK and UN imports have it too (UK) or not (UN).
    let rows = json(&env.run(&["--json", "lists", "show"]));
    let rows = rows.as_array().cloned().expect("a JSON array");
    for x in &EXPECTED {
        assert_eq!(
            rows.iter().filter(|r| r["list_name"] == x.list).count(),
            1,
            "one snapshot of {}",
            x.list
        );
    }
    let hits = json(&env.run(&["--json", "hits", "show", "LANJING"]));
    let lists: Vec<String> = hits["partners"][0]["hits"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|h| h["list_name"].as_str().expect("a JSON string").to_owned())
                .collect()
        })
        .expect("the value the test needs");
    assert!(lists.contains(&"eu_fsf".to_owned()), "{hits}");
    assert!(lists.contains(&"uk".to_owned()), "{hits}");
    assert!(!lists.contains(&"un".to_owned()), "{hits}");
    // People read the publication date with the provenance.
    let text = stdout(&env.run(&["lists", "show"]));
    assert!(
        text.contains("file eu_fsf_synthetic.xml (published 2026-03-02)"),
        "{text}"
    );
    // The OFSI file into the same `uk` list: the same designations under OFSI's group ids, so the
    // diff shows every entry removed and added once (the documented cost of switching layouts).
    let ofsi = env.file("ConList.csv", fixture("uk_ofsi_conlist_synthetic.csv"));
    let r = json(&env.run(&[
        "--json",
        "lists",
        "import",
        ofsi.to_str().expect("a UTF-8 path"),
        "--format",
        "uk",
    ]));
    assert_eq!(r["snapshot"]["list_name"], "uk");
    assert_eq!(r["snapshot"]["added"], 26);
    assert_eq!(r["snapshot"]["removed"], 26);
    assert_eq!(r["snapshot"]["changed"], 0);
}

/// A cut copy of a fixture and the error it must give.
struct Cut {
    format: &'static str,
    name: &'static str,
    bytes: Vec<u8>,
    message: String,
    line: usize,
    field: &'static str,
}

#[test]
fn cut_eu_uk_and_un_files_are_refused_at_their_line_and_change_no_byte() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["info"])), 0);
    let before = std::fs::read(env.db()).expect("a readable file");
    assert!(!before.is_empty());

    let eu = fixture("eu_fsf_synthetic.xml");
    let record = line_of(&eu, "euReferenceNumber=\"EU.8130.20\"");
    let at = line_of(&eu, "wholeName=\"Kama Research");
    let cut_at = eu
        .windows(12)
        .position(|w| w == b"wholeName=\"K")
        .unwrap_or(0);
    let un = fixture("un_consolidated_synthetic.xml");
    let un_record = line_of(&un, "<DATAID>6920014</DATAID>") - 1;
    let un_cut = un
        .windows(10)
        .position(|w| w == b"</COMMENTS")
        .map(|first| {
            // The COMMENTS1 of entity 6920014, which comes after its DATAID.
            let start = un
                .windows(24)
                .position(|w| w == b"<DATAID>6920014</DATAID>")
                .unwrap_or(first);
            start
                + un[start..]
                    .windows(10)
                    .position(|w| w == b"</COMMENTS")
                    .unwrap_or(0)
        })
        .unwrap_or(0);
    let uk = fixture("uk_sanctions_list_synthetic.csv");
    let uk_line = line_of(&uk, "KAMA RESEARCH INSTITUTE");
    let uk_cut = uk
        .windows(11)
        .position(|w| w == b"KAMA RESEAR")
        .unwrap_or(0);
    let cases = [
        Cut {
            format: "eu_fsf",
            name: "cut.xml",
            bytes: eu[..cut_at].to_vec(),
            message: format!(
                "cut.xml: line {at}: sanctionEntity: the file ends inside a tag of the <sanctionEntity> opened on line {record} (a truncated file?)"
            ),
            line: at,
            field: "sanctionEntity",
        },
        Cut {
            format: "un",
            name: "cut.xml",
            bytes: un[..un_cut].to_vec(),
            message: format!(
                "cut.xml: line {un_record}: ENTITY: the file ends before this <ENTITY> is closed (a truncated file?)"
            ),
            line: un_record,
            field: "ENTITY",
        },
        Cut {
            format: "uk",
            name: "cut.csv",
            bytes: uk[..uk_cut].to_vec(),
            message: format!(
                "cut.csv: line {uk_line}: has 5 fields, the header has 58 (the row is cut short: a truncated file?)"
            ),
            line: uk_line,
            field: "",
        },
    ];
    for Cut {
        format,
        name,
        bytes,
        message,
        line,
        field,
    } in cases
    {
        let file = env.file(name, bytes);
        let path = file.to_str().expect("a UTF-8 path");
        let o = env.run(&["lists", "import", path, "--format", format]);
        assert_user_error(&o, &message);
        let o = env.run(&["--json", "lists", "import", path, "--format", format]);
        assert_eq!(code(&o), 1);
        let e: serde_json::Value = serde_json::from_str(&stderr(&o)).expect("valid JSON");
        assert_eq!(e["error"]["problems"][0]["line"], line, "{format}: {e}");
        assert_eq!(e["error"]["problems"][0]["path"], field, "{format}: {e}");
        assert_eq!(
            std::fs::read(env.db()).expect("a readable file"),
            before,
            "{format}: database file unchanged"
        );
    }
    let rows = json(&env.run(&["--json", "lists", "show"]));
    assert!(
        rows.as_array()
            .is_some_and(|a| a.iter().all(|r| r["list_name"] == "bundled")),
        "{rows}"
    );
    // A format name the command does not know: a usage error that lists the formats.
    let o = env.run(&["lists", "import", "x.xml", "--format", "eu"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("expected csl, eu_fsf, uk, un, ftm or csv"),
        "{}",
        stderr(&o)
    );
}
