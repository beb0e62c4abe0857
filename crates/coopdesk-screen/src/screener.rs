//! Screening names against a set of list entries.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::entry::ListEntry;
use crate::index::{Index, Source, Variant, variants_of};
use crate::normalize::{Analysis, analyze, normalize, segments};
use crate::reference::{NameKind, ShortForms};
use crate::romanize;
use crate::score::{Scored, is_unit_name, score};

/// Hits scoring below this are not reported.
///
/// 0.85 sits between the two kinds of near miss in the labelled set (`tests/labelled.tsv`): a variant
/// of a listed name with one typo per long word, a legal-form change, pinyin or a reordering scores
/// ≥ 0.86, while another organisation that shares all but one word with a listed one ("Beijing University
/// of Technology" vs "Beijing Institute of Technology", "Tianjin University of Technology" vs "Tianjin
/// University") scores ≤ 0.80. Screening is a first filter for a human reviewer, so the threshold errs
/// towards reporting.
pub const MATCH_THRESHOLD: f64 = 0.85;

/// Part-of-query hits ("School of Physics, Harbin Institute of Technology" → HIT) rank just below a
/// hit on the whole query.
const SEGMENT_FACTOR: f64 = 0.97;
/// A parent reached through a listed child ranks just below the child itself.
const PARENT_FACTOR: f64 = 0.98;

/// One listed entity that a screened name matches.
///
/// Serialises to the contract's `screen --json` hit shape (`entity`, `name`, `list`, `score`,
/// `matched`, `why`) plus `via_parent` when set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Id of the listed entry; for a hit through a parent, the parent's id.
    pub entity: String,
    /// Primary name of that entry.
    pub name: String,
    /// The entry's list codes, `|`-separated (`us_bis_entity_list|ca_nro`).
    pub list: String,
    /// 0..=1; at least [`MATCH_THRESHOLD`].
    pub score: f64,
    /// The listed name, alias, Chinese name or acronym that matched.
    pub matched: String,
    /// How it matched, in words ("pinyin of the Chinese name", "1 typo", "acronym", "belongs to listed
    /// parent …").
    pub why: String,
    /// For a hit on a parent: the id of the listed child (institute, subsidiary) the query matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via_parent: Option<String>,
}

/// The best match found so far for one entry.
#[derive(Debug, Clone)]
struct Found {
    score: f64,
    matched: String,
    why: String,
    via_parent: Option<String>,
}

/// Screens organisation names against list entries; build once per list snapshot, query many times.
///
/// Building normalises every name and alias and indexes them (about a second for 100 000 entries);
/// a query then takes well under 10 ms (see `benches/screen.rs`).
#[derive(Debug)]
pub struct Screener {
    entries: Vec<ListEntry>,
    variants: Vec<Variant>,
    index: Index,
    /// Position of each entry's parent, when the parent is among the entries.
    parents: Vec<Option<usize>>,
    /// Per entry, the normalised names of other organisations that only an exact match may take for
    /// it (`distinct` rows of the reference table).
    distinct: HashMap<usize, Vec<String>>,
}

