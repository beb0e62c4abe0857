//! Benchmark: `coopdesk brief ID -o FILE.pdf` as a whole process on the demo database.
//!
//! `cargo bench -p coopdesk --bench brief_process` creates the demo database with `coopdesk demo`
//! and runs the real binary, `--runs` processes each (default 15; median, minimum, maximum):
//!
//! - `coopdesk --version`: starting the program and nothing else;
//! - `coopdesk info`: starting and opening the database;
//! - `coopdesk brief DEMO-04 -o F.pdf` (English) and `--lang de`, and `brief DEMO-02`.
//!
//! Options after `--`: `--runs N`. The figures are wall-clock times of whole processes on a machine
//! that may be busy, hence medians; the target (issue 17) is a briefing in ≤ 60 ms.

use std::path::PathBuf;
use std::time::Duration;

mod process;
use process::{run, summary};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(15, |n| {
            n.parse().unwrap_or_else(|e| panic!("--runs {n}: {e}"))
        });
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let data = dir.path().join("data");
    let db = dir.path().join("demo.sqlite");
    run(&db, &data, &["demo"]);
    let pdf: PathBuf = dir.path().join("briefing.pdf");
    let pdf_arg = pdf.display().to_string();
    let cases: [(&str, Vec<&str>); 5] = [
        ("--version", vec!["--version"]),
        ("info", vec!["info"]),
        (
            "brief DEMO-04 (en)",
            vec!["brief", "DEMO-04", "-o", &pdf_arg],
        ),
        (
            "brief DEMO-04 --lang de",
            vec!["brief", "DEMO-04", "--lang", "de", "-o", &pdf_arg],
        ),
        (
            "brief DEMO-02 (en)",
            vec!["brief", "DEMO-02", "-o", &pdf_arg],
        ),
    ];
    for (label, argv) in &cases {
        // One run first, so every measured one finds the files in the page cache.
        run(&db, &data, argv);
        let times: Vec<Duration> = (0..runs).map(|_| run(&db, &data, argv)).collect();
        println!("{label:<26} {}", summary(times));
    }
}
