//! Rows of a register sheet into case drafts (`coopdesk.case/v1` documents), with every problem
//! named by sheet, row and column.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{
    Activity, CaseDocument, CaseStatus, CountryCode, Date, FORMAT_V1, Funding, Home,
    PartnerDocument, PartnerRole, Person,
};

use crate::cells::{Cell, Sheet, column_letters};
use crate::countries::country;
use crate::dates::{DateSpan, clip, parse_date_cell, parse_period_cell};
use crate::error::Error;
use crate::fold::fold;
use crate::header::{HeaderColumn, find_header_row, header_columns, suggest_mapping};
use crate::mapping::{Field, RegisterMapping};
use crate::partners::split_partners;
use crate::read::Workbook;

/// A place in the register: sheet, row as the spreadsheet numbers it, column letters and header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Place {
    /// The sheet's name.
    pub sheet: String,
    /// The row as the spreadsheet shows it (1-based); absent for the sheet or a whole column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub row: Option<u32>,
    /// Column letters (`C`); absent for a whole row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    /// The column's header as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub header: Option<String>,
}

impl Place {
    /// A problem at this place.
    pub fn problem(&self, message: impl Into<String>) -> RegisterProblem {
        RegisterProblem {
            place: self.clone(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sheet \"{}\"", self.sheet)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
            if let Some(h) = &self.header {
                write!(f, " ({h})")?;
            }
        }
        Ok(())
    }
}

/// A problem (or a warning) in the register, where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterProblem {
    /// Where.
    #[serde(flatten)]
    #[ts(flatten)]
    pub place: Place,
    /// What is wrong, saying what was expected.
    pub message: String,
}

impl std::fmt::Display for RegisterProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// A column under the header row and the field it fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterColumn {
    /// Column letters.
    pub column: String,
    /// The header as shown (`Laufzeit / Beginn` under a merged group).
    pub header: String,
    /// The field it fills under the mapping used; absent for a column not imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<Field>,
}

/// One row read as a case.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The row as the spreadsheet numbers it.
    pub row: u32,
    /// The case, ready for the case importer except for its facility.
    pub document: CaseDocument,
    /// The facility as written, to be resolved against the facility registry (which knows its
    /// country and kind); the document's `facility` is left empty.
    pub facility: Option<(String, Place)>,
}

/// A register sheet read with a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    /// The file name.
    pub file: String,
    /// The sheets of the workbook.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    /// The header row as the spreadsheet numbers it.
    pub header_row: u32,
    /// The columns under the header row.
    pub columns: Vec<RegisterColumn>,
    /// The mapping used (the suggested one when none was given).
    pub mapping: RegisterMapping,
    /// Whether `mapping` was suggested from the headers.
    pub suggested: bool,
    /// The rows read as cases, in sheet order (also those with problems).
    pub drafts: Vec<Draft>,
    /// Problems that stop the import.
    pub problems: Vec<RegisterProblem>,
    /// What the user should know but does not stop the import.
    pub warnings: Vec<RegisterProblem>,
}

/// Which sheet and mapping to read with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// The sheet; else the mapping's sheet; else the first sheet with a header row.
    pub sheet: Option<String>,
    /// The mapping; suggested from the headers when absent.
    pub mapping: Option<RegisterMapping>,
}

