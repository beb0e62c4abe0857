//! Two editors of one case on two connections to one SQLite file: the second save over a newer case
//! is a conflict, and nothing is lost. (The same scenario runs against PostgreSQL in `team.rs`.)

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
    two_editors_of_one_case(&mut alice, &mut bob, "alice");
}
