//! Cooperation Desk's use cases: the one API that both shells call.
//!
//! The desktop window (`src-tauri`, through thin Tauri commands) and the command line
//! (`coopdesk-cli`) both go through [`Desk`]; a behaviour difference between the Import button and
//! `coopdesk case import` is a bug. Every method returns the boundary error [`api::DeskError`], whose
//! stable `code` the UI translates and the CLI maps to an exit status.
//!
//! Main types: [`Desk`], the DTOs in [`api`]. This crate owns the clock and id generation (the layers
//! below take both as arguments), the location of the data directory ([`paths`]), the built-in
//! facility registry and the demo database. It never imports Tauri.

pub mod actions;
pub mod api;
pub mod assessing;
pub mod bindings;
pub mod briefing;
pub mod bundles;
pub mod clock;
pub mod demo;
pub mod encryption;
mod error;
pub mod facilities;
pub mod files;
pub mod ids;
pub mod instance;
pub mod lifecycle;
pub mod paths;
pub mod publications;
mod recorded;
pub mod register;
pub mod screening;
pub mod session;
mod snapshot;
pub mod team;
pub mod workshop;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::Utc;
use clock::{Clock, SystemClock};

use coopdesk_core::interchange::{read_case_document, write_case_document};
use coopdesk_core::{Case, Facility, Organisation, Problems};
use coopdesk_store::{NamedDocument, Passphrase, Store, backups_dir};

use api::{
    CasePage, CaseQuery, CaseView, Dashboard, DbInfo, DeskError, ErrorCode, FacilityInput,
    ImportOutcome, OrganisationInput,
};

/// An open case database and the use cases on it. `Send + Sync`: the window shares one across its
/// command threads; each call holds the connection only for its own short transaction.
pub struct Desk {
    store: Mutex<Store>,
    path: PathBuf,
    clock: Arc<dyn Clock>,
    pub(crate) demo: bool,
    templates: assessing::TemplateCache,
    screening: screening::ScreeningCache,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("path", &self.path)
            .field("demo", &self.demo)
            .finish()
    }
}

impl Desk {
    /// Opens (creating and migrating as needed) the database at `path` and brings the built-in
    /// facility registry, checklist template and restriction-list snapshot up to date.
    pub fn open(path: &Path) -> Result<Desk, DeskError> {
        Desk::open_keyed(path, None)
    }

    /// Like [`Desk::open`], with the passphrase of an encrypted database.
    pub fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Desk, DeskError> {
        Desk::open_with_clock(path, key, Arc::new(SystemClock))
    }

    /// Like [`Desk::open_keyed`], reading the time from `clock` (tests pass a [`FixedClock`]).
    ///
    /// [`FixedClock`]: clock::FixedClock
    pub fn open_with_clock(
        path: &Path,
        key: Option<&Passphrase>,
        clock: Arc<dyn Clock>,
    ) -> Result<Desk, DeskError> {
        let now = clock.now();
        let mut store = Store::open_keyed(path, now, key)?;
        store.set_actor(lifecycle::os_user());
        store.baseline_revisions(now)?;
        // Today's automatic backup. Failing to write it must not stop anyone from working (a full
        // disk, a read-only backup folder), so it is reported, not raised.
        if let Err(e) = store.daily_backup(now) {
            eprintln!("coopdesk: warning: the daily backup could not be written: {e}");
        }
        let builtin = facilities::builtin_facilities().map_err(|e| {
            DeskError::new(ErrorCode::Internal, format!("built-in facility list: {e}"))
        })?;
        store.seed_facilities(&builtin, now)?;
        assessing::seed_builtin_template(&mut store, now)?;
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let desk = Desk {
            store: Mutex::new(store),
            path,
            clock,
            demo: false,
            templates: Default::default(),
            screening: Default::default(),
        };
        desk.seed_bundled_list()?;
        desk.reassess_stale()?;
        Ok(desk)
    }

    /// The current time, from the desk's clock.
    pub fn now(&self) -> chrono::DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date where the user is, from the desk's clock.
    pub fn today(&self) -> coopdesk_core::Date {
        self.clock.today()
    }

