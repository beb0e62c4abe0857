//! Which column fills which case field: suggested from the headers, or read from a mapping file
//! (`coopdesk.register-mapping/v1`, TOML) that an office keeps for its register.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{CountryCode, PartnerRole};

use crate::fold::fold;

/// The format tag of a mapping file.
pub const MAPPING_FORMAT: &str = "coopdesk.register-mapping/v1";

/// A case field a register column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The register's own number for the row (kept with the case as `x-register.reference`).
    Reference,
    /// The case title.
    Title,
    /// What is planned.
    Summary,
    /// Partner organisations, several per cell.
    Partners,
    /// The partners' country, for partners whose cell gives none.
    PartnerCountry,
    /// The facility, resolved against the facility registry.
    Facility,
    /// Start and end in one cell (`01.03.2025 – 31.08.2026`).
    Period,
    /// Planned start.
    Start,
    /// Planned end.
    End,
    /// The register's status (draft, in review, withdrawn; decisions taken elsewhere are noted).
    Status,
    /// Contact persons.
    Contact,
    /// Who pays.
    Funding,
    /// Kinds of activity (beamtime, staff exchange …).
    Activities,
    /// Research fields.
    ResearchFields,
    /// Remarks.
    Notes,
}

impl Field {
    /// Every field, in the order a mapping file lists them.
    pub const ALL: &'static [Field] = &[
        Field::Reference,
        Field::Title,
        Field::Summary,
        Field::Partners,
        Field::PartnerCountry,
        Field::Facility,
        Field::Period,
        Field::Start,
        Field::End,
        Field::Status,
        Field::Contact,
        Field::Funding,
        Field::Activities,
        Field::ResearchFields,
        Field::Notes,
    ];

    /// The name used in mapping files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Reference => "reference",
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Partners => "partners",
            Field::PartnerCountry => "partner_country",
            Field::Facility => "facility",
            Field::Period => "period",
            Field::Start => "start",
            Field::End => "end",
            Field::Status => "status",
            Field::Contact => "contact",
            Field::Funding => "funding",
            Field::Activities => "activities",
            Field::ResearchFields => "research_fields",
            Field::Notes => "notes",
        }
    }

    /// Headers that name this field, in English and German (folded: lower case, no accents; both
    /// `ö` and `oe` spellings where offices type both).
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Field::Reference => &[
                "nr",
                "lfd nr",
                "nummer",
                "laufende nummer",
                "aktenzeichen",
                "az",
                "id",
                "kennung",
                "ref",
                "reference",
                "no",
                "vorgang",
                "vorgangsnummer",
                "register nr",
            ],
            Field::Title => &[
                "titel",
                "vorhaben",
                "projekt",
                "projekttitel",
                "projektname",
                "vorhabenstitel",
                "titel des vorhabens",
                "bezeichnung",
                "kooperation",
                "kooperationsvorhaben",
                "title",
                "project",
                "project title",
                "project name",
                "collaboration",
            ],
            Field::Summary => &[
                "beschreibung",
                "kurzbeschreibung",
                "inhalt",
                "ziel",
                "ziele",
                "gegenstand",
                "description",
                "summary",
                "abstract",
                "aim",
                "aims",
            ],
            Field::Partners => &[
                "partner",
                "partnerinstitution",
                "partnerinstitutionen",
                "partnereinrichtung",
                "partnereinrichtungen",
                "partnerorganisation",
                "partnerorganisationen",
                "kooperationspartner",
                "partner institution",
                "partner institutions",
                "partners",
                "partner organisation",
                "partner organization",
                "counterpart",
                "institution",
                "institutionen",
                "partnerhochschule",
            ],
            Field::PartnerCountry => &[
                "land",
                "lander",
                "laender",
                "partnerland",
                "staat",
                "country",
                "countries",
                "partner country",
                "land des partners",
                "herkunftsland",
            ],
            Field::Facility => &[
                "einrichtung",
                "facility",
                "grossgerat",
                "grossgeraet",
                "grossgerate",
                "forschungsinfrastruktur",
                "infrastruktur",
                "anlage",
                "beamline",
                "messplatz",
                "research infrastructure",
                "infrastructure",
                "instrument",
                "facility name",
            ],
            Field::Period => &[
                "laufzeit", "zeitraum", "period", "duration", "term", "dauer",
            ],
            Field::Start => &[
                "beginn",
                "start",
                "von",
                "ab",
                "startdatum",
                "projektbeginn",
                "laufzeitbeginn",
                "laufzeit von",
                "beginn der laufzeit",
                "start date",
                "from",
                "begin",
                "anfang",
            ],
            Field::End => &[
                "ende",
                "end",
                "bis",
                "enddatum",
                "projektende",
                "laufzeitende",
                "laufzeit bis",
                "ende der laufzeit",
                "end date",
                "to",
                "until",
                "schluss",
            ],
            Field::Status => &["status", "stand", "state", "phase", "bearbeitungsstand"],
            Field::Contact => &[
                "ansprechperson",
                "ansprechpartner",
                "ansprechpartnerin",
                "kontakt",
                "kontaktperson",
                "verantwortlich",
                "verantwortliche",
                "projektleitung",
                "projektleiter",
                "projektleiterin",
                "pi",
                "contact",
                "contact person",
                "responsible",
                "project lead",
            ],
            Field::Funding => &[
                "forderung",
                "foerderung",
                "forderer",
                "foerderer",
                "fordergeber",
                "foerdergeber",
                "mittelgeber",
                "drittmittelgeber",
                "finanzierung",
                "funding",
                "funder",
                "funders",
                "sponsor",
                "funding source",
            ],
            Field::Activities => &[
                "aktivitat",
                "aktivitaet",
                "aktivitaten",
                "aktivitaeten",
                "art",
                "art der kooperation",
                "kooperationsart",
                "massnahme",
                "activity",
                "activities",
                "type",
                "kind",
            ],
            Field::ResearchFields => &[
                "fachgebiet",
                "forschungsgebiet",
                "forschungsfeld",
                "disziplin",
                "thema",
                "themen",
                "research field",
                "research fields",
                "field",
                "fields",
                "discipline",
                "topic",
            ],
            Field::Notes => &[
                "bemerkung",
                "bemerkungen",
                "anmerkung",
                "anmerkungen",
                "notizen",
                "notiz",
                "kommentar",
                "hinweise",
                "notes",
                "remarks",
                "comments",
                "comment",
            ],
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How well a header names a field: 3 exactly, 2 when it starts with the field's words, 1 when it
/// contains them; `None` when it names no field.
pub fn match_header(header: &str) -> Option<(Field, u8)> {
    let h = fold(header);
    if h.is_empty() {
        return None;
    }
    let padded = format!(" {h} ");
    let mut best: Option<(Field, u8)> = None;
    for &field in Field::ALL {
        for kw in field.keywords() {
            let score = if h == *kw {
                3
            } else if h.starts_with(&format!("{kw} ")) {
                2
            } else if padded.contains(&format!(" {kw} ")) {
                1
            } else {
                0
            };
            if score > 0 && best.is_none_or(|(_, s)| score > s) {
                best = Some((field, score));
            }
        }
    }
    best
}

