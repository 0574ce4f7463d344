#include "config.h"

#include <glib/gi18n.h>

#include "kl-audit.h"
#include "kl-history-window.h"
#include "kl-store.h"

/* A list box holds a programme's trail well into the hundreds; past that
 * the newest are what people look for, and the CLI prints everything. */
#define MAX_ROWS 500

struct _KlHistoryWindow
{
  KlDialog parent_instance;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  GtkListBox *list;
  GtkLabel *more_label;
  AdwStatusPage *empty_page;

  KlDb *db;
  gint64 programme_id;
  guint n_rows;
};

G_DEFINE_FINAL_TYPE (KlHistoryWindow, kl_history_window, KL_TYPE_DIALOG)

/* Helpers */

static GtkWidget *
make_row (const KlAuditRecord *record,
          KlLang               lang)
{
  g_autofree char *what = kl_audit_describe (record, lang);
  g_autofree char *when = kl_audit_format_time (record);
  /* Translators: under each change in the history: when · who */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), when, record->os_user);
  GtkWidget *row = adw_action_row_new ();

  /* Names and notes in the trail are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
clear_list (KlHistoryWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
load (KlHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = kl_audit_list (self->db, self->programme_id, MAX_ROWS + 1, &error);
  KlLang lang = kl_lang_from_locale ();

  clear_list (self);
  self->n_rows = 0;
  if (records == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_title (self->empty_page, _("History Not Available"));
      /* The description is markup. */
      adw_status_page_set_description (self->empty_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < records->len && i < MAX_ROWS; i++)
    {
      gtk_list_box_append (self->list, make_row (g_ptr_array_index (records, i), lang));
      self->n_rows++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), records->len > MAX_ROWS);
  if (records->len > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("The newest %d changes are shown. "
                                                 "“kartleser-cli audit --programme %lld” lists them all."),
                                               MAX_ROWS, (long long) self->programme_id);

      gtk_label_set_label (self->more_label, more);
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_rows > 0 ? "list" : "empty");
}

/* Signal callbacks */

static void
on_db_changed_cb (KlHistoryWindow *self)
{
  load (self);
}

/* Overrides */

static void
kl_history_window_dispose (GObject *object)
{
  KlHistoryWindow *self = KL_HISTORY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (kl_history_window_parent_class)->dispose (object);
}

static void
kl_history_window_class_init (KlHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KlHistoryWindow, list);
  gtk_widget_class_bind_template_child (widget_class, KlHistoryWindow, more_label);
  gtk_widget_class_bind_template_child (widget_class, KlHistoryWindow, empty_page);
}

static void
kl_history_window_init (KlHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

KlHistoryWindow *
kl_history_window_new (KlContext *context,
                       GtkWindow *parent,
                       gint64     programme_id)
{
  KlHistoryWindow *self;
  g_autoptr(KlProgramme) programme = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  self = g_object_new (KL_TYPE_HISTORY_WINDOW, "context", context, "transient-for", parent, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  self->programme_id = programme_id;
  programme = kl_store_get_programme (self->db, programme_id, NULL);
  adw_window_title_set_subtitle (self->window_title, programme ? programme->title : NULL);
  /* An edit or an undo elsewhere shows up here at once. */
  g_signal_connect_object (self->db, "changed", G_CALLBACK (on_db_changed_cb), self, G_CONNECT_SWAPPED);
  load (self);
  return self;
}

guint
kl_history_window_get_n_rows (KlHistoryWindow *self)
{
  g_return_val_if_fail (KL_IS_HISTORY_WINDOW (self), 0);
  return self->n_rows;
}

GtkListBox *
kl_history_window_get_list (KlHistoryWindow *self)
{
  g_return_val_if_fail (KL_IS_HISTORY_WINDOW (self), NULL);
  return self->list;
}
