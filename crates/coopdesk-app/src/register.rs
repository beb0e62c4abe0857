//! Importing an office's register (`coopdesk register import`, later the window's wizard): the
//! spreadsheet read by `coopdesk-register`, facilities resolved against the facility registry,
//! partners looked up in the organisation registry, then — when nothing is wrong — every row
//! imported as a case in one transaction through the case importer, screened and assessed.
//!
//! [`Desk::register_preview`] writes nothing; [`Desk::register_import`] writes all rows or none.

use std::collections::HashMap;
use std::path::Path;

use coopdesk_core::{CountryCode, Facility, FacilityDocument, Organisation, Problem, Problems};
use coopdesk_register::fold::fold;
use coopdesk_register::{
    Error as RegisterError, Place, ReadOptions, RegisterMapping, RegisterProblem, read_register,
    read_workbook,
};
use coopdesk_store::{NamedDocument, Store};

use crate::api::{
    DeskError, FacilityPreview, PartnerPreview, RegisterCasePreview, RegisterImportOutcome,
    RegisterImported, RegisterOptions, RegisterPreview,
};
use crate::{Desk, ids, read_at_most};

/// The largest register file read (a register of thousands of rows is a few megabytes).
pub const MAX_REGISTER_BYTES: usize = 64 * 1024 * 1024;

impl RegisterPreview {
    /// The error an import of this register gives: every problem, each naming its sheet, row and
    /// column; `None` when the register can be imported.
    pub fn refusal(&self) -> Option<DeskError> {
        (!self.problems.is_empty()).then(|| problems_error(&self.file, &self.problems))
    }
}

/// Reads a mapping file (`coopdesk.register-mapping/v1`).
pub fn read_mapping_file(path: &Path) -> Result<RegisterMapping, DeskError> {
    let bytes = read_at_most(path, 1024 * 1024)?;
    let name = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|_| {
        DeskError::invalid(vec![Problems::new(
            name.clone(),
            vec![Problem::at("", "not UTF-8 text")],
        )])
    })?;
    RegisterMapping::from_toml(&name, &text).map_err(register_error)
}

/// Writes a mapping file, atomically.
pub fn write_mapping_file(path: &Path, mapping: &RegisterMapping) -> Result<(), DeskError> {
    crate::files::write_atomically(path, mapping.to_toml().as_bytes())
}

impl Desk {
    /// Reads a register and says what importing it would create, with every problem (sheet, row,
    /// column) and warning. Writes nothing.
    pub fn register_preview(
        &self,
        path: &Path,
        options: &RegisterOptions,
    ) -> Result<RegisterPreview, DeskError> {
        Ok(self.read_register_file(path, options)?.0)
    }

    /// Imports a register: all rows or none, in one transaction through the case importer (partners
    /// and facilities resolved against the registries), then screens and assesses the new cases.
    /// A register with any problem is refused with every problem listed, and nothing is written.
    pub fn register_import(
        &self,
        path: &Path,
        options: &RegisterOptions,
    ) -> Result<RegisterImportOutcome, DeskError> {
        let (preview, docs) = self.read_register_file(path, options)?;
        if let Some(e) = preview.refusal() {
            return Err(e);
        }
        let rows: Vec<u32> = preview.cases.iter().map(|c| c.row).collect();
        let mut store = self.store();
        let ids = store.import_documents(&docs, &mut ids::new_id, self.now())?;
        // Assessed right away, as `case import` does, so that the case list shows their levels.
        let assessed = self.assess_many(&mut store, &ids)?;
        let imported = rows
            .into_iter()
            .zip(ids)
            .zip(assessed)
            .map(|((row, id), a)| RegisterImported {
                row,
                id,
                overall: a.overall,
                open_key_questions: a.open_key_questions,
                partners_with_hits: a.partners_with_hits,
            })
            .collect();
        Ok(RegisterImportOutcome { preview, imported })
    }

