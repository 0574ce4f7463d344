/* The editors of clients, consultants, participants and programmes, and
 * the preferences, on demo data: what a user types is checked as typed,
 * saved only when valid, deleted only when nothing depends on it, and a
 * delete can be undone. PNGs of each dialog go to the build directory. */

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "kl-application.h"
#include "kl-client-editor.h"
#include "kl-consultant-editor.h"
#include "kl-demo.h"
#include "kl-editor.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-participant-editor.h"
#include "kl-preferences-window.h"
#include "kl-programme-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;

static KlEditorWindow *
open_editor (KlEditorKind  kind,
             gint64        id,
             gboolean     *destroyed)
{
  GtkWindow *editor = kl_editor_show (kl_window_get_context (window), GTK_WINDOW (window), kind, id);

  g_assert_true (KL_IS_EDITOR_WINDOW (editor));
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (editor));
  g_assert_cmpint (kl_editor_window_get_id (KL_EDITOR_WINDOW (editor)), ==, id);
  *destroyed = FALSE;
  g_signal_connect (editor, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), destroyed);
  kl_test_wait_mapped (GTK_WIDGET (editor));
  return KL_EDITOR_WINDOW (editor);
}

/* A PNG of a widget as it is on screen, through GSK. */
static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  int width = 0;
  int height = 0;

  g_assert_nonnull (renderer);
  /* Nothing to draw until what changed has been laid out. */
  while (node == NULL && g_get_monotonic_time () < end)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      g_main_context_iteration (NULL, FALSE);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      /* A part of a window has no background of its own: Adwaita's. */
      if (!GTK_IS_NATIVE (widget))
        gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1.0 },
                                   &GRAPHENE_RECT_INIT (0, 0, width, height));
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  g_assert_cmpint (width, >, 0);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
confirm_delete (KlEditorWindow *editor,
                const char     *png)
{
  AdwMessageDialog *dialog = kl_editor_window_confirm_delete (editor);

  g_assert_nonnull (dialog);
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  if (png != NULL)
    save_png (GTK_WIDGET (dialog), png);
  /* As the Delete button does it: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "delete");
  gtk_window_close (GTK_WINDOW (dialog));
  kl_test_settle ();
}

static gint64
client_id (const char *name)
{
  return kl_test_scalar (db, "SELECT id FROM client WHERE name = %Q", name);
}

/* The client a new one applies through is named as typed: an ampersand
 * is text, not markup that fails to parse and leaves the row blank. */
static void
test_client_legal_as_typed (void)
{
  gint64 owner = kl_test_add_client (db, "Berg & Søn AS", "annen", 0, "988077917");
  g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, owner);
  KlEditorWindow *editor;
  gboolean destroyed;

  editor = open_editor (KL_EDITOR_CLIENT, 0, &destroyed);
  kl_editor_window_set_field (editor, "name", "Berg & Søn kurssenter");
  kl_editor_window_set_field (editor, "kind", "annen");
  kl_editor_window_set_field (editor, "parent", parent);
  kl_test_settle ();
  g_assert_true (kl_test_shows_label (GTK_WIDGET (editor), "Applies through Berg & Søn AS"));
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();
  g_assert_true (kl_store_delete_client (db, owner, NULL));
}

/* A new client: a wrong org number is caught as it is typed, and nothing
 * is written until it is right. */
