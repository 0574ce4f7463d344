/* Entering things, as a user meets it every morning, on demo data: dates
 * typed the Norwegian way and shown as understood, the first field ready
 * for typing in every new-record dialog, Ctrl+N acting on the tab shown,
 * "Discard Changes?" before an edited form closes (and not otherwise),
 * drop-downs that keep up with records added while a form is open, whole
 * names in the cost categories' list and a search box in the UI's
 * language. Runs in English and Norwegian; PNGs to the build directory. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-client-editor.h"
#include "kl-consultant-editor.h"
#include "kl-cost-editor.h"
#include "kl-editor.h"
#include "kl-editor-window.h"
#include "kl-enrol-dialog.h"
#include "kl-form.h"
#include "kl-participant-editor.h"
#include "kl-programme-editor.h"
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
static gint64 programme_id;
static gboolean norwegian;

static gint64
count (const char *sql,
       const char *a,
       const char *b)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, NULL, sql, "tt", a, b ? b : "");

  g_assert_nonnull (stmt);
  g_assert_true (kl_stmt_next (stmt, NULL));
  return kl_stmt_int (stmt, 0);
}

/* The dim label next to a date field: the date as understood. */
static const char *
understood (GtkWidget *row)
{
  {
    GPtrArray *stack = g_ptr_array_new ();
    const char *found = NULL;

    g_ptr_array_add (stack, row);
    while (stack->len > 0 && found == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "date-understood") && gtk_widget_get_visible (w))
          found = gtk_label_get_text (GTK_LABEL (w));
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    return found;
  }
}

static GtkWindow *
present (GtkWindow *dialog,
         gboolean  *destroyed)
{
  *destroyed = FALSE;
  g_signal_connect (dialog, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), destroyed);
  gtk_window_present (dialog);
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  kl_test_settle ();
  return dialog;
}

/* Closes a form with nothing changed: no question, gone at once. */
static void
close_unchanged (GtkWindow *dialog,
                 gboolean  *destroyed)
{
  g_assert_false (kl_form_has_changes (dialog));
  gtk_window_close (dialog);
  kl_test_settle ();
  g_assert_true (*destroyed);
}

/* What the user types in the programme editor's start date, what it is
 * understood as (shown beside the field), and what is stored. KARTLESER_NOW
 * is in 2026: "1.9." is this year's. */
