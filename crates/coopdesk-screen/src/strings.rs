//! Flat tables of strings and of id lists, the shapes a prepared screener is made of.
//!
//! A screener over 20 000 entries holds some 100 000 index terms and as many names; as a `String` and
//! a `Vec` each they would cost an allocation apiece to build, to free and to read back from the
//! database. Stored end to end in one buffer with their end offsets, a table is two allocations, and
//! reading it back ([`Strings::read`]) is a copy and one UTF-8 check.

use std::collections::HashMap;

use crate::prepared::{Reader, Result, Writer, offset};

/// Strings stored end to end, addressed by position.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Strings {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u32>,
}

impl Strings {
    /// Adds `s` at the next position.
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(offset(self.text.len()));
    }

    /// The string at position `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// How many strings the table holds.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The position of `s` in a table whose strings were pushed in sorted order.
    pub(crate) fn find(&self, s: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid)?.cmp(s) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.str(&self.text);
        w.u32s(&self.ends);
    }

    /// Reads a table written by [`Strings::write`]; every string must lie on character boundaries.
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self> {
        let text = r.str()?.to_owned();
        let ends = r.u32s()?;
        let mut start = 0;
        for &end in &ends {
            let end = end as usize;
            if end < start || end > text.len() || !text.is_char_boundary(end) {
                return Err(r.malformed("a string ends outside the text"));
            }
            start = end;
        }
        Ok(Strings { text, ends })
    }
}

/// Sorted keys, each with a list of ids (terms → name forms, trigrams → words).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Postings {
    keys: Strings,
    /// Where each key's ids end in `ids`.
    ends: Vec<u32>,
    ids: Vec<u32>,
}

impl Postings {
    /// The map as sorted keys; each key's ids keep their order.
    pub(crate) fn from_map(map: HashMap<String, Vec<u32>>) -> Self {
        let mut pairs: Vec<(String, Vec<u32>)> = map.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut postings = Postings::default();
        for (key, ids) in pairs {
            postings.keys.push(&key);
            postings.ids.extend(ids);
            postings.ends.push(offset(postings.ids.len()));
        }
        postings
    }

    /// The ids listed under `key`, empty when it has none.
    pub(crate) fn get(&self, key: &str) -> &[u32] {
        self.keys
            .find(key)
            .and_then(|i| {
                let end = *self.ends.get(i)? as usize;
                let start = match i.checked_sub(1) {
                    Some(before) => *self.ends.get(before)? as usize,
                    None => 0,
                };
                self.ids.get(start..end)
            })
            .unwrap_or_default()
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        self.keys.write(w);
        w.u32s(&self.ends);
        w.u32s(&self.ids);
    }

    /// Reads postings written by [`Postings::write`] whose ids are all below `limit`.
    pub(crate) fn read(r: &mut Reader<'_>, limit: usize) -> Result<Self> {
        let keys = Strings::read(r)?;
        let ends = r.u32s()?;
        let ids = r.u32s()?;
        if ends.len() != keys.len() || !is_sorted_within(&ends, ids.len()) {
            return Err(r.malformed("posting lists do not match their keys"));
        }
        if ids.iter().any(|&id| id as usize >= limit) {
            return Err(r.malformed("an id is out of range"));
        }
        Ok(Postings { keys, ends, ids })
    }
}

/// Whether `ends` never decreases and stays within `len`.
fn is_sorted_within(ends: &[u32], len: usize) -> bool {
    ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().is_none_or(|&e| e as usize <= len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_found_by_position_and_by_value() {
        let mut t = Strings::default();
        for s in ["a", "", "bc", "哈工大"] {
            t.push(s);
        }
        assert_eq!(t.get(0), Some("a"));
        assert_eq!(t.get(1), Some(""));
        assert_eq!(t.get(3), Some("哈工大"));
        assert_eq!(t.get(4), None);
        assert_eq!(t.find("bc"), Some(2));
        assert_eq!(t.find("b"), None);
    }

    #[test]
    fn postings_keep_their_ids_under_sorted_keys() {
        let map: HashMap<String, Vec<u32>> = [
            ("tharbin".to_owned(), vec![0, 4, 9]),
            ("aheu".to_owned(), vec![3]),
            ("h哈工".to_owned(), vec![1, 2]),
        ]
        .into_iter()
        .collect();
        let p = Postings::from_map(map);
        assert_eq!(p.get("tharbin"), &[0, 4, 9]);
        assert_eq!(p.get("aheu"), &[3]);
        assert_eq!(p.get("h哈工"), &[1, 2]);
        assert!(p.get("tmissing").is_empty());
    }
}