static void
test_client_new (void)
{
  KlListPage *list = kl_window_get_list (window, KL_LIST_CLIENTS);
  gint64 baerum = client_id ("Bærum kommune");
  g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, baerum);
  KlEditorWindow *editor;
  gboolean destroyed;
  guint rows;
  gint64 id;

  g_assert_true (kl_window_show_page (window, "clients"));
  kl_test_settle ();
  rows = kl_list_page_get_n_rows (list);
  editor = open_editor (KL_EDITOR_CLIENT, 0, &destroyed);
  g_assert_true (KL_IS_CLIENT_EDITOR (editor));

  /* An empty form does not scold, but cannot be saved. */
  g_assert_null (kl_editor_window_get_field_error (editor, "name"));
  g_assert_false (kl_editor_window_can_save (editor));

  kl_editor_window_set_field (editor, "name", "Haslum skole");
  kl_editor_window_set_field (editor, "kind", "skole");
  kl_editor_window_set_field (editor, "parent", parent);
  g_assert_cmpstr (kl_client_editor_get_legal_entity (KL_CLIENT_EDITOR (editor)), ==, "Applies through Bærum kommune");
  g_assert_true (kl_editor_window_can_save (editor));

  kl_editor_window_set_field (editor, "orgnr", "123456789");
  kl_editor_window_set_field (editor, "contact-email", "rektor@haslum");
  kl_test_settle ();
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "orgnr"), ==,
                   "Org number: “123456789” is not valid (the check digit does not match)");
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "contact-email"), ==,
                   "Contact e-mail: “rektor@haslum” is not an e-mail address");
  g_assert_true (gtk_widget_has_css_class (kl_field_set_get_widget (kl_editor_window_get_fields (editor), "orgnr"),
                                           "error"));
  g_assert_false (kl_editor_window_can_save (editor));
  save_png (GTK_WIDGET (editor), "editor-client-errors.png");
  g_assert_false (kl_editor_window_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_settle ();
  g_assert_false (destroyed);
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM client WHERE name = 'Haslum skole'"), ==, 0);

  /* Cleared, a required name says so. */
  kl_editor_window_set_field (editor, "name", "");
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "name"), ==, "Name: required");
  kl_editor_window_set_field (editor, "name", "Haslum skole");

  kl_editor_window_set_field (editor, "orgnr", "988 077 917");
  kl_editor_window_set_field (editor, "contact-email", "rektor@haslum.no");
  g_assert_null (kl_editor_window_get_field_error (editor, "orgnr"));
  g_assert_false (gtk_widget_has_css_class (kl_field_set_get_widget (kl_editor_window_get_fields (editor), "orgnr"),
                                            "error"));
  g_assert_true (kl_editor_window_can_save (editor));
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_true (destroyed);

  id = client_id ("Haslum skole");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (kl_test_scalar (db, "SELECT parent_id FROM client WHERE id = %lld", (long long) id), ==, baerum);
  g_assert_cmpint (kl_test_scalar (db, "SELECT orgnr = '988077917' AND kind = 'skole' FROM client WHERE id = %lld",
                           (long long) id), ==, 1);
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, rows + 1);
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (kl_list_page_get_column_view (list));
    guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));

    g_assert_cmpint (kl_list_page_get_row_id (list, selected), ==, id);
  }
}

/* Enter in the last field saves, as the Save button does. */
static void
test_client_enter_saves (void)
{
  gint64 id = client_id ("Haslum skole");
  KlEditorWindow *editor;
  gboolean destroyed;
  GtkWidget *last;

  editor = open_editor (KL_EDITOR_CLIENT, id, &destroyed);
  kl_editor_window_set_field (editor, "contact-phone", "67 00 00 00");
  last = kl_field_set_get_widget (kl_editor_window_get_fields (editor), "contact-phone");
  g_signal_emit_by_name (last, "entry-activated");
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM client WHERE id = %lld AND contact_phone = '67 00 00 00'",
                           (long long) id), ==, 1);
}

/* The store's own checks speak in the dialog: a municipality under one of
 * its own schools. */
static void
test_client_parent_cycle (void)
{
  gint64 baerum = client_id ("Bærum kommune");
  gint64 jar = client_id ("Jar skole");
  g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, jar);
  KlEditorWindow *editor;
  gboolean destroyed;

  editor = open_editor (KL_EDITOR_CLIENT, baerum, &destroyed);
  g_assert_cmpstr (kl_client_editor_get_legal_entity (KL_CLIENT_EDITOR (editor)), ==, "Applies to the fund itself");
  kl_editor_window_set_field (editor, "parent", parent);
  g_assert_true (kl_editor_window_can_save (editor));
  g_assert_false (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_false (destroyed);
  g_assert_cmpstr (kl_editor_window_get_message (editor), ==,
                   "Parent: a client cannot be placed under itself or one of its own units");
  save_png (GTK_WIDGET (editor), "editor-client-refused.png");
  g_assert_cmpint (kl_test_scalar (db, "SELECT parent_id IS NULL FROM client WHERE id = %lld", (long long) baerum), ==,
                   1);
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();
}

