//! BibTeX, read by a small parser of our own rather than the `biblatex` crate.
//!
//! Why our own: the check needs five fields (`author`, `year`/`date`, `title`, `doi` and the
//! affiliation fields) as raw text, with the line of every field for problems, from files that
//! Web of Science and Scopus write with non-standard field names (`Affiliation`, `affiliations`,
//! `Unique-ID`, `author+an`) and that must be refused naming line and field when they are cut off.
//! `biblatex` parses into typed values and reports syntax errors as byte spans without the field,
//! and it could not be checked offline here whether its raw layer keeps keys such as `author+an`;
//! reading the BibTeX grammar (entries, `{}`/`""` values, `#` concatenation, `@string` macros,
//! `@comment`, `@preamble`) takes a few hundred lines and no dependency.
//!
//! Affiliations: `affiliation` (Web of Science: one address a line, the corresponding author's with
//! `(Corresponding Author)`), `affiliations` (Scopus: separated by `;`, not tied to authors) and
//! `author+an` (biblatex data annotations, `1="Natl Univ Def Technol, …"; 2:affiliation="…"`, tied
//! to the author at that position).

use std::collections::HashMap;

use crate::affiliation::{attach, entries};
use crate::error::{Problem, Problems, ReadError};
use crate::text::{clean_doi, collapse, year_in};
use crate::{Author, Work, push_unique};

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.pos += 1;
        if c == b'\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.bump();
        }
    }

    fn word(&mut self, ok: impl Fn(u8) -> bool) -> &str {
        let start = self.pos;
        while self.peek().is_some_and(&ok) {
            self.bump();
        }
        self.text.get(start..self.pos).unwrap_or_default()
    }

    /// Skips to the next `@` at the start of a line: where to go on after a broken entry.
    fn resync(&mut self) {
        while let Some(c) = self.bump() {
            if c == b'\n' && self.peek() == Some(b'@') {
                return;
            }
        }
    }
}

/// A structural error: where, which field, what.
struct Broken(Problem);

struct RawField {
    name: String,
    value: String,
    line: usize,
}

struct RawEntry {
    key: String,
    line: usize,
    fields: Vec<RawField>,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Work>, ReadError> {
    let mut problems = Problems::default();
    let mut macros: HashMap<String, String> = MONTHS
        .iter()
        .map(|m| ((*m).to_owned(), (*m).to_owned()))
        .collect();
    let mut works = Vec::new();
    let mut c = Cursor {
        text,
        pos: 0,
        line: 1,
    };
    while !problems.full() {
        // Text outside entries is a comment in BibTeX.
        while c.peek().is_some_and(|b| b != b'@') {
            c.bump();
        }
        if c.bump().is_none() {
            break;
        }
        let line = c.line;
        let kind = c
            .word(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            .to_ascii_lowercase();
        c.skip_ws();
        let close = match c.bump() {
            Some(b'{') => b'}',
            Some(b'(') => b')',
            _ => {
                problems.push(Problem::line(
                    line,
                    &kind,
                    format!("expected {{ after @{kind}"),
                ));
                c.resync();
                continue;
            }
        };
        let result = match kind.as_str() {
            "comment" | "preamble" => skip_balanced(&mut c, line, close, &kind).map(|()| None),
            "string" => fields(&mut c, close, &macros).map(|fs| {
                for f in fs {
                    macros.insert(f.name, f.value);
                }
                None
            }),
            _ => entry(&mut c, line, close, &macros).map(Some),
        };
        match result {
            Ok(Some(e)) => works.push(work(e, &mut problems)),
            Ok(None) => {}
            Err(Broken(p)) => {
                problems.push(p);
                c.resync();
            }
        }
    }
    problems.finish(file, works)
}

fn skip_balanced(c: &mut Cursor<'_>, line: usize, close: u8, what: &str) -> Result<(), Broken> {
    let open = if close == b'}' { b'{' } else { b'(' };
    let mut depth = 1usize;
    while let Some(b) = c.bump() {
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return Ok(());
            }
        }
    }
    Err(Broken(Problem::line(
        line,
        what,
        "not closed (a cut-off file?)",
    )))
}

