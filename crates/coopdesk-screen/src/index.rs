//! The matchable forms of every listed name and the inverted index that finds candidates for a query.
//!
//! Scoring every entry for every query would cost ~100 ms at 100 000 entries; instead each name form is
//! indexed under its terms (Latin words, Han character pairs, pinyin syllables, acronyms) and a query
//! only scores the forms that share its rarest terms. Misspelt words are looked up through a trigram
//! index over the vocabulary of listed words, so a typo still finds its candidates.

use std::collections::HashMap;

use crate::normalize::{Analysis, analyze, analyze_folded};
use crate::prepared::{Reader, Result, Writer};
use crate::romanize;
use crate::strings::{Postings, Strings};
use coopdesk_core::restriction::ListEntry;

/// Where a form came from in its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Name,
    NameZh,
    Alias,
    Acronym,
    /// A short form from the reference table (`assets/reference/short_forms.csv`).
    ShortForm,
    /// A former name from the reference table.
    FormerName,
}

impl Source {
    const ALL: [Source; 6] = [
        Source::Name,
        Source::NameZh,
        Source::Alias,
        Source::Acronym,
        Source::ShortForm,
        Source::FormerName,
    ];

    /// The source as one byte, for prepared bytes.
    pub(crate) fn code(self) -> u8 {
        Source::ALL
            .iter()
            .position(|s| *s == self)
            .and_then(|p| u8::try_from(p).ok())
            .unwrap_or(u8::MAX)
    }

    /// The source written as [`Source::code`].
    pub(crate) fn from_code(code: u8) -> Option<Source> {
        Source::ALL.get(usize::from(code)).copied()
    }
}

/// How a form is compared.
#[derive(Debug, Clone)]
pub(crate) enum Form {
    /// Latin words (English names, romanised aliases).
    Latin(Analysis),
    /// Han text, simplified.
    Han(Analysis),
    /// Pinyin readings of a Han name, per character.
    Pinyin(Vec<Vec<String>>),
    /// An acronym, lower case without spaces or dots.
    Acronym(String),
}

/// Which of the [`Form`]s a form is; with its name, all that [`Form::prepare`] needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormKind {
    Latin,
    Han,
    Pinyin,
    Acronym,
}

impl FormKind {
    const ALL: [FormKind; 4] = [
        FormKind::Latin,
        FormKind::Han,
        FormKind::Pinyin,
        FormKind::Acronym,
    ];

    /// The kind as one byte, for prepared bytes.
    pub(crate) fn code(self) -> u8 {
        match self {
            FormKind::Latin => 0,
            FormKind::Han => 1,
            FormKind::Pinyin => 2,
            FormKind::Acronym => 3,
        }
    }

    /// The kind written as [`FormKind::code`].
    pub(crate) fn from_code(code: u8) -> Option<FormKind> {
        FormKind::ALL.get(usize::from(code)).copied()
    }
}

impl Form {
    pub(crate) fn kind(&self) -> FormKind {
        match self {
            Form::Latin(_) => FormKind::Latin,
            Form::Han(_) => FormKind::Han,
            Form::Pinyin(_) => FormKind::Pinyin,
            Form::Acronym(_) => FormKind::Acronym,
        }
    }

    /// The form of `kind` for the (trimmed) name `text`, exactly as [`variants_of`] prepares it: a
    /// screener read back from bytes keeps only kinds and names and prepares a form when a query
    /// first scores it.
    pub(crate) fn prepare(kind: FormKind, text: &str) -> Form {
        match kind {
            FormKind::Latin => Form::Latin(analyze(text)),
            FormKind::Han => Form::Han(analyze(text)),
            FormKind::Pinyin => Form::Pinyin(romanize::readings(&analyze(text).han)),
            FormKind::Acronym => Form::Acronym(acronym_code(text)),
        }
    }

