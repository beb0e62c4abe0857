//! The co-publication check through the window: on the case of the ESS fixture (partner: an
//! unlisted institute), the Publications panel checks the partner's publication lists in each format
//! (Web of Science RIS and BibTeX, Scopus BibTeX, Zotero CSL-JSON, OpenAlex JSON), lists a co-author
//! at a listed university from each, and a reviewer confirms one; the command line then reports the
//! stored check with the decision and the assessment answers the military-link question from it.
//!
//! The native file dialog cannot be driven by WebDriver, so the test types the fixture paths into the
//! panel's path field, which runs the same check. Everything else — the Tauri command, the check, the
//! store — is the real path.

use super::*;

/// The publication-list fixtures (one per format), as absolute paths.
fn publication_lists() -> Vec<String> {
    [
        "wos.ris",
        "scopus.bib",
        "wos.bib",
        "zotero.json",
        "openalex.json",
    ]
    .into_iter()
    .map(|f| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/coopdesk-pubs/tests/fixtures")
            .join(f)
            .to_string_lossy()
            .into_owned()
    })
    .collect()
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run by packaging/test.sh"]
async fn publication_lists_in_each_format_show_their_listed_co_authors_in_the_window() {
    let world = World::start("publications");
    import_with_cli(&world, "ess-neutron-imaging.case.json");
    check(check_and_confirm(&world).await);
    let out = world.cli(&["--json", "case", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let id = list[0]["id"].as_str().expect("a case id").to_owned();
    let out = world.cli(&["--json", "pubs", "show", &id]);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(shown["works"], 10, "{shown}");
    assert_eq!(shown["files"].as_array().map(Vec::len), Some(5), "{shown}");
    let confirmed: Vec<&serde_json::Value> = shown["coauthorships"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["state"] == "confirmed")
        .collect();
    assert_eq!(confirmed.len(), 1, "{shown}");
    assert_eq!(confirmed[0]["hit"]["entity"], "el-nudt", "{shown}");
    assert_eq!(confirmed[0]["review"]["by"], "E2E Reviewer", "{shown}");
    let out = world.cli(&["--json", "assess", &id]);
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let du04 = assessment::reason(&a, "dual_use", "du-04");
    assert!(du04.contains("yes (from case facts"), "{du04}");
}

async fn check_and_confirm(world: &World) -> Step<()> {
    let window = world.open_window().await;
    window.open_case_list().await?;
    window.click(r#"[data-testid="case-row"]"#).await?;
    // The editor loads the case after the click: wait for the panel before scrolling to it.
    window.find("#check-publications").await?;
    window.scroll_to("#check-publications").await?;
    // The native file dialog cannot be driven over WebDriver: the paths go into the panel's path
    // field instead, which runs the same check.
    window
        .type_into("#pubs-paths", &publication_lists().join("; "))
        .await?;
    window.click("#pubs-check-paths").await?;
    let item = r#"[data-testid="coauthorship"]"#;
    let texts = window
        .wait_texts("the co-authorships", item, |rows| rows.len() >= 6)
        .await?;
    for (entity, from) in [
        ("el-hit", "Web of Science RIS and Zotero"),
        ("el-nudt", "Scopus BibTeX and OpenAlex"),
        ("el-buaa", "Web of Science BibTeX"),
    ] {
        if !window
            .exists(&format!(r#"{item}[data-entity="{entity}"]"#))
            .await
        {
            return window
                .fail_step(
                    "finding the listed co-authors",
                    format!("no co-authorship with {entity} ({from}): {texts:?}"),
                )
                .await;
        }
    }
    let summary = window
        .texts(r#"[data-testid="pubs-summary"]"#)
        .await
        .map_err(Failure)?;
    if !summary.iter().any(|s| s.contains("10 works in 5 file(s)")) {
        return window
            .fail_step("reading the summary", format!("{summary:?}"))
            .await;
    }
    // Confirm the NUDT co-author of the OpenAlex list (the last co-authorship).
    let nudt = format!(r#"{item}[data-entity="el-nudt"][data-state="unreviewed"]:last-child"#);
    let n = window
        .attr(&nudt, "data-item")
        .await
        .map_err(Failure)?
        .unwrap_or_default();
    window
        .click(&format!(r#"{nudt} [data-testid="co-confirm"]"#))
        .await?;
    window
        .type_into(&format!("#co-note-{n}"), "Same group; checked the paper.")
        .await?;
    window
        .type_into(&format!("#co-by-{n}"), "E2E Reviewer")
        .await?;
    window
        .click(&format!(
            r#"{item}[data-item="{n}"] [data-testid="co-save"]"#
        ))
        .await?;
    window
        .find(&format!(
            r#"{item}[data-item="{n}"][data-state="confirmed"]"#
        ))
        .await?;
    window.screenshot("coauthorship-confirmed").await;
    window.quit().await
}