fn entry(
    c: &mut Cursor<'_>,
    line: usize,
    close: u8,
    macros: &HashMap<String, String>,
) -> Result<RawEntry, Broken> {
    c.skip_ws();
    let key = c
        .word(|b| !b.is_ascii_whitespace() && b != b',' && b != close)
        .to_owned();
    if key.is_empty() {
        return Err(Broken(Problem::line(
            line,
            "key",
            "expected the entry's citation key after {",
        )));
    }
    let fields = fields(c, close, macros)?;
    Ok(RawEntry { key, line, fields })
}

/// `name = value, …` up to the entry's closing brace.
fn fields(
    c: &mut Cursor<'_>,
    close: u8,
    macros: &HashMap<String, String>,
) -> Result<Vec<RawField>, Broken> {
    let mut out = Vec::new();
    loop {
        c.skip_ws();
        match c.peek() {
            None => {
                // The usual cause is a value with one brace too many, which swallowed the entry's
                // end: name the last field read.
                let (line, field) = out
                    .last()
                    .map_or((c.line, ""), |f: &RawField| (f.line, f.name.as_str()));
                return Err(Broken(Problem::line(
                    line,
                    field,
                    "the entry is not closed by the end of the file: this value may hold an unbalanced { (or the file is cut off)",
                )));
            }
            Some(b) if b == close => {
                c.bump();
                return Ok(out);
            }
            Some(b',') => {
                c.bump();
                continue;
            }
            Some(_) => {}
        }
        let line = c.line;
        let name = c
            .word(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b':' | b'.'))
            .to_ascii_lowercase();
        if name.is_empty() {
            let found: String = c
                .text
                .get(c.pos..)
                .unwrap_or_default()
                .chars()
                .take(20)
                .collect();
            return Err(Broken(Problem::line(
                line,
                "",
                format!("expected a field name, found \"{found}\""),
            )));
        }
        c.skip_ws();
        if c.bump() != Some(b'=') {
            return Err(Broken(Problem::line(
                line,
                &name,
                "expected = after the field name",
            )));
        }
        let value = value(c, &name, macros)?;
        out.push(RawField { name, value, line });
    }
}

/// A value: `{…}`, `"…"`, a number or a macro, joined with `#`.
fn value(
    c: &mut Cursor<'_>,
    field: &str,
    macros: &HashMap<String, String>,
) -> Result<String, Broken> {
    let mut out = String::new();
    loop {
        c.skip_ws();
        let line = c.line;
        match c.peek() {
            Some(b'{') => {
                c.bump();
                out.push_str(&delimited(c, line, field, None)?);
            }
            Some(b'"') => {
                c.bump();
                out.push_str(&delimited(c, line, field, Some(b'"'))?);
            }
            Some(b) if b.is_ascii_alphanumeric() => {
                let word =
                    c.word(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'));
                if word.bytes().all(|b| b.is_ascii_digit()) {
                    out.push_str(word);
                } else {
                    match macros.get(&word.to_ascii_lowercase()) {
                        Some(v) => out.push_str(v),
                        None => {
                            return Err(Broken(Problem::line(
                                line,
                                field,
                                format!(
                                    "\"{word}\" is not a defined @string; a text value is written in {{…}} or \"…\""
                                ),
                            )));
                        }
                    }
                }
            }
            _ => {
                return Err(Broken(Problem::line(
                    line,
                    field,
                    "expected a value: {…}, \"…\", a number or an @string name",
                )));
            }
        }
        c.skip_ws();
        if c.peek() == Some(b'#') {
            c.bump();
        } else {
            return Ok(out);
        }
    }
}

/// The text up to the closing brace (or quote at brace depth 0), braces inside kept.
fn delimited(
    c: &mut Cursor<'_>,
    line: usize,
    field: &str,
    quote: Option<u8>,
) -> Result<String, Broken> {
    let start = c.pos;
    let mut depth = 0usize;
    loop {
        let at = c.pos;
        match c.bump() {
            None => {
                return Err(Broken(Problem::line(
                    line,
                    field,
                    "the value opened here is not closed (a cut-off file or a missing brace?)",
                )));
            }
            Some(b'\\') => {
                c.bump();
            }
            Some(b'{') => depth += 1,
            Some(b'}') if depth == 0 && quote.is_none() => {
                return Ok(c.text.get(start..at).unwrap_or_default().to_owned());
            }
            Some(b'}') => depth = depth.saturating_sub(1),
            Some(q) if Some(q) == quote && depth == 0 => {
                return Ok(c.text.get(start..at).unwrap_or_default().to_owned());
            }
            Some(_) => {}
        }
    }
}

/// LaTeX markup as text: accents as combining marks, escaped characters as themselves, commands
/// and braces dropped; line breaks kept (affiliation fields use them).
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some(e @ ('&' | '%' | '_' | '$' | '#' | '{' | '}')) => out.push(e),
                Some(a @ ('"' | '\'' | '`' | '^' | '~' | '=' | '.')) => {
                    let mark = match a {
                        '"' => '\u{308}',
                        '\'' => '\u{301}',
                        '`' => '\u{300}',
                        '^' => '\u{302}',
                        '~' => '\u{303}',
                        '=' => '\u{304}',
                        _ => '\u{307}',
                    };
                    while chars.peek() == Some(&'{') || chars.peek() == Some(&' ') {
                        chars.next();
                    }
                    if let Some(base) = chars.next() {
                        out.push(base);
                        out.push(mark);
                    }
                }
                Some(l) if l.is_ascii_alphabetic() => {
                    let mut name = String::from(l);
                    while let Some(&n) = chars.peek() {
                        if !n.is_ascii_alphabetic() {
                            break;
                        }
                        name.push(n);
                        chars.next();
                    }
                    match name.as_str() {
                        "ss" => out.push('ß'),
                        "o" => out.push('ø'),
                        "O" => out.push('Ø'),
                        "ae" => out.push('æ'),
                        "aa" => out.push('å'),
                        "l" => out.push('ł'),
                        _ => {}
                    }
                }
                Some(other) => out.push(other),
                None => {}
            },
            '{' | '}' => {}
            '~' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Splits an author field on `and` outside braces.
