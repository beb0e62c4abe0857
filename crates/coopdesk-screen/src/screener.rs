//! Screening names against a set of list entries.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use coopdesk_core::digest::hex as sha256_hex_of;

use crate::index::{Form, FormKind, Index, Source, Variant, variants_of};
use crate::normalize::{Analysis, analyze, fold, fold_converts, normalize, segments};
use crate::prepared::{self, PreparedError, Reader, Result, Writer};
use crate::reference::{NameKind, ShortForms};
use crate::romanize;
use crate::score::{Scored, is_unit_name, score};
use crate::strings::Strings;
use coopdesk_core::restriction::ListEntry;

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

/// What a screener keeps of each entry: what a hit reports, the parent, the fingerprint.
#[derive(Debug, Default)]
struct Entries {
    ids: Strings,
    names: Strings,
    /// List codes, `|`-separated.
    lists: Strings,
    /// Position of the entry's parent, [`NO_PARENT`] when the parent is not among the entries.
    parents: Vec<u32>,
    /// [`ListEntry::fingerprint`] of each entry, as 32 bytes.
    fingerprints: Vec<[u8; 32]>,
    /// Entry positions ordered by id, for finding an entry by id.
    by_id: Vec<u32>,
}

const NO_PARENT: u32 = u32::MAX;

/// A fingerprint in hex (as [`ListEntry::fingerprint`] gives it) as its 32 bytes.
fn fingerprint_from_hex(hex: &str) -> Option<[u8; 32]> {
    let bytes = hex.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let digits = std::str::from_utf8(pair).ok()?;
        *o = u8::from_str_radix(digits, 16).ok()?;
    }
    Some(out)
}

impl Entries {
    /// The entries' table; `fingerprints` (hex, one per entry) are used as given, otherwise each
    /// entry's fingerprint is computed.
    fn new(entries: &[ListEntry], fingerprints: Option<&[String]>) -> Self {
        let mut positions: HashMap<&str, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            positions.entry(e.id.as_str()).or_insert(i);
        }
        let mut table = Entries::default();
        for (i, e) in entries.iter().enumerate() {
            table.ids.push(&e.id);
            table.names.push(&e.name);
            table.lists.push(&e.list_codes());
            let parent = e
                .parent_id
                .as_deref()
                .and_then(|p| positions.get(p).copied())
                .filter(|&p| p != i);
            table
                .parents
                .push(parent.map_or(NO_PARENT, crate::prepared::offset));
            let given = fingerprints
                .and_then(|f| f.get(i))
                .and_then(|h| fingerprint_from_hex(h));
            table
                .fingerprints
                .push(given.unwrap_or_else(|| e.fingerprint_bytes()));
        }
        let mut by_id: Vec<u32> = (0..entries.len()).map(crate::prepared::offset).collect();
        // Stable, so that of two entries with one id the first is found, as for parents.
        by_id.sort_by(|&a, &b| table.ids.get(a as usize).cmp(&table.ids.get(b as usize)));
        table.by_id = by_id;
        table
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn parent(&self, i: usize) -> Option<usize> {
        self.parents
            .get(i)
            .filter(|&&p| p != NO_PARENT)
            .map(|&p| p as usize)
    }

    fn position(&self, id: &str) -> Option<usize> {
        let at = self
            .by_id
            .partition_point(|&i| self.ids.get(i as usize).is_some_and(|x| x < id));
        let i = *self.by_id.get(at)? as usize;
        (self.ids.get(i)? == id).then_some(i)
    }

    fn write(&self, w: &mut Writer) {
        w.len(self.len());
        self.ids.write(w);
        self.names.write(w);
        self.lists.write(w);
        w.u32s(&self.parents);
        w.u32s(&self.by_id);
        for f in &self.fingerprints {
            w.u8s(f);
        }
    }

    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.section("entries");
        let n = r.len()?;
        let ids = Strings::read(r)?;
        let names = Strings::read(r)?;
        let lists = Strings::read(r)?;
        let parents = r.u32s()?;
        let by_id = r.u32s()?;
        let mut fingerprints = Vec::with_capacity(n);
        for _ in 0..n {
            fingerprints.push(r.array::<32>()?);
        }
        let counts = [
            ids.len(),
            names.len(),
            lists.len(),
            parents.len(),
            by_id.len(),
        ];
        if counts.iter().any(|&c| c != n) {
            return Err(r.malformed("the entry tables differ in length"));
        }
        if parents.iter().any(|&p| p != NO_PARENT && p as usize >= n)
            || by_id.iter().any(|&i| i as usize >= n)
        {
            return Err(r.malformed("an entry position is out of range"));
        }
        Ok(Entries {
            ids,
            names,
            lists,
            parents,
            fingerprints,
            by_id,
        })
    }
}

