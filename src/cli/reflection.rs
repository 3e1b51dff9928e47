//! Learners' reflections: `reflection add LEARNER --text TEXT [--at DATE] [--confidence 1-5]
//! [--by coordinator|mentor]` and `reflections LEARNER [--json]`.
//!
//! Owns: reading a reflection from options (the text from an argument or standard input;
//! dates in the desk's zone) and its output. The author is chosen as a check-in's is
//! (`--by`): this desk's own author, or the learner's current mentor on their behalf.
//! May use: `desk`, `exchange`, `domain`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use serde_json::{Value, json};

use super::BadInput;
use super::checkin::By;
use super::pairing::instant;
use crate::desk::{Desk, NewReflection, WrittenBy};
use crate::domain::LearnerId;
use crate::domain::reflection::Reflection;
use crate::domain::text::{clean_line, counted};
use crate::domain::when::{local_minute, parse_when};
use crate::exchange::file::{NOTES, read_stream_capped};

#[derive(Debug, Subcommand)]
pub enum ReflectionAction {
    /// Record a learner's own words about their progress (multi-line; `--text -` reads
    /// standard input; audited).
    Add {
        learner: String,
        /// The learner's words, at most 4,000 characters.
        #[arg(long)]
        text: String,
        /// When the learner said it: a date, 2026-11-02T18:30 (desk zone) or RFC 3339
        /// (default now; not after today).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// The learner's own rating of their confidence, 1 (lost) to 5 (confident).
        #[arg(long)]
        confidence: Option<u8>,
        /// Who writes it down: `coordinator` (this desk's own author, the default) or
        /// `mentor` (the learner's current mentor, on whose behalf it is recorded).
        #[arg(long, value_enum, default_value_t = By::Coordinator)]
        by: By,
    },
}

fn read_text(raw: &str) -> Result<String> {
    if raw != "-" {
        return Ok(raw.to_string());
    }
    let stdin = Path::new("standard input");
    let bytes = read_stream_capped(std::io::stdin(), stdin, NOTES)
        .map_err(|e| BadInput(format!("--text -: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|_| BadInput("the reflection on standard input is not UTF-8 text".into()).into())
}

pub fn run(desk: &mut Desk, action: ReflectionAction) -> Result<ExitCode> {
    let ReflectionAction::Add {
        learner,
        text,
        at,
        confidence,
        by,
    } = action;
    let learner = LearnerId::parse(&learner)?;
    let at = match at {
        Some(raw) => Some(parse_when("--at", &raw, desk.default_zone()?)?),
        None => None,
    };
    let saved = desk.add_reflection(&NewReflection {
        learner,
        text: read_text(&text)?,
        at,
        confidence,
        by: match by {
            By::Coordinator => WrittenBy::Desk,
            By::Mentor => WrittenBy::Mentor,
        },
    })?;
    let zone = desk.default_zone()?;
    say!(
        "reflection {} recorded for {} at {}, written down by {}{}",
        saved.id,
        saved.learner,
        local_minute(saved.at, zone),
        saved.author,
        saved
            .confidence
            .map(|c| format!(", confidence {} (self-reported)", c.get()))
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

fn reflection_json(r: &Reflection) -> Value {
    json!({
        "id": r.id,
        "learner": r.learner,
        "at": instant(r.at),
        "text": r.text,
        "confidence": r.confidence,
        "self_reported": true,
        "author": r.author,
        "actor": r.actor,
        "recorded_at": instant(r.recorded_at),
    })
}

/// `reflections LEARNER`: oldest first, each with its full text.
pub fn list(desk: &mut Desk, learner: &str, as_json: bool) -> Result<ExitCode> {
    let id = LearnerId::parse(learner)?;
    let reflections = desk.reflections(&id)?;
    if as_json {
        let values: Vec<Value> = reflections.iter().map(reflection_json).collect();
        say!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(ExitCode::SUCCESS);
    }
    let zone = desk.default_zone()?;
    for r in &reflections {
        say!(
            "{}  #{}  by {}{}",
            local_minute(r.at, zone),
            r.id,
            r.author,
            r.confidence
                .map(|c| format!(" · confidence {} (self-reported)", c.get()))
                .unwrap_or_default()
        );
        for line in r.text.lines() {
            say!("    {}", clean_line(line));
        }
    }
    say!(
        "{} of {id} (times in {})",
        counted(reflections.len(), "reflection", "reflections"),
        zone.name()
    );
    Ok(ExitCode::SUCCESS)
}
