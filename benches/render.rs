//! How fast the desk draws and answers on a big program: each pane rendered with
//! `TestBackend` at 160×48 on a demo program of 10,000 learners × 1,000 mentors, a key press
//! to the next frame (ranking the newly selected learner included), and startup to the first
//! frame on a database file.
//!
//! Run: `cargo bench --bench render`. Targets: render ≤ 5 ms, key to frame ≤ 16 ms,
//! startup ≤ 200 ms.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{Desk, FixedClock, SystemClock};
use mentordesk::store::Store;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Pane, Services};
use mentordesk::tui::input::dispatch;
use mentordesk::tui::keymap::Keymap;
use mentordesk::tui::theme::Theme;
use mentordesk::tui::view::Root;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn no_import(_: &mut Desk, _: &Path) -> Result<String, String> {
    Err("not in benches".into())
}

fn no_demo(_: &mut Desk) -> Result<String, String> {
    Err("not in benches".into())
}

fn services() -> Services {
    Services {
        import_csv: no_import,
        load_demo: no_demo,
        write_bundle: |_, _| Err("no bundles here".into()),
        import_bundle: |_, _| Err("no bundles here".into()),
        write_intro: |_, _| Err("no introductions here".into()),
    }
}

fn fill(desk: &mut Desk) {
    let spec = DemoSpec {
        learners: 10_000,
        mentors: 1_000,
        seed: 1,
    };
    mentordesk::cli::demo::load(desk, &spec, false).unwrap();
}

fn big_app() -> App {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    fill(&mut desk);
    App::new(desk, services(), Keymap::defaults(), Theme::standard())
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frame.render_widget(Root(app), frame.area()))
        .unwrap();
}

/// The desk the app's effects run on (inline in tests).
fn desk_of(app: &mut App) -> &mut Desk {
    app.inline_desk().expect("tests run effects inline")
}

fn render(c: &mut Criterion) {
    let mut app = big_app();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let mut group = c.benchmark_group("render 160x48, 10k learners x 1k mentors");
    group.measurement_time(Duration::from_secs(3));
    for pane in [
        Pane::Match,
        Pane::Pairings,
        Pane::CheckIns,
        Pane::Timeline,
        Pane::People,
    ] {
        app.show(pane);
        group.bench_function(pane.title(), |b| {
            b.iter(|| draw(&mut terminal, black_box(&app)))
        });
    }
    app.show(Pane::Match);
    group.bench_function("key j then frame (ranks the next learner)", |b| {
        b.iter(|| {
            dispatch(&mut app, Action::Down);
            draw(&mut terminal, &app);
        })
    });
    app.show(Pane::Pairings);
    group.bench_function("reload after a decision, Pairings pane on screen", |b| {
        b.iter(|| {
            app.reload();
            draw(&mut terminal, &app);
        })
    });
    group.bench_function(
        "read pairings, health and every check-in (first visit to Pairings or Check-ins)",
        |b| b.iter(|| black_box(desk_of(&mut app).follow_up().unwrap())),
    );
    group.finish();
}

fn startup(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.sqlite3");
    let mut desk = Desk::open(&path).unwrap();
    fill(&mut desk);
    drop(desk);
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("open file, load panes, first frame (10k x 1k)", |b| {
        b.iter(|| {
            let desk = Desk::with_store(Store::open(&path).unwrap(), Box::new(SystemClock));
            let app = App::new(desk, services(), Keymap::defaults(), Theme::standard());
            let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
            draw(&mut terminal, &app);
        })
    });
    group.finish();
}

criterion_group!(benches, render, startup);
criterion_main!(benches);
