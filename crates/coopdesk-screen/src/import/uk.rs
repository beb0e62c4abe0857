//! The UK sanctions lists as CSV: the UK Sanctions List (FCDO, `UK-Sanctions-List.csv`) and the
//! OFSI Consolidated List of Financial Sanctions Targets (`ConList.csv`, 2022 format).
//!
//! Both write one row per name: a listed organisation with three aliases is four rows sharing its
//! id. The two are told apart by the header row:
//!
//! - **UK Sanctions List**: a `Report Date: 13-Feb-2026` line, then the header `Last Updated,
//!   Unique ID, OFSI Group ID, UN Reference Number, Name 6, Name 1 … Name 5, Name type, Alias
//!   strength, Title, Name non-latin script, …, Regime Name, Designation Type, …, Other Information,
//!   …, Address Country, …, Date Designated, …`. Rows are grouped by `Unique ID` (`RUS0001`), which
//!   is the entry's id; the type column is `Designation Type` (also accepted: `Individual, Entity,
//!   Ship`, the heading of the same column in some editions).
//! - **OFSI consolidated list**: a `Last Updated,03/06/2026` line, then the header `Name 6, Name 1 …
//!   Name 5, Title, Name Non-Latin Script, …, Country, Other Information, Group Type, Alias Type,
//!   Alias Quality, Regime, Listed On, UK Sanctions List Date Designated, Last Updated, Group ID`.
//!   Rows are grouped by `Group ID`, which is the entry's id.
//!
//! Columns are found by their heading (any order, case and spacing ignored; unknown columns are
//! ignored, as both lists add columns over time). The line before the header is optional; its date
//! is the snapshot's publication date. Groups of type `Entity` become entries; `Individual` and
//! `Ship` groups are skipped and counted. The name of a row is `Name 1` … `Name 5` then `Name 6`
//! (organisations are written in `Name 6`); the row whose name type is "Primary name" gives the
//! entry's name, every other name and every non-Latin-script name (the Chinese one as the Chinese
//! name) is an alias. The regime gives the list code `uk_<regime>` (`The Russia (Sanctions) (EU
//! Exit) Regulations 2019` and `Russia` both `uk_russia`), referenced by the UK Sanctions List
//! reference (`RUS0001`; in the OFSI list the `UK Sanctions List Ref` column or the "(UK Sanctions
//! List Ref):" note in Other Information). Dates `DD/MM/YYYY` are stored as `YYYY-MM-DD`.
//!
//! Switching an office's `uk` list from the OFSI file to the UK Sanctions List changes every id
//! (Group ID → Unique ID): that import shows every entry as removed and added once.
//!
//! Refused, naming file, line and column: a header that is neither layout, a missing required
//! column, a row with more or fewer fields than the header (a truncated file), a file ending inside
//! a quoted field, the header repeated in mid-file, a row without id or without a name, a type other
//! than Individual, Entity or Ship, one id with two types.

use std::collections::HashMap;

use super::{
    ImportError, Problems, checked_text, code_slug, collapse_spaces, country_code,
    ends_inside_quotes, has_han, id_problem, name_problem, next_row, uk_date,
};
use coopdesk_core::restriction::{ListEntry, ListRef};

use super::ListSnapshot;

/// Which of the two UK files a header belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// The UK Sanctions List (FCDO).
    Fcdo,
    /// The OFSI Consolidated List.
    Ofsi,
}

/// A heading as compared: lower case, white space collapsed.
fn heading(value: &str) -> String {
    collapse_spaces(value).to_lowercase()
}

/// The positions of the columns read.
#[derive(Debug)]
struct Columns {
    layout: Layout,
    /// Heading of every column, for messages.
    headings: Vec<String>,
    id: usize,
    kind: usize,
    /// Name 1 … Name 5, then Name 6.
    names: [Option<usize>; 6],
    name_type: Option<usize>,
    non_latin: Option<usize>,
    country: Option<usize>,
    regime: Option<usize>,
    listed: Option<usize>,
    other: Option<usize>,
    uk_reference: Option<usize>,
}

impl Columns {
    /// The layout of a header row, if it is one: `Name 6` and the layout's id column.
    fn layout(header: &csv::StringRecord) -> Option<Layout> {
        let has = |name: &str| header.iter().any(|h| heading(h) == name);
        if !has("name 6") {
            None
        } else if has("unique id") {
            Some(Layout::Fcdo)
        } else if has("group id") {
            Some(Layout::Ofsi)
        } else {
            None
        }
    }

