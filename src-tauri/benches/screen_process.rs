//! Benchmark: `coopdesk screen NAME` as a whole process against a database holding a large list.
//!
//! `cargo bench -p coopdesk --bench screen_process` writes a synthetic list of 20 000 organisations in
//! the bundled CSV format (research institutes, universities and companies with Chinese names,
//! former names, English and pinyin aliases, acronyms and parents; a share from other countries),
//! imports it with `coopdesk lists import` into fresh databases, and runs the real binary:
//!
//! - `lists import` of the file into a fresh database (median of 3 processes), and a fresh
//!   database's first process without the import (`lists show`) for comparison;
//! - the database's size with the list;
//! - `screen NAME` for names in English, Chinese, pinyin, with a typo and one that is no hit,
//!   median, minimum and maximum of `--runs` processes each (default 15);
//! - `lists show` on the same database, the part of every process that is not screening.
//!
//! Options after `--`: `--entries N` (default 20 000), `--runs N`, `--keep DIR` (writes the CSV and
//! the database there and keeps them, for timing by hand:
//! `target/release/coopdesk --db DIR/screen.sqlite screen "Harbin Institute of Technology"`).
//! The figures are wall-clock times of whole processes, so they include starting the binary and
//! opening the database; the machine's load shows in them, hence medians.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod process;
use process::{run, summary};

/// Cities with their Chinese names.
const CITIES: [(&str, &str); 32] = [
    ("Lanzhou", "兰州"),
    ("Kunming", "昆明"),
    ("Guiyang", "贵阳"),
    ("Nanchang", "南昌"),
    ("Taiyuan", "太原"),
    ("Shijiazhuang", "石家庄"),
    ("Hohhot", "呼和浩特"),
    ("Urumqi", "乌鲁木齐"),
    ("Xining", "西宁"),
    ("Yinchuan", "银川"),
    ("Nanning", "南宁"),
    ("Haikou", "海口"),
    ("Changchun", "长春"),
    ("Mianyang", "绵阳"),
    ("Baotou", "包头"),
    ("Luoyang", "洛阳"),
    ("Yantai", "烟台"),
    ("Weifang", "潍坊"),
    ("Zibo", "淄博"),
    ("Xuzhou", "徐州"),
    ("Wenzhou", "温州"),
    ("Shaoxing", "绍兴"),
    ("Ganzhou", "赣州"),
    ("Zhuzhou", "株洲"),
    ("Chengdu", "成都"),
    ("Wuhan", "武汉"),
    ("Xi'an", "西安"),
    ("Hefei", "合肥"),
    ("Shenyang", "沈阳"),
    ("Dalian", "大连"),
    ("Tianjin", "天津"),
    ("Nanjing", "南京"),
];

/// Fields with their Chinese names.
const FIELDS: [(&str, &str); 32] = [
    ("Optoelectronics", "光电"),
    ("Precision Machinery", "精密机械"),
    ("Marine Acoustics", "海洋声学"),
    ("Polymer Materials", "高分子材料"),
    ("Rare Earth", "稀土"),
    ("Microwave Devices", "微波器件"),
    ("Power Electronics", "电力电子"),
    ("Remote Sensing", "遥感"),
    ("Crystal Growth", "晶体生长"),
    ("Vacuum Technology", "真空技术"),
    ("Laser Optics", "激光光学"),
    ("Cryogenics", "低温"),
    ("Composite Structures", "复合结构"),
    ("Radar Systems", "雷达系统"),
    ("Semiconductor Packaging", "半导体封装"),
    ("Battery Materials", "电池材料"),
    ("Thermal Engineering", "热工"),
    ("Satellite Navigation", "卫星导航"),
    ("Medical Imaging", "医学影像"),
    ("Geophysics", "地球物理"),
    ("Robotics", "机器人"),
    ("Superconductivity", "超导"),
    ("Nuclear Instruments", "核仪器"),
    ("Quantum Sensing", "量子传感"),
    ("Aerospace Propulsion", "航天推进"),
    ("Infrared Detectors", "红外探测器"),
    ("Integrated Circuits", "集成电路"),
    ("Special Alloys", "特种合金"),
    ("Underwater Vehicles", "水下航行器"),
    ("High Power Lasers", "高功率激光"),
    ("Electronic Warfare", "电子对抗"),
    ("Precision Optics", "精密光学"),
];

