//! The report as plain text: for a terminal, an e-mail body or a screen reader. No colour,
//! no box drawing; every figure is a word or a number.

use std::fmt::Write as _;

use super::{Counted, Mode, Model, Unit};

/// Width the labels are padded to.
const LABEL: usize = 34;

fn line(out: &mut String, label: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "  {label:<LABEL$} {value}");
}

fn counted(out: &mut String, rows: &[Counted]) {
    for row in rows {
        line(out, &row.label, row.count);
    }
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.chars().count()));
}

/// The metrics part of the report (also what `mentordesk metrics` prints).
pub fn metrics(m: &Model) -> String {
    let mut out = String::new();
    heading(&mut out, "Learners");
    line(&mut out, "all learners", m.learners_total);
    counted(&mut out, &m.learners);
    line(&mut out, "waiting now", m.waiting);
    line(
        &mut out,
        "median wait so far",
        m.waiting_median_days.words(Unit::Days),
    );

    heading(&mut out, "Time to the first steps (days)");
    for t in &m.times {
        let _ = writeln!(out, "  {}:", t.title);
        line(&mut out, "  learners measured", t.learners);
        line(&mut out, "  median", t.median_days.words(Unit::Days));
        line(&mut out, "  75th percentile", t.p75_days.words(Unit::Days));
        let buckets: Vec<String> = t
            .buckets
            .iter()
            .map(|b| format!("{}: {}", b.label, b.count))
            .collect();
        line(&mut out, "  spread", buckets.join(", "));
    }

    heading(&mut out, "Progress");
    for p in &m.parts {
        line(
            &mut out,
            p.title,
            format!(
                "{} of {} ({})",
                p.part,
                p.whole,
                p.rate.words(Unit::Percent)
            ),
        );
    }
    let a = &m.attention;
    line(
        &mut out,
        "pairings needing a check-in now",
        a.needs_check_in,
    );
    line(&mut out, "pairings at risk now", a.at_risk);
    for c in &m.concerns {
        line(
            &mut out,
            &format!("{} concerns", c.kind),
            format!("{} open, {} resolved", c.open, c.resolved),
        );
    }

    heading(&mut out, "Learner confidence (1-5)");
    if m.confidence_by_week.is_empty() {
        line(&mut out, "by week", "no data");
    }
    for w in &m.confidence_by_week {
        line(
            &mut out,
            &format!("week of {}", w.week),
            format!("{} ({} ratings)", w.mean.words(Unit::Score), w.ratings),
        );
    }
    let c = &m.confidence_change;
    line(
        &mut out,
        "change, first to latest",
        format!(
            "{} over {} pairings: rose {}, same {}, fell {}",
            c.mean_change.words(Unit::Change),
            c.pairings,
            c.rose,
            c.same,
            c.fell
        ),
    );

    heading(&mut out, super::reflection::TITLE);
    for (label, value) in m.reflections.rows() {
        line(&mut out, &label, value);
    }

    heading(&mut out, "Pairings ended, by reason");
    if m.pairings_ended.is_empty() {
        line(&mut out, "pairings ended", "no data");
    }
    counted(&mut out, &m.pairings_ended);

    heading(&mut out, "Mentor load (learners held against capacity)");
    let l = &m.mentor_load;
    line(&mut out, "mentors taking learners", l.mentors);
    line(
        &mut out,
        "seats in use",
        format!(
            "{} of {} ({})",
            l.seats_in_use,
            l.capacity,
            l.utilisation.words(Unit::Percent)
        ),
    );
    counted(&mut out, &l.spread);
    out
}

pub fn render(m: &Model) -> String {
    let mut out = String::new();
    let title = "mentordesk program report";
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.len()));
    let _ = writeln!(out, "{}", m.mode.note());
    let period = match &m.from {
        Some(from) => format!("{} ({from} to {})", m.period, m.to),
        None => format!("{} (to {})", m.period, m.to),
    };
    let _ = writeln!(out, "Period: {period}");
    let _ = writeln!(out, "Written: {}", m.generated);
    out.push_str(&metrics(m));

    heading(&mut out, "Mentors' contributions");
    let r = &m.recognition;
    line(&mut out, "mentors who contributed", r.mentors_contributing);
    line(&mut out, "sessions held", r.sessions);
    line(&mut out, "minutes of mentoring", r.minutes);
    line(
        &mut out,
        "learners' milestones achieved",
        r.milestones_achieved,
    );
    line(&mut out, "endorsements given", r.endorsements);
    if let Some(named) = &r.named {
        if named.is_empty() {
            let _ = writeln!(out, "  No contributing mentor asked to be named.");
        } else {
            let _ = writeln!(
                out,
                "  With thanks to (by name; mentors who agreed to be recognised):"
            );
        }
        for n in named {
            let _ = writeln!(
                out,
                "    {}: {} sessions, {} minutes, {} milestones, {} endorsements",
                n.name, n.sessions, n.minutes, n.milestones_achieved, n.endorsements
            );
        }
    }
    let others = match m.mode {
        Mode::Named => "others contributed (not named)",
        Mode::Anonymized => "mentors not named",
    };
    line(&mut out, others, r.not_named);

    heading(&mut out, "What the figures mean");
    for (key, text) in m.definitions() {
        let _ = writeln!(out, "  {key}: {text}");
    }
    out
}
