//! The report's model: everything a report shows, built once from an [`Insight`] with the
//! mode's rules applied, so text, JSON and HTML cannot differ in what they reveal.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Mode;
use super::figure::{Count, Stat};
use super::reflection::ReflectionSection;
use crate::desk::Insight;
use crate::domain::health::Health;
use crate::domain::metrics::{DEFINITIONS, Distribution, ProgramMetrics, Share};
use crate::domain::text::clean_line;

/// One labelled count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    pub label: String,
    pub count: Count,
}

/// Days measured for some learners.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Times {
    #[serde(skip)]
    pub key: &'static str,
    #[serde(skip)]
    pub title: &'static str,
    pub learners: Count,
    pub median_days: Stat,
    pub p75_days: Stat,
    pub buckets: Vec<Counted>,
}

impl Times {
    fn of(key: &'static str, title: &'static str, d: &Distribution, mode: Mode) -> Times {
        Times {
            key,
            title,
            learners: Count::of(d.count, mode),
            median_days: Stat::of(d.median_days, d.count, mode),
            p75_days: Stat::of(d.p75_days, d.count, mode),
            buckets: d
                .buckets
                .iter()
                .map(|b| Counted {
                    label: format!("{} d", b.label),
                    count: Count::of(b.count, mode),
                })
                .collect(),
        }
    }
}

/// A part of a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    #[serde(skip)]
    pub key: &'static str,
    #[serde(skip)]
    pub title: &'static str,
    pub part: Count,
    pub whole: Count,
    pub rate: Stat,
}

impl Part {
    fn of(key: &'static str, title: &'static str, s: &Share, mode: Mode) -> Part {
        // In an anonymised report a share would give a small part (or the small rest) away.
        let smallest = s.part.min(s.whole - s.part.min(s.whole));
        Part {
            key,
            title,
            part: Count::of(s.part, mode),
            whole: Count::of(s.whole, mode),
            rate: Stat::of(s.rate, smallest, mode),
        }
    }
}

/// Mean confidence in one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    pub week: String,
    pub mean: Stat,
    pub ratings: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub pairings: Count,
    pub mean_change: Stat,
    pub rose: Count,
    pub same: Count,
    pub fell: Count,
}

/// Mentor load as a distribution: how many mentors are empty, under half, at half or more,
/// or full. Per-mentor load would name mentors who did not agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Load {
    pub mentors: Count,
    pub seats_in_use: Count,
    pub capacity: Count,
    pub utilisation: Stat,
    pub full: Count,
    pub spread: Vec<Counted>,
}

/// A mentor who agreed to be recognised, and what they gave in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedMentor {
    pub name: String,
    pub sessions: u64,
    pub minutes: u64,
    pub milestones_achieved: u64,
    pub endorsements: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recognition {
    /// Mentors who held a session, saw a learner's milestone or endorsed one in the period.
    pub mentors_contributing: Count,
    /// By name, alphabetically (a named report only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named: Option<Vec<NamedMentor>>,
    /// Contributing mentors who did not agree to be named: counted, never named.
    pub not_named: Count,
    pub sessions: Count,
    pub minutes: Count,
    pub milestones_achieved: Count,
    pub endorsements: Count,
}

/// Concerns of one kind: open now and resolved (never their words).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concerns {
    pub kind: String,
    pub open: Count,
    pub resolved: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attention {
    pub needs_check_in: Count,
    pub at_risk: Count,
}

/// Everything a report shows, with the mode's rules already applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    #[serde(skip)]
    pub mode: Mode,
    pub period: String,
    pub from: Option<String>,
    pub to: String,
    pub generated: String,
    pub learners_total: Count,
    pub learners: Vec<Counted>,
    pub waiting: Count,
    pub waiting_median_days: Stat,
    pub times: Vec<Times>,
    pub parts: Vec<Part>,
    pub confidence_by_week: Vec<Week>,
    pub confidence_change: Change,
    pub pairings_ended: Vec<Counted>,
    pub mentor_load: Load,
    pub attention: Attention,
    /// By kind, every kind listed (a report says 0 rather than leave one out).
    pub concerns: Vec<Concerns>,
    pub recognition: Recognition,
    pub reflections: ReflectionSection,
}

fn day(at: DateTime<Utc>, zone: chrono_tz::Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d").to_string()
}

