//! Reviewing matches: `candidates`, `exclude`, `unexclude`, `weights`.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::table::Table;
use crate::desk::Desk;
use crate::desk::trust;
use crate::domain::Learner;
use crate::domain::person::join_list;
use crate::domain::{LearnerId, MentorId};
use crate::matching::{Candidate, Criterion, Ranking, Weights};

/// A score out of 1000 as the desk shows it: 0.0–100.0.
pub fn points(score: u32) -> String {
    crate::matching::score_text(score)
}

pub fn candidates_json(learner: &LearnerId, ranking: &Ranking, top: usize) -> Value {
    let candidates: Vec<Value> = ranking
        .candidates
        .iter()
        .take(top)
        .map(|c| {
            let breakdown: Map<String, Value> = c
                .breakdown
                .criteria
                .iter()
                .map(|s| (s.criterion.as_str().to_string(), json!(s.points)))
                .collect();
            json!({"mentor": c.mentor, "score": c.score, "breakdown": breakdown})
        })
        .collect();
    let rejected: Vec<Value> = ranking
        .rejected
        .iter()
        .map(|r| json!({"mentor": r.mentor, "reasons": r.reasons.iter().map(ToString::to_string).collect::<Vec<_>>()}))
        .collect();
    json!({"learner": learner, "candidates": candidates, "rejected": rejected})
}

/// What the learner said about their match, for the head of a candidate list.
fn wish_words(learner: &Learner) -> Vec<String> {
    let mut words = Vec::new();
    if !learner.prefer.is_empty() {
        words.push(format!(
            "prefers {}",
            join_list(&learner.prefer).replace(';', ", ")
        ));
    }
    if !learner.avoid.is_empty() {
        words.push(format!(
            "avoids {}",
            join_list(&learner.avoid).replace(';', ", ")
        ));
    }
    if let Some(band) = learner.mentor_experience {
        words.push(format!("wishes for a mentor of {band} experience"));
    }
    words
}

