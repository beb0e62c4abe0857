//! Benchmark: importing restriction lists and screening against stored snapshots.
//!
//! `cargo bench -p coopdesk-app --bench lists` prints: opening a fresh database (which seeds the bundled
//! snapshot), importing the bundled file as another list, importing a synthetic CSL JSON of 20 000
//! organisations (plus persons, which are skipped) into a database with the demo cases, re-importing it
//! with a few entries changed, building the screeners from the store in a new process, and one name
//! screened against all lists.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use coopdesk_app::Desk;
use coopdesk_app::api::ListFormat;
use coopdesk_app::demo::demo_documents;
use coopdesk_app::screening::BUNDLED_LIST;

const ORGS: usize = 20_000;

const CITIES: [&str; 12] = [
    "Lanzhou",
    "Kunming",
    "Guiyang",
    "Nanchang",
    "Taiyuan",
    "Hohhot",
    "Urumqi",
    "Xining",
    "Nanning",
    "Changchun",
    "Mianyang",
    "Luoyang",
];
const FIELDS: [&str; 12] = [
    "Optoelectronics",
    "Precision Machinery",
    "Marine Acoustics",
    "Polymer Materials",
    "Rare Earth",
    "Microwave Devices",
    "Power Electronics",
    "Remote Sensing",
    "Crystal Growth",
    "Vacuum Technology",
    "Laser Optics",
    "Cryogenics",
];
const KINDS: [&str; 6] = [
    "Technology Co., Ltd.",
    "Research Institute",
    "Industrial Group",
    "Electronics Co., Ltd.",
    "Import and Export Co., Ltd.",
    "Engineering Academy",
];

