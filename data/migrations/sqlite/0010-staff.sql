-- Kartleser schema, version 10.
-- Which consultant a login of a team server is (postgresql/0010). A file
-- has one user and no logins: the table stays empty here, and exists so
-- that a schema version means the same tables on both backends.

CREATE TABLE staff (
  role_name     TEXT PRIMARY KEY,
  consultant_id INTEGER REFERENCES consultant (id) ON DELETE RESTRICT
);
