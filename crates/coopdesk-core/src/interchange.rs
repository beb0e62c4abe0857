//! The `coopdesk.case/v1` interchange format: strict reading and canonical writing.
//!
//! Reading goes in three steps, each of which names the JSON path of what it rejects:
//! 1. bytes → JSON value (`serde_json`: syntax, UTF-8 and nesting depth, with line and column);
//! 2. value → [`CaseDocument`] (`serde_path_to_error`: unknown keys, wrong types, values outside an
//!    enumeration, bad country codes and dates);
//! 3. [`CaseDocument::check`]: rules that serde cannot express (lengths, control characters, id shapes,
//!    control-code shapes, start before end).
//!
//! Unknown top-level keys that start with `x-` are kept in [`CaseDocument::extensions`] and written back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits;
use crate::model::{Action, Agreement, Answer, DataFlow, Funding, Home, Item, Person};
use crate::problem::{Problem, Problems};
use crate::values::{CountryCode, Date};
use crate::vocab::{Activity, CaseStatus, FacilityKind, OrgKind, PartnerRole};
use crate::workshop::{Workshop, check_workshops};

/// The format tag every case file carries.
pub const FORMAT_V1: &str = "coopdesk.case/v1";

/// One case as written in a `*.case.json` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CaseDocument {
    /// Always [`FORMAT_V1`].
    pub format: String,
    /// Stable id; assigned on import when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
    /// Short title.
    pub title: String,
    /// What is planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub summary: Option<String>,
    /// Lifecycle state; `draft` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<CaseStatus>,
    /// Our side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub home: Option<Home>,
    /// Where the work happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub facility: Option<FacilityDocument>,
    /// Partner organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<PartnerDocument>>")]
    pub partners: Vec<PartnerDocument>,
    /// Research fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub fields: Vec<String>,
    /// Planned activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Activity>>")]
    pub activities: Vec<Activity>,
    /// Goods, software and technology that move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Item>>")]
    pub items: Vec<Item>,
    /// Data sets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<DataFlow>>")]
    pub data: Vec<DataFlow>,
    /// People involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Person>>")]
    pub people: Vec<Person>,
    /// Who pays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Funding>>")]
    pub funding: Vec<Funding>,
    /// Agreements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Agreement>>")]
    pub agreements: Vec<Agreement>,
    /// Checklist answers by question id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<BTreeMap<String, Answer>>")]
    pub answers: BTreeMap<String, Answer>,
    /// The action plan. An addition of ours to `coopdesk.case/v1`: other offices' files do not have it,
    /// and a file without it simply has no actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Action>>")]
    pub actions: Vec<Action>,
    /// Workshops held on the checklist: participants, answers before and after, comments,
    /// disagreements. An addition of ours like `actions`; a file without it has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Workshop>>")]
    pub workshops: Vec<Workshop>,
    /// Planned start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub start: Option<Date>,
    /// Planned end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<Date>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notes: Option<String>,
    /// Top-level `x-…` keys, kept verbatim.
    #[serde(skip)]
    #[ts(skip)]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

/// The facility as written in a case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FacilityDocument {
    /// Name of the facility.
    pub name: String,
    /// Its country.
    pub country: CountryCode,
    /// Its kind.
    pub kind: FacilityKind,
    /// Operating organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub operator: Option<String>,
}

/// A partner as written in a case file.
///
/// `name_zh_hant` and `name_pinyin` are additions of ours to the contract's partner object; other
/// offices' files simply do not have them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PartnerDocument {
    /// Name as written by the user, in any script.
    pub name: String,
    /// Name in (simplified) Chinese characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name_zh: Option<String>,
    /// Name in traditional Chinese characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name_zh_hant: Option<String>,
    /// Name in pinyin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name_pinyin: Option<String>,
    /// Other names and acronyms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub aliases: Vec<String>,
    /// Country of the organisation.
    pub country: CountryCode,
    /// Kind of organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind: Option<OrgKind>,
    /// Role in this case.
    pub role: PartnerRole,
    /// Name of the parent organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub parent: Option<String>,
}

