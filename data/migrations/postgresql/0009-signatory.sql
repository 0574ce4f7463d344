-- Kartleser schema, version 9.
-- Who signs IMTEC's certificates: a name and a title (e.g. "Daglig leder"),
-- printed under the signature line.

ALTER TABLE settings ADD COLUMN signatory_name text;
ALTER TABLE settings ADD COLUMN signatory_title text;
