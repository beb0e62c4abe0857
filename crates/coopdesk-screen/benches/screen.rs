//! One name against 100 000 entries: build time, time per query, and the labelled set's figures.
//!
//! `cargo bench -p coopdesk-screen --bench screen` prints our figures. With `-- --export DIR` it also
//! writes the same 100 000 entries and the labelled queries, normalised by this crate, for
//! `bench/baseline.py` (Python rapidfuzz), which prints its figures in the same format.
//!
//! The entries are the bundled snapshot plus synthetic, realistic research organisations (cities ×
//! fields × kinds, in English and Chinese, with aliases and acronyms), generated deterministically.

#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::time::Instant;

use coopdesk_screen::{ListEntry, Screener, normalize};

const ENTRIES: usize = 100_000;

fn export(dir: &str, entries: &[ListEntry], set: &[support::Labelled]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut names = String::from("entity\tnormalised\n");
    for e in entries {
        let all = std::iter::once(&e.name)
            .chain(e.name_zh.iter())
            .chain(e.aliases.iter())
            .chain(e.acronym.iter());
        for n in all {
            let _ = writeln!(names, "{}\t{}", e.id, normalize(n));
        }
    }
    std::fs::write(format!("{dir}/names.tsv"), names)?;
    let mut queries = String::from("query\texpected\tnormalised\n");
    for q in set {
        let _ = writeln!(
            queries,
            "{}\t{}\t{}",
            q.query,
            q.expected.as_deref().unwrap_or("-"),
            normalize(&q.query)
        );
    }
    std::fs::write(format!("{dir}/queries.tsv"), queries)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let export_dir = args
        .iter()
        .position(|a| a == "--export")
        .and_then(|i| args.get(i + 1));

    let mut entries = support::bundled_entries();
    let bundled = entries.len();
    entries.extend(support::synthetic(ENTRIES - bundled));
    let set = support::labelled();
    if let Some(dir) = export_dir {
        if let Err(e) = export(dir, &entries, &set) {
            eprintln!("export to {dir}: {e}");
            std::process::exit(1);
        }
        println!(
            "exported {} entries and {} queries to {dir}",
            entries.len(),
            set.len()
        );
    }

    let started = Instant::now();
    let screener = Screener::new(entries);
    let build = started.elapsed();

    // Warm-up, then timed passes over every labelled query.
    let _ = support::evaluate(&screener, &set);
    let mut times: Vec<f64> = Vec::new();
    for _ in 0..5 {
        for q in &set {
            let t = Instant::now();
            let hits = screener.screen(&q.query);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(hits);
        }
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    let max = times[times.len() - 1];
    let figures = support::evaluate(&screener, &set);

    println!(
        "coopdesk-screen: {} entries, index built in {:.2} s",
        screener.len(),
        build.as_secs_f64()
    );
    println!(
        "coopdesk-screen: recall {:.3}  false-hit rate {:.3}  ms/query mean {:.3}  p99 {:.3}  max {:.3}",
        figures.recall, figures.false_hit_rate, mean, p99, max
    );
    for miss in &figures.misses {
        println!("  miss: {miss}");
    }
    for hit in &figures.false_hits {
        println!("  false hit: {hit}");
    }
}
