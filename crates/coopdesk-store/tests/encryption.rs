//! Encryption at rest on real files: turning it on, changing the passphrase and turning it off keep
//! every case and the audit chain; the file and its backups hold no readable case text while it is
//! on; a missing or wrong passphrase is refused without touching the file.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::Duration;
use common::{content, open, populated, populated_with, t0};
use coopdesk_store::{Error, Passphrase, Store, check_backup, is_encrypted};

fn key(text: &str) -> Passphrase {
    Passphrase::new(text)
}

fn open_with(path: &Path, k: &Passphrase) -> Store {
    Store::open_keyed(path, t0(), Some(k)).unwrap_or_else(|e| panic!("{e}"))
}

fn backups(db: &Path) -> Vec<PathBuf> {
    let dir = db
        .parent()
        .map(|d| d.join("backups"))
        .expect("the value the test needs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .expect("the value the test needs");
    files.retain(|p| p.extension().is_some_and(|x| x == "sqlite"));
    files.sort();
    files
}

/// Whether `needle` occurs anywhere in the file's bytes.
fn file_contains(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).expect("a readable file");
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn on_change_and_off_keep_every_case_and_the_audit_chain() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = populated(&dir);
    let mut store = open(&path);
    store
        .backup_now(None, t0())
        .unwrap_or_else(|e| panic!("{e}"));
    let before = content(&store);
    assert!(
        file_contains(&path, "Partner 1"),
        "the plain file should show case text"
    );

    let first = key("correct horse battery staple");
    let change = store
        .change_encryption(Some(first.clone()), t0() + Duration::minutes(1))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(change.encrypted && store.is_encrypted());
    assert!(change.backups_converted >= 1, "{change:?}");
    assert!(change.backups_left.is_empty(), "{change:?}");
    assert_eq!(content(&store), before);
    let verdict = store.verify_audit().unwrap_or_else(|e| panic!("{e}"));
    assert!(verdict.ok, "{verdict:?}");
    let last = store.audit_entries(None).expect("the value the test needs");
    assert_eq!(
        last.last().map(|e| e.action.as_str()),
        Some("db.encryption.on")
    );
    drop(store);

    assert!(is_encrypted(&path).unwrap_or(false));
    for file in std::iter::once(path.clone()).chain(backups(&path)) {
        assert!(
            is_encrypted(&file).unwrap_or(false),
            "{} is plain",
            file.display()
        );
        for text in ["Partner 1", "伙伴1", "Case 2", "SQLite format 3"] {
            assert!(
                !file_contains(&file, text),
                "{} shows {text:?}",
                file.display()
            );
        }
        assert!(matches!(
            check_backup(&file, None),
            Err(Error::Locked { .. })
        ));
        assert!(check_backup(&file, Some(&first)).is_ok_and(|c| c.case_count == 3));
    }

    // The new passphrase replaces the old one, for the database and its backups.
    let second = key("a different, longer passphrase");
    let mut store = open_with(&path, &first);
    assert_eq!(content(&store), before);
    store
        .change_encryption(Some(second.clone()), t0() + Duration::minutes(2))
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    assert!(matches!(
        Store::open_keyed(&path, t0(), Some(&first)),
        Err(Error::WrongPassphrase { .. })
    ));
    for file in backups(&path) {
        assert!(
            check_backup(&file, Some(&second)).is_ok(),
            "{}",
            file.display()
        );
    }

    // Off again: an ordinary SQLite file any tool can read, with the same cases.
    let mut store = open_with(&path, &second);
    let change = store
        .change_encryption(None, t0() + Duration::minutes(3))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!change.encrypted && !store.is_encrypted());
    assert_eq!(content(&store), before);
    let actions: Vec<String> = store
        .audit_entries(None)
        .expect("the value the test needs")
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("db.encryption"))
        .collect();
    assert_eq!(
        actions,
        [
            "db.encryption.on",
            "db.encryption.passphrase",
            "db.encryption.off"
        ]
    );
    assert!(store.verify_audit().is_ok_and(|v| v.ok));
    drop(store);
    assert!(!is_encrypted(&path).unwrap_or(true));
    let plain = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let cases: i64 = plain
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .expect("the value the test needs");
    assert_eq!(cases, 3);
    for file in backups(&path) {
        assert!(
            check_backup(&file, None).is_ok(),
            "{} still encrypted",
            file.display()
        );
    }
    // No converted copy is left lying around.
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap_or(dir.path()))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".new") || n.ends_with(".converting"))
                .collect()
        })
        .expect("the value the test needs");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_missing_or_wrong_passphrase_is_refused_and_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let right = key("workshop laptop 2026");
    let path = populated_with(&dir, Some(&right));
    let bytes = std::fs::read(&path).expect("a readable file");

    let locked = Store::open(&path, t0()).err();
    assert!(matches!(locked, Some(Error::Locked { .. })), "{locked:?}");
    let wrong = Store::open_keyed(&path, t0(), Some(&key("workshop laptop 2025"))).err();
    assert!(
        matches!(wrong, Some(Error::WrongPassphrase { .. })),
        "{wrong:?}"
    );
    let message = wrong
        .map(|e| e.to_string())
        .expect("the value the test needs");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert_eq!(std::fs::read(&path).expect("a readable file"), bytes);

    assert_eq!(content(&open_with(&path, &right)).len(), 3);
}

