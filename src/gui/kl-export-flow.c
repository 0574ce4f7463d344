#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <string.h>

#include "kl-actions.h"
#include "kl-export-flow.h"

typedef struct
{
  GtkWidget *parent;   /* weak: the view may go before the dialog */
  KlExportFlowWrite write;
  gpointer data;
  GDestroyNotify destroy;
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_weak_pointer (&flow->parent);
  if (flow->destroy != NULL)
    flow->destroy (flow->data);
  g_free (flow);
}

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_open_clicked_cb (AdwToast   *toast,
                    const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Cannot open %s: %s", uri, error->message);
}

/* The toast goes to the overlay the parent sits in, else to the main
 * window's (win.show-saved-toast), also from a dialog or editor over it. */
static void
toast_saved (GtkWidget  *parent,
             const char *path)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (parent, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), kl_export_flow_new_saved_toast (path));
  else
    kl_actions_activate (parent, "win.show-saved-toast", g_variant_new_string (path));
}

/* The filter that fits the proposed name: PDF, XML, CSV or calendar. */
static void
add_filter (GtkFileChooser *chooser,
            const char     *default_name)
{
  static const struct
  {
    const char *extension;
    const char *label;
    const char *mime_type;
  } kinds[] = {
    { "pdf", N_("PDF documents"), "application/pdf" },
    { "xml", N_("XML documents"), "application/xml" },
    { "csv", N_("CSV files"), "text/csv" },
    { "ics", N_("Calendar files (iCalendar)"), "text/calendar" },
    { "json", N_("JSON files"), "application/json" },
  };
  const char *dot = default_name != NULL ? strrchr (default_name, '.') : NULL;

  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (dot + 1, kinds[i].extension) == 0)
      {
        g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

        gtk_file_filter_set_name (filter, _(kinds[i].label));
        gtk_file_filter_add_mime_type (filter, kinds[i].mime_type);
        gtk_file_filter_add_suffix (filter, kinds[i].extension);
        gtk_file_chooser_add_filter (chooser, filter);
      }
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        Flow            *flow)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path == NULL || flow->parent == NULL)
    ;
  else if (!flow->write (path, flow->data, &error))
    kl_export_flow_show_error (flow->parent, error);
  else
    toast_saved (flow->parent, path);
  flow_free (flow);
  g_object_unref (chooser);
}

void
kl_export_flow_save (GtkWidget         *parent,
                     const char        *dialog_title,
                     const char        *default_name,
                     KlExportFlowWrite  write,
                     gpointer           data,
                     GDestroyNotify     destroy)
{
  GtkFileChooserNative *chooser;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  Flow *flow;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (write != NULL);

  flow = g_new0 (Flow, 1);
  g_set_weak_pointer (&flow->parent, parent);
  flow->write = write;
  flow->data = data;
  flow->destroy = destroy;

  chooser = gtk_file_chooser_native_new (dialog_title, parent_window (parent), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), default_name);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  if (default_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), default_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), flow);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
write_pdf (const char  *path,
           gpointer     data,
           GError     **error)
{
  return kl_pdf_save (data, path, NULL, error);
}

void
kl_export_flow_save_pdf (GtkWidget  *parent,
                         const char *dialog_title,
                         const char *default_name,
                         KlPdf      *pdf)
{
  g_return_if_fail (pdf != NULL);

  kl_export_flow_save (parent, dialog_title, default_name, write_pdf, pdf, (GDestroyNotify) kl_pdf_free);
}

void
kl_export_flow_show_error (GtkWidget    *parent,
                           const GError *error)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (error != NULL);

  /* Translators: the body of the dialog when a document cannot be saved; %s says why */
  body = g_strdup_printf (g_str_has_suffix (error->message, ".") ? _("%s\n\nNothing was written.")
                                                                 : _("%s.\n\nNothing was written."),
                          error->message);
  dialog = adw_message_dialog_new (parent_window (parent), _("The Document Was Not Saved"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Saved “name”" with an Open button; a floating toast for an overlay. */
AdwToast *
kl_export_flow_new_saved_toast (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (basename);
  g_autofree char *escaped = g_markup_escape_text (display, -1);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: a toast after a document was saved; %s is the file name */
  title = g_strdup_printf (_("Saved “%s”"), escaped);
  /* Toast titles are markup in libadwaita 1.2. */
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb),
                         g_filename_to_uri (path, NULL, NULL), (GClosureNotify) (void (*) (void)) g_free, 0);
  return toast;
}
