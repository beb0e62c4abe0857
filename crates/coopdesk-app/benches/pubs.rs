//! Benchmark: the co-publication check of 5 000 works (`coopdesk pubs check`).
//!
//! `cargo bench -p coopdesk-app --bench pubs` writes a synthetic partner publication list — 2 500
//! works as an OpenAlex results page and 2 500 as Web of Science RIS, four authors each, affiliations
//! drawn from 600 institutions (Chinese universities and institutes, some of them listed, European
//! ones) and ten departments, written as each export writes them — and times: reading the files
//! alone, the whole check against the bundled list (first in the process, which loads the screener,
//! and again), and the whole check once a 20 000-entry list is stored as well.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use coopdesk_app::Desk;
use coopdesk_app::api::ListFormat;

const WORKS: usize = 5_000;
const INSTITUTIONS: usize = 600;

const CITIES: [&str; 10] = [
    "Lanzhou",
    "Kunming",
    "Guiyang",
    "Nanchang",
    "Taiyuan",
    "Hefei",
    "Xiamen",
    "Changchun",
    "Mianyang",
    "Luoyang",
];
const KINDS: [(&str, &str); 6] = [
    ("University of Technology", "Univ Technol"),
    (
        "Institute of Optics and Fine Mechanics",
        "Inst Opt & Fine Mech",
    ),
    ("Normal University", "Normal Univ"),
    ("Institute of Applied Physics", "Inst Appl Phys"),
    ("Research Institute of Materials", "Res Inst Mat"),
    ("University of Science and Technology", "Univ Sci & Technol"),
];
const EUROPEAN: [(&str, &str); 4] = [
    (
        "Helmholtz-Zentrum Dresden-Rossendorf",
        "Helmholtz Zentrum Dresden Rossendorf",
    ),
    (
        "Deutsches Elektronen-Synchrotron DESY",
        "Deutsch Elektronen Synchrotron DESY",
    ),
    ("Universität Hamburg", "Univ Hamburg"),
    ("European XFEL", "European XFEL GmbH"),
];
/// Listed universities as OpenAlex and Web of Science write them.
const LISTED: [(&str, &str); 4] = [
    ("Harbin Institute of Technology", "Harbin Inst Technol"),
    ("Beihang University", "Beihang Univ"),
    (
        "National University of Defense Technology",
        "Natl Univ Def Technol",
    ),
    (
        "Northwestern Polytechnical University",
        "Northwestern Polytech Univ",
    ),
];
const DEPARTMENTS: [(&str, &str); 10] = [
    ("School of Physics", "Sch Phys"),
    ("School of Materials Science", "Sch Mat Sci"),
    (
        "College of Optoelectronic Engineering",
        "Coll Optoelect Engn",
    ),
    ("Department of Chemistry", "Dept Chem"),
    (
        "State Key Laboratory of Laser Technology",
        "State Key Lab Laser Technol",
    ),
    ("School of Mechanical Engineering", "Sch Mech Engn"),
    ("Institute of Plasma Physics", "Inst Plasma Phys"),
    ("Department of Engineering Physics", "Dept Engn Phys"),
    ("Center for Neutron Science", "Ctr Neutron Sci"),
    ("School of Electronic Information", "Sch Elect Informat"),
];

/// The institution of author `a` of work `w`: (full name, Web of Science form, country).
fn institution(w: usize, a: usize) -> (String, String, &'static str) {
    let i = (w * 7 + a * 131) % INSTITUTIONS;
    if i.is_multiple_of(50) {
        let (full, wos) = LISTED[(i / 50) % LISTED.len()];
        return (full.to_owned(), wos.to_owned(), "CN");
    }
    if i.is_multiple_of(5) {
        let (full, wos) = EUROPEAN[i % EUROPEAN.len()];
        return (full.to_owned(), wos.to_owned(), "DE");
    }
    let city = CITIES[i % CITIES.len()];
    let (full, wos) = KINDS[(i / CITIES.len()) % KINDS.len()];
    let n = i / (CITIES.len() * KINDS.len());
    (
        format!("{city} {full} No. {n}"),
        format!("{city} {wos} No {n}"),
        "CN",
    )
}