/// Reads one case file. `file` is only used to name the file in errors.
///
/// Returns every problem found in step 3 at once, so a user can fix a file in one go; steps 1 and 2
/// stop at the first problem, because what follows it cannot be read reliably.
pub fn read_case_document(file: &str, bytes: &[u8]) -> Result<CaseDocument, Problems> {
    let fail = |p: Problem| Problems::new(file, vec![p]);
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(fail(Problem::at(
            "",
            format!(
                "file is {} bytes; a case file may have at most {} bytes",
                bytes.len(),
                limits::MAX_FILE_BYTES
            ),
        )));
    }
    read_case_value(file, parse_json(file, bytes)?)
}

/// Step 1 of reading a JSON file: syntax, UTF-8 and nesting depth, with line and column.
pub(crate) fn parse_json(file: &str, bytes: &[u8]) -> Result<serde_json::Value, Problems> {
    serde_json::from_slice(bytes).map_err(|e| {
        Problems::new(
            file,
            vec![Problem {
                path: String::new(),
                line: Some(e.line()),
                column: Some(e.column()),
                message: syntax_message(&e),
            }],
        )
    })
}

/// Step 2: a JSON value into a typed document; the problem names the JSON path where it failed.
pub(crate) fn typed<T: serde::de::DeserializeOwned>(
    file: &str,
    value: serde_json::Value,
) -> Result<T, Problems> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        Problems::new(
            file,
            vec![Problem::at(
                path,
                clip_serde_message(&e.inner().to_string()),
            )],
        )
    })
}

/// Reads one case from a JSON value already parsed (steps 2 and 3 of [`read_case_document`]); a case
/// inside a bundle is read this way. Problem paths are relative to the value.
pub fn read_case_value(file: &str, value: serde_json::Value) -> Result<CaseDocument, Problems> {
    let fail = |p: Problem| Problems::new(file, vec![p]);
    let serde_json::Value::Object(mut object) = value else {
        return Err(fail(Problem::at(
            "",
            "expected a JSON object (one case per file)",
        )));
    };
    // `x-` keys are set aside before the strict read, which rejects every other unknown key.
    let extension_keys: Vec<String> = object
        .keys()
        .filter(|k| k.starts_with("x-"))
        .cloned()
        .collect();
    let mut extensions = BTreeMap::new();
    for key in extension_keys {
        if let Some(v) = object.remove(&key) {
            extensions.insert(key, v);
        }
    }
    match object.get("format") {
        Some(serde_json::Value::String(f)) if f == FORMAT_V1 => {}
        Some(serde_json::Value::String(f)) => {
            return Err(fail(Problem::at(
                "format",
                format!("expected \"{FORMAT_V1}\", found \"{}\"", limits::clip(f)),
            )));
        }
        Some(_) => {
            return Err(fail(Problem::at(
                "format",
                format!("expected the string \"{FORMAT_V1}\""),
            )));
        }
        None => {
            return Err(fail(Problem::at(
                "format",
                format!("missing; expected \"{FORMAT_V1}\""),
            )));
        }
    }
    let mut doc: CaseDocument = typed(file, serde_json::Value::Object(object))?;
    doc.extensions = extensions;
    let problems = doc.check();
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(Problems::new(file, problems))
    }
}

/// Writes a case file in canonical form: pretty-printed, keys in contract order, `x-` keys last.
pub fn write_case_document(doc: &CaseDocument) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(doc)?;
    if let serde_json::Value::Object(map) = &mut value {
        for (k, v) in &doc.extensions {
            map.insert(k.clone(), v.clone());
        }
    }
    let mut out = serde_json::to_string_pretty(&value)?;
    out.push('\n');
    Ok(out)
}

fn syntax_message(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    // serde_json appends " at line L column C"; line and column are reported separately.
    let msg = raw.split(" at line ").next().unwrap_or(&raw);
    if msg.contains("recursion limit") {
        "nesting is too deep (a case file is at most a few levels deep)".to_owned()
    } else if msg.contains("invalid unicode") || msg.contains("invalid UTF-8") {
        format!("{msg}: the file must be UTF-8")
    } else {
        format!("not valid JSON: {msg}")
    }
}

