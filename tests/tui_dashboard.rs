//! The Dashboard in the desk: tab 5 reads the program's metrics off the UI thread, `p`
//! changes the period, Enter on the at-risk list opens that pairing in the Pairings pane,
//! `?` explains every figure. On the demo program with a fixed clock, driven by actions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::domain::metrics::Period;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::Pane;
use mentordesk::tui::input::dispatch;
use tui_support::{app, render};

#[test]
fn tab_five_shows_the_program_at_a_glance() {
    let mut app = app();
    dispatch(&mut app, Action::PaneDashboard);
    assert_eq!(app.pane, Pane::Dashboard);
    let insight = app
        .panes
        .dashboard
        .insight
        .as_ref()
        .expect("metrics were read");
    assert!(!insight.at_risk.is_empty(), "the demo has pairings at risk");
    let screen = render(&app, 120, 40);
    assert!(!screen.contains("coming"), "{screen}");
    assert!(
        screen.contains("at risk") || screen.contains("At risk"),
        "{screen}"
    );
    insta::assert_snapshot!("dashboard_demo_120x40", screen);
    insta::assert_snapshot!("dashboard_demo_80x24", render(&app, 80, 24));
}

#[test]
fn the_period_key_reads_the_metrics_again_for_the_next_period() {
    let mut app = app();
    dispatch(&mut app, Action::PaneDashboard);
    assert_eq!(app.panes.dashboard.period, Period::LastDays(90));
    let before = app.panes.dashboard.insight.clone().unwrap().metrics;
    dispatch(&mut app, Action::NextPeriod);
    assert_eq!(app.panes.dashboard.period, Period::LastDays(365));
    let after = app.panes.dashboard.insight.clone().unwrap().metrics;
    assert_eq!(after.period, Period::LastDays(365).to_string());
    assert_ne!(before, after, "a longer period counts more");
    assert!(render(&app, 120, 40).contains("365"));
}

#[test]
fn enter_on_an_at_risk_row_opens_that_pairing_in_pairings() {
    let mut app = app();
    dispatch(&mut app, Action::PaneDashboard);
    dispatch(&mut app, Action::Down);
    let wanted = app.panes.dashboard.selected_pairing().unwrap();
    dispatch(&mut app, Action::Open);
    assert_eq!(app.pane, Pane::Pairings);
    let selected = app
        .panes
        .pairings
        .selected_active()
        .expect("the list under way has the cursor");
    assert_eq!(selected.row.pairing.id, wanted);
}

#[test]
fn help_on_the_dashboard_explains_every_figure() {
    let mut app = app();
    dispatch(&mut app, Action::PaneDashboard);
    dispatch(&mut app, Action::Help);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("What the Dashboard's figures mean"),
        "{screen}"
    );
    assert!(screen.contains("time to match"), "{screen}");
}
