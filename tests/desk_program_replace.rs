//! Replacing a whole program (`demo --force`): a desk open on the file sees the change, and
//! no pairing or milestone number of the old program names anything in the new one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use mentordesk::demo::DemoSpec;
use mentordesk::desk::Desk;

fn spec(seed: u64) -> DemoSpec {
    DemoSpec {
        learners: 80,
        mentors: 20,
        seed,
    }
}

fn pairing_ids(desk: &mut Desk) -> BTreeSet<i64> {
    desk.pairings(None)
        .unwrap()
        .iter()
        .map(|p| p.id.0)
        .collect()
}

#[test]
fn an_open_desk_sees_a_replaced_program_and_no_pairing_id_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut loader = Desk::open(&path).unwrap();
    mentordesk::cli::demo::load(&mut loader, &spec(1), false).unwrap();
    let mut watcher = Desk::open(&path).unwrap();
    let before = pairing_ids(&mut watcher);
    assert!(!before.is_empty());
    let seen = watcher.data_version().unwrap();

    mentordesk::cli::demo::load(&mut loader, &spec(2), true).unwrap();

    assert_ne!(
        watcher.data_version().unwrap(),
        seen,
        "the open desk can tell the program changed"
    );
    let after = pairing_ids(&mut watcher);
    assert!(!after.is_empty());
    let highest_before = *before.last().unwrap();
    assert!(
        after.iter().all(|id| *id > highest_before),
        "a pairing id of the replaced program was given again: before {before:?}, after {after:?}"
    );
    // Replacing again with the first program numbers above both.
    let highest_after = *after.last().unwrap();
    mentordesk::cli::demo::load(&mut loader, &spec(1), true).unwrap();
    let again = pairing_ids(&mut watcher);
    assert!(again.iter().all(|id| *id > highest_after));
    assert_eq!(
        again.len(),
        before.len(),
        "same seed, same number of pairings"
    );
    // Checked as `mentordesk check` does, from a connection of its own.
    let report = Desk::open(&path).unwrap().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

/// A desk that searched before another replaced the program checks the file as whole: FTS5
/// caches its index layout per connection and its integrity check used to follow the old
/// layout ("fts5: corruption found reading blob … from table search_text").
#[test]
fn a_desk_that_searched_before_a_replace_finds_the_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut loader = Desk::open(&path).unwrap();
    mentordesk::cli::demo::load(&mut loader, &spec(1), false).unwrap();
    let mut watcher = Desk::open(&path).unwrap();
    assert!(watcher.search("python").unwrap().total > 0);
    let before = watcher.check().unwrap();
    assert!(before.is_ok(), "{:?}", before.problems);

    mentordesk::cli::demo::load(&mut loader, &spec(2), true).unwrap();

    let after = watcher.check().unwrap();
    assert!(after.is_ok(), "{:?}", after.problems);
    assert!(!after.damaged);
    // The watcher still searches the new program, and checks whole again afterwards.
    assert!(watcher.search("python").unwrap().total > 0);
    mentordesk::cli::demo::load(&mut loader, &spec(3), true).unwrap();
    let again = watcher.check().unwrap();
    assert!(again.is_ok(), "{:?}", again.problems);
}