/// serde quotes the offending value; a hostile file can make that value megabytes long.
fn clip_serde_message(msg: &str) -> String {
    const MAX: usize = 300;
    if msg.chars().count() <= MAX {
        msg.to_owned()
    } else {
        let head: String = msg.chars().take(MAX).collect();
        format!("{head}…")
    }
}

impl CaseDocument {
    /// Rules beyond types: returns every problem found (empty when the document is fine).
    pub fn check(&self) -> Vec<Problem> {
        use limits::{TextKind, check_id, check_list_len, check_text};
        let mut p = Vec::new();
        if let Some(id) = &self.id {
            check_id("id", id, &mut p);
        }
        check_text("title", &self.title, TextKind::Title, &mut p);
        if let Some(s) = &self.summary {
            check_text("summary", s, TextKind::Long, &mut p);
        }
        if let Some(n) = &self.notes {
            check_text("notes", n, TextKind::Long, &mut p);
        }
        if let Some(h) = &self.home {
            check_text("home.institution", &h.institution, TextKind::Name, &mut p);
            check_opt("home.department", &h.department, TextKind::Name, &mut p);
            check_opt("home.contact", &h.contact, TextKind::Name, &mut p);
        }
        if let Some(f) = &self.facility {
            check_text("facility.name", &f.name, TextKind::Name, &mut p);
            check_opt("facility.operator", &f.operator, TextKind::Name, &mut p);
        }
        check_list_len("partners", self.partners.len(), &mut p);
        for (i, x) in self.partners.iter().enumerate() {
            let at = |f: &str| format!("partners[{i}].{f}");
            check_text(&at("name"), &x.name, TextKind::Name, &mut p);
            check_opt(&at("name_zh"), &x.name_zh, TextKind::Name, &mut p);
            check_opt(&at("name_zh_hant"), &x.name_zh_hant, TextKind::Name, &mut p);
            check_opt(&at("name_pinyin"), &x.name_pinyin, TextKind::Name, &mut p);
            check_opt(&at("parent"), &x.parent, TextKind::Name, &mut p);
            check_list_len(&at("aliases"), x.aliases.len(), &mut p);
            for (j, a) in x.aliases.iter().enumerate() {
                check_text(
                    &format!("partners[{i}].aliases[{j}]"),
                    a,
                    TextKind::Name,
                    &mut p,
                );
            }
        }
        check_list_len("fields", self.fields.len(), &mut p);
        for (i, f) in self.fields.iter().enumerate() {
            check_text(&format!("fields[{i}]"), f, TextKind::Name, &mut p);
        }
        check_list_len("activities", self.activities.len(), &mut p);
        check_list_len("items", self.items.len(), &mut p);
        for (i, x) in self.items.iter().enumerate() {
            check_text(
                &format!("items[{i}].description"),
                &x.description,
                TextKind::Text,
                &mut p,
            );
            if let Some(code) = &x.control_code {
                limits::check_control_code(&format!("items[{i}].control_code"), code, &mut p);
            }
        }
        check_list_len("data", self.data.len(), &mut p);
        for (i, x) in self.data.iter().enumerate() {
            check_text(
                &format!("data[{i}].description"),
                &x.description,
                TextKind::Text,
                &mut p,
            );
        }
        check_list_len("people", self.people.len(), &mut p);
        for (i, x) in self.people.iter().enumerate() {
            let at = |f: &str| format!("people[{i}].{f}");
            check_text(&at("name"), &x.name, TextKind::Name, &mut p);
            check_opt(&at("affiliation"), &x.affiliation, TextKind::Name, &mut p);
            check_opt(&at("role"), &x.role, TextKind::Name, &mut p);
            check_list_len(
                &at("other_affiliations"),
                x.other_affiliations.len(),
                &mut p,
            );
            for (j, a) in x.other_affiliations.iter().enumerate() {
                check_text(
                    &format!("people[{i}].other_affiliations[{j}]"),
                    a,
                    TextKind::Name,
                    &mut p,
                );
            }
        }
        check_list_len("funding", self.funding.len(), &mut p);
        for (i, x) in self.funding.iter().enumerate() {
            check_text(
                &format!("funding[{i}].source"),
                &x.source,
                TextKind::Name,
                &mut p,
            );
            if let Some(a) = x.amount_eur
                && !(a.is_finite() && a >= 0.0)
            {
                p.push(Problem::at(
                    format!("funding[{i}].amount_eur"),
                    format!("expected an amount of zero or more euros, found {a}"),
                ));
            }
        }
        check_list_len("agreements", self.agreements.len(), &mut p);
        check_list_len("answers", self.answers.len(), &mut p);
        for (qid, a) in &self.answers {
            limits::check_question_id(&format!("answers.{}", limits::clip(qid)), qid, &mut p);
            check_text(
                &format!("answers.{qid}.value"),
                &a.value,
                TextKind::Text,
                &mut p,
            );
            if let Some(c) = &a.comment {
                check_text(&format!("answers.{qid}.comment"), c, TextKind::Long, &mut p);
            }
        }
        check_actions(&self.actions, &mut p);
        check_workshops(&self.workshops, &mut p);
        if let (Some(s), Some(e)) = (self.start, self.end)
            && e < s
        {
            p.push(Problem::at(
                "end",
                format!("expected a date on or after start ({s}), found {e}"),
            ));
        }
        p
    }
}

