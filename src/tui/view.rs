//! The whole screen for one frame: tabs, the current pane, status line, footer, overlays.
//! Views only read the app.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::app::{App, Detail, Overlay, PromptPurpose, Screen};
use crate::tui::keymap::Context;
use crate::tui::panes::pairings::detail::pairing_lines;
use crate::tui::panes::pairings::thresholds::ThresholdsView;
use crate::tui::panes::timeline::detail::{TITLE as ENTRY_TITLE, entry_lines};
use crate::tui::panes::welcome::view::WelcomeView;
use crate::tui::panes::{Look, Pane};
use crate::tui::role::{self, Role};
use crate::tui::widgets::detail::DetailView;
use crate::tui::widgets::footer::{Command, Footer, entries};
use crate::tui::widgets::form::FormView;
use crate::tui::widgets::help::HelpOverlay;
use crate::tui::widgets::prompt::PromptView;
use crate::tui::widgets::safe;
use crate::tui::widgets::scroll::wrap_text;
use crate::tui::widgets::small::{SmallScreen, too_small};

/// The root view of the desk.
pub struct Root<'a>(pub &'a App);

/// Rows the tab bar takes at the top; mouse clicks there pick a tab.
pub const TAB_ROW: u16 = 0;

/// Screen columns each tab label of this desk spans on a screen `width` columns wide, for
/// mouse clicks.
pub fn tab_spans(app: &App, width: u16) -> Vec<(Pane, u16, u16)> {
    let tabs = Role::of(app).tabs();
    let (tight, gap) = tab_fit(app, &tabs, width);
    let mut x = 1;
    tabs.into_iter()
        .map(|pane| {
            let label = tab_label(pane, tight).chars().count() as u16;
            let span = (pane, x, x + label);
            x += label + gap;
            span
        })
        .collect()
}

/// Columns between two tabs: one, or none when the tabs would not fit otherwise.
fn tab_gap(tabs: &[Pane], width: u16, tight: bool) -> u16 {
    let labels: usize = tabs
        .iter()
        .map(|p| tab_label(*p, tight).chars().count())
        .sum();
    u16::from(1 + labels + tabs.len() <= usize::from(width))
}

/// Whether the labels go tight and the gap between them, on `width` columns less the open
/// concerns' marker: the marker is never pushed off the bar, the labels give it room.
fn tab_fit(app: &App, tabs: &[Pane], width: u16) -> (bool, u16) {
    let marker = crate::tui::concerns::marker(app).map_or(0, |(text, _)| text.chars().count());
    let room = width.saturating_sub(u16::try_from(marker).unwrap_or(u16::MAX));
    let padded: usize = tabs
        .iter()
        .map(|p| tab_label(*p, false).chars().count())
        .sum();
    let tight = marker > 0 && 1 + padded + tabs.len() > usize::from(room);
    (tight, tab_gap(tabs, room, tight))
}

/// A tab's label, numbered by its key (a mentor desk shows 3, 4 and 6); `tight` drops the
/// padding when the concern marker needs the room.
fn tab_label(pane: Pane, tight: bool) -> String {
    if tight {
        format!("{} {}", pane.index() + 1, pane.title())
    } else {
        format!(" {} {} ", pane.index() + 1, pane.title())
    }
}

impl Widget for Root<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        buf.set_style(area, app.theme.base);
        if too_small(area) {
            SmallScreen.render(area, buf);
            return;
        }
        // A status too long for one line wraps: the status area grows, the pane gives way.
        let status_lines = status_lines(app, area.width);
        let [tabs, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(u16::try_from(status_lines.len()).unwrap_or(1).max(1)),
            Constraint::Length(1),
        ])
        .areas(area);
        if app.screen == Screen::Welcome {
            WelcomeView {
                theme: &app.theme,
                database: app.path().display().to_string(),
            }
            .render(body, buf);
        } else {
            render_tabs(app, tabs, buf);
            let body = match role::banner(app, usize::from(body.width)) {
                Some((text, waiting)) => {
                    let [line, rest] =
                        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
                    let style = if waiting {
                        app.theme.warn
                    } else {
                        app.theme.accent
                    };
                    Paragraph::new(Line::from(Span::styled(text, style))).render(line, buf);
                    rest
                }
                None => body,
            };
            render_pane(app, body, buf);
        }
        Paragraph::new(status_lines).render(status, buf);
        let commands = footer_commands(app);
        Footer {
            commands: &commands,
            theme: &app.theme,
        }
        .render(footer, buf);
        match &app.overlay {
            Some(Overlay::Help { scroll }) => HelpOverlay {
                offered: &|context, action| Role::of(app).offers(context, action),
                keymap: &app.keymap,
                theme: &app.theme,
                scroll,
                current: if app.screen == Screen::Welcome {
                    crate::tui::keymap::Context::Welcome
                } else {
                    app.pane.context()
                },
                preface: if app.screen == Screen::Desk && app.pane == Pane::Dashboard {
                    crate::tui::panes::dashboard::view::definition_lines(&app.theme)
                } else {
                    Vec::new()
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
            Some(Overlay::Detail { detail, scroll }) => {
                let (title, lines) = match detail {
                    Detail::Pairing(d) => (d.title(), pairing_lines(d, &app.theme)),
                    Detail::Entry(d) => (ENTRY_TITLE.to_string(), entry_lines(d, &app.theme)),
                    Detail::Audit(d) => (
                        "Audit entry: before and after".to_string(),
                        super::panes::audit::view::audit_detail_lines(d, app.zone, &app.theme),
                    ),
                };
                DetailView {
                    title: &title,
                    lines,
                    scroll,
                    theme: &app.theme,
                }
                .render(area, buf)
            }
            Some(Overlay::Search(list)) => {
                let (title, lines, scroll) = crate::tui::search::search_lines(
                    list,
                    &app.theme,
                    app.zone,
                    area.height.saturating_sub(4),
                );
                // The list keeps its selected match in sight; the box starts there.
                let mut start = crate::tui::widgets::scroll::Scroll::default();
                start.offset = usize::from(scroll);
                DetailView {
                    title: &title,
                    lines,
                    scroll: &start,
                    theme: &app.theme,
                }
                .render(area, buf)
            }
            Some(Overlay::Note(draft)) => crate::tui::note::NoteView {
                draft,
                theme: &app.theme,
            }
            .render(area, buf),
            Some(Overlay::Thresholds(draft)) => ThresholdsView {
                draft,
                counts: app.panes.pairings.health_counts(),
                theme: &app.theme,
            }
            .render(area, buf),
            None => {}
        }
    }
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::raw(" ")];
    let tabs = Role::of(app).tabs();
    let (tight, gap) = tab_fit(app, &tabs, area.width);
    let gap = " ".repeat(usize::from(gap));
    for pane in tabs {
        let style = if pane == app.pane {
            app.theme.tab_active
        } else {
            app.theme.tab
        };
        spans.push(Span::styled(tab_label(pane, tight), style));
        spans.push(Span::raw(gap.clone()));
    }
    let marker = crate::tui::concerns::marker(app);
    let marker_width = marker.as_ref().map_or(0, |(text, _)| text.chars().count());
    let name = format!(" mentordesk · {} ", app.actor());
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    // The name only where it fits whole; a cut name reads as a glitch.
    let room = usize::from(area.width).saturating_sub(used + marker_width);
    if room >= name.chars().count() {
        spans.push(Span::raw(" ".repeat(room - name.chars().count())));
        spans.push(Span::styled(name, app.theme.dim));
    } else {
        spans.push(Span::raw(" ".repeat(room)));
    }
    // Open concerns last, at the right edge: the place the eye checks for alerts.
    if let Some((text, style)) = marker {
        spans.push(Span::styled(text, style));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn render_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let look = Look {
        theme: &app.theme,
        zone: app.zone,
    };
    app.panes.get(app.pane).draw(area, buf, &look);
}

