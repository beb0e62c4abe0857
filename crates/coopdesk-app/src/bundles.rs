//! Case bundles between offices (`coopdesk bundle export|import`, format `coopdesk.bundle/v1`).
//!
//! Export writes each case with its evidence: the template version it is answered with (in full),
//! the assessment and screening as they stand, its revision and its audit entries. Import checks the
//! whole file first (the case documents as strictly as case files, the template text as strictly as a
//! template file, each audit entry against its hash), then compares every case with the stored case
//! of the same id: an equal one is left alone, a different one is a conflict. Conflicts are resolved
//! by the caller's choice for the whole bundle: keep the stored case, replace it (a new revision; a
//! decided case cannot be replaced), or take the bundled case as a copy under a new id. Without a
//! choice nothing is imported and the conflicts are named. The cases are then assessed with their
//! carried template and this office's own restriction lists; the sender's results are kept beside
//! each case ([`Desk::received_bundles`]).

use std::collections::HashMap;
use std::path::Path;

use chrono::SecondsFormat;

use coopdesk_assess::{Lang, read_template};
use coopdesk_core::audit::sha256_hex;
use coopdesk_core::bundle::{
    BundleDocument, BundledCase, BundledTemplate, MAX_BUNDLE_BYTES, TemplateName, read_bundle,
    write_bundle,
};
use coopdesk_core::{Problem, Problems};
use coopdesk_store::{
    BundleCaseInput, BundleReceipt, IdKind, ReceivedBundle, Store, TakeOver, TemplateInput,
};

use crate::api::{
    BundleCaseOutcome, BundleImportOutcome, BundleWritten, CaseTakeOver, DeskError, ErrorCode,
    OnConflict,
};
use crate::{Desk, case_document, files, ids, read_at_most};

impl Desk {
    /// The bundle of the given cases, as text.
    pub fn bundle_text(&self, ids: &[String]) -> Result<String, DeskError> {
        if ids.is_empty() {
            return Err(DeskError::new(
                ErrorCode::InputInvalid,
                "name at least one case to put in the bundle",
            ));
        }
        let store = self.store();
        let mut cases = Vec::with_capacity(ids.len());
        let mut templates: Vec<BundledTemplate> = Vec::new();
        for id in ids {
            let (case, template) = self.bundled_case(&store, id)?;
            if !templates
                .iter()
                .any(|t| t.id == template.id && t.version == template.version)
            {
                templates.push(template);
            }
            cases.push(case);
        }
        let bundle = BundleDocument {
            exported_at: self.now().to_rfc3339_opts(SecondsFormat::Secs, true),
            exported_by: store.actor().to_owned(),
            templates,
            cases,
        };
        write_bundle(&bundle).map_err(|e| {
            DeskError::new(ErrorCode::Internal, format!("cannot write the bundle: {e}"))
        })
    }

    /// A case with its evidence, and the template version it is answered with.
    fn bundled_case(
        &self,
        store: &Store,
        id: &str,
    ) -> Result<(BundledCase, BundledTemplate), DeskError> {
        let case = case_document(store, id)?;
        let snapshot = self.snapshot(store, id)?;
        let t = &snapshot.assessment.template;
        let source = store.template_source(t)?;
        let template = BundledTemplate {
            id: t.id.clone(),
            version: t.version.clone(),
            sha256: sha256_hex(source.as_bytes()),
            source,
        };
        let object = |v: serde_json::Value| match v {
            serde_json::Value::Object(m) => Ok(m),
            _ => Err(DeskError::new(
                ErrorCode::Internal,
                "evidence for the bundle is not a JSON object",
            )),
        };
        let to_value = |v: Result<serde_json::Value, serde_json::Error>| {
            v.map_err(|e| DeskError::new(ErrorCode::Internal, format!("bundle evidence: {e}")))
        };
        let screening = object(to_value(serde_json::to_value(snapshot.screening()))?)?;
        let assessment = object(to_value(serde_json::to_value(
            snapshot.view(Lang::En, self.today()).report,
        ))?)?;
        let case = BundledCase {
            case,
            revision: store.latest_revision(id)?,
            template: Some(TemplateName {
                id: template.id.clone(),
                version: template.version.clone(),
            }),
            assessment: Some(assessment),
            screening: Some(screening),
            audit: store.audit_entries(Some(id))?,
        };
        Ok((case, template))
    }

    /// Writes the bundle of the given cases to `path`, atomically.
    pub fn export_bundle(&self, ids: &[String], path: &Path) -> Result<BundleWritten, DeskError> {
        let text = self.bundle_text(ids)?;
        files::write_atomically(path, text.as_bytes())?;
        Ok(BundleWritten {
            file: path.display().to_string(),
            ids: ids.to_vec(),
            bytes: text.len() as u64,
            sha256: sha256_hex(text.as_bytes()),
        })
    }

