//! Partner cells: several partners in one cell, each with an optional country in brackets.
//!
//! Partners are separated by line breaks, `;` (also the full-width `；`), the Chinese enumeration
//! comma `、`, and `/`. A slash is a separator only where it stands between words: with a space on
//! either side, or between two words of three or more characters. Between short words it is part of
//! a name — `Haldor Topsøe A/S`, `TU/e`, `R/D` — and inside brackets it never separates
//! (`(CN/HK)`). Commas never separate: names such as "Institute of Physics, CAS" contain them.

use coopdesk_core::CountryCode;

use crate::countries::country;
use crate::fold::is_cjk;

/// One partner as written in a register cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenPartner {
    /// The name as written (any script), without the brackets read below.
    pub name: String,
    /// A Chinese name written beside a name in Latin letters (`Tsinghua University 清华大学` or
    /// `Tsinghua University (清华大学)`).
    pub name_zh: Option<String>,
    /// Short names written in brackets (`Institute of High Energy Physics (IHEP)`).
    pub aliases: Vec<String>,
    /// The country written in brackets (`(CN)`, `(China)`, `(VR China)`) or after a last comma
    /// (`Tsinghua University, China`).
    pub country: Option<CountryCode>,
    /// Bracketed text, kept in the name, that names no country Cooperation Desk knows though it
    /// looks like one (a single capitalised word: `(Japn)`, or a city); named in the problem when
    /// the partner has no country, so a misspelt country is not silently ignored.
    pub unknown_country: Option<String>,
}

/// Splits a cell into the partners it names.
pub fn split_partners(cell: &str) -> Vec<WrittenPartner> {
    let mut out: Vec<WrittenPartner> = Vec::new();
    for piece in split_pieces(cell) {
        let p = read_partner(&piece);
        // A bracket on a line of its own belongs to the partner before it.
        if p.name.is_empty() {
            if let Some(last) = out.last_mut() {
                if last.country.is_none() {
                    last.country = p.country;
                }
                last.aliases.extend(p.aliases);
                if last.name_zh.is_none() {
                    last.name_zh = p.name_zh;
                }
            }
            continue;
        }
        out.push(p);
    }
    out
}

/// Splits at the separators described in the module documentation.
fn split_pieces(cell: &str) -> Vec<String> {
    let chars: Vec<char> = cell.chars().collect();
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let split = match c {
            '\n' | '\r' => true,
            ';' | '；' | '、' => depth == 0,
            '/' => depth == 0 && slash_separates(&chars, i),
            _ => false,
        };
        if split {
            // A line break ends any bracket left open by a typo, so it cannot swallow the rest.
            if c == '\n' || c == '\r' {
                depth = 0;
            }
            pieces.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    pieces.push(current);
    pieces
        .into_iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether the slash at `i` separates two partners (see the module documentation).
fn slash_separates(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(i + 1).copied();
    if before.is_none_or(char::is_whitespace) || after.is_none_or(char::is_whitespace) {
        return true;
    }
    let word_before = chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .count();
    let word_after = chars[i + 1..]
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .count();
    // Chinese names have no spaces: two characters already make a word (北大/清华).
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);
    let long = |n: usize, c: Option<char>| n >= 3 || (cjk(c) && n >= 2);
    long(word_before, before) && long(word_after, after)
}

/// Reads the brackets and a trailing country of one partner.
fn read_partner(piece: &str) -> WrittenPartner {
    let mut p = WrittenPartner {
        name: String::new(),
        name_zh: None,
        aliases: Vec::new(),
        country: None,
        unknown_country: None,
    };
    let mut rest = piece.trim().to_owned();
    // Trailing bracket groups, innermost last: "Name (IHEP) (CN)"; then a country after a last
    // comma, which may stand after a bracket ("Tsinghua University (清华大学), China").
    loop {
        read_brackets(&mut rest, &mut p);
        if p.country.is_some() {
            break;
        }
        let Some((head, tail)) = rest.rsplit_once(',') else {
            break;
        };
        let Some(c) = country(tail) else {
            break;
        };
        p.country = Some(c);
        rest = head.trim_end().to_owned();
    }
    // "Tsinghua University 清华大学" / "清华大学 Tsinghua University"
    if p.name_zh.is_none()
        && rest.chars().any(is_cjk)
        && rest.chars().any(|c| c.is_ascii_alphabetic())
        && let Some((latin, zh)) = split_scripts(&rest)
    {
        p.name_zh = Some(zh);
        rest = latin;
    }
    p.name = rest
        .trim()
        .trim_matches(|c: char| c == ',' || c == '-')
        .trim()
        .to_owned();
    p
}

/// Reads the bracket groups at the end of `rest` into `p`, leaving what comes before them.
fn read_brackets(rest: &mut String, p: &mut WrittenPartner) {
    while let Some((inner, before)) = trailing_bracket(rest) {
        let inner = inner.trim();
        if let Some(c) = country(inner) {
            if p.country.is_none() {
                p.country = Some(c);
            }
        } else if !inner.is_empty()
            && inner.chars().any(is_cjk)
            && !inner.chars().any(|c| c.is_ascii_alphabetic())
        {
            p.name_zh = Some(inner.to_owned());
        } else if looks_like_acronym(inner) {
            p.aliases.insert(0, inner.to_owned());
        } else {
            // A bracket that is part of the name (a city, "Campus Bahrenfeld"). A single
            // capitalised word may also be a misspelt country: it is kept in the name, and named
            // if the partner ends up without a country.
            if looks_like_country_word(inner) && p.country.is_none() {
                p.unknown_country = Some(inner.to_owned());
            }
            break;
        }
        *rest = before.trim_end().to_owned();
    }
}

/// The text inside a bracket group at the end of `s` and the text before it.
fn trailing_bracket(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_end();
    let close = s.chars().last()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        ']' => '[',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                let inner = &s[i + c.len_utf8()..s.len() - close.len_utf8()];
                return Some((inner, &s[..i]));
            }
        }
    }
    None
}

