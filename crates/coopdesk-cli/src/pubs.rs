//! `coopdesk pubs check`: a partner's publication lists screened for co-authorships with listed
//! institutions.

use std::path::PathBuf;

use clap::Subcommand;

use coopdesk_app::Desk;
use coopdesk_app::api::DeskError;
use coopdesk_app::api::PubsCheck;

use crate::{GlobalArgs, output};

/// Subcommands of `coopdesk pubs`.
#[derive(Debug, Subcommand)]
pub(crate) enum PubsCommand {
    /// Reads publication lists (RIS, BibTeX, CSL-JSON or OpenAlex works JSON, as exported from Web
    /// of Science, Scopus, OpenAlex or a reference manager), screens every author affiliation
    /// against the stored restriction lists and reports the co-authorships with listed
    /// institutions. Nothing is stored.
    Check {
        /// The case the publications belong to.
        case: String,
        /// Publication lists; the format follows from the extension (.ris, .bib, .json) and,
        /// where that is ambiguous, the content.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

pub(crate) fn pubs(desk: &Desk, c: PubsCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match c {
        PubsCommand::Check { case, files } => {
            let r = desk.check_publications(&case, &files)?;
            output::print(g.json, &r, || check_text(&r))
        }
    }
}

/// Shortens `s` to `max` characters, marking the cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn check_text(r: &PubsCheck) -> String {
    let mut lines = Vec::new();
    let files: Vec<String> = r
        .files
        .iter()
        .map(|f| format!("{} ({}, {} works)", f.file, f.format.as_str(), f.works))
        .collect();
    lines.push(format!("{}: {}", r.case, files.join(", ")));
    lines.push(format!(
        "{} works ({} without affiliations), {} distinct affiliations screened against {}",
        r.works,
        r.works_without_affiliations,
        r.affiliations,
        r.lists.join(", ")
    ));
    if r.coauthorships.is_empty() {
        lines.push("No co-authorship with a listed institution.".to_owned());
        return lines.join("\n");
    }
    lines.push(format!(
        "{} co-authorship(s) with listed institutions (score ≥ {}):",
        r.coauthorships.len(),
        r.threshold
    ));
    lines.push(String::new());
    let rows: Vec<[String; 6]> = r
        .coauthorships
        .iter()
        .map(|c| {
            [
                c.year.map_or_else(|| "-".to_owned(), |y| y.to_string()),
                cut(&c.work, 40),
                cut(c.author.as_deref().unwrap_or("(not said)"), 22),
                cut(&c.affiliation, 48),
                format!(
                    "{} {}{}",
                    c.hit.entity,
                    cut(&c.hit.name, 48),
                    if c.partner_hit {
                        " (partner's own hit)"
                    } else {
                        ""
                    }
                ),
                format!("{} {:.2}", c.hit.list_name, c.hit.score),
            ]
        })
        .collect();
    let header = [
        "YEAR",
        "WORK",
        "AUTHOR",
        "AFFILIATION",
        "LISTED ENTITY",
        "LIST SCORE",
    ];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let render = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    lines.push(render(&header.map(str::to_owned)));
    for row in &rows {
        lines.push(render(row));
    }
    lines.join("\n")
}
