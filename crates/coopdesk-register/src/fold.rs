//! Text folding for comparing headers, country names and vocabulary words as people type them.

use unicode_normalization::UnicodeNormalization;

/// Lower case, accents removed (`Förderung` → `forderung`, `ß` → `ss`), every run of characters
/// that are neither letters nor digits turned into one space, trimmed. Chinese characters are kept.
///
/// German umlauts fold to the bare vowel, so a header typed without them (`Foerderung`) is a
/// different key; the keyword tables list both spellings where offices use both.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c == 'ß' {
                out.push_str("ss");
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    out
}

/// Whether `c` is a Chinese, Japanese or Korean character (ideographs, kana, hangul) or CJK
/// punctuation, which names written in Chinese may contain.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xAC00..=0xD7AF // hangul
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF00..=0xFF0F // full-width punctuation
        | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("  Förderung / Förderer "), "forderung forderer");
        assert_eq!(fold("Großgerät"), "grossgerat");
        assert_eq!(fold("Lfd.-Nr."), "lfd nr");
        assert_eq!(fold("清华大学"), "清华大学");
        assert_eq!(fold("ÉCOLE Polytechnique"), "ecole polytechnique");
    }
}
