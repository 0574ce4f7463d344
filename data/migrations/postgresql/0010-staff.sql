-- Kartleser schema, version 10, on PostgreSQL: what the roles of a team
-- server need (the group roles, GRANTs and policies themselves are made
-- by `kartleser-cli init`, src/core/kl-server.c, since roles belong to
-- the cluster, not to the schema).

-- Which consultant a login role is: `server add-user --consultant`.
CREATE TABLE staff (
  role_name     text PRIMARY KEY,
  consultant_id bigint REFERENCES consultant (id) ON DELETE RESTRICT
);

-- The programmes the current login leads, or leads a session in: what a
-- consultant's row-level security policies allow them to change. It runs
-- as the caller, who may read these tables.
CREATE FUNCTION kl_my_programmes () RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
  SELECT p.id FROM programme p JOIN staff s ON s.consultant_id = p.lead_id
  WHERE s.role_name = current_user
  UNION
  SELECT se.programme_id FROM session se
  JOIN session_leader sl ON sl.session_id = se.id
  JOIN staff s ON s.consultant_id = sl.consultant_id
  WHERE s.role_name = current_user
$$;

-- The audit trail and the search index are written by trigger functions
-- alone; no group role may write those tables. The functions run as their
-- owner (the role that ran the migrations) with a fixed search_path, and
-- kl_os_user () still names the login (session_user). A later migration
-- that replaces one of them must say SECURITY DEFINER again.
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['attendance_audit', 'cost_item_audit', 'cost_part_audit', 'funding_case_audit',
                           'client_search', 'programme_search', 'participant_search', 'consultant_search']
  LOOP
    EXECUTE format ('ALTER FUNCTION %I () SECURITY DEFINER SET search_path = %I, pg_catalog, pg_temp',
                    f, current_schema ());
  END LOOP;
END $$;