    /// Imports a bundle file, all or nothing. Bundled cases equal to stored ones are left alone;
    /// with differing ones, `on_conflict` decides, and without it nothing is imported and the error
    /// (`bundle.conflict`) names each conflicting case.
    pub fn import_bundle(
        &self,
        path: &Path,
        on_conflict: Option<OnConflict>,
    ) -> Result<BundleImportOutcome, DeskError> {
        let file = path.display().to_string();
        let bytes = read_at_most(path, MAX_BUNDLE_BYTES)?;
        let bundle = read_bundle(&file, &bytes).map_err(|p| DeskError::invalid(vec![p]))?;
        let titles = check_templates(&file, &bundle)?;
        let evidence: Vec<String> = bundle
            .cases
            .iter()
            .map(|c| {
                serde_json::json!({
                    "assessment": c.assessment,
                    "screening": c.screening,
                    "audit": c.audit,
                })
                .to_string()
            })
            .collect();

        let mut store = self.store();
        let mut outcomes = Vec::with_capacity(bundle.cases.len());
        let mut inputs = Vec::new();
        let mut conflicts = Vec::new();
        for (index, c) in bundle.cases.iter().enumerate() {
            // Every bundled case has an id (checked when reading).
            let source_id = c.case.id.clone().unwrap_or_default();
            let stored = if store.has_case(&source_id)? {
                Some(case_document(&store, &source_id)?)
            } else {
                None
            };
            let (how, outcome) = match (&stored, on_conflict) {
                (None, _) => (Some(TakeOver::New), CaseTakeOver::Added),
                (Some(s), _) if *s == c.case => (None, CaseTakeOver::Unchanged),
                (Some(s), None) => {
                    conflicts.push(Problem::at(
                        format!("cases[{index}].case.id"),
                        format!(
                            "a different case \"{source_id}\" (\"{}\") is already stored here; choose to keep it, replace it, or import the bundled one as a copy",
                            s.title
                        ),
                    ));
                    continue;
                }
                (Some(_), Some(OnConflict::Keep)) => (None, CaseTakeOver::Kept),
                (Some(_), Some(OnConflict::Replace)) => {
                    (Some(TakeOver::Replace), CaseTakeOver::Replaced)
                }
                (Some(_), Some(OnConflict::Copy)) => {
                    let mut id = ids::new_id(IdKind::Case);
                    while store.has_case(&id)? {
                        id = ids::new_id(IdKind::Case);
                    }
                    (Some(TakeOver::Copy(id)), CaseTakeOver::Copied)
                }
            };
            let id = match &how {
                Some(TakeOver::Copy(id)) => id.clone(),
                _ => source_id.clone(),
            };
            if let Some(how) = how {
                inputs.push(BundleCaseInput {
                    index,
                    document: &c.case,
                    how,
                    template: bundle.template_of(c).map(|t| TemplateInput {
                        id: &t.id,
                        version: &t.version,
                        title: titles
                            .get(&(t.id.as_str(), t.version.as_str()))
                            .map_or(t.id.as_str(), String::as_str),
                        source: &t.source,
                        builtin: false,
                    }),
                    source_revision: c.revision,
                    evidence: &evidence[index],
                });
            }
            outcomes.push(BundleCaseOutcome {
                source_id,
                id,
                title: c.case.title.trim().to_owned(),
                outcome,
            });
        }
        if !conflicts.is_empty() {
            let all = Problems::new(file.clone(), conflicts);
            let mut e = DeskError::invalid(vec![all]);
            e.code = ErrorCode::BundleConflict;
            e.message = format!(
                "{}\nnothing was imported; import again choosing keep, replace or copy (--on-conflict)",
                e.message
            );
            return Err(e);
        }
        let receipt = BundleReceipt {
            file_name: &file,
            file_sha256: &sha256_hex(&bytes),
            exported_at: &bundle.exported_at,
            exported_by: &bundle.exported_by,
        };
        let written = store.import_bundle(receipt, &inputs, &mut ids::new_id, self.now())?;
        self.assess_many(&mut store, &written)?;
        Ok(BundleImportOutcome {
            file,
            exported_by: bundle.exported_by.clone(),
            exported_at: bundle.exported_at.clone(),
            cases: outcomes,
        })
    }

    /// The bundles a case came in, with the sender's evidence, oldest first.
    pub fn received_bundles(&self, case_id: &str) -> Result<Vec<ReceivedBundle>, DeskError> {
        let store = self.store();
        store.case(case_id)?;
        Ok(store.received_bundles(case_id)?)
    }
}

/// Checks every carried template text as strictly as a template file, and that it is the template
/// and version it claims to be. Returns each carried template's English title.
fn check_templates<'b>(
    file: &str,
    bundle: &'b BundleDocument,
) -> Result<HashMap<(&'b str, &'b str), String>, DeskError> {
    let mut problems = Vec::new();
    let mut titles = HashMap::new();
    for (i, t) in bundle.templates.iter().enumerate() {
        let at = format!("templates[{i}].source");
        match read_template(&at, t.source.as_bytes()) {
            // Lines and columns count within the template text, not the bundle file, so they go
            // into the message.
            Err(ps) => problems.extend(ps.problems.into_iter().map(|p| {
                let mut message = String::new();
                if let (Some(l), Some(c)) = (p.line, p.column) {
                    message.push_str(&format!("line {l}, column {c} of the template text: "));
                }
                if !p.path.is_empty() {
                    message.push_str(&format!("{}: ", p.path));
                }
                message.push_str(&p.message);
                Problem::at(at.clone(), message)
            })),
            Ok(parsed) if parsed.id != t.id || parsed.version != t.version => {
                problems.push(Problem::at(
                    format!("templates[{i}]"),
                    format!(
                        "says template \"{}\" version {}, but its text is \"{}\" version {}",
                        t.id, t.version, parsed.id, parsed.version
                    ),
                ));
            }
            Ok(parsed) => {
                titles.insert((t.id.as_str(), t.version.as_str()), parsed.title.en);
            }
        }
    }
    if problems.is_empty() {
        Ok(titles)
    } else {
        Err(DeskError::invalid(vec![Problems::new(file, problems)]))
    }
}