    fn new(
        layout: Layout,
        header: &csv::StringRecord,
        line: usize,
        problems: &mut Problems,
    ) -> Option<Self> {
        let headings: Vec<String> = header.iter().map(collapse_spaces).collect();
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.iter().any(|n| heading(h) == *n))
        };
        let (id_names, kind_names): (&[&str], &[&str]) = match layout {
            Layout::Fcdo => (
                &["unique id"],
                &[
                    "designation type",
                    "individual, entity, ship",
                    "entity type",
                ],
            ),
            Layout::Ofsi => (&["group id"], &["group type"]),
        };
        let id = find(id_names);
        let kind = find(kind_names);
        let name6 = find(&["name 6"]);
        let mut ok = true;
        for (found, shown) in [(id, id_names[0]), (kind, kind_names[0]), (name6, "name 6")] {
            if found.is_none() {
                let column = match shown {
                    "unique id" => "Unique ID",
                    "designation type" => "Designation Type",
                    "group id" => "Group ID",
                    "group type" => "Group Type",
                    _ => "Name 6",
                };
                problems.push(Some(line), Some(column), "required column is missing");
                ok = false;
            }
        }
        let (Some(id), Some(kind), true) = (id, kind, ok) else {
            return None;
        };
        let names = [
            find(&["name 1"]),
            find(&["name 2"]),
            find(&["name 3"]),
            find(&["name 4"]),
            find(&["name 5"]),
            name6,
        ];
        let (uk_reference, listed, regime, country, name_type) = match layout {
            Layout::Fcdo => (
                Some(id),
                find(&["date designated"]),
                find(&["regime name", "regime"]),
                find(&["address country", "country"]),
                find(&["name type"]),
            ),
            Layout::Ofsi => (
                find(&["uk sanctions list ref", "uk sanctions list reference"]),
                find(&["listed on"]),
                find(&["regime", "regime name"]),
                find(&["country"]),
                find(&["alias type"]),
            ),
        };
        Some(Self {
            layout,
            headings,
            id,
            kind,
            names,
            name_type,
            non_latin: find(&["name non-latin script"]),
            country,
            regime,
            listed,
            other: find(&["other information"]),
            uk_reference,
        })
    }

    fn heading(&self, index: usize) -> &str {
        self.headings.get(index).map_or("", String::as_str)
    }
}

/// What the kind column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Entity,
    Individual,
    Ship,
}

impl Kind {
    fn parse(value: &str) -> Option<Self> {
        match heading(value).as_str() {
            "entity" => Some(Self::Entity),
            "individual" => Some(Self::Individual),
            "ship" | "vessel" => Some(Self::Ship),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Entity => "Entity",
            Self::Individual => "Individual",
            Self::Ship => "Ship",
        }
    }
}

/// The rows of one listed organisation, person or ship.
#[derive(Debug)]
struct Group {
    id: String,
    line: usize,
    kind: Kind,
    /// Names with their name type, in row order.
    names: Vec<(String, String)>,
    non_latin: Vec<String>,
    countries: Vec<String>,
    regime: Option<String>,
    listed: Option<String>,
    other: Option<String>,
    uk_reference: Option<String>,
}

