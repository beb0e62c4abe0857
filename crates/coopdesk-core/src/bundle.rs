//! The `coopdesk.bundle/v1` format: one or more cases with what an office needs to take them over.
//!
//! A case file (`coopdesk.case/v1`) carries the facts and answers; a bundle carries each case with the
//! evidence behind its assessment at the sending office: the checklist template version it was
//! answered with (its full text, so the receiver sees the same questions), the sender's assessment and
//! screening as they stood at export, and the excerpt of the sender's audit log about the case. The
//! receiving office assesses and screens the case again with its own lists; the sender's results stay
//! beside it as evidence.
//!
//! Each template version is carried once (`templates`) and named by the cases answered with it.
//! Reading is as strict as for case files and names the JSON path of every problem
//! (`cases[1].case.partners[0].country`); each carried audit entry must still match its hash, and each
//! template text its SHA-256.

use serde::{Deserialize, Serialize};

use crate::audit::{AuditEntry, sha256_hex};
use crate::interchange::{CaseDocument, parse_json, read_case_value, typed, write_case_document};
use crate::limits::{self, TextKind, check_text};
use crate::problem::{Problem, Problems};

/// The format tag every bundle carries.
pub const BUNDLE_FORMAT_V1: &str = "coopdesk.bundle/v1";
/// Largest bundle accepted, in bytes.
pub const MAX_BUNDLE_BYTES: usize = 64 * 1024 * 1024;
/// Most cases in one bundle.
pub const MAX_BUNDLE_CASES: usize = 1_000;
/// Largest template text a bundle may carry (as for a template file).
pub const MAX_TEMPLATE_TEXT: usize = 2 * 1024 * 1024;
/// Most audit entries carried for one case.
pub const MAX_AUDIT_EXCERPT: usize = 10_000;

/// A bundle as read from or written to a file.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleDocument {
    /// When it was written (UTC, RFC 3339).
    pub exported_at: String,
    /// Who wrote it (the user of the sending computer).
    pub exported_by: String,
    /// The checklist template versions the cases are answered with, each once.
    pub templates: Vec<BundledTemplate>,
    /// The cases.
    pub cases: Vec<BundledCase>,
}

impl BundleDocument {
    /// The carried template a case names.
    pub fn template_of(&self, case: &BundledCase) -> Option<&BundledTemplate> {
        let r = case.template.as_ref()?;
        self.templates
            .iter()
            .find(|t| t.id == r.id && t.version == r.version)
    }
}

/// One case in a bundle, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct BundledCase {
    /// The case as a `coopdesk.case/v1` document (with its id).
    pub case: CaseDocument,
    /// The sender's revision number of the case.
    pub revision: Option<i64>,
    /// The checklist template version the case was answered with (one of the bundle's `templates`).
    pub template: Option<TemplateName>,
    /// The sender's assessment (the shape of `coopdesk assess --json`).
    pub assessment: Option<serde_json::Map<String, serde_json::Value>>,
    /// The sender's screening of the partners (lists screened against, hits and their reviews).
    pub screening: Option<serde_json::Map<String, serde_json::Value>>,
    /// The sender's audit entries about this case, oldest first.
    pub audit: Vec<AuditEntry>,
}

/// A checklist template version carried in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundledTemplate {
    /// Template id.
    pub id: String,
    /// Version.
    pub version: String,
    /// SHA-256 of `source`.
    pub sha256: String,
    /// The template's TOML text.
    pub source: String,
}

/// A template version by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateName {
    /// Template id.
    pub id: String,
    /// Version.
    pub version: String,
}

/// The file's shape before each case is read with the case reader.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBundle {
    // Checked above; present here so that deny_unknown_fields accepts it.
    #[serde(rename = "format")]
    _format: String,
    exported_at: String,
    exported_by: String,
    #[serde(default)]
    templates: Vec<BundledTemplate>,
    cases: Vec<RawCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    case: serde_json::Value,
    #[serde(default)]
    revision: Option<i64>,
    #[serde(default)]
    template: Option<TemplateName>,
    #[serde(default)]
    assessment: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    screening: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    audit: Vec<AuditEntry>,
}

