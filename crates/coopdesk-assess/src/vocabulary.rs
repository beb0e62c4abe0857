//! Matching the sensitive-technology vocabulary against a case's texts on whole words.
//!
//! Substring matching flagged harmless cases ("hpc" inside another word, "quantum" in "quantum field
//! theory" matched by a bare "quantum"), so terms are matched word by word: each word of a term must
//! equal a word of the text, or start it when the term's word ends in `*`. Chinese has no word breaks,
//! so a term holding Chinese characters matches anywhere in the text.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

/// A sensitive technology area and the terms that name it.
///
/// A term is matched on whole words, not as a substring: "laser" does not match "lasers" unless the
/// term is written `laser*`, where a trailing `*` lets a word match as a prefix (`supercomput*`
/// matches "supercomputer" and "Supercomputing"). A term of several words matches those words in
/// sequence; hyphens and punctuation separate words ("high-power laser*" matches "high power lasers").
/// Terms in Chinese characters match anywhere in the text, since Chinese has no word breaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SensitiveArea {
    /// Stable id, e.g. `lasers`.
    pub id: String,
    /// Display name, shown in the evidence.
    pub label: Text,
    /// The terms, in any of the product's languages and Chinese.
    pub terms: Vec<String>,
}

/// One parsed term of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Words to find in sequence; `(word, prefix)` where `prefix` lets the word start a longer one.
    Words(Vec<(String, bool)>),
    /// Text in Chinese characters, found anywhere.
    Chinese(String),
}

/// Whether `c` is a CJK ideograph (the scripts matched without word breaks).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The lower-cased words of a text: letters and digits, split at everything else.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Term {
    /// Parses a term; `None` when it holds no word.
    pub fn parse(term: &str) -> Option<Term> {
        if term.chars().any(is_cjk) {
            let t: String = term.chars().filter(|c| !c.is_whitespace()).collect();
            return Some(Term::Chinese(t));
        }
        let parts: Vec<(String, bool)> = term
            .split_whitespace()
            .flat_map(|chunk| {
                let prefix = chunk.ends_with('*');
                let ws = words(chunk);
                let n = ws.len();
                // Only the last word of a hyphenated chunk carries the chunk's `*`.
                ws.into_iter()
                    .enumerate()
                    .map(move |(i, w)| (w, prefix && i + 1 == n))
            })
            .collect();
        (!parts.is_empty()).then_some(Term::Words(parts))
    }
}

/// Whether the words `ws` of a term stand in `words` from position `at` on.
fn matches_at(words: &[String], at: usize, ws: &[(String, bool)]) -> bool {
    words.len() >= at + ws.len()
        && words[at..at + ws.len()]
            .iter()
            .zip(ws)
            .all(|(have, (want, prefix))| {
                if *prefix {
                    have.starts_with(want.as_str())
                } else {
                    have == want
                }
            })
}

/// The terms by their first word. A text is matched by looking its words up here, so its cost grows
/// with the text, not with the number of terms (assessing 10 000 cases scans about 50 000 texts).
#[derive(Debug, Clone, Default)]
struct TermIndex {
    /// First word (exact) → (area, term) positions.
    exact: HashMap<String, Vec<(usize, usize)>>,
    /// First word written with `*` → (area, term) positions.
    prefix: HashMap<String, Vec<(usize, usize)>>,
    /// Length in bytes of the longest prefix, so a long word is not cut at every character.
    longest_prefix: usize,
    /// Terms in Chinese characters.
    chinese: Vec<(usize, usize)>,
}

/// A sensitive area found in a case text: which area, by which term, in which text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaMatch {
    /// The area's id (`sensitive_area:<id>`).
    pub id: String,
    /// The area's display name.
    pub area: Text,
    /// The term as the template writes it.
    pub term: String,
    /// The case text it was found in.
    pub text: String,
}

/// One area with its parsed terms (each beside the term as written, for the evidence).
#[derive(Debug, Clone)]
struct Area {
    id: String,
    label: Text,
    terms: Vec<(String, Term)>,
}

/// The vocabulary of a template, parsed once.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    areas: Vec<Area>,
    index: TermIndex,
}

