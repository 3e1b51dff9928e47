-- mentordesk schema 8: the operation log. Each decision (approve, decline, exclude, end,
-- pause, resume, rematch, weights, thresholds, import) is one row written in the same
-- transaction as the change and its audit entry, with what undoing it needs (`payload`, JSON;
-- `domain::operation` documents each kind). Undo marks the row and names its own audit entry;
-- a row is never deleted. `void` says why a row can never be undone (its program was
-- replaced, a person it names was erased; the payload is then '{}').

CREATE TABLE operations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('approve', 'approve-batch', 'decline', 'exclude',
                                             'end', 'pause', 'resume', 'rematch', 'weights',
                                             'thresholds', 'import')),
    payload    TEXT NOT NULL,
    audit      INTEGER NOT NULL REFERENCES audit (id),
    undone_at  TEXT,
    undone_by  TEXT,
    undo_audit INTEGER REFERENCES audit (id),
    void       TEXT,
    CHECK ((undone_at IS NULL) = (undo_audit IS NULL)),
    CHECK (undone_at IS NULL OR void IS NULL)
) STRICT;

CREATE INDEX operations_open ON operations (id) WHERE undone_at IS NULL AND void IS NULL;

CREATE TRIGGER operations_never_deleted
BEFORE DELETE ON operations
BEGIN
    SELECT RAISE(ABORT, 'the operation log keeps every decision: mark it undone or void instead');
END;
