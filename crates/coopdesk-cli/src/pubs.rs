//! `coopdesk pubs check|show|review`: a partner's publication lists screened for co-authorships with
//! listed institutions, the stored result, and reviewers' decisions on each co-authorship.

use std::path::PathBuf;

use clap::Subcommand;

use coopdesk_app::Desk;
use coopdesk_app::api::{DeskError, HitDecision, PubsCheck, ReviewState};

use crate::{GlobalArgs, output};

/// Subcommands of `coopdesk pubs`.
#[derive(Debug, Subcommand)]
pub(crate) enum PubsCommand {
    /// Reads publication lists (RIS, BibTeX, CSL-JSON or OpenAlex works JSON, as exported from Web
    /// of Science, Scopus, OpenAlex or a reference manager), screens every author affiliation
    /// against the stored restriction lists and reports the co-authorships with listed
    /// institutions. The result is stored as the case's newest check (files with their SHA-256,
    /// the list snapshots used, the co-authorships), audited, and the case re-assessed; decisions
    /// already taken on the same co-authorships carry over.
    Check {
        /// The case the publications belong to.
        case: String,
        /// Publication lists; the format follows from the extension (.ris, .bib, .json) and,
        /// where that is ambiguous, the content.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Report only: store nothing, change no assessment.
        #[arg(long)]
        dry_run: bool,
    },
    /// Shows the case's newest stored check with each co-authorship's review state.
    Show {
        /// Case id.
        case: String,
    },
    /// Records a decision on co-authorship ITEM of the case's newest stored check and re-assesses
    /// the case: confirmed co-authorships with listed institutions become assessment facts, false
    /// positives are left out.
    Review {
        /// Case id.
        case: String,
        /// The co-authorship's number as `pubs show` prints it (1, 2 …), or its key.
        item: String,
        /// confirmed or false_positive.
        #[arg(long, value_parser = parse_decision)]
        decision: HitDecision,
        /// Who decides (required on a database file; on a team database the login decides).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

fn parse_decision(s: &str) -> Result<HitDecision, String> {
    HitDecision::parse(s).ok_or_else(|| "expected confirmed or false_positive".to_owned())
}

pub(crate) fn pubs(desk: &Desk, c: PubsCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match c {
        PubsCommand::Check {
            case,
            files,
            dry_run,
        } => {
            let r = if dry_run {
                desk.check_publications(&case, &files)?
            } else {
                desk.record_publication_check(&case, &files)?
            };
            output::print(g.json, &r, || check_text(&r))
        }
        PubsCommand::Show { case } => {
            let r = desk.publication_check(&case)?;
            output::print(g.json, &r, || match &r {
                Some(r) => check_text(r),
                None => format!(
                    "{case}: no publication check stored (coopdesk pubs check {case} FILE...)"
                ),
            })
        }
        PubsCommand::Review {
            case,
            item,
            decision,
            by,
            note,
        } => {
            let r = desk.review_coauthorship(
                &case,
                &item,
                decision,
                by.as_deref().unwrap_or_default(),
                note.as_deref(),
            )?;
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
    match (&r.checked_at, &r.checked_by) {
        (Some(at), Some(by)) => lines.push(format!(
            "Stored as check {} ({}, by {by}).",
            r.stored.unwrap_or_default(),
            at.format("%Y-%m-%d %H:%M UTC")
        )),
        _ => lines.push("Not stored (dry run).".to_owned()),
    }
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
        "{} co-authorship(s) with listed institutions (score ≥ {}); {} open, to be reviewed; {} confirmed:",
        r.coauthorships.len(),
        r.threshold,
        r.open,
        r.confirmed
    ));
    lines.push(String::new());
    let rows: Vec<[String; 8]> = r
        .coauthorships
        .iter()
        .map(|c| {
            [
                c.item.to_string(),
                match c.state {
                    ReviewState::Unreviewed if c.partner_hit => "-".to_owned(),
                    s => s.as_str().to_owned(),
                },
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
        "#",
        "REVIEW",
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
