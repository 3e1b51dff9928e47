//! Keeping people up to date: `person add|set|show`, `mentor pause|resume|retire`,
//! `learner withdraw|graduate|wait`.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::json;

use super::BadInput;
use crate::desk::{Desk, PersonKind, PersonPairing};
use crate::domain::text::clean_line;
use crate::domain::when::{local_day, parse_date};
use crate::domain::{LearnerField, LearnerId, LearnerStatus, MentorField, MentorId, MentorStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Learner,
    Mentor,
}

impl From<KindArg> for PersonKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Learner => PersonKind::Learner,
            KindArg::Mentor => PersonKind::Mentor,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum PersonAction {
    /// Add a learner or a mentor by hand (the same rules as a CSV row; audited).
    Add(Box<AddArgs>),
    /// Change one field (a column of learners.csv or mentors.csv; `status` too), audited
    /// with before and after. An empty VALUE makes an optional field unknown.
    Set {
        id: String,
        field: String,
        value: String,
        /// Say which when the id is both a learner and a mentor.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
    },
    /// A person's fields and pairings.
    Show {
        id: String,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        #[arg(long)]
        json: bool,
    },
}

/// The fields of a new person; each is a column of `learners.csv` or `mentors.csv`.
#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long, value_enum)]
    kind: KindArg,
    #[arg(long)]
    id: String,
    #[arg(long)]
    name: String,
    #[arg(long)]
    email: Option<String>,
    /// IANA name, e.g. Europe/Madrid (empty: the desk's default zone).
    #[arg(long)]
    timezone: Option<String>,
    /// `en;es`
    #[arg(long)]
    languages: Option<String>,
    /// `video;chat`
    #[arg(long)]
    modes: Option<String>,
    /// `Mon 18:00-20:00;Sat 09:00-12:00` in the person's own zone.
    #[arg(long)]
    availability: Option<String>,
    /// Learners: free text.
    #[arg(long)]
    goals: Option<String>,
    /// Learners: tags, `python;ux-design`.
    #[arg(long)]
    interests: Option<String>,
    /// Learners: beginner, intermediate or advanced.
    #[arg(long)]
    track: Option<String>,
    /// Learners: free text (e.g. captions).
    #[arg(long)]
    needs: Option<String>,
    /// Mentors: `python:5;sql`.
    #[arg(long)]
    expertise: Option<String>,
    /// Mentors: early, mid or senior.
    #[arg(long)]
    experience: Option<String>,
    /// Mentors (required): 0–50 learners at once.
    #[arg(long)]
    capacity: Option<String>,
    /// Mentors: free text.
    #[arg(long)]
    bio: Option<String>,
    /// Mentors: yes or no.
    #[arg(long)]
    verified: Option<String>,
    /// Mentors: agreed to be named in reports (yes or no).
    #[arg(long)]
    recognition: Option<String>,
}

impl AddArgs {
    /// The given fields by their column names, in the order of the command's flags.
    fn values(&self) -> Vec<(&'static str, String)> {
        let optional = [
            ("email", &self.email),
            ("timezone", &self.timezone),
            ("languages", &self.languages),
            ("modes", &self.modes),
            ("availability", &self.availability),
            ("goals", &self.goals),
            ("interests", &self.interests),
            ("track", &self.track),
            ("needs", &self.needs),
            ("expertise", &self.expertise),
            ("experience", &self.experience),
            ("capacity", &self.capacity),
            ("bio", &self.bio),
            ("verified", &self.verified),
            ("recognition", &self.recognition),
        ];
        let mut values = vec![("id", self.id.clone()), ("name", self.name.clone())];
        values.extend(
            optional
                .into_iter()
                .filter_map(|(name, value)| Some((name, value.clone()?))),
        );
        values
    }
}