static void
test_programme_dates (void)
{
  static const struct {
    const char *typed;
    const char *stored;
    const char *shown_en;
    const char *shown_nb;
  } cases[] = {
    { "1.9.2027", "2027-09-01", "Wed 1 Sep 2027", "ons. 1. sep. 2027" },
    { "01.09.27", "2027-09-01", "Wed 1 Sep 2027", "ons. 1. sep. 2027" },
    { "1.9.", "2026-09-01", "Tue 1 Sep 2026", "tir. 1. sep. 2026" },
    { "31.2.2027", NULL, NULL, NULL },
  };
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             count ("SELECT min(id) FROM client WHERE ?1 <> ?2", "a", "b"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = g_strdup_printf ("Datoprøve %u", i);
      gboolean destroyed;
      KlEditorWindow *editor = KL_EDITOR_WINDOW (present (kl_editor_show (kl_window_get_context (window), GTK_WINDOW (window),
                                                                          KL_EDITOR_PROGRAMME, 0), &destroyed));
      GtkWidget *start = kl_field_set_get_widget (kl_editor_window_get_fields (editor), "start");

      kl_editor_window_set_field (editor, "title", title);
      kl_editor_window_set_field (editor, "client", client);
      gtk_editable_set_text (GTK_EDITABLE (start), cases[i].typed);
      gtk_editable_set_text (GTK_EDITABLE (kl_field_set_get_widget (kl_editor_window_get_fields (editor), "end")),
                             "31.12.2028");
      kl_test_settle ();
      if (i == 0)
        kl_test_save_png (GTK_WIDGET (editor), "entry-programme-dates");
      if (cases[i].stored == NULL)
        {
          /* Refused, saying what went wrong and which forms it takes. */
          const char *error = kl_editor_window_get_field_error (editor, "start");

          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error, "31.2.2027"));
          g_assert_nonnull (strstr (error, "1.9.2027"));
          g_assert_null (understood (start));
          g_assert_false (kl_editor_window_can_save (editor));
          g_assert_false (kl_editor_window_save (editor));
          g_assert_cmpint (count ("SELECT count(*) FROM programme WHERE title = ?1 AND ?2 IS ?2", title, NULL), ==, 0);
          kl_test_save_png (GTK_WIDGET (editor), "entry-date-error");
          gtk_window_close (GTK_WINDOW (editor));
          kl_test_settle ();
          adw_message_dialog_response (kl_form_get_discard_question (GTK_WINDOW (editor)), "discard");
          kl_test_settle ();
          g_assert_true (destroyed);
          continue;
        }
      g_assert_cmpstr (understood (start), ==, norwegian ? cases[i].shown_nb : cases[i].shown_en);
      g_assert_null (kl_editor_window_get_field_error (editor, "start"));
      g_assert_true (kl_editor_window_save (editor));
      kl_test_settle ();
      g_assert_true (destroyed);
      g_assert_cmpint (count ("SELECT count(*) FROM programme WHERE title = ?1 AND start_date = ?2", title,
                              cases[i].stored), ==, 1);
      g_assert_cmpint (count ("SELECT count(*) FROM programme WHERE title = ?1 AND end_date = ?2", title,
                              "2028-12-31"), ==, 1);
    }

  /* A stored date opens as people write it; the calendar writes it so too. */
  {
    gint64 id = count ("SELECT id FROM programme WHERE title = ?1 AND ?2 IS ?2", "Datoprøve 0", NULL);
    gboolean destroyed;
    KlEditorWindow *editor = KL_EDITOR_WINDOW (present (kl_editor_show (kl_window_get_context (window), GTK_WINDOW (window),
                                                                        KL_EDITOR_PROGRAMME, id), &destroyed));
    GtkWidget *start = kl_field_set_get_widget (kl_editor_window_get_fields (editor), "start");
    GtkWidget *button = kl_test_find_descendant (start, GTK_TYPE_MENU_BUTTON);
    GtkCalendar *calendar;
    g_autoptr(GDateTime) day = g_date_time_new_local (2027, 9, 3, 0, 0, 0);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "1.9.2027");
    g_assert_nonnull (button);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    kl_test_settle ();
    calendar = GTK_CALENDAR (kl_test_find_descendant (button, GTK_TYPE_CALENDAR));
    {
      g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

      g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 1);
      g_assert_cmpint (g_date_time_get_month (shown), ==, 9);
      g_assert_cmpint (g_date_time_get_year (shown), ==, 2027);
    }
    gtk_calendar_select_day (calendar, day);
    g_signal_emit_by_name (calendar, "day-selected");
    kl_test_settle ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "3.9.2027");
    g_assert_true (kl_editor_window_save (editor));
    kl_test_settle ();
    g_assert_cmpint (count ("SELECT count(*) FROM programme WHERE title = ?1 AND start_date = ?2", "Datoprøve 0",
                            "2027-09-03"), ==, 1);
  }
}

static void
assert_focus_in (GtkWindow  *dialog,
                 GtkWidget  *first)
{
  GtkWidget *focus = gtk_window_get_focus (dialog);

  g_assert_nonnull (focus);
  g_assert_true (focus == first || gtk_widget_is_ancestor (focus, first));
  /* Not a button that Space would press. */
  g_assert_false (GTK_IS_BUTTON (focus));
}

/* Every new-record dialog opens ready for typing in its first field. */
static void
test_focus_first_field (void)
{
  static const struct { KlEditorKind kind; const char *first; } editors[] = {
    { KL_EDITOR_CLIENT, "name" }, { KL_EDITOR_CONSULTANT, "name" },
    { KL_EDITOR_PARTICIPANT, "name" }, { KL_EDITOR_PROGRAMME, "title" },
  };
  KlContext *context = kl_window_get_context (window);
  gboolean destroyed;
  GtkWindow *dialog;

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      dialog = present (kl_editor_show (context, GTK_WINDOW (window), editors[i].kind, 0), &destroyed);
      assert_focus_in (dialog, kl_field_set_get_widget (kl_editor_window_get_fields (KL_EDITOR_WINDOW (dialog)),
                                                        editors[i].first));
      g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (dialog)));
      close_unchanged (dialog, &destroyed);
    }

  dialog = present (GTK_WINDOW (kl_session_editor_new (context, GTK_WINDOW (window), programme_id, 0)), &destroyed);
  assert_focus_in (dialog, GTK_WIDGET (kl_session_editor_get_field (KL_SESSION_EDITOR (dialog), "title")));
  close_unchanged (dialog, &destroyed);

  dialog = present (GTK_WINDOW (kl_cost_editor_new (context, GTK_WINDOW (window), programme_id, 0)), &destroyed);
  g_assert_true (ADW_IS_COMBO_ROW (gtk_window_get_focus (dialog)));
  g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (gtk_window_get_focus (dialog))), ==, 0);
  close_unchanged (dialog, &destroyed);

  dialog = present (GTK_WINDOW (kl_series_dialog_new (context, GTK_WINDOW (window), programme_id)), &destroyed);
  assert_focus_in (dialog, GTK_WIDGET (kl_series_dialog_get_field (KL_SERIES_DIALOG (dialog), "title")));
  gtk_window_close (dialog);
  kl_test_settle ();

  dialog = present (GTK_WINDOW (kl_enrol_dialog_new (context, GTK_WINDOW (window), programme_id)), &destroyed);
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (dialog)));
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (dialog), GTK_TYPE_SEARCH_ENTRY));
  gtk_window_close (dialog);
  kl_test_settle ();
}

