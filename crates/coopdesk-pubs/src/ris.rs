//! RIS: one `TAG  - value` line per field, records from `TY` to `ER`.
//!
//! Read: `TY` (starts a record), `AU`/`A1` (authors), `TI`/`T1` (title), `PY`/`Y1`/`DA` (year: the
//! first of them that holds one), `DO` (DOI), `ID`/`AN` (the record's id; Web of Science writes its
//! accession number `WOS:…` in `AN`), `AD` and `C1` (affiliations: Scopus writes one `AD` line per
//! affiliation without saying whose; Web of Science names the authors in brackets,
//! `[Zhang, Wei; Li, Ming] Natl Univ Def Technol, …`), `ER` (ends it). Other tags are skipped. A line
//! that is not a tag line continues the field before it.

use crate::affiliation::{attach, entries};
use crate::error::{Problem, Problems, ReadError};
use crate::text::{clean_doi, collapse, year_in};
use crate::{Author, Work};

/// The tag and value of a RIS tag line (`AU  - Zhang, Wei`), `None` for any other line.
pub(crate) fn tag_of(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end_matches('\r');
    let bytes = line.as_bytes();
    let (a, b) = (*bytes.first()?, *bytes.get(1)?);
    if !a.is_ascii_uppercase() || !(b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return None;
    }
    let rest = line.get(2..)?;
    let after_spaces = rest.trim_start_matches(' ');
    if after_spaces.len() == rest.len() {
        return None;
    }
    let value = after_spaces.strip_prefix('-')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((line.get(..2)?, value.trim()))
}

struct Field {
    tag: String,
    value: String,
    line: usize,
}

struct Record {
    line: usize,
    fields: Vec<Field>,
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Work>, ReadError> {
    let mut problems = Problems::default();
    let mut works = Vec::new();
    let mut current: Option<Record> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if problems.full() {
            break;
        }
        match tag_of(line) {
            Some(("TY", _)) => {
                if let Some(open) = current.take() {
                    problems.push(Problem::line(
                        n,
                        "TY",
                        format!("a new record starts before the record of line {} ends with ER (a cut-off record?)", open.line),
                    ));
                }
                current = Some(Record {
                    line: n,
                    fields: Vec::new(),
                });
            }
            Some(("ER", _)) => match current.take() {
                Some(record) => works.push(work(record, &mut problems)),
                None => problems.push(Problem::line(
                    n,
                    "ER",
                    "ER without a record: a record starts with TY",
                )),
            },
            Some((tag, value)) => match current.as_mut() {
                Some(record) => record.fields.push(Field {
                    tag: tag.to_owned(),
                    value: value.to_owned(),
                    line: n,
                }),
                None => problems.push(Problem::line(
                    n,
                    tag,
                    "field outside a record: a record starts with TY and ends with ER",
                )),
            },
            None if line.trim().is_empty() => {}
            None => match current.as_mut().and_then(|r| r.fields.last_mut()) {
                Some(last) => {
                    last.value.push('\n');
                    last.value.push_str(line.trim());
                }
                None => problems.push(Problem::line(
                    n,
                    "",
                    format!(
                        "expected a RIS tag line such as \"TY  - JOUR\", found \"{}\"",
                        line.chars().take(40).collect::<String>()
                    ),
                )),
            },
        }
    }
    if let Some(open) = current {
        problems.push(Problem::line(
            open.line,
            "ER",
            "the record starting here is not closed with ER (a cut-off file?)",
        ));
    }
    problems.finish(file, works)
}

