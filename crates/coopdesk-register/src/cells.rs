//! A sheet as a grid of cells, with positions as the user sees them (row 1, column A).

use chrono::NaiveDateTime;

/// One cell's value, reduced to what a register needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// Text, as typed.
    Text(String),
    /// A number (Excel keeps dates typed without a date format as serial numbers).
    Number(f64),
    /// A cell formatted as a date (or date and time).
    Date(NaiveDateTime),
    /// A truth value.
    Bool(bool),
    /// A formula error such as `#REF!`, as Excel shows it.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing (empty text and blanks count as nothing).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a spreadsheet shows it without formatting (numbers without a
    /// trailing `.0`, dates as `YYYY-MM-DD`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One sheet: its name and its cells, `rows[r][c]` for the 0-based row `r` and column `c` of the
/// sheet itself (row 0 is the user's row 1, whether or not it holds anything).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's name as the workbook shows it on its tab (`Sheet1` for a CSV file).
    pub name: String,
    /// The rows; a row may be shorter than others (missing cells are empty).
    pub rows: Vec<Vec<Cell>>,
    /// Merged regions, 0-based `((top, left), (bottom, right))`, inclusive; their value is already
    /// copied into every cell they span.
    pub merged: Vec<((usize, usize), (usize, usize))>,
}

impl Sheet {
    /// The cell at 0-based `row`, `col` (empty outside the grid).
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// How many columns the widest row has.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The merged region that spans the 0-based cell, if any.
    pub fn merged_at(&self, row: usize, col: usize) -> Option<((usize, usize), (usize, usize))> {
        self.merged
            .iter()
            .copied()
            .find(|((t, l), (b, r))| (*t..=*b).contains(&row) && (*l..=*r).contains(&col))
    }

    /// Whether every cell of a 0-based row is blank.
    pub fn row_is_blank(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_none_or(|r| r.iter().all(Cell::is_blank))
    }
}

/// The column letters of a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The 0-based index of column letters (`A` → 0, `aa` → 26); `None` for anything else.
pub fn column_index(letters: &str) -> Option<usize> {
    let t = letters.trim();
    if t.is_empty() || t.len() > 3 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for c in t.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (i, l) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letters(i), l);
            assert_eq!(column_index(l), Some(i));
        }
        assert_eq!(column_index("b"), Some(1));
        assert_eq!(column_index("A1"), None);
        assert_eq!(column_index(""), None);
    }

    #[test]
    fn numbers_show_as_a_spreadsheet_shows_them() {
        assert_eq!(Cell::Number(2025.0).text(), "2025");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
    }
}
