//! The command line: clap subcommands over the desk, plain text for people and `--json` for
//! machines.
//!
//! Owns: argument parsing, output formatting, exit codes. May use: `desk`, `exchange`,
//! `demo`, `domain`.

mod admin;
pub mod demo;
mod location;
mod people;
mod table;

pub use location::database_path;

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
    #[arg(long, global = true, env = "MENTORDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Colours of the desk: `default` or `high-contrast` (NO_COLOR is always honoured).
    #[arg(long, global = true, value_enum, default_value_t = ThemeChoice::Default)]
    pub theme: ThemeChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the database path in use.
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
    /// Export people as CSV, in the import format.
    Export {
        #[arg(value_enum)]
        kind: PeopleKind,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
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
    /// Show the audit trail, newest first.
    Audit {
        #[arg(long)]
        json: bool,
        /// How many entries to show.
        #[arg(long, default_value_t = 50)]
        limit: u32,
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
    /// Show the zone used for people whose time zone is unknown, or set it (IANA name).
    DefaultZone {
        /// The new default, e.g. Europe/Madrid.
        zone: Option<String>,
    },
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
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
        println!("{}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut desk = Desk::open(&path)?;
    match command {
        Command::Import {
            kind,
            file,
            dry_run,
        } => people::import(&mut desk, kind, &file, dry_run),
        Command::Export { kind, output } => people::export(&mut desk, kind, output.as_deref()),
        Command::Learners { json } => people::learners(&mut desk, json),
        Command::Mentors { json } => people::mentors(&mut desk, json),
        Command::Check { json } => admin::check(&mut desk, json),
        Command::Audit { json, limit } => admin::audit(&mut desk, json, limit),
        Command::DefaultZone { zone } => admin::default_zone(&mut desk, zone.as_deref()),
        Command::Demo {
            learners,
            mentors,
            seed,
            force,
        } => demo::run(&mut desk, learners, mentors, seed, force),
        Command::Where | Command::Completions { .. } => Ok(ExitCode::SUCCESS),
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

pub fn exit_code(err: &anyhow::Error) -> u8 {
    let user_fault = err.chain().any(|cause| {
        cause.downcast_ref::<BadInput>().is_some()
            || cause
                .downcast_ref::<DeskError>()
                .is_some_and(DeskError::is_user_error)
    });
    if user_fault { 2 } else { 1 }
}
