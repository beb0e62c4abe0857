//! The EU Consolidated Financial Sanctions List, XML (Financial Sanctions Files, schema 1.1).
//!
//! The file the Commission publishes as `xmlFullSanctionsList_1_1`: root `<export
//! generationDate="…" globalFileId="…">` (namespace `http://eu.europa.ec/fpi/fsd/export`), one
//! `<sanctionEntity logicalId="…" euReferenceNumber="…" unitedNationId="…" designationDate="…">` per
//! listed person or organisation, with children:
//!
//! - `subjectType code="enterprise|person"`: enterprises become entries, persons are skipped and
//!   counted. A record without it, or with another code, refuses the file.
//! - `nameAlias wholeName="…" firstName middleName lastName nameLanguage="EN|ZH|RU|…" strong="…"`:
//!   every name in every language is kept. The primary name is the first English (or language-less)
//!   name that is not in Chinese characters, the first name in Chinese characters is the Chinese
//!   name, all others are aliases. An enterprise without a name refuses the file.
//! - `regulation numberTitle programme publicationDate entryIntoForceDate` with `publicationUrl`:
//!   one list code per programme, `eu_fsf_<programme>` (`eu_fsf_rus`, `eu_fsf_prk`; `eu_fsf` when the
//!   record has no regulation), referenced by the EU reference number and the regulations' titles.
//! - `address`/`citizenship countryIso2Code`: the entry's country (the first valid code).
//! - `remark`: notes.
//!
//! Entry ids are the `logicalId` (the Commission's stable id of the record). The snapshot's
//! publication date is `generationDate`. White space inside names (line breaks, doubled spaces) is
//! read as one space.

use super::xml::{self, Element, Records};
use super::{
    ImportError, Problems, check_unique_ids, checked_text, code_slug, collapse_spaces, has_han,
    id_problem, iso_date_prefix, name_problem,
};
use coopdesk_core::restriction::{ListEntry, ListRef};

use super::ListSnapshot;

/// Parses an EU Financial Sanctions File (see the module documentation).
///
/// # Errors
/// [`ImportError`] naming the file and each problem's line (of the element) and field
/// (`sanctionEntity/nameAlias@wholeName` …).
pub fn parse_eu_fsf(file_name: &str, bytes: &[u8]) -> Result<ListSnapshot, ImportError> {
    let text = checked_text(file_name, bytes)?;
    let mut problems = Problems::default();
    let mut reader = EuRecords::default();
    if !xml::read(text, &mut reader, &mut problems) {
        problems.push(
            Some(1),
            None,
            "no XML element found: expected an EU Financial Sanctions File (<export>)",
        );
    }
    check_unique_ids(
        &reader.snapshot.entries,
        &reader.lines,
        "sanctionEntity@logicalId",
        &mut problems,
    );
    problems.into_result(file_name, reader.snapshot)
}

#[derive(Default)]
struct EuRecords {
    snapshot: ListSnapshot,
    lines: Vec<usize>,
}

impl Records for EuRecords {
    fn root(&mut self, root: &Element, problems: &mut Problems) -> bool {
        if root.name != "export" {
            problems.push(
                Some(root.line),
                None,
                format!(
                    "not an EU Financial Sanctions File: the root element is <{}>, expected <export>",
                    root.name
                ),
            );
            return false;
        }
        if let Some(date) = root.attr("generationDate").filter(|d| !d.trim().is_empty()) {
            match iso_date_prefix(date) {
                Some(d) => self.snapshot.published = Some(d),
                None => problems.push(
                    Some(root.line),
                    Some("export@generationDate"),
                    format!("expected a date such as 2026-02-27T10:00:00, found {date:?}"),
                ),
            }
        }
        true
    }

    fn is_record(&self, ancestors: &[String], name: &str) -> bool {
        ancestors.len() == 1 && name == "sanctionEntity"
    }

    fn record(&mut self, record: Element, problems: &mut Problems) {
        match entry(&record, problems) {
            Some(Some(e)) => {
                self.snapshot.entries.push(e);
                self.lines.push(record.line);
            }
            Some(None) => self.snapshot.skipped += 1,
            None => {}
        }
    }
}

