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
#[cfg(target_os = "linux")]
mod webkit_env;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use coopdesk_app::session::Session;

/// When the process started: the cold-start measurement (`COOPDESK_MEASURE_STARTUP`) counts from here.
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The window's arguments: those of `coopdesk` without a subcommand, which hands them over unchanged.
///
/// Why not `coopdesk_cli`'s parser: building its whole command tree (some forty subcommands with their
/// help) runs code scattered over the binary, and every page of it that is touched stays resident in
/// the window for its lifetime. `coopdesk` has checked the arguments already; this accepts the same
/// global options and nothing else.
#[derive(Debug, Parser)]
#[command(
    name = "coopdesk-window",
    version,
    about = "The Cooperation Desk window (started by `coopdesk` without a command).",
    long_about = None
)]
struct WindowArgs {
    /// Case database to open [default: cases.sqlite in the per-user data directory]; a
    /// postgresql:// URI names a team database.
    #[arg(long, value_name = "PATH|URI")]
    db: Option<PathBuf>,
    /// Open the built-in demo database (created with its example cases on first use).
    #[arg(long)]
    demo: bool,
    /// Accepted because `coopdesk` accepts it everywhere; the window has no output to format.
    #[arg(long, hide = true)]
    json: bool,
}

fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let args = WindowArgs::parse();
    run_window(args.db, args.demo)
}

/// Opens the case database and runs the window until it is closed.
fn run_window(db: Option<PathBuf>, demo: bool) -> ExitCode {
    #[cfg(target_os = "linux")]
    linux::restart_with_webkit_env();

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

    /// Makes sure WebKitGTK finds its environment (`webkit_env`) before it starts: when a variable
    /// is unset (the window was started without `coopdesk`), the process re-executes itself with
    /// it. `exec` keeps the process id and the arguments, so launchers and WebKitWebDriver keep
    /// tracking the same process.
    pub(crate) fn restart_with_webkit_env() {
        let missing: Vec<_> = crate::webkit_env::missing().collect();
        if missing.is_empty() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut args = std::env::args_os();
        let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
        let mut command = Command::new(&exe);
        command.arg0(arg0).args(args);
        for var in &missing {
            command.env(var.name, var.value);
        }
        let error = command.exec();
        // Only reached when exec failed, e.g. because the binary was replaced while running. The
        // window still works on most machines, so carry on rather than refuse to start.
        eprintln!(
            "coopdesk: could not restart with WebKitGTK's settings ({error}); if the window stays \
             blank, start it as `WEBKIT_DISABLE_DMABUF_RENDERER=1 coopdesk`"
        );
    }
}
