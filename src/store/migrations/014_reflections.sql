-- mentordesk schema (issue 16): learners' reflections, their own words about their progress,
-- written down by the coordinator or by a mentor on the learner's behalf (`author`, as
-- `coordinator` or `mentor:<id>`), with an optional self-reported confidence.
--
-- The words join the full-text index of step 011 (`search_text`) under the reflection's id
-- negated as the index's rowid: `search_rows` numbers its entries from 1 up, so the two never
-- meet, and this step leaves `search_rows` (and its list of kinds) as it is, for other steps
-- that add kinds of their own.

CREATE TABLE reflections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    learner     TEXT NOT NULL REFERENCES learners (id),
    at          TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (text <> ''),
    confidence  INTEGER CHECK (confidence BETWEEN 1 AND 5),
    author      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX reflections_by_learner ON reflections (learner, at);

CREATE TRIGGER search_reflection_insert AFTER INSERT ON reflections BEGIN
    INSERT INTO search_text (rowid, body) VALUES (-NEW.id, NEW.text);
END;
CREATE TRIGGER search_reflection_update AFTER UPDATE OF text ON reflections BEGIN
    DELETE FROM search_text WHERE rowid = -OLD.id;
    INSERT INTO search_text (rowid, body) VALUES (-OLD.id, NEW.text);
END;
CREATE TRIGGER search_reflection_delete AFTER DELETE ON reflections BEGIN
    DELETE FROM search_text WHERE rowid = -OLD.id;
END;
