-- Kartleser schema, version 1.
-- Timestamps are ISO 8601 UTC; dates YYYY-MM-DD; session times local
-- YYYY-MM-DDTHH:MM; money integer øre; durations integer minutes.

CREATE TABLE settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  name       TEXT NOT NULL DEFAULT '',
  orgnr      TEXT,
  account    TEXT,
  address    TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO settings (id) VALUES (1);

CREATE TABLE client (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (name <> ''),
  kind          TEXT NOT NULL CHECK (kind IN ('kommune', 'fylkeskommune', 'skole', 'barnehage', 'annen')),
  parent_id     INTEGER REFERENCES client (id) ON DELETE RESTRICT CHECK (parent_id <> id),
  orgnr         TEXT,
  account       TEXT,
  address       TEXT,
  invoice_email TEXT,
  contact_name  TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  notes         TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX client_parent ON client (parent_id);
CREATE INDEX client_name ON client (name COLLATE NOCASE);

CREATE TABLE consultant (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (name <> ''),
  email        TEXT,
  phone        TEXT,
  external     INTEGER NOT NULL DEFAULT 0 CHECK (external IN (0, 1)),
  day_rate_ore INTEGER NOT NULL DEFAULT 0 CHECK (day_rate_ore >= 0),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE programme (
  id           INTEGER PRIMARY KEY,
  client_id    INTEGER NOT NULL REFERENCES client (id) ON DELETE RESTRICT,
  title        TEXT NOT NULL CHECK (title <> ''),
  kind         TEXT NOT NULL DEFAULT 'led-skole'
               CHECK (kind IN ('led-skole', 'utviklingsveileder', 'evaluering', 'nettverk', 'konferanse', 'annen')),
  start_date   TEXT NOT NULL,
  end_date     TEXT NOT NULL CHECK (end_date >= start_date),
  status       TEXT NOT NULL DEFAULT 'planned'
               CHECK (status IN ('planned', 'running', 'finished', 'cancelled')),
  lead_id      INTEGER REFERENCES consultant (id) ON DELETE RESTRICT,
  goals        TEXT,
  target_group TEXT,
  q_current    TEXT,
  q_future     TEXT,
  q_process    TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX programme_client ON programme (client_id);
CREATE INDEX programme_lead ON programme (lead_id);
CREATE INDEX programme_start ON programme (start_date);

CREATE TABLE session (
  id              INTEGER PRIMARY KEY,
  programme_id    INTEGER NOT NULL REFERENCES programme (id) ON DELETE RESTRICT,
  kind            TEXT NOT NULL DEFAULT 'fagsamling'
                  CHECK (kind IN ('fagsamling', 'veiledning', 'lederseminar', 'lederstotte', 'nettverk', 'annen')),
  title           TEXT NOT NULL CHECK (title <> ''),
  starts_at       TEXT NOT NULL,
  ends_at         TEXT NOT NULL CHECK (ends_at >= starts_at),
  location        TEXT,
  planned_minutes INTEGER NOT NULL DEFAULT 0 CHECK (planned_minutes >= 0),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX session_programme ON session (programme_id, starts_at);
CREATE INDEX session_start ON session (starts_at);

-- Part of a session: goes with it.
CREATE TABLE session_leader (
  session_id    INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  consultant_id INTEGER NOT NULL REFERENCES consultant (id) ON DELETE RESTRICT,
  PRIMARY KEY (session_id, consultant_id)
) WITHOUT ROWID;
CREATE INDEX session_leader_consultant ON session_leader (consultant_id);

CREATE TABLE participant (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (name <> ''),
  email        TEXT,
  phone        TEXT,
  role         TEXT,
  workplace_id INTEGER REFERENCES client (id) ON DELETE RESTRICT,
  notes        TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX participant_workplace ON participant (workplace_id);
CREATE INDEX participant_email ON participant (email COLLATE NOCASE);
CREATE INDEX participant_name ON participant (name COLLATE NOCASE);

CREATE TABLE enrolment (
  id             INTEGER PRIMARY KEY,
  programme_id   INTEGER NOT NULL REFERENCES programme (id) ON DELETE RESTRICT,
  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE RESTRICT,
  from_date      TEXT,
  to_date        TEXT CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date),
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (programme_id, participant_id)
);
CREATE INDEX enrolment_participant ON enrolment (participant_id);

CREATE TABLE attendance (
  id             INTEGER PRIMARY KEY,
  session_id     INTEGER NOT NULL REFERENCES session (id) ON DELETE RESTRICT,
  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE RESTRICT,
  status         TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused', 'partial')),
  minutes        INTEGER NOT NULL DEFAULT 0
                 CHECK (minutes >= 0 AND (status <> 'partial' OR minutes > 0)),
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (session_id, participant_id)
);
CREATE INDEX attendance_participant ON attendance (participant_id);

CREATE TABLE cost_item (
  id            INTEGER PRIMARY KEY,
  programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE RESTRICT,
  session_id    INTEGER REFERENCES session (id) ON DELETE RESTRICT,
  category      TEXT NOT NULL
                CHECK (category IN ('speaker-fee', 'supervisor-fee', 'travel', 'accommodation',
                                    'participant-fee', 'study-fee', 'venue', 'catering',
                                    'materials', 'other')),
  consultant_id INTEGER REFERENCES consultant (id) ON DELETE RESTRICT,
  days          INTEGER NOT NULL DEFAULT 0 CHECK (days >= 0),
  persons       INTEGER NOT NULL DEFAULT 0 CHECK (persons >= 0),
  net_ore       INTEGER NOT NULL CHECK (net_ore >= 0),
  vat_ore       INTEGER NOT NULL DEFAULT 0 CHECK (vat_ore >= 0),
  supplier      TEXT,
  invoice_no    TEXT,
  invoice_date  TEXT,
  note          TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (category NOT IN ('speaker-fee', 'supervisor-fee') OR days > 0)
);
CREATE INDEX cost_item_programme ON cost_item (programme_id);
CREATE INDEX cost_item_session ON cost_item (session_id);
CREATE INDEX cost_item_consultant ON cost_item (consultant_id);

-- The fund's rules as data: KS changes them now and then.
CREATE TABLE scheme_version (
  id                      INTEGER PRIMARY KEY,
  scheme                  TEXT NOT NULL,
  name                    TEXT NOT NULL,
  valid_from              TEXT NOT NULL,
  valid_to                TEXT,
  rate_permille           INTEGER NOT NULL CHECK (rate_permille BETWEEN 0 AND 1000),
  fee_cap_ore             INTEGER NOT NULL CHECK (fee_cap_ore >= 0),
  participant_fee_cap_ore INTEGER NOT NULL CHECK (participant_fee_cap_ore >= 0),
  study_fee_cap_ore       INTEGER NOT NULL CHECK (study_fee_cap_ore >= 0),
  created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (scheme, valid_from)
);

CREATE TABLE scheme_eligible (
  version_id INTEGER NOT NULL REFERENCES scheme_version (id) ON DELETE CASCADE,
  category   TEXT NOT NULL,
  PRIMARY KEY (version_id, category)
) WITHOUT ROWID;

-- KS's leader development scheme. The fee cap is the one number known to
-- have changed (16 000 kr before 2024); the other caps are those of 2024.
INSERT INTO scheme_version (id, scheme, name, valid_from, valid_to, rate_permille,
                            fee_cap_ore, participant_fee_cap_ore, study_fee_cap_ore)
VALUES (1, 'ks-ou-leder', 'KS OU-midler lederutvikling, før 2024', '2000-01-01', '2023-12-31',
        700, 1600000, 3500000, 1000000),
       (2, 'ks-ou-leder', 'KS OU-midler lederutvikling, fra 2024', '2024-01-01', NULL,
        700, 1800000, 3500000, 1000000);
INSERT INTO scheme_eligible (version_id, category)
SELECT v.id, c.category
FROM scheme_version v,
     (SELECT 'speaker-fee' AS category UNION ALL SELECT 'supervisor-fee'
      UNION ALL SELECT 'travel' UNION ALL SELECT 'accommodation'
      UNION ALL SELECT 'participant-fee' UNION ALL SELECT 'study-fee') c;

CREATE TABLE funding_case (
  id           INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programme (id) ON DELETE RESTRICT,
  scheme       TEXT NOT NULL DEFAULT 'ks-ou-leder',
  status       TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'applied', 'granted', 'payout-requested', 'paid', 'rejected')),
  applied_date TEXT,
  applied_ore  INTEGER CHECK (applied_ore >= 0),
  case_no      TEXT,
  granted_ore  INTEGER CHECK (granted_ore >= 0),
  grant_date   TEXT,
  expiry_date  TEXT,
  payout_date  TEXT,
  paid_ore     INTEGER CHECK (paid_ore >= 0),
  paid_date    TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (programme_id, scheme)
);
CREATE INDEX funding_case_status ON funding_case (status, expiry_date);

-- Keep updated_at honest whatever code writes a row.
CREATE TRIGGER settings_touch AFTER UPDATE ON settings WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE settings SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER client_touch AFTER UPDATE ON client WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE client SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER consultant_touch AFTER UPDATE ON consultant WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE consultant SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER programme_touch AFTER UPDATE ON programme WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE programme SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER session_touch AFTER UPDATE ON session WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE session SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER participant_touch AFTER UPDATE ON participant WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE participant SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER enrolment_touch AFTER UPDATE ON enrolment WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE enrolment SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER attendance_touch AFTER UPDATE ON attendance WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE attendance SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER cost_item_touch AFTER UPDATE ON cost_item WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE cost_item SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER funding_case_touch AFTER UPDATE ON funding_case WHEN NEW.updated_at = OLD.updated_at
BEGIN UPDATE funding_case SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id; END;

-- Full-text search over the things people look up by name. The rowid
-- encodes kind and id (id * 4 + kind) so a trigger finds its row at once.
--   kind 0 client, 1 programme, 2 participant, 3 consultant
CREATE VIRTUAL TABLE search USING fts5 (
  title, body,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER client_search_ins AFTER INSERT ON client BEGIN
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 0, NEW.name,
          ifnull(NEW.kind, '') || ' ' || ifnull(NEW.orgnr, '') || ' ' || ifnull(NEW.address, '') || ' ' || ifnull(NEW.contact_name, '') || ' ' || ifnull(NEW.contact_email, '') || ' ' || ifnull(NEW.notes, ''));
END;
CREATE TRIGGER client_search_upd AFTER UPDATE ON client BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 0;
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 0, NEW.name,
          ifnull(NEW.kind, '') || ' ' || ifnull(NEW.orgnr, '') || ' ' || ifnull(NEW.address, '') || ' ' || ifnull(NEW.contact_name, '') || ' ' || ifnull(NEW.contact_email, '') || ' ' || ifnull(NEW.notes, ''));
END;
CREATE TRIGGER client_search_del AFTER DELETE ON client BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 0;
END;

CREATE TRIGGER programme_search_ins AFTER INSERT ON programme BEGIN
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 1, NEW.title,
          ifnull(NEW.kind, '') || ' ' || ifnull(NEW.goals, '') || ' ' || ifnull(NEW.target_group, '') || ' ' || ifnull(NEW.q_current, '') || ' ' || ifnull(NEW.q_future, '') || ' ' || ifnull(NEW.q_process, ''));
