#include "config.h"

#include <string.h>

#include "kl-db-private.h"
#include "kl-db-backend.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-server.h"

/* What the two groups may do (README, "Team server"). The office writes
 * every data table; a consultant reads everything and writes attendance,
 * sessions, enrolments and participants of the programmes they lead or
 * lead a session in (kl_my_programmes (), postgresql/0010). The audit
 * trail and the search index are written by the owner's trigger
 * functions only; sealed documents are added by the owner's function
 * kl_seal_document (), which only the office may call (postgresql/0012),
 * and never changed (triggers). Who leads a programme or a session is
 * the office's to change: a consultant gains no rights by naming
 * themselves (no grant on programme or session_leader). Nobody but the owner may TRUNCATE. RLS is enabled,
 * not forced, so the owner (who runs init and the migrations) is not
 * bound by it. Every statement can run again: REVOKE first, then GRANT,
 * policies dropped and made anew. */
static const char grants_sql[] =
  "DO $grants$\n"
  "DECLARE\n"
  "  t text;\n"
  "  schema text := current_schema ();\n"
  "  consultant_tables text[] := ARRAY['attendance', 'session', 'session_participant', 'enrolment', 'participant'];\n"
  "  owner_only text[] := ARRAY['audit', 'sealed_document', 'search', 'staff', 'kl_schema_version'];\n"
  "BEGIN\n"
  "  EXECUTE format ('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM @OFFICE@, @CONSULTANT@', schema);\n"
  "  EXECUTE format ('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM @OFFICE@, @CONSULTANT@', schema);\n"
  "  EXECUTE format ('GRANT USAGE ON SCHEMA %I TO @OFFICE@, @CONSULTANT@', schema);\n"
  "  EXECUTE format ('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO @OFFICE@, @CONSULTANT@', schema);\n"
  "  EXECUTE format ('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO @OFFICE@, @CONSULTANT@', schema);\n"
  "  FOR t IN SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = schema LOOP\n"
  "    IF NOT t = ANY (owner_only) THEN\n"
  "      EXECUTE format ('GRANT INSERT, UPDATE, DELETE ON %I TO @OFFICE@', t);\n"
  "    END IF;\n"
  "  END LOOP;\n"
  "  REVOKE ALL ON FUNCTION kl_seal_document (bigint, text, text, text, bytea, text) FROM PUBLIC, @CONSULTANT@;\n"
  "  GRANT EXECUTE ON FUNCTION kl_seal_document (bigint, text, text, text, bytea, text) TO @OFFICE@;\n"
  "  FOREACH t IN ARRAY consultant_tables LOOP\n"
  "    EXECUTE format ('GRANT INSERT, UPDATE, DELETE ON %I TO @CONSULTANT@', t);\n"
  "    EXECUTE format ('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);\n"
  "    EXECUTE format ('DROP POLICY IF EXISTS kl_office ON %I', t);\n"
  "    EXECUTE format ('CREATE POLICY kl_office ON %I TO @OFFICE@ USING (true) WITH CHECK (true)', t);\n"
  "    EXECUTE format ('DROP POLICY IF EXISTS kl_consultant_read ON %I', t);\n"
  "    EXECUTE format ('CREATE POLICY kl_consultant_read ON %I FOR SELECT TO @CONSULTANT@ USING (true)', t);\n"
  "  END LOOP;\n"
  "  DROP POLICY IF EXISTS kl_consultant_write ON attendance;\n"
  "  CREATE POLICY kl_consultant_write ON attendance FOR ALL TO @CONSULTANT@\n"
  "    USING (session_id IN (SELECT id FROM session WHERE programme_id IN (SELECT kl_my_programmes ())))\n"
  "    WITH CHECK (session_id IN (SELECT id FROM session WHERE programme_id IN (SELECT kl_my_programmes ())));\n"
  "  DROP POLICY IF EXISTS kl_consultant_write ON session;\n"
  "  CREATE POLICY kl_consultant_write ON session FOR ALL TO @CONSULTANT@\n"
  "    USING (programme_id IN (SELECT kl_my_programmes ()))\n"
  "    WITH CHECK (programme_id IN (SELECT kl_my_programmes ()));\n"
  "  DROP POLICY IF EXISTS kl_consultant_write ON session_participant;\n"
  "  CREATE POLICY kl_consultant_write ON session_participant FOR ALL TO @CONSULTANT@\n"
  "    USING (session_id IN (SELECT id FROM session WHERE programme_id IN (SELECT kl_my_programmes ())))\n"
  "    WITH CHECK (session_id IN (SELECT id FROM session WHERE programme_id IN (SELECT kl_my_programmes ())));\n"
  "  DROP POLICY IF EXISTS kl_consultant_write ON enrolment;\n"
  "  CREATE POLICY kl_consultant_write ON enrolment FOR ALL TO @CONSULTANT@\n"
  "    USING (programme_id IN (SELECT kl_my_programmes ()))\n"
  "    WITH CHECK (programme_id IN (SELECT kl_my_programmes ()));\n"
  /* A new participant belongs to no programme until enrolled; one already
   * there is changed only through a programme the consultant leads. */
  "  DROP POLICY IF EXISTS kl_consultant_add ON participant;\n"
  "  CREATE POLICY kl_consultant_add ON participant FOR INSERT TO @CONSULTANT@ WITH CHECK (true);\n"
  "  DROP POLICY IF EXISTS kl_consultant_write ON participant;\n"
  "  CREATE POLICY kl_consultant_write ON participant FOR UPDATE TO @CONSULTANT@\n"
  "    USING (id IN (SELECT participant_id FROM enrolment WHERE programme_id IN (SELECT kl_my_programmes ())))\n"
  "    WITH CHECK (true);\n"
  "  DROP POLICY IF EXISTS kl_consultant_remove ON participant;\n"
  "  CREATE POLICY kl_consultant_remove ON participant FOR DELETE TO @CONSULTANT@\n"
  "    USING (id IN (SELECT participant_id FROM enrolment WHERE programme_id IN (SELECT kl_my_programmes ())));\n"
  "END $grants$;\n";

