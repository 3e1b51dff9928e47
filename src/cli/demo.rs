//! `mentordesk demo`: fill the desk with a seeded synthetic program with months of history.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use super::BadInput;
use crate::demo::{DemoSpec, generate};
use crate::desk::{Desk, NewProgram};

/// Largest synthetic program the generator is asked for.
const MAX_LEARNERS: usize = 100_000;
const MAX_MENTORS: usize = 20_000;

/// The spec from the command's options: the standard program for sizes not given.
pub fn spec(learners: Option<usize>, mentors: Option<usize>, seed: u64) -> Result<DemoSpec> {
    let standard = DemoSpec::standard();
    let spec = DemoSpec {
        learners: learners.unwrap_or(standard.learners),
        mentors: mentors.unwrap_or(standard.mentors),
        seed,
    };
    if spec.learners == 0 || spec.learners > MAX_LEARNERS {
        return Err(BadInput(format!("--learners must be from 1 to {MAX_LEARNERS}")).into());
    }
    if spec.mentors == 0 || spec.mentors > MAX_MENTORS {
        return Err(BadInput(format!("--mentors must be from 1 to {MAX_MENTORS}")).into());
    }
    Ok(spec)
}

/// Generates and loads the program; returns the one-line summary.
pub fn load(desk: &mut Desk, spec: &DemoSpec, replace: bool) -> Result<String> {
    let started = Instant::now();
    let program = generate(spec, desk.now());
    let generated = started.elapsed();
    let label = format!(
        "demo:learners={},mentors={},seed={}",
        spec.learners, spec.mentors, spec.seed
    );
    desk.load_program(
        &label,
        NewProgram {
            mentors: &program.mentors,
            learners: &program.learners,
            pairings: &program.pairings,
            checkins: &program.checkins,
            milestones: &program.milestones,
            exclusions: &program.exclusions,
        },
        replace,
    )?;
    let total = started.elapsed();
    Ok(format!(
        "demo program (seed {}): {} learners, {} mentors, {} pairings, {} check-ins, {} milestones \
         in {:.0} ms (generate {:.0} ms, write {:.0} ms)",
        spec.seed,
        program.learners.len(),
        program.mentors.len(),
        program.pairings.len(),
        program.checkins.len(),
        program.milestones.len(),
        total.as_secs_f64() * 1000.0,
        generated.as_secs_f64() * 1000.0,
        (total - generated).as_secs_f64() * 1000.0,
    ))
}

pub fn run(
    desk: &mut Desk,
    learners: Option<usize>,
    mentors: Option<usize>,
    seed: u64,
    force: bool,
) -> Result<ExitCode> {
    let spec = spec(learners, mentors, seed)?;
    // The program a forced demo replaces is kept first: a backup costs a moment, a lost
    // program cannot be had back.
    let kept = if force && desk.holds_program()? {
        Some(desk.backup_before("before-demo")?)
    } else {
        None
    };
    let summary = load(desk, &spec, force)?;
    say!("loaded {summary}");
    if let Some(kept) = kept {
        say!(
            "the program it replaced is kept as {} (`mentordesk restore {} --force` brings it back)",
            kept.display(),
            kept.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
