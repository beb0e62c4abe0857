//! Backups and restores on real files: a restore gives back exactly what was backed up, a damaged or
//! foreign file is refused without changing anything, and daily backups rotate.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

mod common;

use chrono::Duration;
use common::{content, open, populated, t0};
use coopdesk_store::check_backup;

#[test]
fn restore_gives_back_exactly_what_was_backed_up() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = populated(&dir);
    let mut store = open(&path);
    let before = content(&store);
    let audit_before = store.audit_entries(None).expect("the value the test needs");
    let backup = dir.path().join("copy.sqlite");
    let check = store
        .backup_now(Some(&backup), t0())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(check.case_count, 3);

    // Change things after the backup.
    let mut c = store.case("C-2").unwrap_or_else(|e| panic!("{e}"));
    c.title = "Changed after the backup".into();
    store
        .save_case(&c, t0() + Duration::hours(1))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(content(&store), before);

    store
        .restore_from(&backup, t0() + Duration::hours(2))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(content(&store), before);
    let audit = store.audit_entries(None).expect("the value the test needs");
    assert_eq!(&audit[..audit_before.len()], &audit_before[..]);
    assert_eq!(
        audit.last().map(|e| e.action.as_str()),
        Some("backup.restore")
    );
    assert!(store.verify_audit().is_ok_and(|v| v.ok));
    // The content replaced was kept as a safety copy.
    let safety: Vec<_> = std::fs::read_dir(path.parent().unwrap_or(dir.path()).join("backups"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
                .collect()
        })
        .expect("the value the test needs");
    assert_eq!(safety.len(), 1);
    drop(store);
    // And the restore lasts.
    assert_eq!(content(&open(&path)), before);
}

#[test]
fn damaged_or_foreign_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = populated(&dir);
    let mut store = open(&path);
    let before = content(&store);
    let good = dir.path().join("good.sqlite");
    store
        .backup_now(Some(&good), t0())
        .unwrap_or_else(|e| panic!("{e}"));

    // Every page but the first overwritten with garbage (the file still opens and identifies).
    let mut bytes = std::fs::read(&good).expect("a readable file");
    assert!(bytes.len() > 3 * 4096, "backup unexpectedly small");
    for (i, b) in bytes[4096..].iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    let damaged = dir.path().join("damaged.sqlite");
    std::fs::write(&damaged, &bytes).unwrap_or_else(|e| panic!("{e}"));
    // Cut short.
    let short = dir.path().join("short.sqlite");
    std::fs::write(
        &short,
        &std::fs::read(&good).expect("a readable file")[..5000],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Another program's database, and not a database at all.
    let foreign = dir.path().join("foreign.sqlite");
    rusqlite::Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .unwrap_or_else(|e| panic!("{e}"));
    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "not a database").unwrap_or_else(|e| panic!("{e}"));

    for bad in [&damaged, &short, &foreign, &text] {
        let err = store.restore_from(bad, t0()).err();
        let msg = err
            .map(|e| e.to_string())
            .expect("the value the test needs");
        assert!(
            msg.contains(&bad.display().to_string()),
            "{}: {msg}",
            bad.display()
        );
        assert!(check_backup(bad, None).is_err());
        assert_eq!(
            content(&store),
            before,
            "{} changed the database",
            bad.display()
        );
    }
    assert!(check_backup(&good, None).is_ok());
}

#[test]
fn daily_backups_are_taken_once_a_day_and_rotate() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = populated(&dir);
    let store = open(&path);
    assert!(
        store
            .daily_backup(t0())
            .expect("the value the test needs")
            .is_some()
    );
    assert!(
        store
            .daily_backup(t0() + Duration::hours(3))
            .expect("the value the test needs")
            .is_none()
    );
    for day in 1..=9 {
        let written = store
            .daily_backup(t0() + Duration::days(day))
            .unwrap_or_else(|e| panic!("{e}"));
        let file = written.unwrap_or_else(|| panic!("day {day}: no backup"));
        assert!(check_backup(&file, None).is_ok_and(|c| c.case_count == 3));
    }
    let daily = std::fs::read_dir(path.parent().unwrap_or(dir.path()).join("backups"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().contains("-daily-"))
                .count()
        })
        .expect("the value the test needs");
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap_or(dir.path()).join("backups"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .expect("the value the test needs");
    assert_eq!(daily, coopdesk_store::KEEP_DAILY_BACKUPS, "{names:?}");
}
