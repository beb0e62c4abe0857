//! `coopdesk pubs check`: publication lists in each format, written as Web of Science, Scopus,
//! Zotero and OpenAlex export them, with a co-author at a listed university found through the real
//! binary; a harmless work and a work without affiliations stay out of the report.

use super::*;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/coopdesk-pubs/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn with_case() -> Env {
    let env = Env::new();
    let src = env.file("full.case.json", FULL_CASE);
    let o = env.run(&["case", "import", src.to_str().unwrap_or_default()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    env
}

#[test]
fn each_format_finds_its_co_author_at_a_listed_university() {
    let env = with_case();
    // file → (works, the listed entity its co-author is at, the author as the file writes it)
    let cases = [
        ("wos.ris", 3, "el-hit", serde_json::json!("Zhang, W")),
        ("scopus.bib", 2, "el-nudt", serde_json::Value::Null),
        ("wos.bib", 1, "el-buaa", serde_json::json!("Zhou, Hao")),
        ("zotero.json", 2, "el-hit", serde_json::json!("Zhao, Qiang")),
        (
            "openalex.json",
            2,
            "el-nudt",
            serde_json::json!("Wei Zhang"),
        ),
    ];
    for (file, works, entity, author) in cases {
        let r = json(&env.run(&["pubs", "check", "CLI-1", &fixture(file), "--json"]));
        assert_eq!(r["case"], "CLI-1");
        assert_eq!(r["works"], works, "{file}");
        assert!(
            r["affiliations"].as_u64().unwrap_or_default() >= 1,
            "{file}"
        );
        let first = &r["coauthorships"][0];
        assert_eq!(first["hit"]["entity"], entity, "{file}: {r:#}");
        assert_eq!(first["hit"]["list_name"], "bundled", "{file}");
        assert!(
            first["hit"]["list"]
                .as_str()
                .is_some_and(|l| l.contains("us_bis_entity_list"))
        );
        assert!(first["hit"]["score"].as_f64().unwrap_or_default() >= 0.85);
        assert_eq!(first["author"], author, "{file}");
        assert!(first["year"].is_i64(), "{file}");
        assert!(
            first["work"].as_str().is_some_and(|w| !w.is_empty()),
            "{file}"
        );
        assert!(
            first["affiliation"].as_str().is_some_and(|a| !a.is_empty()),
            "{file}"
        );
        let text = r.to_string();
        for harmless in ["Dresden", "Hamburg"] {
            assert!(
                r["coauthorships"]
                    .as_array()
                    .is_some_and(|c| c.iter().all(|c| !c["affiliation"]
                        .as_str()
                        .unwrap_or_default()
                        .contains(harmless))),
                "{file}: no co-authorship through {harmless}: {text}"
            );
        }
    }

    // All five at once, as a table.
    let all: Vec<String> = [
        "wos.ris",
        "scopus.bib",
        "wos.bib",
        "zotero.json",
        "openalex.json",
    ]
    .into_iter()
    .map(fixture)
    .collect();
    let mut args = vec!["pubs", "check", "CLI-1"];
    args.extend(all.iter().map(String::as_str));
    let o = env.run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("10 works (1 without affiliations)"), "{out}");
    assert!(
        out.contains("6 co-authorship(s) with listed institutions"),
        "{out}"
    );
    assert!(
        out.contains("YEAR") && out.contains("LISTED ENTITY"),
        "{out}"
    );
    assert!(
        out.contains("el-nudt National University of Defense Technology"),
        "{out}"
    );
    assert!(
        out.contains("Harbin Inst Technol, Sch Phys"),
        "the affiliation as written: {out}"
    );
}

#[test]
fn an_unknown_case_a_broken_file_and_missing_files_are_refused() {
    let env = with_case();
    let o = env.run(&["pubs", "check", "CD-NOPE", &fixture("wos.ris")]);
    assert_user_error(&o, "CD-NOPE");

    let cut = env.file(
        "cut.ris",
        "TY  - JOUR\nAU  - Zhang, W\nC1  - [Zhang, Wei] Harbin Inst",
    );
    let o = env.run(&[
        "pubs",
        "check",
        "CLI-1",
        cut.to_str().unwrap_or_default(),
        "--json",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let e: serde_json::Value =
        serde_json::from_slice(&o.stderr).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    assert_eq!(e["error"]["code"], "input.invalid");
    let p = &e["error"]["problems"][0];
    assert_eq!(p["line"], 1);
    assert_eq!(p["path"], "ER");
    assert!(p["file"].as_str().is_some_and(|f| f.ends_with("cut.ris")));
    assert!(
        stdout(&o).is_empty(),
        "nothing is reported from a refused file"
    );

    let o = env.run(&["pubs", "check", "CLI-1"]);
    assert_eq!(code(&o), 2, "a usage error: {}", stderr(&o));
}

#[test]
fn a_check_is_stored_shown_and_reviewed_and_a_dry_run_stores_nothing() {
    let env = with_case();
    // --dry-run: reported, nothing stored.
    let r = json(&env.run(&[
        "pubs",
        "check",
        "CLI-1",
        &fixture("openalex.json"),
        "--dry-run",
        "--json",
    ]));
    assert_eq!(r["stored"], serde_json::Value::Null);
    assert_eq!(r["coauthorships"][0]["state"], "unreviewed");
    let shown = json(&env.run(&["pubs", "show", "CLI-1", "--json"]));
    assert_eq!(shown, serde_json::Value::Null, "the dry run stored nothing");

    // Stored: the same shape, extended with the stored id, file hashes, item numbers and states.
    let r = json(&env.run(&[
        "pubs",
        "check",
        "CLI-1",
        &fixture("openalex.json"),
        &fixture("wos.ris"),
        "--json",
    ]));
    assert!(r["stored"].is_i64(), "{r:#}");
    assert_eq!(
        r["files"][0]["sha256"].as_str().map(str::len),
        Some(64),
        "{r:#}"
    );
    let first = &r["coauthorships"][0];
    assert_eq!(first["hit"]["entity"], "el-nudt");
    assert_eq!(first["item"], 1);
    assert_eq!(first["state"], "unreviewed");
    let open = r["open"].as_u64().unwrap_or_default();
    assert!(open >= 2, "{r:#}");

    // The assessment reads the open co-authorships as a flagged military-link question.
    let a: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["--json", "assess", "CLI-1"])))
            .unwrap_or_else(|e| panic!("{e}"));
    let flagged = a["open_points"].as_array().is_some_and(|p| {
        p.iter().filter_map(|p| p.as_str()).any(|p| {
            p.starts_with("du-04") && p.contains("call for a look") && p.contains("Wei Zhang")
        })
    });
    assert!(flagged, "{:#}", a["open_points"]);

    // A decision by number, and one on an item that does not exist.
    let o = env.run(&[
        "pubs",
        "review",
        "CLI-1",
        "9",
        "--decision",
        "confirmed",
        "--by",
        "Officer",
    ]);
    assert_user_error(&o, "not one co-authorship");
    let r = json(&env.run(&[
        "pubs",
        "review",
        "CLI-1",
        "1",
        "--decision",
        "confirmed",
        "--by",
        "Officer",
        "--note",
        "same group",
        "--json",
    ]));
    assert_eq!(r["coauthorships"][0]["state"], "confirmed");
    assert_eq!(r["coauthorships"][0]["review"]["by"], "Officer");
    assert_eq!(r["confirmed"], 1);
    assert_eq!(r["open"].as_u64(), Some(open - 1));
    // Confirmed: du-04 is answered "yes" from the facts, with the work as evidence.
    let a: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["--json", "assess", "CLI-1"])))
            .unwrap_or_else(|e| panic!("{e}"));
    let du04 = assessment::reason(&a, "dual_use", "du-04");
    assert!(
        du04.contains("yes (from case facts")
            && du04.contains("Wei Zhang")
            && du04.contains("(2023)"),
        "{du04}"
    );

    // Shown as a table, stored and reviewed.
    let out = stdout(&env.run(&["pubs", "show", "CLI-1"]));
    assert!(out.contains("Stored as check"), "{out}");
    assert!(out.contains("confirmed") && out.contains("REVIEW"), "{out}");

    // Checking again keeps the decision on the same co-authorship.
    let r = json(&env.run(&[
        "pubs",
        "check",
        "CLI-1",
        &fixture("openalex.json"),
        "--json",
    ]));
    assert_eq!(r["coauthorships"][0]["state"], "confirmed", "{r:#}");

    // The checks and the decision are in the case's audit log, whose chain still verifies.
    let o = env.run(&["--json", "audit", "log", "--case", "CLI-1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let log = stdout(&o);
    assert_eq!(log.matches("\"pubs.check\"").count(), 2, "{log}");
    assert_eq!(log.matches("\"pubs.review\"").count(), 1, "{log}");
    assert_eq!(code(&env.run(&["audit", "verify"])), 0);
}
