//! The expert-labelled scenarios of `tests/scenarios/`: every scenario must land in its experts'
//! ranges, from its recorded facts alone and again with a realistic set of answers.
//!
//! Each scenario is a case file (facts only) and an `*.expect.toml` with the acceptable levels per
//! topic, recommendations and required escalations (format in `tests/scenarios/README.md`). The cases
//! go through the real path: imported into a fresh SQLite database, screened against the bundled
//! restriction list, assessed with the built-in template. Ranges are the experts', not this engine's:
//! when a scenario falls out of range, the engine or the template is wrong, never the range.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use coopdesk_app::Desk;
use coopdesk_assess::engine::AnswerSource;
use coopdesk_assess::{Assessment, Lang, Topic};
use serde::Deserialize;

/// Acceptable results of one run.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ranges {
    reciprocity: Vec<String>,
    integrity: Vec<String>,
    ip: Vec<String>,
    dual_use: Vec<String>,
    recommendation: Vec<String>,
    #[serde(default)]
    escalations: Vec<String>,
    #[serde(default)]
    not_escalations: Vec<String>,
}

/// One `*.expect.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    title: String,
    class: String,
    situation: String,
    sources: Vec<String>,
    facts: Ranges,
    #[serde(default)]
    answers: BTreeMap<String, String>,
    answered: Ranges,
}

struct Scenario {
    name: String,
    case_json: serde_json::Value,
    expect: Expectation,
}

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios")
}

fn load() -> Vec<Scenario> {
    let dir = scenario_dir();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.toml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|expect_path| {
            let file = expect_path.to_string_lossy().into_owned();
            let stem = file.trim_end_matches(".expect.toml").to_owned();
            let text = std::fs::read_to_string(&expect_path).unwrap_or_else(|e| panic!("{file}: {e}"));
            let expect: Expectation = toml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
            let case_path = format!("{stem}.case.json");
            let case_text = std::fs::read_to_string(&case_path).unwrap_or_else(|e| panic!("{case_path}: {e}"));
            let case_json: serde_json::Value =
                serde_json::from_str(&case_text).unwrap_or_else(|e| panic!("{case_path}: {e}"));
            assert!(
                case_json.get("answers").is_none(),
                "{case_path}: a scenario's case file holds facts only; answers go in the expect file"
            );
            let name = Path::new(&stem)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .expect("the value the test needs");
            Scenario {
                name,
                case_json,
                expect,
            }
        })
        .collect()
}

/// Imports the scenario's case (with `answers`, under a distinct id when answered) through a case
/// file in `dir`, and assesses it.
fn assess(
    desk: &Desk,
    dir: &Path,
    s: &Scenario,
    answers: Option<&BTreeMap<String, String>>,
) -> Assessment {
    let mut doc = s.case_json.clone();
    let base = doc
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("{}: the case needs an id", s.name))
        .to_owned();
    let id = if let Some(a) = answers {
        let map: serde_json::Map<String, serde_json::Value> = a
            .iter()
            .map(|(q, v)| (q.clone(), serde_json::json!({ "value": v })))
            .collect();
        doc["answers"] = serde_json::Value::Object(map);
        format!("{base}-A")
    } else {
        base
    };
    doc["id"] = serde_json::Value::String(id.clone());
    let file = dir.join(format!("{id}.case.json"));
    let bytes = serde_json::to_vec_pretty(&doc).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    desk.import_files(&[&file])
        .unwrap_or_else(|e| panic!("{}: import: {e:?}", s.name));
    desk.assess_case(&id, Lang::En)
        .unwrap_or_else(|e| panic!("{}: assess: {e:?}", s.name))
        .assessment
}

/// What is out of range, one line each.
fn misses(a: &Assessment, r: &Ranges) -> Vec<String> {
    let mut out = Vec::new();
    for (topic, range) in [
        (Topic::Reciprocity, &r.reciprocity),
        (Topic::Integrity, &r.integrity),
        (Topic::Ip, &r.ip),
        (Topic::DualUse, &r.dual_use),
    ] {
        let got = a
            .topics
            .iter()
            .find(|t| t.topic == topic)
            .map(|t| t.level.to_string())
            .expect("the value the test needs");
        if !range.contains(&got) {
            out.push(format!("{topic}: {got}, expected one of {range:?}"));
        }
    }
    let rec = a.recommendation.to_string();
    if !r.recommendation.contains(&rec) {
        out.push(format!(
            "recommendation: {rec}, expected one of {:?}",
            r.recommendation
        ));
    }
    let escalations: Vec<String> = a.escalations.iter().map(|e| e.to.to_string()).collect();
    for e in &r.escalations {
        if !escalations.contains(e) {
            out.push(format!("escalation {e} missing (got {escalations:?})"));
        }
    }
    for e in &r.not_escalations {
        if escalations.contains(e) {
            out.push(format!("escalation {e} not expected (got {escalations:?})"));
        }
    }
    out
}

