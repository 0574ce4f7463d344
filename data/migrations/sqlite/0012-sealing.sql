-- Kartleser schema, version 12.
-- On a team server sealed documents are added through a function that
-- runs as the database's owner (postgresql/0012). A file has one user and
-- adds them directly: nothing changes here, and the version means the same
-- on both backends.

SELECT 1;