    /// Assesses again, in one transaction, every case whose cached level was recorded before open key
    /// questions were counted (a database from before schema version 8): under the earlier rule an
    /// unanswered key question counted as risk, so its cached level and the missing provisional mark
    /// would mislead the case list and the dashboard until the case was opened.
    pub(crate) fn reassess_stale(&self) -> Result<(), DeskError> {
        let mut store = self.store();
        let stale = store.cases_assessed_before_provisional()?;
        if !stale.is_empty() {
            self.assess_many(&mut store, &stale)?;
        }
        Ok(())
    }

    /// Opens the database the window should show: `db` if given; the demo database (created with
    /// its cases on first use) if `demo`; otherwise the default database in the data directory.
    pub fn open_for_window(db: Option<PathBuf>, demo: bool) -> Result<Desk, DeskError> {
        let path = paths::window_db(db, demo)?;
        if demo {
            demo::open_demo(&path, false)
        } else {
            Desk::open(&path)
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave the store half-written (every write is one
        // SQLite transaction), so a poisoned lock is safe to take over.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Where the database is and what it holds.
    pub fn db_info(&self) -> Result<DbInfo, DeskError> {
        let store = self.store();
        let team = match (store.team_target(), store.team_login()?) {
            (Some(target), Some((login, role))) => Some(api::TeamInfo {
                server: target.register(),
                login,
                role: role.map(|r| r.as_str().to_owned()),
            }),
            _ => None,
        };
        Ok(DbInfo {
            path: self.path.display().to_string(),
            backups_dir: if team.is_some() {
                String::new()
            } else {
                backups_dir(&self.path).display().to_string()
            },
            schema_version: store.schema_version()?,
            case_count: store.case_count()?,
            demo: self.demo,
            encrypted: store.is_encrypted(),
            team,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One page of the case list.
    pub fn list_cases(&self, query: &CaseQuery) -> Result<CasePage, DeskError> {
        Ok(self.store().list_cases(query)?)
    }

    /// The start page's counts: cases by level, status, facility and partner country, and overdue
    /// actions; of the open cases ([`api::OPEN_STATUSES`]) when `open_only`, else of all cases. Each
    /// bar's bucket, set in a [`CaseQuery`] with the same `open_only`, lists exactly its cases.
    pub fn dashboard(&self, open_only: bool) -> Result<Dashboard, DeskError> {
        Ok(self.store().dashboard(open_only)?)
    }

    /// A case with the registry entries it refers to.
    pub fn get_case(&self, id: &str) -> Result<CaseView, DeskError> {
        let store = self.store();
        let case = store.case(id)?;
        view(&store, case)
    }

    /// Creates an empty draft case with a title.
    pub fn create_case(&self, title: &str) -> Result<CaseView, DeskError> {
        let now = self.now();
        let mut store = self.store();
        let mut id = ids::new_id(coopdesk_store::IdKind::Case);
        while store.has_case(&id)? {
            id = ids::new_id(coopdesk_store::IdKind::Case);
        }
        let case = Case::draft(id, title.trim().to_owned(), now);
        let stored = store.save_case(&case, now)?;
        view(&store, stored)
    }

    /// Saves an edited case whole. Problems come back with JSON paths (`partners[0].org_id`) that the
    /// editor shows beside the fields. The case must be the stored one as the editor read it (same
    /// `updated_at`, which each save returns anew): if someone else saved it meanwhile, the save is
    /// refused with `case.conflict`, saying who changed which fields when, and nothing is written.
    pub fn save_case(&self, case: Case) -> Result<CaseView, DeskError> {
        let mut store = self.store();
        if !store.has_case(&case.id)? {
            return Err(DeskError::new(
                ErrorCode::CaseNotFound,
                format!("no case with id \"{}\"", case.id),
            ));
        }
        let stored = store.save_edited_case(&case, self.now())?;
        view(&store, stored)
    }

    /// Organisations whose names in any script contain every word of `text`.
    pub fn search_organisations(
        &self,
        text: &str,
        limit: u32,
    ) -> Result<Vec<Organisation>, DeskError> {
        Ok(self.store().search_organisations(text, limit)?)
    }

    /// Adds or changes an organisation.
    pub fn save_organisation(&self, input: OrganisationInput) -> Result<Organisation, DeskError> {
        Ok(self
            .store()
            .save_organisation(&input, &mut ids::new_id, self.now())?)
    }

    /// Facilities whose names, operator or city contain every word of `text`.
    pub fn search_facilities(&self, text: &str, limit: u32) -> Result<Vec<Facility>, DeskError> {
        Ok(self.store().search_facilities(text, limit)?)
    }

    /// Adds or changes a user-defined facility.
    pub fn save_facility(&self, input: FacilityInput) -> Result<Facility, DeskError> {
        Ok(self
            .store()
            .save_facility(&input, &mut ids::new_id, self.now())?)
    }

    /// Imports case files, all or none. Every problem in every file is reported at once.
    pub fn import_files<P: AsRef<Path>>(&self, paths: &[P]) -> Result<ImportOutcome, DeskError> {
        let mut docs = Vec::with_capacity(paths.len());
        let mut problems: Vec<Problems> = Vec::new();
        for p in paths {
            let p = p.as_ref();
            let name = p.display().to_string();
            let bytes = read_limited(p)?;
            match read_case_document(&name, &bytes) {
                Ok(document) => docs.push(NamedDocument {
                    file: name,
                    document,
                }),
                Err(e) => problems.push(e),
            }
        }
        if !problems.is_empty() {
            return Err(DeskError::invalid(problems));
        }
        self.import_documents(&docs)
    }

    /// Imports documents already read, all or none, and assesses the new cases.
    pub fn import_documents(&self, docs: &[NamedDocument]) -> Result<ImportOutcome, DeskError> {
        let mut store = self.store();
        let ids = store.import_documents(docs, &mut ids::new_id, self.now())?;
        // Assessed right away so that the case list shows their levels; the import itself is
        // already committed, so a failure here leaves complete cases without a cached level.
        self.assess_many(&mut store, &ids)?;
        Ok(ImportOutcome { ids })
    }

    /// The `coopdesk.case/v1` text of a case.
    pub fn case_document_text(&self, id: &str) -> Result<String, DeskError> {
        let doc = case_document(&self.store(), id)?;
        write_case_document(&doc).map_err(|e| {
            DeskError::new(
                ErrorCode::Internal,
                format!("cannot write case {id} as JSON: {e}"),
            )
        })
    }

    /// Writes a case as `coopdesk.case/v1` to `path`, atomically.
    pub fn export_case(&self, id: &str, path: impl AsRef<Path>) -> Result<(), DeskError> {
        let text = self.case_document_text(id)?;
        files::write_atomically(path.as_ref(), text.as_bytes())
    }
}

/// A stored case as a `coopdesk.case/v1` document, its partners and facility written by name.
pub(crate) fn case_document(
    store: &Store,
    id: &str,
) -> Result<coopdesk_core::CaseDocument, DeskError> {
    let case = store.case(id)?;
    let (orgs, facility) = references(store, &case)?;
    Ok(coopdesk_core::export::case_document(
        &case,
        &orgs,
        facility.as_ref(),
    ))
}

/// The registry entries a case refers to: its partners (with their parents) and its facility.
fn references(
    store: &Store,
    case: &Case,
) -> Result<
    (
        std::collections::BTreeMap<String, Organisation>,
        Option<Facility>,
    ),
    DeskError,
> {
    let orgs = store.organisations_with_parents(case.partners.iter().map(|p| p.org_id.clone()))?;
    let facility = case
        .facility_id
        .as_deref()
        .map(|f| store.facility(f))
        .transpose()?;
    Ok((orgs, facility))
}

fn view(store: &Store, case: Case) -> Result<CaseView, DeskError> {
    let (orgs, facility) = references(store, &case)?;
    Ok(CaseView {
        case,
        organisations: orgs.into_values().collect(),
        facility,
    })
}

/// Reads a case file, refusing anything far larger than a case file can be before reading it whole.
fn read_limited(path: &Path) -> Result<Vec<u8>, DeskError> {
    read_at_most(path, coopdesk_core::limits::MAX_FILE_BYTES)
}

/// Reads a file of at most `max` bytes (one byte more is read, so that the reader of the format can
/// say how large the file is and what it allows).
pub(crate) fn read_at_most(path: &Path, max: usize) -> Result<Vec<u8>, DeskError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| error::io_error("cannot read", path, &e))?;
    let mut bytes = Vec::new();
    let limit = max as u64 + 1;
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| error::io_error("cannot read", path, &e))?;
    Ok(bytes)
}
