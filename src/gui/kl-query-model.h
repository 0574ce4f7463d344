#pragma once

#include <gio/gio.h>

#include "kl-db.h"
#include "kl-labels.h"

G_BEGIN_DECLS

typedef enum
{
  KL_FORMAT_TEXT,
  KL_FORMAT_DATE,
  KL_FORMAT_MONEY,
  KL_FORMAT_LABEL,
} KlFormat;

typedef struct
{
  const char *title;       /* marked for translation */
  const char *expression;  /* SQL for the value, over the spec's FROM */
  const char *sort;        /* SQL to sort by; NULL sorts by the expression */
  KlFormat format;
  KlLabels labels;         /* for KL_FORMAT_LABEL */
  gboolean expand;
} KlListColumn;

/* A list of one kind of record. Every piece of SQL here is the program's
 * own; what the user types is only ever bound as a parameter. */
typedef struct
{
  const char *from;            /* the row table is aliased t; only LEFT JOINs, so
                                * that a search is counted in the index alone */
  int search_kind;             /* the row kind in the search index (rowid % 4) */
  const char *filter_column;   /* NULL: no filter */
  KlLabels filter_labels;
  const char *default_order;
  const KlListColumn *columns;
  guint n_columns;
} KlListSpec;

#define KL_TYPE_QUERY_MODEL (kl_query_model_get_type ())

G_DECLARE_FINAL_TYPE (KlQueryModel, kl_query_model, KL, QUERY_MODEL, GObject)

KlQueryModel     *kl_query_model_new        (KlDb              *db,
                                             const KlListSpec  *spec);
const KlListSpec *kl_query_model_get_spec   (KlQueryModel      *self);
void              kl_query_model_set_search (KlQueryModel      *self,
                                             const char        *text);
void              kl_query_model_set_filter (KlQueryModel      *self,
                                             const char        *value);
void              kl_query_model_set_sort   (KlQueryModel      *self,
                                             int                column,
                                             gboolean           descending);
gboolean          kl_query_model_reload     (KlQueryModel      *self,
                                             GError           **error);
guint             kl_query_model_find       (KlQueryModel      *self,
                                             gint64             id);

G_END_DECLS
