//! What the desk's flow tests share: services that refuse (no files or demo loads in these
//! tests), and the screen drawn as text.

#![allow(dead_code)]

use mentordesk::tui::app::{App, Services};
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
