#include "config.h"

#include <glib-unix.h>
#include <gmodule.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "kl-clock.h"
#include "kl-db-backend.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-model.h"

/* The PostgreSQL backend (libpq, server 15): a team's database on a
 * server. The store keeps writing SQLite-style parameters (? and ?N);
 * each statement text is rewritten to $N once, prepared on the server and
 * kept by its text, as the SQLite side keeps its statements. A query runs
 * when it is made and its rows are read from the result. About 1 200
 * lines and kept whole: statements, results, COPY, pipelined queries,
 * LISTEN/NOTIFY and reconnecting all work on one libpq connection's
 * private state (Conn); split across files, that state would need a
 * header that lets the rest of the core reach into it. */

/* Type oids of pg_type.h, which libpq does not install. */
#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25
#define OID_OID 26
#define OID_NUMERIC 1700

/* One server-wide number for the advisory lock under which a database's
 * schema is created or upgraded: of clients opening one new database at
 * once, the first migrates and the others find it done. */
#define MIGRATION_LOCK 1263289410 /* "KLDB" */

/* What every connection sets first. Statements are prepared once and run
 * many times with ids for parameters, where one plan fits every value:
 * generic plans from the first run spare the planning that PostgreSQL's
 * custom plans (its default for a statement's first five runs, and for
 * good where it guesses them cheaper) repeat at every run, which was most
 * of a claim's time. No statement compares a parameter by LIKE or a range
 * whose selectivity swings with the value. */
#define SESSION_SETTINGS "SET client_min_messages = warning; SET plan_cache_mode = force_generic_plan"

typedef struct
{
  PGconn *pg;
  GHashTable *statements;  /* types "\n" sql -> PgStmt */
  guint n_prepared;
  gint64 changes;
  gint64 last_id;
  char *today;             /* what the session's kl_today () says */
  char *now;
} Conn;

typedef struct
{
  KlStmt parent;
  char *name;
  int n_params;
  Oid *param_types;
  PGresult *result;
  int row;
} PgStmt;

#define CONN(self) ((Conn *) (self)->conn)
#define PG(self) (CONN (self)->pg)
#define PGSTMT(stmt) ((PgStmt *) (stmt))

static const KlDbBackend pg_backend;

/* The table (or function) a refusal names: "permission denied for table funding_case",
 * "new row violates row-level security policy for table \"attendance\"". */
static char *
refused_table (const char *message)
{
  const char *table = message ? strstr (message, "for table ") : NULL;
  const char *function = message ? strstr (message, "for function ") : NULL;

  if (table == NULL && function == NULL)
    return NULL;
  table = table ? table + strlen ("for table ") : function + strlen ("for function ");
  if (*table == '"')
    table++;
  return g_strndup (table, strcspn (table, "\""));
}

/* 42501 (insufficient privilege, also a row-level security policy's
 * refusal) in the user's words, by the table refused. */
static void
set_refusal (GError     **error,
             const char  *message)
{
  static const struct { const char *table; const char *text; } refusals[] = {
    { "funding_case", N_("Only the office can record funding steps") },
    { "cost_item", N_("Only the office can change cost items") },
    { "cost_session", N_("Only the office can change cost items") },
    { "cost_date", N_("Only the office can change cost items") },
    { "settings", N_("Only the office can change the settings") },
    { "audit", N_("Only Kartleser itself writes the audit trail") },
    { "sealed_document", N_("Sealed documents cannot be changed") },
    { "kl_seal_document", N_("Only the office can seal fund documents") },
    { "session_leader", N_("Only the office can change who leads a session") },
    { "attendance", N_("You may only record attendance in programmes you lead") },
    { "session", N_("You may only change sessions in programmes you lead") },
    { "session_participant", N_("You may only change sessions in programmes you lead") },
    { "enrolment", N_("You may only enrol participants in programmes you lead") },
    { "participant", N_("You may only change participants of programmes you lead") },
  };
  g_autofree char *table = refused_table (message);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    if (g_strcmp0 (table, refusals[i].table) == 0)
      {
        g_set_error_literal (error, KL_ERROR, KL_ERROR_NOT_ALLOWED, _(refusals[i].text));
        return;
      }
  g_set_error_literal (error, KL_ERROR, KL_ERROR_NOT_ALLOWED, _("Your role may not change this"));
}

/* The network or the server went away: what was being saved was not, and
 * the window says so and tries again (kl_db_reconnect). */
static gboolean
set_connection_lost (KlDb    *self,
                     GError **error)
{
  g_set_error_literal (error, KL_ERROR, KL_ERROR_DB,
                       _("Lost the connection to the team server: nothing was saved. Try again when it is back."));
  if (!self->lost)
    {
      self->lost = TRUE;
      kl_db_note_connection_lost (self);
    }
  return FALSE;
}

