//! Where Cooperation Desk keeps its data: the OS's per-user data directory
//! (Linux `~/.local/share/cooperationdesk`, Windows `%APPDATA%\coopdesk\Cooperation Desk\data`,
//! macOS `~/Library/Application Support/org.coopdesk.Cooperation-Desk`).
//!
//! `COOPDESK_DATA_DIR` overrides it, so tests and portable installs never touch a user's real data.

use std::path::PathBuf;

use crate::api::{DeskError, ErrorCode};

/// File name of the case database inside the data directory.
pub const DB_FILE: &str = "cases.sqlite";
/// File name of the demo database inside the data directory.
pub const DEMO_FILE: &str = "demo.sqlite";

/// The per-user data directory.
pub fn data_dir() -> Result<PathBuf, DeskError> {
    if let Some(dir) = std::env::var_os("COOPDESK_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "coopdesk", "Cooperation Desk")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            DeskError::new(
                ErrorCode::IoFailed,
                "cannot find a home folder for the data directory; pass --db PATH or set COOPDESK_DATA_DIR",
            )
        })
}

/// The default case database.
pub fn default_db() -> Result<PathBuf, DeskError> {
    Ok(data_dir()?.join(DB_FILE))
}

/// The demo database.
pub fn demo_db() -> Result<PathBuf, DeskError> {
    Ok(data_dir()?.join(DEMO_FILE))
}

/// The database the window opens: `db` if given, else the demo or the default database; absolute,
/// so that the window lock and the title name the same file whatever the working folder.
pub fn window_db(db: Option<PathBuf>, demo: bool) -> Result<PathBuf, DeskError> {
    let path = match db {
        // A team database's address stays as given (it is no path to make absolute).
        Some(p) if crate::team::team_uri(&p).is_some() => return Ok(p),
        Some(p) => p,
        None if demo => demo_db()?,
        None => default_db()?,
    };
    Ok(std::path::absolute(&path).unwrap_or(path))
}
