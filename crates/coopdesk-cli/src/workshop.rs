//! `coopdesk workshop`: a workshop's answers recorded from a file, the workshops of a case listed, and
//! their minutes written again as PDF.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use coopdesk_app::Desk;
use coopdesk_app::api::{DeskError, ErrorCode, WorkshopInput};
use coopdesk_assess::Lang;
use coopdesk_core::Workshop;

use crate::{GlobalArgs, output, parse_lang};

/// Subcommands of `coopdesk workshop`.
#[derive(Debug, Subcommand)]
pub(crate) enum WorkshopCommand {
    /// Lists a case's workshops: when, who, how many questions, how many answers changed.
    List {
        /// Case id.
        case: String,
    },
    /// Writes the minutes of a case's workshop (the latest, or --workshop ID) as a PDF:
    /// participants, the answers that changed, the open points, every question discussed.
    Minutes {
        /// Case id.
        case: String,
        /// The PDF file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
        /// Which workshop (`ws-1`, `ws-2`, …); the latest when absent.
        #[arg(long = "workshop", value_name = "ID")]
        workshop: Option<String>,
        /// Language of the minutes.
        #[arg(long, value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Records a workshop held elsewhere (JSON: `started_at`, `participants`, `answers` as the
    /// window hands them over) as one revision of the case.
    Record {
        /// Case id.
        case: String,
        /// The workshop as JSON.
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
}

/// One workshop as `workshop list` prints it.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    workshop: &'a Workshop,
    questions: usize,
    changed: usize,
    open_points: usize,
}

pub(crate) fn workshop(desk: &Desk, c: WorkshopCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match c {
        WorkshopCommand::List { case } => {
            let view = desk.get_case(&case)?;
            let rows: Vec<Listed<'_>> = view
                .case
                .workshops
                .iter()
                .map(|w| Listed {
                    workshop: w,
                    questions: w.entries.len(),
                    changed: w.entries.iter().filter(|e| e.changed()).count(),
                    open_points: w.entries.iter().filter(|e| e.is_open_point()).count(),
                })
                .collect();
            output::print(g.json, &rows, || {
                if rows.is_empty() {
                    return format!("{case}: no workshop yet");
                }
                rows.iter()
                    .map(|r| {
                        format!(
                            "{}  {}  {} question(s), {} changed, {} open  —  {}",
                            r.workshop.id,
                            r.workshop.started_at.format("%Y-%m-%d %H:%M UTC"),
                            r.questions,
                            r.changed,
                            r.open_points,
                            r.workshop.participants.join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        WorkshopCommand::Minutes {
            case,
            output: path,
            workshop,
            lang,
        } => {
            let w = desk.write_workshop_minutes(&case, workshop.as_deref(), &path, lang)?;
            output::print(g.json, &w, || {
                format!("wrote {} ({} bytes, sha256 {})", w.path, w.bytes, w.sha256)
            })
        }
        WorkshopCommand::Record { case, file } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                DeskError::new(
                    ErrorCode::IoFailed,
                    format!("cannot read {}: {e}", file.display()),
                )
            })?;
            let input: WorkshopInput = serde_json::from_slice(&bytes).map_err(|e| {
                DeskError::new(ErrorCode::InputInvalid, format!("{}: {e}", file.display()))
            })?;
            let out = desk.finish_workshop(&case, &input, Lang::En)?;
            output::print(g.json, &out.workshop, || {
                format!(
                    "{case}: workshop {} recorded{} ({} question(s), {} participant(s))",
                    out.workshop.id,
                    out.revision
                        .map(|r| format!(" as revision {r}"))
                        .unwrap_or_default(),
                    out.workshop.entries.len(),
                    out.workshop.participants.len()
                )
            })
        }
    }
}
