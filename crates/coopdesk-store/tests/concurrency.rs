//! Two editors of one case on two connections to one SQLite file: the second save over a newer case
//! is a conflict, and nothing is lost. (On a team database too, with `COOPDESK_TEST_PG`; and as two
//! logins in `team.rs`.)

#![allow(clippy::expect_used)]

mod common;

use common::*;

#[test]
fn a_second_editor_gets_a_conflict_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("cases.sqlite");
    let mut alice = open(&path);
    import_three(&mut alice);
    alice.set_actor("alice");
    let mut bob = open(&path);
    bob.set_actor("bob");
    // On a team database (`COOPDESK_TEST_PG`) both connections are the environment's login.
    let name = alice.actor().to_owned();
    two_editors_of_one_case(&mut alice, &mut bob, &name);
}