/// Ids are unique, and each mitigation is carried out by at most one action, so that its state is never
/// ambiguous.
fn check_actions(actions: &[Action], p: &mut Vec<Problem>) {
    use limits::{TextKind, check_list_len, check_text};
    check_list_len("actions", actions.len(), p);
    let mut ids = std::collections::BTreeSet::new();
    let mut mitigations = std::collections::BTreeSet::new();
    for (i, a) in actions.iter().enumerate() {
        let at = |f: &str| format!("actions[{i}].{f}");
        limits::check_question_id(&at("id"), &a.id, p);
        if !ids.insert(a.id.as_str()) {
            p.push(Problem::at(
                at("id"),
                format!(
                    "another action already has the id \"{}\"",
                    limits::clip(&a.id)
                ),
            ));
        }
        if let Some(m) = &a.mitigation {
            limits::check_question_id(&at("mitigation"), m, p);
            if !mitigations.insert(m.as_str()) {
                p.push(Problem::at(
                    at("mitigation"),
                    format!(
                        "another action already carries out mitigation \"{}\"",
                        limits::clip(m)
                    ),
                ));
            }
        }
        check_text(&at("title"), &a.title, TextKind::Text, p);
        check_opt(&at("owner"), &a.owner, TextKind::Name, p);
        check_opt(&at("note"), &a.note, TextKind::Long, p);
    }
}

