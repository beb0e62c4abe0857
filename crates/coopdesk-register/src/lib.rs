//! An office's register — the spreadsheet it keeps of its cooperations, one row each — read into
//! case drafts for the case importer.
//!
//! [`read_workbook`] reads `.xlsx`, `.xls`, `.ods` (calamine) and `.csv` into [`Sheet`]s of
//! [`Cell`]s, with merged cells' values copied into every cell they span. [`read_register`] finds
//! the header row below any title rows, suggests a [`RegisterMapping`] from English and German
//! headers (or uses one read from a `coopdesk.register-mapping/v1` file), and turns each row into
//! a [`Draft`]: a `coopdesk.case/v1` document with its partners (several per cell, countries in
//! brackets, names in Chinese characters kept), dates (Excel serials, ISO, German, month and
//! year) and provenance (`x-register`). Every problem is a [`RegisterProblem`] naming sheet, row
//! and column.
//!
//! This crate never touches the database or the registries: resolving facilities and
//! organisations, screening and assessing are the app's (`coopdesk-app`, `Desk::register_import`).
//! No SQL, no Tauri, no clock.
#![warn(missing_docs)]

pub mod cells;
mod convert;
pub mod countries;
pub mod dates;
mod error;
pub mod fold;
mod header;
pub mod mapping;
pub mod partners;
mod read;

pub use cells::{Cell, Sheet, column_index, column_letters};
pub use convert::{
    Draft, Place, ReadOptions, Register, RegisterColumn, RegisterProblem, read_register,
};
pub use error::Error;
pub use header::find_header_row;
pub use mapping::{ColumnMapping, Field, MAPPING_FORMAT, MappingDefaults, RegisterMapping};
pub use read::{Workbook, read_workbook};