#[derive(Serialize)]
struct OutCase<'a> {
    case: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<&'a TemplateName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assessment: Option<&'a serde_json::Map<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    screening: Option<&'a serde_json::Map<String, serde_json::Value>>,
    audit: &'a [AuditEntry],
}

/// Reads a bundle. `file` is only used to name the file in errors. Every case's problems are
/// reported at once, with paths from the bundle's top (`cases[2].case.title`).
pub fn read_bundle(file: &str, bytes: &[u8]) -> Result<BundleDocument, Problems> {
    let fail = |p: Problem| Problems::new(file, vec![p]);
    if bytes.len() > MAX_BUNDLE_BYTES {
        return Err(fail(Problem::at(
            "",
            format!(
                "file is {} bytes; a bundle may have at most {MAX_BUNDLE_BYTES} bytes",
                bytes.len()
            ),
        )));
    }
    let value = parse_json(file, bytes)?;
    match value.get("format") {
        Some(serde_json::Value::String(f)) if f == BUNDLE_FORMAT_V1 => {}
        Some(serde_json::Value::String(f)) if f == crate::FORMAT_V1 => {
            return Err(fail(Problem::at(
                "format",
                format!(
                    "this is a single case file; import it with `coopdesk case import`, or expected \"{BUNDLE_FORMAT_V1}\""
                ),
            )));
        }
        Some(serde_json::Value::String(f)) => {
            return Err(fail(Problem::at(
                "format",
                format!(
                    "expected \"{BUNDLE_FORMAT_V1}\", found \"{}\"",
                    limits::clip(f)
                ),
            )));
        }
        _ if !value.is_object() => {
            return Err(fail(Problem::at("", "expected a JSON object (a bundle)")));
        }
        _ => {
            return Err(fail(Problem::at(
                "format",
                format!("missing or not a string; expected \"{BUNDLE_FORMAT_V1}\""),
            )));
        }
    }
    let raw: RawBundle = typed(file, value)?;
    let mut problems = Vec::new();
    check_text(
        "exported_by",
        &raw.exported_by,
        TextKind::Name,
        &mut problems,
    );
    if chrono::DateTime::parse_from_rfc3339(&raw.exported_at).is_err() {
        problems.push(Problem::at(
            "exported_at",
            "expected a date and time such as 2026-12-04T12:00:00Z (RFC 3339)",
        ));
    }
    if raw.cases.is_empty() {
        problems.push(Problem::at("cases", "expected at least one case"));
    }
    if raw.cases.len() > MAX_BUNDLE_CASES {
        problems.push(Problem::at(
            "cases",
            format!(
                "has {} cases, at most {MAX_BUNDLE_CASES} allowed",
                raw.cases.len()
            ),
        ));
        return Err(Problems::new(file, problems));
    }
    if raw.templates.len() > MAX_BUNDLE_CASES {
        problems.push(Problem::at(
            "templates",
            format!(
                "has {} templates, at most {MAX_BUNDLE_CASES} allowed",
                raw.templates.len()
            ),
        ));
        return Err(Problems::new(file, problems));
    }
    for (i, t) in raw.templates.iter().enumerate() {
        check_template(i, t, &mut problems);
        if raw.templates[..i]
            .iter()
            .any(|o| o.id == t.id && o.version == t.version)
        {
            problems.push(Problem::at(
                format!("templates[{i}]"),
                format!(
                    "template \"{}\" version {} is in this bundle twice",
                    t.id, t.version
                ),
            ));
        }
    }
    let mut cases = Vec::with_capacity(raw.cases.len());
    for (i, c) in raw.cases.into_iter().enumerate() {
        let at = |f: &str| format!("cases[{i}].{f}");
        match read_case_value(file, c.case) {
            Ok(doc) => {
                if doc.id.is_none() {
                    problems.push(Problem::at(
                        at("case.id"),
                        "missing; every case in a bundle carries its id",
                    ));
                }
                if let Some(r) = &c.template
                    && !raw
                        .templates
                        .iter()
                        .any(|t| t.id == r.id && t.version == r.version)
                {
                    problems.push(Problem::at(
                        at("template"),
                        format!(
                            "names template \"{}\" version {}, which is not among the bundle's templates",
                            r.id, r.version
                        ),
                    ));
                }
                check_evidence(i, c.revision, &c.audit, &mut problems);
                cases.push(BundledCase {
                    case: doc,
                    revision: c.revision,
                    template: c.template,
                    assessment: c.assessment,
                    screening: c.screening,
                    audit: c.audit,
                });
            }
            Err(ps) => problems.extend(ps.problems.into_iter().map(|mut p| {
                p.path = if p.path.is_empty() {
                    at("case")
                } else {
                    at(&format!("case.{}", p.path))
                };
                p
            })),
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, c) in cases.iter().enumerate() {
        if let Some(id) = &c.case.id
            && !seen.insert(id.clone())
        {
            problems.push(Problem::at(
                format!("cases[{i}].case.id"),
                format!("the case \"{id}\" is in this bundle twice"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(BundleDocument {
            exported_at: raw.exported_at,
            exported_by: raw.exported_by,
            templates: raw.templates,
            cases,
        })
    } else {
        Err(Problems::new(file, problems))
    }
}

fn check_template(i: usize, t: &BundledTemplate, p: &mut Vec<Problem>) {
    let at = |f: &str| format!("templates[{i}].{f}");
    check_text(&at("id"), &t.id, TextKind::Name, p);
    check_text(&at("version"), &t.version, TextKind::Name, p);
    if t.source.len() > MAX_TEMPLATE_TEXT {
        p.push(Problem::at(
            at("source"),
            format!(
                "is {} bytes; a template may have at most {MAX_TEMPLATE_TEXT}",
                t.source.len()
            ),
        ));
    } else if sha256_hex(t.source.as_bytes()) != t.sha256 {
        p.push(Problem::at(
            at("sha256"),
            "does not match the SHA-256 of the template text (source): the text was changed after export",
        ));
    }
}

fn check_evidence(i: usize, revision: Option<i64>, audit: &[AuditEntry], p: &mut Vec<Problem>) {
    let at = |f: &str| format!("cases[{i}].{f}");
    if revision.is_some_and(|r| r < 1) {
        p.push(Problem::at(
            at("revision"),
            "expected a revision number of 1 or more",
        ));
    }
    if audit.len() > MAX_AUDIT_EXCERPT {
        p.push(Problem::at(
            at("audit"),
            format!(
                "has {} entries, at most {MAX_AUDIT_EXCERPT} allowed",
                audit.len()
            ),
        ));
        return;
    }
    let mut last_seq = 0;
    for (j, e) in audit.iter().enumerate() {
        let at = |f: &str| format!("cases[{i}].audit[{j}].{f}");
        for (field, text) in [
            ("at", &e.at),
            ("actor", &e.actor),
            ("action", &e.action),
            ("subject", &e.subject),
        ] {
            check_text(&at(field), text, TextKind::Name, p);
        }
        if e.seq <= last_seq {
            p.push(Problem::at(
                at("seq"),
                format!(
                    "expected entries oldest first: {} follows {last_seq}",
                    e.seq
                ),
            ));
        }
        last_seq = e.seq;
        if !e.is_sealed() {
            p.push(Problem::at(
                at("hash"),
                format!(
                    "does not match the entry's content: audit entry {} was changed after it was written",
                    e.seq
                ),
            ));
        }
    }
}

/// Writes a bundle: pretty-printed JSON, each case in the canonical case-file form.
pub fn write_bundle(bundle: &BundleDocument) -> Result<String, serde_json::Error> {
    let mut cases = Vec::with_capacity(bundle.cases.len());
    for c in &bundle.cases {
        // The case goes through the case writer so that `x-` keys are written as in a case file.
        let case: serde_json::Value = serde_json::from_str(&write_case_document(&c.case)?)?;
        cases.push(OutCase {
            case,
            revision: c.revision,
            template: c.template.as_ref(),
            assessment: c.assessment.as_ref(),
            screening: c.screening.as_ref(),
            audit: &c.audit,
        });
    }
    let value = serde_json::json!({
        "format": BUNDLE_FORMAT_V1,
        "exported_at": bundle.exported_at,
        "exported_by": bundle.exported_by,
        "templates": bundle.templates,
        "cases": cases,
    });
    let mut out = serde_json::to_string_pretty(&value)?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{GENESIS, entry_hash};

    fn case(id: &str) -> CaseDocument {
        let text =
            format!(r#"{{"format": "coopdesk.case/v1", "id": "{id}", "title": "Beamtime"}}"#);
        crate::interchange::read_case_document("t", text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn bundle() -> BundleDocument {
        let source = "format = \"x\"\n".to_owned();
        let at = "2026-12-04T10:00:00+00:00";
        BundleDocument {
            exported_at: "2026-12-04T12:00:00Z".into(),
            exported_by: "ana".into(),
            templates: vec![BundledTemplate {
                id: "t".into(),
                version: "1".into(),
                sha256: sha256_hex(source.as_bytes()),
                source,
            }],
            cases: vec![BundledCase {
                case: case("C-1"),
                revision: Some(1),
                template: Some(TemplateName {
                    id: "t".into(),
                    version: "1".into(),
                }),
                assessment: Some(serde_json::Map::new()),
                screening: None,
                audit: vec![AuditEntry {
                    seq: 4,
                    at: at.into(),
                    actor: "ana".into(),
                    action: "case.import".into(),
                    subject: "C-1#1".into(),
                    digest: "d".into(),
                    prev_hash: GENESIS.into(),
                    hash: entry_hash(4, at, "ana", "case.import", "C-1#1", "d", GENESIS),
                }],
            }],
        }
    }

    fn reread(text: &str) -> Result<BundleDocument, Problems> {
        read_bundle("b.bundle.json", text.as_bytes())
    }

    #[test]
    fn written_bundles_read_back_the_same() {
        let b = bundle();
        let text = write_bundle(&b).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(reread(&text), Ok(b));
    }

    fn problems_of(text: &str) -> Vec<String> {
        match reread(text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(ps) => ps
                .problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.message))
                .collect(),
        }
    }

    #[test]
    fn a_case_problem_names_its_place_in_the_bundle() {
        let mut v: serde_json::Value =
            serde_json::from_str(&write_bundle(&bundle()).unwrap_or_default()).unwrap_or_default();
        v["cases"][0]["case"]["partners"] =
            serde_json::json!([{"name": "IHEP", "country": "China", "role": "lead"}]);
        let ps = problems_of(&v.to_string());
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(
            ps[0].starts_with("cases[0].case.partners[0].country: "),
            "{ps:?}"
        );
    }

    #[test]
    fn tampered_evidence_is_named() {
        let text = write_bundle(&bundle()).unwrap_or_default();
        let edited_audit = text.replace("\"actor\": \"ana\"", "\"actor\": \"eve\"");
        let ps = problems_of(&edited_audit);
        assert!(
            ps.iter().any(|p| p.starts_with("cases[0].audit[0].hash: ")),
            "{ps:?}"
        );
        let edited_template = text.replace("format = \\\"x\\\"", "format = \\\"y\\\"");
        let ps = problems_of(&edited_template);
        assert!(
            ps.iter().any(|p| p.starts_with("templates[0].sha256: ")),
            "{ps:?}"
        );
    }

    #[test]
    fn shape_errors_are_precise() {
        let ps = problems_of(r#"{"format": "coopdesk.case/v1", "title": "x"}"#);
        assert!(ps[0].contains("case import"), "{ps:?}");
        let ps = problems_of(
            r#"{"format": "coopdesk.bundle/v1", "exported_at": "2026-12-04T12:00:00Z", "exported_by": "a", "cases": [{"case": {}, "colour": 1}]}"#,
        );
        assert!(
            ps[0].starts_with("cases[0].colour: unknown field `colour`"),
            "{ps:?}"
        );
        let ps = problems_of(
            r#"{"format": "coopdesk.bundle/v1", "exported_at": "yesterday", "exported_by": "a", "cases": []}"#,
        );
        assert_eq!(ps.len(), 2, "{ps:?}");
        let mut two = bundle();
        two.cases.push(two.cases[0].clone());
        let ps = problems_of(&write_bundle(&two).unwrap_or_default());
        assert!(
            ps.iter().any(|p| p.contains("in this bundle twice")),
            "{ps:?}"
        );
        let mut unnamed = bundle();
        unnamed.cases[0].template = Some(TemplateName {
            id: "t".into(),
            version: "2".into(),
        });
        let ps = problems_of(&write_bundle(&unnamed).unwrap_or_default());
        assert!(
            ps.iter().any(|p| p.starts_with("cases[0].template: ")),
            "{ps:?}"
        );
    }
}
