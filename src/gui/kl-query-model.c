#include "config.h"

#include <glib/gi18n.h>

#include "kl-money.h"
#include "kl-query-model.h"
#include "kl-record.h"
#include "kl-store.h"

/* Ids are fetched a page at a time as the view asks for them, and the
 * length is one count query: a search keystroke costs a count and the
 * first page, not every match sorted (issue 12). Only the visible rows'
 * values are read.
 *
 * The record of a position lives as long as the view holds it. When the
 * list is reloaded (a search keystroke), those records are refilled in
 * place rather than replaced, so GTK keeps the row widgets it has instead
 * of building a screenful of new ones. */

#define PAGE_SIZE 256
/* From this many matches on, a page in the default order walks the
 * order's index and keeps the matches rather than looking every match up
 * and sorting them all: with "h" typed, 11 000 of 60 000 participants
 * match and the first page is about 1 400 index entries away. */
#define MANY_MATCHES 1024

struct _KlQueryModel
{
  GObject parent_instance;

  KlDb *db;
  const KlListSpec *spec;
  guint n_items;
  GPtrArray *pages;       /* GArray of gint64 ids, or NULL until fetched */
  GHashTable *rows;       /* position -> KlRecord, weak: the records the view holds */
  char *search;
  char *filter;
  int sort_column;        /* -1: the spec's default order */
  gboolean descending;
  char *row_sql;
};

static void list_model_iface_init (GListModelInterface *iface);

