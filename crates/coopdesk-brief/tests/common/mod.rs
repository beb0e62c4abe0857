//! Fixtures for the briefing tests and the benchmark: the demo cases read with the strict interchange
//! reader, resolved into the case model the app stores, screened against the bundled list by exact
//! name, and assessed with the built-in template; plus a very long synthetic case.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use coopdesk_assess::builtin::builtin_template;
use coopdesk_assess::engine::{ActionStatus, LevelOverride};
use coopdesk_assess::{
    Assessment, AssessmentInput, CaseContext, Lang, ScreeningFinding, Template, Topic, assess,
};
use coopdesk_brief::{
    ActionLine, BriefingInput, PartnerLine, ScreeningLine, ScreeningOutcome, SignOff,
};
use coopdesk_core::interchange::read_case_document;
use coopdesk_core::{Case, CaseDocument, CasePartner, CaseStatus, Facility, Organisation};

/// Everything a briefing borrows, owned.
pub struct Fixture {
    pub case: Case,
    pub facility: Option<Facility>,
    pub template: Template,
    pub assessment: Assessment,
    pub partners: Vec<PartnerLine>,
    pub screening: Vec<ScreeningLine>,
    pub coauthorships: Vec<coopdesk_assess::CoauthorshipFinding>,
    pub actions: Vec<ActionLine>,
    pub sign_off: Option<SignOff>,
}

impl Fixture {
    pub fn input(&self, lang: Lang) -> BriefingInput<'_> {
        BriefingInput {
            institution: self
                .case
                .home
                .as_ref()
                .map_or("Test institute".into(), |h| h.institution.clone()),
            generated_on: day(2026, 11, 25),
            lang,
            case: &self.case,
            partners: self.partners.clone(),
            facility: self.facility.as_ref(),
            template: &self.template,
            assessment: &self.assessment,
            actions: self.actions.clone(),
            screening: self.screening.clone(),
            coauthorships: self.coauthorships.clone(),
            sign_off: self.sign_off.clone(),
            revision: Some(3),
        }
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("bad date {y}-{m}-{d}"))
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A demo case by file-name prefix, e.g. `"04"`.
pub fn demo(prefix: &str) -> Fixture {
    let dir = repo().join("assets/demo");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".case.json"))
        })
        .collect();
    files.sort();
    let path = files
        .first()
        .unwrap_or_else(|| panic!("no demo case {prefix}"));
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc =
        read_case_document(&path.display().to_string(), &bytes).unwrap_or_else(|p| panic!("{p}"));
    fixture(doc, Vec::new())
}

/// All demo case prefixes.
pub fn demo_prefixes() -> Vec<String> {
    (1..=10).map(|i| format!("{i:02}")).collect()
}

struct Listed {
    id: String,
    names: Vec<String>,
    name: String,
    list: String,
}

fn restricted() -> Vec<Listed> {
    let path = repo().join("assets/reference/restricted_entities.csv");
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    r.records()
        .filter_map(Result::ok)
        .map(|rec| {
            let get = |i: usize| rec.get(i).unwrap_or_default().to_owned();
            let mut names = vec![get(1), get(2), get(4)];
            names.extend(get(3).split('|').map(str::to_owned));
            names.retain(|n| !n.is_empty());
            Listed {
                id: get(0),
                names,
                name: get(1),
                list: get(7),
            }
        })
        .collect()
}

