//! Reads a list file with one of the parsers and prints what an import would store, with the time
//! the parser took: `cargo run --release -p coopdesk-screen --example parse_list -- un
//! consolidated.xml`. With `--names N` it also prints the first N entries' names.

use std::time::Instant;

use coopdesk_screen::{ListFormat, parse};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(format), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: parse_list FORMAT FILE [--names N]  (FORMAT: {})",
            ListFormat::names()
        );
        std::process::exit(2);
    };
    let Some(format) = ListFormat::parse(format) else {
        eprintln!(
            "parse_list: unknown format {format:?}; expected {}",
            ListFormat::names()
        );
        std::process::exit(2);
    };
    let shown: usize = match args.get(2).map(String::as_str) {
        Some("--names") => args.get(3).and_then(|n| n.parse().ok()).unwrap_or(10),
        _ => 0,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("parse_list: {path}: {e}");
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let result = parse(format, path, &bytes);
    let took = started.elapsed();
    match result {
        Ok(s) => {
            println!(
                "{path}: {} bytes, {} entries, {} skipped, {} repairs, published {}, parsed in {:.1} ms",
                bytes.len(),
                s.entries.len(),
                s.skipped,
                s.repairs.len(),
                s.published.as_deref().unwrap_or("-"),
                took.as_secs_f64() * 1e3
            );
            for e in s.entries.iter().take(shown) {
                println!(
                    "  {} | {} | {} | {} | {}",
                    e.id,
                    e.name,
                    e.name_zh.as_deref().unwrap_or("-"),
                    e.list_codes(),
                    e.aliases.join("; ")
                );
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
