//! The command line: clap subcommands over the desk, plain text for people and `--json` for
//! machines.
//!
//! Owns: argument parsing, output formatting, exit codes. May use: `desk`, `exchange`,
//! `demo`, `domain`.

/// Writes a line to stdout, returning the error (a closed pipe, as in `| head`) instead of
/// panicking as `println!` does. Everything printed passes `text::for_terminal`: no value
/// from a file, the database or an argument can talk to the terminal.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        writeln!(std::io::stdout(), "{}", crate::domain::text::for_terminal(&text))?;
    }};
}

/// Like [`say!`] without the newline.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        write!(std::io::stdout(), "{}", crate::domain::text::for_terminal(&text))?;
    }};
}

mod admin;
mod audit;
mod backup;
mod checkin;
pub mod demo;
mod export;
mod forget;
mod health;
mod insight;
mod intro;
mod lifecycle;
mod location;
mod milestone;
mod names;
mod note;
mod output;
mod pack;
mod pairing;
mod people;
mod person;
mod plan;
mod review;
mod sync;
mod table;
mod timeline;
mod undo;

pub use location::{config_folder, database_path, log_path};

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::desk::{Desk, DeskError};

/// mentordesk: a private, offline desk for running mentorship programs.
#[derive(Debug, Parser)]
#[command(name = "mentordesk", version, about, long_about = None)]
pub struct Cli {
    /// The database file (default: MENTORDESK_DB, else the platform data folder).
    #[arg(
        long,
        global = true,
        env = "MENTORDESK_DB",
        value_name = "PATH",
        value_parser = location::path_or_unset
    )]
    pub db: Option<PathBuf>,

    /// Colours of the desk: `default` or `high-contrast` (NO_COLOR is always honoured).
    #[arg(long, global = true, value_enum, default_value_t = ThemeChoice::Default)]
    pub theme: ThemeChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the database path in use and which desk it is (device, role, mentor).
    Where,
    /// Import people from a CSV file (the whole file, or nothing).
    Import {
        #[arg(value_enum)]
        kind: PeopleKind,
        file: PathBuf,
        /// Validate and report without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export as CSV (formulas neutralised): people in the import format, every check-in
    /// version, pairings, milestones or the at-risk list.
    Export {
        #[arg(value_enum)]
        kind: ExportKind,
        /// Write to FILE (created 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// JSON objects (one per row, the CSV's columns as keys) instead of CSV.
        #[arg(long)]
        json: bool,
        /// calendar: only this mentor's dates (a mentor desk: always its own).
        #[arg(long, value_name = "ID")]
        mentor: Option<String>,
        /// calendar: how many weeks ahead (1–52, default 4).
        #[arg(long, value_name = "N")]
        weeks: Option<u32>,
    },
    /// List learners.
    Learners {
        #[arg(long)]
        json: bool,
    },
    /// List mentors with their load.
    Mentors {
        #[arg(long)]
        json: bool,
    },
    /// Check the database: integrity and the pairing invariants.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Show the audit trail, newest first: who changed what, the subject with names, the
    /// change in words (`--json` adds before and after).
    Audit {
        /// Entries from this date on (YYYY-MM-DD, the desk's zone).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only changes made by WHO (as recorded, e.g. a login name).
        #[arg(long, value_name = "WHO")]
        actor: Option<String>,
        /// Only this action (`approve` also matches approve.batch, approve.override).
        #[arg(long, value_name = "NAME")]
        action: Option<String>,
        /// Only entries about this record: `L001`, `M003`, `pairing:12`, `12`.
        #[arg(long, value_name = "ID")]
        subject: Option<String>,
        #[arg(long)]
        json: bool,
        /// How many entries to show.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// The operation log: take back the newest decision still open, or decision ID
    /// (`--list` shows them with what undoing each means).
    Undo {
        /// The decision's number, as `undo --list` shows it.
        id: Option<String>,
        #[arg(long, conflicts_with = "id")]
        list: bool,
        #[arg(long)]
        json: bool,
    },
    /// Erase a person's personal data for good (name, e-mail, goals, needs, bio, notes,
    /// evidence, reasons quoting them); counts stay. Asks first unless --yes.
    Forget {
        #[arg(value_enum)]
        kind: forget::Person,
        id: String,
        /// Erase without asking (scripts).
        #[arg(long)]
        yes: bool,
    },
    /// Write a backup of the whole desk to a new FILE (consistent while desks write; 0600).
    Backup { file: PathBuf },
    /// Replace the desk with a backup FILE, after checking it (integrity, schema); the
    /// replaced file is kept as *.before-restore.
    Restore {
        file: PathBuf,
        /// Replace a desk that holds a program (or cannot be opened).
        #[arg(long)]
        force: bool,
    },
    /// Fill the desk with a seeded synthetic program with months of history.
    Demo {
        /// Learners to generate (default 120).
        #[arg(long)]
        learners: Option<usize>,
        /// Mentors to generate (default 30).
        #[arg(long)]
        mentors: Option<usize>,
        /// Seed: the same seed gives the same program.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Replace the program already in the desk (the audit trail stays).
        #[arg(long)]
        force: bool,
    },
    /// Ranked mentor candidates for a learner, with every score's reasons and the mentors
    /// ruled out.
    Candidates {
        learner: String,
        /// How many candidates to show.
        #[arg(long, default_value_t = 10)]
        top: usize,
        #[arg(long)]
        json: bool,
    },
    /// Never propose this mentor for this learner (audited).
    Exclude {
        learner: String,
        mentor: String,
        #[arg(long)]
        reason: String,
    },
    /// Lift an exclusion (audited).
    Unexclude { learner: String, mentor: String },
    /// Show the score weights, or change one with `weights set NAME VALUE` (audited).
    Weights {
        #[command(subcommand)]
        action: Option<WeightsAction>,
        #[arg(long)]
        json: bool,
    },
    /// The whole cohort problem as JSON: waiting learners, free seats, allowed pairs.
    Scores {
        /// JSON is the only format (accepted for symmetry).
        #[arg(long)]
        json: bool,
    },
    /// Plan the whole cohort: optimal, stable or greedy.
    Plan {
        #[arg(long, default_value = "optimal")]
        strategy: String,
        /// Plan from a scores file instead of this desk.
        #[arg(long, value_name = "FILE")]
        scores: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Store the plan as proposals for review, replacing unreviewed ones.
        #[arg(long)]
        save: bool,
    },
    /// List pairings.
    Pairings {
        /// Only pairings in this status (proposed, active, paused, completed, ended, declined).
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Approve a pairing after checking the hard constraints again (audited).
    Approve {
        learner: String,
        mentor: String,
        #[arg(long, default_value_t = 14)]
        cadence_days: u32,
        #[arg(long, default_value_t = 12)]
        weeks: u32,
        #[arg(long, default_value_t = 60)]
        session_minutes: u32,
        /// Goals of the pairing (default: the learner's goals).
        #[arg(long)]
        goals: Option<String>,
        /// Approve although a hard constraint fails, for this reason (audited).
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
        /// Plan the pairing's first milestone with this title.
        #[arg(long, value_name = "TITLE")]
        milestone: Option<String>,
        /// The first milestone's due date, YYYY-MM-DD, today or later (needs --milestone).
        #[arg(long, value_name = "DATE", requires = "milestone")]
        milestone_due: Option<String>,
    },
    /// Decline a proposal (audited).
    Decline {
        pairing: i64,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Pause an active pairing (audited).
    Pause {
        pairing: i64,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Resume a paused pairing (audited).
    Resume { pairing: i64 },
    /// End a pairing: goals met, no-show, mismatch, learner left, mentor left, or your words.
    End {
        pairing: i64,
        #[arg(long)]
        reason: String,
    },
    /// End a pairing, exclude its mentor for the learner, and show the learner's candidates.
    Rematch {
        pairing: i64,
        #[arg(long)]
        reason: String,
        /// How many candidates to show.
        #[arg(long, default_value_t = 5)]
        top: usize,
        #[arg(long)]
        json: bool,
    },
    /// Show the health thresholds (value, default, meaning), or change one with
    /// `health set NAME VALUE` or `health reset [NAME]` (audited).
    Health {
        #[command(subcommand)]
        action: Option<health::HealthAction>,
        /// Print the thresholds as JSON (value, default, unit, allowed, meaning).
        #[arg(long, global = true)]
        json: bool,
    },
    /// The program's metrics over a period (the Dashboard's twin); `--json` adds each
    /// metric's definition.
    Metrics {
        /// From this date (YYYY-MM-DD, the desk's zone) to now.
        #[arg(long, value_name = "DATE", conflicts_with = "period")]
        since: Option<String>,
        /// The last 30, 90 or 365 days, or all (default 90).
        #[arg(long, value_name = "30|90|365|all")]
        period: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A report for stakeholders: text, JSON or one self-contained HTML page.
    Report {
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Write to FILE (created 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// From this date (YYYY-MM-DD, the desk's zone) to now.
        #[arg(long, value_name = "DATE", conflicts_with = "period")]
        since: Option<String>,
        /// The last 30, 90 or 365 days, or all (default 90).
        #[arg(long, value_name = "30|90|365|all")]
        period: Option<String>,
        /// Aggregates only: no names, ids, e-mails or free text; counts below 5 as <5.
        #[arg(long)]
        anonymized: bool,
    },
    /// Active pairings that need a check-in or are at risk, worst first, with reasons.
    AtRisk {
        #[arg(long)]
        json: bool,
    },
    /// Log, correct and list check-ins.
    Checkin {
        #[command(subcommand)]
        action: checkin::CheckinAction,
    },
    /// Plan, achieve, drop and list milestones.
    Milestone {
        #[command(subcommand)]
        action: milestone::MilestoneAction,
    },
    /// One learner's story: joined, matched, check-ins, milestones, pauses, ends.
    Timeline {
        learner: String,
        #[arg(long)]
        json: bool,
    },
    /// Mentor packs: export one for a mentor, import one on a mentor's laptop, revoke a key.
    Pack {
        #[command(subcommand)]
        action: pack::PackAction,
    },
    /// Sync bundles: export on a mentor desk, import on the coordinator's, ack receipts,
    /// status, conflicts.
    Sync {
        #[command(subcommand)]
        action: sync::SyncAction,
    },
    /// Show the zone used for people whose time zone is unknown, or set it (IANA name).
    DefaultZone {
        /// The new default, e.g. Europe/Madrid.
        zone: Option<String>,
    },
    /// Add a person by hand, change one of their fields, or show them with their pairings.
    Person {
        #[command(subcommand)]
        action: person::PersonAction,
    },
    /// A mentor's status: pause (until a date), resume, retire.
    Mentor {
        #[command(subcommand)]
        action: person::MentorAction,
    },
    /// A learner's status: withdraw, graduate, wait again.
    Learner {
        #[command(subcommand)]
        action: person::LearnerAction,
    },
    /// Introduce a pair: both names and e-mails, the agreement, the times they share, a first
    /// agenda; as text or an e-mail draft (the wording: intro.txt in the config folder).
    Intro {
        pairing: i64,
        #[arg(long, value_enum, default_value_t = IntroFormatArg::Text)]
        format: IntroFormatArg,
        /// Write to FILE (created 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A coordinator's notes on a pairing: add one, list them.
    Note {
        #[command(subcommand)]
        action: note::NoteAction,
    },
    /// Find words across the program: check-ins, coordinator notes, goals and needs.
    Search {
        /// The words (all of them, each also as the start of a longer word).
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum WeightsAction {
    /// Change one weight.
    Set { name: String, value: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeChoice {
    #[default]
    Default,
    HighContrast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeopleKind {
    Learners,
    Mentors,
}

/// What `export` writes: people in the import format, check-ins, pairings, milestones or the
/// at-risk list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    Learners,
    Mentors,
    Checkins,
    Pairings,
    Milestones,
    AtRisk,
    /// The due dates as an iCalendar file (.ics).
    Calendar,
}

/// The formats `intro` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IntroFormatArg {
    Text,
    Eml,
}

/// The formats `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Html,
}

impl From<ReportFormat> for crate::exchange::report::Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Text => Self::Text,
            ReportFormat::Json => Self::Json,
            ReportFormat::Html => Self::Html,
        }
    }
}

/// An error caused by what the person typed or supplied (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Runs one subcommand against the database at `db` (or the default location).
pub fn run(db: Option<&std::path::Path>, command: Command) -> Result<ExitCode> {
    if let Command::Completions { shell } = command {
        let mut cmd = <Cli as clap::CommandFactory>::command();
        clap_complete::generate(shell, &mut cmd, "mentordesk", &mut std::io::stdout());
        return Ok(ExitCode::SUCCESS);
    }
    let path = database_path(db)?;
    if let Command::Where = command {
        say!("{}", path.display());
        // Only an existing file: `where` never creates a database.
        if path.exists() {
            let identity = Desk::open(&path)?.identity()?;
            say!("{}", sync::identity_line(&identity));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Plan {
        strategy,
        scores: Some(file),
        json,
        save,
    } = &command
    {
        return plan::plan_file(file, strategy, *json, *save);
    }
    if let Command::Restore { file, force } = &command {
        return backup::restore(&path, file, *force);
    }

    // A write that meets another desk's lock waits for it, and says so once.
    let shown = crate::domain::text::clean_line(&path.display().to_string());
    let _waits = crate::desk::LockWatch::with_notice(move || {
        // Never a panic inside SQLite's callback, even with stderr closed.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("mentordesk: waiting for another desk to finish writing {shown}…\n").as_bytes(),
        );
    })
    .watch_this_thread();
    let mut desk = Desk::open(&path)?;
    if let Some(notice) = desk.tightened_notice() {
        eprintln!("mentordesk: {notice}");
    }
    if desk.is_damaged()
        && !matches!(command, Command::Check { .. })
        && let Some(notice) = desk.access_notice()
    {
        eprintln!("mentordesk: {notice}");
    }
    match command {
        Command::Import {
            kind,
            file,
            dry_run,
        } => people::import(&mut desk, kind, &file, dry_run),
        Command::Export {
            kind: ExportKind::Calendar,
            output,
            mentor,
            weeks,
            ..
        } => export::calendar(&mut desk, output.as_deref(), mentor.as_deref(), weeks),
        Command::Export {
            kind,
            output,
            json,
            mentor,
            weeks,
        } => {
            if mentor.is_some() || weeks.is_some() {
                return Err(BadInput("--mentor and --weeks go with export calendar".into()).into());
            }
            export::export(&mut desk, kind, output.as_deref(), json)
        }
        Command::Pause { pairing, reason } => {
            lifecycle::pause(&mut desk, pairing, reason.as_deref())
        }
        Command::Resume { pairing } => lifecycle::resume(&mut desk, pairing),
        Command::End { pairing, reason } => lifecycle::end(&mut desk, pairing, &reason),
        Command::Rematch {
            pairing,
            reason,
            top,
            json,
        } => lifecycle::rematch(&mut desk, pairing, &reason, top, json),
        Command::AtRisk { json } => lifecycle::at_risk(&mut desk, json),
        Command::Metrics {
            since,
            period,
            json,
        } => {
            let period = insight::period(&mut desk, since.as_deref(), period.as_deref())?;
            insight::metrics(&mut desk, period, json)
        }
        Command::Report {
            format,
            output,
            since,
            period,
            anonymized,
        } => {
            let period = insight::period(&mut desk, since.as_deref(), period.as_deref())?;
            insight::report(
                &mut desk,
                period,
                format.into(),
                anonymized,
                output.as_deref(),
            )
        }
        Command::Health { action, json } => health::run(&mut desk, action, json),
        Command::Checkin { action } => checkin::run(&mut desk, action),
        Command::Milestone { action } => milestone::run(&mut desk, action),
        Command::Pack { action } => pack::run(&mut desk, action),
        Command::Sync { action } => sync::run(&mut desk, action),
        Command::Timeline { learner, json } => timeline::timeline(&mut desk, &learner, json),
        Command::Intro {
            pairing,
            format,
            output,
        } => intro::intro(&mut desk, pairing, format, output.as_deref()),
        Command::Note { action } => note::run(&mut desk, action),
        Command::Search { text, json } => note::search(&mut desk, &text, json),
        Command::Person { action } => person::run(&mut desk, action),
        Command::Mentor { action } => person::mentor(&mut desk, action),
        Command::Learner { action } => person::learner(&mut desk, action),
        Command::Learners { json } => people::learners(&mut desk, json),
        Command::Mentors { json } => people::mentors(&mut desk, json),
        Command::Check { json } => admin::check(&mut desk, json),
        Command::Audit {
            since,
            actor,
            action,
            subject,
            json,
            limit,
        } => audit::audit(
            &mut desk,
            &audit::AuditArgs {
                since: since.as_deref(),
                actor: actor.as_deref(),
                action: action.as_deref(),
                subject: subject.as_deref(),
                limit,
                json,
            },
        ),
        Command::DefaultZone { zone } => admin::default_zone(&mut desk, zone.as_deref()),
        Command::Candidates { learner, top, json } => {
            review::candidates(&mut desk, &learner, top, json)
        }
        Command::Exclude {
            learner,
            mentor,
            reason,
        } => review::exclude(&mut desk, &learner, &mentor, &reason),
        Command::Unexclude { learner, mentor } => review::unexclude(&mut desk, &learner, &mentor),
        Command::Weights { action, json } => {
            let set = action
                .as_ref()
                .map(|WeightsAction::Set { name, value }| (name.as_str(), *value));
            review::weights(&mut desk, set, json)
        }
        Command::Scores { .. } => plan::scores(&mut desk),
        Command::Plan {
            strategy,
            json,
            save,
            ..
        } => plan::plan(&mut desk, &strategy, json, save),
        Command::Pairings { status, json } => pairing::pairings(&mut desk, status.as_deref(), json),
        Command::Approve {
            learner,
            mentor,
            cadence_days,
            weeks,
            session_minutes,
            goals,
            override_reason,
            milestone,
            milestone_due,
        } => pairing::approve(
            &mut desk,
            &pairing::ApproveArgs {
                learner: &learner,
                mentor: &mentor,
                cadence_days,
                weeks,
                session_minutes,
                goals: goals.as_deref(),
                override_reason: override_reason.as_deref(),
                milestone: milestone.as_deref(),
                milestone_due: milestone_due.as_deref(),
            },
        ),
        Command::Decline { pairing, reason } => {
            pairing::decline(&mut desk, pairing, reason.as_deref())
        }
        Command::Demo {
            learners,
            mentors,
            seed,
            force,
        } => demo::run(&mut desk, learners, mentors, seed, force),
        Command::Backup { file } => backup::backup(&mut desk, &file),
        Command::Undo { id, list, json } => undo::undo(&mut desk, id.as_deref(), list, json),
        Command::Forget { kind, id, yes } => forget::forget(&mut desk, kind, &id, yes),
        Command::Where | Command::Completions { .. } | Command::Restore { .. } => {
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The error and its causes, as one readable paragraph (multi-line details kept).
pub fn describe(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// True when the error is only that whoever read our output stopped reading (`| head`).
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn exit_code(err: &anyhow::Error) -> u8 {
    let user_fault = err.chain().any(|cause| {
        cause.downcast_ref::<BadInput>().is_some()
            || cause
                .downcast_ref::<DeskError>()
                .is_some_and(DeskError::is_user_error)
            || cause
                .downcast_ref::<crate::matching::MatchError>()
                .is_some_and(crate::matching::MatchError::is_user_error)
            || cause.downcast_ref::<crate::domain::DomainError>().is_some()
            || cause
                .downcast_ref::<crate::exchange::intro::IntroError>()
                .is_some_and(crate::exchange::intro::IntroError::is_user_error)
            || cause
                .downcast_ref::<crate::exchange::transfer::TransferError>()
                .is_some_and(crate::exchange::transfer::TransferError::is_user_error)
    });
    if user_fault { 2 } else { 1 }
}
