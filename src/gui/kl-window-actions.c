#include "config.h"

#include <glib/gi18n.h>

#include "kl-demo.h"
#include "kl-editor.h"
#include "kl-export-flow.h"
#include "kl-preferences-server.h"
#include "kl-preferences-window.h"
#include "kl-window-backup.h"
#include "kl-window-private.h"

/* Actions */

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kl_window_show_page (KL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  KlListPage *list = kl_window_current_list (self);

  if (self->db == NULL)
    return;
  if (list == NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "programme") == 0)
    {
      /* On a programme: what is new on its tab (a session, a cost…). */
      gtk_widget_activate_action (GTK_WIDGET (self->programme), "programme.new", NULL);
      return;
    }
  if (list == NULL)
    {
      /* From the overview: a new programme. */
      kl_editor_show (self->context, GTK_WINDOW (self), KL_EDITOR_PROGRAMME, 0);
      return;
    }
  kl_editor_show_for_list (self->context, GTK_WINDOW (self), kl_list_page_get_kind (list), 0);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  AdwPreferencesWindow *server;

  if (self->db != NULL)
    {
      gtk_window_present (GTK_WINDOW (kl_preferences_window_new (GTK_WINDOW (self), self->context)));
      return;
    }
  /* Nothing open (the error page): only where the database is, to reach
   * another server or go back to this computer's file. */
  server = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (server), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (server), TRUE);
  adw_preferences_window_add (server, ADW_PREFERENCES_PAGE (kl_preferences_server_new (NULL)));
  gtk_window_present (GTK_WINDOW (server));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "programme") == 0)
    kl_window_show_page (self, "programmes");
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  KlListPage *list = kl_window_current_list (self);

  if (list == NULL)
    {
      kl_window_show_page (self, "programmes");
      list = kl_window_current_list (self);
    }
  kl_list_page_focus_search (list);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = self->context ? g_strdup (kl_undo_peek_label (kl_window_get_undo (self))) : NULL;

  if (label == NULL)
    return;
  if (!kl_undo_undo (kl_window_get_undo (self), &error))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot undo: %s"), error->message);

      kl_window_toast (self, message, FALSE);
      return;
    }
  {
    /* Translators: %s is what was undone, e.g. "Delete client “Voss”" */
    g_autofree char *message = g_strdup_printf (_("Undone: %s"), label);

    kl_window_toast (self, message, FALSE);
  }
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!kl_window_database_is_empty (self))
    {
      kl_window_toast (self, _("Demo data go into an empty database only"), FALSE);
      return;
    }
  if (!kl_demo_fill (self->db, 0, &error))
    {
      kl_window_toast (self, error->message, FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  kl_window_show_page (self, "overview");
  kl_window_toast (self, _("Demo data loaded"), FALSE);
}

static void
add_first_client_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "main");
  kl_window_show_page (self, "clients");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.new", NULL);
}

/* What pages, editors and dialogs ask of the window (kl-actions.h) */

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  kl_window_toast (KL_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

/* The step is on the undo stack already; the toast offers it. */
static void
offer_undo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  kl_window_toast (KL_WINDOW (widget), g_variant_get_string (parameter, NULL), TRUE);
}

/* A document was saved at the path: a toast with an Open button. */
static void
show_saved_toast_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  kl_window_add_toast (KL_WINDOW (widget), kl_export_flow_new_saved_toast (g_variant_get_string (parameter, NULL)));
}

static void
open_programme_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  kl_window_open_programme (KL_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* (kind, id): a record just saved, brought into view in its list. */
static void
reveal_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  int kind;
  gint64 id;

  g_variant_get (parameter, "(ix)", &kind, &id);
  if (kind >= 0 && kind < (int) G_N_ELEMENTS (self->lists) && self->lists[kind] != NULL)
    kl_list_page_reveal (self->lists[kind], id);
}

/* A programme was deleted: its page, if shown, shows nothing now. */
static void
leave_programme_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);

  if (g_strcmp0 (kl_window_get_page (self), "programme") == 0)
    kl_window_show_page (self, "programmes");
}

void
kl_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.add-first-client", NULL, add_first_client_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.offer-undo", "s", offer_undo_action);
  gtk_widget_class_install_action (widget_class, "win.show-saved-toast", "s", show_saved_toast_action);
  gtk_widget_class_install_action (widget_class, "win.open-programme", "x", open_programme_action);
  gtk_widget_class_install_action (widget_class, "win.reveal-row", "(ix)", reveal_row_action);
  gtk_widget_class_install_action (widget_class, "win.leave-programme", NULL, leave_programme_action);
  kl_window_backup_install_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}
