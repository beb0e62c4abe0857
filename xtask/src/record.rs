//! The answers the window's calls get, recorded from a fresh demo database through the real `Desk`.
//!
//! The browser preview serves them read-only and the UI tests run against them, so neither needs a
//! second implementation of the store in TypeScript and both see the shapes the core really sends.
//! Shared by `cargo xtask record-fixtures` (which writes the files) and the drift test
//! `crates/coopdesk-app/tests/recorded_fixtures.rs` (which includes this file by path and compares).
//!
//! Each `<command>.json` holds the calls of one command: the arguments exactly as `ui/src/lib/api.ts`
//! sends them and the answer. `examples.json` holds answers to writes, for the UI tests (a refused
//! save, a bundle conflict and its resolutions). The output is the same on every run: the desk runs
//! on a fixed clock, and what is random or machine-specific (registry ids, the OS user, the temporary
//! folder, hashes over those) is replaced by stable stand-ins.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use coopdesk_app::Desk;
use coopdesk_app::api::DeskError;
use coopdesk_app::clock::FixedClock;
use serde::Serialize;
use serde_json::{Value, json};

/// Where the fixtures live, relative to the workspace root.
pub const FIXTURE_DIR: &str = "ui/src/lib/fixtures";

/// Said at the top of every file.
const GENERATED: &str =
    "Recorded by `cargo xtask record-fixtures` from the demo database; never edit.";

/// The moment the demo is recorded at: after two of DEMO-07's actions fell due, so the overdue
/// figures are not all zero.
const RECORDED_AT: (i32, u32, u32) = (2026, 6, 1);

/// The cases whose checklist, screening and history are recorded in full (a planned beamtime and a
/// high-risk request); the editor's answers are recorded for every demo case.
const FULL_CASES: &[&str] = &["DEMO-01", "DEMO-05"];

/// The drafts the recorded writes use: the first is refused a save, and changes after both went
/// into a bundle, so importing the bundle conflicts on it.
const WRITTEN_CASES: [&str; 2] = ["DEMO-06", "DEMO-09"];

/// What the case list sends with no filter (`ui/src/lib/stores/caseList.svelte.ts`, `PAGE_SIZE`).
const PAGE_SIZE: u32 = 200;

/// Searches typed into the case list, recorded so the preview can show search at work (a partner's
/// Chinese name, an English word, and one that matches nothing).
const LIST_SEARCHES: &[&str] = &["高能", "laser", "nothing matches this"];

/// Searches typed into the registry pickers, with the limits the pickers send (the partner dialog
/// lists the registry with nothing typed when it opens).
const ORG_SEARCHES: &[(&str, u32)] = &[
    ("", 30),
    ("中国科学院", 30),
    ("University", 30),
    ("Academy", 8),
];
const FACILITY_SEARCHES: &[(&str, u32)] = &[("PETRA", 20), ("synchrotron", 20), ("上海", 20)];

/// Stands in for the path of the temporary demo database.
const DB_STANDIN: &str = "(recorded demo database)";
/// Stands in for the OS user who imported the demo.
const USER_STANDIN: &str = "demo-user";
/// Stands in for hashes computed over random ids or the OS user.
const HASH_STANDIN: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Fields holding such hashes.
const VOLATILE_HASHES: &[&str] = &["digest", "audit_hash", "briefing_sha256", "prev_hash"];
/// Fields naming the OS user.
const USER_FIELDS: &[&str] = &["actor", "by", "exported_by"];

/// A failure while recording, with what was being recorded.
pub type Failure = Box<dyn std::error::Error>;

