//! Benchmark: import of 10 000 cases, then case-list and dashboard queries on them, and a sign-off.
//!
//! Prints the median and worst of repeated runs. Run with `cargo bench -p coopdesk-store`; targets
//! (issue 3): import of 10 000 cases ≤ 1 s, one case-list page ≤ 30 ms; the dashboard (issue 8), read
//! once per visit of the start page, within the same 30 ms, and each of its bars as a list filter like
//! any other page of the list.
//!
//! The same suite runs on a team database (issue 18: a case-list page of 10 000 cases over a local
//! socket ≤ 50 ms) when built with the `team` feature and `COOPDESK_BENCH_PG` names a server, e.g.
//! `pg_virtualenv -- env COOPDESK_BENCH_PG=1 cargo bench -p coopdesk-store --features team`: each run
//! then gets a fresh database on the server of the `PG*` variables (`tests/common::team_store`).

use std::time::{Duration, Instant};

use chrono::Utc;
use coopdesk_core::Level;
use coopdesk_core::TemplateRef;
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{
    Bucket, CaseQuery, CaseSort, IdKind, LevelGroup, NamedDocument, RecordedAssessment, Store,
};

// The tests' helpers: a team database per path (`common::team_store`).
#[allow(clippy::expect_used)]
#[path = "../tests/common/mod.rs"]
mod common;

const N: usize = 10_000;

fn documents() -> Vec<NamedDocument> {
    let partners = [
        (
            "Institute of High Energy Physics",
            "中国科学院高能物理研究所",
            "CN",
        ),
        (
            "University of Science and Technology of China",
            "中国科学技术大学",
            "CN",
        ),
        (
            "Shanghai Advanced Research Institute",
            "中国科学院上海高等研究院",
            "CN",
        ),
        ("Tsinghua University", "清华大学", "CN"),
        ("Peking University", "北京大学", "CN"),
        ("University of Tokyo", "東京大学", "JP"),
        ("Moscow State University", "莫斯科国立大学", "RU"),
    ];
    // Twelve facilities, so the dashboard's facility chart has its "others" bar.
    let facilities = [
        "PETRA III",
        "FLASH",
        "European XFEL",
        "BESSY II",
        "MLZ",
        "ESRF",
        "ILL",
        "ISIS",
        "SLS",
        "MAX IV",
        "ALBA",
        "DIAMOND",
    ];
    (0..N)
        .map(|i| {
            // A few hundred distinct organisations, so registry matching does real work.
            let (name, zh, country) = partners[i % partners.len()];
            let group = i % 97;
            let facility = facilities[i % facilities.len()];
            // One case in five has an action plan, half of it overdue.
            let actions = if i % 5 == 0 {
                r#"{"id":"act-1","title":"End-use statement","due":"2001-02-03","status":"open"},
                   {"id":"act-2","title":"Technology control plan","due":"2999-01-01","status":"open"}"#
            } else {
                ""
            };
            let json = format!(
                r#"{{"format":"coopdesk.case/v1","title":"Beamtime proposal {i} on ultrafast dynamics",
                "summary":"Planned experiment number {i}.","status":"{}",
                "facility":{{"name":"{facility}","country":"DE","kind":"synchrotron"}},
                "partners":[{{"name":"{name} group {group}","name_zh":"{zh}{group}组","country":"{country}","role":"user"}}],
                "activities":["beamtime","joint_publication"],
                "data":[{{"description":"raw frames","kind":"raw","generated_in":"DE","stored_in":"DE","partner_access":"copy"}}],
                "start":"2027-01-01","end":"2027-06-30","actions":[{actions}]}}"#,
                ["in_review", "draft", "draft", "approved_with_conditions", "approved", "declined"][i % 6]
            );
            let document = read_case_document("bench", json.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
            NamedDocument { file: format!("case-{i}.case.json"), document }
        })
        .collect()
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "{what:<52} median {:>9.2} ms   worst {:>9.2} ms   ({} runs)",
        ms(median),
        ms(worst),
        times.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let docs = documents();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    println!("== SQLite file");
    suite(&docs, "file DB", &mut |run| {
        let path = dir.path().join(format!("bench-{run}.sqlite"));
        Store::open(&path, Utc::now()).unwrap_or_else(|e| panic!("{e}"))
    });
    #[cfg(feature = "team")]
    if std::env::var_os("COOPDESK_BENCH_PG").is_some() {
        println!("== PostgreSQL (team database, local socket)");
        suite(&docs, "team DB", &mut |run| {
            common::team_store(&dir.path().join(format!("bench-team-{run}")))
        });
    }
}

