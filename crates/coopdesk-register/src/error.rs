//! What can stop a register from being read at all. Problems in single rows are not errors: they
//! are collected as [`crate::RegisterProblem`]s, each with its sheet, row and column.

/// A register that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The file name's extension is not one of the formats read.
    #[error(
        "{file}: not a register file Cooperation Desk reads (expected .xlsx, .xls, .ods or .csv)"
    )]
    UnsupportedFormat {
        /// The file.
        file: String,
    },
    /// The file is not a readable workbook of its format.
    #[error("{file}: cannot be read: {reason}")]
    Unreadable {
        /// The file.
        file: String,
        /// What the reader reported.
        reason: String,
    },
    /// The sheet asked for is not in the workbook.
    #[error("{file}: no sheet \"{sheet}\"; the workbook has {}", quoted(sheets))]
    NoSuchSheet {
        /// The file.
        file: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// No row of the sheet reads as a header row.
    #[error(
        "{file}: sheet \"{sheet}\": no header row found (a row naming at least two of title, partner, country, facility, dates, status …); give the row with header_row in a mapping file"
    )]
    NoHeader {
        /// The file.
        file: String,
        /// The sheet.
        sheet: String,
    },
    /// A mapping file that cannot be used.
    #[error("{file}:{line}:{column}: {message}")]
    Mapping {
        /// The mapping file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