/* A client with programmes stays, and the dialog says why. */
static void
test_client_delete_refused (void)
{
  gint64 vestland = client_id ("Vestland fylkeskommune");
  g_autoptr(GError) expected = NULL;
  KlEditorWindow *editor;
  gboolean destroyed;
  gint64 clients = kl_test_scalar (db, "SELECT count(*) FROM client");

  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM programme WHERE client_id = %lld", (long long) vestland),
                   >, 0);
  /* Refused, so asking the store directly changes nothing. */
  g_assert_false (kl_store_delete_client (db, vestland, &expected));
  g_assert_error (expected, KL_ERROR, KL_ERROR_IN_USE);

  editor = open_editor (KL_EDITOR_CLIENT, vestland, &destroyed);
  confirm_delete (editor, "editor-delete-confirm.png");
  g_assert_false (destroyed);
  g_assert_cmpstr (kl_editor_window_get_message (editor), ==, expected->message);
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM client"), ==, clients);
  g_assert_cmpint (client_id ("Vestland fylkeskommune"), ==, vestland);
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();
}

static void
test_participant_edit (void)
{
  gint64 id = kl_test_scalar (db, "SELECT min(id) FROM participant WHERE workplace_id IS NOT NULL");
  gint64 workplace = kl_test_scalar (db, "SELECT workplace_id FROM participant WHERE id = %lld", (long long) id);
  g_autofree char *shown = NULL;
  KlEditorWindow *editor;
  gboolean destroyed;

  editor = open_editor (KL_EDITOR_PARTICIPANT, id, &destroyed);
  g_assert_true (KL_IS_PARTICIPANT_EDITOR (editor));
  shown = kl_editor_window_get_field (editor, "workplace");
  g_assert_cmpint (g_ascii_strtoll (shown, NULL, 10), ==, workplace);
  g_assert_true (kl_editor_window_can_save (editor));

  kl_editor_window_set_field (editor, "email", "not an address");
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "email"), ==,
                   "E-mail: “not an address” is not an e-mail address");
  g_assert_false (kl_editor_window_can_save (editor));
  kl_editor_window_set_field (editor, "email", "kari.nordmann@example.no");
  kl_editor_window_set_field (editor, "name", "Kari Nordmann");
  kl_editor_window_set_field (editor, "workplace", "");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM participant WHERE id = %lld AND name = 'Kari Nordmann' "
                                       "AND email = 'kari.nordmann@example.no' AND workplace_id IS NULL", (long long) id), ==, 1);
}

/* The role offers what is used already, narrowed to what is typed. */
static void
test_participant_roles (void)
{
  KlEditorWindow *editor;
  gboolean destroyed;
  GtkWidget *button;
  GtkPopover *popover;
  GtkWidget *list;
  GtkWidget *pick = NULL;
  guint shown = 0;

  editor = open_editor (KL_EDITOR_PARTICIPANT, 0, &destroyed);
  kl_editor_window_set_field (editor, "role", "REKT");
  button = kl_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  kl_test_wait_mapped (GTK_WIDGET (popover));
  list = kl_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        const char *role = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));

        g_assert_nonnull (strstr (role, "rektor"));
        if (g_str_equal (role, "assisterende rektor"))
          pick = row;
        shown++;
      }
  g_assert_cmpuint (shown, ==, 2);
  save_png (GTK_WIDGET (popover), "editor-participant-roles.png");

  g_assert_nonnull (pick);
  g_signal_emit_by_name (list, "row-activated", pick);
  kl_test_settle ();
  {
    g_autofree char *role = kl_editor_window_get_field (editor, "role");

    g_assert_cmpstr (role, ==, "assisterende rektor");
  }
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();
}

/* Escape cancels and Ctrl+Enter saves, wherever the focus is. */
static void
test_keyboard (void)
{
  KlEditorWindow *editor;
  gboolean destroyed;
  g_autoptr(GListModel) controllers = NULL;
  gboolean escape = FALSE;
  gboolean ctrl_enter = FALSE;

  editor = open_editor (KL_EDITOR_CONSULTANT, 0, &destroyed);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (editor)) != NULL);
  g_assert_true (gtk_widget_has_css_class (gtk_window_get_default_widget (GTK_WINDOW (editor)), "suggested-action"));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (editor));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_str_equal (trigger, "Escape") && strstr (action, "window.close") != NULL)
            escape = TRUE;
          if (strstr (trigger, "<Control>Return") != NULL && strstr (action, "editor.save") != NULL
              && gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
            ctrl_enter = TRUE;
        }
    }
  g_assert_true (escape);
  g_assert_true (ctrl_enter);

  /* Escape's action: asks before the typed name is lost; Discard closes,
   * nothing written. */
  kl_editor_window_set_field (editor, "name", "Nobody Saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  kl_test_settle ();
  g_assert_false (destroyed);
  g_assert_nonnull (kl_form_get_discard_question (GTK_WINDOW (editor)));
  adw_message_dialog_response (kl_form_get_discard_question (GTK_WINDOW (editor)), "discard");
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM consultant WHERE name = 'Nobody Saved'"), ==, 0);
}

