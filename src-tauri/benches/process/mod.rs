//! Running the real `coopdesk` binary as a whole process and summarising the wall times, for the
//! process benchmarks (`screen_process`, `brief_process`).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs `coopdesk --db DB ARGS…` with its data directory in `data`; the wall time of the process.
pub fn run(db: &Path, data: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .env("COOPDESK_DATA_DIR", data)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run coopdesk: {e}"));
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "coopdesk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Milliseconds.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median, minimum and maximum.
pub fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "median {:>6.1} ms  (min {:.1}, max {:.1}, {} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    )
}
