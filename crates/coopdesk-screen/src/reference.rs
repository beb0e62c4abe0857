//! The sourced table of Chinese short forms (简称) and former names of listed institutions,
//! `assets/reference/short_forms.csv`, compiled in.
//!
//! Columns: `entity` (id of the bundled entry), `name` (its listed name), `short_form` (the other
//! name), `kind` (`short_form`, `former_name` or `distinct`), `source` (where the name is used:
//! the institution's own website, a Wikipedia or Baidu Baike article, ASPI's China Defence
//! Universities Tracker), `note`. A row applies to an entry whose id is `entity` or whose name or
//! Chinese name is `name` (letters and digits compared, case ignored), so the same short forms reach the entry in a US CSL
//! or an office list. `distinct` rows name another organisation that the generating rules would take
//! for the entry (Taiwan's 中國科技大學 for USTC): only an exact match on the entry's own names is
//! reported for such a query.
//!
//! The table only adds names to match; it never changes an entry, so fingerprints and reviews stay.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use coopdesk_core::restriction::ListEntry;

/// A cheap key for comparing names: letters and digits only, lower case (no full analysis, so that
/// building a screener over 100 000 entries stays as fast as before the table).
fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The table as shipped with the app.
pub const SHORT_FORMS_CSV: &str = include_str!("../../../assets/reference/short_forms.csv");

/// What a row of the table says about its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// A short form in current use (哈工大 for 哈尔滨工业大学).
    ShortForm,
    /// A name the institution had before (国防科学技术大学, until 2017).
    FormerName,
    /// Another organisation's name that the rules would otherwise take for this one.
    Distinct,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ShortForm {
    /// Id of the bundled entry.
    pub entity: String,
    /// The entry's listed name.
    pub name: String,
    /// The short form or former name.
    pub short_form: String,
    /// Short form, former name, or another organisation's name.
    pub kind: NameKind,
    /// Where the name is used.
    pub source: String,
    /// Remarks (years of a former name, ambiguity).
    #[serde(default)]
    pub note: String,
}

/// The parsed table with its lookups.
#[derive(Debug, Default)]
pub struct ShortForms {
    rows: Vec<ShortForm>,
    by_entity: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
}

/// Why the table could not be read.
#[derive(Debug, thiserror::Error)]
#[error("short-form table: line {line}: {message}")]
pub struct ShortFormError {
    /// Line of the table (1-based, the header is line 1).
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl ShortForms {
    /// Reads a table in the format of `assets/reference/short_forms.csv`.
    ///
    /// # Errors
    /// A malformed row, an unknown `kind`, an empty name or a row without a source.
    pub fn parse(text: &str) -> Result<Self, ShortFormError> {
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut table = Self::default();
        for record in reader.deserialize::<ShortForm>() {
            let row = record.map_err(|e| ShortFormError {
                line: e.position().map_or(0, csv::Position::line),
                message: e.to_string(),
            })?;
            let line = u64::try_from(table.rows.len() + 2).unwrap_or(u64::MAX);
            if row.short_form.trim().is_empty() || row.name.trim().is_empty() {
                return Err(ShortFormError {
                    line,
                    message: "name and short_form must not be empty".into(),
                });
            }
            if row.source.trim().is_empty() {
                return Err(ShortFormError {
                    line,
                    message: "every row must cite a source".into(),
                });
            }
            let index = table.rows.len();
            table
                .by_entity
                .entry(row.entity.clone())
                .or_default()
                .push(index);
            table
                .by_name
                .entry(name_key(&row.name))
                .or_default()
                .push(index);
            table.rows.push(row);
        }
        Ok(table)
    }

    /// The table compiled into the app (empty if it could not be read; a test keeps it readable).
    #[must_use]
    pub fn builtin() -> &'static ShortForms {
        static TABLE: OnceLock<ShortForms> = OnceLock::new();
        TABLE.get_or_init(|| Self::parse(SHORT_FORMS_CSV).unwrap_or_default())
    }

    /// Every row, in file order.
    #[must_use]
    pub fn rows(&self) -> &[ShortForm] {
        &self.rows
    }

    /// The rows that apply to `entry`: by its id, or by its name or Chinese name.
    #[must_use]
    pub fn for_entry(&self, entry: &ListEntry) -> Vec<&ShortForm> {
        let mut indices: Vec<usize> = self.by_entity.get(&entry.id).cloned().unwrap_or_default();
        for name in std::iter::once(&entry.name).chain(entry.name_zh.iter()) {
            if let Some(found) = self.by_name.get(&name_key(name)) {
                indices.extend(found);
            }
        }
        indices.sort_unstable();
        indices.dedup();
        indices.iter().filter_map(|&i| self.rows.get(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_reads_and_every_row_cites_a_source() {
        let table = ShortForms::parse(SHORT_FORMS_CSV).unwrap_or_else(|e| panic!("{e}"));
        assert!(table.rows().len() >= 10);
        assert!(table.rows().iter().all(|r| r.source.contains("http")));
    }

    #[test]
    fn rows_apply_by_id_and_by_name() {
        let table = ShortForms::builtin();
        let by_id = ListEntry::new("el-hit", "Harbin Inst. of Technology", "x");
        assert!(
            table
                .for_entry(&by_id)
                .iter()
                .any(|r| r.short_form == "哈工大")
        );
        let by_name = ListEntry::new("12345", "HARBIN INSTITUTE OF TECHNOLOGY", "x");
        assert!(
            table
                .for_entry(&by_name)
                .iter()
                .any(|r| r.short_form == "哈工大")
        );
        let other = ListEntry::new("9", "Harbin Engineering University", "x");
        assert!(table.for_entry(&other).is_empty());
    }
}
