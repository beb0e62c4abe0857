//! `coopdesk bundle export|import`: cases with their evidence between offices, conflicts resolved by
//! the importer's choice, and every bad bundle refused without changing a byte.

use super::*;

/// Office A: the full case in review, plus a second one.
fn sender(env: &Env) -> PathBuf {
    let a = env.dir.path().join("office-a.sqlite");
    let f = env.file("full.case.json", FULL_CASE);
    let g = env.file(
        "second.case.json",
        r#"{"format": "coopdesk.case/v1", "id": "CLI-2", "title": "Staff exchange with USTC",
            "partners": [{"name": "中国科学技术大学", "country": "CN", "role": "co_applicant"}]}"#,
    );
    let o = env.run_on(
        &a,
        &[
            "case",
            "import",
            f.to_str().expect("a UTF-8 path"),
            g.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    a
}

fn export_bundle(env: &Env, db: &Path, name: &str) -> PathBuf {
    let out = env.dir.path().join(name);
    let o = env.run_on(
        db,
        &[
            "bundle",
            "export",
            "CLI-1",
            "CLI-2",
            "-o",
            out.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    out
}

fn json_of(o: &Output) -> serde_json::Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn outcomes(v: &serde_json::Value) -> Vec<(String, String)> {
    v["cases"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .map(|c| {
                    (
                        c["source_id"].as_str().expect("valid JSON").to_owned(),
                        c["outcome"].as_str().expect("a JSON string").to_owned(),
                    )
                })
                .collect()
        })
        .expect("the value the test needs")
}

fn case_text(env: &Env, db: &Path, id: &str) -> serde_json::Value {
    json_of(&env.run_on(db, &["case", "export", id, "-o", "-"]))
}

#[test]
fn a_bundle_carries_cases_with_their_evidence_to_another_office() {
    let env = Env::new();
    let a = sender(&env);
    let file = export_bundle(&env, &a, "to-b.bundle.json");
    let bundle: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("a readable file"))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bundle["format"], "coopdesk.bundle/v1");
    assert_eq!(
        bundle["templates"].as_array().map(Vec::len),
        Some(1),
        "the template version both cases use is carried once"
    );
    let first = &bundle["cases"][0];
    assert_eq!(first["template"]["id"], bundle["templates"][0]["id"]);
    assert!(first["assessment"]["topics"].is_array(), "{first}");
    assert!(first["screening"]["partners"].is_array(), "{first}");
    assert!(
        first["audit"]
            .as_array()
            .is_some_and(|a| a.iter().any(|e| e["action"] == "case.import")),
        "the audit excerpt names the import at office A"
    );

    // Office B takes both over: the same cases, assessed with the carried template.
    let b = env.dir.path().join("office-b.sqlite");
    let v = json_of(&env.run_on(
        &b,
        &[
            "--json",
            "bundle",
            "import",
            file.to_str().expect("a UTF-8 path"),
        ],
    ));
    assert_eq!(
        outcomes(&v),
        vec![
            ("CLI-1".to_owned(), "added".to_owned()),
            ("CLI-2".to_owned(), "added".to_owned())
        ]
    );
    assert_eq!(case_text(&env, &b, "CLI-1"), case_text(&env, &a, "CLI-1"));
    let level =
        |db: &Path| json_of(&env.run_on(db, &["--json", "assess", "CLI-1"]))["overall"].clone();
    assert_eq!(
        level(&b),
        level(&a),
        "same facts, same template, same lists: same level"
    );
    let received = json_of(&env.run_on(&b, &["--json", "bundle", "received", "CLI-1"]));
    assert_eq!(received[0]["how"], "new");
    assert_eq!(received[0]["source_case_id"], "CLI-1");
    assert!(received[0]["evidence"]["assessment"]["topics"].is_array());
    let history = stdout(&env.run_on(&b, &["case", "history", "CLI-1"]));
    assert!(history.contains("bundle.import"), "{history}");

    // The same bundle again: nothing to do.
    let v = json_of(&env.run_on(
        &b,
        &[
            "--json",
            "bundle",
            "import",
            file.to_str().expect("a UTF-8 path"),
        ],
    ));
    assert!(outcomes(&v).iter().all(|(_, o)| o == "unchanged"), "{v}");
    let o = env.run_on(&b, &["audit", "verify"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn conflicts_change_nothing_until_the_importer_chooses_keep_replace_or_copy() {
    let env = Env::new();
    let a = sender(&env);
    let b = env.dir.path().join("office-b.sqlite");
    let first = export_bundle(&env, &a, "first.bundle.json");
    assert_eq!(
        code(&env.run_on(
            &b,
            &["bundle", "import", first.to_str().expect("a UTF-8 path")]
        )),
        0
    );

    // Office A adds an action to CLI-1; its new bundle conflicts with B's copy of CLI-1 only.
    let o = env.run_on(
        &a,
        &[
            "action",
            "add",
            "CLI-1",
            "--title",
            "Check the loan contract",
            "--owner",
            "Legal",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let second = export_bundle(&env, &a, "second.bundle.json");
    let second = second.to_str().expect("a UTF-8 path");

    let before = std::fs::read(&b).expect("a readable file");
    let o = env.run_on(&b, &["bundle", "import", second]);
    assert_user_error(&o, "cases[0].case.id: a different case \"CLI-1\"");
    assert!(stderr(&o).contains("--on-conflict"), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("CLI-2"),
        "CLI-2 is the same on both sides: {}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&b).expect("a readable file"),
        before,
        "a conflict changes no byte"
    );
    let o = env.run_on(&b, &["--json", "bundle", "import", second]);
    let err: serde_json::Value = serde_json::from_slice(&o.stderr).expect("valid JSON");
    assert_eq!(err["error"]["code"], "bundle.conflict", "{}", stderr(&o));

    let v = json_of(&env.run_on(
        &b,
        &[
            "--json",
            "bundle",
            "import",
            second,
            "--on-conflict",
            "keep",
        ],
    ));
    assert_eq!(
        outcomes(&v),
        vec![
            ("CLI-1".into(), "kept".into()),
            ("CLI-2".into(), "unchanged".into())
        ]
    );
    assert_ne!(case_text(&env, &b, "CLI-1"), case_text(&env, &a, "CLI-1"));

    let v = json_of(&env.run_on(
        &b,
        &[
            "--json",
            "bundle",
            "import",
            second,
            "--on-conflict",
            "copy",
        ],
    ));
    let copy_id = v["cases"][0]["id"]
        .as_str()
        .expect("a JSON string")
        .to_owned();
    assert_eq!(v["cases"][0]["outcome"], "copied");
    assert_ne!(copy_id, "CLI-1");
    let copy = case_text(&env, &b, &copy_id);
    assert_eq!(copy["actions"], case_text(&env, &a, "CLI-1")["actions"]);
    assert_eq!(copy["title"], "Detector module loan to HEPS");
    assert!(
        case_text(&env, &b, "CLI-1")["actions"].is_null(),
        "the stored case is untouched"
    );

    let v = json_of(&env.run_on(
        &b,
        &[
            "--json",
            "bundle",
            "import",
            second,
            "--on-conflict",
            "replace",
        ],
    ));
    assert_eq!(v["cases"][0]["outcome"], "replaced");
    assert_eq!(case_text(&env, &b, "CLI-1"), case_text(&env, &a, "CLI-1"));
    let history = json_of(&env.run_on(&b, &["--json", "case", "history", "CLI-1"]));
    let revisions = history["revisions"]
        .as_array()
        .map(Vec::len)
        .expect("the value the test needs");
    assert_eq!(
        revisions, 2,
        "replacing adds a revision and keeps the old one: {history}"
    );
    let received = json_of(&env.run_on(&b, &["--json", "bundle", "received", "CLI-1"]));
    assert_eq!(received.as_array().map(Vec::len), Some(2));
    assert_eq!(received[1]["how"], "replace");
    assert_eq!(code(&env.run_on(&b, &["audit", "verify"])), 0);
}

#[test]
fn a_decided_case_is_replaced_only_by_a_changed_action_plan() {
    let env = Env::new();
    let a = sender(&env);
    let b = env.dir.path().join("office-b.sqlite");
    let first = export_bundle(&env, &a, "first.bundle.json");
    assert_eq!(
        code(&env.run_on(
            &b,
            &["bundle", "import", first.to_str().expect("a UTF-8 path")]
        )),
        0
    );
    let o = env.run_on(
        &b,
        &[
            "case",
            "transition",
            "CLI-1",
            "declined",
            "--by",
            "A. Director",
            // Its key questions are still open: the assessment is provisional.
            "--justification",
            "Declined on the facts at hand.",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = std::fs::read(&b).expect("a readable file");
    // Office A's CLI-1 is still in review: replacing B's declined case would undo the decision.
    let o = env.run_on(
        &b,
        &[
            "bundle",
            "import",
            first.to_str().expect("a UTF-8 path"),
            "--on-conflict",
            "replace",
        ],
    );
    assert_user_error(&o, "is declined and frozen");
    assert_eq!(
        std::fs::read(&b).expect("a readable file"),
        before,
        "nothing of the bundle was written"
    );
}

#[test]
fn bad_bundles_are_refused_precisely_and_change_no_byte() {
    let env = Env::new();
    let a = sender(&env);
    let good = std::fs::read_to_string(export_bundle(&env, &a, "good.bundle.json"))
        .expect("a readable file");
    let b = env.dir.path().join("office-b.sqlite");
    drop(env.run_on(&b, &["info"]));
    let before = std::fs::read(&b).expect("a readable file");

    let mut v: serde_json::Value = serde_json::from_str(&good).expect("valid JSON");
    v["cases"][1]["audit"][0]["actor"] = "someone else".into();
    v["cases"][0]["case"]["partners"][0]["country"] = "China".into();
    v["templates"][0]["source"] = v["templates"][0]["source"]
        .as_str()
        .map(|s| s.replacen("weight = 3", "weight = 2", 1))
        .into();
    let bad = env.file("bad.bundle.json", v.to_string());
    let o = env.run_on(
        &b,
        &["bundle", "import", bad.to_str().expect("a UTF-8 path")],
    );
    let err = stderr(&o);
    assert_user_error(&o, "bad.bundle.json: cases[0].case.partners[0].country: ");
    assert!(err.contains("cases[1].audit[0].hash: "), "{err}");
    assert!(err.contains("templates[0].sha256: "), "{err}");

    // A template that no longer reads, with a matching hash: the template reader's error, placed.
    let mut v: serde_json::Value = serde_json::from_str(&good).expect("valid JSON");
    let source = v["templates"][0]["source"]
        .as_str()
        .expect("a JSON string")
        .replacen("weight = 3", "weight = 7", 1);
    v["templates"][0]["sha256"] = sha256_of(&source).into();
    v["templates"][0]["source"] = source.into();
    let bad = env.file("weight.bundle.json", v.to_string());
    let o = env.run_on(
        &b,
        &["bundle", "import", bad.to_str().expect("a UTF-8 path")],
    );
    assert_user_error(&o, "templates[0].source: line ");
    assert!(
        stderr(&o).contains("expected a weight from 1 to 3"),
        "{}",
        stderr(&o)
    );

    for (name, text, expected) in [
        (
            "case.bundle.json",
            FULL_CASE,
            "import it with `coopdesk case import`",
        ),
        ("empty.bundle.json", "", "not valid JSON"),
        (
            "latin1.bundle.json",
            "{\"format\": \"coopdesk.bundle/v1\", \"exported_by\": \"\u{00e9}\"}",
            "exported_at",
        ),
    ] {
        let f = env.file(name, text);
        assert_user_error(
            &env.run_on(&b, &["bundle", "import", f.to_str().expect("a UTF-8 path")]),
            expected,
        );
    }
    let invalid_utf8 = env.file("bytes.bundle.json", [b'{', 0xff, 0xfe, b'}']);
    assert_user_error(
        &env.run_on(
            &b,
            &[
                "bundle",
                "import",
                invalid_utf8.to_str().expect("a UTF-8 path"),
            ],
        ),
        "bytes.bundle.json",
    );
    let deep = env.file("deep.bundle.json", "[".repeat(5_000));
    assert_user_error(
        &env.run_on(
            &b,
            &["bundle", "import", deep.to_str().expect("a UTF-8 path")],
        ),
        "nesting is too deep",
    );
    assert_eq!(
        std::fs::read(&b).expect("a readable file"),
        before,
        "no bad bundle changed a byte"
    );
    assert_user_error(
        &env.run_on(&a, &["bundle", "export", "NOPE", "-o", "x.json"]),
        "NOPE",
    );
}

/// SHA-256 as the bundle writes it, through `sha256sum` so the test does not reuse the code under test.
fn sha256_of(text: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("sha256sum: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .expect("the value the test needs")
        .to_owned()
}
