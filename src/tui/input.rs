//! Terminal events in: key presses through the keymap into actions, text into the open
//! prompt, mouse clicks and wheel into selection.

use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::backend::crossterm::EventHandler;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Pane, Screen};
use crate::tui::keymap::Context;
use crate::tui::update::{prompt_edited, update};
use crate::tui::view::{TAB_ROW, tab_spans};

/// Handles one terminal event.
pub fn handle_event(app: &mut App, event: &Event) {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => handle_key(app, *key, event),
        Event::Mouse(mouse) => handle_mouse(app, *mouse),
        Event::Paste(_) => type_text(app, event),
        _ => {}
    }
    app.settle();
}

fn handle_key(app: &mut App, key: KeyEvent, event: &Event) {
    // Suspending works everywhere, forms included, as the terminal's own Ctrl-Z would.
    let suspend = || {
        app.keymap
            .resolve(Context::Global, key)
            .filter(|action| *action == Action::Suspend)
    };
    match app.keymap.resolve(app.context(), key).or_else(suspend) {
        Some(action) => run(app, action),
        None => type_text(app, event),
    }
}

/// Feeds a key or paste that no binding claimed into the open prompt or form field.
fn type_text(app: &mut App, event: &Event) {
    let in_checkin_form = app.context() == Context::CheckInForm;
    let in_reflection_form = app.context() == Context::ReflectionForm;
    let edited = match &mut app.overlay {
        Some(Overlay::Prompt(prompt)) => prompt.input.handle_event(event),
        Some(Overlay::Form { form, .. }) => form.focused().and_then(|field| {
            field.error = None;
            field.input.handle_event(event)
        }),
        Some(Overlay::Note(draft)) => {
            draft.type_event(event);
            None
        }
        Some(_) => None,
        None if in_checkin_form => {
            if let Some(draft) = app.panes.checkins.draft.as_mut() {
                draft.type_event(event);
            }
            None
        }
        None if in_reflection_form => {
            if let Some(draft) = app.panes.timeline.reflection.as_mut() {
                draft.type_event(event);
            }
            None
        }
        None => None,
    };
    if edited.is_some_and(|changed| changed.value)
        && matches!(app.overlay, Some(Overlay::Prompt(_)))
    {
        prompt_edited(app);
    }
}

/// Runs an action and any follow-ups it asks for, then the work left after an event.
pub fn dispatch(app: &mut App, action: Action) {
    run(app, action);
    app.settle();
}

/// Runs an action and any follow-ups it asks for; the caller settles once afterwards.
fn run(app: &mut App, action: Action) {
    let mut next = Some(action);
    let mut guard = 0;
    while let Some(action) = next.take() {
        next = update(app, action);
        guard += 1;
        if guard > 16 {
            break;
        }
    }
}

/// Rows one turn of the mouse wheel scrolls.
const WHEEL: isize = 3;

fn handle_mouse(app: &mut App, mouse: MouseEvent) {
    let delta = match mouse.kind {
        MouseEventKind::ScrollDown => WHEEL,
        MouseEventKind::ScrollUp => -WHEEL,
        _ => 0,
    };
    if let Some(overlay) = &mut app.overlay {
        // A popup that scrolls takes the wheel wherever the pointer is.
        match overlay {
            Overlay::Help { scroll } | Overlay::Detail { scroll, .. } => scroll.by(delta),
            _ => {}
        }
        return;
    }
    if app.screen == Screen::Welcome {
        return;
    }
    if delta != 0 {
        let pane = app.pane;
        if !app
            .panes
            .get_mut(pane)
            .wheel(mouse.column, mouse.row, delta)
        {
            let step = if delta > 0 { Action::Down } else { Action::Up };
            for _ in 0..delta.unsigned_abs() {
                run(app, step);
            }
        }
        return;
    }
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) if mouse.row == TAB_ROW => {
            if let Some((pane, _, _)) = tab_spans(
                app,
                ratatui::crossterm::terminal::size().map_or(u16::MAX, |(w, _)| w),
            )
            .into_iter()
            .find(|(_, from, to)| mouse.column >= *from && mouse.column < *to)
            {
                app.switch(pane);
            }
        }
        MouseEventKind::Down(MouseButton::Left) if app.pane == Pane::Match => {
            let m = &mut app.panes.matching;
            if let Some(row) = m.learners.row_at(mouse.column, mouse.row, m.visible.len()) {
                m.learners.selected = row;
                m.focus = crate::tui::panes::r#match::Column::Learners;
                m.rerank();
                m.detail_scroll.reset();
            } else if let Some(row) = m.candidates.row_at(
                mouse.column,
                mouse.row,
                m.ranking.as_ref().map_or(0, |r| r.candidates.len()),
            ) {
                m.candidates.selected = row;
                m.focus = crate::tui::panes::r#match::Column::Candidates;
            } else if m.detail_scroll.contains(mouse.column, mouse.row) {
                // A click in a box gives it the keys, so j/k scroll it.
                m.focus = crate::tui::panes::r#match::Column::Detail;
            } else if m.brief_scroll.contains(mouse.column, mouse.row) {
                m.focus = crate::tui::panes::r#match::Column::Brief;
            }
        }
        MouseEventKind::Down(MouseButton::Left) if app.pane == Pane::People => {
            let people = &mut app.panes.people;
            if let Some(row) =
                people
                    .selection
                    .row_at(mouse.column, mouse.row, people.visible.len())
            {
                people.selection.selected = row;
                people.focus = crate::tui::panes::people::Focus::List;
                people.brief_scroll.reset();
                let effects = people.read_pairings();
                app.submit_all(effects);
            }
        }
        _ => {}
    }
}
