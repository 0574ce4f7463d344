#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "kl-backup.h"
#include "kl-db-backend.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-file.h"
#include "kl-server-import.h"

/* Both directions read rows through KlDb (either backend) and write them
 * in the destination's own way: on the server as batches of JSON rows
 * (json_populate_recordset, one round trip a batch; the server converts
 * each value to its column's type), into a file with SQLite's binding.
 * Which tables and columns there are, and in what order they go (parents
 * before children), is read from the server's catalogue, so a later
 * migration needs nothing here. */

#define BATCH_ROWS 2000
#define BATCH_BYTES (4 * 1024 * 1024)

typedef struct
{
  char *name;
  GPtrArray *columns;      /* char *, generated ones left out */
  char *identity;          /* the column a sequence numbers, or NULL */
  char *self_reference;    /* a column naming a row of the same table, or NULL */
  GPtrArray *parents;      /* char *: the tables it refers to */
} Table;

static void
table_free (Table *table)
{
  g_free (table->name);
  g_ptr_array_unref (table->columns);
  g_free (table->identity);
  g_free (table->self_reference);
  g_ptr_array_unref (table->parents);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static char *
quote_ident (const char *name)
{
  g_autoptr(GString) quoted = g_string_new (name);

  g_string_replace (quoted, "\"", "\"\"", 0);
  g_string_prepend_c (quoted, '"');
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static char *
column_list (const Table *table,
             const char  *prefix)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < table->columns->len; i++)
    {
      g_autofree char *quoted = quote_ident (g_ptr_array_index (table->columns, i));

      g_string_append_printf (list, "%s%s%s", i ? ", " : "", prefix, quoted);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gboolean
query_int (KlDb        *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, NULL);

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KL_ERROR, KL_ERROR_FAILED, "no result: %s", sql);
      return FALSE;
    }
  *value = kl_stmt_int (stmt, 0);
  return TRUE;
}

static gboolean
read_names (KlDb        *db,
            GPtrArray   *into,
            GError     **error,
            const char  *sql,
            const char  *arg)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, arg ? "t" : "", arg);

  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, error))
    g_ptr_array_add (into, kl_stmt_text (stmt, 0));
  return error == NULL || *error == NULL;
}

/* The server's tables, every parent before its children. The search
 * index is rebuilt by the destination's own triggers, and the schema
 * version is the destination's. */
static GPtrArray *
read_tables (KlDb    *server,
             GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unordered = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);

  if (!read_names (server, names, error,
                   "SELECT relname::text FROM pg_catalog.pg_class WHERE relkind = 'r' "
                   "AND relnamespace = current_schema ()::regnamespace "
                   "AND relname NOT IN ('search', 'kl_schema_version') ORDER BY relname", NULL))
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(Table) table = g_new0 (Table, 1);
      g_autoptr(GPtrArray) identity = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) self = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *quoted = quote_ident (name);

      table->name = g_strdup (name);
      table->columns = g_ptr_array_new_with_free_func (g_free);
      table->parents = g_ptr_array_new_with_free_func (g_free);
      if (!read_names (server, table->columns, error,
                       "SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass (?) "
                       "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum", quoted)
          || !read_names (server, identity, error,
                          "SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass (?) "
                          "AND attnum > 0 AND NOT attisdropped AND attidentity <> ''", quoted)
          || !read_names (server, table->parents, error,
                          "SELECT DISTINCT confrelid::regclass::text FROM pg_catalog.pg_constraint "
                          "WHERE contype = 'f' AND conrelid = to_regclass (?) AND confrelid <> conrelid", quoted)
          || !read_names (server, self, error,
                          "SELECT a.attname::text FROM pg_catalog.pg_constraint c "
                          "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
                          "WHERE c.contype = 'f' AND c.conrelid = to_regclass (?) AND c.confrelid = c.conrelid",
                          quoted))
        return NULL;
      if (identity->len > 0)
        table->identity = g_strdup (g_ptr_array_index (identity, 0));
      if (self->len > 0)
        table->self_reference = g_strdup (g_ptr_array_index (self, 0));
      g_ptr_array_add (unordered, g_steal_pointer (&table));
    }

  while (unordered->len > 0)
    {
      guint before = unordered->len;

      for (guint i = 0; i < unordered->len;)
        {
          Table *table = g_ptr_array_index (unordered, i);
          gboolean ready = TRUE;

          for (guint p = 0; ready && p < table->parents->len; p++)
            for (guint j = 0; ready && j < unordered->len; j++)
              if (j != i && g_str_equal (((Table *) g_ptr_array_index (unordered, j))->name,
                                         g_ptr_array_index (table->parents, p)))
                ready = FALSE;
          if (ready)
            g_ptr_array_add (ordered, g_ptr_array_steal_index (unordered, i));
          else
            i++;
        }
      if (unordered->len == before)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_FAILED, "The tables refer to each other in a circle (%s)",
                       ((Table *) g_ptr_array_index (unordered, 0))->name);
          return NULL;
        }
    }
  return g_steal_pointer (&ordered);
}

