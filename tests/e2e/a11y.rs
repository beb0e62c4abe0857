//! Automatic accessibility checks of the running window: axe-core (from `ui/node_modules`, installed by
//! `npm ci`) is injected into the page over WebDriver and run against WCAG 2.1 A and AA. A step fails on
//! any violation of impact "serious" or "critical"; every result is written to
//! `target/e2e-artifacts/a11y-<test>-<screen>.json`, and the counts are printed, for the issue note.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::harness::{self, Failure, Step, Window};

/// The rules that apply: WCAG 2.0 and 2.1, levels A and AA (colour contrast among them).
const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// What one check found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Rules the page passed.
    pub passes: usize,
    /// Violations by impact.
    pub critical: usize,
    pub serious: usize,
    pub moderate: usize,
    pub minor: usize,
    /// Checks axe could not decide (e.g. contrast over a gradient); listed in the artifact.
    pub incomplete: usize,
}

fn axe_source() -> Result<String, String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read {} ({e}); run `npm --prefix ui ci`",
            path.display()
        )
    })
}

/// Runs axe on the page as it is now, calls it `screen` in the report, and fails on serious or
/// critical violations, naming each rule and the elements it found.
pub async fn check(window: &Window<'_>, screen: &str) -> Step<Counts> {
    let (counts, blocking) = run(window, screen).await?;
    if !blocking.is_empty() {
        return window
            .fail_step(
                &format!("accessibility of {screen}"),
                format!(
                    "serious or critical WCAG violations:\n{}",
                    blocking.join("\n")
                ),
            )
            .await;
    }
    Ok(counts)
}

/// Runs axe like [`check`] and returns the counts and the serious or critical violations, without
/// failing on them.
pub async fn run(window: &Window<'_>, screen: &str) -> Step<(Counts, Vec<String>)> {
    let loaded = window
        .execute("return typeof window.axe !== 'undefined';", vec![])
        .await;
    if loaded != Ok(Value::Bool(true)) {
        let source = axe_source().map_err(Failure)?;
        if let Err(e) = window.execute(&source, vec![]).await {
            return window.fail_step("injecting axe-core", e).await;
        }
    }
    let script = r#"
        const [tags, done] = arguments;
        axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] })
          .then((r) => done(JSON.stringify({
            passes: r.passes.length,
            incomplete: r.incomplete.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
            violations: r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
            })),
          })))
          .catch((e) => done(JSON.stringify({ error: String(e) })));
    "#;
    let raw = match window.execute_async(script, vec![json!(TAGS)]).await {
        Ok(v) => v,
        Err(e) => {
            return window
                .fail_step(&format!("running axe on {screen}"), e)
                .await;
        }
    };
    let report: Value = raw
        .as_str()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null);
    if let Some(e) = report.get("error") {
        return window
            .fail_step(&format!("running axe on {screen}"), e)
            .await;
    }
    let artifact =
        harness::artifacts_dir().join(format!("a11y-{}-{screen}.json", window.test_name()));
    let _ = std::fs::write(
        &artifact,
        serde_json::to_string_pretty(&report).expect("the value the test needs"),
    );

    let violations = report["violations"]
        .as_array()
        .cloned()
        .expect("a JSON array");
    let mut counts = Counts {
        passes: report["passes"].as_u64().unwrap_or(0) as usize,
        incomplete: report["incomplete"].as_array().map_or(0, Vec::len),
        ..Counts::default()
    };
    let mut blocking = Vec::new();
    for v in &violations {
        match v["impact"].as_str().unwrap_or("") {
            "critical" => counts.critical += 1,
            "serious" => counts.serious += 1,
            "moderate" => counts.moderate += 1,
            _ => counts.minor += 1,
        }
        if matches!(v["impact"].as_str(), Some("critical" | "serious")) {
            blocking.push(format!(
                "{} ({}): {} — {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            ));
        }
    }
    println!(
        "a11y[{}/{screen}]: {} rules passed; violations: {} critical, {} serious, {} moderate, {} minor; {} incomplete",
        window.test_name(),
        counts.passes,
        counts.critical,
        counts.serious,
        counts.moderate,
        counts.minor,
        counts.incomplete
    );
    Ok((counts, blocking))
}