impl Model {
    pub fn build(insight: &Insight, mode: Mode, generated: DateTime<Utc>) -> Model {
        let m: &ProgramMetrics = &insight.metrics;
        let count = |n: u64| Count::of(n, mode);
        let learners = m
            .learners
            .by_status
            .iter()
            .map(|s| Counted {
                label: s.status.to_string(),
                count: count(s.count),
            })
            .collect();
        let times = vec![
            Times::of("time_to_match", "Time to match", &m.time_to_match, mode),
            Times::of(
                "time_to_first_checkin",
                "Time to first check-in",
                &m.time_to_first_checkin,
                mode,
            ),
            Times::of(
                "time_to_first_milestone",
                "Time to first milestone",
                &m.time_to_first_milestone,
                mode,
            ),
        ];
        let parts = vec![
            Part::of(
                "milestone_completion",
                "Milestones achieved of those due",
                &m.milestone_completion,
                mode,
            ),
            Part::of(
                "project_completion",
                "Projects achieved of those due",
                &m.project_completion,
                mode,
            ),
            Part::of(
                "checkin_adherence",
                "Active pairings on cadence",
                &m.checkin_adherence,
                mode,
            ),
        ];
        let confidence_by_week = m
            .confidence_by_week
            .iter()
            .map(|w| Week {
                week: w.week.to_string(),
                mean: Stat::of(Some(w.mean), w.ratings, mode),
                ratings: count(w.ratings),
            })
            .collect();
        let c = &m.confidence_change;
        let confidence_change = Change {
            pairings: count(c.pairings),
            mean_change: Stat::of(c.mean_change, c.pairings, mode),
            rose: count(c.rose),
            same: count(c.same),
            fell: count(c.fell),
        };
        Model {
            mode,
            period: m.period.clone(),
            from: m.from.map(|at| day(at, insight.zone)),
            to: day(m.to, insight.zone),
            generated: generated.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            learners_total: count(m.learners.total),
            learners,
            waiting: count(m.waiting.count),
            waiting_median_days: Stat::of(m.waiting.median_days, m.waiting.count, mode),
            times,
            parts,
            confidence_by_week,
            confidence_change,
            pairings_ended: ended(m, mode),
            mentor_load: load(m, mode),
            attention: attention(insight, mode),
            concerns: insight
                .concerns
                .iter()
                .map(|c| Concerns {
                    kind: c.kind.to_string(),
                    open: count(c.open),
                    resolved: count(c.resolved),
                })
                .collect(),
            recognition: recognition(m, mode),
            reflections: ReflectionSection::of(&m.reflections, mode),
        }
    }

    /// The definitions of the metrics the report shows.
    pub fn definitions(&self) -> &'static [(&'static str, &'static str)] {
        DEFINITIONS
    }
}

/// End reasons; in an anonymised report a coordinator's own words become "other reason".
fn ended(m: &ProgramMetrics, mode: Mode) -> Vec<Counted> {
    let mut rows: Vec<(String, u64)> = Vec::new();
    for e in &m.pairings_ended {
        let label = if e.named || mode == Mode::Named {
            clean_line(&e.reason)
        } else {
            "other reason".to_string()
        };
        match rows.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += e.count,
            None => rows.push((label, e.count)),
        }
    }
    rows.into_iter()
        .map(|(label, n)| Counted {
            label,
            count: Count::of(n, mode),
        })
        .collect()
}

fn load(m: &ProgramMetrics, mode: Mode) -> Load {
    let l = &m.mentor_load;
    let mut spread = [0u64; 4];
    for row in &l.mentors {
        let slot = if row.seats == 0 {
            0
        } else if row.seats >= row.capacity {
            3
        } else if row.seats * 2 >= row.capacity {
            2
        } else {
            1
        };
        spread[slot] += 1;
    }
    let labels = ["no learner", "under half", "half or more", "full"];
    Load {
        mentors: Count::of(l.mentors.len() as u64, mode),
        seats_in_use: Count::of(l.seats_in_use, mode),
        capacity: Count::of(l.capacity, mode),
        utilisation: Stat::of(l.utilisation, l.seats_in_use, mode),
        full: Count::of(l.full, mode),
        spread: labels
            .iter()
            .zip(spread)
            .map(|(label, n)| Counted {
                label: label.to_string(),
                count: Count::of(n, mode),
            })
            .collect(),
    }
}

fn attention(insight: &Insight, mode: Mode) -> Attention {
    let of = |health: Health| {
        let n = insight
            .at_risk
            .iter()
            .filter(|r| r.health == health)
            .count() as u64;
        Count::of(n, mode)
    };
    Attention {
        needs_check_in: of(Health::NeedsCheckIn),
        at_risk: of(Health::AtRisk),
    }
}

fn recognition(m: &ProgramMetrics, mode: Mode) -> Recognition {
    let all = &m.contributions;
    let sum = |f: &dyn Fn(&crate::domain::metrics::Contribution) -> u64| {
        Count::of(all.iter().map(f).sum(), mode)
    };
    let agreed: Vec<_> = all.iter().filter(|c| c.recognition).collect();
    let named = (mode == Mode::Named).then(|| {
        let mut named: Vec<NamedMentor> = agreed
            .iter()
            .map(|c| NamedMentor {
                name: clean_line(&c.name),
                sessions: c.sessions,
                minutes: c.minutes,
                milestones_achieved: c.milestones_achieved,
                endorsements: c.endorsements,
            })
            .collect();
        named.sort_by_key(|n| (n.name.to_lowercase(), n.name.clone()));
        named
    });
    let not_named = match mode {
        Mode::Named => all.len() - agreed.len(),
        Mode::Anonymized => all.len(),
    };
    Recognition {
        mentors_contributing: Count::of(all.len() as u64, mode),
        named,
        not_named: Count::of(not_named as u64, mode),
        sessions: sum(&|c| c.sessions),
        minutes: sum(&|c| c.minutes),
        milestones_achieved: sum(&|c| c.milestones_achieved),
        endorsements: sum(&|c| c.endorsements),
    }
}
