//! `coopdesk workshop`: a workshop recorded from a file is one revision; its minutes are written
//! again as a PDF and read back; a workshop carried in a case file (as a bundle or export brings
//! it) is listed and its minutes written too; an unknown workshop and a bad answer are user errors.

use super::*;

const WORKSHOP: &str = r#"{
  "started_at": "2026-03-02T09:00:00Z",
  "participants": ["Anna Berg", "Li Wei"],
  "answers": [
    {"question": "rec-03", "answer": "no", "comment": "The data stay at DESY.", "by": ["Anna Berg"], "disagreements": []},
    {"question": "du-02", "answer": "yes", "by": ["Anna Berg"], "disagreements": [{"by": "Li Wei", "comment": "The module is not controlled."}]}
  ]
}"#;

fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils): {e}"));
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn history_len(env: &Env) -> usize {
    let o = env.run(&["--json", "case", "history", "CLI-1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    v["revisions"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_recorded_workshop_is_one_revision_and_its_minutes_read_back() {
    let env = Env::new();
    let src = env.file("full.case.json", FULL_CASE);
    let o = env.run(&["case", "import", src.to_str().unwrap_or_default()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = history_len(&env);

    let file = env.file("ws.json", WORKSHOP);
    let o = env.run(&[
        "--json",
        "workshop",
        "record",
        "CLI-1",
        file.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let w: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(w["id"], "ws-1");
    assert_eq!(w["entries"][0]["before"], "unsure");
    assert_eq!(w["entries"][0]["answer"], "no");
    assert_eq!(history_len(&env), before + 1);

    let o = env.run(&["case", "show", "CLI-1", "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(shown["case"]["answers"]["rec-03"]["value"], "no", "{shown}");

    let pdf = env.dir.path().join("minutes.pdf");
    let o = env.run(&[
        "workshop",
        "minutes",
        "CLI-1",
        "-o",
        pdf.to_str().unwrap_or_default(),
        "--lang",
        "de",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("minutes.pdf"), "{}", stdout(&o));
    let text = pdf_text(&pdf);
    for want in [
        "Workshop-Protokoll",
        "Anna Berg, Li Wei",
        "Geänderte Antworten",
        "The module is not controlled.",
    ] {
        assert!(text.contains(want), "{want:?} missing: {text}");
    }

    let o = env.run(&["workshop", "list", "CLI-1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ws-1") && stdout(&o).contains("1 changed"),
        "{}",
        stdout(&o)
    );

    let o = env.run(&[
        "workshop",
        "minutes",
        "CLI-1",
        "--workshop",
        "ws-7",
        "-o",
        pdf.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("ws-7"), "{}", stderr(&o));

    let bad = env.file(
        "bad.json",
        WORKSHOP.replace("\"answer\": \"no\"", "\"answer\": \"maybe\""),
    );
    let o = env.run(&[
        "workshop",
        "record",
        "CLI-1",
        bad.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("answers[0].answer"), "{}", stderr(&o));
    assert_eq!(
        history_len(&env),
        before + 1,
        "a refused workshop changes nothing"
    );
}

#[test]
fn a_workshop_carried_in_a_case_file_comes_back_with_its_minutes() {
    let env = Env::new();
    let with_workshop = FULL_CASE.replacen(
        "\"answers\":",
        r#""workshops": [{"id": "ws-1", "started_at": "2026-03-02T09:00:00Z", "finished_at": "2026-03-02T10:30:00Z",
           "participants": ["Anna Berg"], "entries": [{"question": "du-02", "answer": "yes", "by": ["Anna Berg"]}]}],
        "answers":"#,
        1,
    );
    let src = env.file("carried.case.json", with_workshop);
    let o = env.run(&["case", "import", src.to_str().unwrap_or_default()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let pdf = env.dir.path().join("carried.pdf");
    let o = env.run(&[
        "workshop",
        "minutes",
        "CLI-1",
        "-o",
        pdf.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Workshop minutes") && text.contains("Anna Berg"),
        "{text}"
    );

    // A name that is not a participant is refused on import, by path.
    let bad = env.file(
        "bad.case.json",
        FULL_CASE.replacen(
            "\"answers\":",
            r#""workshops": [{"id": "ws-1", "started_at": "2026-03-02T09:00:00Z", "finished_at": "2026-03-02T10:30:00Z",
               "participants": ["Anna Berg"], "entries": [{"question": "du-02", "by": ["Nobody"]}]}],
            "answers":"#,
            1,
        )
        .replace("CLI-1", "CLI-2"),
    );
    let o = env.run(&["case", "import", bad.to_str().unwrap_or_default()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("workshops[0].entries[0].by[0]"),
        "{}",
        stderr(&o)
    );
}
