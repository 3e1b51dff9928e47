//! Check-ins: `checkin add` (which may also achieve and plan milestones), `checkin edit`,
//! `checkin list`.
//!
//! Owns: reading a check-in from options (notes from text, a file or standard input; local
//! date-times in the desk's zone) and its output. May use: `desk`, `exchange`, `domain`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::BadInput;
use super::pairing::instant;
use super::table::{Table, or_unknown};
use crate::desk::{
    CheckInEdit, CheckInRow, CheckInTarget, Desk, MilestonePlan, NewCheckIn, WrittenBy,
};
use crate::domain::guide::GuideName;
use crate::domain::text::{quoted, shown_path};
use crate::domain::when::{local_minute, parse_date, parse_when};
use crate::domain::{CheckInId, LearnerId, MilestoneId, MilestoneKind, Mode, PairingId, Tag};
use crate::exchange::file::{NOTES, read_capped, read_stream_capped};

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
        /// When the session was: 2026-11-02T18:30 (desk zone), RFC 3339, or a date (default
        /// now; at most 14 days ahead, with --future).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
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
        #[command(flatten)]
        concern: super::concern::CheckinConcernArgs,
    },
    /// Correct a check-in: writes a new version that supersedes it (the old one is kept).
    /// Options left out keep the check-in's values.
    Edit {
        /// The check-in's id as `checkin list` prints it, or any start of it that only this
        /// check-in has (as git takes the start of a commit hash).
        id: String,
        #[arg(long)]
        minutes: Option<u32>,
        /// Move the session to another time: 2026-11-02T18:30 (desk zone), RFC 3339, or a
        /// date (default: the time it has now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
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

/// Options shared by `add` and `edit` (`--at` is each one's own: its default differs).
#[derive(Debug, Args)]
pub struct CheckinFields {
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
    /// The guide the session used (`mentordesk guides` lists them), e.g. first-session.
    #[arg(long, value_name = "NAME")]
    guide: Option<String>,
}

/// The parsed shared options.
struct Fields {
    at: Option<chrono::DateTime<chrono::Utc>>,
    mode: Option<Mode>,
    notes: Option<String>,
    topics: Option<Vec<Tag>>,
    guide: Option<GuideName>,
}

fn read_notes(notes: Option<&str>, file: Option<&Path>) -> Result<Option<String>> {
    let (bytes, source) = match (notes, file) {
        (Some("-"), _) => {
            let stdin = Path::new("standard input");
            let bytes = read_stream_capped(std::io::stdin(), stdin, NOTES)
                .map_err(|e| BadInput(format!("--notes -: {e}")))?;
            (bytes, "standard input".to_string())
        }
        (Some(text), _) => return Ok(Some(text.to_string())),
        (None, Some(path)) => {
            let bytes =
                read_capped(path, NOTES).map_err(|e| BadInput(format!("--notes-file: {e}")))?;
            (bytes, shown_path(path))
        }
        (None, None) => return Ok(None),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| BadInput(format!("the notes in {source} are not valid UTF-8 text")).into())
}

fn parse_fields(desk: &mut Desk, at: Option<&str>, f: &CheckinFields) -> Result<Fields> {
    let at = match at {
        Some(raw) => Some(parse_when("--at", raw, desk.default_zone()?)?),
        None => None,
    };
    Ok(Fields {
        at,
        mode: f.mode.as_deref().map(str::parse).transpose()?,
        notes: read_notes(f.notes.as_deref(), f.notes_file.as_deref())?,
        topics: f.topics.as_deref().map(Tag::parse_list).transpose()?,
        guide: f
            .guide
            .as_deref()
            .map(|raw| super::guides::guide_named(desk, raw))
            .transpose()?,
    })
}

pub fn run(desk: &mut Desk, action: CheckinAction) -> Result<ExitCode> {
    match action {
        CheckinAction::Add {
            pairing,
            learner,
            minutes,
            at,
            fields,
            milestone,
            plan,
            by,
            concern,
        } => {
            let plan = plan.parse()?;
            let concern = concern.parse()?;
            let target = match (pairing, learner) {
                (Some(id), _) => CheckInTarget::Pairing(PairingId(id)),
                (None, Some(raw)) => CheckInTarget::Learner(LearnerId::parse(&raw)?),
                (None, None) => {
                    return Err(BadInput("give --pairing ID or --learner ID".into()).into());
                }
            };
            let parsed = parse_fields(desk, at.as_deref(), &fields)?;
            let by = match by {
                By::Coordinator => WrittenBy::Desk,
                By::Mentor => WrittenBy::Mentor,
            };
            let (logged, raised) = desk.add_checkin_with_concern(
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
                    guide: parsed.guide,
                },
                by,
                concern.as_ref(),
            )?;
            let checkin = &logged.checkin;
            let zone = desk.default_zone()?;
            say!(
                "logged check-in {} on pairing {} at {}, {} min{}{}{}",
                checkin.id,
                checkin.pairing,
                local_minute(checkin.at, zone),
                checkin.minutes,
                checkin
                    .guide
                    .as_ref()
                    .map(|g| format!("; guide {g}"))
                    .unwrap_or_default(),
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
            if let Some(c) = &raised {
                say!("{}", super::concern::raised_words(c));
            }
        }
        CheckinAction::Edit {
            id,
            minutes,
            at,
            fields,
        } => {
            let id = resolve_checkin(desk, &id)?;
            let parsed = parse_fields(desk, at.as_deref(), &fields)?;
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
                    guide: parsed.guide,
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

/// Most ids listed when a prefix is the start of several.
const MAX_CANDIDATES: usize = 10;

/// The check-in `raw` names: a whole id, or the start of one that no other check-in id has.
fn resolve_checkin(desk: &mut Desk, raw: &str) -> Result<CheckInId> {
    if let Ok(id) = CheckInId::parse(raw) {
        return Ok(id);
    }
    let hint = "`mentordesk checkin list` shows the ids; the start of one is enough";
    if !CheckInId::looks_like_prefix(raw) {
        return Err(BadInput(format!(
            "{} is not a check-in id: a check-in id is hexadecimal digits and hyphens, \
             like 0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b ({hint})",
            quoted(raw)
        ))
        .into());
    }
    let found = desk.checkin_ids_starting(raw, MAX_CANDIDATES + 1)?;
    match found.as_slice() {
        [] => Err(BadInput(format!(
            "{} is not a check-in id, nor the start of one ({hint})",
            quoted(raw)
        ))
        .into()),
        [one] => Ok(*one),
        many => {
            let shown: Vec<String> = many
                .iter()
                .take(MAX_CANDIDATES)
                .map(|id| format!("\n  {id}"))
                .collect();
            let more = if many.len() > MAX_CANDIDATES {
                "\n  and more"
            } else {
                ""
            };
            Err(BadInput(format!(
                "{} is the start of more than one check-in id; type more of it:{}{more}",
                quoted(raw),
                shown.concat()
            ))
            .into())
        }
    }
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
        "guide": c.guide,
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
            local_minute(c.at, zone),
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
