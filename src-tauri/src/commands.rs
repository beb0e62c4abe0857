//! The window's IPC commands: one per use case, each a thin adapter over one [`Desk`] call.
//!
//! The command names and argument names are the contract with `ui/src/lib/api.ts` (Tauri turns
//! `snake_case` arguments into `camelCase` on the JavaScript side). Database work runs on Tauri's
//! blocking pool so that a slow query or import never freezes the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use coopdesk_app::Desk;
use coopdesk_app::api::{
    ActionInput, AssessmentView, BackupCheck, BundleImportOutcome, BundleWritten, CaseHistory,
    CaseScreening, EncryptionChange, HitDecision, ListFormat, ListImportOutcome, ListSnapshotRow,
    OnConflict, PartnerScreening, PdfWritten, PubsCheck, RegisterImportOutcome, RegisterMapping,
    RegisterOptions, RegisterPreview, TemplateView, TransitionInput, TransitionOutcome,
    WorkshopInput, WorkshopOutcome,
};
use coopdesk_app::api::{
    CasePage, CaseQuery, CaseView, Dashboard, DbInfo, DeskError, ErrorCode, FacilityInput,
    ImportOutcome, OrganisationInput,
};
use coopdesk_app::encryption::Passphrase;
use coopdesk_app::session::Session;
use coopdesk_assess::engine::{LevelOverride, TemplateRef};
use coopdesk_assess::{Lang, Topic};
use coopdesk_core::{Answer, Case, CaseStatus, Facility, Organisation};
use tauri::State;

/// The window's database session, shared by all commands.
type SharedDesk<'a> = State<'a, Arc<Session>>;

/// Runs one `Desk` call on the blocking thread pool, off the UI and async threads (also the wait for
/// the database while it is still being opened at start); while an encrypted database waits for its
/// passphrase, every call is `db.locked`.
async fn off_ui_thread<T, F>(session: &SharedDesk<'_>, call: F) -> Result<T, DeskError>
where
    T: Send + 'static,
    F: FnOnce(&Desk) -> Result<T, DeskError> + Send + 'static,
{
    let session = Arc::clone(session.inner());
    on_blocking_pool(move || {
        let desk = session.desk()?;
        call(&desk)
    })
    .await
}

/// Runs `call` on the blocking thread pool.
async fn on_blocking_pool<T, F>(call: F) -> Result<T, DeskError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, DeskError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(call)
        .await
        // The call panicked or the runtime is shutting down: a bug, not the user's doing.
        .unwrap_or_else(|e| {
            Err(DeskError::new(
                ErrorCode::Internal,
                format!("the database task did not finish: {e}"),
            ))
        })
}

/// Where the database is and what it holds.
#[tauri::command]
pub async fn db_info(desk: SharedDesk<'_>) -> Result<DbInfo, DeskError> {
    off_ui_thread(&desk, |d| d.db_info()).await
}

/// The database file of this window, also while it is locked (the passphrase screen names it).
#[tauri::command]
pub fn db_path(session: SharedDesk<'_>) -> String {
    session.path().display().to_string()
}

/// Opens the encrypted database with its passphrase (key derivation takes a moment, so off the UI
/// thread).
#[tauri::command]
pub async fn unlock(session: SharedDesk<'_>, passphrase: String) -> Result<DbInfo, DeskError> {
    let session = Arc::clone(session.inner());
    on_blocking_pool(move || session.unlock(Passphrase::new(passphrase))).await
}

/// Connects the window to a team database (`postgresql://…`, with the login's password when nothing
/// else gives it) instead of what it had open; nothing changes if that fails.
#[tauri::command]
pub async fn connect_team(
    session: SharedDesk<'_>,
    uri: String,
    password: Option<String>,
) -> Result<DbInfo, DeskError> {
    let session = Arc::clone(session.inner());
    on_blocking_pool(move || session.connect_team(&uri, password)).await
}

/// Turns encryption on (`new`), changes the passphrase, or turns it off (`new` = null); `current` is
/// the passphrase of an encrypted database.
#[tauri::command]
pub async fn change_encryption(
    desk: SharedDesk<'_>,
    current: Option<String>,
    new: Option<String>,
) -> Result<EncryptionChange, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.change_encryption(current.map(Passphrase::new), new.map(Passphrase::new))
    })
    .await
}

/// One page of the case list, filtered and sorted as `query` says.
#[tauri::command]
pub async fn list_cases(desk: SharedDesk<'_>, query: CaseQuery) -> Result<CasePage, DeskError> {
    off_ui_thread(&desk, move |d| d.list_cases(&query)).await
}

/// The start page's counts, of the open cases (`open_only`) or of all cases.
#[tauri::command]
pub async fn dashboard(desk: SharedDesk<'_>, open_only: bool) -> Result<Dashboard, DeskError> {
    off_ui_thread(&desk, move |d| d.dashboard(open_only)).await
}