impl Screener {
    /// Prepares `entries` for screening. Entries whose `parent_id` names no entry are screened on
    /// their own; duplicate ids keep the first entry as parent target.
    #[must_use]
    pub fn new(entries: Vec<ListEntry>) -> Self {
        romanize::warm_up();
        let mut positions: HashMap<&str, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            positions.entry(e.id.as_str()).or_insert(i);
        }
        let parents = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                e.parent_id
                    .as_deref()
                    .and_then(|p| positions.get(p).copied())
                    .filter(|&p| p != i)
            })
            .collect();
        let table = ShortForms::builtin();
        let mut distinct: HashMap<usize, Vec<String>> = HashMap::new();
        let mut variants: Vec<Variant> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let mut extra: Vec<(&str, Source)> = Vec::new();
            for row in table.for_entry(e) {
                match row.kind {
                    NameKind::ShortForm => extra.push((&row.short_form, Source::ShortForm)),
                    NameKind::FormerName => extra.push((&row.short_form, Source::FormerName)),
                    NameKind::Distinct => distinct
                        .entry(i)
                        .or_default()
                        .push(normalize(&row.short_form)),
                }
            }
            variants.extend(variants_of(i, e, &extra));
        }
        let index = Index::build(&variants);
        Self {
            entries,
            variants,
            index,
            parents,
            distinct,
        }
    }

    /// The entries screened against.
    #[must_use]
    pub fn entries(&self) -> &[ListEntry] {
        &self.entries
    }

    /// Screens one organisation name; hits at or above [`MATCH_THRESHOLD`], best first.
    #[must_use]
    pub fn screen(&self, name: &str) -> Vec<Hit> {
        self.screen_names(&[name])
    }

    /// Screens several names of one organisation at once (English, Chinese, pinyin, aliases); each
    /// entity is reported once, with the best of its matches.
    #[must_use]
    pub fn screen_names(&self, names: &[&str]) -> Vec<Hit> {
        let mut found: HashMap<usize, Found> = HashMap::new();
        for name in names {
            self.screen_into(name, &mut found);
        }
        self.add_parents(&mut found);
        let mut hits: Vec<Hit> = found
            .into_iter()
            .filter(|(_, f)| f.score >= MATCH_THRESHOLD)
            .filter_map(|(i, f)| {
                let entry = self.entries.get(i)?;
                Some(Hit {
                    entity: entry.id.clone(),
                    name: entry.name.clone(),
                    list: entry.list_codes(),
                    score: (f.score * 1000.0).round() / 1000.0,
                    matched: f.matched,
                    why: f.why,
                    via_parent: f.via_parent,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.entity.cmp(&b.entity))
        });
        hits
    }

    fn screen_into(&self, name: &str, found: &mut HashMap<usize, Found>) {
        let whole = analyze(name);
        if whole.is_empty() {
            return;
        }
        self.match_analysis(&whole, 1.0, None, found);
        let parts = segments(name);
        if parts.is_empty() {
            return;
        }
        let analysed: Vec<Analysis> = parts.iter().map(|p| analyze(p)).collect();
        for (i, (part, analysis)) in parts.iter().zip(&analysed).enumerate() {
            if analysis.is_empty() {
                continue;
            }
            let unit = parts
                .iter()
                .zip(&analysed)
                .enumerate()
                .find(|(j, (_, a))| *j != i && is_unit_name(a))
                .map(|(_, (p, _))| p.as_str());
            let context = match unit {
                Some(unit) => format!("'{unit}' is a unit of '{part}', which"),
                None => format!("the part '{part}' of the query"),
            };
            self.match_analysis(analysis, SEGMENT_FACTOR, Some(&context), found);
        }
    }

    fn match_analysis(
        &self,
        query: &Analysis,
        factor: f64,
        context: Option<&str>,
        found: &mut HashMap<usize, Found>,
    ) {
        let query_text = query.normalized();
        for id in self.index.candidates(query) {
            let Some(variant) = self.variants.get(id) else {
                continue;
            };
            let Some(Scored { score, why }) = score(query, &variant.form) else {
                continue;
            };
            if score < 1.0
                && self
                    .distinct
                    .get(&variant.entry)
                    .is_some_and(|names| names.contains(&query_text))
            {
                continue;
            }
            let score = (score * factor).clamp(0.0, 1.0);
            let why = match variant.source {
                Source::Alias => format!("{why} (listed alias)"),
                Source::ShortForm => format!("{why} (short form in the reference table)"),
                Source::FormerName => format!("{why} (former name in the reference table)"),
                _ => why,
            };
            let why = match context {
                Some(c) => format!("{c} matches: {why}"),
                None => why,
            };
            offer(
                found,
                variant.entry,
                Found {
                    score,
                    matched: variant.text.clone(),
                    why,
                    via_parent: None,
                },
            );
        }
    }

    /// Reports the listed parents of matched entries, up the chain, as hits of their own.
    fn add_parents(&self, found: &mut HashMap<usize, Found>) {
        let matched: Vec<(usize, Found)> = found
            .iter()
            .filter(|(_, f)| f.score >= MATCH_THRESHOLD && f.via_parent.is_none())
            .map(|(&i, f)| (i, f.clone()))
            .collect();
        for (child, hit) in matched {
            let Some(child_entry) = self.entries.get(child) else {
                continue;
            };
            let mut score = hit.score;
            let mut current = child;
            let mut steps = 0;
            while let Some(parent) = self.parents.get(current).copied().flatten() {
                steps += 1;
                if steps > 16 || parent == child {
                    break;
                }
                score *= PARENT_FACTOR;
                let parent_name = self.entries.get(parent).map_or("", |e| e.name.as_str());
                offer(
                    found,
                    parent,
                    Found {
                        score,
                        matched: hit.matched.clone(),
                        why: format!(
                            "belongs to listed parent {parent_name}: its unit '{}' matched ({})",
                            child_entry.name, hit.why
                        ),
                        via_parent: Some(child_entry.id.clone()),
                    },
                );
                current = parent;
            }
        }
    }
}

/// Keeps the better of two matches for one entry.
fn offer(found: &mut HashMap<usize, Found>, entry: usize, candidate: Found) {
    match found.get(&entry) {
        Some(existing) if existing.score >= candidate.score => {}
        _ => {
            found.insert(entry, candidate);
        }
    }
}
