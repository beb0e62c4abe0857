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
//!
//! Repairs: the CSL parser reads control characters as what the file meant ([`repair_field`]) and
//! reports each one as a [`Repair`] with the snapshot, instead of refusing the file. The other
//! formats are curated files and are not repaired.
//!
//! The EU, UK and UN lists ([`parse_eu_fsf`], [`parse_uk`], [`parse_un`]) are read as their
//! publishers write them; the XML ones as a stream (quick-xml), with each problem's line computed
//! from the byte position of its element. Their publication date, where the file states one, is
//! [`ListSnapshot::published`](crate::ListSnapshot::published).

mod bundled;
mod country;
mod csl;
mod eu_fsf;
mod ftm;
mod uk;
mod un;
mod xml;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

pub use bundled::{BUNDLED_COLUMNS, parse_csv};
pub use country::country_code;
pub use csl::parse_csl;
pub use eu_fsf::parse_eu_fsf;
pub use ftm::parse_ftm;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
pub use uk::parse_uk;
pub use un::parse_un;

use coopdesk_core::restriction::ListEntry;

/// The result of reading one list file: its entries plus what was deliberately left out.
///
/// Persons, vessels and aircraft are skipped because Cooperation Desk screens organisations; the count
/// is kept so that an import can say "1 203 entries, 2 441 persons skipped" instead of silently
/// dropping rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSnapshot {
    /// Organisation entries, in file order.
    pub entries: Vec<ListEntry>,
    /// Rows or records that were valid but not organisations (persons, vessels, aircraft, addresses…).
    pub skipped: usize,
    /// Characters the parser replaced because the file cannot have meant them (control characters
    /// in the CSL), in file order; empty for a file that needed no repair.
    pub repairs: Vec<Repair>,
    /// The date the file says it was published or generated (`YYYY-MM-DD`): the EU file's
    /// `generationDate`, the UN file's `dateGenerated`, the UK files' "Last Updated" or "Report
    /// Date" line. `None` for formats that carry no such date.
    pub published: Option<String>,
}

/// Largest list file accepted: the whole CSL is about 20 MB as JSON, OpenSanctions' full export of
/// organisations far less once persons are filtered upstream.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// How many problems are reported before a parser stops looking.
pub const MAX_PROBLEMS: usize = 50;
/// Longest name or alias accepted, in characters.
pub const MAX_NAME_CHARS: usize = 1000;

pub use coopdesk_core::restriction::ListFormat;

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
        ListFormat::EuFsf => parse_eu_fsf(file_name, bytes),
        ListFormat::Uk => parse_uk(file_name, bytes),
        ListFormat::Un => parse_un(file_name, bytes),
    }
}

/// One character a parser replaced because the file cannot have meant it as it stands.
///
/// Trade.gov's CSL carries C1 control characters (U+0080–U+009F) where an upstream conversion took
/// Windows-1252 bytes for Latin-1, e.g. U+0092 where the list meant `’` ("CAST Xi\u{92}an …"). They are
/// read by their Windows-1252 meaning; other control characters become a space. Each replacement is
/// reported so that an import says what it changed (`lists import --json` gives them as `repairs`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Repair {
    /// 1-based line of the character: in CSV the physical line (a field spanning lines is counted
    /// through), in JSON the line where the record starts.
    pub line: usize,
    /// Column (CSV) or key (JSON) of the field.
    pub field: String,
    /// What was replaced by what, e.g. `U+0092 → ’` or `U+0007 → space`.
    pub what: String,
}

