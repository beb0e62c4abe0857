//! The bundled/office CSV format: the columns of `assets/reference/restricted_entities.csv`.
//!
//! Rules (documented in the crate docs too): the header must name exactly [`BUNDLED_COLUMNS`], in any
//! order. Unknown columns are **refused**, not ignored: a misspelt header (`aliasses`) would otherwise
//! silently drop data from a list that decides whether a partner is flagged. `id`, `name_en` and `list`
//! are required; `aliases` and `list` are `|`-separated; `list_ref` is empty or has one reference per
//! list code; `parent_id` must name another row of the same file; parent chains must not loop.

use std::collections::{HashMap, HashSet};

use super::{
    ImportError, Problems, check_unique_ids, checked_text, id_problem, name_problem, next_row,
    non_empty,
};
use coopdesk_core::restriction::{ListEntry, ListRef};

use super::ListSnapshot;

/// The columns of the bundled format, in the order the snapshot writes them.
pub const BUNDLED_COLUMNS: [&str; 12] = [
    "id",
    "name_en",
    "name_zh",
    "aliases",
    "acronym",
    "parent_id",
    "country",
    "list",
    "list_ref",
    "listed_on",
    "source",
    "notes",
];

/// Parses the bundled/office CSV format (see the module docs for the rules).
///
/// # Errors
/// [`ImportError`] naming the file and each bad row's line and column.
pub fn parse_csv(file_name: &str, bytes: &[u8]) -> Result<ListSnapshot, ImportError> {
    let text = checked_text(file_name, bytes)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Problems::fail(file_name, Some(1), None, format!("unreadable header: {e}")))?
        .clone();
    let columns = column_positions(file_name, &header)?;

    let mut problems = Problems::default();
    let mut entries = Vec::new();
    let mut lines = Vec::new();
    while let Some((line, record)) = next_row(&mut reader, text.as_bytes(), &mut problems) {
        if record.len() != header.len() {
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
        let row = Row {
            record: &record,
            columns: &columns,
        };
        if let Some(entry) = read_row(&row, line, &mut problems) {
            entries.push(entry);
            lines.push(line);
        }
    }
    check_unique_ids(&entries, &lines, "id", &mut problems);
    check_parents(&entries, &lines, &mut problems);
    problems.into_result(
        file_name,
        ListSnapshot {
            entries,
            skipped: 0,
            repairs: Vec::new(),
            published: None,
        },
    )
}

fn column_positions(
    file: &str,
    header: &::csv::StringRecord,
) -> Result<HashMap<String, usize>, ImportError> {
    let mut problems = Problems::default();
    let mut positions = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        if !BUNDLED_COLUMNS.contains(&name) {
            problems.push(
                Some(1),
                Some(name),
                format!(
                    "unknown column; expected exactly: {}",
                    BUNDLED_COLUMNS.join(",")
                ),
            );
        } else if positions.insert(name.to_owned(), i).is_some() {
            problems.push(Some(1), Some(name), "column appears twice");
        }
    }
    for required in BUNDLED_COLUMNS {
        if !positions.contains_key(required) {
            problems.push(Some(1), Some(required), "required column is missing");
        }
    }
    problems.into_result(file, positions)
}

/// One data row with access to its cells by column name.
struct Row<'a> {
    record: &'a ::csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    fn cell(&self, name: &str) -> &str {
        self.columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }
}

