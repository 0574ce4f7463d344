#pragma once

#include <adwaita.h>

#include "kl-dialog.h"

G_BEGIN_DECLS

#define KL_TYPE_SERIES_DIALOG (kl_series_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KlSeriesDialog, kl_series_dialog, KL, SERIES_DIALOG, KlDialog)

/* Repeat Sessions: a series of numbered sessions of one programme on
 * chosen weekdays every N weeks, previewed as it is typed (public
 * holidays skipped or warned about), created in one undoable step. */
KlSeriesDialog *kl_series_dialog_new              (KlContext      *context,
                                                   GtkWindow      *parent,
                                                   gint64          programme_id);
GtkEditable    *kl_series_dialog_get_field        (KlSeriesDialog *self,
                                                   const char     *name);
void            kl_series_dialog_set_weekday      (KlSeriesDialog *self,
                                                   GDateWeekday    weekday,
                                                   gboolean        active);
void            kl_series_dialog_set_every        (KlSeriesDialog *self,
                                                   int             weeks);
void            kl_series_dialog_set_skip_holidays (KlSeriesDialog *self,
                                                   gboolean        skip);
void            kl_series_dialog_set_leader       (KlSeriesDialog *self,
                                                   gint64          consultant_id,
                                                   gboolean        leads);
gboolean        kl_series_dialog_can_create       (KlSeriesDialog *self);
const char     *kl_series_dialog_get_reason       (KlSeriesDialog *self);
char           *kl_series_dialog_get_preview      (KlSeriesDialog *self);
gboolean        kl_series_dialog_create           (KlSeriesDialog *self,
                                                   GError        **error);
guint           kl_series_dialog_get_created      (KlSeriesDialog *self);

G_END_DECLS
