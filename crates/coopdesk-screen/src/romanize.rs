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

/// English words (as the normaliser leaves them) that partners mix into pinyin names, with the pinyin
/// of their usual Chinese renderings: "Harbin Gongye University" is 哈尔滨工业大学. Places are the
/// conventional spellings that are not pinyin themselves (`harbin`, `xian`); `china` is here so that it
/// is read as 中国 rather than as the syllables chi-na.
const ENGLISH_READINGS: [(&str, &[&str]); 27] = [
    ("university", &["da xue"]),
    ("college", &["xue yuan"]),
    ("institute", &["yan jiu suo", "xue yuan", "yan jiu yuan"]),
    ("academy", &["yuan", "xue yuan", "ke xue yuan"]),
    ("science", &["ke xue"]),
    ("technology", &["ke ji", "ji shu"]),
    ("engineering", &["gong cheng"]),
    ("research", &["yan jiu"]),
    ("aeronautic", &["hang kong"]),
    ("aeronautics", &["hang kong"]),
    ("astronautic", &["hang tian"]),
    ("astronautics", &["hang tian"]),
    ("polytechnic", &["gong ye", "li gong"]),
    ("normal", &["shi fan"]),
    ("medical", &["yi ke", "yi xue"]),
    ("agricultural", &["nong ye"]),
    ("industrial", &["gong ye"]),
    ("electronic", &["dian zi"]),
    ("physic", &["wu li"]),
    ("defense", &["guo fang"]),
    ("defence", &["guo fang"]),
    ("national", &["guo jia"]),
    ("china", &["zhong guo"]),
    ("chinese", &["zhong guo"]),
    ("harbin", &["ha er bin"]),
    ("xian", &["xi an"]),
    ("northwestern", &["xi bei"]),
];

/// Most alternative readings tried for one mixed name.
const MAX_MIXED: usize = 16;

/// The syllable sequences a name mixing pinyin with English words may stand for ("Harbin Gongye
/// University" → ha er bin gong ye da xue). Empty unless at least one word is only pinyin and at least
/// one is an English word of [`ENGLISH_READINGS`], and every word is one or the other: a name entirely
/// in pinyin is read by [`syllables_of_words`], one entirely in English is matched as words.
pub(crate) fn mixed_syllables(words: &[&str]) -> Vec<Vec<String>> {
    let mut alternatives: Vec<Vec<String>> = vec![Vec::new()];
    let (mut pinyin_words, mut english_words) = (0, 0);
    for word in words {
        if let Some((_, readings)) = ENGLISH_READINGS.iter().find(|(w, _)| w == word) {
            english_words += 1;
            let mut next = Vec::new();
            for prefix in &alternatives {
                for reading in *readings {
                    let mut seq = prefix.clone();
                    seq.extend(reading.split(' ').map(str::to_owned));
                    next.push(seq);
                }
            }
            next.truncate(MAX_MIXED);
            alternatives = next;
        } else if let Some(syllables) = segment(word) {
            pinyin_words += 1;
            for seq in &mut alternatives {
                seq.extend(syllables.iter().cloned());
            }
        } else {
            return Vec::new();
        }
    }
    if pinyin_words == 0 || english_words == 0 {
        return Vec::new();
    }
    alternatives
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
    fn mixed_names_are_read_as_syllables() {
        let seq = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            mixed_syllables(&["harbin", "gongye", "university"]),
            vec![seq("ha er bin gong ye da xue")]
        );
        assert_eq!(mixed_syllables(&["institute", "gaoneng", "wuli"]).len(), 3);
        assert!(
            mixed_syllables(&["harbin", "university"]).is_empty(),
            "no pinyin word"
        );
        assert!(
            mixed_syllables(&["gongye", "daxue"]).is_empty(),
            "no English word"
        );
        assert!(
            mixed_syllables(&["gongye", "hotel"]).is_empty(),
            "an unknown word"
        );
    }

    #[test]
    fn heteronyms_give_every_reading() {
        let r = readings("长江");
        assert!(r[0].contains(&"chang".to_owned()) && r[0].contains(&"zhang".to_owned()));
    }
}