static gboolean
set_result_error (KlDb            *self,
                  GError         **error,
                  const PGresult  *result)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  if (PQstatus (PG (self)) == CONNECTION_BAD)
    return set_connection_lost (self, error);
  if (message == NULL)
    message = PQerrorMessage (PG (self));
  /* 25006: a read-only transaction (a standby, or a read-only role). */
  if (g_strcmp0 (state, "42501") == 0)
    set_refusal (error, message);
  else if (g_strcmp0 (state, "25006") == 0)
    g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
                 _("The server accepts no changes to this database: %s"), message);
  else
    g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Database: %s"), message);
  return FALSE;
}

/* Trigger messages and "IF NOT EXISTS" notices are not the user's
 * business; errors reach them through GError. */
static void
ignore_notice (void       *data,
               const char *message)
{
}

static gboolean
pg_exec_script (KlDb        *self,
                const char  *sql,
                GError     **error)
{
  PGresult *result = PQexec (PG (self), sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    set_result_error (self, error, result);
  PQclear (result);
  /* What set_config () sent in a transaction rolled back is gone. */
  if (g_str_has_prefix (sql, "ROLLBACK"))
    {
      g_clear_pointer (&CONN (self)->today, g_free);
      g_clear_pointer (&CONN (self)->now, g_free);
    }
  return ok;
}

/* SQLite's ? and ?N as $N: a bare ? takes the number after the highest so
 * far, as SQLite numbers it. Quoted text, quoted names and comments are
 * left alone. */
static char *
rewrite_parameters (const char *sql,
                    int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;

  for (const char *p = sql; *p; p++)
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p++);
          while (*p && *p != quote)
            g_string_append_c (out, *p++);
          if (*p == '\0')
            break;
          g_string_append_c (out, *p);
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p && *p != '\n')
            g_string_append_c (out, *p++);
          if (*p == '\0')
            break;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        {
          int number;

          if (g_ascii_isdigit (p[1]))
            {
              char *end = NULL;

              number = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            number = highest + 1;
          highest = MAX (highest, number);
          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p);
    }
  *n_params = highest;
  return g_string_free (out, FALSE);
}

static Oid
parameter_type (char type)
{
  switch (type)
    {
    case 't':
      return OID_TEXT;
    case 'b':
      return OID_BYTEA;
    default:
      return OID_INT8;
    }
}

static void
finalize_statement (gpointer data)
{
  PgStmt *stmt = data;

  g_clear_pointer (&stmt->result, PQclear);
  g_free (stmt->name);
  g_free (stmt->param_types);
  g_free (stmt);
}

static PgStmt *
lookup_prepared (KlDb        *self,
                 const char  *sql,
                 const char  *types,
                 GError     **error)
{
  g_autofree char *key = g_strconcat (types ? types : "", "\n", sql, NULL);
  PgStmt *stmt = g_hash_table_lookup (CONN (self)->statements, key);
  g_autofree char *text = NULL;
  int n_types = types ? (int) strlen (types) : 0;
  PGresult *result;
  int n_params;

  if (stmt != NULL)
    return stmt;

  text = rewrite_parameters (sql, &n_params);
  /* A types string out of step with the SQL is a programming error that
   * would bind values to the wrong columns. */
  if (n_types != n_params)
    {
      g_critical ("“%s” has %d parameters, but %d were given", sql, n_params, n_types);
      g_set_error (error, KL_ERROR, KL_ERROR_FAILED, "internal error: parameters of “%s”", sql);
      return NULL;
    }
  stmt = g_new0 (PgStmt, 1);
  stmt->parent.db = self;
  stmt->name = g_strdup_printf ("kl_%u", ++CONN (self)->n_prepared);
  stmt->n_params = n_params;
  stmt->param_types = g_new0 (Oid, MAX (n_params, 1));
  for (int i = 0; i < n_params; i++)
    stmt->param_types[i] = parameter_type (types[i]);
  stmt->row = -1;

  result = PQprepare (PG (self), stmt->name, text, n_params, stmt->param_types);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);

      /* Class 42: the SQL itself is wrong, as a failed sqlite3_prepare. An
       * aborted transaction or a lost connection is not a bug. */
      if (state != NULL && g_str_has_prefix (state, "42"))
        g_critical ("Cannot prepare “%s”: %s", text, PQresultErrorMessage (result));
      set_result_error (self, error, result);
      PQclear (result);
      finalize_statement (stmt);
      return NULL;
    }
  PQclear (result);
  g_hash_table_insert (CONN (self)->statements, g_steal_pointer (&key), stmt);
  return stmt;
}

