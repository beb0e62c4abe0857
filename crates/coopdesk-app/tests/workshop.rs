//! Workshop mode: the answers of a meeting stored as ONE revision of the case (in a real SQLite
//! file), refused whole when one answer does not fit, carried in the case file, and its minutes
//! rendered as a PDF that reads back with `pdftotext`.

// Test code: `expect` says which precondition failed.
#![allow(clippy::expect_used)]

use std::process::Command;

use chrono::{DateTime, Utc};

use coopdesk_app::Desk;
use coopdesk_app::api::{WorkshopAnswer, WorkshopInput};
use coopdesk_app::demo::open_demo;
use coopdesk_app::workshop::WORKSHOP_ACTION;
use coopdesk_assess::Lang;
use coopdesk_core::Dissent;

const CASE: &str = "DEMO-09";

fn demo() -> (tempfile::TempDir, Desk) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let desk = open_demo(&tmp.path().join("demo.sqlite"), true).expect("the demo database opens");
    (tmp, desk)
}

fn started() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .expect("a fixed time")
        .to_utc()
}

fn answer(question: &str, value: Option<&str>, by: &[&str]) -> WorkshopAnswer {
    WorkshopAnswer {
        question: question.to_owned(),
        answer: value.map(str::to_owned),
        comment: None,
        by: by.iter().map(|s| (*s).to_owned()).collect(),
        disagreements: Vec::new(),
    }
}

/// Three questions of DEMO-09's template: one it has not answered, one it has, and one more it has
/// not answered (left open by the workshop).
fn questions(desk: &Desk) -> (String, String, String, String) {
    let view = desk.get_case(CASE).expect("DEMO-09 exists");
    let answered = &view.case.answers;
    let all = ["int-01", "int-02", "int-03", "ip-01", "ip-02", "ip-03"];
    let open: Vec<&str> = all
        .iter()
        .copied()
        .filter(|q| !answered.contains_key(*q))
        .collect();
    let (done, before) = answered
        .iter()
        .find(|(q, a)| all.contains(&q.as_str()) && (a.value == "yes" || a.value == "no"))
        .map(|(q, a)| (q.clone(), a.value.clone()))
        .expect("DEMO-09 answers one of the integrity or IP questions with yes or no");
    assert!(open.len() >= 2, "DEMO-09 leaves two of {all:?} open");
    (open[0].to_owned(), done, before, open[1].to_owned())
}

#[test]
fn a_workshop_is_one_revision_with_every_answer_and_comment() {
    let (tmp, desk) = demo();
    let (fresh, done, before, left) = questions(&desk);
    let flipped = if before == "yes" { "no" } else { "yes" };
    let revisions_before = desk.case_history(CASE).expect("history").revisions.len();

    let mut a1 = answer(&fresh, Some("yes"), &["Anna Berg"]);
    a1.comment = Some("  Checked the signed agreement in the shared drive. ".into());
    let mut a2 = answer(&done, Some(flipped), &["Anna Berg", "Li Wei"]);
    a2.disagreements.push(Dissent {
        by: "Jonas Ritter".into(),
        comment: "The partner's parent runs a defence laboratory.".into(),
    });
    let a3 = answer(&left, None, &[]);
    let input = WorkshopInput {
        started_at: started(),
        participants: vec![
            "Anna Berg".into(),
            " Li Wei ".into(),
            "Jonas Ritter".into(),
            "".into(),
        ],
        answers: vec![a1, a2, a3],
    };
    let out = desk
        .finish_workshop(CASE, &input, Lang::En)
        .expect("the workshop is stored");
    assert_eq!(out.workshop.id, "ws-1");
    assert_eq!(
        out.workshop.participants,
        ["Anna Berg", "Li Wei", "Jonas Ritter"]
    );
    let e = &out.workshop.entries;
    assert_eq!(
        (e[0].before.as_deref(), e[0].answer.as_deref()),
        (None, Some("yes"))
    );
    assert_eq!(e[1].before.as_deref(), Some(before.as_str()));
    assert_eq!(e[1].answer.as_deref(), Some(flipped));
    assert!(!e[2].changed() && e[2].is_open_point());

    // Exactly one new revision, recorded as the workshop, holding every change at once.
    let history = desk.case_history(CASE).expect("history");
    assert_eq!(history.revisions.len(), revisions_before + 1);
    let newest = &history.revisions[0];
    assert_eq!(newest.revision.action, WORKSHOP_ACTION);
    assert_eq!(Some(newest.revision.revision), out.revision);
    let changed: Vec<&str> = newest.changes.iter().map(|c| c.path.as_str()).collect();
    assert!(
        changed.iter().any(|p| p.contains(&fresh)) && changed.iter().any(|p| p.contains(&done)),
        "{changed:?}"
    );

    // The answers and the trimmed comment are the case's now, also for a fresh process.
    drop(desk);
    let desk = open_demo(&tmp.path().join("demo.sqlite"), false).expect("reopens");
    let case = desk.get_case(CASE).expect("case").case;
    assert_eq!(case.answers[&fresh].value, "yes");
    assert_eq!(
        case.answers[&fresh].comment.as_deref(),
        Some("Checked the signed agreement in the shared drive.")
    );
    assert_eq!(case.answers[&done].value, flipped);
    assert_eq!(case.workshops.len(), 1);
    assert_eq!(case.workshops[0].entries[1].disagreements.len(), 1);

    // The workshop travels in the case file: export, then read the file back.
    let file = tmp.path().join("back.case.json");
    desk.export_case(CASE, &file).expect("export");
    let text = std::fs::read_to_string(&file).expect("the exported file");
    let doc = coopdesk_core::interchange::read_case_document("back.case.json", text.as_bytes())
        .expect("the exported file reads back");
    assert_eq!(doc.workshops, case.workshops);

    // And in a bundle: the workshop laptop's case comes back to an office database with its answers,
    // comments and workshop record.
    let bundle = tmp.path().join("back.bundle.json");
    desk.export_bundle(&[CASE.to_owned()], &bundle)
        .expect("bundle export");
    let office = Desk::open(&tmp.path().join("office.sqlite")).expect("a fresh database");
    office
        .import_bundle(&bundle, None)
        .expect("the bundle imports into an empty database");
    let back = office.get_case(CASE).expect("the case came back").case;
    assert_eq!(back.workshops, case.workshops);
    assert_eq!(back.answers[&fresh], case.answers[&fresh]);
}

