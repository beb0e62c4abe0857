//! The assessment rules on a small template: levels with their reasons, recommendation, escalations,
//! conditions, open points, overrides and mitigation credit.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

mod common;

use common::{World, case, hit, org, small};
use coopdesk_assess::engine::{
    ActionStatus, AnswerSource, LevelOverride, OpenPoint, Reason, RecordedCondition,
};
use coopdesk_assess::report::render;
use coopdesk_assess::{Escalation, Lang, Level, Recommendation, Topic};
use serde_json::json;

fn level(a: &coopdesk_assess::Assessment, topic: Topic) -> Level {
    a.topics
        .iter()
        .find(|t| t.topic == topic)
        .map(|t| t.level)
        .unwrap_or(Level::Low)
}

fn safe_world() -> World {
    let mut w = World::new(case(json!({
        "partners": [{"org_id": "org-1", "role": "host"}],
        "agreements": [{"kind": "cooperation", "status": "signed"}, {"kind": "ip", "status": "signed"}],
    })));
    w.orgs.push(org(
        "org-1",
        "Paul Scherrer Institute",
        "CH",
        "academy_institute",
        None,
    ));
    for (q, v) in [("int-01", "no"), ("du-01", "no")] {
        w.answer(q, v);
    }
    w
}

#[test]
fn a_clean_case_is_low_and_may_proceed() {
    let a = safe_world().assess(&small());
    for t in &a.topics {
        assert_eq!(t.level, Level::Low, "{:?}: {:?}", t.topic, t.reasons);
    }
    assert_eq!(a.recommendation, Recommendation::Proceed);
    assert!(a.escalations.is_empty(), "{:?}", a.escalations);
    assert!(a.conditions.is_empty());
    // rec-01 and ip-01 come from the signed agreements, shown as such.
    let rec01 = a
        .questions
        .iter()
        .find(|q| q.id == "rec-01")
        .map(|q| (q.answer.clone(), q.source));
    assert_eq!(rec01, Some((Some("yes".into()), AnswerSource::Facts)));
    // Unanswered non-key questions are open points but add no risk.
    assert!(a.open_points.contains(&OpenPoint::Unanswered {
        question: "int-07".into(),
        key: false
    }));
    // rec-03 is hidden: no data generated outside the EU.
    assert!(a.questions.iter().any(|q| q.id == "rec-03" && !q.visible));
}

#[test]
fn an_empty_case_is_provisional_not_risky() {
    let w = World::new(case(json!({})));
    let a = w.assess(&small());
    // Unknown is not risk: the open key question int-01 adds nothing, it makes the case provisional.
    assert_eq!(level(&a, Topic::Integrity), Level::Low);
    assert!(a.provisional);
    assert!(
        a.open_key_questions.contains(&"int-01".to_owned()),
        "{:?}",
        a.open_key_questions
    );
    assert!(a.topics.iter().all(|t| {
        !t.reasons
            .iter()
            .any(|r| matches!(r, Reason::Unanswered { .. }))
    }));
    let r = render(&a, &small(), Lang::En);
    assert!(r.provisional);
    assert_eq!(
        r.provisional_label,
        format!(
            "provisional — {} key questions open",
            a.open_key_questions.len()
        )
    );
    // ip-01 is answered "no" from the missing IP agreement: a serious risk answer from facts, which
    // the provisional mark does not hide.
    assert_eq!(level(&a, Topic::Ip), Level::Medium);
    assert_ne!(a.recommendation, Recommendation::Proceed);
}

#[test]
fn answering_every_key_question_removes_the_provisional_mark() {
    let mut w = World::new(case(json!({})));
    let before = w.assess(&small());
    for q in &before.open_key_questions {
        w.answer(q, "no");
    }
    let after = w.assess(&small());
    assert!(!after.provisional, "{:?}", after.open_key_questions);
    assert!(after.open_key_questions.is_empty());
}

#[test]
fn a_persons_unsure_keeps_the_gate_and_combination_of_the_facts_yes() {
    // The facts say "yes" (a listed partner in a sensitive area): critical. A person's "unsure" or
    // "no" may change the score, but the riskier answer decides gates and combinations.
    let mut w = safe_world();
    w.case.fields = vec!["ultrafast laser spectroscopy".into()];
    w.case.answers.remove("du-01");
    w.screening.push(hit("Paul Scherrer Institute", "el-test"));
    assert_eq!(level(&w.assess(&small()), Topic::DualUse), Level::Critical);
    for answer in ["unsure", "no"] {
        w.answer("du-01", answer);
        let a = w.assess(&small());
        assert_eq!(level(&a, Topic::DualUse), Level::Critical, "du-01 {answer}");
        let du = &a.topics[3].reasons;
        assert!(
            du.iter().any(
                |r| matches!(r, Reason::Combination { rule, .. } if rule == "listed-and-sensitive")
            ),
            "{du:?}"
        );
    }
}

