-- Kartleser schema, version 11.
-- No lost edits: every record an editor changes carries a version that
-- every UPDATE raises by one, whoever writes it (application, CLI,
-- import, undo). The store writes "WHERE id = ? AND version = ?" with the
-- version its caller read, so a save made on a stale copy changes nothing
-- and is refused (src/core/kl-store.c, kl_store_check_written).
--
-- The touch triggers that keep updated_at honest now also raise the
-- version, in the one nested UPDATE they already make (two triggers that
-- each make a nested UPDATE would fire each other and count twice).
--
-- Who changed a record, and when, is the audit trail's: an update or a
-- delete of a client, consultant, programme, session or participant is
-- recorded as a change of its field "version" (cost items and funding
-- cases already record every field). Only ids and numbers, no names. The
-- rows belong to no programme, so a programme's history shows what it
-- showed before.

ALTER TABLE client ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE consultant ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE programme ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE session ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE participant ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cost_item ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE funding_case ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The trail's table is rebuilt to widen its CHECK (as in 0008).
PRAGMA legacy_alter_table = ON;

CREATE TABLE audit_new (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  os_user        TEXT NOT NULL,
  programme_id   INTEGER,
  entity         TEXT NOT NULL CHECK (entity IN ('attendance', 'cost_item', 'funding_case', 'participant',
                                                 'client', 'consultant', 'programme', 'session')),
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
CREATE INDEX audit_record ON audit (entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;

PRAGMA legacy_alter_table = OFF;

DROP TRIGGER client_touch;
DROP TRIGGER consultant_touch;
DROP TRIGGER programme_touch;
DROP TRIGGER session_touch;
DROP TRIGGER participant_touch;
DROP TRIGGER cost_item_touch;
DROP TRIGGER funding_case_touch;

-- A writer that sets the version itself is left alone (nothing does).
CREATE TRIGGER cost_item_touch AFTER UPDATE ON cost_item WHEN NEW.version = OLD.version
BEGIN
  UPDATE cost_item SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ELSE NEW.updated_at END
  WHERE id = NEW.id;
END;
CREATE TRIGGER funding_case_touch AFTER UPDATE ON funding_case WHEN NEW.version = OLD.version
BEGIN
  UPDATE funding_case SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ELSE NEW.updated_at END
  WHERE id = NEW.id;
END;

CREATE TRIGGER client_touch AFTER UPDATE ON client WHEN NEW.version = OLD.version
BEGIN
  UPDATE client SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ELSE NEW.updated_at END
  WHERE id = NEW.id;
  INSERT INTO audit (os_user, entity, entity_id, action, field, old_value, new_value)
  SELECT kl_os_user (), 'client', NEW.id, 'update', 'version', OLD.version, OLD.version + 1
  WHERE kl_audit_recording ();
END;
CREATE TRIGGER consultant_touch AFTER UPDATE ON consultant WHEN NEW.version = OLD.version
BEGIN
  UPDATE consultant SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ELSE NEW.updated_at END
  WHERE id = NEW.id;
  INSERT INTO audit (os_user, entity, entity_id, action, field, old_value, new_value)
  SELECT kl_os_user (), 'consultant', NEW.id, 'update', 'version', OLD.version, OLD.version + 1
  WHERE kl_audit_recording ();
END;
CREATE TRIGGER programme_touch AFTER UPDATE ON programme WHEN NEW.version = OLD.version
BEGIN
  UPDATE programme SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ELSE NEW.updated_at END
  WHERE id = NEW.id;
  INSERT INTO audit (os_user, entity, entity_id, action, field, old_value, new_value)
  SELECT kl_os_user (), 'programme', NEW.id, 'update', 'version', OLD.version, OLD.version + 1
  WHERE kl_audit_recording ();
END;
CREATE TRIGGER session_touch AFTER UPDATE ON session WHEN NEW.version = OLD.version
BEGIN
  UPDATE session SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ELSE NEW.updated_at END
  WHERE id = NEW.id;
  INSERT INTO audit (os_user, entity, entity_id, action, field, old_value, new_value)
  SELECT kl_os_user (), 'session', NEW.id, 'update', 'version', OLD.version, OLD.version + 1
  WHERE kl_audit_recording ();
END;
CREATE TRIGGER participant_touch AFTER UPDATE ON participant WHEN NEW.version = OLD.version
BEGIN
  UPDATE participant SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ELSE NEW.updated_at END
  WHERE id = NEW.id;
  INSERT INTO audit (os_user, entity, entity_id, action, field, old_value, new_value)
  SELECT kl_os_user (), 'participant', NEW.id, 'update', 'version', OLD.version, OLD.version + 1
  WHERE kl_audit_recording ();
END;

CREATE TRIGGER client_audit_del AFTER DELETE ON client WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), 'client', OLD.id, 'delete', json_object ('version', OLD.version));
END;
CREATE TRIGGER consultant_audit_del AFTER DELETE ON consultant WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), 'consultant', OLD.id, 'delete', json_object ('version', OLD.version));
END;
CREATE TRIGGER programme_audit_del AFTER DELETE ON programme WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), 'programme', OLD.id, 'delete', json_object ('version', OLD.version));
END;
CREATE TRIGGER session_audit_del AFTER DELETE ON session WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), 'session', OLD.id, 'delete', json_object ('version', OLD.version));
END;
CREATE TRIGGER participant_audit_del AFTER DELETE ON participant WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), 'participant', OLD.id, 'delete', json_object ('version', OLD.version));
END;