/* A consultant made in the editor, deleted, and back with Undo. */
static void
test_consultant_delete_undo (void)
{
  KlEditorWindow *editor;
  gboolean destroyed;
  gint64 id;

  editor = open_editor (KL_EDITOR_CONSULTANT, 0, &destroyed);
  kl_editor_window_set_field (editor, "name", "Randi Gjest");
  kl_editor_window_set_field (editor, "external", "true");
  kl_editor_window_set_field (editor, "day-rate", "-5");
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "day-rate"), ==,
                   "Day rate: an amount cannot be negative");
  g_assert_false (kl_editor_window_can_save (editor));
  kl_editor_window_set_field (editor, "day-rate", "18 500,50");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_true (destroyed);
  id = kl_test_scalar (db,
                       "SELECT id FROM consultant WHERE name = 'Randi Gjest' AND external = 1 AND day_rate_ore = 1850050");
  g_assert_cmpint (id, >, 0);

  editor = open_editor (KL_EDITOR_CONSULTANT, id, &destroyed);
  {
    g_autofree char *rate = kl_editor_window_get_field (editor, "day-rate");

    g_assert_cmpstr (rate, ==, "18500.50");
  }
  confirm_delete (editor, NULL);
  g_assert_true (destroyed);
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM consultant WHERE name = 'Randi Gjest'"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kl_test_settle ();
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM consultant WHERE name = 'Randi Gjest' AND external = 1 "
                                       "AND day_rate_ore = 1850050"), ==, 1);
}

/* A new programme: dates as dates, the end not before the start; saved, it
 * opens. */
static void
test_programme_new (void)
{
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id ("Bærum kommune"));
  g_autofree char *lead = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           kl_test_scalar (db, "SELECT id FROM consultant WHERE name = 'Marte Lunde'"));
  KlEditorWindow *editor;
  gboolean destroyed;
  gint64 id;

  editor = open_editor (KL_EDITOR_PROGRAMME, 0, &destroyed);
  g_assert_true (KL_IS_PROGRAMME_EDITOR (editor));
  kl_editor_window_set_field (editor, "title", "Lederstøtte Bærum 2027");
  kl_editor_window_set_field (editor, "client", client);
  kl_editor_window_set_field (editor, "kind", "nettverk");
  kl_editor_window_set_field (editor, "lead", lead);
  kl_editor_window_set_field (editor, "start", "2027-02-30");
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "start"), ==,
                   "Start date: “2027-02-30” does not exist in the calendar. "
                   "Write a date as 1.9.2027, 01.09.27, 1.9. (this year) or 2027-09-01.");
  kl_editor_window_set_field (editor, "start", "2027-03-01");
  kl_editor_window_set_field (editor, "end", "2027-01-31");
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "end"), ==,
                   "End date: 2027-01-31 is before the start date 2027-03-01");
  g_assert_false (kl_editor_window_can_save (editor));
  kl_editor_window_set_field (editor, "end", "2027-06-30");
  kl_editor_window_set_field (editor, "q-current", "Rektorene beskriver egen praksis.\nFelles kartlegging.");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_true (destroyed);
  id = kl_test_scalar (db, "SELECT id FROM programme WHERE title = 'Lederstøtte Bærum 2027' AND kind = 'nettverk' "
                           "AND status = 'planned' AND start_date = '2027-03-01' AND end_date = '2027-06-30' "
                           "AND q_current LIKE '%%\nFelles kartlegging.'");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (kl_window_get_page (window), ==, "programme");
  g_assert_cmpint (kl_test_scalar (db, "SELECT certificate_threshold FROM programme WHERE id = %lld", (long long) id),
                   ==, 80);
}

