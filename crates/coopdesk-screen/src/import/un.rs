//! The UN Security Council Consolidated List, XML (`consolidated.xml`).
//!
//! Root `<CONSOLIDATED_LIST dateGenerated="…">` with `<INDIVIDUALS>` (each `<INDIVIDUAL>` is skipped
//! and counted) and `<ENTITIES>`, whose `<ENTITY>` records become entries:
//!
//! - `DATAID`, `REFERENCE_NUMBER` (`KPe.001`, `QDe.004` …): the entry's id is the reference number,
//!   the UN's permanent one that other lists quote (the EU's `unitedNationId`, the UK's "UN
//!   Reference Number"); the `DATAID` stands in when a record has none. A record with neither
//!   refuses the file.
//! - `FIRST_NAME`: the name (required). The list writes some entities under two names joined by `;`
//!   ("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)"): the name
//!   is kept as written and each part is an alias too.
//! - `NAME_ORIGINAL_SCRIPT`: the name in its own script, an alias (the Chinese name when it is in
//!   Chinese characters).
//! - `ENTITY_ALIAS` (`QUALITY` a.k.a./f.k.a./Good/Low, `ALIAS_NAME`, `;`-separated): every alias is
//!   kept, whatever its quality.
//! - `UN_LIST_TYPE` (`DPRK`, `Al-Qaida`, `DRC` …): the list code `un_<type>` (`un_dprk`,
//!   `un_al_qaida`), referenced by the reference number; `LISTED_ON`: the listing date;
//!   `ENTITY_ADDRESS/COUNTRY`: the country (a name, read through [`super::country_code`]);
//!   `COMMENTS1`: notes.
//!
//! The snapshot's publication date is `dateGenerated`. White space inside names is read as one
//! space.

use super::xml::{self, Element, Records};
use super::{
    ImportError, Problems, check_unique_ids, checked_text, code_slug, collapse_spaces,
    country_code, has_han, id_problem, iso_date_prefix, name_problem,
};
use coopdesk_core::restriction::{ListEntry, ListRef};

use super::ListSnapshot;

/// Parses the UN Security Council Consolidated List (see the module documentation).
///
/// # Errors
/// [`ImportError`] naming the file and each problem's line (of the element) and field
/// (`ENTITY/FIRST_NAME` …).
pub fn parse_un(file_name: &str, bytes: &[u8]) -> Result<ListSnapshot, ImportError> {
    let text = checked_text(file_name, bytes)?;
    let mut problems = Problems::default();
    let mut reader = UnRecords::default();
    if !xml::read(text, &mut reader, &mut problems) {
        problems.push(
            Some(1),
            None,
            "no XML element found: expected the UN Security Council Consolidated List (<CONSOLIDATED_LIST>)",
        );
    }
    check_unique_ids(
        &reader.snapshot.entries,
        &reader.lines,
        "ENTITY/REFERENCE_NUMBER",
        &mut problems,
    );
    problems.into_result(file_name, reader.snapshot)
}

#[derive(Default)]
struct UnRecords {
    snapshot: ListSnapshot,
    lines: Vec<usize>,
}

impl Records for UnRecords {
    fn root(&mut self, root: &Element, problems: &mut Problems) -> bool {
        if root.name != "CONSOLIDATED_LIST" {
            problems.push(
                Some(root.line),
                None,
                format!(
                    "not the UN Security Council Consolidated List: the root element is <{}>, expected <CONSOLIDATED_LIST>",
                    root.name
                ),
            );
            return false;
        }
        if let Some(date) = root.attr("dateGenerated").filter(|d| !d.trim().is_empty()) {
            match iso_date_prefix(date) {
                Some(d) => self.snapshot.published = Some(d),
                None => problems.push(
                    Some(root.line),
                    Some("CONSOLIDATED_LIST@dateGenerated"),
                    format!("expected a date such as 2026-02-27T00:00:09Z, found {date:?}"),
                ),
            }
        }
        true
    }

    fn is_record(&self, ancestors: &[String], name: &str) -> bool {
        match (ancestors, name) {
            ([_, parent], "ENTITY") => parent == "ENTITIES",
            ([_, parent], "INDIVIDUAL") => parent == "INDIVIDUALS",
            _ => false,
        }
    }

