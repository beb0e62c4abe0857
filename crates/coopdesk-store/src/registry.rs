//! The organisation and facility registries.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::limits::{TextKind, check_text};
use coopdesk_core::{
    CountryCode, Facility, FacilityKind, OrgKind, Organisation, Problem, Problems,
};

use crate::error::{Error, Result};
use crate::rows::registry::{
    FACILITY_COLUMNS, ORG_COLUMNS, clean, facility_from_row, get_facility, get_org, org_from_row,
    search_registry, write_facility, write_org,
};
use crate::store::Store;
use crate::{IdKind, NewId};

/// An organisation as entered in the picker's "add new" form or edited in the registry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganisationInput {
    /// Id of the organisation to change; `None` adds a new one.
    pub id: Option<String>,
    /// Display name in any script.
    pub name: String,
    /// Simplified Chinese name.
    pub name_zh: Option<String>,
    /// Traditional Chinese name.
    pub name_zh_hant: Option<String>,
    /// Pinyin name.
    pub name_pinyin: Option<String>,
    /// Other names and acronyms.
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Kind of organisation.
    pub kind: Option<OrgKind>,
    /// Id of the parent organisation.
    pub parent_id: Option<String>,
}

/// A facility as entered in the picker's "add new" form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityInput {
    /// Id of the facility to change; `None` adds a new one.
    pub id: Option<String>,
    /// Name in English.
    pub name: String,
    /// Name in Chinese characters.
    pub name_zh: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// City.
    pub city: Option<String>,
    /// Kind of facility.
    pub kind: FacilityKind,
    /// Operating organisation.
    pub operator: Option<String>,
}

/// Parses an ISO 3166-1 alpha-2 code, recording a problem at `path` when it is not one.
fn check_country(path: &str, value: &str, p: &mut Vec<Problem>) -> Option<CountryCode> {
    let code = CountryCode::parse(value);
    if code.is_none() {
        p.push(Problem::at(
            path,
            format!(
                "expected an ISO 3166-1 alpha-2 code such as \"CN\", found \"{}\"",
                coopdesk_core::limits::clip(value)
            ),
        ));
    }
    code
}

fn check_org_input(input: &OrganisationInput) -> std::result::Result<Organisation, Vec<Problem>> {
    let mut p = Vec::new();
    check_text("name", &input.name, TextKind::Name, &mut p);
    for (path, v) in [
        ("name_zh", &input.name_zh),
        ("name_zh_hant", &input.name_zh_hant),
        ("name_pinyin", &input.name_pinyin),
    ] {
        if let Some(s) = clean(v) {
            check_text(path, &s, TextKind::Name, &mut p);
        }
    }
    let aliases: Vec<String> = input
        .aliases
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    for (i, a) in aliases.iter().enumerate() {
        check_text(&format!("aliases[{i}]"), a, TextKind::Name, &mut p);
    }
    let country = match clean(&input.country) {
        None => None,
        Some(c) => check_country("country", &c, &mut p),
    };
    if !p.is_empty() {
        return Err(p);
    }
    Ok(Organisation {
        id: input.id.clone().unwrap_or_default(),
        name: input.name.trim().to_owned(),
        name_zh: clean(&input.name_zh),
        name_zh_hant: clean(&input.name_zh_hant),
        name_pinyin: clean(&input.name_pinyin),
        aliases,
        country,
        kind: input.kind,
        parent_id: clean(&input.parent_id),
    })
}

impl Store {
    /// Organisations whose names (in any script) contain every word of `text`, by name.
    pub fn search_organisations(&self, text: &str, limit: u32) -> Result<Vec<Organisation>> {
        search_registry(
            self.db(),
            "organisations",
            ORG_COLUMNS,
            text,
            limit,
            org_from_row,
        )
    }

    /// One organisation.
    pub fn organisation(&self, id: &str) -> Result<Organisation> {
        get_org(self.db(), id)?.ok_or_else(|| Error::UnknownEntry {
            what: "organisation",
            id: id.to_owned(),
        })
    }

    /// The organisations with these ids and, transitively, their parents.
    pub fn organisations_with_parents(
        &self,
        ids: impl IntoIterator<Item = String>,
    ) -> Result<BTreeMap<String, Organisation>> {
        let mut out = BTreeMap::new();
        let mut todo: Vec<String> = ids.into_iter().collect();
        while let Some(id) = todo.pop() {
            if out.contains_key(&id) {
                continue;
            }
            if let Some(o) = get_org(self.db(), &id)? {
                if let Some(p) = &o.parent_id {
                    todo.push(p.clone());
                }
                out.insert(id, o);
            }
        }
        Ok(out)
    }

