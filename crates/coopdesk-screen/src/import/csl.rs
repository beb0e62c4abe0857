//! The US Consolidated Screening List (trade.gov), as CSV or JSON.
//!
//! CSV: the download's header (`_id,source,entity_number,type,programs,name,title,addresses,
//! federal_register_notice,start_date,end_date,…,alt_names,…`); `source`, `name` and `_id` or
//! `entity_number` are required, other columns are optional and unknown ones ignored (trade.gov adds
//! columns over time). `alt_names` are `;`-separated; `addresses` are `;`-separated, each ending in the
//! country. Every row must have as many fields as the header (a shorter one is a cut-off file), a
//! field may span lines, and a second header row in mid-file (two downloads joined) is refused.
//! JSON: `{"results": [record, …]}` (or a bare array) where a record has `id` (older files: `_id`),
//! `entity_number`, `name`, `alt_names` (array, or a `;`-separated string), `source`, `type`,
//! `addresses[].country`, `federal_register_notice`, `start_date`, `source_list_url`, `remarks`.
//!
//! The file is taken as published: control characters in the fields read are repaired
//! ([`super::repair_field`]; U+0092 → `’` …) and reported with the snapshot, line breaks inside a name
//! read as a space. Ids are not repaired (a key is not guessed at); an id with control characters is
//! refused.
//!
//! Entry ids: the CSL repeats an entity's `_id`/`entity_number` on several rows (the same entity on
//! two sub-lists such as SSI and NS-MBS, or an entity and its listed address). Such rows stay distinct
//! entries: an `_id` that occurs on one organisation row only is the entry's id as it stands (so ids
//! of earlier imports stay valid); an `_id` shared by several rows gets its source's abbreviation,
//! `17014/ssi` and `17014/ns_mbs_list`, and a further row with the same `_id` and source a counter,
//! `17014/ssi/2`, in file order. A row without `_id` is keyed by entity number and source the same
//! way (`12345/el`). Ids depend only on the file's content, so the same list read again gives the
//! same ids (hits, reviews and diffs refer to them). A row identical to an earlier one with the same
//! id is read once and reported among the repairs.
//!
//! Records of type `Individual`, `Vessel` and `Aircraft` are skipped and counted. The `source` (e.g.
//! `Entity List (EL) - Bureau of Industry and Security`) becomes a list code through its abbreviation:
//! EL → `us_bis_entity_list`, UVL → `us_bis_unverified_list`, others → `us_csl_<abbreviation>`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{
    ImportError, Problems, Repair, check_unique_ids, checked_text, drop_dangling_parents,
    ends_inside_quotes, id_problem, line_of_offset, name_problem, next_row, non_empty,
    repair_field,
};
use coopdesk_core::restriction::{ListEntry, ListRef};

use super::ListSnapshot;

/// Longest source abbreviation put into an id, in bytes (ids are at most 200 bytes).
const MAX_SUFFIX: usize = 40;

/// Parses a CSL download; JSON when the first non-blank character is `{` or `[`, CSV otherwise.
///
/// Control characters in the fields read are repaired and listed in [`ListSnapshot::repairs`];
/// see the module documentation for how entry ids are formed.
///
/// # Errors
/// [`ImportError`] naming the file and each bad record's line (and column or key).
pub fn parse_csl(file_name: &str, bytes: &[u8]) -> Result<ListSnapshot, ImportError> {
    let text = checked_text(file_name, bytes)?;
    let mut records = Vec::new();
    let mut problems = Problems::default();
    let mut repairs = Vec::new();
    match text.trim_start().chars().next() {
        Some('{' | '[') => read_json(file_name, text, &mut records, &mut problems, &mut repairs)?,
        _ => read_csv(file_name, text, &mut records, &mut problems, &mut repairs)?,
    }
    let mut snapshot = ListSnapshot::default();
    let mut rows = Vec::new();
    for (line, record) in records {
        if problems.is_full() {
            break;
        }
        let key = record.key();
        match record.into_entry(line, &mut problems) {
            Some(Some(entry)) => rows.push((line, key, entry)),
            Some(None) => snapshot.skipped += 1,
            None => {}
        }
    }
    let (entries, lines) = assign_ids(rows, &mut repairs);
    snapshot.entries = entries;
    check_unique_ids(&snapshot.entries, &lines, "id", &mut problems);
    drop_dangling_parents(&mut snapshot.entries);
    repairs.sort_by_key(|r| r.line);
    snapshot.repairs = repairs;
    problems.into_result(file_name, snapshot)
}

