//! Cooperation Desk's command line: argument parsing and output of the contract's subcommands
//! (`../shared/contract/README.md`, section 2).
//!
//! [`invocation`] decides between the window (no subcommand) and a command, which it runs through
//! [`coopdesk_app::Desk`], the same API the window uses. Exit status: 0 success, 1 a user error (bad
//! input, unknown id, a database that cannot be used), 2 a usage error. With `--json`, results go to
//! stdout as JSON and errors to stderr as `{"error": {"code", "message", "problems"}}`.
//!
//! This crate holds no rules and no SQL; it never imports Tauri.

mod exchange;
mod output;
mod plan;
mod pubs;
mod record;
mod register;
mod secure;
mod team;
mod workshop;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use coopdesk_app::Desk;
use coopdesk_app::api::{Bucket, CaseQuery, DeskError, LevelGroup};
use coopdesk_app::api::{HitDecision, ListFormat};
use coopdesk_assess::Lang;
use coopdesk_core::CaseStatus;

/// What the binary should do.
#[derive(Debug)]
pub enum Invocation {
    /// Open the window on this database (`None`: the default one), or on the demo database.
    Window {
        /// `--db PATH`.
        db: Option<PathBuf>,
        /// `--demo`.
        demo: bool,
    },
    /// A command ran (or the arguments were wrong); exit with this status.
    Exit(ExitCode),
}

