//! Finding the header row below any title rows, and the columns' headers (with the group a merged
//! header cell above gives them: `Laufzeit` over `Beginn` and `Ende`).

use crate::cells::{Sheet, column_letters};
use crate::mapping::{ColumnMapping, Field, RegisterMapping, match_header};

/// How many rows from the top are searched for the header row.
const SEARCH_ROWS: usize = 30;

/// A column of the sheet under the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderColumn {
    /// 0-based index.
    pub index: usize,
    /// The header cell's text.
    pub header: String,
    /// The merged header above it, if any (`Laufzeit`).
    pub group: Option<String>,
}

impl HeaderColumn {
    /// The header as shown to the user: `Laufzeit / Beginn`, or just the header.
    pub fn label(&self) -> String {
        match &self.group {
            Some(g) if self.header.is_empty() => g.clone(),
            Some(g) => format!("{g} / {}", self.header),
            None => self.header.clone(),
        }
    }

    /// The best field this column's header names, and how well.
    fn suggestion(&self) -> Option<(Field, u8)> {
        match_header(&self.header).or_else(|| {
            let g = self.group.as_deref()?;
            match_header(&format!("{g} {}", self.header)).or_else(|| match_header(g))
        })
    }
}

/// The distinct fields a row's text cells name.
fn row_score(sheet: &Sheet, row: usize) -> usize {
    let Some(cells) = sheet.rows.get(row) else {
        return 0;
    };
    let mut fields: Vec<Field> = cells
        .iter()
        .filter_map(|c| match c {
            crate::cells::Cell::Text(t) => match_header(t).map(|(f, _)| f),
            _ => None,
        })
        .collect();
    fields.sort();
    fields.dedup();
    fields.len()
}

/// The 0-based header row: of the first rows, the one naming the most fields (at least two); on a
/// tie the lower one, since under a two-row header the data starts after the second.
pub fn find_header_row(sheet: &Sheet) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for row in 0..sheet.rows.len().min(SEARCH_ROWS) {
        let score = row_score(sheet, row);
        if score >= 2 && best.is_none_or(|(_, s)| score >= s) {
            best = Some((row, score));
        }
    }
    let mut row = best?.0;
    // A second header row under the first (sub-headers under groups, in a file that keeps no
    // merges): every filled cell names a field. The data starts after it.
    while all_headers(sheet, row + 1) {
        row += 1;
    }
    Some(row)
}

/// Whether a row has at least two filled cells and every one of them is text naming a field.
fn all_headers(sheet: &Sheet, row: usize) -> bool {
    let Some(cells) = sheet.rows.get(row) else {
        return false;
    };
    let filled: Vec<&crate::cells::Cell> = cells.iter().filter(|c| !c.is_blank()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| match c {
            crate::cells::Cell::Text(t) => match_header(t).is_some(),
            _ => false,
        })
}

/// The columns of the header row `row` (0-based), with their merged groups.
pub fn header_columns(sheet: &Sheet, row: usize) -> Vec<HeaderColumn> {
    let width = sheet.width();
    (0..width)
        .map(|c| {
            let mut header = sheet.cell(row, c).text();
            // A header written in the upper of two header rows only, where the file keeps no merge
            // (ods, csv): "Vorhaben" above an empty cell heads the column.
            // The row above must hold several cells: a lone cell there is a title.
            if header.is_empty()
                && sheet.merged.is_empty()
                && let Some(above) = row.checked_sub(1)
                && sheet
                    .rows
                    .get(above)
                    .is_some_and(|r| r.iter().filter(|x| !x.is_blank()).count() > 1)
            {
                header = sheet.cell(above, c).text();
            }
            // A group is a merged cell in the row above that spans several columns but not the
            // header row itself, and not the whole width (that is a title).
            let group = row.checked_sub(1).and_then(|above| {
                let ((top, left), (bottom, right)) = sheet.merged_at(above, c)?;
                let spans_columns = right > left;
                let covers_header = bottom >= row;
                let is_title = left == 0 && right + 1 >= width && top == above;
                (spans_columns && !covers_header && !is_title)
                    .then(|| sheet.cell(above, c).text())
                    .filter(|g| !g.is_empty() && *g != header)
            });
            HeaderColumn {
                index: c,
                header,
                group,
            }
        })
        .filter(|h| !h.header.is_empty() || h.group.is_some())
        .collect()
}

/// The mapping the headers suggest: each field to the column naming it best (the leftmost on a
/// tie), each column to at most one field. A period column is left out when start and end have
/// columns of their own.
pub fn suggest_mapping(
    sheet_name: &str,
    header_row: usize,
    columns: &[HeaderColumn],
) -> RegisterMapping {
    let mut candidates: Vec<(u8, usize, Field, &HeaderColumn)> = columns
        .iter()
        .filter_map(|c| c.suggestion().map(|(f, s)| (s, c.index, f, c)))
        .collect();
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut taken_fields = Vec::new();
    let mut taken_columns = Vec::new();
    let mut mapped: Vec<ColumnMapping> = Vec::new();
    for (_, index, field, col) in candidates {
        if taken_fields.contains(&field) || taken_columns.contains(&index) {
            continue;
        }
        taken_fields.push(field);
        taken_columns.push(index);
        mapped.push(ColumnMapping {
            field,
            column: column_letters(index),
            header: Some(col.label()),
        });
    }
    if taken_fields.contains(&Field::Start) && taken_fields.contains(&Field::End) {
        mapped.retain(|m| m.field != Field::Period);
    }
    mapped.sort_by_key(|m| crate::cells::column_index(&m.column));
    let mut mapping = RegisterMapping::new();
    mapping.sheet = Some(sheet_name.to_owned());
    mapping.header_row = u32::try_from(header_row + 1).ok();
    mapping.columns = mapped;
    mapping
}
