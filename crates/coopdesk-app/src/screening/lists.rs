//! Importing restriction-list snapshots, seeding the bundled one, and re-screening every case after an
//! import.
//!
//! An import reads the file, checks it whole (an error names file, line and field), recognises a file
//! already stored for the list by its SHA-256, and otherwise stores the snapshot with its entries and
//! the re-assessment of every case in one transaction, then reports which cases' screening changed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use coopdesk_core::{Problem, Problems};
use coopdesk_screen::import::MAX_FILE_BYTES;
use coopdesk_screen::{ImportError, ListFormat, Screener, matcher_version, sha256_hex};
use coopdesk_store::{
    ListDiff, ListIndexBytes, ListSnapshotRow, SnapshotAdded, SnapshotInput, Store,
    list_name_problem,
};

use super::index::{ListIndex, ListScreen};
use super::review::ReviewBook;
use crate::Desk;
use crate::api::{
    CaseScreeningChange, DeskError, ErrorCode, HitRef, ListImportOutcome, PartnerHitChange,
    PartnerScreening, ProblemAt, ReviewState, ReviewedHit,
};

/// List name of the snapshot that ships with the app.
pub const BUNDLED_LIST_NAME: &str = "bundled";
/// File name of the bundled snapshot, as provenance and errors name it.
pub const BUNDLED_LIST_FILE: &str = "assets/reference/restricted_entities.csv";
/// The bundled snapshot, compiled in so that screening works offline from the first start.
pub const BUNDLED_LIST: &str = include_str!("../../../../assets/reference/restricted_entities.csv");

/// The list a file goes to when no name is given: one list per source, so that importing this month's
/// CSL replaces last month's and leaves the other lists alone. Office CSV files default to `office`
/// rather than `bundled`, so that an office's own list never silently replaces the bundled one. The
/// UK Sanctions List and the OFSI consolidated list share `uk` (the same designations, one in use).
pub fn default_list_name(format: ListFormat) -> &'static str {
    match format {
        ListFormat::Csl => "us_csl",
        ListFormat::Ftm => "opensanctions",
        ListFormat::Csv => "office",
        ListFormat::EuFsf => "eu_fsf",
        ListFormat::Uk => "uk",
        ListFormat::Un => "un",
    }
}

/// SHA-256 of the bundled snapshot, computed once per process.
fn bundled_sha256() -> &'static str {
    static SHA: OnceLock<String> = OnceLock::new();
    SHA.get_or_init(|| sha256_hex(BUNDLED_LIST.as_bytes()))
}

/// An [`ImportError`] as the boundary error: the message names file, line and field; the problems
/// carry them separately for the UI.
fn import_error(e: ImportError) -> DeskError {
    let message = e.to_string();
    let problem = |file: &str, line: Option<usize>, field: Option<&str>, text: String| ProblemAt {
        file: file.to_owned(),
        problem: Problem {
            path: field.unwrap_or_default().to_owned(),
            line,
            column: None,
            message: text,
        },
    };
    let problems = match &e {
        ImportError::Invalid { file, problems, .. } => problems
            .iter()
            .map(|p| problem(file, p.line, p.field.as_deref(), p.message.clone()))
            .collect(),
        ImportError::NotUtf8 { file, line, .. } => {
            vec![problem(file, Some(*line), None, "not UTF-8".into())]
        }
        ImportError::TooLarge { file, .. } => vec![problem(file, None, None, message.clone())],
    };
    DeskError {
        code: ErrorCode::InputInvalid,
        message,
        problems,
    }
}

fn invalid_list_name(file: &str, problem: String) -> DeskError {
    DeskError::invalid(vec![Problems::new(
        file,
        vec![Problem::at("list", problem)],
    )])
}

/// Reads a list file, refusing anything larger than the parsers accept before reading it whole.
fn read_list_file(path: &Path) -> Result<Vec<u8>, DeskError> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).map_err(|e| crate::error::io_error("cannot read", path, &e))?;
    let mut bytes = Vec::new();
    // One byte past the limit is enough for the parser to report the file as too large.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::error::io_error("cannot read", path, &e))?;
    Ok(bytes)
}

/// Hits per partner (organisation id → (list, entity) → hit), for comparing before and after.
type HitsByPartner<'a> = HashMap<&'a str, HashMap<(&'a str, &'a str), &'a ReviewedHit>>;

fn by_partner(partners: &[PartnerScreening]) -> HitsByPartner<'_> {
    partners
        .iter()
        .map(|p| {
            let hits = p
                .hits
                .iter()
                .map(|h| ((h.list_name.as_str(), h.entity.as_str()), h))
                .collect();
            (p.organisation.id.as_str(), hits)
        })
        .collect()
}