/// Parses the UK Sanctions List or the OFSI consolidated list, CSV (see the module documentation).
///
/// # Errors
/// [`ImportError`] naming the file and each problem's line and column.
pub fn parse_uk(file_name: &str, bytes: &[u8]) -> Result<ListSnapshot, ImportError> {
    let text = checked_text(file_name, bytes)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut problems = Problems::default();
    let mut snapshot = ListSnapshot::default();
    let Some((columns, header_line)) =
        header(&mut reader, text.as_bytes(), &mut snapshot, &mut problems)
    else {
        return problems.into_result(file_name, snapshot);
    };
    let width = columns.headings.len();
    let mut groups: Vec<Group> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut last: Option<(usize, u64)> = None;
    while let Some((line, record)) = next_row(&mut reader, text.as_bytes(), &mut problems) {
        last = Some((line, record.position().map_or(0, csv::Position::byte)));
        if record.len() != width {
            let cut = if record.len() < width {
                " (the row is cut short: a truncated file?)"
            } else {
                ""
            };
            problems.push(
                Some(line),
                None,
                format!("has {} fields, the header has {width}{cut}", record.len()),
            );
            last = None;
            continue;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        if heading(cell(columns.id)) == heading(columns.heading(columns.id))
            && heading(cell(columns.kind)) == heading(columns.heading(columns.kind))
        {
            problems.push(
                Some(line),
                None,
                format!(
                    "the header row (line {header_line}) appears again here (two files joined?); the file cannot be read as one list"
                ),
            );
            continue;
        }
        read_row(
            &columns,
            line,
            &record,
            &mut groups,
            &mut by_id,
            &mut problems,
        );
    }
    if let Some((line, start)) = last
        && !problems.is_full()
        && ends_inside_quotes(text.as_bytes(), start)
    {
        problems.push(
            Some(line),
            None,
            "the file ends inside a quoted field (a truncated file?)",
        );
    }
    for group in groups {
        if group.kind == Kind::Entity {
            snapshot.entries.push(entry(group, columns.layout));
        } else {
            snapshot.skipped += 1;
        }
    }
    problems.into_result(file_name, snapshot)
}

/// Reads the optional date line and the header; `None` (problems pushed) when there is no header
/// of either layout.
fn header<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    text: &[u8],
    snapshot: &mut ListSnapshot,
    problems: &mut Problems,
) -> Option<(Columns, usize)> {
    let Some((first_line, first)) = next_row(reader, text, problems) else {
        if problems.list.is_empty() {
            problems.push(Some(1), None, "the file is empty");
        }
        return None;
    };
    let (line, row) = if Columns::layout(&first).is_some() {
        (first_line, first)
    } else {
        match banner_date(&first) {
            Ok(date) => snapshot.published = date,
            Err((field, message)) => {
                problems.push(Some(first_line), Some(field), message);
                return None;
            }
        }
        let Some(next) = next_row(reader, text, problems) else {
            if !problems.is_full() {
                problems.push(
                    Some(first_line + 1),
                    None,
                    "the header row is missing after the date line",
                );
            }
            return None;
        };
        next
    };
    let Some(layout) = Columns::layout(&row) else {
        problems.push(
            Some(line),
            None,
            "expected the header of the UK Sanctions List (with Unique ID and Name 6) or of the OFSI \
             consolidated list (with Group ID and Name 6)",
        );
        return None;
    };
    Columns::new(layout, &row, line, problems).map(|c| (c, line))
}

/// The publication date in the line before the header: OFSI's `Last Updated,03/06/2026` or the UK
/// Sanctions List's `Report Date: 13-Feb-2026`. `Err((field, message))` when the line is neither or
/// its date cannot be read.
fn banner_date(row: &csv::StringRecord) -> Result<Option<String>, (&'static str, String)> {
    let first = row.get(0).unwrap_or("").trim();
    let second = row.get(1).unwrap_or("").trim();
    let (field, value) = if heading(first) == "last updated" {
        ("Last Updated", second)
    } else if heading(first).starts_with("report date") {
        let after = first.split_once(':').map_or("", |(_, d)| d.trim());
        ("Report Date", if after.is_empty() { second } else { after })
    } else {
        return Err((
            "header",
            format!(
                "expected the header row, or a \"Last Updated\" or \"Report Date\" line before it; found {:?}",
                first.chars().take(60).collect::<String>()
            ),
        ));
    };
    if value.is_empty() {
        return Ok(None);
    }
    uk_date(value).map(Some).ok_or_else(|| {
        (
            field,
            format!("expected a date such as 03/06/2026 or 13-Feb-2026, found {value:?}"),
        )
    })
}

