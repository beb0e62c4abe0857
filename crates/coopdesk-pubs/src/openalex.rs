//! OpenAlex works JSON: one work, an array of works, or an API page `{"meta": …, "results": [...]}`.
//! Read: `id`, `doi`, `title` (or `display_name`), `publication_year`, `authorships[]` with
//! `author.display_name` (or `raw_author_name`), `institutions[].display_name` and `.country_code`,
//! and `raw_affiliation_strings` (the affiliation as printed, which names units the institution
//! list leaves out).

use serde_json::Value;

use crate::error::{Problem, Problems, ReadError};
use crate::json::{self, array, index, kind, member, string};
use crate::text::{clean_doi, collapse};
use crate::{Author, Work, push_unique};

pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Work>, ReadError> {
    let mut problems = Problems::default();
    let mut works = Vec::new();
    if let Some(root) = json::parse(text, &mut problems) {
        let (items, path): (Vec<&Value>, &str) = match &root {
            Value::Array(a) => (a.iter().collect(), ""),
            Value::Object(o) if o.contains_key("results") => match o.get("results") {
                Some(Value::Array(a)) => (a.iter().collect(), "results"),
                Some(other) => {
                    problems.push(Problem::json(
                        "",
                        "results",
                        format!("expected an array of works, found {}", kind(other)),
                    ));
                    (Vec::new(), "results")
                }
                None => (Vec::new(), "results"),
            },
            Value::Object(_) => (vec![&root], "$single"),
            other => {
                problems.push(Problem::json(
                    "",
                    "",
                    format!(
                        "expected an OpenAlex work, an array of works or a results page, found {}",
                        kind(other)
                    ),
                ));
                (Vec::new(), "")
            }
        };
        for (i, item) in items.into_iter().enumerate() {
            if problems.full() {
                break;
            }
            let at = if path == "$single" {
                String::new()
            } else {
                index(path, i)
            };
            if let Some(w) = work(item, &at, &mut problems) {
                works.push(w);
            }
        }
    }
    problems.finish(file, works)
}

fn work(item: &Value, path: &str, problems: &mut Problems) -> Option<Work> {
    if !item.is_object() {
        problems.push(Problem::json(
            path,
            "",
            format!(
                "expected an OpenAlex work (an object), found {}",
                kind(item)
            ),
        ));
        return None;
    }
    let id = string(item, path, "id", problems);
    let doi = string(item, path, "doi", problems).and_then(|d| clean_doi(&d));
    let title = string(item, path, "title", problems)
        .or_else(|| string(item, path, "display_name", problems))
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty());
    let year = match item.get("publication_year") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let y = json::year(v);
            if y.is_none() {
                problems.push(Problem::json(
                    path,
                    "publication_year",
                    format!("expected a year such as 2021, found {}", kind(v)),
                ));
            }
            y
        }
    };
    let mut authors = Vec::new();
    let mut unattributed = Vec::new();
    let ap = member(path, "authorships");
    for (i, a) in array(item, path, "authorships", problems)
        .iter()
        .enumerate()
    {
        let at = index(&ap, i);
        if !a.is_object() {
            problems.push(Problem::json(
                &at,
                "",
                format!("expected an authorship (an object), found {}", kind(a)),
            ));
            continue;
        }
        let name = match a.get("author") {
            Some(author @ Value::Object(_)) => {
                string(author, &member(&at, "author"), "display_name", problems)
            }
            None | Some(Value::Null) => None,
            Some(other) => {
                problems.push(Problem::json(
                    &at,
                    "author",
                    format!("expected an object, found {}", kind(other)),
                ));
                None
            }
        }
        .or_else(|| string(a, &at, "raw_author_name", problems))
        .map(|n| collapse(&n))
        .unwrap_or_default();
        let mut affiliations = Vec::new();
        let mut countries = Vec::new();
        let ip = member(&at, "institutions");
        for (j, inst) in array(a, &at, "institutions", problems).iter().enumerate() {
            let jp = index(&ip, j);
            if !inst.is_object() {
                problems.push(Problem::json(
                    &jp,
                    "",
                    format!("expected an institution (an object), found {}", kind(inst)),
                ));
                continue;
            }
            if let Some(n) = string(inst, &jp, "display_name", problems) {
                push_unique(&mut affiliations, collapse(&n));
            }
            if let Some(c) = string(inst, &jp, "country_code", problems) {
                push_unique(&mut countries, c.trim().to_ascii_uppercase());
            }
        }
        let rp = member(&at, "raw_affiliation_strings");
        for (j, raw) in array(a, &at, "raw_affiliation_strings", problems)
            .iter()
            .enumerate()
        {
            match raw {
                Value::String(s) => push_unique(&mut affiliations, collapse(s)),
                other => problems.push(Problem::json(
                    &index(&rp, j),
                    "",
                    format!("expected a string, found {}", kind(other)),
                )),
            }
        }
        if name.is_empty() {
            // An authorship without a name still says an affiliation took part.
            for aff in affiliations {
                push_unique(&mut unattributed, aff);
            }
        } else {
            authors.push(Author {
                name,
                affiliations,
                countries,
            });
        }
    }
    let at = if path.is_empty() {
        "the work".to_owned()
    } else {
        path.to_owned()
    };
    Some(Work {
        id: id.or_else(|| doi.clone()).unwrap_or_else(|| at.clone()),
        title,
        year,
        doi,
        authors,
        affiliations: unattributed,
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"{"meta": {"count": 1, "page": 1, "per_page": 25},
      "results": [{"id": "https://openalex.org/W4200000001", "doi": "https://doi.org/10.1016/j.nima.2021.165000",
        "title": "Beam diagnostics", "display_name": "Beam diagnostics", "publication_year": 2021,
        "authorships": [
          {"author_position": "first", "author": {"id": "https://openalex.org/A1", "display_name": "Wei Zhang"},
           "institutions": [{"id": "https://openalex.org/I1", "display_name": "National University of Defense Technology", "country_code": "CN", "type": "education"}],
           "raw_affiliation_strings": ["College of Advanced Interdisciplinary Studies, National University of Defense Technology, Changsha 410073, China"]},
          {"author_position": "last", "author": {"display_name": "Hans Müller"},
           "institutions": [{"display_name": "Deutsches Elektronen-Synchrotron DESY", "country_code": "DE"}],
           "raw_affiliation_strings": []}]}]}"#;

    #[test]
    fn an_api_page_is_read_with_institutions_and_raw_strings() {
        let works = parse("p.json", PAGE).unwrap_or_else(|e| panic!("{e}"));
        let w = &works[0];
        assert_eq!(w.id, "https://openalex.org/W4200000001");
        assert_eq!(w.doi.as_deref(), Some("10.1016/j.nima.2021.165000"));
        assert_eq!(w.year, Some(2021));
        assert_eq!(w.authors[0].affiliations.len(), 2);
        assert_eq!(w.authors[0].countries, vec!["CN"]);
        assert_eq!(w.at, "results[0]");
    }

    #[test]
    fn a_wrong_type_is_named_by_its_path() {
        let text = r#"[{"id": "https://openalex.org/W1", "authorships": [{"author": {"display_name": "A"}, "institutions": "NUDT"}]}]"#;
        let e = parse("o.json", text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains(
                "o.json: [0].authorships[0].institutions: expected an array, found a string"
            ),
            "{e}"
        );
    }
}
