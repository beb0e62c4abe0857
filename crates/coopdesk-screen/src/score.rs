//! How similar a query is to one listed name form, as a score in 0..=1 with the reason in words.
//!
//! Scores by rule (the first that applies wins for a form; the best form wins for an entry):
//!
//! | rule | score |
//! |---|---|
//! | same words after normalisation / same Chinese name | 1.0 |
//! | same words in another order, or same letters with other spacing | 0.97 |
//! | pinyin of the listed Chinese name | 0.95 × syllable similarity |
//! | listed name followed by more words ("… Shenzhen"), unit named in front ("School of X of …"), listed Chinese name followed by a unit (`…物理学院`) | 0.90 |
//! | acronym = the whole query | 0.90 |
//! | long acronym (≥ 4 letters) as one word of the query | 0.87 |
//! | query = listed name without a trailing "Research Institute" | 0.88 |
//! | listed name without its leading city (`Hikvision Digital Technology`, `华大基因`) | 0.88 |
//! | listed name with a city in front (`Shenzhen Huawei Technologies`, `深圳华为技术`) | 0.88 |
//! | pinyin with English words of the listed Chinese name (`Harbin Gongye University`) | 0.95 × syllable similarity |
//! | pinyin of the listed Chinese name with a city in front | 0.88 × syllable similarity |
//! | otherwise: words aligned with typos allowed | Σ word similarity / words of the longer side, at most 0.96 |
//! | Chinese names with different characters | 1 − 1.5 × edits / length |
//!
//! Different numbers (`16th` vs `32nd`, `第五十四` vs `第五十五`) multiply the score by 0.7: numbered
//! institutes are different organisations. The caller scales part-of-query and parent hits further.

use crate::index::Form;
use crate::normalize::{Analysis, Token};

/// A score with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    pub score: f64,
    pub why: String,
}

fn scored(score: f64, why: impl Into<String>) -> Option<Scored> {
    Some(Scored {
        score,
        why: why.into(),
    })
}

/// Words that say what kind of organisation a name is, not which one.
const GENERIC_WORDS: [&str; 30] = [
    "institute",
    "university",
    "research",
    "center",
    "laboratory",
    "academy",
    "science",
    "technology",
    "national",
    "key",
    "state",
    "school",
    "college",
    "department",
    "engineering",
    "material",
    "physic",
    "chemistry",
    "chemical",
    "computing",
    "applied",
    "china",
    "chinese",
    "international",
    "information",
    "electronic",
    "industry",
    "development",
    "innovation",
    "design",
];

/// Words that name a part of an organisation.
const UNIT_WORDS: [&str; 14] = [
    "school",
    "department",
    "faculty",
    "college",
    "institute",
    "laboratory",
    "center",
    "division",
    "hospital",
    "campus",
    "branch",
    "graduate",
    "office",
    "library",
];

/// Han endings that name a part of an organisation.
const HAN_UNIT_ENDINGS: [&str; 11] = [
    "学院",
    "系",
    "研究所",
    "研究院",
    "实验室",
    "中心",
    "医院",
    "分校",
    "校区",
    "研究生院",
    "所",
];

/// Cities and provinces that Chinese company names start with and everyday usage drops.
const PLACES: [&str; 26] = [
    "beijing",
    "shanghai",
    "tianjin",
    "chongqing",
    "shenzhen",
    "guangzhou",
    "hangzhou",
    "nanjing",
    "wuhan",
    "chengdu",
    "xian",
    "hefei",
    "suzhou",
    "wuxi",
    "changsha",
    "harbin",
    "shenyang",
    "dalian",
    "qingdao",
    "jinan",
    "zhengzhou",
    "xiamen",
    "fuzhou",
    "zhuhai",
    "ningbo",
    "china",
];
const HAN_PLACES: [&str; 26] = [
    "北京",
    "上海",
    "天津",
    "重庆",
    "深圳",
    "广州",
    "杭州",
    "南京",
    "武汉",
    "成都",
    "西安",
    "合肥",
    "苏州",
    "无锡",
    "长沙",
    "哈尔滨",
    "沈阳",
    "大连",
    "青岛",
    "济南",
    "郑州",
    "厦门",
    "福州",
    "珠海",
    "宁波",
    "中国",
];

