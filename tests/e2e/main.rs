//! End-to-end tests of the Cooperation Desk window, driven through WebDriver exactly as a user would.
//!
//! They need an X display (run under `xvfb-run -a`), `tauri-driver` on PATH and WebKitWebDriver
//! (Debian: `webkit2gtk-driver`), so they are ignored by default; `packaging/test.sh` runs them with
//! `xvfb-run -a cargo test -p coopdesk --test e2e --locked -- --ignored --test-threads=1`.
//!
//! The selectors are the ones agreed with the UI (`#case-search`, `[data-testid="case-row"]`, ...).
//! On failure each step saves a screenshot and the page source to `target/e2e-artifacts/`.

// Test code: a panic with a message is how a failed step reports itself.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod a11y;
#[path = "../common/assessment.rs"]
mod assessment;
mod dashboard;
mod harness;
#[path = "../common/postgres.rs"]
mod postgres;
mod provisional;
mod publications;
mod register;
mod sockets;
mod team;
mod workshop;

use std::path::PathBuf;
use std::time::Duration;

use harness::{Failure, Step, World};

const CASE_TITLE: &str = "Beamtime at HEPS";
const PARTNER_NAME: &str = "Institute of High Energy Physics";
const PARTNER_NAME_ZH: &str = "中国科学院高能物理研究所";
/// Title of the case in `fixtures/ess-neutron-imaging.case.json`.
const FIXTURE_TITLE: &str = "Neutron imaging at ESS";

/// A case file shipped with the tests.
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/e2e/fixtures")
        .join(name)
}

