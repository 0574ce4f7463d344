/* The team server next to SQLite (issue 13, "Speed"): the same demo years
 * (KARTLESER_BENCH_YEARS, default 10) written into a file and into a
 * database on the run's private PostgreSQL cluster (kl-pg-cluster.sh,
 * Unix socket), then what a user waits for, measured on both in one run:
 * the programme list, the attendance grid of the largest programme as the
 * GUI's grid model loads it, a search keystroke (the first page of
 * hits), a claim computed. Prints medians, the ratio PostgreSQL/SQLite
 * and the data's size; asserts only that each step worked and that both
 * backends hold the same data. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "kl-attendance-grid-model.h"
#include "kl-db.h"
#include "kl-demo.h"
#include "kl-store.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

#define ROUNDS 9

typedef struct
{
  const char *name;
  gboolean (*step) (KlDb *db, gint64 programme);
} Measure;

static gboolean
step_list_programmes (KlDb   *db,
                      gint64  programme)
{
  g_autoptr(GPtrArray) programmes = kl_store_list_programmes (db, NULL);

  return programmes != NULL && programmes->len >= 100;
}

/* As the attendance tab loads it: sessions with their leaders and
 * audiences, participants, enrolment windows, marks. */
static gboolean
step_grid (KlDb   *db,
           gint64  programme)
{
  g_autoptr(KlAttendanceGridModel) model = kl_attendance_grid_model_new (db, NULL);
  g_autoptr(GError) error = NULL;

  if (!kl_attendance_grid_model_load (model, programme, NULL, &error))
    g_error ("grid: %s", error->message);
  return kl_attendance_grid_model_get_n_rows (model) == 300 && kl_attendance_grid_model_get_n_columns (model) == 40;
}

/* A name typed into the search: the first page (50) of ranked hits. */
static gboolean
step_search (KlDb   *db,
             gint64  programme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = kl_store_search (db, "hansen", 50, &error);

  if (hits == NULL)
    g_error ("search: %s", error->message);
  return hits->len == 50;
}

static gboolean
step_claim (KlDb   *db,
            gint64  programme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClaim) claim = kl_store_compute_claim (db, programme, KL_CLAIM_ACTUALS, &error);

  if (claim == NULL)
    g_error ("claim: %s", error->message);
  return claim->eligible_ore > 0;
}

static const Measure measures[] = {
  { "programme list", step_list_programmes },
  { "attendance grid 300 x 40", step_grid },
  { "search keystroke (50 hits)", step_search },
  { "claim (funding compute)", step_claim },
};

static double
median_ms (KlDb          *db,
           const Measure *measure,
           gint64         programme)
{
  double times[ROUNDS];

  /* Once unmeasured: statements prepared, pages cached, on both. */
  g_assert_true (measure->step (db, programme));
  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_true (measure->step (db, programme));
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  kl_test_sort_times (times, ROUNDS);
  return times[ROUNDS / 2];
}

static double
fill (KlDb  *db,
      guint  years)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (kl_demo_fill_on (db, years, "2026-11-23", &error));
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1e6;
}

static gint64
server_size (KlDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, "SELECT pg_database_size (current_database ())", NULL);

  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  return kl_stmt_int (stmt, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *years_env = g_getenv ("KARTLESER_BENCH_YEARS");
  guint years = years_env != NULL ? (guint) atoi (years_env) : 10;
  g_autofree char *dir = kl_test_make_dir ("bench-server");
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *uri = kl_test_server_db ();
  g_autoptr(KlDb) file = NULL;
  g_autoptr(KlDb) server = NULL;
  KlCounts file_counts, server_counts;
  double file_fill, server_fill;
  gint64 programme;
  GStatBuf st;

  g_assert_cmpuint (years, >, 0);
  /* The store's dates follow this clock; both fills see the same day. */
  g_setenv ("KARTLESER_NOW", "2026-11-23T10:00", TRUE);
  file = kl_db_open (path, &error);
  g_assert_no_error (error);
  server = kl_db_open (uri, &error);
  g_assert_no_error (error);

  file_fill = fill (file, years);
  server_fill = fill (server, years);
  /* The demo's copies left the planner's statistics (kl_db_note_loaded). */
  g_assert_true (kl_demo_counts (file, &file_counts, NULL));
  g_assert_true (kl_demo_counts (server, &server_counts, NULL));
  g_assert_cmpmem (&file_counts, sizeof file_counts, &server_counts, sizeof server_counts);
  programme = kl_demo_largest_programme (file, NULL);
  g_assert_cmpint (programme, ==, kl_demo_largest_programme (server, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  g_print ("%u years of demo data: %" G_GINT64_FORMAT " programmes, %" G_GINT64_FORMAT " sessions, %"
           G_GINT64_FORMAT " participants, %" G_GINT64_FORMAT " marks\n",
           years, file_counts.programmes, file_counts.sessions, file_counts.participants, file_counts.attendance);
  g_print ("%-28s %12s %12s %8s\n", "", "SQLite", "PostgreSQL", "ratio");
  g_print ("%-28s %10.1f s %10.1f s %8.2f\n", "demo --years", file_fill, server_fill, server_fill / file_fill);
  g_print ("%-28s %9.0f MB %9.0f MB %8.2f\n", "data size", st.st_size / 1e6, server_size (server) / 1e6,
           (double) server_size (server) / (double) st.st_size);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      double on_file = median_ms (file, &measures[i], programme);
      double on_server = median_ms (server, &measures[i], programme);

      g_print ("%-28s %9.2f ms %9.2f ms %8.2f\n", measures[i].name, on_file, on_server, on_server / on_file);
    }
  g_print ("(medians of %d runs; PostgreSQL on a Unix socket of this machine)\n", ROUNDS);

  g_clear_object (&file);
  g_clear_object (&server);
  kl_test_remove_dir (dir);
  return 0;
}