/* Ctrl+N ("win.new") makes what belongs where the user is. */
static void
test_ctrl_n (void)
{
  static const struct { const char *page; const char *what; } cases[] = {
    { "sessions", "session" }, { "costs", "cost" }, { "participants", "enrol" },
    { "attendance", "session" }, { "funding", "cost" }, { "clients", "client" }, { "overview", "programme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = strstr ("sessions costs participants attendance funding", cases[i].page)
                                ? g_strdup_printf ("programme/%" G_GINT64_FORMAT "/%s", programme_id, cases[i].page)
                                : g_strdup (cases[i].page);
      GType type = g_str_equal (cases[i].what, "session") ? KL_TYPE_SESSION_EDITOR
                   : g_str_equal (cases[i].what, "cost") ? KL_TYPE_COST_EDITOR
                   : g_str_equal (cases[i].what, "enrol") ? KL_TYPE_ENROL_DIALOG
                   : g_str_equal (cases[i].what, "client") ? KL_TYPE_CLIENT_EDITOR
                   : KL_TYPE_PROGRAMME_EDITOR;
      GtkWindow *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
      kl_test_settle ();
      g_assert_null (kl_test_find_dialog (type, NULL));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
      kl_test_settle ();
      dialog = kl_test_find_dialog (type, NULL);
      if (dialog == NULL)
        g_error ("Ctrl+N on %s opened no %s", cases[i].page, cases[i].what);
      if (KL_IS_EDITOR_WINDOW (dialog))
        g_assert_cmpint (kl_editor_window_get_id (KL_EDITOR_WINDOW (dialog)), ==, 0);
      gtk_window_destroy (dialog);
      kl_test_settle ();
    }
}

/* Cancel with changes asks; Keep Editing (and Escape) keeps them, Discard
 * closes without writing. */
static void
test_discard_changes (void)
{
  KlContext *context = kl_window_get_context (window);
  gboolean destroyed;
  GtkWindow *dialog = present (kl_editor_show (context, GTK_WINDOW (window), KL_EDITOR_CLIENT, 0), &destroyed);
  AdwMessageDialog *question;

  kl_editor_window_set_field (KL_EDITOR_WINDOW (dialog), "name", "Ikke lagret kommune");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  kl_test_settle ();
  question = kl_form_get_discard_question (dialog);
  g_assert_nonnull (question);
  g_assert_false (destroyed);
  kl_test_save_png (GTK_WIDGET (question), "entry-discard-question");
  /* Escape on the question: back to the form, the name still there. */
  gtk_window_close (GTK_WINDOW (question));
  kl_test_settle ();
  g_assert_false (destroyed);
  g_assert_null (kl_form_get_discard_question (dialog));
  g_assert_cmpstr (kl_editor_window_get_field (KL_EDITOR_WINDOW (dialog), "name"), ==, "Ikke lagret kommune");
  /* Cancel again, and Discard. */
  gtk_window_close (dialog);
  kl_test_settle ();
  adw_message_dialog_response (kl_form_get_discard_question (dialog), "discard");
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (count ("SELECT count(*) FROM client WHERE name = ?1 AND ?2 IS ?2", "Ikke lagret kommune", NULL), ==, 0);

  /* The session editor asks too; a session editor saved does not. */
  dialog = present (GTK_WINDOW (kl_session_editor_new (context, GTK_WINDOW (window), programme_id, 0)), &destroyed);
  gtk_editable_set_text (kl_session_editor_get_field (KL_SESSION_EDITOR (dialog), "title"), "Ulagret samling");
  gtk_window_close (dialog);
  kl_test_settle ();
  g_assert_false (destroyed);
  adw_message_dialog_response (kl_form_get_discard_question (dialog), "keep");
  kl_test_settle ();
  g_assert_false (destroyed);
  gtk_editable_set_text (kl_session_editor_get_field (KL_SESSION_EDITOR (dialog), "date"), "2.10.2026");
  g_assert_true (kl_session_editor_save (KL_SESSION_EDITOR (dialog), NULL));
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (count ("SELECT count(*) FROM session WHERE title = ?1 AND substr(starts_at, 1, 10) = ?2",
                          "Ulagret samling", "2026-10-02"), ==, 1);

  /* The cost editor: a change asks, Discard writes nothing. */
  dialog = present (GTK_WINDOW (kl_cost_editor_new (context, GTK_WINDOW (window), programme_id, 0)), &destroyed);
  gtk_editable_set_text (kl_cost_editor_get_field (KL_COST_EDITOR (dialog), "note"), "Ulagret kostnad");
  gtk_window_close (dialog);
  kl_test_settle ();
  g_assert_false (destroyed);
  adw_message_dialog_response (kl_form_get_discard_question (dialog), "discard");
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (count ("SELECT count(*) FROM cost_item WHERE note = ?1 AND ?2 IS ?2", "Ulagret kostnad", NULL), ==, 0);
}

/* A client added while the programme editor is open is among its choices,
 * and what was chosen stays; its search box speaks the UI's language. */
static void
test_choices_refresh (void)
{
  gboolean destroyed;
  GtkWindow *dialog = present (kl_editor_show (kl_window_get_context (window), GTK_WINDOW (window),
                                               KL_EDITOR_PROGRAMME, 0), &destroyed);
  GtkWidget *row = kl_field_set_get_widget (kl_editor_window_get_fields (KL_EDITOR_WINDOW (dialog)), "client");
  GtkDropDown *dropdown = GTK_DROP_DOWN (kl_test_find_descendant (row, GTK_TYPE_DROP_DOWN));
  g_autofree char *chosen = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             count ("SELECT min(id) FROM client WHERE ?1 <> ?2", "a", "b"));
  g_autoptr(KlClient) client = kl_client_new ();
  g_autoptr(GError) error = NULL;
  GtkEditable *search;

  kl_editor_window_set_field (KL_EDITOR_WINDOW (dialog), "client", chosen);
  g_assert_false (kl_test_model_has_string (gtk_drop_down_get_model (dropdown), "Nylagt kommune"));
  client->name = g_strdup ("Nylagt kommune");
  client->kind = g_strdup ("kommune");
  g_assert_true (kl_store_insert_client (db, client, &error));
  g_assert_no_error (error);
  kl_test_settle ();
  g_assert_true (kl_test_model_has_string (gtk_drop_down_get_model (dropdown), "Nylagt kommune"));
  g_assert_cmpstr (kl_editor_window_get_field (KL_EDITOR_WINDOW (dialog), "client"), ==, chosen);

  /* The field set translated the drop-down's own search box when it
   * made the row: found here, not translated again by the test. */
  search = GTK_EDITABLE (kl_test_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (search);
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (kl_test_find_descendant (GTK_WIDGET (search),
                                                                                     GTK_TYPE_TEXT))), ==,
                   norwegian ? "Søk …" : "Search…");
  gtk_widget_activate (GTK_WIDGET (dropdown));
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (dialog), "entry-client-choices");
  gtk_window_destroy (dialog);
  kl_test_settle ();
}