/// Resolves a case document the way an import does (partners and parents become organisations, the
/// facility a registry entry), screens the partners by exact name and assesses the case.
pub fn fixture(doc: CaseDocument, overrides: Vec<LevelOverride>) -> Fixture {
    let mut orgs: Vec<Organisation> = Vec::new();
    for (i, p) in doc.partners.iter().enumerate() {
        orgs.push(Organisation {
            id: format!("org-{i}"),
            name: p.name.clone(),
            name_zh: p.name_zh.clone(),
            name_zh_hant: p.name_zh_hant.clone(),
            name_pinyin: p.name_pinyin.clone(),
            aliases: p.aliases.clone(),
            country: Some(p.country.clone()),
            kind: p.kind,
            parent_id: None,
        });
    }
    for (i, p) in doc.partners.iter().enumerate() {
        let Some(parent) = &p.parent else { continue };
        let found = orgs.iter().position(|o| &o.name == parent);
        let pid = match found {
            Some(j) => orgs[j].id.clone(),
            None => {
                let id = format!("org-p{i}");
                orgs.push(Organisation {
                    id: id.clone(),
                    name: parent.clone(),
                    name_zh: None,
                    name_zh_hant: None,
                    name_pinyin: None,
                    aliases: Vec::new(),
                    country: Some(p.country.clone()),
                    kind: None,
                    parent_id: None,
                });
                id
            }
        };
        orgs[i].parent_id = Some(pid);
    }
    let facility = doc.facility.as_ref().map(|f| Facility {
        id: "fac-1".into(),
        name: f.name.clone(),
        name_zh: None,
        country: f.country.clone(),
        city: None,
        kind: f.kind,
        operator: f.operator.clone(),
        operator_zh: None,
        notes: None,
        source: None,
        builtin: true,
    });
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T09:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"))
        .to_utc();
    let case = Case {
        id: doc.id.clone().unwrap_or_else(|| "CD-TEST".into()),
        title: doc.title.clone(),
        summary: doc.summary.clone().unwrap_or_default(),
        status: doc.status.unwrap_or_default(),
        home: doc.home.clone(),
        facility_id: facility.as_ref().map(|f| f.id.clone()),
        partners: doc
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| CasePartner {
                org_id: format!("org-{i}"),
                role: p.role,
            })
            .collect(),
        fields: doc.fields.clone(),
        activities: doc.activities.clone(),
        items: doc.items.clone(),
        data: doc.data.clone(),
        people: doc.people.clone(),
        funding: doc.funding.clone(),
        agreements: doc.agreements.clone(),
        answers: doc.answers.clone(),
        actions: Vec::new(),
        workshops: Vec::new(),
        start: doc.start,
        end: doc.end,
        notes: doc.notes.clone().unwrap_or_default(),
        extensions: doc.extensions.clone(),
        created_at: at,
        updated_at: at,
    };

    // Screening: exact names in any script against the bundled list, through parents too.
    let listed = restricted();
    let confirmed = case.answers.get("du-01").is_some_and(|a| a.value == "yes");
    let mut screening = Vec::new();
    let mut findings = Vec::new();
    let mut partners = Vec::new();
    for (i, p) in doc.partners.iter().enumerate() {
        let mut names = vec![p.name.clone()];
        names.extend(p.name_zh.iter().cloned());
        names.extend(p.aliases.iter().cloned());
        let mut hits = 0;
        let mut check = |names: &[String], via_parent: bool| {
            for l in &listed {
                if let Some(n) = names.iter().find(|n| l.names.contains(n)) {
                    hits += 1;
                    let review = if confirmed {
                        coopdesk_core::review::ReviewState::Confirmed
                    } else {
                        coopdesk_core::review::ReviewState::Unreviewed
                    };
                    screening.push(ScreeningLine {
                        partner: p.name.clone(),
                        list: l.list.clone(),
                        entity: l.id.clone(),
                        entity_name: l.name.clone(),
                        score: 1.0,
                        why: format!("exact match on \u{201c}{n}\u{201d}"),
                        via_parent,
                        review,
                    });
                    findings.push(ScreeningFinding {
                        partner: p.name.clone(),
                        entity: l.id.clone(),
                        entity_name: l.name.clone(),
                        list: l.list.clone(),
                        score: 1.0,
                        via_parent,
                        confirmed,
                    });
                }
            }
        };
        check(&names, false);
        if let Some(parent) = &p.parent {
            check(std::slice::from_ref(parent), true);
        }
        partners.push(PartnerLine {
            name: p.name.clone(),
            name_zh: p.name_zh.clone(),
            name_zh_hant: p.name_zh_hant.clone(),
            name_pinyin: p.name_pinyin.clone(),
            role: p.role,
            country: Some(p.country.clone()),
            kind: p.kind,
            parent: p.parent.clone(),
            screening: match (hits, confirmed) {
                (0, _) => ScreeningOutcome::Clear,
                (_, true) => ScreeningOutcome::Confirmed,
                (_, false) => ScreeningOutcome::Unreviewed,
            },
        });
        let _ = i;
    }
    let template = builtin_template().unwrap_or_else(|p| panic!("{p}"));
    let assessment = assess(
        &template,
        &AssessmentInput {
            context: CaseContext {
                case: &case,
                organisations: &orgs,
                facility: facility.as_ref(),
                screening: &findings,
                screened_lists: &["bundled (imported 2026-11-25)".to_owned()],
                coauthorships: &[],
            },
            conditions: &[],
            overrides: &overrides,
            exception: false,
        },
    );
    // An action plan from the assessment's conditions: owners from the template, one overdue.
    let planned = assessment.conditions.len().saturating_sub(2);
    let actions = assessment
        .conditions
        .iter()
        .take(planned)
        .enumerate()
        .map(|(i, c)| {
            let m = template.mitigation(&c.mitigation);
            ActionLine {
                mitigation: Some(c.mitigation.clone()),
                title: m.map_or(c.mitigation.clone(), |m| m.text.en.clone()),
                owner: m.and_then(|m| m.owner.as_ref().map(|o| o.en.clone())),
                due: Some(day(2026, 11 + (i as u32 % 2), 10 + i as u32 % 15)),
                status: if i == 1 {
                    ActionStatus::Met
                } else {
                    ActionStatus::Open
                },
                overdue: i == 0,
            }
        })
        .collect();
    Fixture {
        case,
        facility,
        template,
        assessment,
        partners,
        screening,
        coauthorships: Vec::new(),
        actions,
        sign_off: None,
    }
}

