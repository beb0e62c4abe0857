//! Affiliations as exports write them: tied to authors or not, and whole addresses that hold the
//! institution's name somewhere near the front.
//!
//! Web of Science writes addresses with the authors in brackets (`[Zhang, Wei; Li, Ming] Natl Univ
//! Def Technol, Coll Adv Interdisciplinary Studies, Changsha 410073, Peoples R China`) and the
//! corresponding author's with a suffix (`Zhang, W (Corresponding Author), Natl Univ …`); Scopus
//! separates affiliations with `;`. [`institution_names`] keeps the part of an address that names
//! organisations: the leading comma-separated parts, without postal codes, country names and e-mail
//! addresses.

use crate::text::collapse;
use crate::{Author, push_unique};

/// One affiliation as written, with the authors it names (empty: not said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub names: Vec<String>,
    pub affiliation: String,
}

/// How many leading parts of an address are kept: institution, then at most a college, a department
/// and a lab; later parts are streets and cities.
const MAX_PARTS: usize = 4;

/// Country names as bibliographic databases write them, beyond the ISO names the list parsers know
/// (Web of Science writes "Peoples R China", "England", "U Arab Emirates").
const DATABASE_COUNTRIES: [&str; 12] = [
    "peoples r china",
    "pr china",
    "p r china",
    "people s republic of china",
    "england",
    "scotland",
    "wales",
    "north ireland",
    "u arab emirates",
    "south korea",
    "republic of korea",
    "russia",
];

/// The part of an affiliation that names organisations, for screening: the first comma-separated
/// parts (at most four) without postal codes, e-mail addresses and countries. Empty when nothing
/// is left ("China").
///
/// ```
/// use coopdesk_pubs::institution_names;
/// assert_eq!(
///     institution_names("Natl Univ Def Technol, Coll Adv Interdisciplinary Studies, Changsha 410073, Peoples R China"),
///     "Natl Univ Def Technol, Coll Adv Interdisciplinary Studies"
/// );
/// assert_eq!(
///     institution_names("Institute of Physics, Chinese Academy of Sciences, Beijing 100190, China"),
///     "Institute of Physics, Chinese Academy of Sciences"
/// );
/// ```
#[must_use]
pub fn institution_names(affiliation: &str) -> String {
    let parts: Vec<&str> = affiliation
        .split([',', ';'])
        .map(|p| p.trim().trim_end_matches('.').trim())
        .filter(|p| !p.is_empty())
        .collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if has_postal_code(part) || part.contains('@') || is_country(part) {
            continue;
        }
        // A one-word part just before the country is the city ("…, Changsha, China"): noise for
        // the matcher. Without a country after it, it may be an acronym ("…, CAS") and is kept.
        let before_country = parts.get(i + 1).is_some_and(|next| is_country(next));
        if !kept.is_empty() && before_country && !part.contains(' ') {
            continue;
        }
        kept.push(part);
        if kept.len() == MAX_PARTS {
            break;
        }
    }
    kept.join(", ")
}

/// Four digits or more in a row: a postal code ("Changsha 410073", "D-22607 Hamburg", "CA 94305 USA").
fn has_postal_code(part: &str) -> bool {
    let mut run = 0;
    for c in part.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 4 {
            return true;
        }
    }
    false
}

fn is_country(part: &str) -> bool {
    let key: String = part
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let key = collapse(&key);
    DATABASE_COUNTRIES.contains(&key.as_str())
        || coopdesk_screen::import::country_code(part).is_some()
}

/// Splits an affiliation field into entries: one per line and per `;` outside brackets, each with
/// the authors a leading `[…]` or a `Name (Corresponding Author),` prefix names.
pub(crate) fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for line in text.lines() {
        for piece in split_outside_brackets(line) {
            if let Some(e) = entry(piece) {
                out.push(e);
            }
        }
    }
    out
}