/// Kinds of organisation with their Chinese endings.
const KINDS: [(&str, &str); 10] = [
    ("Research Institute", "研究所"),
    ("Technology Co., Ltd.", "科技有限公司"),
    ("Key Laboratory", "重点实验室"),
    ("Engineering Center", "工程中心"),
    ("Institute", "研究院"),
    ("Industrial Group", "工业集团"),
    ("Instruments Co., Ltd.", "仪器有限公司"),
    ("Design Institute", "设计院"),
    ("University", "大学"),
    ("Electronics Co., Ltd.", "电子有限公司"),
];

/// Parts of names of organisations outside China, listed in Latin script only.
const FOREIGN_PREFIXES: [&str; 12] = [
    "JSC",
    "OOO",
    "AO",
    "Shahid",
    "Pars",
    "Novosibirsk",
    "Kazan",
    "Tula",
    "Minsk",
    "Isfahan",
    "Pyongyang",
    "Yekaterinburg",
];
const FOREIGN_WORDS: [&str; 12] = [
    "Optical-Mechanical Plant",
    "Instrument Design Bureau",
    "Aviation Industries",
    "Machine Building Plant",
    "Electronic Industries",
    "Scientific Production Association",
    "Trading Company",
    "Precision Engineering",
    "Radio Plant",
    "Defence Industries Organization",
    "Composite Technologies",
    "Metallurgical Works",
];
const FOREIGN_COUNTRIES: [&str; 6] = ["RU", "RU", "IR", "BY", "KP", "AE"];

const LISTS: [(&str, &str); 4] = [
    ("us_bis_entity_list", "89 FR"),
    ("us_bis_unverified_list", "88 FR"),
    ("us_dod_1260h", "DoD 1260H"),
    ("ca_nro", "NRO 2024"),
];

/// A small deterministic generator, so every run sees the same list.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// One CSV field, quoted.
fn field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Initials of the capitalised words.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect()
}

/// A list of `count` organisations in the bundled CSV format (`restricted_entities.csv`).
fn synthetic_csv(count: usize) -> String {
    let mut rng = Lcg(20_000);
    let mut out = String::from(
        "id,name_en,name_zh,aliases,acronym,parent_id,country,list,list_ref,listed_on,source,notes\n",
    );
    // Every twelfth Chinese entry is a group whose next entries can name it as parent.
    let mut group: Option<usize> = None;
    for i in 0..count {
        let (list, prefix) = LISTS[rng.next(LISTS.len())];
        let year = 2014 + rng.next(12);
        let month = 1 + rng.next(12);
        let day = 1 + rng.next(28);
        let number = 100 + rng.next(900);
        let (name, name_zh, aliases, acronym, parent, country) = if rng.next(8) == 0 {
            let name = format!(
                "{} {} {}",
                FOREIGN_PREFIXES[rng.next(FOREIGN_PREFIXES.len())],
                CITIES[rng.next(CITIES.len())].0.replace("Xi'an", "Volga"),
                FOREIGN_WORDS[rng.next(FOREIGN_WORDS.len())],
            );
            let alias = format!("{name} No. {number}");
            let country = FOREIGN_COUNTRIES[rng.next(FOREIGN_COUNTRIES.len())];
            (
                format!("{name} {number}"),
                String::new(),
                alias,
                String::new(),
                String::new(),
                country,
            )
        } else {
            let (city, city_zh) = CITIES[rng.next(CITIES.len())];
            let (field_en, field_zh) = FIELDS[rng.next(FIELDS.len())];
            let (kind, kind_zh) = KINDS[rng.next(KINDS.len())];
            let name = format!("{city} {field_en} {kind} No. {number}");
            let name_zh = if rng.next(4) == 0 {
                String::new()
            } else {
                format!("{city_zh}{field_zh}第{number}{kind_zh}")
            };
            let mut aliases: Vec<String> = Vec::new();
            if rng.next(3) == 0 {
                let (former, former_zh) = FIELDS[rng.next(FIELDS.len())];
                aliases.push(format!("{city} {former} Laboratory {number}"));
                aliases.push(format!("{city_zh}{former_zh}实验室"));
            }
            if rng.next(5) == 0 {
                // A pinyin alias as lists carry them (Guofang Keji Daxue).
                aliases.push(format!("{city} Keji Yanjiusuo {number}"));
            }
            let acronym = if rng.next(3) == 0 {
                format!("{}{number}", initials(&format!("{city} {field_en} {kind}")))
            } else {
                String::new()
            };
            let parent = match group {
                Some(g) if rng.next(3) == 0 && g < i => format!("syn-{g}"),
                _ => String::new(),
            };
            if i % 12 == 0 {
                group = Some(i);
            }
            (name, name_zh, aliases.join("|"), acronym, parent, "CN")
        };
        let _ = writeln!(
            out,
            "syn-{i},{},{},{},{},{parent},{country},{list},{},{year}-{month:02}-{day:02},{},{}",
            field(&name),
            field(&name_zh),
            field(&aliases),
            field(&acronym),
            field(&format!(
                "{prefix} {} ({year}-{month:02}-{day:02})",
                10_000 + i
            )),
            field("https://example.org/synthetic-list (generated for the benchmark)"),
            field("Synthetic entry; no real organisation."),
        );
    }
    out
}

