//! `coopdesk-window`: the Cooperation Desk window, started by `coopdesk` without a subcommand.
//!
//! It takes the same arguments as `coopdesk` (`--db FILE`, `--demo`) and opens the window on the case
//! database. Everything the window does goes through the commands in [`commands`], each a thin adapter
//! over one `coopdesk_app::Desk` call. It is a binary of its own so that the command line does not
//! load GTK and WebKitGTK (see `main.rs`).
//!
//! This crate is the only one that imports Tauri, and it holds no SQL, rules or display formatting.

// No console window on Windows: the window has no output for one (`coopdesk` keeps the console).
#![cfg_attr(windows, windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use coopdesk_app::session::Session;
use coopdesk_cli::Invocation;

/// When the process started: the cold-start measurement (`COOPDESK_MEASURE_STARTUP`) counts from here.
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    match coopdesk_cli::invocation() {
        Invocation::Exit(code) => code,
        Invocation::Window { db, demo } => run_window(db, demo),
    }
}

/// Opens the case database and runs the window until it is closed.
fn run_window(db: Option<PathBuf>, demo: bool) -> ExitCode {
    #[cfg(target_os = "linux")]
    linux::disable_webkit_dmabuf_renderer();

    let path = match coopdesk_app::paths::window_db(db, demo) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("coopdesk: cannot open the case database: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Held until the window closes: one window per database. Taken before the database is opened,
    // so a second window never migrates or backs up a database that the first one has open.
    let _window_lock = match coopdesk_app::instance::lock_for_window(&path) {
        Ok(lock) => lock,
        Err(e) => {
            eprintln!("coopdesk: {}", e.message);
            return ExitCode::FAILURE;
        }
    };
    // The database is opened while GTK and the webview start; the window shows why if it cannot be.
    let session = match Session::open_in_background(path, demo, |e| {
        eprintln!("coopdesk: cannot open the case database: {e}");
    }) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("coopdesk: cannot open the case database: {e}");
            return ExitCode::FAILURE;
        }
    };

    let outcome = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(session)
        .invoke_handler(tauri::generate_handler![
            commands::db_info,
            commands::db_path,
            commands::unlock,
            commands::connect_team,
            commands::change_encryption,
            commands::list_cases,
            commands::dashboard,
            commands::get_case,
            commands::create_case,
            commands::save_case,
            commands::search_organisations,
            commands::save_organisation,
            commands::search_facilities,
            commands::save_facility,
            commands::import_case_files,
            commands::export_case,
            commands::export_bundle,
            commands::import_bundle,
            commands::register_preview,
            commands::register_import,
            commands::read_register_mapping,
            commands::write_register_mapping,
            commands::assess_case,
            commands::set_answer,
            commands::set_override,
            commands::set_action,
            commands::remove_action,
            commands::transition,
            commands::case_history,
            commands::write_briefing,
            commands::write_portfolio,
            commands::finish_workshop,
            commands::write_workshop_minutes,
            commands::open_file,
            commands::screening_for_case,
            commands::review_hit,
            commands::check_publications,
            commands::publication_check,
            commands::review_coauthorship,
            commands::list_snapshots,
            commands::import_list,
            commands::backup,
            commands::first_paint,
            commands::restore,
            commands::get_template,
            commands::newer_template,
            commands::adopt_template,
        ])
        .run(tauri::generate_context!());

    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("coopdesk: the window could not be started: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::os::unix::process::CommandExt;
    use std::process::Command;

    /// Environment variable that switches WebKitGTK away from its DMABUF renderer.
    const DMABUF_VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

    /// Makes sure `WEBKIT_DISABLE_DMABUF_RENDERER` is set before WebKit starts, unless the user set it.
    ///
    /// WebKitGTK's DMABUF renderer paints a blank or black window on NVIDIA drivers and some Wayland
    /// setups (tauri-apps/tauri#8462, #13899). WebKit reads the variable from the environment, but
    /// `std::env::set_var` is `unsafe` in edition 2024 (another thread may read the environment at the
    /// same time) and the workspace forbids unsafe code. So, when the variable is unset, the process
    /// re-executes itself with the variable set: `exec` keeps the process id and the arguments, so
    /// launchers and WebKitWebDriver keep tracking the same process, and the user's own value
    /// (including `0`) is never overridden.
    pub(crate) fn disable_webkit_dmabuf_renderer() {
        if std::env::var_os(DMABUF_VAR).is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut args = std::env::args_os();
        let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
        let error = Command::new(&exe)
            .arg0(arg0)
            .args(args)
            .env(DMABUF_VAR, "1")
            .exec();
        // Only reached when exec failed, e.g. because the binary was replaced while running. The
        // window still works on most machines, so carry on rather than refuse to start.
        eprintln!(
            "coopdesk: could not restart with {DMABUF_VAR}=1 ({error}); if the window stays blank, \
             start it as `{DMABUF_VAR}=1 coopdesk`"
        );
    }
}
