//! The US Consolidated Screening List (trade.gov), as CSV or JSON.
//!
//! CSV: the download's header (`_id,source,entity_number,type,programs,name,title,addresses,
//! federal_register_notice,start_date,end_date,…,alt_names,…`); `_id`, `source` and `name` are required,
//! other columns are optional and unknown ones ignored (trade.gov adds columns over time). `alt_names`
//! are `;`-separated; `addresses` are `;`-separated, each ending in the country.
//! JSON: `{"results": [record, …]}` (or a bare array) where a record has `id` (older files: `_id`),
//! `name`, `alt_names` (array, or a `;`-separated string), `source`, `type`, `addresses[].country`,
//! `federal_register_notice`, `start_date`, `source_list_url`, `remarks`.
//!
//! Records of type `Individual`, `Vessel` and `Aircraft` are skipped and counted. The `source` (e.g.
//! `Entity List (EL) - Bureau of Industry and Security`) becomes a list code through its abbreviation:
//! EL → `us_bis_entity_list`, UVL → `us_bis_unverified_list`, others → `us_csl_<abbreviation>`.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{
    ImportError, Problems, check_unique_ids, checked_text, drop_dangling_parents, id_problem,
    line_of_offset, name_problem, next_row, non_empty,
};
use crate::entry::{ListEntry, ListRef, ListSnapshot};

/// Parses a CSL download; JSON when the first non-blank character is `{` or `[`, CSV otherwise.
///
/// # Errors
/// [`ImportError`] naming the file and each bad record's line (and column or key).
pub fn parse_csl(file_name: &str, bytes: &[u8]) -> Result<ListSnapshot, ImportError> {
    let text = checked_text(file_name, bytes)?;
    let mut records = Vec::new();
    let mut problems = Problems::default();
    match text.trim_start().chars().next() {
        Some('{' | '[') => read_json(file_name, text, &mut records, &mut problems)?,
        _ => read_csv(file_name, text, &mut records, &mut problems)?,
    }
    let mut snapshot = ListSnapshot::default();
    let mut lines = Vec::new();
    for (line, record) in records {
        if problems.is_full() {
            break;
        }
        match record.into_entry(line, &mut problems) {
            Some(Some(entry)) => {
                snapshot.entries.push(entry);
                lines.push(line);
            }
            Some(None) => snapshot.skipped += 1,
            None => {}
        }
    }
    check_unique_ids(&snapshot.entries, &lines, "id", &mut problems);
    drop_dangling_parents(&mut snapshot.entries);
    problems.into_result(file_name, snapshot)
}

/// One CSL record, whichever file it came from.
#[derive(Debug, Default)]
struct Record {
    id: String,
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
    /// `None`: invalid (problems pushed). `Some(None)`: valid but not an organisation.
    fn into_entry(self, line: usize, problems: &mut Problems) -> Option<Option<ListEntry>> {
        let at = Some(line);
        let mut ok = true;
        if let Some(p) = id_problem(&self.id) {
            problems.push(at, Some("id"), p);
            ok = false;
        }
        if let Some(p) = name_problem(&self.name) {
            problems.push(at, Some("name"), p);
            ok = false;
        }
        if self.source.trim().is_empty() {
            problems.push(at, Some("source"), "must name the source list");
            ok = false;
        }
        for alt in &self.alt_names {
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
            id: self.id,
            name: self.name.trim().to_owned(),
            name_zh: None,
            aliases: self.alt_names,
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

/// Maps the CSL's source name to a list code through the abbreviation in parentheses.
fn list_code(source: &str) -> String {
    let abbreviation = source
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map_or(source, |(abbr, _)| abbr)
        .trim()
        .to_ascii_lowercase();
    match abbreviation.as_str() {
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

fn read_csv(
    file: &str,
    text: &str,
    out: &mut Vec<(usize, Record)>,
    problems: &mut Problems,
) -> Result<(), ImportError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Problems::fail(file, Some(1), None, format!("unreadable header: {e}")))?
        .clone();
    let position = |name: &str| header.iter().position(|h| h.trim() == name);
    let id_column = position("_id").or_else(|| position("id"));
    let mut missing = Problems::default();
    for (column, found) in [
        ("_id", id_column),
        ("source", position("source")),
        ("name", position("name")),
    ] {
        if found.is_none() {
            missing.push(Some(1), Some(column), "required column is missing");
        }
    }
    missing.into_result(file, ())?;
    let column = |record: &::csv::StringRecord, name: &str| {
        position(name)
            .and_then(|i| record.get(i))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    while let Some((line, record)) = next_row(&mut reader, problems) {
        if record.len() > header.len() {
            problems.push(
                Some(line),
                None,
                format!(
                    "has {} fields, the header has {}",
                    record.len(),
                    header.len()
                ),
            );
            continue;
        }
        let countries = split_semicolons(&column(&record, "addresses"))
            .iter()
            .filter_map(|address| address.rsplit(',').next().map(str::to_owned))
            .collect();
        out.push((
            line,
            Record {
                id: id_column
                    .and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_owned(),
                source: column(&record, "source"),
                kind: column(&record, "type"),
                name: column(&record, "name"),
                alt_names: split_semicolons(&column(&record, "alt_names")),
                countries,
                federal_register_notice: non_empty(&column(&record, "federal_register_notice")),
                start_date: non_empty(&column(&record, "start_date")),
                source_list_url: non_empty(&column(&record, "source_list_url")),
                remarks: non_empty(&column(&record, "remarks")),
            },
        ));
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
        out.push((
            line,
            Record {
                id: record
                    .id
                    .or(record.underscore_id)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                source: record.source.unwrap_or_default(),
                kind: record.kind.unwrap_or_default(),
                name: record.name.unwrap_or_default(),
                alt_names: record.alt_names.into_vec(),
                countries: record
                    .addresses
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|a| a.country)
                    .collect(),
                federal_register_notice: record.federal_register_notice.and_then(|s| non_empty(&s)),
                start_date: record.start_date.and_then(|s| non_empty(&s)),
                source_list_url: record.source_list_url.and_then(|s| non_empty(&s)),
                remarks: record.remarks.and_then(|s| non_empty(&s)),
            },
        ));
    }
    Ok(())
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
