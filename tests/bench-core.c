/* The first benchmark: ten years of IMTEC (kartleser-cli demo --years 10),
 * then the things a consultant waits for. Prints figures; asserts only
 * that each step worked. */

#include <glib.h>
#include <glib/gstdio.h>

#include "kl-db.h"
#include "kl-demo.h"
#include "kl-store.h"
#include "kl-test-util.h"

#define ROUNDS 5

typedef gboolean (*Step) (KlDb *db, gpointer data);

static double
median_ms (KlDb     *db,
           Step      step,
           gpointer  data)
{
  double times[ROUNDS];

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_true (step (db, data));
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  kl_test_sort_times (times, ROUNDS);
  return times[ROUNDS / 2];
}

static gboolean
step_open (KlDb     *db,
           gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) again = kl_db_open (data, &error);

  g_assert_no_error (error);
  return again != NULL;
}

static gboolean
step_list_programmes (KlDb     *db,
                      gpointer  data)
{
  g_autoptr(GPtrArray) programmes = kl_store_list_programmes (db, NULL);

  return programmes != NULL && programmes->len >= 1000;
}

static gboolean
step_grid (KlDb     *db,
           gpointer  data)
{
  g_autoptr(KlAttendanceGrid) grid = kl_store_load_grid (db, *(gint64 *) data, NULL);

  return grid != NULL && grid->participants->len == 300 && grid->sessions->len == 40;
}

static gboolean
step_claim (KlDb     *db,
            gpointer  data)
{
  g_autoptr(KlClaim) claim = kl_store_compute_claim (db, *(gint64 *) data, KL_CLAIM_ACTUALS, NULL);

  return claim != NULL && claim->eligible_ore > 0;
}

static gboolean
step_search (KlDb     *db,
             gpointer  data)
{
  g_autoptr(GPtrArray) hits = kl_store_search (db, data, 50, NULL);

  return hits != NULL && hits->len > 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("bench");
  g_autofree char *path = g_build_filename (dir, "ten-years.db", NULL);
  g_autoptr(KlDb) db = NULL;
  KlCounts counts;
  gint64 start;
  gint64 largest;
  GStatBuf st;

  db = kl_db_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (kl_demo_fill (db, 10, &error));
  g_assert_no_error (error);
  g_assert_true (kl_demo_counts (db, &counts, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_print ("demo --years 10:        %8.0f ms  (%" G_GINT64_FORMAT " clients, %" G_GINT64_FORMAT " programmes, %"
           G_GINT64_FORMAT " sessions, %" G_GINT64_FORMAT " participants, %" G_GINT64_FORMAT " marks, %.0f MB)\n",
           (g_get_monotonic_time () - start) / 1000.0, counts.clients, counts.programmes, counts.sessions,
           counts.participants, counts.attendance, st.st_size / 1e6);

  largest = kl_demo_largest_programme (db, NULL);
  g_assert_cmpint (largest, >, 0);
  g_print ("open:                    %8.1f ms\n", median_ms (db, step_open, path));
  g_print ("list programmes:         %8.1f ms\n", median_ms (db, step_list_programmes, NULL));
  g_print ("attendance grid 300x40:  %8.1f ms  (programme %" G_GINT64_FORMAT ")\n",
           median_ms (db, step_grid, &largest), largest);
  g_print ("compute claim:           %8.1f ms\n", median_ms (db, step_claim, &largest));
  g_print ("search \"hansen\":         %8.1f ms\n", median_ms (db, step_search, "hansen"));
  g_print ("search \"bergen skole\":   %8.1f ms\n", median_ms (db, step_search, "bergen skole"));

  g_clear_object (&db);
  kl_test_remove_dir (dir);
  return 0;
}
