//! A coordinator's note written from the pairing view (`n`): a multi-line box
//! (ratatui-textarea, as the check-in notes), saved with `Ctrl-s` through the desk (cleaned,
//! audited as `note.add`, refused when empty), after which the pairing view opens again with
//! the note in it. The view draws the box; the desk's answer comes back through `daily`.
//!
//! May use: `desk`, `domain`, the rest of `tui`.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::app::App;
use super::daily::DailyEffect;
use super::effect::Effect;
use super::overlay::{Overlay, Prompt, PromptPurpose};
use super::panes::pairings::UnderWayRow;
use super::theme::Theme;
use super::widgets::safe;

/// A note being written on a pairing.
#[derive(Debug, Clone)]
pub struct NoteDraft {
    /// The pairing, to open its view again once the note is saved.
    pub row: Box<UnderWayRow>,
    pub text: TextArea<'static>,
    /// Why the desk refused it (shown under the box; the text stays).
    pub error: Option<String>,
    /// True while the desk saves it (a second `Ctrl-s` meanwhile is ignored).
    pub saving: bool,
}

impl NoteDraft {
    pub fn new(row: Box<UnderWayRow>) -> NoteDraft {
        NoteDraft {
            row,
            text: TextArea::default(),
            error: None,
            saving: false,
        }
    }

    /// The note as one text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    /// Whether a person typed anything (Esc or a quit then asks first).
    pub fn holds_input(&self) -> bool {
        !self.text().trim().is_empty()
    }

    fn label(&self) -> String {
        format!(
            "pairing {} · {} → {}",
            self.row.row.pairing.id, self.row.row.learner_name, self.row.row.mentor_name
        )
    }

    /// Takes a key or paste no binding claimed: text into the box (Enter is a new line).
    pub fn type_event(&mut self, event: &Event) {
        super::widgets::text_box::type_into(&mut self.text, event);
        self.error = None;
    }
}

/// `n` in the pairing view: a note on that pairing.
pub fn open(app: &mut App, row: Box<UnderWayRow>) {
    app.overlay = Some(Overlay::Note(Box::new(NoteDraft::new(row))));
    app.info("Write the note; Enter starts a new line, Ctrl-s saves, Esc cancels");
}

/// Keys on the open note.
pub fn update(app: &mut App, mut draft: Box<NoteDraft>, action: Action) {
    match action {
        Action::Submit if draft.saving => {}
        Action::Submit => {
            let text = draft.text();
            // The desk refuses an empty note too; saying so here keeps the box open
            // without a round trip.
            if text.trim().is_empty() {
                let why = "the note is empty: write something, or Esc to cancel";
                draft.error = Some(why.into());
                app.fail(format!("Note not saved: {why}"));
            } else {
                draft.saving = true;
                app.info(format!("Saving the note on {}…", draft.label()));
                app.submit(Effect::Daily(DailyEffect::AddNote {
                    pairing: draft.row.row.pairing.id,
                    text,
                    draft: draft.clone(),
                }));
            }
        }
        Action::Back if draft.holds_input() => {
            app.stashed = Some(Overlay::Note(draft));
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptPurpose::ConfirmDropNote,
                "Throw away the note you wrote? (y / Esc)",
                "y throws it away (nothing is saved) · Esc goes back to it",
                "",
            )));
            return;
        }
        Action::Back => {
            app.info("Cancelled; no note saved");
            return;
        }
        Action::Quit if draft.holds_input() => {
            app.stashed = Some(Overlay::Note(draft));
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptPurpose::ConfirmQuit,
                "Unsaved note: quit anyway? (y / Esc)",
                "y quits and discards · Esc goes back",
                "",
            )));
            return;
        }
        Action::Quit => {
            app.quit = true;
            return;
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Note(draft));
}

/// The answer to "throw away the note?": `y` drops it, anything else goes back to it.
pub fn answer_drop(app: &mut App, answer: &str) {
    if answer.trim().eq_ignore_ascii_case("y") {
        app.stashed = None;
        app.info("Note thrown away; nothing saved");
    } else {
        app.overlay = app.stashed.take();
    }
}

/// The note box over the panes.
pub struct NoteView<'a> {
    pub draft: &'a NoteDraft,
    pub theme: &'a Theme,
}

impl Widget for NoteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let width = area.width.saturating_sub(4).clamp(20, 100);
        let height = area.height.saturating_sub(2).clamp(8, 20);
        let [_, row, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(height),
            Constraint::Fill(1),
        ])
        .areas(area);
        let [_, popup, _] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(width),
            Constraint::Fill(1),
        ])
        .areas(row);
        Clear.render(popup, buf);
        let title = format!(" Note on {} ", safe(&self.draft.label()));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.accent)
            .title(Span::styled(title, t.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let [hint, text, error] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(2),
        ])
        .areas(inner);
        Paragraph::new(Line::from(Span::styled(
            "Dated now · Enter: new line · Ctrl-s saves · Esc cancels",
            t.dim,
        )))
        .render(hint, buf);
        let mut area = self.draft.text.clone();
        area.set_block(Block::default().borders(Borders::TOP).border_style(t.dim));
        area.set_cursor_line_style(t.base);
        area.render(text, buf);
        let below = match (&self.draft.error, self.draft.saving) {
            (Some(e), _) => Line::from(Span::styled(format!("✗ {}", safe(e)), t.bad)),
            (None, true) => Line::from(Span::styled("… saving", t.warn)),
            (None, false) => Line::from(Span::styled(
                format!("{} characters", self.draft.text().chars().count()),
                t.dim,
            )),
        };
        Paragraph::new(below)
            .wrap(Wrap { trim: true })
            .render(error, buf);
    }
}
