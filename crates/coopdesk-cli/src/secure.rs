//! Encrypted databases on the command line: where the passphrase comes from, and
//! `coopdesk encryption status|on|off|change`.
//!
//! A passphrase is read from the terminal without echo. Scripts give it in `COOPDESK_PASSPHRASE`
//! (and a new one in `COOPDESK_NEW_PASSPHRASE`); without a terminal and without the variable, an
//! encrypted database is refused with `db.locked` rather than waiting for input that never comes.

use std::io::IsTerminal;
use std::path::Path;

use clap::Subcommand;
use serde::Serialize;

use coopdesk_app::Desk;
use coopdesk_app::api::EncryptionChange;
use coopdesk_app::api::{DeskError, ErrorCode};
use coopdesk_app::encryption::{Passphrase, is_encrypted};

use crate::GlobalArgs;
use crate::output;

/// Environment variable with the passphrase of an encrypted database, for scripts.
pub(crate) const PASSPHRASE_VAR: &str = "COOPDESK_PASSPHRASE";
/// Environment variable with the new passphrase for `encryption on|change`, for scripts.
pub(crate) const NEW_PASSPHRASE_VAR: &str = "COOPDESK_NEW_PASSPHRASE";

/// `coopdesk encryption ...`
#[derive(Debug, Subcommand)]
pub(crate) enum EncryptionCommand {
    /// Says whether the database is encrypted.
    Status,
    /// Encrypts the database and its backups with a new passphrase.
    On,
    /// Stores the database and its backups plain again (asks for the current passphrase).
    Off,
    /// Changes the passphrase (asks for the current one, then the new one twice).
    Change,
}

/// Opens the database at `path`, asking for its passphrase if it is encrypted.
pub(crate) fn open_desk(path: &Path) -> Result<Desk, DeskError> {
    if is_encrypted(path)? {
        let key = passphrase(path)?;
        Desk::open_keyed(path, Some(&key))
    } else {
        Desk::open(path)
    }
}

/// Opens the team database `uri` names. When the server asks for a password that neither the URI,
/// `PGPASSWORD` nor `~/.pgpass` gives, it is asked for in the terminal, as `psql` does (never in a
/// script: there the error says where to put it).
pub(crate) fn open_team(uri: &str) -> Result<Desk, DeskError> {
    let mut target = coopdesk_app::team::team_target(uri)?;
    let clock = std::sync::Arc::new(coopdesk_app::clock::SystemClock);
    match Desk::open_team_with_clock(&target, clock.clone()) {
        Err(e)
            if e.code == ErrorCode::DbUnreachable
                && target.password.is_none()
                && e.message.contains("password missing")
                && std::io::stdin().is_terminal() =>
        {
            let password =
                rpassword::prompt_password(format!("Password for {target}: ")).map_err(|e| {
                    DeskError::new(
                        ErrorCode::IoFailed,
                        format!("cannot read the password: {e}"),
                    )
                })?;
            target.password = Some(password.into());
            Desk::open_team_with_clock(&target, clock)
        }
        other => other,
    }
}

/// The passphrase of the encrypted database at `path`: from the environment or the terminal.
fn passphrase(path: &Path) -> Result<Passphrase, DeskError> {
    if let Some(p) = std::env::var_os(PASSPHRASE_VAR) {
        return Ok(Passphrase::new(p.to_string_lossy().into_owned()));
    }
    if !std::io::stdin().is_terminal() {
        return Err(DeskError::new(
            ErrorCode::DbLocked,
            format!(
                "{} is encrypted; give its passphrase in {PASSPHRASE_VAR} or run the command in a terminal",
                path.display()
            ),
        ));
    }
    prompt(&format!("Passphrase for {}: ", path.display()))
}

/// A new passphrase: from the environment, or typed twice in the terminal.
fn new_passphrase() -> Result<Passphrase, DeskError> {
    if let Some(p) = std::env::var_os(NEW_PASSPHRASE_VAR) {
        return Ok(Passphrase::new(p.to_string_lossy().into_owned()));
    }
    if !std::io::stdin().is_terminal() {
        return Err(DeskError::new(
            ErrorCode::InputInvalid,
            format!(
                "give the new passphrase in {NEW_PASSPHRASE_VAR} or run the command in a terminal"
            ),
        ));
    }
    let first = prompt("New passphrase: ")?;
    let again = prompt("The new passphrase again: ")?;
    if first != again {
        return Err(DeskError::new(
            ErrorCode::InputInvalid,
            "the two passphrases differ; nothing was changed",
        ));
    }
    Ok(first)
}

fn prompt(text: &str) -> Result<Passphrase, DeskError> {
    rpassword::prompt_password(text)
        .map(Passphrase::new)
        .map_err(|e| {
            DeskError::new(
                ErrorCode::IoFailed,
                format!("cannot read the passphrase: {e}"),
            )
        })
}

#[derive(Serialize)]
struct Status {
    path: String,
    encrypted: bool,
}

/// Runs `coopdesk encryption ...` on the database at `path`.
pub(crate) fn encryption(
    path: &Path,
    command: EncryptionCommand,
    g: &GlobalArgs,
) -> Result<(), DeskError> {
    let encrypted = is_encrypted(path)?;
    if let EncryptionCommand::Status = command {
        let status = Status {
            path: path.display().to_string(),
            encrypted,
        };
        return output::print(g.json, &status, || {
            format!(
                "{} is {}",
                status.path,
                if encrypted {
                    "encrypted"
                } else {
                    "not encrypted"
                }
            )
        });
    }
    // No window may have the database open while its file is replaced.
    let _lock = coopdesk_app::instance::lock_for_window(path)?;
    let current = if encrypted {
        Some(passphrase(path)?)
    } else {
        None
    };
    let desk = Desk::open_keyed(path, current.as_ref())?;
    let new = match command {
        EncryptionCommand::Off => None,
        EncryptionCommand::On if encrypted => {
            return Err(DeskError::new(
                ErrorCode::InputInvalid,
                format!(
                    "{} is already encrypted; use `coopdesk encryption change` for a new passphrase",
                    path.display()
                ),
            ));
        }
        EncryptionCommand::Change if !encrypted => {
            return Err(DeskError::new(
                ErrorCode::InputInvalid,
                format!(
                    "{} is not encrypted; use `coopdesk encryption on`",
                    path.display()
                ),
            ));
        }
        _ => Some(new_passphrase()?),
    };
    let change = desk.change_encryption(current, new)?;
    output::print(g.json, &change, || change_text(path, &change))
}

fn change_text(path: &Path, c: &EncryptionChange) -> String {
    let mut text = format!(
        "{} is {}; {} backup(s) converted",
        path.display(),
        if c.encrypted {
            "encrypted"
        } else {
            "no longer encrypted"
        },
        c.backups_converted
    );
    for left in &c.backups_left {
        text.push_str(&format!("\nleft as it was: {left}"));
    }
    text
}
