//! Golden assessments of the ten built-in demo cases.
//!
//! The demo database is what a newcomer sees first, so its cases must show a believable portfolio:
//! two clear "proceed" cases, two hard stops, and contested cases in between — each for the reasons its
//! story tells. These tests pin, per case, the overall level, the recommendation, the escalations,
//! every topic's level and the decisive reasons (structured [`Reason`]s and a few rendered sentences).
//!
//! They are golden tests: when a change to the template, the engine or a demo case moves one of these
//! results, the test fails and the change has to be looked at on purpose — either the demo story or
//! the expectation here is updated, never silently.

use std::collections::BTreeSet;

use coopdesk_app::Desk;
use coopdesk_app::api::AssessmentView;
use coopdesk_app::demo::{DEMO_CASES, open_demo};
use coopdesk_assess::engine::{AnswerSource, OpenPoint, Reason, TopicResult};
use coopdesk_assess::{Escalation, Lang, Level, Recommendation, Topic};
use coopdesk_core::ActionStatus;

/// Opens a fresh demo database in a temporary directory.
fn demo() -> (tempfile::TempDir, Desk) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = open_demo(&tmp.path().join("demo.sqlite"), true).unwrap_or_else(|e| panic!("{e:?}"));
    (tmp, desk)
}

fn assess(desk: &Desk, id: &str) -> AssessmentView {
    desk.assess_case(id, Lang::En)
        .unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

fn topic(view: &AssessmentView, t: Topic) -> &TopicResult {
    view.assessment
        .topics
        .iter()
        .find(|r| r.topic == t)
        .unwrap_or_else(|| panic!("{}: no result for {t}", view.assessment.case))
}

/// The levels of reciprocity, integrity, IP and dual use, in that order.
fn topic_levels(view: &AssessmentView) -> [Level; 4] {
    [
        Topic::Reciprocity,
        Topic::Integrity,
        Topic::Ip,
        Topic::DualUse,
    ]
    .map(|t| topic(view, t).level)
}

fn escalations(view: &AssessmentView) -> Vec<Escalation> {
    view.assessment.escalations.iter().map(|e| e.to).collect()
}

/// Overall level, recommendation, escalations (in contract order) and the four topic levels.
fn assert_profile(
    view: &AssessmentView,
    overall: Level,
    recommendation: Recommendation,
    expected_escalations: &[Escalation],
    levels: [Level; 4],
) {
    let a = &view.assessment;
    assert_eq!(a.overall, overall, "{}: overall", a.case);
    assert_eq!(
        a.recommendation, recommendation,
        "{}: recommendation",
        a.case
    );
    assert_eq!(
        escalations(view),
        expected_escalations,
        "{}: escalations",
        a.case
    );
    assert_eq!(
        topic_levels(view),
        levels,
        "{}: topic levels (reciprocity, integrity, ip, dual_use)",
        a.case
    );
    // The rendered report says the same as the structured result.
    assert_eq!(view.report.overall, overall, "{}: report overall", a.case);
    assert_eq!(view.report.recommendation, recommendation);
    assert_eq!(view.report.escalations, expected_escalations);
}

/// Whether the reasons hold a person's answer `answer` to `question`.
fn has_answer(reasons: &[Reason], question: &str, answer: &str) -> bool {
    reasons.iter().any(|r| {
        matches!(r, Reason::Answer { question: q, answer: v, source: AnswerSource::User, .. }
            if q == question && v == answer)
    })
}

fn has_combination(reasons: &[Reason], rule: &str) -> bool {
    reasons
        .iter()
        .any(|r| matches!(r, Reason::Combination { rule: id, .. } if id == rule))
}

fn combinations(reasons: &[Reason]) -> BTreeSet<String> {
    reasons
        .iter()
        .filter_map(|r| match r {
            Reason::Combination { rule, .. } => Some(rule.clone()),
            _ => None,
        })
        .collect()
}

fn has_gate(reasons: &[Reason], question: &str, level: Level) -> bool {
    reasons.iter().any(
        |r| matches!(r, Reason::Gate { question: q, level: l, .. } if q == question && *l == level),
    )
}

fn has_cn_baseline(reasons: &[Reason]) -> bool {
    reasons
        .iter()
        .any(|r| matches!(r, Reason::Baseline { country, add: 1 } if country == "CN"))
}

/// The questions whose answers require escalation to `to`.
fn escalation_questions(view: &AssessmentView, to: Escalation) -> Vec<String> {
    view.assessment
        .escalations
        .iter()
        .find(|e| e.to == to)
        .map(|e| e.questions.clone())
        .unwrap_or_else(|| panic!("{}: no escalation to {to}", view.assessment.case))
}

/// The rendered reasons of the escalation to `to`.
fn escalation_sentences(view: &AssessmentView, to: Escalation) -> Vec<String> {
    let i = view
        .report
        .escalations
        .iter()
        .position(|e| *e == to)
        .unwrap_or_else(|| panic!("{}: no escalation to {to}", view.assessment.case));
    view.report.escalation_reasons[i].clone()
}

fn topic_sentences(view: &AssessmentView, t: Topic) -> Vec<String> {
    view.report
        .topics
        .iter()
        .find(|r| r.topic == t)
        .map(|r| r.reasons.clone())
        .unwrap_or_else(|| panic!("{}: no report for {t}", view.assessment.case))
}

fn condition_ids(view: &AssessmentView) -> BTreeSet<String> {
    view.assessment
        .conditions
        .iter()
        .map(|c| c.mitigation.clone())
        .collect()
}

use Escalation::{DataProtection, Ethics, ExportControl, Management};
use Level::{Critical, High, Low, Medium};

#[test]
fn every_demo_case_answers_all_key_questions_with_the_comments_the_template_asks_for() {
    let (_tmp, desk) = demo();
    for i in 1..=DEMO_CASES.len() {
        let id = format!("DEMO-{i:02}");
        let view = assess(&desk, &id);
        for t in &view.assessment.topics {
            let unanswered: Vec<&Reason> = t
                .reasons
                .iter()
                .filter(|r| matches!(r, Reason::Unanswered { .. }))
                .collect();
            assert!(
                unanswered.is_empty(),
                "{id}: unanswered key questions count as risk in {}: {unanswered:?}",
                t.topic
            );
        }
        let missing: Vec<&OpenPoint> = view
            .assessment
            .open_points
            .iter()
            .filter(|p| {
                matches!(
                    p,
                    OpenPoint::Unanswered { key: true, .. }
                        | OpenPoint::InvalidAnswer { .. }
                        | OpenPoint::CommentMissing { .. }
                        | OpenPoint::EvidenceMissing { .. }
                )
            })
            .collect();
        assert!(missing.is_empty(), "{id}: {missing:?}");
    }
}

#[test]
fn the_portfolio_spans_proceed_to_decline() {
    let (_tmp, desk) = demo();
    let overall: Vec<Level> = (1..=DEMO_CASES.len())
        .map(|i| assess(&desk, &format!("DEMO-{i:02}")).assessment.overall)
        .collect();
    assert_eq!(
        overall,
        vec![
            Low, High, High, Critical, Critical, High, Medium, High, Critical, Low
        ]
    );
}

#[test]
fn demo_01_petra_beamtime_proceeds_without_escalations_or_conditions() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-01");
    assert_profile(&v, Low, Recommendation::Proceed, &[], [Low, Low, Low, Low]);
    assert!(
        v.assessment.conditions.is_empty(),
        "{:?}",
        v.assessment.conditions
    );
    assert!(v.report.conditions.is_empty());
    // The only score is the country baseline on reciprocity and integrity, shown as a reason.
    for t in [Topic::Reciprocity, Topic::Integrity] {
        assert_eq!(topic(&v, t).score, 1, "{t}");
        assert!(has_cn_baseline(&topic(&v, t).reasons), "{t}");
    }
    for t in [Topic::Ip, Topic::DualUse] {
        assert_eq!(topic(&v, t).score, 0, "{t}");
        assert!(topic(&v, t).reasons.is_empty(), "{t}");
    }
    // Only non-key questions are left open.
    assert!(
        v.assessment
            .open_points
            .iter()
            .all(|p| matches!(p, OpenPoint::Unanswered { key: false, .. })),
        "{:?}",
        v.assessment.open_points
    );
}

