//! The co-publication check: a partner's publication lists, exported by the office from Web of
//! Science, Scopus, OpenAlex or a reference manager, screened author affiliation by author
//! affiliation against the stored restriction lists (`coopdesk pubs check CASE_ID FILE...`).
//!
//! Files are read by `coopdesk-pubs` (all or nothing: one unreadable file refuses the check, naming
//! file, line or JSON path, and field). Each distinct affiliation is screened once, as the part of
//! it that names organisations ([`coopdesk_pubs::institution_names`]), with the matcher and the
//! screeners partners are screened with (parents and units included). A co-authorship is an author
//! of a work with an affiliation that hits a listed entity; each author, work and entity is
//! reported once, with the best-scoring affiliation.
//!
//! [`Desk::record_publication_check`] stores the check (files with their SHA-256, counts, the list
//! snapshots used, the co-authorships) with its audit entry and the case's re-assessment;
//! [`Desk::check_publications`] only reports (`--dry-run`). Reviewers confirm or dismiss each
//! co-authorship ([`Desk::review_coauthorship`]); a decision belongs to the co-authorship's
//! fingerprint ([`coauthorship_key`]) and carries over to later checks that find it again.
//! Co-authorships that are not the partner's own hit feed the assessment
//! ([`coauthorship_findings`]): confirmed ones as facts, unreviewed ones as open points.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use coopdesk_assess::CoauthorshipFinding;
use coopdesk_core::digest::sha256_hex;
use coopdesk_core::review::{HitDecision, ReviewState};
use coopdesk_core::{Problem, Problems};
use coopdesk_pubs::{Format, ReadError, Work, institution_names};
use coopdesk_screen::MATCH_THRESHOLD;
use coopdesk_store::{CoauthorshipReview, PubCheckFile, PubCheckRecord, Store, StoredCoauthorship};

use crate::Desk;
use crate::api::{
    Coauthorship, CoauthorshipDecision, DeskError, ErrorCode, ProblemAt, PubHit, PubsCheck,
    PubsFile,
};
use crate::screening::{ListHit, ListIndex, ReviewBook};

impl Desk {
    /// Reads the publication lists in `files` and reports the co-authorships of their authors with
    /// listed institutions, for case `case_id` (which must exist), without storing anything: the
    /// dry run. Decisions already taken on the same co-authorships are shown.
    pub fn check_publications(
        &self,
        case_id: &str,
        files: &[PathBuf],
    ) -> Result<PubsCheck, DeskError> {
        let mut r = self.run_check(case_id, files)?;
        let reviews = self.store().current_coauthorship_reviews(case_id)?;
        apply_reviews(&mut r, &reviews);
        Ok(r)
    }

    /// Like [`Desk::check_publications`], and stores the check as the case's newest (with its audit
    /// entry), re-assessing the case in the same transaction.
    pub fn record_publication_check(
        &self,
        case_id: &str,
        files: &[PathBuf],
    ) -> Result<PubsCheck, DeskError> {
        let r = self.run_check(case_id, files)?;
        let now = self.now();
        let mut store = self.store();
        let record = to_record(&r);
        let reviews = store.current_coauthorship_reviews(case_id)?;
        let index = self.list_index(&store)?;
        let mut inputs = self.case_inputs(&store, case_id)?;
        inputs.coauthorships = findings_of(&record.coauthorships, &reviews);
        let partners = inputs.screen(&index, &ReviewBook::all(&store)?);
        let assessment = inputs.assess(&partners, &index.labels());
        store.add_publication_check(
            &record,
            &[crate::recorded::recorded(case_id, &assessment)],
            now,
        )?;
        self.stored_check(&store, case_id)?.ok_or_else(|| {
            DeskError::new(ErrorCode::Internal, "the stored check does not read back")
        })
    }

    /// The case's newest stored co-publication check with each co-authorship's review state, or
    /// `None` when no check is stored.
    pub fn publication_check(&self, case_id: &str) -> Result<Option<PubsCheck>, DeskError> {
        let store = self.store();
        store.case(case_id)?;
        self.stored_check(&store, case_id)
    }

    fn stored_check(&self, store: &Store, case_id: &str) -> Result<Option<PubsCheck>, DeskError> {
        let Some(record) = store.latest_publication_check(case_id)? else {
            return Ok(None);
        };
        let mut r = from_record(&record);
        apply_reviews(&mut r, &store.current_coauthorship_reviews(case_id)?);
        Ok(Some(r))
    }

