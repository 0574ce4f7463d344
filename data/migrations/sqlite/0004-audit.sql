-- Kartleser schema, version 4.
-- The audit trail: every change to attendance marks, cost items and
-- funding cases, with its old and new value, when and by which OS user.
-- Triggers write it, so every writer (application, CLI, import, undo) is
-- recorded in the same transaction as the change itself.
--
-- kl_os_user() and kl_audit_recording() are SQL functions that KlDb
-- registers on each connection it opens (src/core/kl-db.c). A connection
-- without them cannot write these tables at all ("no such function"),
-- which is the right way round for a trail: no change goes unrecorded.
--
-- An insert or delete is one row with the whole record as a JSON object
-- (field NULL); an update is one row per changed field. Money stays in
-- øre; the printing layer formats it. Names are not copied here, only ids,
-- so anonymising a participant also anonymises their trail.
--
-- No foreign keys: the trail outlives what it describes (a deleted
-- programme keeps its trail).
--
-- kl_audit_recording() is false only while KlDb generates demo data
-- (kl_db_pause_audit), which is nobody's change.

CREATE TABLE audit (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  os_user        TEXT NOT NULL,
  programme_id   INTEGER,
  entity         TEXT NOT NULL CHECK (entity IN ('attendance', 'cost_item', 'funding_case')),
  entity_id      INTEGER NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  field          TEXT,
  old_value      TEXT,
  new_value      TEXT,
  -- What an attendance mark is about, even once the mark is gone.
  session_id     INTEGER,
  participant_id INTEGER
);
CREATE INDEX audit_programme ON audit (programme_id, at);

-- Never edited: not by the application, not by a bug in it.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;

-- Attendance

CREATE TRIGGER attendance_audit_ins AFTER INSERT ON attendance WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, new_value, session_id, participant_id)
  VALUES (kl_os_user (), (SELECT programme_id FROM session WHERE id = NEW.session_id), 'attendance', NEW.id,
          'insert', json_object ('status', NEW.status, 'minutes', NEW.minutes), NEW.session_id,
          NEW.participant_id);
END;

CREATE TRIGGER attendance_audit_upd AFTER UPDATE ON attendance
WHEN kl_audit_recording ()
     AND (OLD.status IS NOT NEW.status OR OLD.minutes IS NOT NEW.minutes
          OR OLD.session_id IS NOT NEW.session_id OR OLD.participant_id IS NOT NEW.participant_id)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, new_value,
                     session_id, participant_id)
  SELECT kl_os_user (), (SELECT programme_id FROM session WHERE id = NEW.session_id), 'attendance', NEW.id,
         'update', f, o, n, NEW.session_id, NEW.participant_id
  FROM (SELECT 'status' AS f, OLD.status AS o, NEW.status AS n
        UNION ALL SELECT 'minutes', OLD.minutes, NEW.minutes
        UNION ALL SELECT 'session_id', OLD.session_id, NEW.session_id
        UNION ALL SELECT 'participant_id', OLD.participant_id, NEW.participant_id)
  WHERE o IS NOT n;
END;

CREATE TRIGGER attendance_audit_del AFTER DELETE ON attendance WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, old_value, session_id, participant_id)
  VALUES (kl_os_user (), (SELECT programme_id FROM session WHERE id = OLD.session_id), 'attendance', OLD.id,
          'delete', json_object ('status', OLD.status, 'minutes', OLD.minutes), OLD.session_id,
          OLD.participant_id);
END;

-- Cost items

CREATE TRIGGER cost_item_audit_ins AFTER INSERT ON cost_item WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, new_value, session_id)
  VALUES (kl_os_user (), NEW.programme_id, 'cost_item', NEW.id, 'insert',
          json_object ('category', NEW.category, 'net_ore', NEW.net_ore, 'vat_ore', NEW.vat_ore,
                       'days', NEW.days, 'persons', NEW.persons, 'consultant_id', NEW.consultant_id,
                       'session_id', NEW.session_id, 'supplier', NEW.supplier, 'invoice_no', NEW.invoice_no,
                       'invoice_date', NEW.invoice_date, 'note', NEW.note),
          NEW.session_id);
END;

