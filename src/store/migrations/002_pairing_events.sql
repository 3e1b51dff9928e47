-- mentordesk schema 2: pauses and resumes of a pairing, and when a milestone was dropped.
-- A pairing row holds only its current state (and when it started and ended); the moves in
-- between are rows here so a learner's time line can show them. Deleting a pairing (an undone
-- approval) takes its events with it.

CREATE TABLE pairing_events (
    id      INTEGER PRIMARY KEY,
    pairing INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('paused', 'resumed')),
    reason  TEXT,
    actor   TEXT NOT NULL
) STRICT;
CREATE INDEX pairing_events_by_pairing ON pairing_events (pairing, at);

ALTER TABLE milestones ADD COLUMN dropped_at TEXT;
