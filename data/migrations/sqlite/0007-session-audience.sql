-- Kartleser schema, version 7.
-- A session is for everyone enrolled (all), for the participants of one
-- workplace (a school, or a municipality with its units: on-site coaching
-- between seminars), or for named participants. Outside its audience a
-- participant is not expected there: no mark, no absence, no planned hours.
--
-- A programme's status now follows the calendar (planned before its first
-- session, running until its end date, finished after) and is worked out
-- when read; only "cancelled" is set by hand, so every other stored value
-- becomes the neutral "planned".

ALTER TABLE session ADD COLUMN audience TEXT NOT NULL DEFAULT 'all'
  CHECK (audience IN ('all', 'workplace', 'named'));
ALTER TABLE session ADD COLUMN audience_client_id INTEGER REFERENCES client (id) ON DELETE RESTRICT;

CREATE TABLE session_participant (
  session_id     INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE RESTRICT,
  PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;
CREATE INDEX session_participant_participant ON session_participant (participant_id);
CREATE INDEX session_audience_client ON session (audience_client_id) WHERE audience_client_id IS NOT NULL;

UPDATE programme SET status = 'planned' WHERE status <> 'cancelled';