/// Trailing words a query may leave out ("CETC 54" for "CETC 54th Research Institute", "Chengdu Haiguang
/// Microelectronics" for "… Microelectronics Technology"). "Technology" only after three words, so that
/// "Harbin Institute" is not taken for "Harbin Institute of Technology".
const DROPPABLE_TAIL: [&str; 5] = [
    "research",
    "institute",
    "center",
    "laboratory",
    "technology",
];

pub(crate) fn is_unit_name(analysis: &Analysis) -> bool {
    analysis
        .tokens
        .iter()
        .any(|t| UNIT_WORDS.contains(&t.text.as_str()))
        || HAN_UNIT_ENDINGS
            .iter()
            .any(|e| !analysis.han.is_empty() && analysis.han.ends_with(e))
}

/// A listed name is distinctive when one of its words is not generic ("Institute of Materials" is not).
fn distinctive(words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| !GENERIC_WORDS.contains(w) && w.parse::<u32>().is_err())
}

fn numbers_differ(a: &[u32], b: &[u32]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    a.dedup();
    b.dedup();
    a != b
}

fn with_numbers(
    query: &Analysis,
    listed_numbers: &[u32],
    result: Option<Scored>,
) -> Option<Scored> {
    result.map(|mut s| {
        if numbers_differ(&query.numbers, listed_numbers) {
            s.score *= 0.7;
            s.why.push_str(", but with a different number");
        }
        s
    })
}

/// Scores `query` against one form; `None` when the form cannot say anything about the query.
pub(crate) fn score(query: &Analysis, form: &Form) -> Option<Scored> {
    match form {
        Form::Latin(listed) => with_numbers(query, &listed.numbers, latin(query, listed)),
        Form::Han(listed) => with_numbers(query, &listed.numbers, han(query, listed)),
        Form::Pinyin(readings) => pinyin(query, readings),
        Form::Acronym(code) => acronym(query, code),
    }
}

fn quote(words: &[&str]) -> String {
    format!("'{}'", words.join(" "))
}

