//! The point queries answer from an index: `EXPLAIN QUERY PLAN` on each shows a `SEARCH`,
//! never a `SCAN` of the table, so one learner's time line or one pair's approval costs the
//! same on ten thousand learners as on ten.

use super::Store;

/// Each point query, named for the failure message.
const POINT_QUERIES: &[(&str, &str)] = &[
    (
        "one pairing's check-ins",
        super::checkins::CHECKINS_OF_PAIRING,
    ),
    (
        "whether a pairing has check-ins",
        super::checkins::ANY_CHECKIN_OF_PAIRING,
    ),
    ("one check-in", super::checkins::ONE_CHECKIN),
    (
        "one learner's milestones",
        super::milestones::MILESTONES_OF_LEARNER,
    ),
    ("one milestone", super::milestones::ONE_MILESTONE),
    (
        "pairings in one status",
        super::pairings::PAIRINGS_IN_STATUS,
    ),
    (
        "one learner's pairings",
        super::pairings::PAIRINGS_OF_LEARNER,
    ),
    (
        "one mentor's recent declines",
        super::pairings::RECENT_DECLINES_OF_MENTOR,
    ),
    (
        "one mentor's seats in use",
        super::people::SEATS_IN_USE_OF_MENTOR,
    ),
    ("one pair's exclusion", super::exclusions::ONE_EXCLUSION),
    (
        "one learner's reflections",
        super::reflections::REFLECTIONS_OF_LEARNER,
    ),
];

/// The plan's detail lines, e.g. `SEARCH checkins USING INDEX checkins_by_pairing (pairing=?)`.
fn plan(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    // The plan does not depend on the values; every parameter is bound to NULL.
    let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
    stmt.query_map(rusqlite::params_from_iter(nulls), |row| {
        row.get::<_, String>(3)
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Whether the plan reads a whole table instead of searching an index (`SCAN CONSTANT ROW`
/// is the one-row frame of `SELECT EXISTS (…)`, no table).
fn scans(plan: &[String]) -> bool {
    plan.iter()
        .any(|line| line.starts_with("SCAN ") && line != "SCAN CONSTANT ROW")
}

#[test]
fn point_queries_search_an_index() {
    let store = Store::open_in_memory().unwrap();
    let mut scanning = Vec::new();
    for (name, sql) in POINT_QUERIES {
        let plan = plan(&store, sql);
        let searches = plan.iter().any(|line| line.starts_with("SEARCH "));
        if scans(&plan) || !searches {
            scanning.push(format!("{name}: {plan:?}"));
        }
    }
    assert!(scanning.is_empty(), "{}", scanning.join("\n"));
}

#[test]
fn an_optional_filter_scans_which_is_why_it_was_split() {
    let store = Store::open_in_memory().unwrap();
    let optional = plan(
        &store,
        "SELECT id FROM checkins WHERE ?1 IS NULL OR pairing = ?1 ORDER BY at, id",
    );
    assert!(scans(&optional), "{optional:?}");
}