/// Demo case 04 (USTC, Chinese names, a confirmed Entity List hit) with a level override and a
/// recorded sign-off: the typical briefing.
pub fn typical() -> Fixture {
    let dir = repo().join("assets/demo/04-euxfel-ustc-quantum.case.json");
    let bytes = std::fs::read(&dir).unwrap_or_else(|e| panic!("{e}"));
    let doc = read_case_document("04", &bytes).unwrap_or_else(|p| panic!("{p}"));
    let overrides = vec![LevelOverride {
        topic: Topic::Reciprocity,
        level: coopdesk_assess::Level::Medium,
        justification: "Access is through the regular European XFEL user programme; the partner \
                        offers reciprocal beamtime at HEFEI facilities in writing."
            .into(),
        by: "Dr. Anna Keller (international office)".into(),
    }];
    let mut f = fixture(doc, overrides);
    f.sign_off = Some(SignOff {
        name: "Prof. Dr. Maria Hoffmann".into(),
        role: "Managing Director".into(),
        date: day(2026, 11, 27),
        decision: CaseStatus::ApprovedWithConditions,
        comment: Some("Beamtime only; no laser training, no guest stay.".into()),
        justification: None,
    });
    f
}

/// A very long synthetic case: dozens of partners with names in three scripts, very long texts and
/// long unbreakable words, many items and data flows.
pub fn long() -> Fixture {
    let base = repo().join("assets/demo/04-euxfel-ustc-quantum.case.json");
    let bytes = std::fs::read(&base).unwrap_or_else(|e| panic!("{e}"));
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let zh = [
        "中国科学院",
        "物理研究所",
        "国家重点实验室",
        "高能物理",
        "合肥",
        "上海光源",
    ];
    let unbreakable = "Hochenergiesynchrotronstrahlungsquellenstrahlrohrvakuumkammerdichtungsring\
                       sachverständigengutachten";
    let partners: Vec<serde_json::Value> = (0..48)
        .map(|i| {
            serde_json::json!({
                "name": format!("Partner Institute {i} for Advanced Photon Science and {unbreakable}"),
                "name_zh": format!("{}{}{}第{i}研究所", zh[i % 6], zh[(i + 1) % 6], zh[(i + 2) % 6]),
                "name_zh_hant": format!("中國科學院第{i}研究所"),
                "name_pinyin": format!("Zhongguo Kexueyuan Di {i} Yanjiusuo"),
                "country": if i % 3 == 0 { "CN" } else { "DE" },
                "kind": "academy_institute",
                "role": if i == 0 { "lead" } else { "co_applicant" }
            })
        })
        .collect();
    v["partners"] = serde_json::Value::Array(partners);
    v["id"] = "LONG-01".into();
    let long_text = format!(
        "{} {unbreakable} {} https://example.org/a/very/long/path/without/any/spaces/{}",
        "This sentence is deliberately long and repeats itself to fill many lines. ".repeat(30),
        "中华人民共和国科学技术合作协议的执行情况与数据共享安排。".repeat(12),
        "x".repeat(300)
    );
    v["summary"] = long_text.clone().into();
    v["title"] = format!("A very long case title about {unbreakable} and many partners").into();
    let items: Vec<serde_json::Value> = (0..30)
        .map(|i| {
            serde_json::json!({
                "description": format!("Item {i}: {}", "precision component with a long description ".repeat(3)),
                "control_code": "6A005",
                "destination_country": "CN",
                "temporary": i % 2 == 0
            })
        })
        .collect();
    v["items"] = serde_json::Value::Array(items);
    if let Some(answers) = v["answers"].as_object_mut() {
        for a in answers.values_mut() {
            if let Some(o) = a.as_object_mut() {
                o.insert(
                    "comment".into(),
                    long_text.chars().take(1900).collect::<String>().into(),
                );
            }
        }
    }
    let doc =
        read_case_document("long", v.to_string().as_bytes()).unwrap_or_else(|p| panic!("{p}"));
    let mut f = fixture(doc, Vec::new());
    f.actions = (0..40)
        .map(|i| ActionLine {
            mitigation: None,
            title: format!("Action {i}: {}", "put the condition in place ".repeat(4)),
            owner: Some("Export-control officer".into()),
            due: Some(day(2026, 12, 1 + i % 28)),
            status: ActionStatus::Open,
            overdue: i % 5 == 0,
        })
        .collect();
    f
}