/// Reads the register sheet of `workbook` into case drafts.
pub fn read_register(workbook: &Workbook, options: &ReadOptions) -> Result<Register, Error> {
    let wanted = options
        .sheet
        .clone()
        .or_else(|| options.mapping.as_ref().and_then(|m| m.sheet.clone()));
    let sheet = match &wanted {
        Some(name) => workbook.sheet(name)?,
        None => workbook
            .sheets
            .iter()
            .find(|s| find_header_row(s).is_some())
            .or(workbook.sheets.first())
            .ok_or_else(|| Error::Unreadable {
                file: workbook.file.clone(),
                reason: "the workbook has no sheets".to_owned(),
            })?,
    };
    let header_row = match options.mapping.as_ref().and_then(|m| m.header_row) {
        Some(r) => r.saturating_sub(1) as usize,
        None => find_header_row(sheet).ok_or_else(|| Error::NoHeader {
            file: workbook.file.clone(),
            sheet: sheet.name.clone(),
        })?,
    };
    let headers = header_columns(sheet, header_row);
    let (mut mapping, suggested) = match &options.mapping {
        Some(m) => (m.clone(), false),
        None => (suggest_mapping(&sheet.name, header_row, &headers), true),
    };
    mapping.sheet = Some(sheet.name.clone());
    mapping.header_row = u32::try_from(header_row + 1).ok();

    let mut reader = RowReader {
        file: file_name(&workbook.file),
        sheet,
        headers: &headers,
        mapping: &mapping,
        columns: BTreeMap::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        status_notes: BTreeMap::new(),
        activity_notes: BTreeMap::new(),
    };
    reader.resolve_columns(header_row);
    if !reader.columns.contains_key(&Field::Title) {
        reader.problems.push(
            Place {
                sheet: sheet.name.clone(),
                row: u32::try_from(header_row + 1).ok(),
                column: None,
                header: None,
            }
            .problem("no column is mapped to the title; every case needs one (map a column to \"title\" in the mapping file)"),
        );
    }
    let mut drafts = Vec::new();
    if reader.problems.is_empty() {
        for row in header_row + 1..sheet.rows.len() {
            if let Some(d) = reader.read_row(row) {
                drafts.push(d);
            }
        }
    }
    reader.summarise_notes();
    let columns = headers
        .iter()
        .map(|h| RegisterColumn {
            column: column_letters(h.index),
            header: h.label(),
            field: reader
                .columns
                .iter()
                .find(|(_, (i, _))| *i == h.index)
                .map(|(f, _)| *f),
        })
        .collect();
    let RowReader {
        problems, warnings, ..
    } = reader;
    Ok(Register {
        file: workbook.file.clone(),
        sheets: workbook.sheet_names(),
        sheet: sheet.name.clone(),
        header_row: u32::try_from(header_row + 1).unwrap_or(u32::MAX),
        columns,
        mapping,
        suggested,
        drafts,
        problems,
        warnings,
    })
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
        .to_owned()
}

/// The state of reading one sheet's rows.
struct RowReader<'a> {
    file: String,
    sheet: &'a Sheet,
    headers: &'a [HeaderColumn],
    mapping: &'a RegisterMapping,
    /// Field → (0-based column, header label).
    columns: BTreeMap<Field, (usize, String)>,
    problems: Vec<RegisterProblem>,
    warnings: Vec<RegisterProblem>,
    /// Register statuses that are not imported as such → the rows that carry them.
    status_notes: BTreeMap<String, (StatusRead, Vec<u32>)>,
    /// Activities not understood → rows.
    activity_notes: BTreeMap<String, Vec<u32>>,
}

/// How a register status is taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusRead {
    /// A status of the case lifecycle.
    Case(CaseStatus),
    /// A decision taken outside Cooperation Desk: imported as a draft, to be assessed here.
    DecidedElsewhere,
    /// Not understood: imported as a draft.
    Unknown,
}

fn read_status(text: &str) -> StatusRead {
    const DRAFT: &[&str] = &[
        "entwurf",
        "geplant",
        "planung",
        "in planung",
        "in vorbereitung",
        "vorbereitung",
        "idee",
        "anbahnung",
        "angefragt",
        "anfrage",
        "neu",
        "draft",
        "planned",
        "planning",
        "proposed",
        "new",
        "idea",
    ];
    const REVIEW: &[&str] = &[
        "in prufung",
        "prufung",
        "zur prufung",
        "in pruefung",
        "beantragt",
        "eingereicht",
        "in bearbeitung",
        "in review",
        "review",
        "under review",
        "submitted",
        "pending",
    ];
    const WITHDRAWN: &[&str] = &[
        "zuruckgezogen",
        "zurueckgezogen",
        "abgebrochen",
        "storniert",
        "eingestellt",
        "withdrawn",
        "cancelled",
        "canceled",
        "abandoned",
    ];
    const DECIDED: &[&str] = &[
        "genehmigt",
        "bewilligt",
        "freigegeben",
        "laufend",
        "aktiv",
        "abgeschlossen",
        "beendet",
        "abgelehnt",
        "approved",
        "ongoing",
        "active",
        "running",
        "completed",
        "finished",
        "closed",
        "declined",
        "rejected",
        "signed",
        "unterzeichnet",
    ];
    let f = fold(text);
    if let Some(s) = CaseStatus::parse(text.trim()) {
        return StatusRead::Case(s);
    }
    if DRAFT.contains(&f.as_str()) {
        StatusRead::Case(CaseStatus::Draft)
    } else if REVIEW.contains(&f.as_str()) {
        StatusRead::Case(CaseStatus::InReview)
    } else if WITHDRAWN.contains(&f.as_str()) {
        StatusRead::Case(CaseStatus::Withdrawn)
    } else if DECIDED.contains(&f.as_str()) {
        StatusRead::DecidedElsewhere
    } else {
        StatusRead::Unknown
    }
}

