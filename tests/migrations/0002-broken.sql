-- Fails half-way: the table it creates must not survive.
CREATE TABLE half_done (x INTEGER);
INSERT INTO no_such_table (x) VALUES (1);
