//! Parsers for restriction-list files.
//!
//! Each parser takes the file name (only for messages) and the file's bytes and returns a
//! [`ListSnapshot`] or an [`ImportError`] that names the file and, for each bad row, its line and
//! field. Parsers collect up to [`MAX_PROBLEMS`] problems before giving up, so that a curator can fix a
//! file in one pass instead of one error at a time. They never panic on any input (fuzzed).
//!
//! Common rules: files larger than [`MAX_FILE_BYTES`] and files that are not UTF-8 are refused before
//! parsing; names longer than [`MAX_NAME_CHARS`] are refused (a sign of a broken file, and they would
//! slow every screening); ids must be unique within a file.

mod bundled;
mod csl;
mod ftm;

use std::collections::{HashMap, HashSet};
use std::fmt;

pub use bundled::{BUNDLED_COLUMNS, parse_csv};
pub use csl::parse_csl;
pub use ftm::parse_ftm;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entry::{ListEntry, ListSnapshot};

/// Largest list file accepted: the whole CSL is about 20 MB as JSON, OpenSanctions' full export of
/// organisations far less once persons are filtered upstream.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// How many problems are reported before a parser stops looking.
pub const MAX_PROBLEMS: usize = 50;
/// Longest name or alias accepted, in characters.
pub const MAX_NAME_CHARS: usize = 1000;

/// The list formats Cooperation Desk reads (`coopdesk lists import FILE --format csl|ftm|csv`).
///
/// Serialised as the lower-case names the command line takes (`csl`, `ftm`, `csv`), which are also
/// what a stored snapshot records as its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ListFormat {
    /// The bundled/office CSV: exactly the columns of `restricted_entities.csv`.
    Csv,
    /// The US Consolidated Screening List, CSV or JSON (told apart by the first non-blank byte).
    Csl,
    /// OpenSanctions FollowTheMoney entities, one JSON object per line.
    Ftm,
}

impl ListFormat {
    /// Every format, in the order the command line lists them.
    pub const ALL: [ListFormat; 3] = [ListFormat::Csl, ListFormat::Ftm, ListFormat::Csv];

    /// The format's name: `csl`, `ftm` or `csv`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ListFormat::Csv => "csv",
            ListFormat::Csl => "csl",
            ListFormat::Ftm => "ftm",
        }
    }

    /// The format with this name (`csl`, `ftm`, `csv`; case-insensitive), if any.
    #[must_use]
    pub fn parse(name: &str) -> Option<ListFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for ListFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses `bytes` in `format`; see the individual parsers for the rules of each format.
///
/// # Errors
/// Returns [`ImportError`] naming the file and every problem found (up to [`MAX_PROBLEMS`]).
pub fn parse(
    format: ListFormat,
    file_name: &str,
    bytes: &[u8],
) -> Result<ListSnapshot, ImportError> {
    match format {
        ListFormat::Csv => parse_csv(file_name, bytes),
        ListFormat::Csl => parse_csl(file_name, bytes),
        ListFormat::Ftm => parse_ftm(file_name, bytes),
    }
}

/// Why a list file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("{file}: file has {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// File name as given by the caller.
        file: String,
        /// Size of the file in bytes.
        size: usize,
        /// The limit, [`MAX_FILE_BYTES`].
        limit: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{file}:{line}: not UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// File name as given by the caller.
        file: String,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 0-based byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file was read but some rows or records are wrong.
    #[error("{}", render_problems(file, problems, *more))]
    Invalid {
        /// File name as given by the caller.
        file: String,
        /// The first [`MAX_PROBLEMS`] problems, in file order.
        problems: Vec<Problem>,
        /// True when reading stopped at [`MAX_PROBLEMS`]; the file may have more problems.
        more: bool,
    },
}

/// One problem in a list file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number (of the record's first line), when the problem is tied to a line.
    pub line: Option<usize>,
    /// Column, JSON key or property the problem is about.
    pub field: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

fn render_problems(file: &str, problems: &[Problem], more: bool) -> String {
    let mut lines: Vec<String> = problems.iter().map(|p| format!("{file}: {p}")).collect();
    if more {
        lines.push(format!(
            "{file}: stopped after {MAX_PROBLEMS} problems; there may be more"
        ));
    }
    lines.join("\n")
}

/// Collects problems up to the cap; parsers push and ask `is_full` to stop early.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    more: bool,
}