/// Cooperation Desk: plan and assess research collaborations at large research infrastructures.
///
/// Without a command, opens the desktop window.
#[derive(Debug, Parser)]
#[command(name = "coopdesk", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    /// Open the built-in demo database (created with its example cases on first use).
    #[arg(long)]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Case database to use [default: cases.sqlite in the per-user data directory]; a
    /// postgresql:// URI names a team database (preview: `team` commands only).
    #[arg(long, global = true, value_name = "PATH|URI")]
    pub(crate) db: Option<PathBuf>,
    /// Machine-readable output: JSON on stdout, errors as JSON on stderr.
    #[arg(long, global = true)]
    pub(crate) json: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import, export, list and show cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Assesses a case from its facts, its screening and its answers.
    Assess {
        /// The case id (or `--all`).
        #[arg(required_unless_present = "all")]
        id: Option<String>,
        /// Assesses every case and records the overall levels (prints how many and how long).
        #[arg(long, conflicts_with = "id")]
        all: bool,
        /// Language of the reasons.
        #[arg(long, value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Screens one organisation name against the newest snapshot of every stored restriction list.
    Screen {
        /// The name, in any script.
        name: String,
    },
    /// Checks, adds or lists checklist templates.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Lists and edits a case's action plan: conditions and follow-ups with owner, due date, status.
    #[command(subcommand)]
    Action(plan::ActionCommand),
    /// Sets a topic's level by hand, with a written justification (or clears it with --clear).
    Override(plan::OverrideArgs),
    /// Imports restriction-list snapshots and shows them with their provenance.
    #[command(subcommand)]
    Lists(ListsCommand),
    /// Shows a case's screening hits and records reviewers' decisions on them.
    #[command(subcommand)]
    Hits(HitsCommand),
    /// Checks a partner's publication lists for co-authorships with listed institutions.
    #[command(subcommand)]
    Pubs(pubs::PubsCommand),
    /// A case's workshops: record one from a file, list them, write their minutes as PDF.
    #[command(subcommand)]
    Workshop(workshop::WorkshopCommand),
    /// Create (or with --reset, recreate) the demo database and print its path.
    Demo {
        /// Replace an existing demo database, discarding changes made to it.
        #[arg(long)]
        reset: bool,
    },
    /// Writes a case's PDF briefing (for a decided case: the approved briefing).
    Brief {
        /// Case id.
        id: String,
        /// The PDF file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
        /// Language of the briefing.
        #[arg(long, value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Writes the portfolio report of open cases as a PDF.
    Report {
        /// The PDF file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
        /// Language of the report.
        #[arg(long, value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Says whether a PDF is the approved briefing of which case and revision (exit 1 if not).
    Verify {
        /// The PDF file.
        #[arg(value_name = "FILE.pdf")]
        file: PathBuf,
    },
    /// Writes a checked backup of the database (into the backup folder unless -o is given).
    Backup {
        /// The backup file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Replaces the database's content with a backup after checking it (the current content is kept
    /// as a safety copy in the backup folder).
    Restore {
        /// The backup file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Case bundles between offices: cases with their evidence, imported with conflict handling.
    #[command(subcommand)]
    Bundle(exchange::BundleCommand),
    /// Checks or prints the hash-chained audit log.
    #[command(subcommand)]
    Audit(record::AuditCommand),
    /// Imports the office's register spreadsheet (one row per cooperation) as cases.
    #[command(subcommand)]
    Register(register::RegisterCommand),
    /// Encryption at rest: status, on, off, change of passphrase (SQLCipher; backups follow).
    #[command(subcommand)]
    Encryption(secure::EncryptionCommand),
    /// Shows the start page's figures: cases by level, status, facility and partner country, and
    /// overdue actions (of the open cases; --all for every case).
    Dashboard {
        /// Count every case, also approved, declined and withdrawn ones.
        #[arg(long)]
        all: bool,
    },
    /// Show where the database is and what it holds.
    Info,
    /// Team database (preview): set up a PostgreSQL register and manage its roles
    /// (`--db postgresql://[user@]host[:port]/dbname`).
    #[command(subcommand)]
    Team(team::TeamCommand),
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// Import case files (coopdesk.case/v1), all or none; prints the new ids.
    Import {
        /// Case files (*.case.json).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write one case as coopdesk.case/v1.
    Export {
        /// Case id.
        id: String,
        /// Output file; `-` writes to standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// List cases: id, title, status, partners, overall level (and whether it is provisional).
    List {
        /// Only cases whose title, id, partners (any script) or facility contain these words.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Only cases in this state.
        #[arg(long, value_parser = parse_status)]
        status: Option<CaseStatus>,
        /// Only cases at this overall level: critical, high, medium, low or not_assessed.
        #[arg(long, value_parser = parse_level)]
        level: Option<LevelGroup>,
        /// Only cases at this facility (its registry id, as `case show` prints it), or `none`.
        #[arg(long, value_name = "ID", value_parser = parse_bucket)]
        facility: Option<Bucket>,
        /// Only cases with a partner from this country (ISO code such as CN), or `none` for a
        /// partner whose country is not recorded.
        #[arg(long, value_name = "CODE", value_parser = parse_country)]
        country: Option<Bucket>,
        /// Only open cases (draft, in review, approved with conditions), as the dashboard counts.
        #[arg(long)]
        open: bool,
        /// Only cases with open actions past their due date.
        #[arg(long)]
        overdue: bool,
        /// Only cases whose latest assessment is provisional (key questions still unanswered).
        #[arg(long)]
        provisional: bool,
    },
    /// Show one case with its latest assessment.
    Show {
        /// Case id.
        id: String,
    },
    /// Moves a case through its lifecycle; approving or declining is the sign-off.
    Transition(record::TransitionArgs),
    /// Shows a case's revisions with field-level changes, and its lifecycle steps.
    History {
        /// Case id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
enum TemplateCommand {
    /// Checks a template file without storing it.
    Validate {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Adds a template (or a new version of one) to the database.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Assess new cases with it (a new version of the current default becomes the default anyway).
        #[arg(long)]
        default: bool,
    },
    /// Lists the stored templates.
    List,
    /// Moves undecided cases to the current default template version and re-assesses them (decided
    /// cases keep the version they were decided with).
    Adopt {
        /// The cases to move.
        #[arg(value_name = "ID", required_unless_present = "all")]
        ids: Vec<String>,
        /// Every undecided case pinned to another version.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ListsCommand {
    /// Adds a restriction-list file as the newest snapshot of its list and re-screens every case.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// File format: csl (US Consolidated Screening List, CSV or JSON), eu_fsf (EU Financial
        /// Sanctions Files XML), uk (UK Sanctions List or OFSI consolidated list, CSV), un (UN
        /// Security Council Consolidated List XML), ftm (OpenSanctions FollowTheMoney JSON lines) or
        /// csv (the bundled/office format).
        #[arg(long, value_parser = parse_format)]
        format: ListFormat,
        /// The list the file is a snapshot of [default: us_csl, eu_fsf, uk, un, opensanctions or
        /// office, by format].
        #[arg(long, value_name = "NAME")]
        list: Option<String>,
    },
    /// Lists the stored snapshots with their provenance (file, SHA-256, date, counts, diff).
    Show,
}

#[derive(Debug, Subcommand)]
enum HitsCommand {
    /// Shows a case's partners with their hits and each hit's review state.
    Show {
        /// Case id.
        case: String,
    },
    /// Records a decision on a hit of ENTITY (on list --list) on organisation ORG_ID.
    Review {
        /// The partner organisation's id (as `hits show` prints it).
        org_id: String,
        /// The entity's id in the list.
        entity: String,
        /// The stored list the entity is on (bundled, us_csl … as `hits show` prints it).
        #[arg(long, value_name = "NAME")]
        list: String,
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

fn parse_format(s: &str) -> Result<ListFormat, String> {
    ListFormat::parse(s).ok_or_else(|| format!("expected {}", ListFormat::names()))
}

fn parse_decision(s: &str) -> Result<HitDecision, String> {
    HitDecision::parse(s).ok_or_else(|| "expected confirmed or false_positive".to_owned())
}

pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| "expected en or de".to_owned())
}

pub(crate) fn parse_status(s: &str) -> Result<CaseStatus, String> {
    CaseStatus::parse(s).ok_or_else(|| {
        let all: Vec<&str> = CaseStatus::ALL.iter().map(|s| s.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

fn parse_level(s: &str) -> Result<LevelGroup, String> {
    LevelGroup::ALL
        .iter()
        .copied()
        .find(|l| serde_json::to_value(l).is_ok_and(|v| v == s))
        .ok_or_else(|| "expected one of critical, high, medium, low, not_assessed".into())
}

fn parse_bucket(s: &str) -> Result<Bucket, String> {
    match s.trim() {
        "" => Err("expected an id, or none".into()),
        "none" => Ok(Bucket::Missing),
        id => Ok(Bucket::Is(id.to_owned())),
    }
}

fn parse_country(s: &str) -> Result<Bucket, String> {
    match parse_bucket(s)? {
        Bucket::Is(code) if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) => {
            Ok(Bucket::Is(code.to_ascii_uppercase()))
        }
        Bucket::Is(_) => Err("expected a two-letter country code such as CN, or none".into()),
        other => Ok(other),
    }
}

/// Parses the process arguments and runs a command if one is given.
pub fn invocation() -> Invocation {
    invocation_from(std::env::args_os())
}

/// [`invocation`] for given arguments (the first is the program name).
pub fn invocation_from<I, T>(args: I) -> Invocation
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; real usage errors exit with 2.
            let _ = e.print();
            return Invocation::Exit(ExitCode::from(e.exit_code().clamp(0, 255) as u8));
        }
    };
    if let Err(e) = refuse_team_uri(cli.command.as_ref(), &cli.global) {
        output::error(cli.global.json, &e);
        return Invocation::Exit(ExitCode::from(1));
    }
    match cli.command {
        None => Invocation::Window {
            db: cli.global.db,
            demo: cli.demo,
        },
        Some(command) => Invocation::Exit(run(command, &cli.global)),
    }
}

fn run(command: Command, g: &GlobalArgs) -> ExitCode {
    let result = match command {
        Command::Demo { reset } => demo(g, reset),
        Command::Encryption(c) => db_path(g).and_then(|path| secure::encryption(&path, c, g)),
        Command::Info => open(g).and_then(|desk| {
            let info = desk.db_info()?;
            output::print(g.json, &info, || output::info_text(&info))
        }),
        Command::Dashboard { all } => open(g).and_then(|desk| {
            let d = desk.dashboard(!all)?;
            output::print(g.json, &d, || output::dashboard_text(&d))
        }),
        Command::Case(c) => open(g).and_then(|desk| case(&desk, c, g)),
        Command::Assess { id, all, lang } => {
            open(g).and_then(|desk| assess(&desk, id, all, lang, g))
        }
        Command::Template(c) => template(c, g),
        Command::Audit(c) => {
            return match open(g).and_then(|desk| record::audit(&desk, c, g)) {
                Ok(code) => code,
                Err(e) => {
                    output::error(g.json, &e);
                    ExitCode::from(1)
                }
            };
        }
        Command::Verify { file } => {
            return match open(g).and_then(|desk| record::verify(&desk, &file, g)) {
                Ok(code) => code,
                Err(e) => {
                    output::error(g.json, &e);
                    ExitCode::from(1)
                }
            };
        }
        Command::Brief { id, output, lang } => {
            open(g).and_then(|desk| record::brief(&desk, &id, &output, lang, g))
        }
        Command::Report { output, lang } => {
            open(g).and_then(|desk| record::report(&desk, &output, lang, g))
        }
        Command::Backup { output: out } => open(g).and_then(|desk| {
            let c = desk.backup(out.as_deref())?;
            output::print(g.json, &c, || {
                format!(
                    "wrote {} ({} cases, {} bytes, sha256 {}); integrity check ok",
                    c.path, c.case_count, c.bytes, c.sha256
                )
            })
        }),
        Command::Restore { file } => open(g).and_then(|desk| {
            let c = desk.restore(&file)?;
            let kept = desk.db_info()?.backups_dir;
            output::print(g.json, &c, || {
                format!(
                    "restored {} ({} cases); the previous content was kept in {}",
                    c.path, c.case_count, kept
                )
            })
        }),
        Command::Action(c) => open(g).and_then(|desk| plan::action(&desk, c, g)),
        Command::Override(a) => open(g).and_then(|desk| plan::override_level(&desk, a, g)),
        Command::Screen { name } => open(g)
            .and_then(|desk| desk.screen_name(&name))
            .and_then(|r| output::print(g.json, &r, || output::screen_text(&r))),
        Command::Lists(c) => open(g).and_then(|desk| lists(&desk, c, g)),
        Command::Bundle(c) => open(g).and_then(|desk| exchange::bundle(&desk, c, g)),
        Command::Register(c) => open(g).and_then(|desk| register::register(&desk, c, g)),
        Command::Hits(c) => open(g).and_then(|desk| hits(&desk, c, g)),
        Command::Pubs(c) => open(g).and_then(|desk| pubs::pubs(&desk, c, g)),
        Command::Workshop(c) => open(g).and_then(|desk| workshop::workshop(&desk, c, g)),
        Command::Team(c) => team::team(c, g),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(g.json, &e);
            ExitCode::from(1)
        }
    }
}

fn open(g: &GlobalArgs) -> Result<Desk, DeskError> {
    if let Some(uri) = team_uri(g) {
        return secure::open_team(uri);
    }
    secure::open_desk(&db_path(g)?)
}

/// The team database `--db` names, if it names one.
fn team_uri(g: &GlobalArgs) -> Option<&str> {
    g.db.as_deref()
        .and_then(|p| p.to_str())
        .filter(|db| coopdesk_app::team::is_team_uri(db))
}

/// What a team database does not do through Cooperation Desk is refused before anything runs, with
/// what to do instead: its backups are the server's (`pg_dump`), its encryption is the server's
/// (TLS and the server's disk), and the demo is a file.
fn refuse_team_uri(command: Option<&Command>, g: &GlobalArgs) -> Result<(), DeskError> {
    if team_uri(g).is_none() {
        return Ok(());
    }
    let why = match command {
        Some(Command::Backup { .. } | Command::Restore { .. }) => {
            "a team database is backed up and restored on its server with pg_dump and pg_restore \
             (see the user guide, section Team database), not with coopdesk backup"
        }
        Some(Command::Encryption(_)) => {
            "a team database is protected by its server (TLS with sslmode=verify-full, and the \
             server's disk encryption); coopdesk encryption is for database files"
        }
        Some(Command::Demo { .. }) => {
            "the demo database is a file; give --db a path or leave it out"
        }
        // The window and every other command work on a team database.
        None | Some(_) => return Ok(()),
    };
    Err(DeskError::new(
        coopdesk_app::api::ErrorCode::InputInvalid,
        why.to_owned(),
    ))
}

fn db_path(g: &GlobalArgs) -> Result<PathBuf, DeskError> {
    match &g.db {
        Some(p) => Ok(p.clone()),
        None => coopdesk_app::paths::default_db(),
    }
}

fn demo(g: &GlobalArgs, reset: bool) -> Result<(), DeskError> {
    let path = match &g.db {
        Some(p) => p.clone(),
        None => coopdesk_app::paths::demo_db()?,
    };
    let desk = coopdesk_app::demo::open_demo(&path, reset)?;
    let info = desk.db_info()?;
    output::print(g.json, &info, || output::info_text(&info))
}

fn case(desk: &Desk, command: CaseCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match command {
        CaseCommand::Import { files } => {
            let outcome = desk.import_files(&files)?;
            output::print(g.json, &outcome, || outcome.ids.join("\n"))
        }
        CaseCommand::Export { id, output: path } => {
            if path.as_os_str() == "-" {
                let text = desk.case_document_text(&id)?;
                output::write_stdout(&text)
            } else {
                desk.export_case(&id, &path)?;
                let done = serde_json::json!({ "id": id, "file": path.display().to_string() });
                output::print(g.json, &done, || format!("wrote {}", path.display()))
            }
        }
        CaseCommand::List {
            search,
            status,
            level,
            facility,
            country,
            open,
            overdue,
            provisional,
        } => {
            let mut rows = Vec::new();
            let mut query = CaseQuery {
                text: search.unwrap_or_default(),
                status,
                level,
                facility,
                partner_country: country,
                open_only: open,
                overdue_only: overdue,
                provisional_only: provisional,
                limit: LIST_PAGE,
                ..Default::default()
            };
            loop {
                let page = desk.list_cases(&query)?;
                let n = page.rows.len() as u32;
                rows.extend(page.rows);
                if n == 0 || rows.len() as u32 >= page.total {
                    break;
                }
                query.offset += n;
            }
            let listed: Vec<output::ListedCase> =
                rows.into_iter().map(output::ListedCase::from).collect();
            output::print(g.json, &listed, || output::list_text(&listed))
        }
        CaseCommand::Transition(a) => record::transition(desk, a, g),
        CaseCommand::History { id } => record::history(desk, &id, g),
        CaseCommand::Show { id } => {
            let view = desk.get_case(&id)?;
            let document: serde_json::Value = serde_json::from_str(&desk.case_document_text(&id)?)
                .map_err(|e| {
                    DeskError::new(coopdesk_app::api::ErrorCode::Internal, e.to_string())
                })?;
            let assessment = desk.assess_case(&id, Lang::En)?.report;
            let shown = output::ShownCase {
                case: document,
                created_at: view.case.created_at,
                updated_at: view.case.updated_at,
                assessment: Some(assessment),
            };
            output::print(g.json, &shown, || {
                output::show_text(&view, shown.assessment.as_ref())
            })
        }
    }
}

fn assess(
    desk: &Desk,
    id: Option<String>,
    all: bool,
    lang: Lang,
    g: &GlobalArgs,
) -> Result<(), DeskError> {
    if all {
        let started = std::time::Instant::now();
        let n = desk.assess_all()?;
        let seconds = started.elapsed().as_secs_f64();
        let done = serde_json::json!({ "assessed": n, "seconds": seconds });
        return output::print(g.json, &done, || {
            format!("assessed {n} cases in {seconds:.2} s")
        });
    }
    let id = id.unwrap_or_default();
    let report = desk.assess_case(&id, lang)?.report;
    output::print(g.json, &report, || output::report_text(&report))
}

fn template(command: TemplateCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match command {
        TemplateCommand::Validate { file } => {
            let t = coopdesk_app::assessing::validate_template_file(&file)?;
            let done = serde_json::json!({ "file": file.display().to_string(), "id": t.id, "version": t.version, "questions": t.questions.len(), "valid": true });
            output::print(g.json, &done, || {
                format!(
                    "{}: valid ({} {}, {} questions)",
                    file.display(),
                    t.id,
                    t.version,
                    t.questions.len()
                )
            })
        }
        TemplateCommand::Import { file, default } => {
            let desk = open(g)?;
            let row = desk.import_template(&file, default)?;
            output::print(g.json, &row, || {
                format!(
                    "imported {} {}{}",
                    row.id,
                    row.version,
                    if row.is_default { " (default)" } else { "" }
                )
            })
        }
        TemplateCommand::List => {
            let desk = open(g)?;
            let rows = desk.list_templates()?;
            output::print(g.json, &rows, || output::templates_text(&rows))
        }
        TemplateCommand::Adopt { ids, all } => {
            let desk = open(g)?;
            let done = desk.adopt_default_template((!all).then_some(ids.as_slice()))?;
            output::print(g.json, &done, || {
                if done.moved.is_empty() {
                    format!(
                        "every case named already uses {} {}",
                        done.template.id, done.template.version
                    )
                } else {
                    format!(
                        "{} case(s) now use {} {} and are re-assessed: {}",
                        done.moved.len(),
                        done.template.id,
                        done.template.version,
                        done.moved.join(", ")
                    )
                }
            })
        }
    }
}

fn lists(desk: &Desk, command: ListsCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match command {
        ListsCommand::Import { file, format, list } => {
            let outcome = desk.import_list(&file, format, list.as_deref())?;
            output::print(g.json, &outcome, || output::list_import_text(&outcome))
        }
        ListsCommand::Show => {
            let rows = desk.list_snapshots()?;
            output::print(g.json, &rows, || output::snapshots_text(&rows))
        }
    }
}

fn hits(desk: &Desk, command: HitsCommand, g: &GlobalArgs) -> Result<(), DeskError> {
    match command {
        HitsCommand::Show { case } => {
            let screening = desk.screening_for_case(&case)?;
            output::print(g.json, &screening, || {
                output::case_screening_text(&screening)
            })
        }
        HitsCommand::Review {
            org_id,
            entity,
            list,
            decision,
            by,
            note,
        } => {
            let partner = desk.review_hit(
                &org_id,
                &entity,
                &list,
                decision,
                by.as_deref().unwrap_or_default(),
                note.as_deref(),
            )?;
            output::print(g.json, &partner, || output::partner_text(&partner))
        }
    }
}

/// Page size for walking the whole case list (the store's largest page).
const LIST_PAGE: u32 = 1_000;

/// Writes to stdout, treating a closed pipe (`coopdesk case list | head`) as success.
pub(crate) fn write_out(text: &str) -> Result<(), DeskError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(DeskError::new(
            coopdesk_app::api::ErrorCode::IoFailed,
            format!("cannot write to standard output: {e}"),
        )),
        _ => Ok(()),
    }
}
