//! Helpers shared by the store's integration tests: a fixed clock, id generation, a small populated
//! database and what "the same content" means.

#![allow(dead_code)] // Each test file uses a different subset.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{IdKind, NamedDocument, Passphrase, Store};

/// The tests' "now".
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("the value the test needs")
}

/// Ids for new records: `Kind-1`, `Kind-2`, …
pub fn ids() -> impl FnMut(IdKind) -> String {
    let mut n = 0;
    move |k| {
        n += 1;
        format!("{k:?}-{n}")
    }
}

/// Opens a plain database, failing the test with the store's message.
///
/// With `COOPDESK_TEST_PG` set (and the `team` feature), the store is a team database on the server
/// of the `PG*` variables instead, one per `path` (created empty the first time, reopened after), so
/// that the test files written against `open` run on both engines (packaging/test.sh does so under
/// `pg_virtualenv`).
pub fn open(path: &Path) -> Store {
    #[cfg(feature = "team")]
    if std::env::var_os("COOPDESK_TEST_PG").is_some() {
        return team_store(path);
    }
    Store::open(path, t0()).unwrap_or_else(|e| panic!("{e}"))
}

/// The team database standing for the file `path` (see [`open`]): created empty and set up with
/// `team init` the first time, reopened after. The store benchmark uses it too.
#[cfg(feature = "team")]
pub fn team_store(path: &Path) -> Store {
    use std::collections::HashSet;
    use std::hash::{Hash, Hasher};
    use std::sync::Mutex;

    use coopdesk_store::Target;
    use coopdesk_store::team::TeamDb;

    static CREATED: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    path.hash(&mut hasher);
    let name = format!("coopdesk_t_{:016x}", hasher.finish());
    let target = |db: &str| match Target::parse(&format!("postgresql:///{db}")) {
        Ok(Target::Team(t)) => t,
        other => panic!("{other:?}"),
    };
    let mut created = CREATED.lock().unwrap_or_else(|p| p.into_inner());
    if created
        .get_or_insert_with(HashSet::new)
        .insert(name.clone())
    {
        let mut admin = TeamDb::connect(&target("postgres")).unwrap_or_else(|e| panic!("{e}"));
        for sql in [
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            admin
                .client()
                .batch_execute(&sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        TeamDb::connect(&target(&name))
            .and_then(|mut db| db.init())
            .unwrap_or_else(|e| panic!("team init: {e}"));
    }
    Store::open_team(&target(&name)).unwrap_or_else(|e| panic!("{e}"))
}

/// A database with three imported cases, encrypted with `key` when given.
pub fn populated_with(dir: &tempfile::TempDir, key: Option<&Passphrase>) -> PathBuf {
    let path = dir.path().join("db").join("cases.sqlite");
    let mut store = Store::open_keyed(&path, t0(), key).unwrap_or_else(|e| panic!("{e}"));
    import_three(&mut store);
    path
}

/// A plain database with three imported cases.
pub fn populated(dir: &tempfile::TempDir) -> PathBuf {
    populated_with(dir, None)
}

/// Every case as JSON, in id order: what "identical content" means.
pub fn content(store: &Store) -> Vec<String> {
    store
        .case_ids()
        .expect("the value the test needs")
        .iter()
        .map(|id| {
            let c = store.case(id).unwrap_or_else(|e| panic!("{e}"));
            serde_json::to_string(&c).expect("the value the test needs")
        })
        .collect()
}

/// Imports the three cases of [`populated_with`] into an open store (of either engine).
pub fn import_three(store: &mut Store) {
    let docs: Vec<NamedDocument> = (1..=3)
        .map(|i| {
            let json = format!(
                r#"{{"format": "coopdesk.case/v1", "id": "C-{i}", "title": "Case {i}",
                    "partners": [{{"name": "Partner {i}", "name_zh": "伙伴{i}", "country": "CN", "role": "host"}}]}}"#
            );
            NamedDocument {
                file: format!("{i}.json"),
                document: read_case_document("c.json", json.as_bytes())
                    .unwrap_or_else(|e| panic!("{e}")),
            }
        })
        .collect();
    store
        .import_documents(&docs, &mut ids(), t0())
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Two editors of one case on two connections (either engine): both read it, the first saves, the
/// second's save is refused with a conflict naming the first editor and the field changed, nothing
/// of it is written; the second reloads, re-applies and saves; both changes are kept.
/// `alice` and `bob` are two connections to one database holding [`import_three`]'s cases, whose
/// audit log names `alice_name` for the first one.
pub fn two_editors_of_one_case(alice: &mut Store, bob: &mut Store, alice_name: &str) {
    let mut a = alice.case("C-1").unwrap_or_else(|e| panic!("{e}"));
    let mut b = bob.case("C-1").unwrap_or_else(|e| panic!("{e}"));
    let revisions = alice.revisions("C-1").expect("revisions").len();

    a.title = "Case 1, as Alice has it".to_owned();
    let saved = alice
        .save_edited_case(&a, t0() + chrono::Duration::minutes(1))
        .unwrap_or_else(|e| panic!("alice saves: {e}"));
    assert_eq!(saved.title, a.title);

    b.summary = "Bob's summary".to_owned();
    match bob.save_edited_case(&b, t0() + chrono::Duration::minutes(2)) {
        Err(coopdesk_store::Error::Conflict { id, by, fields, .. }) => {
            assert_eq!(id, "C-1");
            assert_eq!(by, alice_name);
            assert_eq!(fields, vec!["title".to_owned()]);
        }
        other => panic!("bob's save over alice's should be a conflict, not {other:?}"),
    }
    let stored = bob.case("C-1").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.title, a.title, "alice's change is kept");
    assert_eq!(
        stored.summary, "",
        "nothing of bob's refused save was written"
    );

    let mut b = stored;
    b.summary = "Bob's summary".to_owned();
    let saved = bob
        .save_edited_case(&b, t0() + chrono::Duration::minutes(3))
        .unwrap_or_else(|e| panic!("bob saves again: {e}"));
    assert_eq!(
        (saved.title.as_str(), saved.summary.as_str()),
        ("Case 1, as Alice has it", "Bob's summary")
    );
    assert_eq!(
        alice.revisions("C-1").expect("revisions").len(),
        revisions + 2
    );
    assert!(alice.verify_audit().expect("verify").ok);
}
