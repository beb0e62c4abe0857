//! The action plan: suggested conditions become tracked actions that feed the assessment, overdue
//! actions show on the case and in the case list, and bad edits change nothing.

use coopdesk_app::Desk;
use coopdesk_app::api::CaseQuery;
use coopdesk_app::api::{ActionInput, AssessmentView};
use coopdesk_app::demo::open_demo;
use coopdesk_assess::engine::Reason;
use coopdesk_assess::{Lang, Level, Topic};
use coopdesk_core::{ActionStatus, Date};

fn demo() -> (tempfile::TempDir, Desk) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = open_demo(&tmp.path().join("demo.sqlite"), true).unwrap_or_else(|e| panic!("{e:?}"));
    (tmp, desk)
}

fn levels(v: &AssessmentView) -> Vec<(Topic, Level)> {
    v.assessment
        .topics
        .iter()
        .map(|t| (t.topic, t.level))
        .collect()
}

fn date(s: &str) -> Option<Date> {
    Some(Date::parse(s).unwrap_or_else(|| panic!("bad date {s}")))
}

fn adopt(desk: &Desk, id: &str, mitigation: &str) -> AssessmentView {
    desk.set_action(
        id,
        ActionInput {
            mitigation: Some(mitigation.to_owned()),
            ..Default::default()
        },
        Lang::En,
    )
    .unwrap_or_else(|e| panic!("{id} {mitigation}: {e:?}"))
}

