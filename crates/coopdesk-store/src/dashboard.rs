//! The dashboard: how many cases there are by overall level, status, facility and partner country,
//! how many have overdue actions and how many are provisional, in one read transaction.
//!
//! Every count is of cases that a [`CaseQuery`] lists too: each bar carries the [`LevelGroup`],
//! [`CaseStatus`] or [`Bucket`] that, set in the query (with `open_only` as the dashboard had it),
//! lists exactly the cases the bar counted. Level, status, facility and overdue actions come from one
//! pass over the `cases` table (its cached `overall_level`, `facility_id` and denormalised
//! `facility_name`), the countries from `case_partners` joined to `organisations`: no schema change
//! and no extra index, about 30 ms at 10 000 cases (`cargo bench -p coopdesk-store`), once per visit
//! of the start page.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::CaseStatus;
use coopdesk_core::Level;

use crate::case_list::{
    Bucket, CaseQuery, Filter, LevelGroup, OPEN_STATUSES, PROVISIONAL, count, count_cases,
    overdue_actions as overdue_actions_sql,
};
use crate::error::Result;
use crate::store::Store;

/// How many facilities and partner countries the dashboard names; the rest share one "others" bar.
pub const TOP_GROUPS: usize = 8;

/// The start page's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    /// Whether only open cases ([`OPEN_STATUSES`]) were counted; otherwise every case.
    pub open_only: bool,
    /// Number of cases counted.
    pub total: u32,
    /// Cases by overall level, worst first, never-assessed cases last; every group, also when zero.
    pub by_level: Vec<LevelCount>,
    /// Cases by lifecycle state, in lifecycle order; every state counted, also when zero.
    pub by_status: Vec<StatusCount>,
    /// Cases by facility: the [`TOP_GROUPS`] with the most cases, then the others together, then
    /// the cases without a facility. Only non-empty bars.
    pub by_facility: Vec<BucketCount>,
    /// Cases by partner country: a case counts once for each distinct country of its partners, so
    /// the bars add up to more than `total` when cases have partners in several countries. The
    /// [`TOP_GROUPS`] countries with the most cases, then the cases with a partner in another
    /// country, then those with a partner whose country is not recorded. Only non-empty bars.
    pub by_partner_country: Vec<BucketCount>,
    /// Cases with at least one open action past its due date (by this computer's calendar).
    pub overdue_cases: u32,
    /// Open actions past their due date, in all counted cases.
    pub overdue_actions: u32,
    /// Counted cases whose latest assessment is provisional (key questions unanswered): the
    /// `provisional_only` filter of the case list.
    pub provisional_cases: u32,
}

/// One bar of the level chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelCount {
    /// The level (the `level` filter of the case list).
    pub level: LevelGroup,
    /// Number of cases.
    pub count: u32,
}

/// One bar of the status chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusCount {
    /// The state (the `status` filter of the case list).
    pub status: CaseStatus,
    /// Number of cases.
    pub count: u32,
}

/// One bar of the facility or partner-country chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BucketCount {
    /// The cases the bar counts (the `facility` or `partner_country` filter of the case list).
    pub bucket: Bucket,
    /// What the bar is called: the facility's name, or the country code (the UI names the
    /// country in its language); empty for the "others" and "missing" bars.
    pub label: String,
    /// Number of cases.
    pub count: u32,
}

/// One named group before the top ones are picked: key, label, count.
struct Group {
    key: String,
    label: String,
    count: u32,
}

impl Store {
    /// The dashboard's figures, of the open cases (`open_only`) or of all cases, read in one
    /// transaction so that the charts agree with each other and with `total`.
    pub fn dashboard(&self, open_only: bool) -> Result<Dashboard> {
        self.reading(|store| store.dashboard_now(open_only))
    }