pub fn candidates(desk: &mut Desk, learner: &str, top: usize, as_json: bool) -> Result<ExitCode> {
    let id = LearnerId::parse(learner)?;
    let learner = desk.learner(&id)?;
    // Read once: the board ranks over these rows and the table names them.
    let board_names = desk.mentors()?;
    let ranking = desk.match_board_for(board_names.clone())?.rank(&learner);
    if as_json {
        let mut value = candidates_json(&id, &ranking, top);
        // Trust signals beside each candidate: the credential and the track record.
        if let Some(list) = value["candidates"].as_array_mut() {
            for entry in list {
                let row = board_names
                    .iter()
                    .find(|r| entry["mentor"] == json!(r.mentor.id));
                if let Some(row) = row {
                    entry["verified"] = json!(row.mentor.verified);
                    entry["record"] = json!(row.record);
                }
            }
        }
        say!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    let name_of = |m: &MentorId| {
        board_names
            .iter()
            .find(|r| &r.mentor.id == m)
            .map(|r| r.mentor.name.clone())
            .unwrap_or_default()
    };
    let free_of = |m: &MentorId| {
        board_names
            .iter()
            .find(|r| &r.mentor.id == m)
            .map(|r| {
                let free = r.load.capacity.saturating_sub(r.load.seats_in_use);
                format!("{free} of {}", r.load.capacity)
            })
            .unwrap_or_default()
    };
    let row_of = |m: &MentorId| board_names.iter().find(|r| &r.mentor.id == m);
    let verified_of =
        |m: &MentorId| row_of(m).map_or("", |r| if r.mentor.verified { "yes" } else { "no" });
    say!(
        "Candidates for {} {} · track {} · zone {} · languages {}",
        learner.id,
        learner.name,
        learner
            .track
            .map_or("unknown".to_string(), |t| t.to_string()),
        learner
            .timezone
            .map_or("desk default".to_string(), |z| z.name().to_string()),
        Some(join_list(&learner.languages))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "unknown".into()),
    );
    let wishes = wish_words(&learner);
    if !wishes.is_empty() {
        say!("The learner's wishes: {}", wishes.join(" · "));
    }
    say!(
        "{} allowed, {} ruled out. Scores are 0–100; each criterion shows its points (? = unknown, ask).\n",
        ranking.candidates.len(),
        ranking.rejected.len()
    );
    let criteria: Vec<String> = Weights::names().iter().map(|n| n.to_uppercase()).collect();
    // FREE counts free seats, as the desk's Match pane does ("1 of 3": one of three free).
    let mut header = vec!["#", "MENTOR", "NAME", "SCORE", "FREE", "VERIFIED"];
    header.extend(criteria.iter().map(String::as_str));
    let mut table = Table::new(&header);
    let shown: Vec<&Candidate> = ranking.candidates.iter().take(top).collect();
    for (i, c) in shown.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            c.mentor.to_string(),
            name_of(&c.mentor),
            points(c.score),
            free_of(&c.mentor),
            verified_of(&c.mentor).to_string(),
        ];
        row.extend(c.breakdown.criteria.iter().map(|s| {
            if s.unknown {
                "?".to_string()
            } else {
                points(s.points)
            }
        }));
        table.row(row);
    }
    if shown.is_empty() {
        say!("No mentor can be proposed for this learner.");
    } else {
        say_raw!("{}", table.render());
    }
    for (i, c) in shown.iter().take(3).enumerate() {
        say!(
            "\nWhy #{} {} {} ({}):",
            i + 1,
            c.mentor,
            name_of(&c.mentor),
            points(c.score)
        );
        if let Some(row) = row_of(&c.mentor) {
            say!(
                "  {} · {}",
                trust::credential_words(row.mentor.verified),
                trust::record_words(&row.record)
            );
        }
        for s in &c.breakdown.criteria {
            say!(
                "  {:<10} {:>5} of {:>5}  {}",
                s.criterion.as_str(),
                points(s.points),
                points(s.max_points),
                s.note
            );
        }
    }
    if !ranking.rejected.is_empty() {
        say!("\nRuled out:");
        for r in &ranking.rejected {
            let reasons: Vec<String> = r.reasons.iter().map(ToString::to_string).collect();
            say!(
                "  {} {}: {}",
                r.mentor,
                name_of(&r.mentor),
                reasons.join("; ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn exclude(desk: &mut Desk, learner: &str, mentor: &str, reason: &str) -> Result<ExitCode> {
    let (learner, mentor) = (LearnerId::parse(learner)?, MentorId::parse(mentor)?);
    desk.exclude(&learner, &mentor, reason)?;
    say!(
        "{mentor} will not be proposed for {learner} ({})",
        crate::domain::text::shown(reason)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn unexclude(desk: &mut Desk, learner: &str, mentor: &str) -> Result<ExitCode> {
    let (learner, mentor) = (LearnerId::parse(learner)?, MentorId::parse(mentor)?);
    desk.unexclude(&learner, &mentor)?;
    say!("{mentor} may be proposed for {learner} again");
    Ok(ExitCode::SUCCESS)
}

fn weights_json(weights: &Weights) -> Value {
    let map: Map<String, Value> = Weights::names()
        .iter()
        .map(|n| (n.to_string(), json!(weights.get(n))))
        .collect();
    Value::Object(map)
}

pub fn weights(desk: &mut Desk, set: Option<(&str, u32)>, as_json: bool) -> Result<ExitCode> {
    let weights = match set {
        Some((name, value)) => {
            let (before, after) = desk.set_weight(name, value)?;
            if !as_json {
                let name = name.trim().to_ascii_lowercase();
                say!(
                    "{name}: {} → {value} (applies to every ranking from now on)",
                    before.get(&name).unwrap_or(0)
                );
            }
            after
        }
        None => desk.weights()?,
    };
    if as_json {
        say!("{}", serde_json::to_string_pretty(&weights_json(&weights))?);
        return Ok(ExitCode::SUCCESS);
    }
    // Shares as scores use them: `prefer` counts only for a learner who stated a preference.
    let allocation = weights.allocation();
    let share = |stated: bool, criterion: Criterion| {
        let points = allocation.for_learner(stated).max_points(criterion);
        format!("{:.1}%", f64::from(points) / 10.0)
    };
    let mut table = Table::new(&["WEIGHT", "VALUE", "SHARE OF SCORE", "WITH A PREFERENCE"]);
    for criterion in Criterion::ALL {
        table.row(vec![
            criterion.to_string(),
            weights.weight(criterion).to_string(),
            share(false, criterion),
            share(true, criterion),
        ]);
    }
    say_raw!("{}", table.render());
    say!(
        "SHARE OF SCORE: for a learner who stated no preference; WITH A PREFERENCE: for one who did."
    );
    Ok(ExitCode::SUCCESS)
}