    /// Reads the file, resolves facilities and looks partners up; returns the preview and the
    /// documents the import would hand to the case importer.
    fn read_register_file(
        &self,
        path: &Path,
        options: &RegisterOptions,
    ) -> Result<(RegisterPreview, Vec<NamedDocument>), DeskError> {
        let bytes = read_at_most(path, MAX_REGISTER_BYTES)?;
        let file = path.display().to_string();
        if bytes.len() > MAX_REGISTER_BYTES {
            return Err(DeskError::invalid(vec![Problems::new(
                file,
                vec![Problem::at(
                    "",
                    format!(
                        "larger than {} MiB; a register is read whole",
                        MAX_REGISTER_BYTES / 1024 / 1024
                    ),
                )],
            )]));
        }
        let workbook = read_workbook(&file, &bytes).map_err(register_error)?;
        let register = read_register(
            &workbook,
            &ReadOptions {
                sheet: options.sheet.clone(),
                mapping: options.mapping.clone(),
            },
        )
        .map_err(register_error)?;

        let store = self.store();
        let facilities = store.search_facilities("", u32::MAX)?;
        let mut facility_memo: HashMap<String, FacilityMatch> = HashMap::new();
        let mut org_memo: HashMap<(String, String), Option<String>> = HashMap::new();
        let mut warnings = register.warnings.clone();
        let mut cases = Vec::with_capacity(register.drafts.len());
        let mut docs = Vec::with_capacity(register.drafts.len());
        for draft in register.drafts {
            let mut doc = draft.document;
            let mut facility = None;
            if let Some((written, place)) = &draft.facility {
                let found = facility_memo
                    .entry(fold(written))
                    .or_insert_with(|| match_facility(written, &facilities));
                match found {
                    FacilityMatch::One(f) => {
                        doc.facility = Some(FacilityDocument {
                            name: f.name.clone(),
                            country: f.country.clone(),
                            kind: f.kind,
                            operator: f.operator.clone(),
                        });
                        facility = Some(FacilityPreview {
                            written: written.clone(),
                            id: f.id.clone(),
                            name: f.name.clone(),
                        });
                    }
                    FacilityMatch::Several(names) => {
                        warnings.push(place.problem(format!(
                            "\"{written}\" could be {}; the case is imported without a facility (the register's text is kept in its notes)",
                            names.join(" or ")
                        )));
                        note_facility(&mut doc, written);
                    }
                    FacilityMatch::None => {
                        warnings.push(place.problem(format!(
                            "\"{written}\" is not in the facility registry; the case is imported without a facility (the register's text is kept in its notes; add the facility and set it in the case)"
                        )));
                        note_facility(&mut doc, written);
                    }
                }
            }
            let mut partners = Vec::with_capacity(doc.partners.len());
            for p in &doc.partners {
                let key = (fold(&p.name), p.country.as_str().to_owned());
                let organisation = match org_memo.get(&key) {
                    Some(hit) => hit.clone(),
                    None => {
                        let hit =
                            find_organisation(&store, &p.name, p.name_zh.as_deref(), &p.country)?;
                        org_memo.insert(key, hit.clone());
                        hit
                    }
                };
                partners.push(PartnerPreview {
                    name: p.name.clone(),
                    name_zh: p.name_zh.clone(),
                    country: p.country.clone(),
                    organisation,
                });
            }
            cases.push(RegisterCasePreview {
                row: draft.row,
                title: doc.title.clone(),
                status: doc.status.unwrap_or_default(),
                partners,
                facility,
                start: doc.start,
                end: doc.end,
                activities: doc.activities.clone(),
            });
            docs.push(NamedDocument {
                file: format!("{file}: sheet \"{}\", row {}", register.sheet, draft.row),
                document: doc,
            });
        }
        let preview = RegisterPreview {
            file,
            sheets: register.sheets,
            sheet: register.sheet,
            header_row: register.header_row,
            columns: register.columns,
            mapping: register.mapping,
            mapping_suggested: register.suggested,
            cases,
            problems: register.problems,
            warnings,
        };
        Ok((preview, docs))
    }
}