/* A table's rows, those that refer to a row of their own table after it
 * (clients in clients): a row whose chain of parents does not end is
 * left out, and the count check in copy_table says so. */
static char *
select_rows (const Table *table)
{
  g_autofree char *name = quote_ident (table->name);
  g_autofree char *columns = NULL;
  g_autofree char *parent = NULL;

  if (table->self_reference == NULL)
    {
      columns = column_list (table, "");
      return g_strdup_printf ("SELECT %s FROM %s", columns, name);
    }
  columns = column_list (table, "t.");
  parent = quote_ident (table->self_reference);
  return g_strdup_printf ("WITH RECURSIVE kl_depth (id, n) AS ("
                          "SELECT id, 0 FROM %s WHERE %s IS NULL "
                          "UNION ALL SELECT t.id, d.n + 1 FROM %s t JOIN kl_depth d ON t.%s = d.id) "
                          "SELECT %s FROM %s t JOIN kl_depth d ON d.id = t.id ORDER BY d.n, t.id",
                          name, parent, name, parent, columns, name);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* One row as a JSON object; bytes as bytea's hex text. */
static void
append_json_row (GString     *out,
                 KlStmt      *stmt,
                 const Table *table)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, '{');
  for (guint i = 0; i < table->columns->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, g_ptr_array_index (table->columns, i));
      g_string_append_c (out, ':');
      switch (kl_stmt_column_kind (stmt, (int) i))
        {
        case KL_VALUE_NULL:
          g_string_append (out, "null");
          break;
        case KL_VALUE_INT:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, kl_stmt_int (stmt, (int) i));
          break;
        case KL_VALUE_BLOB:
          {
            g_autoptr(GBytes) bytes = kl_stmt_blob (stmt, (int) i);
            gsize size = 0;
            const guint8 *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

            g_string_append (out, "\"\\\\x");
            for (gsize b = 0; b < size; b++)
              g_string_append_printf (out, "%02x", data[b]);
            g_string_append_c (out, '"');
            break;
          }
        case KL_VALUE_TEXT:
        default:
          append_json_string (out, kl_stmt_peek_text (stmt, (int) i));
          break;
        }
    }
  g_string_append_c (out, '}');
}

static gboolean
flush_json (KlDb        *server,
            const char  *insert,
            GString     *batch,
            GError     **error)
{
  gboolean ok;

  if (batch->len <= 1)
    return TRUE;
  g_string_append_c (batch, ']');
  ok = kl_db_exec (server, error, insert, "t", batch->str);
  g_string_assign (batch, "[");
  return ok;
}

/* Into the server: rows from a file in batches. */
static gboolean
copy_to_server (KlDb              *from,
                KlDb              *server,
                const Table       *table,
                gint64             total,
                gint64            *copied,
                KlServerProgress   progress,
                gpointer           data,
                GError           **error)
{
  g_autofree char *select = select_rows (table);
  g_autofree char *name = quote_ident (table->name);
  g_autofree char *columns = column_list (table, "");
  g_autofree char *insert = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM json_populate_recordset "
                                             "(NULL::%s, ?::json)", name, columns, columns, name);
  g_autoptr(KlStmt) stmt = kl_db_query (from, error, select, NULL);
  g_autoptr(GString) batch = g_string_new ("[");
  guint rows = 0;

  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, error))
    {
      append_json_row (batch, stmt, table);
      (*copied)++;
      if (++rows >= BATCH_ROWS || batch->len >= BATCH_BYTES)
        {
          if (!flush_json (server, insert, batch, error))
            return FALSE;
          rows = 0;
          if (progress != NULL)
            progress (table->name, *copied, total, data);
        }
    }
  if ((error != NULL && *error != NULL) || !flush_json (server, insert, batch, error))
    return FALSE;
  kl_db_note_loaded (server, table->name, (guint) MIN (*copied, G_MAXUINT));
  if (progress != NULL)
    progress (table->name, *copied, total, data);
  return TRUE;
}

