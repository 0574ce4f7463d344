/* The cost editor and the session editor built as any page builds them,
 * from a KlContext and a parent window, but with no main window at all:
 * a plain window of the test's own stands above them and answers the two
 * actions they send up (win.show-toast, win.offer-undo). Filled in and
 * saved like a user would, then checked in the database, in what was
 * offered for undo, and in what undo puts back. */

#include "config.h"

#include <adwaita.h>

#include "kl-context.h"
#include "kl-cost-editor.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  KlContext *context;
  GtkWindow *host;        /* stands where the main window would */
  GPtrArray *toasts;      /* win.show-toast, in order */
  GPtrArray *offers;      /* win.offer-undo, in order */
  gint64 programme;
  gint64 speaker;
} Fixture;

static void
on_toast_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  Fixture *fixture = data;

  g_ptr_array_add (fixture->toasts, g_variant_dup_string (parameter, NULL));
}

static void
on_offer_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  Fixture *fixture = data;

  g_ptr_array_add (fixture->offers, g_variant_dup_string (parameter, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "show-toast", on_toast_cb, "s", NULL, NULL, { 0 } },
    { "offer-undo", on_offer_cb, "s", NULL, NULL, { 0 } },
  };
  gint64 client;

  fixture->dir = kl_test_make_dir ("test-gui-seams");
  fixture->db = kl_test_open_db (fixture->dir);
  client = kl_test_add_client (fixture->db, "Voss kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Voss", "2026-08-01", "2026-12-31");
  fixture->speaker = kl_test_add_consultant (fixture->db, "Per Dalin");

  fixture->context = kl_context_new (fixture->db);
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->offers = g_ptr_array_new_with_free_func (g_free);
  fixture->host = kl_test_host_window_new (entries, G_N_ELEMENTS (entries), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_host (fixture->host, &fixture->context, &fixture->db, &fixture->dir);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_clear_pointer (&fixture->offers, g_ptr_array_unref);
}

static const char *
last_offer (Fixture *fixture)
{
  g_assert_cmpuint (fixture->offers->len, >, 0);
  return g_ptr_array_index (fixture->offers, fixture->offers->len - 1);
}

/* An undo offered is the step on top of the context's stack; undoing it
 * works on the database alone. */
static void
undo_offered (Fixture *fixture)
{
  KlUndo *undo = kl_context_get_undo (fixture->context);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (kl_undo_peek_label (undo), ==, last_offer (fixture));
  g_assert_true (kl_undo_undo (undo, &error));
  g_assert_no_error (error);
}

/* A speaker's fee for two days: 40 000 kr net and 10 000 kr VAT, of which
 * the fund counts 2 × 18 000 kr (the cap per person and day), no VAT. */
static void
test_cost_editor (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlCostEditor *editor;
  gint64 id;

  editor = g_object_ref (kl_cost_editor_new (fixture->context, fixture->host, fixture->programme, 0));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == fixture->host);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  kl_cost_editor_set_category (editor, KL_COST_SPEAKER_FEE);
  kl_cost_editor_set_consultant (editor, fixture->speaker);
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "net"), "40 000");
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "vat"), "10000");
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "supplier"), "Dalin Consulting AS");
  g_assert_false (kl_cost_editor_can_save (editor));   /* a fee needs its days */
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "days"), "2");
  g_assert_true (kl_cost_editor_can_save (editor));
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 3600000);

  g_assert_true (kl_cost_editor_save (editor, &error));
  g_assert_no_error (error);
  id = kl_cost_editor_get_cost_id (editor);
  g_object_unref (editor);
  kl_test_settle ();
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT net_ore FROM cost_item WHERE id = ?1", id), ==, 4000000);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT vat_ore FROM cost_item WHERE id = ?1", id), ==, 1000000);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT days FROM cost_item WHERE id = ?1", id), ==, 2);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT consultant_id FROM cost_item WHERE id = ?1", id), ==,
                   fixture->speaker);
  g_assert_cmpuint (fixture->offers->len, ==, 1);
  g_assert_true (g_str_has_prefix (last_offer (fixture), "Cost “"));
  g_assert_true (g_str_has_suffix (last_offer (fixture), "” added"));

  /* Edited to 30 000 kr; undo puts the 40 000 back. */
  editor = g_object_ref (kl_cost_editor_new (fixture->context, fixture->host, fixture->programme, id));
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "net"), "30 000");
  g_assert_true (kl_cost_editor_save (editor, &error));
  g_assert_no_error (error);
  g_object_unref (editor);
  kl_test_settle ();
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT net_ore FROM cost_item WHERE id = ?1", id), ==, 3000000);
  g_assert_true (g_str_has_prefix (last_offer (fixture), "Cost “"));
  g_assert_true (g_str_has_suffix (last_offer (fixture), "” changed"));
  undo_offered (fixture);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT net_ore FROM cost_item WHERE id = ?1", id), ==, 4000000);

  /* Deleted from the parent, offered for undo, and back. */
  g_assert_true (kl_cost_editor_delete (fixture->context, fixture->host, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM cost_item WHERE programme_id = ?1",
                                      fixture->programme),
                   ==, 0);
  g_assert_true (g_str_has_prefix (last_offer (fixture), "Cost “"));
  g_assert_true (g_str_has_suffix (last_offer (fixture), "” deleted"));
  undo_offered (fixture);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT sum(net_ore) FROM cost_item WHERE programme_id = ?1",
                              fixture->programme), ==, 4000000);

  /* The first step is still below them; nothing went wrong, so no toast. */
  g_assert_cmpstr (kl_undo_peek_label (kl_context_get_undo (fixture->context)), ==,
                   g_ptr_array_index (fixture->offers, 0));
  g_assert_cmpuint (fixture->offers->len, ==, 3);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
}

