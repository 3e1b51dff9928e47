//! Times one plan strategy on a seeded synthetic cohort, in this thread's CPU time (which a
//! busy machine does not stretch the way it stretches wall time), and prints the plan's
//! objective so runs before and after a change can be checked to agree.
//!
//! `cargo run --release --example plan_probe -- STRATEGY LEARNERS MENTORS PERMILLE SEED [RUNS]`
//! (for example `optimal 5000 1000 500 7 5`): the fastest of RUNS runs (default 5) of
//! `matching::plan`, indexing included, beside the slowest and the wall time of the fastest.
//!
//! `… -- STRATEGY --scores FILE [RUNS]` reads the problem from a scores file instead, and
//! also times the reading (as `plan --scores` reads it, and parsed from bytes in memory).

use std::time::{Duration, Instant};

use mentordesk::exchange::scores::{parse_scores, read_scores};
use mentordesk::matching::{CohortProblem, Strategy, plan, synthetic};

/// CPU time this thread has used so far (Linux; zero where the figure is unavailable).
fn thread_cpu() -> Duration {
    let raw = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let nanos = raw
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(nanos)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strategy: Strategy = args.first().map_or("optimal", String::as_str).parse()?;
    let number = |at: usize, default: u64| {
        args.get(at)
            .and_then(|raw| raw.parse::<u64>().ok())
            .unwrap_or(default)
    };
    let (problem, runs) = if args.get(1).is_some_and(|a| a == "--scores") {
        let file = args.get(2).ok_or("--scores needs a file")?;
        (read_timed(file)?, number(3, 5).max(1))
    } else {
        let problem = synthetic::problem(
            number(1, 5_000) as usize,
            number(2, 1_000) as usize,
            number(3, 500),
            number(4, 7),
        );
        (problem, number(5, 5).max(1))
    };
    let mut times = Vec::new();
    let mut objective = None;
    for _ in 0..runs {
        let (cpu, wall) = (thread_cpu(), Instant::now());
        let result = plan(&problem, strategy)?;
        times.push((thread_cpu() - cpu, wall.elapsed()));
        let found = result.objective();
        if objective.is_some_and(|o| o != found) {
            return Err(format!("runs disagree: {objective:?} then {found:?}").into());
        }
        objective = Some(found);
    }
    times.sort();
    let (best, wall) = times[0];
    let worst = times[times.len() - 1].0;
    let (matched, total) = objective.unwrap_or_default();
    println!(
        "{strategy} {} x {}, {} pairs: cpu best {:.1} ms (worst {:.1} ms, wall {:.1} ms) over \
         {runs} runs; matched {matched}, total {total}",
        problem.learners.len(),
        problem.mentors.len(),
        problem.pairs.len(),
        best.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
        wall.as_secs_f64() * 1e3,
    );
    Ok(())
}

/// Reads `file` as `plan --scores` does (through a 64 KiB buffer) and once more from bytes
/// already in memory, printing the thread CPU time of each.
fn read_timed(file: &str) -> Result<CohortProblem, Box<dyn std::error::Error>> {
    let length = std::fs::metadata(file)?.len();
    let cpu = thread_cpu();
    let reader = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(file)?);
    let problem = read_scores(file, reader, length)?;
    let as_plan = thread_cpu() - cpu;
    let cpu = thread_cpu();
    let bytes = std::fs::read(file)?;
    let in_memory = parse_scores(file, &bytes)?;
    let whole = thread_cpu() - cpu;
    if in_memory != problem {
        return Err("the two readings differ".into());
    }
    println!(
        "read {} pairs ({length} bytes): as plan --scores reads it {:.1} ms, from memory {:.1} ms",
        problem.pairs.len(),
        as_plan.as_secs_f64() * 1e3,
        whole.as_secs_f64() * 1e3
    );
    Ok(problem)
}