/* Into a file: rows from the server, bound one by one. */
static gboolean
copy_to_file (KlDb              *server,
              sqlite3           *file,
              const Table       *table,
              gint64             total,
              gint64            *copied,
              KlServerProgress   progress,
              gpointer           data,
              GError           **error)
{
  g_autofree char *select = select_rows (table);
  g_autofree char *name = quote_ident (table->name);
  g_autofree char *columns = column_list (table, "");
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(KlStmt) stmt = kl_db_query (server, error, select, NULL);
  sqlite3_stmt *out = NULL;
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  g_string_printf (insert, "INSERT INTO %s (%s) VALUES (", name, columns);
  for (guint i = 0; i < table->columns->len; i++)
    g_string_append (insert, i ? ", ?" : "?");
  g_string_append_c (insert, ')');
  if (sqlite3_prepare_v2 (file, insert->str, -1, &out, NULL) != SQLITE_OK)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB, "%s: %s", table->name, sqlite3_errmsg (file));
      return FALSE;
    }
  while (ok && kl_stmt_next (stmt, error))
    {
      for (guint i = 0; i < table->columns->len; i++)
        {
          int c = (int) i;

          switch (kl_stmt_column_kind (stmt, c))
            {
            case KL_VALUE_NULL:
              sqlite3_bind_null (out, c + 1);
              break;
            case KL_VALUE_INT:
              sqlite3_bind_int64 (out, c + 1, kl_stmt_int (stmt, c));
              break;
            case KL_VALUE_BLOB:
              {
                g_autoptr(GBytes) bytes = kl_stmt_blob (stmt, c);
                gsize size = 0;
                const void *bytes_data = g_bytes_get_data (bytes, &size);

                sqlite3_bind_blob64 (out, c + 1, bytes_data ? bytes_data : "", size, SQLITE_TRANSIENT);
                break;
              }
            case KL_VALUE_TEXT:
            default:
              sqlite3_bind_text (out, c + 1, kl_stmt_peek_text (stmt, c), -1, SQLITE_TRANSIENT);
              break;
            }
        }
      if (sqlite3_step (out) != SQLITE_DONE)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_DB, "%s: %s", table->name, sqlite3_errmsg (file));
          ok = FALSE;
        }
      sqlite3_reset (out);
      if (ok && ++(*copied) % BATCH_ROWS == 0 && progress != NULL)
        progress (table->name, *copied, total, data);
    }
  sqlite3_finalize (out);
  if (!ok || (error != NULL && *error != NULL))
    return FALSE;
  if (progress != NULL)
    progress (table->name, *copied, total, data);
  return TRUE;
}

static gboolean
source_has_table (KlDb        *source,
                  const char  *name,
                  gboolean    *has,
                  GError     **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (source, error, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                                        "t", name);

  if (stmt == NULL)
    return FALSE;
  *has = kl_stmt_next (stmt, error);
  return error == NULL || *error == NULL;
}

/* What a new database has from its migrations (the settings row, the
 * fund's schemes) or from add-user (staff), which an empty one holds. */
static gboolean
is_setup_table (const char *name)
{
  static const char *const setup[] = { "settings", "scheme_version", "scheme_eligible", "staff" };

  for (guint i = 0; i < G_N_ELEMENTS (setup); i++)
    if (g_str_equal (name, setup[i]))
      return TRUE;
  return FALSE;
}

/* The set-up rows of the new database go, children first, so that the
 * source's can take their places with their ids. */
