//! Registry rows: organisations and facilities, read and written inside a caller's connection or
//! transaction, and found by name or search words.

use chrono::{DateTime, Utc};

use coopdesk_core::{CountryCode, Facility, FacilityKind, OrgKind, Organisation};

use crate::error::{Error, Result};
use crate::search::{search_key, words};
use crate::sql::{Query, Sql, SqlRow, args, contains, order_nocase};

pub(crate) const ORG_COLUMNS: &str =
    "id, name, name_zh, name_zh_hant, name_pinyin, aliases, country, kind, parent_id";
pub(crate) const FACILITY_COLUMNS: &str =
    "id, name, name_zh, country, city, kind, operator, operator_zh, notes, source, builtin";

pub(crate) fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

pub(crate) fn org_from_row(r: &SqlRow<'_>) -> Result<Organisation> {
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

pub(crate) fn facility_from_row(r: &SqlRow<'_>) -> Result<Facility> {
    let country: String = r.get(3)?;
    let kind: String = r.get(5)?;
    let bad = |column: &str, value: &str, expected: &'static str| Error::Unreadable {
        column: column.to_owned(),
        value: value.to_owned(),
        expected,
    };
    let builtin: i64 = r.get(10)?;
    Ok(Facility {
        id: r.get(0)?,
        name: r.get(1)?,
        name_zh: r.get(2)?,
        country: CountryCode::parse(&country)
            .ok_or_else(|| bad("facilities.country", &country, "a country code"))?,
        city: r.get(4)?,
        kind: FacilityKind::parse(&kind)
            .ok_or_else(|| bad("facilities.kind", &kind, "a facility kind"))?,
        operator: r.get(6)?,
        operator_zh: r.get(7)?,
        notes: r.get(8)?,
        source: r.get(9)?,
        // A flag is an integer in both engines.
        builtin: builtin != 0,
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

pub(crate) fn org_search_text(o: &Organisation) -> String {
    org_names(o)
        .into_iter()
        .map(search_key)
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn facility_search_text(f: &Facility) -> String {
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

pub(crate) fn get_org(db: &dyn Sql, id: &str) -> Result<Option<Organisation>> {
    db.query_opt(
        &format!("SELECT {ORG_COLUMNS} FROM organisations WHERE id = ?1"),
        args![id],
        org_from_row,
    )
}

pub(crate) fn get_facility(db: &dyn Sql, id: &str) -> Result<Option<Facility>> {
    db.query_opt(
        &format!("SELECT {FACILITY_COLUMNS} FROM facilities WHERE id = ?1"),
        args![id],
        facility_from_row,
    )
}

/// Inserts or replaces an organisation row, keeping its creation time.
pub(crate) fn write_org(db: &dyn Sql, o: &Organisation, now: DateTime<Utc>) -> Result<()> {
    let aliases = serde_json::to_string(&o.aliases).unwrap_or_else(|_| "[]".into());
    db.execute(
        "INSERT INTO organisations (id, name, name_zh, name_zh_hant, name_pinyin, aliases, country, kind,
                                    parent_id, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh,
             name_zh_hant = excluded.name_zh_hant, name_pinyin = excluded.name_pinyin,
             aliases = excluded.aliases, country = excluded.country, kind = excluded.kind,
             parent_id = excluded.parent_id, search_text = excluded.search_text,
             updated_at = excluded.updated_at",
        args![
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
pub(crate) fn write_facility(db: &dyn Sql, f: &Facility, now: DateTime<Utc>) -> Result<()> {
    db.execute(
        "INSERT INTO facilities (id, name, name_zh, country, city, kind, operator, operator_zh, notes,
                                 source, builtin, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh,
             country = excluded.country, city = excluded.city, kind = excluded.kind,
             operator = excluded.operator, operator_zh = excluded.operator_zh, notes = excluded.notes,
             source = excluded.source, builtin = excluded.builtin, search_text = excluded.search_text,
             updated_at = excluded.updated_at",
        args![
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
            i64::from(f.builtin),
            facility_search_text(f),
            now.to_rfc3339(),
        ],
    )?;
    Ok(())
}

/// Finds an organisation one of whose names equals `name` (ignoring case and spacing), preferring
/// one in `country`.
pub(crate) fn find_org_by_name(
    db: &dyn Sql,
    name: &str,
    country: Option<&CountryCode>,
) -> Result<Option<Organisation>> {
    let key = search_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    let candidates = db.query_vec(
        &format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE {} ORDER BY created_at, id",
            contains(db, "search_text", 1)
        ),
        args![key],
        org_from_row,
    )?;
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
    db: &dyn Sql,
    name: &str,
    country: &CountryCode,
) -> Result<Option<Facility>> {
    let key = search_key(name);
    let rows = db.query_vec(
        &format!(
            "SELECT {FACILITY_COLUMNS} FROM facilities WHERE country = ?1 ORDER BY builtin DESC, id"
        ),
        args![country.as_str()],
        facility_from_row,
    )?;
    Ok(rows.into_iter().find(|f| {
        search_key(&f.name) == key || f.name_zh.as_deref().is_some_and(|z| search_key(z) == key)
    }))
}

/// Entries of a registry table whose `search_text` contains every word of `text`, by name, at most
/// `limit` of them.
pub(crate) fn search_registry<T>(
    db: &dyn Sql,
    table: &str,
    columns: &str,
    text: &str,
    limit: u32,
    map: fn(&SqlRow<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let ws = words(text);
    let mut sql = format!("SELECT {columns} FROM {table} WHERE 1 = 1");
    for i in 1..=ws.len() {
        // instr, not LIKE: no escaping of % and _, and it is exact for any script.
        sql.push_str(&format!(" AND {}", contains(db, "search_text", i)));
    }
    sql.push_str(&format!(
        " ORDER BY {}, id LIMIT {limit}",
        order_nocase(db, "name")
    ));
    let params: Vec<&dyn crate::sql::Param> =
        ws.iter().map(|w| w as &dyn crate::sql::Param).collect();
    db.query_vec(&sql, &params, map)
}
