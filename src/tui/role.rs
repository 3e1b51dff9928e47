//! The desk in both roles: which tabs, keys and actions a mentor desk and a coordinator's
//! desk offer, the word said when one is reached anyway, and the mentor desk's banner.
//!
//! A mentor desk is the same desk limited to the mentor's learners: Check-ins, Timeline and
//! People. Matching, plan review, settings and the Dashboard are the coordinator's, and so is
//! the Sync pane (`7`; a tab once a bundle has been imported, so a program without offline
//! mentors never sees it); writing a bundle is the mentor's. Until the desk has said which it
//! is, it is taken for a coordinator's without Sync.
//!
//! May use: the rest of `tui`.

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::panes::Pane;

/// Which kind of desk is open, as far as the app knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Not read yet.
    Unknown,
    /// `syncing`: a bundle has been imported here (Sync has a tab).
    Coordinator {
        syncing: bool,
    },
    Mentor,
}

impl Role {
    pub fn of(app: &App) -> Role {
        match &app.sync {
            None => Role::Unknown,
            Some(s) if s.is_mentor_desk() => Role::Mentor,
            Some(s) => Role::Coordinator {
                syncing: !s.status.imports.is_empty() || !s.conflicts.is_empty(),
            },
        }
    }

    /// Whether `pane` can be shown on this desk.
    pub fn shows(self, pane: Pane) -> bool {
        match self {
            Role::Mentor => matches!(
                pane,
                Pane::CheckIns | Pane::Timeline | Pane::People | Pane::Audit
            ),
            Role::Coordinator { .. } => true,
            Role::Unknown => pane != Pane::Sync,
        }
    }

    /// Whether `pane` has a tab on this desk (Sync only once bundles come in; `7` opens it
    /// before that).
    pub fn has_tab(self, pane: Pane) -> bool {
        match self {
            Role::Coordinator { syncing } if pane == Pane::Sync => syncing,
            // The audit trail is reached with Ctrl-a from anywhere; it takes no tab.
            _ if pane == Pane::Audit => false,
            _ => self.shows(pane),
        }
    }

    /// The tabs of this desk, in order.
    pub fn tabs(self) -> Vec<Pane> {
        Pane::ALL
            .iter()
            .copied()
            .filter(|p| self.has_tab(*p))
            .collect()
    }

    /// The pane after (or before, `step` < 0) `from` among this desk's tabs.
    pub fn cycle(self, from: Pane, step: isize) -> Pane {
        let tabs = self.tabs();
        let Some(at) = tabs.iter().position(|p| *p == from) else {
            // Sync without a tab: Tab goes on from where Sync sits.
            return Pane::ALL
                .iter()
                .copied()
                .cycle()
                .skip_while(|p| *p != from)
                .skip(1)
                .find(|p| tabs.contains(p))
                .unwrap_or(from);
        };
        let len = tabs.len() as isize;
        tabs[(at as isize + step).rem_euclid(len) as usize]
    }

    /// Whether the footer and `?` offer `action` in `context` on this desk.
    pub fn offers(self, context: Context, action: Action) -> bool {
        let pane_shown = |pane: Pane| self.shows(pane);
        let context_shown = match context {
            Context::Match | Context::Weights => pane_shown(Pane::Match),
            Context::Pairings | Context::Thresholds => pane_shown(Pane::Pairings),
            Context::Dashboard => pane_shown(Pane::Dashboard),
            Context::Sync => pane_shown(Pane::Sync),
            Context::Welcome => self != Role::Mentor,
            _ => true,
        };
        context_shown
            && match action {
                Action::PaneMatch => pane_shown(Pane::Match),
                Action::PanePairings => pane_shown(Pane::Pairings),
                Action::PaneDashboard => pane_shown(Pane::Dashboard),
                Action::PaneSync => pane_shown(Pane::Sync),
                Action::WriteBundle => self == Role::Mentor,
                // Decisions are made on the coordinator's desk: nothing to take back here.
                Action::Undo => self != Role::Mentor,
                // People are kept up to date, and coordinator's notes written, on the
                // coordinator's desk.
                Action::EditPerson | Action::AddPerson | Action::PersonStatus | Action::AddNote => {
                    self != Role::Mentor
                }
                _ => true,
            }
    }
}

/// The pane an action switches to, when it is a tab key.
fn target(action: Action) -> Option<Pane> {
    Some(match action {
        Action::PaneMatch => Pane::Match,
        Action::PanePairings => Pane::Pairings,
        Action::PaneCheckIns => Pane::CheckIns,
        Action::PaneTimeline => Pane::Timeline,
        Action::PaneDashboard => Pane::Dashboard,
        Action::PanePeople => Pane::People,
        Action::PaneSync => Pane::Sync,
        Action::PaneAudit => Pane::Audit,
        _ => return None,
    })
}