/// A short name in brackets: one token without spaces, with at least two capital letters
/// (`IHEP`, `USTC`, `CAS`, `FZJ`, `SINAP`), at most 15 characters.
fn looks_like_acronym(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 15
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == '&')
        && s.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// A single word of letters starting with a capital, as a country name is written.
fn looks_like_country_word(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_alphabetic)
}

/// Splits a name written in both scripts into its Latin and its Chinese part, when the Chinese
/// part is a run at the start or the end, apart from the rest by a space.
fn split_scripts(s: &str) -> Option<(String, String)> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let cjk_word = |w: &&str| w.chars().any(is_cjk) && !w.chars().any(|c| c.is_ascii_alphabetic());
    let lead = words.iter().take_while(|w| cjk_word(w)).count();
    let trail = words.iter().rev().take_while(|w| cjk_word(w)).count();
    let (zh, latin) = if trail > 0 && trail < words.len() {
        (
            words[words.len() - trail..].join(""),
            words[..words.len() - trail].join(" "),
        )
    } else if lead > 0 && lead < words.len() {
        (words[..lead].join(""), words[lead..].join(" "))
    } else {
        return None;
    };
    Some((latin, zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cell: &str) -> Vec<(String, Option<String>)> {
        split_partners(cell)
            .into_iter()
            .map(|p| (p.name, p.country.map(|c| c.as_str().to_owned())))
            .collect()
    }

    fn n(name: &str, c: Option<&str>) -> (String, Option<String>) {
        (name.to_owned(), c.map(str::to_owned))
    }

    #[test]
    fn separators() {
        assert_eq!(
            names(
                "Tsinghua University (CN); Peking University (China)\nFudan University (VR China)"
            ),
            vec![
                n("Tsinghua University", Some("CN")),
                n("Peking University", Some("CN")),
                n("Fudan University", Some("CN"))
            ]
        );
        assert_eq!(
            names("Zhejiang University / Nanjing University"),
            vec![
                n("Zhejiang University", None),
                n("Nanjing University", None)
            ]
        );
        assert_eq!(
            names("Tsinghua University/Peking University"),
            vec![n("Tsinghua University", None), n("Peking University", None)]
        );
        assert_eq!(
            names("清华大学/北京大学"),
            vec![n("清华大学", None), n("北京大学", None)]
        );
        assert_eq!(
            names("清华大学、北京大学"),
            vec![n("清华大学", None), n("北京大学", None)]
        );
    }

    #[test]
    fn slashes_inside_names_stay() {
        assert_eq!(
            names("Haldor Topsøe A/S (DK)"),
            vec![n("Haldor Topsøe A/S", Some("DK"))]
        );
        assert_eq!(names("TU/e (NL)"), vec![n("TU/e", Some("NL"))]);
        assert_eq!(
            names("Hong Kong Polytechnic (CN/HK); CNRS (FR)"),
            vec![
                n("Hong Kong Polytechnic (CN/HK)", None),
                n("CNRS", Some("FR"))
            ]
        );
    }

    #[test]
    fn brackets_and_scripts() {
        let ps = split_partners("Institute of High Energy Physics (IHEP) (CN)");
        assert_eq!(ps[0].name, "Institute of High Energy Physics");
        assert_eq!(ps[0].aliases, vec!["IHEP".to_owned()]);
        assert_eq!(ps[0].country.as_ref().map(CountryCode::as_str), Some("CN"));

        let ps = split_partners("Tsinghua University 清华大学 (CN)");
        assert_eq!(ps[0].name, "Tsinghua University");
        assert_eq!(ps[0].name_zh.as_deref(), Some("清华大学"));

        let ps = split_partners("Tsinghua University (清华大学), China");
        assert_eq!(ps[0].name, "Tsinghua University");
        assert_eq!(ps[0].name_zh.as_deref(), Some("清华大学"));
        assert_eq!(ps[0].country.as_ref().map(CountryCode::as_str), Some("CN"));

        let ps = split_partners("中国科学院物理研究所（中国）");
        assert_eq!(ps[0].name, "中国科学院物理研究所");
        assert_eq!(ps[0].country.as_ref().map(CountryCode::as_str), Some("CN"));

        let ps = split_partners("Institute of Physics, CAS");
        assert_eq!(
            ps[0].name, "Institute of Physics, CAS",
            "a comma is part of the name"
        );

        let ps = split_partners("University of Tokyo (Japn)");
        assert_eq!(ps[0].unknown_country.as_deref(), Some("Japn"));
        assert_eq!(ps[0].name, "University of Tokyo (Japn)");

        let ps = split_partners("Universität Hamburg (Campus Bahrenfeld)");
        assert_eq!(ps[0].name, "Universität Hamburg (Campus Bahrenfeld)");
    }
}
