//! Writing a scores file (`mentordesk-scores/2`) as a stream: nothing but the problem itself
//! is held in memory, whatever its size.

use std::io::{self, Write};

use super::FORMAT;
use crate::matching::CohortProblem;

/// Writes `problem` to `out`: the id tables once, then one pair a line as
/// `[learner_index, mentor_index, score, mentor_score]`.
pub fn write_scores(problem: &CohortProblem, out: &mut impl Write) -> io::Result<()> {
    write!(out, "{{\"format\":\"{FORMAT}\",\n\"learners\":[")?;
    for (at, id) in problem.learners.iter().enumerate() {
        if at > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, id)?;
    }
    out.write_all(b"],\n\"mentors\":[")?;
    for (at, (id, capacity)) in problem.mentors.iter().enumerate() {
        if at > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(b"{\"id\":")?;
        serde_json::to_writer(&mut *out, id)?;
        write!(out, ",\"capacity\":{capacity}}}")?;
    }
    out.write_all(b"],\n\"pairs\":[")?;
    for (at, pair) in problem.pairs.iter().enumerate() {
        let separator = if at > 0 { ",\n" } else { "\n" };
        write!(
            out,
            "{separator}[{},{},{},{}]",
            pair.learner, pair.mentor, pair.score, pair.mentor_score
        )?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}