#[test]
fn demo_02_detector_loan_goes_to_export_control_for_the_listed_item_shipped_to_china() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-02");
    // Dual use is high although no partner is listed: du-02 (3) + du-03 (2) + du-08 (2) alone reach
    // the template's high_score of 6.
    assert_profile(
        &v,
        High,
        Recommendation::Escalate,
        &[ExportControl, Management],
        [Medium, Low, Medium, High],
    );
    let du = &topic(&v, Topic::DualUse).reasons;
    for (q, a) in [("du-02", "yes"), ("du-03", "yes"), ("du-08", "yes")] {
        assert!(has_answer(du, q, a), "{q}: {du:?}");
    }
    assert!(combinations(du).is_empty(), "no listed partner: {du:?}");
    assert!(!has_answer(du, "du-01", "yes"));
    let questions = escalation_questions(&v, ExportControl);
    assert!(questions.iter().any(|q| q == "du-02"), "{questions:?}");
    let sentences = escalation_sentences(&v, ExportControl);
    assert!(
        sentences.iter().any(|s| s.contains("Annex I control code")),
        "{sentences:?}"
    );
    assert!(
        sentences.iter().any(|s| s.contains("leave the EU")),
        "{sentences:?}"
    );
    // The loan contract and the classification are conditions.
    let conditions = condition_ids(&v);
    assert!(conditions.contains("m-du-classification"), "{conditions:?}");
    assert!(
        conditions.contains("m-ip-equipment-contract"),
        "{conditions:?}"
    );
}

