//! Pinyin: Chinese characters to syllables, and Latin words back into syllables.
//!
//! Partners often write a Chinese name in pinyin ("Haerbin Gongye Daxue", "Guofangkeji Daxue", with or
//! without tones and spaces). Both sides are compared as syllable sequences: the listed Chinese name
//! gives every reading of each character (heteronyms: 长 is chang or zhang), the query's words are cut
//! into syllables. Syllables, not letters, so that one wrong syllable ("gongye" for "ligong") counts as
//! a different word rather than a two-letter typo.

use std::collections::HashSet;
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// Longest pinyin syllable (`zhuang`, `shuang`).
const MAX_SYLLABLE: usize = 6;

/// Every toneless pinyin syllable the `pinyin` crate knows, read once from its own tables so the set
/// cannot drift from the readings it gives.
fn syllable_set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::new();
        for c in ('\u{4e00}'..='\u{9fff}').filter_map(|c| c.to_pinyin_multi()) {
            for reading in c {
                let s = plain(reading.plain());
                // Syllables without a vowel (m, n, ng, hm) would let English words pass as pinyin.
                if s.chars().any(|c| "aeiouv".contains(c)) {
                    set.insert(s);
                }
            }
        }
        set
    })
}

/// Builds the syllable table now rather than during the first query.
pub(crate) fn warm_up() {
    let _ = syllable_set();
}

fn plain(reading: &str) -> String {
    reading.replace('ü', "v")
}

/// Every reading of every Han character of `han`, in order; characters without a reading are skipped.
pub(crate) fn readings(han: &str) -> Vec<Vec<String>> {
    han.chars()
        .filter_map(|c| c.to_pinyin_multi())
        .map(|multi| {
            let mut all: Vec<String> = Vec::new();
            for reading in multi {
                let s = plain(reading.plain());
                if !all.contains(&s) {
                    all.push(s);
                }
            }
            all
        })
        .collect()
}

/// Trailing syllable runs that are Chinese legal forms (youxian gongsi…), removed like `有限公司`.
const LEGAL_SYLLABLES: [&[&str]; 5] = [
    &["gu", "fen", "you", "xian", "gong", "si"],
    &["you", "xian", "ze", "ren", "gong", "si"],
    &["you", "xian", "gong", "si"],
    &["ji", "tuan"],
    &["gong", "si"],
];

/// Cuts words into pinyin syllables; `None` unless every word is pinyin (tone numbers allowed).
pub(crate) fn syllables_of_words<'a>(words: impl Iterator<Item = &'a str>) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for word in words {
        out.extend(segment(word)?);
    }
    loop {
        let before = out.len();
        for legal in LEGAL_SYLLABLES {
            if out.len() > legal.len() + 1
                && out.ends_with(&legal.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
            {
                out.truncate(out.len() - legal.len());
                break;
            }
        }
        if out.len() == before {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Cuts one word into the fewest pinyin syllables; a tone digit 1–5 may follow each syllable.
fn segment(word: &str) -> Option<Vec<String>> {
    let bytes = word.as_bytes();
    if bytes.is_empty()
        || !bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return None;
    }
    let set = syllable_set();
    let n = bytes.len();
    // best[i]: fewest syllables covering bytes[..i], with where the last syllable started and ended.
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0));
    for start in 0..n {
        let Some((count, _, _)) = best[start] else {
            continue;
        };
        for len in 1..=MAX_SYLLABLE.min(n - start) {
            let end = start + len;
            let Some(candidate) = word.get(start..end) else {
                continue;
            };
            if !set.contains(candidate) {
                continue;
            }
            let mut next = end;
            if bytes.get(next).is_some_and(|b| (b'1'..=b'5').contains(b)) {
                next += 1;
            }
            if best[next].is_none_or(|(c, _, _)| c > count + 1) {
                best[next] = Some((count + 1, start, end));
            }
        }
    }
    let mut syllables = Vec::new();
    let mut at = n;
    while at > 0 {
        let (_, start, end) = best[at]?;
        syllables.push(word.get(start..end)?.to_owned());
        at = start;
    }
    syllables.reverse();
    Some(syllables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cut_into_syllables() {
        let words = ["haerbin", "gongye", "daxue"];
        assert_eq!(
            syllables_of_words(words.into_iter()),
            Some(
                ["ha", "er", "bin", "gong", "ye", "da", "xue"]
                    .map(String::from)
                    .to_vec()
            )
        );
        assert_eq!(
            syllables_of_words(["guo2fang2ke1ji4"].into_iter()),
            Some(["guo", "fang", "ke", "ji"].map(String::from).to_vec())
        );
        assert_eq!(syllables_of_words(["harbin"].into_iter()), None);
        assert_eq!(syllables_of_words(["university"].into_iter()), None);
    }

    #[test]
    fn heteronyms_give_every_reading() {
        let r = readings("长江");
        assert!(r[0].contains(&"chang".to_owned()) && r[0].contains(&"zhang".to_owned()));
    }
}
