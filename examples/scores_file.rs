//! Writes a seeded synthetic cohort problem as a scores file on stdout, for measuring
//! `mentordesk plan --scores` on cohorts larger than a demo program holds (the same problems
//! the matching benchmark solves).
//!
//! `cargo run --release --example scores_file -- LEARNERS MENTORS PERMILLE SEED [--v1]`
//! (`--v1`: the older `mentordesk-scores/1` form, every pair naming its ids).

use std::io::Write;

use mentordesk::exchange::scores::write_scores;
use mentordesk::matching::synthetic;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |at: usize, default: u64| {
        args.get(at)
            .and_then(|raw| raw.parse::<u64>().ok())
            .unwrap_or(default)
    };
    let problem = synthetic::problem(
        number(0, 5_000) as usize,
        number(1, 1_000) as usize,
        number(2, 500),
        number(3, 7),
    );
    eprintln!(
        "{} learners, {} mentors, {} pairs",
        problem.learners.len(),
        problem.mentors.len(),
        problem.pairs.len()
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.iter().any(|a| a == "--v1") {
        write!(out, "{{\"format\":\"mentordesk-scores/1\",\"learners\":[")?;
        for (at, id) in problem.learners.iter().enumerate() {
            let comma = if at > 0 { "," } else { "" };
            write!(out, "{comma}{{\"id\":{}}}", serde_json::to_string(id)?)?;
        }
        write!(out, "],\"mentors\":[")?;
        for (at, (id, capacity)) in problem.mentors.iter().enumerate() {
            let comma = if at > 0 { "," } else { "" };
            let id = serde_json::to_string(id)?;
            write!(out, "{comma}{{\"id\":{id},\"capacity\":{capacity}}}")?;
        }
        write!(out, "],\"pairs\":[")?;
        for (at, p) in problem.pairs.iter().enumerate() {
            let comma = if at > 0 { "," } else { "" };
            let learner = serde_json::to_string(problem.learner_id(p.learner))?;
            let mentor = serde_json::to_string(problem.mentor_id(p.mentor))?;
            write!(
                out,
                "{comma}\n{{\"learner\":{learner},\"mentor\":{mentor},\"score\":{},\"mentor_score\":{}}}",
                p.score, p.mentor_score
            )?;
        }
        writeln!(out, "]}}")?;
        return out.flush();
    }
    write_scores(&problem, &mut out)
}
