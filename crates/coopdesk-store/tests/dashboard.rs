//! The dashboard's counts on a real database file, and the promise behind its bars: for every bar,
//! the case list filtered by that bar's bucket lists exactly as many cases as the bar counts.

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

mod common;

use coopdesk_core::CaseStatus;
use coopdesk_core::Level;
use coopdesk_core::TemplateRef;
use coopdesk_core::interchange::read_case_document;
use coopdesk_store::{
    Bucket, CaseQuery, Dashboard, LevelGroup, NamedDocument, OrganisationInput, RecordedAssessment,
    Store, TOP_GROUPS,
};

/// One case of the fixture.
struct Spec {
    status: &'static str,
    /// Facility name (registered under this name in Germany); `None` for no facility.
    facility: Option<&'static str>,
    /// Partner countries; `None` for a partner whose country is not recorded.
    partners: &'static [Option<&'static str>],
    level: Option<Level>,
    /// Open actions due long ago, open actions due in the far future.
    overdue: usize,
    later: usize,
}

const fn spec(
    status: &'static str,
    facility: Option<&'static str>,
    partners: &'static [Option<&'static str>],
    level: Option<Level>,
    overdue: usize,
) -> Spec {
    Spec {
        status,
        facility,
        partners,
        level,
        overdue,
        later: 0,
    }
}

/// Twelve facilities and thirteen partner countries (more than [`TOP_GROUPS`] + 1, so both charts
/// have an "others" bar), every status, every level, cases without facility, without partners and
/// with a partner of unknown country, and cases with partners in several countries.
const CASES: &[Spec] = &[
    spec(
        "draft",
        Some("PETRA III"),
        &[Some("CN")],
        Some(Level::Critical),
        2,
    ),
    spec(
        "draft",
        Some("PETRA III"),
        &[Some("CN"), Some("US")],
        Some(Level::High),
        0,
    ),
    spec(
        "in_review",
        Some("PETRA III"),
        &[Some("CN"), Some("CN")],
        Some(Level::High),
        1,
    ),
    spec(
        "in_review",
        Some("FLASH"),
        &[Some("US")],
        Some(Level::Medium),
        0,
    ),
    spec(
        "approved_with_conditions",
        Some("FLASH"),
        &[Some("RU")],
        Some(Level::Medium),
        3,
    ),
    spec(
        "approved",
        Some("FLASH"),
        &[Some("CN")],
        Some(Level::Low),
        1,
    ),
    spec(
        "declined",
        Some("European XFEL"),
        &[Some("IR")],
        Some(Level::Critical),
        0,
    ),
    spec("withdrawn", Some("European XFEL"), &[Some("CN")], None, 0),
    spec("draft", None, &[], None, 0),
    spec("draft", None, &[None], None, 0),
    spec(
        "in_review",
        Some("BESSY II"),
        &[Some("JP"), None],
        Some(Level::Low),
        0,
    ),
    spec("draft", Some("MLZ"), &[Some("KR")], Some(Level::Low), 0),
    spec("draft", Some("ESRF"), &[Some("IN")], Some(Level::Medium), 0),
    spec("draft", Some("ILL"), &[Some("BR")], Some(Level::Medium), 0),
    spec("draft", Some("ISIS"), &[Some("ZA")], Some(Level::Low), 0),
    spec("draft", Some("SLS"), &[Some("AU")], Some(Level::Low), 0),
    spec("draft", Some("MAX IV"), &[Some("CA")], Some(Level::Low), 0),
    spec(
        "approved_with_conditions",
        Some("ALBA"),
        &[Some("SG"), Some("CN")],
        Some(Level::High),
        1,
    ),
    spec(
        "in_review",
        Some("DIAMOND"),
        &[Some("TH")],
        Some(Level::Low),
        0,
    ),
];

