//! The organisation and facility registries.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::limits::{TextKind, check_text};
use coopdesk_core::{
    CountryCode, Facility, FacilityKind, OrgKind, Organisation, Problem, Problems,
};

use crate::cached::CachedStatements;
use crate::error::{Error, Result};
use crate::open::Store;
use crate::search::{search_key, words};
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

const ORG_COLUMNS: &str =
    "id, name, name_zh, name_zh_hant, name_pinyin, aliases, country, kind, parent_id";
const FACILITY_COLUMNS: &str =
    "id, name, name_zh, country, city, kind, operator, operator_zh, notes, source, builtin";

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

pub(crate) fn org_from_row(r: &Row<'_>) -> rusqlite::Result<Organisation> {
    let aliases: String = r.get(5)?;
    let country: Option<String> = r.get(6)?;
    let kind: Option<String> = r.get(7)?;
    Ok(Organisation {
        id: r.get(0)?,
        name: r.get(1)?,
        name_zh: r.get(2)?,
        name_zh_hant: r.get(3)?,
        name_pinyin: r.get(4)?,
        // The column has a CHECK that it is a JSON array of strings written by this module.
        aliases: serde_json::from_str(&aliases).unwrap_or_default(),
        country: country.as_deref().and_then(CountryCode::parse),
        kind: kind.as_deref().and_then(OrgKind::parse),
        parent_id: r.get(8)?,
    })
}

fn facility_from_row(r: &Row<'_>) -> rusqlite::Result<Facility> {
    let country: String = r.get(3)?;
    let kind: String = r.get(5)?;
    let bad = |col: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            format!("not a {what}").into(),
        )
    };
    Ok(Facility {
        id: r.get(0)?,
        name: r.get(1)?,
        name_zh: r.get(2)?,
        country: CountryCode::parse(&country).ok_or_else(|| bad(3, "country code"))?,
        city: r.get(4)?,
        kind: FacilityKind::parse(&kind).ok_or_else(|| bad(5, "facility kind"))?,
        operator: r.get(6)?,
        operator_zh: r.get(7)?,
        notes: r.get(8)?,
        source: r.get(9)?,
        builtin: r.get(10)?,
    })
}

/// Every name of an organisation, for search and for matching imported partners.
pub(crate) fn org_names(o: &Organisation) -> Vec<&str> {
    let mut v = vec![o.name.as_str()];
    v.extend(
        [&o.name_zh, &o.name_zh_hant, &o.name_pinyin]
            .into_iter()
            .filter_map(|s| s.as_deref()),
    );
    v.extend(o.aliases.iter().map(String::as_str));
    v
}

fn org_search_text(o: &Organisation) -> String {
    org_names(o)
        .into_iter()
        .map(search_key)
        .collect::<Vec<_>>()
        .join("\n")
}

fn facility_search_text(f: &Facility) -> String {
    [
        Some(&f.name),
        f.name_zh.as_ref(),
        f.operator.as_ref(),
        f.operator_zh.as_ref(),
        f.city.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|s| search_key(s))
    .collect::<Vec<_>>()
    .join("\n")
}

pub(crate) fn get_org(conn: &Connection, id: &str) -> Result<Option<Organisation>> {
    Ok(conn
        .query_row_cached(
            &format!("SELECT {ORG_COLUMNS} FROM organisations WHERE id = ?1"),
            [id],
            org_from_row,
        )
        .optional()?)
}

pub(crate) fn get_facility(conn: &Connection, id: &str) -> Result<Option<Facility>> {
    Ok(conn
        .query_row_cached(
            &format!("SELECT {FACILITY_COLUMNS} FROM facilities WHERE id = ?1"),
            [id],
            facility_from_row,
        )
        .optional()?)
}

/// Inserts or replaces an organisation row, keeping its creation time.
pub(crate) fn write_org(conn: &Connection, o: &Organisation, now: DateTime<Utc>) -> Result<()> {
    let aliases = serde_json::to_string(&o.aliases).unwrap_or_else(|_| "[]".into());
    conn.execute_cached(
        "INSERT INTO organisations (id, name, name_zh, name_zh_hant, name_pinyin, aliases, country, kind,
                                    parent_id, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh,
             name_zh_hant = excluded.name_zh_hant, name_pinyin = excluded.name_pinyin,
             aliases = excluded.aliases, country = excluded.country, kind = excluded.kind,
             parent_id = excluded.parent_id, search_text = excluded.search_text,
             updated_at = excluded.updated_at",
        params![
            o.id,
            o.name,
            o.name_zh,
            o.name_zh_hant,
            o.name_pinyin,
            aliases,
            o.country.as_ref().map(CountryCode::as_str),
            o.kind.map(OrgKind::as_str),
            o.parent_id,
            org_search_text(o),
            now.to_rfc3339(),
        ],
    )?;
    Ok(())
}