/// The partners whose hits differ between two screenings of the same case.
fn partner_changes(
    before: &[PartnerScreening],
    after: &[PartnerScreening],
) -> Vec<PartnerHitChange> {
    let old = by_partner(before);
    let empty = HashMap::new();
    let mut out = Vec::new();
    for p in after {
        let was = old.get(p.organisation.id.as_str()).unwrap_or(&empty);
        let hit_ref = |h: &ReviewedHit| HitRef {
            list_name: h.list_name.clone(),
            entity: h.entity.clone(),
            name: h.name.clone(),
            state: h.state,
        };
        let mut change = PartnerHitChange {
            org_id: p.organisation.id.clone(),
            partner: p.organisation.name.clone(),
            gained: Vec::new(),
            lost: Vec::new(),
            lapsed: Vec::new(),
        };
        for h in &p.hits {
            match was.get(&(h.list_name.as_str(), h.entity.as_str())) {
                None => change.gained.push(hit_ref(h)),
                Some(old) if old.state != ReviewState::Unreviewed && h.lapsed.is_some() => {
                    change.lapsed.push(hit_ref(h));
                }
                Some(_) => {}
            }
        }
        let now: Vec<(&str, &str)> = p
            .hits
            .iter()
            .map(|h| (h.list_name.as_str(), h.entity.as_str()))
            .collect();
        for h in before
            .iter()
            .filter(|b| b.organisation.id == p.organisation.id)
            .flat_map(|b| &b.hits)
        {
            if !now.contains(&(h.list_name.as_str(), h.entity.as_str())) {
                change.lost.push(hit_ref(h));
            }
        }
        if !(change.gained.is_empty() && change.lost.is_empty() && change.lapsed.is_empty()) {
            out.push(change);
        }
    }
    out
}

impl Desk {
    /// Imports a restriction-list file as the newest snapshot of `list` (default:
    /// [`default_list_name`] of the format), re-assesses every case with it in the same transaction,
    /// and reports the snapshot, its diff and the cases whose screening changed.
    ///
    /// A file already stored for the list (same SHA-256) is recognised and changes nothing. A file
    /// with any problem changes nothing either; the error names file, line and field.
    pub fn import_list(
        &self,
        path: &Path,
        format: ListFormat,
        list: Option<&str>,
    ) -> Result<ListImportOutcome, DeskError> {
        let shown = path.display().to_string();
        let list = list.map(str::trim).unwrap_or(default_list_name(format));
        if let Some(p) = list_name_problem(list) {
            return Err(invalid_list_name(&shown, p));
        }
        let bytes = read_list_file(path)?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        self.import_list_bytes(&shown, &file_name, &bytes, format, list, false)
    }

    /// All stored snapshots with their provenance, by list and newest first.
    pub fn list_snapshots(&self) -> Result<Vec<ListSnapshotRow>, DeskError> {
        Ok(self.store().list_snapshots()?)
    }

    /// Which entries a snapshot added, removed and changed against the one it replaced.
    pub fn list_snapshot_diff(&self, snapshot_id: i64) -> Result<ListDiff, DeskError> {
        Ok(self.store().list_snapshot_diff(snapshot_id)?)
    }

    /// Stores the bundled snapshot as list `bundled` unless this very file is stored already; a
    /// newer app version's bundled file thus becomes the newest `bundled` snapshot, with a diff.
    pub(crate) fn seed_bundled_list(&self) -> Result<(), DeskError> {
        if self
            .store()
            .list_snapshot_by_hash(BUNDLED_LIST_NAME, bundled_sha256())?
            .is_some()
        {
            return Ok(());
        }
        self.import_list_bytes(
            BUNDLED_LIST_FILE,
            BUNDLED_LIST_FILE,
            BUNDLED_LIST.as_bytes(),
            ListFormat::Csv,
            BUNDLED_LIST_NAME,
            true,
        )
        .map_err(|e| DeskError::new(e.code, format!("bundled restriction list: {}", e.message)))?;
        Ok(())
    }

