//! The schema: the migration steps in `migrations/`, in order, and the version this build
//! writes. Opening the file (`open.rs`) runs them.

use rusqlite_migration::M;

/// The schema steps, in order; the position of each is its `user_version`.
pub(super) fn migrations() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("migrations/001_initial.sql")),
        M::up(include_str!("migrations/002_pairing_events.sql")),
        M::up(include_str!("migrations/003_milestone_from_checkin.sql")),
        M::up_with_hook(
            include_str!("migrations/004_desk_identity.sql"),
            super::identity::name_rows_and_desk,
        )
        .foreign_key_check(),
        M::up(include_str!("migrations/005_pairings_by_learner.sql")),
        M::up(include_str!("migrations/006_mentor_recognition.sql")),
        M::up(include_str!("migrations/007_audit_insert_only.sql")),
        M::up(include_str!("migrations/008_operation_log.sql")),
        M::up(include_str!("migrations/009_erasures.sql")),
        M::up(include_str!("migrations/010_mentor_pause.sql")),
        M::up(include_str!("migrations/011_notes_search.sql")),
        M::up(include_str!("migrations/012_concerns.sql")).foreign_key_check(),
        M::up(include_str!("migrations/013_checkin_guide.sql")),
        M::up(include_str!("migrations/014_reflections.sql")),
        M::up(include_str!("migrations/015_learner_preferences.sql")),
    ]
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_number_of_steps() {
        assert_eq!(SCHEMA_VERSION as usize, migrations().len());
    }
}
