//! Workshop mode, keyboard only, as a user without a mouse walks it: from the start page Tab to
//! "Case list", Enter, Tab to the list, Enter opens the case, Tab to "Workshop", Enter; participants
//! typed, questions answered with 1–4, a comment, a disagreement, help on H, moved through with the
//! arrows, ended and stored with Enter; the minutes saved from the window through the path field (the
//! native save dialog is out of WebDriver's reach) and Close back to the case. Then the case's history
//! shows ONE revision for it, and the minutes — those the window saved and those `coopdesk workshop
//! minutes` writes from the stored record — read back with `pdftotext`.

use std::process::Command;

use super::*;

const ENTER: &str = "\u{E007}";
const TAB: &str = "\u{E004}";
const ESCAPE: &str = "\u{E00C}";
const RIGHT: &str = "\u{E014}";
const COMMENT: &str = "Checked the ESS user agreement together";
const DISSENT: &str = "Lund's partner institute needs a second look";

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn workshop_walked_by_keyboard_is_one_revision_with_minutes() {
    let world = World::start("workshop");
    import_with_cli(&world, "ess-neutron-imaging.case.json");
    let out = world.cli(&["--json", "case", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let id = list[0]["id"]
        .as_str()
        .expect("the imported case's id")
        .to_owned();
    let before = history(&world, &id);

    let dir = tempfile::tempdir().expect("temp dir");
    let from_window = dir.path().join("minutes-window.pdf");
    check(workshop_by_keyboard(&world, &from_window).await);

    // ONE new revision, recorded as the workshop.
    let after = history(&world, &id);
    let revisions = after["revisions"].as_array().expect("revisions");
    assert_eq!(
        revisions.len(),
        before["revisions"].as_array().map_or(0, Vec::len) + 1,
        "{after}"
    );
    assert_eq!(
        revisions[0]["revision"]["action"], "case.workshop",
        "{after}"
    );

    // The minutes the window saved, and those written again from the stored record, read back.
    let from_cli = dir.path().join("minutes-cli.pdf");
    let out = world.cli(&[
        "workshop",
        "minutes",
        &id,
        "-o",
        &from_cli.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{out:?}");
    for pdf in [&from_window, &from_cli] {
        let text = Command::new("pdftotext")
            .arg(pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        assert!(text.status.success(), "{}: {text:?}", pdf.display());
        let flat = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for want in [
            "Workshop minutes",
            FIXTURE_TITLE,
            "Anna Berg, Li Wei, Jonas Ritter",
            "Answers that changed",
            "Open points",
            COMMENT,
            DISSENT,
            "Disagreement, Li Wei",
        ] {
            assert!(
                flat.contains(want),
                "{want:?} is not in {}: {flat}",
                pdf.display()
            );
        }
    }
}

fn history(world: &World, id: &str) -> serde_json::Value {
    let out = world.cli(&["--json", "case", "history", id]);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The question the stage shows now.
async fn shown(window: &harness::Window<'_>) -> Step<String> {
    window.find("#workshop-stage").await?;
    window
        .attr("#workshop-stage", "data-question-id")
        .await
        .map_err(Failure)?
        .ok_or_else(|| Failure("the stage names no question".into()))
}

/// Waits until the stage shows `question` answered `answer`.
async fn answered(window: &harness::Window<'_>, question: &str, answer: &str) -> Step<()> {
    window
        .find(&format!(
            r#"#workshop-stage[data-question-id="{question}"][data-answer="{answer}"]"#
        ))
        .await
        .map(|_| ())
}

/// Fails unless the focus is on the element with `id`.
async fn focus_on(window: &harness::Window<'_>, id: &str) -> Step<()> {
    window
        .wait_until(
            &format!("the focus on #{id}"),
            Duration::from_secs(5),
            async |c| {
                let v = c
                    .execute(
                        "return document.activeElement && document.activeElement.id;",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(v.as_str() == Some(id))
            },
        )
        .await
}

/// Presses Tab until the focus is on the element with `id`, as a keyboard user would; fails when it
/// is not reached within `most` presses (the element is not in the tab order, or focus is stuck).
async fn tab_to(window: &harness::Window<'_>, id: &str, most: usize) -> Step<()> {
    for _ in 0..most {
        window.press_key(TAB).await?;
        let v = window
            .execute(
                "return document.activeElement && document.activeElement.id;",
                vec![],
            )
            .await
            .map_err(Failure)?;
        if v.as_str() == Some(id) {
            return Ok(());
        }
    }
    window
        .fail_step(
            &format!("Tab to #{id}"),
            format!("not reached with {most} presses of Tab"),
        )
        .await
}

async fn workshop_by_keyboard(world: &World, minutes: &std::path::Path) -> Step<()> {
    let window = world.open_window().await;
    // Keys only from the start page on. The start page draws its buttons once its figures are in.
    window.find("#nav-cases").await?;
    tab_to(&window, "nav-cases", 12).await?;
    window.press_key(ENTER).await?;
    focus_on(&window, "cases-heading").await?;
    window.find(r#"[data-testid="case-row"]"#).await?;
    tab_to(&window, "case-listbox", 20).await?;
    // The list's first row is the active one; Enter opens it, and the editor takes the focus.
    window.press_key(ENTER).await?;
    focus_on(&window, "editor-heading").await?;
    window.find("#open-workshop").await?;
    tab_to(&window, "open-workshop", 10).await?;
    window.press_key(ENTER).await?;
    focus_on(&window, "workshop-participants").await?;
    // WebDriver types a line break as the Enter key; "\n" itself is not a key.
    window
        .press_key(&format!("Anna Berg{ENTER}Li Wei{ENTER}Jonas Ritter"))
        .await?;
    window.press_key(TAB).await?;
    focus_on(&window, "workshop-start").await?;
    window.press_key(ENTER).await?;
    focus_on(&window, "workshop-stage").await?;
    a11y::check(&window, "workshop-question").await?;

    // First question: "yes" (key 1) with a comment (C, type, Esc back to the stage).
    let first = shown(&window).await?;
    window.press_key("1").await?;
    answered(&window, &first, "yes").await?;
    window.press_key("c").await?;
    focus_on(&window, "workshop-comment").await?;
    window.press_key(COMMENT).await?;
    window.press_key(ESCAPE).await?;
    focus_on(&window, "workshop-stage").await?;

    // Second question: "no" (key 2) and a disagreement of Li Wei (D, type the name, Tab, type, Enter).
    window.press_key(RIGHT).await?;
    let second = shown(&window).await?;
    if second == first {
        return window
            .fail_step("→", "the stage still shows the first question")
            .await;
    }
    window.press_key("2").await?;
    answered(&window, &second, "no").await?;
    window.press_key("d").await?;
    focus_on(&window, "workshop-dissent-by").await?;
    // Typing a name's first letters chooses it in the list, as in any select box.
    window.press_key("Li").await?;
    window.press_key(TAB).await?;
    focus_on(&window, "workshop-dissent-text").await?;
    window.press_key(DISSENT).await?;
    window.press_key(ENTER).await?;
    window
        .wait_texts("the disagreement", ".dissents li", |items| {
            items
                .iter()
                .any(|i| i.contains("Li Wei") && i.contains(DISSENT))
        })
        .await?;

    // Third question: help on H, then "unsure" (key 3).
    window.press_key(RIGHT).await?;
    let third = shown(&window).await?;
    window.press_key("h").await?;
    window.find("#workshop-help").await?;
    window.press_key("3").await?;
    answered(&window, &third, "unsure").await?;
    window.screenshot("workshop-question").await;

    // E ends; the summary lists the three questions; Tab, Tab, Enter stores the workshop.
    window.press_key("e").await?;
    focus_on(&window, "workshop-end-heading").await?;
    window
        .wait_texts("the summary", "#workshop-summary li", |items| {
            items.len() == 3
        })
        .await?;
    a11y::check(&window, "workshop-summary").await?;
    window.press_key(TAB).await?;
    window.press_key(TAB).await?;
    focus_on(&window, "workshop-finish").await?;
    window.press_key(ENTER).await?;
    window
        .find(r#"#workshop-done[data-workshop-id="ws-1"]"#)
        .await?;
    focus_on(&window, "workshop-done-heading").await?;
    window.screenshot("workshop-done").await;

    // The minutes: Tab to "Minutes (PDF)", Enter; the dialog starts on the language; Tab to the path
    // field, type, Enter; Esc closes the dialog and gives the focus back to the button.
    tab_to(&window, "workshop-minutes", 3).await?;
    window.press_key(ENTER).await?;
    focus_on(&window, "workshop-minutes-lang-en").await?;
    tab_to(&window, "workshop-minutes-path", 4).await?;
    window
        .press_key(&format!("{}{ENTER}", minutes.display()))
        .await?;
    let written = minutes.display().to_string();
    window
        .wait_texts("the minutes saved", "#workshop-minutes-written", |t| {
            t.iter().any(|t| t.contains(&written))
        })
        .await?;
    window.screenshot("workshop-minutes-saved").await;
    window.press_key(ESCAPE).await?;
    focus_on(&window, "workshop-minutes").await?;

    // Close goes back to the case, whose heading has the focus again.
    tab_to(&window, "workshop-close", 3).await?;
    window.press_key(ENTER).await?;
    focus_on(&window, "editor-heading").await?;
    window.quit().await
}
