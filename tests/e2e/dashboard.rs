//! The start page: the dashboard's charts in the real window, a bar that opens the case list narrowed
//! to its cases with a removable filter chip, the overdue and provisional figures, and counting all
//! cases instead of the open ones.

use super::*;

/// A case with an overdue action (open, due long ago) in China, and a declined one, which the
/// dashboard leaves out until it counts all cases.
const OVERDUE_CASE: &str = r#"{
  "format": "coopdesk.case/v1", "id": "E2E-LATE", "title": "Sample exchange with a late end-use statement",
  "status": "in_review",
  "partners": [{"name": "Tsinghua University", "name_zh": "清华大学", "country": "CN", "kind": "university", "role": "host"}],
  "actions": [{"id": "act-1", "title": "End-use statement", "due": "2001-02-03", "status": "open"}]
}"#;
const DECLINED_CASE: &str = r#"{
  "format": "coopdesk.case/v1", "id": "E2E-NO", "title": "Declined beamtime request",
  "status": "declined",
  "partners": [{"name": "Peking University", "name_zh": "北京大学", "country": "CN", "kind": "university", "role": "user"}]
}"#;

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn dashboard_bars_open_the_case_list_narrowed_to_their_cases() {
    let world = World::start("dashboard");
    import_with_cli(&world, "ess-neutron-imaging.case.json");
    import_with_cli(&world, "hit-partner.case.json");
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in [("late", OVERDUE_CASE), ("declined", DECLINED_CASE)] {
        let file = dir.path().join(format!("{name}.case.json"));
        std::fs::write(&file, text).expect("write a case file");
        let out = world.cli(&["case", "import", &file.to_string_lossy()]);
        assert!(out.status.success(), "{out:?}");
    }
    check(dashboard_scenario(&world).await);
}

/// Without any case the start page says what to do instead of drawing empty charts.
#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn an_empty_dashboard_says_how_to_start() {
    let world = World::start("empty-start-page");
    check(empty_dashboard(&world).await);
}

async fn empty_dashboard(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.find(r#"[data-testid="dashboard-empty"]"#).await?;
    if window.exists(r#"[data-chart]"#).await {
        return window
            .fail_step("the empty dashboard", "it draws charts without cases")
            .await;
    }
    a11y::check(&window, "dashboard-empty").await?;
    window.screenshot("dashboard-empty").await;
    window.open_case_list().await?;
    window.find("#new-case").await?;
    // "New case" on the empty start page opens the editor on a new draft.
    window.click("#nav-dashboard").await?;
    window.click("#dashboard-new-case").await?;
    window.find("#case-title").await?;
    window.quit().await
}

/// The `data-count` of `css` as a number.
async fn count_of(window: &harness::Window<'_>, css: &str) -> Step<usize> {
    window.find(css).await?;
    let n = window.attr(css, "data-count").await.map_err(Failure)?;
    n.as_deref()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| Failure(format!("`{css}` has no numeric data-count: {n:?}")))
}