/// Adds one row to its group (a new group for a new id).
fn read_row(
    columns: &Columns,
    line: usize,
    record: &csv::StringRecord,
    groups: &mut Vec<Group>,
    by_id: &mut HashMap<String, usize>,
    problems: &mut Problems,
) {
    let cell = |i: usize| record.get(i).unwrap_or("").trim();
    let optional = |i: Option<usize>| {
        i.map(|i| collapse_spaces(cell(i)))
            .filter(|v| !v.is_empty())
    };
    let id = cell(columns.id);
    let id_heading = columns.heading(columns.id);
    if let Some(p) = id_problem(id) {
        problems.push(Some(line), Some(id_heading), p);
        return;
    }
    let kind_heading = columns.heading(columns.kind);
    let Some(kind) = Kind::parse(cell(columns.kind)) else {
        problems.push(
            Some(line),
            Some(kind_heading),
            format!(
                "expected Individual, Entity or Ship, found {:?}",
                cell(columns.kind)
            ),
        );
        return;
    };
    let name = columns
        .names
        .iter()
        .flatten()
        .map(|&i| collapse_spaces(cell(i)))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let non_latin = optional(columns.non_latin);
    let index = match by_id.get(id) {
        Some(&i) => i,
        None => {
            by_id.insert(id.to_owned(), groups.len());
            groups.push(Group {
                id: id.to_owned(),
                line,
                kind,
                names: Vec::new(),
                non_latin: Vec::new(),
                countries: Vec::new(),
                regime: None,
                listed: None,
                other: None,
                uk_reference: None,
            });
            groups.len() - 1
        }
    };
    let Some(group) = groups.get_mut(index) else {
        return;
    };
    if group.kind != kind {
        problems.push(
            Some(line),
            Some(kind_heading),
            format!(
                "{id_heading} {id} is {} on line {} but {} here",
                group.kind.as_str(),
                group.line,
                kind.as_str()
            ),
        );
        return;
    }
    // Persons and ships are counted, not read: their names are not screened.
    if kind != Kind::Entity {
        return;
    }
    if name.is_empty() && non_latin.is_none() {
        problems.push(
            Some(line),
            Some("Name 6"),
            "a row without a name (Name 1 to Name 6 and the non-Latin-script name are empty)",
        );
        return;
    }
    let mut ok = true;
    for (value, field) in [
        (Some(&name), "Name 6"),
        (non_latin.as_ref(), "Name Non-Latin Script"),
    ] {
        if let Some(value) = value.filter(|v| !v.is_empty())
            && let Some(p) = name_problem(value)
        {
            problems.push(Some(line), Some(field), p);
            ok = false;
        }
    }
    if !ok {
        return;
    }
    if !name.is_empty() {
        group
            .names
            .push((name, optional(columns.name_type).unwrap_or_default()));
    }
    group.non_latin.extend(non_latin);
    group.countries.extend(optional(columns.country));
    let fill = |slot: &mut Option<String>, value: Option<String>| {
        if slot.is_none() {
            *slot = value;
        }
    };
    fill(&mut group.regime, optional(columns.regime));
    fill(&mut group.listed, optional(columns.listed));
    fill(&mut group.other, optional(columns.other));
    fill(&mut group.uk_reference, optional(columns.uk_reference));
}

/// The list code of a regime: its short name, the same in both files (`The Russia (Sanctions) (EU
/// Exit) Regulations 2019` and `Russia` → `uk_russia`).
fn regime_code(regime: &str) -> String {
    let mut short = String::new();
    let mut rest = regime;
    // Parenthesised parts that only say what kind of regulations these are are dropped; others
    // ("ISIL (Da'esh) and Al-Qaida") are part of the name.
    while let Some((before, after)) = rest.split_once('(') {
        short.push_str(before);
        let (inner, next) = after.split_once(')').unwrap_or((after, ""));
        let lower = inner.to_lowercase();
        if !(lower.contains("sanctions") || lower.contains("eu exit")) {
            short.push('(');
            short.push_str(inner);
            short.push(')');
        }
        rest = next;
    }
    short.push_str(rest);
    let words: Vec<&str> = short
        .split_whitespace()
        .filter(|w| {
            let w = w.to_lowercase();
            !(w == "the"
                || w == "sanctions"
                || w == "regulations"
                || (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())))
        })
        .collect();
    // "The Republic of Belarus (Sanctions) …" in one file is "Belarus" in the other.
    let words = match words.as_slice() {
        [first, second, rest @ ..]
            if first.eq_ignore_ascii_case("republic")
                && second.eq_ignore_ascii_case("of")
                && !rest.is_empty() =>
        {
            rest.to_vec()
        }
        _ => words,
    };
    let slug = code_slug(&words.join(" "));
    if slug.is_empty() {
        "uk".to_owned()
    } else {
        format!("uk_{slug}")
    }
}