#[test]
fn listed_partner_in_a_sensitive_area_is_critical_and_declined() {
    let mut w = safe_world();
    w.case.fields = vec!["ultrafast laser spectroscopy".into()];
    w.case.answers.remove("du-01");
    w.screening.push(hit("Paul Scherrer Institute", "el-test"));
    let a = w.assess(&small());
    assert_eq!(level(&a, Topic::DualUse), Level::Critical);
    let du = a
        .topics
        .iter()
        .find(|t| t.topic == Topic::DualUse)
        .map(|t| t.reasons.clone())
        .expect("the value the test needs");
    assert!(
        du.contains(&Reason::Combination {
            rule: "listed-and-sensitive".into(),
            level: Level::Critical
        }),
        "{du:?}"
    );
    // du-01 answered from the screening hit, with the hit as evidence.
    assert!(
        du.iter().any(
            |r| matches!(r, Reason::Answer { question, source: AnswerSource::Facts, evidence, .. }
        if question == "du-01" && evidence.iter().any(|e| e.contains("el-test")))
        ),
        "{du:?}"
    );
    assert_eq!(a.overall, Level::Critical);
    assert_eq!(a.recommendation, Recommendation::Decline);
    let to: Vec<Escalation> = a.escalations.iter().map(|e| e.to).collect();
    assert_eq!(to, vec![Escalation::ExportControl, Escalation::Management]);
    // The rendered report names the rule and the question.
    let r = render(&a, &small(), Lang::En);
    let du = &r.topics[3];
    assert!(
        du.reasons
            .iter()
            .any(|s| s.contains("Listed partner in a sensitive area")),
        "{:?}",
        du.reasons
    );
    assert!(
        du.reasons.iter().any(|s| s.starts_with(
            "du-01 \u{201c}Is a partner on a restriction list?\u{201d}: yes (from case facts"
        )),
        "{:?}",
        du.reasons
    );
    let de = render(&a, &small(), Lang::De);
    assert!(
        de.topics[3]
            .reasons
            .iter()
            .any(|s| s.contains("Gelisteter Partner"))
    );
}

#[test]
fn unsure_counts_as_risk_but_never_as_a_hard_stop() {
    let mut w = safe_world();
    w.answer("du-01", "unsure");
    w.answer("du-14", "unsure");
    let a = w.assess(&small());
    // du-14 is shown because du-01 is unsure; its critical gate is capped at high for "unsure".
    assert_eq!(level(&a, Topic::DualUse), Level::High);
    assert!(a.open_points.contains(&OpenPoint::Unsure {
        question: "du-14".into()
    }));
    assert_eq!(a.recommendation, Recommendation::Escalate);
    w.answer("du-14", "yes");
    assert_eq!(level(&w.assess(&small()), Topic::DualUse), Level::Critical);
}

#[test]
fn country_baseline_is_a_visible_reason() {
    let mut w = safe_world();
    w.orgs[0] = org(
        "org-1",
        "Institute of High Energy Physics",
        "CN",
        "academy_institute",
        None,
    );
    let a = w.assess(&small());
    let rec = &a.topics[0];
    assert_eq!(rec.score, 1);
    assert!(rec.reasons.contains(&Reason::Baseline {
        country: "CN".into(),
        add: 1
    }));
    let r = render(&a, &small(), Lang::En);
    assert!(
        r.topics[0]
            .reasons
            .iter()
            .any(|x| x.contains("Data and counter-espionage law")),
        "{:?}",
        r.topics[0].reasons
    );
    // The key question the facts settle is named among the reasons, with its evidence.
    assert!(
        r.topics[0]
            .reasons
            .iter()
            .any(|x| x.starts_with("rec-01") && x.contains("cooperation: signed")),
        "{:?}",
        r.topics[0].reasons
    );
}

#[test]
fn conditions_come_from_risky_answers_and_credit_lowers_one_step_at_most() {
    let mut w = safe_world();
    w.case.agreements.clear();
    w.answer("ip-02", "much");
    let a = w.assess(&small());
    // ip-01 "no" (missing agreement, 3) and ip-02 "much" (3, gate high): two serious items → high.
    assert_eq!(level(&a, Topic::Ip), Level::High);
    let ids: Vec<&str> = a.conditions.iter().map(|c| c.mitigation.as_str()).collect();
    assert_eq!(ids, vec!["m-agreement", "m-ip"]);
    assert_eq!(a.conditions[1].questions, vec!["ip-01", "ip-02"]);
    // Recording the IP condition covers both serious items; the gate still holds the level at high.
    w.conditions.push(RecordedCondition {
        mitigation: "m-ip".into(),
        status: ActionStatus::Open,
    });
    assert_eq!(level(&w.assess(&small()), Topic::Ip), Level::High);
    // Without the gate, the credit takes one step off.
    w.answer("ip-02", "some");
    let a = w.assess(&small());
    assert_eq!(
        level(&a, Topic::Ip),
        Level::Low,
        "{:?}",
        a.topics[2].reasons
    );
    assert!(a.topics[2].reasons.contains(&Reason::Mitigated {
        from: Level::Medium,
        to: Level::Low
    }));
    // A waived condition covers nothing.
    w.conditions[0].status = ActionStatus::Waived;
    assert_eq!(level(&w.assess(&small()), Topic::Ip), Level::Medium);
}