/* kl_today () and kl_now () on the server read these session settings,
 * so SQL follows the core's clock (kl-clock.h, KARTLESER_NOW in tests)
 * as it does on SQLite. Sent only when they change. */
static void
sync_clock (KlDb *self)
{
  Conn *conn = CONN (self);
  g_autofree char *today = kl_clock_today ();
  g_autofree char *now = kl_clock_now_minutes ();
  const char *values[2] = { today, now };
  PGresult *result;

  if (g_strcmp0 (today, conn->today) == 0 && g_strcmp0 (now, conn->now) == 0)
    return;
  result = PQexecParams (conn->pg, "SELECT set_config ('kl.today', $1, false), set_config ('kl.now', $2, false)",
                         2, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    {
      g_free (conn->today);
      conn->today = g_steal_pointer (&today);
      g_free (conn->now);
      conn->now = g_steal_pointer (&now);
    }
  PQclear (result);
}

static KlStmt *
pg_prepare (KlDb        *self,
            const char  *sql,
            const char  *types,
            va_list      args,
            GError     **error)
{
  PgStmt *stmt = lookup_prepared (self, sql, types, error);
  g_autoptr(GPtrArray) owned = NULL;
  const char **values;
  int *lengths;
  int *formats;
  PGresult *result;
  ExecStatusType status;

  if (stmt == NULL)
    return NULL;
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;

  owned = g_ptr_array_new_with_free_func (g_free);
  values = g_newa (const char *, MAX (stmt->n_params, 1));
  lengths = g_newa (int, MAX (stmt->n_params, 1));
  formats = g_newa (int, MAX (stmt->n_params, 1));
  for (int i = 0; i < stmt->n_params; i++)
    {
      char *text = NULL;

      lengths[i] = 0;
      formats[i] = 0;
      switch (types[i])
        {
        case 't':
          {
            const char *value = va_arg (args, const char *);

            values[i] = value && *value ? value : NULL;
            continue;
          }
        case 'i':
          text = g_strdup_printf ("%" G_GINT64_FORMAT, va_arg (args, gint64));
          break;
        case 'n':
          text = g_strdup_printf ("%d", va_arg (args, int));
          break;
        case 'r':
          {
            gint64 id = va_arg (args, gint64);

            text = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
            break;
          }
        case 'a':
          {
            gint64 ore = va_arg (args, gint64);

            text = ore != KL_NO_AMOUNT ? g_strdup_printf ("%" G_GINT64_FORMAT, ore) : NULL;
            break;
          }
        case 'b':
          {
            GBytes *bytes = va_arg (args, GBytes *);
            gsize size = 0;
            const void *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

            values[i] = bytes != NULL ? (data ? data : "") : NULL;
            lengths[i] = (int) size;
            formats[i] = 1;
            continue;
          }
        default:
          g_assert_not_reached ();
        }
      values[i] = text;
      if (text != NULL)
        g_ptr_array_add (owned, text);
    }

  sync_clock (self);
  result = PQexecPrepared (PG (self), stmt->name, stmt->n_params, values, lengths, formats, 0);
  status = PQresultStatus (result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      set_result_error (self, error, result);
      PQclear (result);
      return NULL;
    }
  CONN (self)->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  /* INSERT … RETURNING id: the id kl_db_last_id gives, as SQLite's
   * last_insert_rowid (which triggers' own inserts do not change). */
  if (g_str_has_prefix (PQcmdStatus (result), "INSERT") && PQntuples (result) > 0
      && g_strcmp0 (PQfname (result, 0), "id") == 0)
    CONN (self)->last_id = g_ascii_strtoll (PQgetvalue (result, PQntuples (result) - 1, 0), NULL, 10);
  stmt->result = result;
  return &stmt->parent;
}

static gboolean
pg_step (KlStmt  *stmt,
         GError **error)
{
  PgStmt *self = PGSTMT (stmt);

  if (self->result == NULL || self->row + 1 >= PQntuples (self->result))
    return FALSE;
  self->row++;
  return TRUE;
}

static void
pg_reset (KlStmt *stmt)
{
  g_clear_pointer (&PGSTMT (stmt)->result, PQclear);
  PGSTMT (stmt)->row = -1;
}

static int
pg_column_count (KlStmt *stmt)
{
  return PGSTMT (stmt)->result ? PQnfields (PGSTMT (stmt)->result) : 0;
}

static const char *
pg_column_name (KlStmt *stmt,
                int     column)
{
  return PQfname (PGSTMT (stmt)->result, column);
}

static KlValueKind
pg_column_kind (KlStmt *stmt,
                int     column)
{
  PgStmt *self = PGSTMT (stmt);

  if (self->result == NULL || self->row < 0 || PQgetisnull (self->result, self->row, column))
    return KL_VALUE_NULL;
  switch (PQftype (self->result, column))
    {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
      return KL_VALUE_INT;
    case OID_NUMERIC:
      /* sum () of integers is numeric on the server. */
      return strchr (PQgetvalue (self->result, self->row, column), '.') ? KL_VALUE_TEXT : KL_VALUE_INT;
    case OID_BYTEA:
      return KL_VALUE_BLOB;
    default:
      return KL_VALUE_TEXT;
    }
}

/* Booleans read as SQLite gives them: 1 and 0. */
static const char *
pg_peek_text (KlStmt *stmt,
              int     column)
{
  PgStmt *self = PGSTMT (stmt);
  const char *value;

  if (self->result == NULL || self->row < 0 || PQgetisnull (self->result, self->row, column))
    return NULL;
  value = PQgetvalue (self->result, self->row, column);
  if (PQftype (self->result, column) == OID_BOOL)
    return *value == 't' ? "1" : "0";
  return value;
}

static gint64
pg_get_int (KlStmt *stmt,
            int     column)
{
  const char *value = pg_peek_text (stmt, column);

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static GBytes *
pg_get_blob (KlStmt *stmt,
             int     column)
{
  PgStmt *self = PGSTMT (stmt);
  size_t size = 0;
  unsigned char *data;
  GBytes *bytes;

  if (PQftype (self->result, column) != OID_BYTEA)
    {
      const char *text = pg_peek_text (stmt, column);

      return g_bytes_new (text, strlen (text));
    }
  data = PQunescapeBytea ((const unsigned char *) PQgetvalue (self->result, self->row, column), &size);
  bytes = g_bytes_new (data, size);
  PQfreemem (data);
  return bytes;
}

static gint64
pg_changes (KlDb *self)
{
  return CONN (self)->changes;
}

static gint64
pg_last_id (KlDb *self)
{
  return CONN (self)->last_id;
}

/* kl_audit_recording () on the server reads this session setting. */
static gboolean
pg_pause_audit (KlDb     *self,
                gboolean  paused)
{
  const char *value = paused ? "on" : "off";
  PGresult *result = PQexecParams (PG (self), "SELECT set_config ('kl.audit_paused', $1, false)",
                                   1, NULL, &value, NULL, NULL, 0);
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK;

  PQclear (result);
  return ok;
}

/* Live updates: LISTEN/NOTIFY. Channels belong to one database, so one
 * name serves every Kartleser database on a cluster. The payload names
 * the tables written, comma-separated ("" when unknown). */
#define CHANGES_CHANNEL "kl_changed"

static void
pg_take_remote (KlDb *self)
{
  int me = PQbackendPID (PG (self));
  PGnotify *notify;

  while ((notify = PQnotifies (PG (self))) != NULL)
    {
      /* Our own commits were signalled when they were made. */
      if (notify->be_pid != me && g_str_equal (notify->relname, CHANGES_CHANNEL))
        kl_db_note_remote (self, notify->extra);
      PQfreemem (notify);
    }
}

static gboolean
on_socket_readable_cb (int           fd,
                       GIOCondition  condition,
                       gpointer      data)
{
  KlDb *self = data;

  if (!PQconsumeInput (PG (self)))
    {
      /* The connection is gone; the socket would stay readable for ever.
       * The window hears of it now, not at the next save, and
       * pg_reconnect listens again on the new socket. */
      self->watch_id = 0;
      if (PQstatus (PG (self)) == CONNECTION_BAD)
        set_connection_lost (self, NULL);
      return G_SOURCE_REMOVE;
    }
  pg_take_remote (self);
  return G_SOURCE_CONTINUE;
}

/* A source on the connection's socket, in the main loop: no thread, no
 * timer. Notifications that come in with another statement's result are
 * taken after it (kl_db_query, kl_db_exec, commits). */
static void
pg_watch (KlDb     *self,
          gboolean  on)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (!on)
    {
      if (PQstatus (PG (self)) == CONNECTION_OK)
        pg_exec_script (self, "UNLISTEN " CHANGES_CHANNEL, NULL);
      return;
    }
  if (PQsocket (PG (self)) < 0 || !pg_exec_script (self, "LISTEN " CHANGES_CHANNEL, NULL))
    return;
  self->watch_id = g_unix_fd_add (PQsocket (PG (self)), G_IO_IN, on_socket_readable_cb, self);
}

/* Sent in the transaction, the notification reaches the others at its
 * commit, and not at all if it rolls back; a transaction that only read
 * has no transaction id and tells nobody. */
static char *
pg_announce (KlDb       *self,
             const char *tables,
             gboolean    if_written)
{
  char *literal = PQescapeLiteral (PG (self), tables, strlen (tables));
  char *sql = g_strdup_printf ("SELECT pg_notify ('" CHANGES_CHANNEL "', %s)%s", literal ? literal : "''",
                               if_written ? " WHERE pg_current_xact_id_if_assigned () IS NOT NULL" : "");

  PQfreemem (literal);
  return sql;
}

static void
pg_close (KlDb *self)
{
  Conn *conn = self->conn;

  if (conn == NULL)
    return;
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  g_clear_pointer (&conn->pg, PQfinish);
  g_free (conn->today);
  g_free (conn->now);
  g_free (conn);
  self->conn = NULL;
}

/* Copies: COPY … FROM STDIN in PostgreSQL's text format. The rows are
 * kept here and sent at the end, so that one COPY carries them all and
 * other statements may run while a copy is being filled. */

typedef struct
{
  KlDb *db;
  char *sql;
  char *types;
  GString *rows;
  guint n_rows;
} PgCopy;

static gpointer
pg_copy_begin (KlDb        *self,
               const char  *table,
               const char  *columns,
               const char  *types,
               GError     **error)
{
  PgCopy *copy = g_new0 (PgCopy, 1);

  copy->db = self;
  copy->sql = g_strdup_printf ("COPY %s (%s) FROM STDIN", table, columns);
  copy->types = g_strdup (types);
  copy->rows = g_string_sized_new (4096);
  return copy;
}

/* Text as COPY reads it: backslash, tab and line ends escaped. */
static void
append_copy_text (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      default:
        g_string_append_c (out, *p);
      }
}