/// One case with the organisations and facility it refers to.
#[tauri::command]
pub async fn get_case(desk: SharedDesk<'_>, id: String) -> Result<CaseView, DeskError> {
    off_ui_thread(&desk, move |d| d.get_case(&id)).await
}

/// Creates an empty draft case with a title.
#[tauri::command]
pub async fn create_case(desk: SharedDesk<'_>, title: String) -> Result<CaseView, DeskError> {
    off_ui_thread(&desk, move |d| d.create_case(&title)).await
}

/// Saves the whole case as edited in the window.
#[tauri::command]
pub async fn save_case(desk: SharedDesk<'_>, case: Case) -> Result<CaseView, DeskError> {
    off_ui_thread(&desk, move |d| d.save_case(case)).await
}

/// Organisations whose names (in any script) match `text`, best first.
#[tauri::command]
pub async fn search_organisations(
    desk: SharedDesk<'_>,
    text: String,
    limit: u32,
) -> Result<Vec<Organisation>, DeskError> {
    off_ui_thread(&desk, move |d| d.search_organisations(&text, limit)).await
}

/// Creates or updates an organisation in the registry.
#[tauri::command]
pub async fn save_organisation(
    desk: SharedDesk<'_>,
    input: OrganisationInput,
) -> Result<Organisation, DeskError> {
    off_ui_thread(&desk, move |d| d.save_organisation(input)).await
}

/// Facilities whose names match `text`, best first.
#[tauri::command]
pub async fn search_facilities(
    desk: SharedDesk<'_>,
    text: String,
    limit: u32,
) -> Result<Vec<Facility>, DeskError> {
    off_ui_thread(&desk, move |d| d.search_facilities(&text, limit)).await
}

/// Creates or updates a facility in the registry.
#[tauri::command]
pub async fn save_facility(
    desk: SharedDesk<'_>,
    input: FacilityInput,
) -> Result<Facility, DeskError> {
    off_ui_thread(&desk, move |d| d.save_facility(input)).await
}

/// Imports `coopdesk.case/v1` files chosen in the open dialog, all or none (as `coopdesk case import`).
#[tauri::command]
pub async fn import_case_files(
    desk: SharedDesk<'_>,
    paths: Vec<String>,
) -> Result<ImportOutcome, DeskError> {
    off_ui_thread(&desk, move |d| d.import_files(&paths)).await
}

/// What importing a register (spreadsheet or CSV) would create, with every problem by sheet, row
/// and column; writes nothing (the wizard's preview, as `coopdesk register import --dry-run`).
#[tauri::command]
pub async fn register_preview(
    desk: SharedDesk<'_>,
    path: String,
    options: RegisterOptions,
) -> Result<RegisterPreview, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.register_preview(Path::new(&path), &options)
    })
    .await
}

/// Imports a register, all rows or none, and screens and assesses the new cases (as
/// `coopdesk register import`).
#[tauri::command]
pub async fn register_import(
    desk: SharedDesk<'_>,
    path: String,
    options: RegisterOptions,
) -> Result<RegisterImportOutcome, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.register_import(Path::new(&path), &options)
    })
    .await
}

/// Reads a register mapping file (`coopdesk.register-mapping/v1`, as `--mapping`).
#[tauri::command]
pub async fn read_register_mapping(path: String) -> Result<RegisterMapping, DeskError> {
    on_blocking_pool(move || coopdesk_app::register::read_mapping_file(Path::new(&path))).await
}

/// Writes a register mapping file, atomically (as `--save-mapping`).
#[tauri::command]
pub async fn write_register_mapping(
    path: String,
    mapping: RegisterMapping,
) -> Result<(), DeskError> {
    on_blocking_pool(move || coopdesk_app::register::write_mapping_file(Path::new(&path), &mapping))
        .await
}

/// Writes one case as `coopdesk.case/v1` to the path chosen in the save dialog.
#[tauri::command]
pub async fn export_case(desk: SharedDesk<'_>, id: String, path: String) -> Result<(), DeskError> {
    off_ui_thread(&desk, move |d| d.export_case(&id, &path)).await
}

/// Writes the given cases as a bundle (`coopdesk.bundle/v1`) to the chosen path.
#[tauri::command]
pub async fn export_bundle(
    desk: SharedDesk<'_>,
    ids: Vec<String>,
    path: String,
) -> Result<BundleWritten, DeskError> {
    off_ui_thread(&desk, move |d| d.export_bundle(&ids, Path::new(&path))).await
}

/// Imports a bundle; without `on_conflict`, cases that differ from stored ones come back as a
/// `bundle.conflict` error naming them, and nothing is imported.
#[tauri::command]
pub async fn import_bundle(
    desk: SharedDesk<'_>,
    path: String,
    on_conflict: Option<OnConflict>,
) -> Result<BundleImportOutcome, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.import_bundle(Path::new(&path), on_conflict)
    })
    .await
}

