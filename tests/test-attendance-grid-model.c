/* The attendance grid's model without a display: what a click or a key
 * does to a cell, how the cursor moves, what goes on the undo stack, and
 * why a cell cannot be marked. "Now" is 10 March 2026 (KARTLESER_NOW):
 * Samling 1 (1 February) and Samling 2 (1 March) are held, Samling 3
 * (1 April) is to come. Anne and Berit are enrolled from the start, Cato
 * from 15 February, so Samling 1 is not his. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "kl-attendance-grid-model.h"
#include "kl-error.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  KlUndo *undo;
  KlAttendanceGridModel *model;
  gint64 programme;
  gint64 sessions[3];
  gint64 people[3];     /* Anne Aas, Berit Berg, Cato Cruz */
  guint changed;
  guint moved;
  char *offered;
} Fixture;

/* The mark stored for one cell, as the model writes it: NULL for none. */
static char *
stored_status (Fixture *fixture,
               guint    session,
               guint    person)
{
  g_autoptr(KlStmt) stmt = kl_db_query (fixture->db, NULL,
                                        "SELECT status FROM attendance WHERE session_id = ?1 AND participant_id = ?2",
                                        "ii", fixture->sessions[session], fixture->people[person]);

  g_assert_nonnull (stmt);
  return kl_stmt_next (stmt, NULL) ? kl_stmt_text (stmt, 0) : NULL;
}

static void
on_changed_cb (KlAttendanceGridModel *model,
               Fixture               *fixture)
{
  fixture->changed++;
}

static void
on_moved_cb (KlAttendanceGridModel *model,
             Fixture               *fixture)
{
  fixture->moved++;
}

static void
on_offered_cb (KlAttendanceGridModel *model,
               const char            *label,
               Fixture               *fixture)
{
  g_free (fixture->offered);
  fixture->offered = g_strdup (label);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 client;

  g_setenv ("KARTLESER_NOW", "2026-03-10T12:00", TRUE);
  fixture->dir = kl_test_make_dir ("test-attendance-grid-model");
  fixture->db = kl_test_open_db (fixture->dir);
  client = kl_test_add_client (fixture->db, "Lier kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Lier", "2026-01-15", "2026-06-15");
  fixture->sessions[0] = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2026-02-01T09:00",
                                              "2026-02-01T15:00");
  fixture->sessions[1] = kl_test_add_session (fixture->db, fixture->programme, "Samling 2", "2026-03-01T09:00",
                                              "2026-03-01T15:00");
  fixture->sessions[2] = kl_test_add_session (fixture->db, fixture->programme, "Samling 3", "2026-04-01T09:00",
                                              "2026-04-01T15:00");
  fixture->people[0] = kl_test_add_participant (fixture->db, "Anne Aas", NULL);
  fixture->people[1] = kl_test_add_participant (fixture->db, "Berit Berg", NULL);
  fixture->people[2] = kl_test_add_participant (fixture->db, "Cato Cruz", NULL);
  kl_test_enrol (fixture->db, fixture->programme, fixture->people[0]);
  kl_test_enrol (fixture->db, fixture->programme, fixture->people[1]);
  kl_test_enrol_from (fixture->db, fixture->programme, fixture->people[2], "2026-02-15");

  fixture->undo = kl_undo_new ();
  fixture->model = kl_attendance_grid_model_new (fixture->db, fixture->undo);
  g_signal_connect (fixture->model, "changed", G_CALLBACK (on_changed_cb), fixture);
  g_signal_connect (fixture->model, "cursor-moved", G_CALLBACK (on_moved_cb), fixture);
  g_signal_connect (fixture->model, "undo-offered", G_CALLBACK (on_offered_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->db);
  g_clear_pointer (&fixture->offered, g_free);
  kl_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_unsetenv ("KARTLESER_NOW");
}

static void
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gboolean placed = FALSE;

  g_assert_true (kl_attendance_grid_model_load (fixture->model, fixture->programme, &placed, &error));
  g_assert_no_error (error);
}

static void
assert_cursor (Fixture *fixture,
               guint    row,
               guint    col)
{
  guint r, c;

  kl_attendance_grid_model_get_cursor (fixture->model, &r, &c);
  g_assert_cmpuint (r, ==, row);
  g_assert_cmpuint (c, ==, col);
}

/* A fresh grid: people by name, sessions by date, the cursor on the
 * latest session held (Samling 2), nothing marked, no rate yet. */
