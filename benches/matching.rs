//! Matching benchmarks: scoring a whole cohort from people, and the three plan strategies on
//! synthetic cohort problems (deterministic: fixed seeds, see `matching::synthetic`).
//!
//! Run: `cargo bench --bench matching` (add `MATCHING_BENCH_LARGE=1` for optimal and
//! stable at 20,000 × 3,000, `MATCHING_BENCH_HUGE=1` for optimal at 50,000 × 5,000 with
//! ~10 M pairs).

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use mentordesk::matching::{
    CohortProblem, MatchContext, MentorStanding, Strategy, Weights, plan, score_cohort, synthetic,
};

/// 5,000 × 1,000 with about half the pairs allowed (~2.5M pairs).
fn mid_problem() -> CohortProblem {
    synthetic::problem(5_000, 1_000, 500, 7)
}

/// 20,000 × 3,000 with one pair in ten allowed (~6M pairs: the input alone is ~150 MB).
fn large_problem() -> CohortProblem {
    synthetic::problem(20_000, 3_000, 100, 11)
}

fn scoring(c: &mut Criterion) {
    let Ok((learners, mentors)) = synthetic::people(5_000, 1_000, 3) else {
        panic!("synthetic people are valid");
    };
    let standings: Vec<MentorStanding<'_>> = mentors
        .iter()
        .map(|mentor| MentorStanding {
            mentor,
            seats_in_use: 0,
            recent_declines: 0,
        })
        .collect();
    let Some(monday) = NaiveDate::from_ymd_opt(2026, 3, 23) else {
        panic!("valid date");
    };
    let ctx = MatchContext::new(monday, chrono_tz::Europe::Madrid);
    let weights = Weights::default();
    let sample = score_cohort(&learners, &standings, &[], &weights, &ctx);
    eprintln!(
        "score_cohort 5000x1000: {} allowed pairs of {}",
        sample.pairs.len(),
        5_000 * 1_000
    );
    let mut group = c.benchmark_group("score");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("score_cohort 5000x1000", |b| {
        b.iter(|| score_cohort(&learners, &standings, &[], &weights, &ctx))
    });
    group.finish();
}

fn plans(c: &mut Criterion) {
    let mid = mid_problem();
    eprintln!("mid problem: {} pairs", mid.pairs.len());
    let mut group = c.benchmark_group("plan 5000x1000");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for strategy in Strategy::ALL {
        if let Ok(result) = plan(&mid, strategy) {
            let summary = result.summary(&mid);
            eprintln!(
                "{strategy}: matched {} of {}, total {}",
                summary.matched, summary.learners, summary.total_score
            );
        }
        group.bench_function(strategy.as_str(), |b| b.iter(|| plan(&mid, strategy)));
    }
    group.finish();

    // One run of the large case takes a few seconds (it was tens of seconds before the
    // auction solver); criterion's minimum of 10 samples is still long, so it runs only
    // when asked for.
    if std::env::var_os("MATCHING_BENCH_LARGE").is_none() {
        return;
    }
    let large = large_problem();
    eprintln!("large problem: {} pairs", large.pairs.len());
    let mut group = c.benchmark_group("plan 20000x3000");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("optimal", |b| b.iter(|| plan(&large, Strategy::Optimal)));
    group.bench_function("stable", |b| b.iter(|| plan(&large, Strategy::Stable)));
    group.finish();
}

/// 50,000 × 5,000 with one pair in 25 allowed (~10 M pairs): the platform-sized case.
fn huge(c: &mut Criterion) {
    if std::env::var_os("MATCHING_BENCH_HUGE").is_none() {
        return;
    }
    let huge = synthetic::problem(50_000, 5_000, 40, 13);
    eprintln!("huge problem: {} pairs", huge.pairs.len());
    let mut group = c.benchmark_group("plan 50000x5000");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("optimal", |b| b.iter(|| plan(&huge, Strategy::Optimal)));
    group.finish();
}

criterion_group!(benches, scoring, plans, huge);
criterion_main!(benches);
