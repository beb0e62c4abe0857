//! Crash safety: a writer process is killed with SIGKILL at random points, 100 times over, while it
//! saves cases. Afterwards every write it had acknowledged (reported after its commit returned) is in the
//! database, `PRAGMA integrity_check` is ok and the audit chain is whole.
//!
//! The writer is this test binary itself, started again with `COOPDESK_CRASH_WRITER` set; it runs only
//! the `writer` test below, which does nothing in a normal run.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::Utc;
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{IdKind, NamedDocument, Store};

const WRITER_ENV: &str = "COOPDESK_CRASH_WRITER";
const ROUNDS: u64 = 100;

/// The writer: saves cases as fast as it can and acknowledges each one on stdout after its commit.
#[test]
fn writer() {
    let Ok(db) = std::env::var(WRITER_ENV) else {
        return;
    };
    let round = std::env::var("COOPDESK_CRASH_ROUND").expect("the value the test needs");
    let mut store = Store::open(Path::new(&db), Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    store.set_actor("crash-writer");
    let mut n = 0_u64;
    let mut out = std::io::stdout().lock();
    loop {
        n += 1;
        let id = format!("R{round}-{n}");
        let json = format!(
            r#"{{"format": "coopdesk.case/v1", "id": "{id}", "title": "Crash test {id}",
                "summary": "{}", "partners": [{{"name": "Partner {n}", "country": "CN", "role": "host"}}]}}"#,
            "x".repeat((n % 7 * 300) as usize)
        );
        let document =
            read_case_document("c.json", json.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let mut next = 0;
        let mut new_id = |k: IdKind| {
            next += 1;
            format!("{k:?}-{round}-{n}-{next}")
        };
        store
            .import_documents(
                &[NamedDocument {
                    file: "c.json".into(),
                    document,
                }],
                &mut new_id,
                Utc::now(),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        // Every other case is edited too, so that kills also land in updates, not only inserts.
        if n.is_multiple_of(2) {
            let mut c = store.case(&id).unwrap_or_else(|e| panic!("{e}"));
            c.notes = format!("edited {n}");
            store
                .save_case(&c, Utc::now())
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let _ = writeln!(out, "ACK {id}");
        let _ = out.flush();
    }
}

/// A small deterministic generator, so that a failing round can be replayed.
fn next_random(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn acknowledged_writes_survive_sigkill_at_random_points() {
    if std::env::var(WRITER_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("crash.sqlite");
    drop(Store::open(&db, Utc::now()).unwrap_or_else(|e| panic!("{e}")));
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut seed = 0x00C0_FFEE_u64;
    let mut acked: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer", "--nocapture", "--test-threads=1"])
            .env(WRITER_ENV, &db)
            .env("COOPDESK_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start the writer: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("ACK ") {
                    let _ = tx.send(id.to_owned());
                }
            }
        });
        // Wait for the first acknowledgement (the writer is up), then kill it 0–40 ms later: at a
        // random point inside some write.
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|e| {
                panic!("round {round}: the writer never acknowledged a write: {e}")
            });
        acked.push(first);
        let delay = Duration::from_micros(next_random(&mut seed) % 40_000);
        let until = Instant::now() + delay;
        while Instant::now() < until {
            if let Ok(id) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                acked.push(id);
            }
        }
        // Child::kill is SIGKILL on Unix: no destructors, no chance to finish the transaction.
        let _ = child.kill();
        let _ = child.wait();
        let _ = reader.join();
        // Acknowledgements already in the pipe were written before the kill.
        acked.extend(rx.try_iter());
    }

    let store = Store::open(&db, Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        store
            .pragma("integrity_check")
            .expect("the value the test needs"),
        "ok"
    );
    let missing: Vec<&String> = acked
        .iter()
        .filter(|id| !store.has_case(id).unwrap_or(false))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes are missing: {:?}",
        missing.len(),
        acked.len(),
        missing.iter().take(10).collect::<Vec<_>>()
    );
    let audit = store.verify_audit().unwrap_or_else(|e| panic!("{e}"));
    assert!(audit.ok, "{audit:?}");
    println!(
        "{ROUNDS} kills, {} acknowledged writes, {} cases stored, audit chain of {} entries whole",
        acked.len(),
        store.case_count().expect("the value the test needs"),
        audit.entries
    );
}
