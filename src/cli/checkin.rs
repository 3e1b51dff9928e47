//! Check-ins: `checkin add` (which may also achieve and plan milestones), `checkin edit`,
//! `checkin list`.
//!
//! Owns: reading a check-in from options (notes from text, a file or standard input; local
//! date-times in the desk's zone) and its output. May use: `desk`, `exchange`, `domain`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::BadInput;
use super::pairing::instant;
use super::table::{Table, or_unknown};
use crate::desk::{
    CheckInEdit, CheckInRow, CheckInTarget, Desk, MilestonePlan, NewCheckIn, WrittenBy,
};
use crate::domain::when::{parse_date, parse_when};
use crate::domain::{CheckInId, LearnerId, MilestoneId, MilestoneKind, Mode, PairingId, Tag};

/// Longest notes file read (a session's notes, not a book).
const MAX_NOTES_BYTES: u64 = 1 << 20;

#[derive(Debug, Subcommand)]
pub enum CheckinAction {
    /// Log a check-in against a pairing (or a learner's current pairing).
    Add {
        #[arg(
            long,
            value_name = "ID",
            conflicts_with = "learner",
            required_unless_present = "learner"
        )]
        pairing: Option<i64>,
        #[arg(long, value_name = "ID")]
        learner: Option<String>,
        /// Length of the session in minutes (1–600).
        #[arg(long)]
        minutes: u32,
        #[command(flatten)]
        fields: CheckinFields,
        /// A planned milestone of this learner reached in this session (marked achieved).
        #[arg(long, value_name = "ID")]
        milestone: Option<i64>,
        #[command(flatten)]
        plan: NewMilestoneArgs,
        /// Who the check-in is written by: `coordinator` (this desk's own author, the
        /// default) or `mentor` (logged on the pairing's mentor's behalf).
        #[arg(long, value_enum, default_value_t = By::Coordinator)]
        by: By,
    },
    /// Correct a check-in: writes a new version that supersedes it (the old one is kept).
    Edit {
        id: String,
        #[arg(long)]
        minutes: Option<u32>,
        #[command(flatten)]
        fields: CheckinFields,
    },
    /// List check-ins (the latest version of each), oldest first.
    List {
        #[arg(long, value_name = "ID")]
        learner: Option<String>,
        /// Show every version, superseded ones too.
        #[arg(long)]
        history: bool,
        #[arg(long)]
        json: bool,
    },
}

/// Who `checkin add` writes as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Coordinator,
    Mentor,
}

/// A milestone planned in the session being logged (`checkin add` only).
#[derive(Debug, Args)]
pub struct NewMilestoneArgs {
    /// Plan a new milestone for the learner in this check-in, with this title.
    #[arg(long, value_name = "TITLE")]
    new_milestone: Option<String>,
    /// The new milestone's kind: project, skill, badge, endorsement or custom (default custom).
    #[arg(long, value_name = "KIND", requires = "new_milestone")]
    new_milestone_kind: Option<String>,
    /// The new milestone's due date, YYYY-MM-DD (not before the check-in).
    #[arg(long, value_name = "DATE", requires = "new_milestone")]
    new_milestone_due: Option<String>,
}

impl NewMilestoneArgs {
    /// The milestone to plan, checked before anything is written.
    fn parse(&self) -> Result<Option<MilestonePlan>> {
        let Some(title) = &self.new_milestone else {
            return Ok(None);
        };
        let kind: MilestoneKind = match &self.new_milestone_kind {
            Some(raw) => raw.parse()?,
            None => MilestoneKind::Custom,
        };
        let due = self
            .new_milestone_due
            .as_deref()
            .map(|d| parse_date("--new-milestone-due", d))
            .transpose()?;
        Ok(Some(MilestonePlan::new(title, kind, due)?))
    }
}

/// Options shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct CheckinFields {
    /// When the session was: 2026-11-02T18:30 (desk zone), RFC 3339, or a date (default now).
    #[arg(long, value_name = "DATETIME")]
    at: Option<String>,
    /// video, voice, chat or async.
    #[arg(long)]
    mode: Option<String>,
    /// The learner's confidence after the session, 1 (lost) to 5 (confident).
    #[arg(long)]
    confidence: Option<u8>,
    /// Session notes; `-` reads them from standard input.
    #[arg(long, conflicts_with = "notes_file")]
    notes: Option<String>,
    /// Read the notes from FILE.
    #[arg(long, value_name = "FILE")]
    notes_file: Option<PathBuf>,
    #[arg(long)]
    next_steps: Option<String>,
    /// Topics, `;`-separated.
    #[arg(long, value_name = "A;B")]
    topics: Option<String>,
    /// Accept a date after today.
    #[arg(long)]
    future: bool,
}

/// The parsed shared options.
struct Fields {
    at: Option<chrono::DateTime<chrono::Utc>>,
    mode: Option<Mode>,
    notes: Option<String>,
    topics: Option<Vec<Tag>>,
}

fn read_notes(notes: Option<&str>, file: Option<&Path>) -> Result<Option<String>> {
    let bytes = match (notes, file) {
        (Some("-"), _) => {
            let mut buffer = Vec::new();
            std::io::stdin()
                .take(MAX_NOTES_BYTES + 1)
                .read_to_end(&mut buffer)
                .context("could not read notes from standard input")?;
            buffer
        }
        (Some(text), _) => return Ok(Some(text.to_string())),
        (None, Some(path)) => {
            let mut buffer = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(MAX_NOTES_BYTES + 1).read_to_end(&mut buffer))
                .map_err(|e| BadInput(format!("--notes-file {}: {e}", path.display())))?;
            buffer
        }
        (None, None) => return Ok(None),
    };
    if bytes.len() as u64 > MAX_NOTES_BYTES {
        return Err(BadInput(format!("notes are longer than {MAX_NOTES_BYTES} bytes")).into());
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| BadInput("notes are not valid UTF-8 text".into()).into())
}