static const char *const group_suffix[] = {
  [KL_SERVER_OFFICE] = "office",
  [KL_SERVER_CONSULTANT] = "consultant",
};

/* A database name as part of a plain identifier: lower-case letters,
 * digits and _, short enough that kl_…_consultant fits in 63 bytes. */
static char *
sanitise_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p && out->len < 48; p++)
    {
      char c = g_ascii_tolower (*p);

      g_string_append_c (out, g_ascii_isalnum (c) ? c : '_');
    }
  return g_string_free (out, FALSE);
}

static char *
query_text (KlDb       *db,
            const char *sql,
            const char *arg,
            GError    **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, arg ? "t" : "", arg);

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KL_ERROR, KL_ERROR_FAILED, "no result: %s", sql);
      return NULL;
    }
  return kl_stmt_text (stmt, 0);
}

static gboolean
role_exists (KlDb       *db,
             const char *name)
{
  g_autofree char *count = query_text (db, "SELECT count(*)::text FROM pg_catalog.pg_roles WHERE rolname = ?",
                                       name, NULL);

  return g_strcmp0 (count, "0") != 0 && count != NULL;
}

static gboolean
require_server (KlDb    *db,
                GError **error)
{
  if (kl_db_location_is_server (kl_db_get_path (db)))
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("Roles exist only on a team server, not in a file"));
  return FALSE;
}