fn describe(a: &Assessment) -> String {
    a.topics
        .iter()
        .map(|t| format!("{}={}", t.topic, t.level))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_scenario_is_in_its_experts_ranges_from_facts_and_with_answers() {
    let scenarios = load();
    // The set must stay large and balanced enough to mean something.
    let count = |class: &str| scenarios.iter().filter(|s| s.expect.class == class).count();
    assert!(scenarios.len() >= 24, "{} scenarios", scenarios.len());
    assert!(count("low") >= 8, "{} clearly low scenarios", count("low"));
    assert!(
        count("high") >= 8,
        "{} clearly high scenarios",
        count("high")
    );
    for s in &scenarios {
        assert!(
            ["low", "high", "contested"].contains(&s.expect.class.as_str()),
            "{}: class {}",
            s.name,
            s.expect.class
        );
        assert!(
            !s.expect.sources.is_empty() && !s.expect.situation.trim().is_empty(),
            "{}: every scenario names its documented situation and sources",
            s.name
        );
        assert!(!s.expect.title.trim().is_empty(), "{}: title", s.name);
    }

    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = Desk::open(&tmp.path().join("scenarios.sqlite")).unwrap_or_else(|e| panic!("{e:?}"));
    let mut failures = Vec::new();
    let template = coopdesk_assess::builtin::builtin_template().unwrap_or_else(|p| panic!("{p}"));
    let is_key = |id: &str| template.question(id).is_some_and(|q| q.key);
    let mut settled = 0usize;
    let mut visible = 0usize;
    let mut key_visible = 0usize;
    let mut key_settled = 0usize;
    let mut in_range = [0usize; 2];
    for s in &scenarios {
        let facts = assess(&desk, tmp.path(), s, None);
        visible += facts.questions.iter().filter(|q| q.visible).count();
        settled += facts
            .questions
            .iter()
            .filter(|q| q.visible && q.source == AnswerSource::Facts)
            .count();
        key_visible += facts
            .questions
            .iter()
            .filter(|q| q.visible && is_key(&q.id))
            .count();
        key_settled += facts
            .questions
            .iter()
            .filter(|q| q.visible && is_key(&q.id) && q.source == AnswerSource::Facts)
            .count();
        let answered = assess(&desk, tmp.path(), s, Some(&s.expect.answers));
        for (i, (run, a, r)) in [
            ("facts alone", &facts, &s.expect.facts),
            ("with answers", &answered, &s.expect.answered),
        ]
        .into_iter()
        .enumerate()
        {
            let m = misses(a, r);
            if m.is_empty() {
                in_range[i] += 1;
            } else {
                failures.push(format!(
                    "{} ({}), {run}: {} [{}; {}]",
                    s.name,
                    s.expect.class,
                    m.join("; "),
                    describe(a),
                    a.recommendation
                ));
            }
        }
        // A clearly low scenario reads low (or medium on a topic) and never escalates to management.
        if s.expect.class == "low" && facts.overall > coopdesk_assess::Level::Medium {
            failures.push(format!(
                "{}: a harmless case reads {} overall from its facts",
                s.name, facts.overall
            ));
        }
    }
    println!(
        "scenarios: {} in range from facts alone, {} with answers, of {}; facts settle {settled} of {visible} shown questions ({:.0} %) and {key_settled} of {key_visible} shown key questions ({:.0} %)",
        in_range[0],
        in_range[1],
        scenarios.len(),
        100.0 * settled as f64 / visible.max(1) as f64,
        100.0 * key_settled as f64 / key_visible.max(1) as f64
    );
    assert!(
        failures.is_empty(),
        "{} of {} runs out of range:\n{}",
        failures.len(),
        2 * scenarios.len(),
        failures.join("\n")
    );
}
