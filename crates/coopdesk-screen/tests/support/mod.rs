//! Test data shared by the integration tests and the benchmark: the bundled snapshot and the
//! labelled query set.
#![allow(dead_code)]

use std::path::PathBuf;

use coopdesk_screen::{ListEntry, Screener, parse_csv};

/// The crate directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled snapshot, `assets/reference/restricted_entities.csv`.
pub fn bundled_entries() -> Vec<ListEntry> {
    let path = crate_dir().join("../../assets/reference/restricted_entities.csv");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_csv("restricted_entities.csv", &bytes)
        .unwrap_or_else(|e| panic!("the bundled snapshot must parse: {e}"))
        .entries
}

/// One labelled query: the name and the entity id it must hit, or `None` when it must not hit.
pub struct Labelled {
    pub query: String,
    pub expected: Option<String>,
}

/// `tests/labelled.tsv`.
pub fn labelled() -> Vec<Labelled> {
    let path = crate_dir().join("tests/labelled.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (query, expected) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in {l:?}"));
            Labelled {
                query: query.to_owned(),
                expected: (expected.trim() != "-").then(|| expected.trim().to_owned()),
            }
        })
        .collect()
}

/// Recall, false-hit rate and the queries that went wrong.
pub struct Figures {
    pub recall: f64,
    pub false_hit_rate: f64,
    pub misses: Vec<String>,
    pub false_hits: Vec<String>,
}

/// Runs every labelled query; a listed query counts as found when its entity is among the hits.
pub fn evaluate(screener: &Screener, set: &[Labelled]) -> Figures {
    let (mut listed, mut found, mut clean, mut false_hits) = (0usize, 0usize, 0usize, Vec::new());
    let mut misses = Vec::new();
    for item in set {
        let hits = screener.screen(&item.query);
        match &item.expected {
            Some(id) => {
                listed += 1;
                if hits.iter().any(|h| &h.entity == id) {
                    found += 1;
                } else {
                    let got: Vec<String> = hits
                        .iter()
                        .map(|h| format!("{} {:.2}", h.entity, h.score))
                        .collect();
                    misses.push(format!("{} → expected {id}, got {got:?}", item.query));
                }
            }
            None => {
                clean += 1;
                if let Some(h) = hits.first() {
                    false_hits.push(format!(
                        "{} → {} {:.2} ({}: {})",
                        item.query, h.entity, h.score, h.matched, h.why
                    ));
                }
            }
        }
    }
    Figures {
        recall: found as f64 / listed.max(1) as f64,
        false_hit_rate: false_hits.len() as f64 / clean.max(1) as f64,
        misses,
        false_hits,
    }
}
