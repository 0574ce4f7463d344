#include "config.h"

#include <glib/gi18n.h>

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
choose_file (GtkWindow  *parent,
             KlWindow   *window,
             gint64      id,
             gboolean    consultant,
             const char *title)
{
  g_autofree char *name = kl_export_file_name ("ics", title, NULL);
  Export *export = g_new0 (Export, 1);

  export->db = g_object_ref (kl_window_get_db (window));
  export->id = id;
  export->consultant = consultant;
  kl_export_flow_save (GTK_WIDGET (parent), _("Export Calendar"), name, write_calendar_cb, export,
                       (GDestroyNotify) export_free);
}

void
kl_calendar_export_programme (GtkWindow *parent,
                              KlWindow  *window,
                              gint64     programme_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = NULL;

  g_return_if_fail (KL_IS_WINDOW (window));

  programme = kl_store_get_programme (kl_window_get_db (window), programme_id, &error);
  if (programme == NULL)
    {
      kl_window_toast (window, error->message, FALSE);
      return;
    }
  choose_file (parent, window, programme_id, FALSE, programme->title);
}

void
kl_calendar_export_consultant (GtkWindow *parent,
                               KlWindow  *window,
                               gint64     consultant_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) consultant = NULL;

  g_return_if_fail (KL_IS_WINDOW (window));

  consultant = kl_store_get_consultant (kl_window_get_db (window), consultant_id, &error);
  if (consultant == NULL)
    {
      kl_window_toast (window, error->message, FALSE);
      return;
    }
  choose_file (parent, window, consultant_id, TRUE, consultant->name);
}
