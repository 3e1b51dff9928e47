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
mod args;
mod audit;
mod backup;
mod checkin;
mod concern;
pub mod demo;
mod export;
mod forget;
mod guides;
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
mod reflection;
mod review;
mod sync;
mod table;
mod timeline;
mod undo;

pub use args::*;
pub use location::{config_folder, database_path, log_path};

use std::process::ExitCode;

use anyhow::Result;

use crate::desk::{Desk, DeskError};

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
        Command::Checkin { action } => checkin::run(&mut desk, *action),
        Command::Concern { action } => concern::run(&mut desk, action),
        Command::Concerns { open, json } => concern::list(&mut desk, open, json),
        Command::Milestone { action } => milestone::run(&mut desk, action),
        Command::Pack { action } => pack::run(&mut desk, action),
        Command::Sync { action } => sync::run(&mut desk, action),
        Command::Timeline { learner, json } => timeline::timeline(&mut desk, &learner, json),
        Command::Guides { action } => guides::run(&mut desk, action),
        Command::Intro {
            pairing,
            format,
            output,
        } => intro::intro(&mut desk, pairing, format, output.as_deref()),
        Command::Note { action } => note::run(&mut desk, action),
        Command::Search { text, json } => note::search(&mut desk, &text, json),
        Command::Reflection { action } => reflection::run(&mut desk, action),
        Command::Reflections { learner, json } => reflection::list(&mut desk, &learner, json),
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
                .downcast_ref::<crate::exchange::guides::GuideError>()
                .is_some_and(crate::exchange::guides::GuideError::is_user_error)
            || cause
                .downcast_ref::<crate::exchange::intro::IntroError>()
                .is_some_and(crate::exchange::intro::IntroError::is_user_error)
            || cause
                .downcast_ref::<crate::exchange::transfer::TransferError>()
                .is_some_and(crate::exchange::transfer::TransferError::is_user_error)
    });
    if user_fault { 2 } else { 1 }
}
