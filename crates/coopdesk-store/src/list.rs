//! The case list: search, filter, sort and page.
//!
//! Rows come from denormalised columns of `cases` (`partner_names`, `facility_name`, `search_text`),
//! so a page of the list is one indexed query without joins, fast at 10 000 cases and more.

use chrono::{DateTime, Utc};
use coopdesk_assess::Level;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{CaseStatus, Date};

use crate::error::Result;
use crate::open::Store;
use crate::search::words;

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
    fn order_by(self) -> &'static str {
        match self {
            CaseSort::UpdatedDesc => "updated_at DESC, id",
            CaseSort::UpdatedAsc => "updated_at ASC, id",
            CaseSort::TitleAsc => "title COLLATE NOCASE ASC, id",
            CaseSort::TitleDesc => "title COLLATE NOCASE DESC, id",
            CaseSort::Status => {
                "CASE status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 1 WHEN 'approved_with_conditions' THEN 2 \
                 WHEN 'approved' THEN 3 WHEN 'declined' THEN 4 ELSE 5 END, updated_at DESC, id"
            }
            CaseSort::StartAsc => "start_date IS NULL, start_date ASC, id",
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
}

/// Open actions of a case past their due date. "Today" is SQLite's local date: the case list runs on
/// the user's computer, whose calendar is the one that matters for "overdue".
const OVERDUE_ACTIONS: &str = "(SELECT count(*) FROM json_each(cases.actions) AS a
      WHERE json_extract(a.value, '$.status') = 'open'
        AND json_extract(a.value, '$.due') < date('now', 'localtime'))";

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
        let mut filter = String::from("WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(s) = q.status {
            args.push(Value::Text(s.as_str().to_owned()));
            filter.push_str(&format!(" AND status = ?{}", args.len()));
        }
        if q.overdue_only {
            filter.push_str(&format!(" AND {OVERDUE_ACTIONS} > 0"));
        }
        for w in words(&q.text) {
            args.push(Value::Text(w));
            // instr, not LIKE: no escaping of % and _, and it is exact for any script.
            filter.push_str(&format!(" AND instr(search_text, ?{}) > 0", args.len()));
        }
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM cases {filter}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let limit = q.limit.min(MAX_PAGE);
        let sql = format!(
            "SELECT id, title, status, partner_names, facility_name, start_date, updated_at, overall_level,
                 {OVERDUE_ACTIONS} FROM cases {filter}
             ORDER BY {} LIMIT {limit} OFFSET {}",
            q.sort.order_by(),
            q.offset
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let status: String = r.get(2)?;
                let start: Option<String> = r.get(5)?;
                let updated: String = r.get(6)?;
                let partners: String = r.get(3)?;
                let overall: Option<String> = r.get(7)?;
                Ok(CaseRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    status: CaseStatus::parse(&status).unwrap_or_default(),
                    // The column has a CHECK that it is valid JSON; it is always written as an array.
                    partners: serde_json::from_str(&partners).unwrap_or_default(),
                    facility: r.get(4)?,
                    start: start.as_deref().and_then(Date::parse),
                    overall: overall.as_deref().and_then(Level::parse),
                    overdue_actions: r.get(8)?,
                    updated_at: DateTime::parse_from_rfc3339(&updated)
                        .map(|t| t.with_timezone(&Utc))
                        .unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(CasePage {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            offset: q.offset,
            rows,
        })
    }
}
