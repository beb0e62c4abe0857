//! Importing `coopdesk.case/v1` documents: all files in one transaction, all or nothing.
//!
//! Partners and the facility are written by name in a case file; here they are resolved against the
//! registries. A partner matches an existing organisation when one of its names (in any script,
//! ignoring case and spacing) equals the partner's name or Chinese name, in the same country; the
//! match fills in what the registry lacks (Chinese names, pinyin, kind, parent) and adds new aliases,
//! and never overwrites what the registry already holds. Otherwise a new organisation is created.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use coopdesk_core::{
    Case, CaseDocument, CasePartner, CountryCode, Facility, Organisation, PartnerDocument, Problem,
    Problems,
};

use crate::error::{Error, Result};
use crate::rows::cases::{case_exists, refresh_summaries_for_org, write_case};
use crate::rows::registry::{find_facility_by_name, find_org_by_name, write_facility, write_org};
use crate::search::search_key;
use crate::sql::Sql;
use crate::store::Store;
use crate::{IdKind, NewId};

/// Registry look-ups memoised for the duration of one import.
///
/// A batch of cases names the same partners and facilities over and over; without the memo each
/// partner costs a scan of the organisation registry. Organisation results are forgotten whenever an
/// organisation is created or its names change, so every answer equals an uncached look-up.
#[derive(Default)]
pub(crate) struct Lookups {
    orgs: HashMap<(String, Option<String>), Option<Organisation>>,
    facilities: HashMap<(String, String), Option<Facility>>,
}

impl Lookups {
    fn org(
        &mut self,
        tx: &dyn Sql,
        name: &str,
        country: Option<&CountryCode>,
    ) -> Result<Option<Organisation>> {
        let key = (search_key(name), country.map(|c| c.as_str().to_owned()));
        if let Some(hit) = self.orgs.get(&key) {
            return Ok(hit.clone());
        }
        let found = find_org_by_name(tx, name, country)?;
        self.orgs.insert(key, found.clone());
        Ok(found)
    }

    fn write_org(&mut self, tx: &dyn Sql, org: &Organisation, now: DateTime<Utc>) -> Result<()> {
        write_org(tx, org, now)?;
        self.orgs.clear();
        Ok(())
    }

    fn facility(
        &mut self,
        tx: &dyn Sql,
        name: &str,
        country: &CountryCode,
    ) -> Result<Option<Facility>> {
        let key = (search_key(name), country.as_str().to_owned());
        if let Some(hit) = self.facilities.get(&key) {
            return Ok(hit.clone());
        }
        let found = find_facility_by_name(tx, name, country)?;
        self.facilities.insert(key, found.clone());
        Ok(found)
    }
}

/// A document to import and the file it came from (for error messages).
#[derive(Debug, Clone)]
pub struct NamedDocument {
    /// File name as the user gave it.
    pub file: String,
    /// The document, already read and checked by `coopdesk_core::interchange`.
    pub document: CaseDocument,
}

impl Store {
    /// Imports documents in one transaction and returns their case ids in order. If any document
    /// cannot be imported, nothing is written and every problem found is returned.
    pub fn import_documents(
        &mut self,
        docs: &[NamedDocument],
        new_id: NewId<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let actor = self.actor.clone();
        let tx = self.backend.write()?;
        let mut problems = Vec::new();
        let mut ids = Vec::new();
        let mut batch = BTreeSet::new();
        let mut lookups = Lookups::default();
        for d in docs {
            let id = d
                .document
                .id
                .clone()
                .unwrap_or_else(|| new_id(IdKind::Case));
            if !batch.insert(id.clone()) {
                problems.push(Problems::new(
                    d.file.clone(),
                    vec![Problem::at(
                        "id",
                        format!("another file in this import also has id \"{id}\""),
                    )],
                ));
                continue;
            }
            if case_exists(&tx, &id)? {
                problems.push(Problems::new(
                    d.file.clone(),
                    vec![Problem::at(
                        "id",
                        format!("a case with id \"{id}\" already exists; remove the id to import it as a new case"),
                    )],
                ));
                continue;
            }
            match import_one(
                &tx,
                &mut lookups,
                &d.document,
                &id,
                new_id,
                now,
                (&actor, "case.import"),
            ) {
                Ok(()) => ids.push(id),
                Err(Error::Invalid(mut ps)) => {
                    for p in &mut ps {
                        p.file = d.file.clone();
                    }
                    problems.extend(ps);
                }
                Err(e) => return Err(e),
            }
        }
        if !problems.is_empty() {
            // Dropping the transaction rolls everything back.
            return Err(Error::Invalid(problems));
        }
        tx.commit()?;
        Ok(ids)
    }
}