/// Inserts or replaces a facility row.
pub(crate) fn write_facility(conn: &Connection, f: &Facility, now: DateTime<Utc>) -> Result<()> {
    conn.execute_cached(
        "INSERT INTO facilities (id, name, name_zh, country, city, kind, operator, operator_zh, notes,
                                 source, builtin, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh,
             country = excluded.country, city = excluded.city, kind = excluded.kind,
             operator = excluded.operator, operator_zh = excluded.operator_zh, notes = excluded.notes,
             source = excluded.source, builtin = excluded.builtin, search_text = excluded.search_text,
             updated_at = excluded.updated_at",
        params![
            f.id,
            f.name,
            f.name_zh,
            f.country.as_str(),
            f.city,
            f.kind.as_str(),
            f.operator,
            f.operator_zh,
            f.notes,
            f.source,
            f.builtin,
            facility_search_text(f),
            now.to_rfc3339(),
        ],
    )?;
    Ok(())
}

/// Finds an organisation one of whose names equals `name` (ignoring case and spacing), preferring
/// one in `country`.
pub(crate) fn find_org_by_name(
    conn: &Connection,
    name: &str,
    country: Option<&CountryCode>,
) -> Result<Option<Organisation>> {
    let key = search_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ORG_COLUMNS} FROM organisations WHERE instr(search_text, ?1) > 0 ORDER BY created_at, id"
    ))?;
    let candidates = stmt
        .query_map([&key], org_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let exact: Vec<Organisation> = candidates
        .into_iter()
        .filter(|o| org_names(o).into_iter().any(|n| search_key(n) == key))
        .collect();
    let same_country = exact
        .iter()
        .find(|o| country.is_some() && o.country.as_ref() == country)
        .cloned();
    Ok(same_country.or_else(|| {
        exact
            .into_iter()
            .find(|o| country.is_none() || o.country.is_none())
    }))
}

/// Finds a facility by name (English or Chinese) in a country.
pub(crate) fn find_facility_by_name(
    conn: &Connection,
    name: &str,
    country: &CountryCode,
) -> Result<Option<Facility>> {
    let key = search_key(name);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FACILITY_COLUMNS} FROM facilities WHERE country = ?1 ORDER BY builtin DESC, id"
    ))?;
    let rows = stmt
        .query_map([country.as_str()], facility_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().find(|f| {
        search_key(&f.name) == key || f.name_zh.as_deref().is_some_and(|z| search_key(z) == key)
    }))
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

/// Entries of a registry table whose `search_text` contains every word of `text`, by name, at most
/// `limit` of them.
fn search_registry<T>(
    conn: &Connection,
    table: &str,
    columns: &str,
    text: &str,
    limit: u32,
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let ws = words(text);
    let mut sql = format!("SELECT {columns} FROM {table} WHERE 1 = 1");
    for i in 1..=ws.len() {
        // instr, not LIKE: no escaping of % and _, and it is exact for any script.
        sql.push_str(&format!(" AND instr(search_text, ?{i}) > 0"));
    }
    sql.push_str(&format!(" ORDER BY name COLLATE NOCASE, id LIMIT {limit}"));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(ws.iter()), map)?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(rows)
}

impl Store {
    /// Organisations whose names (in any script) contain every word of `text`, by name.
    pub fn search_organisations(&self, text: &str, limit: u32) -> Result<Vec<Organisation>> {
        search_registry(
            &self.conn,
            "organisations",
            ORG_COLUMNS,
            text,
            limit,
            org_from_row,
        )
    }

    /// One organisation.
    pub fn organisation(&self, id: &str) -> Result<Organisation> {
        get_org(&self.conn, id)?.ok_or_else(|| Error::UnknownEntry {
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
            if let Some(o) = get_org(&self.conn, &id)? {
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
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
        crate::cases::refresh_summaries_for_org(&tx, &org.id)?;
        tx.commit()?;
        Ok(org)
    }

    /// Facilities whose names, operator or city contain every word of `text`.
    pub fn search_facilities(&self, text: &str, limit: u32) -> Result<Vec<Facility>> {
        search_registry(
            &self.conn,
            "facilities",
            FACILITY_COLUMNS,
            text,
            limit,
            facility_from_row,
        )
    }

    /// One facility.
    pub fn facility(&self, id: &str) -> Result<Facility> {
        get_facility(&self.conn, id)?.ok_or_else(|| Error::UnknownEntry {
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
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
        crate::cases::refresh_summaries_for_facility(&tx, &f.id)?;
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut changed = 0;
        for f in facilities {
            let current = get_facility(&tx, &f.id)?;
            let wanted = Facility {
                builtin: true,
                ..f.clone()
            };
            if current.as_ref() != Some(&wanted) {
                write_facility(&tx, &wanted, now)?;
                crate::cases::refresh_summaries_for_facility(&tx, &f.id)?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }
}
