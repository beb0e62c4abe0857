//! Builders shared by the assessment tests.
#![allow(dead_code)]

use coopdesk_assess::engine::{LevelOverride, RecordedCondition};
use coopdesk_assess::{
    Assessment, AssessmentInput, CaseContext, ScreeningFinding, Template, assess, read_template,
};
use coopdesk_core::{Answer, Case, Facility, Organisation};

/// The small test template.
pub fn small() -> Template {
    let text = include_str!("../fixtures/small.toml");
    match read_template("small.toml", text.as_bytes()) {
        Ok(t) => t,
        Err(p) => panic!("small.toml: {p}"),
    }
}

/// A case from JSON: the `Case` fields, with everything but `id` optional.
pub fn case(json: serde_json::Value) -> Case {
    let mut base = serde_json::json!({
        "id": "T-1", "title": "Test", "summary": "", "status": "draft", "facility_id": null,
        "partners": [], "fields": [], "activities": [], "items": [], "data": [], "people": [],
        "funding": [], "agreements": [], "answers": {}, "actions": [], "notes": "", "extensions": {},
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
    });
    if let (Some(b), Some(o)) = (base.as_object_mut(), json.as_object()) {
        for (k, v) in o {
            b.insert(k.clone(), v.clone());
        }
    }
    match serde_json::from_value(base) {
        Ok(c) => c,
        Err(e) => panic!("test case JSON: {e}"),
    }
}

/// An organisation.
pub fn org(id: &str, name: &str, country: &str, kind: &str, parent: Option<&str>) -> Organisation {
    match serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "name_zh": null, "name_zh_hant": null, "name_pinyin": null,
        "aliases": [], "country": country, "kind": kind, "parent_id": parent
    })) {
        Ok(o) => o,
        Err(e) => panic!("test organisation JSON: {e}"),
    }
}

/// A facility.
pub fn facility(name: &str, country: &str, kind: &str) -> Facility {
    match serde_json::from_value(serde_json::json!({
        "id": "fac-1", "name": name, "name_zh": null, "country": country, "city": null, "kind": kind,
        "operator": null, "operator_zh": null, "notes": null, "source": null, "builtin": false
    })) {
        Ok(f) => f,
        Err(e) => panic!("test facility JSON: {e}"),
    }
}

/// Everything an assessment reads, owned.
#[derive(Clone, Debug)]
pub struct World {
    pub case: Case,
    pub orgs: Vec<Organisation>,
    pub facility: Option<Facility>,
    pub screening: Vec<ScreeningFinding>,
    /// The lists screened against; empty means no screening ran.
    pub lists: Vec<String>,
    pub conditions: Vec<RecordedCondition>,
    pub overrides: Vec<LevelOverride>,
}

impl World {
    pub fn new(case: Case) -> World {
        World {
            case,
            orgs: Vec::new(),
            facility: None,
            screening: Vec::new(),
            lists: Vec::new(),
            conditions: Vec::new(),
            overrides: Vec::new(),
        }
    }

    pub fn assess(&self, t: &Template) -> Assessment {
        let input = AssessmentInput {
            context: CaseContext {
                case: &self.case,
                organisations: &self.orgs,
                facility: self.facility.as_ref(),
                screening: &self.screening,
                screened_lists: &self.lists,
                coauthorships: &[],
            },
            conditions: &self.conditions,
            overrides: &self.overrides,
            exception: false,
        };
        assess(t, &input)
    }

    pub fn answer(&mut self, q: &str, v: &str) {
        self.case.answers.insert(
            q.into(),
            Answer {
                value: v.into(),
                comment: None,
            },
        );
    }
}

/// A confirmed restriction-list hit.
pub fn hit(partner: &str, entity: &str) -> ScreeningFinding {
    ScreeningFinding {
        partner: partner.into(),
        entity: entity.into(),
        entity_name: entity.into(),
        list: "us_bis_entity_list".into(),
        score: 0.97,
        via_parent: false,
        confirmed: true,
    }
}
