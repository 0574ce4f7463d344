#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>

#include "kl-application.h"
#include "kl-demo.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-util.h"

void
kl_test_gui_init (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  kl_test_bind_translations ();
  gtk_init ();
  adw_init ();
  kl_application_register_resources ();
  /* AdwApplication loads style.css itself; without one, the test does. */
  gtk_css_provider_load_from_resource (css, "/no/imtec/Kartleser/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* Pages cross-fade; a test wants the page, not the fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

void
kl_test_gui_begin (int    *argc,
                   char ***argv)
{
  g_test_init (argc, argv, NULL);
  kl_test_gui_init ();
}

char *
kl_test_gui_start (int    *argc,
                   char ***argv)
{
  g_autofree char *tag = NULL;

  kl_test_gui_begin (argc, argv);
  tag = g_path_get_basename (g_get_prgname ());
  return kl_test_make_dir (tag);
}

KlDb *
kl_test_gui_start_demo (int    *argc,
                        char ***argv,
                        char  **dir)
{
  *dir = kl_test_gui_start (argc, argv);
  return kl_test_demo_db (*dir);
}

void
kl_test_settle (void)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + 150 * G_TIME_SPAN_MILLISECOND;
  gint64 limit = start + 3 * G_TIME_SPAN_SECOND;

  /* At least 150 ms, then until nothing is pending: on a busy machine an
   * idle reload can wait behind frames for longer than that. */
  while (g_get_monotonic_time () < end
         || (g_main_context_pending (NULL) && g_get_monotonic_time () < limit))
    g_main_context_iteration (NULL, FALSE);
}

void
kl_test_wait_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (widget));
  kl_test_settle ();
}