fn split_outside_brackets(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                out.push(line.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(line.get(start..).unwrap_or_default());
    out
}

fn entry(piece: &str) -> Option<Entry> {
    let piece = piece.trim();
    let mut names = Vec::new();
    let mut rest = piece;
    if let Some(inner) = piece.strip_prefix('[')
        && let Some((who, after)) = inner.split_once(']')
    {
        names = who
            .split(';')
            .map(collapse)
            .filter(|n| !n.is_empty())
            .collect();
        rest = after;
    } else if let Some((who, after)) = corresponding(piece) {
        names.push(who);
        rest = after;
    }
    let affiliation = collapse(rest.trim().trim_end_matches('.'));
    (!affiliation.is_empty()).then_some(Entry { names, affiliation })
}

/// `Zhang, W (Corresponding Author), rest` → ("Zhang, W", rest).
fn corresponding(piece: &str) -> Option<(String, &str)> {
    for marker in ["(Corresponding Author),", "(Reprint Author),"] {
        if let Some(at) = piece.find(marker) {
            let who = collapse(piece.get(..at)?);
            let rest = piece.get(at + marker.len()..)?;
            return (!who.is_empty()).then_some((who, rest));
        }
    }
    None
}

/// Gives each entry to the authors it names (adding an author a bracket names that the author list
/// lacks) and keeps the others as the work's unattributed affiliations.
pub(crate) fn attach(
    authors: &mut Vec<Author>,
    unattributed: &mut Vec<String>,
    entries: Vec<Entry>,
) {
    for e in entries {
        if e.names.is_empty() {
            push_unique(unattributed, e.affiliation);
            continue;
        }
        for name in &e.names {
            match authors.iter_mut().find(|a| same_person(&a.name, name)) {
                Some(a) => push_unique(&mut a.affiliations, e.affiliation.clone()),
                None => authors.push(Author {
                    name: name.clone(),
                    affiliations: vec![e.affiliation.clone()],
                    countries: Vec::new(),
                }),
            }
        }
    }
}

/// Family name and first initial, lower case: "Zhang, Wei", "Zhang, W" and "Wei Zhang" agree.
fn person_key(name: &str) -> (String, Option<char>) {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect()
    };
    match name.split_once(',') {
        Some((family, given)) => (
            letters(family),
            given
                .trim()
                .chars()
                .find(|c| c.is_alphabetic())
                .and_then(|c| c.to_lowercase().next()),
        ),
        None => {
            let mut words: Vec<&str> = name.split_whitespace().collect();
            let family = words.pop().unwrap_or_default();
            (
                letters(family),
                words
                    .first()
                    .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
                    .and_then(|c| c.to_lowercase().next()),
            )
        }
    }
}

/// Whether two spellings of an author's name are the same person as far as a record can tell.
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    let (fa, ia) = person_key(a);
    let (fb, ib) = person_key(b);
    !fa.is_empty() && fa == fb && (ia.is_none() || ib.is_none() || ia == ib)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_of_science_addresses_keep_the_institution_and_its_units() {
        assert_eq!(
            institution_names("Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China"),
            "Harbin Inst Technol, Sch Phys"
        );
        assert_eq!(
            institution_names("Deutsch Elektronen Synchrotron DESY, D-22607 Hamburg, Germany"),
            "Deutsch Elektronen Synchrotron DESY"
        );
        assert_eq!(
            institution_names("National University of Defense Technology, Changsha, China"),
            "National University of Defense Technology"
        );
        assert_eq!(
            institution_names("Harbin Institute of Technology"),
            "Harbin Institute of Technology"
        );
        assert_eq!(institution_names("China"), "");
        assert_eq!(
            institution_names("Stanford Univ, Dept Phys, Stanford, CA 94305 USA"),
            "Stanford Univ, Dept Phys, Stanford",
            "a city is only known as such before a country; the matcher ignores it"
        );
    }

    #[test]
    fn bracketed_and_corresponding_authors_are_read() {
        let e = entries(
            "[Zhang, Wei; Li, Ming] Natl Univ Def Technol, Changsha 410073, Peoples R China.",
        );
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].names, vec!["Zhang, Wei", "Li, Ming"]);
        assert_eq!(
            e[0].affiliation,
            "Natl Univ Def Technol, Changsha 410073, Peoples R China"
        );
        let e = entries(
            "Zhang, W (Corresponding Author), Harbin Inst Technol, Harbin, Peoples R China.",
        );
        assert_eq!(e[0].names, vec!["Zhang, W"]);
        assert_eq!(
            e[0].affiliation,
            "Harbin Inst Technol, Harbin, Peoples R China"
        );
        let e = entries("Natl Univ Def Technol, Changsha, China; DESY, Hamburg, Germany");
        assert_eq!(e.len(), 2);
        assert!(e.iter().all(|x| x.names.is_empty()));
    }

    #[test]
    fn name_spellings_of_one_person_agree() {
        assert!(same_person("Zhang, Wei", "Zhang, W"));
        assert!(same_person("Zhang, W.", "Wei Zhang"));
        assert!(!same_person("Zhang, Wei", "Zhang, Ming"));
        assert!(!same_person("Zhang, Wei", "Li, Wei"));
    }
}