/// The queries timed: the bundled list's entries and the synthetic list's, in several scripts.
const QUERIES: [&str; 6] = [
    "Harbin Institute of Technology",
    "哈尔滨工业大学",
    "Haerbin Gongye Daxue",
    "Kunming Rare Earth Reserch Institute No. 512",
    "Deutsches Elektronen-Synchrotron DESY",
    "兰州光电第123研究所",
];

fn option(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn size(path: &Path) -> u64 {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let entries: usize = option(&args, "--entries")
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let runs: usize = option(&args, "--runs")
        .and_then(|n| n.parse().ok())
        .unwrap_or(15)
        .max(1);
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let dir = option(&args, "--keep").map_or_else(|| temp.path().to_owned(), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let data = dir.join("data");

    let csv = dir.join("synthetic_list.csv");
    std::fs::write(&csv, synthetic_csv(entries)).unwrap_or_else(|e| panic!("write csv: {e}"));
    let csv_arg = csv.display().to_string();
    let import = [
        "lists",
        "import",
        csv_arg.as_str(),
        "--format",
        "csv",
        "--list",
        "synthetic",
    ];
    println!(
        "coopdesk {} ({} entries, {:.1} MB CSV)",
        PathBuf::from(env!("CARGO_BIN_EXE_coopdesk")).display(),
        entries,
        std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );

    // Fresh databases: the first process creates, migrates and seeds the bundled list.
    let mut fresh = Vec::new();
    let mut imports = Vec::new();
    for n in 0..3 {
        let empty = dir.join(format!("fresh-{n}.sqlite"));
        fresh.push(run(&empty, &data, &["lists", "show"]));
        let db = dir.join(format!("import-{n}.sqlite"));
        imports.push(run(&db, &data, &import));
    }
    println!("fresh database, `lists show`          {}", summary(fresh));
    println!("fresh database, `lists import` (CSV)  {}", summary(imports));

    let db = dir.join("screen.sqlite");
    let empty_size = {
        run(&db, &data, &["lists", "show"]);
        size(&db)
    };
    run(&db, &data, &import);
    let full_size = size(&db);
    println!(
        "database size: {:.1} MB without the list, {:.1} MB with it",
        empty_size as f64 / 1e6,
        full_size as f64 / 1e6
    );

    let show: Vec<Duration> = (0..runs)
        .map(|_| run(&db, &data, &["lists", "show"]))
        .collect();
    println!("`lists show` (open, no screening)     {}", summary(show));
    let mut all = Vec::new();
    for query in QUERIES {
        let times: Vec<Duration> = (0..runs)
            .map(|_| run(&db, &data, &["screen", query]))
            .collect();
        all.extend(times.iter().copied());
        println!("`screen {query:?}`\n    {}", summary(times));
    }
    println!("`screen NAME`, all queries            {}", summary(all));
    if option(&args, "--keep").is_none() {
        drop(temp);
    }
}
