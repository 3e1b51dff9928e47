//! Cohort plans: `scores` (the problem as a file) and `plan`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::BadInput;
use super::names::Names;
use super::review::points;
use super::table::Table;
use crate::desk::{CohortPlan, Desk, Unmatched, solve};
use crate::domain::text::shown_path;
use crate::domain::{LearnerId, MentorId};
use crate::exchange::file::{SCORES, open_capped};
use crate::exchange::scores::{read_scores, write_scores};
use crate::matching::Strategy;

/// Writes the cohort problem as a scores file on stdout, as a stream (bounded memory
/// whatever the cohort's size).
pub fn scores(desk: &mut Desk) -> Result<ExitCode> {
    let (problem, _) = desk.cohort_input()?.score();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    write_scores(&problem, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// Plans from a scores file instead of the database. The file is read as a stream; its
/// length caps what the reading may reserve.
fn plan_from_file(file: &Path, strategy: Strategy) -> Result<CohortPlan> {
    let started = std::time::Instant::now();
    let mut reader = open_capped(file, SCORES).map_err(|e| BadInput(e.to_string()))?;
    // A pipe or device has no length: the cap bounds what the reading may reserve.
    let length = reader.expected().unwrap_or(SCORES.max_bytes);
    // serde_json reads a byte at a time: buffered, or every byte is a system call.
    let buffered = std::io::BufReader::with_capacity(1 << 16, &mut reader);
    let problem = read_scores(&shown_path(file), buffered, length).map_err(|e| {
        if let Some(too_large) = reader.passed_limit() {
            anyhow::Error::new(BadInput(too_large.to_string()))
        } else if e.is_user_error() {
            anyhow::Error::new(BadInput(e.to_string()))
        } else {
            anyhow::Error::new(e)
        }
    })?;
    let load = started.elapsed().as_secs_f64() * 1000.0;
    Ok(solve(problem, strategy, load, 0.0)?)
}

/// Plans from a scores file: no database is opened.
pub fn plan_file(file: &Path, strategy: &str, as_json: bool, save: bool) -> Result<ExitCode> {
    if save {
        return Err(BadInput(format!(
            "--save stores plans made from this desk's data; {} is a scores file",
            shown_path(file)
        ))
        .into());
    }
    print_plan(&plan_from_file(file, strategy.parse()?)?, None, as_json)?;
    Ok(ExitCode::SUCCESS)
}

/// Plans from the database, and saves the proposals when asked.
pub fn plan(desk: &mut Desk, strategy: &str, as_json: bool, save: bool) -> Result<ExitCode> {
    let cohort = desk.plan_cohort(strategy.parse()?)?;
    let known = Known {
        names: Names::read(desk)?,
        unmatched: desk.why_unmatched(&cohort)?,
    };
    print_plan(&cohort, Some(&known), as_json)?;
    if save {
        let crate::desk::SavedPlan { saved, replaced } = desk.save_plan_replacing(&cohort)?;
        let note = format!(
            "saved {saved} proposals for review, replacing {replaced} earlier unreviewed \
             (nothing is a pairing until approved)"
        );
        if as_json {
            eprintln!("{}", crate::domain::text::for_terminal(&note))
        } else {
            say!("\n{note}")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What the desk knows besides a plan: names, and why each unmatched learner is (a plan
/// from a scores file has neither).
pub struct Known {
    names: Names,
    unmatched: Vec<(LearnerId, Unmatched)>,
}

impl Known {
    fn learner(&self, id: &str) -> (String, Option<String>) {
        match LearnerId::parse(id) {
            Ok(id) => {
                let why = self
                    .unmatched
                    .iter()
                    .find(|(l, _)| *l == id)
                    .map(|(_, why)| why.to_string());
                (self.names.learner_name(&id).to_string(), why)
            }
            Err(_) => ("unknown".into(), None),
        }
    }

    fn mentor(&self, id: &str) -> String {
        MentorId::parse(id).map_or("unknown".into(), |id| {
            self.names.mentor_name(&id).to_string()
        })
    }
}

/// Prints a plan for people or as the `plan --json` contract (with `known`, names beside
/// ids and `unmatched_why`).
pub fn print_plan(cohort: &CohortPlan, known: Option<&Known>, as_json: bool) -> Result<()> {
    let problem = &cohort.problem;
    let summary = cohort.plan.summary(problem);
    let with_name = |id: &str, name: Option<String>| match name {
        Some(name) => format!("{name} ({id})"),
        None => id.to_string(),
    };
    if as_json {
        let pairs: Vec<_> = cohort
            .plan
            .pairs
            .iter()
            .map(|(l, m, s)| {
                let (learner, mentor) = (problem.learner_id(*l), problem.mentor_id(*m));
                let mut pair = json!({"learner": learner, "mentor": mentor, "score": s});
                if let Some(known) = known {
                    pair["learner_name"] = json!(known.learner(learner).0);
                    pair["mentor_name"] = json!(known.mentor(mentor));
                }
                pair
            })
            .collect();
        let unmatched: Vec<_> = cohort
            .plan
            .unmatched
            .iter()
            .map(|l| problem.learner_id(*l))
            .collect();
        let mut value = json!({
            "strategy": cohort.strategy.as_str(),
            "pairs": pairs,
            "unmatched": unmatched,
            "matched": summary.matched,
            "total_score": summary.total_score,
            "timing_ms": cohort.timings,
        });
        if let Some(known) = known {
            let why: Vec<_> = unmatched
                .iter()
                .map(|id| {
                    let (name, why) = known.learner(id);
                    json!({"learner": id, "learner_name": name, "why": why})
                })
                .collect();
            value["unmatched_why"] = json!(why);
        }
        say!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    let score_text = |s: i64| {
        u32::try_from(s)
            .ok()
            .filter(|s| *s <= 1000)
            .map_or(s.to_string(), points)
    };
    say!(
        "{} plan: {} of {} waiting learners matched; scores (0–100): total {} (the sum over \
         matched pairs), mean {}, lowest {}",
        cohort.strategy,
        summary.matched,
        summary.learners,
        crate::matching::score_text(summary.total_score as f64),
        summary
            .mean_score
            .map_or("-".into(), crate::matching::score_text),
        summary.lowest_score.map_or("-".into(), score_text),
    );
    say!(
        "mentors used {} of {}; learners per mentor with a free seat: {} to {}",
        summary.mentors_used,
        problem.mentors.len(),
        summary.min_load,
        summary.max_load
    );
    say!(
        "time: load {:.1} ms, score {:.1} ms, solve {:.1} ms\n",
        cohort.timings.load,
        cohort.timings.score,
        cohort.timings.solve
    );
    let best = cohort.best_scores();
    let mut table = Table::new(&["LEARNER", "MENTOR", "SCORE", "BELOW BEST"]);
    for (l, m, s) in &cohort.plan.pairs {
        let gap = best.get(*l as usize).copied().unwrap_or(*s) - s;
        let (learner, mentor) = (problem.learner_id(*l), problem.mentor_id(*m));
        table.row(vec![
            with_name(learner, known.map(|k| k.learner(learner).0)),
            with_name(mentor, known.map(|k| k.mentor(mentor))),
            score_text(*s),
            if gap == 0 {
                "best".into()
            } else {
                score_text(gap)
            },
        ]);
    }
    say_raw!("{}", table.render());
    if !cohort.plan.unmatched.is_empty() {
        let allowed = problem.allowed_counts();
        say!("\nunmatched ({}):", cohort.plan.unmatched.len());
        for index in &cohort.plan.unmatched {
            let id = problem.learner_id(*index);
            match known {
                Some(known) => {
                    let (name, why) = known.learner(id);
                    say!(
                        "  {}: {}",
                        with_name(id, Some(name)),
                        why.unwrap_or_else(|| "no reason found".into())
                    );
                }
                // A scores file lists only the pairs the hard rules allow.
                None if allowed.get(*index as usize).is_none_or(|n| *n == 0) => {
                    say!("  {id}: the scores file allows no mentor for this learner");
                }
                None => say!("  {id}: every mentor allowed for this learner is full in this plan"),
            }
        }
    }
    Ok(())
}
