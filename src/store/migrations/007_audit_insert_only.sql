-- mentordesk schema 7: the audit trail is insert-only.
--
-- Triggers refuse every UPDATE and DELETE of an audit row. The one exception is an erasure
-- (`mentordesk forget`): inside its own transaction it puts a row in `audit_unlock`, blanks
-- the erased person's words out of the entries that quote them, and removes the row again
-- before it commits, so the unlock is never seen by anyone else. Rows are never deleted, so
-- audit ids run 1, 2, 3, … without gaps (`mentordesk check` says so).

CREATE TABLE audit_unlock (
    one    INTEGER PRIMARY KEY CHECK (one = 1),
    reason TEXT NOT NULL CHECK (reason = 'erasure')
) STRICT;

CREATE TRIGGER audit_insert_only_update
BEFORE UPDATE ON audit
WHEN NOT EXISTS (SELECT 1 FROM audit_unlock WHERE reason = 'erasure')
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is insert-only: an entry cannot be changed');
END;

-- Even an erasure keeps who, when and what: only `before`, `after` and `subject` may change.
CREATE TRIGGER audit_erasure_keeps_the_fact
BEFORE UPDATE OF id, at, actor, action, author ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is insert-only: who, when and what never change');
END;

CREATE TRIGGER audit_insert_only_delete
BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is insert-only: an entry cannot be deleted');
END;

CREATE INDEX audit_by_subject ON audit (subject);
CREATE INDEX audit_by_action ON audit (action);