static void refill_rows (KlQueryModel *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlQueryModel, kl_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* FROM and WHERE of the rows shown; types gets a 't' per placeholder.
 * walk_order: the search is only a test of each row (the unary + keeps
 * SQLite from driving the query by the matches' ids), so that the rows
 * can come in the order of an index. */
static void
append_from_where (KlQueryModel *self,
                   GString      *sql,
                   GString      *types,
                   gboolean      walk_order)
{
  g_string_append (sql, self->spec->from);
  g_string_append (sql, " WHERE 1 = 1");
  if (self->filter != NULL && self->spec->filter_column != NULL)
    {
      g_string_append_printf (sql, " AND %s = ?", self->spec->filter_column);
      g_string_append_c (types, 't');
    }
  if (self->search != NULL)
    {
      g_string_append_printf (sql, " AND %st.id IN (SELECT rowid / 4 FROM search WHERE %s "
                                   "AND rowid %% 4 = %d)", walk_order ? "+" : "",
                              kl_db_sql (self->db, KL_SQL_SEARCH_MATCH), self->spec->search_kind);
      g_string_append_c (types, 't');
    }
}

static void
append_order (KlQueryModel *self,
              GString      *sql)
{
  g_string_append (sql, " ORDER BY ");
  if (self->sort_column >= 0)
    {
      const KlListColumn *column = &self->spec->columns[self->sort_column];

      g_string_append_printf (sql, "%s IS NULL, %s COLLATE NOCASE %s, ",
                              column->sort ? column->sort : column->expression,
                              column->sort ? column->sort : column->expression,
                              self->descending ? "DESC" : "ASC");
    }
  g_string_append_printf (sql, "%s, t.id", self->spec->default_order);
}

/* Runs sql with the filter and search bound, in the order their
 * placeholders appear, then a and b if types asks for two more. */
static KlStmt *
run_query (KlQueryModel  *self,
           const char    *sql,
           const char    *types,
           gint64         a,
           gint64         b,
           GError       **error)
{
  g_autofree char *match = self->search ? kl_store_fts_query (self->search) : NULL;
  const char *texts[2];
  guint n_texts = 0;

  if (self->filter != NULL && self->spec->filter_column != NULL)
    texts[n_texts++] = self->filter;
  if (self->search != NULL)
    texts[n_texts++] = match;
  if (*types == '\0')
    return kl_db_query (self->db, error, sql, NULL);
  switch (n_texts)
    {
    case 2:
      return kl_db_query (self->db, error, sql, types, texts[0], texts[1], a, b);
    case 1:
      return kl_db_query (self->db, error, sql, types, texts[0], a, b);
    default:
      return kl_db_query (self->db, error, sql, types, a, b);
    }
}

static void
free_page (gpointer page)
{
  if (page != NULL)
    g_array_unref (page);
}

static void
clear_pages (KlQueryModel *self)
{
  g_ptr_array_set_size (self->pages, 0);
}

/* The ids of page, fetched if need be; NULL on error. */
static GArray *
ensure_page (KlQueryModel  *self,
             guint          page,
             GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT t.id FROM ");
  g_autoptr(GString) types = g_string_new (NULL);
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local = NULL;

  if (page < self->pages->len && g_ptr_array_index (self->pages, page) != NULL)
    return g_ptr_array_index (self->pages, page);

  append_from_where (self, sql, types,
                     self->search != NULL && self->sort_column < 0 && self->n_items >= MANY_MATCHES);
  append_order (self, sql);
  g_string_append (sql, " LIMIT ? OFFSET ?");
  g_string_append (types, "ii");
  stmt = run_query (self, sql->str, types->str, PAGE_SIZE, (gint64) page * PAGE_SIZE, error);
  if (stmt == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), PAGE_SIZE);
  while (kl_stmt_next (stmt, &local))
    {
      gint64 id = kl_stmt_int (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (page >= self->pages->len)
    g_ptr_array_set_size (self->pages, page + 1);
  g_ptr_array_index (self->pages, page) = g_steal_pointer (&ids);
  return g_ptr_array_index (self->pages, page);
}

/* The id at position, or 0 if the page cannot be read or has grown
 * shorter since the count (another writer). */
static gint64
get_id (KlQueryModel *self,
        guint         position)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = ensure_page (self, position / PAGE_SIZE, &error);

  if (ids == NULL)
    {
      g_warning ("Cannot load the list: %s", error->message);
      return 0;
    }
  if (position % PAGE_SIZE >= ids->len)
    return 0;
  return g_array_index (ids, gint64, position % PAGE_SIZE);
}

gboolean
kl_query_model_reload (KlQueryModel  *self,
                       GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM ");
  g_autoptr(GString) types = g_string_new (NULL);
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  guint old_len = self->n_items;
  guint n_items;

  g_return_val_if_fail (KL_IS_QUERY_MODEL (self), FALSE);

  /* A search alone is counted in the index (the spec's FROM joins only
   * LEFT, and the triggers keep one index row a record): a count of the
   * records would look each match up, most of the first keystroke's time
   * with 11 000 matches. */
  if (self->search != NULL && (self->filter == NULL || self->spec->filter_column == NULL))
    {
      g_string_assign (sql, "");
      g_string_append_printf (sql, "SELECT count(*) FROM search WHERE %s AND rowid %% 4 = %d",
                              kl_db_sql (self->db, KL_SQL_SEARCH_MATCH), self->spec->search_kind);
      g_string_append_c (types, 't');
    }
  else
    append_from_where (self, sql, types, FALSE);
  stmt = run_query (self, sql->str, types->str, 0, 0, error);
  if (stmt == NULL)
    return FALSE;
  if (!kl_stmt_next (stmt, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "count(*) gave no row");
      return FALSE;
    }
  n_items = (guint) kl_stmt_int (stmt, 0);
  g_clear_pointer (&stmt, kl_stmt_release);

  clear_pages (self);
  self->n_items = n_items;
  refill_rows (self);
  if (old_len != self->n_items)
    {
      guint common = MIN (old_len, self->n_items);

      g_list_model_items_changed (G_LIST_MODEL (self), common, old_len - common, self->n_items - common);
    }
  return TRUE;
}

static char *
format_value (const KlListColumn *column,
              KlStmt             *stmt,
              int                 index)
{
  const char *text = kl_stmt_peek_text (stmt, index);

  if (text == NULL)
    return g_strdup ("");
  switch (column->format)
    {
    case KL_FORMAT_DATE:
      return kl_format_date (text);
    case KL_FORMAT_MONEY:
      return kl_money_format (kl_stmt_int (stmt, index), kl_lang_from_locale ());
    case KL_FORMAT_LABEL:
      return g_strdup (kl_label (column->labels, text));
    case KL_FORMAT_TEXT:
    default:
      return g_strdup (text);
    }
}

/* The row's values as shown, or NULL if the record is gone. */
static GStrv
load_values (KlQueryModel *self,
             gint64        id)
{
  g_autoptr(KlStmt) stmt = kl_db_query (self->db, NULL, self->row_sql, "i", id);
  GStrv values;

  if (stmt == NULL || !kl_stmt_next (stmt, NULL))
    return NULL;
  values = g_new0 (char *, self->spec->n_columns + 1);
  for (guint i = 0; i < self->spec->n_columns; i++)
    values[i] = format_value (&self->spec->columns[i], stmt, (int) i);
  return values;
}

static void
forget_row (gpointer data,
            GObject *record)
{
  KlQueryModel *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) record)
      {
        g_hash_table_iter_remove (&iter);
        return;
      }
}

/* After a reload: each row the view still holds shows its position's new
 * record. Rows past the end are about to be removed from the view. */
static void
refill_rows (KlQueryModel *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position < self->n_items)
        {
          gint64 id = get_id (self, position);

          kl_record_set (value, id, id != 0 ? load_values (self, id) : NULL);
        }
    }
}

