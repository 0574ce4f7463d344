-- Kartleser schema, version 11, on PostgreSQL (see sqlite/0011 for what
-- the versions are for). A BEFORE trigger raises the version on every
-- UPDATE; the audit rows for a version's change or a delete are written
-- by a trigger function that runs as the owner, like the other writers
-- of the trail (0010), and names the login (kl_os_user ()).

ALTER TABLE client ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE consultant ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE programme ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE session ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE participant ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE cost_item ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE funding_case ADD COLUMN version bigint NOT NULL DEFAULT 1;

ALTER TABLE audit DROP CONSTRAINT audit_entity_check;
ALTER TABLE audit ADD CONSTRAINT audit_entity_check
  CHECK (entity IN ('attendance', 'cost_item', 'funding_case', 'participant',
                    'client', 'consultant', 'programme', 'session'));
CREATE INDEX audit_record ON audit (entity, entity_id);

-- A writer that sets the version itself is left alone (nothing does).
CREATE FUNCTION kl_bump_version () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version = OLD.version THEN
    NEW.version := OLD.version + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION kl_version_audit () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.version <> OLD.version THEN
      INSERT INTO audit (os_user, entity, entity_id, action, field, old_value, new_value)
      VALUES (kl_os_user (), TG_TABLE_NAME, NEW.id, 'update', 'version', OLD.version::text, NEW.version::text);
    END IF;
    RETURN NEW;
  END IF;
  INSERT INTO audit (os_user, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), TG_TABLE_NAME, OLD.id, 'delete', kl_json (json_build_object ('version', OLD.version)));
  RETURN OLD;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  EXECUTE format ('ALTER FUNCTION kl_version_audit () SECURITY DEFINER SET search_path = %I, pg_catalog, pg_temp',
                  current_schema ());
  FOREACH t IN ARRAY ARRAY['client', 'consultant', 'programme', 'session', 'participant', 'cost_item', 'funding_case']
  LOOP
    EXECUTE format ('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION kl_bump_version ()',
                    t || '_version', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['client', 'consultant', 'programme', 'session', 'participant']
  LOOP
    EXECUTE format ('CREATE TRIGGER %I AFTER UPDATE OR DELETE ON %I FOR EACH ROW WHEN (kl_audit_recording ()) '
                    'EXECUTE FUNCTION kl_version_audit ()', t || '_version_audit', t);
  END LOOP;
END $$;
