-- mentordesk schema: a mentor may agree to be named in reports that recognise contributions.
-- 0 (the default, and every mentor before this step) means count them, never name them.

ALTER TABLE mentors ADD COLUMN recognition INTEGER NOT NULL DEFAULT 0 CHECK (recognition IN (0, 1));
