-- Kartleser schema, version 13.
-- A file's search index gains prefix indexes (sqlite/0013). A server's
-- search is a tsvector with a GIN index, which finds prefixes as it is:
-- nothing changes here, and the version means the same on both backends.

SELECT 1;