fn check_opt(path: &str, v: &Option<String>, kind: limits::TextKind, p: &mut Vec<Problem>) {
    if let Some(s) = v {
        limits::check_text(path, s, kind, p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<CaseDocument, Problems> {
        read_case_document("t.case.json", json.as_bytes())
    }

    fn first_error(json: &str) -> String {
        match read(json) {
            Ok(_) => String::from("<accepted>"),
            Err(p) => p.to_string(),
        }
    }

    #[test]
    fn minimal_case_is_accepted() {
        let doc = read(r#"{"format":"coopdesk.case/v1","title":"Beamtime"}"#);
        assert!(doc.is_ok(), "{:?}", doc.err());
    }

    #[test]
    fn errors_name_file_path_and_expectation() {
        let e = first_error(
            r#"{"format":"coopdesk.case/v1","title":"T","partners":[
            {"name":"A","country":"CN","role":"lead"},
            {"name":"B","country":"China","role":"lead"}]}"#,
        );
        assert!(e.starts_with("t.case.json: partners[1].country:"), "{e}");
        assert!(e.contains("ISO 3166-1 alpha-2"), "{e}");

        let e = first_error(r#"{"format":"coopdesk.case/v1","title":"T","status":"done"}"#);
        assert!(e.contains("status") && e.contains("in_review"), "{e}");

        let e = first_error(r#"{"format":"coopdesk.case/v1","title":"T","colour":"red"}"#);
        assert!(e.contains("unknown field `colour`"), "{e}");

        let e = first_error(r#"{"format":"coopdesk.case/v1","title":7}"#);
        assert!(
            e.contains("title") && e.contains("expected a string"),
            "{e}"
        );

        let e = first_error(r#"{"format":"coopdesk.case/v2","title":"T"}"#);
        assert!(
            e.contains("format") && e.contains("coopdesk.case/v1"),
            "{e}"
        );

        let e = first_error(r#"{"title":"T"}"#);
        assert!(e.contains("format: missing"), "{e}");

        let e = first_error(r#"{"format":"coopdesk.case/v1"}"#);
        assert!(e.contains("missing field `title`"), "{e}");
    }

    #[test]
    fn actions_round_trip_and_their_rules_name_the_action() {
        let ok = r#"{"format":"coopdesk.case/v1","title":"T","actions":[
            {"id":"act-1","mitigation":"mit-tcp","title":"Technology control plan","owner":"Export control","due":"2026-03-01","status":"open"},
            {"id":"act-2","title":"Send the access terms","status":"met","note":"received"}]}"#;
        let doc = read(ok).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.actions.len(), 2);
        let again =
            read(&write_case_document(&doc).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, doc);

        let e = first_error(
            r#"{"format":"coopdesk.case/v1","title":"T","actions":[
            {"id":"act-1","mitigation":"m","title":"A","status":"open"},
            {"id":"act-1","mitigation":"m","title":"B","status":"open"}]}"#,
        );
        assert!(e.contains("actions[1].id: another action"), "{e}");
        assert!(e.contains("actions[1].mitigation: another action"), "{e}");
        let e = first_error(
            r#"{"format":"coopdesk.case/v1","title":"T","actions":[{"id":"a","title":"A","status":"done"}]}"#,
        );
        assert!(
            e.contains("actions[0].status") && e.contains("waived"),
            "{e}"
        );
        let e = first_error(
            r#"{"format":"coopdesk.case/v1","title":"T","actions":[{"id":"a","title":" ","status":"open"}]}"#,
        );
        assert!(e.contains("actions[0].title"), "{e}");
    }

    #[test]
    fn x_keys_are_kept_and_written_back() {
        let doc = read(r#"{"format":"coopdesk.case/v1","title":"T","x-office":{"ref":"A-17"}}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.extensions.len(), 1);
        let out = write_case_document(&doc).unwrap_or_default();
        assert!(out.contains("\"x-office\""), "{out}");
        let again = read(&out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, doc);
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = read("{\n  \"format\": \"coopdesk.case/v1\",\n  \"title\": \"T\",,\n}")
            .err()
            .map(|p| p.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("t.case.json:3:"), "{e}");
    }

    #[test]
    fn hostile_input_is_rejected_without_panic() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(first_error(&deep).contains("nesting is too deep"));
        let bad_utf8 = b"{\"format\":\"coopdesk.case/v1\",\"title\":\"\xff\xfe\"}";
        let e = read_case_document("b.json", bad_utf8)
            .err()
            .map(|p| p.to_string())
            .unwrap_or_default();
        assert!(e.contains("UTF-8"), "{e}");
        let huge = format!(
            r#"{{"format":"coopdesk.case/v1","title":"{}"}}"#,
            "a".repeat(100_000)
        );
        assert!(
            first_error(&huge).contains("title: too long"),
            "{}",
            first_error(&huge)
        );
        let nul = r#"{"format":"coopdesk.case/v1","title":"a\u0000b"}"#;
        assert!(first_error(nul).contains("control character"));
    }

    #[test]
    fn end_before_start_is_rejected() {
        let e = first_error(
            r#"{"format":"coopdesk.case/v1","title":"T","start":"2026-05-01","end":"2026-04-01"}"#,
        );
        assert!(e.contains("end: expected a date on or after start"), "{e}");
    }
}
