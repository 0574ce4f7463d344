#include "config.h"

#include <glib/gi18n.h>

#include "kl-calendar-export.h"
#include "kl-ics.h"
#include "kl-money.h"
#include "kl-store.h"

typedef struct
{
  KlWindow *window;
  gint64 id;
  gboolean consultant;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->window);
  g_free (export);
}

/* A file name from a title: no slashes, no surprises for other systems. */
static char *
file_name_for (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (name, g_unichar_isalnum (c) || c == '-' ? c : '_');
    }
  g_string_append (name, ".ics");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
on_response_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         data)
{
  Export *export = data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) error = NULL;
  KlDb *db = kl_window_get_db (export->window);
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT && db != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
      basename = g_file_get_basename (file);
      ok = export->consultant
        ? kl_ics_export_consultant (db, export->id, kl_lang_from_locale (), path, &error)
        : kl_ics_export_programme (db, export->id, kl_lang_from_locale (), path, &error);
      if (ok)
        {
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Calendar exported to %s"), basename);

          kl_window_toast (export->window, message, FALSE);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Cannot export the calendar: %s"), error->message);

          kl_window_toast (export->window, message, FALSE);
        }
    }
  export_free (export);
  g_object_unref (dialog);
}

static void
choose_file (GtkWindow  *parent,
             KlWindow   *window,
             gint64      id,
             gboolean    consultant,
             const char *title)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = file_name_for (title);
  Export *export = g_new0 (Export, 1);

  export->window = g_object_ref (window);
  export->id = id;
  export->consultant = consultant;
  dialog = gtk_file_chooser_native_new (_("Export Calendar"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar (iCalendar)"));
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
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
