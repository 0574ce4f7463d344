#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KL_TYPE_RECORD (kl_record_get_type ())

G_DECLARE_FINAL_TYPE (KlRecord, kl_record, KL, RECORD, GObject)

/* One row of a list: its id and the column values as shown. A list keeps
 * the record of a row and refills it when the row shows another record,
 * so the view keeps its widgets; "notify::id" tells them to redraw. */
KlRecord   *kl_record_new       (gint64       id,
                                 GStrv        values);
void        kl_record_set       (KlRecord    *self,
                                 gint64       id,
                                 GStrv        values);
gint64      kl_record_get_id    (KlRecord    *self);
const char *kl_record_get_value (KlRecord    *self,
                                 guint        column);

G_END_DECLS