/// What a control character in a CSL field stands for: its Windows-1252 character for C1 codes
/// U+0080–U+009F that Windows-1252 defines, a space for the five it leaves undefined (0x81, 0x8D,
/// 0x8F, 0x90, 0x9D) and for every other control character. `None` for characters that need no
/// repair, including tab, line feed and carriage return, which a quoted CSV field may hold.
#[must_use]
pub fn control_meaning(c: char) -> Option<char> {
    // Windows-1252 0x80..=0x9F in order; ' ' for the undefined codes.
    const WINDOWS_1252_C1: [char; 32] = [
        '€', ' ', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', ' ', 'Ž', ' ', //
        ' ', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', ' ', 'ž', 'Ÿ',
    ];
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{80}'..='\u{9f}' => {
            let index = (u32::from(c) - 0x80) as usize;
            WINDOWS_1252_C1.get(index).copied()
        }
        c if c.is_control() => Some(' '),
        _ => None,
    }
}

/// Replaces the control characters of one field by what they mean ([`control_meaning`]) and records
/// each replacement. `line` is the field's first line; a replacement after a line break inside the
/// field is reported on its own line. Returns the field unchanged (borrowed) when nothing needed
/// repair, which is the common case.
pub fn repair_field<'a>(
    value: &'a str,
    line: usize,
    field: &str,
    repairs: &mut Vec<Repair>,
) -> Cow<'a, str> {
    if !value.chars().any(|c| control_meaning(c).is_some()) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut at = line;
    for c in value.chars() {
        if c == '\n' {
            at = at.saturating_add(1);
        }
        match control_meaning(c) {
            Some(meant) => {
                let shown = if meant == ' ' {
                    "space".to_owned()
                } else {
                    meant.to_string()
                };
                repairs.push(Repair {
                    line: at,
                    field: field.to_owned(),
                    what: format!("U+{:04X} → {shown}", u32::from(c)),
                });
                out.push(meant);
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
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

/// The next readable CSV row and the 1-based physical line it starts on. `text` is what `reader`
/// reads. Unreadable rows become problems and are skipped; `None` at the end or when the problem
/// list is full (the error then says reading stopped).
pub(crate) fn next_row<R: std::io::Read>(
    reader: &mut ::csv::Reader<R>,
    text: &[u8],
    problems: &mut Problems,
) -> Option<(usize, ::csv::StringRecord)> {
    let line_of = |p: &::csv::Position| usize::try_from(p.line()).unwrap_or(usize::MAX);
    // With CRLF row ends the csv crate takes the `\r` as the end of a row and the `\n` as the start
    // of the next, so a row's position is the line before it (found with the trade.gov CSL, which
    // ends rows in CRLF). The line breaks at the recorded start are counted on.
    let start_line = |p: &::csv::Position| {
        let leading = usize::try_from(p.byte())
            .ok()
            .and_then(|b| text.get(b..))
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .filter(|&&b| b == b'\n')
            .count();
        line_of(p).saturating_add(leading)
    };
    loop {
        if problems.is_full() {
            return None;
        }
        let mut record = ::csv::StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(false) => return None,
            Ok(true) => return Some((record.position().map_or(0, start_line), record)),
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

/// 1-based line number of a byte offset.
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

/// A name or text with every run of white space (line breaks, tabs, no-break spaces, doubled
/// spaces) read as one space, trimmed. The EU, UK and UN lists wrap long names and pad cells; a name
/// is one line of text.
pub(crate) fn collapse_spaces(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when the CSV text from `start` on holds an odd number of quotes: the file ends inside a
/// quoted field. A file cut there still gives a last row with every field (the cut one runs to the
/// end of the file), so the cut shows only as an unbalanced quote.
pub(crate) fn ends_inside_quotes(text: &[u8], start: u64) -> bool {
    let rest = usize::try_from(start)
        .ok()
        .and_then(|s| text.get(s..))
        .unwrap_or_default();
    rest.iter().filter(|&&b| b == b'"').count() % 2 == 1
}

/// `YYYY-MM-DD` when `value` starts with a valid calendar date in that form (an ISO date or date
/// and time, as the EU and UN files write their generation time), else `None`.
pub(crate) fn iso_date_prefix(value: &str) -> Option<String> {
    let date = value.trim().get(..10)?;
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    valid_date(y, m, d).then(|| date.to_owned())
}

/// `YYYY-MM-DD` for a UK date: `DD/MM/YYYY` (cells and OFSI's banner) or `DD-Mon-YYYY` (the UK
/// Sanctions List's "Report Date"); `None` when it is neither.
pub(crate) fn uk_date(value: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let value = value.trim();
    let (d, m, y) = if let Some((d, rest)) = value.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        (d, m.to_owned(), y)
    } else {
        let (d, rest) = value.split_once('-')?;
        let (mon, y) = rest.split_once('-')?;
        let index = MONTHS
            .iter()
            .position(|name| mon.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(name)))?;
        (d, format!("{:02}", index + 1), y)
    };
    let d = format!("{d:0>2}");
    let m = format!("{m:0>2}");
    valid_date(y, &m, &d).then(|| format!("{y}-{m}-{d}"))
}

fn valid_date(y: &str, m: &str, d: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (y, m, d) = (
        y.parse::<u32>().unwrap_or(0),
        m.parse::<u32>().unwrap_or(0),
        d.parse::<u32>().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    y >= 1900 && (1..=days).contains(&d)
}

/// A programme or regime name as part of a list code: ASCII letters and digits in lower case, runs
/// of anything else as one `_`, at most 40 bytes (`Al-Qaida` → `al_qaida`).
pub(crate) fn code_slug(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_end_matches('_').to_owned();
    out.truncate(40);
    out.trim_end_matches('_').to_owned()
}

/// True when the text has a Chinese character: such a name is an entry's Chinese name.
pub(crate) fn has_han(text: &str) -> bool {
    text.chars().any(crate::normalize::is_han)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_read_as_windows_1252() {
        let expected = [
            ('\u{80}', '€'),
            ('\u{85}', '…'),
            ('\u{8a}', 'Š'),
            ('\u{91}', '‘'),
            ('\u{92}', '’'),
            ('\u{93}', '“'),
            ('\u{94}', '”'),
            ('\u{96}', '–'),
            ('\u{97}', '—'),
            ('\u{99}', '™'),
            ('\u{9f}', 'Ÿ'),
        ];
        for (c, meant) in expected {
            assert_eq!(control_meaning(c), Some(meant), "U+{:04X}", u32::from(c));
        }
        // The five codes Windows-1252 leaves undefined, and other control characters: a space.
        for c in [
            '\u{81}', '\u{8d}', '\u{8f}', '\u{90}', '\u{9d}', '\0', '\u{7}', '\u{1b}', '\u{7f}',
        ] {
            assert_eq!(control_meaning(c), Some(' '), "U+{:04X}", u32::from(c));
        }
        // Every C1 code has a meaning; nothing outside the control characters is touched.
        assert!(('\u{80}'..='\u{9f}').all(|c| control_meaning(c).is_some()));
        for c in ['\t', '\n', '\r', 'a', '’', '\u{a0}', '\u{2028}', '西'] {
            assert_eq!(control_meaning(c), None, "{c:?}");
        }
    }

    #[test]
    fn repairs_are_counted_with_their_line_and_field() {
        let mut repairs = Vec::new();
        let fixed = repair_field("Xi\u{92}an\n\u{93}Q\u{94}\u{7}", 7, "name", &mut repairs);
        assert_eq!(fixed, "Xi’an\n“Q” ");
        let seen: Vec<(usize, &str, &str)> = repairs
            .iter()
            .map(|r| (r.line, r.field.as_str(), r.what.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (7, "name", "U+0092 → ’"),
                (8, "name", "U+0093 → “"),
                (8, "name", "U+0094 → ”"),
                (8, "name", "U+0007 → space"),
            ],
            "a character after a line break inside the field is on the next line"
        );
    }

    #[test]
    fn a_clean_field_is_not_copied_or_reported() {
        let mut repairs = Vec::new();
        let fixed = repair_field(
            "Harbin\tInstitute\r\nof Technology",
            1,
            "name",
            &mut repairs,
        );
        assert!(matches!(fixed, Cow::Borrowed(_)));
        assert!(repairs.is_empty());
    }
}
