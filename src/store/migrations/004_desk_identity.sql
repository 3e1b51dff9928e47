-- mentordesk schema 4: desk identity, ids that are never reused, ids that travel between desks,
-- authors, and the tables of mentor packs and sync bundles.
--
-- Pairings and milestones are rebuilt (SQLite's way to add AUTOINCREMENT) keeping every row,
-- index, trigger and foreign key: an undone approval or a replaced proposal no longer frees its
-- number for the next pairing. Both gain a `uid` (a UUID that names them in files); the
-- migration's hook replaces the placeholders written here with UUIDv7s and makes the desk's
-- device id. Foreign keys are off while migrations run and checked before this one commits.

-- The trigger on mentors names pairings; it is made again once the new table has that name.
DROP TRIGGER mentors_capacity_not_below_load;

CREATE TABLE pairings_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uid             TEXT NOT NULL UNIQUE,
    learner         TEXT NOT NULL REFERENCES learners (id),
    mentor          TEXT NOT NULL REFERENCES mentors (id),
    status          TEXT NOT NULL
                    CHECK (status IN ('proposed', 'active', 'paused', 'completed', 'ended', 'declined')),
    cadence_days    INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 90),
    session_minutes INTEGER NOT NULL CHECK (session_minutes BETWEEN 10 AND 600),
    planned_weeks   INTEGER NOT NULL CHECK (planned_weeks BETWEEN 1 AND 104),
    goals           TEXT,
    score           INTEGER,
    explanation     TEXT,
    created_at      TEXT NOT NULL,
    started_at      TEXT,
    ended_at        TEXT,
    end_reason      TEXT,
    approved_by     TEXT
) STRICT;

INSERT INTO pairings_new (id, uid, learner, mentor, status, cadence_days, session_minutes,
                          planned_weeks, goals, score, explanation, created_at, started_at,
                          ended_at, end_reason, approved_by)
SELECT id, 'pending:' || id, learner, mentor, status, cadence_days, session_minutes,
       planned_weeks, goals, score, explanation, created_at, started_at, ended_at, end_reason,
       approved_by
FROM pairings;

DROP TABLE pairings;
ALTER TABLE pairings_new RENAME TO pairings;

-- A learner holds at most one active or paused pairing.
CREATE UNIQUE INDEX pairings_one_seat_per_learner
    ON pairings (learner) WHERE status IN ('active', 'paused');
CREATE INDEX pairings_by_mentor ON pairings (mentor, status);
CREATE INDEX pairings_by_status ON pairings (status);

-- A mentor's active and paused pairings never exceed capacity.
CREATE TRIGGER pairings_capacity_on_insert
BEFORE INSERT ON pairings
WHEN NEW.status IN ('active', 'paused')
 AND (SELECT count(*) FROM pairings WHERE mentor = NEW.mentor AND status IN ('active', 'paused'))
     >= (SELECT capacity FROM mentors WHERE id = NEW.mentor)
BEGIN
    SELECT RAISE(ABORT, 'mentor capacity exceeded');
END;

CREATE TRIGGER pairings_capacity_on_update
BEFORE UPDATE OF status, mentor ON pairings
WHEN NEW.status IN ('active', 'paused')
 AND (SELECT count(*) FROM pairings
      WHERE mentor = NEW.mentor AND status IN ('active', 'paused') AND id <> NEW.id)
     >= (SELECT capacity FROM mentors WHERE id = NEW.mentor)
BEGIN
    SELECT RAISE(ABORT, 'mentor capacity exceeded');
END;

CREATE TRIGGER mentors_capacity_not_below_load
BEFORE UPDATE OF capacity ON mentors
WHEN NEW.capacity
     < (SELECT count(*) FROM pairings WHERE mentor = NEW.id AND status IN ('active', 'paused'))
BEGIN
    SELECT RAISE(ABORT, 'mentor capacity below current load');
END;

CREATE TABLE milestones_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uid          TEXT NOT NULL UNIQUE,
    learner      TEXT NOT NULL REFERENCES learners (id),
    title        TEXT NOT NULL CHECK (title <> ''),
    kind         TEXT NOT NULL CHECK (kind IN ('project', 'skill', 'badge', 'endorsement', 'custom')),
    due          TEXT,
    status       TEXT NOT NULL CHECK (status IN ('planned', 'achieved', 'dropped')),
    created_at   TEXT NOT NULL,
    achieved_at  TEXT,
    evidence     TEXT,
    endorsed_by  TEXT REFERENCES mentors (id),
    drop_reason  TEXT,
    dropped_at   TEXT,
    from_checkin TEXT REFERENCES checkins (id) ON DELETE SET NULL,
    author       TEXT NOT NULL DEFAULT 'coordinator'
) STRICT;

INSERT INTO milestones_new (id, uid, learner, title, kind, due, status, created_at, achieved_at,
                            evidence, endorsed_by, drop_reason, dropped_at, from_checkin)
SELECT id, 'pending:' || id, learner, title, kind, due, status, created_at, achieved_at,
       evidence, endorsed_by, drop_reason, dropped_at, from_checkin
