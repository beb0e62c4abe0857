//! The register import wizard in the real window: the office register fixture (German headers under
//! a title row, merged header cells, serial dates, several partners a cell) with one bad row is
//! refused with the row named by sheet, row and column and nothing stored; the fixed register then
//! imports, with every partner a co-applicant as set in the wizard's defaults, and its cases are in
//! the case list.
//!
//! The file is given by typing its path into the wizard (the field beside "Choose file…"), as a user
//! may paste one: a native file dialog is out of WebDriver's reach.

use super::*;

/// A register fixture of `coopdesk-register`'s tests.
fn register_fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/coopdesk-register/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// The cases in the fixed register (`register-fixed.xlsx`), and two of their titles.
const FIXED_CASES: usize = 6;
const A_TITLE: &str = "Nanostrukturen unter Druck";

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn register_wizard_names_the_bad_row_then_imports_the_fixed_register() {
    let world = World::start("register-wizard");
    check(register_scenario(&world).await);
}

/// The role of every partner of every stored case, as the command line shows them.
fn partner_roles(world: &World) -> Vec<String> {
    let out = world.cli(&["--json", "case", "list"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("case list prints JSON");
    let rows = v
        .as_array()
        .or_else(|| v["cases"].as_array())
        .cloned()
        .unwrap_or_default();
    let mut roles = Vec::new();
    for row in rows {
        let id = row["id"].as_str().expect("a case id");
        let out = world.cli(&["--json", "case", "show", id]);
        let shown: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("case show prints JSON");
        for p in shown["case"]["partners"].as_array().into_iter().flatten() {
            roles.push(p["role"].as_str().unwrap_or("").to_owned());
        }
    }
    roles
}

/// How many cases the command line finds in the test's database.
fn stored_cases(world: &World) -> usize {
    let out = world.cli(&["--json", "case", "list"]);
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("case list prints JSON");
    v.as_array()
        .or_else(|| v["cases"].as_array())
        .map_or(0, Vec::len)
}

async fn register_scenario(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    window.click("#import-register").await?;
    window.find("#register-heading").await?;

    // The register with its bad row: the problem names sheet, row and column, and nothing imports.
    window
        .type_into("#register-path", &register_fixture("register.xlsx"))
        .await?;
    window.click("#register-read").await?;
    let problems = window
        .wait_texts(
            "the bad row is named",
            r#"[data-testid="register-problem"]"#,
            |p| p.len() == 1,
        )
        .await?;
    let problem = &problems[0];
    // In the window's language: the place's words differ, the sheet, row, column and header do not.
    for part in [
        "Kooperationen 2025",
        " 9,",
        " F (Laufzeit / Beginn)",
        "Frühjahr 2025",
    ] {
        if !problem.contains(part) {
            return window
                .fail_step("the problem's place", format!("{problem:?} lacks {part:?}"))
                .await;
        }
    }
    let at = |name: &'static str| window.attr(r#"[data-testid="register-problem"]"#, name);
    let place = (
        at("data-sheet").await.map_err(Failure)?,
        at("data-row").await.map_err(Failure)?,
        at("data-column").await.map_err(Failure)?,
    );
    if place
        != (
            Some("Kooperationen 2025".into()),
            Some("9".into()),
            Some("F".into()),
        )
    {
        return window
            .fail_step("the problem's sheet, row and column", format!("{place:?}"))
            .await;
    }
    // The suggested mapping is shown, a select per column.
    let title_field = window
        .prop("#register-field-B", "value")
        .await
        .map_err(Failure)?;
    if title_field.as_deref() != Some("title") {
        return window
            .fail_step(
                "the suggested mapping",
                format!("column B maps to {title_field:?}"),
            )
            .await;
    }
    // Clicking the problem shows its row in the preview.
    window
        .click(r#"[data-testid="register-problem"] button"#)
        .await?;
    window.find(r#"#register-row-9.bad"#).await?;
    if !window.exists("#register-import:disabled").await {
        return window
            .fail_step("the import button", "enabled although a row has a problem")
            .await;
    }
    a11y::check(&window, "register-wizard-problem").await?;
    window.screenshot("register-wizard-problem").await;
    window.guide_shot("register-wizard").await;
    let stored = stored_cases(world);
    if stored != 0 {
        return window
            .fail_step("nothing stored", format!("{stored} cases in the database"))
            .await;
    }

    // The fixed register: no problems, six cases previewed, imported all at once.
    window
        .type_into("#register-path", &register_fixture("register-fixed.xlsx"))
        .await?;
    window.click("#register-read").await?;
    window
        .wait_texts(
            "the fixed register's cases are previewed",
            r#"[data-testid="register-case"]"#,
            |rows| rows.len() == FIXED_CASES && rows.iter().any(|r| r.contains(A_TITLE)),
        )
        .await?;
    // The bad file's problems go when the fixed file's preview replaces it.
    window
        .wait_texts(
            "the fixed register without problems",
            r#"[data-testid="register-problem"]"#,
            |problems| problems.is_empty(),
        )
        .await?;
    // Every partner a co-applicant: the mapping's default, set in the wizard, previews again first.
    window
        .choose("#register-default-role", "co_applicant")
        .await?;
    window
        .find(r#"#register-default-role:not([disabled]) option[value="co_applicant"]:checked"#)
        .await?;
    window.find("#register-import:not([disabled])").await?;
    window.click("#register-import").await?;
    window
        .wait_texts(
            "the imported cases are listed with their levels",
            r#"[data-testid="register-imported"]"#,
            |rows| rows.len() == FIXED_CASES,
        )
        .await?;
    window.click("#register-show-cases").await?;
    window
        .wait_texts(
            "the case list shows the imported cases",
            r#"[data-testid="case-row"]"#,
            |rows| rows.len() == FIXED_CASES && rows.iter().any(|r| r.contains(A_TITLE)),
        )
        .await?;
    window.quit().await?;
    let stored = stored_cases(world);
    if stored != FIXED_CASES {
        return Err(Failure(format!(
            "{stored} cases stored after the import, expected {FIXED_CASES}"
        )));
    }
    let roles = partner_roles(world);
    if roles.is_empty() || roles.iter().any(|r| r != "co_applicant") {
        return Err(Failure(format!(
            "the partners' roles are {roles:?}, expected the default co_applicant"
        )));
    }
    Ok(())
}