    fn dashboard_now(&self, open_only: bool) -> Result<Dashboard> {
        let db = self.db();
        let base = CaseQuery {
            open_only,
            ..Default::default()
        };
        let filter = Filter::of(db, &base);

        // Level, status, facility and overdue actions in one pass over the cases: a group per
        // combination (a few hundred at most), added up here.
        let mut by_level: BTreeMap<LevelGroup, u32> = BTreeMap::new();
        let mut by_status: BTreeMap<&'static str, u32> = BTreeMap::new();
        let mut by_facility: BTreeMap<String, Group> = BTreeMap::new();
        let mut no_facility = 0;
        let (mut total, mut overdue_cases, mut overdue_actions) = (0u32, 0u32, 0u32);
        let mut provisional_cases = 0u32;
        {
            // Sums as BIGINT: PostgreSQL's sum of bigints is a numeric.
            let sql = format!(
                "SELECT status, overall_level, facility_id, max(facility_name), count(*),
                        CAST(coalesce(sum(CASE WHEN n > 0 THEN 1 ELSE 0 END), 0) AS BIGINT),
                        CAST(coalesce(sum(n), 0) AS BIGINT), CAST(coalesce(sum(p), 0) AS BIGINT)
                 FROM (SELECT cases.status AS status, cases.overall_level AS overall_level,
                              cases.facility_id AS facility_id, cases.facility_name AS facility_name,
                              {} AS n, CASE WHEN {PROVISIONAL} THEN 1 ELSE 0 END AS p
                       FROM cases {}) AS c
                 GROUP BY status, overall_level, facility_id",
                overdue_actions_sql(db),
                filter.sql
            );
            db.query_each(&sql, &filter.params(), &mut |r| {
                let status: String = r.get(0)?;
                let level: Option<String> = r.get(1)?;
                let facility: Option<String> = r.get(2)?;
                let n = count(r.get(4)?);
                total += n;
                overdue_cases += count(r.get(5)?);
                overdue_actions += count(r.get(6)?);
                provisional_cases += count(r.get(7)?);
                *by_level
                    .entry(LevelGroup::of(level.as_deref().and_then(Level::parse)))
                    .or_default() += n;
                // The column's CHECK constraint admits only the vocabulary's states.
                if let Some(s) = CaseStatus::parse(&status) {
                    *by_status.entry(s.as_str()).or_default() += n;
                }
                match facility {
                    Some(key) => {
                        let label: Option<String> = r.get(3)?;
                        by_facility
                            .entry(key.clone())
                            .or_insert_with(|| Group {
                                key,
                                label: label.unwrap_or_default(),
                                count: 0,
                            })
                            .count += n;
                    }
                    None => no_facility += n,
                }
                Ok(())
            })?;
        }
        let statuses: &[CaseStatus] = if open_only {
            OPEN_STATUSES
        } else {
            CaseStatus::ALL
        };

        // A case has at most one facility, so "others" is the sum of the groups left over.
        let facilities: Vec<Group> = by_facility.into_values().collect();
        let (shown, rest) = top(facilities);
        let others = rest.iter().map(|g| g.count).sum::<u32>();
        let by_facility = bars(shown, others, no_facility);

        // Partner countries: distinct cases per country. A case with partners in a shown country
        // and in another one is in both bars, so "others" is counted, not summed.
        let mut countries = Vec::new();
        let mut no_country = 0;
        {
            let sql = format!(
                "SELECT o.country, count(DISTINCT cp.case_id)
                 FROM cases JOIN case_partners cp ON cp.case_id = cases.id
                      JOIN organisations o ON o.id = cp.org_id
                 {}
                 GROUP BY o.country",
                filter.sql
            );
            db.query_each(&sql, &filter.params(), &mut |r| {
                let code: Option<String> = r.get(0)?;
                let count = count(r.get(1)?);
                match code {
                    Some(key) => countries.push(Group {
                        label: key.clone(),
                        key,
                        count,
                    }),
                    None => no_country = count,
                }
                Ok(())
            })?;
        }
        let (shown, rest) = top(countries);
        let others = if rest.is_empty() {
            0
        } else {
            count_cases(
                db,
                &Filter::of(
                    db,
                    &CaseQuery {
                        partner_country: Some(Bucket::OtherThan(
                            shown.iter().map(|g| g.key.clone()).collect(),
                        )),
                        ..base.clone()
                    },
                ),
            )?
        };
        let by_partner_country = bars(shown, others, no_country);

        Ok(Dashboard {
            open_only,
            total,
            by_level: LevelGroup::ALL
                .iter()
                .map(|&level| LevelCount {
                    level,
                    count: by_level.get(&level).copied().unwrap_or(0),
                })
                .collect(),
            by_status: statuses
                .iter()
                .map(|&status| StatusCount {
                    status,
                    count: by_status.get(status.as_str()).copied().unwrap_or(0),
                })
                .collect(),
            by_facility,
            by_partner_country,
            overdue_cases,
            overdue_actions,
            provisional_cases,
        })
    }
}

/// The groups with the most cases (ties by label, then key, so the choice is stable) and the rest.
/// When only one group would be left over it is shown by name: an "others" bar standing for a
/// single group would hide its name for nothing.
fn top(mut groups: Vec<Group>) -> (Vec<Group>, Vec<Group>) {
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
            .then_with(|| a.key.cmp(&b.key))
    });
    if groups.len() <= TOP_GROUPS + 1 {
        return (groups, Vec::new());
    }
    let rest = groups.split_off(TOP_GROUPS);
    (groups, rest)
}

/// The bars of a grouping: the named groups, then "others" and "missing" when they count any case.
fn bars(shown: Vec<Group>, others: u32, missing: u32) -> Vec<BucketCount> {
    let keys: Vec<String> = shown.iter().map(|g| g.key.clone()).collect();
    let mut out: Vec<BucketCount> = shown
        .into_iter()
        .map(|g| BucketCount {
            bucket: Bucket::Is(g.key),
            label: g.label,
            count: g.count,
        })
        .collect();
    if others > 0 {
        out.push(BucketCount {
            bucket: Bucket::OtherThan(keys),
            label: String::new(),
            count: others,
        });
    }
    if missing > 0 {
        out.push(BucketCount {
            bucket: Bucket::Missing,
            label: String::new(),
            count: missing,
        });
    }
    out
}
