-- Kartleser schema, version 7, on PostgreSQL (see sqlite/0007).

ALTER TABLE session ADD COLUMN audience text NOT NULL DEFAULT 'all'
  CHECK (audience IN ('all', 'workplace', 'named'));
ALTER TABLE session ADD COLUMN audience_client_id bigint REFERENCES client (id) ON DELETE RESTRICT;

CREATE TABLE session_participant (
  session_id     bigint NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  participant_id bigint NOT NULL REFERENCES participant (id) ON DELETE RESTRICT,
  PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX session_participant_participant ON session_participant (participant_id);
CREATE INDEX session_audience_client ON session (audience_client_id) WHERE audience_client_id IS NOT NULL;

UPDATE programme SET status = 'planned' WHERE status <> 'cancelled';