/* The cost categories' list shows every name whole. */
static void
test_whole_category_names (void)
{
  gboolean destroyed;
  GtkWindow *dialog = present (GTK_WINDOW (kl_cost_editor_new (kl_window_get_context (window), GTK_WINDOW (window),
                                                               programme_id, 0)), &destroyed);
  AdwComboRow *row = ADW_COMBO_ROW (gtk_window_get_focus (dialog));
  GtkListItemFactory *factory = adw_combo_row_get_list_factory (row);
  GtkWidget *popover;
  GtkWidget *label;
  guint shown = 0;

  g_assert_nonnull (factory);
  gtk_widget_activate (GTK_WIDGET (row));
  kl_test_settle ();
  popover = kl_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  /* Every name in the list laid out as wide as it wants: none cut off. */
  {
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, popover);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w) && *gtk_label_get_text (GTK_LABEL (w)) != '\0')
          {
            int natural;

            label = w;
            g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
            gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
            g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
            shown++;
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  g_assert_cmpuint (shown, >=, 4);
  kl_test_save_png (GTK_WIDGET (dialog), "entry-cost-categories");
  gtk_popover_popdown (GTK_POPOVER (popover));
  kl_test_settle ();
  close_unchanged (dialog, &destroyed);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("KARTLESER_NOW", "2026-12-02T10:00", TRUE);
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  norwegian = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb");
  window = kl_test_open_window (db);
  programme_id = count ("SELECT min(id) FROM programme WHERE ?1 <> ?2", "a", "b");

  g_test_add_func ("/gui-entry/programme-dates", test_programme_dates);
  g_test_add_func ("/gui-entry/focus-first-field", test_focus_first_field);
  g_test_add_func ("/gui-entry/ctrl-n", test_ctrl_n);
  g_test_add_func ("/gui-entry/discard-changes", test_discard_changes);
  g_test_add_func ("/gui-entry/choices-refresh", test_choices_refresh);
  g_test_add_func ("/gui-entry/whole-category-names", test_whole_category_names);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