/// Writes one document as case `id` (new, or replacing the stored one), resolving its partners and
/// facility against the registries; the revision names `actor` and `action`.
pub(crate) fn import_one(
    tx: &dyn Sql,
    lookups: &mut Lookups,
    doc: &CaseDocument,
    id: &str,
    new_id: NewId<'_>,
    now: DateTime<Utc>,
    (actor, action): (&str, &str),
) -> Result<()> {
    let facility_id = match &doc.facility {
        None => None,
        Some(f) => Some(match lookups.facility(tx, &f.name, &f.country)? {
            Some(existing) => existing.id,
            None => {
                let created = Facility {
                    id: new_id(IdKind::Facility),
                    name: f.name.trim().to_owned(),
                    name_zh: None,
                    country: f.country.clone(),
                    city: None,
                    kind: f.kind,
                    operator: f.operator.clone(),
                    operator_zh: None,
                    notes: None,
                    source: None,
                    builtin: false,
                };
                write_facility(tx, &created, now)?;
                lookups.facilities.clear();
                created.id
            }
        }),
    };
    let mut partners = Vec::with_capacity(doc.partners.len());
    for p in &doc.partners {
        let org_id = resolve_partner(tx, lookups, p, new_id, now)?;
        partners.push(CasePartner {
            org_id,
            role: p.role,
        });
    }
    let case = Case {
        id: id.to_owned(),
        title: doc.title.trim().to_owned(),
        summary: doc.summary.clone().unwrap_or_default(),
        status: doc.status.unwrap_or_default(),
        home: doc.home.clone(),
        facility_id,
        partners,
        fields: doc.fields.clone(),
        activities: doc.activities.clone(),
        items: doc.items.clone(),
        data: doc.data.clone(),
        people: doc.people.clone(),
        funding: doc.funding.clone(),
        agreements: doc.agreements.clone(),
        answers: doc.answers.clone(),
        actions: doc.actions.clone(),
        workshops: doc.workshops.clone(),
        start: doc.start,
        end: doc.end,
        notes: doc.notes.clone().unwrap_or_default(),
        extensions: doc.extensions.clone(),
        created_at: now,
        updated_at: now,
    };
    write_case(tx, &case, now, actor, action).map(|_| ())
}

fn resolve_partner(
    tx: &dyn Sql,
    lookups: &mut Lookups,
    p: &PartnerDocument,
    new_id: NewId<'_>,
    now: DateTime<Utc>,
) -> Result<String> {
    let found = match lookups.org(tx, &p.name, Some(&p.country))? {
        Some(o) => Some(o),
        None => match &p.name_zh {
            Some(zh) => lookups.org(tx, zh, Some(&p.country))?,
            None => None,
        },
    };
    let parent_id = match &p.parent {
        None => None,
        Some(parent) => Some(match lookups.org(tx, parent, None)? {
            Some(o) => o.id,
            None => {
                let created = Organisation {
                    id: new_id(IdKind::Organisation),
                    name: parent.trim().to_owned(),
                    name_zh: None,
                    name_zh_hant: None,
                    name_pinyin: None,
                    aliases: Vec::new(),
                    country: None,
                    kind: None,
                    parent_id: None,
                };
                lookups.write_org(tx, &created, now)?;
                created.id
            }
        }),
    };
    let fill =
        |have: &Option<String>, offered: &Option<String>| have.clone().or_else(|| offered.clone());
    match found {
        Some(mut org) => {
            let before = org.clone();
            org.name_zh = fill(&org.name_zh, &p.name_zh);
            org.name_zh_hant = fill(&org.name_zh_hant, &p.name_zh_hant);
            org.name_pinyin = fill(&org.name_pinyin, &p.name_pinyin);
            org.kind = org.kind.or(p.kind);
            org.country = org.country.or_else(|| Some(p.country.clone()));
            if org.parent_id.is_none() && parent_id.as_deref() != Some(org.id.as_str()) {
                org.parent_id = parent_id;
            }
            for a in &p.aliases {
                if !org.aliases.contains(a) && *a != org.name {
                    org.aliases.push(a.clone());
                }
            }
            if org != before {
                lookups.write_org(tx, &org, now)?;
                refresh_summaries_for_org(tx, &org.id)?;
            }
            Ok(org.id)
        }
        None => {
            let org = Organisation {
                id: new_id(IdKind::Organisation),
                name: p.name.trim().to_owned(),
                name_zh: p.name_zh.clone(),
                name_zh_hant: p.name_zh_hant.clone(),
                name_pinyin: p.name_pinyin.clone(),
                aliases: p.aliases.clone(),
                country: Some(p.country.clone()),
                kind: p.kind,
                parent_id,
            };
            lookups.write_org(tx, &org, now)?;
            Ok(org.id)
        }
    }
}