/// Runs a poppler tool and returns stdout; fails the test when the tool is missing.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is required for these tests (Debian package poppler-utils): {e}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes bytes to a file in `dir` and returns its path as a string.
pub fn save(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
    p.display().to_string()
}

/// Page count from pdfinfo.
pub fn pages(pdf: &str) -> usize {
    tool("pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {pdf}"))
}

/// Text of one page (1-based).
pub fn page_text(pdf: &str, page: usize) -> String {
    let p = page.to_string();
    tool("pdftotext", &["-f", &p, "-l", &p, "-layout", pdf, "-"])
}

/// Asserts that every pixel outside the margins (minus a tolerance of `tol` points) is white, on
/// every page rendered at 50 dpi in grey.
pub fn assert_inside_margins(
    dir: &Path,
    pdf: &str,
    margin_x: f32,
    margin_top: f32,
    margin_bottom: f32,
) {
    let prefix = dir.join("px").display().to_string();
    tool("pdftoppm", &["-r", "50", "-gray", pdf, &prefix]);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "pdftoppm wrote no pages");
    let scale = 50.0 / 72.0;
    let tol = 1.0; // one pixel of anti-aliasing at the edges
    for f in files {
        let data = std::fs::read(&f).unwrap_or_else(|e| panic!("{e}"));
        let (w, h, pixels) = parse_pgm(&data);
        let left = (margin_x * scale - tol).floor() as usize;
        let right = ((595.276 - margin_x) * scale + tol).ceil() as usize;
        let top = (margin_top * scale - tol).floor() as usize;
        let bottom = ((841.89 - margin_bottom) * scale + tol).ceil() as usize;
        let mut inked = 0;
        for y in 0..h {
            for x in 0..w {
                let inside = x >= left && x < right && y >= top && y < bottom;
                if !inside && pixels[y * w + x] < 250 {
                    inked += 1;
                }
            }
        }
        assert_eq!(
            inked,
            0,
            "{}: {inked} non-white pixels outside the margins",
            f.display()
        );
        let ink: usize = pixels.iter().filter(|p| **p < 200).count();
        assert!(ink > 0, "{}: blank page", f.display());
    }
}

fn parse_pgm(data: &[u8]) -> (usize, usize, &[u8]) {
    // "P5\n<w> <h>\n<max>\n" then bytes.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    i += 1;
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().unwrap_or(0);
    let h: usize = fields[2].parse().unwrap_or(0);
    (w, h, &data[i..i + w * h])
}
