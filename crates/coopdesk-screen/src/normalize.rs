//! Name normalisation: one analysis per name, used for list entries and queries alike.
//!
//! The same function prepares both sides, so a rule added here can never make a listed name unable to
//! match itself. Steps: NFKC (full-width forms, ligatures, compatibility characters) → traditional to
//! simplified Chinese → strip diacritics → lower case → split into Latin words and Han text → expand
//! abbreviations (`Univ.` → university) → fold plurals → drop connectors (`of`, `the`) and legal forms
//! (`Co., Ltd.`, `GmbH`, `有限公司`, `集团`) → read Latin words as pinyin syllables where they are pinyin.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::romanize;
use crate::traditional;

/// A Latin word of a name after normalisation, with what stood around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The normalised word (`univ.` → `university`, `sciences` → `science`).
    pub text: String,
    /// A connector (`of`, `for`, `and`…) followed this word in the original name.
    pub connector_after: bool,
    /// A connector preceded this word in the original name.
    pub connector_before: bool,
}

/// Everything the matcher needs to know about one name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Analysis {
    /// Lower-cased words as written, before abbreviation, plural and stop-word handling (for acronyms).
    pub raw_words: Vec<String>,
    /// Normalised Latin words without connectors and legal forms.
    pub tokens: Vec<Token>,
    /// The Han characters of the name, simplified, without legal forms and the PLA prefix.
    pub han: String,
    /// Traditional characters were converted to simplified ones.
    pub han_converted: bool,
    /// The Latin words read as pinyin syllables, when every word is pinyin.
    pub syllables: Option<Vec<String>>,
    /// For a name mixing pinyin and English words ("Harbin Gongye University"): the syllable sequences
    /// it may stand for. Empty otherwise.
    pub mixed_syllables: Vec<Vec<String>>,
    /// Numbers in the name (`16th` → 16, `第五十四` → 54): different numbers mean different institutes.
    pub numbers: Vec<u32>,
    /// The Han text in its usual short form (see [`canonical_han`]): equal to `han` when no rule
    /// applies.
    pub han_canonical: String,
    /// The rules that turned `han` into `han_canonical`, in words.
    pub han_rules: Vec<&'static str>,
}

impl Analysis {
    /// Nothing left to match on.
    pub(crate) fn is_empty(&self) -> bool {
        self.tokens.is_empty() && self.han.is_empty()
    }

    /// The normalised form as one string, as [`normalize`] gives it.
    pub(crate) fn normalized(&self) -> String {
        let mut parts: Vec<&str> = self.words();
        if !self.han.is_empty() {
            parts.push(&self.han);
        }
        parts.join(" ")
    }

    /// The normalised words as strings.
    pub(crate) fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.text.as_str()).collect()
    }
}

/// Pinyin words with one unambiguous English rendering, compared as that word.
const PINYIN_WORDS: [(&str, &str); 2] = [("daxue", "university"), ("yanjiusuo", "institute")];

/// Words that join parts of a name and carry no identity.
const CONNECTORS: [&str; 17] = [
    "of", "the", "and", "for", "at", "in", "on", "de", "du", "des", "la", "le", "der", "die",
    "das", "und", "fur",
];

/// Legal forms and their pinyin; removed so `Huawei Technologies Co., Ltd.` equals `Huawei Technologies`.
const LEGAL_FORMS: [&str; 36] = [
    "co",
    "company",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "gmbh",
    "llc",
    "plc",
    "ag",
    "sa",
    "srl",
    "bv",
    "nv",
    "kg",
    "kgaa",
    "oy",
    "pte",
    "pty",
    "spa",
    "sarl",
    "sas",
    "llp",
    "jsc",
    "ojsc",
    "pjsc",
    "group",
    "holding",
    "youxian",
    "gongsi",
    "youxiangongsi",
    "gufen",
    "zeren",
    "jituan",
];

