/* The programme view's "programme." actions open the window each names,
 * for the view's programme and the session or cost given: a new cost or
 * a budget line, the session or cost to edit, the confirmation before a
 * delete (which Cancel leaves undone); Ctrl+N by the tab shown. */

#include <adwaita.h>
#include <string.h>

#include "kl-cost-editor.h"
#include "kl-enrol-dialog.h"
#include "kl-history-window.h"
#include "kl-programme-view.h"
#include "kl-series-dialog.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;
static gint64 programme;
static gint64 session;
static gint64 cost;

/* The action run on the view with its parameter (0: none), and the one
 * window it opened, which must be of the type given. */
static GtkWindow *
activate (const char *action,
          gint64      id,
          GType       type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before = g_list_model_get_n_items (toplevels);
  g_autoptr(GObject) opened = NULL;

  if (id > 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), action, "x", id));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), action, NULL));
  kl_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
  opened = g_list_model_get_item (toplevels, before);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (opened, type));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (opened)) == GTK_WINDOW (window));
  return GTK_WINDOW (opened);
}

static void
test_open_windows (void)
{
  g_autoptr(KlSession) stored_session = kl_store_get_session (db, session, NULL);
  g_autoptr(KlCostItem) stored_cost = kl_store_get_cost (db, cost, NULL);
  GtkWindow *opened;

  kl_test_open_programme_tab (window, programme, "overview");
  gtk_window_destroy (activate ("programme.history", 0, KL_TYPE_HISTORY_WINDOW));
  gtk_window_destroy (activate ("programme.add-series", 0, KL_TYPE_SERIES_DIALOG));
  gtk_window_destroy (activate ("programme.enrol", 0, KL_TYPE_ENROL_DIALOG));

  opened = activate ("programme.add-session", 0, KL_TYPE_SESSION_EDITOR);
  g_assert_cmpstr (gtk_editable_get_text (kl_session_editor_get_field (KL_SESSION_EDITOR (opened), "title")), ==, "");
  gtk_window_destroy (opened);
  opened = activate ("programme.edit-session", session, KL_TYPE_SESSION_EDITOR);
  g_assert_cmpstr (gtk_editable_get_text (kl_session_editor_get_field (KL_SESSION_EDITOR (opened), "title")), ==,
                   stored_session->title);
  gtk_window_destroy (opened);

  /* A new cost is an actual cost unless the budget's button made it. */
  opened = activate ("programme.add-cost", 0, KL_TYPE_COST_EDITOR);
  g_assert_cmpstr (kl_cost_editor_get_title (KL_COST_EDITOR (opened)), ==, "New Cost");
  g_assert_false (kl_cost_editor_get_budget (KL_COST_EDITOR (opened)));
  gtk_window_destroy (opened);
  opened = activate ("programme.add-budget-cost", 0, KL_TYPE_COST_EDITOR);
  g_assert_cmpstr (kl_cost_editor_get_title (KL_COST_EDITOR (opened)), ==, "New Budget Line");
  g_assert_true (kl_cost_editor_get_budget (KL_COST_EDITOR (opened)));
  gtk_window_destroy (opened);
  opened = activate ("programme.edit-cost", cost, KL_TYPE_COST_EDITOR);
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_title (KL_COST_EDITOR (opened)), "Edit "));
  g_assert_cmpint (kl_cost_editor_get_budget (KL_COST_EDITOR (opened)), ==, stored_cost->budget);
  gtk_window_destroy (opened);
}

/* Each delete asks first, about the record it was given; Cancel keeps it. */
static void
test_confirm_delete (void)
{
  AdwMessageDialog *dialog;
  g_autoptr(KlSession) stored_session = kl_store_get_session (db, session, NULL);
  g_autofree char *heading = g_strdup_printf ("“%s”", stored_session->title);

  kl_test_open_programme_tab (window, programme, "sessions");
  dialog = ADW_MESSAGE_DIALOG (activate ("programme.delete-session", session, ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), heading));
  kl_test_answer (dialog, "cancel");
  kl_test_settle ();
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM session WHERE id = %lld", (long long) session), ==, 1);

  kl_test_open_programme_tab (window, programme, "costs");
  dialog = ADW_MESSAGE_DIALOG (activate ("programme.delete-cost", cost, ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), "Delete “"));
  kl_test_answer (dialog, "cancel");
  kl_test_settle ();
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM cost_item WHERE id = %lld", (long long) cost), ==, 1);
}

/* Ctrl+N on a programme: what is new on the tab shown. */
static void
test_new_by_tab (void)
{
  static const struct
  {
    const char *tab;
    GType (*type) (void);
  } tabs[] = {
    { "sessions", kl_session_editor_get_type },
    { "participants", kl_enrol_dialog_get_type },
    { "costs", kl_cost_editor_get_type },
    { "attendance", kl_session_editor_get_type },
    { "funding", kl_cost_editor_get_type },
    { "overview", kl_session_editor_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      GtkWindow *opened;

      kl_test_open_programme_tab (window, programme, tabs[i].tab);
      opened = activate ("programme.new", 0, tabs[i].type ());
      if (KL_IS_COST_EDITOR (opened))
        g_assert_false (kl_cost_editor_get_budget (KL_COST_EDITOR (opened)));
      gtk_window_destroy (opened);
    }
}

int
main (int    argc,
      char **argv)
{
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  /* A programme of the demo with a session and a cost. */
  programme = kl_test_scalar (db, "SELECT programme_id FROM cost_item "
                                  "WHERE programme_id IN (SELECT programme_id FROM session) "
                                  "ORDER BY programme_id LIMIT 1");
  session = kl_test_scalar (db, "SELECT min(id) FROM session WHERE programme_id = %lld", (long long) programme);
  cost = kl_test_scalar (db, "SELECT min(id) FROM cost_item WHERE programme_id = %lld", (long long) programme);
  window = kl_test_open_window (db);

  g_test_add_func ("/gui-view-actions/open-windows", test_open_windows);
  g_test_add_func ("/gui-view-actions/confirm-delete", test_confirm_delete);
  g_test_add_func ("/gui-view-actions/new-by-tab", test_new_by_tab);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
