//! The report as one self-contained HTML page: inline CSS and inline SVG charts drawn here,
//! no scripts, no links, no web fonts; it prints on paper as it reads on screen.
//!
//! The markup is also well-formed XML (every element closed, every text escaped), so a test
//! can parse it strictly. Every chart carries its numbers as text: colour never carries a
//! value alone.

use std::fmt::Write as _;

use super::{Count, Counted, Mode, Model, Unit};

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
  color: #1a1a1a; background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
p.mode { border: 2px solid #1f4e79; border-radius: 6px; padding: 0.6rem 0.8rem; background: #eef4fa; }
p.meta { color: #444444; margin: 0.2rem 0; }
.cards { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 1rem 0; }
.card { flex: 1 1 12rem; border: 1px solid #b8c7d6; border-radius: 6px; padding: 0.6rem 0.8rem; }
.card .figure { font-size: 1.5rem; font-weight: 700; display: block; }
.card .what { color: #333333; font-size: 0.9rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; flex: 0 1 28rem; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem; }
figure.wide { flex: 1 1 100%; }
figcaption { font-weight: 600; margin-bottom: 0.3rem; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
svg .bar { fill: #1f4e79; }
svg .hidden { fill: none; stroke: #1f4e79; stroke-dasharray: 4 3; }
svg .axis { stroke: #555555; stroke-width: 1; }
svg .grid { stroke: #dddddd; stroke-width: 1; }
svg .line { fill: none; stroke: #1f4e79; stroke-width: 2.5; }
svg .dot { fill: #ffffff; stroke: #1f4e79; stroke-width: 2; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
dl { margin: 0; }
dt { font-weight: 600; margin-top: 0.5rem; }
dd { margin: 0 0 0 1rem; }
.none { color: #555555; font-style: italic; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, table, .cards, section { break-inside: avoid; }
  p.mode { background: none; }
}
";

/// Text made safe for HTML and XML: the five special characters escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(m: &Model) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    let _ = writeln!(
        out,
        "<title>Program report, {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        esc(&m.period)
    );
    let period = match &m.from {
        Some(from) => format!("{} ({from} to {})", m.period, m.to),
        None => format!("{} (to {})", m.period, m.to),
    };
    let _ = writeln!(
        out,
        "<header>\n<h1>Mentorship program report</h1>\n<p class=\"meta\">Period: {}</p>\n\
         <p class=\"meta\">Written {}</p>\n<p class=\"mode\"><strong>{}</strong> {}</p>\n</header>",
        esc(&period),
        esc(&m.generated),
        match m.mode {
            Mode::Named => "Named report.",
            Mode::Anonymized => "Anonymised report.",
        },
        esc(&capitalised(
            m.mode.note().split_once(": ").map_or("", |(_, rest)| rest)
        ))
    );
    glance(&mut out, m);
    learners(&mut out, m);
    times(&mut out, m);
    progress(&mut out, m);
    confidence(&mut out, m);
    reflections(&mut out, m);
    mentors(&mut out, m);
    definitions(&mut out, m);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn card(out: &mut String, figure: &str, what: &str) {
    let _ = writeln!(
        out,
        "<div class=\"card\"><span class=\"figure\">{}</span><span class=\"what\">{}</span></div>",
        esc(figure),
        esc(what)
    );
}

fn glance(out: &mut String, m: &Model) {
    out.push_str("<section>\n<h2>At a glance</h2>\n<div class=\"cards\">\n");
    card(
        out,
        &m.learners_total.to_string(),
        "learners in the program",
    );
    card(out, &m.waiting.to_string(), "waiting for a mentor now");
    if let Some(t) = m.times.first() {
        card(
            out,
            &t.median_days.words(Unit::Days),
            "median time to match",
        );
    }
    if let Some(p) = m.parts.first() {
        card(
            out,
            &p.rate.words(Unit::Percent),
            "of milestones due were achieved",
        );
    }
    if let Some(p) = m.parts.last() {
        card(
            out,
            &p.rate.words(Unit::Percent),
            "of active pairings on cadence",
        );
    }
    out.push_str("</div>\n</section>\n");
}

fn learners(out: &mut String, m: &Model) {
    out.push_str("<section>\n<h2>Learners</h2>\n<div class=\"charts\">\n");
    bar_chart(
        out,
        "chart-learners",
        "Learners by status, now",
        &m.learners,
        "learners",
    );
    out.push_str("</div>\n<table>\n");
    row(out, "Waiting now", &m.waiting.to_string());
    row(
        out,
        "Median wait so far",
        &m.waiting_median_days.words(Unit::Days),
    );
    out.push_str("</table>\n</section>\n");
}

fn times(out: &mut String, m: &Model) {
    out.push_str("<section>\n<h2>How soon learners move on</h2>\n<div class=\"charts\">\n");
    for t in &m.times {
        let id = format!("chart-{}", t.key.replace('_', "-"));
        let title = format!(
            "{} (days): median {}, 75th percentile {}",
            t.title,
            t.median_days.words(Unit::Days),
            t.p75_days.words(Unit::Days)
        );
        column_chart(out, &id, &title, &t.buckets);
    }
    out.push_str("</div>\n</section>\n");
}

fn progress(out: &mut String, m: &Model) {
    out.push_str("<section>\n<h2>Progress</h2>\n<table>\n");
    out.push_str("<tr><th>measure</th><th class=\"n\">achieved</th><th class=\"n\">of</th><th class=\"n\">share</th></tr>\n");
    for p in &m.parts {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(p.title),
            esc(&p.part.to_string()),
            esc(&p.whole.to_string()),
            esc(&p.rate.words(Unit::Percent))
        );
    }
    out.push_str("</table>\n<table>\n");
    row(
        out,
        "Pairings needing a check-in now",
        &m.attention.needs_check_in.to_string(),
    );
    row(
        out,
        "Pairings at risk now",
        &m.attention.at_risk.to_string(),
    );
    out.push_str("</table>\n<h3>Concerns, by kind</h3>\n<table>\n");
    out.push_str("<tr><th>kind</th><th class=\"n\">open</th><th class=\"n\">resolved</th></tr>\n");
    for c in &m.concerns {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&c.kind),
            esc(&c.open.to_string()),
            esc(&c.resolved.to_string())
        );
    }
    out.push_str("</table>\n<h3>Pairings ended, by reason</h3>\n");
    if m.pairings_ended.is_empty() {
        out.push_str("<p class=\"none\">No pairing ended in the period.</p>\n");
    } else {
        out.push_str("<table>\n");
        for e in &m.pairings_ended {
            row(out, &e.label, &e.count.to_string());
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");
}

fn confidence(out: &mut String, m: &Model) {
    out.push_str("<section>\n<h2>Learner confidence</h2>\n<div class=\"charts\">\n");
    line_chart(out, m);
    out.push_str("</div>\n<table>\n");
    let c = &m.confidence_change;
    row(
        out,
        "Change from first to latest rating, per pairing",
        &format!(
            "{} over {} pairings (rose {}, same {}, fell {})",
            c.mean_change.words(Unit::Change),
            c.pairings,
            c.rose,
            c.same,
            c.fell
        ),
    );
    out.push_str("</table>\n</section>\n");
}

fn reflections(out: &mut String, m: &Model) {
    let _ = writeln!(
        out,
        "<section>\n<h2>{}</h2>\n<table>",
        esc(super::reflection::TITLE)
    );
    for (label, value) in m.reflections.rows() {
        row(out, &capitalised(&label), &value);
    }
    out.push_str("</table>\n</section>\n");
}

fn mentors(out: &mut String, m: &Model) {
    let l = &m.mentor_load;
    out.push_str("<section>\n<h2>Mentors</h2>\n<div class=\"charts\">\n");
    bar_chart(
        out,
        "chart-mentor-load",
        &format!(
            "Mentor load now: {} of {} seats in use ({})",
            l.seats_in_use,
            l.capacity,
            l.utilisation.words(Unit::Percent)
        ),
        &l.spread,
        "mentors",
    );
    out.push_str("</div>\n<h3>Contributions in the period</h3>\n<table>\n");
    let r = &m.recognition;
    row(
        out,
        "Mentors who contributed",
        &r.mentors_contributing.to_string(),
    );
    row(out, "Sessions held", &r.sessions.to_string());
    row(out, "Minutes of mentoring", &r.minutes.to_string());
    row(
        out,
        "Learners' milestones achieved",
        &r.milestones_achieved.to_string(),
    );
    row(out, "Endorsements given", &r.endorsements.to_string());
    out.push_str("</table>\n");
    if let Some(named) = &r.named {
        out.push_str("<h3>With thanks to</h3>\n");
        if named.is_empty() {
            out.push_str("<p class=\"none\">No contributing mentor asked to be named.</p>\n");
        } else {
            out.push_str(
                "<p>Mentors who agreed to be recognised, by name (not ranked).</p>\n<table>\n\
                 <tr><th>mentor</th><th class=\"n\">sessions</th><th class=\"n\">minutes</th>\
                 <th class=\"n\">milestones</th><th class=\"n\">endorsements</th></tr>\n",
            );
            for n in named {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    esc(&n.name),
                    n.sessions,
                    n.minutes,
                    n.milestones_achieved,
                    n.endorsements
                );
            }
            out.push_str("</table>\n");
        }
        let _ = writeln!(
            out,
            "<p>Other mentors who contributed, counted above and not named: {}.</p>",
            esc(&r.not_named.to_string())
        );
    }
    out.push_str("</section>\n");
}

fn definitions(out: &mut String, m: &Model) {
    out.push_str("<section>\n<h2>What the figures mean</h2>\n<dl>\n");
    for (key, text) in m.definitions() {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            esc(&key.replace('_', " ")),
            esc(text)
        );
    }
    out.push_str("</dl>\n</section>\n");
}

fn row(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(
        out,
        "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
        esc(label),
        esc(value)
    );
}

/// Opens a chart: a figure with a caption, and an SVG titled for screen readers.
fn open_chart(out: &mut String, id: &str, title: &str, width: u32, height: u32) {
    let class = if width > 600 { " class=\"wide\"" } else { "" };
    let _ = writeln!(
        out,
        "<figure id=\"{id}\"{class}>\n<figcaption>{t}</figcaption>\n\
         <svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\">\n\
         <title id=\"{id}-title\">{t}</title>",
        t = esc(title)
    );
}

fn close_chart(out: &mut String) {
    out.push_str("</svg>\n</figure>\n");
}

/// A bar drawn for a count; a hidden count is an empty dashed outline, whatever it hides.
fn bar(out: &mut String, count: Count, x: f64, y: f64, w: f64, h: f64) {
    match count {
        Count::Under5 => {
            let _ = writeln!(
                out,
                "<rect class=\"hidden\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" />"
            );
        }
        Count::Exact(_) => {
            let _ = writeln!(
                out,
                "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" />"
            );
        }
    }
}

/// Horizontal bars, one per row, each with its label and its count as text.
fn bar_chart(out: &mut String, id: &str, title: &str, rows: &[Counted], noun: &str) {
    let (width, label_w, row_h) = (460.0, 130.0, 26.0);
    let height = (rows.len() as f64 * row_h + 10.0).max(40.0);
    open_chart(out, id, title, width as u32, height as u32);
    let most = rows
        .iter()
        .map(|r| r.count.drawn())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // Room for the count and its noun after the longest bar.
    let span = width - label_w - 100.0;
    for (i, r) in rows.iter().enumerate() {
        let y = 5.0 + i as f64 * row_h;
        let w = match r.count {
            Count::Under5 => span * 0.04,
            Count::Exact(n) => span * n as f64 / most,
        };
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label_w - 8.0,
            y + 16.0,
            esc(&r.label)
        );
        bar(out, r.count, label_w, y + 3.0, w.max(1.0), row_h - 8.0);
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\">{} {}</text>",
            label_w + w.max(1.0) + 6.0,
            y + 16.0,
            esc(&r.count.to_string()),
            esc(noun)
        );
    }
    close_chart(out);
}

/// Vertical bars over the day buckets, each with its count above it.
fn column_chart(out: &mut String, id: &str, title: &str, buckets: &[Counted]) {
    let (width, height, bottom, top) = (460.0, 210.0, 180.0, 24.0);
    open_chart(out, id, title, width as u32, height as u32);
    let most = buckets.iter().map(|b| b.count.drawn()).max().unwrap_or(0);
    let slot = (width - 40.0) / buckets.len().max(1) as f64;
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"20\" y1=\"{bottom}\" x2=\"{:.1}\" y2=\"{bottom}\" />",
        width - 20.0
    );
    if most == 0 && buckets.iter().all(|b| b.count == Count::Exact(0)) {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">no data</text>",
            width / 2.0,
            bottom / 2.0
        );
    }
    for (i, b) in buckets.iter().enumerate() {
        let x = 20.0 + i as f64 * slot + slot * 0.15;
        let w = slot * 0.7;
        let h = match b.count {
            Count::Under5 => 6.0,
            Count::Exact(n) if most > 0 => (bottom - top) * n as f64 / most as f64,
            Count::Exact(_) => 0.0,
        };
        if h > 0.0 {
            bar(out, b.count, x, bottom - h, w, h);
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x + w / 2.0,
            bottom - h - 5.0,
            esc(&b.count.to_string())
        );
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x + w / 2.0,
            bottom + 18.0,
            esc(&b.label)
        );
    }
    close_chart(out);
}

/// Mean confidence by week on a 1.0–5.0 scale; each point carries its value.
fn line_chart(out: &mut String, m: &Model) {
    let (width, height, left, right, top, bottom) = (900.0, 240.0, 46.0, 20.0, 20.0, 200.0);
    let title = "Mean learner confidence by week (1.0 lowest, 5.0 highest)";
    open_chart(out, "chart-confidence", title, width as u32, height as u32);
    let y_of = |v: f64| bottom - (v - 1.0) / 4.0 * (bottom - top);
    for level in 1..=5 {
        let y = y_of(f64::from(level));
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" />\n\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{level}.0</text>",
            width - right,
            left - 6.0,
            y + 4.0
        );
    }
    let points: Vec<(usize, &str, f64)> = m
        .confidence_by_week
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.mean.value().map(|v| (i, w.week.as_str(), v)))
        .collect();
    let weeks = m.confidence_by_week.len();
    if points.is_empty() {
        let words = if weeks == 0 {
            "no data"
        } else {
            "withheld (fewer than 5 ratings each week)"
        };
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{words}</text>",
            width / 2.0,
            (top + bottom) / 2.0
        );
    }
    let step = (width - left - right) / weeks.max(2).saturating_sub(1) as f64;
    let x_of = |i: usize| {
        if weeks <= 1 {
            (left + width - right) / 2.0
        } else {
            left + i as f64 * step
        }
    };
    if points.len() > 1 {
        let path: Vec<String> = points
            .iter()
            .map(|(i, _, v)| format!("{:.1},{:.1}", x_of(*i), y_of(*v)))
            .collect();
        let _ = writeln!(
            out,
            "<polyline class=\"line\" points=\"{}\" />",
            path.join(" ")
        );
    }
    // Label every point when there is room, else every few weeks and the last.
    let every = (weeks / 12).max(1);
    for (n, (i, week, v)) in points.iter().enumerate() {
        let (x, y) = (x_of(*i), y_of(*v));
        let _ = writeln!(
            out,
            "<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" />"
        );
        if n % every == 0 || n + 1 == points.len() {
            let _ = writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v:.1}</text>\n\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                y - 8.0,
                bottom + 22.0,
                esc(week.get(5..).unwrap_or(week))
            );
        }
    }
    close_chart(out);
}
