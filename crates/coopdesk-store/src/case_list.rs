//! The case list: search, filter, sort and page.
//!
//! Rows come from denormalised columns of `cases` (`partner_names`, `facility_name`, `search_text`),
//! so a page of the list is one indexed query without joins, fast at 10 000 cases and more.
//!
//! The filters by level, facility and partner country are the dashboard's buckets
//! ([`crate::dashboard`]): a bar of a dashboard chart turns into a [`CaseQuery`] that lists exactly
//! the cases it counted, because both are built from the same [`Filter`].

use chrono::{DateTime, Utc};
use coopdesk_core::Level;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{CaseStatus, Date};

use crate::columns;
use crate::error::Result;
use crate::search::words;
use crate::sql::{Engine, Param, Query, Sql, contains, json_values, order_nocase};
use crate::store::Store;

/// Largest page the list returns at once.
pub const MAX_PAGE: u32 = 1_000;

/// Order of the case list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// Most recently changed first.
    #[default]
    UpdatedDesc,
    /// Least recently changed first.
    UpdatedAsc,
    /// Title A–Z.
    TitleAsc,
    /// Title Z–A.
    TitleDesc,
    /// By lifecycle state, then most recently changed.
    Status,
    /// By planned start, earliest first, cases without a start last.
    StartAsc,
}

impl CaseSort {
    fn order_by(self, db: &dyn Sql) -> String {
        match self {
            CaseSort::UpdatedDesc => "updated_at DESC, id".into(),
            CaseSort::UpdatedAsc => "updated_at ASC, id".into(),
            CaseSort::TitleAsc => format!("{} ASC, id", order_nocase(db, "title")),
            CaseSort::TitleDesc => format!("{} DESC, id", order_nocase(db, "title")),
            CaseSort::Status => {
                "CASE status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 1 WHEN 'approved_with_conditions' THEN 2 \
                 WHEN 'approved' THEN 3 WHEN 'declined' THEN 4 ELSE 5 END, updated_at DESC, id"
                    .into()
            }
            CaseSort::StartAsc => "start_date IS NULL, start_date ASC, id".into(),
        }
    }
}

/// What the case list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseQuery {
    /// Words that must all appear in the title, id, a partner's name in any script, or the facility.
    pub text: String,
    /// Only cases in this state.
    pub status: Option<CaseStatus>,
    /// Order.
    pub sort: CaseSort,
    /// Index of the first row to return.
    pub offset: u32,
    /// Number of rows to return (at most [`MAX_PAGE`]).
    pub limit: u32,
    /// Only cases with overdue actions.
    #[serde(default)]
    pub overdue_only: bool,
    /// Only open cases ([`OPEN_STATUSES`]): the portfolio the dashboard shows by default.
    #[serde(default)]
    pub open_only: bool,
    /// Only cases whose latest assessment is provisional (key questions still unanswered).
    #[serde(default)]
    pub provisional_only: bool,
    /// Only cases whose latest assessment has this overall level (or that were never assessed).
    #[serde(default)]
    pub level: Option<LevelGroup>,
    /// Only cases at this facility (facility ids), without one, or at none of the listed ones.
    #[serde(default)]
    pub facility: Option<Bucket>,
    /// Only cases with a partner in this country (ISO codes), with a partner whose country is not
    /// recorded, or with a partner in a country other than the listed ones.
    #[serde(default)]
    pub partner_country: Option<Bucket>,
}

/// The states of an open case: not yet decided, or approved with conditions that are still being
/// followed up. The same cases as the portfolio report; approved, declined and withdrawn cases are
/// closed.
pub const OPEN_STATUSES: &[CaseStatus] = &[
    CaseStatus::Draft,
    CaseStatus::InReview,
    CaseStatus::ApprovedWithConditions,
];

/// A case's overall level as the case list filters and the dashboard counts it: one of the four
/// levels of its latest assessment, or not assessed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LevelGroup {
    /// Overall level `critical`.
    Critical,
    /// Overall level `high`.
    High,
    /// Overall level `medium`.
    Medium,
    /// Overall level `low`.
    Low,
    /// Never assessed (no cached level).
    NotAssessed,
}

impl LevelGroup {
    /// Every group, worst first: the order of the dashboard's level chart.
    pub const ALL: &'static [LevelGroup] = &[
        LevelGroup::Critical,
        LevelGroup::High,
        LevelGroup::Medium,
        LevelGroup::Low,
        LevelGroup::NotAssessed,
    ];

    /// The group of a cached overall level.
    pub fn of(level: Option<Level>) -> LevelGroup {
        match level {
            Some(Level::Critical) => LevelGroup::Critical,
            Some(Level::High) => LevelGroup::High,
            Some(Level::Medium) => LevelGroup::Medium,
            Some(Level::Low) => LevelGroup::Low,
            None => LevelGroup::NotAssessed,
        }
    }

    /// The level of the group; `None` for [`LevelGroup::NotAssessed`].
    pub fn level(self) -> Option<Level> {
        match self {
            LevelGroup::Critical => Some(Level::Critical),
            LevelGroup::High => Some(Level::High),
            LevelGroup::Medium => Some(Level::Medium),
            LevelGroup::Low => Some(Level::Low),
            LevelGroup::NotAssessed => None,
        }
    }

    /// The wire name (`critical` … `not_assessed`).
    pub fn as_str(self) -> &'static str {
        match self {
            LevelGroup::Critical => "critical",
            LevelGroup::High => "high",
            LevelGroup::Medium => "medium",
            LevelGroup::Low => "low",
            LevelGroup::NotAssessed => "not_assessed",
        }
    }
}

