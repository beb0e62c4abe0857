//! A decision and its approved briefing are one transaction: a process taking decisions is killed
//! with SIGKILL at random points, round after round. Afterwards every decided case has its approved
//! briefing (bytes whose SHA-256 the decision records), no case in review carries half a decision,
//! every decision the process acknowledged is there, and the database and audit chain are whole.
//!
//! The decider is this test binary itself, started again with `COOPDESK_SIGNOFF_DECIDER` set; it runs
//! only the `decider` test below, which does nothing in a normal run.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use coopdesk_app::Desk;
use coopdesk_app::api::CaseQuery;
use coopdesk_app::api::TransitionInput;
use coopdesk_assess::Lang;
use coopdesk_core::CaseStatus;
use coopdesk_store::sha256_hex;

const DECIDER_ENV: &str = "COOPDESK_SIGNOFF_DECIDER";
const ROUNDS: u64 = 16;

/// The decider: imports a case in review and approves it, over and over, acknowledging each
/// decision on stdout once `transition` has returned.
#[test]
fn decider() {
    let Ok(db) = std::env::var(DECIDER_ENV) else {
        return;
    };
    let round = std::env::var("COOPDESK_SIGNOFF_ROUND").expect("the round is set with the db");
    let desk = Desk::open(std::path::Path::new(&db)).expect("the decider opens the database");
    let dir = tempfile::tempdir().expect("a folder for the case files");
    let mut out = std::io::stdout().lock();
    for n in 1.. {
        let id = format!("S{round}-{n}");
        let file = dir.path().join(format!("{id}.case.json"));
        let json = format!(
            r#"{{"format": "coopdesk.case/v1", "id": "{id}", "title": "Sign-off test {id}", "status": "in_review",
                "partners": [{{"name": "Partner University {n}", "country": "CN", "kind": "university", "role": "co_applicant"}}],
                "fields": ["crystallography"], "activities": ["joint_publication"]}}"#
        );
        std::fs::write(&file, json).expect("write the case file");
        desk.import_files(&[&file]).expect("import the case");
        let input = TransitionInput {
            by: "Dr. Director".into(),
            role: Some("Director".into()),
            comment: Some(format!("approved in round {round}")),
            justification: Some("the crash test decides before every question is answered".into()),
        };
        desk.transition(&id, CaseStatus::Approved, &input, Lang::En)
            .expect("the decision");
        let _ = writeln!(out, "ACK {id}");
        let _ = out.flush();
    }
}

/// A small deterministic generator, so that a failing run can be replayed.
fn next_random(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn a_decision_survives_sigkill_with_its_approved_briefing_or_not_at_all() {
    if std::env::var(DECIDER_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("signoff.sqlite");
    drop(Desk::open(&db).expect("create the database"));
    let exe = std::env::current_exe().expect("this test binary");
    let mut seed = 0x0516_00FF_u64;
    let mut acked: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args(["--exact", "decider", "--nocapture", "--test-threads=1"])
            .env(DECIDER_ENV, &db)
            .env("COOPDESK_SIGNOFF_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the decider");
        let stdout = child.stdout.take().expect("the decider's stdout");
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        // Wait for the first acknowledged decision (the decider is up and its caches are warm; the
        // harness prints its own lines before), then kill it at a random point after it.
        loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the decider acknowledges a first decision");
            if let Some(id) = line.strip_prefix("ACK ") {
                acked.push(id.to_owned());
                break;
            }
        }
        // A decision (import, assessment, rendering the PDF, the write) takes a few hundred
        // milliseconds in a debug build: a kill 0–1 s later lands at a random point of the next
        // decisions, often while the briefing is being rendered inside the decision's transaction.
        let until = Instant::now() + Duration::from_micros(next_random(&mut seed) % 1_000_000);
        while Instant::now() < until {
            if let Ok(line) = rx.recv_timeout(until.saturating_duration_since(Instant::now()))
                && let Some(id) = line.strip_prefix("ACK ")
            {
                acked.push(id.to_owned());
            }
        }
        // Child::kill is SIGKILL on Unix: no destructors, no chance to finish the transaction.
        let _ = child.kill();
        let _ = child.wait();
        let _ = reader.join();
        acked.extend(
            rx.try_iter()
                .filter_map(|l| l.strip_prefix("ACK ").map(str::to_owned)),
        );
    }

    let desk = Desk::open(&db).expect("the database opens after the kills");
    let audit = desk.verify_audit().expect("the audit chain reads");
    assert!(audit.ok, "{audit:?}");
    let cases = desk
        .list_cases(&CaseQuery {
            limit: 10_000,
            ..Default::default()
        })
        .expect("the case list");
    let (mut decided, mut in_review) = (0, 0);
    for row in &cases.rows {
        let history = desk.case_history(&row.id).expect("the case's history");
        let decisions: Vec<_> = history
            .transitions
            .iter()
            .filter(|t| t.to.is_decision())
            .collect();
        match row.status {
            CaseStatus::Approved => {
                decided += 1;
                assert_eq!(decisions.len(), 1, "{}: one decision", row.id);
                let sha = decisions[0].briefing_sha256.as_deref().unwrap_or_else(|| {
                    panic!("{} is approved without its approved briefing", row.id)
                });
                let (pdf, approved) = desk
                    .briefing_pdf(&row.id, Lang::En)
                    .expect("the approved briefing");
                assert!(approved, "{}: the stored briefing is handed out", row.id);
                assert_eq!(sha256_hex(&pdf), sha, "{}: bytes match the hash", row.id);
                assert!(pdf.starts_with(b"%PDF-"), "{}: a PDF", row.id);
            }
            CaseStatus::InReview => {
                in_review += 1;
                assert!(
                    decisions.is_empty(),
                    "{} is in review but carries a decision",
                    row.id
                );
            }
            other => panic!("{} is {other}, which the decider never does", row.id),
        }
    }
    let missing: Vec<&String> = acked
        .iter()
        .filter(|id| {
            !cases
                .rows
                .iter()
                .any(|r| &r.id == *id && r.status == CaseStatus::Approved)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged decisions missing: {missing:?}"
    );
    assert!(decided > 0, "some decisions were taken between the kills");
    println!(
        "{ROUNDS} kills: {decided} cases decided, each with its approved briefing; {in_review} in review without a decision; {} acknowledged",
        acked.len()
    );
}
