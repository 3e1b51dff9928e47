//! What the desk's flow tests share: services that refuse (no files or demo loads in these
//! tests), and the screen drawn as text.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{Desk, FixedClock};
use mentordesk::domain::Health;
use mentordesk::tui::app::{App, Services};
use mentordesk::tui::keymap::Keymap;
use mentordesk::tui::theme::Theme;
use mentordesk::tui::view::Root;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Services for a desk under test: importing, loading the demo and bundles all refuse.
pub fn refusing_services() -> Services {
    Services {
        import_csv: |_, _| Err("not in tests".into()),
        load_demo: |_| Err("not in tests".into()),
        write_bundle: |_, _| Err("no bundles here".into()),
        import_bundle: |_, _| Err("no bundles here".into()),
        write_intro: |_, _| Err("no introductions here".into()),
    }
}

/// The whole desk drawn at `width`×`height`, as text.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| frame.render_widget(Root(app), frame.area()))
        .expect("the desk draws");
    terminal.backend().to_string()
}

/// A desk holding the standard demo program, at a fixed instant (2026-11-02 09:00), in UTC.
pub fn app() -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
        .single()
        .expect("a valid instant");
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).expect("an in-memory desk");
    fill(&mut desk);
    app_on(desk)
}

/// The monochrome desk (what `NO_COLOR` shows) on `desk`, effects run inline.
pub fn app_on(desk: Desk) -> App {
    App::new(
        desk,
        refusing_services(),
        Keymap::defaults(),
        Theme::monochrome(),
    )
}

/// Loads the standard demo program into `desk`, acting as `coordinator`, zone UTC.
pub fn fill(desk: &mut Desk) {
    desk.set_actor("coordinator");
    desk.set_default_zone("UTC").expect("UTC is a zone");
    mentordesk::cli::demo::load(desk, &DemoSpec::standard(), false).expect("the demo loads");
}

/// The desk the app's effects run on (inline in tests).
pub fn desk_of(app: &mut App) -> &mut Desk {
    app.inline_desk().expect("tests run effects inline")
}

/// How bad each pairing under way is, in list order: 0 at risk … 3 too early, 4 paused.
pub fn health_ranks(app: &App) -> Vec<u8> {
    app.panes
        .pairings
        .active
        .iter()
        .map(|r| match r.report.as_ref().map(|x| x.health) {
            Some(Health::AtRisk) => 0,
            Some(Health::NeedsCheckIn) => 1,
            Some(Health::OnTrack) => 2,
            Some(Health::TooEarly) => 3,
            None => 4,
        })
        .collect()
}