static gboolean
copy_tables (KlDb              *from,
             KlDb              *to,
             sqlite3           *to_file,
             GPtrArray         *tables,
             KlServerProgress   progress,
             gpointer           data,
             GError           **error)
{
  for (guint i = tables->len; i-- > 0;)
    {
      const Table *table = g_ptr_array_index (tables, i);
      g_autofree char *name = quote_ident (table->name);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", name);

      if (is_setup_table (table->name) && !kl_db_exec (to, error, sql, NULL))
        return FALSE;
    }
  for (guint i = 0; i < tables->len; i++)
    {
      const Table *table = g_ptr_array_index (tables, i);
      g_autofree char *name = quote_ident (table->name);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", name);
      gint64 total = 0;
      gint64 copied = 0;
      gboolean ok;

      if (!query_int (from, count_sql, &total, error))
        return FALSE;
      ok = to_file != NULL ? copy_to_file (from, to_file, table, total, &copied, progress, data, error)
                           : copy_to_server (from, to, table, total, &copied, progress, data, error);
      if (!ok)
        {
          g_prefix_error (error, _("Table %s: "), table->name);
          return FALSE;
        }
      if (copied != total)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                       _("Table %s: %lld of its %lld rows refer to a missing or circular %s; nothing was copied"),
                       table->name, (long long) (total - copied), (long long) total, table->self_reference);
          return FALSE;
        }
    }
  return TRUE;
}

/* What the server holds already: "programme: 3, participant: 12", or
 * "" when it is empty (NULL on error). What init and add-user put there
 * and the settings nobody has filled in do not count. */
static char *
describe_contents (KlDb       *server,
                   GPtrArray  *tables,
                   GError    **error)
{
  g_autoptr(GString) found = g_string_new (NULL);
  gint64 settings = 0;

  for (guint i = 0; i < tables->len; i++)
    {
      const Table *table = g_ptr_array_index (tables, i);
      g_autofree char *name = quote_ident (table->name);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", name);
      gint64 n = 0;

      if (is_setup_table (table->name))
        continue;
      if (!query_int (server, sql, &n, error))
        return NULL;
      if (n > 0)
        g_string_append_printf (found, "%s%s: %lld", found->len ? ", " : "", table->name, (long long) n);
    }
  if (!query_int (server, "SELECT count(*) FROM settings WHERE name <> '' OR orgnr IS NOT NULL "
                          "OR account IS NOT NULL OR address IS NOT NULL", &settings, error))
    return NULL;
  if (settings > 0)
    g_string_append_printf (found, "%s%s", found->len ? ", " : "", _("settings filled in"));
  return g_string_free (g_steal_pointer (&found), FALSE);
}

/* Sequences past the highest id copied, so the next row does not take an
 * id that is there. */
static gboolean
advance_sequences (KlDb       *server,
                   GPtrArray  *tables,
                   GError    **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      const Table *table = g_ptr_array_index (tables, i);
      g_autofree char *name = NULL;
      g_autofree char *column = NULL;
      g_autofree char *sql = NULL;

      if (table->identity == NULL)
        continue;
      name = quote_ident (table->name);
      column = quote_ident (table->identity);
      sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence (?, ?), m) FROM (SELECT max (%s) AS m FROM %s) x "
                             "WHERE m IS NOT NULL", column, name);
      if (!kl_db_exec (server, error, sql, "tt", name, table->identity))
        return FALSE;
    }
  return TRUE;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *entry;

      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, entry, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static gboolean
require_server (KlDb    *db,
                GError **error)
{
  if (kl_db_location_is_server (kl_db_get_path (db)))
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("This works on a team server only, not on a file"));
  return FALSE;
}

static gboolean
import_from (KlDb              *server,
             KlDb              *source,
             KlServerProgress   progress,
             gpointer           data,
             GError           **error)
{
  g_autoptr(GPtrArray) tables = read_tables (server, error);
  g_autofree char *contents = NULL;
  g_autoptr(KlTransaction) tx = NULL;
  const char *rebuild;

  if (tables == NULL)
    return FALSE;
  /* Logins are the cluster's, not the file's: add-user makes them here. */
  for (guint i = 0; i < tables->len; i++)
    if (g_str_equal (((Table *) g_ptr_array_index (tables, i))->name, "staff"))
      g_ptr_array_remove_index (tables, i--);
  for (guint i = 0; i < tables->len; i++)
    {
      const Table *table = g_ptr_array_index (tables, i);
      gboolean has = FALSE;

      if (!source_has_table (source, table->name, &has, error))
        return FALSE;
      if (!has)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE, _("%s has no table %s; nothing was imported"),
                       kl_db_get_path (source), table->name);
          return FALSE;
        }
    }

  tx = kl_db_begin (server, error);
  if (tx == NULL)
    return FALSE;
  /* Checked inside the transaction that fills it. */
  contents = describe_contents (server, tables, error);
  if (contents == NULL)
    return FALSE;
  if (*contents != '\0')
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("The server’s database is not empty (%s); server import fills only an empty database, "
                     "made with init. Nothing was imported."), contents);
      return FALSE;
    }
  if (!copy_tables (source, server, NULL, tables, progress, data, error) || !advance_sequences (server, tables, error))
    return FALSE;
  rebuild = kl_db_sql (server, KL_SQL_SEARCH_REBUILD);
  if (rebuild != NULL && !kl_db_exec (server, error, rebuild, NULL))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

