/* The fund's documents for the largest programme of ten years of demo
 * data (300 participants, 40 sessions): the payout request as XML (target
 * under 20 ms) and as PDF (target under 200 ms), from the database to the
 * finished bytes. Prints figures; asserts only that each step worked. */

#include <glib.h>

#include "kl-db.h"
#include "kl-demo.h"
#include "kl-fund-pdf.h"
#include "kl-fund-xml.h"
#include "kl-test-util.h"

#define ROUNDS 7

typedef struct
{
  KlDb *db;
  gint64 programme_id;
  gsize bytes;
  guint pages;
} Bench;

typedef gboolean (*Step) (Bench *bench);

static double
median_ms (Bench *bench,
           Step   step)
{
  double times[ROUNDS];

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_true (step (bench));
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  kl_test_sort_times (times, ROUNDS);
  return times[ROUNDS / 2];
}

static gboolean
step_xml (Bench *bench)
{
  g_autoptr(KlFundDocument) doc = kl_fund_document_load (bench->db, bench->programme_id, KL_FUND_PAYOUT,
                                                         KL_LANG_NB, NULL);
  g_autoptr(GBytes) bytes = doc ? kl_fund_xml_render (doc, NULL) : NULL;

  bench->bytes = bytes ? g_bytes_get_size (bytes) : 0;
  return bytes != NULL;
}

static gboolean
step_pdf (Bench *bench)
{
  g_autoptr(KlFundDocument) doc = kl_fund_document_load (bench->db, bench->programme_id, KL_FUND_PAYOUT,
                                                         KL_LANG_NB, NULL);
  g_autoptr(KlPdf) pdf = doc ? kl_fund_pdf_build (doc) : NULL;
  g_autoptr(GBytes) bytes = pdf ? kl_pdf_render (pdf, &bench->pages, NULL) : NULL;

  bench->bytes = bytes ? g_bytes_get_size (bytes) : 0;
  return bytes != NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = kl_test_make_dir ("bench-fund");
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  double xml_ms, pdf_ms;

  g_setenv ("SOURCE_DATE_EPOCH", "1790000000", TRUE);
  bench.db = kl_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kl_demo_fill (bench.db, 10, &error));
  g_assert_no_error (error);
  bench.programme_id = kl_demo_largest_programme (bench.db, &error);
  g_assert_no_error (error);
  /* A payout request needs a grant; the largest programme may only have
   * applied so far. */
  g_assert_true (kl_db_exec (bench.db, &error,
                             "UPDATE funding_case SET status = 'granted', case_no = '26/99999', "
                             "granted_ore = applied_ore, grant_date = applied_date, expiry_date = '2099-12-31' "
                             "WHERE programme_id = ?1 AND case_no IS NULL",
                             "i", bench.programme_id));
  g_assert_no_error (error);

  xml_ms = median_ms (&bench, step_xml);
  g_print ("payout request XML, programme %" G_GINT64_FORMAT ": %.1f ms median of %d (%zu bytes; target 20 ms)\n",
           bench.programme_id, xml_ms, ROUNDS, bench.bytes);
  pdf_ms = median_ms (&bench, step_pdf);
  g_print ("payout request PDF, programme %" G_GINT64_FORMAT ": %.1f ms median of %d (%u pages, %zu bytes; target 200 ms)\n",
           bench.programme_id, pdf_ms, ROUNDS, bench.pages, bench.bytes);

  g_clear_object (&bench.db);
  kl_test_remove_dir (dir);
  return 0;
}