/// The activity a register's word names (`Strahlzeit`, `Gastaufenthalt`, `staff exchange` …).
fn read_activity(text: &str) -> Option<Activity> {
    use Activity::*;
    const WORDS: &[(&str, Activity)] = &[
        ("strahlzeit", Beamtime),
        ("messzeit", Beamtime),
        ("beamtime", Beamtime),
        ("beam time", Beamtime),
        ("nutzerexperiment", Beamtime),
        ("gemeinsames experiment", JointExperiment),
        ("gemeinsame experimente", JointExperiment),
        ("joint experiment", JointExperiment),
        ("experiment", JointExperiment),
        ("messkampagne", JointExperiment),
        ("publikation", JointPublication),
        ("veroffentlichung", JointPublication),
        ("publication", JointPublication),
        ("paper", JointPublication),
        ("gastaufenthalt", StaffExchange),
        ("gastwissenschaftler", StaffExchange),
        ("personalaustausch", StaffExchange),
        ("forschungsaufenthalt", StaffExchange),
        ("wissenschaftleraustausch", StaffExchange),
        ("besuch", StaffExchange),
        ("staff exchange", StaffExchange),
        ("visit", StaffExchange),
        ("secondment", StaffExchange),
        ("studierendenaustausch", StudentExchange),
        ("studentenaustausch", StudentExchange),
        ("doktorand", StudentExchange),
        ("doktoranden", StudentExchange),
        ("student exchange", StudentExchange),
        ("phd", StudentExchange),
        ("praktikum", StudentExchange),
        ("fernzugriff", RemoteAccess),
        ("remote access", RemoteAccess),
        ("remote", RemoteAccess),
        ("mail in", RemoteAccess),
        ("leihgabe", EquipmentLoan),
        ("gerateleihe", EquipmentLoan),
        ("ausleihe", EquipmentLoan),
        ("equipment loan", EquipmentLoan),
        ("loan", EquipmentLoan),
        ("export", EquipmentExport),
        ("ausfuhr", EquipmentExport),
        ("lieferung", EquipmentExport),
        ("equipment export", EquipmentExport),
        ("shipment", EquipmentExport),
        ("gemeinsame entwicklung", JointDevelopment),
        ("entwicklung", JointDevelopment),
        ("joint development", JointDevelopment),
        ("development", JointDevelopment),
        ("instrumentenbau", InstrumentBuilding),
        ("instrument building", InstrumentBuilding),
        ("beamline bau", InstrumentBuilding),
        ("datenaustausch", DataSharing),
        ("datenaustausch", DataSharing),
        ("data sharing", DataSharing),
        ("daten", DataSharing),
        ("data", DataSharing),
        ("softwareaustausch", SoftwareSharing),
        ("software", SoftwareSharing),
        ("schulung", Training),
        ("training", Training),
        ("workshop", Training),
        ("summer school", Training),
        ("kurs", Training),
        ("ausbildung", Training),
    ];
    let f = fold(text);
    if let Some(a) = Activity::parse(text.trim()) {
        return Some(a);
    }
    let padded = format!(" {f} ");
    WORDS
        .iter()
        .find(|(w, _)| f == *w || padded.contains(&format!(" {w} ")))
        .map(|(_, a)| *a)
}

