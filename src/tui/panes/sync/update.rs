//! Sync keys and flows: moving through imports, conflicts, gaps and refused records,
//! scrolling the detail, resolving a conflict (asked first, naming what will happen, then
//! done and audited by the desk), and taking each new read of the sync state.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::view::SyncView;
use super::{Focus, SyncSnapshot, SyncState};
use crate::desk::{DeskError, Keep, SyncConflict};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Prompt, PromptPurpose};
use crate::tui::effect::Effect;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};
use crate::tui::role::Role;
use crate::tui::widgets::safe;

impl PaneView for SyncState {
    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        self.take_names(roster);
        Vec::new()
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        match action {
            Action::KeepTheirs => self.ask_resolve(Keep::Theirs, ui),
            Action::KeepOurs => self.ask_resolve(Keep::Ours, ui),
            Action::KeepBoth => self.ask_resolve(Keep::Both, ui),
            other => self.navigate(other),
        }
        Vec::new()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        SyncView {
            state: self,
            theme: look.theme,
            zone: look.zone,
        }
        .render(area, buf);
    }

    fn enabled(&self, action: Action) -> bool {
        match action {
            Action::KeepTheirs | Action::KeepOurs => self.selected_conflict().is_some(),
            Action::KeepBoth => self
                .selected_conflict()
                .is_some_and(|c| c.kind == "checkin"),
            _ => true,
        }
    }

    fn takes_back(&self) -> bool {
        self.focus == Focus::Detail
    }
}

/// What a conflict is about, for a question and a message: "check-in of Ana on 2026-11-02".
pub fn conflict_label(state: &SyncState, c: &SyncConflict) -> String {
    let side = if c.theirs.is_object() {
        &c.theirs
    } else {
        &c.ours
    };
    let text = |key: &str| side.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let learner = text("learner").map(|id| state.learners.get(&id).cloned().unwrap_or(id));
    let day = text("at").map(|at| at.chars().take(10).collect::<String>());
    let what = if c.kind == "checkin" {
        "check-in"
    } else {
        "milestone"
    };
    let mut label = format!("{what} {}", c.id);
    if let Some(learner) = learner {
        label = format!("{what} of {}", safe(&learner));
    }
    if let Some(day) = day {
        label.push_str(&format!(" on {day}"));
    }
    label
}

impl SyncState {
    /// `t`, `o`, `b`: asks before resolving the selected conflict, naming what will happen.
    fn ask_resolve(&mut self, keep: Keep, ui: &mut Ui<'_>) {
        let Some(c) = self.selected_conflict() else {
            ui.fail("Pick an open conflict first (↑/↓ in the list)");
            return;
        };
        if keep == Keep::Both && c.kind != "checkin" {
            ui.fail("A milestone change cannot stand twice: keep theirs (t) or ours (o)");
            return;
        }
        let sender = safe(&self.sender(c)).into_owned();
        let what = conflict_label(self, c);
        let (title, hint) = match keep {
            Keep::Theirs if c.kind == "checkin" => (
                format!("Keep {sender}'s version? (y / Esc)"),
                "theirs becomes the current version; this desk's stays in the history",
            ),
            Keep::Theirs => (
                format!("Apply {sender}'s change? (y / Esc)"),
                "their change is applied; this desk's state is replaced",
            ),
            Keep::Ours => (
                "Keep this desk's version? (y / Esc)".to_string(),
                "theirs stays only in the conflict's record (sync conflicts --all)",
            ),
            Keep::Both => (
                "Keep both versions? (y / Esc)".to_string(),
                "both stand as separate check-ins",
            ),
        };
        let label = match keep {
            Keep::Theirs => format!("kept {sender}'s version of the {what}"),
            Keep::Ours => format!("kept this desk's version of the {what}"),
            Keep::Both => format!("kept both versions of the {what}"),
        };
        ui.open(Overlay::Prompt(Prompt::new(
            PromptPurpose::ConfirmResolve {
                conflict: c.id,
                keep,
                label,
            },
            &title,
            &format!("{what}: {hint} · y resolves (audited) · Esc goes back"),
            "",
        )));
    }
}

/// Hands a confirmed resolution to the desk.
pub fn submit_resolve(app: &mut App, conflict: i64, keep: Keep, label: String) {
    app.submit(Effect::Resolve {
        conflict,
        keep,
        label,
    });
}

/// The desk resolved the conflict (or refused: resolved meanwhile, say).
pub fn on_resolved(
    app: &mut App,
    keep: Keep,
    label: &str,
    result: Result<SyncConflict, DeskError>,
) {
    app.refresh_all();
    match result {
        Ok(c) => app.info(format!(
            "Conflict {} resolved: {label} (keep {})",
            c.id,
            keep.as_str()
        )),
        Err(e) => app.fail(format!("Could not resolve the conflict: {e}")),
    }
}

/// A new read of the sync state: the banner, the Sync pane and a mentor desk's briefs take
/// it; a pane this desk does not show gives way to Check-ins.
pub fn on_sync_read(app: &mut App, result: Result<Arc<SyncSnapshot>, DeskError>) {
    match result {
        Ok(snapshot) => {
            app.sync = Some(Arc::clone(&snapshot));
            if snapshot.is_mentor_desk() {
                app.panes.checkins.pack = Some(Arc::clone(&snapshot));
                app.panes.people.pack = Some(Arc::clone(&snapshot));
            }
            app.panes.sync.take(snapshot);
            let role = Role::of(app);
            if !role.shows(app.pane)
                && let Some(first) = role.tabs().first().copied()
            {
                app.switch(first);
            }
        }
        Err(e) => app.fail(format!("Could not read what mentors handed over: {e}")),
    }
}