/// A CSL JSON download with `ORGS` organisations and a person for every tenth; `edition` changes a
/// few entries so that a second file differs from the first.
fn synthetic_csl(edition: usize) -> String {
    let mut out = String::from("{\"results\": [\n");
    for i in 0..ORGS {
        let name = format!(
            "{} {} {} No. {}",
            CITIES[i % CITIES.len()],
            FIELDS[(i / CITIES.len()) % FIELDS.len()],
            KINDS[(i / 7) % KINDS.len()],
            i
        );
        let alias = if edition > 0 && i % 1000 == 0 {
            format!("\"{name} (renamed)\"")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{{\"id\": \"syn-{i}\", \"source\": \"Entity List (EL) - Bureau of Industry and Security\", \"type\": \"Entity\", \"name\": \"{name}\", \"alt_names\": [{alias}], \"addresses\": [{{\"country\": \"CN\"}}], \"federal_register_notice\": \"89 FR {i}\", \"start_date\": \"2024-01-01\"}},"
        );
        if i % 10 == 0 {
            let _ = writeln!(
                out,
                "{{\"id\": \"person-{i}\", \"source\": \"Entity List (EL) - Bureau of Industry and Security\", \"type\": \"Individual\", \"name\": \"Person {i}\"}},"
            );
        }
    }
    out.push_str("{\"id\": \"syn-last\", \"source\": \"Entity List (EL) - Bureau of Industry and Security\", \"type\": \"Entity\", \"name\": \"Harbin Institute of Technology\"}\n]}\n");
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("bench.sqlite");

    let started = Instant::now();
    let desk = Desk::open(&db).unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "open a fresh database (migrate, seed bundled snapshot)   {:>9.1} ms",
        ms(started.elapsed())
    );
    desk.import_documents(&demo_documents().unwrap_or_else(|e| panic!("{e:?}")))
        .unwrap_or_else(|e| panic!("{e:?}"));

    let bundled = dir.path().join("restricted_entities.csv");
    std::fs::write(&bundled, BUNDLED_LIST).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let o = desk
        .import_list(&bundled, ListFormat::Csv, Some("office"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "import the bundled file ({} entries) as a list, 10 cases  {:>9.1} ms",
        o.snapshot.entry_count,
        ms(started.elapsed())
    );

    for edition in 0..2 {
        let file = dir.path().join(format!("csl-{edition}.json"));
        std::fs::write(&file, synthetic_csl(edition)).unwrap_or_else(|e| panic!("{e}"));
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let started = Instant::now();
        let o = desk
            .import_list(&file, ListFormat::Csl, None)
            .unwrap_or_else(|e| panic!("{e:?}"));
        println!(
            "import synthetic CSL #{edition} ({} entries, {} skipped, {:.1} MB; +{} -{} ~{}) {:>9.1} ms",
            o.snapshot.entry_count,
            o.snapshot.skipped,
            size as f64 / 1e6,
            o.snapshot.added,
            o.snapshot.removed,
            o.snapshot.changed,
            ms(started.elapsed())
        );
        let started = Instant::now();
        let again = desk
            .import_list(&file, ListFormat::Csl, None)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(again.already_imported);
        println!(
            "  the same file again (recognised by its SHA-256)         {:>9.1} ms",
            ms(started.elapsed())
        );
    }

    let parse_started = Instant::now();
    let text = synthetic_csl(0);
    let snapshot =
        coopdesk_screen::parse_csl("csl.json", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let parsed = parse_started.elapsed();
    let build_started = Instant::now();
    let screener = coopdesk_screen::Screener::new(snapshot.entries);
    println!(
        "  of which: parse {:.1} ms, build the screener {:.1} ms ({} entries)",
        ms(parsed),
        ms(build_started.elapsed()),
        screener.len()
    );
    drop(desk);

    // A new process: the screeners are built from the stored entries on first use.
    let started = Instant::now();
    let desk = Desk::open(&db).unwrap_or_else(|e| panic!("{e:?}"));
    let opened = started.elapsed();
    let started = Instant::now();
    let first = desk
        .screen_name("Harbin Institute of Technology")
        .unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "open existing database {:.1} ms; first screen_name (load {} lists and build) {:>9.1} ms",
        ms(opened),
        desk.list_snapshots()
            .map(|r| r.iter().filter(|r| r.latest).count())
            .unwrap_or(0),
        ms(started.elapsed())
    );
    assert!(
        first.hits.len() >= 3,
        "bundled, office and CSL: {:?}",
        first.hits.len()
    );

    let names = [
        "Harbin Institute of Technology",
        "哈尔滨工业大学",
        "Kunming Rare Earth Research Institute",
        "Deutsches Elektronen-Synchrotron DESY",
        "Lanzhou Optoelectronics Technology Company Limited No. 12",
    ];
    let mut times = Vec::new();
    for i in 0..200 {
        let started = Instant::now();
        let _ = desk.screen_name(names[i % names.len()]);
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "screen_name against {} lists: median {:.2} ms, p99 {:.2} ms (200 queries)",
        3,
        ms(times[times.len() / 2]),
        ms(times[times.len() * 99 / 100])
    );
    let started = Instant::now();
    let n = desk.assess_all().unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "assess all {n} cases against the three lists              {:>9.1} ms",
        ms(started.elapsed())
    );

    // An import re-assesses every case: with 10 000 cases (the demo cases repeated).
    let demo = demo_documents().unwrap_or_else(|e| panic!("{e:?}"));
    let docs: Vec<_> = (0..CASES)
        .map(|i| {
            let mut d = demo[i % demo.len()].clone();
            d.document.id = Some(format!("B-{i:05}"));
            d
        })
        .collect();
    desk.import_documents(&docs)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let started = Instant::now();
    let n = desk.assess_all().unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "assess all {n} cases (for comparison)                   {:>9.1} ms",
        ms(started.elapsed())
    );
    let file = dir.path().join("csl-2.json");
    std::fs::write(
        &file,
        synthetic_csl(2).replace(
            "Harbin Institute of Technology",
            "Harbin Engineering University",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let o = desk
        .import_list(&file, ListFormat::Csl, None)
        .unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "import synthetic CSL #2 with {} cases (re-assessed {}, {} changed) {:>9.1} ms",
        CASES + 10,
        o.reassessed,
        o.changed_cases.len(),
        ms(started.elapsed())
    );
}

const CASES: usize = 10_000;