/// Keeps the register's facility text in the notes when no registry entry was chosen.
fn note_facility(doc: &mut coopdesk_core::CaseDocument, written: &str) {
    let line = format!("Facility in the register: {written}.");
    doc.notes = Some(match doc.notes.take() {
        Some(n) if !n.is_empty() => format!("{n}\n{line}"),
        _ => line,
    });
}

/// The registry organisation a partner would be matched to: one of whose names (or aliases)
/// equals the partner's name or Chinese name, preferring one in the partner's country — the case
/// importer's rule, here only to show "new" or "known" before anything is written.
fn find_organisation(
    store: &Store,
    name: &str,
    name_zh: Option<&str>,
    country: &CountryCode,
) -> Result<Option<String>, DeskError> {
    let key = |s: &str| coopdesk_store::search::search_key(s);
    let wanted: Vec<String> = std::iter::once(name).chain(name_zh).map(key).collect();
    let names_of = |o: &Organisation| -> Vec<String> {
        std::iter::once(o.name.as_str())
            .chain(o.name_zh.as_deref())
            .chain(o.name_zh_hant.as_deref())
            .chain(o.name_pinyin.as_deref())
            .chain(o.aliases.iter().map(String::as_str))
            .map(key)
            .collect()
    };
    let mut found: Option<Organisation> = None;
    for w in &wanted {
        for o in store.search_organisations(w, 50)? {
            if !names_of(&o).contains(w) {
                continue;
            }
            if o.country.as_ref() == Some(country) {
                return Ok(Some(o.id));
            }
            if o.country.is_none() && found.is_none() {
                found = Some(o);
            }
        }
    }
    Ok(found.map(|o| o.id))
}

/// What a facility written in a register names in the registry.
#[derive(Debug, Clone)]
enum FacilityMatch {
    One(Facility),
    Several(Vec<String>),
    None,
}

/// Finds a facility as registers write it: its full name (English or Chinese), a short name in
/// brackets in the registry's name (`HLD`, `FRM II`), its initials (`HEPS` for High Energy Photon
/// Source), whole words of its name (`SOLEIL`, `ISIS`), or its name inside a longer text
/// (`PETRA III, DESY`). The first of these rules that finds anything decides; more than one
/// facility found by it is ambiguous.
fn match_facility(written: &str, facilities: &[Facility]) -> FacilityMatch {
    let k = fold(written);
    if k.is_empty() {
        return FacilityMatch::None;
    }
    let compact = k.replace(' ', "");
    let padded = |s: &str| format!(" {s} ");
    let rules: [&dyn Fn(&Facility) -> bool; 5] = [
        &|f| fold(&f.name) == k || f.name_zh.as_deref().is_some_and(|z| fold(z) == k),
        &|f| {
            bracketed(&f.name)
                .is_some_and(|b| fold(b) == k || fold(b).split(' ').next() == Some(k.as_str()))
        },
        &|f| initials(&f.name) == compact && compact.len() >= 3,
        &|f| k.len() >= 4 && padded(&fold(&f.name)).contains(&padded(&k)),
        &|f| {
            let name = fold(&f.name);
            name.len() >= 4 && padded(&k).contains(&padded(&name))
        },
    ];
    for rule in rules {
        let hits: Vec<&Facility> = facilities.iter().filter(|f| rule(f)).collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return FacilityMatch::One((*one).clone()),
            many => {
                return FacilityMatch::Several(
                    many.iter()
                        .map(|f| format!("\"{}\" ({})", f.name, f.id))
                        .collect(),
                );
            }
        }
    }
    FacilityMatch::None
}

