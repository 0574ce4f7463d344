-- Kartleser schema, version 5, on PostgreSQL (see sqlite/0005).

ALTER TABLE programme ADD COLUMN certificate_threshold bigint NOT NULL DEFAULT 80
  CHECK (certificate_threshold BETWEEN 1 AND 100);