/// One mapped column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    /// The case field the column fills.
    pub field: Field,
    /// Column letters (`C`). Used when `header` is absent or not found in the header row.
    pub column: String,
    /// The header as written; when given, the column is found by it (ignoring case and accents),
    /// so that a column inserted later does not shift the mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub header: Option<String>,
}

/// What the register does not say and every imported case gets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MappingDefaults {
    /// The role of every partner (default `other`: a register rarely says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partner_role: Option<PartnerRole>,
    /// The country of partners whose cell and row give none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<String>")]
    pub partner_country: Option<CountryCode>,
    /// Our institution (the case's `home.institution`), with the contact person as its contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub home_institution: Option<String>,
}

impl MappingDefaults {
    fn is_empty(&self) -> bool {
        *self == MappingDefaults::default()
    }
}

/// A mapping file, `coopdesk.register-mapping/v1`.
///
/// ```toml
/// format = "coopdesk.register-mapping/v1"
/// sheet = "Kooperationen 2025"
/// header_row = 3
///
/// [[columns]]
/// field = "title"
/// column = "B"
/// header = "Vorhaben"
///
/// [defaults]
/// partner_role = "co_applicant"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RegisterMapping {
    /// Always [`MAPPING_FORMAT`].
    pub format: String,
    /// The sheet to read; the first sheet with a recognisable header row when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// The header row as the spreadsheet numbers it (1-based); found by its words when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub header_row: Option<u32>,
    /// The mapped columns.
    #[serde(default)]
    pub columns: Vec<ColumnMapping>,
    /// Values every case gets (left out of the file when there are none).
    #[serde(default, skip_serializing_if = "MappingDefaults::is_empty")]
    #[ts(optional, as = "Option<MappingDefaults>")]
    pub defaults: MappingDefaults,
}

impl RegisterMapping {
    /// An empty mapping (no columns).
    pub fn new() -> Self {
        RegisterMapping {
            format: MAPPING_FORMAT.to_owned(),
            sheet: None,
            header_row: None,
            columns: Vec::new(),
            defaults: MappingDefaults::default(),
        }
    }