#[test]
fn demo_03_csns_is_escalated_because_raw_data_stay_in_china() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-03");
    assert_profile(
        &v,
        High,
        Recommendation::Escalate,
        &[ExportControl, Management],
        [High, Medium, Medium, Low],
    );
    let rec = &topic(&v, Topic::Reciprocity).reasons;
    assert!(has_answer(rec, "rec-03", "no"), "{rec:?}");
    assert!(has_answer(rec, "rec-04", "unsure"), "{rec:?}");
    assert!(has_combination(rec, "comb-data-stays-in-china"), "{rec:?}");
    assert!(has_cn_baseline(rec));
    // The overall level comes from reciprocity alone.
    assert_eq!(
        v.assessment.overall_reasons,
        vec![Reason::FromTopic {
            topic: Topic::Reciprocity,
            level: High
        }]
    );
    let questions = escalation_questions(&v, Management);
    assert!(questions.iter().any(|q| q == "rec-03"), "{questions:?}");
    let sentences = topic_sentences(&v, Topic::Reciprocity);
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("rec-03") && s.ends_with("no (+3)")),
        "{sentences:?}"
    );
    // The authorship question (CSNS co-authorship) and travel security are open points.
    assert!(
        v.assessment
            .open_points
            .iter()
            .any(|p| matches!(p, OpenPoint::Unsure { question } if question == "int-10"))
    );
}

#[test]
fn demo_04_listed_partner_in_a_sensitive_area_is_declined() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-04");
    assert_profile(
        &v,
        Critical,
        Recommendation::Decline,
        &[ExportControl, Management],
        [High, Medium, High, Critical],
    );
    let du = &topic(&v, Topic::DualUse).reasons;
    assert!(has_answer(du, "du-01", "yes"), "{du:?}");
    assert!(has_gate(du, "du-01", High), "{du:?}");
    assert!(has_answer(du, "du-03", "yes"), "{du:?}");
    assert_eq!(
        combinations(du),
        // du-02 is answered "unsure" while the pump laser's 6A005 code makes the facts say "yes":
        // the riskier answer decides the combination, so the listed item counts as well.
        BTreeSet::from([
            "comb-listed-partner-listed-item".to_owned(),
            "comb-listed-partner-sensitive-area".to_owned(),
            "comb-listed-partner-unpublished-technology".to_owned(),
        ])
    );
    let sentences = topic_sentences(&v, Topic::DualUse);
    assert!(
        sentences.iter().any(|s| s.contains("STRAC")),
        "{sentences:?}"
    );
    let questions = escalation_questions(&v, Management);
    assert!(questions.iter().any(|q| q == "du-01"), "{questions:?}");
}

#[test]
fn demo_05_caep_request_is_declined_as_a_hard_stop() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-05");
    assert_profile(
        &v,
        Critical,
        Recommendation::Decline,
        &[ExportControl, Ethics, Management],
        [High, High, High, Critical],
    );
    let du = &topic(&v, Topic::DualUse).reasons;
    assert_eq!(
        combinations(du),
        BTreeSet::from([
            "comb-listed-partner-listed-item".to_owned(),
            "comb-listed-partner-sensitive-area".to_owned(),
            "comb-listed-partner-unpublished-technology".to_owned(),
            "comb-catch-all".to_owned(),
        ])
    );
    assert!(has_gate(du, "du-14", Critical), "{du:?}");
    assert!(has_answer(du, "du-17", "yes"), "{du:?}");
    // Facts fill in what nobody had to type: the items shipped to China.
    assert!(du.iter().any(|r| matches!(r,
        Reason::Answer { question, source: AnswerSource::Facts, .. } if question == "du-08")));
    let export = escalation_questions(&v, ExportControl);
    for q in ["du-01", "du-02", "du-14"] {
        assert!(export.iter().any(|x| x == q), "{q}: {export:?}");
    }
}