/// The UK Sanctions List reference in OFSI's Other Information: `(UK Sanctions List Ref):RUS0001`.
fn reference_in_note(note: &str) -> Option<String> {
    const MARK: &str = "(UK Sanctions List Ref):";
    let at = note.find(MARK)?;
    let reference: String = note
        .get(at + MARK.len()..)?
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!reference.is_empty()).then_some(reference)
}

/// A country cell's countries: OFSI writes several as `(1) Russia (2) Belarus`.
fn countries(cell: &str) -> Vec<&'static str> {
    let mut parts = Vec::new();
    let mut rest = cell;
    while let Some(open) = rest.find('(') {
        parts.push(&rest[..open]);
        rest = rest[open..]
            .find(')')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    parts.push(rest);
    parts
        .into_iter()
        .flat_map(|p| p.split([';', ',']))
        .filter_map(country_code)
        .collect()
}

fn entry(group: Group, layout: Layout) -> ListEntry {
    let is_primary = |t: &str| {
        let t = t.to_lowercase();
        (t.starts_with("primary name") || t == "prime alias") && !t.contains("variation")
    };
    let mut names: Vec<String> = Vec::new();
    let primary_at = group.names.iter().position(|(_, t)| is_primary(t));
    let mut ordered = group.names;
    if let Some(i) = primary_at {
        let primary = ordered.remove(i);
        ordered.insert(0, primary);
    }
    for (n, _) in ordered.into_iter().chain(
        group
            .non_latin
            .into_iter()
            .map(|n| (collapse_spaces(&n), String::new())),
    ) {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    // A group whose only names are in another script: the first is the name.
    let primary = names.iter().position(|n| !has_han(n)).unwrap_or(0);
    let name = if names.is_empty() {
        group.id.clone()
    } else {
        names.remove(primary)
    };
    let name_zh = names
        .iter()
        .position(|n| has_han(n))
        .map(|i| names.remove(i));
    let reference = match layout {
        Layout::Fcdo => group.uk_reference.clone(),
        Layout::Ofsi => group
            .uk_reference
            .clone()
            .or_else(|| group.other.as_deref().and_then(reference_in_note)),
    }
    .or_else(|| Some(format!("OFSI Group ID {}", group.id)));
    let country = group
        .countries
        .iter()
        .find_map(|c| countries(c).into_iter().next())
        .map(str::to_owned);
    ListEntry {
        id: group.id,
        name,
        name_zh,
        aliases: names,
        acronym: None,
        parent_id: None,
        country,
        lists: vec![ListRef {
            code: group
                .regime
                .as_deref()
                .map_or_else(|| "uk".to_owned(), regime_code),
            reference,
        }],
        listed_on: group.listed.map(|d| uk_date(&d).unwrap_or(d)),
        source: None,
        notes: group.other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regimes_of_both_files_give_one_code() {
        for (regime, code) in [
            (
                "The Russia (Sanctions) (EU Exit) Regulations 2019",
                "uk_russia",
            ),
            ("Russia", "uk_russia"),
            (
                "The ISIL (Da'esh) and Al-Qaida (United Nations Sanctions) (EU Exit) Regulations 2019",
                "uk_isil_da_esh_and_al_qaida",
            ),
            ("ISIL (Da'esh) and Al-Qaida", "uk_isil_da_esh_and_al_qaida"),
            (
                "The Global Human Rights Sanctions Regulations 2020",
                "uk_global_human_rights",
            ),
            ("Global Human Rights", "uk_global_human_rights"),
            (
                "The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019",
                "uk_belarus",
            ),
            ("Belarus", "uk_belarus"),
            (
                "The Democratic Republic of the Congo (Sanctions) (EU Exit) Regulations 2019",
                "uk_democratic_republic_of_congo",
            ),
            (
                "Democratic Republic of the Congo",
                "uk_democratic_republic_of_congo",
            ),
            ("", "uk"),
        ] {
            assert_eq!(regime_code(regime), code, "{regime}");
        }
    }

    #[test]
    fn references_and_countries_are_read_from_ofsi_cells() {
        assert_eq!(
            reference_in_note("(UK Sanctions List Ref):RUS0306 (UK Statement of Reasons):Front"),
            Some("RUS0306".to_owned())
        );
        assert_eq!(reference_in_note("no reference"), None);
        assert_eq!(countries("(1) Russia (2) Belarus"), ["RU", "BY"]);
        assert_eq!(countries("China"), ["CN"]);
        assert!(countries("Gaza-ish").is_empty());
    }
}
