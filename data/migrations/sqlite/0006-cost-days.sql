-- Kartleser schema, version 6.
-- The fund caps a fee per person and day across all of that person's fee
-- lines, so a cost line says which days it covers: the sessions it is
-- tied to (cost_session, several now, where cost_item.session_id held
-- one) and dates given directly (cost_date). A line is either budget
-- (IMTEC's offer, what the application is built from) or actual (an
-- invoice, what the payout request is built from); a study fee covers a
-- number of semesters.
--
-- cost_item is rebuilt without session_id (SQLite cannot drop a column
-- that is indexed and a foreign key). DROP TABLE fires no triggers, so
-- the rebuild leaves no rows in the audit trail; the trail's triggers on
-- cost_item are made again below, now with the new columns.

CREATE TABLE cost_item_new (
  id            INTEGER PRIMARY KEY,
  programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE RESTRICT,
  category      TEXT NOT NULL
                CHECK (category IN ('speaker-fee', 'supervisor-fee', 'travel', 'accommodation',
                                    'participant-fee', 'study-fee', 'venue', 'catering',
                                    'materials', 'other')),
  consultant_id INTEGER REFERENCES consultant (id) ON DELETE RESTRICT,
  days          INTEGER NOT NULL DEFAULT 0 CHECK (days >= 0),
  persons       INTEGER NOT NULL DEFAULT 0 CHECK (persons >= 0),
  semesters     INTEGER NOT NULL DEFAULT 0 CHECK (semesters >= 0),
  budget        INTEGER NOT NULL DEFAULT 0 CHECK (budget IN (0, 1)),
  net_ore       INTEGER NOT NULL CHECK (net_ore BETWEEN 0 AND 10000000000),
  vat_ore       INTEGER NOT NULL DEFAULT 0 CHECK (vat_ore BETWEEN 0 AND 10000000000),
  supplier      TEXT,
  invoice_no    TEXT,
  invoice_date  TEXT,
  note          TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (category NOT IN ('speaker-fee', 'supervisor-fee') OR days > 0)
);

INSERT INTO cost_item_new (id, programme_id, category, consultant_id, days, persons, semesters, budget,
                           net_ore, vat_ore, supplier, invoice_no, invoice_date, note, created_at, updated_at)
SELECT id, programme_id, category, consultant_id, days, persons,
       CASE category WHEN 'study-fee' THEN 1 ELSE 0 END, 0,
       net_ore, vat_ore, supplier, invoice_no, invoice_date, note, created_at, updated_at
FROM cost_item;

-- Kept aside until the new table has its name: a table referring to the
-- old one would lose its rows when DROP TABLE empties it.
CREATE TEMP TABLE cost_session_before AS
SELECT id AS cost_id, session_id FROM cost_item WHERE session_id IS NOT NULL;

DROP TABLE cost_item;
ALTER TABLE cost_item_new RENAME TO cost_item;

CREATE TABLE cost_session (
  cost_id    INTEGER NOT NULL REFERENCES cost_item (id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE RESTRICT,
  PRIMARY KEY (cost_id, session_id)
) WITHOUT ROWID;

INSERT INTO cost_session (cost_id, session_id) SELECT cost_id, session_id FROM cost_session_before;
DROP TABLE temp.cost_session_before;

CREATE INDEX cost_item_programme ON cost_item (programme_id);
CREATE INDEX cost_item_consultant ON cost_item (consultant_id);
CREATE INDEX cost_session_session ON cost_session (session_id);

CREATE TABLE cost_date (
  cost_id INTEGER NOT NULL REFERENCES cost_item (id) ON DELETE CASCADE,
  day     TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  PRIMARY KEY (cost_id, day)
) WITHOUT ROWID;

CREATE TRIGGER cost_item_touch AFTER UPDATE ON cost_item WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE cost_item SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;

-- The trail. A line's sessions and dates are part of the line: a change
-- to them is recorded as a change of the cost item's field "sessions" or
-- "dates". A line deleted takes its sessions and dates with it, and its
-- delete row already holds them, so the cascade is not recorded again.

CREATE TRIGGER cost_item_audit_ins AFTER INSERT ON cost_item WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, new_value)
  VALUES (kl_os_user (), NEW.programme_id, 'cost_item', NEW.id, 'insert',
          json_object ('category', NEW.category, 'budget', NEW.budget, 'net_ore', NEW.net_ore,
                       'vat_ore', NEW.vat_ore, 'days', NEW.days, 'persons', NEW.persons,
                       'semesters', NEW.semesters, 'consultant_id', NEW.consultant_id,
                       'supplier', NEW.supplier, 'invoice_no', NEW.invoice_no,
                       'invoice_date', NEW.invoice_date, 'note', NEW.note));
END;