    fn record(&mut self, record: Element, problems: &mut Problems) {
        if record.name == "INDIVIDUAL" {
            self.snapshot.skipped += 1;
            return;
        }
        if let Some(e) = entry(&record, problems) {
            self.snapshot.entries.push(e);
            self.lines.push(record.line);
        }
    }
}

/// The `;`-separated parts of a name, each with its white space collapsed.
fn parts(value: &str) -> Vec<String> {
    value
        .split(';')
        .map(collapse_spaces)
        .filter(|p| !p.is_empty())
        .collect()
}

fn entry(record: &Element, problems: &mut Problems) -> Option<ListEntry> {
    let at = |field: &str| record.child(field).map_or(record.line, |c| c.line);
    let mut ok = true;
    let reference = record.child_text("REFERENCE_NUMBER").map(collapse_spaces);
    let data_id = record.child_text("DATAID").map(collapse_spaces);
    let (id_field, id) = match (&reference, &data_id) {
        (Some(r), _) => ("ENTITY/REFERENCE_NUMBER", r.clone()),
        (None, Some(d)) => ("ENTITY/DATAID", d.clone()),
        (None, None) => {
            problems.push(
                Some(record.line),
                Some("ENTITY/REFERENCE_NUMBER"),
                "missing (as is DATAID, which could stand in for it)",
            );
            return None;
        }
    };
    if let Some(p) = id_problem(&id) {
        problems.push(
            Some(at(id_field.trim_start_matches("ENTITY/"))),
            Some(id_field),
            p,
        );
        ok = false;
    }
    let name = record
        .child_text("FIRST_NAME")
        .map(collapse_spaces)
        .unwrap_or_default();
    if let Some(p) = name_problem(&name) {
        problems.push(Some(at("FIRST_NAME")), Some("ENTITY/FIRST_NAME"), p);
        ok = false;
    }
    let mut others: Vec<(usize, &'static str, String)> = Vec::new();
    let name_parts = parts(&name);
    if name_parts.len() > 1 {
        others.extend(
            name_parts
                .into_iter()
                .map(|p| (at("FIRST_NAME"), "ENTITY/FIRST_NAME", p)),
        );
    }
    if let Some(original) = record.child("NAME_ORIGINAL_SCRIPT") {
        others.extend(
            parts(&original.text)
                .into_iter()
                .map(|p| (original.line, "ENTITY/NAME_ORIGINAL_SCRIPT", p)),
        );
    }
    for alias in record.children("ENTITY_ALIAS") {
        if let Some(names) = alias.child("ALIAS_NAME") {
            others.extend(
                parts(&names.text)
                    .into_iter()
                    .map(|p| (names.line, "ENTITY/ENTITY_ALIAS/ALIAS_NAME", p)),
            );
        }
    }
    let mut name_zh = None;
    let mut aliases: Vec<String> = Vec::new();
    for (line, field, other) in others {
        if let Some(p) = name_problem(&other) {
            problems.push(Some(line), Some(field), p);
            ok = false;
            continue;
        }
        if other == name || aliases.contains(&other) || name_zh.as_ref() == Some(&other) {
            continue;
        }
        if name_zh.is_none() && has_han(&other) {
            name_zh = Some(other);
        } else {
            aliases.push(other);
        }
    }
    if !ok {
        return None;
    }
    let list_type = record
        .child_text("UN_LIST_TYPE")
        .map(code_slug)
        .filter(|c| !c.is_empty());
    let country = record
        .children("ENTITY_ADDRESS")
        .filter_map(|a| a.child_text("COUNTRY"))
        .find_map(country_code)
        .map(str::to_owned);
    Some(ListEntry {
        id,
        name,
        name_zh,
        aliases,
        acronym: None,
        parent_id: None,
        country,
        lists: vec![ListRef {
            code: list_type.map_or_else(|| "un_sc".to_owned(), |t| format!("un_{t}")),
            reference: reference.or(data_id.map(|d| format!("DATAID {d}"))),
        }],
        listed_on: record.child_text("LISTED_ON").map(collapse_spaces),
        source: None,
        notes: record
            .child_text("COMMENTS1")
            .map(collapse_spaces)
            .filter(|c| !c.is_empty()),
    })
}