END;
CREATE TRIGGER programme_search_upd AFTER UPDATE ON programme BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 1;
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 1, NEW.title,
          ifnull(NEW.kind, '') || ' ' || ifnull(NEW.goals, '') || ' ' || ifnull(NEW.target_group, '') || ' ' || ifnull(NEW.q_current, '') || ' ' || ifnull(NEW.q_future, '') || ' ' || ifnull(NEW.q_process, ''));
END;
CREATE TRIGGER programme_search_del AFTER DELETE ON programme BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 1;
END;

CREATE TRIGGER participant_search_ins AFTER INSERT ON participant BEGIN
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 2, NEW.name, ifnull(NEW.email, '') || ' ' || ifnull(NEW.phone, '') || ' ' || ifnull(NEW.role, '') || ' ' || ifnull(NEW.notes, ''));
END;
CREATE TRIGGER participant_search_upd AFTER UPDATE ON participant BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 2;
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 2, NEW.name, ifnull(NEW.email, '') || ' ' || ifnull(NEW.phone, '') || ' ' || ifnull(NEW.role, '') || ' ' || ifnull(NEW.notes, ''));
END;
CREATE TRIGGER participant_search_del AFTER DELETE ON participant BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 2;
END;

CREATE TRIGGER consultant_search_ins AFTER INSERT ON consultant BEGIN
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 3, NEW.name, ifnull(NEW.email, '') || ' ' || ifnull(NEW.phone, ''));
END;
CREATE TRIGGER consultant_search_upd AFTER UPDATE ON consultant BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 3;
  INSERT INTO search (rowid, title, body)
  VALUES (NEW.id * 4 + 3, NEW.name, ifnull(NEW.email, '') || ' ' || ifnull(NEW.phone, ''));
END;
CREATE TRIGGER consultant_search_del AFTER DELETE ON consultant BEGIN
  DELETE FROM search WHERE rowid = OLD.id * 4 + 3;
END;