    /// Records a reviewer's decision on co-authorship `item` of the case's newest stored check (its
    /// number from 1, or its key or a unique start of the key of at least 8 digits), re-assesses the
    /// case in the same transaction and returns the check as it now stands.
    pub fn review_coauthorship(
        &self,
        case_id: &str,
        item: &str,
        decision: HitDecision,
        by: &str,
        note: Option<&str>,
    ) -> Result<PubsCheck, DeskError> {
        // On a team database the review is the login's (asked before the store is held).
        let by = &self.signer(by)?;
        let now = self.now();
        let mut store = self.store();
        store.case(case_id)?;
        let problem = |message: String| {
            DeskError::invalid(vec![Problems::new(
                format!("review of co-authorship {item} of {case_id}"),
                vec![Problem::at("item", message)],
            )])
        };
        let Some(record) = store.latest_publication_check(case_id)? else {
            return Err(problem(format!(
                "{case_id} has no stored publication check; run `coopdesk pubs check {case_id} FILE...` first"
            )));
        };
        let wanted = item.trim().trim_start_matches('#');
        let found: Vec<&StoredCoauthorship> = match wanted.parse::<usize>() {
            Ok(n) if wanted.len() < 8 => record
                .coauthorships
                .get(n.wrapping_sub(1))
                .into_iter()
                .collect(),
            _ if wanted.len() >= 8 => record
                .coauthorships
                .iter()
                .filter(|c| c.key.starts_with(&wanted.to_ascii_lowercase()))
                .collect(),
            _ => Vec::new(),
        };
        let [c] = found.as_slice() else {
            return Err(problem(format!(
                "\"{wanted}\" is not one co-authorship of the newest check: give its number (1 to {}) or its key",
                record.coauthorships.len()
            )));
        };
        let key = c.key.clone();
        let mut reviews = store.current_coauthorship_reviews(case_id)?;
        reviews.retain(|r| r.key != key);
        reviews.push(CoauthorshipReview {
            case_id: case_id.to_owned(),
            key: key.clone(),
            decision,
            by: by.trim().to_owned(),
            at: now,
            note: None,
        });
        let index = self.list_index(&store)?;
        let mut inputs = self.case_inputs(&store, case_id)?;
        inputs.coauthorships = findings_of(&record.coauthorships, &reviews);
        let partners = inputs.screen(&index, &ReviewBook::all(&store)?);
        let assessment = inputs.assess(&partners, &index.labels());
        store.add_coauthorship_review(
            case_id,
            &key,
            decision,
            by,
            note,
            &[crate::recorded::recorded(case_id, &assessment)],
            now,
        )?;
        self.stored_check(&store, case_id)?.ok_or_else(|| {
            DeskError::new(ErrorCode::Internal, "the stored check does not read back")
        })
    }

    fn run_check(&self, case_id: &str, files: &[PathBuf]) -> Result<PubsCheck, DeskError> {
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

/// One file as read: its name, format, SHA-256 and works.
pub(crate) struct ReadFile {
    pub file: String,
    pub format: Format,
    pub sha256: String,
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
        sha256: sha256_hex(&bytes),
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
                                item: 0,
                                key: String::new(),
                                state: ReviewState::Unreviewed,
                                review: None,
                            }),
                        }
                    }
                }
                for mut c in found {
                    c.key = coauthorship_key(&c);
                    c.item = coauthorships.len() + 1;
                    coauthorships.push(c);
                }
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
                sha256: f.sha256.clone(),
            })
            .collect(),
        lists: index.labels(),
        threshold: MATCH_THRESHOLD,
        stored: None,
        checked_at: None,
        checked_by: None,
        open: 0,
        confirmed: 0,
    }
}

/// The fingerprint of what a reviewer judges about a co-authorship: the work (its DOI, else its
/// title), the year, the author, the affiliation as written, and the listed entity on its list. The
/// work's id is left out on purpose: for RIS and CSL files without ids it is the work's position,
/// which changes when the office exports the list again.
pub fn coauthorship_key(c: &Coauthorship) -> String {
    let work = c.doi.as_deref().map_or_else(
        || c.work.trim().to_owned(),
        |d| format!("doi:{}", d.trim().to_lowercase()),
    );
    let fields = [
        work,
        c.year.map(|y| y.to_string()).unwrap_or_default(),
        c.author.clone().unwrap_or_default(),
        c.affiliation.clone(),
        c.hit.list_name.clone(),
        c.hit.entity.clone(),
    ];
    // Unit separators keep ("a b", "c") and ("a", "b c") apart.
    sha256_hex(fields.join("\u{1f}").as_bytes())
}

/// Sets each co-authorship's state and decision from the current reviews, and the counts.
fn apply_reviews(r: &mut PubsCheck, reviews: &[CoauthorshipReview]) {
    let by_key: HashMap<&str, &CoauthorshipReview> =
        reviews.iter().map(|rv| (rv.key.as_str(), rv)).collect();
    for c in &mut r.coauthorships {
        let review = by_key.get(c.key.as_str());
        c.state = ReviewState::of(review.map(|rv| rv.decision));
        c.review = review.map(|rv| CoauthorshipDecision {
            decision: rv.decision,
            by: rv.by.clone(),
            at: rv.at,
            note: rv.note.clone(),
        });
    }
    let counted = || r.coauthorships.iter().filter(|c| !c.partner_hit);
    r.open = counted()
        .filter(|c| c.state == ReviewState::Unreviewed)
        .count();
    r.confirmed = counted()
        .filter(|c| c.state == ReviewState::Confirmed)
        .count();
}

