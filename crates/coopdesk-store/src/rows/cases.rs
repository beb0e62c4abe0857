//! Case rows: reading and writing one case's row and its cached summary, inside a caller's
//! connection or transaction. The use cases on top are in `cases.rs` (and `import.rs`, `bundles.rs`,
//! `lifecycle.rs`).

use chrono::{DateTime, Utc};

use coopdesk_core::{Case, CasePartner, CaseStatus, Date, PartnerRole, Problem, Problems};

use crate::columns;
use crate::error::{Error, Result};
use crate::rows::registry::{get_facility, get_org, org_names};
use crate::rows::revisions::record_revision;
use crate::search::search_key;
use crate::sql::{Engine, Query, Sql, SqlRow, args};

pub(crate) const CASE_COLUMNS: &str = "id, title, summary, status, home, facility_id, fields, activities, items, data, \
     people, funding, agreements, answers, start_date, end_date, notes, extensions, created_at, updated_at, actions, workshops";

/// Reads a JSON column, naming the row and column if it does not read back.
pub(crate) fn json_col<T: serde::de::DeserializeOwned>(
    r: &SqlRow<'_>,
    idx: usize,
    column: &'static str,
) -> Result<T> {
    let id: String = r.get(0)?;
    let text: String = r.get(idx)?;
    serde_json::from_str(&text).map_err(|source| Error::Corrupt {
        table: "cases",
        column,
        id,
        source,
    })
}

pub(crate) fn case_from_row(r: &SqlRow<'_>) -> Result<Case> {
    let status = columns::vocab(r, 3, "cases.status", CaseStatus::parse)?;
    let home: Option<String> = r.get(4)?;
    let start: Option<String> = r.get(14)?;
    let end: Option<String> = r.get(15)?;
    let id: String = r.get(0)?;
    Ok(Case {
        id: id.clone(),
        title: r.get(1)?,
        summary: r.get(2)?,
        status,
        home: match home {
            None => None,
            Some(h) => Some(serde_json::from_str(&h).map_err(|source| Error::Corrupt {
                table: "cases",
                column: "home",
                id: id.clone(),
                source,
            })?),
        },
        facility_id: r.get(5)?,
        partners: Vec::new(),
        fields: json_col(r, 6, "fields")?,
        activities: json_col(r, 7, "activities")?,
        items: json_col(r, 8, "items")?,
        data: json_col(r, 9, "data")?,
        people: json_col(r, 10, "people")?,
        funding: json_col(r, 11, "funding")?,
        agreements: json_col(r, 12, "agreements")?,
        answers: json_col(r, 13, "answers")?,
        start: start.as_deref().and_then(Date::parse),
        end: end.as_deref().and_then(Date::parse),
        notes: r.get(16)?,
        extensions: json_col(r, 17, "extensions")?,
        created_at: columns::time(r, 18, "cases.created_at")?,
        updated_at: columns::time(r, 19, "cases.updated_at")?,
        actions: json_col(r, 20, "actions")?,
        workshops: json_col(r, 21, "workshops")?,
    })
}

pub(crate) fn read_case(db: &dyn Sql, id: &str) -> Result<Option<Case>> {
    let Some(mut case) = db.query_opt(
        &format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"),
        args![id],
        case_from_row,
    )?
    else {
        return Ok(None);
    };
    case.partners = db.query_vec(
        "SELECT org_id, role FROM case_partners WHERE case_id = ?1 ORDER BY position",
        args![id],
        |r| {
            Ok(CasePartner {
                org_id: r.get(0)?,
                role: columns::vocab(r, 1, "case_partners.role", PartnerRole::parse)?,
            })
        },
    )?;
    Ok(Some(case))
}

/// Holds the case's row for the rest of the caller's write transaction, so that two writers of one
/// case take turns: each then reads what the other committed before it changes anything. SQLite's
/// `BEGIN IMMEDIATE` already serialises every writer; PostgreSQL locks the row (`FOR UPDATE`).
#[cfg_attr(not(feature = "team"), allow(unused_variables))]
pub(crate) fn lock_case(db: &dyn Sql, id: &str) -> Result<()> {
    match db.engine() {
        Engine::Sqlite => Ok(()),
        #[cfg(feature = "team")]
        Engine::Postgres => {
            db.query_opt(
                "SELECT id FROM cases WHERE id = ?1 FOR UPDATE",
                args![id],
                |_| Ok(()),
            )?;
            Ok(())
        }
    }
}

pub(crate) fn case_exists(db: &dyn Sql, id: &str) -> Result<bool> {
    db.exists("SELECT id FROM cases WHERE id = ?1", args![id])
}

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Serialising plain data structs to a string cannot fail; an empty array keeps the row valid.
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// Checks that every registry reference of a case exists.
pub(crate) fn check_references(db: &dyn Sql, case: &Case) -> Result<Vec<Problem>> {
    let mut p = Vec::new();
    if let Some(f) = &case.facility_id
        && get_facility(db, f)?.is_none()
    {
        p.push(Problem::at(
            "facility_id",
            format!("no facility with id \"{f}\""),
        ));
    }
    for (i, partner) in case.partners.iter().enumerate() {
        if get_org(db, &partner.org_id)?.is_none() {
            p.push(Problem::at(
                format!("partners[{i}].org_id"),
                format!("no organisation with id \"{}\"", partner.org_id),
            ));
        }
    }
    Ok(p)
}

