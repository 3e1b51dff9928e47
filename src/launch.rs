//! Picking a face: parse the arguments, run a subcommand or open the desk, and turn any
//! error into one line on stderr and an exit code (2 bad input, 1 anything else).
//!
//! Owns: the glue between faces. May use: every module; it hands `tui` the services it may
//! not reach itself (CSV files through `exchange`, the demo through `demo`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use crate::cli::{self, BadInput, Cli, ThemeChoice};
use crate::desk::Desk;
use crate::domain::text;
use crate::exchange::csv as people_csv;
use crate::tui::{self, Services, ThemeName, TuiError};

/// The binary's whole life.
pub fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(err) => return refuse_arguments(&err),
    };
    // The desk always keeps a log (the screen is taken); a subcommand only when asked.
    let _log = start_log(args.command.is_none() || std::env::var_os(LOG_FILTER_VAR).is_some());
    let result = match args.command {
        Some(command) => cli::run(args.db.as_deref(), command),
        None => open_desk(args.db.as_deref(), args.theme, started),
    };
    match result {
        Ok(code) => code,
        Err(err) if cli::is_closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let text = format!("mentordesk: {}", cli::describe(&err));
            eprintln!("{}", text::for_terminal(&text::cut_long_words(&text)));
            ExitCode::from(cli::exit_code(&err))
        }
    }
}

/// Prints clap's message (an error, or the help or version asked for) as plain text cleaned
/// for the terminal: an argument echoed back cannot carry escapes, bidi or C1 controls.
/// Exit code 2 for an error, 0 for help and version.
fn refuse_arguments(err: &clap::Error) -> ExitCode {
    use std::io::Write as _;
    let rendered = err.render().to_string();
    let cut = text::cut_long_words(&rendered);
    let shown = text::for_terminal(&cut);
    if err.use_stderr() {
        let _ = std::io::stderr().write_all(shown.as_bytes());
        ExitCode::from(2)
    } else {
        let _ = std::io::stdout().write_all(shown.as_bytes());
        ExitCode::SUCCESS
    }
}

fn open_desk(
    db: Option<&Path>,
    theme: ThemeChoice,
    started: std::time::Instant,
) -> Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Err(BadInput(TuiError::NoTerminal.to_string()).into());
    }
    let path = cli::database_path(db)?;
    let mut desk = Desk::open(&path)?;
    let (guides, guide_problems) =
        crate::exchange::guides::library(&mut desk, cli::config_folder().as_deref())?;
    let options = tui::Options {
        theme: match theme {
            ThemeChoice::Default => ThemeName::Default,
            ThemeChoice::HighContrast => ThemeName::HighContrast,
        },
        keymap_override: user_keymap(),
        started,
        guides,
        guide_problems: guide_problems.iter().map(ToString::to_string).collect(),
    };
    let services = Services {
        import_csv,
        load_demo,
        write_bundle,
        import_bundle,
        write_intro,
    };
    match tui::run(desk, services, options) {
        Ok(tui::Ending::Signal(signal)) => Ok(ExitCode::from(
            u8::try_from(128 + signal).unwrap_or(u8::MAX),
        )),
        Ok(_) => Ok(ExitCode::SUCCESS),
        Err(TuiError::NoTerminal) => Err(BadInput(TuiError::NoTerminal.to_string()).into()),
        Err(other) => Err(other.into()),
    }
}

/// What to log: a `tracing` filter such as `debug` or `mentordesk=trace`.
const LOG_FILTER_VAR: &str = "MENTORDESK_LOG";
/// Where to log instead of `mentordesk.log` in the data folder.
const LOG_FILE_VAR: &str = "MENTORDESK_LOG_FILE";

/// Starts writing `tracing` events to the log file (never to stdout or stderr, which belong
/// to the desk or the command's output). Returns the guard that flushes the file on drop;
/// `None` when logging is off or the file cannot be opened, which never stops the program.
fn start_log(wanted: bool) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    if !wanted {
        return None;
    }
    let path = match std::env::var_os(LOG_FILE_VAR) {
        Some(path) => std::path::PathBuf::from(path),
        None => cli::log_path()?,
    };
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path).ok()?;
    let loose = make_private(&file);
    let (writer, guard) = tracing_appender::non_blocking(file);
    let filter = tracing_subscriber::EnvFilter::try_from_env(LOG_FILTER_VAR)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("mentordesk=info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    if let Some(mode) = loose {
        tracing::warn!(
            "the log {} was open to others (mode {mode:o}); it is now private (600)",
            path.display()
        );
    }
    Some(guard)
}