/// The check as the store keeps it.
fn to_record(r: &PubsCheck) -> PubCheckRecord {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    PubCheckRecord {
        // Id, time and actor are the store's to set when it records the check.
        id: 0,
        case_id: r.case.clone(),
        checked_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
        checked_by: String::new(),
        works: count(r.works),
        works_without_affiliations: count(r.works_without_affiliations),
        affiliations: count(r.affiliations),
        threshold: r.threshold,
        lists: r.lists.clone(),
        files: r
            .files
            .iter()
            .map(|f| PubCheckFile {
                file_name: f.file.clone(),
                sha256: f.sha256.clone(),
                format: f.format.as_str().to_owned(),
                works: count(f.works),
            })
            .collect(),
        coauthorships: r
            .coauthorships
            .iter()
            .map(|c| StoredCoauthorship {
                key: c.key.clone(),
                work: c.work.clone(),
                work_id: c.work_id.clone(),
                doi: c.doi.clone(),
                year: c.year,
                author: c.author.clone(),
                affiliation: c.affiliation.clone(),
                screened: c.screened.clone(),
                file_name: c.file.clone(),
                entity_id: c.hit.entity.clone(),
                entity_name: c.hit.name.clone(),
                list_codes: c.hit.list.clone(),
                list_name: c.hit.list_name.clone(),
                score: c.hit.score,
                matched: c.hit.matched.clone(),
                why: c.hit.why.clone(),
                partner_hit: c.partner_hit,
            })
            .collect(),
    }
}

/// A stored check as the boundary reports it (review states not yet applied).
fn from_record(record: &PubCheckRecord) -> PubsCheck {
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    PubsCheck {
        case: record.case_id.clone(),
        works: count(record.works),
        affiliations: count(record.affiliations),
        coauthorships: record
            .coauthorships
            .iter()
            .enumerate()
            .map(|(i, c)| Coauthorship {
                work: c.work.clone(),
                year: c.year,
                author: c.author.clone(),
                affiliation: c.affiliation.clone(),
                hit: PubHit {
                    entity: c.entity_id.clone(),
                    list: c.list_codes.clone(),
                    list_name: c.list_name.clone(),
                    score: c.score,
                    name: c.entity_name.clone(),
                    matched: c.matched.clone(),
                    why: c.why.clone(),
                },
                work_id: c.work_id.clone(),
                doi: c.doi.clone(),
                file: c.file_name.clone(),
                screened: c.screened.clone(),
                partner_hit: c.partner_hit,
                item: i + 1,
                key: c.key.clone(),
                state: ReviewState::Unreviewed,
                review: None,
            })
            .collect(),
        works_without_affiliations: count(record.works_without_affiliations),
        files: record
            .files
            .iter()
            .map(|f| PubsFile {
                file: f.file_name.clone(),
                // The schema only admits the four format names.
                format: Format::parse(&f.format).unwrap_or(Format::Ris),
                works: count(f.works),
                sha256: f.sha256.clone(),
            })
            .collect(),
        lists: record.lists.clone(),
        threshold: record.threshold,
        stored: Some(record.id),
        checked_at: Some(record.checked_at),
        checked_by: Some(record.checked_by.clone()),
        open: 0,
        confirmed: 0,
    }
}

/// What the assessment reads from stored co-authorships: those that are not the partner's own hit
/// (the partner screening covers those) and not dismissed as false positives.
fn findings_of(
    coauthorships: &[StoredCoauthorship],
    reviews: &[CoauthorshipReview],
) -> Vec<CoauthorshipFinding> {
    let decided: HashMap<&str, HitDecision> = reviews
        .iter()
        .map(|r| (r.key.as_str(), r.decision))
        .collect();
    coauthorships
        .iter()
        .filter(|c| !c.partner_hit)
        .filter_map(|c| {
            let confirmed = match decided.get(c.key.as_str()) {
                Some(HitDecision::FalsePositive) => return None,
                Some(HitDecision::Confirmed) => true,
                None => false,
            };
            Some(CoauthorshipFinding {
                work: c.work.clone(),
                year: c.year,
                author: c.author.clone(),
                affiliation: c.affiliation.clone(),
                entity_name: c.entity_name.clone(),
                list: c.list_codes.clone(),
                list_name: c.list_name.clone(),
                confirmed,
            })
        })
        .collect()
}

/// The co-authorship findings of a case's newest stored check, for its assessment.
pub(crate) fn coauthorship_findings(
    store: &Store,
    case_id: &str,
) -> Result<Vec<CoauthorshipFinding>, DeskError> {
    let Some(record) = store.latest_publication_check(case_id)? else {
        return Ok(Vec::new());
    };
    Ok(findings_of(
        &record.coauthorships,
        &store.current_coauthorship_reviews(case_id)?,
    ))
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
