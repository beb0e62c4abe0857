//! From a stored [`Case`] to its `coopdesk.case/v1` document.

use std::collections::BTreeMap;

use crate::interchange::{CaseDocument, FORMAT_V1, FacilityDocument, PartnerDocument};
use crate::model::{Case, Facility, Organisation};
use crate::problem::Problem;

/// Builds the document of a case. `orgs` must hold every partner organisation and their parents;
/// a partner whose organisation is missing is skipped (the store's foreign keys prevent that).
pub fn case_document(
    case: &Case,
    orgs: &BTreeMap<String, Organisation>,
    facility: Option<&Facility>,
) -> CaseDocument {
    let partners = case
        .partners
        .iter()
        .filter_map(|p| {
            let org = orgs.get(&p.org_id)?;
            Some(PartnerDocument {
                name: org.name.clone(),
                name_zh: org.name_zh.clone(),
                name_zh_hant: org.name_zh_hant.clone(),
                name_pinyin: org.name_pinyin.clone(),
                aliases: org.aliases.clone(),
                // Partners without a country cannot be written in v1, where `country` is required;
                // organisations created through a case always have one.
                country: org.country.clone()?,
                kind: org.kind,
                role: p.role,
                parent: org
                    .parent_id
                    .as_ref()
                    .and_then(|id| orgs.get(id))
                    .map(|o| o.name.clone()),
            })
        })
        .collect();
    let mut doc = body_document(case);
    doc.partners = partners;
    doc.facility = facility.map(|f| FacilityDocument {
        name: f.name.clone(),
        country: f.country.clone(),
        kind: f.kind,
        operator: f.operator.clone(),
    });
    doc
}

/// The document of everything in a case except partners and facility, which need the registries.
fn body_document(case: &Case) -> CaseDocument {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    CaseDocument {
        format: FORMAT_V1.to_owned(),
        id: Some(case.id.clone()),
        title: case.title.clone(),
        summary: opt(&case.summary),
        status: Some(case.status),
        home: case.home.clone(),
        facility: None,
        partners: Vec::new(),
        fields: case.fields.clone(),
        activities: case.activities.clone(),
        items: case.items.clone(),
        data: case.data.clone(),
        people: case.people.clone(),
        funding: case.funding.clone(),
        agreements: case.agreements.clone(),
        answers: case.answers.clone(),
        actions: case.actions.clone(),
        workshops: case.workshops.clone(),
        start: case.start,
        end: case.end,
        notes: opt(&case.notes),
        extensions: case.extensions.clone(),
    }
}

impl Case {
    /// Checks an edited case with the same rules as an imported file (partners and facility are
    /// registry references and are checked by the store).
    pub fn check(&self) -> Vec<Problem> {
        body_document(self).check()
    }
}