/* Values bind as pg_prepare binds them: "" text, a 0 reference and
 * KL_NO_AMOUNT are NULL. */
static gboolean
pg_copy_row (gpointer   data,
             va_list    args,
             GError   **error)
{
  PgCopy *copy = data;
  GString *out = copy->rows;

  for (guint i = 0; copy->types[i]; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\t');
      switch (copy->types[i])
        {
        case 't':
          {
            const char *value = va_arg (args, const char *);

            if (value != NULL && *value != '\0')
              append_copy_text (out, value);
            else
              g_string_append (out, "\\N");
            break;
          }
        case 'i':
          g_string_append_printf (out, "%" G_GINT64_FORMAT, va_arg (args, gint64));
          break;
        case 'n':
          g_string_append_printf (out, "%d", va_arg (args, int));
          break;
        case 'r':
          {
            gint64 id = va_arg (args, gint64);

            if (id > 0)
              g_string_append_printf (out, "%" G_GINT64_FORMAT, id);
            else
              g_string_append (out, "\\N");
            break;
          }
        case 'a':
          {
            gint64 ore = va_arg (args, gint64);

            if (ore != KL_NO_AMOUNT)
              g_string_append_printf (out, "%" G_GINT64_FORMAT, ore);
            else
              g_string_append (out, "\\N");
            break;
          }
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append_c (out, '\n');
  copy->n_rows++;
  return TRUE;
}

static gboolean
pg_copy_end (gpointer   data,
             GError   **error)
{
  PgCopy *copy = data;
  KlDb *self = copy->db;
  PGconn *pg = PG (self);
  const gsize chunk = 1 << 20;
  PGresult *result;
  gboolean ok = TRUE;

  if (copy->n_rows == 0)
    return TRUE;
  sync_clock (self);
  result = PQexec (pg, copy->sql);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      set_result_error (self, error, result);
      PQclear (result);
      return FALSE;
    }
  PQclear (result);
  for (gsize sent = 0; ok && sent < copy->rows->len; sent += chunk)
    ok = PQputCopyData (pg, copy->rows->str + sent, (int) MIN (chunk, copy->rows->len - sent)) == 1;
  if (PQputCopyEnd (pg, ok ? NULL : "kartleser: the rows could not be sent") != 1)
    ok = FALSE;
  /* The COPY's own result, then the end of the results. */
  while ((result = PQgetResult (pg)) != NULL)
    {
      if (PQresultStatus (result) == PGRES_COMMAND_OK)
        CONN (self)->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
      else if (ok)
        ok = set_result_error (self, error, result);
      PQclear (result);
    }
  if (!ok && error != NULL && *error == NULL)
    set_result_error (self, error, NULL);
  g_string_truncate (copy->rows, 0);
  copy->n_rows = 0;
  return ok;
}

static void
pg_copy_free (gpointer data)
{
  PgCopy *copy = data;

  g_string_free (copy->rows, TRUE);
  g_free (copy->sql);
  g_free (copy->types);
  g_free (copy);
}

/* From the table's identity sequence: unique whoever else inserts, and
 * consecutive when nobody does (as SQLite's would be). */
static GArray *
pg_reserve_ids (KlDb        *self,
                const char  *table,
                guint        n,
                GError     **error)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *values[2] = { table, count };
  PGresult *result = PQexecParams (PG (self), "SELECT nextval (pg_get_serial_sequence ($1, 'id')) "
                                              "FROM generate_series (1, $2::integer)",
                                   2, NULL, values, NULL, NULL, 0);
  GArray *ids;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      set_result_error (self, error, result);
      PQclear (result);
      return NULL;
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (result, i, 0), NULL, 10);

      g_array_append_val (ids, id);
    }
  PQclear (result);
  return ids;
}

