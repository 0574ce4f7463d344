-- Kartleser schema, version 8.
-- Personal data: the audit trail records that a participant was
-- anonymised (never the old values), and the settings hold how long the
-- participants of finished programmes are kept before anonymisation.
--
-- The trail's table is rebuilt to widen its CHECKs. The triggers that
-- write it name it "audit", so the new table takes that name with
-- legacy_alter_table on: the rename then leaves those triggers as they
-- are, and they write to the new table.

PRAGMA legacy_alter_table = ON;

CREATE TABLE audit_new (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  os_user        TEXT NOT NULL,
  programme_id   INTEGER,
  entity         TEXT NOT NULL CHECK (entity IN ('attendance', 'cost_item', 'funding_case', 'participant')),
  entity_id      INTEGER NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'anonymise')),
  field          TEXT,
  old_value      TEXT,
  new_value      TEXT,
  session_id     INTEGER,
  participant_id INTEGER
);
INSERT INTO audit_new SELECT id, at, os_user, programme_id, entity, entity_id, action, field, old_value,
                             new_value, session_id, participant_id FROM audit;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
CREATE INDEX audit_programme ON audit (programme_id, at);
CREATE INDEX audit_participant ON audit (participant_id) WHERE participant_id IS NOT NULL;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;

PRAGMA legacy_alter_table = OFF;

-- Years after a programme's end that its participants are kept; NULL:
-- until anonymised by hand.
ALTER TABLE settings ADD COLUMN retention_years INTEGER
  CHECK (retention_years IS NULL OR retention_years BETWEEN 1 AND 50);

-- When a participant was anonymised (name, e-mail, phone and notes
-- replaced); NULL for everyone else.
ALTER TABLE participant ADD COLUMN anonymised_at TEXT;
