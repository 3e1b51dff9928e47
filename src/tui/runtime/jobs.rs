//! Long work off the UI thread and off the desk's thread: cohort plans and strategy
//! comparisons solve on a `std::thread` of their own (they need no database) and report
//! back through the runtime's outcome channel, so the desk keeps answering keys and
//! running other effects meanwhile.

use std::sync::mpsc::Sender;
use std::time::Instant;

use crate::desk::{CohortInput, CohortPlan};
use crate::matching::{PlanSummary, Strategy};
use crate::tui::effect::Outcome;

/// One strategy's result in a comparison.
#[derive(Debug, Clone)]
pub struct StrategyResult {
    pub strategy: Strategy,
    pub summary: PlanSummary,
    pub solve_ms: f64,
}

/// What a finished job hands back.
#[derive(Debug)]
pub enum JobOutcome {
    Plan(Result<Box<CohortPlan>, String>),
    Compare(Result<Vec<StrategyResult>, String>),
}

/// A job under way: what it is and since when, for the status line. Its outcome comes
/// back through the runtime's channel as [`super::super::effect::Outcome::Job`].
#[derive(Debug)]
pub struct Job {
    pub label: String,
    pub started: Instant,
}

impl Job {
    /// Plans the cohort with `strategy` on another thread.
    pub fn plan(input: CohortInput, strategy: Strategy, reply: Sender<Outcome>) -> Job {
        Job::spawn(
            format!("Planning the cohort ({strategy})"),
            reply,
            move || {
                JobOutcome::Plan(
                    input
                        .solve(strategy)
                        .map(Box::new)
                        .map_err(|e| e.to_string()),
                )
            },
        )
    }

    /// Scores the cohort once and solves it with every strategy, on another thread.
    pub fn compare(input: CohortInput, reply: Sender<Outcome>) -> Job {
        Job::spawn("Comparing strategies".into(), reply, move || {
            let (problem, score_ms) = input.score();
            let mut results = Vec::new();
            for strategy in Strategy::ALL {
                match crate::desk::solve(problem.clone(), strategy, input.load_ms, score_ms) {
                    Ok(cohort) => results.push(StrategyResult {
                        strategy,
                        summary: cohort.plan.summary(&cohort.problem),
                        solve_ms: cohort.timings.solve,
                    }),
                    Err(e) => return JobOutcome::Compare(Err(e.to_string())),
                }
            }
            JobOutcome::Compare(Ok(results))
        })
    }

    fn spawn(
        label: String,
        reply: Sender<Outcome>,
        work: impl FnOnce() -> JobOutcome + Send + 'static,
    ) -> Job {
        let spawned = std::thread::Builder::new()
            .name("cohort-job".into())
            .spawn({
                let reply = reply.clone();
                // The receiver may be gone if the desk quit meanwhile; nothing to do then.
                move || {
                    let _ = reply.send(Outcome::Job(work()));
                }
            });
        if let Err(e) = spawned {
            let _ = reply.send(Outcome::Job(JobOutcome::Plan(Err(format!(
                "could not start the work: {e}"
            )))));
        }
        Job {
            label,
            started: Instant::now(),
        }
    }

    /// A line for the status bar: what runs, for how long, with a spinner.
    pub fn progress(&self) -> String {
        const SPINNER: [char; 4] = ['|', '/', '-', '\\'];
        let elapsed = self.started.elapsed();
        let frame = SPINNER[(elapsed.as_millis() / 150) as usize % SPINNER.len()];
        format!(
            "{frame} {}… {:.1} s (keys still work)",
            self.label,
            elapsed.as_secs_f64()
        )
    }
}
