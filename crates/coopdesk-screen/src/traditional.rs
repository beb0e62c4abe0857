//! Which texts traditional → simplified conversion can change, known without loading its tables.
//!
//! `character_converter` reads a 3.6 MB table of 115 000 phrases into a hash map the first time it
//! converts anything: about 30 ms, more than the rest of a `coopdesk screen` process. Most Chinese
//! names are written in simplified characters already, and the conversion is the identity on them,
//! so [`may_change`] asks first: a text changes only if it holds a character that the table maps to
//! another on its own, or one of the few phrases that it changes although none of their characters
//! changes on its own (乾杯, 休閒, 反叛份子). Both lists are in `traditional.txt`, generated from the
//! crate's table (the version is pinned in the workspace manifest for that reason); the tests check
//! every Han character and every listed phrase against the crate itself.
//!
//! Why that is exact: the converter replaces, left to right, the longest table key at each position by
//! its value. A key whose value differs from it differs in at least one character; that character is in
//! the first list, or the key is in the second. A text holding neither can only meet keys that map to
//! themselves, so it comes out unchanged.

use std::sync::OnceLock;

const TABLE: &str = include_str!("traditional.txt");

struct Changes {
    /// Characters the converter changes on their own, sorted.
    chars: Vec<char>,
    /// Phrases it changes although none of their characters changes on its own.
    phrases: Vec<&'static str>,
}

fn changes() -> &'static Changes {
    static CHANGES: OnceLock<Changes> = OnceLock::new();
    CHANGES.get_or_init(|| {
        let mut lines = TABLE.lines().filter(|l| !l.starts_with('#'));
        let mut chars: Vec<char> = lines
            .by_ref()
            .take_while(|l| !l.is_empty())
            .flat_map(str::chars)
            .collect();
        chars.sort_unstable();
        let phrases = lines.filter(|l| !l.is_empty()).collect();
        Changes { chars, phrases }
    })
}

/// Whether converting `text` from traditional to simplified characters can change it; `false` means
/// `character_converter::traditional_to_simplified(text)` returns `text` as it is.
pub(crate) fn may_change(text: &str) -> bool {
    let changes = changes();
    text.chars()
        .any(|c| changes.chars.binary_search(&c).is_ok())
        || changes.phrases.iter().any(|p| text.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::is_han;

    fn converted(text: &str) -> String {
        character_converter::traditional_to_simplified(text).into_owned()
    }

    #[test]
    fn every_han_character_is_listed_exactly_when_the_converter_changes_it() {
        let ranges = [
            0x3400..=0x4dbf_u32,
            0x4e00..=0x9fff,
            0xf900..=0xfaff,
            0x20000..=0x2ffff,
        ];
        let mut wrong = Vec::new();
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = c.to_string();
            let changed = converted(&s) != s;
            if changed != changes().chars.binary_search(&c).is_ok() {
                wrong.push(c);
            }
        }
        assert!(
            wrong.is_empty(),
            "regenerate traditional.txt from character_converter's table: {wrong:?}"
        );
        assert!(changes().chars.iter().all(|&c| is_han(c)));
    }

    #[test]
    fn every_listed_phrase_is_changed_although_its_characters_are_not() {
        assert!(changes().phrases.len() > 50);
        for phrase in &changes().phrases {
            assert_ne!(&converted(phrase), phrase);
            assert!(
                phrase
                    .chars()
                    .all(|c| converted(&c.to_string()) == c.to_string()),
                "{phrase}"
            );
            assert!(may_change(phrase));
        }
    }

    #[test]
    fn simplified_names_need_no_conversion_and_traditional_ones_do() {
        for simplified in [
            "哈尔滨工业大学",
            "中国科学院高能物理研究所",
            "华为技术有限公司",
            "股份有限公司",
        ] {
            assert!(!may_change(simplified), "{simplified}");
            assert_eq!(converted(simplified), simplified);
        }
        for traditional in ["哈爾濱工業大學", "國防科技大學", "休閒食品", "反叛份子"]
        {
            assert!(may_change(traditional), "{traditional}");
        }
    }
}
