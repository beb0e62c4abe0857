//! `coopdesk dashboard [--all]`: the start page's figures on the command line, as text and JSON.

use super::*;

/// A case file with a facility, partners in `countries`, a state and `overdue` open actions due in
/// the past (plus one met action, which never counts).
fn case_file(
    id: &str,
    status: &str,
    facility: Option<&str>,
    countries: &[&str],
    overdue: usize,
) -> String {
    let facility = facility.map_or(String::new(), |f| {
        format!(r#""facility": {{"name": "{f}", "country": "CN", "kind": "synchrotron"}},"#)
    });
    let partners: Vec<String> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(r#"{{"name": "{id} partner {i}", "country": "{c}", "role": "host"}}"#)
        })
        .collect();
    let mut actions: Vec<String> = (0..overdue)
        .map(|k| {
            format!(r#"{{"id": "act-{k}", "title": "Condition {k}", "due": "2001-02-03", "status": "open"}}"#)
        })
        .collect();
    actions
        .push(r#"{"id": "act-met", "title": "Done", "due": "2001-02-03", "status": "met"}"#.into());
    format!(
        r#"{{"format": "coopdesk.case/v1", "id": "{id}", "title": "Dashboard case {id}", "status": "{status}",
             {facility} "partners": [{}], "actions": [{}]}}"#,
        partners.join(", "),
        actions.join(", ")
    )
}

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// The count of the bar whose `key` field equals `value` in `chart`.
fn bar(d: &serde_json::Value, chart: &str, key: &str, value: serde_json::Value) -> u64 {
    d[chart]
        .as_array()
        .and_then(|bars| bars.iter().find(|b| b[key] == value))
        .and_then(|b| b["count"].as_u64())
        .unwrap_or_else(|| panic!("no {chart} bar with {key} = {value}: {d}"))
}

#[test]
fn dashboard_shows_the_open_portfolio_and_with_all_every_case() {
    let env = Env::new();
    let empty = env.run(&["dashboard"]);
    assert_eq!(code(&empty), 0, "{}", stderr(&empty));
    assert!(
        stdout(&empty).contains("no cases yet"),
        "{}",
        stdout(&empty)
    );

    let files = [
        case_file(
            "DB-1",
            "draft",
            Some("High Energy Photon Source"),
            &["CN"],
            2,
        ),
        case_file(
            "DB-2",
            "in_review",
            Some("High Energy Photon Source"),
            &["CN", "RU"],
            0,
        ),
        case_file("DB-3", "approved_with_conditions", None, &["RU"], 1),
        case_file(
            "DB-4",
            "declined",
            Some("Shanghai Synchrotron Radiation Facility"),
            &["CN"],
            0,
        ),
        case_file("DB-5", "approved", None, &["IR", "CN"], 3),
    ];
    let paths: Vec<String> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            env.file(&format!("d{i}.case.json"), f)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut args = vec!["case", "import"];
    args.extend(paths.iter().map(String::as_str));
    assert_eq!(code(&env.run(&args)), 0);

    // By default the open portfolio: drafts, cases in review and approved with conditions.
    let open = json(&env.run(&["--json", "dashboard"]));
    assert_eq!(open["open_only"], true);
    assert_eq!(open["total"], 3);
    assert_eq!(
        (
            open["overdue_cases"].as_u64(),
            open["overdue_actions"].as_u64()
        ),
        (Some(2), Some(3))
    );
    let statuses: Vec<&str> = open["by_status"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["status"].as_str()).collect())
        .expect("the value the test needs");
    assert_eq!(statuses, ["draft", "in_review", "approved_with_conditions"]);
    // Imported cases are assessed at once, so every case has a level.
    let levels: u64 = open["by_level"]
        .as_array()
        .map(|a| a.iter().filter_map(|l| l["count"].as_u64()).sum())
        .unwrap_or(0);
    assert_eq!(levels, 3);
    assert_eq!(bar(&open, "by_level", "level", "not_assessed".into()), 0);
    // A case with two partners counts once in each of their countries.
    assert_eq!(
        bar(
            &open,
            "by_partner_country",
            "bucket",
            serde_json::json!({"is": "CN"})
        ),
        2
    );
    assert_eq!(
        bar(
            &open,
            "by_partner_country",
            "bucket",
            serde_json::json!({"is": "RU"})
        ),
        2
    );
    assert_eq!(
        bar(
            &open,
            "by_facility",
            "label",
            "High Energy Photon Source".into()
        ),
        2
    );
    assert_eq!(bar(&open, "by_facility", "bucket", "missing".into()), 1);

    // --all adds the decided cases.
    let all = json(&env.run(&["--json", "dashboard", "--all"]));
    assert_eq!(all["open_only"], false);
    assert_eq!(all["total"], 5);
    assert_eq!(
        (
            all["overdue_cases"].as_u64(),
            all["overdue_actions"].as_u64()
        ),
        (Some(3), Some(6))
    );
    assert_eq!(all["by_status"].as_array().map(Vec::len), Some(6));
    assert_eq!(
        bar(
            &all,
            "by_partner_country",
            "bucket",
            serde_json::json!({"is": "CN"})
        ),
        4
    );
    assert_eq!(bar(&all, "by_status", "status", "declined".into()), 1);

    let text = stdout(&env.run(&["dashboard"]));
    for expected in [
        "open cases:      3",
        "overdue actions: 3 in 2 case(s)",
        "by overall level",
        "not assessed",
        "approved with conditions",
        "High Energy Photon Source",
        "(no facility)",
        "by partner country",
        "RU",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(
        !text.contains("declined"),
        "closed states are left out:\n{text}"
    );
    let text = stdout(&env.run(&["dashboard", "--all"]));
    assert!(
        text.contains("all cases:       5") && text.contains("declined"),
        "{text}"
    );
}

