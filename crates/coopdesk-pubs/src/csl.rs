//! CSL-JSON: an array of items (a single item is read too). Read: `id`, `title`, `DOI`, `author[]`
//! (`family`, `given`, `literal`) with the non-standard `author[].affiliation[]` (strings, or
//! objects with `name`, as Zotero and others write it), `issued` (`date-parts`, or `raw`/`literal`).

use serde_json::Value;

use crate::error::{Problem, Problems, ReadError};
use crate::json::{self, array, index, kind, member, string};
use crate::text::{clean_doi, collapse};
use crate::{Author, Work, push_unique};

pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Work>, ReadError> {
    let mut problems = Problems::default();
    let mut works = Vec::new();
    if let Some(root) = json::parse(text, &mut problems) {
        match &root {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if problems.full() {
                        break;
                    }
                    if let Some(w) = work(item, &index("", i), &mut problems) {
                        works.push(w);
                    }
                }
            }
            Value::Object(_) => works.extend(work(&root, "", &mut problems)),
            other => problems.push(Problem::json(
                "",
                "",
                format!("expected an array of CSL items, found {}", kind(other)),
            )),
        }
    }
    problems.finish(file, works)
}

fn work(item: &Value, path: &str, problems: &mut Problems) -> Option<Work> {
    if !item.is_object() {
        problems.push(Problem::json(
            path,
            "",
            format!("expected a CSL item (an object), found {}", kind(item)),
        ));
        return None;
    }
    let id = match item.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        None | Some(Value::Null) => None,
        Some(other) => {
            problems.push(Problem::json(
                path,
                "id",
                format!("expected a string or number, found {}", kind(other)),
            ));
            None
        }
    };
    let title = string(item, path, "title", problems)
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty());
    let doi = string(item, path, "DOI", problems).and_then(|d| {
        let clean = clean_doi(&d);
        if clean.is_none() && !d.trim().is_empty() {
            problems.push(Problem::json(
                path,
                "DOI",
                format!("expected a DOI such as 10.1103/PhysRevLett.1.1, found \"{d}\""),
            ));
        }
        clean
    });
    let mut authors = Vec::new();
    let author_path = member(path, "author");
    for (i, a) in array(item, path, "author", problems).iter().enumerate() {
        let at = index(&author_path, i);
        if !a.is_object() {
            problems.push(Problem::json(
                &at,
                "",
                format!("expected a name object, found {}", kind(a)),
            ));
            continue;
        }
        let family = string(a, &at, "family", problems).unwrap_or_default();
        let given = string(a, &at, "given", problems).unwrap_or_default();
        let literal = string(a, &at, "literal", problems).unwrap_or_default();
        let name = match (literal.trim(), family.trim(), given.trim()) {
            (l, _, _) if !l.is_empty() => l.to_owned(),
            (_, f, g) if !f.is_empty() && !g.is_empty() => format!("{f}, {g}"),
            (_, f, g) if !f.is_empty() || !g.is_empty() => format!("{f}{g}"),
            _ => {
                problems.push(Problem::json(&at, "", "expected family, given or literal"));
                continue;
            }
        };
        let mut affiliations = Vec::new();
        match a.get("affiliation") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => push_unique(&mut affiliations, collapse(s)),
            Some(Value::Array(list)) => {
                for (j, aff) in list.iter().enumerate() {
                    match aff {
                        Value::String(s) => push_unique(&mut affiliations, collapse(s)),
                        Value::Object(_) => {
                            let aff_path = index(&member(&at, "affiliation"), j);
                            if let Some(n) = string(aff, &aff_path, "name", problems) {
                                push_unique(&mut affiliations, collapse(&n));
                            }
                        }
                        other => problems.push(Problem::json(
                            &index(&member(&at, "affiliation"), j),
                            "",
                            format!(
                                "expected a string or an object with name, found {}",
                                kind(other)
                            ),
                        )),
                    }
                }
            }
            Some(other) => problems.push(Problem::json(
                &at,
                "affiliation",
                format!("expected an array of affiliations, found {}", kind(other)),
            )),
        }
        authors.push(Author {
            name: collapse(&name),
            affiliations,
            countries: Vec::new(),
        });
    }
    let year = issued_year(item, path, problems);
    Some(Work {
        id: id.or_else(|| doi.clone()).unwrap_or_else(|| {
            if path.is_empty() {
                "item".to_owned()
            } else {
                path.to_owned()
            }
        }),
        title,
        year,
        doi,
        authors,
        affiliations: Vec::new(),
        at: if path.is_empty() {
            "the item".to_owned()
        } else {
            path.to_owned()
        },
    })
}

/// `issued.date-parts[0][0]`, or the year in `issued.raw` / `issued.literal`.
fn issued_year(item: &Value, path: &str, problems: &mut Problems) -> Option<i32> {
    let issued = item.get("issued").filter(|v| !v.is_null())?;
    let at = member(path, "issued");
    if let Some(parts) = issued.get("date-parts") {
        let first = parts.get(0).and_then(|p| p.get(0));
        return match first.and_then(json::year) {
            Some(y) => Some(y),
            None => {
                problems.push(Problem::json(
                    &at,
                    "date-parts",
                    "expected [[year, month, day]] with a four-digit year",
                ));
                None
            }
        };
    }
    let text = string(issued, &at, "raw", problems)
        .or_else(|| string(issued, &at, "literal", problems))?;
    crate::text::year_in(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zotero_style_affiliations_are_read() {
        let text = r#"[{"id": "http://zotero.org/users/1/items/ABC", "type": "article-journal",
          "title": "Spin dynamics", "DOI": "10.1038/s41567-022-01234-5",
          "author": [{"family": "Li", "given": "Ming", "affiliation": [{"name": "Beihang University, Beijing, China"}]},
                     {"family": "Weber", "given": "Anna", "affiliation": ["Helmholtz-Zentrum Berlin"]},
                     {"literal": "ATLAS Collaboration"}],
          "issued": {"date-parts": [[2022, 4]]}}]"#;
        let works = parse("z.json", text).unwrap_or_else(|e| panic!("{e}"));
        let w = &works[0];
        assert_eq!(w.year, Some(2022));
        assert_eq!(w.authors[0].name, "Li, Ming");
        assert_eq!(
            w.authors[0].affiliations,
            vec!["Beihang University, Beijing, China"]
        );
        assert_eq!(w.authors[2].name, "ATLAS Collaboration");
    }

    #[test]
    fn wrong_types_are_named_by_json_path_and_syntax_errors_by_line() {
        let text = r#"[{"title": "ok"}, {"author": [{"family": 3}], "issued": {"date-parts": [["soon"]]}}]"#;
        let e = parse("b.json", text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("b.json: [1].author[0].family: expected a string, found a number"),
            "{e}"
        );
        assert!(
            e.contains("b.json: [1].issued.date-parts: expected [[year"),
            "{e}"
        );
        let e = parse("s.json", "[\n{\"title\": \"x\",}\n]")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("s.json: line 2: not valid JSON"), "{e}");
    }
}
