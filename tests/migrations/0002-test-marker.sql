-- A second schema version for the upgrade test.
ALTER TABLE client ADD COLUMN test_note TEXT;
CREATE TABLE test_marker (version INTEGER NOT NULL);
INSERT INTO test_marker (version) VALUES (2);
