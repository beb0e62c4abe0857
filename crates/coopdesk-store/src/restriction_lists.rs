//! Restriction-list snapshots: provenance, entries and the difference to the previous snapshot.
//!
//! A list (`bundled`, `us_csl`, `opensanctions`, …) has a history of snapshots, one per imported file;
//! screening uses the newest snapshot of each list. Entries are stored so that screening works offline
//! without the original file; their bodies are stored once per distinct content (keyed by the entry's
//! fingerprint), so a monthly list that changes a handful of entries adds only those.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use coopdesk_core::Level;
use coopdesk_core::restriction::{ListEntry, ListFormat};
use coopdesk_core::{Problem, Problems};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessments::{RecordedAssessment, write_assessments};
use crate::columns;
use crate::error::{Error, Result};
use crate::sql::{Query, Sql, SqlRow, args};
use crate::store::Store;

/// Longest list name, in bytes.
pub const MAX_LIST_NAME: usize = 64;

/// A stored snapshot of a restriction list, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListSnapshotRow {
    /// Snapshot id (increasing with every import).
    pub id: i64,
    /// The list it is a snapshot of (`bundled`, `us_csl`, `opensanctions`, or a name given on import).
    pub list_name: String,
    /// The file format it was read as.
    pub format: ListFormat,
    /// The file as named on import.
    pub file_name: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// When it was imported (UTC).
    pub imported_at: DateTime<Utc>,
    /// Organisation entries stored.
    pub entry_count: i64,
    /// Valid rows left out because they are not organisations (persons, vessels, aircraft …).
    pub skipped: i64,
    /// Characters repaired on reading (control characters of the CSL read by their Windows-1252
    /// meaning …); 0 for a file read as it stands.
    pub repairs: i64,
    /// The date the file says it was published or generated (`YYYY-MM-DD`: the EU file's
    /// `generationDate`, the UN file's `dateGenerated`, the UK files' "Last Updated"/"Report Date"
    /// line); `None` for formats that state none and for snapshots stored before it was recorded.
    pub published: Option<String>,
    /// Whether it is the snapshot that ships with the app.
    pub builtin: bool,
    /// The snapshot of the same list it replaced; `None` for a list's first snapshot.
    pub previous_id: Option<i64>,
    /// Entries whose id is new against the previous snapshot (all of them for a first snapshot).
    pub added: i64,
    /// Entries of the previous snapshot whose id is gone.
    pub removed: i64,
    /// Entries whose id stayed but whose content (names, lists, references …) changed.
    pub changed: i64,
    /// Whether it is the newest snapshot of its list, the one screening uses.
    pub latest: bool,
}

/// Which entries a snapshot added, removed and changed against the previous snapshot of its list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListDiff {
    /// The snapshot compared against; `None` for a list's first snapshot (every entry is added).
    pub previous_id: Option<i64>,
    /// Ids of new entries, in file order.
    pub added: Vec<String>,
    /// Ids of entries that are gone, in the previous file's order.
    pub removed: Vec<String>,
    /// Ids of entries whose content changed, in file order.
    pub changed: Vec<String>,
}

/// A parsed list file to store.
#[derive(Debug, Clone, Copy)]
pub struct SnapshotInput<'a> {
    /// The list it is a snapshot of; see [`list_name_problem`] for the accepted shape.
    pub list_name: &'a str,
    /// The format it was read as.
    pub format: ListFormat,
    /// The file name, for provenance.
    pub file_name: &'a str,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: &'a str,
    /// The organisation entries, in file order (ids unique, as every parser guarantees).
    pub entries: &'a [ListEntry],
    /// Rows left out because they are not organisations.
    pub skipped: usize,
    /// Characters the parser repaired (`ListSnapshot::repairs`), recorded as provenance.
    pub repairs: usize,
    /// The publication date the file states (`ListSnapshot::published`, `YYYY-MM-DD`).
    pub published: Option<&'a str>,
    /// Whether it ships with the app.
    pub builtin: bool,
    /// The prepared screening index of these entries, stored with the snapshot in its transaction.
    pub index: Option<ListIndexBytes<'a>>,
}

