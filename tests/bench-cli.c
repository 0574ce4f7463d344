/* Whole-process kartleser-cli next to the sqlite3 shell running the same
 * SQL on the same file: programme list, search and funding compute on
 * the 10-year demo, and on the 30-year one when building it is quick
 * enough. Each figure is the median of several runs after a warm-up (the
 * file in the page cache); the ratio is the one to watch (target: within
 * 5×). Asserts only that every run worked.
 *
 * KARTLESER_BENCH_YEARS: the demo sizes, "10,30" by default. */

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "kl-test-util.h"

#define ROUNDS 9
#define SEARCH_TERM "hansen"
/* Building more years than this is estimated to take too long. */
#define MAX_BUILD_SECONDS 240.0

static const char *cli;
static const char *sqlite_shell;

static double
run_ms (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s … failed: %s", argv[0], argv[1], err);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
median_ms (const char *const *argv)
{
  double times[ROUNDS];

  run_ms (argv);
  for (guint i = 0; i < ROUNDS; i++)
    times[i] = run_ms (argv);
  kl_test_sort_times (times, ROUNDS);
  return times[ROUNDS / 2];
}

/* What kl_store_compute_claim asks, once for the actual costs and once
 * for the budget, as funding compute does. */
static char *
claim_sql (gint64 programme)
{
  g_autofree char *one = g_strdup_printf (
    "SELECT 1 FROM programme WHERE id = %1$" G_GINT64_FORMAT ";"
    "SELECT id, programme_id, scheme, status, applied_date, applied_ore, case_no, granted_ore, grant_date, "
    "expiry_date, payout_date, paid_ore, paid_date, created_at, updated_at FROM funding_case "
    "WHERE programme_id = %1$" G_GINT64_FORMAT " AND scheme = 'ks-ou-leder';"
    "SELECT id, scheme, name, valid_from, valid_to, rate_permille, fee_cap_ore, participant_fee_cap_ore, "
    "study_fee_cap_ore FROM scheme_version WHERE scheme = 'ks-ou-leder' AND valid_from <= date ('now') "
    "AND (valid_to IS NULL OR valid_to >= date ('now')) ORDER BY valid_from DESC LIMIT 1;"
    "SELECT category FROM scheme_eligible WHERE version_id = (SELECT max (id) FROM scheme_version);"
    "SELECT c.id, c.programme_id, c.category, c.budget, c.consultant_id, c.days, c.persons, c.semesters, "
    "c.net_ore, c.vat_ore, c.supplier, c.invoice_no, c.invoice_date, c.note, k.name, c.created_at, c.updated_at "
    "FROM cost_item c LEFT JOIN consultant k ON k.id = c.consultant_id WHERE c.programme_id = %1$" G_GINT64_FORMAT
    " ORDER BY c.budget DESC, c.invoice_date, c.id;"
    "SELECT cs.cost_id, cs.session_id, s.starts_at, s.ends_at FROM cost_session cs JOIN cost_item c "
    "ON c.id = cs.cost_id JOIN session s ON s.id = cs.session_id WHERE c.programme_id = %1$" G_GINT64_FORMAT
    " ORDER BY cs.cost_id, s.starts_at, s.id;"
    "SELECT d.cost_id, d.day FROM cost_date d JOIN cost_item c ON c.id = d.cost_id "
    "WHERE c.programme_id = %1$" G_GINT64_FORMAT ";", programme);

  return g_strconcat (one, one, NULL);
}

static void
compare (const char        *what,
         const char *const *cli_argv,
         const char        *db,
         const char        *sql)
{
  const char *const shell_argv[] = { sqlite_shell, "-batch", db, sql, NULL };
  double ours = median_ms (cli_argv);
  double shell = median_ms (shell_argv);

  g_print ("  %-26s kartleser-cli %7.1f ms   sqlite3 %7.1f ms   %5.1f×\n", what, ours, shell, ours / shell);
}

static gboolean
bench_years (const char *dir,
             int         years,
             double     *build_seconds)
{
  g_autofree char *db = g_strdup_printf ("%s/%d-years.db", dir, years);
  g_autofree char *years_text = g_strdup_printf ("%d", years);
  g_autofree char *programme_text = NULL;
  g_autofree char *claim = NULL;
  const char *const demo[] = { cli, "--db", db, "demo", "--years", years_text, NULL };
  gint64 programme;
  GStatBuf st;

  *build_seconds = run_ms (demo) / 1000.0;
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  programme = kl_test_sqlite_int (db, "SELECT p.id FROM programme p ORDER BY "
                                  "(SELECT count(*) FROM enrolment e WHERE e.programme_id = p.id) * "
                                  "(SELECT count(*) FROM session s WHERE s.programme_id = p.id) DESC, p.id LIMIT 1");
  programme_text = g_strdup_printf ("%" G_GINT64_FORMAT, programme);
  claim = claim_sql (programme);

  g_print ("%d years of demo data: %.0f MB, %" G_GINT64_FORMAT " programmes, %" G_GINT64_FORMAT " participants, %"
           G_GINT64_FORMAT " attendance marks (built in %.1f s)\n",
           years, st.st_size / 1e6, kl_test_sqlite_int (db, "SELECT count(*) FROM programme"),
           kl_test_sqlite_int (db, "SELECT count(*) FROM participant"),
           kl_test_sqlite_int (db, "SELECT count(*) FROM attendance"),
           *build_seconds);
  {
    const char *const argv[] = { cli, "--db", db, "programme", "list", NULL };

    compare ("programme list", argv, db,
             "SELECT id, client_id, title, kind, start_date, end_date, status, lead_id, goals, target_group, "
             "q_current, q_future, q_process, created_at, updated_at, certificate_threshold "
             "FROM programme ORDER BY start_date DESC, id;");
  }
  {
    const char *const argv[] = { cli, "--db", db, "search", SEARCH_TERM, NULL };

    compare ("search " SEARCH_TERM, argv, db,
             "SELECT rowid, title, snippet(search, 1, '[', ']', '…', 8) FROM search "
             "WHERE search MATCH '\"" SEARCH_TERM "\"*' ORDER BY bm25(search, 4.0, 1.0), rowid LIMIT 50;");
  }
  {
    const char *const argv[] = { cli, "--db", db, "funding", "compute", "--programme", programme_text, NULL };
    g_autofree char *what = g_strdup_printf ("funding compute (%s)", programme_text);

    compare (what, argv, db, claim);
  }
  {
    /* Opening alone: the smallest command against the smallest query. */
    const char *const argv[] = { cli, "--db", db, "settings", "show", NULL };

    compare ("settings show (the open)", argv, db, "SELECT * FROM settings;");
  }
  {
    const char *const argv[] = { cli, "--db", db, "check", NULL };

    compare ("check (every page)", argv, db, "PRAGMA quick_check;");
  }
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (db, suffixes[i], NULL);

      g_unlink (file);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const char *years_env = g_getenv ("KARTLESER_BENCH_YEARS");
  g_auto(GStrv) sizes = g_strsplit (years_env && *years_env ? years_env : "10,30", ",", -1);
  g_autofree char *dir = kl_test_make_dir ("bench-cli");
  g_autofree char *found = g_find_program_in_path ("sqlite3");
  double seconds_per_year = 0;

  /* The × of the ratios, in a UTF-8 locale. */
  setlocale (LC_ALL, "");
  cli = g_getenv ("KARTLESER_CLI");
  g_assert_nonnull (cli);
  if (found == NULL)
    {
      g_print ("sqlite3 (the shell) is not installed: nothing to compare with\n");
      return 77;
    }
  sqlite_shell = found;

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      int years = atoi (sizes[i]);
      double build = 0;

      if (years <= 0)
        continue;
      if (seconds_per_year > 0 && seconds_per_year * years > MAX_BUILD_SECONDS)
        {
          g_print ("%d years: skipped (building it would take about %.0f s)\n", years, seconds_per_year * years);
          continue;
        }
      bench_years (dir, years, &build);
      seconds_per_year = build / years;
    }
  kl_test_remove_dir (dir);
  return 0;
}
