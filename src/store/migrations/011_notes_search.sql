-- mentordesk schema (issue 15): a coordinator's notes on a pairing, and one full-text index
-- (SQLite FTS5) over the words people look for: check-in notes, topics and next steps,
-- coordinator notes, learners' goals and needs, and the goals of a pairing's agreement.
--
-- `search_text` keeps its own copy of the words (an external-content index would follow the
-- rowids of tables whose rowid VACUUM may renumber). `search_rows` gives each source row a
-- fixed number, the index's rowid, so a trigger finds its entry by key instead of scanning.
-- Triggers keep both in step with every insert, update and delete, whoever makes it (the
-- desk, an import, a sync bundle, an erasure); the inserts at the end index what exists.

CREATE TABLE pairing_notes (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    pairing INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    text    TEXT NOT NULL,
    actor   TEXT NOT NULL,
    author  TEXT NOT NULL DEFAULT 'coordinator'
) STRICT;
CREATE INDEX pairing_notes_by_pairing ON pairing_notes (pairing, at);

-- A check-in's later version, found by index (search shows only the latest version).
CREATE INDEX checkins_by_supersedes ON checkins (supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE search_rows (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('checkin', 'note', 'goals', 'needs', 'agreement')),
    ref  TEXT NOT NULL,
    UNIQUE (kind, ref)
) STRICT;

CREATE VIRTUAL TABLE search_text USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Check-ins: notes, topics and next steps.
CREATE TRIGGER search_checkin_insert AFTER INSERT ON checkins BEGIN
    INSERT INTO search_rows (kind, ref) VALUES ('checkin', NEW.id);
    INSERT INTO search_text (rowid, body)
    VALUES ((SELECT id FROM search_rows WHERE kind = 'checkin' AND ref = NEW.id),
            NEW.notes || char(10) || NEW.topics || char(10) || coalesce(NEW.next_steps, ''));
END;
CREATE TRIGGER search_checkin_update AFTER UPDATE OF notes, topics, next_steps ON checkins BEGIN
    DELETE FROM search_text
    WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'checkin' AND ref = OLD.id);
    INSERT INTO search_text (rowid, body)
    VALUES ((SELECT id FROM search_rows WHERE kind = 'checkin' AND ref = OLD.id),
            NEW.notes || char(10) || NEW.topics || char(10) || coalesce(NEW.next_steps, ''));
END;
CREATE TRIGGER search_checkin_delete AFTER DELETE ON checkins BEGIN
    DELETE FROM search_text
    WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'checkin' AND ref = OLD.id);
    DELETE FROM search_rows WHERE kind = 'checkin' AND ref = OLD.id;
END;

-- Coordinator notes.
CREATE TRIGGER search_note_insert AFTER INSERT ON pairing_notes BEGIN
    INSERT INTO search_rows (kind, ref) VALUES ('note', CAST(NEW.id AS TEXT));
    INSERT INTO search_text (rowid, body)
    VALUES ((SELECT id FROM search_rows WHERE kind = 'note' AND ref = CAST(NEW.id AS TEXT)),
            NEW.text);
END;
CREATE TRIGGER search_note_update AFTER UPDATE OF text ON pairing_notes BEGIN
    DELETE FROM search_text
    WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'note' AND ref = CAST(OLD.id AS TEXT));
    INSERT INTO search_text (rowid, body)
    VALUES ((SELECT id FROM search_rows WHERE kind = 'note' AND ref = CAST(OLD.id AS TEXT)),
            NEW.text);
END;
CREATE TRIGGER search_note_delete AFTER DELETE ON pairing_notes BEGIN
    DELETE FROM search_text
    WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'note' AND ref = CAST(OLD.id AS TEXT));
    DELETE FROM search_rows WHERE kind = 'note' AND ref = CAST(OLD.id AS TEXT);
END;

-- Learners' goals and needs: two entries per learner, present only while the text is.
CREATE TRIGGER search_learner_insert AFTER INSERT ON learners BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'goals', NEW.id WHERE coalesce(NEW.goals, '') <> '';
    INSERT INTO search_text (rowid, body)
    SELECT id, NEW.goals FROM search_rows WHERE kind = 'goals' AND ref = NEW.id;
    INSERT INTO search_rows (kind, ref) SELECT 'needs', NEW.id WHERE coalesce(NEW.needs, '') <> '';
    INSERT INTO search_text (rowid, body)
    SELECT id, NEW.needs FROM search_rows WHERE kind = 'needs' AND ref = NEW.id;