gboolean
kl_server_import (KlDb              *server,
                  const char        *source,
                  KlServerProgress   progress,
                  gpointer           data,
                  GError           **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(KlDb) file = NULL;
  gboolean ok;

  g_return_val_if_fail (KL_IS_DB (server) && source != NULL, FALSE);
  if (!require_server (server, error))
    return FALSE;
  if (kl_db_location_is_server (source) || !g_file_test (source, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND, _("%s is no Kartleser file"), source);
      return FALSE;
    }
  /* A checked private copy, upgraded there if it is older: the file
   * itself is only read. */
  dir = g_dir_make_tmp ("kartleser-import-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  copy = g_build_filename (dir, "source.db", NULL);
  ok = kl_backup_write (source, copy, error);
  if (ok)
    {
      file = kl_db_open (copy, error);
      ok = file != NULL;
      if (!ok)
        g_prefix_error (error, "%s: ", source);
    }
  if (ok)
    {
      kl_db_pause_audit (server, TRUE);
      ok = import_from (server, file, progress, data, error);
      kl_db_pause_audit (server, FALSE);
    }
  g_clear_object (&file);
  remove_tree (dir);
  return ok;
}

static gboolean
write_snapshot (KlDb              *server,
                KlDb              *file,
                KlServerProgress   progress,
                gpointer           data,
                GError           **error)
{
  g_autoptr(GPtrArray) tables = read_tables (server, error);
  g_autoptr(KlTransaction) read = NULL;
  g_autoptr(KlTransaction) write = NULL;
  const char *rebuild = kl_db_sql (file, KL_SQL_SEARCH_REBUILD);

  if (tables == NULL)
    return FALSE;
  write = kl_db_begin (file, error);
  if (write == NULL)
    return FALSE;
  /* Every table read in one snapshot of the server: what commits
   * meanwhile is either wholly in the copy or not at all. */
  read = kl_db_begin (server, error);
  if (read == NULL
      || !server->backend->exec_script (server, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", error)
      || !copy_tables (server, file, kl_db_get_handle (file), tables, progress, data, error)
      || !kl_transaction_commit (read, error))
    return FALSE;
  if (rebuild != NULL && !kl_db_exec (file, error, rebuild, NULL))
    return FALSE;
  return kl_transaction_commit (write, error);
}

gboolean
kl_server_snapshot (KlDb              *server,
                    const char        *dest,
                    KlServerProgress   progress,
                    gpointer           data,
                    GError           **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(KlDb) file = NULL;
  sqlite3 *handle = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (KL_IS_DB (server) && dest != NULL, FALSE);
  if (!require_server (server, error))
    return FALSE;
  tmp = g_strconcat (dest, ".part", NULL);
  remove_tree (tmp);
  fd = kl_file_create_private (tmp, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  file = kl_db_open (tmp, error);
  ok = file != NULL;
  if (ok)
    {
      kl_db_pause_audit (file, TRUE);
      ok = write_snapshot (server, file, progress, data, error);
    }
  g_clear_object (&file);
  /* One self-contained file, no -wal beside it. */
  if (ok && (sqlite3_open_v2 (tmp, &handle, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
             || sqlite3_exec (handle, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Backup to %s failed: %s"), dest, sqlite3_errmsg (handle));
      ok = FALSE;
    }
  sqlite3_close (handle);
  if (ok && g_rename (tmp, dest) != 0)
    {
      int saved = errno;

      g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("Backup to %s failed: %s"), dest, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_autofree char *wal = g_strconcat (tmp, "-wal", NULL);
      g_autofree char *shm = g_strconcat (tmp, "-shm", NULL);

      g_unlink (tmp);
      g_unlink (wal);
      g_unlink (shm);
    }
  return ok;
}
