-- mentordesk schema (issue 16): concerns about a pairing, raised by a mentor or the
-- coordinator, open until resolved with a note of what was done.
--
-- `uid` names a concern across desks (a concern raised on a mentor desk travels in its sync
-- bundle under this id). Conduct and safety concerns are always high. A resolution is whole
-- or absent: when, by whom and what was done.

CREATE TABLE concerns (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uid         TEXT NOT NULL UNIQUE,
    pairing     INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('conduct', 'safety', 'no-show', 'mismatch', 'wellbeing', 'other')),
    severity    TEXT NOT NULL CHECK (severity IN ('low', 'high')),
    note        TEXT NOT NULL,
    author      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    raised_at   TEXT NOT NULL,
    -- The check-in it was raised with. No reference: on the coordinator's desk a concern may
    -- arrive in a bundle whose check-in is refused or still on its way.
    checkin     TEXT,
    resolved_at TEXT,
    resolved_by TEXT,
    resolution  TEXT,
    CHECK (kind NOT IN ('conduct', 'safety') OR severity = 'high'),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL)
           AND (resolved_at IS NULL) = (resolution IS NULL))
) STRICT;
CREATE INDEX concerns_by_pairing ON concerns (pairing, raised_at);
CREATE INDEX concerns_open ON concerns (severity, raised_at) WHERE resolved_at IS NULL;

-- A concern raised on a mentor desk is a third kind of sync record: the journal (mentor side)
-- and the received records (coordinator side) take it. SQLite cannot change a CHECK in
-- place, so both tables are copied into new ones with the wider check.
CREATE TABLE sync_journal_new (
    id            TEXT PRIMARY KEY,
    origin_device TEXT NOT NULL,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    kind          TEXT NOT NULL CHECK (kind IN ('checkin', 'milestone', 'concern')),
    body          TEXT NOT NULL,
    hash          TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    acked_at      TEXT,
    rejected      TEXT,
    UNIQUE (origin_device, seq)
) STRICT;
INSERT INTO sync_journal_new (id, origin_device, seq, kind, body, hash, recorded_at, acked_at,
                              rejected)
SELECT id, origin_device, seq, kind, body, hash, recorded_at, acked_at, rejected
FROM sync_journal;
DROP TABLE sync_journal;
ALTER TABLE sync_journal_new RENAME TO sync_journal;

CREATE TABLE sync_received_new (
    record_id     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    mentor        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('checkin', 'milestone', 'concern')),
    body          TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('applied', 'conflict', 'waiting', 'rejected')),
    import        INTEGER NOT NULL REFERENCES sync_imports (id),
    PRIMARY KEY (record_id, hash)
) STRICT;
INSERT INTO sync_received_new (record_id, hash, origin_device, seq, mentor, kind, body, outcome,
                               import)
SELECT record_id, hash, origin_device, seq, mentor, kind, body, outcome, import
FROM sync_received;
DROP TABLE sync_received;
ALTER TABLE sync_received_new RENAME TO sync_received;
CREATE INDEX sync_received_by_device ON sync_received (origin_device, seq);
CREATE INDEX sync_received_waiting ON sync_received (outcome) WHERE outcome = 'waiting';
