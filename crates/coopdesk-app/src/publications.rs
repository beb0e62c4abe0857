//! The co-publication check: a partner's publication lists, exported by the office from Web of
//! Science, Scopus, OpenAlex or a reference manager, screened author affiliation by author
//! affiliation against the stored restriction lists (`coopdesk pubs check CASE_ID FILE...`).
//!
//! Files are read by `coopdesk-pubs` (all or nothing: one unreadable file refuses the check, naming
//! file, line or JSON path, and field). Each distinct affiliation is screened once, as the part of
//! it that names organisations ([`coopdesk_pubs::institution_names`]), with the matcher and the
//! screeners partners are screened with (parents and units included). A co-authorship is an author
//! of a work with an affiliation that hits a listed entity; each author, work and entity is
//! reported once, with the best-scoring affiliation. Nothing is stored: the check reads the files
//! and the lists and reports.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use coopdesk_core::Problem;
use coopdesk_pubs::{Format, ReadError, Work, institution_names};
use coopdesk_screen::MATCH_THRESHOLD;

use crate::Desk;
use crate::api::{Coauthorship, DeskError, ErrorCode, ProblemAt, PubHit, PubsCheck, PubsFile};
use crate::screening::{ListHit, ListIndex};

impl Desk {
    /// Reads the publication lists in `files` and reports the co-authorships of their authors with
    /// listed institutions, for case `case_id` (which must exist).
    pub fn check_publications(
        &self,
        case_id: &str,
        files: &[PathBuf],
    ) -> Result<PubsCheck, DeskError> {
        let (index, partner_hits) = {
            let store = self.store();
            store.case(case_id)?;
            let screening = self.screening_in(&store, case_id)?;
            let partner_hits: HashSet<(String, String)> = screening
                .partners
                .iter()
                .flat_map(|p| {
                    p.hits
                        .iter()
                        .map(|h| (h.list_name.clone(), h.entity.clone()))
                })
                .collect();
            (self.list_index(&store)?, partner_hits)
        };
        let mut read = Vec::with_capacity(files.len());
        for path in files {
            read.push(read_publications(path)?);
        }
        Ok(check(case_id, &read, &index, &partner_hits))
    }
}

/// One file as read: its name, format and works.
pub(crate) struct ReadFile {
    pub file: String,
    pub format: Format,
    pub works: Vec<Work>,
}

fn read_publications(path: &Path) -> Result<ReadFile, DeskError> {
    use std::io::Read;
    let shown = path.display().to_string();
    let f =
        std::fs::File::open(path).map_err(|e| crate::error::io_error("cannot read", path, &e))?;
    let mut bytes = Vec::new();
    // One byte past the limit is enough for the reader to report the file as too large.
    f.take(coopdesk_pubs::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::error::io_error("cannot read", path, &e))?;
    let (format, works) = coopdesk_pubs::read(&shown, &bytes, None).map_err(read_error)?;
    Ok(ReadFile {
        file: shown,
        format,
        works,
    })
}

/// A refused publication list as the boundary error: the message names file, line or path, and
/// field; the problems carry them separately.
fn read_error(e: ReadError) -> DeskError {
    let message = e.to_string();
    let at = |file: &str, line: Option<usize>, path: String, text: String| ProblemAt {
        file: file.to_owned(),
        problem: Problem {
            path,
            line,
            column: None,
            message: text,
        },
    };
    let problems = match &e {
        ReadError::Invalid { file, problems, .. } => problems
            .iter()
            .map(|p| at(file, p.line, p.location(), p.message.clone()))
            .collect(),
        ReadError::NotUtf8 { file, line, .. } => {
            vec![at(file, Some(*line), String::new(), "not UTF-8".into())]
        }
        ReadError::TooLarge { file, .. } | ReadError::UnknownFormat { file } => {
            vec![at(file, None, String::new(), message.clone())]
        }
        // `ReadError` may gain variants; each still names its file in the message.
        #[allow(unreachable_patterns)]
        _ => Vec::new(),
    };
    DeskError {
        code: ErrorCode::InputInvalid,
        message,
        problems,
    }
}

/// Screens the works' affiliations (each distinct one once) and collects the co-authorships.
pub(crate) fn check(
    case_id: &str,
    files: &[ReadFile],
    index: &ListIndex,
    partner_hits: &HashSet<(String, String)>,
) -> PubsCheck {
    // Affiliation as written → what is screened → hits. Two addresses of one institution often
    // reduce to the same names and are screened once.
    let mut screened: HashMap<String, Vec<ListHit>> = HashMap::new();
    let mut by_affiliation: HashMap<&str, String> = HashMap::new();
    for f in files {
        for w in &f.works {
            for a in w.all_affiliations() {
                if by_affiliation.contains_key(a) {
                    continue;
                }
                let names = institution_names(a);
                if !names.is_empty() && !screened.contains_key(&names) {
                    let hits = index.matches(&[names.as_str()], false);
                    screened.insert(names.clone(), hits);
                }
                by_affiliation.insert(a, names);
            }
        }
    }
    let mut coauthorships = Vec::new();
    let mut works = 0;
    let mut without = 0;
    for f in files {
        for w in &f.works {
            works += 1;
            if w.all_affiliations().is_empty() {
                without += 1;
                continue;
            }
            let people = w
                .authors
                .iter()
                .map(|a| (Some(a.name.as_str()), a.affiliations.as_slice()))
                .chain(std::iter::once((None, w.affiliations.as_slice())));
            for (author, affiliations) in people {
                // entity and list → position in `found`, so each is reported once per author.
                let mut found: Vec<Coauthorship> = Vec::new();
                for aff in affiliations {
                    let Some(names) = by_affiliation.get(aff.as_str()) else {
                        continue;
                    };
                    for h in screened.get(names).map(Vec::as_slice).unwrap_or_default() {
                        let same = found.iter_mut().find(|c| {
                            c.hit.entity == h.hit.entity && c.hit.list_name == h.list_name
                        });
                        match same {
                            Some(c) if c.hit.score >= h.hit.score => {}
                            Some(c) => {
                                c.affiliation = aff.clone();
                                c.screened = names.clone();
                                c.hit = pub_hit(h);
                            }
                            None => found.push(Coauthorship {
                                work: w.title.clone().unwrap_or_else(|| w.id.clone()),
                                year: w.year,
                                author: author.map(str::to_owned),
                                affiliation: aff.clone(),
                                hit: pub_hit(h),
                                work_id: w.id.clone(),
                                doi: w.doi.clone(),
                                file: f.file.clone(),
                                screened: names.clone(),
                                partner_hit: partner_hits
                                    .contains(&(h.list_name.clone(), h.hit.entity.clone())),
                            }),
                        }
                    }
                }
                coauthorships.extend(found);
            }
        }
    }
    PubsCheck {
        case: case_id.to_owned(),
        works,
        affiliations: by_affiliation.len(),
        coauthorships,
        works_without_affiliations: without,
        files: files
            .iter()
            .map(|f| PubsFile {
                file: f.file.clone(),
                format: f.format,
                works: f.works.len(),
            })
            .collect(),
        lists: index.labels(),
        threshold: MATCH_THRESHOLD,
    }
}

