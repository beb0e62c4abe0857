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

/// Asserts that the command succeeded, showing its stderr otherwise.
fn ok(o: &Output) {
    assert_eq!(code(o), 0, "{}", stderr(o));
}

/// Imports `content` as a case file named `name`.
fn import(env: &Env, name: &str, content: &str) -> Output {
    let src = env.file(name, content);
    env.run(&["case", "import", src.to_str().unwrap_or_default()])
}

/// Records the workshop `content` (written to `name`) on CLI-1.
fn record(env: &Env, name: &str, content: &str) -> Output {
    let file = env.file(name, content);
    env.run(&[
        "--json",
        "workshop",
        "record",
        "CLI-1",
        file.to_str().unwrap_or_default(),
    ])
}

/// [`FULL_CASE`] carrying one finished workshop of Anna Berg's whose one entry (on du-02) is `entry`'s
/// fields, as a bundle or an export brings it.
fn case_with_workshop(entry: &str) -> String {
    FULL_CASE.replacen(
        "\"answers\":",
        &format!(
            r#""workshops": [{{"id": "ws-1", "started_at": "2026-03-02T09:00:00Z", "finished_at": "2026-03-02T10:30:00Z",
               "participants": ["Anna Berg"], "entries": [{{"question": "du-02", {entry}}}]}}],
            "answers":"#
        ),
        1,
    )
}

/// Writes the minutes of CLI-1 to `file` in the test's folder (`more`: `--lang`, `--workshop` ...).
fn minutes(env: &Env, file: &str, more: &[&str]) -> (Output, PathBuf) {
    let pdf = env.dir.path().join(file);
    let path = pdf.to_str().unwrap_or_default().to_owned();
    let mut args = vec!["workshop", "minutes", "CLI-1", "-o", &path];
    args.extend_from_slice(more);
    (env.run(&args), pdf)
}

fn history_len(env: &Env) -> usize {
    let o = env.run(&["--json", "case", "history", "CLI-1"]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    v["revisions"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_recorded_workshop_is_one_revision_and_its_minutes_read_back() {
    let env = Env::new();
    ok(&import(&env, "full.case.json", FULL_CASE));
    let before = history_len(&env);

    let o = record(&env, "ws.json", WORKSHOP);
    ok(&o);
    let w: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(w["id"], "ws-1");
    assert_eq!(w["entries"][0]["before"], "unsure");
    assert_eq!(w["entries"][0]["answer"], "no");
    assert_eq!(history_len(&env), before + 1);

    let o = env.run(&["case", "show", "CLI-1", "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(shown["case"]["answers"]["rec-03"]["value"], "no", "{shown}");

    let (o, pdf) = minutes(&env, "minutes.pdf", &["--lang", "de"]);
    ok(&o);
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
    ok(&o);
    assert!(
        stdout(&o).contains("ws-1") && stdout(&o).contains("1 changed"),
        "{}",
        stdout(&o)
    );

    let (o, _) = minutes(&env, "minutes.pdf", &["--workshop", "ws-7"]);
    assert_user_error(&o, "ws-7");

    let bad = WORKSHOP.replace("\"answer\": \"no\"", "\"answer\": \"maybe\"");
    assert_user_error(&record(&env, "bad.json", &bad), "answers[0].answer");
    assert_eq!(
        history_len(&env),
        before + 1,
        "a refused workshop changes nothing"
    );
}

#[test]
fn a_workshop_carried_in_a_case_file_comes_back_with_its_minutes() {
    let env = Env::new();
    let carried = case_with_workshop(r#""answer": "yes", "by": ["Anna Berg"]"#);
    ok(&import(&env, "carried.case.json", &carried));
    let (o, pdf) = minutes(&env, "carried.pdf", &[]);
    ok(&o);
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Workshop minutes") && text.contains("Anna Berg"),
        "{text}"
    );

    // A name that is not a participant is refused on import, by path.
    let bad = case_with_workshop(r#""by": ["Nobody"]"#).replace("CLI-1", "CLI-2");
    let o = import(&env, "bad.case.json", &bad);
    assert_user_error(&o, "workshops[0].entries[0].by[0]");
}