#[test]
fn an_override_replaces_the_level_and_keeps_its_justification_visible() {
    let mut w = safe_world();
    w.answer("int-07", "yes");
    w.overrides.push(LevelOverride {
        topic: Topic::Integrity,
        level: Level::Medium,
        justification: "Results are published theory only.".into(),
        by: "Dr. A. Director".into(),
    });
    let a = w.assess(&small());
    let t = &a.topics[1];
    assert_eq!((t.level, t.computed), (Level::Medium, Level::High));
    let r = render(&a, &small(), Lang::En);
    assert_eq!(
        r.topics[1].override_justification.as_deref(),
        Some("Results are published theory only.")
    );
    assert!(
        r.topics[1]
            .reasons
            .iter()
            .any(|s| s.contains("Dr. A. Director") && s.contains("published theory"))
    );
    // The override does not remove the escalation that int-07 requires.
    assert!(a.escalations.iter().any(|e| e.to == Escalation::Ethics));
}

#[test]
fn three_elevated_topics_raise_the_overall_level() {
    let mut w = safe_world();
    w.orgs[0] = org(
        "org-1",
        "Institute of High Energy Physics",
        "CN",
        "academy_institute",
        None,
    );
    w.case.agreements.clear();
    w.answer("rec-01", "no"); // 2 + CN baseline 1 → medium
    w.answer("int-01", "yes"); // one serious item → medium
    // ip-01 "no" from the missing IP agreement → medium
    let a = w.assess(&small());
    let levels: Vec<Level> = a.topics.iter().map(|t| t.level).collect();
    assert_eq!(
        levels,
        vec![Level::Medium, Level::Medium, Level::Medium, Level::Low]
    );
    assert!(
        a.overall_reasons
            .contains(&Reason::Cumulative { topics: 3 })
    );
    assert_eq!(a.overall, Level::High);
    assert_eq!(a.recommendation, Recommendation::Escalate);
    // Accumulation never makes a case critical: that takes a hard stop.
    w.answer("int-07", "yes");
    let a = w.assess(&small());
    assert_eq!(a.topics[1].level, Level::High);
    assert_eq!(a.overall, Level::High);
}

#[test]
fn required_comments_and_evidence_are_open_points() {
    let mut w = safe_world();
    w.answer("int-01", "yes");
    w.answer("ip-01", "yes");
    let a = w.assess(&small());
    assert!(a.open_points.contains(&OpenPoint::CommentMissing {
        question: "int-01".into()
    }));
    assert!(a.open_points.contains(&OpenPoint::EvidenceMissing {
        question: "ip-01".into()
    }));
    w.answer("nonsense", "yes");
    w.answer("du-03", "perhaps");
    let a = w.assess(&small());
    assert!(a.open_points.contains(&OpenPoint::InvalidAnswer {
        question: "du-03".into(),
        answer: "perhaps".into()
    }));
}

#[test]
fn benefits_are_shown_beside_the_risks_and_never_change_a_level() {
    let t = coopdesk_assess::builtin::builtin_template().unwrap_or_else(|p| panic!("{p}"));
    assert!(
        t.benefits.len() >= 4,
        "the built-in template names its added-value questions"
    );
    let mut w = safe_world();
    let before = w.assess(&t);
    w.case.answers.insert(
        "ben-01".into(),
        coopdesk_core::Answer {
            value: "yes".into(),
            comment: Some("Only FAST reaches this sensitivity for pulsar timing".into()),
        },
    );
    w.answer("ben-02", "no");
    w.answer("ben-03", "maybe");
    let after = w.assess(&t);
    assert_eq!(
        before
            .topics
            .iter()
            .map(|x| (x.level, x.score))
            .collect::<Vec<_>>(),
        after
            .topics
            .iter()
            .map(|x| (x.level, x.score))
            .collect::<Vec<_>>()
    );
    assert_eq!(before.overall, after.overall);
    assert_eq!(before.provisional, after.provisional);
    let ben01 = after.benefits.iter().find(|b| b.id == "ben-01");
    assert_eq!(ben01.and_then(|b| b.answer.as_deref()), Some("yes"));
    // An invalid stored value reads as unanswered.
    let ben03 = after.benefits.iter().find(|b| b.id == "ben-03");
    assert_eq!(ben03.and_then(|b| b.answer.as_deref()), None);
    let r = render(&after, &t, Lang::En);
    assert_eq!(
        r.benefits,
        vec!["Unique access: Only FAST reaches this sensitivity for pulsar timing".to_owned()]
    );
    let de = render(&after, &t, Lang::De);
    assert!(de.benefits[0].starts_with("Einzigartiger Zugang: "));
}
