-- mentordesk schema 5: one learner's pairings by index (the time line, a learner's check-ins).
-- `pairings_one_seat_per_learner` covers only active and paused pairings; a learner's story
-- needs the ended ones too.

CREATE INDEX pairings_by_learner ON pairings (learner);