/* kl_db_query_batch: every statement sent, then one sync, then the
 * results read: one round trip for them all (statements not yet prepared
 * on this connection are prepared first, once). */
static gboolean
pg_query_batch (KlDb              *self,
                gint64             id,
                guint              n,
                const char *const *sqls,
                KlStmt           **stmts,
                GError           **error)
{
  PGconn *pg = PG (self);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *values[1] = { text };
  PgStmt **batch = g_newa (PgStmt *, MAX (n, 1));
  gboolean ok = TRUE;
  guint sent = 0;
  PGresult *result;

  for (guint i = 0; i < n; i++)
    {
      batch[i] = lookup_prepared (self, sqls[i], "i", error);
      if (batch[i] == NULL)
        return FALSE;
      g_clear_pointer (&batch[i]->result, PQclear);
      batch[i]->row = -1;
    }
  sync_clock (self);
  if (PQenterPipelineMode (pg) != 1)
    return set_result_error (self, error, NULL);
  while (ok && sent < n)
    ok = PQsendQueryPrepared (pg, batch[sent++]->name, 1, values, NULL, NULL, 0) == 1;
  ok = PQpipelineSync (pg) == 1 && ok;
  if (!ok)
    set_result_error (self, error, NULL);
  /* Each statement's result and its NULL, then the sync's; after an
   * error the rest come back PGRES_PIPELINE_ABORTED. */
  for (guint i = 0; i < sent; i++)
    {
      while ((result = PQgetResult (pg)) != NULL)
        {
          ExecStatusType status = PQresultStatus (result);

          if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
            {
              g_clear_pointer (&batch[i]->result, PQclear);
              batch[i]->result = result;
              continue;
            }
          if (ok && status != PGRES_PIPELINE_ABORTED)
            ok = set_result_error (self, error, result);
          PQclear (result);
        }
    }
  while ((result = PQgetResult (pg)) != NULL)
    {
      gboolean synced = PQresultStatus (result) == PGRES_PIPELINE_SYNC;

      PQclear (result);
      if (synced)
        break;
    }
  if (PQexitPipelineMode (pg) != 1 && ok)
    ok = set_result_error (self, error, NULL);
  for (guint i = 0; i < n; i++)
    {
      if (ok && batch[i]->result == NULL)
        ok = set_result_error (self, error, NULL);
    }
  for (guint i = 0; i < n; i++)
    {
      if (!ok)
        pg_reset (&batch[i]->parent);
      stmts[i] = ok ? &batch[i]->parent : NULL;
    }
  return ok;
}