/// Imports a fixture through the command line, as a second office or a script would.
fn import_with_cli(world: &World, name: &str) -> String {
    let file = fixture(name);
    let out = world.cli(&["case", "import", &file.to_string_lossy()]);
    assert!(
        out.status.success(),
        "`coopdesk case import {}` failed with {}: {}",
        file.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a scenario and turns its failure into a test failure with the step's message.
fn check(outcome: Step<()>) {
    if let Err(Failure(message)) = outcome {
        panic!("{message}");
    }
}

/// The issue's scenario: a case with a partner created through the picker's "add new", with a
/// Chinese name, survives quitting the app and is found again by a Chinese search.
#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn case_with_chinese_partner_survives_restart_and_is_found_by_chinese_search() {
    let world = World::start("chinese-partner");
    // A second case that must NOT match "高能", so that the search is shown to filter.
    import_with_cli(&world, "ess-neutron-imaging.case.json");
    check(create_case_with_new_partner(&world).await);
    check(find_case_again_after_restart(&world).await);
}

async fn create_case_with_new_partner(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    window
        .wait_texts(
            "the imported case in the list",
            r#"[data-testid="case-row"]"#,
            |rows| rows.iter().any(|r| r.contains(FIXTURE_TITLE)),
        )
        .await?;

    a11y::check(&window, "case-list").await?;
    window.click("#new-case").await?;
    window.type_into("#case-title", CASE_TITLE).await?;

    window.click("#add-partner").await?;
    window
        .type_into("#org-picker-search", "High Energy")
        .await?;
    window.click("#org-add-new").await?;
    window.type_into("#org-name", PARTNER_NAME).await?;
    window.type_into("#org-name-zh", PARTNER_NAME_ZH).await?;
    window.choose("#org-country", "CN").await?;
    window.choose("#org-kind", "academy_institute").await?;
    a11y::check(&window, "organisation-dialog").await?;
    window.click("#org-save").await?;

    window
        .wait_texts(
            "the new partner in the case's partner list",
            r#"[data-testid="partner-row"]"#,
            |rows| rows.iter().any(|r| r.contains(PARTNER_NAME_ZH)),
        )
        .await?;
    window.scroll_to(r#"[data-testid="partner-row"]"#).await?;
    // Saved for a full second: a debounced autosave that is still pending would have flipped the
    // indicator to dirty or saving within that time.
    window.wait_saved(Duration::from_secs(1)).await?;
    window.screenshot("editor-after-save").await;
    window.guide_shot("editor").await;
    a11y::check(&window, "editor").await?;
    window.quit().await
}

async fn find_case_again_after_restart(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    window
        .wait_texts(
            "both cases in the list after the restart",
            r#"[data-testid="case-row"]"#,
            |rows| {
                rows.iter().any(|r| r.contains(CASE_TITLE))
                    && rows.iter().any(|r| r.contains(FIXTURE_TITLE))
            },
        )
        .await?;
    window.screenshot("list-after-restart").await;
    in_german_and_dark(&window).await?;

    window.type_into("#case-search", "高能").await?;
    window
        .wait_texts(
            "only the HEPS case to match \"高能\"",
            r#"[data-testid="case-row"]"#,
            |rows| rows.len() == 1 && rows[0].contains(CASE_TITLE),
        )
        .await?;
    window.screenshot("list-filtered-by-chinese-search").await;

    window.click(r#"[data-testid="case-row"]"#).await?;
    window
        .wait_texts(
            "the partner's Chinese name in the reopened case",
            r#"[data-testid="partner-row"]"#,
            |rows| rows.iter().any(|r| r.contains(PARTNER_NAME_ZH)),
        )
        .await?;
    window.scroll_to(r#"[data-testid="partner-row"]"#).await?;
    window.screenshot("reopened-case-partners").await;
    window.quit().await
}

/// A case imported with the command line shows up in the window: both shells use one database and
/// one API. A second imported case has a partner written only in Chinese characters that is on a
/// restriction list: the window shows the hit beside the partner, and a reviewer marks it a false
/// positive with a reason, which the command line then reports.
#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn case_imported_with_cli_appears_in_window() {
    let world = World::start("cli-import");
    let printed = import_with_cli(&world, "ess-neutron-imaging.case.json");
    import_with_cli(&world, "hit-partner.case.json");
    check(cli_case_is_listed(&world, &printed).await);
    let out = world.cli(&["--json", "hits", "show", "E2E-HIT"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let review = &hits["partners"][0]["hits"][0];
    assert_eq!(review["state"], "false_positive", "{hits}");
    assert_eq!(review["review"]["by"], "E2E Reviewer", "{hits}");
}

async fn cli_case_is_listed(world: &World, printed: &str) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    let row = r#"[data-testid="case-row"]:not([data-case-id="E2E-HIT"])"#;
    window
        .wait_texts(
            "the imported cases in the list",
            r#"[data-testid="case-row"]"#,
            |rows| rows.len() == 2 && rows.iter().any(|r| r.contains(FIXTURE_TITLE)),
        )
        .await?;
    // The row carries the id the command line printed.
    let id = window
        .attr(row, "data-case-id")
        .await
        .map_err(Failure)?
        .expect("the value the test needs");
    if id.is_empty() || !printed.contains(&id) {
        return Err(Failure(format!(
            "the row's data-case-id {id:?} is not among the ids the CLI printed: {printed:?}"
        )));
    }
    review_hit_in_window(&window).await?;
    window.quit().await
}

/// Opens the case with the listed partner, finds the unreviewed hit beside it and marks it a false
/// positive with a reason.
async fn review_hit_in_window(window: &harness::Window<'_>) -> Step<()> {
    window
        .click(r#"[data-testid="case-row"][data-case-id="E2E-HIT"]"#)
        .await?;
    let hit = r#"[data-testid="hit"][data-entity="el-hit"]"#;
    window
        .find(&format!(r#"{hit}[data-state="unreviewed"]"#))
        .await?;
    window
        .click(&format!(r#"{hit} [data-testid="hit-dismiss"]"#))
        .await?;
    window
        .type_into(
            "#hit-note-el-hit",
            "Our partner is the Harbin campus lab of another university; checked its registry entry.",
        )
        .await?;
    window.type_into("#hit-by-el-hit", "E2E Reviewer").await?;
    window
        .click(&format!(r#"{hit} [data-testid="hit-save"]"#))
        .await?;
    window
        .find(&format!(r#"{hit}[data-state="false_positive"]"#))
        .await?;
    window.screenshot("hit-reviewed").await;
    window.guide_shot("hits").await;
    Ok(())
}

/// The issue's scenario for checklists: answers given in the window are saved at once, survive a
/// restart, and the summary the window shows is the assessment the command line prints.
#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn checklist_answers_and_summary_survive_restart() {
    let world = World::start("checklist");
    import_with_cli(&world, "ess-neutron-imaging.case.json");
    let before = match answer_in_checklist(&world).await {
        Ok(levels) => levels,
        Err(Failure(m)) => panic!("{m}"),
    };
    check(checklist_after_restart(&world, &before).await);
    briefing_for_the_guide(&world, &before.case);
    // The command line computes the same overall level and recommendation from the same database.
    let out = world.cli(&["--json", "assess", &before.case]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(
        report["overall"].as_str(),
        Some(before.overall.as_str()),
        "{report}"
    );
    assert_eq!(
        report["recommendation"].as_str(),
        Some(before.recommendation.as_str())
    );
    assert!(
        report["topics"][3]["reasons"].to_string().contains("du-04"),
        "{report}"
    );
}

/// What the summary showed after answering.
struct Summary {
    case: String,
    dual_use: String,
    overall: String,
    recommendation: String,
}

/// The `data-level` or `data-value` attribute of `css`, or a failure naming it.
async fn data(window: &harness::Window<'_>, css: &str, name: &str) -> Step<String> {
    window.find(css).await?;
    window
        .attr(css, name)
        .await
        .map_err(Failure)?
        .ok_or_else(|| Failure(format!("`{css}` has no {name}")))
}

async fn open_checklist(window: &harness::Window<'_>) -> Step<()> {
    window.click(r#"[data-testid="case-row"]"#).await?;
    window.click("#open-checklist").await?;
    window.find(r#"[data-testid="question"]"#).await?;
    window
        .click(r#"[data-testid="topic-tab"][data-topic="dual_use"]"#)
        .await?;
    window.find(r#"[data-question-id="du-04"]"#).await?;
    Ok(())
}

async fn answer_in_checklist(world: &World) -> Step<Summary> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    open_checklist(&window).await?;
    let light = r#"[data-testid="topic-light"][data-topic="dual_use"]"#;
    let level_before = data(&window, light, "data-level").await?;
    // Military research at the partner: a serious risk answer on a key question.
    window
        .click(r#"[data-question-id="du-04"] input[value="yes"]"#)
        .await?;
    // A clean screening already answers du-01 "no" from the case's facts; the person confirms it
    // (clicking the radio that is already checked would change nothing).
    if window
        .exists(r#"fieldset[data-question-id="du-01"][data-answer="no"][data-source="facts"]"#)
        .await
    {
        window
            .click(r#"fieldset[data-question-id="du-01"] [data-testid="confirm-fact"]"#)
            .await?;
    } else {
        window
            .click(r#"[data-question-id="du-01"] input[value="no"]"#)
            .await?;
    }
    let both = [
        r#"#checklist-status[data-state="saved"]"#,
        r#"[data-question-id="du-04"][data-answer="yes"][data-source="user"]"#,
        r#"[data-question-id="du-01"][data-answer="no"][data-source="user"]"#,
    ];
    window
        .wait_until("both answers saved", harness::STEP_TIMEOUT, async |_| {
            for css in both {
                if !window.exists(css).await {
                    return Err(format!("not yet: {css}"));
                }
            }
            Ok(true)
        })
        .await?;
    // Reported, not asserted: click to updated summary, measured in the page (IPC, core, render).
    let round_trip = window
        .attr("#checklist-status", "data-round-trip-ms")
        .await
        .map_err(Failure)?;
    println!(
        "answer click to updated summary: {} ms",
        round_trip.as_deref().unwrap_or("(not reported)")
    );
    let dual_use = data(&window, light, "data-level").await?;
    if dual_use == "low" {
        return Err(Failure(format!(
            "dual use is {dual_use} (was {level_before}) after a serious risk answer"
        )));
    }
    let reasons = window
        .texts(r#"[data-testid="topic-reasons"] li"#)
        .await
        .map_err(Failure)?;
    if !reasons.iter().any(|r| r.contains("du-04")) {
        return Err(Failure(format!(
            "the reasons do not name du-04: {reasons:?}"
        )));
    }
    window.screenshot("checklist-answered").await;
    window.guide_shot("checklist").await;
    a11y::check(&window, "checklist").await?;
    plan_and_override(&window).await?;
    let summary = Summary {
        case: case_id(world),
        dual_use: data(&window, light, "data-level").await?,
        overall: data(&window, "#overall-level", "data-level").await?,
        recommendation: data(&window, "#recommendation", "data-value").await?,
    };
    sign_off(&window).await?;
    window.quit().await?;
    Ok(summary)
}

/// Takes the first suggested condition into the action plan with a past due date (so it is overdue),
/// and sets dual use to critical by hand with a justification.
async fn plan_and_override(window: &harness::Window<'_>) -> Step<()> {
    window.click("#plan-tab").await?;
    window.click(r#"[data-testid="adopt"]"#).await?;
    window
        .find(r#"[data-testid="action"][data-action-id="act-1"][data-status="open"]"#)
        .await?;
    window.type_into("#action-due-act-1", "2001-02-03").await?;
    window
        .find(r#"[data-testid="action"][data-action-id="act-1"][data-overdue="true"]"#)
        .await?;
    window
        .click(r#"[data-testid="topic-tab"][data-topic="dual_use"]"#)
        .await?;
    window.click("#override-open").await?;
    window.choose("#override-level", "critical").await?;
    window
        .type_into(
            "#override-justification",
            "Partner lab works for the weapons programme",
        )
        .await?;
    window.type_into("#override-by", "E2E Director").await?;
    window.click("#override-save").await?;
    window.find("#override-note").await?;
    window
        .find(r#"[data-testid="topic-light"][data-topic="dual_use"][data-level="critical"]"#)
        .await?;
    window.screenshot("checklist-plan-and-override").await;
    window.guide_shot("plan").await;
    a11y::check(window, "action-plan").await?;
    Ok(())
}

/// Submits the case for review and approves it with conditions through the sign-off dialog; the case
/// is then frozen and its history shows the decision.
async fn sign_off(window: &harness::Window<'_>) -> Step<()> {
    window.click("#checklist-back").await?;
    window.find(r#"#lifecycle[data-status="draft"]"#).await?;
    let step = async |to: &str, by: &str, role: &str| -> Step<()> {
        window
            .click(&format!(r#"[data-testid="transition"][data-to="{to}"]"#))
            .await?;
        window.type_into("#step-by", by).await?;
        window.type_into("#step-role", role).await?;
        window
            .type_into(
                "#step-comment",
                "Conditions: end-use statement before the first shift.",
            )
            .await?;
        if to != "in_review" {
            // A decision on a provisional assessment (key questions open) asks for a justification.
            window
                .find(r#"form.step-form[data-checked="true"]"#)
                .await?;
            if window.exists("#step-justification").await {
                window
                    .type_into(
                        "#step-justification",
                        "The beamtime is allocated; the open answers follow before the first shift.",
                    )
                    .await?;
            }
            window.guide_shot("signoff").await;
            a11y::check(window, "sign-off-dialog").await?;
        }
        window.click("#step-confirm").await?;
        window
            .find(&format!(r#"#lifecycle[data-status="{to}"]"#))
            .await?;
        Ok(())
    };
    step("in_review", "E2E Officer", "International office").await?;
    step("approved_with_conditions", "Prof. E2E Director", "Director").await?;
    window.find("#frozen-note").await?;
    // Inside the frozen fieldset, every field is disabled (`:disabled` covers inherited disabling).
    if !window.exists("#case-title:disabled").await {
        return Err(Failure("the title of an approved case is editable".into()));
    }
    window.click("#open-history").await?;
    window
        .find(r#"[data-testid="history-step"][data-to="approved_with_conditions"]"#)
        .await?;
    window.find(r#"[data-testid="revision"]"#).await?;
    window.screenshot("history-after-sign-off").await;
    a11y::check(window, "history").await?;
    window.click("#history-back").await?;
    window.find("#lifecycle").await?;
    Ok(())
}

/// The id of the only case in this test's database.
fn case_id(world: &World) -> String {
    let out = world.cli(&["--json", "case", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    list[0]["id"].as_str().expect("a JSON string").to_owned()
}

async fn checklist_after_restart(world: &World, before: &Summary) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    // The case list shows the overall level and the overdue action.
    window
        .find(&format!(
            r#"[data-testid="case-row"] [data-testid="row-level"][data-level="{}"]"#,
            before.overall
        ))
        .await?;
    window
        .find(r#"[data-testid="case-row"] [data-testid="row-overdue"]"#)
        .await?;
    open_checklist(&window).await?;
    window.find("#checklist-frozen").await?;
    let note = window.texts("#override-note").await.map_err(Failure)?;
    if !note.iter().any(|n| n.contains("weapons programme")) {
        return Err(Failure(format!(
            "the override's justification is not shown: {note:?}"
        )));
    }
    window
        .find(r#"[data-question-id="du-04"][data-answer="yes"][data-source="user"]"#)
        .await?;
    window
        .find(r#"[data-question-id="du-01"][data-answer="no"][data-source="user"]"#)
        .await?;
    let checked = window
        .prop(
            r#"[data-question-id="du-04"] input[value="yes"]"#,
            "checked",
        )
        .await
        .map_err(Failure)?;
    if checked.as_deref() != Some("true") {
        return Err(Failure(format!(
            "du-04's \"yes\" is not checked after the restart: {checked:?}"
        )));
    }
    let light = r#"[data-testid="topic-light"][data-topic="dual_use"]"#;
    let now = (
        data(&window, light, "data-level").await?,
        data(&window, "#overall-level", "data-level").await?,
        data(&window, "#recommendation", "data-value").await?,
    );
    if now
        != (
            before.dual_use.clone(),
            before.overall.clone(),
            before.recommendation.clone(),
        )
    {
        return Err(Failure(format!(
            "summary changed over the restart: {now:?}"
        )));
    }
    window.click("#plan-tab").await?;
    window
        .find(r#"[data-testid="action"][data-action-id="act-1"][data-overdue="true"]"#)
        .await?;
    window.screenshot("checklist-after-restart").await;
    window.quit().await
}

/// Closing the window with nothing unsaved quits the app. This goes through the UI's
/// close-requested guard, so it fails when the capability lacks a window permission the guard needs.
/// The guard is set up when a case is first opened (nothing can be unsaved before; start-up does not
/// wait for it), so the window is closed from a freshly saved case.
#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn closing_the_window_quits_the_app() {
    let world = World::start("close");
    check(close_from_list(&world).await);
}

async fn close_from_list(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    window.find("#new-case").await?;
    axe_sees_a_planted_violation(&window).await?;
    window.click("#new-case").await?;
    window.find("#case-title").await?;
    window.wait_saved(Duration::from_millis(500)).await?;
    window.close_like_a_user().await
}

/// The accessibility check must be able to fail: grey-on-white text and an unlabelled field, planted
/// into the page, are reported as serious violations (and removed again).
async fn axe_sees_a_planted_violation(window: &harness::Window<'_>) -> Step<()> {
    let plant = "const d = document.createElement('div'); d.id = 'planted'; \
                 d.innerHTML = '<p style=\"color:#c8c8c8;background:#ffffff\">Low contrast</p><input type=\"text\">'; \
                 document.querySelector('main').appendChild(d);";
    window.execute(plant, vec![]).await.map_err(Failure)?;
    let (_, blocking) = a11y::run(window, "planted-violations").await?;
    window
        .execute("document.getElementById('planted').remove();", vec![])
        .await
        .map_err(Failure)?;
    let found = |rule: &str| blocking.iter().any(|b| b.contains(rule));
    if !found("color-contrast") || !found("label") {
        return Err(Failure(format!(
            "axe did not report the planted violations: {blocking:?}"
        )));
    }
    Ok(())
}

const PASSPHRASE: &str = "workshop laptop in Hefei";

/// The issue's travel-laptop path: encryption turned on in the window; afterwards the window asks
/// for the passphrase, refuses a wrong one and shows the cases with the right one, and the command
/// line needs it too.
#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn encryption_turned_on_in_the_window_asks_for_the_passphrase() {
    let world = World::start("encryption");
    import_with_cli(&world, "ess-neutron-imaging.case.json");
    check(turn_on_encryption(&world).await);

    let locked = world.cli(&["case", "list"]);
    assert_eq!(locked.status.code(), Some(1), "{locked:?}");
    let stderr = String::from_utf8_lossy(&locked.stderr);
    assert!(stderr.contains("COOPDESK_PASSPHRASE"), "{stderr}");
    let head = std::fs::read(world.db()).expect("a readable file");
    assert!(
        !head.starts_with(b"SQLite format 3"),
        "the database file is still plain"
    );
    let listed = world.cli_with_env(&["case", "list"], &[("COOPDESK_PASSPHRASE", PASSPHRASE)]);
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains(FIXTURE_TITLE),
        "{listed:?}"
    );

    check(unlock_after_restart(&world).await);
}

async fn turn_on_encryption(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    window.find(r#"[data-testid="case-row"]"#).await?;
    window.click("#db-summary").await?;
    window.click("#encryption-on").await?;
    window.type_into("#encryption-new", PASSPHRASE).await?;
    window
        .type_into("#encryption-confirm", "workshop laptop in Hefe")
        .await?;
    window.click("#encryption-submit").await?;
    window
        .wait_texts("the mismatch to be named", "#encryption-problem", |t| {
            t.iter().any(|s| !s.trim().is_empty())
        })
        .await?;
    window.type_into("#encryption-confirm", PASSPHRASE).await?;
    a11y::check(&window, "encryption-dialog").await?;
    window.click("#encryption-submit").await?;
    window.find("#db-encrypted").await?;
    window.find("#encryption-change").await?;
    window.screenshot("encryption-on").await;
    window.quit().await
}

async fn unlock_after_restart(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.find("#unlock-passphrase").await?;
    window.screenshot("unlock").await;
    window.guide_shot("unlock").await;
    a11y::check(&window, "unlock").await?;
    window
        .type_into("#unlock-passphrase", "workshop laptop in Harbin")
        .await?;
    window.click("#unlock-open").await?;
    window
        .wait_texts(
            "the wrong passphrase to be refused",
            "#unlock-problem",
            |t| t.iter().any(|s| s.contains("passphrase")),
        )
        .await?;
    window.type_into("#unlock-passphrase", PASSPHRASE).await?;
    window.click("#unlock-open").await?;
    window.open_case_list().await?;
    window
        .wait_texts(
            "the case list after unlocking",
            r#"[data-testid="case-row"]"#,
            |rows| rows.iter().any(|r| r.contains(FIXTURE_TITLE)),
        )
        .await?;
    window.find("#db-encrypted").await?;
    window.quit().await
}

/// The hardening promise: the running app (its own process and WebKit's web and network processes)
/// listens on no port and holds no network connection, only local Unix sockets. Run without
/// WebDriver, whose automation session would itself open a TCP port in the web process.
#[test]
#[ignore = "needs Xvfb; run by packaging/test.sh"]
fn the_running_app_holds_no_network_sockets() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    use std::time::Instant;

    // The check must be able to see a socket: one of this test's own shows up.
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a probe port");
    let me = std::process::id();
    let own = sockets::ip_sockets(me, &sockets::socket_inodes(me));
    assert!(
        own.iter().any(|s| s.contains("state 0A")),
        "the probe listener was not seen: {own:?}"
    );
    drop(probe);

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.sqlite");
    let xdg = |sub: &str| dir.path().join(sub);
    let demo = Command::new(harness::APP)
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .output()
        .expect("run demo");
    assert!(demo.status.success(), "{demo:?}");
    let mut app = Command::new(harness::APP)
        .arg("--db")
        .arg(&db)
        .env("COOPDESK_MEASURE_STARTUP", "stay")
        .env("XDG_DATA_HOME", xdg("data"))
        .env("XDG_CONFIG_HOME", xdg("config"))
        .env("XDG_CACHE_HOME", xdg("cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app");
    let stdout = app.stdout.take().expect("the app's stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.contains("first paint") {
                let _ = tx.send(());
            }
        }
    });
    let painted = rx.recv_timeout(Duration::from_secs(60));
    // Give WebKit's network process time to start whatever it would start.
    let settle = Instant::now();
    std::thread::sleep(Duration::from_secs(3));
    let tree = sockets::process_tree(app.id());
    let mut unix = 0;
    let mut network = Vec::new();
    for &pid in &tree {
        let inodes = sockets::socket_inodes(pid);
        let ip = sockets::ip_sockets(pid, &inodes);
        unix += inodes.len() - ip.len();
        network.extend(
            ip.into_iter()
                .map(|s| format!("{}: {s}", sockets::process_name(pid))),
        );
    }
    let names: Vec<String> = tree.iter().map(|&p| sockets::process_name(p)).collect();
    // While it runs: WebKit's web process got the window's environment (src-tauri/src/webkit_env.rs),
    // here the interpreter-only JavaScript engine, which `coopdesk` sets when it hands over.
    let web_env: Vec<Vec<String>> = tree
        .iter()
        .filter(|&&p| sockets::process_name(p).starts_with("WebKitWebProc"))
        .map(|p| {
            std::fs::read(format!("/proc/{p}/environ"))
                .unwrap_or_default()
                .split(|&b| b == 0)
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .collect()
        })
        .collect();
    let _ = app.kill();
    let _ = app.wait();
    assert!(
        painted.is_ok(),
        "the window did not paint its case list within 60 s"
    );
    println!(
        "processes {names:?}: {unix} local sockets, {} network sockets ({} ms after first paint)",
        network.len(),
        settle.elapsed().as_millis()
    );
    assert!(
        tree.len() >= 2,
        "WebKit's processes were not found: {names:?}"
    );
    assert!(
        unix > 0,
        "no sockets at all were seen, so the check saw nothing: {names:?}"
    );
    assert!(
        network.is_empty(),
        "the app holds network sockets: {network:#?}"
    );
    assert!(
        !web_env.is_empty(),
        "WebKit's web process was not found: {names:?}"
    );
    for env in &web_env {
        assert!(
            env.iter().any(|v| v == "JSC_useJIT=false"),
            "the web process runs with the JIT: {env:?}"
        );
    }
}

/// Switches the window to German and the dark theme, checks that the texts changed and that the dark
/// palette meets the contrast rules too, then switches back (later steps read English texts).
async fn in_german_and_dark(window: &harness::Window<'_>) -> Step<()> {
    window.choose("#pref-language", "de").await?;
    window.choose("#pref-theme", "dark").await?;
    window
        .wait_texts("the case list in German", "h1", |h| {
            h.iter().any(|t| t.contains("Fälle"))
        })
        .await?;
    let theme = window.attr("html", "data-theme").await.map_err(Failure)?;
    if theme.as_deref() != Some("dark") {
        return Err(Failure(format!("the dark theme did not apply: {theme:?}")));
    }
    window.guide_shot("german-dark").await;
    a11y::check(window, "case-list-german-dark").await?;
    window.choose("#pref-language", "en").await?;
    window.choose("#pref-theme", "light").await?;
    window
        .wait_texts("the case list in English again", "h1", |h| {
            h.iter().any(|t| t.contains("Cases"))
        })
        .await?;
    Ok(())
}

/// The approved briefing's first page as a picture for the user guide (only when the guide's pictures
/// are being renewed, see docs/guide.md).
fn briefing_for_the_guide(world: &World, case: &str) {
    let Some(dir) = std::env::var_os("COOPDESK_GUIDE_DIR").map(PathBuf::from) else {
        return;
    };
    let pdf = dir.join("briefing.pdf");
    let out = world.cli(&["brief", case, "-o", &pdf.to_string_lossy()]);
    assert!(out.status.success(), "{out:?}");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(dir.join("briefing"))
        .status();
    assert!(status.is_ok_and(|s| s.success()), "pdftoppm failed");
    let _ = std::fs::remove_file(&pdf);
}
