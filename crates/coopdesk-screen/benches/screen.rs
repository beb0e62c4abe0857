//! One name against 100 000 entries: build time, time per query, and the labelled set's figures.
//!
//! `cargo bench -p coopdesk-screen --bench screen` prints our figures. With `-- --export DIR` it also
//! writes the same 100 000 entries and the labelled queries, normalised by this crate, for
//! `bench/baseline.py` (Python rapidfuzz), which prints its figures in the same format.
//!
//! The entries are the bundled snapshot plus synthetic, realistic research organisations (cities ×
//! fields × kinds, in English and Chinese, with aliases and acronyms), generated deterministically.

#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::time::Instant;

use coopdesk_screen::{ListEntry, Screener, normalize};

const ENTRIES: usize = 100_000;

const CITIES: [(&str, &str); 24] = [
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
];
const FIELDS: [(&str, &str); 24] = [
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
];
const KINDS: [(&str, &str); 8] = [
    ("Research Institute", "研究所"),
    ("Technology Co., Ltd.", "科技有限公司"),
    ("Key Laboratory", "重点实验室"),
    ("Engineering Center", "工程中心"),
    ("Institute", "研究院"),
    ("Industrial Group", "工业集团"),
    ("Instruments Co., Ltd.", "仪器有限公司"),
    ("Design Institute", "设计院"),
];

/// A small deterministic generator, so every run (and the Python baseline) sees the same entries.
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

fn synthetic(count: usize) -> Vec<ListEntry> {
    let mut rng = Lcg(42);
    (0..count)
        .map(|i| {
            let (city, city_zh) = CITIES[rng.next(CITIES.len())];
            let (field, field_zh) = FIELDS[rng.next(FIELDS.len())];
            let (field2, _) = FIELDS[rng.next(FIELDS.len())];
            let (kind, kind_zh) = KINDS[rng.next(KINDS.len())];
            let number = rng.next(900) + 100;
            let name = format!("{city} {field} {kind} No. {number}");
            let mut entry = ListEntry::new(format!("syn-{i}"), name, "synthetic_list");
            if rng.next(2) == 0 {
                entry.name_zh = Some(format!("{city_zh}{field_zh}第{number}{kind_zh}"));
            }
            if rng.next(3) == 0 {
                entry
                    .aliases
                    .push(format!("{city} {field2} Laboratory {number}"));
            }
            if rng.next(4) == 0 {
                let initials: String = format!("{city} {field} {kind}")
                    .split_whitespace()
                    .filter_map(|w| w.chars().next())
                    .filter(char::is_ascii_uppercase)
                    .collect();
                entry.acronym = Some(format!("{initials}{number}"));
            }
            entry.country = Some("CN".to_owned());
            entry
        })
        .collect()
}

fn export(dir: &str, entries: &[ListEntry], set: &[support::Labelled]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut names = String::from("entity\tnormalised\n");
    for e in entries {
        let all = std::iter::once(&e.name)
            .chain(e.name_zh.iter())
            .chain(e.aliases.iter())
            .chain(e.acronym.iter());
        for n in all {
            let _ = writeln!(names, "{}\t{}", e.id, normalize(n));
        }
    }
    std::fs::write(format!("{dir}/names.tsv"), names)?;
    let mut queries = String::from("query\texpected\tnormalised\n");
    for q in set {
        let _ = writeln!(
            queries,
            "{}\t{}\t{}",
            q.query,
            q.expected.as_deref().unwrap_or("-"),
            normalize(&q.query)
        );
    }
    std::fs::write(format!("{dir}/queries.tsv"), queries)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let export_dir = args
        .iter()
        .position(|a| a == "--export")
        .and_then(|i| args.get(i + 1));

    let mut entries = support::bundled_entries();
    let bundled = entries.len();
    entries.extend(synthetic(ENTRIES - bundled));
    let set = support::labelled();
    if let Some(dir) = export_dir {
        if let Err(e) = export(dir, &entries, &set) {
            eprintln!("export to {dir}: {e}");
            std::process::exit(1);
        }
        println!(
            "exported {} entries and {} queries to {dir}",
            entries.len(),
            set.len()
        );
    }

    let started = Instant::now();
    let screener = Screener::new(entries);
    let build = started.elapsed();

    // Warm-up, then timed passes over every labelled query.
    let _ = support::evaluate(&screener, &set);
    let mut times: Vec<f64> = Vec::new();
    for _ in 0..5 {
        for q in &set {
            let t = Instant::now();
            let hits = screener.screen(&q.query);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(hits);
        }
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    let max = times[times.len() - 1];
    let figures = support::evaluate(&screener, &set);

    println!(
        "coopdesk-screen: {} entries, index built in {:.2} s",
        screener.entries().len(),
        build.as_secs_f64()
    );
    println!(
        "coopdesk-screen: recall {:.3}  false-hit rate {:.3}  ms/query mean {:.3}  p99 {:.3}  max {:.3}",
        figures.recall, figures.false_hit_rate, mean, p99, max
    );
    for miss in &figures.misses {
        println!("  miss: {miss}");
    }
    for hit in &figures.false_hits {
        println!("  false hit: {hit}");
    }
}
