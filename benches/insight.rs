//! How fast program insight is on a big program (the demo of 10,000 learners × 1,000
//! mentors): the Dashboard's read (one transaction, health judged, metrics measured), the
//! metrics alone from values already read, the Dashboard drawn at 160×48, and the HTML
//! report written.
//!
//! Run: `cargo bench --bench insight`. Targets: the read and first frame ≤ 200 ms; the
//! HTML report ≤ 1 s.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{Desk, FixedClock, Insight};
use mentordesk::domain::metrics::Period;
use mentordesk::exchange::report::{self, Format, Mode};
use mentordesk::tui::panes::dashboard::view::DashboardView;
use mentordesk::tui::theme::Theme;
use mentordesk::tui::widgets::selection::Selection;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn big_desk() -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    let spec = DemoSpec {
        learners: 10_000,
        mentors: 1_000,
        seed: 1,
    };
    mentordesk::cli::demo::load(&mut desk, &spec, false).unwrap();
    desk
}

fn draw(terminal: &mut Terminal<TestBackend>, insight: &Insight, theme: &Theme) {
    let selection = Selection::default();
    let boxes = mentordesk::tui::panes::dashboard::Boxes::default();
    terminal
        .draw(|frame| {
            frame.render_widget(
                DashboardView {
                    metrics: &insight.metrics,
                    at_risk: &insight.at_risk,
                    selection: &selection,
                    theme,
                    focused: true,
                    boxes: &boxes,
                },
                frame.area(),
            )
        })
        .unwrap();
}

fn insight(c: &mut Criterion) {
    let mut desk = big_desk();
    let theme = Theme::standard();
    let mut group = c.benchmark_group("insight");
    group.sample_size(20);
    group.bench_function("read and measure (Desk::insight, 90 days)", |b| {
        b.iter(|| black_box(desk.insight(Period::LastDays(90)).unwrap()))
    });
    let read = desk.insight(Period::All).unwrap();
    group.bench_function("first frame: read, measure and draw 160x48", |b| {
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        b.iter(|| {
            let fresh = desk.insight(Period::LastDays(90)).unwrap();
            draw(&mut terminal, &fresh, &theme);
        })
    });
    group.bench_function("draw the Dashboard 160x48", |b| {
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        b.iter(|| draw(&mut terminal, &read, &theme))
    });
    group.bench_function("HTML report from what was read", |b| {
        b.iter(|| {
            black_box(report::render(
                &read,
                Mode::Named,
                Format::Html,
                read.metrics.to,
            ))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = insight
}
criterion_main!(benches);