END;
CREATE TRIGGER search_learner_update AFTER UPDATE OF id, goals, needs ON learners BEGIN
    DELETE FROM search_text WHERE rowid IN
        (SELECT id FROM search_rows WHERE kind IN ('goals', 'needs') AND ref = OLD.id);
    DELETE FROM search_rows WHERE kind IN ('goals', 'needs') AND ref = OLD.id;
    INSERT INTO search_rows (kind, ref) SELECT 'goals', NEW.id WHERE coalesce(NEW.goals, '') <> '';
    INSERT INTO search_text (rowid, body)
    SELECT id, NEW.goals FROM search_rows WHERE kind = 'goals' AND ref = NEW.id;
    INSERT INTO search_rows (kind, ref) SELECT 'needs', NEW.id WHERE coalesce(NEW.needs, '') <> '';
    INSERT INTO search_text (rowid, body)
    SELECT id, NEW.needs FROM search_rows WHERE kind = 'needs' AND ref = NEW.id;
END;
CREATE TRIGGER search_learner_delete AFTER DELETE ON learners BEGIN
    DELETE FROM search_text WHERE rowid IN
        (SELECT id FROM search_rows WHERE kind IN ('goals', 'needs') AND ref = OLD.id);
    DELETE FROM search_rows WHERE kind IN ('goals', 'needs') AND ref = OLD.id;
END;

-- The goals of a pairing's agreement.
CREATE TRIGGER search_pairing_insert AFTER INSERT ON pairings BEGIN
    INSERT INTO search_rows (kind, ref)
    SELECT 'agreement', CAST(NEW.id AS TEXT) WHERE coalesce(NEW.goals, '') <> '';
    INSERT INTO search_text (rowid, body)
    SELECT id, NEW.goals FROM search_rows WHERE kind = 'agreement' AND ref = CAST(NEW.id AS TEXT);
END;
CREATE TRIGGER search_pairing_update AFTER UPDATE OF goals ON pairings BEGIN
    DELETE FROM search_text WHERE rowid IN
        (SELECT id FROM search_rows WHERE kind = 'agreement' AND ref = CAST(OLD.id AS TEXT));
    DELETE FROM search_rows WHERE kind = 'agreement' AND ref = CAST(OLD.id AS TEXT);
    INSERT INTO search_rows (kind, ref)
    SELECT 'agreement', CAST(NEW.id AS TEXT) WHERE coalesce(NEW.goals, '') <> '';
    INSERT INTO search_text (rowid, body)
    SELECT id, NEW.goals FROM search_rows WHERE kind = 'agreement' AND ref = CAST(NEW.id AS TEXT);
END;
CREATE TRIGGER search_pairing_delete AFTER DELETE ON pairings BEGIN
    DELETE FROM search_text WHERE rowid IN
        (SELECT id FROM search_rows WHERE kind = 'agreement' AND ref = CAST(OLD.id AS TEXT));
    DELETE FROM search_rows WHERE kind = 'agreement' AND ref = CAST(OLD.id AS TEXT);
END;

-- What the desk already holds.
INSERT INTO search_rows (kind, ref) SELECT 'checkin', id FROM checkins;
INSERT INTO search_rows (kind, ref) SELECT 'goals', id FROM learners WHERE coalesce(goals, '') <> '';
INSERT INTO search_rows (kind, ref) SELECT 'needs', id FROM learners WHERE coalesce(needs, '') <> '';
INSERT INTO search_rows (kind, ref)
SELECT 'agreement', CAST(id AS TEXT) FROM pairings WHERE coalesce(goals, '') <> '';
INSERT INTO search_text (rowid, body)
SELECT r.id, c.notes || char(10) || c.topics || char(10) || coalesce(c.next_steps, '')
FROM search_rows r JOIN checkins c ON r.kind = 'checkin' AND c.id = r.ref;
INSERT INTO search_text (rowid, body)
SELECT r.id, l.goals FROM search_rows r JOIN learners l ON r.kind = 'goals' AND l.id = r.ref;
INSERT INTO search_text (rowid, body)
SELECT r.id, l.needs FROM search_rows r JOIN learners l ON r.kind = 'needs' AND l.id = r.ref;
INSERT INTO search_text (rowid, body)
SELECT r.id, p.goals FROM search_rows r JOIN pairings p
    ON r.kind = 'agreement' AND p.id = CAST(r.ref AS INTEGER);
