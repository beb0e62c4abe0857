//! An office's register (spreadsheet or CSV) imported as cases: the options, the preview of what an
//! import would create, and what it did.

use coopdesk_core::{Activity, CaseStatus, CountryCode, Date, Level};
// Re-exported so that the window's commands take and return them without depending on the
// register crate.
pub use coopdesk_register::{RegisterColumn, RegisterMapping, RegisterProblem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which sheet and mapping to read a register with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterOptions {
    /// The sheet; else the mapping's; else the first sheet with a header row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// The mapping; suggested from the headers when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mapping: Option<RegisterMapping>,
}

/// A partner of a previewed case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartnerPreview {
    /// The name as written.
    pub name: String,
    /// A Chinese name written beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name_zh: Option<String>,
    /// The partner's country.
    #[ts(as = "String")]
    pub country: CountryCode,
    /// The registry organisation it matches (its id); absent when the import creates one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub organisation: Option<String>,
}

/// The facility of a previewed case, as found in the facility registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityPreview {
    /// The facility as the register writes it (`HEPS`).
    pub written: String,
    /// The registry entry's id.
    pub id: String,
    /// The registry entry's name.
    pub name: String,
}

/// One row as the case it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterCasePreview {
    /// The row as the spreadsheet numbers it.
    pub row: u32,
    /// The case title.
    pub title: String,
    /// The lifecycle state it is imported in.
    pub status: CaseStatus,
    /// Partners.
    pub partners: Vec<PartnerPreview>,
    /// The facility, when the registry knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub facility: Option<FacilityPreview>,
    /// Planned start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<String>")]
    pub start: Option<Date>,
    /// Planned end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<String>")]
    pub end: Option<Date>,
    /// Activities.
    pub activities: Vec<Activity>,
}

/// What importing a register would create, with every problem; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterPreview {
    /// The file as given.
    pub file: String,
    /// The workbook's sheets.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    /// The header row as the spreadsheet numbers it.
    pub header_row: u32,
    /// The columns under the header row and the fields they fill.
    pub columns: Vec<RegisterColumn>,
    /// The mapping used.
    pub mapping: RegisterMapping,
    /// Whether the mapping was suggested from the headers (no mapping was given).
    pub mapping_suggested: bool,
    /// The rows as cases, also those with problems.
    pub cases: Vec<RegisterCasePreview>,
    /// Problems that stop the import, each with sheet, row and column.
    pub problems: Vec<RegisterProblem>,
    /// What the user should know; the import goes ahead.
    pub warnings: Vec<RegisterProblem>,
}

/// A case the import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterImported {
    /// The row it came from.
    pub row: u32,
    /// The new case's id.
    pub id: String,
    /// Its overall level, from the assessment made on import.
    pub overall: Level,
    /// Key questions still open (the assessment is provisional while any are).
    pub open_key_questions: u32,
    /// Partners with screening hits at or above the match threshold.
    pub partners_with_hits: u32,
}

/// The outcome of a register import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterImportOutcome {
    /// What was read (no problems, or nothing would have been imported).
    pub preview: RegisterPreview,
    /// The cases created, in row order.
    pub imported: Vec<RegisterImported>,
}
