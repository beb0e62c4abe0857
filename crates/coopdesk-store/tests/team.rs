//! Team mode against a real PostgreSQL server: the schema `team init` creates, the roles the server
//! enforces through plain SQL, and role management.
//!
//! Every test is ignored in a plain `cargo test`: it needs a server. packaging/test.sh runs them
//! under `pg_virtualenv` (a throw-away cluster; it sets PGHOST, PGPORT, PGUSER, PGPASSWORD and
//! PGDATABASE to a superuser) with `--ignored --test-threads=1` (the group roles are cluster-wide).
//! Without a server they fail at the first connection; they never skip.

#![allow(clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use coopdesk_core::audit::{GENESIS, entry_hash};
use coopdesk_store::team::postgres::error::SqlState;
use coopdesk_store::team::postgres::{self, Client};
use coopdesk_store::team::{Member, PG_LATEST_VERSION, TeamDb, TeamRole};
use coopdesk_store::{Error, Target, TeamTarget};

/// The server of the environment (as its superuser), on the database `dbname`.
fn admin_target(dbname: &str) -> TeamTarget {
    let uri = format!("postgresql:///{dbname}");
    match Target::parse(&uri) {
        Ok(Target::Team(t)) => t,
        other => panic!("{uri} should name a team database: {other:?}"),
    }
}

/// A fresh, empty database named `name` (dropped first if a previous run left it).
fn fresh_database(name: &str) -> TeamTarget {
    let admin = admin_target("postgres");
    let mut db = TeamDb::connect(&admin).unwrap_or_else(|e| panic!("connect as admin: {e}"));
    // Two statements: DROP DATABASE cannot share an (implicit) transaction with another one.
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ] {
        db.client()
            .batch_execute(&sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    admin_target(name)
}

/// A login role with a password (what the server's administrator does), replaced if it exists.
fn create_login(admin: &mut TeamDb, login: &str) {
    admin
        .client()
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {login}; CREATE ROLE {login} LOGIN PASSWORD 'pw-{login}'"
        ))
        .unwrap_or_else(|e| panic!("create login {login}: {e}"));
}

/// A plain connection as `login` (the password the test gave it), search path set like the app's.
fn connect_as(target: &TeamTarget, login: &str) -> TeamDb {
    let mut t = target.clone();
    t.user = login.to_owned();
    t.password = Some(format!("pw-{login}").into());
    TeamDb::connect(&t).unwrap_or_else(|e| panic!("connect as {login}: {e}"))
}

fn init(target: &TeamTarget) -> TeamDb {
    let mut db = TeamDb::connect(target).unwrap_or_else(|e| panic!("connect: {e}"));
    db.init().unwrap_or_else(|e| panic!("team init: {e}"));
    db
}

/// The SQLSTATE of a failed statement (panics if it succeeded).
fn refused(result: Result<u64, postgres::Error>, what: &str) -> SqlState {
    match result {
        Ok(n) => panic!("{what} should be refused, but it changed {n} row(s)"),
        Err(e) => e
            .code()
            .cloned()
            .unwrap_or_else(|| panic!("{what} failed without a server answer: {e}")),
    }
}

fn ok(result: Result<u64, postgres::Error>, what: &str) -> u64 {
    result.unwrap_or_else(|e| panic!("{what} should be allowed: {e}"))
}

fn insert_case(c: &mut Client, id: &str, status: &str) -> Result<u64, postgres::Error> {
    c.execute(
        "INSERT INTO cases (id, title, status, created_at, updated_at)
         VALUES ($1, $2, $3, '2026-12-01T00:00:00+00:00', '2026-12-01T00:00:00+00:00')",
        &[&id, &format!("Case {id}"), &status],
    )
}

fn insert_step(
    c: &mut Client,
    case: &str,
    seq: i64,
    from: &str,
    to: &str,
) -> Result<u64, postgres::Error> {
    c.execute(
        "INSERT INTO case_transitions (case_id, seq, revision, from_status, to_status, decided_by, at, audit_hash)
         VALUES ($1, $2, 1, $3, $4, session_user, '2026-12-01T00:00:00+00:00', 'h')",
        &[&case, &seq, &from, &to],
    )
}

