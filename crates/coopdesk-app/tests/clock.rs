//! The desk reads the time from its clock: with a fixed clock, what depends on the date — records,
//! overdue actions, the day of a decision — is the same on every run.

// Test code: a failing call fails the test, and `expect` says which call and why.
#![allow(clippy::expect_used)]

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use coopdesk_app::Desk;
use coopdesk_app::api::{ActionInput, TransitionInput};
use coopdesk_app::clock::FixedClock;
use coopdesk_assess::Lang;
use coopdesk_core::{CaseStatus, Date};

#[test]
fn records_and_overdue_actions_follow_the_desks_clock() {
    let at = Utc
        .with_ymd_and_hms(2031, 3, 14, 10, 30, 0)
        .single()
        .expect("a valid time");
    let dir = tempfile::tempdir().expect("temporary folder");
    let desk = Desk::open_with_clock(
        &dir.path().join("cases.sqlite"),
        None,
        Arc::new(FixedClock(at)),
    )
    .expect("open");
    let case = desk
        .create_case("Beamtime in 2031")
        .expect("a new case")
        .case;
    assert_eq!(case.created_at, at);

    let due = |d: &str| Some(Date::parse(d).expect("a date"));
    let view = desk
        .set_action(
            &case.id,
            ActionInput {
                title: "Sign the data agreement".into(),
                due: due("2031-03-13"),
                ..ActionInput::default()
            },
            Lang::En,
        )
        .expect("an action due yesterday");
    assert!(view.actions[0].overdue, "due yesterday by the desk's clock");
    let view = desk
        .set_action(
            &case.id,
            ActionInput {
                title: "Book the beamtime".into(),
                due: due("2031-03-14"),
                ..ActionInput::default()
            },
            Lang::En,
        )
        .expect("an action due today");
    assert!(!view.actions[1].overdue, "due today is not overdue yet");

    let input = TransitionInput {
        by: "Ann Officer".into(),
        ..TransitionInput::default()
    };
    let step = desk
        .transition(&case.id, CaseStatus::InReview, &input, Lang::En)
        .expect("submit")
        .transition;
    assert_eq!(step.at, at.to_rfc3339());
}
