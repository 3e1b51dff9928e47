//! Milestones: `milestone add`, `achieve`, `drop` and `list`.
//!
//! Owns: those commands' options and output. May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use serde_json::{Value, json};

use super::pairing::instant;
use super::table::{Table, or_unknown};
use crate::desk::Desk;
use crate::domain::when::{local_day, parse_date};
use crate::domain::{LearnerId, MentorId, Milestone, MilestoneId, MilestoneKind};

#[derive(Debug, Subcommand)]
pub enum MilestoneAction {
    /// Plan a milestone for a learner.
    Add {
        #[arg(long, value_name = "ID")]
        learner: String,
        #[arg(long)]
        title: String,
        /// project, skill, badge, endorsement or custom.
        #[arg(long, default_value = "custom")]
        kind: String,
        /// Due date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// Mark a planned milestone achieved.
    Achieve {
        id: i64,
        /// What shows it (text or a URL).
        #[arg(long)]
        evidence: Option<String>,
        /// The mentor who endorses it.
        #[arg(long, value_name = "MENTOR_ID")]
        endorsed_by: Option<String>,
    },
    /// Drop a planned milestone (the reason is kept).
    Drop {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// List milestones, by id.
    List {
        #[arg(long, value_name = "ID")]
        learner: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn milestone_json(m: &Milestone, today: chrono::NaiveDate) -> Value {
    json!({
        "id": m.id,
        "uid": m.uid,
        "learner": m.learner,
        "title": m.title,
        "kind": m.kind,
        "due": m.due.map(|d| d.to_string()),
        "status": m.status,
        "days_overdue": m.days_overdue(today),
        "created_at": instant(m.created_at),
        "achieved_at": m.achieved_at.map(instant),
        "evidence": m.evidence,
        "endorsed_by": m.endorsed_by,
        "drop_reason": m.drop_reason,
        "from_checkin": m.from_checkin,
        "author": m.author,
    })
}

pub fn run(desk: &mut Desk, action: MilestoneAction) -> Result<ExitCode> {
    match action {
        MilestoneAction::Add {
            learner,
            title,
            kind,
            due,
        } => {
            let learner = LearnerId::parse(&learner)?;
            let kind: MilestoneKind = kind.parse()?;
            let due = due.as_deref().map(|d| parse_date("--due", d)).transpose()?;
            let m = desk.add_milestone(&learner, &title, kind, due)?;
            say!(
                "planned milestone {} for {}: {} ({}{})",
                m.id,
                m.learner,
                m.title,
                m.kind,
                m.due.map(|d| format!(", due {d}")).unwrap_or_default()
            );
        }
        MilestoneAction::Achieve {
            id,
            evidence,
            endorsed_by,
        } => {
            let endorsed_by = endorsed_by.as_deref().map(MentorId::parse).transpose()?;
            let m =
                desk.achieve_milestone(MilestoneId(id), evidence.as_deref(), endorsed_by.as_ref())?;
            say!(
                "milestone {} achieved by {}: {}{}",
                m.id,
                m.learner,
                m.title,
                m.endorsed_by
                    .as_ref()
                    .map(|e| format!(" (endorsed by {e})"))
                    .unwrap_or_default()
            );
        }
        MilestoneAction::Drop { id, reason } => {
            let m = desk.drop_milestone(MilestoneId(id), &reason)?;
            say!(
                "dropped milestone {} of {}: {} ({})",
                m.id,
                m.learner,
                m.title,
                m.drop_reason.as_deref().unwrap_or_default()
            );
        }
        MilestoneAction::List { learner, json } => {
            let learner = learner.as_deref().map(LearnerId::parse).transpose()?;
            let milestones = desk.milestones(learner.as_ref())?;
            let today = local_day(desk.now(), desk.default_zone()?);
            if json {
                let values: Vec<Value> = milestones
                    .iter()
                    .map(|m| milestone_json(m, today))
                    .collect();
                say!("{}", serde_json::to_string_pretty(&values)?);
                return Ok(ExitCode::SUCCESS);
            }
            let mut table = Table::new(&["ID", "LEARNER", "KIND", "STATUS", "DUE", "TITLE"]);
            for m in &milestones {
                let status = match m.days_overdue(today) {
                    Some(days) => format!("{} (overdue {days} days)", m.status),
                    None => m.status.to_string(),
                };
                table.row(vec![
                    m.id.to_string(),
                    m.learner.to_string(),
                    m.kind.to_string(),
                    status,
                    or_unknown(m.due),
                    m.title.clone(),
                ]);
            }
            say_raw!("{}", table.render());
            say!("{} milestones", milestones.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
