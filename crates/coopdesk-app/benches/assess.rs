//! Benchmark: assessing 10 000 realistic cases (the demo cases, repeated with new ids), and the
//! round trip of one checklist answer (save, re-assess, render) that the window waits for.
//!
//! Run with `cargo bench -p coopdesk-app`; prints medians. The IPC hop and the Svelte update come on
//! top of the answer round trip (measured in the window, see the issue note).

use std::time::{Duration, Instant};

use coopdesk_app::Desk;
use coopdesk_app::demo::demo_documents;
use coopdesk_assess::Lang;
use coopdesk_core::Answer;

const N: usize = 10_000;

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = Desk::open(&dir.path().join("bench.sqlite")).unwrap_or_else(|e| panic!("{e:?}"));
    let demo = demo_documents().unwrap_or_else(|e| panic!("{e:?}"));
    let docs: Vec<_> = (0..N)
        .map(|i| {
            let mut d = demo[i % demo.len()].clone();
            d.document.id = Some(format!("B-{i:05}"));
            d
        })
        .collect();
    let started = Instant::now();
    desk.import_documents(&docs)
        .unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "import + first assessment of {N} cases: {:>8.2} s",
        started.elapsed().as_secs_f64()
    );

    let mut runs = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let n = desk.assess_all().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(n, N);
        runs.push(started.elapsed());
    }
    report(
        &format!("assess all {N} cases (coopdesk assess --all)"),
        runs,
    );

    let mut runs = Vec::new();
    for i in 0..200 {
        let value = if i % 2 == 0 { "yes" } else { "no" };
        let started = Instant::now();
        let view = desk
            .set_answer(
                "B-00003",
                "du-04",
                Some(Answer {
                    value: value.into(),
                    comment: None,
                }),
                Lang::En,
            )
            .unwrap_or_else(|e| panic!("{e:?}"));
        runs.push(started.elapsed());
        assert!(!view.report.topics.is_empty());
    }
    report("one answer: save + assess + render (set_answer)", runs);
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "{what:<52} median {:>9.2} ms   worst {:>9.2} ms   ({} runs)",
        median.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
        times.len()
    );
}