fn find_run(haystack: &[&str], needle: &[&str]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn latin(query: &Analysis, listed: &Analysis) -> Option<Scored> {
    let q = query.words();
    let l = listed.words();
    if q.is_empty() || l.is_empty() {
        return None;
    }
    if q == l {
        let same_raw = query.raw_words == listed.raw_words;
        return scored(
            1.0,
            if same_raw {
                "same name"
            } else {
                "same name after normalisation"
            },
        );
    }
    let mut qs = q.clone();
    let mut ls = l.clone();
    qs.sort_unstable();
    ls.sort_unstable();
    if qs == ls {
        return scored(0.97, "same words in another order");
    }
    if q.concat() == l.concat() {
        return scored(0.97, "same letters, different spacing");
    }
    if let Some(s) = containment(&query.tokens, &q, &l) {
        return Some(s);
    }
    if l.len() == q.len() + 1 && PLACES.contains(&l[0]) && l[1..] == q[..] && distinctive(&q) {
        return scored(0.88, format!("listed name without the place '{}'", l[0]));
    }
    // The mirror case: companies and universities are often written with their city in front
    // ("Shenzhen Huawei Technologies", "Hefei University of Science and Technology of China").
    if q.len() == l.len() + 1
        && PLACES.contains(&q[0])
        && q[1..] == l[..]
        && (distinctive(&l) || l.len() >= 4)
    {
        return scored(
            0.88,
            format!("listed name with the place '{}' in front", q[0]),
        );
    }
    let tail = l.get(q.len()..).unwrap_or_default();
    if q.len() >= 2
        && l.len() > q.len()
        && l.starts_with(&q)
        && tail.iter().all(|w| DROPPABLE_TAIL.contains(w))
        && (q.len() >= 3 || !tail.contains(&"technology"))
    {
        return scored(
            0.88,
            format!("listed name without {}", quote(&l[q.len()..])),
        );
    }
    dice(&q, &l)
}

/// The listed name inside a longer query, where the rest names a campus, a unit or a subsidiary.
fn containment(tokens: &[Token], q: &[&str], l: &[&str]) -> Option<Scored> {
    // Four generic words together ("China Academy of Engineering Physics") are specific enough.
    if q.len() <= l.len() || !(distinctive(l) || l.len() >= 4) {
        return None;
    }
    let start = find_run(q, l)?;
    let end = start + l.len();
    if start == 0 {
        // "Tianjin University of Technology" is another university: a connector after the listed name
        // means the name goes on, not that a unit follows.
        if tokens.get(end - 1).is_some_and(|t| t.connector_after) {
            return None;
        }
        return scored(0.9, format!("listed name followed by {}", quote(&q[end..])));
    }
    if end == q.len()
        && tokens.get(start).is_some_and(|t| t.connector_before)
        && q[..start].iter().any(|w| UNIT_WORDS.contains(w))
    {
        return scored(
            0.9,
            format!("{} is a unit of the listed name", quote(&q[..start])),
        );
    }
    None
}

/// Similarity of two words: 1 when equal, less by typo, 0 when too different to be a typo.
fn word_similarity(a: &str, b: &str) -> (f64, usize) {
    if a == b {
        return (1.0, 0);
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let shorter = la.min(lb);
    let allowed = if shorter >= 8 {
        2
    } else if shorter >= 4 {
        1
    } else {
        0
    };
    if allowed == 0
        || la.abs_diff(lb) > allowed
        || a.parse::<u32>().is_ok()
        || b.parse::<u32>().is_ok()
    {
        return (0.0, 0);
    }
    let d = strsim::damerau_levenshtein(a, b);
    if d > allowed {
        return (0.0, 0);
    }
    (1.0 - d as f64 / la.max(lb) as f64, d)
}

/// Joins neighbours of `a` whose concatenation is a word of `b` ("micro electronics" → "microelectronics").
fn merge_compounds(a: &[&str], b: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < a.len() {
        if i + 1 < a.len() {
            let joined = format!("{}{}", a[i], a[i + 1]);
            if b.contains(&joined.as_str()) {
                out.push(joined);
                i += 2;
                continue;
            }
        }
        out.push(a[i].to_owned());
        i += 1;
    }
    out
}

/// Words aligned best-first, allowing typos; the score is the similarity sum over the longer side.
fn dice(q: &[&str], l: &[&str]) -> Option<Scored> {
    let qm = merge_compounds(q, l);
    let lm = merge_compounds(l, q);
    let mut pairs: Vec<(f64, usize, usize, usize)> = Vec::new();
    for (i, a) in qm.iter().enumerate() {
        for (j, b) in lm.iter().enumerate() {
            let (sim, typos) = word_similarity(a, b);
            if sim > 0.0 {
                pairs.push((sim, typos, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    let mut used_q = vec![false; qm.len()];
    let mut used_l = vec![false; lm.len()];
    let (mut total, mut typos, mut matched) = (0.0, 0, 0);
    for (sim, t, i, j) in pairs {
        if used_q[i] || used_l[j] {
            continue;
        }
        used_q[i] = true;
        used_l[j] = true;
        total += sim;
        typos += t;
        matched += 1;
    }
    if matched == 0 {
        return None;
    }
    // Coverage of the longer side: a word missing on either side counts fully against the match, so
    // "Nanjing Tech University" stays away from "Nanjing University of Science and Technology".
    let score = (total / qm.len().max(lm.len()) as f64).min(0.96);
    let mut why = Vec::new();
    if typos > 0 {
        why.push(if typos == 1 {
            "1 typo".to_owned()
        } else {
            format!("{typos} typos")
        });
    }
    if matched < lm.len() {
        why.push(format!("{} of {} listed words", matched, lm.len()));
    }
    if matched < qm.len() {
        why.push(format!("{} extra words", qm.len() - matched));
    }
    scored(
        score,
        if why.is_empty() {
            "similar words".to_owned()
        } else {
            why.join(", ")
        },
    )
}

fn han(query: &Analysis, listed: &Analysis) -> Option<Scored> {
    let (q, l) = (query.han.as_str(), listed.han.as_str());
    if q.is_empty() || l.is_empty() {
        return None;
    }
    if q == l {
        return scored(
            1.0,
            if query.han_converted {
                "same Chinese name (traditional characters)"
            } else {
                "same Chinese name"
            },
        );
    }
    if query.han_canonical == listed.han_canonical {
        let mut rules: Vec<&str> = query
            .han_rules
            .iter()
            .chain(&listed.han_rules)
            .copied()
            .collect();
        rules.sort_unstable();
        rules.dedup();
        return scored(
            0.95,
            format!("same Chinese name in its short form ({})", rules.join(", ")),
        );
    }
    let l_len = l.chars().count();
    // A three-character name (a short form such as 哈工大) only before a unit (哈工大物理学院).
    if let Some(rest) = q.strip_prefix(l)
        && (l_len >= 4
            || (l_len == 3
                && rest.chars().count() >= 2
                && HAN_UNIT_ENDINGS.iter().any(|e| rest.ends_with(e))))
    {
        return scored(0.9, format!("listed Chinese name followed by '{rest}'"));
    }
    let q_len = q.chars().count();
    if q_len >= 4
        && let Some(place) = HAN_PLACES.iter().find(|p| l.strip_prefix(**p) == Some(q))
    {
        return scored(
            0.88,
            format!("listed Chinese name without the place '{place}'"),
        );
    }
    // Not for universities: 西安电子科技大学 is another university than the listed 电子科技大学.
    if l_len >= 4
        && !l.ends_with("大学")
        && !l.ends_with("学院")
        && !l.ends_with('大')
        && let Some(place) = HAN_PLACES.iter().find(|p| q.strip_prefix(**p) == Some(l))
    {
        return scored(
            0.88,
            format!("listed Chinese name with the place '{place}' in front"),
        );
    }
    if l_len < 4 || q_len < 4 {
        return None;
    }
    let edits = strsim::generic_levenshtein(
        &q.chars().collect::<Vec<_>>(),
        &l.chars().collect::<Vec<_>>(),
    );
    let score = 1.0 - 1.5 * edits as f64 / q_len.max(l_len) as f64;
    (score > 0.0).then(|| Scored {
        score,
        why: format!(
            "Chinese name with {edits} different character{}",
            if edits == 1 { "" } else { "s" }
        ),
    })
}

/// The syllables of each place in [`HAN_PLACES`], for queries in pinyin with the city in front.
fn place_syllables() -> &'static [(&'static str, Vec<String>)] {
    static PLACE_SYLLABLES: std::sync::OnceLock<Vec<(&'static str, Vec<String>)>> =
        std::sync::OnceLock::new();
    PLACE_SYLLABLES.get_or_init(|| {
        HAN_PLACES
            .iter()
            .map(|p| {
                let first = crate::romanize::readings(p)
                    .into_iter()
                    .filter_map(|r| r.into_iter().next())
                    .collect();
                (*p, first)
            })
            .collect()
    })
}

/// The query read as pinyin: its own syllables, or (for a name mixing pinyin and English words) each
/// reading of it, each also without a leading place the listed name does not start with. Best score.
fn pinyin(query: &Analysis, readings: &[Vec<String>]) -> Option<Scored> {
    let (sequences, mixed) = match &query.syllables {
        Some(q) => (std::slice::from_ref(q), false),
        None => (query.mixed_syllables.as_slice(), true),
    };
    let mut best: Option<Scored> = None;
    let mut offer = |candidate: Option<Scored>| {
        if let Some(c) = candidate
            && best.as_ref().is_none_or(|b| c.score > b.score)
        {
            best = Some(c);
        }
    };
    let label = |found: Option<Scored>| {
        found.map(|mut f| {
            if mixed {
                f.why = f.why.replacen("pinyin", "pinyin and English words", 1);
            }
            f
        })
    };
    // As for Chinese names: a city in front of a university's name makes another university.
    let ends_with = |tail: [&str; 2]| {
        readings.len() > 2
            && readings[readings.len() - 2..]
                .iter()
                .zip(tail)
                .all(|(options, s)| options.iter().any(|o| o == s))
    };
    let university = ends_with(["da", "xue"]) || ends_with(["xue", "yuan"]);
    for q in sequences {
        offer(label(syllable_score(q, readings)));
        if university {
            continue;
        }
        for (place, syllables) in place_syllables() {
            let listed_starts_with_it = readings.len() >= syllables.len()
                && syllables
                    .iter()
                    .zip(readings)
                    .all(|(s, options)| options.contains(s));
            if listed_starts_with_it || !q.starts_with(syllables) {
                continue;
            }
            // Scaled like the other city-in-front rules.
            offer(label(syllable_score(&q[syllables.len()..], readings).map(
                |s| Scored {
                    score: s.score * 0.88 / 0.95,
                    why: format!("{} with the place '{place}' in front", s.why),
                },
            )));
        }
    }
    best
}

/// Syllable edit distance; a syllable one letter off (zh/z, eng/en) costs half.
fn syllable_score(q: &[String], readings: &[Vec<String>]) -> Option<Scored> {
    if q.len() < 2 || readings.len() < 2 {
        return None;
    }
    let sub_cost = |a: &str, options: &[String]| -> f64 {
        if options.iter().any(|o| o == a) {
            0.0
        } else if options.iter().any(|o| strsim::levenshtein(o, a) <= 1) {
            0.5
        } else {
            1.0
        }
    };
    let (n, m) = (q.len(), readings.len());
    let mut previous: Vec<f64> = (0..=m).map(|j| j as f64).collect();
    for i in 1..=n {
        let mut current = vec![i as f64; m + 1];
        for j in 1..=m {
            let substitute = previous[j - 1] + sub_cost(&q[i - 1], &readings[j - 1]);
            current[j] = substitute.min(previous[j] + 1.0).min(current[j - 1] + 1.0);
        }
        previous = current;
    }
    let cost = previous[m];
    let score = 0.95 * (1.0 - cost / n.max(m) as f64);
    if score <= 0.0 {
        return None;
    }
    let why = if cost == 0.0 {
        "pinyin of the Chinese name".to_owned()
    } else {
        format!("pinyin of the Chinese name, {cost} syllable(s) different")
    };
    scored(score, why)
}

fn acronym(query: &Analysis, code: &str) -> Option<Scored> {
    if query.raw_words.concat() == code && query.han.is_empty() {
        return scored(0.9, "acronym");
    }
    // Short acronyms (HIT, BIT, SCU) stand for many organisations worldwide: only as the whole query.
    if code.len() >= 4 && query.raw_words.len() >= 2 && query.raw_words.iter().any(|w| w == code) {
        return scored(0.87, "acronym as a word of the query");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::analyze;

    fn latin_score(q: &str, l: &str) -> f64 {
        score(&analyze(q), &Form::Latin(analyze(l))).map_or(0.0, |s| s.score)
    }

    #[test]
    fn near_names_of_other_universities_stay_below_threshold() {
        assert!(latin_score("Tianjin University of Technology", "Tianjin University") < 0.85);
        assert!(
            latin_score(
                "Beijing University of Technology",
                "Beijing Institute of Technology"
            ) < 0.85
        );
        assert!(latin_score("Harbin Medical University", "Harbin Engineering University") < 0.85);
        assert!(
            latin_score(
                "China Electronics Technology Group Corporation 99th Research Institute",
                "China Electronics Technology Group Corporation 16th Research Institute"
            ) < 0.85
        );
    }

    #[test]
    fn variants_of_the_same_name_score_high() {
        assert!(
            latin_score(
                "Harbin Insitute of Technolgy",
                "Harbin Institute of Technology"
            ) > 0.85
        );
        assert!(
            latin_score(
                "Harbin Institute of Technology, Shenzhen",
                "Harbin Institute of Technology"
            ) >= 0.9
        );
        assert!(
            latin_score(
                "Technology Institute Harbin",
                "Harbin Institute of Technology"
            ) > 0.95
        );
    }
}
