-- Kartleser schema, version 2, on PostgreSQL (see sqlite/0002).
-- A random identity of this database, set once.

ALTER TABLE settings ADD COLUMN uuid text;

UPDATE settings SET uuid = gen_random_uuid ()::text;