/// Records every answer and returns the files to write: file name → contents.
pub fn record_fixtures() -> Result<BTreeMap<String, String>, Failure> {
    let tmp = tempfile::tempdir()?;
    let (y, m, d) = RECORDED_AT;
    let at = Utc
        .with_ymd_and_hms(y, m, d, 9, 0, 0)
        .single()
        .ok_or("the recording time is not a valid time")?;
    let db = tmp.path().join("demo.sqlite");
    let desk = coopdesk_app::demo::open_demo_with_clock(&db, true, Arc::new(FixedClock(at)))
        .map_err(|e| failed("opening the demo database", e))?;
    let mut rec = Recorder {
        desk,
        calls: BTreeMap::new(),
        examples: BTreeMap::new(),
    };
    rec.reads()?;
    // Writes last, so every read above sees the demo as it was imported.
    rec.writes(tmp.path())?;

    let mut files = BTreeMap::new();
    for (cmd, calls) in &rec.calls {
        files.insert(
            format!("{cmd}.json"),
            json!({ "generated": GENERATED, "command": cmd, "calls": calls }),
        );
    }
    files.insert(
        "examples.json".to_owned(),
        json!({ "generated": GENERATED, "examples": rec.examples }),
    );
    let user = coopdesk_app::lifecycle::os_user();
    let tmp_path = tmp.path().display().to_string();
    for v in files.values_mut() {
        normalise(v, &user, &tmp_path);
    }
    let mut texts = BTreeMap::new();
    for (name, v) in files {
        texts.insert(name, serde_json::to_string_pretty(&v)? + "\n");
    }
    Ok(stable_ids(texts))
}

fn failed(what: &str, e: DeskError) -> Failure {
    format!("{what}: {} ({})", e.message, e.code.as_str()).into()
}

struct Recorder {
    desk: Desk,
    calls: BTreeMap<&'static str, Vec<Value>>,
    examples: BTreeMap<&'static str, Value>,
}

impl Recorder {
    /// Records a call that must succeed and returns its answer.
    fn ok<T: Serialize>(
        &mut self,
        cmd: &'static str,
        args: Value,
        answer: Result<T, DeskError>,
    ) -> Result<Value, Failure> {
        let answer = answer.map_err(|e| failed(&format!("{cmd} {args}"), e))?;
        let answer = serde_json::to_value(answer)?;
        self.calls
            .entry(cmd)
            .or_default()
            .push(json!({ "args": args, "answer": answer }));
        Ok(answer)
    }

    fn example<T: Serialize>(
        &mut self,
        name: &'static str,
        answer: Result<T, DeskError>,
    ) -> Result<(), Failure> {
        let v = match answer {
            Ok(a) => json!({ "answer": a }),
            Err(e) => json!({ "error": e }),
        };
        self.examples.insert(name, v);
        Ok(())
    }

    /// One page of the case list, for a query given as the UI sends it.
    fn list(&mut self, extra: Value) -> Result<(), Failure> {
        let mut query = json!({
            "text": "", "status": null, "sort": "updated_desc", "offset": 0, "limit": PAGE_SIZE,
            "overdue_only": false, "open_only": false, "provisional_only": false,
            "level": null, "facility": null, "partner_country": null,
        });
        if let (Some(q), Some(extra)) = (query.as_object_mut(), extra.as_object()) {
            q.extend(extra.clone());
        }
        let page = self
            .desk
            .list_cases(&serde_json::from_value(query.clone())?);
        self.ok("list_cases", json!({ "query": query }), page)?;
        Ok(())
    }

