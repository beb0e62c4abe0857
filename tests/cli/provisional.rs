//! A decision on a provisional assessment (key questions still unanswered) needs a written
//! justification: refused without one (exit 1, nothing changes), recorded with it in the history,
//! the audit chain and the approved briefing.

use super::*;

/// Harmless facts, no answers: the assessment is low or medium and provisional.
const PROVISIONAL_CASE: &str = r#"{
  "format": "coopdesk.case/v1", "id": "PRV-1", "title": "Joint paper on string theory", "status": "in_review",
  "partners": [{"name": "Example University of Physics", "country": "CN", "kind": "university", "role": "co_applicant"}],
  "fields": ["string theory"],
  "activities": ["joint_publication"]
}"#;

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn a_decision_on_a_provisional_assessment_needs_a_justification() {
    let env = Env::new();
    let f = env.file("p.case.json", PROVISIONAL_CASE);
    assert_eq!(
        code(&env.run(&["case", "import", f.to_str().expect("a UTF-8 path")])),
        0
    );
    let report = json(&env.run(&["--json", "assess", "PRV-1"]));
    assert_eq!(report["provisional"], true, "{report}");
    let open: Vec<String> = report["open_key_questions"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|q| q.as_str().map(str::to_owned))
                .collect()
        })
        .expect("the value the test needs");
    assert!(!open.is_empty());
    let audit_before = json(&env.run(&["--json", "audit", "log"]));
    let db_before = std::fs::read(env.db()).expect("a readable file");

    // Without a justification (or a blank one): refused, naming the open key questions; nothing changes.
    for extra in [&[][..], &["--justification", "   "][..]] {
        let mut args = vec![
            "case",
            "transition",
            "PRV-1",
            "approved",
            "--by",
            "Prof. Eva Brandt",
        ];
        args.extend_from_slice(extra);
        let o = env.run(&args);
        assert_user_error(&o, "provisional");
        assert!(stderr(&o).contains("justification"), "{}", stderr(&o));
        assert!(stderr(&o).contains(&open[0]), "{}", stderr(&o));
    }
    let o = env.run(&[
        "--json",
        "case",
        "transition",
        "PRV-1",
        "declined",
        "--by",
        "Prof. Eva Brandt",
    ]);
    assert_eq!(code(&o), 1);
    let e: serde_json::Value = serde_json::from_str(&stderr(&o)).expect("valid JSON");
    assert_eq!(e["error"]["code"], "input.invalid", "{e}");
    assert_eq!(e["error"]["problems"][0]["path"], "justification", "{e}");
    assert_eq!(json(&env.run(&["--json", "audit", "log"])), audit_before);
    let h = json(&env.run(&["--json", "case", "history", "PRV-1"]));
    assert_eq!(h["transitions"].as_array().map(Vec::len), Some(0), "{h}");
    assert_eq!(
        std::fs::read(env.db()).expect("a readable file"),
        db_before,
        "a refused decision changes no byte"
    );

    // With one: decided, the justification in the history, the audit chain and the briefing.
    let why = "The paper is due at the journal; the partner's answers are promised for May.";
    let t = json(&env.run(&[
        "--json",
        "case",
        "transition",
        "PRV-1",
        "approved",
        "--by",
        "Prof. Eva Brandt",
        "--role",
        "Director",
        "--justification",
        why,
    ]));
    assert_eq!(t["transition"]["justification"], why, "{t}");
    let h = json(&env.run(&["--json", "case", "history", "PRV-1"]));
    assert_eq!(h["transitions"][0]["justification"], why, "{h}");
    let text = stdout(&env.run(&["case", "history", "PRV-1"]));
    assert!(text.contains(why), "{text}");
    let v = stdout(&env.run(&["audit", "verify"]));
    assert!(v.contains("intact"), "{v}");

    let pdf = env.dir.path().join("approved.pdf");
    let w = json(&env.run(&[
        "--json",
        "brief",
        "PRV-1",
        "-o",
        pdf.to_str().expect("a UTF-8 path"),
    ]));
    assert_eq!(w["approved"], true, "{w}");
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Justification (provisional"), "{text}");
    assert!(
        text.contains("the partner's answers are promised for May"),
        "{text}"
    );
    assert!(
        text.contains("key questions open") || text.contains("key question open"),
        "{text}"
    );

    // A step that is not a decision needs no justification.
    assert_eq!(
        code(&env.run(&["case", "transition", "PRV-1", "draft", "--by", "Office"])),
        0
    );
}