    /// [`Form::prepare`] from the name already folded (`normalize::fold`): for names in traditional
    /// characters, so that preparing them does not load the converter's tables.
    pub(crate) fn prepare_folded(kind: FormKind, folded: &str, converted: bool) -> Form {
        match kind {
            FormKind::Latin => Form::Latin(analyze_folded(folded, converted)),
            FormKind::Han => Form::Han(analyze_folded(folded, converted)),
            FormKind::Pinyin => {
                Form::Pinyin(romanize::readings(&analyze_folded(folded, converted).han))
            }
            FormKind::Acronym => Form::Acronym(acronym_code(folded)),
        }
    }
}

/// One matchable form of one listed name.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    /// Position of the entry in the screener.
    pub entry: usize,
    pub source: Source,
    /// The name as listed, reported as `matched`.
    pub text: String,
    pub form: Form,
}

/// Acronym-looking aliases (`CSSC`, `BGI`, `IOP`): upper-case letters and digits, 2–8 long.
fn looks_like_acronym(text: &str) -> bool {
    let t = text.trim();
    (2..=8).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && t.bytes().any(|b| b.is_ascii_uppercase())
}

fn acronym_code(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The forms of one entry, plus the short forms and former names the reference table gives it.
pub(crate) fn variants_of(
    entry_index: usize,
    entry: &ListEntry,
    extra: &[(&str, Source)],
) -> Vec<Variant> {
    let mut out = Vec::new();
    let push_name = |text: &str, source: Source, out: &mut Vec<Variant>| {
        // Trimmed first: with its kind, the text must be all that `Form::prepare` needs.
        let text = text.trim();
        if source == Source::Acronym || (source == Source::Alias && looks_like_acronym(text)) {
            let code = acronym_code(text);
            if text.contains(' ') {
                // Multi-word acronyms ("IOP CAS") are matched like names.
            } else if !code.is_empty() {
                out.push(Variant {
                    entry: entry_index,
                    source: Source::Acronym,
                    text: text.to_owned(),
                    form: Form::Acronym(code),
                });
                return;
            }
        }
        let analysis = analyze(text);
        if !analysis.han.is_empty() {
            let han_source = if source == Source::Name {
                Source::NameZh
            } else {
                source
            };
            let readings = romanize::readings(&analysis.han);
            // Two-syllable short forms (北航, 成电) in pinyin are ordinary words and company names.
            let from_table = matches!(source, Source::ShortForm | Source::FormerName);
            if readings.len() >= 2 && !(from_table && readings.len() < 3) {
                out.push(Variant {
                    entry: entry_index,
                    source: han_source,
                    text: text.to_owned(),
                    form: Form::Pinyin(readings),
                });
            }
            out.push(Variant {
                entry: entry_index,
                source: han_source,
                text: text.to_owned(),
                form: Form::Han(analysis.clone()),
            });
        }
        if !analysis.tokens.is_empty() {
            out.push(Variant {
                entry: entry_index,
                source,
                text: text.to_owned(),
                form: Form::Latin(analysis),
            });
        }
    };
    push_name(&entry.name, Source::Name, &mut out);
    if let Some(zh) = &entry.name_zh {
        push_name(zh, Source::NameZh, &mut out);
    }
    for alias in &entry.aliases {
        push_name(alias, Source::Alias, &mut out);
    }
    if let Some(acronym) = &entry.acronym {
        push_name(acronym, Source::Acronym, &mut out);
    }
    for (name, source) in extra {
        push_name(name, *source, &mut out);
    }
    out
}

/// Index terms of a form; the leading letter keeps the term kinds apart.
fn terms_of(form: &Form) -> Vec<String> {
    match form {
        Form::Latin(a) => {
            let mut terms: Vec<String> = a.tokens.iter().map(|t| format!("t{}", t.text)).collect();
            // The words run together, for queries that space a name differently ("Quantum CTek").
            terms.push(format!("c{}", a.words().concat()));
            terms
        }
        Form::Han(a) => {
            let mut terms = han_terms(&a.han);
            if a.han_canonical != a.han {
                terms.extend(han_terms(&a.han_canonical));
            }
            terms
        }
        Form::Pinyin(readings) => readings.iter().flatten().map(|s| format!("p{s}")).collect(),
        Form::Acronym(code) => vec![format!("a{code}")],
    }
}

/// Pairs of adjacent characters; a one-character name is its own term.
fn han_terms(han: &str) -> Vec<String> {
    let chars: Vec<char> = han.chars().collect();
    if chars.len() < 2 {
        return chars.iter().map(|c| format!("h{c}")).collect();
    }
    chars
        .windows(2)
        .map(|w| format!("h{}{}", w[0], w[1]))
        .collect()
}

fn trigrams(word: &str) -> Vec<String> {
    let padded: Vec<char> = format!("^{word}$").chars().collect();
    padded.windows(3).map(|w| w.iter().collect()).collect()
}

/// Inverted index from terms to forms, plus the typo index over listed words. Flat tables
/// ([`crate::strings`]), so that a prepared index reads back from bytes without rebuilding.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Term → ids of the forms that have it, each list ascending.
    postings: Postings,
    /// Distinct Latin words of all forms, sorted.
    vocabulary: Strings,
    /// Trigram → positions in `vocabulary`.
    trigrams: Postings,
    forms: usize,
}

