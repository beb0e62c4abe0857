//! A provisional assessment in the window: a new case with harmless facts is assessed low or medium
//! and marked provisional while key questions are open; answering the questions the summary lists
//! removes the mark, and after a restart it stays gone, in the checklist and in the case list.

use super::*;

const TITLE: &str = "Joint paper on string theory";
const PARTNER: &str = "Example University of Physics";

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn a_provisional_mark_goes_once_the_key_questions_are_answered() {
    let world = World::start("provisional");
    check(answer_the_open_key_questions(&world).await);
    check(no_mark_after_restart(&world).await);
    // The command line reads the same cached count.
    let out = world.cli(&["--json", "case", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(list[0]["open_key_questions"], 0, "{list}");
    assert_eq!(list[0]["provisional"], false, "{list}");
}

/// The open key questions the summary lists, as (question id, topic).
async fn open_key_questions(window: &harness::Window<'_>) -> Step<Vec<(String, String)>> {
    let script = "return [...document.querySelectorAll('[data-testid=\"open-key-question\"]')]\
                  .map((e) => [e.dataset.questionId, e.dataset.topic]);";
    let v = window.execute(script, vec![]).await.map_err(Failure)?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), pair[1].as_str()?.to_owned())))
        .collect())
}

async fn answer_the_open_key_questions(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    // A new case with harmless facts: a university not on any list, a joint publication in string
    // theory, nothing moving.
    window.click("#new-case").await?;
    window.type_into("#case-title", TITLE).await?;
    window.click("#add-partner").await?;
    window.type_into("#org-picker-search", "Example").await?;
    window.click("#org-add-new").await?;
    window.type_into("#org-name", PARTNER).await?;
    window.choose("#org-country", "CN").await?;
    window.choose("#org-kind", "university").await?;
    window.click("#org-save").await?;
    window
        .wait_texts("the partner", r#"[data-testid="partner-row"]"#, |rows| {
            rows.iter().any(|r| r.contains(PARTNER))
        })
        .await?;
    // To the research section through the editor's table of contents, as a user gets there.
    window.click(r##"a[href="#sec-research"]"##).await?;
    window.type_into("#case-fields", "string theory").await?;
    // Enter adds the field, as a keyboard user does.
    window.press_key("\u{E007}").await?;
    window
        .wait_texts("the field", ".tags .tag", |tags| {
            tags.iter().any(|t| t.contains("string theory"))
        })
        .await?;
    window
        .click(r#"#case-activities input[value="joint_publication"]"#)
        .await?;
    window.wait_saved(Duration::from_secs(1)).await?;

    window.click("#open-checklist").await?;
    let overall = data(
        &window,
        r#"#overall-level[data-provisional="true"]"#,
        "data-level",
    )
    .await?;
    if overall != "low" && overall != "medium" {
        return Err(Failure(format!("harmless facts give {overall}")));
    }
    window.find("#provisional-label").await?;
    let open = open_key_questions(&window).await?;
    if open.is_empty() {
        return Err(Failure("the summary lists no open key question".into()));
    }
    window.screenshot("provisional-before").await;
    a11y::check(&window, "checklist-provisional").await?;

    // Each listed question answered in its topic, as a person who checked it would.
    for (question, topic) in &open {
        window
            .click(&format!(
                r#"[data-testid="topic-tab"][data-topic="{topic}"]"#
            ))
            .await?;
        window
            .click(&format!(
                r#"fieldset[data-question-id="{question}"] input[value="not_applicable"]"#
            ))
            .await?;
        window
            .find(&format!(
                r#"fieldset[data-question-id="{question}"][data-answer="not_applicable"][data-source="user"]"#
            ))
            .await?;
    }
    window
        .find(r#"#checklist-status[data-state="saved"]"#)
        .await?;
    window
        .find(r#"#overall-level[data-provisional="false"]"#)
        .await?;
    if window.exists("#provisional-label").await
        || window.exists(r#"[data-testid="open-key-question"]"#).await
    {
        return window
            .fail_step(
                "the answered checklist",
                "the provisional mark is still shown",
            )
            .await;
    }
    window.screenshot("provisional-after").await;
    window.quit().await
}

async fn no_mark_after_restart(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    let row = r#"[data-testid="case-row"]"#;
    window
        .wait_texts("the case in the list", row, |rows| {
            rows.iter().any(|r| r.contains(TITLE))
        })
        .await?;
    window
        .find(&format!("{row} [data-testid=\"row-level\"]"))
        .await?;
    if window
        .exists(&format!("{row} [data-testid=\"row-provisional\"]"))
        .await
    {
        return window
            .fail_step(
                "the case list after a restart",
                "the row is marked provisional",
            )
            .await;
    }
    window.click(row).await?;
    window.click("#open-checklist").await?;
    window
        .find(r#"#overall-level[data-provisional="false"]"#)
        .await?;
    if window.exists("#provisional-label").await {
        return window
            .fail_step(
                "the checklist after a restart",
                "the provisional mark is back",
            )
            .await;
    }
    window.quit().await
}
