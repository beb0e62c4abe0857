//! Screening case partners against the bundled restriction-list snapshot
//! (`assets/reference/restricted_entities.csv`), and handing the hits to the assessment.
//!
//! Stored snapshots, imports of newer lists and the review of hits (confirm / false positive) follow;
//! until then every hit at or above the threshold counts as an unreviewed strong hit.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use coopdesk_assess::ScreeningFinding;
use coopdesk_core::Organisation;
use coopdesk_screen::{Hit, MATCH_THRESHOLD, Screener, parse_csv};
use serde::Serialize;

use crate::api::{ErrorCode, IpcError};

/// File name of the bundled snapshot, as errors name it.
pub const BUNDLED_LIST_FILE: &str = "assets/reference/restricted_entities.csv";
/// The bundled snapshot, compiled in so that screening works offline.
pub const BUNDLED_LIST: &str = include_str!("../../../assets/reference/restricted_entities.csv");

/// The result of `coopdesk screen NAME` (the contract's shape).
#[derive(Debug, Clone, Serialize)]
pub struct ScreenResult {
    /// The name as given.
    pub query: String,
    /// Hits at or above the threshold, best first.
    pub hits: Vec<Hit>,
    /// The match threshold (hits below it are not reported).
    pub threshold: f64,
}

/// The screener over the bundled snapshot, built once per process.
pub fn bundled_screener() -> Result<&'static Screener, IpcError> {
    static SCREENER: OnceLock<Result<Screener, String>> = OnceLock::new();
    SCREENER
        .get_or_init(|| {
            parse_csv(BUNDLED_LIST_FILE, BUNDLED_LIST.as_bytes())
                .map(|snapshot| Screener::new(snapshot.entries))
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("bundled restriction list: {e}"),
            )
        })
}

/// Screens one name.
pub fn screen_name(name: &str) -> Result<ScreenResult, IpcError> {
    let hits = bundled_screener()?.screen(name);
    Ok(ScreenResult {
        query: name.to_owned(),
        hits,
        threshold: MATCH_THRESHOLD,
    })
}

/// Hits per set of names. Organisations recur across many cases, and the bundled snapshot never
/// changes while the process runs, so an organisation is screened once until one of its names changes
/// (the names are the key). Bounded so that a huge registry cannot grow it without limit.
fn cached_hits(screener: &Screener, names: &[&str]) -> Vec<Hit> {
    static CACHE: OnceLock<Mutex<HashMap<String, Vec<Hit>>>> = OnceLock::new();
    const MAX_ENTRIES: usize = 20_000;
    let key = names.join("\u{1f}");
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hits) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return hits.clone();
    }
    let hits = screener.screen_names(names);
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(key, hits.clone());
    hits
}

/// All names an organisation is known by, in any script.
fn names_of(o: &Organisation) -> Vec<&str> {
    std::iter::once(o.name.as_str())
        .chain(o.name_zh.as_deref())
        .chain(o.name_zh_hant.as_deref())
        .chain(o.name_pinyin.as_deref())
        .chain(o.aliases.iter().map(String::as_str))
        .filter(|n| !n.trim().is_empty())
        .collect()
}

/// Screens a case's partners (and, through `organisations`, their parents) and returns the hits as
/// findings for the assessment. A hit on a parent counts for the partner, explained as such.
pub fn findings_for(
    partner_ids: &[&str],
    organisations: &[Organisation],
) -> Result<Vec<ScreeningFinding>, IpcError> {
    let screener = bundled_screener()?;
    let by_id = |id: &str| organisations.iter().find(|o| o.id == id);
    let mut out: Vec<ScreeningFinding> = Vec::new();
    for id in partner_ids {
        let Some(partner) = by_id(id) else { continue };
        // The partner itself, then each parent up the chain (cycles are refused by the registry;
        // the bound is a second guard).
        let mut current = Some(partner);
        let mut depth = 0;
        while let Some(org) = current {
            for hit in cached_hits(screener, &names_of(org)) {
                if out
                    .iter()
                    .any(|f| f.partner == partner.name && f.entity == hit.entity)
                {
                    continue;
                }
                out.push(ScreeningFinding {
                    partner: partner.name.clone(),
                    entity: hit.entity,
                    entity_name: hit.name,
                    list: hit.list,
                    score: hit.score,
                    via_parent: depth > 0 || hit.via_parent.is_some(),
                    confirmed: false,
                });
            }
            depth += 1;
            current = if depth < 8 {
                org.parent_id.as_deref().and_then(by_id)
            } else {
                None
            };
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_loads_and_finds_a_listed_university_in_chinese() {
        let r = screen_name("哈尔滨工业大学").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.hits.first().map(|h| h.entity.as_str()), Some("el-hit"));
        assert!(
            screen_name("Deutsches Elektronen-Synchrotron")
                .map(|r| r.hits.is_empty())
                .unwrap_or(false)
        );
    }
}
