#pragma once

#include <adwaita.h>

#include "kl-pdf.h"

G_BEGIN_DECLS

/* Saving a document the way every export does it: a save dialog with a
 * sensible name, the file written whole or not at all, then a toast with
 * an Open button; or a dialog that says why nothing was written. */

/* Writes the document to path; FALSE with an error a consultant can read. */
typedef gboolean (*KlExportFlowWrite) (const char  *path,
                                       gpointer     data,
                                       GError     **error);

void kl_export_flow_save       (GtkWidget         *parent,
                                const char        *dialog_title,
                                const char        *default_name,
                                KlExportFlowWrite  write,
                                gpointer           data,
                                GDestroyNotify     destroy);
/* The same for a document already laid out; takes the KlPdf. */
void kl_export_flow_save_pdf   (GtkWidget         *parent,
                                const char        *dialog_title,
                                const char        *default_name,
                                KlPdf             *pdf);
/* A document that cannot be made: the reason, and that nothing was
 * written. */
void kl_export_flow_show_error (GtkWidget         *parent,
                                const GError      *error);

/* The toast that says a document was saved, with a button to open it. */
AdwToast *kl_export_flow_new_saved_toast (const char *path);

G_END_DECLS
