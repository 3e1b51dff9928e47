//! Health thresholds flows: `H` on the Pairings pane opens the editor; each change judges
//! the pairings under way again (a dry run, nothing stored); Enter keeps the set through
//! `desk` (audited), Esc discards it and the stored thresholds apply again.

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::panes::pairings::thresholds::ThresholdsDraft;

/// `H`: opens the editor on the thresholds in force.
pub fn open_thresholds(app: &mut App) {
    match app.desk.health_thresholds() {
        Ok(stored) => {
            app.overlay = Some(Overlay::Thresholds(ThresholdsDraft::new(stored)));
            app.info("Trying health thresholds: the pairings under way follow each change");
        }
        Err(e) => app.fail(format!("Could not read the health thresholds: {e}")),
    }
}

/// Handles a key while the editor is open (it has been taken out of `app.overlay`).
pub fn update_thresholds(app: &mut App, mut draft: ThresholdsDraft, action: Action) {
    match action {
        Action::Submit => keep(app, draft),
        Action::Back => {
            if draft.is_dirty() {
                judge(app, &draft.stored);
            }
            app.info("Health thresholds unchanged");
        }
        Action::Quit => app.quit = true,
        other => {
            if draft.apply(other) {
                judge(app, &draft.thresholds);
            }
            app.overlay = Some(Overlay::Thresholds(draft));
        }
    }
}

/// Stores the draft (each change audited) and reads the panes again.
fn keep(app: &mut App, draft: ThresholdsDraft) {
    if !draft.is_dirty() {
        app.info("Health thresholds unchanged");
        return;
    }
    match app.desk.set_health_thresholds(&draft.thresholds) {
        Ok(_) => {
            app.reload_after_decision();
            app.info("Health thresholds kept (audited); every health judgement uses them now");
        }
        Err(e) => {
            app.fail(format!("Could not keep the thresholds: {e}"));
            app.overlay = Some(Overlay::Thresholds(draft));
        }
    }
}

/// Judges the pairings under way by `thresholds` without storing anything, and shows the
/// top of the list (the worst pairings), which the editor's box leaves in sight.
fn judge(app: &mut App, thresholds: &crate::domain::HealthThresholds) {
    if let Err(e) = app.pairings.rejudge(&mut app.desk, thresholds) {
        app.fail(format!("Could not judge the pairings: {e}"));
    }
    app.pairings.active_sel.selected = 0;
    app.pairings.active_sel.offset = 0;
}