impl Problems {
    pub(crate) fn push(
        &mut self,
        line: Option<usize>,
        field: Option<&str>,
        message: impl Into<String>,
    ) {
        if self.list.len() >= MAX_PROBLEMS {
            self.more = true;
            return;
        }
        self.list.push(Problem {
            line,
            field: field.map(str::to_owned),
            message: message.into(),
        });
    }

    /// True when the cap is reached; parsers then stop reading (and the error says it stopped).
    pub(crate) fn is_full(&mut self) -> bool {
        if self.list.len() >= MAX_PROBLEMS {
            self.more = true;
        }
        self.more
    }

    pub(crate) fn into_result<T>(self, file: &str, value: T) -> Result<T, ImportError> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(ImportError::Invalid {
                file: file.to_owned(),
                problems: self.list,
                more: self.more,
            })
        }
    }

    pub(crate) fn fail(
        file: &str,
        line: Option<usize>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> ImportError {
        let mut problems = Self::default();
        problems.push(line, field, message);
        ImportError::Invalid {
            file: file.to_owned(),
            problems: problems.list,
            more: false,
        }
    }
}

/// Refuses oversize and non-UTF-8 files; returns the text.
pub(crate) fn checked_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        ImportError::NotUtf8 {
            file: file.to_owned(),
            line: line_of_offset(bytes, offset),
            offset,
        }
    })?;
    // A byte-order mark is what Excel writes in front of "CSV UTF-8"; it is not part of the header.
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// 1-based line number of a byte offset.
/// The next readable CSV row and its 1-based line. Unreadable rows become problems and are skipped;
/// `None` at the end or when the problem list is full (the error then says reading stopped).
pub(crate) fn next_row<R: std::io::Read>(
    reader: &mut ::csv::Reader<R>,
    problems: &mut Problems,
) -> Option<(usize, ::csv::StringRecord)> {
    let line_of = |p: &::csv::Position| usize::try_from(p.line()).unwrap_or(usize::MAX);
    loop {
        if problems.is_full() {
            return None;
        }
        let mut record = ::csv::StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(false) => return None,
            Ok(true) => return Some((record.position().map_or(0, line_of), record)),
            Err(e) => {
                let line = e.position().map(line_of);
                problems.push(line, None, format!("unreadable row: {e}"));
                if matches!(e.kind(), ::csv::ErrorKind::Io(_)) {
                    return None;
                }
            }
        }
    }
}

pub(crate) fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    1 + bytes
        .get(..end)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

/// Trims a cell; empty cells become `None`.
pub(crate) fn non_empty(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Checks a name or alias; `None` when it is acceptable.
pub(crate) fn name_problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        Some("must not be empty".to_owned())
    } else if name.chars().count() > MAX_NAME_CHARS {
        Some(format!("longer than {MAX_NAME_CHARS} characters"))
    } else if name.chars().any(|c| c.is_control() && c != '\t') {
        Some("contains control characters".to_owned())
    } else {
        None
    }
}

/// Checks an entry id; `None` when it is acceptable.
pub(crate) fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        Some("must not be empty".to_owned())
    } else if id.len() > 200 {
        Some("longer than 200 bytes".to_owned())
    } else if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(format!("{id:?} contains spaces or control characters"))
    } else {
        None
    }
}

/// Reports ids used twice. `lines[i]` is the line of `entries[i]`.
pub(crate) fn check_unique_ids(
    entries: &[ListEntry],
    lines: &[usize],
    field: &str,
    problems: &mut Problems,
) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (entry, &line) in entries.iter().zip(lines) {
        if let Some(&earlier) = first.get(entry.id.as_str()) {
            problems.push(
                Some(line),
                Some(field),
                format!("duplicate id {:?}, first used on line {earlier}", entry.id),
            );
        } else {
            first.insert(&entry.id, line);
        }
    }
}

/// Removes parent links to ids that are not in the file. Used for formats that are routinely
/// exported as subsets (CSL, FtM), where a missing parent is normal and not an error.
pub(crate) fn drop_dangling_parents(entries: &mut [ListEntry]) {
    let ids: HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    for entry in entries {
        if entry
            .parent_id
            .as_ref()
            .is_some_and(|p| !ids.contains(p) || *p == entry.id)
        {
            entry.parent_id = None;
        }
    }
}