    /// Adds or changes an organisation. Cases that name it are re-indexed for search.
    pub fn save_organisation(
        &mut self,
        input: &OrganisationInput,
        new_id: NewId<'_>,
        now: DateTime<Utc>,
    ) -> Result<Organisation> {
        let label = input
            .id
            .clone()
            .unwrap_or_else(|| "new organisation".into());
        let mut org =
            check_org_input(input).map_err(|p| Error::invalid(Problems::new(label.clone(), p)))?;
        let tx = self.backend.write()?;
        if org.id.is_empty() {
            org.id = new_id(IdKind::Organisation);
        } else if get_org(&tx, &org.id)?.is_none() {
            return Err(Error::UnknownEntry {
                what: "organisation",
                id: org.id,
            });
        }
        if let Some(parent) = &org.parent_id {
            let mut seen = parent.clone();
            // Walk up from the new parent: reaching this organisation again would make a cycle.
            loop {
                if seen == org.id {
                    return Err(Error::invalid(Problems::new(
                        label,
                        vec![Problem::at(
                            "parent_id",
                            "an organisation cannot be its own ancestor",
                        )],
                    )));
                }
                match get_org(&tx, &seen)? {
                    Some(o) => match o.parent_id {
                        Some(next) => seen = next,
                        None => break,
                    },
                    None => {
                        return Err(Error::invalid(Problems::new(
                            label,
                            vec![Problem::at(
                                "parent_id",
                                format!("no organisation with id \"{seen}\""),
                            )],
                        )));
                    }
                }
            }
        }
        write_org(&tx, &org, now)?;
        crate::rows::cases::refresh_summaries_for_org(&tx, &org.id)?;
        tx.commit()?;
        Ok(org)
    }

    /// Facilities whose names, operator or city contain every word of `text`.
    pub fn search_facilities(&self, text: &str, limit: u32) -> Result<Vec<Facility>> {
        search_registry(
            self.db(),
            "facilities",
            FACILITY_COLUMNS,
            text,
            limit,
            facility_from_row,
        )
    }

    /// One facility.
    pub fn facility(&self, id: &str) -> Result<Facility> {
        get_facility(self.db(), id)?.ok_or_else(|| Error::UnknownEntry {
            what: "facility",
            id: id.to_owned(),
        })
    }

    /// Adds or changes a user-defined facility.
    pub fn save_facility(
        &mut self,
        input: &FacilityInput,
        new_id: NewId<'_>,
        now: DateTime<Utc>,
    ) -> Result<Facility> {
        let label = input.id.clone().unwrap_or_else(|| "new facility".into());
        let mut p = Vec::new();
        check_text("name", &input.name, TextKind::Name, &mut p);
        for (path, v) in [
            ("name_zh", &input.name_zh),
            ("city", &input.city),
            ("operator", &input.operator),
        ] {
            if let Some(s) = clean(v) {
                check_text(path, &s, TextKind::Name, &mut p);
            }
        }
        let country = check_country("country", &input.country, &mut p);
        let (Some(country), true) = (country, p.is_empty()) else {
            return Err(Error::invalid(Problems::new(label, p)));
        };
        let tx = self.backend.write()?;
        let existing = match &input.id {
            Some(id) => Some(get_facility(&tx, id)?.ok_or_else(|| Error::UnknownEntry {
                what: "facility",
                id: id.clone(),
            })?),
            None => None,
        };
        let f = Facility {
            id: existing
                .as_ref()
                .map(|e| e.id.clone())
                .unwrap_or_else(|| new_id(IdKind::Facility)),
            name: input.name.trim().to_owned(),
            name_zh: clean(&input.name_zh),
            country,
            city: clean(&input.city),
            kind: input.kind,
            operator: clean(&input.operator),
            operator_zh: existing.as_ref().and_then(|e| e.operator_zh.clone()),
            notes: existing.as_ref().and_then(|e| e.notes.clone()),
            source: existing.as_ref().and_then(|e| e.source.clone()),
            builtin: false,
        };
        write_facility(&tx, &f, now)?;
        crate::rows::cases::refresh_summaries_for_facility(&tx, &f.id)?;
        tx.commit()?;
        Ok(f)
    }

    /// Adds or updates the built-in facilities shipped with the app (by id), in one transaction.
    /// Entries a user added are left alone.
    pub fn seed_facilities(
        &mut self,
        facilities: &[Facility],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let tx = self.backend.write()?;
        let mut changed = 0;
        for f in facilities {
            let current = get_facility(&tx, &f.id)?;
            let wanted = Facility {
                builtin: true,
                ..f.clone()
            };
            if current.as_ref() != Some(&wanted) {
                write_facility(&tx, &wanted, now)?;
                crate::rows::cases::refresh_summaries_for_facility(&tx, &f.id)?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }
}
