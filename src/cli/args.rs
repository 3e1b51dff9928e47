//! The command line's grammar: the `mentordesk` command, its subcommands and the values
//! their options take (clap derive). What each subcommand does is in `cli::run` and the
//! files beside this one.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::{
    checkin, concern, forget, guides, health, location, milestone, note, pack, person, reflection,
    sync,
};

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
        // Boxed: `checkin add` has the most options of any command (clippy's
        // large_enum_variant), and one command is parsed per run.
        #[command(subcommand)]
        action: Box<checkin::CheckinAction>,
    },
    /// Raise a concern about a pairing, or resolve one (the escalation path).
    Concern {
        #[command(subcommand)]
        action: concern::ConcernAction,
    },
    /// The concerns: open ones first, high and newest first.
    Concerns {
        /// Only the open ones.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
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
    /// Session guides: agendas, sample questions by track, a project brief, feedback prompts
    /// (add or replace one as NAME.md in the config folder's guides/).
    Guides {
        #[command(subcommand)]
        action: Option<guides::GuidesAction>,
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
    /// A learner's reflections: record one (their own words, written down by the
    /// coordinator or their mentor).
    Reflection {
        #[command(subcommand)]
        action: reflection::ReflectionAction,
    },
    /// A learner's reflections, oldest first, with who wrote each down.
    Reflections {
        learner: String,
        #[arg(long)]
        json: bool,
    },
    /// Find words across the program: check-ins, coordinator notes, goals and needs,
    /// reflections.
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