/// The name forms of all entries. A screener read back from bytes has only each form's kind and name;
/// the form itself is prepared again ([`Form::prepare`]) when a query first scores it, and kept.
#[derive(Debug, Default)]
struct Forms {
    /// The entry each form belongs to.
    entries: Vec<u32>,
    sources: Vec<Source>,
    kinds: Vec<FormKind>,
    /// The names as listed.
    texts: Strings,
    /// The forms whose names are in traditional characters (ascending), with each name folded and
    /// whether folding converted it: so that preparing them does not load the converter's tables.
    folded_forms: Vec<u32>,
    folded: Strings,
    converted: Vec<u8>,
    prepared: Vec<OnceLock<Box<Form>>>,
}

/// One form with what it belongs to.
struct FormRef<'a> {
    entry: usize,
    source: Source,
    text: &'a str,
    form: &'a Form,
}

impl Forms {
    fn new(variants: Vec<Variant>) -> Self {
        let mut forms = Forms::default();
        for (i, v) in variants.into_iter().enumerate() {
            if v.form.kind() != FormKind::Acronym && fold_converts(&v.text) {
                let (folded, converted) = fold(&v.text);
                forms.folded_forms.push(crate::prepared::offset(i));
                forms.folded.push(&folded);
                forms.converted.push(u8::from(converted));
            }
            forms.entries.push(crate::prepared::offset(v.entry));
            forms.sources.push(v.source);
            forms.kinds.push(v.form.kind());
            forms.texts.push(&v.text);
            forms.prepared.push(OnceLock::from(Box::new(v.form)));
        }
        forms
    }

    fn get(&self, i: usize) -> Option<FormRef<'_>> {
        let text = self.texts.get(i)?;
        let kind = *self.kinds.get(i)?;
        let form = self.prepared.get(i)?.get_or_init(|| {
            let folded = self
                .folded_forms
                .binary_search(&crate::prepared::offset(i))
                .ok()
                .and_then(|at| Some((self.folded.get(at)?, *self.converted.get(at)? == 1)));
            Box::new(match folded {
                Some((folded, converted)) => Form::prepare_folded(kind, folded, converted),
                None => Form::prepare(kind, text),
            })
        });
        Some(FormRef {
            entry: *self.entries.get(i)? as usize,
            source: *self.sources.get(i)?,
            text,
            form,
        })
    }

    fn write(&self, w: &mut Writer) {
        w.len(self.entries.len());
        w.u32s(&self.entries);
        let sources: Vec<u8> = self.sources.iter().map(|s| s.code()).collect();
        w.bytes(&sources);
        let kinds: Vec<u8> = self.kinds.iter().map(|k| k.code()).collect();
        w.bytes(&kinds);
        self.texts.write(w);
        w.u32s(&self.folded_forms);
        self.folded.write(w);
        w.bytes(&self.converted);
    }

    fn read(r: &mut Reader<'_>, entries: usize) -> Result<Self> {
        r.section("forms");
        let n = r.len()?;
        let owners = r.u32s()?;
        let sources = r
            .bytes()?
            .iter()
            .map(|&c| Source::from_code(c))
            .collect::<Option<Vec<Source>>>()
            .ok_or_else(|| r.malformed("unknown name source"))?;
        let kinds = r
            .bytes()?
            .iter()
            .map(|&c| FormKind::from_code(c))
            .collect::<Option<Vec<FormKind>>>()
            .ok_or_else(|| r.malformed("unknown form kind"))?;
        let texts = Strings::read(r)?;
        let folded_forms = r.u32s()?;
        let folded = Strings::read(r)?;
        let converted = r.bytes()?.to_vec();
        if folded.len() != folded_forms.len()
            || converted.len() != folded_forms.len()
            || converted.iter().any(|&c| c > 1)
            || !folded_forms.windows(2).all(|w| w[0] < w[1])
            || folded_forms.last().is_some_and(|&f| f as usize >= n)
        {
            return Err(r.malformed("the folded names do not match the forms"));
        }
        if [owners.len(), sources.len(), kinds.len(), texts.len()]
            .iter()
            .any(|&c| c != n)
        {
            return Err(r.malformed("the form tables differ in length"));
        }
        if owners.iter().any(|&e| e as usize >= entries) {
            return Err(r.malformed("a form belongs to no entry"));
        }
        Ok(Forms {
            entries: owners,
            sources,
            kinds,
            texts,
            folded_forms,
            folded,
            converted,
            prepared: (0..n).map(|_| OnceLock::new()).collect(),
        })
    }
}

/// Screens organisation names against list entries; build once per list snapshot, query many times.
///
/// Building normalises every name and alias and indexes them (about a second for 100 000 entries);
/// a query then takes well under 10 ms (see `benches/screen.rs`). [`Screener::to_bytes`] keeps what was
/// built, and [`Screener::from_bytes`] has it ready again in milliseconds, screening exactly as the
/// screener that wrote it.
#[derive(Debug)]
pub struct Screener {
    entries: Entries,
    forms: Forms,
    index: Index,
    /// Per entry, the normalised names of other organisations that only an exact match may take for
    /// it (`distinct` rows of the reference table).
    distinct: HashMap<usize, Vec<String>>,
}

