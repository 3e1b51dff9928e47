//! The whole screen for one frame: tabs, the current pane, status line, footer, overlays.
//! Views only read the app.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::app::{App, Overlay, Pane, Screen};
use crate::tui::panes::checkins::view::CheckInsView;
use crate::tui::panes::coming::view::ComingPane;
use crate::tui::panes::r#match::view::MatchView;
use crate::tui::panes::pairings::thresholds::ThresholdsView;
use crate::tui::panes::pairings::view::PairingsView;
use crate::tui::panes::people::PeopleView;
use crate::tui::panes::timeline::view::TimelineView;
use crate::tui::panes::welcome::view::WelcomeView;
use crate::tui::widgets::detail::DetailView;
use crate::tui::widgets::footer::Footer;
use crate::tui::widgets::form::FormView;
use crate::tui::widgets::help::HelpOverlay;
use crate::tui::widgets::prompt::PromptView;
use crate::tui::widgets::safe;
use crate::tui::widgets::small::{SmallScreen, too_small};

/// The root view of the desk.
pub struct Root<'a>(pub &'a App);

/// Rows the tab bar takes at the top; mouse clicks there pick a tab.
pub const TAB_ROW: u16 = 0;

/// Screen columns each tab label spans, for mouse clicks.
pub fn tab_spans() -> Vec<(Pane, u16, u16)> {
    let mut x = 1;
    Pane::ALL
        .iter()
        .enumerate()
        .map(|(i, pane)| {
            let width = tab_label(i, *pane).chars().count() as u16;
            let span = (*pane, x, x + width);
            x += width + 1;
            span
        })
        .collect()
}

fn tab_label(i: usize, pane: Pane) -> String {
    format!(" {} {} ", i + 1, pane.title())
}

impl Widget for Root<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        buf.set_style(area, app.theme.base);
        if too_small(area) {
            SmallScreen.render(area, buf);
            return;
        }
        let [tabs, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if app.screen == Screen::Welcome {
            WelcomeView {
                theme: &app.theme,
                database: app.desk.path().display().to_string(),
            }
            .render(body, buf);
        } else {
            render_tabs(app, tabs, buf);
            render_pane(app, body, buf);
        }
        render_status(app, status, buf);
        Footer {
            keymap: &app.keymap,
            context: app.context(),
            theme: &app.theme,
            one_line: matches!(app.overlay, Some(Overlay::Prompt(_))),
        }
        .render(footer, buf);
        match &app.overlay {
            Some(Overlay::Help { scroll }) => HelpOverlay {
                keymap: &app.keymap,
                theme: &app.theme,
                scroll: *scroll,
                current: if app.screen == Screen::Welcome {
                    crate::tui::keymap::Context::Welcome
                } else {
                    app.pane.context()
                },
            }
            .render(area, buf),
            Some(Overlay::Prompt(prompt)) => PromptView {
                title: &prompt.title,
                input: &prompt.input,
                hint: &prompt.hint,
                error: prompt.error.as_deref(),
                theme: &app.theme,
            }
            .render(area, buf),
            Some(Overlay::Form { form, .. }) => {
                FormView {
                    form,
                    theme: &app.theme,
                }
                .render(area, buf);
            }
            Some(Overlay::Detail {
                title,
                lines,
                scroll,
            }) => DetailView {
                title,
                lines,
                scroll: *scroll,
                theme: &app.theme,
            }
            .render(area, buf),
            Some(Overlay::Thresholds(draft)) => ThresholdsView {
                draft,
                counts: app.pairings.health_counts(),
                theme: &app.theme,
            }
            .render(area, buf),
            None => {}
        }
    }
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::raw(" ")];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let style = if *pane == app.pane {
            app.theme.tab_active
        } else {
            app.theme.tab
        };
        spans.push(Span::styled(tab_label(i, *pane), style));
        spans.push(Span::raw(" "));
    }
    let name = format!(" mentordesk · {} ", app.desk.actor());
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    // The name only where it fits whole; a cut name reads as a glitch.
    if let Some(room) = usize::from(area.width).checked_sub(used + name.chars().count()) {
        spans.push(Span::raw(" ".repeat(room)));
        spans.push(Span::styled(name, app.theme.dim));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn render_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    match app.pane {
        Pane::People => PeopleView {
            state: &app.people,
            theme,
        }
        .render(area, buf),
        Pane::Match => MatchView {
            state: &app.matching,
            theme,
        }
        .render(area, buf),
        Pane::Pairings => PairingsView {
            state: &app.pairings,
            theme,
        }
        .render(area, buf),
        Pane::CheckIns => CheckInsView {
            state: &app.checkins,
            theme,
            zone: app.zone,
        }
        .render(area, buf),
        Pane::Timeline => TimelineView {
            state: &app.timeline,
            theme,
            zone: app.zone,
        }
        .render(area, buf),
        Pane::Dashboard => ComingPane {
            title: "Dashboard",
            what: "Program metrics: time to match, check-in rhythm, milestones, confidence.",
            theme,
        }
        .render(area, buf),
    }
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(job) = &app.job {
        let line = Line::from(Span::styled(format!(" {}", job.progress()), app.theme.warn));
        Paragraph::new(line).render(area, buf);
        return;
    }
    let line = match &app.status {
        Some(status) if status.is_error => Line::from(vec![
            Span::styled(" ✗ ", app.theme.bad),
            Span::styled(safe(&status.text).into_owned(), app.theme.bad),
        ]),
        Some(status) => Line::from(vec![
            Span::styled(" ✓ ", app.theme.good),
            Span::raw(safe(&status.text).into_owned()),
        ]),
        None => Line::default(),
    };
    Paragraph::new(line).render(area, buf);
}
