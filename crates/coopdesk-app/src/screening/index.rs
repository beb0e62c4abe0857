//! The screeners over the newest snapshot of every stored list, cached in the [`Desk`].
//!
//! Building a list's [`Screener`] normalises and indexes every name (tens of milliseconds for the
//! bundled list, a few hundred for 20 000 entries), so it is done once per snapshot: on import, where
//! the screener built to re-screen the cases is stored with the snapshot (`Store::add_list_snapshot`),
//! and otherwise the first time a snapshot is screened against without a usable stored index (a
//! database from before schema 10, or an index prepared by another matcher version or damaged), when
//! the index built is stored for the next process. A stored index reads back in milliseconds
//! ([`Screener::from_bytes`]). In one process each list's screener is kept until a newer snapshot of
//! that list appears — imported here or by another process, which [`Desk::list_index`] notices through
//! [`Store::list_snapshots_marker`]. Hits are cached per list and set of names, because organisations
//! recur across many cases and a snapshot never changes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use coopdesk_screen::{Hit, Screener, matcher_version, sha256_hex};
use coopdesk_store::{ListIndexBytes, ListSnapshotRow, Store};

use crate::Desk;
use crate::api::DeskError;

/// How many name sets each list remembers hits for; bounded so that a huge registry cannot grow it
/// without limit.
const MAX_CACHED_NAME_SETS: usize = 20_000;

/// The screener over one snapshot of one list.
#[derive(Debug)]
pub(crate) struct ListScreen {
    /// The list's name (`bundled`, `us_csl` …): with the entity id, what identifies a hit.
    pub list_name: String,
    /// The snapshot screened against; 0 while an import has not been committed yet.
    pub snapshot_id: i64,
    /// How the assessment names what was screened against: the list and its snapshot's date.
    pub label: String,
    screener: Screener,
    /// Hits per set of names (joined with U+001F).
    cache: Mutex<HashMap<String, Vec<Hit>>>,
}

impl ListScreen {
    /// The list's screener over one snapshot.
    pub(crate) fn new(list_name: &str, snapshot_id: i64, screener: Screener) -> Self {
        ListScreen {
            list_name: list_name.to_owned(),
            snapshot_id,
            label: list_name.to_owned(),
            screener,
            cache: Mutex::default(),
        }
    }

    /// The screener over a stored snapshot: its stored index when this matcher version wrote it and
    /// it reads back intact, otherwise built from the entries (and stored for the next process).
    pub(crate) fn load(store: &Store, row: &ListSnapshotRow) -> Result<ListScreen, DeskError> {
        let matcher = matcher_version();
        if let Some(bytes) = store.list_index(row.id, &matcher)? {
            let problem = match Screener::from_bytes(&bytes) {
                Ok(s) if i64::try_from(s.len()).ok() == Some(row.entry_count) => {
                    return Ok(
                        ListScreen::new(&row.list_name, row.id, s).imported_at(row.imported_at)
                    );
                }
                Ok(s) => format!(
                    "it holds {} entries, the snapshot {}",
                    s.len(),
                    row.entry_count
                ),
                Err(e) => e.to_string(),
            };
            // Never used: screening goes on with an index built from the entries.
            eprintln!(
                "coopdesk: warning: the stored screening index of list {} (snapshot {}) is unusable \
                 ({problem}); building it again from the list's entries",
                row.list_name, row.id
            );
        }
        let screener = Screener::with_fingerprints(store.list_snapshot_entries(row.id)?);
        let index = ListIndexBytes {
            matcher: &matcher,
            bytes: &screener.to_bytes(),
        };
        // A cache of what the entries say: failing to store it (a read-only file, a busy database)
        // only means that the next process builds it again.
        if let Err(e) = store.save_list_index(row.id, &index, Utc::now()) {
            eprintln!(
                "coopdesk: warning: the screening index of list {} could not be stored: {e}",
                row.list_name
            );
        }
        Ok(ListScreen::new(&row.list_name, row.id, screener).imported_at(row.imported_at))
    }

    /// Names the snapshot by its import date in [`ListScreen::label`].
    pub(crate) fn imported_at(mut self, at: DateTime<Utc>) -> Self {
        self.label = format!("{} (imported {})", self.list_name, at.format("%Y-%m-%d"));
        self
    }

    fn hits(&self, names: &[&str], use_cache: bool) -> Vec<Hit> {
        if !use_cache {
            return self.screener.screen_names(names);
        }
        let key = names.join("\u{1f}");
        if let Some(hits) = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return hits.clone();
        }
        let hits = self.screener.screen_names(names);
        let mut map = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_CACHED_NAME_SETS {
            map.clear();
        }
        map.insert(key, hits.clone());
        hits
    }

    /// The fingerprint of what the list says behind a hit: the entry hit, and for a hit through a
    /// listed parent also the child that matched, since a change to either changes the hit's meaning.
    fn basis(&self, hit: &Hit) -> String {
        let own = self.screener.fingerprint(&hit.entity).unwrap_or_default();
        match hit
            .via_parent
            .as_ref()
            .and_then(|child| self.screener.fingerprint(child))
        {
            Some(child) => sha256_hex(format!("{own}+{child}").as_bytes()),
            None => own,
        }
    }
}

