//! `coopdesk encryption status|on|change|off` and encrypted databases on the command line: the
//! passphrase comes from `COOPDESK_PASSPHRASE` (scripts) or the terminal; without either, or with a
//! wrong one, the command fails with a clear message and the file is not touched.

use super::*;

const FIRST: &str = "beamtime in Shanghai 2027";
const SECOND: &str = "a second, longer passphrase";

fn imported(env: &Env) {
    let f = env.file("full.case.json", FULL_CASE);
    let o = env.run(&["case", "import", f.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

fn with(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Output {
    env.run_with_env(&env.db(), args, vars)
}

fn is_plain(path: &Path) -> bool {
    std::fs::read(path)
        .expect("a readable file")
        .starts_with(b"SQLite format 3\0")
}

#[test]
fn encryption_on_change_off_through_the_command_line() {
    let env = Env::new();
    imported(&env);
    let status = env.run(&["--json", "encryption", "status"]);
    assert_eq!(code(&status), 0, "{}", stderr(&status));
    let reported: serde_json::Value = serde_json::from_str(&stdout(&status)).expect("valid JSON");
    assert_eq!(reported["encrypted"], false, "{reported}");

    // No terminal and no variable: refused, not waiting for input.
    assert_user_error(&env.run(&["encryption", "on"]), "COOPDESK_NEW_PASSPHRASE");
    assert_user_error(
        &with(
            &env,
            &["encryption", "on"],
            &[("COOPDESK_NEW_PASSPHRASE", "short")],
        ),
        "at least 10",
    );
    assert!(is_plain(&env.db()));

    let on = with(
        &env,
        &["encryption", "on"],
        &[("COOPDESK_NEW_PASSPHRASE", FIRST)],
    );
    assert_eq!(code(&on), 0, "{}", stderr(&on));
    assert!(stdout(&on).contains("is encrypted"), "{}", stdout(&on));
    assert!(!is_plain(&env.db()));
    assert!(stdout(&env.run(&["encryption", "status"])).contains("is encrypted"));

    // Every command needs the passphrase now.
    let bytes = std::fs::read(env.db()).expect("a readable file");
    assert_user_error(&env.run(&["case", "list"]), "COOPDESK_PASSPHRASE");
    assert_user_error(
        &with(&env, &["case", "list"], &[("COOPDESK_PASSPHRASE", SECOND)]),
        "passphrase does not open",
    );
    assert_eq!(
        std::fs::read(env.db()).expect("a readable file"),
        bytes,
        "a refused open changed the file"
    );
    let list = with(&env, &["case", "list"], &[("COOPDESK_PASSPHRASE", FIRST)]);
    assert_eq!(code(&list), 0, "{}", stderr(&list));
    assert!(
        stdout(&list).contains("Detector module loan to HEPS"),
        "{}",
        stdout(&list)
    );
    assert_user_error(
        &with(
            &env,
            &["encryption", "on"],
            &[
                ("COOPDESK_PASSPHRASE", FIRST),
                ("COOPDESK_NEW_PASSPHRASE", SECOND),
            ],
        ),
        "already encrypted",
    );

    let change = with(
        &env,
        &["encryption", "change"],
        &[
            ("COOPDESK_PASSPHRASE", FIRST),
            ("COOPDESK_NEW_PASSPHRASE", SECOND),
        ],
    );
    assert_eq!(code(&change), 0, "{}", stderr(&change));
    assert_user_error(
        &with(&env, &["case", "list"], &[("COOPDESK_PASSPHRASE", FIRST)]),
        "passphrase does not open",
    );
    // A backup of an encrypted database is encrypted too, and checks with the passphrase.
    let backup = with(
        &env,
        &["--json", "backup"],
        &[("COOPDESK_PASSPHRASE", SECOND)],
    );
    assert_eq!(code(&backup), 0, "{}", stderr(&backup));
    let written: serde_json::Value = serde_json::from_str(&stdout(&backup)).expect("valid JSON");
    let file = PathBuf::from(written["path"].as_str().expect("a JSON string"));
    assert!(file.is_file() && !is_plain(&file), "{written}");

    let off = with(
        &env,
        &["encryption", "off"],
        &[("COOPDESK_PASSPHRASE", SECOND)],
    );
    assert_eq!(code(&off), 0, "{}", stderr(&off));
    assert!(is_plain(&env.db()) && is_plain(&file));
    let verify = env.run(&["audit", "verify"]);
    assert_eq!(code(&verify), 0, "{}", stderr(&verify));
    let audit = env.run(&["--json", "audit", "log"]);
    let log = stdout(&audit);
    for action in [
        "db.encryption.on",
        "db.encryption.passphrase",
        "db.encryption.off",
    ] {
        assert!(
            log.contains(action),
            "{action} missing from the audit log: {log}"
        );
    }
    assert!(
        !log.contains(FIRST) && !log.contains(SECOND),
        "a passphrase reached the audit log"
    );
}