fn read_row(row: &Row<'_>, line: usize, problems: &mut Problems) -> Option<ListEntry> {
    let cell = |name: &str| row.cell(name);
    let before = problems_len(problems);
    let at = Some(line);
    let id = cell("id").trim().to_owned();
    if let Some(p) = id_problem(&id) {
        problems.push(at, Some("id"), p);
    }
    let name = cell("name_en").trim().to_owned();
    if let Some(p) = name_problem(&name) {
        problems.push(at, Some("name_en"), p);
    }
    let name_zh = non_empty(cell("name_zh"));
    if let Some(p) = name_zh.as_deref().and_then(name_problem) {
        problems.push(at, Some("name_zh"), p);
    }
    let aliases = split_bar(cell("aliases"));
    for alias in &aliases {
        if let Some(p) = name_problem(alias) {
            problems.push(at, Some("aliases"), p);
        }
    }
    if cell("aliases").split('|').any(|a| a.trim().is_empty()) && !cell("aliases").trim().is_empty()
    {
        problems.push(at, Some("aliases"), "empty alias between `|` separators");
    }
    let country = non_empty(cell("country"));
    if let Some(c) = &country
        && (c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        problems.push(
            at,
            Some("country"),
            format!("expected an ISO 3166-1 alpha-2 code such as CN, found {c:?}"),
        );
    }
    let codes = split_bar(cell("list"));
    if codes.is_empty() {
        problems.push(at, Some("list"), "must name at least one list code");
    }
    for code in &codes {
        if !code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            problems.push(
                at,
                Some("list"),
                format!("list code {code:?} must be lower-case letters, digits and _"),
            );
        }
    }
    let refs: Vec<String> = if cell("list_ref").trim().is_empty() {
        Vec::new()
    } else {
        cell("list_ref")
            .split('|')
            .map(|r| r.trim().to_owned())
            .collect()
    };
    if !refs.is_empty() && refs.len() != codes.len() {
        problems.push(
            at,
            Some("list_ref"),
            format!(
                "has {} references for {} list codes; give one per code, in the same order",
                refs.len(),
                codes.len()
            ),
        );
    }
    let listed_on = non_empty(cell("listed_on"));
    if let Some(d) = &listed_on
        && !is_partial_date(d)
    {
        problems.push(
            at,
            Some("listed_on"),
            format!("expected YYYY, YYYY-MM or YYYY-MM-DD, found {d:?}"),
        );
    }
    if problems_len(problems) != before {
        return None;
    }
    let lists = codes
        .into_iter()
        .enumerate()
        .map(|(i, code)| ListRef {
            code,
            reference: refs.get(i).and_then(|r| non_empty(r)),
        })
        .collect();
    Some(ListEntry {
        id,
        name,
        name_zh,
        aliases,
        acronym: non_empty(cell("acronym")),
        parent_id: non_empty(cell("parent_id")),
        country,
        lists,
        listed_on,
        source: non_empty(cell("source")),
        notes: non_empty(cell("notes")),
    })
}

/// Counts problems including those past the cap, so a row is never accepted with a hidden problem.
fn problems_len(problems: &Problems) -> (usize, bool) {
    (problems.list.len(), problems.more)
}

fn split_bar(value: &str) -> Vec<String> {
    value.split('|').filter_map(non_empty).collect()
}

fn is_partial_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let in_range = |s: &str, max: u32| s.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 12) && in_range(d, 31)
        }
        _ => false,
    }
}

/// Parents must exist in the file, must not be the row itself, and chains must end.
fn check_parents(entries: &[ListEntry], lines: &[usize], problems: &mut Problems) {
    let by_id: HashMap<&str, &ListEntry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    for (entry, &line) in entries.iter().zip(lines) {
        let Some(parent) = entry.parent_id.as_deref() else {
            continue;
        };
        if !by_id.contains_key(parent) {
            problems.push(
                Some(line),
                Some("parent_id"),
                format!("{parent:?} is not the id of any row in this file"),
            );
            continue;
        }
        let mut seen = HashSet::from([entry.id.as_str()]);
        let mut next = Some(parent);
        while let Some(id) = next {
            if !seen.insert(id) {
                problems.push(
                    Some(line),
                    Some("parent_id"),
                    format!("parent chain of {:?} loops back to {id:?}", entry.id),
                );
                break;
            }
            next = by_id.get(id).and_then(|e| e.parent_id.as_deref());
        }
    }
}
