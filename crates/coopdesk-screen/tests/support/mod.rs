//! Test data shared by the integration tests and the benchmark: the bundled snapshot and the
//! labelled query set.
#![allow(dead_code)]

use std::path::PathBuf;

use coopdesk_screen::{ListEntry, Screener, parse_csv};

/// The crate directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled snapshot, `assets/reference/restricted_entities.csv`.
pub fn bundled_entries() -> Vec<ListEntry> {
    let path = crate_dir().join("../../assets/reference/restricted_entities.csv");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_csv("restricted_entities.csv", &bytes)
        .unwrap_or_else(|e| panic!("the bundled snapshot must parse: {e}"))
        .entries
}

/// One labelled query: the name and the entity id it must hit, or `None` when it must not hit.
pub struct Labelled {
    pub query: String,
    pub expected: Option<String>,
}

/// `tests/labelled.tsv`.
pub fn labelled() -> Vec<Labelled> {
    let path = crate_dir().join("tests/labelled.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (query, expected) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in {l:?}"));
            Labelled {
                query: query.to_owned(),
                expected: (expected.trim() != "-").then(|| expected.trim().to_owned()),
            }
        })
        .collect()
}

/// Recall, false-hit rate and the queries that went wrong.
pub struct Figures {
    pub recall: f64,
    pub false_hit_rate: f64,
    pub misses: Vec<String>,
    pub false_hits: Vec<String>,
}

/// Runs every labelled query; a listed query counts as found when its entity is among the hits.
pub fn evaluate(screener: &Screener, set: &[Labelled]) -> Figures {
    let (mut listed, mut found, mut clean, mut false_hits) = (0usize, 0usize, 0usize, Vec::new());
    let mut misses = Vec::new();
    for item in set {
        let hits = screener.screen(&item.query);
        match &item.expected {
            Some(id) => {
                listed += 1;
                if hits.iter().any(|h| &h.entity == id) {
                    found += 1;
                } else {
                    let got: Vec<String> = hits
                        .iter()
                        .map(|h| format!("{} {:.2}", h.entity, h.score))
                        .collect();
                    misses.push(format!("{} → expected {id}, got {got:?}", item.query));
                }
            }
            None => {
                clean += 1;
                if let Some(h) = hits.first() {
                    false_hits.push(format!(
                        "{} → {} {:.2} ({}: {})",
                        item.query, h.entity, h.score, h.matched, h.why
                    ));
                }
            }
        }
    }
    Figures {
        recall: found as f64 / listed.max(1) as f64,
        false_hit_rate: false_hits.len() as f64 / clean.max(1) as f64,
        misses,
        false_hits,
    }
}

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
pub struct Lcg(u64);

impl Lcg {
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// `count` synthetic, realistic research organisations (cities × fields × kinds, in English and
/// Chinese, with aliases and acronyms), the same on every run.
pub fn synthetic(count: usize) -> Vec<ListEntry> {
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
