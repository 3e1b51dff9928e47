-- mentordesk schema (issue 15): a mentor paused until a day. The desk reads a mentor whose day
-- has come as active (computed from the date, nothing has to run on that day); a pause without
-- a day lasts until someone resumes the mentor. Only a paused mentor has a day.

ALTER TABLE mentors ADD COLUMN paused_until TEXT
    CHECK (paused_until IS NULL OR (status = 'paused' AND paused_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'));