fn status_of(c: &mut Client, id: &str) -> String {
    c.query_one("SELECT status FROM cases WHERE id = $1", &[&id])
        .unwrap_or_else(|e| panic!("read case {id}: {e}"))
        .get(0)
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn init_creates_the_schema_once_and_refuses_a_newer_one_untouched() {
    let target = fresh_database("coopdesk_t_init");
    let mut db = TeamDb::connect(&target).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.schema_version().ok(), Some(None), "an empty database");
    assert!(
        matches!(TeamDb::open(&target), Err(Error::Unusable { reason, .. }) if reason.contains("team init")),
        "opening before init says how to set up"
    );
    assert_eq!(db.init().ok(), Some(0), "from an empty database");
    assert_eq!(db.schema_version().ok(), Some(Some(PG_LATEST_VERSION)));
    assert_eq!(
        db.init().ok(),
        Some(PG_LATEST_VERSION),
        "again: nothing to do"
    );
    TeamDb::open(&target).unwrap_or_else(|e| panic!("open after init: {e}"));

    // A database from a newer Cooperation Desk: refused, and nothing written.
    let snapshot = |c: &mut Client| -> Vec<String> {
        c.query(
            "SELECT table_name::text || '.' || column_name::text FROM information_schema.columns
             WHERE table_schema = 'coopdesk' ORDER BY 1",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|r| r.get(0))
        .collect()
    };
    db.client()
        .execute(
            "UPDATE settings SET value = '99' WHERE key = 'schema_version'",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let before = snapshot(db.client());
    match db.init() {
        Err(Error::SchemaTooNew {
            found: 99,
            supported,
            ..
        }) => {
            assert_eq!(supported, PG_LATEST_VERSION)
        }
        other => panic!("a newer schema must be refused: {other:?}"),
    }
    assert!(matches!(
        TeamDb::open(&target),
        Err(Error::SchemaTooNew { found: 99, .. })
    ));
    assert_eq!(snapshot(db.client()), before);
    assert_eq!(db.schema_version().ok(), Some(Some(99)));

    // Someone else's schema of the same name is not taken for ours.
    let other = fresh_database("coopdesk_t_other");
    let mut o = TeamDb::connect(&other).unwrap_or_else(|e| panic!("{e}"));
    o.client()
        .batch_execute("CREATE SCHEMA coopdesk; CREATE TABLE coopdesk.stuff (x int)")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(o.init(), Err(Error::Unusable { reason, .. }) if reason.contains("not a Cooperation Desk register")),
    );
}

/// SQLite's declared types as the PostgreSQL baseline spells them.
fn pg_type_of_sqlite(declared: &str) -> &'static str {
    match declared.to_ascii_uppercase().as_str() {
        "INTEGER" => "bigint",
        "TEXT" => "text",
        "BLOB" => "bytea",
        "REAL" => "double precision",
        other => panic!("a SQLite type the comparison does not know: {other}"),
    }
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn the_team_schema_has_the_tables_and_columns_of_the_sqlite_schema() {
    // table -> [(column, type, not null)] in column order, from each engine's own catalogue.
    type Schema = BTreeMap<String, Vec<(String, String, bool)>>;

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cases.sqlite");
    drop(coopdesk_store::Store::open(&path, chrono::Utc::now()).unwrap_or_else(|e| panic!("{e}")));
    let lite = rusqlite::Connection::open(&path).expect("open the SQLite file again");
    let mut sqlite = Schema::new();
    let mut tables = lite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .expect("list tables");
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .expect("query tables")
        .collect::<Result<_, _>>()
        .expect("table names");
    for table in names {
        let mut cols = lite
            .prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid")
            .expect("table info");
        let columns = cols
            .query_map([&table], |r| {
                let ty: String = r.get(1)?;
                let notnull: bool = r.get(2)?;
                let pk: i64 = r.get(3)?;
                // A primary-key column is NOT NULL in PostgreSQL, and in practice in ours.
                Ok((
                    r.get(0)?,
                    pg_type_of_sqlite(&ty).to_owned(),
                    notnull || pk > 0,
                ))
            })
            .expect("columns")
            .collect::<Result<Vec<_>, _>>()
            .expect("column rows");
        sqlite.insert(table, columns);
    }

    let target = fresh_database("coopdesk_t_schema");
    let mut db = init(&target);
    let mut pg = Schema::new();
    for row in db
        .client()
        .query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'NO'
             FROM information_schema.columns WHERE table_schema = 'coopdesk'
             ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"))
    {
        pg.entry(row.get(0))
            .or_default()
            .push((row.get(1), row.get(2), row.get(3)));
    }
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        pg.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, columns) in &sqlite {
        assert_eq!(Some(columns), pg.get(table), "columns of {table}");
    }
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn the_server_enforces_the_roles_on_plain_sql() {
    let target = fresh_database("coopdesk_t_roles");
    let mut owner = init(&target);
    for login in ["t_reader", "t_officer", "t_director"] {
        create_login(&mut owner, login);
    }
    owner
        .grant("t_reader", TeamRole::Reader)
        .unwrap_or_else(|e| panic!("{e}"));
    owner
        .grant("t_officer", TeamRole::Officer)
        .unwrap_or_else(|e| panic!("{e}"));
    owner
        .grant("t_director", TeamRole::Director)
        .unwrap_or_else(|e| panic!("{e}"));
    ok(
        insert_case(owner.client(), "C-1", "in_review"),
        "the owner's case",
    );

    let denied = SqlState::INSUFFICIENT_PRIVILEGE;

    // A reader reads and writes nothing.
    let mut reader = connect_as(&target, "t_reader");
    assert_eq!(status_of(reader.client(), "C-1"), "in_review");
    assert_eq!(
        refused(
            insert_case(reader.client(), "R-1", "draft"),
            "reader insert"
        ),
        denied
    );
    assert_eq!(
        refused(
            reader
                .client()
                .execute("UPDATE cases SET title = 'x' WHERE id = 'C-1'", &[]),
            "reader update"
        ),
        denied
    );
    assert_eq!(
        refused(
            reader.client().execute(
                "SELECT * FROM coopdesk_audit_append('t', 'a', 's', 'd')",
                &[]
            ),
            "reader audit entry"
        ),
        denied
    );

    // An officer works on cases but decides nothing and cannot touch the audit log.
    let mut officer = connect_as(&target, "t_officer");
    let o = officer.client();
    ok(insert_case(o, "O-1", "draft"), "officer creates a case");
    ok(
        o.execute(
            "UPDATE cases SET title = 'Edited', status = 'in_review' WHERE id = 'O-1'",
            &[],
        ),
        "officer edits and submits",
    );
    ok(
        insert_step(o, "O-1", 1, "draft", "in_review"),
        "officer records a submission",
    );
    for (sql, what) in [
        (
            "UPDATE cases SET status = 'approved' WHERE id = 'C-1'",
            "officer approves",
        ),
        (
            "UPDATE cases SET status = 'approved_with_conditions' WHERE id = 'C-1'",
            "officer approves with conditions",
        ),
        (
            "UPDATE cases SET status = 'declined' WHERE id = 'C-1'",
            "officer declines",
        ),
    ] {
        assert_eq!(refused(o.execute(sql, &[]), what), denied);
    }
    assert_eq!(
        refused(
            insert_case(o, "O-2", "approved"),
            "officer inserts a decided case"
        ),
        denied
    );
    for to in ["approved", "approved_with_conditions", "declined"] {
        assert_eq!(
            refused(
                insert_step(o, "C-1", 1, "in_review", to),
                "officer decision step"
            ),
            denied
        );
    }
    assert_eq!(status_of(o, "C-1"), "in_review", "no decision was recorded");

    let entry = |c: &mut Client, subject: &str| -> (i64, String, String, String) {
        let r = c
            .query_one(
                "SELECT seq, actor, prev_hash, hash FROM coopdesk_audit_append('2026-12-01T00:00:00+00:00', 'case.save', $1, 'd1')",
                &[&subject],
            )
            .unwrap_or_else(|e| panic!("append an audit entry: {e}"));
        (r.get(0), r.get(1), r.get(2), r.get(3))
    };
    let (seq, actor, prev, hash) = entry(o, "O-1#1");
    assert_eq!(
        (seq, actor.as_str(), prev.as_str()),
        (1, "t_officer", GENESIS)
    );
    assert_eq!(
        hash,
        entry_hash(
            1,
            "2026-12-01T00:00:00+00:00",
            "t_officer",
            "case.save",
            "O-1#1",
            "d1",
            GENESIS
        ),
        "the server's chain is the one coopdesk_core verifies"
    );
    for (sql, what) in [
        (
            "UPDATE audit_log SET actor = 'someone'",
            "officer edits the audit log",
        ),
        ("DELETE FROM audit_log", "officer deletes audit entries"),
        (
            "INSERT INTO audit_log VALUES (2, 'a', 'b', 'c', 'd', 'e', 'f', 'g')",
            "officer writes an audit row directly",
        ),
        (
            "UPDATE case_transitions SET to_status = 'approved'",
            "officer rewrites a step",
        ),
        (
            "DELETE FROM cases WHERE id = 'O-1'",
            "officer deletes a case",
        ),
    ] {
        assert_eq!(refused(o.execute(sql, &[]), what), denied);
    }
    // The chain's head is not the officers' to move: the row is invisible to their UPDATE.
    let head = |c: &mut Client| -> String {
        c.query_one("SELECT value FROM settings WHERE key = 'audit.head'", &[])
            .unwrap_or_else(|e| panic!("{e}"))
            .get(0)
    };
    let before = head(o);
    assert_eq!(
        ok(
            o.execute(
                "UPDATE settings SET value = '9 x' WHERE key = 'audit.head'",
                &[]
            ),
            "no-op"
        ),
        0
    );
    assert_eq!(head(o), before);
    assert_eq!(
        refused(
            o.execute("INSERT INTO settings VALUES ('schema_version', '1') ON CONFLICT (key) DO UPDATE SET value = '1'", &[]),
            "officer rewrites the schema version"
        ),
        denied
    );

    // A director decides and reopens.
    let mut director = connect_as(&target, "t_director");
    let d = director.client();
    ok(
        d.execute("UPDATE cases SET status = 'approved' WHERE id = 'C-1'", &[]),
        "director approves",
    );
    ok(
        insert_step(d, "C-1", 1, "in_review", "approved"),
        "director records the decision",
    );
    ok(
        d.execute(
            "UPDATE cases SET status = 'in_review' WHERE id = 'C-1'",
            &[],
        ),
        "director reopens",
    );
    ok(
        insert_step(d, "C-1", 2, "approved", "in_review"),
        "director records the reopening",
    );
    let (seq, actor, prev, _) = entry(d, "C-1#2");
    assert_eq!((seq, actor.as_str(), prev), (2, "t_director", hash));
    assert_eq!(
        refused(
            d.execute("UPDATE audit_log SET actor = 'x'", &[]),
            "director edits the audit log"
        ),
        denied
    );
    // An officer cannot undo the director's decision either.
    ok(
        d.execute("UPDATE cases SET status = 'declined' WHERE id = 'C-1'", &[]),
        "director declines",
    );
    let o = officer.client();
    assert_eq!(
        refused(
            o.execute(
                "UPDATE cases SET status = 'in_review' WHERE id = 'C-1'",
                &[]
            ),
            "officer reopens"
        ),
        denied
    );

    // Not even the owner (here a superuser) edits or empties the audit log.
    for sql in [
        "UPDATE audit_log SET actor = 'x'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        assert_eq!(refused(owner.client().execute(sql, &[]), sql), denied);
    }
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn grant_revoke_and_members_manage_who_is_what() {
    let target = fresh_database("coopdesk_t_members");
    let mut owner = init(&target);
    create_login(&mut owner, "m_alice");
    create_login(&mut owner, "m_bob");
    owner
        .grant("m_alice", TeamRole::Officer)
        .unwrap_or_else(|e| panic!("{e}"));
    owner
        .grant("m_bob", TeamRole::Reader)
        .unwrap_or_else(|e| panic!("{e}"));
    // Granting another role replaces the first.
    owner
        .grant("m_alice", TeamRole::Director)
        .unwrap_or_else(|e| panic!("{e}"));
    let members = owner.members().unwrap_or_else(|e| panic!("{e}"));
    let ours: Vec<&Member> = members
        .iter()
        .filter(|m| m.login.starts_with("m_"))
        .collect();
    assert_eq!(
        ours,
        [
            &Member {
                login: "m_alice".into(),
                role: TeamRole::Director
            },
            &Member {
                login: "m_bob".into(),
                role: TeamRole::Reader
            },
        ]
    );
    let mut alice = connect_as(&target, "m_alice");
    assert_eq!(
        alice.whoami().ok(),
        Some(("m_alice".to_owned(), Some(TeamRole::Director)))
    );

    assert_eq!(
        owner.revoke("m_bob", TeamRole::Officer).ok(),
        Some(false),
        "not held"
    );
    assert_eq!(owner.revoke("m_bob", TeamRole::Reader).ok(), Some(true));
    let mut bob = connect_as(&target, "m_bob");
    assert_eq!(bob.whoami().ok(), Some(("m_bob".to_owned(), None)));
    assert!(
        matches!(bob.client().query("SELECT * FROM coopdesk.cases", &[]), Err(e) if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE)),
        "without a role, nothing is readable"
    );

    match owner.grant("m_nobody", TeamRole::Reader) {
        Err(Error::Team { reason, .. }) => {
            assert!(reason.contains("server's administrator"), "{reason}")
        }
        other => panic!("an unknown login is refused: {other:?}"),
    }
    match owner.grant("coopdesk_officer", TeamRole::Reader) {
        Err(Error::Team { reason, .. }) => assert!(reason.contains("not a login"), "{reason}"),
        other => panic!("a group role is refused: {other:?}"),
    }
    // An officer cannot hand out roles.
    match alice.grant("m_bob", TeamRole::Director) {
        Err(Error::TeamDenied { .. }) => {}
        other => panic!("granting needs the admin option: {other:?}"),
    }
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn a_wrong_password_is_a_clear_error_without_the_password() {
    let mut t = admin_target("postgres");
    t.password = Some("definitely-wrong-pw".to_owned().into());
    match TeamDb::connect(&t) {
        Err(e @ Error::Team { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("password authentication failed"), "{msg}");
            assert!(!msg.contains("definitely-wrong-pw"), "{msg}");
        }
        other => panic!("a wrong password is refused: {other:?}"),
    }
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn a_second_register_on_the_server_reuses_the_roles_without_createrole() {
    // The group roles exist once the first register is set up.
    let first = fresh_database("coopdesk_t_first");
    init(&first);
    let mut admin = TeamDb::connect(&admin_target("postgres")).unwrap_or_else(|e| panic!("{e}"));
    admin
        .client()
        .batch_execute("DROP DATABASE IF EXISTS coopdesk_t_second WITH (FORCE)")
        .unwrap_or_else(|e| panic!("{e}"));
    create_login(&mut admin, "t_owner2");
    admin
        .client()
        .batch_execute("CREATE DATABASE coopdesk_t_second OWNER t_owner2")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut owner2 = connect_as(&admin_target("coopdesk_t_second"), "t_owner2");
    assert_eq!(
        owner2.init().map_err(|e| e.to_string()),
        Ok(0),
        "an owner without CREATEROLE sets up a register when the roles exist"
    );
}

/// An officer's store on the team database, as `login`.
fn store_as(target: &TeamTarget, login: &str) -> coopdesk_store::Store {
    let mut t = target.clone();
    t.user = login.to_owned();
    t.password = Some(format!("pw-{login}").into());
    coopdesk_store::Store::open_team(&t).unwrap_or_else(|e| panic!("open as {login}: {e}"))
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn two_editors_on_two_connections_one_conflict_and_nothing_lost() {
    let target = fresh_database("coopdesk_t_editors");
    let mut owner = init(&target);
    for login in ["ed_alice", "ed_bob"] {
        create_login(&mut owner, login);
        owner
            .grant(login, TeamRole::Officer)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut alice = store_as(&target, "ed_alice");
    common::import_three(&mut alice);
    let mut bob = store_as(&target, "ed_bob");
    // The scenario the SQLite file passes too (tests/concurrency.rs); the audit log names the login.
    common::two_editors_of_one_case(&mut alice, &mut bob, "ed_alice");

    // Now at the same time: two connections append to one case's notes, 25 times each, re-reading
    // and re-applying on every conflict. Every acknowledged save must be in the final case.
    let writers: Vec<_> = ["ed_alice", "ed_bob"]
        .into_iter()
        .map(|login| {
            let mut store = store_as(&target, login);
            std::thread::spawn(move || {
                let mut conflicts = 0;
                for i in 0..25 {
                    loop {
                        let mut case = store.case("C-2").unwrap_or_else(|e| panic!("{e}"));
                        case.notes.push_str(&format!("[{login} {i}]"));
                        match store.save_edited_case(&case, chrono::Utc::now()) {
                            Ok(_) => break,
                            Err(coopdesk_store::Error::Conflict { .. }) => conflicts += 1,
                            Err(e) => panic!("{login} save {i}: {e}"),
                        }
                    }
                }
                conflicts
            })
        })
        .collect();
    let conflicts: i32 = writers
        .into_iter()
        .map(|w| w.join().unwrap_or_else(|_| panic!("a writer panicked")))
        .sum();
    let notes = alice.case("C-2").unwrap_or_else(|e| panic!("{e}")).notes;
    for login in ["ed_alice", "ed_bob"] {
        for i in 0..25 {
            assert!(
                notes.contains(&format!("[{login} {i}]")),
                "{login}'s save {i} was lost ({conflicts} conflicts): {notes}"
            );
        }
    }
    assert_eq!(
        alice.revisions("C-2").expect("revisions").len(),
        51,
        "one revision per acknowledged save"
    );
    let verdict = alice.verify_audit().unwrap_or_else(|e| panic!("{e}"));
    assert!(verdict.ok, "{verdict:?}");
    eprintln!("two writers, 50 saves, {conflicts} conflicts resolved by re-reading");
}
