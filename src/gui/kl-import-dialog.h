#pragma once

#include <adwaita.h>

#include "kl-dialog.h"

G_BEGIN_DECLS

#define KL_TYPE_IMPORT_DIALOG (kl_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KlImportDialog, kl_import_dialog, KL, IMPORT_DIALOG, KlDialog)

/* The columns of the preview; each row is a KlRecord whose id is the
 * file line. */
typedef enum
{
  KL_IMPORT_COLUMN_LINE,
  KL_IMPORT_COLUMN_ACTION,
  KL_IMPORT_COLUMN_NAME,
  KL_IMPORT_COLUMN_EMAIL,
  KL_IMPORT_COLUMN_WORKPLACE,
  KL_IMPORT_COLUMN_PROBLEMS,
  KL_IMPORT_N_COLUMNS
} KlImportColumn;

/* Participants from a CSV file into a programme: the file, a preview of
 * what each row will do and what is wrong with it, then one undoable
 * import. */
KlImportDialog *kl_import_dialog_new           (KlContext       *context,
                                                GtkWindow       *parent,
                                                gint64           programme_id);
void            kl_import_dialog_choose_file   (KlImportDialog  *self);
void            kl_import_dialog_load_file     (KlImportDialog  *self,
                                                const char      *path);
GListModel     *kl_import_dialog_get_rows      (KlImportDialog  *self);
const char     *kl_import_dialog_get_state     (KlImportDialog  *self);
const char     *kl_import_dialog_get_summary   (KlImportDialog  *self);
gboolean        kl_import_dialog_can_import    (KlImportDialog  *self);
void            kl_import_dialog_set_skip_bad_rows (KlImportDialog *self,
                                                    gboolean        skip);
void            kl_import_dialog_import        (KlImportDialog  *self);
void            kl_import_dialog_cancel        (KlImportDialog  *self);
gboolean        kl_import_dialog_is_busy       (KlImportDialog  *self);
const char     *kl_import_dialog_get_error     (KlImportDialog  *self);
double          kl_import_dialog_get_fraction  (KlImportDialog  *self);

G_END_DECLS