gboolean
kl_server_parse_role (const char   *name,
                      KlServerRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_suffix); i++)
    if (g_strcmp0 (name, group_suffix[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

char *
kl_server_group_role (KlDb         *db,
                      KlServerRole  role)
{
  g_autofree char *database = query_text (db, "SELECT current_database ()::text", NULL, NULL);
  g_autofree char *name = NULL;

  g_return_val_if_fail (role <= KL_SERVER_CONSULTANT, NULL);
  if (database == NULL)
    return NULL;
  name = sanitise_name (database);
  return g_strdup_printf ("kl_%s_%s", name, group_suffix[role]);
}

gboolean
kl_server_setup_roles (KlDb    *db,
                       char   **statements,
                       GError **error)
{
  g_autofree char *office = NULL;
  g_autofree char *consultant = NULL;
  g_autofree char *may_create = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *groups[2];

  g_return_val_if_fail (statements != NULL && *statements == NULL, FALSE);
  if (!require_server (db, error))
    return FALSE;
  office = kl_server_group_role (db, KL_SERVER_OFFICE);
  consultant = kl_server_group_role (db, KL_SERVER_CONSULTANT);
  may_create = query_text (db, "SELECT (rolsuper OR rolcreaterole)::text FROM pg_catalog.pg_roles "
                               "WHERE rolname = current_user", NULL, error);
  if (office == NULL || may_create == NULL)
    return FALSE;
  groups[0] = office;
  groups[1] = consultant;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (!role_exists (db, groups[i]))
      g_string_append_printf (missing, "CREATE ROLE %s NOLOGIN;\n", groups[i]);
  if (missing->len > 0)
    {
      if (!g_str_equal (may_create, "true"))
        {
          /* The owner still manages them (ADMIN), so add-user works. */
          g_autofree char *me = query_text (db, "SELECT quote_ident (current_user)", NULL, error);

          if (me == NULL)
            return FALSE;
          g_string_append_printf (missing, "GRANT %s, %s TO %s WITH ADMIN OPTION;\n", office, consultant, me);
          *statements = g_string_free (g_steal_pointer (&missing), FALSE);
          return TRUE;
        }
      if (!db->backend->exec_script (db, missing->str, error))
        return FALSE;
    }
  sql = g_string_new (grants_sql);
  g_string_replace (sql, "@OFFICE@", office, 0);
  g_string_replace (sql, "@CONSULTANT@", consultant, 0);
  return db->backend->exec_script (db, sql->str, error);
}

gboolean
kl_server_add_user (KlDb          *db,
                    const char    *login,
                    KlServerRole   role,
                    gint64         consultant_id,
                    const char    *password,
                    GError       **error)
{
  g_autofree char *group = NULL;
  g_autofree char *create = NULL;
  g_autoptr(KlTransaction) tx = NULL;

  g_return_val_if_fail (login != NULL, FALSE);
  if (!require_server (db, error))
    return FALSE;
  if (*login == '\0')
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("Login: required"));
      return FALSE;
    }
  group = kl_server_group_role (db, role);
  if (group == NULL)
    return FALSE;
  if (!role_exists (db, group))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND,
                   _("The role %s does not exist yet: run init on this database first"), group);
      return FALSE;
    }
  if (role_exists (db, login))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DUPLICATE, _("The role %s exists already"), login);
      return FALSE;
    }
  if (consultant_id > 0)
    {
      g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT 1 FROM consultant WHERE id = ?", "i", consultant_id);

      if (stmt == NULL)
        return FALSE;
      if (!kl_stmt_next (stmt, error))
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, consultant_id);

          if (error == NULL || *error == NULL)
            g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND, _("No consultant with id %s"), id);
          return FALSE;
        }
    }
  /* The server quotes the name and the password: neither can break out
   * of the statement. */
  {
    g_autoptr(KlStmt) stmt = NULL;

    if (password != NULL)
      stmt = kl_db_query (db, error, "SELECT format ('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', ?, ?, ?)",
                          "ttt", login, password, group);
    else
      stmt = kl_db_query (db, error, "SELECT format ('CREATE ROLE %I LOGIN IN ROLE %I', ?, ?)", "tt", login, group);
    if (stmt == NULL || !kl_stmt_next (stmt, error))
      return FALSE;
    create = kl_stmt_text (stmt, 0);
  }
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !db->backend->exec_script (db, create, error)
      || !kl_db_exec (db, error, "INSERT INTO staff (role_name, consultant_id) VALUES (?, ?)", "tr",
                      login, consultant_id)
      || !kl_transaction_commit (tx, error))
    return FALSE;
  return TRUE;
}