/* The certificate threshold is shown, checked as it is typed, and kept. */
static void
test_programme_threshold (void)
{
  gint64 id = kl_test_scalar (db, "SELECT min(id) FROM programme");
  g_autofree char *shown = NULL;
  KlEditorWindow *editor;
  gboolean destroyed;

  editor = open_editor (KL_EDITOR_PROGRAMME, id, &destroyed);
  shown = kl_editor_window_get_field (editor, "threshold");
  g_assert_cmpstr (shown, ==, "80");
  kl_editor_window_set_field (editor, "threshold", "150");
  g_assert_cmpstr (kl_editor_window_get_field_error (editor, "threshold"), ==,
                   "Certificate threshold, percent of the planned hours: “150” is not a whole percentage from 1 to 100");
  g_assert_false (kl_editor_window_can_save (editor));
  kl_editor_window_set_field (editor, "threshold", "75 %");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (kl_test_scalar (db, "SELECT certificate_threshold FROM programme WHERE id = %lld", (long long) id),
                   ==, 75);

  /* Saving something else leaves it as it is. */
  editor = open_editor (KL_EDITOR_PROGRAMME, id, &destroyed);
  kl_editor_window_set_field (editor, "target-group", "Rektorer");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_cmpint (kl_test_scalar (db, "SELECT certificate_threshold FROM programme WHERE id = %lld", (long long) id),
                   ==, 75);
}

/* Ctrl+N, a list row, and the first-start page all reach the editors. */
static void
test_actions_open_editors (void)
{
  KlListPage *list = kl_window_get_list (window, KL_LIST_CONSULTANTS);
  g_autofree char *path = g_build_filename (tmp_dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) empty = NULL;
  GtkWindow *editor;
  KlWindow *first;
  gint64 id;

  g_assert_true (kl_window_show_page (window, "clients"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  kl_test_settle ();
  editor = kl_test_find_dialog (KL_TYPE_CLIENT_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  g_assert_cmpint (kl_editor_window_get_id (KL_EDITOR_WINDOW (editor)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  kl_test_settle ();
  g_assert_null (kl_test_find_dialog (KL_TYPE_CLIENT_EDITOR, GTK_WINDOW (window)));

  g_assert_true (kl_window_show_page (window, "consultants"));
  kl_test_settle ();
  id = kl_list_page_get_row_id (list, 0);
  g_signal_emit_by_name (list, "activated", id);
  kl_test_settle ();
  editor = kl_test_find_dialog (KL_TYPE_CONSULTANT_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  g_assert_cmpint (kl_editor_window_get_id (KL_EDITOR_WINDOW (editor)), ==, id);
  gtk_window_close (editor);
  kl_test_settle ();

  /* An empty database: "Add a Client" on the welcome page. */
  empty = kl_db_open (path, &error);
  g_assert_no_error (error);
  first = kl_test_open_window (empty);
  g_assert_cmpstr (kl_window_get_state (first), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "win.add-first-client", NULL));
  kl_test_settle ();
  editor = kl_test_find_dialog (KL_TYPE_CLIENT_EDITOR, GTK_WINDOW (first));
  g_assert_nonnull (editor);
  kl_editor_window_set_field (KL_EDITOR_WINDOW (editor), "name", "Asker kommune");
  kl_editor_window_set_field (KL_EDITOR_WINDOW (editor), "orgnr", "944 382 038");
  g_assert_true (kl_editor_window_save (KL_EDITOR_WINDOW (editor)));
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_state (first), ==, "main");
  g_assert_cmpstr (kl_window_get_page (first), ==, "clients");
  g_assert_cmpuint (kl_list_page_get_n_rows (kl_window_get_list (first, KL_LIST_CLIENTS)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (first));
  kl_test_settle ();
}

static KlPreferencesWindow *
open_preferences (void)
{
  KlPreferencesWindow *preferences;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  kl_test_settle ();
  preferences = KL_PREFERENCES_WINDOW (kl_test_find_dialog (KL_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window)));
  g_assert_nonnull (preferences);
  kl_test_wait_mapped (GTK_WIDGET (preferences));
  return preferences;
}

/* IMTEC's details, checked as typed and saved on closing; what is not
 * valid is not saved without asking. */
static void
test_preferences (void)
{
  KlPreferencesWindow *preferences = open_preferences ();
  g_autoptr(KlSettings) settings = NULL;
  g_autoptr(GSettings) gsettings = g_settings_new ("no.imtec.Kartleser");
  AdwMessageDialog *question;

  g_assert_cmpstr (kl_preferences_window_get_scheme (preferences), ==, "ks-ou-leder");
  g_assert_true (kl_preferences_window_set_scheme (preferences, "ks-ou-leder"));
  g_assert_false (kl_preferences_window_set_scheme (preferences, "no-such-scheme"));
  g_assert_cmpstr (g_settings_get_string (gsettings, "default-scheme"), ==, "ks-ou-leder");

  kl_preferences_window_set_field (preferences, "orgnr", "12345");
  g_assert_cmpstr (kl_preferences_window_get_field_error (preferences, "orgnr"), ==,
                   "Org number: “12345” must have 9 digits");
  save_png (GTK_WIDGET (preferences), "preferences-organisation-error.png");

  /* Closing asks; keeping on editing keeps the window. */
  gtk_window_close (GTK_WINDOW (preferences));
  kl_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));
  question = ADW_MESSAGE_DIALOG (kl_test_find_dialog (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (preferences)));
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "keep");
  gtk_window_close (GTK_WINDOW (question));
  kl_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));

  kl_preferences_window_set_field (preferences, "orgnr", "935 478 715");
  kl_preferences_window_set_field (preferences, "account", "1234 56 78903");
  kl_preferences_window_set_field (preferences, "name", "Stiftelsen IMTEC Norge");
  g_assert_null (kl_preferences_window_get_field_error (preferences, "orgnr"));
  save_png (GTK_WIDGET (preferences), "preferences-organisation.png");
  gtk_window_close (GTK_WINDOW (preferences));
  kl_test_settle ();

  settings = kl_store_get_settings (db, NULL);
  g_assert_cmpstr (settings->orgnr, ==, "935478715");
  g_assert_cmpstr (settings->account, ==, "12345678903");
  g_assert_cmpstr (settings->name, ==, "Stiftelsen IMTEC Norge");
  g_assert_null (kl_test_find_dialog (KL_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window)));
}