/// Abbreviations seen in research-organisation names, with the word they stand for.
const ABBREVIATIONS: [(&str, &str); 34] = [
    ("supercomputer", "supercomputing"),
    ("supercomputers", "supercomputing"),
    ("supercomputation", "supercomputing"),
    ("defence", "defense"),
    ("telecom", "telecommunication"),
    ("univ", "university"),
    ("uni", "university"),
    ("inst", "institute"),
    ("institut", "institute"),
    ("tech", "technology"),
    ("techn", "technology"),
    ("technol", "technology"),
    ("acad", "academy"),
    ("sci", "science"),
    ("natl", "national"),
    ("lab", "laboratory"),
    ("labs", "laboratory"),
    ("ctr", "center"),
    ("centre", "center"),
    ("cntr", "center"),
    ("dept", "department"),
    ("eng", "engineering"),
    ("engg", "engineering"),
    ("intl", "international"),
    ("res", "research"),
    ("elec", "electronic"),
    ("electronics", "electronic"),
    ("mil", "military"),
    ("phys", "physic"),
    ("polytech", "polytechnic"),
    ("hosp", "hospital"),
    ("med", "medical"),
    ("organisation", "organization"),
    ("aeronautical", "aeronautic"),
];

/// Chinese legal forms, longest first, stripped from the end of a name (repeatedly).
const HAN_LEGAL_SUFFIXES: [&str; 8] = [
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "集团公司",
    "有限公司",
    "股份公司",
    "集团",
    "公司",
];

/// Prefixes that official Chinese names carry and everyday usage drops.
const HAN_PREFIXES: [&str; 2] = ["中国人民解放军", "解放军"];

/// True for Han ideographs (CJK Unified Ideographs and extension A, compatibility ideographs).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// NFKC, traditional → simplified, diacritics removed, lower case. Returns the text and whether
/// traditional characters were converted.
pub(crate) fn fold(text: &str) -> (String, bool) {
    let nfkc: String = text.nfkc().collect();
    // Asking `traditional::may_change` first spares most names the walk through the conversion
    // table; where it says no, the conversion would return the text unchanged.
    let (simplified, converted) = if nfkc.chars().any(is_han) && traditional::may_change(&nfkc) {
        match traditional::to_simplified(&nfkc) {
            Cow::Borrowed(_) => (nfkc, false),
            Cow::Owned(s) => {
                let changed = s != nfkc;
                (s, changed)
            }
        }
    } else {
        (nfkc, false)
    };
    let folded = simplified
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    (folded, converted)
}

/// Opens the traditional → simplified table now rather than with the first traditional name.
pub(crate) fn warm_up() {
    let _ = fold("國");
}

/// Analyses one name (see the module docs for the steps).
pub(crate) fn analyze(text: &str) -> Analysis {
    let (folded, han_converted) = fold(text);
    analyze_folded(&folded, han_converted)
}

/// Whether [`fold`] consults the traditional → simplified converter for `text` (and so loads its
/// tables).
pub(crate) fn fold_converts(text: &str) -> bool {
    let nfkc: String = text.nfkc().collect();
    nfkc.chars().any(is_han) && traditional::may_change(&nfkc)
}

