//! The built-in demo cases must pass the strict reader and import into a fresh demo database.

use std::collections::BTreeSet;

use coopdesk_app::api::CaseQuery;
use coopdesk_app::demo::{DEMO_CASES, open_demo};
use coopdesk_core::interchange::read_case_document;

#[test]
fn every_demo_case_passes_the_strict_reader() {
    assert_eq!(DEMO_CASES.len(), 10);
    for (i, (name, text)) in DEMO_CASES.iter().enumerate() {
        let doc = read_case_document(name, text.as_bytes())
            .unwrap_or_else(|problems| panic!("demo case {name} is invalid:\n{problems}"));
        let expected = format!("DEMO-{:02}", i + 1);
        assert_eq!(doc.id.as_deref(), Some(expected.as_str()), "{name}: id");
        assert!(
            doc.summary.as_deref().is_some_and(|s| !s.trim().is_empty()),
            "{name}: summary"
        );
        assert!(doc.facility.is_some(), "{name}: facility");
        assert!(!doc.partners.is_empty(), "{name}: partners");
        assert!(
            doc.partners.iter().any(|p| p.name_zh.is_some()),
            "{name}: at least one partner has a Chinese name"
        );
        assert!(!doc.answers.is_empty(), "{name}: answers");
    }
}

fn ids_matching(desk: &coopdesk_app::Desk, text: &str) -> BTreeSet<String> {
    let page = desk
        .list_cases(&CaseQuery {
            text: text.to_owned(),
            limit: 50,
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("list_cases({text}): {e:?}"));
    page.rows.into_iter().map(|r| r.id).collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn demo_database_holds_all_cases_and_finds_chinese_names() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let desk = open_demo(&tmp.path().join("demo.sqlite"), true).unwrap_or_else(|e| panic!("{e:?}"));
    let info = desk.db_info().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(info.case_count, 10);
    assert!(info.demo);

    // IHEP (中国科学院高能物理研究所) is partner in the PETRA III, HEPS and CSNS cases.
    assert_eq!(
        ids_matching(&desk, "高能"),
        set(&["DEMO-01", "DEMO-02", "DEMO-03"])
    );
    // The CAEP Laser Fusion Research Center request.
    assert!(ids_matching(&desk, "激光聚变").contains("DEMO-05"));
    // USTC, the listed partner of the European XFEL case.
    assert!(ids_matching(&desk, "中国科学技术大学").contains("DEMO-04"));
    // BGI / China National GeneBank.
    assert!(ids_matching(&desk, "国家基因库").contains("DEMO-08"));
    // NSC Guangzhou.
    assert!(ids_matching(&desk, "国家超级计算广州中心").contains("DEMO-09"));
    // Latin-script search still works.
    assert!(ids_matching(&desk, "ASIPP").contains("DEMO-06"));

    // Every demo facility is an entry of the built-in registry, not a new user-made facility.
    for i in 1..=10 {
        let id = format!("DEMO-{i:02}");
        let view = desk.get_case(&id).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        let facility = view.facility.unwrap_or_else(|| panic!("{id}: no facility"));
        assert!(
            facility.builtin,
            "{id}: facility {} is not built in",
            facility.name
        );
    }
}