static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean placed = FALSE;

  g_assert_true (kl_attendance_grid_model_load (fixture->model, fixture->programme, &placed, &error));
  g_assert_no_error (error);
  g_assert_true (placed);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_cmpuint (kl_attendance_grid_model_get_n_rows (fixture->model), ==, 3);
  g_assert_cmpuint (kl_attendance_grid_model_get_n_columns (fixture->model), ==, 3);
  g_assert_cmpstr (kl_attendance_grid_model_get_participant (fixture->model, 2)->name, ==, "Cato Cruz");
  g_assert_cmpstr (kl_attendance_grid_model_get_session (fixture->model, 1)->title, ==, "Samling 2");
  assert_cursor (fixture, 0, 1);
  g_assert_true (kl_attendance_grid_model_counts (fixture->model, 1));
  g_assert_false (kl_attendance_grid_model_counts (fixture->model, 2));
  g_assert_false (kl_attendance_grid_model_is_expected (fixture->model, 2, 0));
  g_assert_true (kl_attendance_grid_model_is_expected (fixture->model, 2, 1));
  g_assert_cmpfloat (kl_attendance_grid_model_get_rate (fixture->model), <, 0);

  /* Loaded again, the cursor stays where the user put it. */
  g_assert_true (kl_attendance_grid_model_set_cursor (fixture->model, 2, 2));
  g_assert_true (kl_attendance_grid_model_load (fixture->model, fixture->programme, &placed, &error));
  g_assert_false (placed);
  assert_cursor (fixture, 2, 2);
}

/* Click after click: present, absent, excused, then partly present wants
 * hours (nothing written); refused, the next click goes on to present. */