static const KlDbBackend pg_backend = {
  .begin_sql = "BEGIN",
  .sql = {
    /* Title words weigh four times body words, as bm25 (search, 4.0, 1.0).
     * The query is built once a run, as an init plan ((SELECT query FROM
     * q)): joined in as a table, PostgreSQL's generic plan (taken after
     * five runs of the prepared statement) built it again for every row
     * that matched, 6 times slower on 3 years of demo data. */
    [KL_SQL_SEARCH] = "WITH q AS (SELECT kl_search_query (?1) AS query) "
                      "SELECT s.rowid, s.title, ts_headline ('simple', s.body, (SELECT query FROM q), "
                      "'StartSel=[, StopSel=], MaxWords=8, MinWords=3, ShortWord=0, MaxFragments=1, "
                      "FragmentDelimiter=…') "
                      "FROM search s WHERE s.document @@ (SELECT query FROM q) "
                      "ORDER BY ts_rank ('{0, 0, 0.25, 1}', s.document, (SELECT query FROM q)) DESC, s.rowid "
                      "LIMIT ?2",
    /* The triggers keep it; a row's old terms go with the row. */
    [KL_SQL_SEARCH_REBUILD] = NULL,
    /* The dead row versions holding old values are marked free at once
     * rather than at the next autovacuum; a role that does not own the
     * tables gets a warning, not an error. The server cannot promise that
     * the old bytes are overwritten (README, "Personal data"). */
    [KL_SQL_FORGET] = "VACUUM participant, search",
    /* Made with the schema (see migrate ()), outside the migrations so
     * that both backends' sets make the same tables. */
    [KL_SQL_SCHEMA_VERSION] = "SELECT version FROM kl_schema_version WHERE id = 1",
    [KL_SQL_QUERY_ONLY] = "SET default_transaction_read_only = on",
    /* No group role may INSERT there (postgresql/0012). */
    [KL_SQL_SEAL] = "SELECT kl_seal_document (?1, ?2, ?3, ?4, ?5, ?6)",
    /* Built once a run (an init plan), as for KL_SQL_SEARCH. */
    [KL_SQL_SEARCH_MATCH] = "document @@ (SELECT kl_search_query (?))",
    /* Autovacuum would gather them a minute or so after the commit; until
     * then plans made blind scanned whole tables (a claim's cost sessions
     * 4.5 ms instead of 0.2 ms after an import of 10 years). */
    [KL_SQL_ANALYZE] = "ANALYZE",
  },
  .close = pg_close,
  .exec_script = pg_exec_script,
  .prepare = pg_prepare,
  .step = pg_step,
  .reset = pg_reset,
  .column_count = pg_column_count,
  .column_name = pg_column_name,
  .column_kind = pg_column_kind,
  .peek_text = pg_peek_text,
  .get_int = pg_get_int,
  .get_blob = pg_get_blob,
  .changes = pg_changes,
  .last_id = pg_last_id,
  .pause_audit = pg_pause_audit,
  .watch = pg_watch,
  .announce = pg_announce,
  .take_remote = pg_take_remote,
  .copy_begin = pg_copy_begin,
  .copy_row = pg_copy_row,
  .copy_end = pg_copy_end,
  .copy_free = pg_copy_free,
  .reserve_ids = pg_reserve_ids,
  .query_batch = pg_query_batch,
};