/// The case's assessment with its sentences in `lang`.
#[tauri::command]
pub async fn assess_case(
    desk: SharedDesk<'_>,
    id: String,
    lang: Lang,
) -> Result<AssessmentView, DeskError> {
    off_ui_thread(&desk, move |d| d.assess_case(&id, lang)).await
}

/// Sets or clears one checklist answer; returns the updated assessment.
#[tauri::command]
pub async fn set_answer(
    desk: SharedDesk<'_>,
    id: String,
    question: String,
    answer: Option<Answer>,
    lang: Lang,
) -> Result<AssessmentView, DeskError> {
    off_ui_thread(&desk, move |d| d.set_answer(&id, &question, answer, lang)).await
}

/// Sets or clears a topic's level override; returns the updated assessment.
#[tauri::command]
pub async fn set_override(
    desk: SharedDesk<'_>,
    id: String,
    topic: Topic,
    value: Option<LevelOverride>,
    lang: Lang,
) -> Result<AssessmentView, DeskError> {
    off_ui_thread(&desk, move |d| d.set_override(&id, topic, value, lang)).await
}

/// Adds or changes an action of the case's action plan; returns the updated assessment.
#[tauri::command]
pub async fn set_action(
    desk: SharedDesk<'_>,
    id: String,
    input: ActionInput,
    lang: Lang,
) -> Result<AssessmentView, DeskError> {
    off_ui_thread(&desk, move |d| d.set_action(&id, input, lang)).await
}

/// Removes an action from the case's action plan; returns the updated assessment.
#[tauri::command]
pub async fn remove_action(
    desk: SharedDesk<'_>,
    id: String,
    action: String,
    lang: Lang,
) -> Result<AssessmentView, DeskError> {
    off_ui_thread(&desk, move |d| d.remove_action(&id, &action, lang)).await
}

/// Moves a case through its lifecycle (a decision is the sign-off).
#[tauri::command]
pub async fn transition(
    desk: SharedDesk<'_>,
    id: String,
    to: CaseStatus,
    input: TransitionInput,
    lang: Lang,
) -> Result<TransitionOutcome, DeskError> {
    off_ui_thread(&desk, move |d| d.transition(&id, to, &input, lang)).await
}

/// A case's revisions with field-level changes, and its lifecycle steps.
#[tauri::command]
pub async fn case_history(desk: SharedDesk<'_>, id: String) -> Result<CaseHistory, DeskError> {
    off_ui_thread(&desk, move |d| d.case_history(&id)).await
}

/// Writes a case's briefing (for a decided case: the approved one) to `path`.
#[tauri::command]
pub async fn write_briefing(
    desk: SharedDesk<'_>,
    id: String,
    path: PathBuf,
    lang: Lang,
) -> Result<PdfWritten, DeskError> {
    off_ui_thread(&desk, move |d| d.write_briefing(&id, &path, lang)).await
}

/// Stores a finished workshop (its answers as one revision); returns the record and the assessment.
#[tauri::command]
pub async fn finish_workshop(
    desk: SharedDesk<'_>,
    id: String,
    input: WorkshopInput,
    lang: Lang,
) -> Result<WorkshopOutcome, DeskError> {
    off_ui_thread(&desk, move |d| d.finish_workshop(&id, &input, lang)).await
}

/// Writes the minutes of a case's workshop (`workshop`, or the latest) to `path`.
#[tauri::command]
pub async fn write_workshop_minutes(
    desk: SharedDesk<'_>,
    id: String,
    workshop: Option<String>,
    path: PathBuf,
    lang: Lang,
) -> Result<PdfWritten, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.write_workshop_minutes(&id, workshop.as_deref(), &path, lang)
    })
    .await
}

/// Writes the portfolio report of open cases to `path`.
#[tauri::command]
pub async fn write_portfolio(
    desk: SharedDesk<'_>,
    path: PathBuf,
    lang: Lang,
) -> Result<PdfWritten, DeskError> {
    off_ui_thread(&desk, move |d| d.write_portfolio(&path, lang)).await
}

/// Opens a file the app has just written (a briefing or report) in the system's viewer. Only PDF
/// files are opened, so the window cannot be used to launch anything else.
#[tauri::command]
pub async fn open_file(app: tauri::AppHandle, path: PathBuf) -> Result<(), DeskError> {
    use tauri_plugin_opener::OpenerExt;
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !is_pdf || !path.is_file() {
        return Err(DeskError::new(
            ErrorCode::InputInvalid,
            format!("{} is not a PDF file this app wrote", path.display()),
        ));
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            DeskError::new(
                ErrorCode::IoFailed,
                format!("cannot open {}: {e}", path.display()),
            )
        })
}

