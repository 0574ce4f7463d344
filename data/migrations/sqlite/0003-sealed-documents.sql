-- Kartleser schema, version 3.
-- The exact bytes of each fund document as it went out (marked as sent),
-- with their SHA-256, so that a sent application or payout request can be
-- shown and exported again byte for byte whatever changes afterwards.
-- A sealed document is never changed or removed by the application.

CREATE TABLE sealed_document (
  id INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programme (id),
  kind TEXT NOT NULL CHECK (kind IN ('application', 'payout')),
  format TEXT NOT NULL CHECK (format IN ('xml', 'pdf')),
  lang TEXT NOT NULL CHECK (lang IN ('nb', 'en')),
  content BLOB NOT NULL,
  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),
  sealed_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX sealed_document_programme ON sealed_document (programme_id, kind, id);

CREATE TRIGGER sealed_document_unchanged BEFORE UPDATE ON sealed_document
BEGIN
  SELECT RAISE (ABORT, 'a sealed document is never changed');
END;

CREATE TRIGGER sealed_document_kept BEFORE DELETE ON sealed_document
BEGIN
  SELECT RAISE (ABORT, 'a sealed document is never deleted');
END;