fn document(i: usize, s: &Spec) -> NamedDocument {
    let facility = s.facility.map_or(String::new(), |f| {
        format!(r#""facility": {{"name": "{f}", "country": "DE", "kind": "synchrotron"}},"#)
    });
    let partners: Vec<String> = s
        .partners
        .iter()
        .enumerate()
        .map(|(j, c)| {
            // The case file needs a country; `fixture` removes this one again (Antarctica).
            let country = c.unwrap_or("AQ");
            format!(r#"{{"name": "Partner {i}-{j}", "country": "{country}", "role": "host"}}"#)
        })
        .collect();
    let actions: Vec<String> = (0..s.overdue)
        .map(|k| ("2001-02-03", k))
        .chain((0..s.later).map(|k| ("2999-01-01", s.overdue + k)))
        .map(|(due, k)| {
            format!(
                r#"{{"id": "act-{k}", "title": "Condition {k}", "due": "{due}", "status": "open"}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"format": "coopdesk.case/v1", "id": "D-{i:02}", "title": "Case {i}", "status": "{}",
             {facility} "partners": [{}], "actions": [{}]}}"#,
        s.status,
        partners.join(", "),
        actions.join(", ")
    );
    NamedDocument {
        file: format!("{i}.case.json"),
        document: read_case_document("d.json", json.as_bytes()).unwrap_or_else(|e| panic!("{e}")),
    }
}

/// The fixture in a database file; a met action and one due in the future never count as overdue.
fn fixture(dir: &tempfile::TempDir) -> Store {
    let path = dir.path().join("cases.sqlite");
    let mut store = common::open(&path);
    let mut specs: Vec<Spec> = CASES
        .iter()
        .map(|s| spec(s.status, s.facility, s.partners, s.level, s.overdue))
        .collect();
    specs[0].later = 1;
    let docs: Vec<NamedDocument> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| document(i, s))
        .collect();
    store
        .import_documents(&docs, &mut common::ids(), common::t0())
        .unwrap_or_else(|e| panic!("{e}"));
    let template = TemplateRef {
        id: "t".into(),
        version: "1".into(),
    };
    let ids: Vec<String> = (0..CASES.len()).map(|i| format!("D-{i:02}")).collect();
    let rows: Vec<RecordedAssessment<'_>> = CASES
        .iter()
        .zip(&ids)
        .enumerate()
        .filter_map(|(i, (s, id))| {
            s.level.map(|overall| RecordedAssessment {
                case_id: id.as_str(),
                template: &template,
                overall,
                open_key_questions: open_key_questions(i),
            })
        })
        .collect();
    store
        .record_assessments(&rows)
        .unwrap_or_else(|e| panic!("{e}"));
    // Organisations added in the window may have no country; the case file always names one.
    for (i, s) in CASES.iter().enumerate() {
        for (j, _) in s.partners.iter().enumerate().filter(|(_, c)| c.is_none()) {
            let found = store
                .search_organisations(&format!("Partner {i}-{j}"), 1)
                .unwrap_or_else(|e| panic!("{e}"));
            let org = found
                .first()
                .unwrap_or_else(|| panic!("no partner {i}-{j}"));
            let input = OrganisationInput {
                id: Some(org.id.clone()),
                name: org.name.clone(),
                country: None,
                ..Default::default()
            };
            store
                .save_organisation(&input, &mut common::ids(), common::t0())
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    // Reopen: what is read comes from the file, not from a connection's state.
    drop(store);
    common::open(&path)
}

/// Open key questions of the fixture's case `i` (when it is assessed): every third case has none.
fn open_key_questions(i: usize) -> u32 {
    (i % 3) as u32
}

fn dashboard(store: &Store, open_only: bool) -> Dashboard {
    store.dashboard(open_only).unwrap_or_else(|e| panic!("{e}"))
}

fn total(store: &Store, q: CaseQuery) -> u32 {
    store
        .list_cases(&CaseQuery { limit: 1, ..q })
        .unwrap_or_else(|e| panic!("{e}"))
        .total
}

fn is_open(status: &str) -> bool {
    matches!(status, "draft" | "in_review" | "approved_with_conditions")
}

#[test]
fn dashboard_counts_levels_statuses_facilities_countries_and_overdue_actions() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = fixture(&dir);

    let all = dashboard(&store, false);
    assert_eq!(all.total as usize, CASES.len());
    let level = |d: &Dashboard, g: LevelGroup| {
        d.by_level
            .iter()
            .find(|l| l.level == g)
            .map_or(99, |l| l.count)
    };
    assert_eq!(
        all.by_level.iter().map(|l| l.level).collect::<Vec<_>>(),
        LevelGroup::ALL,
        "every level, worst first"
    );
    assert_eq!(level(&all, LevelGroup::Critical), 2);
    assert_eq!(level(&all, LevelGroup::NotAssessed), 3);
    assert_eq!(
        all.by_status.iter().map(|s| s.status).collect::<Vec<_>>(),
        CaseStatus::ALL
    );
    // Overdue: only open actions due before today; the one due in 2999 does not count.
    assert_eq!((all.overdue_cases, all.overdue_actions), (5, 8));
    // Provisional: assessed cases with open key questions; never-assessed cases are not.
    let provisional = |open: bool| {
        CASES
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                s.level.is_some() && open_key_questions(*i) > 0 && (!open || is_open(s.status))
            })
            .count() as u32
    };
    assert!(provisional(false) > 0);
    assert_eq!(all.provisional_cases, provisional(false));

    let open = dashboard(&store, true);
    let open_cases: Vec<&Spec> = CASES.iter().filter(|s| is_open(s.status)).collect();
    assert_eq!(open.total as usize, open_cases.len());
    assert_eq!(
        open.by_status.iter().map(|s| s.status).collect::<Vec<_>>(),
        [
            CaseStatus::Draft,
            CaseStatus::InReview,
            CaseStatus::ApprovedWithConditions
        ],
        "closed states are not charted for the open portfolio"
    );
    assert_eq!(
        level(&open, LevelGroup::Critical),
        1,
        "the declined critical case is closed"
    );
    // The approved case's overdue action is not part of the open portfolio.
    assert_eq!((open.overdue_cases, open.overdue_actions), (4, 7));
    assert_eq!(open.provisional_cases, provisional(true));

    // Facilities: FLASH and PETRA III lead with three cases each (a tie goes by name); twelve
    // facilities make an "others" bar, and the two cases without a facility a bar of their own.
    let names: Vec<&str> = all.by_facility.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(names[..3], ["FLASH", "PETRA III", "European XFEL"]);
    assert_eq!(all.by_facility.len(), TOP_GROUPS + 2);
    let others = &all.by_facility[TOP_GROUPS];
    assert!(matches!(&others.bucket, Bucket::OtherThan(keys) if keys.len() == TOP_GROUPS));
    assert_eq!(
        others.count, 4,
        "twelve facilities, eight shown: four cases left"
    );
    assert_eq!(
        all.by_facility.last().map(|b| (&b.bucket, b.count)),
        Some((&Bucket::Missing, 2))
    );

    // Countries: CN counts each case once, also the one with two Chinese partners.
    let cn = all
        .by_partner_country
        .iter()
        .find(|b| b.bucket == Bucket::Is("CN".into()))
        .map(|b| b.count);
    assert_eq!(cn, Some(6));
    let unknown = all
        .by_partner_country
        .iter()
        .find(|b| b.bucket == Bucket::Missing)
        .map(|b| b.count);
    assert_eq!(unknown, Some(2));
    // Thirteen countries: CN, US, then six of the single ones by code; the other five are one bar,
    // which also counts the case with partners in China and Singapore.
    let codes: Vec<&str> = all
        .by_partner_country
        .iter()
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(
        codes,
        ["CN", "US", "AU", "BR", "CA", "IN", "IR", "JP", "", ""]
    );
    let others = all
        .by_partner_country
        .iter()
        .find(|b| matches!(b.bucket, Bucket::OtherThan(_)))
        .map(|b| b.count);
    assert_eq!(others, Some(5));
}