/// A case's partners with their screening hits and review states.
#[tauri::command]
pub async fn screening_for_case(
    desk: SharedDesk<'_>,
    id: String,
) -> Result<CaseScreening, DeskError> {
    off_ui_thread(&desk, move |d| d.screening_for_case(&id)).await
}

/// Records a reviewer's decision on a hit; returns the organisation's hits as they now stand.
#[tauri::command]
pub async fn review_hit(
    desk: SharedDesk<'_>,
    org: String,
    entity: String,
    list: String,
    decision: HitDecision,
    by: String,
    note: Option<String>,
) -> Result<PartnerScreening, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.review_hit(&org, &entity, &list, decision, &by, note.as_deref())
    })
    .await
}

/// Runs the co-publication check on the chosen publication lists and stores it as the case's newest
/// (`coopdesk pubs check`).
#[tauri::command]
pub async fn check_publications(
    desk: SharedDesk<'_>,
    id: String,
    paths: Vec<PathBuf>,
) -> Result<PubsCheck, DeskError> {
    off_ui_thread(&desk, move |d| d.record_publication_check(&id, &paths)).await
}

/// The case's newest stored co-publication check, or `null` (`coopdesk pubs show`).
#[tauri::command]
pub async fn publication_check(
    desk: SharedDesk<'_>,
    id: String,
) -> Result<Option<PubsCheck>, DeskError> {
    off_ui_thread(&desk, move |d| d.publication_check(&id)).await
}

/// Records a decision on one co-authorship (by its key); returns the check as it now stands
/// (`coopdesk pubs review`).
#[tauri::command]
pub async fn review_coauthorship(
    desk: SharedDesk<'_>,
    id: String,
    key: String,
    decision: HitDecision,
    by: String,
    note: Option<String>,
) -> Result<PubsCheck, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.review_coauthorship(&id, &key, decision, &by, note.as_deref())
    })
    .await
}

/// The stored restriction-list snapshots with their provenance.
#[tauri::command]
pub async fn list_snapshots(desk: SharedDesk<'_>) -> Result<Vec<ListSnapshotRow>, DeskError> {
    off_ui_thread(&desk, move |d| d.list_snapshots()).await
}

/// Imports a restriction-list file as a new snapshot and re-screens every case.
#[tauri::command]
pub async fn import_list(
    desk: SharedDesk<'_>,
    path: PathBuf,
    format: ListFormat,
    list: Option<String>,
) -> Result<ListImportOutcome, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.import_list(&path, format, list.as_deref())
    })
    .await
}

/// Writes a checked backup into the backup folder (or to `path`).
#[tauri::command]
pub async fn backup(desk: SharedDesk<'_>, path: Option<PathBuf>) -> Result<BackupCheck, DeskError> {
    off_ui_thread(&desk, move |d| d.backup(path.as_deref())).await
}

/// Restores a checked backup; the current content is kept as a safety copy.
#[tauri::command]
pub async fn restore(desk: SharedDesk<'_>, path: PathBuf) -> Result<BackupCheck, DeskError> {
    off_ui_thread(&desk, move |d| d.restore(&path)).await
}

/// Called by the window once the start page (the dashboard) has painted for the first time. With
/// `COOPDESK_MEASURE_STARTUP` set it prints the time since the process started (the cold-start figure
/// `packaging/measure-startup.sh` reports); set to `exit`, it also closes the app. Otherwise it does
/// nothing.
#[tauri::command]
pub fn first_paint(app: tauri::AppHandle) {
    let Ok(mode) = std::env::var("COOPDESK_MEASURE_STARTUP") else {
        return;
    };
    if let Some(started) = crate::STARTED.get() {
        println!(
            "first paint of the start page: {:.1} ms after process start",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if mode == "exit" {
        app.exit(0);
    }
}

/// The default template version when the case could move to it (see `Desk::newer_template_for`).
#[tauri::command]
pub async fn newer_template(
    desk: SharedDesk<'_>,
    id: String,
) -> Result<Option<TemplateRef>, DeskError> {
    off_ui_thread(&desk, move |d| d.newer_template_for(&id)).await
}

/// Moves an undecided case to the default template version and returns its new assessment.
#[tauri::command]
pub async fn adopt_template(
    desk: SharedDesk<'_>,
    id: String,
    lang: Lang,
) -> Result<AssessmentView, DeskError> {
    off_ui_thread(&desk, move |d| {
        d.adopt_default_template(Some(std::slice::from_ref(&id)))?;
        d.assess_case(&id, lang)
    })
    .await
}

/// A stored template version (questions and texts for the checklist walk).
#[tauri::command]
pub async fn get_template(
    desk: SharedDesk<'_>,
    template: TemplateRef,
) -> Result<TemplateView, DeskError> {
    off_ui_thread(&desk, move |d| d.get_template(&template)).await
}