static GType
kl_query_model_get_item_type (GListModel *model)
{
  return KL_TYPE_RECORD;
}

static guint
kl_query_model_get_n_items (GListModel *model)
{
  return KL_QUERY_MODEL (model)->n_items;
}

static gpointer
kl_query_model_get_item (GListModel *model,
                         guint       position)
{
  KlQueryModel *self = KL_QUERY_MODEL (model);
  KlRecord *record;
  gint64 id;

  if (position >= self->n_items)
    return NULL;
  record = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (record != NULL)
    return g_object_ref (record);

  id = get_id (self, position);
  if (id == 0)
    return NULL;
  record = kl_record_new (id, load_values (self, id));
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), record);
  g_object_weak_ref (G_OBJECT (record), forget_row, self);
  return record;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kl_query_model_get_item_type;
  iface->get_n_items = kl_query_model_get_n_items;
  iface->get_item = kl_query_model_get_item;
}

static void
kl_query_model_finalize (GObject *object)
{
  KlQueryModel *self = KL_QUERY_MODEL (object);

  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, forget_row, self);
  g_hash_table_unref (self->rows);
  g_clear_object (&self->db);
  g_ptr_array_unref (self->pages);
  g_free (self->search);
  g_free (self->filter);
  g_free (self->row_sql);

  G_OBJECT_CLASS (kl_query_model_parent_class)->finalize (object);
}

static void
kl_query_model_class_init (KlQueryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kl_query_model_finalize;
}

static void
kl_query_model_init (KlQueryModel *self)
{
  self->pages = g_ptr_array_new_with_free_func (free_page);
  self->rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->sort_column = -1;
}

/* Empty until the first reload. */
KlQueryModel *
kl_query_model_new (KlDb             *db,
                    const KlListSpec *spec)
{
  KlQueryModel *self = g_object_new (KL_TYPE_QUERY_MODEL, NULL);
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  self->db = g_object_ref (db);
  self->spec = spec;
  for (guint i = 0; i < spec->n_columns; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", spec->columns[i].expression);
  g_string_append_printf (sql, " FROM %s WHERE t.id = ?1", spec->from);
  self->row_sql = g_string_free (g_steal_pointer (&sql), FALSE);
  return self;
}

const KlListSpec *
kl_query_model_get_spec (KlQueryModel *self)
{
  g_return_val_if_fail (KL_IS_QUERY_MODEL (self), NULL);
  return self->spec;
}

void
kl_query_model_set_search (KlQueryModel *self,
                           const char   *text)
{
  g_autofree char *match = NULL;

  g_return_if_fail (KL_IS_QUERY_MODEL (self));

  g_clear_pointer (&self->search, g_free);
  match = kl_store_fts_query (text);
  if (*match != '\0')
    self->search = g_strdup (text);
}

void
kl_query_model_set_filter (KlQueryModel *self,
                           const char   *value)
{
  g_return_if_fail (KL_IS_QUERY_MODEL (self));

  g_free (self->filter);
  self->filter = value && *value ? g_strdup (value) : NULL;
}

void
kl_query_model_set_sort (KlQueryModel *self,
                         int           column,
                         gboolean      descending)
{
  g_return_if_fail (KL_IS_QUERY_MODEL (self));
  g_return_if_fail (column < (int) self->spec->n_columns);

  self->sort_column = column;
  self->descending = descending;
}

/* The position of a record, or G_MAXUINT. The pages already fetched
 * are looked through first; otherwise the database numbers the rows. */
guint
kl_query_model_find (KlQueryModel *self,
                     gint64        id)
{
  g_autoptr(GString) sql = g_string_new ("SELECT n FROM (SELECT t.id AS id, row_number() OVER (");
  g_autoptr(GString) types = g_string_new (NULL);
  g_autoptr(GString) inner = g_string_new (NULL);
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KL_IS_QUERY_MODEL (self), G_MAXUINT);

  for (guint page = 0; page < self->pages->len; page++)
    {
      GArray *ids = g_ptr_array_index (self->pages, page);

      for (guint i = 0; ids != NULL && i < ids->len; i++)
        if (g_array_index (ids, gint64, i) == id)
          return page * PAGE_SIZE + i;
    }

  append_order (self, inner);
  g_string_append_printf (sql, "%s) - 1 AS n FROM ", inner->str + 1);
  append_from_where (self, sql, types, FALSE);
  g_string_append (sql, ") numbered WHERE id = ?");
  g_string_append_c (types, 'i');
  stmt = run_query (self, sql->str, types->str, id, 0, &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot find the row: %s", error->message);
      return G_MAXUINT;
    }
  if (!kl_stmt_next (stmt, NULL))
    return G_MAXUINT;
  return (guint) kl_stmt_int (stmt, 0);
}
