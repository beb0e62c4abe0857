//! `coopdesk register import`: an office's register spreadsheet imported as cases.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use coopdesk_app::Desk;
use coopdesk_app::api::{DeskError, RegisterImported, RegisterOptions, RegisterPreview};
use coopdesk_app::register::{read_mapping_file, write_mapping_file};

use crate::{GlobalArgs, output};

/// Subcommands of `coopdesk register`.
#[derive(Debug, Subcommand)]
pub(crate) enum RegisterCommand {
    /// Imports a register (.xlsx, .xls, .ods, .csv; one row per cooperation) as cases, all rows or
    /// none; the new cases are screened and assessed. Without --mapping the columns are mapped from
    /// their headers (German or English) and the mapping is printed.
    Import {
        /// The register file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The sheet to read [default: the mapping's, else the first with a header row].
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// A mapping file (coopdesk.register-mapping/v1) saying which column fills which field.
        #[arg(long, value_name = "FILE.toml")]
        mapping: Option<PathBuf>,
        /// Writes the mapping used (suggested or given) to this file, for the next import.
        #[arg(long, value_name = "FILE.toml")]
        save_mapping: Option<PathBuf>,
        /// Shows what would be imported and changes nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// `register import --json`: what was read, the mapping, the cases (created or, with --dry-run,
/// that would be created) and warnings.
#[derive(Serialize)]
struct ImportJson<'a> {
    dry_run: bool,
    #[serde(flatten)]
    preview: &'a RegisterPreview,
    imported: &'a [RegisterImported],
}

pub(crate) fn register(desk: &Desk, c: RegisterCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    let RegisterCommand::Import {
        file,
        sheet,
        mapping,
        save_mapping,
        dry_run,
    } = c;
    let mapping = mapping.as_deref().map(read_mapping_file).transpose()?;
    let options = RegisterOptions { sheet, mapping };
    let preview = desk.register_preview(&file, &options)?;
    if let Some(path) = &save_mapping {
        write_mapping_file(path, &preview.mapping)?;
    }
    if let Some(e) = preview.refusal() {
        if !g.json {
            // How the columns were read helps to see why a row failed.
            output::write_stdout(&format!("{}\n", heading(&preview, save_mapping.is_some())))?;
        }
        return Err(e);
    }
    if dry_run {
        let json = ImportJson {
            dry_run,
            preview: &preview,
            imported: &[],
        };
        return output::print(g.json, &json, || {
            text(&preview, &[], save_mapping.is_some(), true)
        });
    }
    let outcome = desk.register_import(&file, &options)?;
    let json = ImportJson {
        dry_run,
        preview: &outcome.preview,
        imported: &outcome.imported,
    };
    output::print(g.json, &json, || {
        text(
            &outcome.preview,
            &outcome.imported,
            save_mapping.is_some(),
            false,
        )
    })
}

/// The file, sheet, header row and the mapping as a table of columns.
fn heading(p: &RegisterPreview, saved: bool) -> String {
    let mut lines = vec![format!(
        "{}: sheet \"{}\", header in row {}",
        p.file, p.sheet, p.header_row
    )];
    lines.push(if p.mapping_suggested {
        if saved {
            "mapping suggested from the headers (saved):".to_owned()
        } else {
            "mapping suggested from the headers (keep it with --save-mapping FILE.toml):".to_owned()
        }
    } else {
        "mapping:".to_owned()
    });
    let width = p
        .columns
        .iter()
        .map(|c| c.header.chars().count())
        .max()
        .unwrap_or(0);
    for c in &p.columns {
        let field = c
            .field
            .map_or("(not imported)".to_owned(), |f| format!("-> {f}"));
        let pad = width.saturating_sub(c.header.chars().count());
        lines.push(format!(
            "  {:<3} {}{}  {field}",
            c.column,
            c.header.replace('\n', " "),
            " ".repeat(pad)
        ));
    }
    lines.join("\n")
}

fn text(p: &RegisterPreview, imported: &[RegisterImported], saved: bool, dry_run: bool) -> String {
    let mut lines = vec![heading(p, saved)];
    lines.push(String::new());
    lines.push(if dry_run {
        format!(
            "would import {} cases (dry run: nothing was written):",
            p.cases.len()
        )
    } else {
        format!("imported {} cases:", imported.len())
    });
    for c in &p.cases {
        let done = imported.iter().find(|i| i.row == c.row);
        let partners: Vec<String> = c
            .partners
            .iter()
            .map(|x| {
                let zh = x
                    .name_zh
                    .as_deref()
                    .map(|z| format!(" {z}"))
                    .unwrap_or_default();
                let known = if x.organisation.is_some() {
                    "known"
                } else {
                    "new"
                };
                format!("{}{zh} ({}, {known})", x.name, x.country)
            })
            .collect();
        let mut line = match done {
            Some(i) => format!("  row {}: {}  {}", c.row, i.id, c.title),
            None => format!("  row {}: {}", c.row, c.title),
        };
        if !partners.is_empty() {
            line.push_str(&format!("\n      partners: {}", partners.join("; ")));
        }
        if let Some(f) = &c.facility {
            line.push_str(&format!("\n      facility: {} ({})", f.name, f.id));
        }
        let period = match (c.start, c.end) {
            (None, None) => String::new(),
            (s, e) => format!(
                "{} – {}",
                s.map_or("?".to_owned(), |d| d.to_string()),
                e.map_or("?".to_owned(), |d| d.to_string())
            ),
        };
        line.push_str(&format!("\n      status: {}", c.status.as_str()));
        if !period.is_empty() {
            line.push_str(&format!(", period: {period}"));
        }
        if let Some(i) = done {
            line.push_str(&format!("\n      assessed: {}", i.overall.as_str()));
            if i.open_key_questions > 0 {
                line.push_str(&format!(
                    " (provisional: {} key questions open)",
                    i.open_key_questions
                ));
            }
            if i.partners_with_hits > 0 {
                line.push_str(&format!(
                    "; screening: {} partner(s) with hits, review them with `coopdesk hits show {}`",
                    i.partners_with_hits, i.id
                ));
            }
        }
        lines.push(line);
    }
    if !p.warnings.is_empty() {
        lines.push(String::new());
        lines.push("warnings:".to_owned());
        for w in &p.warnings {
            lines.push(format!("  {w}"));
        }
    }
    lines.join("\n")
}