/// Each bar turned into a case-list query lists exactly the cases it counted, for the open
/// portfolio and for all cases.
#[test]
fn every_dashboard_bar_clicks_through_to_exactly_its_cases() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = fixture(&dir);
    for open_only in [true, false] {
        let d = dashboard(&store, open_only);
        let base = CaseQuery {
            open_only,
            ..Default::default()
        };
        assert_eq!(total(&store, base.clone()), d.total);
        for l in &d.by_level {
            let q = CaseQuery {
                level: Some(l.level),
                ..base.clone()
            };
            assert_eq!(
                total(&store, q),
                l.count,
                "level {:?}, open_only {open_only}",
                l.level
            );
        }
        for s in &d.by_status {
            let q = CaseQuery {
                status: Some(s.status),
                ..base.clone()
            };
            assert_eq!(
                total(&store, q),
                s.count,
                "status {}, open_only {open_only}",
                s.status
            );
        }
        for b in &d.by_facility {
            let q = CaseQuery {
                facility: Some(b.bucket.clone()),
                ..base.clone()
            };
            assert_eq!(
                total(&store, q),
                b.count,
                "facility {:?}, open_only {open_only}",
                b.bucket
            );
        }
        for b in &d.by_partner_country {
            let q = CaseQuery {
                partner_country: Some(b.bucket.clone()),
                ..base.clone()
            };
            assert_eq!(
                total(&store, q),
                b.count,
                "country {:?}, open_only {open_only}",
                b.bucket
            );
        }
        let q = CaseQuery {
            overdue_only: true,
            ..base.clone()
        };
        assert_eq!(
            total(&store, q),
            d.overdue_cases,
            "overdue, open_only {open_only}"
        );
        let q = CaseQuery {
            provisional_only: true,
            ..base.clone()
        };
        assert_eq!(
            total(&store, q),
            d.provisional_cases,
            "provisional, open_only {open_only}"
        );
    }
    // Filters combine, and a lower-case country code from outside matches the stored one.
    let q = CaseQuery {
        partner_country: Some(Bucket::Is("cn".into())),
        level: Some(LevelGroup::High),
        ..Default::default()
    };
    assert_eq!(total(&store, q), 3);
}

#[test]
fn an_empty_database_has_an_empty_dashboard() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = common::open(&dir.path().join("empty.sqlite"));
    let d = dashboard(&store, true);
    assert_eq!(
        (
            d.total,
            d.overdue_cases,
            d.overdue_actions,
            d.provisional_cases
        ),
        (0, 0, 0, 0)
    );
    assert!(d.by_level.iter().all(|l| l.count == 0));
    assert!(d.by_facility.is_empty() && d.by_partner_country.is_empty());
}