    fn reads(&mut self) -> Result<(), Failure> {
        let info = self.desk.db_info();
        self.ok("db_info", json!({}), info)?;
        self.ok(
            "db_path",
            json!({}),
            Ok::<_, DeskError>(self.desk.path().display().to_string()),
        )?;

        // The start page in both scopes, and the list behind every bar (as DashboardView asks).
        for open in [true, false] {
            let dashboard = self.desk.dashboard(open);
            let d = self.ok("dashboard", json!({ "openOnly": open }), dashboard)?;
            let scope = json!({ "open_only": open });
            self.list(scope.clone())?;
            for key in ["by_level", "by_facility", "by_partner_country"] {
                for bar in d[key].as_array().into_iter().flatten() {
                    let mut q = scope.clone();
                    match key {
                        "by_level" => q["level"] = bar["level"].clone(),
                        "by_facility" => q["facility"] = bar["bucket"].clone(),
                        _ => q["partner_country"] = bar["bucket"].clone(),
                    }
                    self.list(q)?;
                }
            }
            self.list(json!({ "open_only": open, "overdue_only": true }))?;
            self.list(json!({ "open_only": open, "provisional_only": true }))?;
        }
        // The case list: every sort, every status, a few searches, and small pages for the paging test.
        for sort in [
            "updated_asc",
            "title_asc",
            "title_desc",
            "status",
            "start_asc",
        ] {
            self.list(json!({ "sort": sort }))?;
        }
        for status in [
            "draft",
            "in_review",
            "approved",
            "approved_with_conditions",
            "declined",
            "withdrawn",
        ] {
            self.list(json!({ "status": status }))?;
        }
        for text in LIST_SEARCHES {
            self.list(json!({ "text": text }))?;
        }
        for offset in (0..10).step_by(2) {
            self.list(json!({ "offset": offset, "limit": 2 }))?;
        }

        // The editor of every demo case; checklist, screening and history of a few in full.
        let ids: Vec<String> = coopdesk_app::demo::DEMO_CASES
            .iter()
            .enumerate()
            .map(|(i, _)| format!("DEMO-{:02}", i + 1))
            .collect();
        for id in &ids {
            let view = self.desk.get_case(id);
            self.ok("get_case", json!({ "id": id }), view)?;
            let screening = self.desk.screening_for_case(id);
            self.ok("screening_for_case", json!({ "id": id }), screening)?;
        }
        let mut templates = Vec::new();
        for id in FULL_CASES {
            for lang in ["en", "de"] {
                let view = self
                    .desk
                    .assess_case(id, serde_json::from_value(json!(lang))?);
                let v = self.ok("assess_case", json!({ "id": id, "lang": lang }), view)?;
                let template = v["assessment"]["template"].clone();
                if !templates.contains(&template) {
                    templates.push(template);
                }
            }
            let newer = self.desk.newer_template_for(id);
            self.ok("newer_template", json!({ "id": id }), newer)?;
            let history = self.desk.case_history(id);
            self.ok("case_history", json!({ "id": id }), history)?;
        }
        for template in templates {
            let view = self
                .desk
                .get_template(&serde_json::from_value(template.clone())?);
            self.ok("get_template", json!({ "template": template }), view)?;
        }

        for (text, limit) in ORG_SEARCHES {
            let found = self.desk.search_organisations(text, *limit);
            self.ok(
                "search_organisations",
                json!({ "text": text, "limit": limit }),
                found,
            )?;
        }
        for (text, limit) in FACILITY_SEARCHES {
            let found = self.desk.search_facilities(text, *limit);
            self.ok(
                "search_facilities",
                json!({ "text": text, "limit": limit }),
                found,
            )?;
        }
        let snapshots = self.desk.list_snapshots();
        self.ok("list_snapshots", json!({}), snapshots)?;
        Ok(())
    }

    /// Answers to writes, for the UI tests: what the core says, in the shapes it says it.
    fn writes(&mut self, dir: &Path) -> Result<(), Failure> {
        // A save the core refuses: no title, and an end before the start (on a draft: a decided case
        // is refused for being frozen before its fields are read).
        let view = self
            .desk
            .get_case(WRITTEN_CASES[0])
            .map_err(|e| failed("get_case", e))?;
        let mut case = serde_json::to_value(&view.case)?;
        case["title"] = json!("");
        case["start"] = json!("2026-05-01");
        case["end"] = json!("2026-04-01");
        let refused = self.desk.save_case(serde_json::from_value(case)?);
        self.example("save_case.invalid", refused)?;

        // A bundle of two cases, one of which then changes here: importing it conflicts until the
        // user chooses, then replaces or copies.
        let bundle = dir.join("out.bundle.json");
        let ids = WRITTEN_CASES.map(str::to_owned);
        let changed_title = |desk: &Desk, title: &str| -> Result<(), Failure> {
            let mut case = desk
                .get_case(WRITTEN_CASES[0])
                .map_err(|e| failed("get_case", e))?
                .case;
            case.title = title.to_owned();
            desk.save_case(case).map_err(|e| failed("save_case", e))?;
            Ok(())
        };
        self.desk
            .export_bundle(&ids, &bundle)
            .map_err(|e| failed("export_bundle", e))?;
        changed_title(&self.desk, "Changed here after the bundle was written")?;
        let conflict = self.desk.import_bundle(&bundle, None);
        self.example("import_bundle.conflict", conflict)?;
        let replaced = self
            .desk
            .import_bundle(&bundle, serde_json::from_value(json!("replace"))?);
        self.example("import_bundle.replace", replaced)?;
        changed_title(&self.desk, "Changed here again")?;
        let copied = self
            .desk
            .import_bundle(&bundle, serde_json::from_value(json!("copy"))?);
        self.example("import_bundle.copy", copied)?;
        let missing = self
            .desk
            .import_bundle(&dir.join("missing.bundle.json"), None);
        self.example("import_bundle.missing", missing)?;

        // The register wizard: the office register fixture with its one bad row (a preview naming
        // it, and the import refused), and the same register fixed.
        let options = coopdesk_app::api::RegisterOptions::default();
        for (name, preview, import) in [
            (
                "register.xlsx",
                "register_preview.bad",
                Some("register_import.bad"),
            ),
            ("register-fixed.xlsx", "register_preview.fixed", None),
        ] {
            let file = dir.join(name);
            std::fs::copy(register_fixture(name)?, &file)?;
            let answer = self.desk.register_preview(&file, &options);
            self.example(preview, answer)?;
            if let Some(import) = import {
                let answer = self.desk.register_import(&file, &options);
                self.example(import, answer)?;
            }
        }
        Ok(())
    }
}