impl Screener {
    /// Prepares `entries` for screening. Entries whose `parent_id` names no entry are screened on
    /// their own; duplicate ids keep the first entry as parent target.
    #[must_use]
    pub fn new(entries: Vec<ListEntry>) -> Self {
        Self::build(&entries, None)
    }

    /// Like [`Screener::new`], for entries as a store keeps them: each with the fingerprint it was
    /// stored under, which [`Screener::fingerprint`] then reports (a review's basis is the stored
    /// fingerprint, even where the entry's JSON form has since gained a field).
    #[must_use]
    pub fn with_fingerprints(entries: Vec<(ListEntry, String)>) -> Self {
        let (entries, fingerprints): (Vec<ListEntry>, Vec<String>) = entries.into_iter().unzip();
        Self::build(&entries, Some(&fingerprints))
    }

    fn build(entries: &[ListEntry], fingerprints: Option<&[String]>) -> Self {
        romanize::warm_up();
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
            entries: Entries::new(entries, fingerprints),
            forms: Forms::new(variants),
            index,
            distinct,
        }
    }

    /// The screener as bytes, to be read back with [`Screener::from_bytes`] by a build with the same
    /// [`matcher_version`](crate::matcher_version). About a quarter of the size of the entries' JSON
    /// plus the index; checksummed.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        self.entries.write(&mut w);
        let mut distinct: Vec<(&usize, &Vec<String>)> = self.distinct.iter().collect();
        distinct.sort_unstable();
        w.len(distinct.len());
        for (entry, names) in distinct {
            w.len(*entry);
            w.len(names.len());
            for name in names {
                w.str(name);
            }
        }
        self.forms.write(&mut w);
        self.index.write(&mut w);
        prepared::seal(&w.into_bytes())
    }

    /// A screener from [`Screener::to_bytes`]: ready at once, each name form prepared again from its
    /// name when a query first scores it.
    ///
    /// # Errors
    /// Bytes of another index format or matcher version, damaged bytes (checksum), or bytes that do
    /// not read back as written: build the screener from the entries instead.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, PreparedError> {
        let (body, base) = prepared::open(bytes)?;
        let mut r = Reader::new(body, base);
        let entries = Entries::read(&mut r)?;
        r.section("distinct");
        let mut distinct: HashMap<usize, Vec<String>> = HashMap::new();
        for _ in 0..r.len()? {
            let entry = r.len()?;
            if entry >= entries.len() {
                return Err(r.malformed("a distinct name belongs to no entry"));
            }
            let n = r.len()?;
            let mut names = Vec::with_capacity(n.min(64));
            for _ in 0..n {
                names.push(r.string()?);
            }
            distinct.insert(entry, names);
        }
        let forms = Forms::read(&mut r, entries.len())?;
        r.section("index");
        let index = Index::read(&mut r, forms.entries.len())?;
        r.finish()?;
        Ok(Self {
            entries,
            forms,
            index,
            distinct,
        })
    }

    /// How many entries it screens against.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it screens against no entry at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// The [`ListEntry::fingerprint`] of the entry with this id (the first, if several share it).
    #[must_use]
    pub fn fingerprint(&self, id: &str) -> Option<String> {
        let i = self.entries.position(id)?;
        self.entries.fingerprints.get(i).map(|f| sha256_hex_of(f))
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
                Some(Hit {
                    entity: self.entries.ids.get(i)?.to_owned(),
                    name: self.entries.names.get(i)?.to_owned(),
                    list: self.entries.lists.get(i)?.to_owned(),
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
            let Some(variant) = self.forms.get(id) else {
                continue;
            };
            let Some(Scored { score, why }) = score(query, variant.form) else {
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
                    matched: variant.text.to_owned(),
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
            let (Some(child_id), Some(child_name)) =
                (self.entries.ids.get(child), self.entries.names.get(child))
            else {
                continue;
            };
            let mut score = hit.score;
            let mut current = child;
            let mut steps = 0;
            while let Some(parent) = self.entries.parent(current) {
                steps += 1;
                if steps > 16 || parent == child {
                    break;
                }
                score *= PARENT_FACTOR;
                let parent_name = self.entries.names.get(parent).unwrap_or_default();
                offer(
                    found,
                    parent,
                    Found {
                        score,
                        matched: hit.matched.clone(),
                        why: format!(
                            "belongs to listed parent {parent_name}: its unit '{}' matched ({})",
                            child_name, hit.why
                        ),
                        via_parent: Some(child_id.to_owned()),
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