    /// The column mapped to `field`.
    pub fn column_for(&self, field: Field) -> Option<&ColumnMapping> {
        self.columns.iter().find(|c| c.field == field)
    }

    /// The mapping as a TOML file, with a comment naming the fields one may add.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        let fields: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
        format!(
            "# Cooperation Desk register mapping: which column fills which case field.\n\
             # Fields: {}.\n\
             # A column is found by its header when given, else by its letters.\n{body}",
            fields.join(", ")
        )
    }

    /// Reads a mapping file; problems name the line and column in the file, and what was expected.
    pub fn from_toml(file: &str, text: &str) -> Result<RegisterMapping, crate::Error> {
        let mapping: RegisterMapping = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            crate::Error::Mapping {
                file: file.to_owned(),
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        let fail = |message: String| crate::Error::Mapping {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message,
        };
        if mapping.format != MAPPING_FORMAT {
            return Err(fail(format!(
                "format: expected \"{MAPPING_FORMAT}\", found \"{}\"",
                mapping.format
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        for c in &mapping.columns {
            if crate::cells::column_index(&c.column).is_none() {
                return Err(fail(format!(
                    "columns: field {}: expected column letters such as \"C\", found \"{}\"",
                    c.field, c.column
                )));
            }
            if !seen.insert(c.field) {
                return Err(fail(format!(
                    "columns: field {} is mapped twice; a field takes one column",
                    c.field
                )));
            }
        }
        if mapping.header_row == Some(0) {
            return Err(fail("header_row: rows are numbered from 1".to_owned()));
        }
        Ok(mapping)
    }
}

impl Default for RegisterMapping {
    fn default() -> Self {
        RegisterMapping::new()
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_german_and_english() {
        let f = |h: &str| match_header(h).map(|(f, _)| f);
        assert_eq!(f("Titel"), Some(Field::Title));
        assert_eq!(f("Vorhaben"), Some(Field::Title));
        assert_eq!(f("Titel des Vorhabens"), Some(Field::Title));
        assert_eq!(f("Partnerinstitution"), Some(Field::Partners));
        assert_eq!(f("PARTNEREINRICHTUNG(EN)"), Some(Field::Partners));
        assert_eq!(f("Land"), Some(Field::PartnerCountry));
        assert_eq!(f("Großgerät"), Some(Field::Facility));
        assert_eq!(f("Einrichtung / Facility"), Some(Field::Facility));
        assert_eq!(f("Laufzeit"), Some(Field::Period));
        assert_eq!(f("Laufzeit von"), Some(Field::Start));
        assert_eq!(f("Ende"), Some(Field::End));
        assert_eq!(f("Förderung"), Some(Field::Funding));
        assert_eq!(f("Foerderer"), Some(Field::Funding));
        assert_eq!(f("Ansprechperson (DESY)"), Some(Field::Contact));
        assert_eq!(f("Art der Aktivität"), Some(Field::Activities));
        assert_eq!(f("Lfd. Nr."), Some(Field::Reference));
        assert_eq!(f("Bemerkungen"), Some(Field::Notes));
        assert_eq!(f("Start date"), Some(Field::Start));
        assert_eq!(f("Partner country"), Some(Field::PartnerCountry));
        assert_eq!(f("Kaffeesorte"), None);
    }

    #[test]
    fn mapping_file_round_trips() {
        let mut m = RegisterMapping::new();
        m.sheet = Some("Kooperationen 2025".into());
        m.header_row = Some(3);
        m.columns.push(ColumnMapping {
            field: Field::Title,
            column: "B".into(),
            header: Some("Vorhaben".into()),
        });
        m.columns.push(ColumnMapping {
            field: Field::Partners,
            column: "C".into(),
            header: None,
        });
        m.defaults.partner_role = Some(PartnerRole::CoApplicant);
        m.defaults.partner_country = CountryCode::parse("CN");
        let text = m.to_toml();
        let back = RegisterMapping::from_toml("m.toml", &text).unwrap_or_default();
        assert_eq!(back, m, "{text}");
        assert_eq!(back.to_toml(), text);
    }

    #[test]
    fn mapping_problems_name_their_place() {
        let e = RegisterMapping::from_toml(
            "m.toml",
            "format = \"coopdesk.register-mapping/v1\"\n[[columns]]\nfield = \"colour\"\ncolumn = \"B\"\n",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(e.starts_with("m.toml:3:9:") && e.contains("title"), "{e}");
        let e = RegisterMapping::from_toml(
            "m.toml",
            "format = \"coopdesk.register-mapping/v1\"\n[[columns]]\nfield = \"title\"\ncolumn = \"B2\"\n",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(e.contains("column letters"), "{e}");
    }
}