/// A stored screening index, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListIndexRow {
    /// The snapshot it indexes.
    pub snapshot_id: i64,
    /// The matcher version that prepared it.
    pub matcher: String,
    /// When it was stored: with its snapshot's import, or when it was built again later.
    pub built_at: DateTime<Utc>,
    /// Its size.
    pub bytes: i64,
}

/// A list snapshot's prepared screening index as the matcher wrote it (`Screener::to_bytes`); the
/// store keeps it as it is and hands it back only to the matcher version that wrote it.
#[derive(Debug, Clone, Copy)]
pub struct ListIndexBytes<'a> {
    /// The matcher version that prepared it (`coopdesk_screen::matcher_version`, 64 hex digits).
    pub matcher: &'a str,
    /// The index.
    pub bytes: &'a [u8],
}

/// What [`Store::add_list_snapshot`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotAdded {
    /// A new snapshot was stored (and the assessments given with it were recorded).
    New(ListSnapshotRow),
    /// The same file (same list, same SHA-256) was stored before as this snapshot; nothing changed.
    Existing(ListSnapshotRow),
}

/// Why a list name is not acceptable, if it is not: 1 to 64 lower-case ASCII letters, digits, `_` or
/// `-`, starting with a letter — a name that reads well in reports and on the command line.
pub fn list_name_problem(name: &str) -> Option<String> {
    let ok_char = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
    if name.is_empty() || name.len() > MAX_LIST_NAME {
        Some(format!("expected 1 to {MAX_LIST_NAME} characters"))
    } else if !name.bytes().all(ok_char)
        || !name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
    {
        Some(format!(
            "{name:?}: expected lower-case letters, digits, '_' or '-', starting with a letter"
        ))
    } else {
        None
    }
}

const SNAPSHOT_COLUMNS: &str = "s.id, s.list_name, s.format, s.file_name, s.sha256, s.imported_at, \
     s.entry_count, s.skipped, s.builtin, s.previous_id, s.added, s.removed, s.changed, \
     CAST(CASE WHEN s.id = (SELECT max(l.id) FROM list_snapshots l WHERE l.list_name = s.list_name) \
     THEN 1 ELSE 0 END AS BIGINT), s.repairs, s.published";

fn snapshot_from_row(r: &SqlRow<'_>) -> Result<ListSnapshotRow> {
    Ok(ListSnapshotRow {
        id: r.get(0)?,
        list_name: r.get(1)?,
        format: columns::vocab(r, 2, "list_snapshots.format", ListFormat::parse)?,
        file_name: r.get(3)?,
        sha256: r.get(4)?,
        imported_at: columns::time(r, 5, "list_snapshots.imported_at")?,
        entry_count: r.get(6)?,
        skipped: r.get(7)?,
        builtin: r.get::<i64>(8)? != 0,
        previous_id: r.get(9)?,
        added: r.get(10)?,
        removed: r.get(11)?,
        changed: r.get(12)?,
        latest: r.get::<i64>(13)? != 0,
        repairs: r.get(14)?,
        published: r.get(15)?,
    })
}

fn snapshot_by_hash(db: &dyn Sql, list: &str, sha256: &str) -> Result<Option<ListSnapshotRow>> {
    db.query_opt(
        &format!(
            "SELECT {SNAPSHOT_COLUMNS} FROM list_snapshots s WHERE s.list_name = ?1 AND s.sha256 = ?2"
        ),
        args![list, sha256],
        snapshot_from_row,
    )
}

fn snapshot_by_id(db: &dyn Sql, id: i64) -> Result<ListSnapshotRow> {
    db.query_opt(
        &format!("SELECT {SNAPSHOT_COLUMNS} FROM list_snapshots s WHERE s.id = ?1"),
        args![id],
        snapshot_from_row,
    )?
    .ok_or_else(|| Error::UnknownEntry {
        what: "list snapshot",
        id: id.to_string(),
    })
}

/// Entity id → entry fingerprint, with the ids in file order.
fn entry_hashes(db: &dyn Sql, snapshot: i64) -> Result<(Vec<String>, HashMap<String, String>)> {
    let mut order = Vec::new();
    let mut hashes = HashMap::new();
    db.query_each(
        "SELECT entity_id, entry_hash FROM list_entries WHERE snapshot_id = ?1 ORDER BY position",
        args![snapshot],
        &mut |r| {
            let id: String = r.get(0)?;
            order.push(id.clone());
            hashes.insert(id, r.get(1)?);
            Ok(())
        },
    )?;
    Ok((order, hashes))
}

