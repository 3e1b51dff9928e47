//! Pairings under way: open one (agreement, check-ins, milestones), pause or resume it, end it
//! with a reason, or rematch (end, exclude the mentor, and go to the learner's candidates).
//! Every move goes through `desk`; refusals land on the status line.

use crate::desk::score_text;
use crate::domain::{MilestoneStatus, PairingId, PairingStatus};
use crate::tui::app::{App, Overlay, Pane, Prompt, PromptPurpose};

/// The reasons a person can pick by number in the end prompt, in the order shown.
const NAMED_REASONS: [&str; 5] = [
    "goals met",
    "no-show",
    "mismatch",
    "learner left",
    "mentor left",
];

/// The selected pairing under way and a label for messages, or a message on the status line.
fn selected(app: &mut App) -> Option<(PairingId, PairingStatus, String)> {
    match app.pairings.selected_active() {
        Some(r) => Some((
            r.row.pairing.id,
            r.row.pairing.status,
            format!("{} → {}", r.row.learner_name, r.row.mentor_name),
        )),
        None => {
            app.fail("Pick a pairing under way first (the lower list; l or ↓ moves there)");
            None
        }
    }
}

/// `P`: pauses an active pairing, resumes a paused one.
pub fn pause_or_resume(app: &mut App) {
    let Some((id, status, label)) = selected(app) else {
        return;
    };
    let result = if status == PairingStatus::Paused {
        app.desk.resume(id).map(|_| format!("Resumed {label}"))
    } else {
        app.desk
            .pause(id, None)
            .map(|_| format!("Paused {label}; P resumes"))
    };
    match result {
        Ok(message) => {
            app.reload_after_decision();
            app.info(message);
        }
        Err(e) => app.fail(format!("Could not change {label}: {e}")),
    }
}

/// `E` and `R`: asks why the pairing ends.
pub fn ask_end_reason(app: &mut App, rematch: bool) {
    let Some((pairing, _, label)) = selected(app) else {
        return;
    };
    let verb = if rematch { "Rematch" } else { "End" };
    let choices: Vec<String> = NAMED_REASONS
        .iter()
        .enumerate()
        .filter(|(_, r)| !rematch || !matches!(**r, "goals met" | "learner left"))
        .map(|(i, r)| format!("{} {r}", i + 1))
        .collect();
    let title = format!("{verb} {label}: why? {} · or type", choices.join(" · "));
    app.overlay = Some(Overlay::Prompt(Prompt::new(
        PromptPurpose::EndReason {
            pairing,
            label,
            rematch,
        },
        &title,
        "a number or your own words · Enter confirms · Esc cancels",
        "",
    )));
}

/// A reason as typed: a number picks a named reason.
fn reason_from(text: &str) -> String {
    let text = text.trim();
    text.parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| NAMED_REASONS.get(i))
        .map_or_else(|| text.to_string(), |r| (*r).to_string())
}

/// Ends (or rematches) the pairing the prompt names. An empty reason keeps the prompt open
/// with an error; a refusal from the desk goes to the status line.
pub fn submit_end(app: &mut App, mut prompt: Prompt) {
    let PromptPurpose::EndReason {
        pairing,
        label,
        rematch,
    } = prompt.purpose.clone()
    else {
        return;
    };
    let reason = reason_from(prompt.input.value());
    if reason.is_empty() {
        prompt.error = Some("type a number or a reason".into());
        app.overlay = Some(Overlay::Prompt(prompt));
        return;
    }
    if !rematch {
        match app.desk.end(pairing, &reason) {
            Ok(ended) => {
                app.reload_after_decision();
                app.info(format!("{label}: {} ({reason})", ended.status));
            }
            Err(e) => app.fail(format!("Could not end {label}: {e}")),
        }
        return;
    }
    match app.desk.rematch(pairing, &reason) {
        Ok((_, learner)) => {
            app.reload_after_decision();
            app.show(Pane::Match);
            if app.matching.select_learner(&learner) {
                app.info(format!(
                    "Ended {label} ({reason}); the mentor is excluded. Pick a new mentor: a approves"
                ));
            } else {
                app.fail(format!(
                    "Ended {label} ({reason}), but the learner is not in the waiting list"
                ));
            }
        }
        Err(e) => app.fail(format!("Could not rematch {label}: {e}")),
    }
}