fn split_authors(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b if depth == 0 && b.is_ascii_whitespace() => {
                let rest = raw.get(i + 1..).unwrap_or_default();
                if rest.len() >= 4
                    && rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("and"))
                    && rest.as_bytes().get(3).is_some_and(u8::is_ascii_whitespace)
                {
                    out.push(raw.get(start..i).unwrap_or_default());
                    i += 4;
                    start = i + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push(raw.get(start..).unwrap_or_default());
    out.into_iter()
        .map(|a| collapse(&plain(a)))
        .filter(|a| !a.is_empty())
        .collect()
}

fn work(e: RawEntry, problems: &mut Problems) -> Work {
    let get = |name: &str| e.fields.iter().find(|f| f.name == name);
    let mut authors: Vec<Author> = get("author")
        .map(|f| split_authors(&f.value))
        .unwrap_or_default()
        .into_iter()
        .map(|name| Author {
            name,
            affiliations: Vec::new(),
            countries: Vec::new(),
        })
        .collect();
    let title = get("title")
        .map(|f| collapse(&plain(&f.value)))
        .filter(|t| !t.is_empty());
    let mut year = None;
    for name in ["year", "date"] {
        if let Some(f) = get(name).filter(|f| !f.value.trim().is_empty()) {
            year = year_in(&f.value);
            if year.is_none() {
                problems.push(Problem::line(
                    f.line,
                    name,
                    format!(
                        "expected a year such as 2021, found \"{}\"",
                        collapse(&f.value)
                    ),
                ));
            }
            break;
        }
    }
    let mut doi = None;
    if let Some(f) = get("doi").filter(|f| !f.value.trim().is_empty()) {
        doi = clean_doi(&plain(&f.value));
        if doi.is_none() {
            problems.push(Problem::line(
                f.line,
                "doi",
                format!(
                    "expected a DOI such as 10.1103/PhysRevLett.1.1, found \"{}\"",
                    collapse(&f.value)
                ),
            ));
        }
    }
    let mut unattributed = Vec::new();
    for f in e
        .fields
        .iter()
        .filter(|f| f.name == "affiliation" || f.name == "affiliations")
    {
        attach(&mut authors, &mut unattributed, entries(&plain(&f.value)));
    }
    for f in e.fields.iter().filter(|f| f.name == "author+an") {
        annotations(f, &mut authors, problems);
    }
    Work {
        id: e.key,
        title,
        year,
        doi,
        authors,
        affiliations: unattributed,
        at: format!("line {}", e.line),
    }
}

/// biblatex data annotations on the author list: `1="affiliation"; 2:affiliation="…"`, positions
/// counted from 1.
fn annotations(f: &RawField, authors: &mut [Author], problems: &mut Problems) {
    let mut items = Vec::new();
    let mut in_quote = false;
    let mut start = 0;
    for (i, ch) in f.value.char_indices() {
        match ch {
            '"' => in_quote = !in_quote,
            ';' if !in_quote => {
                items.push(f.value.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(f.value.get(start..).unwrap_or_default());
    for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
        let Some((target, value)) = item.split_once('=') else {
            problems.push(Problem::line(
                f.line,
                "author+an",
                format!("expected N=\"affiliation\", found \"{item}\""),
            ));
            continue;
        };
        let position = target.split(':').next().unwrap_or_default().trim();
        let value = collapse(&plain(value.trim().trim_matches('"')));
        match position
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1 && n <= authors.len())
        {
            Some(n) => {
                if let Some(a) = authors.get_mut(n - 1) {
                    push_unique(&mut a.affiliations, value);
                }
            }
            None => problems.push(Problem::line(
                f.line,
                "author+an",
                format!(
                    "\"{position}\" is not an author's position (1 to {}) in \"{item}\"",
                    authors.len()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_of_science_bibtex_with_double_braces_and_addresses() {
        let bib = "@article{ WOS:000612345600001,\nAuthor = {Zhang, Wei and M{\\\"u}ller, Hans},\nTitle = {{Ultrafast demagnetisation}},\nYear = {{2021}},\nDOI = {{10.1103/PhysRevB.103.1}},\nAffiliation = {{Zhang, W (Corresponding Author), Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China.\n   Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China.\n   Deutsch Elektronen Synchrotron DESY, D-22607 Hamburg, Germany.}},\nUnique-ID = {{WOS:000612345600001}},\n}\n";
        let works = parse("w.bib", bib).unwrap_or_else(|e| panic!("{e}"));
        let w = &works[0];
        assert_eq!(w.id, "WOS:000612345600001");
        assert_eq!(w.title.as_deref(), Some("Ultrafast demagnetisation"));
        assert_eq!(w.year, Some(2021));
        assert_eq!(w.authors.len(), 2);
        assert_eq!(w.authors[1].name, "Mu\u{308}ller, Hans");
        assert_eq!(
            w.authors[0].affiliations,
            vec!["Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China"]
        );
        let w = w.clone().settle();
        assert_eq!(
            w.affiliations,
            vec!["Deutsch Elektronen Synchrotron DESY, D-22607 Hamburg, Germany"],
            "an address given to the corresponding author is not repeated as unattributed"
        );
    }

    #[test]
    fn scopus_affiliations_and_annotations() {
        let bib = "@ARTICLE{Wang2022,\n author = {Wang, X. and Schmidt, A.},\n title = {Neutron},\n year = {2022},\n affiliations = {National University of Defense Technology, Changsha, China; Forschungszentrum J{\\\"u}lich, J{\\\"u}lich, Germany},\n}\n@misc{x, author = {A, B and C, D}, author+an = {2=\"Beihang Univ, Beijing\"}, year = 2020}";
        let works = parse("s.bib", bib).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(works[0].affiliations.len(), 2);
        assert_eq!(
            works[1].authors[1].affiliations,
            vec!["Beihang Univ, Beijing"]
        );
        assert_eq!(works[1].year, Some(2020));
    }

    #[test]
    fn broken_files_are_refused_naming_line_and_field() {
        let cut = "@article{a,\n author = {Zhang, Wei},\n title = {Cut off\n";
        let e = parse("cut.bib", cut)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("cut.bib: line 3: title: the value opened here is not closed"),
            "{e}"
        );
        let bad = "@article{a,\n year = {next year},\n author+an = {7=\"X\"},\n author = {A, B}\n}";
        let e = parse("bad.bib", bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("bad.bib: line 2: year: expected a year"), "{e}");
        assert!(
            e.contains("bad.bib: line 3: author+an: \"7\" is not an author's position"),
            "{e}"
        );
        let macro_ = "@article{a,\n journal = prl,\n}";
        let e = parse("m.bib", macro_)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("m.bib: line 2: journal: \"prl\" is not a defined @string"),
            "{e}"
        );
    }

    #[test]
    fn strings_comments_and_concatenation() {
        let bib = "@comment{ignored {nested}}\n@string{hit = \"Harbin Institute of Technology\"}\n@article{k, author = {Li, Ming}, affiliation = hit # \", Harbin\", year = 2019}";
        let works = parse("c.bib", bib).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(works.len(), 1);
        assert_eq!(
            works[0].clone().settle().authors[0].affiliations,
            vec!["Harbin Institute of Technology, Harbin"]
        );
    }
}