KlWindow *
kl_test_open_window (KlDb *db)
{
  KlWindow *window = kl_window_new (NULL, db, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  kl_test_wait_mapped (GTK_WIDGET (window));
  return window;
}

KlDb *
kl_test_file_db (const char *dir,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  KlDb *db = kl_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

KlDb *
kl_test_demo_db (const char *dir)
{
  g_autoptr(GError) error = NULL;
  KlDb *db = kl_test_file_db (dir, "demo.db");

  g_assert_true (kl_demo_fill (db, 0, &error));
  g_assert_no_error (error);
  return db;
}

/* Drawn from its children, which works for dialogs too. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Until the widget's window has been laid out and drawn once more: only
 * then is every child's allocation current, which snapshotting needs. */
static void
wait_painted (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gboolean painted = FALSE;

  if (clock == NULL)
    return;
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, &painted);
}

void
kl_test_save_png (GtkWidget  *widget,
                  const char *name)
{
  const char *lang = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb") ? "nb" : "en";
  g_autofree char *file = g_strdup_printf ("screenshot-%s-%s.png", lang, name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds;
  GdkRGBA background;

  kl_test_settle ();
  wait_painted (widget);
  /* The window's own background is not one of its children. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color", &background))
    gdk_rgba_parse (&background, "#fafafa");
  gtk_snapshot_append_color (snapshot, &background,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
kl_test_present (GtkWindow *window)
{
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_painted (GTK_WIDGET (window));
  kl_test_settle ();
}

GtkWindow *
kl_test_host_window_new (const GActionEntry *entries,
                         int                 n_entries,
                         gpointer            data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWindow *host = GTK_WINDOW (gtk_window_new ());

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, n_entries, data);
  gtk_widget_insert_action_group (GTK_WIDGET (host), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (host, 800, 600);
  gtk_window_present (host);
  kl_test_wait_mapped (GTK_WIDGET (host));
  return host;
}

static void
ignore_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
}

GtkWindow *
kl_test_open_quiet_host (KlDb       *db,
                         KlContext **context)
{
  static const GActionEntry entries[] = {
    { "show-toast", ignore_action, "s", NULL, NULL, { 0 } },
    { "offer-undo", ignore_action, "s", NULL, NULL, { 0 } },
    { "reveal-row", ignore_action, "(ix)", NULL, NULL, { 0 } },
  };

  *context = kl_context_new (db);
  return kl_test_host_window_new (entries, G_N_ELEMENTS (entries), NULL);
}

void
kl_test_close_host (GtkWindow  *host,
                    KlContext **context,
                    KlDb      **db,
                    char      **dir)
{
  gtk_window_destroy (host);
  kl_test_settle ();
  g_clear_object (context);
  g_clear_object (db);
  kl_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
}

KlSession *
kl_test_save_session_editor (KlSessionEditor *editor,
                             KlDb            *db)
{
  g_autoptr(GError) error = NULL;
  KlSession *saved;

  g_assert_true (kl_session_editor_can_save (editor));
  g_object_ref (editor);
  g_assert_true (kl_session_editor_save (editor, &error));
  g_assert_no_error (error);
  saved = kl_store_get_session (db, kl_session_editor_get_session_id (editor), &error);
  g_assert_no_error (error);
  return saved;
}

void
kl_test_close_saved_editor (gpointer editor)
{
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
  kl_test_settle ();
}

gboolean
kl_test_in_english (void)
{
  return !g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb");
}

void
kl_test_answer (AdwMessageDialog *dialog,
                const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  kl_test_settle ();
}

GtkWidget *
kl_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : kl_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget at or below root that match says is the one. */
static GtkWidget *
find_widget (GtkWidget  *root,
             gboolean  (*match) (GtkWidget *widget, const char *text),
             const char *text)
{
  if (match (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_action_button (GtkWidget  *widget,
                  const char *action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

GtkWidget *
kl_test_find_action_button (GtkWidget  *root,
                            const char *action)
{
  return find_widget (root, is_action_button, action);
}

GtkWidget *
kl_test_find_row (GtkWidget  *root,
                  const char *title)
{
  return find_widget (root, is_row_titled, title);
}

GtkWindow *
kl_test_find_dialog (GType      type,
                     GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel))
          && (parent == NULL || gtk_window_get_transient_for (toplevel) == parent))
        return toplevel;
    }
  return NULL;
}

GtkWindow *
kl_test_wait_dialog (GType type,
                     guint tries)
{
  for (guint i = 0; i < tries; i++)
    {
      GtkWindow *found = kl_test_find_dialog (type, NULL);

      if (found != NULL)
        return found;
      kl_test_settle ();
    }
  return NULL;
}

void
kl_test_on_destroyed_cb (GtkWidget *widget,
                         gboolean  *destroyed)
{
  *destroyed = TRUE;
}

gint64
kl_test_scalar (KlDb       *db,
                const char *format,
                ...)
{
  va_list args;
  char *sql;
  g_autoptr(KlStmt) stmt = NULL;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  stmt = kl_db_query (db, NULL, sql, NULL);
  sqlite3_free (sql);
  g_assert_nonnull (stmt);
  g_assert_true (kl_stmt_next (stmt, NULL));
  return kl_stmt_int (stmt, 0);
}

KlProgrammeView *
kl_test_programme_view (KlWindow *window)
{
  return KL_PROGRAMME_VIEW (kl_window_get_page_widget (window, "programme"));
}

KlProgrammeView *
kl_test_open_programme_tab (KlWindow   *window,
                            gint64      programme_id,
                            const char *tab)
{
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/%s", programme_id, tab);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
  g_assert_cmpint (kl_programme_view_get_programme (kl_test_programme_view (window)), ==, programme_id);
  return kl_test_programme_view (window);
}

void
kl_test_undo (KlWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kl_test_settle ();
}

void
kl_test_wait_overview (KlOverviewPage *page)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (kl_overview_page_is_loading (page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (kl_overview_page_is_loading (page));
}

int
kl_test_gui_run (KlWindow **window,
                 KlDb     **db,
                 char     **dir)
{
  int status = g_test_run ();

  if (window != NULL && *window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (window)));
  g_clear_object (db);
  kl_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
  return status;
}

void
kl_test_wait_import (KlImportDialog *dialog,
                     guint           seconds)
{
  g_autoptr(KlImportDialog) held = g_object_ref (dialog);
  gint64 end = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (kl_import_dialog_is_busy (dialog) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (kl_import_dialog_is_busy (dialog));
}

/* A label under root showing text, exactly (what is on screen, markup
 * and all parsed). */
gboolean
kl_test_menu_has_action (GMenuModel *menu,
                         const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return TRUE;
      if (section != NULL && kl_test_menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

gboolean
kl_test_model_has_string (GListModel *model,
                          const char *text)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (item) && g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), text) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
kl_test_shows_label (GtkWidget  *root,
                     const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (kl_test_shows_label (child, text))
      return TRUE;
  return FALSE;
}