fn openalex(from: usize, to: usize) -> String {
    let mut out = String::from("{\"meta\": {\"count\": 2500, \"page\": 1}, \"results\": [\n");
    for w in from..to {
        let mut authorships = Vec::new();
        for a in 0..4 {
            let (full, _, country) = institution(w, a);
            let (dept, _) = DEPARTMENTS[(w + a) % DEPARTMENTS.len()];
            authorships.push(format!(
                "{{\"author\": {{\"display_name\": \"Author {w}-{a}\"}}, \"institutions\": [{{\"display_name\": \"{full}\", \"country_code\": \"{country}\"}}], \"raw_affiliation_strings\": [\"{dept}, {full}, 410073, China\"]}}"
            ));
        }
        let _ = writeln!(
            out,
            "{{\"id\": \"https://openalex.org/W{w}\", \"doi\": \"https://doi.org/10.5555/bench.{w}\", \"title\": \"Work {w}\", \"publication_year\": {}, \"authorships\": [{}]}}{}",
            2015 + w % 10,
            authorships.join(", "),
            if w + 1 == to { "" } else { "," }
        );
    }
    out.push_str("]}\n");
    out
}

fn ris(from: usize, to: usize) -> String {
    let mut out = String::new();
    for w in from..to {
        let _ = writeln!(out, "TY  - JOUR");
        for a in 0..4 {
            let _ = writeln!(out, "AU  - Author{w}, A{a}");
        }
        let _ = writeln!(out, "TI  - Work {w}\nPY  - {}", 2015 + w % 10);
        for a in 0..4 {
            let (_, wos, _) = institution(w, a);
            let (_, dept) = DEPARTMENTS[(w + a) % DEPARTMENTS.len()];
            let _ = writeln!(
                out,
                "C1  - [Author{w}, A{a}] {wos}, {dept}, Changsha 410073, Peoples R China."
            );
        }
        let _ = writeln!(out, "DO  - 10.5555/bench.{w}\nAN  - WOS:{w:015}\nER  - \n");
    }
    out
}

/// An office list in the bundled CSV format with `n` organisations.
fn office_list(n: usize) -> String {
    let mut out = String::from(
        "id,name_en,name_zh,aliases,acronym,parent_id,country,list,list_ref,listed_on,source,notes\n",
    );
    for i in 0..n {
        let city = CITIES[i % CITIES.len()];
        let _ = writeln!(
            out,
            "syn-{i},{city} Precision Machinery Research Institute No. {i},,,,,CN,us_bis_entity_list,,2024-01-01,synthetic,"
        );
    }
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files = [dir.path().join("openalex.json"), dir.path().join("wos.ris")];
    std::fs::write(&files[0], openalex(0, WORKS / 2)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&files[1], ris(WORKS / 2, WORKS)).unwrap_or_else(|e| panic!("{e}"));
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();

    let started = Instant::now();
    let mut read = 0;
    for f in &files {
        let b = std::fs::read(f).unwrap_or_else(|e| panic!("{e}"));
        read += coopdesk_pubs::read(&f.display().to_string(), &b, None)
            .unwrap_or_else(|e| panic!("{e}"))
            .1
            .len();
    }
    println!(
        "read {read} works ({:.1} MB: OpenAlex JSON + Web of Science RIS)      {:>9.1} ms",
        bytes as f64 / 1e6,
        ms(started.elapsed())
    );

    let db = dir.path().join("bench.sqlite");
    let desk = Desk::open(&db).unwrap_or_else(|e| panic!("{e:?}"));
    let case = dir.path().join("c.case.json");
    std::fs::write(
        &case,
        r#"{"format": "coopdesk.case/v1", "id": "BENCH-1", "title": "Bench", "partners": [{"name": "Helmholtz-Zentrum Dresden-Rossendorf", "country": "DE", "role": "lead"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    desk.import_files(&[case])
        .unwrap_or_else(|e| panic!("{e:?}"));

    for round in ["first in the process", "again"] {
        let started = Instant::now();
        let r = desk
            .check_publications("BENCH-1", &files)
            .unwrap_or_else(|e| panic!("{e:?}"));
        println!(
            "check {} works, {} affiliations, bundled list ({round}) {:>9.1} ms  ({} co-authorships)",
            r.works,
            r.affiliations,
            ms(started.elapsed()),
            r.coauthorships.len()
        );
    }

    let list = dir.path().join("office.csv");
    std::fs::write(&list, office_list(20_000)).unwrap_or_else(|e| panic!("{e}"));
    desk.import_list(&list, ListFormat::Csv, Some("office"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let started = Instant::now();
    let r = desk
        .check_publications("BENCH-1", &files)
        .unwrap_or_else(|e| panic!("{e:?}"));
    println!(
        "check {} works against bundled + 20 000-entry office list      {:>9.1} ms  ({} co-authorships)",
        r.works,
        ms(started.elapsed()),
        r.coauthorships.len()
    );
}
