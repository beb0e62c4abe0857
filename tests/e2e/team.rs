//! The window on a team database: it opens the server's register given as `--db postgresql://…`,
//! says in its header where and as whom, and what is edited in it is what the command line reads
//! from the server. Needs a PostgreSQL server besides the display: packaging/test.sh runs it under
//! `pg_virtualenv` (`team_` tests), and skips it in the plain end-to-end run.

use super::postgres::psql;
use super::*;

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and PostgreSQL; run by packaging/test.sh under pg_virtualenv"]
async fn team_window_shows_the_register_and_writes_to_the_server() {
    psql("DROP DATABASE IF EXISTS coopdesk_e2e_team WITH (FORCE)");
    psql("CREATE DATABASE coopdesk_e2e_team");
    psql("DROP ROLE IF EXISTS e2e_officer");
    psql("CREATE ROLE e2e_officer LOGIN PASSWORD 'pw-e2e'");
    let owner = World::start_on_team("team-setup", "postgresql:///coopdesk_e2e_team");
    for args in [
        vec!["team", "init"],
        vec!["team", "grant", "e2e_officer", "officer"],
    ] {
        let out = owner.cli(&args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    drop(owner);
    let world = World::start_on_team(
        "team-window",
        "postgresql://e2e_officer:pw-e2e@/coopdesk_e2e_team",
    );
    import_with_cli(&world, "ess-neutron-imaging.case.json");
    check(team_window(&world).await);
    // The edit made in the window is in the server's register.
    let out = world.cli(&["--json", "case", "list"]);
    assert!(out.status.success(), "{out:?}");
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.contains("Neutron imaging at ESS, from the team window"),
        "{list}"
    );

    // A window on a file connects to the register through its dialog: a wrong password is refused
    // with the server's reason and changes nothing, the right one switches the window over.
    let on_file = World::start("team-connect");
    check(connect_from_a_file_window(&on_file).await);
}

async fn connect_from_a_file_window(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.find("#db-summary").await?;
    window.click("#db-summary").await?;
    window.click("#team-connect-open").await?;
    window
        .type_into(
            "#team-uri",
            "postgresql://e2e_officer@localhost/coopdesk_e2e_team",
        )
        .await?;
    window
        .type_into("#team-password", "not-the-password")
        .await?;
    window.click("#team-connect").await?;
    window
        .wait_texts("the server's refusal", "#team-connect-error", |t| {
            t.iter().any(|t| t.contains("password"))
        })
        .await?;
    window.screenshot("team-connect-refused").await;
    window.type_into("#team-password", "pw-e2e").await?;
    window.click("#team-connect").await?;
    window
        .wait_texts("the team badge after connecting", "#db-team-who", |t| {
            t.iter().any(|t| t.contains("e2e_officer"))
        })
        .await?;
    window.open_case_list().await?;
    window
        .wait_texts(
            "the register's case in the list",
            r#"[data-testid="case-row"]"#,
            |rows| rows.iter().any(|r| r.contains("from the team window")),
        )
        .await?;
    window.screenshot("team-connected").await;
    window.quit().await
}

async fn team_window(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window
        .wait_texts("the team badge in the header", "#db-team-who", |t| {
            t.iter().any(|t| t.contains("e2e_officer"))
        })
        .await?;
    let badge = window
        .texts("#db-summary")
        .await
        .map_err(Failure)?
        .join(" ");
    if !badge.contains("coopdesk_e2e_team@") || badge.contains("pw-e2e") {
        return window
            .fail_step("the header's register", format!("it reads \"{badge}\""))
            .await;
    }
    window.open_case_list().await?;
    window
        .wait_texts(
            "the register's case in the list",
            r#"[data-testid="case-row"]"#,
            |rows| rows.iter().any(|r| r.contains(FIXTURE_TITLE)),
        )
        .await?;
    window.click(r#"[data-testid="case-row"]"#).await?;
    window
        .type_into(
            "#case-title",
            "Neutron imaging at ESS, from the team window",
        )
        .await?;
    window.wait_saved(Duration::from_secs(1)).await?;
    window.screenshot("team-window-after-save").await;
    window.quit().await
}