/// The diff of `new` (ids in order, with fingerprints) against `old`.
fn diff(
    new_order: &[String],
    new: &HashMap<String, String>,
    old_order: &[String],
    old: &HashMap<String, String>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for id in new_order {
        match old.get(id) {
            None => added.push(id.clone()),
            Some(h) if new.get(id) != Some(h) => changed.push(id.clone()),
            Some(_) => {}
        }
    }
    let removed = old_order
        .iter()
        .filter(|id| !new.contains_key(*id))
        .cloned()
        .collect();
    (added, removed, changed)
}

/// Why an index cannot be stored: its matcher version must be 64 hex digits.
fn index_problem(index: &ListIndexBytes<'_>) -> Result<()> {
    if index.matcher.len() == 64 && index.matcher.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(Error::invalid(Problems::new(
            "list index",
            vec![Problem::at("matcher", "expected 64 hex digits")],
        )))
    }
}

fn write_list_index(
    tx: &dyn Sql,
    snapshot_id: i64,
    index: &ListIndexBytes<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    index_problem(index)?;
    tx.execute(
        "INSERT INTO list_indexes (snapshot_id, matcher, built_at, bytes) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (snapshot_id) DO UPDATE SET matcher = excluded.matcher,
             built_at = excluded.built_at, bytes = excluded.bytes",
        args![snapshot_id, index.matcher, now.to_rfc3339(), index.bytes],
    )?;
    Ok(())
}

