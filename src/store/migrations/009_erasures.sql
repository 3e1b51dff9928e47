-- mentordesk schema 9: people whose personal data was erased (`mentordesk forget`). The row
-- keeps only the id, the kind and when: enough to refuse a second erasure, to name the
-- person "erased" everywhere, and to send mentor desks a tombstone in their next pack so
-- they erase their copy too.

CREATE TABLE erasures (
    kind TEXT NOT NULL CHECK (kind IN ('learner', 'mentor')),
    id   TEXT NOT NULL,
    at   TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT;