/// `case list --level/--facility/--country/--open/--overdue` lists exactly the cases a dashboard bar
/// counts, so a script can follow a figure to its cases as the window does.
#[test]
fn case_list_filters_list_what_the_dashboard_counts() {
    let env = Env::new();
    let files = [
        case_file(
            "F-1",
            "draft",
            Some("High Energy Photon Source"),
            &["CN"],
            1,
        ),
        case_file("F-2", "in_review", None, &["CN", "RU"], 0),
        case_file(
            "F-3",
            "declined",
            Some("High Energy Photon Source"),
            &["CN"],
            0,
        ),
    ];
    let paths: Vec<String> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            env.file(&format!("f{i}.case.json"), f)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut args = vec!["case", "import"];
    args.extend(paths.iter().map(String::as_str));
    assert_eq!(code(&env.run(&args)), 0);
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["--json", "case", "list"];
        a.extend_from_slice(extra);
        let listed = json(&env.run(&a));
        let mut ids: Vec<String> = listed
            .as_array()
            .map(|rows| {
                rows.iter()
                    .filter_map(|r| r["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .expect("the value the test needs");
        ids.sort();
        ids
    };
    let open = json(&env.run(&["--json", "dashboard"]));
    let cn = bar(
        &open,
        "by_partner_country",
        "bucket",
        serde_json::json!({"is": "CN"}),
    );
    assert_eq!(ids(&["--open", "--country", "cn"]).len() as u64, cn);
    assert_eq!(ids(&["--open", "--country", "CN"]), ["F-1", "F-2"]);
    assert_eq!(ids(&["--country", "CN"]), ["F-1", "F-2", "F-3"]);
    assert_eq!(ids(&["--country", "RU"]), ["F-2"]);
    assert_eq!(ids(&["--facility", "none"]), ["F-2"]);
    assert_eq!(ids(&["--overdue"]), ["F-1"]);
    let level = open["by_level"][0]["level"]
        .as_str()
        .expect("a JSON string")
        .to_owned();
    let at_level = open["by_level"][0]["count"]
        .as_u64()
        .expect("a JSON number");
    assert_eq!(ids(&["--open", "--level", &level]).len() as u64, at_level);
    // Cases with key questions still open: the dashboard's provisional figure is the filtered list.
    let provisional = open["provisional_cases"].as_u64().unwrap_or(99);
    assert!(
        provisional > 0,
        "facts alone leave key questions open: {open}"
    );
    assert_eq!(ids(&["--open", "--provisional"]).len() as u64, provisional);
    let all = json(&env.run(&["--json", "dashboard", "--all"]));
    assert_eq!(
        ids(&["--provisional"]).len() as u64,
        all["provisional_cases"].as_u64().unwrap_or(99)
    );
    let listed = json(&env.run(&["--json", "case", "list"]));
    for row in listed.as_array().into_iter().flatten() {
        let open_key = row["open_key_questions"].as_u64();
        assert!(open_key.is_some(), "an imported case is assessed: {row}");
        assert_eq!(row["provisional"], open_key.is_some_and(|n| n > 0), "{row}");
    }
    let text = stdout(&env.run(&["case", "list", "--provisional"]));
    assert!(
        text.contains("PROVISIONAL") && text.contains("provisional "),
        "{text}"
    );
    let text = stdout(&env.run(&["dashboard"]));
    assert!(
        text.contains(&format!("provisional:     {provisional} case(s)")),
        "{text}"
    );
    // A bad value is a usage error (exit status 2) that names what is accepted.
    for (args, expected) in [
        (["case", "list", "--level", "severe"], "critical, high"),
        (["case", "list", "--country", "China"], "two-letter"),
    ] {
        let o = env.run(&args);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{}", stderr(&o));
    }
}
