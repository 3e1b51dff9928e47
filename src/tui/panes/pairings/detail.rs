//! A pairing under way on one screen: who, health, agreement, check-ins (newest first) and
//! milestones. The desk reads the data ([`PairingDetail`]); [`pairing_lines`] formats it.

use chrono::NaiveDate;
use chrono_tz::Tz;
use ratatui::text::{Line, Span};

use super::UnderWayRow;
use super::view::health_words;
use crate::domain::text::counted;
use crate::domain::when::local_minute;
use crate::domain::{CheckIn, Milestone, MilestoneStatus, PairingStatus};
use crate::matching::score_text;
use crate::tui::theme::Theme;
use crate::tui::widgets::safe;

/// What the pairing's screen shows, as read.
#[derive(Debug, Clone)]
pub struct PairingDetail {
    pub row: UnderWayRow,
    /// Its check-ins, oldest first, or why they could not be read.
    pub(crate) checkins: Result<Vec<CheckIn>, String>,
    /// The learner's milestones, or why they could not be read.
    pub(crate) milestones: Result<Vec<Milestone>, String>,
    /// The coordinator's notes on the pairing, oldest first, or why they could not be read.
    pub(crate) notes: Result<Vec<crate::domain::PairingNote>, String>,
    /// The desk's zone and day when it was read.
    pub(crate) zone: Tz,
    pub(crate) today: NaiveDate,
    /// The first-session agenda suggested to a pairing with no session yet.
    pub(crate) first_session: Option<crate::domain::guide::Guide>,
}

impl PairingDetail {
    /// Reads what the pairing's screen shows: its check-ins, the learner's milestones and
    /// the coordinator's notes (each part says why when it cannot be read). Runs on the
    /// desk's thread.
    pub(crate) fn read(desk: &mut crate::desk::Desk, row: UnderWayRow) -> PairingDetail {
        let learner = row.row.pairing.learner.clone();
        let id = row.row.pairing.id;
        let checkins = desk.checkin_rows(Some(&learner), false).map(|rows| {
            rows.into_iter()
                .filter(|r| r.checkin.pairing == id)
                .map(|r| r.checkin)
                .collect()
        });
        let milestones = desk.milestones(Some(&learner)).map_err(|e| e.to_string());
        let notes = desk.notes(id).map_err(|e| e.to_string());
        let checkins = checkins.map_err(|e| e.to_string());
        let zone = desk.default_zone().unwrap_or(chrono_tz::UTC);
        PairingDetail {
            row,
            checkins,
            milestones,
            notes,
            zone,
            today: crate::domain::when::local_day(desk.now(), zone),
            first_session: None,
        }
    }

    pub(crate) fn title(&self) -> String {
        format!("Pairing {}", self.row.row.pairing.id)
    }
}

/// The screen's lines: headings in the title style, the rest plain (database text made safe).
pub(crate) fn pairing_lines(d: &PairingDetail, t: &Theme) -> Vec<Line<'static>> {
    let heading = |text: String| Line::from(Span::styled(safe(&text).into_owned(), t.title));
    let plain = |text: String| Line::from(safe(&text).into_owned());
    let row = &d.row;
    let p = &row.row.pairing;
    let when = |at: chrono::DateTime<chrono::Utc>| local_minute(at, d.zone);
    // A pairing no longer under way (opened from a person's brief) has no health: it says
    // how it ended instead.
    let (health, reason) = if p.status.holds_seat() {
        health_words(row)
    } else if p.status == PairingStatus::Proposed {
        (
            "— proposed".to_string(),
            Some("waiting for review".to_string()),
        )
    } else {
        (
            format!("— {}", p.status),
            p.ended_at
                .map(|at| format!("ended {}", at.with_timezone(&d.zone).format("%Y-%m-%d"))),
        )
    };
    let mut lines = vec![
        heading(format!(
            "{} → {}",
            row.row.learner_name, row.row.mentor_name
        )),
        plain(format!(
            "pairing {} · {} · learner {} · mentor {}",
            p.id, p.status, p.learner, p.mentor
        )),
        plain(format!(
            "health: {health}{}",
            reason.map(|r| format!(" ({r})")).unwrap_or_default()
        )),
        Line::default(),
        heading("Agreement".into()),
        plain(format!(
            "check-in every {} · sessions of {} min · {} planned",
            counted(p.agreement.cadence_days as usize, "day", "days"),
            p.agreement.session_minutes,
            counted(p.agreement.planned_weeks as usize, "week", "weeks")
        )),
        plain(format!(
            "goals: {}",
            p.agreement.goals.as_deref().unwrap_or("unknown")
        )),
        plain(format!(
            "started {} · approved by {} · score {}",
            p.started_at.map_or("-".into(), when),
            p.approved_by.as_deref().unwrap_or("unknown"),
            p.score.map_or("-".into(), score_text)
        )),
        Line::default(),
    ];
    match &d.notes {
        Ok(notes) if notes.is_empty() => {}
        Ok(notes) => {
            lines.push(heading(format!("Coordinator notes ({})", notes.len())));
            for n in notes.iter().rev() {
                lines.push(plain(format!("{} · {}", when(n.at), n.actor)));
                for line in n.text.lines() {
                    lines.push(plain(format!("  {line}")));
                }
            }
            lines.push(Line::default());
        }
        Err(e) => lines.push(plain(format!("notes could not be read: {e}"))),
    }
    match &d.checkins {
        Ok(checkins) => {
            lines.push(heading(format!("Check-ins ({})", checkins.len())));
            if checkins.is_empty() {
                lines.push(plain("none yet".into()));
            }
            for c in checkins.iter().rev() {
                lines.push(plain(format!(
                    "{} · {} min · confidence {}{} · {}",
                    when(c.at),
                    c.minutes,
                    c.confidence.map_or("-".into(), |v| v.get().to_string()),
                    c.guide
                        .as_ref()
                        .map(|g| format!(" · guide {g}"))
                        .unwrap_or_default(),
                    c.notes.lines().next().unwrap_or("(no notes)")
                )));
            }
            if let (true, Some(guide)) = (checkins.is_empty(), &d.first_session) {
                lines.push(Line::default());
                lines.push(heading(format!(
                    "Suggested first session: {} (guide {}; Ctrl-g in the check-in form)",
                    guide.title, guide.name
                )));
                lines.extend(guide.body.lines().map(|l| plain(l.to_string())));
            }
        }
        Err(e) => lines.push(plain(format!("check-ins could not be read: {e}"))),
    }
    lines.push(Line::default());
    match &d.milestones {
        Ok(goals) => {
            lines.push(heading(format!("Milestones ({})", goals.len())));
            if goals.is_empty() {
                lines.push(plain("none yet".into()));
            }
            for m in goals {
                let state = match (m.status, m.days_overdue(d.today)) {
                    (MilestoneStatus::Planned, Some(days)) => format!(
                        "⚠ overdue {}",
                        counted(usize::try_from(days).unwrap_or(0), "day", "days")
                    ),
                    (MilestoneStatus::Planned, None) => "◇ planned".into(),
                    (MilestoneStatus::Achieved, _) => "★ achieved".into(),
                    (MilestoneStatus::Dropped, _) => "✗ dropped".into(),
                };
                lines.push(plain(format!(
                    "{} {} · {} · {}{}",
                    m.id,
                    m.title,
                    m.kind,
                    state,
                    m.due.map(|d| format!(" · due {d}")).unwrap_or_default()
                )));
            }
        }
        Err(e) => lines.push(plain(format!("milestones could not be read: {e}"))),
    }
    lines
}