/// `Enter`: the selected pairing on one screen: agreement, check-ins and milestones.
pub fn open_pairing(app: &mut App) {
    let Some(row) = app.pairings.selected_active().cloned() else {
        app.fail("Pick a pairing under way first (the lower list)");
        return;
    };
    let p = &row.row.pairing;
    let zone = app.desk.default_zone().unwrap_or(chrono_tz::UTC);
    let when = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
    };
    let (health, reason) = crate::tui::panes::pairings::view::health_words(&row);
    let mut lines = vec![
        format!("# {} → {}", row.row.learner_name, row.row.mentor_name),
        format!(
            "pairing {} · {} · learner {} · mentor {}",
            p.id, p.status, p.learner, p.mentor
        ),
        format!(
            "health: {health}{}",
            reason.map(|r| format!(" ({r})")).unwrap_or_default()
        ),
        String::new(),
        "# Agreement".into(),
        format!(
            "check-in every {} days · sessions of {} min · {} weeks planned",
            p.agreement.cadence_days, p.agreement.session_minutes, p.agreement.planned_weeks
        ),
        format!(
            "goals: {}",
            p.agreement.goals.as_deref().unwrap_or("unknown")
        ),
        format!(
            "started {} · approved by {} · score {}",
            p.started_at.map_or("-".into(), when),
            p.approved_by.as_deref().unwrap_or("unknown"),
            p.score.map_or("-".into(), score_text)
        ),
        String::new(),
    ];
    match app.desk.checkin_rows(Some(&p.learner), false) {
        Ok(rows) => {
            let mine: Vec<_> = rows
                .into_iter()
                .filter(|r| r.checkin.pairing == p.id)
                .collect();
            lines.push(format!("# Check-ins ({})", mine.len()));
            if mine.is_empty() {
                lines.push("none yet".into());
            }
            for r in mine.iter().rev() {
                let c = &r.checkin;
                lines.push(format!(
                    "{} · {} min · confidence {} · {}",
                    when(c.at),
                    c.minutes,
                    c.confidence.map_or("-".into(), |v| v.get().to_string()),
                    c.notes.lines().next().unwrap_or("(no notes)")
                ));
            }
        }
        Err(e) => lines.push(format!("check-ins could not be read: {e}")),
    }
    lines.push(String::new());
    let today = crate::domain::when::local_day(app.desk.now(), zone);
    match app.desk.milestones(Some(&p.learner)) {
        Ok(goals) => {
            lines.push(format!("# Milestones ({})", goals.len()));
            if goals.is_empty() {
                lines.push("none yet".into());
            }
            for m in goals {
                let state = match (m.status, m.days_overdue(today)) {
                    (MilestoneStatus::Planned, Some(days)) => format!("⚠ overdue {days} days"),
                    (MilestoneStatus::Planned, None) => "◇ planned".into(),
                    (MilestoneStatus::Achieved, _) => "★ achieved".into(),
                    (MilestoneStatus::Dropped, _) => "✗ dropped".into(),
                };
                lines.push(format!(
                    "{} {} · {} · {}{}",
                    m.id,
                    m.title,
                    m.kind,
                    state,
                    m.due.map(|d| format!(" · due {d}")).unwrap_or_default()
                ));
            }
        }
        Err(e) => lines.push(format!("milestones could not be read: {e}")),
    }
    app.overlay = Some(Overlay::Detail {
        title: format!("Pairing {}", p.id),
        lines,
        scroll: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_pick_named_reasons() {
        assert_eq!(reason_from(" 2 "), "no-show");
        assert_eq!(reason_from("5"), "mentor left");
        assert_eq!(reason_from("9"), "9");
        assert_eq!(reason_from("moved abroad"), "moved abroad");
    }
}
