#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-calendar-export.h"
#include "kl-export.h"
#include "kl-export-flow.h"
#include "kl-ics.h"
#include "kl-money.h"
#include "kl-store.h"

typedef struct
{
  KlDb *db;
  gint64 id;
  gboolean consultant;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->db);
  g_free (export);
}

static gboolean
write_calendar_cb (const char  *path,
                   gpointer     data,
                   GError     **error)
{
  Export *export = data;

  if (export->consultant)
    return kl_ics_export_consultant (export->db, export->id, kl_lang_from_locale (), path, error);
  return kl_ics_export_programme (export->db, export->id, kl_lang_from_locale (), path, error);
}

static void
choose_file (KlContext  *context,
             GtkWindow  *parent,
             gint64      id,
             gboolean    consultant,
             const char *title)
{
  g_autofree char *name = kl_export_file_name ("ics", title, NULL);
  Export *export = g_new0 (Export, 1);

  export->db = g_object_ref (kl_context_get_db (context));
  export->id = id;
  export->consultant = consultant;
  kl_export_flow_save (GTK_WIDGET (parent), _("Export Calendar"), name, write_calendar_cb, export,
                       (GDestroyNotify) export_free);
}

void
kl_calendar_export_programme (KlContext *context,
                              GtkWindow *parent,
                              gint64     programme_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = NULL;

  g_return_if_fail (KL_IS_CONTEXT (context));

  programme = kl_store_get_programme (kl_context_get_db (context), programme_id, &error);
  if (programme == NULL)
    {
      kl_actions_toast (GTK_WIDGET (parent), error->message);
      return;
    }
  choose_file (context, parent, programme_id, FALSE, programme->title);
}

void
kl_calendar_export_consultant (KlContext *context,
                               GtkWindow *parent,
                               gint64     consultant_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) consultant = NULL;

  g_return_if_fail (KL_IS_CONTEXT (context));

  consultant = kl_store_get_consultant (kl_context_get_db (context), consultant_id, &error);
  if (consultant == NULL)
    {
      kl_actions_toast (GTK_WIDGET (parent), error->message);
      return;
    }
  choose_file (context, parent, consultant_id, TRUE, consultant->name);
}