/* One integer from a query without parameters; -1 when it fails. */
static gint64
query_int (KlDb       *self,
           const char *sql)
{
  PGresult *result = PQexec (PG (self), sql);
  gint64 value = -1;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return value;
}

/* The schema version lives in a one-row table (SQLite keeps it in the
 * file header, PRAGMA user_version): 0 for an empty database, -1 for one
 * that holds tables of something else. */
static int
read_version (KlDb *self)
{
  gint64 version;

  if (query_int (self, "SELECT count(*) FROM pg_catalog.pg_tables "
                       "WHERE schemaname = current_schema () AND tablename = 'kl_schema_version'") > 0)
    {
      version = query_int (self, "SELECT version FROM kl_schema_version WHERE id = 1");
      return version < 0 ? 0 : (int) version;
    }
  if (query_int (self, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema ()") > 0)
    return -1;
  return 0;
}

static gboolean
migrate (KlDb                *self,
         const KlMigrations  *migrations,
         GError             **error)
{
  int latest = kl_migrations_latest (migrations);
  g_autofree char *record = NULL;
  int version;

  if (!pg_exec_script (self, "BEGIN; SELECT pg_advisory_xact_lock (" G_STRINGIFY (MIGRATION_LOCK) ")", error))
    return FALSE;
  version = read_version (self);
  if (version < 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN,
                   _("The database %s holds another program’s tables, not Kartleser’s; it was not changed."),
                   PQdb (PG (self)));
      goto fail;
    }
  if (version > latest)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_TOO_NEW,
                   _("%s was written by a newer Kartleser (schema version %d; this program knows up to %d). "
                     "Update Kartleser to open it; the database was not changed."),
                   PQdb (PG (self)), version, latest);
      goto fail;
    }
  if (version == latest)
    return pg_exec_script (self, "COMMIT", error);

  record = g_strdup_printf ("CREATE TABLE IF NOT EXISTS kl_schema_version ("
                            "  id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);"
                            "INSERT INTO kl_schema_version (id, version) VALUES (1, %d) "
                            "ON CONFLICT (id) DO UPDATE SET version = excluded.version", latest);
  if (!kl_migrations_run (self, migrations, version, error)
      || !pg_exec_script (self, record, error)
      || !pg_exec_script (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  pg_exec_script (self, "ROLLBACK", NULL);
  return FALSE;
}

/* The location as it may be shown and printed: without a password, in
 * the user part (postgresql://user:secret@host) or as a parameter
 * (?password=secret). */
static char *
without_password (const char *uri)
{
  const char *authority = strstr (uri, "://");
  g_autoptr(GString) out = g_string_new (NULL);
  const char *query;
  const char *end;
  const char *at;
  const char *colon;

  if (authority == NULL)
    return g_strdup (uri);
  authority += 3;
  end = authority + strcspn (authority, "/?");
  at = memchr (authority, '@', end - authority);
  colon = at ? memchr (authority, ':', at - authority) : NULL;
  g_string_append_len (out, uri, (colon ? colon : end) - uri);
  if (colon != NULL)
    g_string_append_len (out, at, end - at);
  query = strchr (end, '?');
  g_string_append_len (out, end, (query ? query : end + strlen (end)) - end);
  if (query != NULL)
    {
      g_auto(GStrv) parameters = g_strsplit (query + 1, "&", -1);
      gboolean first = TRUE;

      for (guint i = 0; parameters[i]; i++)
        {
          if (g_str_has_prefix (parameters[i], "password="))
            continue;
          g_string_append_c (out, first ? '?' : '&');
          g_string_append (out, parameters[i]);
          first = FALSE;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
pg_is_connected (KlDb *self)
{
  return !self->lost && CONN (self) != NULL && PQstatus (PG (self)) == CONNECTION_OK;
}

/* A new session: what the old one had prepared and set is gone with it.
 * The caller has no transaction open (a lost one is rolled back). */
/* In a worker (kl_db_reconnect_async): up to the location's
 * connect_timeout when the server is out of reach. */
static gpointer
pg_connect (const char *location)
{
  return PQconnectdb (location);
}

static void
pg_drop (gpointer fresh)
{
  PQfinish (fresh);
}

static gboolean
pg_adopt (KlDb     *self,
          gpointer  fresh,
          GError  **error)
{
  Conn *conn = CONN (self);

  /* The old socket goes with the old session. */
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (PQstatus (fresh) != CONNECTION_OK)
    {
      g_autofree char *detail = g_strstrip (g_strdup (PQerrorMessage (fresh)));

      PQfinish (fresh);
      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Cannot connect to the team server: %s"), detail);
      return FALSE;
    }
  PQfinish (conn->pg);
  conn->pg = fresh;
  g_hash_table_remove_all (conn->statements);
  conn->n_prepared = 0;
  g_clear_pointer (&conn->today, g_free);
  g_clear_pointer (&conn->now, g_free);
  PQsetNoticeProcessor (conn->pg, ignore_notice, NULL);
  if (PQsetClientEncoding (conn->pg, "UTF8") != 0)
    return set_result_error (self, error, NULL);
  if (!pg_exec_script (self, SESSION_SETTINGS, error)
      || !pg_pause_audit (self, self->audit_paused))
    return FALSE;
  self->lost = FALSE;
  /* An open window listens again: what others commit from now on shows. */
  if (self->watchers > 0)
    pg_watch (self, TRUE);
  return TRUE;
}

/* Opening reads the schema's version, never the data: constant time. */
static gboolean
pg_open (KlDb                *self,
         const KlMigrations  *migrations,
         GError             **error)
{
  Conn *conn = g_new0 (Conn, 1);

  self->backend = &pg_backend;
  self->conn = conn;
  conn->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  conn->pg = PQconnectdb (self->path);
  if (PQstatus (conn->pg) != CONNECTION_OK)
    {
      g_autofree char *detail = g_strstrip (g_strdup (PQerrorMessage (conn->pg)));

      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Cannot connect to the team server: %s"), detail);
      return FALSE;
    }
  /* What kl_db_get_path () shows from now on: nothing reconnects by it. */
  {
    char *shown = without_password (self->path);

    g_free (self->path);
    self->path = shown;
  }
  PQsetNoticeProcessor (conn->pg, ignore_notice, NULL);
  if (PQsetClientEncoding (conn->pg, "UTF8") != 0)
    return set_result_error (self, error, NULL);
  if (!pg_exec_script (self, SESSION_SETTINGS "; SELECT set_config ('kl.audit_paused', 'off', false)", error)
      || !migrate (self, migrations, error))
    return FALSE;
  return TRUE;
}

/* What kl-db.c finds by KL_DB_PG_SYMBOL once it has loaded this module. */
G_MODULE_EXPORT const KlDbServerBackend kl_db_pg_backend = {
  pg_open,
  pg_is_connected,
  pg_connect,
  pg_adopt,
  pg_drop,
};
