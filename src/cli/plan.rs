//! Cohort plans: `scores` (the problem as a file) and `plan`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::BadInput;
use super::review::points;
use super::table::Table;
use crate::desk::{CohortPlan, Desk, solve};
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
    let name = file.display().to_string();
    let cannot_read = |e: std::io::Error| BadInput(format!("cannot read {name}: {e}"));
    let opened = std::fs::File::open(file).map_err(cannot_read)?;
    let length = opened.metadata().map_err(cannot_read)?.len();
    let reader = std::io::BufReader::with_capacity(1 << 16, opened);
    let problem = read_scores(&name, reader, length).map_err(|e| match e {
        refused if refused.is_user_error() => anyhow::Error::new(BadInput(refused.to_string())),
        other => anyhow::Error::new(other),
    })?;
    let load = started.elapsed().as_secs_f64() * 1000.0;
    Ok(solve(problem, strategy, load, 0.0)?)
}

/// Plans from a scores file: no database is opened.
pub fn plan_file(file: &Path, strategy: &str, as_json: bool, save: bool) -> Result<ExitCode> {
    if save {
        return Err(BadInput(format!(
            "--save stores plans made from this desk's data; {} is a scores file",
            file.display()
        ))
        .into());
    }
    print_plan(&plan_from_file(file, strategy.parse()?)?, as_json)?;
    Ok(ExitCode::SUCCESS)
}

/// Plans from the database, and saves the proposals when asked.
pub fn plan(desk: &mut Desk, strategy: &str, as_json: bool, save: bool) -> Result<ExitCode> {
    let cohort = desk.plan_cohort(strategy.parse()?)?;
    print_plan(&cohort, as_json)?;
    if save {
        let saved = desk.save_plan(&cohort)?;
        let note = format!(
            "saved {saved} proposals for review (they replace earlier unreviewed ones; \
             nothing is a pairing until approved)"
        );
        if as_json {
            eprintln!("{note}")
        } else {
            say!("\n{note}")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a plan for people or as the `plan --json` contract.
pub fn print_plan(cohort: &CohortPlan, as_json: bool) -> Result<()> {
    let problem = &cohort.problem;
    let summary = cohort.plan.summary(problem);
    if as_json {
        let pairs: Vec<_> = cohort
            .plan
            .pairs
            .iter()
            .map(|(l, m, s)| json!({"learner": problem.learner_id(*l), "mentor": problem.mentor_id(*m), "score": s}))
            .collect();
        let unmatched: Vec<_> = cohort
            .plan
            .unmatched
            .iter()
            .map(|l| problem.learner_id(*l))
            .collect();
        let value = json!({
            "strategy": cohort.strategy.as_str(),
            "pairs": pairs,
            "unmatched": unmatched,
            "matched": summary.matched,
            "total_score": summary.total_score,
            "timing_ms": cohort.timings,
        });
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
        "{} plan: {} of {} waiting learners matched, total score {}, mean {}, lowest {}",
        cohort.strategy,
        summary.matched,
        summary.learners,
        summary.total_score,
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
        table.row(vec![
            problem.learner_id(*l).to_string(),
            problem.mentor_id(*m).to_string(),
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
        let ids: Vec<&str> = cohort
            .plan
            .unmatched
            .iter()
            .map(|l| problem.learner_id(*l))
            .collect();
        say!("\nunmatched ({}): {}", ids.len(), ids.join(" "));
    }
    Ok(())
}