/// How many candidate forms are scored per query; the rest share fewer or only common terms.
const MAX_CANDIDATES: usize = 300;

impl Index {
    pub(crate) fn build(variants: &[Variant]) -> Self {
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, variant) in variants.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            let mut terms = terms_of(&variant.form);
            terms.sort_unstable();
            terms.dedup();
            for term in terms {
                postings.entry(term).or_default().push(id);
            }
        }
        let mut words: Vec<&str> = postings
            .keys()
            .filter_map(|t| t.strip_prefix('t'))
            .collect();
        words.sort_unstable();
        let mut vocabulary = Strings::default();
        let mut trigram_postings: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, word) in words.iter().enumerate() {
            vocabulary.push(word);
            let mut grams = trigrams(word);
            grams.sort_unstable();
            grams.dedup();
            for gram in grams {
                trigram_postings
                    .entry(gram)
                    .or_default()
                    .push(u32::try_from(id).unwrap_or(u32::MAX));
            }
        }
        Self {
            postings: Postings::from_map(postings),
            vocabulary,
            trigrams: Postings::from_map(trigram_postings),
            forms: variants.len(),
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.len(self.forms);
        self.postings.write(w);
        self.vocabulary.write(w);
        self.trigrams.write(w);
    }

    /// Reads an index written by [`Index::write`] over exactly `forms` name forms.
    pub(crate) fn read(r: &mut Reader<'_>, forms: usize) -> Result<Self> {
        if r.len()? != forms {
            return Err(r.malformed("indexes another number of name forms"));
        }
        let postings = Postings::read(r, forms)?;
        let vocabulary = Strings::read(r)?;
        let trigrams = Postings::read(r, vocabulary.len())?;
        Ok(Index {
            postings,
            vocabulary,
            trigrams,
            forms,
        })
    }

    /// Listed words within one typo (two for long words) of `word`.
    fn near_words(&self, word: &str) -> Vec<&str> {
        let len = word.chars().count();
        if len < 4 || self.vocabulary.find(word).is_some() {
            return Vec::new();
        }
        let allowed = if len >= 8 { 2 } else { 1 };
        let grams = trigrams(word);
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for gram in &grams {
            for &id in self.trigrams.get(gram) {
                *shared.entry(id).or_default() += 1;
            }
        }
        // Each edit destroys at most three trigrams.
        let needed = grams.len().saturating_sub(3 * allowed).max(1);
        shared
            .into_iter()
            .filter(|&(_, n)| n >= needed)
            .filter_map(|(id, _)| self.vocabulary.get(id as usize))
            .filter(|candidate| strsim::levenshtein(candidate, word) <= allowed)
            .collect()
    }

    /// The forms most likely to match `query`, best first.
    pub(crate) fn candidates(&self, query: &Analysis) -> Vec<usize> {
        let mut terms: Vec<(String, f32)> = Vec::new();
        for token in &query.tokens {
            terms.push((format!("t{}", token.text), 1.0));
            for near in self.near_words(&token.text) {
                terms.push((format!("t{near}"), 0.8));
            }
        }
        for pair in query.tokens.windows(2) {
            terms.push((format!("t{}{}", pair[0].text, pair[1].text), 1.0));
        }
        terms.push((format!("c{}", query.words().concat()), 1.0));
        let whole: String = query.raw_words.concat();
        terms.push((format!("a{whole}"), 1.0));
        for word in &query.raw_words {
            terms.push((format!("a{word}"), 1.0));
        }
        for syllable in query
            .syllables
            .iter()
            .flatten()
            .chain(query.mixed_syllables.iter().flatten())
        {
            terms.push((format!("p{syllable}"), 0.5));
        }
        for term in han_terms(&query.han) {
            terms.push((term, 1.0));
        }
        if query.han_canonical != query.han {
            for term in han_terms(&query.han_canonical) {
                terms.push((term, 1.0));
            }
        }
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        terms.dedup_by(|a, b| a.0 == b.0);

        let lists: Vec<(&[u32], f32)> = terms
            .iter()
            .map(|(term, factor)| (self.postings.get(term), *factor))
            .filter(|(list, _)| !list.is_empty())
            .collect();
        // Terms on more than a tenth of all forms ("university") cost the most and tell the least; they
        // are left out of candidate search whenever the query has a rarer term. Scoring still sees them.
        let common = self.forms / 10 + 1;
        let any_rare = lists.iter().any(|(list, _)| list.len() <= common);
        let total = self.forms.max(1) as f32;
        let mut weights = vec![0f32; self.forms];
        let mut touched: Vec<u32> = Vec::new();
        for (list, factor) in lists {
            if any_rare && list.len() > common {
                continue;
            }
            // Rare terms count most.
            let idf = (1.0 + total / list.len() as f32).ln() * factor;
            for &id in list {
                if let Some(w) = weights.get_mut(id as usize) {
                    if *w == 0.0 {
                        touched.push(id);
                    }
                    *w += idf;
                }
            }
        }
        let weight = |id: &u32| weights.get(*id as usize).copied().unwrap_or(0.0);
        let by_weight = |a: &u32, b: &u32| weight(b).total_cmp(&weight(a)).then(a.cmp(b));
        if touched.len() > MAX_CANDIDATES {
            touched.select_nth_unstable_by(MAX_CANDIDATES, by_weight);
            touched.truncate(MAX_CANDIDATES);
        }
        touched.sort_by(by_weight);
        touched.into_iter().map(|id| id as usize).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_prepared_again_from_its_kind_and_name() {
        let mut entry = ListEntry::new(" el-x ", "  Harbin Institute of Technology ", "x");
        entry.name_zh = Some("哈爾濱工業大學".into());
        entry.aliases = vec![
            "HIT Shenzhen".into(),
            "CSSC".into(),
            "IOP CAS".into(),
            "九院".into(),
        ];
        entry.acronym = Some("H.I.T.".into());
        let extra = [
            ("哈工大", Source::ShortForm),
            ("Harbin Gongye Daxue", Source::FormerName),
        ];
        let variants = variants_of(0, &entry, &extra);
        assert!(variants.len() >= 9);
        let mut folded = 0;
        for v in variants {
            let again = Form::prepare(v.form.kind(), &v.text);
            assert_eq!(format!("{again:?}"), format!("{:?}", v.form), "{}", v.text);
            if crate::normalize::fold_converts(&v.text) {
                folded += 1;
                let (text, converted) = crate::normalize::fold(&v.text);
                let again = Form::prepare_folded(v.form.kind(), &text, converted);
                assert_eq!(format!("{again:?}"), format!("{:?}", v.form), "{}", v.text);
            }
        }
        assert!(folded >= 2, "the traditional name's forms");
    }
}
