//! Long work off the UI thread: cohort plans and strategy comparisons run on a `std::thread`
//! and report back through a channel, so the desk keeps answering keys meanwhile.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::desk::{CohortInput, CohortPlan, PlanSummary, Strategy};

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
    Plan(Result<CohortPlan, String>),
    Compare(Result<Vec<StrategyResult>, String>),
}

/// A job under way.
#[derive(Debug)]
pub struct Job {
    pub label: String,
    pub started: Instant,
    receiver: Receiver<JobOutcome>,
}

impl Job {
    /// Plans the cohort with `strategy` on another thread.
    pub fn plan(input: CohortInput, strategy: Strategy) -> Job {
        Job::spawn(format!("Planning the cohort ({strategy})"), move || {
            JobOutcome::Plan(input.solve(strategy).map_err(|e| e.to_string()))
        })
    }

    /// Scores the cohort once and solves it with every strategy, on another thread.
    pub fn compare(input: CohortInput) -> Job {
        Job::spawn("Comparing strategies".into(), move || {
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

    fn spawn(label: String, work: impl FnOnce() -> JobOutcome + Send + 'static) -> Job {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            // The receiver may be gone if the desk quit meanwhile; nothing to do then.
            let _ = sender.send(work());
        });
        Job {
            label,
            started: Instant::now(),
            receiver,
        }
    }

    /// The outcome when the job has finished.
    pub fn poll(&self) -> Option<JobOutcome> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(JobOutcome::Plan(Err(
                "the background work stopped unexpectedly".into(),
            ))),
        }
    }

    /// Waits for the outcome (tests, and quitting cleanly).
    pub fn wait(&self, limit: Duration) -> Option<JobOutcome> {
        self.receiver.recv_timeout(limit).ok()
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