/* A session on Wednesday 2 September 2026, 09:00 to 15:00 with 5.5 hours
 * planned (330 minutes). */
/* The rules' name in the preview's description shows as it is stored,
 * ampersand and all (the description is markup). */
static void
test_cost_editor_rules_as_named (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlCostEditor *editor;

  g_assert_true (kl_db_exec (fixture->db, &error, "UPDATE scheme_version SET name = 'KS & OU'", NULL));
  g_assert_no_error (error);
  editor = g_object_ref (kl_cost_editor_new (fixture->context, fixture->host, fixture->programme, 0));
  g_assert_true (kl_test_shows_label (GTK_WIDGET (editor), "By KS & OU, as you type, with the programme’s other lines."));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static void
test_session_editor (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) saved = NULL;
  KlSessionEditor *editor;
  gint64 id;

  editor = g_object_ref (kl_session_editor_new (fixture->context, fixture->host, fixture->programme, 0));
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  g_assert_false (kl_session_editor_can_save (editor));
  g_assert_cmpstr (kl_session_editor_get_message (editor, "title"), ==, "");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Samling 1");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "date"), "2026-09-02");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "start"), "09:00");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "end"), "15:00");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "hours"), "5,5");
  g_assert_true (kl_session_editor_can_save (editor));
  g_assert_null (kl_session_editor_get_warning (editor));
  g_assert_true (kl_session_editor_save (editor, &error));
  g_assert_no_error (error);
  id = kl_session_editor_get_session_id (editor);
  g_object_unref (editor);
  kl_test_settle ();

  saved = kl_store_get_session (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title, ==, "Samling 1");
  g_assert_cmpstr (saved->starts_at, ==, "2026-09-02T09:00");
  g_assert_cmpstr (saved->ends_at, ==, "2026-09-02T15:00");
  g_assert_cmpint (saved->planned_minutes, ==, 330);
  g_assert_cmpint (saved->programme_id, ==, fixture->programme);
  g_assert_cmpstr (last_offer (fixture), ==, "Session “Samling 1” added");

  /* Deleting asks nothing here (the confirmation is the view's), and can
   * be undone; the session comes back with the same times. */
  g_assert_true (kl_session_editor_delete (fixture->context, fixture->host, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM session WHERE programme_id = ?1",
                                      fixture->programme),
                   ==, 0);
  g_assert_cmpstr (last_offer (fixture), ==, "Session “Samling 1” deleted");
  undo_offered (fixture);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM session WHERE programme_id = ?1 "
                                                   "AND starts_at = '2026-09-02T09:00' AND planned_minutes = 330", fixture->programme),
                   ==, 1);

  /* And a session that cannot be read is said in a toast, up the same way. */
  kl_session_editor_confirm_delete (fixture->context, fixture->host, 99999);
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  kl_test_gui_begin (&argc, &argv);

  g_test_add ("/seams/cost-editor", Fixture, NULL, fixture_set_up, test_cost_editor, fixture_tear_down);
  g_test_add ("/seams/cost-editor-rules-as-named", Fixture, NULL, fixture_set_up, test_cost_editor_rules_as_named,
              fixture_tear_down);
  g_test_add ("/seams/session-editor", Fixture, NULL, fixture_set_up, test_session_editor, fixture_tear_down);
  return g_test_run ();
}