FROM milestones;

DROP TABLE milestones;
ALTER TABLE milestones_new RENAME TO milestones;
CREATE INDEX milestones_by_learner ON milestones (learner);

-- Who wrote a check-in or an audit entry: `coordinator`, or `mentor:<id>` (a check-in a mentor
-- logged on their own desk, or that the coordinator logged on the mentor's behalf). Check-ins
-- the demo wrote as a mentor's keep that author.
ALTER TABLE checkins ADD COLUMN author TEXT NOT NULL DEFAULT 'coordinator';
UPDATE checkins SET author = author_desk WHERE author_desk LIKE 'mentor:%';
ALTER TABLE audit ADD COLUMN author TEXT NOT NULL DEFAULT 'coordinator';

-- This desk: one row. `device` is set by the migration's hook.
CREATE TABLE desk_identity (
    one            INTEGER PRIMARY KEY CHECK (one = 1),
    device         TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT 'coordinator' CHECK (role IN ('coordinator', 'mentor')),
    mentor         TEXT,
    -- A mentor desk: the coordinator desk that made its pack, the program's name, the key its
    -- bundles are signed with, and when the pack was made.
    program_desk   TEXT,
    program_name   TEXT,
    desk_key       BLOB,
    key_id         TEXT,
    pack_made_at   TEXT,
    last_export_at TEXT,
    CHECK ((role = 'mentor') = (mentor IS NOT NULL))
) STRICT;
INSERT INTO desk_identity (one, device) VALUES (1, 'pending');

-- Coordinator side: the key made for each mentor's desk. At most one key per mentor is in
-- use; a revoked key stays so a bundle signed with it can be named as such.
CREATE TABLE mentor_keys (
    key_id     TEXT PRIMARY KEY,
    mentor     TEXT NOT NULL REFERENCES mentors (id),
    secret     BLOB NOT NULL CHECK (length(secret) = 32),
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;
CREATE UNIQUE INDEX mentor_keys_one_in_use ON mentor_keys (mentor) WHERE revoked_at IS NULL;

-- Mentor side: every check-in and milestone change made on this desk, in order, append-only.
-- `body` is the record's canonical JSON; `hash` its SHA-256.
CREATE TABLE sync_journal (
    id            TEXT PRIMARY KEY,
    origin_device TEXT NOT NULL,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    kind          TEXT NOT NULL CHECK (kind IN ('checkin', 'milestone')),
    body          TEXT NOT NULL,
    hash          TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    acked_at      TEXT,
    rejected      TEXT,
    UNIQUE (origin_device, seq)
) STRICT;

-- Mentor side: what the pack said about the learners' last sessions (read-only briefs).
CREATE TABLE pack_checkins (
    id         TEXT PRIMARY KEY,
    pairing    INTEGER NOT NULL REFERENCES pairings (id),
    at         TEXT NOT NULL,
    confidence INTEGER CHECK (confidence BETWEEN 1 AND 5),
    next_steps TEXT
) STRICT;

-- Coordinator side: each bundle imported, with its counts.
CREATE TABLE sync_imports (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    file          TEXT NOT NULL,
    bundle_sha256 TEXT NOT NULL,
    mentor        TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    -- The highest sequence number the mentor desk had given when it made the bundle.
    last_seq      INTEGER NOT NULL,
    new           INTEGER NOT NULL,
    already_had   INTEGER NOT NULL,
    conflicts     INTEGER NOT NULL,
    missing       INTEGER NOT NULL,
    rejected      INTEGER NOT NULL
) STRICT;

-- Coordinator side: every version of every record received. `outcome` is `applied`, `conflict`,
-- `rejected` (refused when what it waited for arrived)
-- or `waiting` (it edits or changes something not received yet, and is applied when that
-- arrives).
CREATE TABLE sync_received (
    record_id     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    mentor        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('checkin', 'milestone')),
    body          TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('applied', 'conflict', 'waiting', 'rejected')),
    import        INTEGER NOT NULL REFERENCES sync_imports (id),
    PRIMARY KEY (record_id, hash)
) STRICT;
CREATE INDEX sync_received_by_device ON sync_received (origin_device, seq);
CREATE INDEX sync_received_waiting ON sync_received (outcome) WHERE outcome = 'waiting';

-- Coordinator side: two versions that cannot both stand; both are kept until a person chooses.
CREATE TABLE sync_conflicts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    import      INTEGER NOT NULL REFERENCES sync_imports (id),
    record_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    ours        TEXT NOT NULL,
    theirs      TEXT NOT NULL,
    resolved    TEXT CHECK (resolved IN ('theirs', 'ours', 'both')),
    resolved_at TEXT
) STRICT;

-- Coordinator side: records refused, with the reason.
CREATE TABLE sync_rejections (
    import        INTEGER NOT NULL REFERENCES sync_imports (id),
    record_id     TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    reason        TEXT NOT NULL
) STRICT;
CREATE INDEX sync_rejections_by_device ON sync_rejections (origin_device, seq);