impl Vocabulary {
    /// The template's sensitive areas, with its legacy `sensitive_keywords` as one unnamed area.
    pub fn of(sensitive_areas: &[SensitiveArea], sensitive_keywords: &[String]) -> Vocabulary {
        let parse = |terms: &[String]| {
            terms
                .iter()
                .filter_map(|t| Term::parse(t).map(|p| (t.clone(), p)))
                .collect::<Vec<_>>()
        };
        let mut areas: Vec<Area> = sensitive_areas
            .iter()
            .map(|a| Area {
                id: a.id.clone(),
                label: a.label.clone(),
                terms: parse(&a.terms),
            })
            .collect();
        if !sensitive_keywords.is_empty() {
            areas.push(Area {
                id: "keywords".to_owned(),
                label: Text {
                    en: "sensitive technology".into(),
                    de: "sensible Technologie".into(),
                },
                terms: parse(sensitive_keywords),
            });
        }
        let mut index = TermIndex::default();
        for (a, area) in areas.iter().enumerate() {
            for (t, (_, term)) in area.terms.iter().enumerate() {
                match term {
                    Term::Chinese(_) => index.chinese.push((a, t)),
                    Term::Words(ws) => {
                        let Some((first, prefix)) = ws.first() else {
                            continue;
                        };
                        let map = if *prefix {
                            index.longest_prefix = index.longest_prefix.max(first.len());
                            &mut index.prefix
                        } else {
                            &mut index.exact
                        };
                        map.entry(first.clone()).or_default().push((a, t));
                    }
                }
            }
        }
        Vocabulary { areas, index }
    }

    /// The first matching term (in template order) of each area in `text`.
    pub fn find(&self, text: &str) -> Vec<AreaMatch> {
        let words = words(text);
        let mut first: Vec<Option<usize>> = vec![None; self.areas.len()];
        let mut found = |(a, t): (usize, usize)| {
            if let Some(slot) = first.get_mut(a) {
                *slot = Some(slot.map_or(t, |b| b.min(t)));
            }
        };
        for (at, word) in words.iter().enumerate() {
            let mut try_terms = |candidates: Option<&Vec<(usize, usize)>>| {
                for &(a, t) in candidates.into_iter().flatten() {
                    if let Some((_, Term::Words(ws))) =
                        self.areas.get(a).and_then(|x| x.terms.get(t))
                        && matches_at(&words, at, ws)
                    {
                        found((a, t));
                    }
                }
            };
            try_terms(self.index.exact.get(word.as_str()));
            // Every prefix of the word that some term starts with, up to the longest one.
            let cuts = word
                .char_indices()
                .map(|(i, _)| i)
                .skip(1)
                .chain(std::iter::once(word.len()))
                .take_while(|&k| k <= self.index.longest_prefix);
            for k in cuts {
                try_terms(word.get(..k).and_then(|p| self.index.prefix.get(p)));
            }
        }
        if text.chars().any(is_cjk) {
            let lower = text.to_lowercase();
            for &(a, t) in &self.index.chinese {
                if let Some((_, Term::Chinese(c))) = self.areas.get(a).and_then(|x| x.terms.get(t))
                    && lower.contains(c.as_str())
                {
                    found((a, t));
                }
            }
        }
        self.areas
            .iter()
            .zip(first)
            .filter_map(|(area, t)| {
                let (written, _) = area.terms.get(t?)?;
                Some(AreaMatch {
                    id: area.id.clone(),
                    area: area.label.clone(),
                    term: written.clone(),
                    text: text.to_owned(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(terms: &[&str]) -> Vocabulary {
        let area = SensitiveArea {
            id: "x".into(),
            label: Text {
                en: "X".into(),
                de: "X".into(),
            },
            terms: terms.iter().map(|t| (*t).to_owned()).collect(),
        };
        Vocabulary::of(&[area], &[])
    }

    #[test]
    fn whole_words_not_substrings() {
        let v = vocab(&["hpc", "quantum computing", "laser*"]);
        assert!(v.find("graphcore chips").is_empty());
        assert!(v.find("quantum field theory").is_empty());
        assert_eq!(v.find("Quantum-computing testbeds").len(), 1);
        assert_eq!(v.find("HPC cluster").len(), 1);
        assert_eq!(v.find("ultrafast lasers").len(), 1);
        assert!(
            v.find("Laserpointer").len() == 1,
            "prefix matches the start of a word"
        );
        assert!(v.find("fibre optics").is_empty());
    }

    #[test]
    fn hyphens_and_german_compounds() {
        let v = vocab(&["high-power laser*", "quantencomput*", "hochleistungsrechn*"]);
        assert_eq!(v.find("High power lasers for plasma").len(), 1);
        assert_eq!(v.find("high-power laser systems").len(), 1);
        assert_eq!(v.find("Quantencomputer mit Ionenfallen").len(), 1);
        assert_eq!(v.find("Höchstleistungsrechnen").len(), 0);
        assert_eq!(v.find("Hochleistungsrechnen").len(), 1);
    }

    #[test]
    fn chinese_terms_match_anywhere() {
        let v = vocab(&["量子计算"]);
        assert_eq!(v.find("基于离子阱的量子计算研究").len(), 1);
        assert!(v.find("量子场论").is_empty());
    }

    #[test]
    fn empty_terms_do_not_parse() {
        assert_eq!(Term::parse("  * - "), None);
        assert!(Term::parse("x-ray*").is_some());
    }
}