#[derive(Debug, Subcommand)]
pub enum MentorAction {
    /// No new learners until DATE (active again that day by itself) or until resumed; their
    /// current pairings go on (audited).
    Pause {
        id: String,
        /// YYYY-MM-DD, after today.
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// Active again (audited).
    Resume { id: String },
    /// Takes no more learners; refused while learners hold their seats (audited).
    Retire { id: String },
}

#[derive(Debug, Subcommand)]
pub enum LearnerAction {
    /// Leaves the program: off the waiting list (audited).
    Withdraw { id: String },
    /// Finished the program (audited).
    Graduate { id: String },
    /// Back on the waiting list (audited).
    Wait { id: String },
}

fn learner_field(raw: &str) -> Result<LearnerField> {
    raw.parse::<LearnerField>()
        .map_err(|e| BadInput(format!("{e}")).into())
}

fn mentor_field(raw: &str) -> Result<MentorField> {
    raw.parse::<MentorField>().map_err(|e| {
        let hint = if raw.trim().eq_ignore_ascii_case("status") {
            " (a mentor's status: mentordesk mentor pause|resume|retire ID)".to_string()
        } else {
            String::new()
        };
        BadInput(format!("{e}{hint}")).into()
    })
}

pub fn run(desk: &mut Desk, action: PersonAction) -> Result<ExitCode> {
    match action {
        PersonAction::Add(args) => add(desk, &args),
        PersonAction::Set {
            id,
            field,
            value,
            kind,
        } => set(desk, &id, &field, &value, kind.map(Into::into)),
        PersonAction::Show { id, kind, json } => show(desk, &id, kind.map(Into::into), json),
    }
}

fn add(desk: &mut Desk, args: &AddArgs) -> Result<ExitCode> {
    match args.kind {
        KindArg::Learner => {
            let values = args
                .values()
                .into_iter()
                .map(|(name, value)| Ok((learner_field(name)?, value)))
                .collect::<Result<Vec<_>>>()?;
            let learner = desk.add_learner(&values)?;
            say!("added learner {} ({}), waiting", learner.id, learner.name);
        }
        KindArg::Mentor => {
            let values = args
                .values()
                .into_iter()
                .map(|(name, value)| Ok((mentor_field(name)?, value)))
                .collect::<Result<Vec<_>>>()?;
            let mentor = desk.add_mentor(&values)?;
            say!(
                "added mentor {} ({}), active, capacity {}",
                mentor.id,
                mentor.name,
                mentor.capacity
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn set(
    desk: &mut Desk,
    id: &str,
    field: &str,
    value: &str,
    kind: Option<PersonKind>,
) -> Result<ExitCode> {
    match desk.person_kind(id, kind)? {
        PersonKind::Learner => {
            let id = LearnerId::parse(id)?;
            let field = learner_field(field)?;
            let before = desk
                .learners()?
                .into_iter()
                .find(|l| l.id == id)
                .map(|l| field.text_of(&l))
                .unwrap_or_default();
            let after = desk.edit_learner(&id, &[(field, value.to_string())])?;
            changed(
                &format!("learner {}", after.id),
                field.as_str(),
                &before,
                &field.text_of(&after),
            )?;
            for (_, wish) in desk.unrecognised_wishes(std::slice::from_ref(&after))? {
                if wish.field == field {
                    super::people::warn_wish(&format!("learner {}", after.id), &wish);
                }
            }
        }
        PersonKind::Mentor => {
            let mentor_id = MentorId::parse(id)?;
            if field.trim().eq_ignore_ascii_case("status") {
                return set_mentor_status(desk, &mentor_id, value);
            }
            let field = mentor_field(field)?;
            let before = desk
                .mentors()?
                .into_iter()
                .find(|row| row.mentor.id == mentor_id)
                .map(|row| field.text_of(&row.mentor))
                .unwrap_or_default();
            let after = desk.edit_mentor(&mentor_id, &[(field, value.to_string())])?;
            changed(
                &format!("mentor {}", after.id),
                field.as_str(),
                &before,
                &field.text_of(&after),
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn changed(who: &str, field: &str, before: &str, after: &str) -> Result<()> {
    let shown = |text: &str| {
        let line = clean_line(text);
        if line.is_empty() {
            "unknown".to_string()
        } else {
            format!("{line:?}")
        }
    };
    if before == after {
        say!("{who}: {field} unchanged ({})", shown(after));
    } else {
        say!("{who}: {field} {} → {}", shown(before), shown(after));
    }
    Ok(())
}

fn set_mentor_status(desk: &mut Desk, id: &MentorId, value: &str) -> Result<ExitCode> {
    let status: MentorStatus = value.parse()?;
    let action = match status {
        MentorStatus::Active => MentorAction::Resume { id: id.to_string() },
        MentorStatus::Retired => MentorAction::Retire { id: id.to_string() },
        MentorStatus::Paused => MentorAction::Pause {
            id: id.to_string(),
            until: None,
        },
    };
    mentor(desk, action)
}

pub fn mentor(desk: &mut Desk, action: MentorAction) -> Result<ExitCode> {
    let mentor = match action {
        MentorAction::Pause { id, until } => {
            let until = until
                .map(|raw| parse_date("pause date", &raw))
                .transpose()?;
            desk.pause_mentor(&MentorId::parse(&id)?, until)?
        }
        MentorAction::Resume { id } => desk.resume_mentor(&MentorId::parse(&id)?)?,
        MentorAction::Retire { id } => desk.retire_mentor(&MentorId::parse(&id)?)?,
    };
    let until = mentor
        .paused_until
        .map(|day| format!(" until {day} (active again that day)"))
        .unwrap_or_default();
    say!(
        "mentor {} ({}) is {}{until}",
        mentor.id,
        mentor.name,
        mentor.status
    );
    Ok(ExitCode::SUCCESS)
}

pub fn learner(desk: &mut Desk, action: LearnerAction) -> Result<ExitCode> {
    let (id, status) = match action {
        LearnerAction::Withdraw { id } => (id, LearnerStatus::Withdrawn),
        LearnerAction::Graduate { id } => (id, LearnerStatus::Graduated),
        LearnerAction::Wait { id } => (id, LearnerStatus::Waiting),
    };
    let learner = desk.set_learner_status(&LearnerId::parse(&id)?, status)?;
    say!(
        "learner {} ({}) is {}",
        learner.id,
        learner.name,
        learner.status
    );
    Ok(ExitCode::SUCCESS)
}

fn show(desk: &mut Desk, id: &str, kind: Option<PersonKind>, as_json: bool) -> Result<ExitCode> {
    let kind = desk.person_kind(id, kind)?;
    let fields: Vec<(&'static str, String)> = match kind {
        PersonKind::Learner => {
            let id = LearnerId::parse(id)?;
            let learner = desk
                .learners()?
                .into_iter()
                .find(|l| l.id == id)
                .ok_or_else(|| BadInput(format!("no learner with id {id:?}")))?;
            LearnerField::ALL
                .iter()
                .map(|f| (f.as_str(), f.text_of(&learner)))
                .collect()
        }
        PersonKind::Mentor => {
            let id = MentorId::parse(id)?;
            let row = desk
                .mentors()?
                .into_iter()
                .find(|row| row.mentor.id == id)
                .ok_or_else(|| BadInput(format!("no mentor with id {id:?}")))?;
            let mut fields: Vec<_> = MentorField::ALL
                .iter()
                .map(|f| (f.as_str(), f.text_of(&row.mentor)))
                .collect();
            fields.push(("status", row.mentor.status.to_string()));
            if let Some(day) = row.mentor.paused_until {
                fields.push(("paused_until", day.to_string()));
            }
            fields.push((
                "load",
                format!("{}/{}", row.load.seats_in_use, row.load.capacity),
            ));
            fields
        }
    };
    let pairings = desk.person_pairings(kind, id)?;
    let zone = desk.default_zone()?;
    if as_json {
        let map: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .map(|(k, v)| ((*k).to_string(), json!(v)))
            .collect();
        say!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"kind": kind, "fields": map, "pairings": pairings})
            )?
        );
        return Ok(ExitCode::SUCCESS);
    }
    for (name, value) in &fields {
        let value = clean_line(value);
        say!(
            "{name:>13}  {}",
            if value.is_empty() { "unknown" } else { &value }
        );
    }
    say!("{}", pairings_heading(kind, &pairings));
    for p in &pairings {
        let since = p
            .started_at
            .map(|at| format!(" since {}", local_day(at, zone)))
            .unwrap_or_default();
        let ended = p
            .ended_at
            .map(|at| format!(" ended {}", local_day(at, zone)))
            .unwrap_or_default();
        say!(
            "  pairing {:>4}  {:<9}  {} {}{since}{ended}",
            p.pairing.to_string(),
            p.status.to_string(),
            p.with_id,
            clean_line(&p.with_name)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn pairings_heading(kind: PersonKind, pairings: &[PersonPairing]) -> String {
    let whom = match kind {
        PersonKind::Learner => "mentors",
        PersonKind::Mentor => "mentees",
    };
    if pairings.is_empty() {
        format!("no {whom} yet")
    } else {
        format!("{whom} (newest first):")
    }
}
