//! Restriction-list snapshots and hit review through the app API, on real SQLite files.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use coopdesk_app::Desk;
use coopdesk_app::api::ErrorCode;
use coopdesk_app::api::{HitDecision, ListFormat, PartnerScreening, ReviewState};
use coopdesk_app::screening::{BUNDLED_LIST, BUNDLED_LIST_NAME};
use coopdesk_assess::{Lang, Level};
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::NamedDocument;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("{e}")),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("cases.sqlite")
    }

    fn desk(&self) -> Desk {
        Desk::open(&self.db()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).unwrap_or_else(|e| panic!("{e}"));
        p
    }
}

/// A case with one partner, given by its English name (and aliases).
fn import_case(desk: &Desk, id: &str, partner: &str, aliases: &[&str]) {
    let json = serde_json::json!({
        "format": "coopdesk.case/v1", "id": id, "title": format!("Collaboration with {partner}"),
        "partners": [{"name": partner, "aliases": aliases, "country": "CN", "role": "co_applicant"}],
        "activities": ["joint_experiment"]
    });
    let document = read_case_document("case.json", json.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    desk.import_documents(&[NamedDocument {
        file: format!("{id}.case.json"),
        document,
    }])
    .unwrap_or_else(|e| panic!("{e:?}"));
}

fn partner(desk: &Desk, case: &str) -> PartnerScreening {
    desk.screening_for_case(case)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .partners
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{case} has a partner"))
}

fn level(desk: &Desk, case: &str) -> Level {
    desk.assess_case(case, Lang::En)
        .map(|v| v.assessment.overall)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// The assessment's JSON, to look for the screening evidence it cites.
fn assessment_text(desk: &Desk, case: &str) -> String {
    desk.assess_case(case, Lang::En)
        .map(|v| serde_json::to_string(&v.assessment).expect("the value the test needs"))
        .expect("the value the test needs")
}

const CSL_HEADER: &str = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids";

fn csl_row(id: &str, kind: &str, name: &str, alt_names: &str) -> String {
    format!(
        "{id},Entity List (EL) - Bureau of Industry and Security,,{kind},,{name},,\"Hefei, CN\",89 FR 1 (2026-01-02),2026-01-02,,,,,,,,,,,,,{alt_names},,,,,,"
    )
}

fn csl(rows: &[String]) -> String {
    let mut out = String::from(CSL_HEADER);
    for r in rows {
        out.push('\n');
        out.push_str(r);
    }
    out.push('\n');
    out
}

#[test]
fn a_fresh_database_holds_the_bundled_snapshot_with_its_provenance() {
    let env = Env::new();
    let desk = env.desk();
    let rows = desk.list_snapshots().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    let b = &rows[0];
    assert_eq!(b.list_name, BUNDLED_LIST_NAME);
    assert_eq!(b.format, ListFormat::Csv);
    assert_eq!(b.file_name, "assets/reference/restricted_entities.csv");
    assert_eq!(
        b.sha256,
        coopdesk_screen::sha256_hex(BUNDLED_LIST.as_bytes())
    );
    assert!(b.builtin && b.latest && b.previous_id.is_none());
    let data_rows = BUNDLED_LIST.lines().count() as i64 - 1;
    assert_eq!(
        (b.entry_count, b.added, b.skipped),
        (data_rows, data_rows, 0)
    );
    drop(desk);
    // Opening again recognises the stored file by its hash.
    let desk = env.desk();
    assert_eq!(desk.list_snapshots().map(|r| r.len()).unwrap_or(0), 1);
}

#[test]
fn an_import_records_provenance_rescreens_every_case_and_is_recognised_when_repeated() {
    let env = Env::new();
    let desk = env.desk();
    import_case(&desk, "C-ACME", "Hefei Quantum Photonics Co., Ltd.", &[]);
    import_case(&desk, "C-DESY", "Deutsches Elektronen-Synchrotron", &[]);
    let before = level(&desk, "C-ACME");
    assert!(partner(&desk, "C-ACME").hits.is_empty());

    let v1 = env.file(
        "csl-2026-01.csv",
        &csl(&[
            csl_row(
                "csl-1",
                "Entity",
                "Hefei Quantum Photonics Company Limited",
                "HQP",
            ),
            csl_row(
                "csl-2",
                "Entity",
                "Shenyang Aircraft Research Institute",
                "",
            ),
            csl_row("csl-3", "Individual", "Zhang San", ""),
        ]),
    );
    let outcome = desk
        .import_list(&v1, ListFormat::Csl, None)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let s = &outcome.snapshot;
    assert!(!outcome.already_imported);
    assert_eq!(s.list_name, "us_csl", "the default list of a CSL file");
    assert_eq!(s.file_name, "csl-2026-01.csv");
    assert_eq!((s.entry_count, s.skipped), (2, 1), "the person is skipped");
    assert_eq!(
        s.sha256,
        coopdesk_screen::sha256_hex(&std::fs::read(&v1).expect("a readable file"))
    );
    assert_eq!(outcome.diff.added, vec!["csl-1", "csl-2"]);
    assert_eq!(outcome.reassessed, 2, "every case is re-assessed");
    // Only the case whose partner is now listed changed, with the hit it gained and both levels.
    assert_eq!(
        outcome.changed_cases.len(),
        1,
        "{:?}",
        outcome.changed_cases
    );
    let change = &outcome.changed_cases[0];
    assert_eq!(change.case_id, "C-ACME");
    assert_eq!(change.level_before, Some(before));
    assert!(change.level_after > before, "{change:?}");
    assert_eq!(change.partners[0].gained[0].entity, "csl-1");
    assert_eq!(change.partners[0].gained[0].list_name, "us_csl");
    assert_eq!(change.partners[0].gained[0].state, ReviewState::Unreviewed);
    // The recorded level (the case list) moved with it, and screening now shows the hit.
    let hits = partner(&desk, "C-ACME").hits;
    assert_eq!(hits[0].entity, "csl-1");
    assert_eq!(hits[0].snapshot_id, s.id);
    assert_eq!(level(&desk, "C-ACME"), change.level_after);
    let screened = desk
        .screen_name("Hefei Quantum Photonics")
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(screened.hits[0].list_name, "us_csl");

    // The same file again, under another name: recognised by its hash, nothing stored.
    let copy = env.file(
        "copy.csv",
        &std::fs::read_to_string(&v1).expect("a readable file"),
    );
    let again = desk
        .import_list(&copy, ListFormat::Csl, None)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(again.already_imported);
    assert_eq!(again.snapshot.id, s.id);
    assert_eq!(desk.list_snapshots().map(|r| r.len()).unwrap_or(0), 2);

    // Next month: csl-1 dropped, csl-2 gets an alias, csl-4 is new.
    let v2 = env.file(
        "csl-2026-02.csv",
        &csl(&[
            csl_row(
                "csl-2",
                "Entity",
                "Shenyang Aircraft Research Institute",
                "601 Institute",
            ),
            csl_row("csl-4", "Entity", "Nanjing Precision Optics", ""),
        ]),
    );
    let outcome = desk
        .import_list(&v2, ListFormat::Csl, None)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(outcome.snapshot.previous_id, Some(s.id));
    assert_eq!(outcome.diff.added, vec!["csl-4"]);
    assert_eq!(outcome.diff.removed, vec!["csl-1"]);
    assert_eq!(outcome.diff.changed, vec!["csl-2"]);
    assert_eq!(outcome.changed_cases.len(), 1);
    assert_eq!(outcome.changed_cases[0].partners[0].lost[0].entity, "csl-1");
    assert_eq!(outcome.changed_cases[0].level_after, before);
    assert!(partner(&desk, "C-ACME").hits.is_empty());
    // The bundled list is untouched: two lists, each with its newest snapshot in use.
    let rows = desk.list_snapshots().expect("the value the test needs");
    let in_use: Vec<(&str, i64)> = rows
        .iter()
        .filter(|r| r.latest)
        .map(|r| (r.list_name.as_str(), r.id))
        .collect();
    assert_eq!(
        in_use,
        vec![
            (BUNDLED_LIST_NAME, rows[0].id),
            ("us_csl", outcome.snapshot.id)
        ]
    );
}

#[test]
fn bad_list_files_name_file_line_and_field_and_change_nothing() {
    let env = Env::new();
    let desk = env.desk();
    import_case(&desk, "C-1", "Harbin Institute of Technology", &[]);
    let snapshots = desk.list_snapshots().expect("the value the test needs");
    let header = BUNDLED_LIST
        .lines()
        .next()
        .expect("the value the test needs");
    let bad = env.file(
        "office.csv",
        &format!(
            "{header}\nx-1,Good Name,,,,,CN,office_list,,,,\nx-2,Other Name,,,,,China,office_list,,,,\n"
        ),
    );
    let err = desk
        .import_list(&bad, ListFormat::Csv, None)
        .err()
        .unwrap_or_else(|| panic!("a bad country is refused"));
    assert_eq!(err.code, ErrorCode::InputInvalid);
    assert!(
        err.message
            .contains("office.csv: line 3: country: expected"),
        "{}",
        err.message
    );
    assert_eq!(err.problems[0].problem.line, Some(3));
    assert_eq!(err.problems[0].problem.path, "country");

    // A CSL file read as FollowTheMoney fails on its first line.
    let csl_file = env.file(
        "csl.csv",
        &csl(&[csl_row("csl-1", "Entity", "Some Company", "")]),
    );
    let err = desk
        .import_list(&csl_file, ListFormat::Ftm, None)
        .err()
        .map(|e| e.message)
        .expect("the value the test needs");
    assert!(
        err.contains("csl.csv: line 1: not a FollowTheMoney entity"),
        "{err}"
    );
    // A list name that would not read well on the command line is refused.
    let err = desk
        .import_list(&csl_file, ListFormat::Csl, Some("US list"))
        .err()
        .map(|e| e.message)
        .expect("the value the test needs");
    assert!(err.contains("list: \"US list\""), "{err}");
    let missing = desk
        .import_list(Path::new("/no/such/list.csv"), ListFormat::Csv, None)
        .err()
        .map(|e| e.code);
    assert_eq!(missing, Some(ErrorCode::IoFailed));
    assert_eq!(
        desk.list_snapshots().expect("the value the test needs"),
        snapshots
    );
}

#[test]
fn a_review_holds_until_the_list_entry_or_the_names_change() {
    let env = Env::new();
    let desk = env.desk();
    import_case(&desk, "C-HIT", "Harbin Institute of Technology", &[]);
    let p = partner(&desk, "C-HIT");
    let org = p.organisation.id.clone();
    let hit = p
        .hits
        .iter()
        .find(|h| h.entity == "el-hit")
        .cloned()
        .unwrap_or_else(|| panic!("HIT is on the bundled list: {p:?}"));
    assert_eq!(
        (hit.list_name.as_str(), hit.state),
        (BUNDLED_LIST_NAME, ReviewState::Unreviewed)
    );
    // Every question of this bare case is open, so its level is high with or without the hit; what
    // the hit changes is du-01, answered "yes" from the screening with the hit as evidence.
    let unreviewed = level(&desk, "C-HIT");
    let evidence = "Harbin Institute of Technology ~ Harbin Institute of Technology";
    assert!(assessment_text(&desk, "C-HIT").contains(&format!(
        "{evidence} [us_bis_entity_list|ca_nro] (1.00, unreviewed)"
    )));

    // A false positive is left out of the assessment but still listed, with its review.
    let after = desk
        .review_hit(
            &org,
            "el-hit",
            BUNDLED_LIST_NAME,
            HitDecision::FalsePositive,
            "A. Reviewer",
            Some("a namesake"),
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
    let h = &after.hits[0];
    assert_eq!(h.state, ReviewState::FalsePositive);
    assert_eq!(
        h.review
            .as_ref()
            .map(|r| (r.by.as_str(), r.note.as_deref())),
        Some(("A. Reviewer", Some("a namesake")))
    );
    // The case list's level was recorded with the review (before anything else assesses the case).
    let recorded = desk
        .list_cases(&coopdesk_app::api::CaseQuery {
            limit: 10,
            ..Default::default()
        })
        .ok()
        .and_then(|p| p.rows.into_iter().find(|r| r.id == "C-HIT"))
        .and_then(|r| r.overall);
    let cleared = level(&desk, "C-HIT");
    assert_eq!(recorded, Some(cleared));
    assert!(cleared <= unreviewed, "{cleared:?} <= {unreviewed:?}");
    assert!(!assessment_text(&desk, "C-HIT").contains(evidence));

    // Confirmed: counts again, marked confirmed.
    desk.review_hit(
        &org,
        "el-hit",
        BUNDLED_LIST_NAME,
        HitDecision::Confirmed,
        "B. Reviewer",
        None,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        partner(&desk, "C-HIT").hits[0].state,
        ReviewState::Confirmed
    );
    assert!(assessment_text(&desk, "C-HIT").contains(&format!(
        "{evidence} [us_bis_entity_list|ca_nro] (1.00, confirmed)"
    )));
    assert!(level(&desk, "C-HIT") >= unreviewed);

    // Another name for the organisation: the basis changed, the hit is unreviewed again.
    let mut org_row = partner(&desk, "C-HIT").organisation;
    org_row.aliases.push("HIT Shenzhen".into());
    desk.save_organisation(coopdesk_app::api::OrganisationInput {
        id: Some(org_row.id.clone()),
        name: org_row.name.clone(),
        aliases: org_row.aliases.clone(),
        country: org_row.country.as_ref().map(|c| c.to_string()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    let h = partner(&desk, "C-HIT").hits[0].clone();
    assert_eq!(h.state, ReviewState::Unreviewed);
    let lapsed = h
        .lapsed
        .unwrap_or_else(|| panic!("the old review is shown"));
    assert!(lapsed.names_changed && !lapsed.entry_changed);
    assert_eq!(lapsed.review.decision, HitDecision::Confirmed);

    // Reviewed again, then a newer bundled snapshot changes the entry: the review lapses, and the
    // import says so for the case.
    desk.review_hit(
        &org,
        "el-hit",
        BUNDLED_LIST_NAME,
        HitDecision::FalsePositive,
        "A. Reviewer",
        None,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let changed = BUNDLED_LIST.replacen(
        "el-hit,Harbin Institute of Technology,哈尔滨工业大学,,HIT,",
        "el-hit,Harbin Institute of Technology,哈尔滨工业大学,HIT Harbin,HIT,",
        1,
    );
    assert_ne!(changed, BUNDLED_LIST, "the fixture edit applies");
    let newer = env.file("restricted_entities.csv", &changed);
    let outcome = desk
        .import_list(&newer, ListFormat::Csv, Some(BUNDLED_LIST_NAME))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(outcome.diff.changed, vec!["el-hit"]);
    let change = outcome
        .changed_cases
        .iter()
        .find(|c| c.case_id == "C-HIT")
        .unwrap_or_else(|| panic!("{:?}", outcome.changed_cases));
    assert_eq!(change.partners[0].lapsed[0].entity, "el-hit");
    assert_eq!(change.partners[0].lapsed[0].state, ReviewState::Unreviewed);
    assert_eq!(change.level_before, Some(cleared));
    assert_eq!(change.level_after, level(&desk, "C-HIT"));
    assert!(assessment_text(&desk, "C-HIT").contains("unreviewed)"));
    let h = partner(&desk, "C-HIT").hits[0].clone();
    assert_eq!(h.state, ReviewState::Unreviewed);
    assert!(
        h.lapsed
            .is_some_and(|l| l.entry_changed && !l.names_changed)
    );
}

#[test]
fn reviews_are_refused_for_hits_that_do_not_exist_or_without_a_reviewer() {
    let env = Env::new();
    let desk = env.desk();
    import_case(&desk, "C-HIT", "Harbin Institute of Technology", &[]);
    let org = partner(&desk, "C-HIT").organisation.id;
    let review = |entity: &str, list: &str, by: &str| {
        desk.review_hit(&org, entity, list, HitDecision::Confirmed, by, None)
            .err()
    };
    let err = review("el-nudt", BUNDLED_LIST_NAME, "A").unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.code, ErrorCode::InputInvalid);
    assert!(
        err.message.contains("has no hit of entity \"el-nudt\"")
            && err.message.contains("el-hit on bundled"),
        "{}",
        err.message
    );
    assert!(review("el-hit", "us_csl", "A").is_some());
    let err = review("el-hit", BUNDLED_LIST_NAME, " ").unwrap_or_else(|| panic!("refused"));
    assert!(
        err.message.contains("by: say who reviews the hit"),
        "{}",
        err.message
    );
    let err = desk
        .review_hit(
            "org-missing",
            "el-hit",
            BUNDLED_LIST_NAME,
            HitDecision::Confirmed,
            "A",
            None,
        )
        .err()
        .map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::RegistryNotFound));
    assert_eq!(
        partner(&desk, "C-HIT").hits[0].state,
        ReviewState::Unreviewed
    );
}

#[test]
fn a_list_imported_by_another_process_is_used_at_once() {
    let env = Env::new();
    let window = env.desk();
    let cli = env.desk();
    assert!(
        window
            .screen_name("Nanjing Precision Optics")
            .map(|r| r.hits.is_empty())
            .unwrap_or(false)
    );
    let file = env.file(
        "csl.csv",
        &csl(&[csl_row("csl-9", "Entity", "Nanjing Precision Optics", "")]),
    );
    cli.import_list(&file, ListFormat::Csl, None)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let r = window
        .screen_name("Nanjing Precision Optics")
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(r.hits.first().map(|h| h.hit.entity.as_str()), Some("csl-9"));
}

/// What screening says, as JSON: `screen NAME` for each name and a case's screening.
fn screening_json(desk: &Desk, names: &[&str], case: &str) -> String {
    let hits: Vec<_> = names
        .iter()
        .map(|n| desk.screen_name(n).unwrap_or_else(|e| panic!("{e:?}")))
        .collect();
    let case = desk
        .screening_for_case(case)
        .unwrap_or_else(|e| panic!("{e:?}"));
    serde_json::json!({"names": hits, "case": case}).to_string()
}

#[test]
fn the_screening_index_is_stored_with_the_import_and_built_again_when_stale_or_damaged() {
    use coopdesk_store::{ListIndexBytes, Store};
    let env = Env::new();
    let desk = env.desk();
    import_case(
        &desk,
        "C-HIT",
        "Harbin Institute of Technology, Shenzhen",
        &["HIT"],
    );
    let file = env.file(
        "csl.csv",
        &csl(&[
            csl_row("csl-1", "Entity", "Nanjing Precision Optics", ""),
            csl_row("csl-2", "Entity", "Harbin Institute of Technology", "HIT"),
        ]),
    );
    let imported = desk
        .import_list(&file, ListFormat::Csl, None)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .snapshot;
    let org = partner(&desk, "C-HIT").organisation.id;
    desk.review_hit(
        &org,
        "csl-2",
        "us_csl",
        HitDecision::Confirmed,
        "A. Reviewer",
        None,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let names = [
        "Harbin Institute of Technology",
        "哈爾濱工業大學",
        "Nanjing Precison Optics",
        "Deutsches Elektronen-Synchrotron",
    ];
    let expected = screening_json(&desk, &names, "C-HIT");
    assert!(expected.contains("\"csl-2\"") && expected.contains("\"confirmed\""));
    drop(desk);

    let matcher = coopdesk_screen::matcher_version();
    let store = Store::open(&env.db(), chrono::Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    let indexes = store.list_indexes().unwrap_or_else(|e| panic!("{e}"));
    let latest = store
        .latest_list_snapshots()
        .expect("the value the test needs");
    assert_eq!(
        indexes.iter().map(|i| i.snapshot_id).collect::<Vec<_>>(),
        latest.iter().map(|r| r.id).collect::<Vec<_>>(),
        "every list's newest snapshot has its index from the import"
    );
    assert!(indexes.iter().all(|i| i.matcher == matcher));
    let stored = store
        .list_index(imported.id, &matcher)
        .expect("the value the test needs")
        .unwrap_or_else(|| panic!("the import stored the index"));
    let built_at = |store: &Store| {
        store
            .list_indexes()
            .expect("the value the test needs")
            .into_iter()
            .find(|i| i.snapshot_id == imported.id)
            .map(|i| i.built_at)
    };
    let at_import = built_at(&store);

    // A new process reads the stored index and screens the same, reviews included.
    assert_eq!(screening_json(&env.desk(), &names, "C-HIT"), expected);
    assert_eq!(built_at(&store), at_import, "read, not built again");

    // Damaged (a byte changed) or written by another matcher version: never used, built again from
    // the entries, stored again, and screening is the same.
    let mut damaged = stored.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x20;
    let other = "0".repeat(64);
    for (what, matcher_written, bytes) in [
        ("damaged", matcher.as_str(), damaged.as_slice()),
        ("another matcher", other.as_str(), stored.as_slice()),
    ] {
        let index = ListIndexBytes {
            matcher: matcher_written,
            bytes,
        };
        store
            .save_list_index(imported.id, &index, chrono::Utc::now())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            screening_json(&env.desk(), &names, "C-HIT"),
            expected,
            "{what}"
        );
        assert_eq!(
            store
                .list_index(imported.id, &matcher)
                .expect("the value the test needs"),
            Some(stored.clone()),
            "{what}: built again and stored for the next process"
        );
    }
}