/// Waits until the case list shows exactly `n` rows.
async fn rows_shown(window: &harness::Window<'_>, what: &str, n: usize) -> Step<Vec<String>> {
    window
        .wait_texts(what, r#"[data-testid="case-row"]"#, |rows| rows.len() == n)
        .await
}

async fn dashboard_scenario(world: &World) -> Step<()> {
    let window = world.open_window().await;
    // The start page is the dashboard: three open cases (the declined one is closed).
    window.find("#dashboard-heading").await?;
    let total = count_of(&window, "#dashboard-total").await?;
    if total != 3 {
        return window
            .fail_step(
                "counting open cases",
                format!("the total says {total}, expected 3"),
            )
            .await;
    }
    let overdue = count_of(&window, "#dashboard-overdue").await?;
    if overdue != 1 {
        return window
            .fail_step("counting overdue actions", format!("{overdue}, expected 1"))
            .await;
    }
    // On Linux the page is drawn in the window's own face (app.css's "Desk Sans", the briefings' Noto
    // Sans cut), never matched through fontconfig: main.ts tells WebKitGTK from the webviews that know
    // the system faces by the user agent, and the first render waits for both faces. This checks that
    // the stack names it and that both files were read from the app and are in use.
    let font = window
        .execute(
            "return [getComputedStyle(document.body).fontFamily, \
             document.fonts.check('15px \"Desk Sans\"'), \
             document.fonts.check('bold 15px \"Desk Sans\"'), \
             Array.from(document.fonts).filter(f => f.family.includes('Desk Sans') \
               && f.status === 'loaded').length];",
            vec![],
        )
        .await
        .map_err(Failure)?;
    if font != serde_json::json!(["\"Desk Sans\", sans-serif", true, true, 2]) {
        return window
            .fail_step(
                "the start page's face",
                format!(
                    "{font}, expected the stack \"Desk Sans\", sans-serif with both faces loaded"
                ),
            )
            .await;
    }
    // Every open case has a level (imported cases are assessed at once): the level bars add up.
    let levels = window
        .execute(
            "return Array.from(document.querySelectorAll('[data-chart=\"chart-level\"] [data-count]'), \
             e => Number(e.dataset.count)).reduce((a, b) => a + b, 0);",
            vec![],
        )
        .await
        .map_err(Failure)?;
    if levels.as_u64() != Some(3) {
        return window
            .fail_step("adding up the level bars", format!("{levels}, expected 3"))
            .await;
    }
    a11y::check(&window, "dashboard").await?;
    window.screenshot("dashboard").await;
    window.guide_shot("dashboard").await;
    // The level colours and the overdue figure in the dark palette meet the contrast rules too.
    window.choose("#pref-theme", "dark").await?;
    window.screenshot("dashboard-dark").await;
    a11y::check(&window, "dashboard-dark").await?;
    window.choose("#pref-theme", "light").await?;

    // The Chinese partners' bar: two open cases; the list shows them with a chip saying why.
    let china = r#"[data-testid="dashboard-bar"][data-chart="chart-country"][data-key="is:CN"]"#;
    keyboard_reaches(&window, china).await?;
    let n = count_of(&window, china).await?;
    let name = window
        .attr(china, "aria-label")
        .await
        .map_err(Failure)?
        .expect("the value the test needs");
    if n != 2 || !name.contains("China") || !name.contains('2') {
        return window
            .fail_step("reading the China bar", format!("count {n}, name {name:?}"))
            .await;
    }
    window.click(china).await?;
    rows_shown(&window, "the two open cases with a Chinese partner", 2).await?;
    let chips = window
        .texts(r#"[data-testid="filter-chip"]"#)
        .await
        .map_err(Failure)?;
    if !chips.iter().any(|c| c.contains("China")) || !chips.iter().any(|c| c.contains("Open cases"))
    {
        return window
            .fail_step("showing the filter chips", format!("{chips:?}"))
            .await;
    }
    window.screenshot("dashboard-filtered-list").await;
    a11y::check(&window, "case-list-filtered").await?;
    // Without the country chip: every open case; without the open-only chip too: all four.
    window
        .click(r#"[data-testid="filter-chip"][data-key="partnerCountry"] [data-testid="filter-chip-remove"]"#)
        .await?;
    rows_shown(
        &window,
        "all open cases once the country chip is removed",
        3,
    )
    .await?;
    window
        .click(r#"[data-testid="filter-chip"][data-key="openOnly"] [data-testid="filter-chip-remove"]"#)
        .await?;
    rows_shown(&window, "every case once no chip is left", 4).await?;

    // Back to the dashboard; the overdue figure lists the case with the late action.
    window.click("#nav-dashboard").await?;
    window.click("#dashboard-overdue").await?;
    let rows = rows_shown(&window, "the case with an overdue action", 1).await?;
    if !rows[0].contains("late end-use statement") {
        return window
            .fail_step("listing the overdue case", format!("{rows:?}"))
            .await;
    }
    window.click("#nav-dashboard").await?;
    // The provisional figure (key questions open; the imported cases answer none) lists exactly
    // the cases it counts, marked in their rows, with its chip.
    let provisional = count_of(&window, "#dashboard-provisional").await?;
    if provisional == 0 {
        return window
            .fail_step(
                "counting provisional cases",
                "none, expected the unanswered cases",
            )
            .await;
    }
    window.click("#dashboard-provisional").await?;
    rows_shown(&window, "the provisional open cases", provisional).await?;
    window
        .find(r#"[data-testid="filter-chip"][data-key="provisionalOnly"]"#)
        .await?;
    let marked = window
        .texts(r#"[data-testid="case-row"] [data-testid="row-provisional"]"#)
        .await
        .map_err(Failure)?;
    if marked.len() != provisional {
        return window
            .fail_step("marking the provisional rows", format!("{marked:?}"))
            .await;
    }
    window.click("#nav-dashboard").await?;

    // Counting all cases: four, and the declined state has its bar.
    window.click(r#"[data-testid="scope-all"]"#).await?;
    window
        .wait_until(
            "the dashboard to count all cases",
            harness::STEP_TIMEOUT,
            async |_| {
                let n = window.attr("#dashboard-total", "data-count").await?;
                Ok(n.as_deref() == Some("4"))
            },
        )
        .await?;
    let declined =
        r#"[data-testid="dashboard-bar"][data-chart="chart-status"][data-key="declined"]"#;
    window.click(declined).await?;
    rows_shown(&window, "the declined case", 1).await?;
    window.quit().await
}

/// Keyboard only: Tab from the top of the page reaches `css` (each stop with a visible focus outline),
/// Enter opens the case list it stands for, and the dashboard is back with the "Dashboard" button.
async fn keyboard_reaches(window: &harness::Window<'_>, css: &str) -> Step<()> {
    const TAB: &str = "\u{E004}";
    const ENTER: &str = "\u{E007}";
    window
        .execute(
            "document.activeElement?.blur(); document.body.focus();",
            vec![],
        )
        .await
        .map_err(Failure)?;
    let probe = "const [css] = arguments; const el = document.activeElement; \
                 const s = el ? getComputedStyle(el) : null; \
                 return JSON.stringify({ hit: !!el && el.matches(css), \
                   visible: !!s && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, \
                   what: el ? el.outerHTML.slice(0, 120) : '' });";
    for _ in 0..60 {
        window.press_key(TAB).await?;
        let state = window
            .execute(probe, vec![serde_json::json!(css)])
            .await
            .map_err(Failure)?;
        let state: serde_json::Value =
            serde_json::from_str(state.as_str().unwrap_or("{}")).expect("valid JSON");
        if state["visible"] != true {
            return window
                .fail_step(
                    "keyboard focus",
                    format!("no visible focus on {}", state["what"]),
                )
                .await;
        }
        if state["hit"] == true {
            window.press_key(ENTER).await?;
            rows_shown(window, "the list opened from the keyboard", 2).await?;
            window.click("#nav-dashboard").await?;
            window.find(css).await?;
            return Ok(());
        }
    }
    window
        .fail_step(
            "keyboard focus",
            format!("60 Tab presses did not reach `{css}`"),
        )
        .await
}