/// A hit with the list and snapshot it came from and the fingerprint of its basis.
#[derive(Debug, Clone)]
pub(crate) struct ListHit {
    /// The list's name.
    pub list_name: String,
    /// The snapshot.
    pub snapshot_id: i64,
    /// The hit as the matcher reports it.
    pub hit: Hit,
    /// Fingerprint of the entry (and of the listed child, for a hit through a parent).
    pub entry_hash: String,
}

/// The screeners of the newest snapshot of every list.
#[derive(Debug, Default)]
pub(crate) struct ListIndex {
    /// [`Store::list_snapshots_marker`] when loaded; `None` for a database without snapshots.
    marker: Option<i64>,
    lists: Vec<Arc<ListScreen>>,
}

impl ListIndex {
    /// Loads the newest snapshot of every list, reusing the screeners of `previous` whose snapshot is
    /// still the newest, so that importing one list does not rebuild the others.
    pub(crate) fn load(
        store: &Store,
        previous: Option<&ListIndex>,
    ) -> Result<ListIndex, DeskError> {
        // The marker is read first: if a snapshot is added meanwhile, the marker is older than what
        // was loaded and the next use merely loads again.
        let marker = store.list_snapshots_marker()?;
        let mut lists = Vec::new();
        for row in store.latest_list_snapshots()? {
            let reused = previous
                .and_then(|p| p.lists.iter().find(|l| l.snapshot_id == row.id))
                .cloned();
            let list = match reused {
                Some(l) => l,
                None => Arc::new(ListScreen::load(store, &row)?),
            };
            lists.push(list);
        }
        Ok(ListIndex { marker, lists })
    }

    /// This index with `list` in place of the list of the same name (or added): how screening will
    /// look once an import commits.
    pub(crate) fn with_list(&self, list: Arc<ListScreen>) -> ListIndex {
        let mut lists: Vec<Arc<ListScreen>> = self
            .lists
            .iter()
            .filter(|l| l.list_name != list.list_name)
            .cloned()
            .collect();
        lists.push(list);
        lists.sort_by(|a, b| a.list_name.cmp(&b.list_name));
        ListIndex {
            marker: None,
            lists,
        }
    }

    /// The lists screened against.
    pub(crate) fn lists(&self) -> &[Arc<ListScreen>] {
        &self.lists
    }

    /// The lists screened against with their snapshot dates, as the assessment cites them.
    pub(crate) fn labels(&self) -> Vec<String> {
        self.lists.iter().map(|l| l.label.clone()).collect()
    }

    /// Screens one organisation's names against every list; hits best first (then by entity and
    /// list, so that the order is stable). `use_cache` remembers the hits per name set, for
    /// organisations of cases; one-off queries skip it.
    pub(crate) fn matches(&self, names: &[&str], use_cache: bool) -> Vec<ListHit> {
        let mut out: Vec<ListHit> = Vec::new();
        for list in &self.lists {
            for hit in list.hits(names, use_cache) {
                out.push(ListHit {
                    list_name: list.list_name.clone(),
                    snapshot_id: list.snapshot_id,
                    entry_hash: list.basis(&hit),
                    hit,
                });
            }
        }
        out.sort_by(|a, b| {
            b.hit
                .score
                .total_cmp(&a.hit.score)
                .then_with(|| a.hit.entity.cmp(&b.hit.entity))
                .then_with(|| a.list_name.cmp(&b.list_name))
        });
        out
    }
}

/// The [`ListIndex`] a [`Desk`] screens with, replaced when a newer snapshot appears.
#[derive(Debug, Default)]
pub(crate) struct ScreeningCache(Mutex<Option<Arc<ListIndex>>>);

impl ScreeningCache {
    pub(crate) fn set(&self, index: Arc<ListIndex>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(index);
    }

    fn get(&self) -> Option<Arc<ListIndex>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Desk {
    /// Loads the screeners over the newest snapshot of every list and the tables that analysing a
    /// query needs, which would otherwise load with the first screening. The window does not call it
    /// at start: the first screening loads them in milliseconds, and a window that never screens
    /// should not hold them (docs/screening.md, "The stored screening index").
    pub fn prepare_screening(&self) -> Result<(), DeskError> {
        coopdesk_screen::warm_up();
        let store = self.store();
        self.list_index(&store).map(|_| ())
    }

    /// The screeners over the newest snapshot of every list. One indexed query checks that the cached
    /// index is current; when another process (or an import here) added a snapshot, the lists that
    /// changed are loaded and the others reused.
    pub(crate) fn list_index(&self, store: &Store) -> Result<Arc<ListIndex>, DeskError> {
        let cached = self.screening.get();
        let marker = store.list_snapshots_marker()?;
        if let Some(index) = &cached
            && index.marker == marker
        {
            return Ok(index.clone());
        }
        let index = Arc::new(ListIndex::load(store, cached.as_deref())?);
        self.screening.set(index.clone());
        Ok(index)
    }
}
