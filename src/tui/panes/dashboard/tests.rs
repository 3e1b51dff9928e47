//! Dashboard snapshots at 120×40 and 80×24, drawn from the sample program's metrics
//! (`domain::metrics::sample`, whose answers are worked out in its own tests), with the
//! monochrome theme so what shows is what `NO_COLOR` shows.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Widget;

use super::view::{DashboardView, definition_lines};
use super::*;
use crate::domain::metrics::sample;
use crate::tui::theme::Theme;

fn draw(widget: impl Widget, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(widget, frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

fn sample_state(period: Period) -> DashboardState {
    let s = sample::program();
    let mut state = DashboardState {
        period,
        ..DashboardState::default()
    };
    state.show(Insight {
        metrics: s.metrics(period),
        at_risk: s.at_risk(),
        mentors: s.mentors.clone(),
        zone: chrono_tz::UTC,
        concerns: Vec::new(),
    });
    state
}

fn screen(state: &DashboardState, width: u16, height: u16) -> String {
    let theme = Theme::monochrome();
    let insight = state.insight.as_ref().unwrap();
    draw(
        DashboardView {
            metrics: &insight.metrics,
            at_risk: &insight.at_risk,
            selection: &state.at_risk,
            theme: &theme,
            focused: true,
            boxes: &state.boxes,
        },
        width,
        height,
    )
}

#[test]
fn wide_dashboard() {
    let state = sample_state(Period::All);
    let text = screen(&state, 120, 40);
    for chart in [
        "Time to match",
        "To first milestone",
        "Confidence by week",
        "Mentor load",
    ] {
        assert!(text.contains(chart), "{chart} missing");
    }
    insta::assert_snapshot!("dashboard_120x40", text);
}

#[test]
fn narrow_dashboard_keeps_fewer_charts_whole() {
    let state = sample_state(Period::All);
    let text = screen(&state, 80, 24);
    assert!(text.contains("Time to match") && text.contains("Needs attention 1"));
    assert!(
        !text.contains("Confidence by week"),
        "no room: left out, not cut"
    );
    insta::assert_snapshot!("dashboard_80x24", text);
}

#[test]
fn an_empty_program_says_no_data() {
    let s = sample::empty();
    let theme = Theme::monochrome();
    let metrics = s.metrics(Period::LastDays(90));
    let text = draw(
        DashboardView {
            metrics: &metrics,
            at_risk: &[],
            selection: &Selection::default(),
            theme: &theme,
            focused: true,
            boxes: &super::Boxes::default(),
        },
        120,
        40,
    );
    assert!(text.contains("no data") && !text.contains("NaN"));
    assert!(text.contains("No pairing needs attention."));
    insta::assert_snapshot!("dashboard_empty_120x40", text);
}

#[test]
fn every_definition_is_in_the_help_preface() {
    let theme = Theme::monochrome();
    let text: Vec<String> = definition_lines(&theme)
        .iter()
        .map(ToString::to_string)
        .collect();
    for (key, definition) in crate::domain::metrics::DEFINITIONS {
        let key = key.replace('_', " ");
        assert!(
            text.iter()
                .any(|l| l.contains(&key) && l.contains(definition)),
            "{key} missing from {text:?}"
        );
    }
}

#[test]
fn the_cursor_walks_the_at_risk_list_and_names_the_pairing_for_enter() {
    let mut state = sample_state(Period::All);
    assert_eq!(state.selected_pairing(), Some(PairingId(2)));
    assert!(state.apply(Action::Down));
    assert_eq!(
        state.selected_pairing(),
        Some(PairingId(2)),
        "one row: stays"
    );
    assert!(!state.apply(Action::Approve));
    assert_eq!(state.next_period(), Period::LastDays(30));
    assert_eq!(state.next_period(), Period::LastDays(90));
}