/// The footer's hints: the pane's commands (each enabled or not) in its own contexts, the
/// keymap's bindings elsewhere, then the global hints.
fn footer_commands(app: &App) -> Vec<Command> {
    let context = app.context();
    let own = if app.overlay.is_none() && app.screen == Screen::Desk {
        app.panes.get(app.pane).commands(context, &app.keymap)
    } else {
        app.keymap
            .bindings(context)
            .iter()
            .filter_map(|b| Command::new(b, true))
            .collect()
    };
    let role = Role::of(app);
    let mut own = own;
    own.retain(|c| role.offers(context, c.action));
    let one_line = matches!(app.overlay, Some(Overlay::Prompt(_)));
    // A prompt's Enter says what it does ("Enter decline"), not the forms' "save".
    if let Some(Overlay::Prompt(prompt)) = &app.overlay {
        for command in own.iter_mut() {
            match command.action {
                Action::Submit => command.desc = prompt.purpose.submit_words().to_string(),
                // Esc on the filter clears it (its hint says so too).
                Action::Back if prompt.purpose == PromptPurpose::Filter => {
                    command.desc = "clear".into();
                }
                _ => {}
            }
        }
    }
    let undo = app.undo_ready;
    let filter = app.panes.get(app.pane).filter().is_some();
    let mut shown = entries(&app.keymap, context, own, one_line, |action| match action {
        Action::Undo => undo,
        Action::Filter => filter,
        _ => true,
    });
    shown.retain(|c| role.offers(Context::Global, c.action));
    shown
}

/// Most rows the status line grows to; a longer message is cut at a word, the log has it
/// whole.
const STATUS_ROWS: usize = 3;

/// The status line's rows at `width`: the job's progress, the busy note, or the message,
/// word-wrapped (never cut mid-word) under its `✓`/`✗`.
fn status_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let (mark, mark_style, text, text_style) = if let Some(job) = &app.job {
        ("", app.theme.warn, job.progress(), app.theme.warn)
    } else if app.waiting_for_lock() {
        (
            "",
            app.theme.warn,
            format!("… {}", super::app::WAITING_FOR_LOCK),
            app.theme.warn,
        )
    } else if app.working() {
        (
            "",
            app.theme.warn,
            "… working: the desk is waiting for the database (keys still work)".to_string(),
            app.theme.warn,
        )
    } else {
        match &app.status {
            Some(status) if status.is_error => (
                "✗ ",
                app.theme.bad,
                safe(&status.text).into_owned(),
                app.theme.bad,
            ),
            Some(status) => (
                "✓ ",
                app.theme.good,
                safe(&status.text).into_owned(),
                app.theme.base,
            ),
            None => return vec![Line::default()],
        }
    };
    // One column of margin, then the mark; wrapped lines continue under the text.
    let indent = 1 + mark.chars().count();
    let room = usize::from(width).saturating_sub(indent).max(8);
    let mut rows = wrap_text(&text, room);
    if rows.len() > STATUS_ROWS {
        rows.truncate(STATUS_ROWS);
        if let Some(last) = rows.last_mut() {
            let keep = room.saturating_sub(2);
            if last.chars().count() > keep {
                let cut: String = last.chars().take(keep).collect();
                *last = match cut.rfind(' ') {
                    Some(at) => cut[..at].to_string(),
                    None => cut,
                };
            }
            last.push_str(" …");
        }
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let head = if i == 0 {
                Span::styled(format!(" {mark}"), mark_style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![head, Span::styled(row, text_style)])
        })
        .collect()
}