impl Store {
    /// Stores a list snapshot with its entries and records the given assessments, all in one
    /// transaction: the re-assessment an import causes commits with it or not at all.
    ///
    /// A file already stored for the same list (same SHA-256) is recognised: nothing is written and
    /// the earlier snapshot is returned as [`SnapshotAdded::Existing`]. The snapshot's diff counts are
    /// taken against the newest snapshot of the list at the time of writing.
    pub fn add_list_snapshot(
        &mut self,
        input: &SnapshotInput<'_>,
        assessments: &[RecordedAssessment<'_>],
        now: DateTime<Utc>,
    ) -> Result<SnapshotAdded> {
        let mut problems = Vec::new();
        if let Some(p) = list_name_problem(input.list_name) {
            problems.push(Problem::at("list", p));
        }
        if input.sha256.len() != 64 || !input.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            problems.push(Problem::at("sha256", "expected 64 hex digits"));
        }
        if !problems.is_empty() {
            return Err(Error::invalid(Problems::new(input.file_name, problems)));
        }
        // Serialised and fingerprinted before the write lock is taken, to keep the transaction short.
        let mut bodies = Vec::with_capacity(input.entries.len());
        for entry in input.entries {
            let json = serde_json::to_string(entry).map_err(|source| Error::Corrupt {
                table: "list_entry_bodies",
                column: "entry",
                id: entry.id.clone(),
                source,
            })?;
            bodies.push((entry.id.as_str(), entry.fingerprint(), json));
        }
        let new_order: Vec<String> = bodies.iter().map(|(id, _, _)| (*id).to_owned()).collect();
        let new_hashes: HashMap<String, String> = bodies
            .iter()
            .map(|(id, h, _)| ((*id).to_owned(), h.clone()))
            .collect();

        let tx = self.backend.write()?;
        if let Some(existing) = snapshot_by_hash(&tx, input.list_name, input.sha256)? {
            return Ok(SnapshotAdded::Existing(existing));
        }
        let previous: Option<i64> = tx.query_one(
            "SELECT max(id) FROM list_snapshots WHERE list_name = ?1",
            args![input.list_name],
            |r| r.get(0),
        )?;
        let (added, removed, changed) = match previous {
            Some(p) => {
                let (old_order, old) = entry_hashes(&tx, p)?;
                diff(&new_order, &new_hashes, &old_order, &old)
            }
            None => (new_order.clone(), Vec::new(), Vec::new()),
        };
        let id: i64 = tx.query_one(
            "INSERT INTO list_snapshots (list_name, format, file_name, sha256, imported_at, entry_count,
                 skipped, builtin, previous_id, added, removed, changed, repairs, published)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
            args![
                input.list_name,
                input.format.as_str(),
                input.file_name,
                input.sha256,
                now.to_rfc3339(),
                bodies.len() as i64,
                input.skipped as i64,
                i64::from(input.builtin),
                previous,
                added.len() as i64,
                removed.len() as i64,
                changed.len() as i64,
                input.repairs as i64,
                input.published,
            ],
            |r| r.get(0),
        )?;
        for (position, (entity, hash, json)) in bodies.iter().enumerate() {
            tx.execute(
                "INSERT INTO list_entry_bodies (hash, entry) VALUES (?1, ?2)
                 ON CONFLICT (hash) DO NOTHING",
                args![hash, json],
            )?;
            tx.execute(
                "INSERT INTO list_entries (snapshot_id, entity_id, position, entry_hash) VALUES (?1, ?2, ?3, ?4)",
                args![id, entity, position as i64, hash],
            )?;
        }
        // Only the newest snapshot of a list is screened against, so only it keeps an index.
        tx.execute(
            "DELETE FROM list_indexes WHERE snapshot_id IN
               (SELECT id FROM list_snapshots WHERE list_name = ?1 AND id < ?2)",
            args![input.list_name, id],
        )?;
        if let Some(index) = &input.index {
            write_list_index(&tx, id, index, now)?;
        }
        write_assessments(&tx, assessments)?;
        let row = snapshot_by_id(&tx, id)?;
        tx.commit()?;
        Ok(SnapshotAdded::New(row))
    }

    /// The prepared screening index of a snapshot, if one is stored that `matcher` wrote; `None` when
    /// there is none or it was written by another matcher version (it is then built again).
    pub fn list_index(&self, snapshot_id: i64, matcher: &str) -> Result<Option<Vec<u8>>> {
        self.db().query_opt(
            "SELECT bytes FROM list_indexes WHERE snapshot_id = ?1 AND matcher = ?2",
            args![snapshot_id, matcher],
            |r| r.get(0),
        )
    }

    /// Stores the prepared screening index of a snapshot built after its import (the snapshot's was
    /// missing, of another matcher version, or damaged), replacing any stored before. Nothing is stored
    /// for a snapshot that is no longer the newest of its list. One statement, so it is atomic on its
    /// own; it takes `&self` because it only adds a cache of what the entries already say.
    pub fn save_list_index(
        &self,
        snapshot_id: i64,
        index: &ListIndexBytes<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        index_problem(index)?;
        // The CASTs tell PostgreSQL the types of parameters that only appear in the SELECT list.
        self.db().execute(
            "INSERT INTO list_indexes (snapshot_id, matcher, built_at, bytes)
             SELECT s.id, CAST(?2 AS TEXT), CAST(?3 AS TEXT), ?4 FROM list_snapshots s
             WHERE s.id = ?1
               AND s.id = (SELECT max(l.id) FROM list_snapshots l WHERE l.list_name = s.list_name)
             ON CONFLICT (snapshot_id) DO UPDATE SET matcher = excluded.matcher,
                 built_at = excluded.built_at, bytes = excluded.bytes",
            args![snapshot_id, index.matcher, now.to_rfc3339(), index.bytes],
        )?;
        Ok(())
    }

    /// What screening indexes are stored (without their bytes), by snapshot id.
    pub fn list_indexes(&self) -> Result<Vec<ListIndexRow>> {
        self.db().query_vec(
            "SELECT snapshot_id, matcher, built_at, CAST(length(bytes) AS BIGINT) FROM list_indexes
             ORDER BY snapshot_id",
            args![],
            |r| {
                Ok(ListIndexRow {
                    snapshot_id: r.get(0)?,
                    matcher: r.get(1)?,
                    built_at: columns::time(r, 2, "list_indexes.built_at")?,
                    bytes: r.get(3)?,
                })
            },
        )
    }

    /// Every stored snapshot, by list name and newest first within a list.
    pub fn list_snapshots(&self) -> Result<Vec<ListSnapshotRow>> {
        self.db().query_vec(
            &format!(
                "SELECT {SNAPSHOT_COLUMNS} FROM list_snapshots s ORDER BY s.list_name, s.id DESC"
            ),
            args![],
            snapshot_from_row,
        )
    }

    /// The newest snapshot of each list, by list name: what screening uses.
    pub fn latest_list_snapshots(&self) -> Result<Vec<ListSnapshotRow>> {
        self.db().query_vec(
            &format!(
                "SELECT {SNAPSHOT_COLUMNS} FROM list_snapshots s
                 WHERE s.id IN (SELECT max(id) FROM list_snapshots GROUP BY list_name)
                 ORDER BY s.list_name"
            ),
            args![],
            snapshot_from_row,
        )
    }

    /// The id of the newest snapshot of any list. Snapshots are only ever added, so this changes
    /// exactly when the set of snapshots screening uses may have changed (also by another process):
    /// a cheap check of whether a screener built earlier is still current.
    pub fn list_snapshots_marker(&self) -> Result<Option<i64>> {
        self.db()
            .query_one("SELECT max(id) FROM list_snapshots", args![], |r| r.get(0))
    }

    /// One snapshot.
    pub fn list_snapshot(&self, id: i64) -> Result<ListSnapshotRow> {
        snapshot_by_id(self.db(), id)
    }

    /// The snapshot of `list` stored from a file with this SHA-256, if any.
    pub fn list_snapshot_by_hash(
        &self,
        list: &str,
        sha256: &str,
    ) -> Result<Option<ListSnapshotRow>> {
        snapshot_by_hash(self.db(), list, sha256)
    }

    /// A snapshot's entries in file order, each with its fingerprint.
    pub fn list_snapshot_entries(&self, id: i64) -> Result<Vec<(ListEntry, String)>> {
        let rows = self.db().query_vec(
            "SELECT e.entity_id, e.entry_hash, b.entry FROM list_entries e
             JOIN list_entry_bodies b ON b.hash = e.entry_hash
             WHERE e.snapshot_id = ?1 ORDER BY e.position",
            args![id],
            |r| {
                Ok((
                    r.get::<String>(0)?,
                    r.get::<String>(1)?,
                    r.get::<String>(2)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(entity, hash, json)| {
                serde_json::from_str::<ListEntry>(&json)
                    .map(|entry| (entry, hash))
                    .map_err(|source| Error::Corrupt {
                        table: "list_entry_bodies",
                        column: "entry",
                        id: entity,
                        source,
                    })
            })
            .collect()
    }

    /// Which entries a snapshot added, removed and changed against the snapshot it replaced.
    pub fn list_snapshot_diff(&self, id: i64) -> Result<ListDiff> {
        let row = snapshot_by_id(self.db(), id)?;
        let (new_order, new) = entry_hashes(self.db(), id)?;
        let Some(previous) = row.previous_id else {
            return Ok(ListDiff {
                previous_id: None,
                added: new_order,
                removed: Vec::new(),
                changed: Vec::new(),
            });
        };
        let (old_order, old) = entry_hashes(self.db(), previous)?;
        let (added, removed, changed) = diff(&new_order, &new, &old_order, &old);
        Ok(ListDiff {
            previous_id: Some(previous),
            added,
            removed,
            changed,
        })
    }

    /// Every case's id, title and recorded overall level (`None` until first assessed), by id.
    pub fn case_levels(&self) -> Result<Vec<(String, String, Option<Level>)>> {
        self.db().query_vec(
            "SELECT id, title, overall_level FROM cases ORDER BY id",
            args![],
            |r| {
                let level: Option<String> = r.get(2)?;
                Ok((
                    r.get::<String>(0)?,
                    r.get::<String>(1)?,
                    level.as_deref().and_then(Level::parse),
                ))
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_are_short_lower_case_words() {
        assert_eq!(list_name_problem("bundled"), None);
        assert_eq!(list_name_problem("us_csl-2026"), None);
        assert!(list_name_problem("").is_some());
        assert!(list_name_problem("US CSL").is_some());
        assert!(list_name_problem("1list").is_some());
        assert!(list_name_problem(&"a".repeat(65)).is_some());
    }
}