/// What a row's entry id is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    /// The `_id` (or `id`) cell, or the entity number when there is no `_id`.
    base: String,
    /// True when `base` is an entity number: those repeat across sub-lists, so the source is always
    /// part of the id.
    from_number: bool,
    /// The source's abbreviation in id form (`el`, `ssi`, `ns_mbs_list`).
    source: String,
}

/// Gives every entry its id (see the module documentation) and reads identical repeated rows once.
/// Returns the entries with their lines, in file order.
fn assign_ids(
    rows: Vec<(usize, Key, ListEntry)>,
    repairs: &mut Vec<Repair>,
) -> (Vec<ListEntry>, Vec<usize>) {
    // Identical rows (same key, same content) are one entry listed twice, not two entries.
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    for (line, key, entry) in rows {
        let content = (key.base.clone(), key.source.clone(), entry.fingerprint());
        if let Some(&first) = seen.get(&content) {
            repairs.push(Repair {
                line,
                field: "_id".to_owned(),
                what: format!("same row as line {first}, read once"),
            });
            continue;
        }
        seen.insert(content, line);
        kept.push((line, key, entry));
    }
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, key, _) in &kept {
        *count.entry(key.base.as_str()).or_default() += 1;
    }
    let qualified: Vec<bool> = kept
        .iter()
        .map(|(_, key, _)| key.from_number || count.get(key.base.as_str()).copied() != Some(1))
        .collect();
    // Ids that stand as they are are taken first, so that a qualified id never takes one of them.
    let mut used: HashSet<String> = kept
        .iter()
        .zip(&qualified)
        .filter(|(_, q)| !**q)
        .map(|((_, key, _), _)| key.base.clone())
        .collect();
    let mut entries = Vec::with_capacity(kept.len());
    let mut lines = Vec::with_capacity(kept.len());
    for ((line, key, mut entry), qualify) in kept.into_iter().zip(qualified) {
        entry.id = if qualify {
            let stem = format!("{}/{}", key.base, key.source);
            let mut id = stem.clone();
            let mut n = 1_usize;
            while used.contains(&id) {
                n += 1;
                id = format!("{stem}/{n}");
            }
            used.insert(id.clone());
            id
        } else {
            key.base
        };
        entries.push(entry);
        lines.push(line);
    }
    (entries, lines)
}

/// One CSL record, whichever file it came from.
#[derive(Debug, Default)]
struct Record {
    /// The `_id` (CSV) or `id`/`_id` (JSON) value, trimmed; may be empty.
    id: String,
    /// The column or key the id came from, for messages.
    id_field: &'static str,
    entity_number: String,
    source: String,
    kind: String,
    name: String,
    alt_names: Vec<String>,
    countries: Vec<String>,
    federal_register_notice: Option<String>,
    start_date: Option<String>,
    source_list_url: Option<String>,
    remarks: Option<String>,
}

impl Record {
    fn key(&self) -> Key {
        let from_number = self.id.is_empty();
        Key {
            base: if from_number {
                self.entity_number.clone()
            } else {
                self.id.clone()
            },
            from_number,
            source: id_suffix(&self.source),
        }
    }