CREATE TRIGGER cost_item_audit_upd AFTER UPDATE ON cost_item
WHEN kl_audit_recording ()
     AND (OLD.programme_id IS NOT NEW.programme_id OR OLD.budget IS NOT NEW.budget
          OR OLD.category IS NOT NEW.category OR OLD.consultant_id IS NOT NEW.consultant_id
          OR OLD.days IS NOT NEW.days OR OLD.persons IS NOT NEW.persons
          OR OLD.semesters IS NOT NEW.semesters OR OLD.net_ore IS NOT NEW.net_ore
          OR OLD.vat_ore IS NOT NEW.vat_ore OR OLD.supplier IS NOT NEW.supplier
          OR OLD.invoice_no IS NOT NEW.invoice_no OR OLD.invoice_date IS NOT NEW.invoice_date
          OR OLD.note IS NOT NEW.note)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, new_value)
  SELECT kl_os_user (), NEW.programme_id, 'cost_item', NEW.id, 'update', f, o, n
  FROM (SELECT 'programme_id' AS f, OLD.programme_id AS o, NEW.programme_id AS n
        UNION ALL SELECT 'budget', OLD.budget, NEW.budget
        UNION ALL SELECT 'category', OLD.category, NEW.category
        UNION ALL SELECT 'consultant_id', OLD.consultant_id, NEW.consultant_id
        UNION ALL SELECT 'days', OLD.days, NEW.days
        UNION ALL SELECT 'persons', OLD.persons, NEW.persons
        UNION ALL SELECT 'semesters', OLD.semesters, NEW.semesters
        UNION ALL SELECT 'net_ore', OLD.net_ore, NEW.net_ore
        UNION ALL SELECT 'vat_ore', OLD.vat_ore, NEW.vat_ore
        UNION ALL SELECT 'supplier', OLD.supplier, NEW.supplier
        UNION ALL SELECT 'invoice_no', OLD.invoice_no, NEW.invoice_no
        UNION ALL SELECT 'invoice_date', OLD.invoice_date, NEW.invoice_date
        UNION ALL SELECT 'note', OLD.note, NEW.note)
  WHERE o IS NOT n;
END;

-- BEFORE, so that the line's sessions and dates are still there to record;
-- a delete refused later rolls this row back with it.
CREATE TRIGGER cost_item_audit_del BEFORE DELETE ON cost_item WHEN kl_audit_recording ()
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, old_value)
  VALUES (kl_os_user (), OLD.programme_id, 'cost_item', OLD.id, 'delete',
          json_object ('category', OLD.category, 'budget', OLD.budget, 'net_ore', OLD.net_ore,
                       'vat_ore', OLD.vat_ore, 'days', OLD.days, 'persons', OLD.persons,
                       'semesters', OLD.semesters, 'consultant_id', OLD.consultant_id,
                       'supplier', OLD.supplier, 'invoice_no', OLD.invoice_no,
                       'invoice_date', OLD.invoice_date, 'note', OLD.note,
                       'sessions', (SELECT group_concat (session_id, ' ') FROM cost_session WHERE cost_id = OLD.id),
                       'dates', (SELECT group_concat (day, ' ') FROM cost_date WHERE cost_id = OLD.id)));
END;

CREATE TRIGGER cost_session_audit_ins AFTER INSERT ON cost_session
WHEN kl_audit_recording () AND EXISTS (SELECT 1 FROM cost_item WHERE id = NEW.cost_id)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, new_value, session_id)
  VALUES (kl_os_user (), (SELECT programme_id FROM cost_item WHERE id = NEW.cost_id), 'cost_item',
          NEW.cost_id, 'update', 'session_id', NEW.session_id, NEW.session_id);
END;

CREATE TRIGGER cost_session_audit_del AFTER DELETE ON cost_session
WHEN kl_audit_recording () AND EXISTS (SELECT 1 FROM cost_item WHERE id = OLD.cost_id)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value, session_id)
  VALUES (kl_os_user (), (SELECT programme_id FROM cost_item WHERE id = OLD.cost_id), 'cost_item',
          OLD.cost_id, 'update', 'session_id', OLD.session_id, OLD.session_id);
END;

CREATE TRIGGER cost_date_audit_ins AFTER INSERT ON cost_date
WHEN kl_audit_recording () AND EXISTS (SELECT 1 FROM cost_item WHERE id = NEW.cost_id)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, new_value)
  VALUES (kl_os_user (), (SELECT programme_id FROM cost_item WHERE id = NEW.cost_id), 'cost_item',
          NEW.cost_id, 'update', 'date', NEW.day);
END;

CREATE TRIGGER cost_date_audit_del AFTER DELETE ON cost_date
WHEN kl_audit_recording () AND EXISTS (SELECT 1 FROM cost_item WHERE id = OLD.cost_id)
BEGIN
  INSERT INTO audit (os_user, programme_id, entity, entity_id, action, field, old_value)
  VALUES (kl_os_user (), (SELECT programme_id FROM cost_item WHERE id = OLD.cost_id), 'cost_item',
          OLD.cost_id, 'update', 'date', OLD.day);
END;
