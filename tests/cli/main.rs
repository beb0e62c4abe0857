//! The command line contract (`shared/contract/README.md`), driven through the real `coopdesk`
//! binary against databases in temporary folders.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

#[path = "../common/assessment.rs"]
mod assessment;
mod bundles;
mod dashboard;
mod encryption;
mod list_formats;
mod lists;
#[path = "../common/postgres.rs"]
mod postgres;
mod provisional;
mod pubs;
mod register;
mod startup;
mod team;
mod workshop;

/// A temporary workspace: its own data directory (so no test touches a user's data) and database.
struct Env {
    dir: tempfile::TempDir,
    /// A team database's address standing in for the file (see [`Env::new_any`]).
    team: Option<String>,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
            team: None,
        }
    }

    /// For the contract tests that hold for either engine: a database file, or with
    /// `COOPDESK_TEST_PG` set (packaging/test.sh, under `pg_virtualenv`) a fresh team database on the
    /// environment's server, set up with `team init` and used as its owner.
    fn new_any() -> Env {
        let mut env = Env::new();
        if std::env::var_os("COOPDESK_TEST_PG").is_some() {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            env.dir.path().hash(&mut h);
            let name = format!("coopdesk_c_{:016x}", h.finish());
            postgres::psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            postgres::psql(&format!("CREATE DATABASE {name}"));
            let uri = format!("postgresql:///{name}");
            let o = env.run_on(Path::new(&uri), &["team", "init"]);
            assert_eq!(code(&o), 0, "team init: {}", stderr(&o));
            env.team = Some(uri);
        }
        env
    }

    fn db(&self) -> PathBuf {
        match &self.team {
            Some(uri) => PathBuf::from(uri),
            None => self.dir.path().join("cases.sqlite"),
        }
    }

    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).unwrap_or_else(|e| panic!("write {name}: {e}"));
        p
    }

    /// Runs `coopdesk --db <db> ARGS…`.
    fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db(), args)
    }

    fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        self.run_with_env(db, args, &[])
    }

    /// Like [`Env::run_on`], with extra environment variables (passphrases for scripts).
    fn run_with_env(&self, db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_coopdesk"))
            .env("COOPDESK_DATA_DIR", self.dir.path().join("data"))
            .env_remove("COOPDESK_PASSPHRASE")
            .env_remove("COOPDESK_NEW_PASSPHRASE")
            .envs(env.iter().copied())
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("run coopdesk: {e}"))
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Asserts a user error: exit 1, the expected text on stderr, and no panic.
fn assert_user_error(o: &Output, expected: &str) {
    let err = stderr(o);
    assert_eq!(code(o), 1, "exit status; stderr: {err}");
    assert!(
        err.contains(expected),
        "stderr should contain {expected:?}:\n{err}"
    );
    assert!(!err.contains("panicked"), "panic:\n{err}");
}

const FULL_CASE: &str = r#"{
  "format": "coopdesk.case/v1",
  "id": "CLI-1",
  "title": "Detector module loan to HEPS",
  "summary": "A pixel detector module goes to Beijing for commissioning tests.",
  "status": "in_review",
  "home": {"institution": "Deutsches Elektronen-Synchrotron DESY", "department": "FS-DS", "contact": "ilo@desy.example"},
  "facility": {"name": "High Energy Photon Source", "country": "CN", "kind": "synchrotron", "operator": "Institute of High Energy Physics, CAS (IHEP)"},
  "partners": [
    {"name": "Institute of High Energy Physics", "name_zh": "中国科学院高能物理研究所", "name_pinyin": "Zhongguo Kexueyuan Gaoneng Wuli Yanjiusuo",
     "aliases": ["IHEP"], "country": "CN", "kind": "academy_institute", "role": "host", "parent": "Chinese Academy of Sciences"}
  ],
  "fields": ["X-ray detectors", "synchrotron radiation"],
  "activities": ["equipment_loan", "beamtime", "joint_experiment"],
  "items": [{"description": "Hybrid pixel detector module", "control_code": "6A002.a.3", "destination_country": "CN", "temporary": true}],
  "data": [{"description": "Calibration frames", "kind": "raw", "generated_in": "CN", "stored_in": "DE", "partner_access": "copy"}],
  "people": [{"name": "Dr. Anna Weber", "affiliation": "DESY", "role": "PI"},
             {"name": "王磊", "affiliation": "IHEP", "other_affiliations": ["University of Chinese Academy of Sciences"]}],
  "funding": [{"source": "Helmholtz Association", "country": "DE", "amount_eur": 45000.5}],
  "agreements": [{"kind": "cooperation", "status": "signed"}, {"kind": "ip", "status": "draft"}],
  "answers": {"du-02": "yes", "rec-03": {"value": "unsure", "comment": "ask the facility about data export"}},
  "start": "2027-03-01",
  "end": "2027-09-30",
  "notes": "Return shipment to be confirmed.",
  "x-office": {"file": "ILO-2027-014"}
}"#;