    /// `None`: invalid (problems pushed). `Some(None)`: valid but not an organisation. The entry's id
    /// is given later by [`assign_ids`].
    fn into_entry(self, line: usize, problems: &mut Problems) -> Option<Option<ListEntry>> {
        let at = Some(line);
        let mut ok = true;
        let name = one_line(&self.name);
        let alt_names: Vec<String> = self.alt_names.iter().map(|a| one_line(a)).collect();
        let (id_field, id) = if self.id.is_empty() {
            ("entity_number", self.entity_number.as_str())
        } else {
            (self.id_field, self.id.as_str())
        };
        if self.id.is_empty() && self.entity_number.is_empty() {
            problems.push(
                at,
                Some(self.id_field),
                "must not be empty (nor may entity_number, which would stand in for it)",
            );
            ok = false;
        } else if let Some(p) = id_problem(id) {
            problems.push(at, Some(id_field), p);
            ok = false;
        }
        if let Some(p) = name_problem(&name) {
            problems.push(at, Some("name"), p);
            ok = false;
        }
        if self.source.trim().is_empty() {
            problems.push(at, Some("source"), "must name the source list");
            ok = false;
        }
        for alt in &alt_names {
            if let Some(p) = name_problem(alt) {
                problems.push(at, Some("alt_names"), p);
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        if matches!(
            self.kind.trim().to_ascii_lowercase().as_str(),
            "individual" | "vessel" | "aircraft"
        ) {
            return Some(None);
        }
        let country = self
            .countries
            .iter()
            .map(|c| c.trim().to_ascii_uppercase())
            .find(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()));
        Some(Some(ListEntry {
            id: String::new(),
            name: name.trim().to_owned(),
            name_zh: None,
            aliases: alt_names,
            acronym: None,
            parent_id: None,
            country,
            lists: vec![ListRef {
                code: list_code(&self.source),
                reference: self.federal_register_notice,
            }],
            listed_on: self.start_date,
            source: self.source_list_url,
            notes: self.remarks,
        }))
    }
}

/// A name with its line breaks read as spaces: the CSL wraps some long names in a multi-line field,
/// and a name is one line of text. Tabs are left alone, as before (they never refused a file, so
/// changing them would change the fingerprint of entries already stored).
fn one_line(name: &str) -> String {
    if !name.contains(['\n', '\r']) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    let mut in_break = false;
    for c in name.chars() {
        if matches!(c, '\n' | '\r') {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    out
}

/// The abbreviation in the source's parentheses (`Entity List (EL) - …` → `el`), lower case; the
/// whole source when it has none.
fn source_abbreviation(source: &str) -> String {
    source
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map_or(source, |(abbr, _)| abbr)
        .trim()
        .to_ascii_lowercase()
}

/// The source's abbreviation as part of an id: ASCII letters and digits, runs of anything else as
/// one `_` (`NS-MBS List` → `ns_mbs_list`), at most [`MAX_SUFFIX`] bytes.
fn id_suffix(source: &str) -> String {
    let mut out = String::new();
    for c in source_abbreviation(source).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_end_matches('_').to_owned();
    out.truncate(MAX_SUFFIX);
    if out.is_empty() {
        "csl".to_owned()
    } else {
        out
    }
}

/// Maps the CSL's source name to a list code through the abbreviation in parentheses.
fn list_code(source: &str) -> String {
    match source_abbreviation(source).as_str() {
        "el" | "entity list" => "us_bis_entity_list".to_owned(),
        "uvl" | "unverified list" => "us_bis_unverified_list".to_owned(),
        other => {
            let code: String = other
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            format!("us_csl_{code}")
        }
    }
}

fn split_semicolons(value: &str) -> Vec<String> {
    value.split(';').filter_map(non_empty).collect()
}

/// The CSV columns read (besides the id); their control characters are repaired.
const CSV_COLUMNS: [&str; 9] = [
    "source",
    "type",
    "name",
    "alt_names",
    "addresses",
    "federal_register_notice",
    "start_date",
    "source_list_url",
    "remarks",
];

fn read_csv(
    file: &str,
    text: &str,
    out: &mut Vec<(usize, Record)>,
    problems: &mut Problems,
    repairs: &mut Vec<Repair>,
) -> Result<(), ImportError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Problems::fail(file, Some(1), None, format!("unreadable header: {e}")))?
        .clone();
    let position = |name: &str| header.iter().position(|h| h.trim() == name);
    let (id_field, id_column) = match position("_id") {
        Some(i) => ("_id", Some(i)),
        None => ("id", position("id")),
    };
    let number_column = position("entity_number");
    let mut missing = Problems::default();
    if id_column.is_none() && number_column.is_none() {
        missing.push(
            Some(1),
            Some("_id"),
            "required column is missing (as is entity_number, which could stand in for it)",
        );
    }
    for column in ["source", "name"] {
        if position(column).is_none() {
            missing.push(Some(1), Some(column), "required column is missing");
        }
    }
    missing.into_result(file, ())?;
    let columns: Vec<(&str, Option<usize>)> =
        CSV_COLUMNS.iter().map(|&c| (c, position(c))).collect();
    // The cells that make a row a copy of the header: the required columns holding their own names.
    let header_marks: Vec<(usize, &str)> = [
        id_column,
        number_column,
        position("source"),
        position("name"),
    ]
    .into_iter()
    .flatten()
    .filter_map(|i| header.get(i).map(|h| (i, h.trim())))
    .collect();
    let mut last: Option<(usize, u64)> = None;
    while let Some((line, record)) = next_row(&mut reader, text.as_bytes(), problems) {
        let start = record.position().map_or(0, ::csv::Position::byte);
        last = Some((line, start));
        if record.len() != header.len() {
            let cut = if record.len() < header.len() {
                " (the row is cut short: a truncated file?)"
            } else {
                ""
            };
            problems.push(
                Some(line),
                None,
                format!(
                    "has {} fields, the header has {}{cut}",
                    record.len(),
                    header.len()
                ),
            );
            last = None;
            continue;
        }
        if header_marks
            .iter()
            .all(|&(i, name)| record.get(i).map(str::trim) == Some(name))
        {
            problems.push(
                Some(line),
                None,
                "the header row appears again here (two files joined?); the file cannot be read as one list",
            );
            continue;
        }
        // The physical line each field starts on: a quoted field may span lines.
        let mut field_lines = Vec::with_capacity(record.len());
        let mut at = line;
        for field in &record {
            field_lines.push(at);
            at = at.saturating_add(field.bytes().filter(|&b| b == b'\n').count());
        }
        let mut cells: HashMap<&str, String> = HashMap::with_capacity(columns.len());
        for &(name, index) in &columns {
            let Some(i) = index else { continue };
            let Some(value) = record.get(i) else { continue };
            let first_line = field_lines.get(i).copied().unwrap_or(line);
            cells.insert(
                name,
                repair_field(value, first_line, name, repairs).into_owned(),
            );
        }
        let mut cell = |name: &str| cells.remove(name).unwrap_or_default();
        let countries = split_semicolons(&cell("addresses"))
            .iter()
            .filter_map(|address| address.rsplit(',').next().map(str::to_owned))
            .collect();
        let raw = |index: Option<usize>| {
            index
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        out.push((
            line,
            Record {
                id: raw(id_column),
                id_field,
                entity_number: raw(number_column),
                source: cell("source"),
                kind: cell("type"),
                name: cell("name"),
                alt_names: split_semicolons(&cell("alt_names")),
                countries,
                federal_register_notice: non_empty(&cell("federal_register_notice")),
                start_date: non_empty(&cell("start_date")),
                source_list_url: non_empty(&cell("source_list_url")),
                remarks: non_empty(&cell("remarks")),
            },
        ));
    }
    // A file cut inside a quoted field still gives a last row with every field (the cut one runs
    // to the end of the file), so the cut shows only as an unbalanced quote.
    if let Some((line, start)) = last
        && !problems.is_full()
        && ends_inside_quotes(text.as_bytes(), start)
    {
        problems.push(
            Some(line),
            None,
            "the file ends inside a quoted field (a truncated file?)",
        );
    }
    Ok(())
}

#[derive(Deserialize)]
struct JsonTop<'a> {
    #[serde(borrow)]
    results: Vec<&'a RawValue>,
}

/// A string, or a list of strings; the CSL has used both for `alt_names` over the years.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<Option<String>>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            Self::None => Vec::new(),
            Self::One(s) => split_semicolons(&s),
            Self::Many(v) => v
                .into_iter()
                .flatten()
                .filter_map(|s| non_empty(&s))
                .collect(),
        }
    }
}