/// Splits a list cell (fields, funders, contacts, activities) at line breaks and `;` (and at `,`
/// and `/` where `commas` says the values never contain them).
fn list_items(text: &str, commas: bool) -> Vec<String> {
    let seps: &[char] = if commas {
        &['\n', '\r', ';', ',', '/', '+']
    } else {
        &['\n', '\r', ';']
    };
    text.split(seps)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl RowReader<'_> {
    /// Finds each mapped column in the header row: by its header when given, else by its letters.
    fn resolve_columns(&mut self, header_row: usize) {
        let header_place = Place {
            sheet: self.sheet.name.clone(),
            row: u32::try_from(header_row + 1).ok(),
            column: None,
            header: None,
        };
        for m in &self.mapping.columns {
            let by_header = m.header.as_deref().and_then(|h| {
                let key = fold(h);
                self.headers
                    .iter()
                    .find(|c| fold(&c.label()) == key)
                    .or_else(|| self.headers.iter().find(|c| fold(&c.header) == key))
            });
            let index = match (by_header, crate::cells::column_index(&m.column)) {
                (Some(c), _) => c.index,
                (None, Some(i)) => {
                    if let Some(h) = &m.header {
                        let found = self.sheet.cell(header_row, i).text();
                        self.warnings.push(Place {
                            column: Some(m.column.clone()),
                            header: Some(found.clone()),
                            ..header_place.clone()
                        }.problem(format!(
                            "no column is headed \"{h}\"; column {} (\"{found}\") is read as {} as the mapping says",
                            m.column, m.field
                        )));
                    }
                    i
                }
                (None, None) => {
                    self.problems.push(header_place.problem(format!(
                        "the mapping's column \"{}\" for {} is not a column",
                        m.column, m.field
                    )));
                    continue;
                }
            };
            let label = self
                .headers
                .iter()
                .find(|c| c.index == index)
                .map(HeaderColumn::label)
                .unwrap_or_default();
            if let Some((other, _)) = self.columns.iter().find(|(_, (i, _))| *i == index) {
                self.problems.push(
                    Place {
                        column: Some(column_letters(index)),
                        header: Some(label.clone()),
                        ..header_place.clone()
                    }
                    .problem(format!(
                        "column {} is mapped to both {other} and {}; a column fills one field",
                        column_letters(index),
                        m.field
                    )),
                );
                continue;
            }
            self.columns.insert(m.field, (index, label));
        }
    }

    fn place(&self, row: u32, field: Field) -> Place {
        let (column, header) = match self.columns.get(&field) {
            Some((i, h)) => (
                Some(column_letters(*i)),
                Some(h.clone()).filter(|h| !h.is_empty()),
            ),
            None => (None, None),
        };
        Place {
            sheet: self.sheet.name.clone(),
            row: Some(row),
            column,
            header,
        }
    }

    fn cell(&self, row: usize, field: Field) -> Option<&Cell> {
        let (i, _) = self.columns.get(&field)?;
        let c = self.sheet.cell(row, *i);
        (!c.is_blank()).then_some(c)
    }

    fn text(&self, row: usize, field: Field) -> Option<String> {
        self.cell(row, field)
            .map(Cell::text)
            .filter(|t| !t.is_empty())
    }

    /// Reads one row; `None` for a row with nothing in its mapped columns.
    fn read_row(&mut self, r: usize) -> Option<Draft> {
        if self.columns.keys().all(|f| self.cell(r, *f).is_none()) {
            return None;
        }
        let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
        let title = self.text(r, Field::Title).unwrap_or_default();
        if title.is_empty() && self.cell(r, Field::Partners).is_none() {
            // A footer ("Stand: März 2025"), a subtotal or a remark under the table: neither a
            // title nor a partner makes it no cooperation. Said, not silently dropped.
            let mut place = self.place(row, Field::Title);
            place.column = None;
            place.header = None;
            self.warnings.push(place.problem(
                "skipped: the row has neither a title nor a partner, so it is not read as a cooperation",
            ));
            return None;
        }
        if title.is_empty() {
            let p = self.place(row, Field::Title);
            self.problems
                .push(p.problem("no title: every row that has content needs a title"));
        }
        let mut doc = CaseDocument {
            format: FORMAT_V1.to_owned(),
            id: None,
            title,
            summary: self.text(r, Field::Summary),
            status: None,
            home: None,
            facility: None,
            partners: Vec::new(),
            fields: self
                .text(r, Field::ResearchFields)
                .map(|t| list_items(&t, true))
                .unwrap_or_default(),
            activities: Vec::new(),
            items: Vec::new(),
            data: Vec::new(),
            people: Vec::new(),
            funding: self
                .text(r, Field::Funding)
                .map(|t| list_items(&t, false))
                .unwrap_or_default()
                .into_iter()
                .map(|source| Funding {
                    source,
                    country: None,
                    amount_eur: None,
                })
                .collect(),
            agreements: Vec::new(),
            answers: BTreeMap::new(),
            actions: Vec::new(),
            workshops: Vec::new(),
            start: None,
            end: None,
            notes: None,
            extensions: BTreeMap::new(),
        };
        doc.partners = self.read_partners(r, row);
        self.read_dates(r, row, &mut doc);
        let contacts = self
            .text(r, Field::Contact)
            .map(|t| list_items(&t, false))
            .unwrap_or_default();
        doc.people = contacts
            .iter()
            .map(|name| Person {
                name: name.clone(),
                affiliation: self.mapping.defaults.home_institution.clone(),
                role: Some("contact".to_owned()),
                other_affiliations: Vec::new(),
            })
            .collect();
        if let Some(institution) = &self.mapping.defaults.home_institution {
            doc.home = Some(Home {
                institution: institution.clone(),
                department: None,
                contact: contacts.first().cloned(),
            });
        }
        let mut register_notes = Vec::new();
        let mut register = serde_json::Map::new();
        register.insert("file".into(), self.file.clone().into());
        register.insert("sheet".into(), self.sheet.name.clone().into());
        register.insert("row".into(), row.into());
        if let Some(reference) = self.text(r, Field::Reference) {
            register.insert("reference".into(), reference.into());
        }
        if let Some(status) = self.text(r, Field::Status) {
            register.insert("status".into(), status.clone().into());
            let read = read_status(&status);
            match read {
                StatusRead::Case(s) => doc.status = Some(s),
                StatusRead::DecidedElsewhere | StatusRead::Unknown => {
                    register_notes.push(format!("status \"{status}\""));
                    self.status_notes
                        .entry(status)
                        .or_insert((read, Vec::new()))
                        .1
                        .push(row);
                }
            }
        }
        if let Some(text) = self.text(r, Field::Activities) {
            for item in list_items(&text, true) {
                for part in item.split(" und ").flat_map(|p| p.split(" and ")) {
                    match read_activity(part) {
                        Some(a) if !doc.activities.contains(&a) => doc.activities.push(a),
                        Some(_) => {}
                        None => {
                            register_notes.push(format!("activity \"{}\"", part.trim()));
                            self.activity_notes
                                .entry(part.trim().to_owned())
                                .or_default()
                                .push(row);
                        }
                    }
                }
            }
        }
        let facility = self
            .text(r, Field::Facility)
            .map(|t| (t, self.place(row, Field::Facility)));
        let provenance = format!(
            "Imported from the register {}, sheet \"{}\", row {row}{}.",
            self.file,
            self.sheet.name,
            if register_notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", register_notes.join("; "))
            }
        );
        doc.notes = Some(match self.text(r, Field::Notes) {
            Some(n) => format!("{n}\n\n{provenance}"),
            None => provenance,
        });
        doc.extensions
            .insert("x-register".into(), serde_json::Value::Object(register));
        // The interchange rules (lengths, control characters, end before start …), placed at the
        // column the value came from.
        for p in doc.check() {
            let place = self.place(row, field_of_path(&p.path, &self.columns));
            self.problems
                .push(place.problem(format!("{}: {}", p.path, p.message)));
        }
        Some(Draft {
            row,
            document: doc,
            facility,
        })
    }

    fn read_partners(&mut self, r: usize, row: u32) -> Vec<PartnerDocument> {
        let Some(text) = self.text(r, Field::Partners) else {
            return Vec::new();
        };
        let written = split_partners(&text);
        let role = self
            .mapping
            .defaults
            .partner_role
            .unwrap_or(PartnerRole::Other);
        // Countries from the country column: one for all, or one per partner in the same order.
        let mut row_countries: Vec<CountryCode> = Vec::new();
        if let Some(t) = self.text(r, Field::PartnerCountry) {
            for item in list_items(&t, true) {
                match country(&item) {
                    Some(c) => row_countries.push(c),
                    None => {
                        let p = self.place(row, Field::PartnerCountry);
                        self.problems.push(p.problem(format!(
                            "\"{}\" is not a country Cooperation Desk knows: write an ISO code such as \"CN\" or the country's English or German name",
                            clip(&item)
                        )));
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (i, w) in written.iter().enumerate() {
            let from_row = match row_countries.len() {
                1 => row_countries.first().cloned(),
                n if n == written.len() => row_countries.get(i).cloned(),
                _ => None,
            };
            let code = w
                .country
                .clone()
                .or(from_row)
                .or_else(|| self.mapping.defaults.partner_country.clone());
            let Some(code) = code else {
                let hint = if let Some(bad) = &w.unknown_country {
                    format!(" (\"{bad}\" is not a country Cooperation Desk knows)")
                } else if row_countries.len() > 1 {
                    format!(
                        " (the country column names {} countries for {} partners)",
                        row_countries.len(),
                        written.len()
                    )
                } else {
                    String::new()
                };
                let place = self.place(row, Field::Partners);
                self.problems.push(place.problem(format!(
                    "partner \"{}\" has no country: write it in brackets (\"{} (CN)\"), in a country column, or as defaults.partner_country in the mapping{hint}",
                    clip(&w.name),
                    clip(&w.name)
                )));
                continue;
            };
            out.push(PartnerDocument {
                name: w.name.clone(),
                name_zh: w.name_zh.clone(),
                name_zh_hant: None,
                name_pinyin: None,
                aliases: w.aliases.clone(),
                country: code,
                kind: None,
                role,
                parent: None,
            });
        }
        out
    }

    fn read_dates(&mut self, r: usize, row: u32, doc: &mut CaseDocument) {
        let mut start: Option<DateSpan> = None;
        let mut end: Option<DateSpan> = None;
        if let Some(cell) = self.cell(r, Field::Period) {
            match parse_period_cell(cell) {
                Ok((s, e)) => {
                    start = s;
                    end = e;
                }
                Err(m) => {
                    let p = self.place(row, Field::Period);
                    self.problems.push(p.problem(m));
                }
            }
        }
        for (field, slot) in [(Field::Start, &mut start), (Field::End, &mut end)] {
            if let Some(cell) = self.cell(r, field) {
                match parse_date_cell(cell) {
                    Ok(d) => *slot = d.or(*slot),
                    Err(m) => {
                        let p = self.place(row, field);
                        self.problems.push(p.problem(m));
                    }
                }
            }
        }
        doc.start = start.map(|s| Date(s.first));
        doc.end = end.map(|e| Date(e.last));
    }

    /// One warning per status or activity value that was not taken over as such.
    fn summarise_notes(&mut self) {
        for (status, (read, rows)) in std::mem::take(&mut self.status_notes) {
            let mut place = self.place(0, Field::Status);
            place.row = None;
            let why = match read {
                StatusRead::DecidedElsewhere => {
                    "a decision taken outside Cooperation Desk; the cases are imported as drafts, to be assessed and signed off here"
                }
                _ => "not a status Cooperation Desk knows; the cases are imported as drafts",
            };
            self.warnings.push(place.problem(format!(
                "\"{status}\" ({}): {why}; the register's status is kept in each case's notes",
                rows_text(&rows)
            )));
        }
        for (activity, rows) in std::mem::take(&mut self.activity_notes) {
            let mut place = self.place(0, Field::Activities);
            place.row = None;
            self.warnings.push(place.problem(format!(
                "\"{activity}\" ({}): not an activity Cooperation Desk knows; kept in the notes",
                rows_text(&rows)
            )));
        }
    }
}

fn rows_text(rows: &[u32]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(u32::to_string).collect();
    let more = if rows.len() > 10 {
        format!(" and {} more", rows.len() - 10)
    } else {
        String::new()
    };
    format!(
        "{} {}{more}",
        if rows.len() == 1 { "row" } else { "rows" },
        shown.join(", ")
    )
}

/// The register field a case document path comes from.
fn field_of_path(path: &str, columns: &BTreeMap<Field, (usize, String)>) -> Field {
    let head = path.split(['.', '[']).next().unwrap_or_default();
    let pick = |a: Field, b: Field| if columns.contains_key(&a) { a } else { b };
    match head {
        "title" => Field::Title,
        "summary" => Field::Summary,
        "partners" => Field::Partners,
        "people" | "home" => Field::Contact,
        "funding" => Field::Funding,
        "fields" => Field::ResearchFields,
        "activities" => Field::Activities,
        "start" => pick(Field::Start, Field::Period),
        "end" => pick(Field::End, Field::Period),
        _ => Field::Notes,
    }
}