fn work(record: Record, problems: &mut Problems) -> Work {
    let mut authors: Vec<Author> = Vec::new();
    let mut unattributed = Vec::new();
    let mut title = None;
    let mut year = None;
    let mut doi = None;
    let mut id = None;
    for f in &record.fields {
        let value = collapse(&f.value);
        match f.tag.as_str() {
            "AU" | "A1" if !value.is_empty() => authors.push(Author {
                name: value,
                affiliations: Vec::new(),
                countries: Vec::new(),
            }),
            "TI" | "T1" if title.is_none() && !value.is_empty() => title = Some(value),
            "PY" | "Y1" | "DA" if year.is_none() && !value.is_empty() => {
                year = year_in(&value);
                // PY and Y1 are the year; a DA without one ("MAR 15") only gives no year.
                if year.is_none() && f.tag != "DA" {
                    problems.push(Problem::line(
                        f.line,
                        &f.tag,
                        format!("expected a year such as 2021 or 2021/03/15, found \"{value}\""),
                    ));
                }
            }
            "DO" if doi.is_none() && !value.is_empty() => match clean_doi(&value) {
                Some(d) => doi = Some(d),
                None => problems.push(Problem::line(
                    f.line,
                    "DO",
                    format!("expected a DOI such as 10.1103/PhysRevLett.1.1, found \"{value}\""),
                )),
            },
            "ID" | "AN" if id.is_none() && !value.is_empty() => id = Some(value),
            _ => {}
        }
    }
    for f in record
        .fields
        .iter()
        .filter(|f| f.tag == "AD" || f.tag == "C1")
    {
        attach(&mut authors, &mut unattributed, entries(&f.value));
    }
    Work {
        id: id
            .or_else(|| doi.clone())
            .unwrap_or_else(|| format!("line {}", record.line)),
        title,
        year,
        doi,
        authors,
        affiliations: unattributed,
        at: format!("line {}", record.line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WOS: &str = "TY  - JOUR\n\
AU  - Zhang, W\n\
AU  - Mueller, H\n\
TI  - Ultrafast demagnetisation\n\
PY  - 2021\n\
DO  - 10.1103/PhysRevB.103.1\n\
C1  - [Zhang, Wei] Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China.\n\
C1  - [Mueller, Hans] Deutsch Elektronen Synchrotron DESY, D-22607 Hamburg, Germany.\n\
AN  - WOS:000612345600001\n\
ER  - \n";

    #[test]
    fn web_of_science_ris_ties_addresses_to_authors() {
        let works = parse("w.ris", WOS).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(works.len(), 1);
        let w = &works[0];
        assert_eq!(w.id, "WOS:000612345600001");
        assert_eq!(w.year, Some(2021));
        assert_eq!(w.doi.as_deref(), Some("10.1103/PhysRevB.103.1"));
        assert_eq!(w.authors[0].name, "Zhang, W");
        assert_eq!(
            w.authors[0].affiliations,
            vec!["Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China"]
        );
        assert_eq!(w.authors[1].affiliations.len(), 1);
        assert!(w.affiliations.is_empty());
    }

    #[test]
    fn a_cut_off_file_and_a_stray_line_are_refused_with_their_lines() {
        let cut = "TY  - JOUR\nAU  - Zhang, W\nTY  - JOUR\nTI  - Second\n";
        let e = parse("cut.ris", cut)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("cut.ris: line 3: TY: a new record starts before the record of line 1"),
            "{e}"
        );
        assert!(
            e.contains("cut.ris: line 3: ER: the record starting here is not closed"),
            "{e}"
        );
        let stray = "Hello\nTY  - JOUR\nER  - \n";
        let e = parse("s.ris", stray)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("s.ris: line 1: expected a RIS tag line"), "{e}");
        let bad_year = "TY  - JOUR\nPY  - soon\nER  -\n";
        let e = parse("y.ris", bad_year)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("y.ris: line 2: PY: expected a year"), "{e}");
    }

    #[test]
    fn a_record_without_affiliations_is_read() {
        let works = parse(
            "n.ris",
            "TY  - JOUR\nAU  - Weber, Anna\nTI  - Alone\nER  -\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(works.len(), 1);
        assert!(works[0].all_affiliations().is_empty());
    }
}
