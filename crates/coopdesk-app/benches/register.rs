//! Benchmark: importing an office register of 2 000 rows.
//!
//! `cargo bench -p coopdesk-app --bench register` writes an .xlsx register in the layout of the
//! test fixture (title row, two-row merged header, German headers, serial dates, two or three
//! partners per cell with countries in brackets, some in Chinese characters, facilities by name,
//! short name and initials) and prints: the file size; reading it alone (`read_workbook` +
//! `read_register`: cells, header, mapping, partners, dates); `Desk::register_preview` (that plus
//! facility resolution and organisation look-ups); and `Desk::register_import` into a fresh
//! database (all of that, then one transaction through the case importer, screening and assessing
//! every new case). Each figure is the best of a few runs.

use std::time::{Duration, Instant};

use coopdesk_app::Desk;
use coopdesk_app::api::RegisterOptions;
use coopdesk_register::{ReadOptions, read_register, read_workbook};

const ROWS: u32 = 2_000;

const PARTNERS: [&str; 12] = [
    "Tsinghua University (CN)",
    "Peking University (China)",
    "Fudan University (VR China)",
    "Institute of High Energy Physics (IHEP) (CN)",
    "上海光学精密机械研究所 (CN)",
    "中国科学院物理研究所 (CN)",
    "University of Tokyo (Japan)",
    "Haldor Topsøe A/S (DK)",
    "Korea University (Südkorea)",
    "Zhejiang University (CN)",
    "Harbin Institute of Technology (CN)",
    "Nanjing University 南京大学 (CN)",
];
const FACILITIES: [&str; 6] = [
    "HEPS",
    "PETRA III",
    "European XFEL",
    "CSNS",
    "Dresden High Magnetic Field Laboratory (HLD)",
    "Shanghai Synchrotron Radiation Facility",
];
const STATUS: [&str; 4] = ["geplant", "in Prüfung", "genehmigt", "in Vorbereitung"];
const ACTIVITY: [&str; 4] = [
    "Strahlzeit",
    "Gastaufenthalt; Datenaustausch",
    "Workshop",
    "Messzeit",
];

fn register_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| -> ! { panic!("xlsx: {e}") };
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("Register").unwrap_or_else(|e| fail(e));
    ws.merge_range(0, 0, 0, 10, "Kooperationsregister", &bold)
        .unwrap_or_else(|e| fail(e));
    for (col, h) in [
        (0u16, "Lfd. Nr."),
        (1, "Vorhaben"),
        (4, "Großgerät"),
        (7, "Status"),
        (8, "Ansprechperson"),
        (9, "Förderung"),
        (10, "Art der Aktivität"),
    ] {
        ws.merge_range(2, col, 3, col, h, &bold)
            .unwrap_or_else(|e| fail(e));
    }
    ws.merge_range(2, 2, 2, 3, "Partner", &bold)
        .unwrap_or_else(|e| fail(e));
    ws.merge_range(2, 5, 2, 6, "Laufzeit", &bold)
        .unwrap_or_else(|e| fail(e));
    for (col, h) in [
        (2u16, "Institution(en)"),
        (3, "Land"),
        (5, "Beginn"),
        (6, "Ende"),
    ] {
        ws.write_string(3, col, h).unwrap_or_else(|e| fail(e));
    }
    for i in 0..ROWS {
        let row = 4 + i;
        let n = i as usize;
        let partners = (0..2 + n % 2)
            .map(|k| PARTNERS[(n * 7 + k * 5) % PARTNERS.len()])
            .collect::<Vec<_>>()
            .join("; ");
        ws.write_number(row, 0, i + 1).unwrap_or_else(|e| fail(e));
        ws.write_string(row, 1, format!("Kooperation {} – Messkampagne", i + 1))
            .unwrap_or_else(|e| fail(e));
        ws.write_string(row, 2, partners)
            .unwrap_or_else(|e| fail(e));
        ws.write_string(row, 4, FACILITIES[n % FACILITIES.len()])
            .unwrap_or_else(|e| fail(e));
        let start = 45_000.0 + f64::from(i % 900);
        ws.write_number_with_format(row, 5, start, &date)
            .unwrap_or_else(|e| fail(e));
        ws.write_string(row, 6, format!("{:02}.{:02}.2027", 1 + n % 28, 1 + n % 12))
            .unwrap_or_else(|e| fail(e));
        ws.write_string(row, 7, STATUS[n % STATUS.len()])
            .unwrap_or_else(|e| fail(e));
        ws.write_string(row, 8, "Dr. Anna Weber")
            .unwrap_or_else(|e| fail(e));
        ws.write_string(row, 9, "DFG").unwrap_or_else(|e| fail(e));
        ws.write_string(row, 10, ACTIVITY[n % ACTIVITY.len()])
            .unwrap_or_else(|e| fail(e));
    }
    wb.save_to_buffer().unwrap_or_else(|e| fail(e))
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut fastest = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        fastest = fastest.min(t.elapsed());
        last = Some(out);
    }
    (fastest, last.unwrap_or_else(|| panic!("at least one run")))
}

/// Like [`best`], for runs that time only part of their work (the database is opened untimed).
fn best_timed<T>(runs: usize, mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    let mut fastest = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let (t, out) = f();
        fastest = fastest.min(t);
        last = Some(out);
    }
    (fastest, last.unwrap_or_else(|| panic!("at least one run")))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let bytes = register_xlsx();
    let path = dir.path().join("register.xlsx");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("write: {e}"));
    println!("register of {ROWS} rows: {} kB .xlsx", bytes.len() / 1024);

    let (t, drafts) = best(5, || {
        let wb = read_workbook("register.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
        let reg = read_register(&wb, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(reg.problems.is_empty(), "{:?}", reg.problems.first());
        reg.drafts.len()
    });
    println!(
        "read the sheet into {drafts} case drafts:          {}",
        ms(t)
    );

    let options = RegisterOptions::default();
    let (t, cases) = best_timed(3, || {
        let db = dir.path().join(format!("preview-{}.sqlite", uuid_like()));
        let desk = Desk::open(&db).unwrap_or_else(|e| panic!("{e:?}"));
        let t = Instant::now();
        let p = desk
            .register_preview(&path, &options)
            .unwrap_or_else(|e| panic!("{e:?}"));
        (t.elapsed(), p.cases.len())
    });
    println!("preview ({cases} cases, facilities resolved):   {}", ms(t));

    let (t, imported) = best_timed(3, || {
        let db = dir.path().join(format!("import-{}.sqlite", uuid_like()));
        let desk = Desk::open(&db).unwrap_or_else(|e| panic!("{e:?}"));
        let t = Instant::now();
        let o = desk
            .register_import(&path, &options)
            .unwrap_or_else(|e| panic!("{e:?}"));
        (t.elapsed(), o.imported.len())
    });
    println!(
        "import ({imported} cases: one transaction, screened, assessed): {}",
        ms(t)
    );
}

/// A name no other run of this process uses.
fn uuid_like() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}
