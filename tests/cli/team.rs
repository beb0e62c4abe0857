//! `team init|grant|revoke|members` (preview). The commands' refusals run everywhere; the round
//! trip against a server is ignored in plain runs and run by packaging/test.sh under
//! `pg_virtualenv` (which sets PGHOST, PGPORT, PGUSER, PGPASSWORD to a superuser).

use std::path::Path;
use std::process::Command as Process;

use super::*;

#[test]
fn other_commands_refuse_a_team_database_and_team_commands_a_file() {
    let env = Env::new();
    let o = env.run_on(
        Path::new("postgresql://alice:secret@db.example/register"),
        &["case", "list"],
    );
    assert_user_error(&o, "team database");
    assert!(!stderr(&o).contains("secret"), "{}", stderr(&o));
    assert!(
        !env.dir.path().join("postgresql:").exists(),
        "the URI was not taken for a folder"
    );

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
    let o = env.run_on(db, &["team", "grant", "cli_nobody", "reader"]);
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
