//! Co-authorships as assessment facts, on an expert-labelled scenario: scenario 24 (a sensitive
//! research domain with a clean, unlisted partner; dual use low to medium) with the partner's
//! publication list, in which one work has a co-author at the National University of Defense
//! Technology (on the Entity List and Canada's Named Research Organizations).
//!
//! Unreviewed, the co-authorship is open, to be reviewed: it flags the military-link question and
//! changes no level. Confirmed, it answers that question "yes" with the work as evidence, and dual
//! use and the overall level rise from low. Dismissed as a false positive, the case reads as it did
//! without the check.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use coopdesk_app::Desk;
use coopdesk_app::api::{HitDecision, ReviewState};
use coopdesk_assess::engine::{AnswerSource, OpenPoint};
use coopdesk_assess::{Assessment, Lang, Level, Topic};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn assess(desk: &Desk, id: &str) -> Assessment {
    desk.assess_case(id, Lang::En)
        .unwrap_or_else(|e| panic!("assess {id}: {e:?}"))
        .assessment
}

fn dual_use(a: &Assessment) -> Level {
    a.topics
        .iter()
        .find(|t| t.topic == Topic::DualUse)
        .map(|t| t.level)
        .expect("a dual-use topic")
}

fn question<'a>(a: &'a Assessment, id: &str) -> &'a coopdesk_assess::engine::QuestionResult {
    a.questions
        .iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("question {id}"))
}

#[test]
fn a_confirmed_co_author_at_a_defence_university_raises_dual_use_and_a_dismissed_one_does_not() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let desk = Desk::open(&dir.path().join("t.sqlite")).expect("a fresh database");
    desk.import_files(&[repo("tests/scenarios/24-hld-graphene-pku.case.json")])
        .expect("the scenario imports");
    let id = "SCN-24";
    let before = assess(&desk, id);
    assert!(
        dual_use(&before) <= Level::Medium,
        "the scenario's own range: {:?}",
        dual_use(&before)
    );
    assert_eq!(question(&before, "du-04").answer, None);

    // Stored, unreviewed: open, to be reviewed; no level moves.
    let check = desk
        .record_publication_check(
            id,
            &[repo("crates/coopdesk-pubs/tests/fixtures/openalex.json")],
        )
        .expect("the check runs and is stored");
    assert!(check.stored.is_some());
    let nudt = check
        .coauthorships
        .iter()
        .find(|c| c.hit.entity == "el-nudt")
        .expect("the NUDT co-author is found");
    assert!(!nudt.partner_hit, "Peking University is not NUDT");
    assert_eq!(nudt.state, ReviewState::Unreviewed);
    assert!(check.open >= 1);
    let open = assess(&desk, id);
    assert_eq!(dual_use(&open), dual_use(&before), "unknown is not risk");
    assert_eq!(open.overall, before.overall);
    let flagged = open.open_points.iter().find_map(|p| match p {
        OpenPoint::Flagged { question, evidence } if question == "du-04" => Some(evidence),
        _ => None,
    });
    let flagged = flagged.unwrap_or_else(|| panic!("du-04 is flagged: {:#?}", open.open_points));
    assert!(
        flagged
            .iter()
            .any(|e| e.contains("Wei Zhang")
                && e.contains("National University of Defense Technology")),
        "{flagged:?}"
    );

    // Confirmed: du-04 is answered from the facts, with the work as evidence, and dual use rises.
    let item = nudt.item.to_string();
    let reviewed = desk
        .review_coauthorship(
            id,
            &item,
            HitDecision::Confirmed,
            "Export control officer",
            Some("same group, three papers"),
        )
        .expect("the decision is stored");
    assert_eq!(reviewed.confirmed, 1);
    let confirmed = assess(&desk, id);
    let du04 = question(&confirmed, "du-04");
    assert_eq!(du04.answer.as_deref(), Some("yes"));
    assert_eq!(du04.source, AnswerSource::Facts);
    let ev = du04.evidence.join("\n");
    for part in [
        "A compact Thomson parabola spectrometer",
        "2023",
        "Wei Zhang",
        "National University of Defense Technology",
        "us_bis_entity_list|ca_nro",
        "bundled",
    ] {
        assert!(ev.contains(part), "evidence names {part}: {ev}");
    }
    // Scenario 24 reads low throughout from its facts; a partner whose researchers publish with a
    // defence university is a military link (du-04, weight 3): dual use and the overall level rise
    // to at least medium, and the recommendation is no longer to proceed as is.
    assert_eq!(dual_use(&before), Level::Low);
    assert!(
        dual_use(&confirmed) >= Level::Medium,
        "a confirmed defence co-authorship changes the picture: {:?}",
        dual_use(&confirmed)
    );
    assert_ne!(confirmed.recommendation, before.recommendation);
    assert!(confirmed.overall > before.overall);
    let listed = desk
        .list_cases(&coopdesk_app::api::CaseQuery {
            text: id.into(),
            limit: 10,
            ..Default::default()
        })
        .expect("the case list")
        .rows
        .into_iter()
        .find(|r| r.id == id)
        .and_then(|r| r.overall);
    assert_eq!(
        listed,
        Some(confirmed.overall),
        "the cached level moved with the decision"
    );

    // Dismissed as a false positive: the case reads as it did before the check.
    desk.review_coauthorship(
        id,
        &nudt.key,
        HitDecision::FalsePositive,
        "Export control officer",
        Some("namesake at another Changsha institute"),
    )
    .expect("the decision is stored");
    let dismissed = assess(&desk, id);
    assert_eq!(dual_use(&dismissed), dual_use(&before));
    assert_eq!(dismissed.overall, before.overall);
    assert_eq!(question(&dismissed, "du-04").answer, None);
    assert!(
        !dismissed
            .open_points
            .iter()
            .any(|p| matches!(p, OpenPoint::Flagged { question, evidence }
            if question == "du-04" && evidence.iter().any(|e| e.contains("Wei Zhang")))),
        "a dismissed co-authorship is no open point"
    );
}