#[test]
fn demo_06_east_exchange_is_high_because_the_camera_loan_and_open_data_rules_add_up() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-06");
    assert_profile(
        &v,
        High,
        Recommendation::Escalate,
        &[ExportControl, Management],
        [Medium, Medium, Medium, High],
    );
    let du = &topic(&v, Topic::DualUse).reasons;
    assert!(has_answer(du, "du-02", "unsure"), "{du:?}");
    assert!(has_answer(du, "du-08", "yes"), "{du:?}");
    assert!(combinations(du).is_empty(), "ASIPP is not listed: {du:?}");
    // Reciprocity stays medium: the processed data come to IPP, so the data rule does not fire.
    let rec = &topic(&v, Topic::Reciprocity).reasons;
    assert!(has_answer(rec, "rec-04", "unsure"), "{rec:?}");
    assert!(!has_combination(rec, "comb-data-stays-in-china"));
    assert!(
        v.assessment
            .open_points
            .iter()
            .any(|p| matches!(p, OpenPoint::Unsure { question } if question == "rec-01"))
    );
}

#[test]
fn demo_07_magnet_cooperation_proceeds_with_conditions_on_the_hefei_data() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-07");
    assert_profile(
        &v,
        Medium,
        Recommendation::ProceedWithConditions,
        &[ExportControl, Management],
        [Medium, Low, Low, Low],
    );
    let rec = &topic(&v, Topic::Reciprocity).reasons;
    assert!(has_answer(rec, "rec-03", "unsure"), "{rec:?}");
    assert!(!has_combination(rec, "comb-data-stays-in-china"), "{rec:?}");
    // The refused coil design is not counted as shared.
    let ip = &topic(&v, Topic::Ip).reasons;
    assert!(
        !ip.iter()
            .any(|r| matches!(r, Reason::Answer { question, .. } if question == "ip-04"))
    );
    // Export control is involved for the recorded control code, not because dual use is elevated.
    let sentences = escalation_sentences(&v, ExportControl);
    assert!(
        sentences.iter().any(|s| s.contains("Annex I control code")),
        "{sentences:?}"
    );
    assert!(condition_ids(&v).contains("m-rec-data-plan"));
    assert!(!v.report.conditions.is_empty());
    // The conditions of the approval are in the action plan: two met, the data annex late.
    let recorded = |m: &str| {
        v.assessment
            .conditions
            .iter()
            .find(|c| c.mitigation == m)
            .and_then(|c| c.recorded)
    };
    assert_eq!(recorded("m-du-publish-only"), Some(ActionStatus::Met));
    assert_eq!(recorded("m-rec-data-plan"), Some(ActionStatus::Open));
    let overdue: Vec<&str> = v
        .actions
        .iter()
        .filter(|a| a.overdue)
        .map(|a| a.action.id.as_str())
        .collect();
    assert_eq!(overdue, ["act-3"], "the data annex was due on 2026-09-30");
}

#[test]
fn demo_08_genomics_is_escalated_to_data_protection_and_ethics_for_human_genetic_data() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-08");
    assert_profile(
        &v,
        High,
        Recommendation::Escalate,
        &[ExportControl, Ethics, DataProtection, Management],
        [High, High, High, High],
    );
    let dp = v
        .assessment
        .escalations
        .iter()
        .find(|e| e.to == DataProtection)
        .unwrap_or_else(|| panic!("no data-protection escalation"));
    assert_eq!(dp.questions, vec!["int-08".to_owned()]);
    assert!(
        dp.reasons
            .iter()
            .any(|r| matches!(r, Reason::EscalationRule { .. }))
    );
    let sentences = escalation_sentences(&v, DataProtection);
    assert!(
        sentences.iter().any(|s| s.contains("human genetic data")),
        "{sentences:?}"
    );
    let ethics = escalation_sentences(&v, Ethics);
    assert!(
        ethics.iter().any(|s| s.contains("human genetic data")),
        "{ethics:?}"
    );
    // BGI on the 1260H list gates dual use to high; no combination rule, since the research is not
    // in a sensitive area and nothing listed or unpublished is transferred.
    let du = &topic(&v, Topic::DualUse).reasons;
    assert!(has_gate(du, "du-01", High), "{du:?}");
    assert!(combinations(du).is_empty(), "{du:?}");
    let rec = &topic(&v, Topic::Reciprocity).reasons;
    assert!(has_combination(rec, "comb-data-stays-in-china"), "{rec:?}");
}