    /// The import itself; `shown` names the file in errors, `file_name` is recorded as provenance.
    fn import_list_bytes(
        &self,
        shown: &str,
        file_name: &str,
        bytes: &[u8],
        format: ListFormat,
        list: &str,
        builtin: bool,
    ) -> Result<ListImportOutcome, DeskError> {
        let sha256 = sha256_hex(bytes);
        if let Some(outcome) = self.already_imported(list, &sha256)? {
            return Ok(outcome);
        }
        // Parsing and building the screener take the longest; the database is not locked meanwhile.
        let snapshot = coopdesk_screen::parse(format, shown, bytes).map_err(import_error)?;
        let screener = Screener::new(snapshot.entries.clone());
        // Stored with the snapshot, so that no later process builds it again.
        let index_bytes = screener.to_bytes();
        let matcher = matcher_version();
        let pending = Arc::new(ListScreen::new(list, 0, screener).imported_at(self.now()));

        let mut store = self.store();
        let old = self.list_index(&store)?;
        let new = old.with_list(pending.clone());
        // The first bundled snapshot of a database screens exactly as the app did before snapshots
        // were stored, so its cases need no re-assessment; every other import re-screens every case.
        let first_builtin = builtin && !old.lists().iter().any(|l| l.list_name == list);
        let (rows, changes) = if first_builtin {
            (Vec::new(), Vec::new())
        } else {
            self.rescreen(&store, &old, &new)?
        };
        let assessments: Vec<_> = rows
            .iter()
            .map(|(id, a)| crate::recorded::recorded(id, a))
            .collect();
        let input = SnapshotInput {
            list_name: list,
            format,
            file_name,
            sha256: &sha256,
            entries: &snapshot.entries,
            skipped: snapshot.skipped,
            repairs: snapshot.repairs.len(),
            published: snapshot.published.as_deref(),
            builtin,
            index: Some(ListIndexBytes {
                matcher: &matcher,
                bytes: &index_bytes,
            }),
        };
        let row = match store.add_list_snapshot(&input, &assessments, self.now())? {
            SnapshotAdded::New(row) => row,
            // Another process stored the same file meanwhile.
            SnapshotAdded::Existing(row) => {
                drop(store);
                return self.already_imported_row(row);
            }
        };
        // The screener built for the import becomes the list's screener, under its snapshot id.
        drop(new);
        let screen = match Arc::try_unwrap(pending) {
            Ok(mut screen) => {
                screen.snapshot_id = row.id;
                Some(Arc::new(screen))
            }
            Err(_) => None,
        };
        let seeded = match screen {
            Some(s) => old.with_list(s),
            None => ListIndex::default(),
        };
        let index = ListIndex::load(&store, Some(&seeded))?;
        self.screening.set(Arc::new(index));
        let diff = store.list_snapshot_diff(row.id)?;
        Ok(ListImportOutcome {
            snapshot: row,
            already_imported: false,
            diff,
            repairs: snapshot.repairs,
            reassessed: rows.len() as i64,
            changed_cases: changes,
        })
    }

    fn already_imported(
        &self,
        list: &str,
        sha256: &str,
    ) -> Result<Option<ListImportOutcome>, DeskError> {
        let row = self.store().list_snapshot_by_hash(list, sha256)?;
        row.map(|r| self.already_imported_row(r)).transpose()
    }

    fn already_imported_row(&self, row: ListSnapshotRow) -> Result<ListImportOutcome, DeskError> {
        let diff = self.store().list_snapshot_diff(row.id)?;
        Ok(ListImportOutcome {
            snapshot: row,
            already_imported: true,
            diff,
            repairs: Vec::new(),
            reassessed: 0,
            changed_cases: Vec::new(),
        })
    }

    /// Assesses every case with the `new` lists and compares each case's hits with the `old` lists.
    /// Returns the assessments to record and the cases whose screening changed.
    #[allow(clippy::type_complexity)]
    fn rescreen(
        &self,
        store: &Store,
        old: &ListIndex,
        new: &ListIndex,
    ) -> Result<
        (
            Vec<(String, coopdesk_assess::Assessment)>,
            Vec<CaseScreeningChange>,
        ),
        DeskError,
    > {
        let reviews = ReviewBook::all(store)?;
        let mut rows = Vec::new();
        let mut changes = Vec::new();
        let lists = new.labels();
        for (id, title, level_before) in store.case_levels()? {
            let inputs = self.case_inputs(store, &id)?;
            let before = inputs.screen(old, &reviews);
            let after = inputs.screen(new, &reviews);
            let assessment = inputs.assess(&after, &lists);
            let partners = partner_changes(&before, &after);
            if !partners.is_empty() {
                changes.push(CaseScreeningChange {
                    case_id: id.clone(),
                    title,
                    level_before,
                    level_after: assessment.overall,
                    partners,
                });
            }
            rows.push((id, assessment));
        }
        Ok((rows, changes))
    }
}