/* Every dialog once more, as people see it. */
static void
test_screenshots (void)
{
  static const struct { KlEditorKind kind; const char *sql; const char *png; } editors[] = {
    { KL_EDITOR_CLIENT, "SELECT id FROM client WHERE name = 'Jar skole'", "editor-client.png" },
    { KL_EDITOR_CLIENT, NULL, "editor-client-new.png" },
    { KL_EDITOR_CONSULTANT, "SELECT min(id) FROM consultant", "editor-consultant.png" },
    { KL_EDITOR_PARTICIPANT, "SELECT max(id) FROM participant", "editor-participant.png" },
    { KL_EDITOR_PROGRAMME, "SELECT min(id) FROM programme", "editor-programme.png" },
    { KL_EDITOR_PROGRAMME, NULL, "editor-programme-new.png" },
  };
  KlPreferencesWindow *preferences;

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      gint64 id = editors[i].sql ? kl_test_scalar (db, "%s", editors[i].sql) : 0;
      gboolean destroyed;
      KlEditorWindow *editor = open_editor (editors[i].kind, id, &destroyed);

      save_png (GTK_WIDGET (editor), editors[i].png);
      /* And all of the form, scrolled or not: the scrolled window's content. */
      {
        g_autofree char *full = g_strdup_printf ("%.*s-full.png", (int) strlen (editors[i].png) - 4, editors[i].png);
        GtkWidget *scroller = kl_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);

        g_assert_nonnull (scroller);
        save_png (gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)))),
                  full);
      }
      gtk_window_close (GTK_WINDOW (editor));
      kl_test_settle ();
      g_assert_true (destroyed);
    }

  preferences = open_preferences ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "defaults");
  kl_test_settle ();
  save_png (GTK_WIDGET (preferences), "preferences-defaults.png");
  gtk_window_close (GTK_WINDOW (preferences));
  kl_test_settle ();
}

int
main (int    argc,
      char **argv)
{
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  window = kl_test_open_window (db);

  g_test_add_func ("/editors/client/new", test_client_new);
  g_test_add_func ("/editors/client/enter-saves", test_client_enter_saves);
  g_test_add_func ("/editors/client/parent-cycle", test_client_parent_cycle);
  g_test_add_func ("/editors/client/delete-refused", test_client_delete_refused);
  g_test_add_func ("/editors/client/legal-as-typed", test_client_legal_as_typed);
  g_test_add_func ("/editors/participant/edit", test_participant_edit);
  g_test_add_func ("/editors/participant/roles", test_participant_roles);
  g_test_add_func ("/editors/keyboard", test_keyboard);
  g_test_add_func ("/editors/consultant/delete-undo", test_consultant_delete_undo);
  g_test_add_func ("/editors/programme/new", test_programme_new);
  g_test_add_func ("/editors/programme/threshold", test_programme_threshold);
  g_test_add_func ("/editors/actions", test_actions_open_editors);
  g_test_add_func ("/preferences", test_preferences);
  g_test_add_func ("/editors/screenshots", test_screenshots);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