/// Which cases of a grouping (by facility, by partner country) a filter or a dashboard bar means.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// The group with this key (a facility id, a country code).
    Is(String),
    /// Cases without a value (no facility; a partner whose country is not recorded).
    Missing,
    /// Cases with a value that is none of these keys: the dashboard's "others" bar, which lists the
    /// groups it shows by name.
    OtherThan(Vec<String>),
}

/// Open actions of a case past their due date. "Today" is SQLite's local date: the case list runs on
/// the user's computer, whose calendar is the one that matters for "overdue" (on a team database,
/// the session's date). Most cases have no action plan (the store writes it as `[]`); skipping the
/// JSON walk for them roughly halves the cost of counting over every case, as the overdue filter
/// and the dashboard do.
pub(crate) fn overdue_actions(db: &dyn Sql) -> &'static str {
    match db.engine() {
        Engine::Sqlite => {
            "(CASE WHEN cases.actions = '[]' THEN 0 ELSE
              (SELECT count(*) FROM json_each(cases.actions) AS a
                WHERE json_extract(a.value, '$.status') = 'open'
                  AND json_extract(a.value, '$.due') < date('now', 'localtime')) END)"
        }
        #[cfg(feature = "team")]
        Engine::Postgres => {
            "(CASE WHEN cases.actions = '[]' THEN 0 ELSE
              (SELECT count(*) FROM jsonb_array_elements(CAST(cases.actions AS jsonb)) AS a(value)
                WHERE a.value->>'status' = 'open'
                  AND a.value->>'due' < to_char(current_date, 'YYYY-MM-DD')) END)"
        }
    }
}

/// The latest assessment is provisional: key questions were unanswered. A case assessed before the
/// count was kept (NULL) is not counted; the app re-assesses such cases when it opens the database.
pub(crate) const PROVISIONAL: &str = "cases.open_key_questions > 0";

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseRow {
    /// Case id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Lifecycle state.
    pub status: CaseStatus,
    /// Partner display names, in case order.
    pub partners: Vec<String>,
    /// Facility name, empty when none is set.
    pub facility: String,
    /// Planned start.
    pub start: Option<Date>,
    /// Overall level of the latest assessment; `None` before the first one.
    pub overall: Option<Level>,
    /// Open actions of the action plan whose due date has passed (by this computer's calendar).
    pub overdue_actions: u32,
    /// Key questions the latest assessment found unanswered (more than zero: the level is
    /// provisional); `None` before the first assessment.
    pub open_key_questions: Option<u32>,
    /// Last change (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A page of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CasePage {
    /// Number of cases matching the query in all.
    pub total: u32,
    /// Index of the first row in `rows`.
    pub offset: u32,
    /// The rows.
    pub rows: Vec<CaseRow>,
}

impl Store {
    /// One page of the case list.
    pub fn list_cases(&self, q: &CaseQuery) -> Result<CasePage> {
        let db = self.db();
        let filter = Filter::of(db, q);
        let total = count_cases(db, &filter)?;
        let limit = q.limit.min(MAX_PAGE);
        let sql = format!(
            "SELECT id, title, status, partner_names, facility_name, start_date, updated_at, overall_level,
                 {}, open_key_questions FROM cases {}
             ORDER BY {} LIMIT {limit} OFFSET {}",
            overdue_actions(db),
            filter.sql,
            q.sort.order_by(db),
            q.offset
        );
        let rows = db.query_vec(&sql, &filter.params(), |r| {
            let start: Option<String> = r.get(5)?;
            let partners: String = r.get(3)?;
            Ok(CaseRow {
                id: r.get(0)?,
                title: r.get(1)?,
                status: columns::vocab(r, 2, "cases.status", CaseStatus::parse)?,
                // The column has a CHECK that it is valid JSON; it is always written as an array.
                partners: serde_json::from_str(&partners).unwrap_or_default(),
                facility: r.get(4)?,
                start: start.as_deref().and_then(Date::parse),
                overall: columns::vocab_opt(r, 7, "cases.overall_level", Level::parse)?,
                overdue_actions: count(r.get(8)?),
                open_key_questions: r.get::<Option<i64>>(9)?.map(count),
                updated_at: columns::time(r, 6, "cases.updated_at")?,
            })
        })?;
        Ok(CasePage {
            total,
            offset: q.offset,
            rows,
        })
    }
}