/// Why `action` is refused on this desk, when it is (a tab this desk does not have, a key
/// of a pane it does not show, a bundle on the wrong kind of desk).
pub fn refusal(app: &App, action: Action) -> Option<String> {
    let role = Role::of(app);
    {
        let mentor = || {
            app.sync
                .as_ref()
                .map_or_else(|| "the mentor".into(), |s| s.mentor_name())
        };
        if let Some(pane) = target(action).filter(|p| !role.shows(*p)) {
            return Some(match (role, pane) {
                (Role::Mentor, _) => format!(
                    "{} is on the coordinator's desk: this is {}'s mentor desk (3 Check-ins, \
                     4 Timeline, 6 People)",
                    pane.title(),
                    mentor()
                ),
                _ => format!(
                    "{} is the coordinator's view of mentors' bundles; it opens once the desk \
                     has been read",
                    pane.title()
                ),
            });
        }
        match action {
            Action::WriteBundle if role != Role::Mentor => Some(
                "Bundles are written on a mentor's desk; this desk imports them (7 Sync, i)".into(),
            ),
            Action::EditPerson | Action::AddPerson | Action::PersonStatus
                if role == Role::Mentor =>
            {
                Some(format!(
                    "People are kept up to date on the coordinator's desk: this is {}'s mentor \
                     desk",
                    mentor()
                ))
            }
            Action::AddNote if role == Role::Mentor => Some(format!(
                "Coordinator's notes are written on the coordinator's desk: this is {}'s mentor \
                 desk (a check-in's notes are yours)",
                mentor()
            )),
            Action::ImportBundle | Action::KeepTheirs | Action::KeepOurs | Action::KeepBoth
                if role == Role::Mentor =>
            {
                Some(format!(
                    "Bundles are imported on the coordinator's desk: this is {}'s mentor desk \
                     (x in Check-ins writes yours)",
                    mentor()
                ))
            }
            _ if role == Role::Mentor && !role.shows(app.pane) && target(action).is_none() => {
                Some(format!(
                    "{} is on the coordinator's desk: this is {}'s mentor desk",
                    app.pane.title(),
                    mentor()
                ))
            }
            _ => None,
        }
    }
}

/// The mentor desk's banner: whose desk, what waits to be handed back, the last export.
/// `None` on a coordinator's desk. Pieces are dropped from the end to fit `width`.
pub fn banner(app: &App, width: usize) -> Option<(String, bool)> {
    let sync = app.sync.as_ref().filter(|s| s.is_mentor_desk())?;
    let pending = sync.status.pending;
    let name = crate::tui::widgets::safe(&sync.mentor_name()).into_owned();
    let at = sync.status.identity.last_export_at;
    let export = |format: &str| {
        at.map_or_else(
            || "never exported".to_string(),
            |at| format!("last export {}", at.with_timezone(&app.zone).format(format)),
        )
    };
    let (waiting, short) = match pending {
        0 => (
            "nothing to hand back".to_string(),
            "all handed back".to_string(),
        ),
        1 => (
            "1 record not yet handed back".to_string(),
            "1 to hand back".to_string(),
        ),
        n => (
            format!("{n} records not yet handed back"),
            format!("{n} to hand back"),
        ),
    };
    let hint = if pending > 0 {
        " · x in Check-ins writes the bundle"
    } else {
        ""
    };
    // Longest first; the first that fits is shown.
    let candidates = [
        format!(
            " Mentor desk · {name} · {waiting} · {}{hint}",
            export("%Y-%m-%d %H:%M")
        ),
        format!(
            " Mentor desk · {name} · {waiting} · {}",
            export("%Y-%m-%d %H:%M")
        ),
        format!(
            " Mentor desk · {name} · {short} · {}",
            export("%m-%d %H:%M")
        ),
        format!(" Mentor desk · {name} · {short}"),
    ];
    let fitting = candidates
        .iter()
        .find(|c| c.chars().count() <= width)
        .unwrap_or(&candidates[candidates.len() - 1]);
    Some((fitting.clone(), pending > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mentor_desk_shows_its_three_panes_and_cycles_among_them() {
        assert_eq!(
            Role::Mentor.tabs(),
            vec![Pane::CheckIns, Pane::Timeline, Pane::People]
        );
        assert_eq!(Role::Mentor.cycle(Pane::People, 1), Pane::CheckIns);
        assert_eq!(Role::Mentor.cycle(Pane::CheckIns, -1), Pane::People);
        assert_eq!(Role::Mentor.cycle(Pane::Match, 1), Pane::CheckIns);
        let quiet = Role::Coordinator { syncing: false };
        assert!(quiet.shows(Pane::Sync) && !quiet.tabs().contains(&Pane::Sync));
        assert_eq!(quiet.cycle(Pane::Sync, 1), Pane::Match);
        assert!(
            Role::Coordinator { syncing: true }
                .tabs()
                .contains(&Pane::Sync)
        );
        assert!(!Role::Unknown.shows(Pane::Sync));
    }

    #[test]
    fn keys_are_offered_by_role() {
        assert!(!Role::Mentor.offers(Context::Match, Action::Approve));
        assert!(!Role::Mentor.offers(Context::Global, Action::PaneMatch));
        assert!(Role::Mentor.offers(Context::CheckIns, Action::WriteBundle));
        let coordinator = Role::Coordinator { syncing: false };
        assert!(!coordinator.offers(Context::CheckIns, Action::WriteBundle));
        assert!(coordinator.offers(Context::Sync, Action::KeepTheirs));
        assert!(coordinator.offers(Context::Global, Action::PaneSync));
        assert!(!Role::Mentor.offers(Context::Sync, Action::KeepTheirs));
    }
}