/// A register fixture of `coopdesk-register`'s tests, found from this crate's folder (this file is
/// compiled into xtask and into coopdesk-app's drift test, which sit at different depths).
fn register_fixture(name: &str) -> Result<std::path::PathBuf, Failure> {
    let rel = Path::new("crates/coopdesk-register/tests/fixtures").join(name);
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join(&rel))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            format!(
                "{} not found above {}",
                rel.display(),
                env!("CARGO_MANIFEST_DIR")
            )
            .into()
        })
}

/// Replaces what differs between machines and runs: the temporary folder, the OS user and the hashes
/// computed over them or over random ids.
fn normalise(v: &mut Value, user: &str, tmp: &str) {
    match v {
        Value::Object(map) => {
            // A case's organisations come in the order of their ids, which are random: sorted by name
            // instead (the window looks them up by id, so their order means nothing to it).
            if let Some(Value::Array(orgs)) = map.get_mut("organisations") {
                orgs.sort_by_key(|o| (o["name"].to_string(), o["name_zh"].to_string()));
            }
            for (key, value) in map.iter_mut() {
                if VOLATILE_HASHES.contains(&key.as_str()) && value.is_string() {
                    *value = json!(HASH_STANDIN);
                } else if USER_FIELDS.contains(&key.as_str()) && value.as_str() == Some(user) {
                    *value = json!(USER_STANDIN);
                } else {
                    normalise(value, user, tmp);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| normalise(i, user, tmp)),
        Value::String(s) if s.contains(tmp) => {
            *s = if s.ends_with("demo.sqlite") {
                DB_STANDIN.to_owned()
            } else {
                s.replace(tmp, "(recorded)")
            };
        }
        _ => {}
    }
}

/// The registry and case ids the desk drew at random (`org-`, `fac-` or `CD-` and twelve Crockford
/// base32 characters), renumbered in the order they first appear across the files.
fn stable_ids(texts: BTreeMap<String, String>) -> BTreeMap<String, String> {
    const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const LEN: usize = 12;
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    let mut next = 0usize;
    let mut out = BTreeMap::new();
    for (name, text) in texts {
        let mut result = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(found) = ["org-", "fac-", "CD-"]
            .iter()
            .filter_map(|p| rest.find(p).map(|at| (at, *p)))
            .min()
        {
            let (at, prefix) = found;
            let start = at + prefix.len();
            let body = rest.get(start..start + LEN);
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            let is_id = body.is_some_and(|b| b.chars().all(|c| ALPHABET.contains(c)))
                && boundary(rest[..at].chars().next_back())
                && boundary(rest.get(start + LEN..).and_then(|r| r.chars().next()));
            if is_id {
                let id = &rest[at..start + LEN];
                let stable = map.entry(id.to_owned()).or_insert_with(|| {
                    next += 1;
                    format!("{prefix}{next:0>12}")
                });
                result.push_str(&rest[..at]);
                result.push_str(stable);
                rest = &rest[start + LEN..];
            } else {
                result.push_str(&rest[..start]);
                rest = &rest[start..];
            }
        }
        result.push_str(rest);
        out.insert(name, result);
    }
    out
}