#[test]
fn adopted_conditions_credit_the_assessment_and_waiving_them_takes_the_credit_back() {
    let (_tmp, desk) = demo();
    let mut credited = 0;
    for n in 1..=10 {
        let id = format!("DEMO-{n:02}");
        let before = desk
            .assess_case(&id, Lang::En)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let suggested: Vec<String> = before
            .assessment
            .conditions
            .iter()
            .filter(|c| c.recorded.is_none())
            .map(|c| c.mitigation.clone())
            .collect();
        let mut after = before.clone();
        for m in &suggested {
            after = adopt(&desk, &id, m);
        }
        // Every condition is now recorded, the new ones with the template's text and owner role.
        assert!(
            after
                .assessment
                .conditions
                .iter()
                .all(|c| c.recorded.is_some())
        );
        let added: Vec<_> = after
            .actions
            .iter()
            .filter(|a| {
                a.action
                    .mitigation
                    .as_ref()
                    .is_some_and(|m| suggested.contains(m))
            })
            .cloned()
            .collect();
        assert_eq!(added.len(), suggested.len());
        assert!(added.iter().all(|a| a.condition
            && a.action.status == ActionStatus::Open
            && !a.action.title.is_empty()));
        for ((t, l0), (_, l1)) in levels(&before).into_iter().zip(levels(&after)) {
            assert!(
                l1 <= l0,
                "{id}: {t} rose from {l0} to {l1} by adopting conditions"
            );
            if l1 < l0 {
                credited += 1;
                let reasons = &after
                    .assessment
                    .topics
                    .iter()
                    .find(|r| r.topic == t)
                    .unwrap_or_else(|| panic!("no {t}"))
                    .reasons;
                assert!(
                    reasons
                        .iter()
                        .any(|r| matches!(r, Reason::Mitigated { .. })),
                    "{id}: {t} fell without a Mitigated reason"
                );
            }
        }
        // Waiving the actions just added restores the original levels.
        let mut waived = after.clone();
        for a in &added {
            waived = desk
                .set_action(
                    &id,
                    ActionInput {
                        id: Some(a.action.id.clone()),
                        title: a.action.title.clone(),
                        owner: a.action.owner.clone(),
                        status: Some(ActionStatus::Waived),
                        note: Some("not needed after all".into()),
                        ..Default::default()
                    },
                    Lang::En,
                )
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
        assert_eq!(levels(&waived), levels(&before), "{id}: waiving restores");
    }
    assert!(
        credited > 0,
        "no demo case has a topic whose serious risks are all covered by its conditions"
    );
}

#[test]
fn overdue_actions_show_on_the_case_and_in_the_list() {
    let (_tmp, desk) = demo();
    let view = desk
        .set_action(
            "DEMO-06",
            ActionInput {
                title: "Send the signed facility access terms to the office".into(),
                owner: Some("Dr. Anna Weber".into()),
                due: date("2000-01-31"),
                ..Default::default()
            },
            Lang::En,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
    let added = &view.actions[0];
    assert!(added.overdue && !added.condition);
    assert_eq!(added.action.id, "act-1");
    assert_eq!(added.action.status, ActionStatus::Open);

    let row_overdue = |desk: &Desk, overdue_only: bool| {
        desk.list_cases(&CaseQuery {
            limit: 100,
            overdue_only,
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e:?}"))
        .rows
        .into_iter()
        .map(|r| (r.id, r.overdue_actions))
        .collect::<Vec<_>>()
    };
    assert!(row_overdue(&desk, false).contains(&("DEMO-06".to_owned(), 1)));
    // DEMO-07's data annex is overdue in the demo itself.
    let mut overdue_cases = row_overdue(&desk, true);
    overdue_cases.sort();
    assert_eq!(
        overdue_cases,
        vec![("DEMO-06".to_owned(), 1), ("DEMO-07".to_owned(), 1)]
    );

    // A due date far ahead is not overdue; neither is a met action.
    desk.set_action(
        "DEMO-06",
        ActionInput {
            title: "Review the publication plan".into(),
            due: date("2999-01-01"),
            ..Default::default()
        },
        Lang::En,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let view = desk
        .set_action(
            "DEMO-06",
            ActionInput {
                id: Some("act-1".into()),
                title: String::new(),
                owner: Some("Dr. Anna Weber".into()),
                due: date("2000-01-31"),
                status: Some(ActionStatus::Met),
                note: Some("received 2000-01-30".into()),
                ..Default::default()
            },
            Lang::En,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(view.actions.iter().all(|a| !a.overdue));
    // An empty title on a change keeps the old one.
    assert_eq!(
        view.actions[0].action.title,
        "Send the signed facility access terms to the office"
    );
    assert_eq!(row_overdue(&desk, true), vec![("DEMO-07".to_owned(), 1)]);

    // The plan travels with the case file.
    let text = desk
        .case_document_text("DEMO-06")
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(text.contains("\"actions\"") && text.contains("received 2000-01-30"));
}

#[test]
fn bad_action_edits_are_refused_and_change_nothing() {
    let (_tmp, desk) = demo();
    let id = "DEMO-02";
    let before = desk
        .case_document_text(id)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let suggested = desk
        .assess_case(id, Lang::En)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .assessment
        .conditions
        .first()
        .map(|c| c.mitigation.clone())
        .unwrap_or_else(|| panic!("{id} suggests no condition"));

    let attempts = [
        ActionInput {
            mitigation: Some("no-such-mitigation".into()),
            ..Default::default()
        },
        ActionInput {
            title: "   ".into(),
            ..Default::default()
        },
        ActionInput {
            id: Some("act-99".into()),
            title: "change a missing action".into(),
            ..Default::default()
        },
        ActionInput {
            title: "x".repeat(6_000),
            ..Default::default()
        },
    ];
    for a in attempts {
        let e = desk
            .set_action(id, a.clone(), Lang::En)
            .err()
            .unwrap_or_else(|| panic!("accepted {a:?}"));
        assert!(!e.problems.is_empty(), "{a:?}: {e:?} names no field");
    }
    adopt(&desk, id, &suggested);
    let once = desk
        .case_document_text(id)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let e = desk
        .set_action(
            id,
            ActionInput {
                mitigation: Some(suggested.clone()),
                ..Default::default()
            },
            Lang::En,
        )
        .err()
        .unwrap_or_else(|| panic!("a second action for {suggested} was accepted"));
    assert!(
        e.problems
            .iter()
            .any(|p| p.problem.path.ends_with(".mitigation")),
        "{e:?}"
    );
    assert_eq!(
        desk.case_document_text(id)
            .unwrap_or_else(|e| panic!("{e:?}")),
        once
    );
    assert_ne!(once, before);
    let removed = desk
        .remove_action(id, "act-1", Lang::En)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(removed.actions.is_empty());
    assert!(desk.remove_action(id, "act-1", Lang::En).is_err());
}