/// An existing log others could read (it holds names) is made private; returns its old mode.
#[cfg(unix)]
fn make_private(file: &std::fs::File) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = file.metadata().ok()?.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return None;
    }
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .ok()?;
    Some(mode)
}

#[cfg(not(unix))]
fn make_private(_file: &std::fs::File) -> Option<u32> {
    None
}

/// The text of `keymap.toml` in the config folder, when there is one.
fn user_keymap() -> Option<String> {
    let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")?;
    let path = dirs.config_dir().join("keymap.toml");
    if !path.exists() {
        return None;
    }
    match crate::exchange::file::read_capped(&path, crate::exchange::file::KEYMAP) {
        Ok(bytes) => String::from_utf8(bytes).ok(),
        Err(err) => {
            // The screen is about to be taken, so the log is where this can be read.
            tracing::warn!("keymap override not used: {err}");
            None
        }
    }
}

/// True when a CSV header names mentor-only columns.
fn is_mentor_file(bytes: &[u8]) -> bool {
    let header = bytes
        .split(|b| *b == b'\n')
        .find(|line| !line.trim_ascii().is_empty());
    let header = String::from_utf8_lossy(header.unwrap_or_default()).to_ascii_lowercase();
    header
        .split(',')
        .map(|c| c.trim().trim_start_matches('\u{feff}'))
        .any(|c| c == "capacity")
}

fn import_csv(desk: &mut Desk, path: &Path) -> Result<String, String> {
    let bytes = crate::exchange::file::read_capped(path, crate::exchange::file::CSV)
        .map_err(|e| e.to_string())?;
    let name = crate::domain::text::shown_path(path);
    let now = desk.now();
    if is_mentor_file(&bytes) {
        let mentors = people_csv::parse_mentors(&name, &bytes, now).map_err(|e| e.to_string())?;
        let summary = desk
            .import_mentors(&name, &mentors, false)
            .map_err(|e| e.to_string())?;
        Ok(format!("mentors from {name}: {summary}"))
    } else {
        let learners = people_csv::parse_learners(&name, &bytes, now).map_err(|e| e.to_string())?;
        let summary = desk
            .import_learners(&name, &learners, false)
            .map_err(|e| e.to_string())?;
        Ok(format!("learners from {name}: {summary}"))
    }
}

fn write_bundle(desk: &mut Desk, path: &Path) -> Result<(usize, std::path::PathBuf), String> {
    crate::exchange::bundle::export_bundle(desk, Some(path), false)
        .map(|written| (written.records, written.path))
        .map_err(|e| e.to_string())
}

fn import_bundle(desk: &mut Desk, path: &Path) -> Result<String, String> {
    let done =
        crate::exchange::bundle::import_bundle(desk, path, None).map_err(|e| e.to_string())?;
    let i = &done.import;
    let mut line = format!("{}: {}", i.mentor_name, i.summary());
    if !i.rejected.is_empty() {
        line.push_str(" (the rejected records are listed below, with the reason)");
    }
    line.push_str(&format!(
        "; receipt written to {}: hand it back to {}",
        text::shown_path(&done.receipt),
        i.mentor_name
    ));
    Ok(line)
}

/// Writes the introduction beside the database; says where, and which address is missing.
fn write_intro(desk: &mut Desk, pairing: crate::domain::PairingId) -> Result<String, String> {
    let folder = match desk.path().parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let config = cli::config_folder();
    let written =
        crate::exchange::intro::write_intro_into(desk, pairing, &folder, config.as_deref())
            .map_err(|e| e.to_string())?;
    let what = match written.format {
        crate::exchange::intro::IntroFormat::Eml => "an e-mail draft".to_string(),
        crate::exchange::intro::IntroFormat::Text => {
            format!("text ({})", written.missing.join("; "))
        }
    };
    Ok(format!(
        "Wrote the introduction of pairing {pairing} as {what} to {}",
        written.path.display()
    ))
}

fn load_demo(desk: &mut Desk) -> Result<String, String> {
    cli::demo::load(desk, &crate::demo::DemoSpec::standard(), false).map_err(|e| cli::describe(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_mentor_files_by_header() {
        assert!(is_mentor_file(b"id,name,capacity\nM1,Sam,2\n"));
        assert!(is_mentor_file(b"\n\xef\xbb\xbfID , Name , Capacity\n"));
        assert!(!is_mentor_file(b"id,name,track\n"));
    }
}