/// A string or a number; `entity_number` has been written both ways.
#[derive(Deserialize)]
#[serde(untagged)]
enum TextOrNumber {
    Text(String),
    Number(serde_json::Number),
}

impl TextOrNumber {
    fn into_string(self) -> String {
        match self {
            Self::Text(s) => s,
            Self::Number(n) => n.to_string(),
        }
    }
}

#[derive(Deserialize, Default)]
struct JsonAddress {
    #[serde(default)]
    country: Option<String>,
}

#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default, rename = "_id")]
    underscore_id: Option<String>,
    #[serde(default)]
    entity_number: Option<TextOrNumber>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    alt_names: OneOrMany,
    #[serde(default)]
    addresses: Option<Vec<JsonAddress>>,
    #[serde(default)]
    federal_register_notice: Option<String>,
    #[serde(default)]
    start_date: Option<String>,
    #[serde(default)]
    source_list_url: Option<String>,
    #[serde(default)]
    remarks: Option<String>,
}

fn read_json(
    file: &str,
    text: &str,
    out: &mut Vec<(usize, Record)>,
    problems: &mut Problems,
    repairs: &mut Vec<Repair>,
) -> Result<(), ImportError> {
    let parsed = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<&RawValue>>(text)
    } else {
        serde_json::from_str::<JsonTop<'_>>(text).map(|top| top.results)
    };
    let items = parsed.map_err(|e| {
        Problems::fail(
            file,
            Some(e.line().max(1)),
            None,
            format!("expected {{\"results\": [...]}} or an array of CSL records: {e}"),
        )
    })?;
    // Records come in file order, so line numbers are counted on from the previous record: counting
    // from the start for every record made a 20 000-record file take half a minute.
    let (mut counted_to, mut line) = (0_usize, 1_usize);
    for raw in items {
        if problems.is_full() {
            break;
        }
        // The raw value borrows from `text`, so its address tells where the record starts.
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        if offset >= counted_to {
            line += newlines(text.as_bytes().get(counted_to..offset).unwrap_or_default());
        } else {
            line = line_of_offset(text.as_bytes(), offset);
        }
        counted_to = offset;
        let record: JsonRecord = match serde_json::from_str(raw.get()) {
            Ok(r) => r,
            Err(e) => {
                problems.push(
                    Some(line + e.line().saturating_sub(1)),
                    None,
                    format!("record does not have the CSL shape: {e}"),
                );
                continue;
            }
        };
        // JSON strings hold no raw line breaks, so every repair is reported on the record's line.
        let mut fix = |value: String, key: &str| -> String {
            let fixed = match repair_field(&value, line, key, repairs) {
                Cow::Owned(fixed) => Some(fixed),
                Cow::Borrowed(_) => None,
            };
            fixed.unwrap_or(value)
        };
        let (id_field, id) = match (record.id, record.underscore_id) {
            (Some(id), _) => ("id", id),
            (None, Some(id)) => ("_id", id),
            (None, None) => ("id", String::new()),
        };
        // Repaired in the order a record's fields are usually written, so repairs read in that order.
        let source = fix(record.source.unwrap_or_default(), "source");
        let kind = fix(record.kind.unwrap_or_default(), "type");
        let name = fix(record.name.unwrap_or_default(), "name");
        let alt_names = record
            .alt_names
            .into_vec()
            .into_iter()
            .map(|a| fix(a, "alt_names"))
            .collect();
        let countries = record
            .addresses
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| a.country)
            .map(|c| fix(c, "addresses"))
            .collect();
        let mut optional = |value: Option<String>, key: &str| {
            value.map(|v| fix(v, key)).and_then(|s| non_empty(&s))
        };
        let federal_register_notice =
            optional(record.federal_register_notice, "federal_register_notice");
        let start_date = optional(record.start_date, "start_date");
        let source_list_url = optional(record.source_list_url, "source_list_url");
        let remarks = optional(record.remarks, "remarks");
        out.push((
            line,
            Record {
                id: id.trim().to_owned(),
                id_field,
                entity_number: record
                    .entity_number
                    .map(TextOrNumber::into_string)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                source,
                kind,
                name,
                alt_names,
                countries,
                federal_register_notice,
                start_date,
                source_list_url,
                remarks,
            },
        ));
    }
    Ok(())
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