/// The `WHERE` clause of a case query over `cases` (unqualified columns are `cases`' own) with its
/// arguments, numbered `?1`, `?2` … in order.
pub(crate) struct Filter {
    /// `WHERE …`.
    pub(crate) sql: String,
    /// The values of the placeholders.
    pub(crate) args: Vec<String>,
}

/// A partner of the case whose organisation's country satisfies `condition` (on `o.country`).
///
/// An uncorrelated `IN` rather than `EXISTS`: SQLite computes the set of matching cases once (from
/// the few hundred organisations through the `case_partners_org` index) instead of joining the
/// partners of every case, which makes a country filter on 10 000 cases several times faster.
fn partner_country_exists(condition: &str) -> String {
    format!(
        " AND cases.id IN (SELECT cp.case_id FROM case_partners cp JOIN organisations o ON o.id = cp.org_id
                           WHERE {condition})"
    )
}

impl Filter {
    /// The filter of a query: every condition it sets (paging and order aside).
    pub(crate) fn of(db: &dyn Sql, q: &CaseQuery) -> Filter {
        let mut f = Filter {
            sql: String::from("WHERE 1 = 1"),
            args: Vec::new(),
        };
        if let Some(s) = q.status {
            let n = f.arg(s.as_str().to_owned());
            f.sql.push_str(&format!(" AND cases.status = ?{n}"));
        }
        if q.open_only {
            f.sql.push_str(&format!(" AND {}", open_condition()));
        }
        if q.overdue_only {
            f.sql.push_str(&format!(" AND {} > 0", overdue_actions(db)));
        }
        if q.provisional_only {
            f.sql.push_str(&format!(" AND {PROVISIONAL}"));
        }
        match q.level.map(LevelGroup::level) {
            None => {}
            Some(None) => f.sql.push_str(" AND cases.overall_level IS NULL"),
            Some(Some(level)) => {
                let n = f.arg(level.as_str().to_owned());
                f.sql.push_str(&format!(" AND cases.overall_level = ?{n}"));
            }
        }
        match &q.facility {
            None => {}
            Some(Bucket::Is(id)) => {
                let n = f.arg(id.clone());
                f.sql.push_str(&format!(" AND cases.facility_id = ?{n}"));
            }
            Some(Bucket::Missing) => f.sql.push_str(" AND cases.facility_id IS NULL"),
            Some(Bucket::OtherThan(ids)) => {
                let n = f.arg(json_array(ids.iter().cloned()));
                f.sql.push_str(&format!(
                    " AND cases.facility_id IS NOT NULL
                      AND cases.facility_id NOT IN ({})",
                    json_values(db, n)
                ));
            }
        }
        match &q.partner_country {
            None => {}
            Some(Bucket::Is(code)) => {
                let n = f.arg(country_key(code));
                f.sql
                    .push_str(&partner_country_exists(&format!("o.country = ?{n}")));
            }
            Some(Bucket::Missing) => f.sql.push_str(&partner_country_exists("o.country IS NULL")),
            Some(Bucket::OtherThan(codes)) => {
                let n = f.arg(json_array(codes.iter().map(|c| country_key(c))));
                f.sql.push_str(&partner_country_exists(&format!(
                    "o.country IS NOT NULL AND o.country NOT IN ({})",
                    json_values(db, n)
                )));
            }
        }
        for w in words(&q.text) {
            let n = f.arg(w);
            f.sql
                .push_str(&format!(" AND {}", contains(db, "cases.search_text", n)));
        }
        f
    }

    /// Adds an argument and returns its placeholder number.
    fn arg(&mut self, v: String) -> usize {
        self.args.push(v);
        self.args.len()
    }

    /// The arguments as statement parameters.
    pub(crate) fn params(&self) -> Vec<&dyn Param> {
        self.args.iter().map(|a| a as &dyn Param).collect()
    }
}

/// `cases.status IN ('draft', …)` for [`OPEN_STATUSES`]. The names are the vocabulary's own
/// constants, so writing them into the SQL text is safe, and it keeps one statement text per query
/// shape for the statement cache.
pub(crate) fn open_condition() -> String {
    let names: Vec<String> = OPEN_STATUSES
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("cases.status IN ({})", names.join(", "))
}

/// Country codes are stored upper case (`CountryCode`); a key from outside is compared the same way.
fn country_key(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

/// A list of keys as one JSON-array argument: `json_each` reads it, so any number of keys takes one
/// placeholder (no limit on SQL variables, one statement text for the cache).
fn json_array(keys: impl Iterator<Item = String>) -> String {
    let keys: Vec<String> = keys.collect();
    // Serialising strings cannot fail; an empty array excludes nothing.
    serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into())
}

/// A count from the database (never negative) as `u32`, saturating.
pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// Number of cases a filter matches.
pub(crate) fn count_cases(db: &dyn Sql, f: &Filter) -> Result<u32> {
    let n: i64 = db.query_one(
        &format!("SELECT count(*) FROM cases {}", f.sql),
        &f.params(),
        |r| r.get(0),
    )?;
    Ok(count(n))
}
