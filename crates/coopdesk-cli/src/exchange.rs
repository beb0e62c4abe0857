//! `coopdesk bundle …`: case bundles between offices (`coopdesk.bundle/v1`).

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use coopdesk_app::Desk;
use coopdesk_app::api::DeskError;
use coopdesk_app::api::{BundleImportOutcome, CaseTakeOver, OnConflict};

use crate::{GlobalArgs, output};

/// Subcommands of `coopdesk bundle`.
#[derive(Debug, Subcommand)]
pub(crate) enum BundleCommand {
    /// Writes cases with their assessment, template version, screening evidence and audit excerpt
    /// as one file another office can import.
    Export {
        /// Case ids.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// The bundle file to write (*.bundle.json).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Imports a bundle, all or nothing. A case that differs from the stored case of the same id is
    /// a conflict: without --on-conflict nothing is imported and the conflicts are listed.
    Import {
        /// The bundle file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// For conflicting cases: keep the stored case, replace it, or import the bundled case as a
        /// copy with a new id.
        #[arg(long, value_enum, value_name = "CHOICE")]
        on_conflict: Option<Choice>,
    },
    /// Shows the bundles a case came in, with the sender's evidence.
    Received {
        /// Case id.
        id: String,
    },
}

/// `--on-conflict` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Choice {
    /// Keep the stored case.
    Keep,
    /// Replace the stored case (a new revision; history is kept).
    Replace,
    /// Import the bundled case as a copy with a new id.
    Copy,
}

pub(crate) fn bundle(desk: &Desk, c: BundleCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match c {
        BundleCommand::Export { ids, output: path } => {
            let w = desk.export_bundle(&ids, &path)?;
            output::print(g.json, &w, || {
                format!(
                    "wrote {} ({} cases, {} bytes, sha256 {})",
                    w.file,
                    w.ids.len(),
                    w.bytes,
                    w.sha256
                )
            })
        }
        BundleCommand::Import { file, on_conflict } => {
            let choice = on_conflict.map(|c| match c {
                Choice::Keep => OnConflict::Keep,
                Choice::Replace => OnConflict::Replace,
                Choice::Copy => OnConflict::Copy,
            });
            let outcome = desk.import_bundle(&file, choice)?;
            output::print(g.json, &outcome, || import_text(&outcome))
        }
        BundleCommand::Received { id } => {
            let rows = desk.received_bundles(&id)?;
            output::print(g.json, &rows, || {
                if rows.is_empty() {
                    return format!("{id} did not come in a bundle");
                }
                rows.iter()
                    .map(|r| {
                        format!(
                            "{}: {} from {} (written by {} at {}, their case {} revision {}), sha256 {}",
                            r.received_at,
                            r.how,
                            r.file_name,
                            r.exported_by,
                            r.exported_at,
                            r.source_case_id,
                            r.source_revision.map_or("?".to_owned(), |n| n.to_string()),
                            r.file_sha256
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

fn import_text(o: &BundleImportOutcome) -> String {
    let mut lines = vec![format!(
        "{} (written by {} at {}):",
        o.file, o.exported_by, o.exported_at
    )];
    for c in &o.cases {
        let what = match c.outcome {
            CaseTakeOver::Added => "added".to_owned(),
            CaseTakeOver::Replaced => "replaced the stored case".to_owned(),
            CaseTakeOver::Copied => format!("copied as {}", c.id),
            CaseTakeOver::Kept => "kept the stored case".to_owned(),
            CaseTakeOver::Unchanged => "unchanged (the same case is stored)".to_owned(),
        };
        lines.push(format!("  {}  {}: {what}", c.source_id, c.title));
    }
    lines.join("\n")
}
