-- mentordesk schema (issue 16): a learner's own say in matching. `prefer` (mentor ids or
-- expertise tags) and `avoid` (mentor ids) are `;`-separated lists like `interests`; empty (the
-- default, and every learner before this step) means the learner said nothing, which matching
-- treats as neutral. `mentor_experience` is the experience band the learner wishes for.

ALTER TABLE learners ADD COLUMN prefer TEXT NOT NULL DEFAULT '';
ALTER TABLE learners ADD COLUMN avoid TEXT NOT NULL DEFAULT '';
ALTER TABLE learners ADD COLUMN mentor_experience TEXT
    CHECK (mentor_experience IN ('early', 'mid', 'senior'));