fn pub_hit(h: &ListHit) -> PubHit {
    PubHit {
        entity: h.hit.entity.clone(),
        list: h.hit.list.clone(),
        list_name: h.list_name.clone(),
        score: h.hit.score,
        name: h.hit.name.clone(),
        matched: h.hit.matched.clone(),
        why: h.hit.why.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = r#"{"format": "coopdesk.case/v1", "id": "PUB-1", "title": "Laser-plasma beamtime",
      "partners": [{"name": "Harbin Institute of Technology", "country": "CN", "kind": "university", "role": "lead"}]}"#;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../coopdesk-pubs/tests/fixtures")
            .join(name)
    }

    fn desk() -> (tempfile::TempDir, Desk) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let desk = Desk::open(&dir.path().join("t.sqlite")).unwrap_or_else(|e| panic!("{e:?}"));
        let case = dir.path().join("c.case.json");
        std::fs::write(&case, CASE).unwrap_or_else(|e| panic!("{e}"));
        desk.import_files(&[case])
            .unwrap_or_else(|e| panic!("{e:?}"));
        (dir, desk)
    }

    #[test]
    fn every_format_finds_its_co_author_at_a_listed_university_and_nothing_else() {
        let (_dir, desk) = desk();
        let files: Vec<PathBuf> = [
            "wos.ris",
            "scopus.bib",
            "wos.bib",
            "zotero.json",
            "openalex.json",
        ]
        .into_iter()
        .map(fixture)
        .collect();
        let r = desk
            .check_publications("PUB-1", &files)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.works, 3 + 2 + 1 + 2 + 2);
        assert_eq!(r.works_without_affiliations, 1, "the RIS editorial");
        let found: Vec<(String, Option<String>, String)> = r
            .coauthorships
            .iter()
            .map(|c| {
                let file = Path::new(&c.file)
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (file, c.author.clone(), c.hit.entity.clone())
            })
            .collect();
        let expected: Vec<(String, Option<String>, String)> = [
            ("wos.ris", Some("Zhang, W"), "el-hit"),
            ("wos.ris", Some("Li, M"), "el-hit"),
            ("scopus.bib", None, "el-nudt"),
            ("wos.bib", Some("Zhou, Hao"), "el-buaa"),
            ("zotero.json", Some("Zhao, Qiang"), "el-hit"),
            ("openalex.json", Some("Wei Zhang"), "el-nudt"),
        ]
        .into_iter()
        .map(|(f, a, e)| (f.to_owned(), a.map(str::to_owned), e.to_owned()))
        .collect();
        assert_eq!(found, expected, "{:#?}", r.coauthorships);
        let hit = &r.coauthorships[0];
        assert_eq!(hit.hit.list_name, "bundled");
        assert!(hit.hit.score >= MATCH_THRESHOLD);
        assert_eq!(hit.year, Some(2022));
        assert_eq!(
            hit.affiliation, "Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China",
            "the affiliation as written"
        );
        assert!(hit.partner_hit, "the case's partner is HIT itself");
        assert!(
            r.coauthorships
                .iter()
                .filter(|c| c.hit.entity == "el-nudt")
                .all(|c| !c.partner_hit),
            "NUDT is not the partner"
        );
    }

    #[test]
    fn an_unknown_case_and_a_broken_file_are_refused() {
        let (dir, desk) = desk();
        let e = desk
            .check_publications("NOPE", &[fixture("wos.ris")])
            .err()
            .map(|e| e.code);
        assert_eq!(e, Some(ErrorCode::CaseNotFound));
        let broken = dir.path().join("cut.ris");
        std::fs::write(&broken, "TY  - JOUR\nAU  - Zhang, W\n").unwrap_or_else(|e| panic!("{e}"));
        let e = desk
            .check_publications("PUB-1", &[fixture("wos.ris"), broken])
            .err()
            .unwrap_or_else(|| panic!("a cut-off file refuses the check"));
        assert_eq!(e.code, ErrorCode::InputInvalid);
        assert_eq!(e.problems.len(), 1);
        assert_eq!(e.problems[0].problem.line, Some(1));
        assert_eq!(e.problems[0].problem.path, "ER");
    }
}