CREATE TRIGGER cost_item_audit_upd AFTER UPDATE ON cost_item
WHEN kl_audit_recording ()
     AND (OLD.programme_id IS NOT NEW.programme_id OR OLD.session_id IS NOT NEW.session_id
          OR OLD.category IS NOT NEW.category OR OLD.consultant_id IS NOT NEW.consultant_id
          OR OLD.days IS NOT NEW.days OR OLD.persons IS NOT NEW.persons OR OLD.net_ore IS NOT NEW.net_ore
          OR OLD.vat_ore IS NOT NEW.vat_ore OR OLD.supplier IS NOT NEW.supplier
          OR OLD.invoice_no IS NOT NEW.invoice_no OR OLD.invoice_date IS NOT NEW.invoice_date
          OR OLD.note IS NOT NEW.note)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, new_value, session_id)
  SELECT kl_os_user (), NEW.programme_id, 'cost_item', NEW.id, 'update', f, o, n, NEW.session_id
  FROM (SELECT 'programme_id' AS f, OLD.programme_id AS o, NEW.programme_id AS n
        UNION ALL SELECT 'session_id', OLD.session_id, NEW.session_id
        UNION ALL SELECT 'category', OLD.category, NEW.category
        UNION ALL SELECT 'consultant_id', OLD.consultant_id, NEW.consultant_id
        UNION ALL SELECT 'days', OLD.days, NEW.days
        UNION ALL SELECT 'persons', OLD.persons, NEW.persons
        UNION ALL SELECT 'net_ore', OLD.net_ore, NEW.net_ore
        UNION ALL SELECT 'vat_ore', OLD.vat_ore, NEW.vat_ore
        UNION ALL SELECT 'supplier', OLD.supplier, NEW.supplier
        UNION ALL SELECT 'invoice_no', OLD.invoice_no, NEW.invoice_no
        UNION ALL SELECT 'invoice_date', OLD.invoice_date, NEW.invoice_date
        UNION ALL SELECT 'note', OLD.note, NEW.note)
  WHERE o IS NOT n;
END;

CREATE TRIGGER cost_item_audit_del AFTER DELETE ON cost_item WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, old_value, session_id)
  VALUES (kl_os_user (), OLD.programme_id, 'cost_item', OLD.id, 'delete',
          json_object ('category', OLD.category, 'net_ore', OLD.net_ore, 'vat_ore', OLD.vat_ore,
                       'days', OLD.days, 'persons', OLD.persons, 'consultant_id', OLD.consultant_id,
                       'session_id', OLD.session_id, 'supplier', OLD.supplier, 'invoice_no', OLD.invoice_no,
                       'invoice_date', OLD.invoice_date, 'note', OLD.note),
          OLD.session_id);
END;

-- Funding cases

CREATE TRIGGER funding_case_audit_ins AFTER INSERT ON funding_case WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, new_value)
  VALUES (kl_os_user (), NEW.programme_id, 'funding_case', NEW.id, 'insert',
          json_object ('scheme', NEW.scheme, 'status', NEW.status, 'applied_date', NEW.applied_date,
                       'applied_ore', NEW.applied_ore, 'case_no', NEW.case_no, 'granted_ore', NEW.granted_ore,
                       'grant_date', NEW.grant_date, 'expiry_date', NEW.expiry_date,
                       'payout_date', NEW.payout_date, 'paid_ore', NEW.paid_ore, 'paid_date', NEW.paid_date));
END;

CREATE TRIGGER funding_case_audit_upd AFTER UPDATE ON funding_case
WHEN kl_audit_recording ()
     AND (OLD.programme_id IS NOT NEW.programme_id OR OLD.scheme IS NOT NEW.scheme
          OR OLD.status IS NOT NEW.status OR OLD.applied_date IS NOT NEW.applied_date
          OR OLD.applied_ore IS NOT NEW.applied_ore OR OLD.case_no IS NOT NEW.case_no
          OR OLD.granted_ore IS NOT NEW.granted_ore OR OLD.grant_date IS NOT NEW.grant_date
          OR OLD.expiry_date IS NOT NEW.expiry_date OR OLD.payout_date IS NOT NEW.payout_date
          OR OLD.paid_ore IS NOT NEW.paid_ore OR OLD.paid_date IS NOT NEW.paid_date)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, new_value)
  SELECT kl_os_user (), NEW.programme_id, 'funding_case', NEW.id, 'update', f, o, n
  FROM (SELECT 'programme_id' AS f, OLD.programme_id AS o, NEW.programme_id AS n
        UNION ALL SELECT 'scheme', OLD.scheme, NEW.scheme
        UNION ALL SELECT 'status', OLD.status, NEW.status
        UNION ALL SELECT 'applied_date', OLD.applied_date, NEW.applied_date
        UNION ALL SELECT 'applied_ore', OLD.applied_ore, NEW.applied_ore
        UNION ALL SELECT 'case_no', OLD.case_no, NEW.case_no
        UNION ALL SELECT 'granted_ore', OLD.granted_ore, NEW.granted_ore
        UNION ALL SELECT 'grant_date', OLD.grant_date, NEW.grant_date
        UNION ALL SELECT 'expiry_date', OLD.expiry_date, NEW.expiry_date
        UNION ALL SELECT 'payout_date', OLD.payout_date, NEW.payout_date
        UNION ALL SELECT 'paid_ore', OLD.paid_ore, NEW.paid_ore
        UNION ALL SELECT 'paid_date', OLD.paid_date, NEW.paid_date)
  WHERE o IS NOT n;
END;

CREATE TRIGGER funding_case_audit_del AFTER DELETE ON funding_case WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), OLD.programme_id, 'funding_case', OLD.id, 'delete',
          json_object ('scheme', OLD.scheme, 'status', OLD.status, 'applied_date', OLD.applied_date,
                       'applied_ore', OLD.applied_ore, 'case_no', OLD.case_no, 'granted_ore', OLD.granted_ore,
                       'grant_date', OLD.grant_date, 'expiry_date', OLD.expiry_date,
                       'payout_date', OLD.payout_date, 'paid_ore', OLD.paid_ore, 'paid_date', OLD.paid_date));
END;