fn suite(docs: &[NamedDocument], label: &str, open: &mut dyn FnMut(usize) -> Store) {
    let mut import_times = Vec::new();
    let mut last = None;
    for run in 0..3 {
        let mut store = open(run);
        let mut n = 0u64;
        let mut next = |k: IdKind| {
            n += 1;
            format!("{k:?}-{n}")
        };
        let t = Instant::now();
        let ids = store
            .import_documents(docs, &mut next, Utc::now())
            .unwrap_or_else(|e| panic!("{e}"));
        import_times.push(t.elapsed());
        assert_eq!(ids.len(), N);
        last = Some(store);
    }
    report(
        &format!("import 10 000 cases (one transaction, {label})"),
        import_times,
    );

    let mut store = last.unwrap_or_else(|| panic!("no store"));
    // Cached overall levels, as assessing every case would leave them (one in ten never assessed).
    let template = TemplateRef {
        id: "bench".into(),
        version: "1".into(),
    };
    let ids = store.case_ids().unwrap_or_else(|e| panic!("{e}"));
    let levels = [
        Level::Low,
        Level::Medium,
        Level::Medium,
        Level::High,
        Level::Critical,
    ];
    let rows: Vec<RecordedAssessment<'_>> = ids
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 10 != 0)
        .map(|(i, id)| RecordedAssessment {
            case_id: id.as_str(),
            template: &template,
            overall: levels[i % levels.len()],
            open_key_questions: (i % 4) as u32,
        })
        .collect();
    store
        .record_assessments(&rows)
        .unwrap_or_else(|e| panic!("{e}"));
    for open_only in [true, false] {
        let mut times = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let d = store.dashboard(open_only).unwrap_or_else(|e| panic!("{e}"));
            times.push(t.elapsed());
            std::hint::black_box(d);
        }
        let which = if open_only { "open cases" } else { "all cases" };
        report(&format!("dashboard, {which}"), times);
    }
    let d = store.dashboard(true).unwrap_or_else(|e| panic!("{e}"));
    let others = d
        .by_facility
        .iter()
        .find(|b| matches!(b.bucket, Bucket::OtherThan(_)))
        .map(|b| b.bucket.clone());
    let queries = [
        (
            "first page, newest first",
            CaseQuery {
                limit: 200,
                ..Default::default()
            },
        ),
        (
            "page 40 of 50, title order",
            CaseQuery {
                limit: 200,
                offset: 8_000,
                sort: CaseSort::TitleAsc,
                ..Default::default()
            },
        ),
        (
            "search Chinese substring 高能",
            CaseQuery {
                text: "高能".into(),
                limit: 200,
                ..Default::default()
            },
        ),
        (
            "search two words, status filter",
            CaseQuery {
                text: "ultrafast 4711".into(),
                status: Some(coopdesk_core::CaseStatus::Draft),
                limit: 200,
                ..Default::default()
            },
        ),
        (
            "search with no match",
            CaseQuery {
                text: "zzzz".into(),
                limit: 200,
                ..Default::default()
            },
        ),
        (
            "dashboard bar: open, level critical",
            CaseQuery {
                open_only: true,
                level: Some(LevelGroup::Critical),
                limit: 200,
                ..Default::default()
            },
        ),
        (
            "dashboard bar: open, partner country JP",
            CaseQuery {
                open_only: true,
                partner_country: Some(Bucket::Is("JP".into())),
                limit: 200,
                ..Default::default()
            },
        ),
        (
            "dashboard bar: open, other facilities",
            CaseQuery {
                open_only: true,
                facility: others,
                limit: 200,
                ..Default::default()
            },
        ),
        (
            "dashboard bar: open, overdue",
            CaseQuery {
                open_only: true,
                overdue_only: true,
                limit: 200,
                ..Default::default()
            },
        ),
    ];
    for (what, q) in queries {
        let mut times = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let page = store.list_cases(&q).unwrap_or_else(|e| panic!("{e}"));
            times.push(t.elapsed());
            std::hint::black_box(page);
        }
        report(&format!("list: {what}"), times);
    }

    // A sign-off: the decision step, its revision and audit entries, the frozen assessment and a
    // 100 KB approved briefing, in one transaction (the briefing's rendering is not measured here).
    let in_review: Vec<String> = store
        .list_cases(&CaseQuery {
            status: Some(coopdesk_core::CaseStatus::InReview),
            limit: 30,
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    let input = coopdesk_core::lifecycle::TransitionInput {
        by: "A. Director".into(),
        role: Some("Director".into()),
        ..Default::default()
    };
    let assessment = serde_json::json!({"overall": "medium"});
    let mut times = Vec::new();
    for id in &in_review {
        let seen = store.case(id).unwrap_or_else(|e| panic!("{e}"));
        let t = Instant::now();
        store
            .decide::<coopdesk_store::Error>(
                id,
                coopdesk_core::CaseStatus::Approved,
                &input,
                &seen,
                &assessment,
                Utc::now(),
                |_| {
                    Ok(coopdesk_store::ApprovedBriefing {
                        pdf: vec![b'%'; 100_000],
                        lang: "en".into(),
                    })
                },
            )
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        times.push(t.elapsed());
    }
    report("sign-off (decision with a 100 KB briefing)", times);
}
