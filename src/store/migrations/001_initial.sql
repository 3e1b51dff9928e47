-- mentordesk schema 1: people, exclusions, pairings, check-ins, milestones, audit, settings.
-- Lists are stored in the CSV's own `;`-separated canonical form; unknown values are NULL or ''.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE mentors (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL CHECK (name <> ''),
    email        TEXT,
    timezone     TEXT,
    languages    TEXT NOT NULL DEFAULT '',
    expertise    TEXT NOT NULL DEFAULT '',
    experience   TEXT CHECK (experience IN ('early', 'mid', 'senior')),
    modes        TEXT NOT NULL DEFAULT '',
    capacity     INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 50),
    availability TEXT NOT NULL DEFAULT '',
    bio          TEXT,
    verified     INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'retired')),
    joined_at    TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE learners (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL CHECK (name <> ''),
    email        TEXT,
    timezone     TEXT,
    languages    TEXT NOT NULL DEFAULT '',
    goals        TEXT,
    interests    TEXT NOT NULL DEFAULT '',
    track        TEXT CHECK (track IN ('beginner', 'intermediate', 'advanced')),
    modes        TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT '',
    needs        TEXT,
    status       TEXT NOT NULL DEFAULT 'waiting'
                 CHECK (status IN ('waiting', 'matched', 'paused', 'graduated', 'withdrawn')),
    joined_at    TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE exclusions (
    learner    TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    mentor     TEXT NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (learner, mentor)
) STRICT;

CREATE TABLE pairings (
    id              INTEGER PRIMARY KEY,
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

CREATE TABLE checkins (
    id          TEXT PRIMARY KEY,
    pairing     INTEGER NOT NULL REFERENCES pairings (id),
    at          TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    mode        TEXT CHECK (mode IN ('video', 'voice', 'chat', 'async')),
    confidence  INTEGER CHECK (confidence BETWEEN 1 AND 5),
    notes       TEXT NOT NULL DEFAULT '',
    topics      TEXT NOT NULL DEFAULT '',
    next_steps  TEXT,
    author_desk TEXT NOT NULL,
    supersedes  TEXT REFERENCES checkins (id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX checkins_by_pairing ON checkins (pairing, at);

CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    learner     TEXT NOT NULL REFERENCES learners (id),
    title       TEXT NOT NULL CHECK (title <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('project', 'skill', 'badge', 'endorsement', 'custom')),
    due         TEXT,
    status      TEXT NOT NULL CHECK (status IN ('planned', 'achieved', 'dropped')),
    created_at  TEXT NOT NULL,
    achieved_at TEXT,
    evidence    TEXT,
    endorsed_by TEXT REFERENCES mentors (id),
    drop_reason TEXT
) STRICT;
CREATE INDEX milestones_by_learner ON milestones (learner);

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    before  TEXT,
    after   TEXT
) STRICT;
