-- mentordesk schema (issue 16, guidance materials): which guide a session used, and the
-- coordinator's guides a mentor desk keeps from its pack.

-- The guide's short name (`first-session`), as the desk shows it; none for most sessions.
-- Kept when the guide later leaves the library: the name still says what the session used.
ALTER TABLE checkins ADD COLUMN guide TEXT
    CHECK (guide IS NULL OR (length(guide) BETWEEN 1 AND 40 AND guide NOT GLOB '*[^a-z0-9-]*'));

-- Mentor side: the guides the pack carried (Markdown as the coordinator's desk showed them),
-- replaced whole by each newer pack.
CREATE TABLE pack_guides (
    name     TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z0-9-]*'),
    markdown TEXT NOT NULL
) STRICT;
