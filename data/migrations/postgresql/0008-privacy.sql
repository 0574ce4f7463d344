-- Kartleser schema, version 8, on PostgreSQL (see sqlite/0008).
-- The trail's CHECKs widen in place (SQLite has to rebuild the table).

ALTER TABLE audit DROP CONSTRAINT audit_entity_check;
ALTER TABLE audit ADD CONSTRAINT audit_entity_check
  CHECK (entity IN ('attendance', 'cost_item', 'funding_case', 'participant'));
ALTER TABLE audit DROP CONSTRAINT audit_action_check;
ALTER TABLE audit ADD CONSTRAINT audit_action_check
  CHECK (action IN ('insert', 'update', 'delete', 'anonymise'));
CREATE INDEX audit_participant ON audit (participant_id) WHERE participant_id IS NOT NULL;

ALTER TABLE settings ADD COLUMN retention_years bigint
  CHECK (retention_years IS NULL OR retention_years BETWEEN 1 AND 50);

ALTER TABLE participant ADD COLUMN anonymised_at text;
