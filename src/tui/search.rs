//! Searching the program's words from the desk: the prompt (`/` in Check-ins, `S` in every
//! pane), the list of matches with their words in context (keys of its own: the
//! `search-results` context), and opening a match's pairing. The search itself is the
//! desk's (`DailyEffect::Search`, answered in `daily`). May use: `desk`, `domain`.

use super::app::App;
use super::daily::{DailyEffect, one_line};
use super::overlay::{Overlay, Prompt, PromptPurpose};
use crate::desk::SearchResults;

/// Search results with one chosen: `↓`/`↑` choose, `Enter` opens its pairing in Check-ins
/// (a reflection: the learner's Timeline).
#[derive(Debug, Clone)]
pub struct SearchList {
    pub results: SearchResults,
    pub selected: usize,
}

/// The prompt that searches the program's words, holding `words` (a search again starts
/// from the last one's).
pub fn search_prompt(words: &str) -> Prompt {
    Prompt::new(
        PromptPurpose::SearchProgram,
        "Search check-ins, coordinator notes, goals, needs and reflections",
        "words (each may start a longer word) · Enter searches · Esc cancels",
        words,
    )
}

/// Matches a page key moves by (each match takes two lines).
const PAGE: usize = 8;

pub fn submit_search(app: &mut App, prompt: &Prompt) {
    let text = prompt.input.value().to_string();
    app.info(format!("Searching for \"{}\"…", one_line(&text)));
    app.submit(super::effect::Effect::Daily(DailyEffect::Search { text }));
}

/// Keys on the results: choose, open the chosen pairing in Check-ins, or close.
pub fn update_search(app: &mut App, mut list: SearchList, action: super::action::Action) {
    use super::action::Action;
    let last = list.results.hits.len().saturating_sub(1);
    match action {
        Action::NextField | Action::Down => list.selected = (list.selected + 1).min(last),
        Action::PrevField | Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::PageDown => list.selected = (list.selected + PAGE).min(last),
        Action::PageUp => list.selected = list.selected.saturating_sub(PAGE),
        Action::Top => list.selected = 0,
        Action::Bottom => list.selected = last,
        Action::SearchProgram => {
            let words = list.results.words.join(" ");
            app.overlay = Some(Overlay::Prompt(search_prompt(&words)));
            return;
        }
        Action::Back => return,
        Action::Quit => {
            app.quit = true;
            return;
        }
        Action::Submit | Action::Open => {
            let Some(hit) = list.results.hits.get(list.selected) else {
                return;
            };
            // A learner's own words belong to their story: it opens on the Timeline.
            if hit.kind == crate::desk::SearchKind::Reflection
                && let Some(learner) = hit.learner.clone()
            {
                let words = hit.snippet_text();
                app.switch(super::panes::Pane::Timeline);
                let effects = app.panes.timeline.follow(learner);
                app.submit_all(effects);
                app.info(format!("Reflection: {words}"));
                return;
            }
            let Some(pairing) = hit.pairing else {
                let who = hit.learner_name.as_deref().map_or(String::new(), one_line);
                app.info(format!("{who} has no pairing yet: nothing to open"));
                app.overlay = Some(Overlay::Search(list));
                return;
            };
            app.panes.checkins.set_filter("");
            app.panes.checkins.select_pairing(pairing);
            app.switch(super::panes::Pane::CheckIns);
            app.info(format!("Pairing {pairing}: {}", hit.snippet_text()));
            return;
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Search(list));
}

/// The results as lines (two per match, the chosen one marked) and the scroll that keeps
/// the chosen one in a box `height` rows high.
pub fn search_lines(
    list: &SearchList,
    theme: &super::theme::Theme,
    zone: chrono_tz::Tz,
    height: u16,
) -> (String, Vec<ratatui::text::Line<'static>>, u16) {
    use ratatui::text::{Line, Span};
    let mut lines = Vec::new();
    for (i, hit) in list.results.hits.iter().enumerate() {
        let chosen = i == list.selected;
        let marker = if chosen { "▶ " } else { "  " };
        let pairing = hit
            .pairing
            .map_or("no pairing".into(), |p| format!("pairing {p}"));
        let who = match (&hit.learner_name, &hit.mentor_name) {
            (Some(l), Some(m)) => format!("{} → {}", one_line(l), one_line(m)),
            (Some(l), None) => one_line(l),
            _ => String::new(),
        };
        let when = hit
            .at
            .map(|at| format!(" · {}", crate::domain::when::local_day(at, zone)))
            .unwrap_or_default();
        let style = if chosen { theme.selected } else { theme.title };
        lines.push(Line::from(Span::styled(
            format!("{marker}{} · {pairing} · {who}{when}", hit.kind.as_str()),
            style,
        )));
        let mut spans = vec![Span::raw("    ")];
        // The parts are cleaned one-line text already (`snippet_parts`), spaces at the edges
        // kept so words stay apart.
        for part in &hit.snippet {
            spans.push(if part.matched {
                // Marked by brackets as well as style, so meaning never rests on colour.
                Span::styled(format!("[{}]", part.text), theme.selected)
            } else {
                Span::raw(part.text.clone())
            });
        }
        lines.push(Line::from(spans));
    }
    let inner = height.saturating_sub(2);
    let chosen_end = u16::try_from(list.selected * 2 + 2).unwrap_or(u16::MAX);
    let scroll = chosen_end.saturating_sub(inner);
    let title = format!(
        "{} of {} for \"{}\" · Enter opens the pairing",
        list.results.hits.len(),
        list.results.total,
        one_line(&list.results.words.join(" "))
    );
    (title, lines, scroll)
}