static void
test_cycle (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean ask = TRUE;
  static const struct { char mark; const char *status; } round[] = {
    { 'P', "present" }, { 'A', "absent" }, { 'E', "excused" },
  };

  load (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (round); i++)
    {
      g_autofree char *stored = NULL;

      g_assert_true (kl_attendance_grid_model_cycle (fixture->model, 0, 1, &ask, &error));
      g_assert_no_error (error);
      g_assert_false (ask);
      g_assert_cmpint (kl_attendance_grid_model_get_mark (fixture->model, 0, 1), ==, round[i].mark);
      stored = stored_status (fixture, 1, 0);
      g_assert_cmpstr (stored, ==, round[i].status);
    }
  g_assert_true (kl_attendance_grid_model_cycle (fixture->model, 0, 1, &ask, &error));
  g_assert_true (ask);
  g_assert_cmpint (kl_attendance_grid_model_get_mark (fixture->model, 0, 1), ==, 'E');
  kl_attendance_grid_model_decline_hours (fixture->model, 0, 1);
  g_assert_true (kl_attendance_grid_model_cycle (fixture->model, 0, 1, &ask, &error));
  g_assert_false (ask);
  g_assert_cmpint (kl_attendance_grid_model_get_mark (fixture->model, 0, 1), ==, 'P');

  /* Hours given: 3 of the 6 planned. */
  g_assert_true (kl_attendance_grid_model_set_mark (fixture->model, 1, 1, 'H', 180, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_attendance_grid_model_get_minutes (fixture->model, 1, 1), ==, 180);
  {
    g_autofree char *text = kl_attendance_grid_model_describe_cell (fixture->model, 1, 1);

    g_assert_true (g_str_has_prefix (text, "Berit Berg at “Samling 2” ("));
    g_assert_true (g_str_has_suffix (text, "): Partly present, 3 hours"));
  }
}

/* Arrows, Page Up/Down, Home/End and with Ctrl, clamped to the grid. */
static void
test_moves (Fixture       *fixture,
            gconstpointer  data)
{
  /* Each move, with the rows a page holds, from where the one before
   * left the cursor, and where the cursor lands. */
  static const struct
  {
    KlGridMove move;
    guint page;
    guint row;
    guint col;
  } moves[] = {
    { KL_GRID_MOVE_RIGHT, 5, 0, 1 },
    { KL_GRID_MOVE_DOWN, 5, 1, 1 },
    { KL_GRID_MOVE_ROW_END, 5, 1, 2 },
    { KL_GRID_MOVE_ROW_START, 5, 1, 0 },
    { KL_GRID_MOVE_LAST, 5, 2, 2 },
    { KL_GRID_MOVE_FIRST, 5, 0, 0 },
    /* Five rows down in a grid of three: the last row. */
    { KL_GRID_MOVE_PAGE_DOWN, 5, 2, 0 },
    { KL_GRID_MOVE_PAGE_UP, 1, 1, 0 },
  };

  load (fixture);
  g_assert_true (kl_attendance_grid_model_set_cursor (fixture->model, 0, 0));
  fixture->moved = 0;
  g_assert_false (kl_attendance_grid_model_move (fixture->model, KL_GRID_MOVE_LEFT, 5));
  g_assert_false (kl_attendance_grid_model_move (fixture->model, KL_GRID_MOVE_UP, 5));
  g_assert_cmpuint (fixture->moved, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_assert_true (kl_attendance_grid_model_move (fixture->model, moves[i].move, moves[i].page));
      assert_cursor (fixture, moves[i].row, moves[i].col);
    }
  g_assert_cmpuint (fixture->moved, ==, 8);

  /* To a session: the first one expected there without a mark. */
  g_assert_true (kl_attendance_grid_model_set_mark (fixture->model, 0, 1, 'P', 0, NULL));
  g_assert_true (kl_attendance_grid_model_focus_session (fixture->model, fixture->sessions[1]));
  assert_cursor (fixture, 1, 1);
  g_assert_false (kl_attendance_grid_model_focus_session (fixture->model, 99999));
}

/* Single marks go on the stack quietly; a whole column is offered in a
 * toast; each undo puts back what was there. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  load (fixture);
  g_assert_true (kl_attendance_grid_model_set_mark (fixture->model, 1, 1, 'A', 0, &error));
  g_assert_cmpstr (kl_undo_peek_label (fixture->undo), ==, "Attendance of Berit Berg at “Samling 2” changed");
  g_assert_null (fixture->offered);

  /* Everyone expected at Samling 2: Anne and Cato get present, and
   * Berit's absence becomes present too. */
  g_assert_true (kl_attendance_grid_model_mark_column_present (fixture->model, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->offered, ==, "Everyone marked present at “Samling 2”");
  for (guint r = 0; r < 3; r++)
    g_assert_cmpint (kl_attendance_grid_model_get_mark (fixture->model, r, 1), ==, 'P');
  g_assert_cmpfloat (kl_attendance_grid_model_get_column_rate (fixture->model, 1), ==, 1.0);

  /* One undo takes the whole column back: Berit absent again, the others
   * unmarked. */
  g_assert_true (kl_undo_undo (fixture->undo, &error));
  g_assert_no_error (error);
  load (fixture);
  stored = stored_status (fixture, 1, 1);
  g_assert_cmpstr (stored, ==, "absent");
  g_assert_cmpint (kl_attendance_grid_model_get_mark (fixture->model, 0, 1), ==, 0);
  g_assert_cmpint (kl_attendance_grid_model_get_mark (fixture->model, 2, 1), ==, 0);
  g_clear_pointer (&stored, g_free);

  /* And the single mark before it: nothing stored for Berit. */
  g_assert_cmpstr (kl_undo_peek_label (fixture->undo), ==, "Attendance of Berit Berg at “Samling 2” changed");
  g_assert_true (kl_undo_undo (fixture->undo, &error));
  stored = stored_status (fixture, 1, 1);
  g_assert_null (stored);
  g_assert_false (kl_undo_can_undo (fixture->undo));
}

/* Rates by hand: Samling 1 has Anne present and Berit absent (Cato was
 * not enrolled), Samling 2 Anne present; Samling 3 is to come. */
static void
test_rates (Fixture       *fixture,
            gconstpointer  data)
{
  load (fixture);
  g_assert_true (kl_attendance_grid_model_set_mark (fixture->model, 0, 0, 'P', 0, NULL));
  g_assert_true (kl_attendance_grid_model_set_mark (fixture->model, 1, 0, 'A', 0, NULL));
  g_assert_true (kl_attendance_grid_model_set_mark (fixture->model, 0, 1, 'P', 0, NULL));
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_model_get_column_rate (fixture->model, 0), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_model_get_column_rate (fixture->model, 1), 1.0, 1e-9);
  g_assert_cmpfloat (kl_attendance_grid_model_get_column_rate (fixture->model, 2), <, 0);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_model_get_row_rate (fixture->model, 0), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_model_get_row_rate (fixture->model, 1), 0.0, 1e-9);
  g_assert_cmpfloat (kl_attendance_grid_model_get_row_rate (fixture->model, 2), <, 0);
  /* 2 present of 3 marks that count. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_model_get_rate (fixture->model), 2.0 / 3.0, 1e-9);
}

/* What cannot be marked says why, and nothing is written. */
static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ask = FALSE;

  load (fixture);
  g_assert_false (kl_attendance_grid_model_set_mark (fixture->model, 2, 0, 'P', 0, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "Cato Cruz was not enrolled on 2026-02-01, so there is nothing to mark");
  g_clear_error (&error);
  text = kl_attendance_grid_model_describe_cell (fixture->model, 2, 0);
  g_assert_true (g_str_has_suffix (text, "): Not expected: not enrolled then"));

  /* A session to come: present waits, excused may be recorded ahead. */
  g_assert_false (kl_attendance_grid_model_cycle (fixture->model, 0, 2, &ask, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "“Samling 3” has not started yet ("));
  g_assert_true (g_str_has_suffix (error->message, "09:00): only an excused absence (E) can be recorded ahead"));
  g_clear_error (&error);
  g_assert_false (kl_attendance_grid_model_mark_column_present (fixture->model, 2, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (kl_attendance_grid_model_set_mark (fixture->model, 0, 2, 'E', 0, &error));
  g_assert_no_error (error);
  {
    g_autofree char *stored = stored_status (fixture, 2, 0);
    g_autofree char *never = stored_status (fixture, 0, 2);

    g_assert_cmpstr (stored, ==, "excused");
    g_assert_null (never);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  kl_test_bind_translations ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attendance-grid-model/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/attendance-grid-model/cycle", Fixture, NULL, fixture_set_up, test_cycle, fixture_tear_down);
  g_test_add ("/attendance-grid-model/moves", Fixture, NULL, fixture_set_up, test_moves, fixture_tear_down);
  g_test_add ("/attendance-grid-model/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/attendance-grid-model/rates", Fixture, NULL, fixture_set_up, test_rates, fixture_tear_down);
  g_test_add ("/attendance-grid-model/warnings", Fixture, NULL, fixture_set_up, test_warnings, fixture_tear_down);
  return g_test_run ();
}
