//! Reading a workbook's sheets into [`Sheet`]s: xlsx, xls and ods with calamine, csv with csv.
//!
//! Merged cells: a merged region's value is stored only in its top-left cell; here it is copied to
//! every cell the region spans, so a header merged over two columns names both and a status merged
//! down three rows applies to all three. calamine reports merged regions for xlsx and xls; for ods
//! it does not (the value then stays in the first cell only).

use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Reader, Xls, Xlsx};

use crate::cells::{Cell, Sheet};
use crate::error::Error;

/// A workbook's sheets, in tab order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    /// The file name, for messages.
    pub file: String,
    /// Every sheet, in the workbook's order.
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet called `name` (exactly, else ignoring case).
    pub fn sheet(&self, name: &str) -> Result<&Sheet, Error> {
        self.sheets
            .iter()
            .find(|s| s.name == name)
            .or_else(|| {
                self.sheets
                    .iter()
                    .find(|s| s.name.to_lowercase() == name.to_lowercase())
            })
            .ok_or_else(|| Error::NoSuchSheet {
                file: self.file.clone(),
                sheet: name.to_owned(),
                sheets: self.sheet_names(),
            })
    }

    /// The sheets' names, in tab order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }
}

/// The spreadsheet formats read, by file name extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

fn format_of(file: &str) -> Option<Format> {
    let ext = std::path::Path::new(file)
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        "xls" => Some(Format::Xls),
        "ods" => Some(Format::Ods),
        "csv" | "txt" | "tsv" => Some(Format::Csv),
        _ => None,
    }
}

/// Reads a workbook from its bytes; `file` (its name) says which format it is in.
pub fn read_workbook(file: &str, bytes: &[u8]) -> Result<Workbook, Error> {
    let format = format_of(file).ok_or_else(|| Error::UnsupportedFormat {
        file: file.to_owned(),
    })?;
    let unreadable = |reason: String| Error::Unreadable {
        file: file.to_owned(),
        reason,
    };
    let sheets = match format {
        Format::Csv => vec![read_csv(file, bytes)?],
        Format::Xlsx => {
            let mut wb: Xlsx<_> =
                Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
            let mut out = Vec::new();
            for name in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(e.to_string()))?;
                let merged = match wb.worksheet_merge_cells(&name) {
                    Some(Ok(m)) => m,
                    Some(Err(e)) => return Err(unreadable(e.to_string())),
                    None => Vec::new(),
                };
                out.push(sheet_from_range(name, &range, &merged));
            }
            out
        }
        Format::Xls => {
            let mut wb: Xls<_> =
                Xls::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
            let mut out = Vec::new();
            for name in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(e.to_string()))?;
                let merged = wb.worksheet_merge_cells(&name).unwrap_or_default();
                out.push(sheet_from_range(name, &range, &merged));
            }
            out
        }
        Format::Ods => {
            let mut wb: Ods<_> =
                Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
            let mut out = Vec::new();
            for name in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(e.to_string()))?;
                out.push(sheet_from_range(name, &range, &[]));
            }
            out
        }
    };
    if sheets.is_empty() {
        return Err(unreadable("the workbook has no sheets".to_owned()));
    }
    Ok(Workbook {
        file: file.to_owned(),
        sheets,
    })
}

/// A calamine range placed at its absolute position (the range starts at the first used cell, the
/// sheet at row 1), with merged regions filled.
fn sheet_from_range(name: String, range: &calamine::Range<Data>, merged: &[Dimensions]) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if let Some((r0, c0)) = range.start() {
        let (r0, c0) = (r0 as usize, c0 as usize);
        rows.resize(r0 + range.height(), Vec::new());
        for (i, row) in range.rows().enumerate() {
            let target = &mut rows[r0 + i];
            target.resize(c0 + row.len(), Cell::Empty);
            for (j, value) in row.iter().enumerate() {
                target[c0 + j] = cell_of(value);
            }
        }
    }
    // A merged region is filled only as far as the sheet has cells: a region declared over a whole
    // row or column (A1:XFD1) must not grow every row to 16 384 cells.
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for m in merged {
        let (top, left) = (m.start.0 as usize, m.start.1 as usize);
        let (bottom, right) = (
            m.end.0 as usize,
            (m.end.1 as usize).min(width.saturating_sub(1)),
        );
        if left > right {
            continue;
        }
        let value = rows
            .get(top)
            .and_then(|r| r.get(left))
            .cloned()
            .unwrap_or_default();
        if value.is_blank() {
            continue;
        }
        for r in top..=bottom.min(rows.len().saturating_sub(1)) {
            let row = &mut rows[r];
            if row.len() <= right {
                row.resize(right + 1, Cell::Empty);
            }
            for cell in &mut row[left..=right] {
                if cell.is_blank() {
                    *cell = value.clone();
                }
            }
        }
    }
    Sheet {
        name,
        rows,
        merged: merged
            .iter()
            .map(|m| {
                (
                    (m.start.0 as usize, m.start.1 as usize),
                    (m.end.0 as usize, m.end.1 as usize),
                )
            })
            .collect(),
    }
}

fn cell_of(value: &Data) -> Cell {
    match value {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Cell::Date(d),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(|d| d.and_time(chrono::NaiveTime::MIN))
            })
            .map(Cell::Date)
            .unwrap_or_else(|_| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A CSV file as one sheet named after the file. The delimiter is what the header line uses most
/// (`;` from German Excel, `,` elsewhere, tab); UTF-8 with or without a byte-order mark, else
/// Windows-1252 as older Excel versions write it.
fn read_csv(file: &str, bytes: &[u8]) -> Result<Sheet, Error> {
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(t) => t.to_owned(),
        Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
    };
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.matches(char::from(*d)).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Error::Unreadable {
            file: file.to_owned(),
            reason: format!("line {}: {e}", i + 1),
        })?;
        rows.push(
            record
                .iter()
                .map(|v| {
                    if v.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(v.to_owned())
                    }
                })
                .collect(),
        );
    }
    let name = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Sheet1")
        .to_owned();
    Ok(Sheet {
        name,
        rows,
        merged: Vec::new(),
    })
}

/// Windows-1252 byte to character (the bytes 0x80–0x9F differ from Latin-1).
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}