#[test]
fn demo_09_tianhe_is_declined_for_a_listed_operator_and_unpublished_code() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-09");
    assert_profile(
        &v,
        Critical,
        Recommendation::Decline,
        &[ExportControl, Ethics, Management],
        [High, Medium, High, Critical],
    );
    let du = &topic(&v, Topic::DualUse).reasons;
    assert!(has_answer(du, "du-01", "yes"), "{du:?}");
    assert!(has_answer(du, "du-06", "yes"), "{du:?}");
    assert_eq!(
        combinations(du),
        BTreeSet::from([
            "comb-listed-partner-sensitive-area".to_owned(),
            "comb-listed-partner-unpublished-technology".to_owned(),
        ])
    );
    let ip = &topic(&v, Topic::Ip).reasons;
    assert!(has_answer(ip, "ip-04", "yes"), "{ip:?}");
}

#[test]
fn demo_10_fast_pulsar_timing_proceeds_with_only_administrative_open_points() {
    let (_tmp, desk) = demo();
    let v = assess(&desk, "DEMO-10");
    assert_profile(&v, Low, Recommendation::Proceed, &[], [Low, Low, Low, Low]);
    assert!(
        v.assessment.conditions.is_empty(),
        "{:?}",
        v.assessment.conditions
    );
    for t in [Topic::Reciprocity, Topic::Integrity] {
        assert!(has_cn_baseline(&topic(&v, t).reasons), "{t}");
    }
    // Student travel guidance is still open, but as a non-key question it does not count as risk.
    assert!(v.assessment.open_points.iter().any(
        |p| matches!(p, OpenPoint::Unanswered { question, key: false } if question == "int-10")
    ));
    let sentences = topic_sentences(&v, Topic::Reciprocity);
    assert!(
        sentences.iter().any(|s| s.contains("CN (+1)")),
        "{sentences:?}"
    );
}

#[test]
fn demo_01_from_its_facts_alone_is_low_and_provisional_with_the_clean_checks_named() {
    // The PETRA III beamtime as recorded, before anyone answers: the facts settle what they can,
    // the open key questions make it provisional, and nothing unknown is scored as risk.
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = Desk::open(&tmp.path().join("facts.sqlite")).unwrap_or_else(|e| panic!("{e:?}"));
    let (_, text) = DEMO_CASES[0];
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    if let Some(o) = doc.as_object_mut() {
        o.remove("answers");
        o.insert("status".into(), "draft".into());
    }
    let file = tmp.path().join("demo-01-facts.case.json");
    std::fs::write(&file, doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    desk.import_files(&[&file])
        .unwrap_or_else(|e| panic!("{e:?}"));
    let v = assess(&desk, "DEMO-01");
    assert_eq!(v.assessment.overall, Low, "{:?}", topic_levels(&v));
    assert_eq!(v.assessment.recommendation, Recommendation::Proceed);
    assert!(v.assessment.provisional);
    assert!(v.report.provisional_label.starts_with("provisional — "));
    // Settled by the facts, with the evidence a director can check.
    let du = topic_sentences(&v, Topic::DualUse);
    assert!(
        du.iter().any(|s| s.starts_with("du-01")
            && s.contains("no (from case facts)")
            && s.contains("no hit that counts on bundled (imported ")),
        "{du:?}"
    );
    assert!(
        du.iter()
            .any(|s| s.starts_with("du-02") && s.contains("no (from case facts)")),
        "{du:?}"
    );
    let rec = topic_sentences(&v, Topic::Reciprocity);
    assert!(
        rec.iter().any(|s| s.starts_with("rec-02")
            && s.contains("not applicable (from the facts)")
            && s.contains("PETRA III (DE)")),
        "{rec:?}"
    );
    // Key questions no fact can settle stay open, never counted as risk.
    for q in ["int-01", "du-14"] {
        assert!(
            v.assessment.open_key_questions.iter().any(|x| x == q),
            "{q}: {:?}",
            v.assessment.open_key_questions
        );
    }
    assert!(v.assessment.topics.iter().all(|t| {
        !t.reasons
            .iter()
            .any(|r| matches!(r, Reason::Unanswered { .. }))
    }));
}
