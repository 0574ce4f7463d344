#pragma once

#include <adwaita.h>

#include "kl-dialog.h"

G_BEGIN_DECLS

#define KL_TYPE_ENROL_DIALOG (kl_enrol_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KlEnrolDialog, kl_enrol_dialog, KL, ENROL_DIALOG, KlDialog)

/* Picks participants not yet in the programme, searchable, and enrols
 * them in one undoable step. */
KlEnrolDialog *kl_enrol_dialog_new         (KlContext     *context,
                                            GtkWindow     *parent,
                                            gint64         programme_id);
void           kl_enrol_dialog_set_search  (KlEnrolDialog *self,
                                            const char    *text);
guint          kl_enrol_dialog_get_n_shown (KlEnrolDialog *self);
gint64         kl_enrol_dialog_get_shown_id(KlEnrolDialog *self,
                                            guint          position);
void           kl_enrol_dialog_select      (KlEnrolDialog *self,
                                            gint64         participant_id,
                                            gboolean       selected);
gboolean       kl_enrol_dialog_enrol       (KlEnrolDialog *self,
                                            GError       **error);

G_END_DECLS
