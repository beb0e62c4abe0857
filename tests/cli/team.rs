//! Team databases from the command line: `team init|grant|revoke|members`, and the case commands on
//! a team database with the roles the server enforces. The refusals run everywhere; the round trips
//! against a server are ignored in plain runs and run by packaging/test.sh under `pg_virtualenv`
//! (which sets PGHOST, PGPORT, PGUSER, PGPASSWORD to a superuser).

use std::path::Path;
use std::process::Command as Process;

use super::*;

#[test]
fn team_databases_refuse_file_only_commands_and_team_commands_a_file() {
    let env = Env::new();
    // Backups of a team database are the server's: refused before anything is reached.
    let o = env.run_on(
        Path::new("postgresql://alice:secret@db.example/register"),
        &["backup"],
    );
    assert_user_error(&o, "pg_dump");
    assert!(!stderr(&o).contains("secret"), "{}", stderr(&o));
    assert!(
        !env.dir.path().join("postgresql:").exists(),
        "the URI was not taken for a folder"
    );
    // Any other command goes to the server; one that does not answer is db.unreachable, and the
    // message never shows the password.
    let o = env.run_on(
        Path::new("postgresql://alice:secret@127.0.0.1:1/register?connect_timeout=2"),
        &["--json", "case", "list"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err: serde_json::Value = serde_json::from_str(&stderr(&o)).expect("a JSON error");
    assert_eq!(err["error"]["code"], "db.unreachable", "{err}");
    assert!(!stderr(&o).contains("secret"), "{}", stderr(&o));

    let o = env.run(&["team", "members"]);
    assert_user_error(&o, "team commands work on a team database");

    let o = env.run_on(
        Path::new("postgresql://alice@db.example:0/register"),
        &["team", "init"],
    );
    assert_user_error(&o, "port \"0\"");
    let o = env.run_on(
        Path::new("postgres://alice@db.example/register?sslmode=sometimes"),
        &["--json", "team", "init"],
    );
    assert_eq!(code(&o), 1);
    let err: serde_json::Value = serde_json::from_str(&stderr(&o)).expect("a JSON error");
    assert_eq!(err["error"]["code"], "input.invalid", "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("verify-full")),
        "{err}"
    );
}

fn psql(sql: &str) {
    let out = Process::new("psql")
        .args([
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            "postgres",
            "-c",
            sql,
        ])
        .output()
        .unwrap_or_else(|e| panic!("run psql: {e}"));
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn team_init_grant_members_revoke_through_the_command_line() {
    psql("DROP DATABASE IF EXISTS coopdesk_cli_team WITH (FORCE)");
    psql("CREATE DATABASE coopdesk_cli_team");
    psql("DROP ROLE IF EXISTS cli_alice");
    psql("CREATE ROLE cli_alice LOGIN PASSWORD 'pw'");
    let env = Env::new();
    let db = Path::new("postgresql:///coopdesk_cli_team");

    // The team database is created at the version of the SQLite schema of the same build.
    let info: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["--json", "info"]))).expect("JSON");
    let latest = info["schema_version"].as_i64().expect("a schema version");
    let o = env.run_on(db, &["team", "init"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("schema version {latest} (created)")),
        "{}",
        stdout(&o)
    );
    let o = env.run_on(db, &["--json", "team", "init"]);
    let done: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        (done["version_before"].as_i64(), done["version"].as_i64()),
        (Some(latest), Some(latest))
    );

    let o = env.run_on(db, &["team", "grant", "cli_alice", "officer"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "cli_alice is now officer");
    let o = env.run_on(db, &["team", "grant", "cli_alice", "boss"]);
    assert_eq!(code(&o), 2, "an unknown role is a usage error");
    let o = env.run_on(db, &["team", "grant", "cli_ghost", "reader"]);
    assert_user_error(&o, "server's administrator");

    let o = env.run_on(db, &["--json", "team", "members"]);
    let members: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(
        members.as_array().is_some_and(
            |m| m.contains(&serde_json::json!({"login": "cli_alice", "role": "officer"}))
        ),
        "{members}"
    );

    // As the officer: the server refuses handing out roles.
    let as_alice = Path::new("postgresql://cli_alice:pw@/coopdesk_cli_team");
    let o = env.run_on(
        as_alice,
        &["--json", "team", "grant", "cli_alice", "director"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err: serde_json::Value = serde_json::from_str(&stderr(&o)).expect("a JSON error");
    assert_eq!(err["error"]["code"], "db.denied", "{err}");

    let o = env.run_on(db, &["team", "revoke", "cli_alice", "officer"]);
    assert_eq!(
        stdout(&o).trim(),
        "cli_alice is no longer officer",
        "{}",
        stderr(&o)
    );
    let o = env.run_on(db, &["team", "revoke", "cli_alice", "officer"]);
    assert_eq!(
        stdout(&o).trim(),
        "cli_alice was not officer; nothing changed"
    );
}

#[test]
#[ignore = "needs PostgreSQL: run under pg_virtualenv (packaging/test.sh)"]
fn an_office_works_on_a_team_database_with_the_roles_the_server_enforces() {
    psql("DROP DATABASE IF EXISTS coopdesk_cli_office WITH (FORCE)");
    psql("CREATE DATABASE coopdesk_cli_office");
    for login in ["cli_officer", "cli_director", "cli_reader", "cli_stranger"] {
        psql(&format!("DROP ROLE IF EXISTS {login}"));
        psql(&format!("CREATE ROLE {login} LOGIN PASSWORD 'pw'"));
    }
    let env = Env::new();
    let owner = Path::new("postgresql:///coopdesk_cli_office");
    let as_login = |login: &str| format!("postgresql://{login}:pw@/coopdesk_cli_office");
    let (officer, director, reader, stranger) = (
        as_login("cli_officer"),
        as_login("cli_director"),
        as_login("cli_reader"),
        as_login("cli_stranger"),
    );
    let run = |db: &str, args: &[&str]| env.run_on(Path::new(db), args);
    let ok = |db: &str, args: &[&str]| {
        let o = run(db, args);
        assert_eq!(code(&o), 0, "{db} {args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let refused = |db: &str, args: &[&str], code_expected: &str| {
        let o = run(db, &[&["--json"], args].concat());
        assert_eq!(code(&o), 1, "{args:?} should be refused: {}", stdout(&o));
        let err: serde_json::Value = serde_json::from_str(&stderr(&o)).expect("a JSON error");
        assert_eq!(err["error"]["code"], code_expected, "{args:?}: {err}");
        err["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };

    assert_eq!(code(&env.run_on(owner, &["team", "init"])), 0);
    for (login, role) in [
        ("cli_officer", "officer"),
        ("cli_director", "director"),
        ("cli_reader", "reader"),
    ] {
        assert_eq!(code(&env.run_on(owner, &["team", "grant", login, role])), 0);
    }

    // A login without a role is told who can grant one.
    let m = refused(&stranger, &["case", "list"], "db.denied");
    assert!(m.contains("team grant cli_stranger"), "{m}");

    // The officer imports a case: it is screened and assessed on the server, as on a desktop.
    let f = env.file("full.case.json", FULL_CASE);
    ok(
        &officer,
        &["case", "import", f.to_str().expect("a UTF-8 path")],
    );
    let list: serde_json::Value =
        serde_json::from_str(&ok(&reader, &["--json", "case", "list"])).expect("JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["id"], "CLI-1", "{list}");
    assert!(list[0]["overall"].is_string(), "assessed: {list}");
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&reader, &["--json", "case", "show", "CLI-1"])).expect("JSON");
    assert_eq!(shown["case"]["id"], "CLI-1", "{shown}");

    // The reader reads and writes nothing.
    refused(
        &reader,
        &["case", "transition", "CLI-1", "draft"],
        "db.denied",
    );

    // A step records the login; a name given is refused.
    let m = refused(
        &officer,
        &[
            "case",
            "transition",
            "CLI-1",
            "draft",
            "--by",
            "Someone Else",
        ],
        "input.invalid",
    );
    assert!(m.contains("login"), "{m}");
    ok(&officer, &["case", "transition", "CLI-1", "draft"]);
    ok(&officer, &["case", "transition", "CLI-1", "in_review"]);

    // Only a director decides: the server refuses the officer's approval, and nothing is stored.
    let decide = [
        "case",
        "transition",
        "CLI-1",
        "approved_with_conditions",
        "--role",
        "Director",
        "--justification",
        "The open answers follow with the export licence.",
    ];
    refused(&officer, &decide, "db.denied");
    let signed: serde_json::Value =
        serde_json::from_str(&ok(&director, &[&["--json"], &decide[..]].concat())).expect("JSON");
    assert_eq!(signed["transition"]["by"], "cli_director", "{signed}");
    assert_eq!(signed["transition"]["to"], "approved_with_conditions");

    // The history and the audit log name the logins, and the chain verifies on the server.
    let history = ok(&reader, &["case", "history", "CLI-1"]);
    assert!(history.contains("cli_officer"), "{history}");
    assert!(history.contains("cli_director"), "{history}");
    let audit: serde_json::Value =
        serde_json::from_str(&ok(&reader, &["--json", "audit", "verify"])).expect("JSON");
    assert_eq!(audit["ok"], true, "{audit}");

    // The approved briefing, written by a reader, verifies against the register.
    let pdf = env.dir.path().join("approved.pdf");
    let pdf = pdf.to_str().expect("a UTF-8 path");
    ok(&reader, &["brief", "CLI-1", "-o", pdf]);
    let verdict = ok(&reader, &["verify", pdf]);
    assert!(verdict.contains("cli_director"), "{verdict}");

    // Backups stay the server's business.
    let m = refused(&officer, &["backup"], "input.invalid");
    assert!(m.contains("pg_dump"), "{m}");
}