/// [`analyze`] after [`fold`]: `analyze(t)` is `analyze_folded` of `fold(t)`.
pub(crate) fn analyze_folded(folded: &str, han_converted: bool) -> Analysis {
    let mut raw_words = Vec::new();
    let mut han = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    for c in folded.chars() {
        if is_han(c) {
            flush(&mut word, &mut raw_words);
            han.push(c);
        } else if c.is_alphanumeric() {
            word.push(c);
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2bc}' | '`') {
            // Apostrophes join: "Xi'an", "Nat'l".
        } else {
            flush(&mut word, &mut raw_words);
            if c == '&' || c == '+' {
                raw_words.push("and".to_owned());
            }
        }
    }
    flush(&mut word, &mut raw_words);

    let mut numbers: Vec<u32> = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut legal: Vec<Token> = Vec::new();
    let mut pending_connector = false;
    for raw in &raw_words {
        let text = normalize_word(raw);
        if CONNECTORS.contains(&text.as_str()) {
            if let Some(last) = tokens.last_mut() {
                last.connector_after = true;
            }
            pending_connector = true;
            continue;
        }
        if let Ok(n) = text.parse::<u32>() {
            numbers.push(n);
        }
        let token = Token {
            text,
            connector_after: false,
            connector_before: pending_connector,
        };
        pending_connector = false;
        if LEGAL_FORMS.contains(&token.text.as_str()) {
            legal.push(token);
        } else {
            tokens.push(token);
        }
    }
    if tokens.is_empty() {
        // A name made only of legal forms ("Company Limited") keeps them rather than vanish.
        tokens = legal;
    }

    let mut tokens = fold_affixes(tokens);
    let han = strip_han_affixes(&han);
    numbers.extend(han_numbers(&han));
    let (han_canonical, han_rules) = canonical_han(&han);
    let syllables = romanize::syllables_of_words(tokens.iter().map(|t| t.text.as_str()));
    let mixed_syllables = if syllables.is_none() && han.is_empty() {
        romanize::mixed_syllables(&tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>())
    } else {
        Vec::new()
    };
    // Pinyin words for "university" and "institute" read as the English words once the syllables are
    // taken, so that "Beihang Daxue" is the listed "Beihang University".
    for t in &mut tokens {
        if let Some((_, english)) = PINYIN_WORDS.iter().find(|(p, _)| *p == t.text) {
            t.text = (*english).to_owned();
        }
    }
    Analysis {
        raw_words,
        tokens,
        han,
        han_converted,
        syllables,
        mixed_syllables,
        numbers,
        han_canonical,
        han_rules,
    }
}

/// A bare word token (for the markers [`fold_affixes`] puts in front).
fn marker(text: &str) -> Token {
    Token {
        text: text.to_owned(),
        connector_after: false,
        connector_before: false,
    }
}

/// Removes `run` from `tokens` where it starts at `at`.
fn take_run(tokens: &mut Vec<Token>, at: usize, len: usize) {
    tokens.drain(at..at + len);
    if let Some(t) = tokens.get_mut(at) {
        t.connector_before = false;
    }
    if at > 0
        && let Some(t) = tokens.get_mut(at - 1)
    {
        t.connector_after = false;
    }
}

fn find_words(tokens: &[Token], run: &[&str]) -> Option<usize> {
    if run.is_empty() || run.len() > tokens.len() {
        return None;
    }
    tokens
        .windows(run.len())
        .position(|w| w.iter().zip(run).all(|(t, r)| t.text == *r))
}

/// Prefixes and suffixes that name the same organisation with or without them, in Latin words:
///
/// - "PLA", "People's Liberation Army", "Chinese People's Liberation Army" in front of a name or at
///   its end ("… of the PLA") are dropped, as 中国人民解放军 is in Chinese;
/// - "CAS" and "Chinese Academy of Sciences" anywhere in a name become one marker word `cas` in front,
///   so that "Institute of Physics, CAS", "CAS Institute of Physics" and "Chinese Academy of Sciences,
///   Institute of Physics" are the same words, while "Institute of Physics" alone is not.
///
/// Both only when at least two words remain.
fn fold_affixes(mut tokens: Vec<Token>) -> Vec<Token> {
    const PLA: [&[&str]; 3] = [
        &["chinese", "people", "liberation", "army"],
        &["people", "liberation", "army"],
        &["pla"],
    ];
    for run in PLA {
        if tokens.len() >= run.len() + 2 && find_words(&tokens, run) == Some(0) {
            take_run(&mut tokens, 0, run.len());
            break;
        }
    }
    for run in PLA {
        let len = tokens.len();
        if len >= run.len() + 2 && find_words(&tokens[len - run.len()..], run) == Some(0) {
            take_run(&mut tokens, len - run.len(), run.len());
            break;
        }
    }
    for run in [&["chinese", "academy", "science"][..], &["cas"][..]] {
        if tokens.len() >= run.len() + 2
            && let Some(at) = find_words(&tokens, run)
        {
            take_run(&mut tokens, at, run.len());
            tokens.insert(0, marker("cas"));
            break;
        }
    }
    tokens
}

/// Chinese abbreviation rules, applied in this order to both the listed name and the query; each
/// replaces every occurrence of its long form.
const HAN_CONTRACTIONS: [(&str, &str, &str); 5] = [
    ("中科院", "中国科学院", "中科院 = 中国科学院"),
    ("科学技术", "科技", "科学技术 → 科技"),
    ("超级计算机", "超算", "超级计算机 → 超算"),
    ("超级计算", "超算", "超级计算 → 超算"),
    ("科技大学", "科大", "科技大学 → 科大"),
];

/// The usual short form of a Chinese name, with the rules used: `中科院` for 中国科学院 (spelt out),
/// 科学技术 → 科技, 超级计算 → 超算, 科技大学 → 科大, a final 大学 → 大 and 研究所 → 所,
/// 中国科学院 after a name moved in front, and a national supercomputing centre's city placed
/// between 国家超算 and 中心 wherever it was written. Two names with the same short form are the
/// same name written differently; nothing here is fuzzy.
pub(crate) fn canonical_han(han: &str) -> (String, Vec<&'static str>) {
    let mut text = han.to_owned();
    let mut rules = Vec::new();
    if text.chars().count() < 2 {
        return (text, rules);
    }
    const CAS: &str = "中国科学院";
    let expanded = text.replace("中科院", CAS);
    if expanded != text {
        text = expanded;
        rules.push(HAN_CONTRACTIONS[0].2);
    }
    if let Some(rest) = text.strip_suffix(CAS)
        && rest.chars().count() >= 2
    {
        text = format!("{CAS}{rest}");
        rules.push("中国科学院 in front");
    }
    for (long, short, rule) in &HAN_CONTRACTIONS[1..] {
        let replaced = text.replace(long, short);
        if replaced != text {
            text = replaced;
            rules.push(rule);
        }
    }
    if let Some(rest) = text.strip_suffix("大学")
        && rest.chars().count() >= 2
    {
        text = format!("{rest}大");
        rules.push("大学 → 大");
    }
    if let Some(rest) = text.strip_suffix("研究所")
        && rest.chars().count() >= 2
    {
        text = format!("{rest}所");
        rules.push("研究所 → 所");
    }
    if text.contains("国家超算") && text.contains("中心") {
        let city = text.replacen("国家超算", "", 1).replacen("中心", "", 1);
        let n = city.chars().count();
        if (2..=4).contains(&n) {
            let ordered = format!("国家超算{city}中心");
            if ordered != text {
                text = ordered;
                rules.push("国家超算 + city + 中心");
            }
        }
    }
    (text, rules)
}

/// One word: ordinals to numbers, abbreviations expanded, plurals folded.
fn normalize_word(raw: &str) -> String {
    let digits = raw.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &raw[digits.len()..];
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
    {
        let trimmed = digits.trim_start_matches('0');
        return if trimmed.is_empty() {
            "0".to_owned()
        } else {
            trimmed.to_owned()
        };
    }
    if let Some((_, full)) = ABBREVIATIONS.iter().find(|(short, _)| *short == raw) {
        return (*full).to_owned();
    }
    // British and American spellings: -isation/-ization, -ised/-ized.
    let raw: &str = &raw
        .strip_suffix("isations")
        .or_else(|| raw.strip_suffix("isation"))
        .map(|stem| format!("{stem}ization"))
        .or_else(|| {
            raw.strip_suffix("ised")
                .filter(|stem| stem.len() >= 4)
                .map(|stem| format!("{stem}ized"))
        })
        .unwrap_or_else(|| raw.to_owned());
    let singular = if raw.len() > 4 && raw.ends_with("ies") {
        format!("{}y", &raw[..raw.len() - 3])
    } else if raw.len() > 3
        && raw.ends_with('s')
        && !raw.ends_with("ss")
        && !raw.ends_with("us")
        && !raw.ends_with("is")
        && raw.is_ascii()
    {
        raw[..raw.len() - 1].to_owned()
    } else {
        raw.to_owned()
    };
    match ABBREVIATIONS.iter().find(|(short, _)| *short == singular) {
        Some((_, full)) => (*full).to_owned(),
        None => singular,
    }
}

fn strip_han_affixes(han: &str) -> String {
    let mut rest = han;
    for prefix in HAN_PREFIXES {
        // 解放军 alone only before a name of four characters or more (解放军总医院 keeps it).
        let keep = if prefix == "解放军" { 4 } else { 2 };
        if let Some(stripped) = rest.strip_prefix(prefix)
            && stripped.chars().count() >= keep
        {
            rest = stripped;
        }
    }
    loop {
        let before = rest;
        for suffix in HAN_LEGAL_SUFFIXES {
            if let Some(stripped) = rest.strip_suffix(suffix) {
                // Keep at least two characters: "华为公司" → "华为", but "公司" alone stays.
                if stripped.chars().count() >= 2 {
                    rest = stripped;
                    break;
                }
            }
        }
        if rest == before {
            return rest.to_owned();
        }
    }
}

/// Numbers written in Chinese after 第 (`第五十四研究所` → 54).
fn han_numbers(han: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut chars = han.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '第' {
            continue;
        }
        let mut total = 0u32;
        let mut current = 0u32;
        let mut any = false;
        while let Some(&d) = chars.peek() {
            let digit = match d {
                '零' | '〇' => Some(0),
                '一' => Some(1),
                '二' | '两' => Some(2),
                '三' => Some(3),
                '四' => Some(4),
                '五' => Some(5),
                '六' => Some(6),
                '七' => Some(7),
                '八' => Some(8),
                '九' => Some(9),
                _ => None,
            };
            match (digit, d) {
                (Some(v), _) => current = current.saturating_mul(10).saturating_add(v),
                (None, '十') => {
                    total = total.saturating_add(current.max(1).saturating_mul(10));
                    current = 0;
                }
                (None, '百') => {
                    total = total.saturating_add(current.max(1).saturating_mul(100));
                    current = 0;
                }
                _ => break,
            }
            any = true;
            chars.next();
        }
        if any {
            numbers.push(total.saturating_add(current));
        }
    }
    numbers
}

/// Splits a query into parts at commas, semicolons, parentheses, slashes and spaced dashes, so that
/// "School of Physics, Harbin Institute of Technology" can be screened part by part. Returns nothing
/// when the query has only one part.
pub(crate) fn segments(text: &str) -> Vec<String> {
    let nfkc: String = text.nfkc().collect();
    let spaced_dashes = nfkc
        .replace(" - ", ",")
        .replace(" \u{2013} ", ",")
        .replace(" \u{2014} ", ",");
    let parts: Vec<String> = spaced_dashes
        .split([
            ',', ';', '(', ')', '[', ']', '/', '|', '\u{3001}', '\u{3010}', '\u{3011}',
        ])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    if parts.len() > 1 { parts } else { Vec::new() }
}

/// The normalised form of a name as one string: Latin words, then Han text, space-separated.
///
/// This is what the matcher compares; exposed so that other tools (the rapidfuzz baseline in
/// `bench/`) can be run on exactly the same normalisation.
#[must_use]
pub fn normalize(name: &str) -> String {
    analyze(name).normalized()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_abbreviations_and_width_are_folded() {
        assert_eq!(
            normalize("Huawei Technologies Co., Ltd."),
            "huawei technology"
        );
        assert_eq!(
            normalize("Harbin Inst. of Tech."),
            "harbin institute technology"
        );
        assert_eq!(normalize("ＮＵＤＴ"), "nudt");
        assert_eq!(normalize("Universität Hamburg"), "universitat hamburg");
        assert_eq!(normalize("華為技術有限公司"), "华为技术");
        assert_eq!(normalize("中国人民解放军国防科技大学"), "国防科技大学");
    }

    #[test]
    fn numbers_are_read_in_both_scripts() {
        assert_eq!(analyze("CETC 54th Research Institute").numbers, vec![54]);
        assert_eq!(
            analyze("中国电子科技集团公司第五十四研究所").numbers,
            vec![54]
        );
        assert_eq!(analyze("第十六研究所").numbers, vec![16]);
    }

    #[test]
    fn connectors_are_remembered() {
        let a = analyze("Tianjin University of Technology");
        assert_eq!(a.words(), vec!["tianjin", "university", "technology"]);
        assert!(a.tokens[1].connector_after);
    }

    #[test]
    fn segments_split_units_from_organisations() {
        assert_eq!(
            segments("School of Physics, Harbin Institute of Technology"),
            vec!["School of Physics", "Harbin Institute of Technology"]
        );
        assert!(segments("Harbin Institute of Technology").is_empty());
    }
}
