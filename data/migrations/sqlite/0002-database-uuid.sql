-- Kartleser schema, version 2.
-- A random identity of this database, so that what it exports (calendar
-- UIDs) is unique across databases yet stable across exports, edits,
-- backups and restores. Set once here; nothing changes it afterwards.

ALTER TABLE settings ADD COLUMN uuid TEXT;

UPDATE settings
SET uuid = (SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'
                         || substr('89ab', 1 + (unicode(substr(h, 17, 1)) % 4), 1) || substr(h, 18, 3) || '-'
                         || substr(h, 21, 12))
            FROM (SELECT hex(randomblob(16)) AS h));