/// Writes a case whole (insert or replace) inside the caller's transaction. `created_at` is kept for
/// an existing case; `updated_at` becomes `now`. Records it as a new revision (with its audit entry)
/// when its content changed, and returns that revision's number.
pub(crate) fn write_case(
    db: &dyn Sql,
    case: &Case,
    now: DateTime<Utc>,
    actor: &str,
    action: &str,
) -> Result<Option<i64>> {
    let mut problems = case.check();
    problems.extend(check_references(db, case)?);
    if !coopdesk_core::limits::is_valid_id(&case.id) {
        problems.push(Problem::at(
            "id",
            "expected 1 to 64 letters, digits, '.', '_' or '-'",
        ));
    }
    if !problems.is_empty() {
        return Err(Error::invalid(Problems::new(case.id.clone(), problems)));
    }
    let at = now;
    let now = now.to_rfc3339();
    db.execute(
        &format!(
            "INSERT INTO cases ({CASE_COLUMNS}) VALUES
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20, ?21)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, summary = excluded.summary,
                 status = excluded.status, home = excluded.home, facility_id = excluded.facility_id,
                 fields = excluded.fields, activities = excluded.activities, items = excluded.items,
                 data = excluded.data, people = excluded.people, funding = excluded.funding,
                 agreements = excluded.agreements, answers = excluded.answers,
                 start_date = excluded.start_date, end_date = excluded.end_date, notes = excluded.notes,
                 extensions = excluded.extensions, updated_at = excluded.updated_at,
                 actions = excluded.actions, workshops = excluded.workshops"
        ),
        args![
            case.id,
            case.title.trim(),
            case.summary,
            case.status.as_str(),
            case.home.as_ref().map(to_json),
            case.facility_id,
            to_json(&case.fields),
            to_json(&case.activities),
            to_json(&case.items),
            to_json(&case.data),
            to_json(&case.people),
            to_json(&case.funding),
            to_json(&case.agreements),
            to_json(&case.answers),
            case.start.map(|d| d.to_string()),
            case.end.map(|d| d.to_string()),
            case.notes,
            to_json(&case.extensions),
            now,
            to_json(&case.actions),
            to_json(&case.workshops),
        ],
    )?;
    db.execute(
        "DELETE FROM case_partners WHERE case_id = ?1",
        args![case.id],
    )?;
    for (i, p) in case.partners.iter().enumerate() {
        db.execute(
            "INSERT INTO case_partners (case_id, position, org_id, role) VALUES (?1, ?2, ?3, ?4)",
            args![case.id, i as i64, p.org_id, p.role.as_str()],
        )?;
    }
    refresh_summary(db, &case.id)?;
    // The revision holds the case as stored (the title is stored trimmed).
    if case.title.trim() == case.title {
        record_revision(db, case, at, actor, action)
    } else {
        let mut stored = case.clone();
        stored.title = case.title.trim().to_owned();
        record_revision(db, &stored, at, actor, action)
    }
}

/// Recomputes the denormalised list and search columns of one case from its partners and facility.
pub(crate) fn refresh_summary(db: &dyn Sql, case_id: &str) -> Result<()> {
    let (title, facility_id): (String, Option<String>) = db.query_one(
        "SELECT title, facility_id FROM cases WHERE id = ?1",
        args![case_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut search = vec![search_key(&title), search_key(case_id)];
    let mut partner_names = Vec::new();
    let org_ids: Vec<String> = db.query_vec(
        "SELECT o.id FROM case_partners cp JOIN organisations o ON o.id = cp.org_id
         WHERE cp.case_id = ?1 ORDER BY cp.position",
        args![case_id],
        |r| r.get(0),
    )?;
    for id in org_ids {
        if let Some(o) = get_org(db, &id)? {
            partner_names.push(o.name.clone());
            search.extend(org_names(&o).into_iter().map(search_key));
        }
    }
    let mut facility_name = String::new();
    if let Some(fid) = facility_id
        && let Some(f) = get_facility(db, &fid)?
    {
        search.push(search_key(&f.name));
        if let Some(z) = &f.name_zh {
            search.push(search_key(z));
        }
        facility_name = f.name;
    }
    db.execute(
        "UPDATE cases SET search_text = ?2, partner_names = ?3, facility_name = ?4 WHERE id = ?1",
        args![
            case_id,
            search.join("\n"),
            serde_json::to_string(&partner_names).unwrap_or_else(|_| "[]".into()),
            facility_name
        ],
    )?;
    Ok(())
}

pub(crate) fn refresh_summaries_for_org(db: &dyn Sql, org_id: &str) -> Result<()> {
    let ids: Vec<String> = db.query_vec(
        "SELECT DISTINCT case_id FROM case_partners WHERE org_id = ?1",
        args![org_id],
        |r| r.get(0),
    )?;
    for id in ids {
        refresh_summary(db, &id)?;
    }
    Ok(())
}

pub(crate) fn refresh_summaries_for_facility(db: &dyn Sql, facility_id: &str) -> Result<()> {
    let ids: Vec<String> = db.query_vec(
        "SELECT id FROM cases WHERE facility_id = ?1",
        args![facility_id],
        |r| r.get(0),
    )?;
    for id in ids {
        refresh_summary(db, &id)?;
    }
    Ok(())
}