#[test]
fn a_weak_passphrase_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = populated(&dir);
    let mut store = open(&path);
    for weak in ["", "   ", "short"] {
        let err = store.change_encryption(Some(key(weak)), t0()).err();
        assert!(
            matches!(err, Some(Error::WeakPassphrase { .. })),
            "{weak:?}: {err:?}"
        );
    }
    assert!(!store.is_encrypted());
    drop(store);
    assert!(!is_encrypted(&path).unwrap_or(true));
}

#[test]
fn restoring_a_plain_backup_into_an_encrypted_database_keeps_it_encrypted() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = populated(&dir);
    let mut store = open(&path);
    let before = content(&store);
    // Outside the backup folder, so turning encryption on leaves it plain.
    let copy = dir.path().join("handed-over.sqlite");
    store
        .backup_now(Some(&copy), t0())
        .unwrap_or_else(|e| panic!("{e}"));
    let k = key("a passphrase for the trip");
    store
        .change_encryption(Some(k.clone()), t0())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut c = store.case("C-1").unwrap_or_else(|e| panic!("{e}"));
    c.title = "Changed on the trip".into();
    store
        .save_case(&c, t0() + Duration::hours(1))
        .unwrap_or_else(|e| panic!("{e}"));

    assert!(!is_encrypted(&copy).unwrap_or(true));
    store
        .restore_from(&copy, t0() + Duration::hours(2))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(content(&store), before);
    drop(store);
    assert!(is_encrypted(&path).unwrap_or(false));
    assert!(!file_contains(&path, "Partner 1"));
    assert_eq!(content(&open_with(&path, &k)), before);
}

#[test]
fn a_change_while_another_connection_is_open_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = populated(&dir);
    let mut store = open(&path);
    let mut other = open(&path);
    let mut c = other.case("C-3").unwrap_or_else(|e| panic!("{e}"));
    c.title = "Written by the other connection".into();
    other.save_case(&c, t0()).unwrap_or_else(|e| panic!("{e}"));

    let err = store
        .change_encryption(Some(key("not while it is open")), t0())
        .err();
    assert!(matches!(err, Some(Error::Busy)), "{err:?}");
    assert!(!store.is_encrypted());
    // Both connections still work, and nothing written was lost.
    assert_eq!(
        store
            .case("C-3")
            .map(|c| c.title)
            .expect("the value the test needs"),
        "Written by the other connection"
    );
    drop(other);
    drop(store);
    assert!(!is_encrypted(&path).unwrap_or(true));
}