#[test]
fn one_answer_that_does_not_fit_refuses_the_whole_workshop() {
    let (_tmp, desk) = demo();
    let (fresh, _, _, _) = questions(&desk);
    let before = desk.get_case(CASE).expect("case").case;
    let revisions = desk.case_history(CASE).expect("history").revisions.len();
    let input = WorkshopInput {
        started_at: started(),
        participants: vec!["Anna Berg".into()],
        answers: vec![
            answer(&fresh, Some("yes"), &["Anna Berg"]),
            answer("int-01", Some("perhaps"), &["Anna Berg"]),
            answer("no-such-question", Some("yes"), &[]),
        ],
    };
    let err = desk
        .finish_workshop(CASE, &input, Lang::En)
        .expect_err("a bad answer refuses the workshop");
    let paths: Vec<&str> = err
        .problems
        .iter()
        .map(|p| p.problem.path.as_str())
        .collect();
    assert!(paths.contains(&"answers[1].answer"), "{paths:?}");
    assert!(paths.contains(&"answers[2].question"), "{paths:?}");
    // A name that is not a participant is refused by the case's own rules, by path.
    let stranger = WorkshopInput {
        started_at: started(),
        participants: vec!["Anna Berg".into()],
        answers: vec![answer(&fresh, Some("yes"), &["Somebody Else"])],
    };
    let err = desk
        .finish_workshop(CASE, &stranger, Lang::En)
        .expect_err("an answer by a non-participant is refused");
    assert!(
        format!("{err:?}").contains("workshops[0].entries[0].by[0]"),
        "{err:?}"
    );
    assert_eq!(desk.get_case(CASE).expect("case").case, before);
    assert_eq!(
        desk.case_history(CASE).expect("history").revisions.len(),
        revisions
    );
}

#[test]
fn a_decided_case_takes_no_workshop() {
    let (_tmp, desk) = demo();
    let input = WorkshopInput {
        started_at: started(),
        participants: vec!["Anna Berg".into()],
        answers: Vec::new(),
    };
    let err = desk
        .finish_workshop("DEMO-01", &input, Lang::En)
        .expect_err("DEMO-01 is approved and frozen");
    assert!(err.message.contains("frozen"), "{}", err.message);
}

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

#[test]
fn the_minutes_name_participants_changed_answers_and_open_points_in_both_languages() {
    let (tmp, desk) = demo();
    let (fresh, done, before, left) = questions(&desk);
    let flipped = if before == "yes" { "no" } else { "yes" };
    let mut disputed = answer(&done, Some(flipped), &["Anna Berg"]);
    disputed.disagreements.push(Dissent {
        by: "Li Wei".into(),
        comment: "The parent runs a defence laboratory.".into(),
    });
    let input = WorkshopInput {
        started_at: started(),
        participants: vec!["Anna Berg".into(), "Li Wei".into()],
        answers: vec![
            answer(&fresh, Some("yes"), &["Anna Berg"]),
            disputed,
            answer(&left, None, &[]),
        ],
    };
    let out = desk
        .finish_workshop(CASE, &input, Lang::En)
        .expect("stored");
    let revision = out.revision.expect("a revision");

    let en = tmp.path().join("minutes-en.pdf");
    let written = desk
        .write_workshop_minutes(CASE, None, &en, Lang::En)
        .expect("minutes written");
    assert!(written.bytes > 1000);
    let text = pdftotext(&en);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Workshop minutes",
        CASE,
        "ws-1",
        "Anna Berg, Li Wei",
        "Answers that changed",
        "Open points",
        "disagreement on record",
        "left open",
        "The parent runs a defence laboratory.",
        &format!("Revision {revision}"),
    ] {
        assert!(flat.contains(want), "{want:?} missing from:\n{text}");
    }
    // Same input, same bytes: the minutes can be written again later and compared.
    let again = desk
        .workshop_minutes_pdf(CASE, Some("ws-1"), Lang::En)
        .expect("again");
    assert_eq!(again, std::fs::read(&en).expect("the written file"));

    let de = tmp.path().join("minutes-de.pdf");
    desk.write_workshop_minutes(CASE, Some("ws-1"), &de, Lang::De)
        .expect("German minutes");
    let flat = pdftotext(&de)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "Workshop-Protokoll",
        "Teilnehmende",
        "Geänderte Antworten",
        "offen gelassen",
    ] {
        assert!(
            flat.contains(want),
            "{want:?} missing from the German minutes: {flat}"
        );
    }
    let err = desk
        .workshop_minutes_pdf(CASE, Some("ws-9"), Lang::En)
        .expect_err("no such workshop");
    assert!(err.message.contains("ws-9"), "{}", err.message);
}