#[test]
fn import_export_import_gives_the_same_case() {
    let env = Env::new_any();
    let src = env.file("full.case.json", FULL_CASE);
    let o = env.run(&["case", "import", src.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "CLI-1", "prints the imported id");

    let out1 = env.dir.path().join("out1.case.json");
    let o = env.run(&[
        "case",
        "export",
        "CLI-1",
        "-o",
        out1.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out1).expect("a readable file"))
            .unwrap_or_else(|e| panic!("{e}"));
    let original: serde_json::Value =
        serde_json::from_str(FULL_CASE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        exported, original,
        "export writes back exactly what was imported"
    );

    // Into a second database, then out again: still the same.
    let db2 = env.dir.path().join("second.sqlite");
    let o = env.run_on(
        &db2,
        &["case", "import", out1.to_str().expect("a UTF-8 path")],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = env.run_on(&db2, &["case", "export", "CLI-1", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let again: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, original);
}

#[test]
fn list_and_show_in_text_and_json() {
    let env = Env::new_any();
    let src = env.file("full.case.json", FULL_CASE);
    let minimal = env.file(
        "min.case.json",
        r#"{"format":"coopdesk.case/v1","title":"Beamtime at PETRA III"}"#,
    );
    let o = env.run(&[
        "case",
        "import",
        src.to_str().expect("a UTF-8 path"),
        minimal.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ids: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], "CLI-1");
    assert!(
        ids[1].starts_with("CD-"),
        "an id is assigned when absent: {}",
        ids[1]
    );

    let o = env.run(&["case", "list", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let list: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let rows = list.as_array().cloned().expect("a JSON array");
    assert_eq!(rows.len(), 2);
    let row = rows
        .iter()
        .find(|r| r["id"] == "CLI-1")
        .cloned()
        .expect("the value the test needs");
    assert_eq!(row["title"], "Detector module loan to HEPS");
    assert_eq!(row["status"], "in_review");
    assert_eq!(
        row["partners"],
        serde_json::json!(["Institute of High Energy Physics"])
    );
    assert!(
        row.get("overall").is_some(),
        "overall level is part of the contract (null until assessed)"
    );

    let o = env.run(&["case", "list", "--search", "高能"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("CLI-1") && !stdout(&o).contains(&ids[1]),
        "{}",
        stdout(&o)
    );

    let o = env.run(&["case", "show", "CLI-1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("中国科学院高能物理研究所"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("6A002.a.3"));

    let o = env.run(&["case", "show", "CLI-1", "--json"]);
    let shown: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shown["case"]["id"], "CLI-1");
    assert_eq!(
        shown["case"]["partners"][0]["name_zh"],
        "中国科学院高能物理研究所"
    );
    assert!(shown.get("assessment").is_some());
}

#[test]
fn exit_codes_follow_the_contract() {
    let env = Env::new_any();
    assert_user_error(
        &env.run(&["case", "show", "NOPE"]),
        "no case with id \"NOPE\"",
    );
    assert_user_error(
        &env.run(&["case", "export", "NOPE", "-o", "x.json"]),
        "NOPE",
    );
    let missing = env.dir.path().join("missing.case.json");
    assert_user_error(
        &env.run(&["case", "import", missing.to_str().expect("a UTF-8 path")]),
        "missing.case.json",
    );

    for usage in [
        vec!["case", "frobnicate"],
        vec!["case", "import"],
        vec!["case", "export", "X"],
        vec!["case", "list", "--status", "done"],
        vec!["--no-such-flag"],
    ] {
        let o = env.run(&usage);
        assert_eq!(
            code(&o),
            2,
            "{usage:?} is a usage error; stderr: {}",
            stderr(&o)
        );
    }
    let o = env.run(&["--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("case"));
}

#[test]
fn json_errors_go_to_stderr_with_a_code() {
    let env = Env::new_any();
    let o = env.run(&["case", "show", "NOPE", "--json"]);
    assert_eq!(code(&o), 1);
    assert!(o.stdout.is_empty(), "nothing on stdout on error");
    let err: serde_json::Value =
        serde_json::from_slice(&o.stderr).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    assert_eq!(err["error"]["code"], "case.not_found");

    let bad = env.file("bad.case.json", r#"{"format":"coopdesk.case/v1","title":"T","partners":[{"name":"X","country":"China","role":"lead"}]}"#);
    let o = env.run(&[
        "case",
        "import",
        bad.to_str().expect("a UTF-8 path"),
        "--json",
    ]);
    assert_eq!(code(&o), 1);
    let err: serde_json::Value =
        serde_json::from_slice(&o.stderr).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    assert_eq!(err["error"]["code"], "input.invalid");
    assert_eq!(err["error"]["problems"][0]["path"], "partners[0].country");
    assert!(
        err["error"]["problems"][0]["file"]
            .as_str()
            .expect("a JSON string")
            .ends_with("bad.case.json")
    );
}

#[test]
fn malformed_and_hostile_files_are_rejected_precisely() {
    let env = Env::new_any();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("wrong-type.json", br#"{"format":"coopdesk.case/v1","title":"T","fields":"optics"}"#.to_vec(),
         "fields: invalid type: string \"optics\", expected a sequence"),
        ("bad-enum.json", br#"{"format":"coopdesk.case/v1","title":"T","activities":["beamtime","spying"]}"#.to_vec(),
         "activities[1]: unknown variant `spying`"),
        ("bad-kind.json", br#"{"format":"coopdesk.case/v1","title":"T","data":[{"description":"d","kind":"secret"}]}"#.to_vec(),
         "data[0].kind: unknown variant `secret`"),
        ("unknown-key.json", br#"{"format":"coopdesk.case/v1","title":"T","home":{"institution":"X","city":"Y"}}"#.to_vec(),
         "home.city: unknown field `city`, expected one of `institution`"),
        ("bad-date.json", br#"{"format":"coopdesk.case/v1","title":"T","start":"2027-02-30"}"#.to_vec(),
         "start: invalid value: string \"2027-02-30\", expected a calendar date written YYYY-MM-DD"),
        ("bad-code.json", br#"{"format":"coopdesk.case/v1","title":"T","items":[{"description":"laser","control_code":"laser"}]}"#.to_vec(),
         "items[0].control_code: expected an EU 2021/821 Annex I entry"),
        ("no-title.json", br#"{"format":"coopdesk.case/v1"}"#.to_vec(), "missing field `title`"),
        ("array.json", b"[1,2,3]".to_vec(), "expected a JSON object"),
        ("empty.json", b"".to_vec(), "not valid JSON"),
        ("truncated.json", br#"{"format":"coopdesk.case/v1","title":"#.to_vec(), "truncated.json:1:"),
        ("latin1.json", b"{\"format\":\"coopdesk.case/v1\",\"title\":\"M\xfcnchen\"}".to_vec(), "UTF-8"),
        ("deep.json", format!("{{\"format\":\"coopdesk.case/v1\",\"title\":\"T\",\"x-deep\":{}{}}}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
         "nesting is too deep"),
        ("huge-title.json", format!(r#"{{"format":"coopdesk.case/v1","title":"{}"}}"#, "x".repeat(200_000)).into_bytes(),
         "title: too long: 200000 characters"),
        ("huge-file.json", format!(r#"{{"format":"coopdesk.case/v1","title":"T","notes":"{}"}}"#, "n".repeat(9 * 1024 * 1024)).into_bytes(),
         "a case file may have at most"),
        ("nul.json", br#"{"format":"coopdesk.case/v1","title":"T\u0000"}"#.to_vec(), "title: contains the control character U+0000"),
        ("negative.json", br#"{"format":"coopdesk.case/v1","title":"T","funding":[{"source":"X","amount_eur":-5}]}"#.to_vec(),
         "funding[0].amount_eur: expected an amount of zero or more euros"),
        ("bad-id.json", br#"{"format":"coopdesk.case/v1","id":"../../etc/passwd","title":"T"}"#.to_vec(), "id: expected 1 to 64 letters"),
    ];
    for (name, content, expected) in cases {
        let f = env.file(name, content);
        let o = env.run(&["case", "import", f.to_str().expect("a UTF-8 path")]);
        assert_user_error(&o, expected);
        assert!(
            stderr(&o).contains(name),
            "{name}: the error names the file:\n{}",
            stderr(&o)
        );
    }
    let o = env.run(&["case", "list", "--json"]);
    assert_eq!(stdout(&o).trim(), "[]", "nothing was imported");
}

#[test]
fn several_files_are_imported_all_or_nothing_and_a_failure_changes_no_byte() {
    let env = Env::new();
    let seed = env.file(
        "seed.case.json",
        r#"{"format":"coopdesk.case/v1","id":"SEED","title":"Existing case"}"#,
    );
    assert_eq!(
        code(&env.run(&["case", "import", seed.to_str().expect("a UTF-8 path")])),
        0
    );
    let before = std::fs::read(env.db()).expect("a readable file");

    let good = env.file("good.case.json", FULL_CASE);
    let bad = env.file(
        "bad.case.json",
        r#"{"format":"coopdesk.case/v1","title":"T","status":"finished"}"#,
    );
    let dup = env.file(
        "dup.case.json",
        r#"{"format":"coopdesk.case/v1","id":"SEED","title":"Clash"}"#,
    );
    let o = env.run(&[
        "case",
        "import",
        good.to_str().expect("a UTF-8 path"),
        bad.to_str().expect("a UTF-8 path"),
    ]);
    assert_user_error(&o, "bad.case.json: status: unknown variant `finished`");
    let o = env.run(&[
        "case",
        "import",
        good.to_str().expect("a UTF-8 path"),
        dup.to_str().expect("a UTF-8 path"),
    ]);
    assert_user_error(
        &o,
        "dup.case.json: id: a case with id \"SEED\" already exists",
    );

    assert_eq!(
        std::fs::read(env.db()).expect("a readable file"),
        before,
        "the database file is byte-for-byte unchanged"
    );
    let o = env.run(&["case", "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_untouched() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["info"])), 0);
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "user_version", 42)
            .unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "journal_mode", "DELETE")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = std::fs::read(env.db()).expect("a readable file");
    let o = env.run(&["case", "list"]);
    assert_user_error(&o, "schema version 42");
    assert!(stderr(&o).contains("newer version"), "{}", stderr(&o));
    assert_eq!(std::fs::read(env.db()).expect("a readable file"), before);
    let o = env.run(&["case", "list", "--json"]);
    let err: serde_json::Value = serde_json::from_slice(&o.stderr).expect("valid JSON");
    assert_eq!(err["error"]["code"], "db.too_new");
}

#[test]
fn demo_database_has_realistic_cases_and_info_shows_where_data_lives() {
    let env = Env::new();
    let demo = env.dir.path().join("demo.sqlite");
    let o = env.run_on(&demo, &["demo", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let info: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info["demo"], true);
    let count = info["case_count"].as_i64().expect("a JSON number");
    assert!(
        (8..=10).contains(&count),
        "8 to 10 demo cases, found {count}"
    );
    assert!(
        info["path"]
            .as_str()
            .expect("a JSON string")
            .ends_with("demo.sqlite")
    );

    // Without --db, the data directory is used (here the test's own, via COOPDESK_DATA_DIR).
    let o = Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .env("COOPDESK_DATA_DIR", env.dir.path().join("data"))
        .args(["info", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let info: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let expected = env.dir.path().join("data").join("cases.sqlite");
    assert_eq!(info["path"].as_str().map(PathBuf::from), Some(expected));
}

#[test]
fn assess_prints_the_contract_shape_with_reasons() {
    let env = Env::new_any();
    let f = env.file("full.case.json", FULL_CASE);
    assert_eq!(
        code(&env.run(&["case", "import", f.to_str().expect("a UTF-8 path")])),
        0
    );
    let o = env.run(&["--json", "assess", "CLI-1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a["case"], "CLI-1");
    assert!(a["template"]["id"].is_string() && a["template"]["version"].is_string());
    let topics: Vec<&str> = a["topics"]
        .as_array()
        .map(|t| t.iter().filter_map(|x| x["topic"].as_str()).collect())
        .expect("the value the test needs");
    assert_eq!(topics, vec!["reciprocity", "integrity", "ip", "dual_use"]);
    for t in a["topics"].as_array().into_iter().flatten() {
        assert!(
            ["low", "medium", "high", "critical"]
                .contains(&t["level"].as_str().expect("a JSON string"))
        );
        assert!(t["reasons"].is_array());
    }
    // The 6A002 detector going to China: du-02 answered yes by the case → export control is required,
    // and the reason names the question.
    let escalations = a["escalations"].to_string();
    assert!(escalations.contains("export_control"), "{escalations}");
    let du = a["topics"][3]["reasons"].to_string();
    assert!(du.contains("du-02"), "{du}");
    assert!(
        ["proceed", "proceed_with_conditions", "escalate", "decline"]
            .contains(&a["recommendation"].as_str().expect("a JSON string"))
    );
    assert!(a["conditions"].as_array().is_some_and(|c| !c.is_empty()));
    assert!(
        a["open_points"].to_string().contains("rec-03"),
        "unsure rec-03 is open"
    );
    // German reasons on request; the level is the same.
    let de = env.run(&["--json", "assess", "CLI-1", "--lang", "de"]);
    let d: serde_json::Value = serde_json::from_str(&stdout(&de)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d["overall"], a["overall"]);
    assert_ne!(d["topics"][3]["reasons"], a["topics"][3]["reasons"]);
    // The list now shows the overall level.
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["--json", "case", "list"]))).expect("valid JSON");
    assert_eq!(list[0]["overall"], a["overall"]);
    assert_user_error(&env.run(&["assess", "NOPE"]), "NOPE");
}

#[test]
fn action_plan_and_overrides_from_the_command_line() {
    let env = Env::new();
    let f = env.file("full.case.json", FULL_CASE);
    assert_eq!(
        code(&env.run(&["case", "import", f.to_str().expect("a UTF-8 path")])),
        0
    );
    let json = |o: &Output| -> serde_json::Value {
        assert_eq!(code(o), 0, "{}", stderr(o));
        serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
    };
    // The assessment suggests conditions; none is in the plan yet.
    let plan = json(&env.run(&["--json", "action", "list", "CLI-1"]));
    assert_eq!(plan["actions"], serde_json::json!([]));
    let first = plan["suggested"][0]["mitigation"]
        .as_str()
        .unwrap_or_else(|| panic!("no suggested condition: {plan}"))
        .to_owned();
    // Taking one over fills in its text and owner role; an own follow-up needs a title.
    let plan = json(&env.run(&[
        "--json",
        "action",
        "add",
        "CLI-1",
        "--mitigation",
        &first,
        "--due",
        "2001-02-03",
    ]));
    assert_eq!(plan["actions"][0]["action"]["mitigation"], first.as_str());
    assert_eq!(plan["actions"][0]["overdue"], true);
    assert!(
        plan["actions"][0]["action"]["title"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert!(
        !plan["suggested"]
            .to_string()
            .contains(&format!("\"{first}\""))
    );
    let text = stdout(&env.run(&["action", "list", "CLI-1"]));
    assert!(text.contains("act-1") && text.contains("OVERDUE"), "{text}");
    let list = json(&env.run(&["--json", "case", "list"]));
    assert_eq!(list[0]["overdue_actions"], 1);
    // Met: no longer overdue; other fields keep their values.
    let plan = json(&env.run(&[
        "--json",
        "action",
        "set",
        "CLI-1",
        "act-1",
        "--status",
        "met",
        "--note",
        "plan signed",
    ]));
    assert_eq!(plan["actions"][0]["overdue"], false);
    assert_eq!(plan["actions"][0]["action"]["due"], "2001-02-03");
    assert_user_error(
        &env.run(&["action", "add", "CLI-1", "--mitigation", "nope"]),
        "nope",
    );
    assert_user_error(
        &env.run(&["action", "set", "CLI-1", "act-9", "--status", "met"]),
        "act-9",
    );
    assert_eq!(
        code(&env.run(&[
            "action",
            "add",
            "CLI-1",
            "--due",
            "2001-13-01",
            "--title",
            "x"
        ])),
        2
    );

    // A hand-set level needs a justification and a name, and shows both in the reasons.
    assert_eq!(code(&env.run(&["override", "CLI-1", "ip", "low"])), 2);
    let r = json(&env.run(&[
        "--json",
        "override",
        "CLI-1",
        "ip",
        "critical",
        "--justification",
        "The partner's patent office claims the detector design",
        "--by",
        "A. Director",
    ]));
    assert_eq!(r["topics"][2]["level"], "critical");
    assert!(
        r["topics"][2]["reasons"]
            .to_string()
            .contains("claims the detector design")
    );
    assert_user_error(
        &env.run(&[
            "override",
            "CLI-1",
            "ip",
            "low",
            "--justification",
            " ",
            "--by",
            "X",
        ]),
        "justification",
    );
    let r = json(&env.run(&["--json", "override", "CLI-1", "ip", "--clear"]));
    assert!(
        !r["topics"][2]["reasons"]
            .to_string()
            .contains("claims the detector design")
    );
}

#[test]
fn lifecycle_sign_off_history_and_a_tamper_evident_audit_log() {
    let env = Env::new();
    let f = env.file("full.case.json", FULL_CASE);
    assert_eq!(
        code(&env.run(&["case", "import", f.to_str().expect("a UTF-8 path")])),
        0
    );
    // The case arrives in review; sent back, it is a draft, which cannot be approved directly (the
    // message says what is possible).
    assert_eq!(
        code(&env.run(&["case", "transition", "CLI-1", "draft", "--by", "Office"])),
        0
    );
    assert_user_error(
        &env.run(&[
            "case",
            "transition",
            "CLI-1",
            "approved",
            "--by",
            "A. Director",
        ]),
        "can move to in_review, withdrawn",
    );
    let ok = |args: &[&str]| {
        let o = env.run(args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    ok(&["case", "transition", "CLI-1", "in_review", "--by", "Office"]);
    let signed = ok(&[
        "--json",
        "case",
        "transition",
        "CLI-1",
        "approved_with_conditions",
        "--by",
        "Prof. Dr. Eva Brandt",
        "--role",
        "Director",
        "--comment",
        "Only with the export-control sign-off.",
        // Key questions are still open (the assessment is provisional): the decision says why it
        // cannot wait.
        "--justification",
        "The loan is due for commissioning in March; the open answers follow with the export licence.",
    ]);
    let t: serde_json::Value = serde_json::from_str(&signed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t["transition"]["to"], "approved_with_conditions");
    assert_eq!(t["transition"]["role"], "Director");
    // The decided case is frozen: answers and levels cannot change, the action plan can.
    assert_user_error(
        &env.run(&[
            "override",
            "CLI-1",
            "ip",
            "low",
            "--justification",
            "x",
            "--by",
            "y",
        ]),
        "frozen",
    );
    ok(&[
        "action",
        "add",
        "CLI-1",
        "--title",
        "Send the signed end-use statement",
        "--due",
        "2030-01-01",
    ]);
    // Reopening starts a new revision; history keeps every step and field-level changes.
    ok(&[
        "case",
        "transition",
        "CLI-1",
        "draft",
        "--by",
        "Office",
        "--comment",
        "Partner changed",
    ]);
    let h: serde_json::Value =
        serde_json::from_str(&ok(&["--json", "case", "history", "CLI-1"])).expect("valid JSON");
    let steps: Vec<&str> = h["transitions"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["to"].as_str()).collect())
        .expect("the value the test needs");
    assert_eq!(
        steps,
        ["draft", "in_review", "approved_with_conditions", "draft"]
    );
    let newest = &h["revisions"][0];
    assert_eq!(newest["revision"]["status"], "draft");
    let changes = h["revisions"][1]["changes"].to_string();
    assert!(changes.contains("actions[0]"), "{changes}");
    let text = ok(&["case", "history", "CLI-1"]);
    assert!(
        text.contains("by Prof. Dr. Eva Brandt (Director)"),
        "{text}"
    );
    assert!(
        text.contains("justification (provisional assessment): The loan is due"),
        "{text}"
    );

    // The audit chain checks out, and an edited entry is found and named.
    let v = ok(&["audit", "verify"]);
    assert!(v.contains("intact"), "{v}");
    let conn = rusqlite::Connection::open(env.db()).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 3;",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    let o = env.run(&["--json", "audit", "verify"]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["ok"], false);
    assert_eq!(v["broken"]["seq"], 3, "{v}");
}

/// Text of a PDF as `pdftotext` extracts it.
fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) must be installed: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn briefings_reports_and_verifying_the_approved_briefing() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo"])), 0);
    let dir = env.dir.path();
    let draft = dir.join("draft.pdf");
    let o = env.run(&[
        "brief",
        "DEMO-04",
        "-o",
        draft.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = pdf_text(&draft);
    assert!(
        text.contains("中国科学技术大学"),
        "Chinese partner name not extractable"
    );
    assert!(text.contains("Sign-off"), "{text}");
    let de = dir.join("de.pdf");
    let o = env.run(&[
        "brief",
        "DEMO-04",
        "-o",
        de.to_str().expect("a UTF-8 path"),
        "--lang",
        "de",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        pdf_text(&de).contains("Freigabe"),
        "no German sign-off heading"
    );
    // A briefing that was never approved is not recognised.
    assert_eq!(
        code(&env.run(&["verify", draft.to_str().expect("a UTF-8 path")])),
        1
    );

    // Deciding stores the approved briefing; `brief` then gives exactly that file, and verify names it.
    let o = env.run(&[
        "case",
        "transition",
        "DEMO-04",
        "declined",
        "--by",
        "Prof. Eva Brandt",
        "--role",
        "Director",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let approved = dir.join("approved.pdf");
    let o = env.run(&[
        "--json",
        "brief",
        "DEMO-04",
        "-o",
        approved.to_str().expect("a UTF-8 path"),
    ]);
    let w: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(w["approved"], true, "{w}");
    assert!(pdf_text(&approved).contains("Prof. Eva Brandt"));
    let o = env.run(&["--json", "verify", approved.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["decision"]["case_id"], "DEMO-04");
    assert_eq!(v["decision"]["to"], "declined");
    assert!(
        v["decision"]["revision"].as_i64().is_some_and(|r| r >= 2),
        "{v}"
    );
    assert_eq!(v["current"], true);
    // One changed byte and it is no longer the approved briefing.
    let mut bytes = std::fs::read(&approved).expect("a readable file");
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    let forged = env.file("forged.pdf", bytes);
    assert_eq!(
        code(&env.run(&["verify", forged.to_str().expect("a UTF-8 path")])),
        1
    );
    // Reopened, the approved briefing is still recognised but no longer current.
    assert_eq!(
        code(&env.run(&["case", "transition", "DEMO-04", "draft", "--by", "Office"])),
        0
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&env.run(&[
        "--json",
        "verify",
        approved.to_str().expect("a UTF-8 path"),
    ])))
    .expect("valid JSON");
    assert_eq!(
        (v["approved"].clone(), v["current"].clone()),
        (true.into(), false.into())
    );

    // The portfolio report lists the open cases.
    let report = dir.join("report.pdf");
    let o = env.run(&["report", "-o", report.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = pdf_text(&report);
    assert!(
        text.contains("DEMO-02") && text.contains("DEMO-04"),
        "{text}"
    );
    assert!(!text.contains("DEMO-05"), "a declined case is not open");
    // A folder that cannot be written to gives a clear error and no file.
    let o = env.run(&["brief", "DEMO-02", "-o", "/proc/coopdesk/none.pdf"]);
    assert_user_error(&o, "/proc/coopdesk");
}

#[test]
fn backup_and_checked_restore() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo"])), 0);
    let copy = env.dir.path().join("copy.sqlite");
    let o = env.run(&[
        "--json",
        "backup",
        "-o",
        copy.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let b: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(b["case_count"], 10);
    let list = || stdout(&env.run(&["--json", "case", "list"]));
    let before = list();
    let o = env.run(&[
        "case",
        "transition",
        "DEMO-06",
        "withdrawn",
        "--by",
        "Office",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_ne!(list(), before);
    // A damaged file is refused with its name, and nothing changes.
    let mut bytes = std::fs::read(&copy).expect("a readable file");
    bytes.truncate(bytes.len() / 3);
    let damaged = env.file("damaged.sqlite", bytes);
    let changed = list();
    assert_user_error(
        &env.run(&["restore", damaged.to_str().expect("a UTF-8 path")]),
        "damaged.sqlite",
    );
    assert_eq!(list(), changed);
    // The good backup restores exactly what was saved; the audit chain stays whole.
    let o = env.run(&["restore", copy.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(list(), before);
    assert_eq!(code(&env.run(&["audit", "verify"])), 0);
}

#[test]
fn templates_are_validated_precisely_and_imported_as_versions() {
    let env = Env::new();
    let good = include_str!("../../crates/coopdesk-assess/tests/fixtures/small.toml");
    let bad = good.replacen("weight = 2 }", "weight = 7 }", 1);
    let bad_file = env.file("bad.toml", &bad);
    let o = env.run(&[
        "template",
        "validate",
        bad_file.to_str().expect("a UTF-8 path"),
    ]);
    assert_user_error(&o, "bad.toml:");
    assert!(
        stderr(&o).contains("question[0].risk.weight: expected a weight from 1 to 3, found 7"),
        "{}",
        stderr(&o)
    );
    let line = bad
        .lines()
        .position(|l| l.contains("weight = 7"))
        .map(|i| i + 1)
        .expect("the value the test needs");
    assert!(
        stderr(&o).contains(&format!("bad.toml:{line}:")),
        "line {line}: {}",
        stderr(&o)
    );
    // A bad template changes nothing.
    assert_eq!(code(&env.run(&["info"])), 0);
    let before = std::fs::read(env.db()).expect("a readable file");
    assert_user_error(
        &env.run(&[
            "template",
            "import",
            bad_file.to_str().expect("a UTF-8 path"),
        ]),
        "weight",
    );
    assert_eq!(
        std::fs::read(env.db()).expect("a readable file"),
        before,
        "database unchanged"
    );

    let own = good.replacen("id = \"small\"", "id = \"our-office\"", 1);
    let own_file = env.file("own.toml", &own);
    let o = env.run(&[
        "template",
        "validate",
        own_file.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = env.run(&[
        "--json",
        "template",
        "import",
        own_file.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["--json", "template", "list"])))
            .expect("valid JSON");
    let rows = list.as_array().cloned().expect("a JSON array");
    assert!(
        rows.iter()
            .any(|r| r["id"] == "our-office" && r["is_default"] == false),
        "{list}"
    );
    assert!(
        rows.iter()
            .any(|r| r["builtin"] == true && r["is_default"] == true),
        "{list}"
    );
    // Same id and version with other content is refused.
    let changed = env.file(
        "own2.toml",
        own.replacen("Small test template", "Changed", 1),
    );
    assert_user_error(
        &env.run(&[
            "template",
            "import",
            changed.to_str().expect("a UTF-8 path"),
        ]),
        "give the changed template a new version",
    );
}

#[test]
fn screen_prints_the_contract_shape_best_hit_first() {
    let env = Env::new_any();
    // A listed university written in traditional characters.
    let o = env.run(&["--json", "screen", "哈爾濱工業大學"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["query"], "哈爾濱工業大學");
    let hits = r["hits"].as_array().cloned().expect("a JSON array");
    assert_eq!(
        hits.first().map(|h| h["entity"].clone()),
        Some(serde_json::json!("el-hit"))
    );
    for h in &hits {
        for key in ["entity", "name", "list", "matched", "why"] {
            assert!(h[key].is_string(), "{key} in {h}");
        }
        let score = h["score"].as_f64().unwrap_or(-1.0);
        assert!(
            (r["threshold"].as_f64().unwrap_or(2.0)..=1.0).contains(&score),
            "{h}"
        );
    }
    // An institute of a listed parent is a hit through the parent, and says so.
    let o = env.run(&[
        "--json",
        "screen",
        "Institute of Fluid Physics, China Academy of Engineering Physics",
    ]);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert!(
        r["hits"]
            .as_array()
            .is_some_and(|h| h.iter().any(|h| h["entity"] == "el-caep"
                && h["why"].as_str().is_some_and(|w| w.contains("unit")))),
        "{r}"
    );
    // A clean name has no hits.
    let o = env.run(&["--json", "screen", "Deutsches Elektronen-Synchrotron DESY"]);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(r["hits"], serde_json::json!([]));
}

/// A CSL download (CSV) with the given rows of `id,type,name`.
fn csl_csv(rows: &[(&str, &str, &str)]) -> String {
    let mut out = String::from(
        "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,alt_names\n",
    );
    for (id, kind, name) in rows {
        out.push_str(&format!(
            "{id},Entity List (EL) - Bureau of Industry and Security,,{kind},,{name},,\"Hefei, CN\",89 FR 1,2026-01-02,\n"
        ));
    }
    out
}

#[test]
fn lists_import_records_provenance_rescreens_cases_and_recognises_a_repeat() {
    let env = Env::new_any();
    let case = env.file(
        "acme.case.json",
        r#"{"format":"coopdesk.case/v1","id":"ACME","title":"Photon detectors",
            "partners":[{"name":"Hefei Quantum Photonics Co., Ltd.","country":"CN","role":"co_applicant"}]}"#,
    );
    assert_eq!(
        code(&env.run(&["case", "import", case.to_str().expect("a UTF-8 path")])),
        0
    );
    // A fresh database has the bundled snapshot.
    let o = env.run(&["--json", "lists", "show"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(rows[0]["list_name"], "bundled");
    assert_eq!(rows[0]["builtin"], true);

    let list = env.file(
        "csl.csv",
        csl_csv(&[
            ("csl-1", "Entity", "Hefei Quantum Photonics Company Limited"),
            ("csl-2", "Individual", "Zhang San"),
        ]),
    );
    let path = list.to_str().expect("a UTF-8 path");
    let o = env.run(&["--json", "lists", "import", path, "--format", "csl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["already_imported"], false);
    assert_eq!(r["snapshot"]["list_name"], "us_csl");
    assert_eq!(r["snapshot"]["format"], "csl");
    assert_eq!(r["snapshot"]["file_name"], "csl.csv");
    assert_eq!(r["snapshot"]["entry_count"], 1);
    assert_eq!(r["snapshot"]["skipped"], 1);
    assert_eq!(
        r["snapshot"]["sha256"].as_str().map(str::len),
        Some(64),
        "{r}"
    );
    assert_eq!(r["diff"]["added"], serde_json::json!(["csl-1"]));
    assert_eq!(r["changed_cases"][0]["case_id"], "ACME");
    assert_eq!(
        r["changed_cases"][0]["partners"][0]["gained"][0]["entity"],
        "csl-1"
    );
    assert!(r["changed_cases"][0]["level_after"].is_string());

    // Screening sees the new list at once.
    let o = env.run(&["--json", "screen", "Hefei Quantum Photonics"]);
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(s["hits"][0]["entity"], "csl-1");
    assert_eq!(s["hits"][0]["list_name"], "us_csl");

    // The same file again is recognised by its hash; nothing is added.
    let o = env.run(&["lists", "import", path, "--format", "csl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("already stored"), "{}", stdout(&o));
    let o = env.run(&["--json", "lists", "show"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    let o = env.run(&["lists", "show"]);
    assert!(
        stdout(&o).contains("us_csl") && stdout(&o).contains("sha256"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_bad_list_file_is_refused_precisely_and_changes_no_byte() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["info"])), 0);
    let before = std::fs::read(env.db()).expect("a readable file");
    let bundled = include_str!("../../assets/reference/restricted_entities.csv");
    let header = bundled.lines().next().expect("the value the test needs");
    let bad = env.file(
        "office.csv",
        format!("{header}\nx-1,Good Name,,,,,CN,office_list,,,,\nx-2,Bad Name,,,,,China,office_list,,,,\n"),
    );
    let o = env.run(&[
        "lists",
        "import",
        bad.to_str().expect("a UTF-8 path"),
        "--format",
        "csv",
    ]);
    assert_user_error(&o, "office.csv: line 3: country: expected");
    let o = env.run(&[
        "--json",
        "lists",
        "import",
        bad.to_str().expect("a UTF-8 path"),
        "--format",
        "csv",
    ]);
    let err: serde_json::Value = serde_json::from_slice(&o.stderr).expect("valid JSON");
    assert_eq!(err["error"]["code"], "input.invalid");
    assert_eq!(err["error"]["problems"][0]["line"], 3);
    assert_eq!(err["error"]["problems"][0]["path"], "country");
    assert_eq!(
        std::fs::read(env.db()).expect("a readable file"),
        before,
        "the database file is byte-for-byte unchanged"
    );
    let o = env.run(&[
        "lists",
        "import",
        bad.to_str().expect("a UTF-8 path"),
        "--format",
        "xml",
    ]);
    assert_eq!(code(&o), 2, "an unknown format is a usage error");
}

#[test]
fn hits_are_shown_per_partner_and_reviewed() {
    let env = Env::new();
    let case = env.file(
        "hit.case.json",
        r#"{"format":"coopdesk.case/v1","id":"HIT","title":"Joint optics lab",
            "partners":[{"name":"Harbin Institute of Technology","country":"CN","role":"co_applicant"}]}"#,
    );
    assert_eq!(
        code(&env.run(&["case", "import", case.to_str().expect("a UTF-8 path")])),
        0
    );
    let o = env.run(&["--json", "hits", "show", "HIT"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    let org = s["partners"][0]["organisation"]["id"]
        .as_str()
        .expect("a JSON string")
        .to_owned();
    let hit = &s["partners"][0]["hits"][0];
    assert_eq!(hit["entity"], "el-hit");
    assert_eq!(hit["list_name"], "bundled");
    assert_eq!(hit["state"], "unreviewed");

    let o = env.run(&[
        "--json",
        "hits",
        "review",
        &org,
        "el-hit",
        "--list",
        "bundled",
        "--decision",
        "false_positive",
        "--by",
        "A. Reviewer",
        "--note",
        "a namesake",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let p: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p["hits"][0]["state"], "false_positive");
    assert_eq!(p["hits"][0]["review"]["by"], "A. Reviewer");
    let o = env.run(&["hits", "show", "HIT"]);
    assert!(
        stdout(&o).contains("false positive") && stdout(&o).contains("a namesake"),
        "{}",
        stdout(&o)
    );
    // A false positive is left out of the assessment.
    let a = stdout(&env.run(&["--json", "assess", "HIT"]));
    assert!(!a.contains("Harbin Institute of Technology ~"), "{a}");

    assert_user_error(
        &env.run(&[
            "hits",
            "review",
            &org,
            "el-nudt",
            "--list",
            "bundled",
            "--decision",
            "confirmed",
            "--by",
            "A",
        ]),
        "has no hit of entity \"el-nudt\"",
    );
    let o = env.run(&[
        "hits",
        "review",
        &org,
        "el-hit",
        "--list",
        "bundled",
        "--decision",
        "maybe",
        "--by",
        "A",
    ]);
    assert_eq!(code(&o), 2, "an unknown decision is a usage error");
}

#[test]
fn undecided_cases_adopt_a_newer_template_version_and_decided_ones_keep_theirs() {
    let env = Env::new();
    let case = |id: &str| {
        format!(
            r#"{{"format": "coopdesk.case/v1", "id": "{id}", "title": "Theory collaboration {id}",
                "partners": [{{"name": "Sun Yat-sen University", "country": "CN", "kind": "university", "role": "co_applicant"}}],
                "activities": ["joint_publication"], "fields": ["string theory"]}}"#
        )
    };
    let a = env.file("a.case.json", case("T-A"));
    let b = env.file("b.case.json", case("T-B"));
    let o = env.run(&["case", "import", path_str(&a), path_str(&b)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for id in ["T-A", "T-B"] {
        assert_eq!(code(&env.run(&["assess", id])), 0);
    }
    let o = env.run(&["case", "transition", "T-B", "withdrawn", "--by", "Office"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    // A newer version of the built-in template becomes the default; the cases stay where they were.
    let newer = coopdesk_assess::builtin::BUILTIN_SOURCE.replacen(
        "version = \"1.2.0\"",
        "version = \"1.3.0\"",
        1,
    );
    let file = env.file("newer.toml", newer);
    let o = env.run(&["template", "import", path_str(&file), "--default"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let version = |id: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&env.run(&["--json", "assess", id])))
                .unwrap_or_else(|e| panic!("{e}"));
        v["template"]["version"]
            .as_str()
            .expect("a JSON string")
            .to_owned()
    };
    assert_eq!(version("T-A"), "1.2.0");

    // The withdrawn case is refused by name and nothing changes.
    let before = std::fs::read(env.db()).unwrap_or_else(|e| panic!("{e}"));
    assert_user_error(
        &env.run(&["template", "adopt", "T-B"]),
        "keeps the template version it was decided with",
    );
    assert_eq!(std::fs::read(env.db()).expect("a readable file"), before);

    let o = env.run(&["--json", "template", "adopt", "--all"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let done: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done["moved"], serde_json::json!(["T-A"]), "{done}");
    assert_eq!(done["template"]["version"], "1.3.0");
    assert_eq!(version("T-A"), "1.3.0");
    assert_eq!(version("T-B"), "1.2.0");
    // Nothing left to move.
    let o = env.run(&["template", "adopt", "--all"]);
    assert!(stdout(&o).contains("already uses"), "{}", stdout(&o));
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("non-UTF-8 path {}", p.display()))
}
