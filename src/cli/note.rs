//! Coordinator notes (`note add|list`) and the program-wide search (`search`).

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use super::BadInput;
use crate::desk::{Desk, SearchResults};
use crate::domain::PairingId;
use crate::domain::text::clean_line;
use crate::domain::when::{local_day, local_minute};

/// Most bytes of a note read from standard input.
const MAX_NOTE_BYTES: u64 = 64 * 1024;

#[derive(Debug, Subcommand)]
pub enum NoteAction {
    /// Add a dated note to a pairing (multi-line; `--text -` reads standard input; audited).
    Add {
        pairing: i64,
        #[arg(long)]
        text: String,
    },
    /// A pairing's notes, oldest first.
    List {
        pairing: i64,
        #[arg(long)]
        json: bool,
    },
}

fn note_text(raw: &str) -> Result<String> {
    if raw != "-" {
        return Ok(raw.to_string());
    }
    let mut buffer = Vec::new();
    std::io::stdin()
        .take(MAX_NOTE_BYTES + 1)
        .read_to_end(&mut buffer)
        .context("could not read the note from standard input")?;
    if buffer.len() as u64 > MAX_NOTE_BYTES {
        return Err(BadInput(format!("the note is longer than {MAX_NOTE_BYTES} bytes")).into());
    }
    String::from_utf8(buffer).map_err(|_| BadInput("the note is not UTF-8 text".into()).into())
}

pub fn run(desk: &mut Desk, action: NoteAction) -> Result<ExitCode> {
    match action {
        NoteAction::Add { pairing, text } => {
            let note = desk.add_note(PairingId(pairing), &note_text(&text)?)?;
            let zone = desk.default_zone()?;
            say!(
                "note {} added to pairing {} ({})",
                note.id,
                note.pairing,
                local_minute(note.at, zone)
            );
        }
        NoteAction::List { pairing, json } => {
            let notes = desk.notes(PairingId(pairing))?;
            let zone = desk.default_zone()?;
            if json {
                say!("{}", serde_json::to_string_pretty(&notes)?);
                return Ok(ExitCode::SUCCESS);
            }
            for note in &notes {
                say!(
                    "{}  {}",
                    local_minute(note.at, zone),
                    clean_line(&note.actor)
                );
                for line in note.text.lines() {
                    say!("    {}", clean_line(line));
                }
            }
            say!(
                "{} on pairing {pairing}",
                crate::domain::text::counted(notes.len(), "note", "notes")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn search(desk: &mut Desk, text: &str, json: bool) -> Result<ExitCode> {
    let results = desk.search(text)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print_results(&results, desk.default_zone()?)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_results(results: &SearchResults, zone: chrono_tz::Tz) -> Result<()> {
    for hit in &results.hits {
        let pairing = hit
            .pairing
            .map_or("no pairing".to_string(), |p| format!("pairing {p}"));
        let who = match (&hit.learner_name, &hit.mentor_name) {
            (Some(l), Some(m)) => format!("{} → {}", clean_line(l), clean_line(m)),
            (Some(l), None) => clean_line(l),
            _ => String::new(),
        };
        let when = hit
            .at
            .map(|at| format!(" {}", local_day(at, zone)))
            .unwrap_or_default();
        say!("{:<9} {pairing:<12} {who}{when}", hit.kind.as_str());
        say!("    {}", hit.snippet_text());
    }
    let shown = results.hits.len() as u64;
    let more = if results.total > shown {
        format!(" (the best {shown} shown)")
    } else {
        String::new()
    };
    say!(
        "{} for \"{}\"{more}",
        crate::domain::text::counted(
            usize::try_from(results.total).unwrap_or(usize::MAX),
            "match",
            "matches"
        ),
        results.words.join(" ")
    );
    Ok(())
}
