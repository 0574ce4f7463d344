-- Kartleser schema, version 6, on PostgreSQL (see sqlite/0006-cost-days.sql
-- for what changes and why). PostgreSQL alters cost_item in place where
-- SQLite rebuilds it; as there, moving session_id into cost_session adds
-- nothing to the audit trail.

ALTER TABLE cost_item ADD COLUMN semesters bigint NOT NULL DEFAULT 0 CHECK (semesters >= 0);
ALTER TABLE cost_item ADD COLUMN budget bigint NOT NULL DEFAULT 0 CHECK (budget IN (0, 1));
ALTER TABLE cost_item DROP CONSTRAINT cost_item_net_ore_check;
ALTER TABLE cost_item ADD CONSTRAINT cost_item_net_ore_check CHECK (net_ore BETWEEN 0 AND 10000000000);
ALTER TABLE cost_item DROP CONSTRAINT cost_item_vat_ore_check;
ALTER TABLE cost_item ADD CONSTRAINT cost_item_vat_ore_check CHECK (vat_ore BETWEEN 0 AND 10000000000);

CREATE TABLE cost_session (
  cost_id    bigint NOT NULL REFERENCES cost_item (id) ON DELETE CASCADE,
  session_id bigint NOT NULL REFERENCES session (id) ON DELETE RESTRICT,
  PRIMARY KEY (cost_id, session_id)
);

CREATE TABLE cost_date (
  cost_id bigint NOT NULL REFERENCES cost_item (id) ON DELETE CASCADE,
  day     text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),
  PRIMARY KEY (cost_id, day)
);

DROP TRIGGER cost_item_audit ON cost_item;
DROP FUNCTION cost_item_audit ();

INSERT INTO cost_session (cost_id, session_id) SELECT id, session_id FROM cost_item WHERE session_id IS NOT NULL;
UPDATE cost_item SET semesters = 1 WHERE category = 'study-fee';
ALTER TABLE cost_item DROP COLUMN session_id;
CREATE INDEX cost_session_session ON cost_session (session_id);

CREATE FUNCTION cost_item_audit () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO audit (os_user, programme_id, entity, entity_id, action, new_value)
    VALUES (kl_os_user (), NEW.programme_id, 'cost_item', NEW.id, 'insert',
            kl_json (json_build_object ('category', NEW.category, 'budget', NEW.budget, 'net_ore', NEW.net_ore,
                                        'vat_ore', NEW.vat_ore, 'days', NEW.days, 'persons', NEW.persons,
                                        'semesters', NEW.semesters, 'consultant_id', NEW.consultant_id,
                                        'supplier', NEW.supplier, 'invoice_no', NEW.invoice_no,
                                        'invoice_date', NEW.invoice_date, 'note', NEW.note)));
    RETURN NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, new_value)
    SELECT kl_os_user (), NEW.programme_id, 'cost_item', NEW.id, 'update', c.field, c.old_value, c.new_value
    FROM kl_audit_changes (to_jsonb (OLD), to_jsonb (NEW),
                           ARRAY['programme_id', 'budget', 'category', 'consultant_id', 'days', 'persons',
                                 'semesters', 'net_ore', 'vat_ore', 'supplier', 'invoice_no', 'invoice_date',
                                 'note']) AS c;
    RETURN NULL;
  END IF;
  -- BEFORE DELETE, so that the line's sessions and dates are still there.
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), OLD.programme_id, 'cost_item', OLD.id, 'delete',
          kl_json (json_build_object ('category', OLD.category, 'budget', OLD.budget, 'net_ore', OLD.net_ore,
                                      'vat_ore', OLD.vat_ore, 'days', OLD.days, 'persons', OLD.persons,
                                      'semesters', OLD.semesters, 'consultant_id', OLD.consultant_id,
                                      'supplier', OLD.supplier, 'invoice_no', OLD.invoice_no,
                                      'invoice_date', OLD.invoice_date, 'note', OLD.note,
                                      'sessions', (SELECT string_agg (session_id::text, ' ') FROM cost_session
                                                   WHERE cost_id = OLD.id),
                                      'dates', (SELECT string_agg (day, ' ') FROM cost_date WHERE cost_id = OLD.id))));
  RETURN OLD;
END $$;
CREATE TRIGGER cost_item_audit AFTER INSERT OR UPDATE ON cost_item
FOR EACH ROW WHEN (kl_audit_recording ()) EXECUTE FUNCTION cost_item_audit ();
CREATE TRIGGER cost_item_audit_del BEFORE DELETE ON cost_item
FOR EACH ROW WHEN (kl_audit_recording ()) EXECUTE FUNCTION cost_item_audit ();

CREATE FUNCTION cost_part_audit () RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  line bigint := CASE WHEN TG_OP = 'INSERT' THEN NEW.cost_id ELSE OLD.cost_id END;
  programme bigint := (SELECT programme_id FROM cost_item WHERE id = line);
BEGIN
  -- A part deleted with its line: the line's delete row already holds it.
  IF programme IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'cost_session' THEN
    INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, new_value, session_id)
    VALUES (kl_os_user (), programme, 'cost_item', line, 'update', 'session_id',
            CASE WHEN TG_OP = 'DELETE' THEN OLD.session_id::text END,
            CASE WHEN TG_OP = 'INSERT' THEN NEW.session_id::text END,
            CASE WHEN TG_OP = 'INSERT' THEN NEW.session_id ELSE OLD.session_id END);
  ELSE
    INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, new_value)
    VALUES (kl_os_user (), programme, 'cost_item', line, 'update', 'date',
            CASE WHEN TG_OP = 'DELETE' THEN OLD.day END,
            CASE WHEN TG_OP = 'INSERT' THEN NEW.day END);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cost_session_audit AFTER INSERT OR DELETE ON cost_session
FOR EACH ROW WHEN (kl_audit_recording ()) EXECUTE FUNCTION cost_part_audit ();
CREATE TRIGGER cost_date_audit AFTER INSERT OR DELETE ON cost_date
FOR EACH ROW WHEN (kl_audit_recording ()) EXECUTE FUNCTION cost_part_audit ();