/// One record: `None` when it has problems (pushed), `Some(None)` for a person.
fn entry(record: &Element, problems: &mut Problems) -> Option<Option<ListEntry>> {
    let at = Some(record.line);
    let id = record.attr("logicalId").unwrap_or_default().trim();
    let mut ok = true;
    if let Some(p) = id_problem(id) {
        problems.push(at, Some("sanctionEntity@logicalId"), p);
        ok = false;
    }
    let code = record.child("subjectType").map(|s| {
        (
            s.line,
            s.attr("code")
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase(),
        )
    });
    let enterprise = match code.as_ref().map(|(l, c)| (*l, c.as_str())) {
        Some((_, "enterprise")) => true,
        Some((_, "person")) => false,
        Some((line, other)) => {
            problems.push(
                Some(line),
                Some("sanctionEntity/subjectType@code"),
                format!("expected enterprise or person, found {other:?}"),
            );
            return None;
        }
        None => {
            problems.push(
                at,
                Some("sanctionEntity/subjectType"),
                "missing: every sanctionEntity says whether it is an enterprise or a person",
            );
            return None;
        }
    };
    if !enterprise {
        return ok.then_some(None);
    }
    // Names in file order, with their language.
    let mut names: Vec<(String, String)> = Vec::new();
    for alias in record.children("nameAlias") {
        let whole = alias
            .attr("wholeName")
            .map(collapse_spaces)
            .unwrap_or_default();
        let name = if whole.is_empty() {
            let parts: Vec<String> = ["firstName", "middleName", "lastName"]
                .iter()
                .filter_map(|k| alias.attr(k))
                .map(collapse_spaces)
                .filter(|p| !p.is_empty())
                .collect();
            parts.join(" ")
        } else {
            whole
        };
        if name.is_empty() {
            continue;
        }
        if let Some(p) = name_problem(&name) {
            problems.push(
                Some(alias.line),
                Some("sanctionEntity/nameAlias@wholeName"),
                p,
            );
            ok = false;
            continue;
        }
        let language = alias
            .attr("nameLanguage")
            .unwrap_or_default()
            .trim()
            .to_ascii_uppercase();
        if !names.iter().any(|(n, _)| *n == name) {
            names.push((name, language));
        }
    }
    if names.is_empty() {
        problems.push(
            at,
            Some("sanctionEntity/nameAlias@wholeName"),
            "an enterprise without any name",
        );
        return None;
    }
    if !ok {
        return None;
    }
    let english = |(n, l): &(String, String)| (l.is_empty() || l == "EN") && !has_han(n);
    let primary = names
        .iter()
        .position(english)
        .or_else(|| names.iter().position(|(n, _)| !has_han(n)))
        .unwrap_or(0);
    let (name, _) = names.remove(primary);
    let name_zh = names
        .iter()
        .position(|(n, _)| has_han(n))
        .map(|i| names.remove(i).0);
    let aliases = names.into_iter().map(|(n, _)| n).collect();
    Some(Some(ListEntry {
        id: id.to_owned(),
        name,
        name_zh,
        aliases,
        acronym: None,
        parent_id: None,
        country: country(record),
        lists: lists(record),
        listed_on: listed_on(record),
        source: record
            .children("regulation")
            .find_map(|r| r.child_text("publicationUrl"))
            .map(str::to_owned),
        notes: notes(record),
    }))
}

/// The first valid ISO code of the record's addresses, then of its citizenships (`00` and other
/// placeholders are not codes).
fn country(record: &Element) -> Option<String> {
    record
        .children("address")
        .chain(record.children("citizenship"))
        .filter_map(|e| e.attr("countryIso2Code"))
        .map(|c| c.trim().to_ascii_uppercase())
        .find(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
}

/// One list membership per programme, referenced by the EU reference number and the titles of the
/// programme's regulations (in file order, each once).
fn lists(record: &Element) -> Vec<ListRef> {
    let eu_reference = record
        .attr("euReferenceNumber")
        .map(collapse_spaces)
        .filter(|r| !r.is_empty());
    let mut programmes: Vec<(String, Vec<String>)> = Vec::new();
    for regulation in record.children("regulation") {
        let programme = regulation
            .attr("programme")
            .map(code_slug)
            .unwrap_or_default();
        let title = regulation
            .attr("numberTitle")
            .map(collapse_spaces)
            .unwrap_or_default();
        let at = match programmes.iter().position(|(p, _)| *p == programme) {
            Some(i) => i,
            None => {
                programmes.push((programme, Vec::new()));
                programmes.len() - 1
            }
        };
        if let Some((_, titles)) = programmes.get_mut(at)
            && !title.is_empty()
            && !titles.contains(&title)
        {
            titles.push(title);
        }
    }
    if programmes.is_empty() {
        programmes.push((String::new(), Vec::new()));
    }
    programmes
        .into_iter()
        .map(|(programme, titles)| {
            let mut parts: Vec<String> = eu_reference.iter().cloned().collect();
            parts.extend(titles);
            ListRef {
                code: if programme.is_empty() {
                    "eu_fsf".to_owned()
                } else {
                    format!("eu_fsf_{programme}")
                },
                reference: (!parts.is_empty()).then(|| parts.join("; ")),
            }
        })
        .collect()
}

/// The designation date, else the earliest publication date of the record's regulations.
fn listed_on(record: &Element) -> Option<String> {
    record
        .attr("designationDate")
        .and_then(iso_date_prefix)
        .or_else(|| {
            record
                .children("regulation")
                .filter_map(|r| r.attr("publicationDate").and_then(iso_date_prefix))
                .min()
        })
}

/// The record's remarks and its UN reference, if any.
fn notes(record: &Element) -> Option<String> {
    let mut notes: Vec<String> = record
        .children("remark")
        .map(|r| collapse_spaces(&r.text))
        .filter(|r| !r.is_empty())
        .collect();
    if let Some(un) = record
        .attr("unitedNationId")
        .map(collapse_spaces)
        .filter(|u| !u.is_empty())
    {
        notes.push(format!("UN reference {un}"));
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}
