//! OpenSanctions FollowTheMoney entities, one JSON object per line (`entities.ftm.json`).
//!
//! Each line is `{"id", "schema", "properties": {"name": [..], "alias": [..], "country": [..], ...},
//! "datasets": [..], "first_seen"?}`. Organisation-like schemas ([`ORGANISATION_SCHEMAS`]) become
//! entries; every other schema (Person, Vessel, Address, Sanction, Ownership…) is skipped and counted.
//! Names: the first `name` is the primary name, further `name`s plus `alias`, `weakAlias` and
//! `previousName` are aliases; names in Han script go to `name_zh`. `parent` (an entity id) is kept when
//! the parent is in the same file. Datasets become list codes (`us_dod_chinese_milcorps` →
//! `us_dod_1260h`, `us_bis_unverified`/`us_trade_csl`… kept as `os_<dataset>`). Blank lines are allowed.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{
    ImportError, Problems, check_unique_ids, checked_text, drop_dangling_parents, has_han,
    id_problem, name_problem, non_empty,
};
use coopdesk_core::restriction::{ListEntry, ListRef};

use super::ListSnapshot;

/// FtM schemas that describe organisations and are therefore screened.
pub const ORGANISATION_SCHEMAS: [&str; 4] =
    ["Organization", "Company", "LegalEntity", "PublicBody"];

#[derive(Deserialize)]
struct Entity {
    id: String,
    schema: String,
    #[serde(default)]
    properties: Map<String, Value>,
    #[serde(default)]
    datasets: Vec<String>,
    #[serde(default)]
    first_seen: Option<String>,
}

/// Parses FollowTheMoney JSON lines (see the module docs).
///
/// # Errors
/// [`ImportError`] naming the file and each bad line (and property).
pub fn parse_ftm(file_name: &str, bytes: &[u8]) -> Result<ListSnapshot, ImportError> {
    let text = checked_text(file_name, bytes)?;
    let mut problems = Problems::default();
    let mut snapshot = ListSnapshot::default();
    let mut lines = Vec::new();
    for (index, raw_line) in text.lines().enumerate() {
        if problems.is_full() {
            break;
        }
        let line = index + 1;
        if raw_line.trim().is_empty() {
            continue;
        }
        let entity: Entity = match serde_json::from_str(raw_line) {
            Ok(e) => e,
            Err(e) => {
                problems.push(
                    Some(line),
                    None,
                    format!("not a FollowTheMoney entity: {e}"),
                );
                continue;
            }
        };
        if !ORGANISATION_SCHEMAS.contains(&entity.schema.as_str()) {
            snapshot.skipped += 1;
            continue;
        }
        if let Some(entry) = to_entry(entity, line, &mut problems) {
            snapshot.entries.push(entry);
            lines.push(line);
        }
    }
    check_unique_ids(&snapshot.entries, &lines, "id", &mut problems);
    drop_dangling_parents(&mut snapshot.entries);
    problems.into_result(file_name, snapshot)
}

/// The string values of a property; FtM properties are arrays of strings.
fn strings(properties: &Map<String, Value>, key: &str) -> Vec<String> {
    match properties.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .filter_map(non_empty)
            .collect(),
        Some(Value::String(s)) => non_empty(s).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn to_entry(entity: Entity, line: usize, problems: &mut Problems) -> Option<ListEntry> {
    let at = Some(line);
    let mut ok = true;
    if let Some(p) = id_problem(&entity.id) {
        problems.push(at, Some("id"), p);
        ok = false;
    }
    let props = &entity.properties;
    let mut names = strings(props, "name");
    for key in ["alias", "weakAlias", "previousName"] {
        names.extend(strings(props, key));
    }
    for name in &names {
        if let Some(p) = name_problem(name) {
            problems.push(at, Some("properties.name"), p);
            ok = false;
        }
    }
    // The primary name is the first non-Chinese name, so the entry reads well in an English report.
    let primary = names
        .iter()
        .position(|n| !has_han(n))
        .or(if names.is_empty() { None } else { Some(0) });
    let Some(primary) = primary else {
        problems.push(at, Some("properties.name"), "entity has no name");
        return None;
    };
    if !ok {
        return None;
    }
    let name = names.remove(primary);
    let name_zh = names
        .iter()
        .position(|n| has_han(n))
        .map(|i| names.remove(i));
    let mut aliases: Vec<String> = Vec::new();
    for n in names {
        if n != name && !aliases.contains(&n) {
            aliases.push(n);
        }
    }
    let country = strings(props, "country")
        .into_iter()
        .chain(strings(props, "jurisdiction"))
        .chain(strings(props, "mainCountry"))
        .map(|c| c.to_ascii_uppercase())
        .find(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()));
    let lists = entity
        .datasets
        .iter()
        .map(|d| ListRef {
            code: dataset_code(d),
            reference: Some(format!("OpenSanctions dataset {d}")),
        })
        .collect();
    let topics = strings(props, "topics");
    let mut notes = strings(props, "notes");
    if !topics.is_empty() {
        notes.insert(0, format!("topics: {}", topics.join(", ")));
    }
    Some(ListEntry {
        id: entity.id,
        name,
        name_zh,
        aliases,
        acronym: None,
        parent_id: strings(props, "parent").into_iter().next(),
        country,
        lists,
        listed_on: entity
            .first_seen
            .and_then(|d| d.get(..10).map(str::to_owned)),
        source: strings(props, "sourceUrl").into_iter().next(),
        notes: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

fn dataset_code(dataset: &str) -> String {
    match dataset {
        "us_dod_chinese_milcorps" => "us_dod_1260h".to_owned(),
        other => {
            let code: String = other
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            format!("os_{code}")
        }
    }
}