/// The text in the last brackets of a name (`HLD` in "Dresden High Magnetic Field Laboratory (HLD)").
fn bracketed(name: &str) -> Option<&str> {
    let open = name.rfind('(')?;
    let close = name[open..].find(')')? + open;
    Some(&name[open + 1..close])
}

/// The initials of a name's words, without small words and bracketed parts (`heps`).
fn initials(name: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "in", "de", "der", "des", "und", "fur",
    ];
    let base = name.split('(').next().unwrap_or(name);
    fold(base)
        .split(' ')
        .filter(|w| !w.is_empty() && !SMALL.contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Register problems as the boundary's error: each names its place as the path.
fn problems_error(file: &str, problems: &[RegisterProblem]) -> DeskError {
    DeskError::invalid(vec![Problems::new(
        file,
        problems
            .iter()
            .map(|p| Problem::at(place_path(&p.place), p.message.clone()))
            .collect(),
    )])
}

fn place_path(place: &Place) -> String {
    place.to_string()
}

/// A register that cannot be read at all, as the boundary's error.
fn register_error(e: RegisterError) -> DeskError {
    match &e {
        RegisterError::Mapping {
            file,
            line,
            column,
            message,
        } => DeskError::invalid(vec![Problems::new(
            file.clone(),
            vec![Problem {
                path: String::new(),
                line: Some(*line),
                column: Some(*column),
                message: message.clone(),
            }],
        )]),
        RegisterError::UnsupportedFormat { file }
        | RegisterError::Unreadable { file, .. }
        | RegisterError::NoSuchSheet { file, .. }
        | RegisterError::NoHeader { file, .. } => {
            let full = e.to_string();
            let message = full
                .strip_prefix(&format!("{file}: "))
                .unwrap_or(&full)
                .to_owned();
            DeskError::invalid(vec![Problems::new(
                file.clone(),
                vec![Problem::at("", message)],
            )])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facility(id: &str, name: &str, zh: Option<&str>) -> Facility {
        Facility {
            id: id.into(),
            name: name.into(),
            name_zh: zh.map(Into::into),
            country: CountryCode::parse("DE").unwrap_or_else(|| panic!("DE")),
            city: None,
            kind: coopdesk_core::FacilityKind::Other,
            operator: None,
            operator_zh: None,
            notes: None,
            source: None,
            builtin: true,
        }
    }

    #[test]
    fn facilities_by_name_short_name_initials_and_words() {
        let all = vec![
            facility(
                "cn-heps",
                "High Energy Photon Source",
                Some("高能同步辐射光源"),
            ),
            facility("cn-csns", "China Spallation Neutron Source", None),
            facility(
                "de-hld",
                "Dresden High Magnetic Field Laboratory (HLD)",
                None,
            ),
            facility("de-petra3", "PETRA III", None),
            facility("fr-soleil", "SOLEIL synchrotron", None),
            facility(
                "de-frm2",
                "Research Neutron Source Heinz Maier-Leibnitz (FRM II)",
                None,
            ),
        ];
        let id = |w: &str| match match_facility(w, &all) {
            FacilityMatch::One(f) => f.id,
            FacilityMatch::Several(n) => format!("several: {n:?}"),
            FacilityMatch::None => "none".into(),
        };
        assert_eq!(id("high energy photon source"), "cn-heps");
        assert_eq!(id("高能同步辐射光源"), "cn-heps");
        assert_eq!(id("HEPS"), "cn-heps");
        assert_eq!(id("CSNS"), "cn-csns");
        assert_eq!(id("HLD"), "de-hld");
        assert_eq!(id("FRM II"), "de-frm2");
        assert_eq!(id("Soleil"), "fr-soleil");
        assert_eq!(id("PETRA III, DESY Hamburg"), "de-petra3");
        assert_eq!(id("Sonnenobservatorium"), "none");
        assert!(id("Source").starts_with("several"), "{}", id("Source"));
    }
}
