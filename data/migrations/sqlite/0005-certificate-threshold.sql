-- Kartleser schema, version 5.
-- Each programme's threshold for a course certificate (kursbevis): the
-- share of a participant's planned hours they must attend, in percent.

ALTER TABLE programme ADD COLUMN certificate_threshold INTEGER NOT NULL DEFAULT 80
  CHECK (certificate_threshold BETWEEN 1 AND 100);
