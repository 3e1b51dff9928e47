-- mentordesk schema 3: a milestone remembers the check-in in which it was planned.
-- NULL for milestones a coordinator planned (and for every milestone before schema 3). If
-- that check-in row is ever removed the milestone stays and forgets where it came from.

ALTER TABLE milestones ADD COLUMN from_checkin TEXT REFERENCES checkins (id) ON DELETE SET NULL;