fn parse_fields(desk: &mut Desk, f: &CheckinFields) -> Result<Fields> {
    let at = match &f.at {
        Some(raw) => Some(parse_when("--at", raw, desk.default_zone()?)?),
        None => None,
    };
    Ok(Fields {
        at,
        mode: f.mode.as_deref().map(str::parse).transpose()?,
        notes: read_notes(f.notes.as_deref(), f.notes_file.as_deref())?,
        topics: f.topics.as_deref().map(Tag::parse_list).transpose()?,
    })
}

pub fn run(desk: &mut Desk, action: CheckinAction) -> Result<ExitCode> {
    match action {
        CheckinAction::Add {
            pairing,
            learner,
            minutes,
            fields,
            milestone,
            plan,
            by,
        } => {
            let plan = plan.parse()?;
            let target = match (pairing, learner) {
                (Some(id), _) => CheckInTarget::Pairing(PairingId(id)),
                (None, Some(raw)) => CheckInTarget::Learner(LearnerId::parse(&raw)?),
                (None, None) => {
                    return Err(BadInput("give --pairing ID or --learner ID".into()).into());
                }
            };
            let parsed = parse_fields(desk, &fields)?;
            let by = match by {
                By::Coordinator => WrittenBy::Desk,
                By::Mentor => WrittenBy::Mentor,
            };
            let logged = desk.add_checkin_by(
                &NewCheckIn {
                    target,
                    at: parsed.at,
                    minutes,
                    mode: parsed.mode,
                    confidence: fields.confidence,
                    notes: parsed.notes.unwrap_or_default(),
                    topics: parsed.topics.unwrap_or_default(),
                    next_steps: fields.next_steps.clone(),
                    milestone: milestone.map(MilestoneId),
                    plan_milestone: plan,
                    allow_future: fields.future,
                },
                by,
            )?;
            let checkin = &logged.checkin;
            say!(
                "logged check-in {} on pairing {} at {}, {} min{}{}",
                checkin.id,
                checkin.pairing,
                instant(checkin.at),
                checkin.minutes,
                logged
                    .achieved
                    .as_ref()
                    .map(|m| format!("; milestone {} \"{}\" achieved", m.id, m.title))
                    .unwrap_or_default(),
                logged
                    .planned
                    .as_ref()
                    .map(|m| format!(
                        "; planned milestone {} \"{}\" ({}{})",
                        m.id,
                        m.title,
                        m.kind,
                        m.due.map(|d| format!(", due {d}")).unwrap_or_default()
                    ))
                    .unwrap_or_default()
            );
        }
        CheckinAction::Edit {
            id,
            minutes,
            fields,
        } => {
            let id = CheckInId::parse(&id)?;
            let parsed = parse_fields(desk, &fields)?;
            let checkin = desk.edit_checkin(
                id,
                &CheckInEdit {
                    at: parsed.at,
                    minutes,
                    mode: parsed.mode,
                    confidence: fields.confidence,
                    notes: parsed.notes,
                    topics: parsed.topics,
                    next_steps: fields.next_steps.clone(),
                    allow_future: fields.future,
                },
            )?;
            say!(
                "saved check-in {} (replaces {id}; the old version is kept)",
                checkin.id
            );
        }
        CheckinAction::List {
            learner,
            history,
            json,
        } => return list(desk, learner.as_deref(), history, json),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn checkin_json(row: &CheckInRow) -> Value {
    let c = &row.checkin;
    json!({
        "id": c.id,
        "pairing": c.pairing,
        "learner": row.learner,
        "mentor": row.mentor,
        "at": instant(c.at),
        "minutes": c.minutes,
        "mode": c.mode,
        "confidence": c.confidence,
        "notes": c.notes,
        "topics": c.topics,
        "next_steps": c.next_steps,
        "author_desk": c.author_desk,
        "author": c.author,
        "supersedes": c.supersedes,
        "superseded_by": row.superseded_by,
        "milestones_planned": row.planned_milestones,
        "recorded_at": instant(c.recorded_at),
    })
}

fn list(desk: &mut Desk, learner: Option<&str>, history: bool, as_json: bool) -> Result<ExitCode> {
    let learner = learner.map(LearnerId::parse).transpose()?;
    let rows = desk.checkin_rows(learner.as_ref(), history)?;
    if as_json {
        let values: Vec<Value> = rows.iter().map(checkin_json).collect();
        say!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(ExitCode::SUCCESS);
    }
    let zone = desk.default_zone()?;
    let mut header = vec![
        "ID", "AT", "PAIRING", "LEARNER", "MENTOR", "MIN", "CONF", "NOTES",
    ];
    if history {
        header.push("REPLACED BY");
    }
    let mut table = Table::new(&header);
    for row in &rows {
        let c = &row.checkin;
        let mut cells = vec![
            c.id.to_string(),
            c.at.with_timezone(&zone)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            c.pairing.to_string(),
            row.learner.to_string(),
            row.mentor.to_string(),
            c.minutes.to_string(),
            or_unknown(c.confidence.map(|v| v.get())),
            c.notes.lines().next().unwrap_or_default().to_string(),
        ];
        if history {
            cells.push(row.superseded_by.map_or("-".into(), |s| s.to_string()));
        }
        table.row(cells);
    }
    say_raw!("{}", table.render());
    say!("{} check-ins (times in {})", rows.len(), zone.name());
    Ok(ExitCode::SUCCESS)
}
