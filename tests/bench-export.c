/* Documents on ten years of IMTEC, for the largest programme (300
 * participants x 40 sessions): the sign-in sheet of a session, the
 * attendance report, and the payout request as PDF (target under 200 ms)
 * and as XML (target under 20 ms), from the database to the finished
 * bytes in memory. Prints figures; asserts only that each step worked. */

#include <glib.h>

#include "kl-attendance-report.h"
#include "kl-db.h"
#include "kl-demo.h"
#include "kl-fund-pdf.h"
#include "kl-fund-xml.h"
#include "kl-sheet.h"
#include "kl-store.h"
#include "kl-test-util.h"

#define ROUNDS 5

typedef KlPdf *(*Build) (KlDb *db, gint64 id, KlLang lang, GError **error);

/* Median of the model (database to pages) and of the whole (to bytes). */
static void
measure (const char *what,
         KlDb       *db,
         Build       build,
         gint64      id)
{
  double build_ms[ROUNDS];
  double total_ms[ROUNDS];
  gsize size = 0;
  guint n_pages = 0;

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlPdf) pdf = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 built;

      pdf = build (db, id, KL_LANG_NB, &error);
      g_assert_no_error (error);
      built = g_get_monotonic_time ();
      bytes = kl_pdf_render (pdf, &n_pages, &error);
      g_assert_no_error (error);
      build_ms[i] = (built - start) / 1000.0;
      total_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      size = g_bytes_get_size (bytes);
    }
  kl_test_sort_times (build_ms, ROUNDS);
  kl_test_sort_times (total_ms, ROUNDS);
  g_print ("%-24s %8.1f ms  (layout %.1f ms; %u pages, %.0f kB)\n",
           what, total_ms[ROUNDS / 2], build_ms[ROUNDS / 2], n_pages, size / 1e3);
}

static KlPdf *
build_payout_request (KlDb    *db,
                      gint64   programme_id,
                      KlLang   lang,
                      GError **error)
{
  g_autoptr(KlFundDocument) doc = kl_fund_document_load (db, programme_id, KL_FUND_PAYOUT, lang, error);

  return doc != NULL ? kl_fund_pdf_build (doc) : NULL;
}

/* The XML is checked against the schema before it is handed out, so the
 * time includes parsing it back and validating it. */
static void
measure_xml (KlDb   *db,
             gint64  programme_id)
{
  double total_ms[ROUNDS];
  gsize size = 0;

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlFundDocument) doc = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gint64 start = g_get_monotonic_time ();

      doc = kl_fund_document_load (db, programme_id, KL_FUND_PAYOUT, KL_LANG_NB, &error);
      g_assert_no_error (error);
      bytes = kl_fund_xml_render (doc, &error);
      g_assert_no_error (error);
      total_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      size = g_bytes_get_size (bytes);
    }
  kl_test_sort_times (total_ms, ROUNDS);
  g_print ("%-24s %8.1f ms  (validated; %.0f kB)\n", "payout request XML:", total_ms[ROUNDS / 2], size / 1e3);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("bench");
  g_autofree char *path = g_build_filename (dir, "ten-years.db", NULL);
  g_autoptr(KlDb) db = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 largest;
  gint64 session_id;

  g_setenv ("SOURCE_DATE_EPOCH", "1800000000", TRUE);
  db = kl_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kl_demo_fill (db, 10, &error));
  g_assert_no_error (error);
  largest = kl_demo_largest_programme (db, NULL);
  g_assert_cmpint (largest, >, 0);
  sessions = kl_store_list_sessions (db, largest, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, >, 0);
  session_id = ((KlSession *) g_ptr_array_index (sessions, 0))->id;

  g_print ("programme %" G_GINT64_FORMAT ", session %" G_GINT64_FORMAT "\n", largest, session_id);
  measure ("sign-in sheet (300):", db, kl_sheet_sign_in, session_id);
  measure ("attendance report 300x40:", db, kl_attendance_report, largest);

  /* A payout request needs a grant; the largest programme may only have
   * applied so far. */
  g_assert_true (kl_db_exec (db, &error,
                             "UPDATE funding_case SET status = 'granted', case_no = '26/99999', "
                             "granted_ore = applied_ore, grant_date = applied_date, expiry_date = '2099-12-31' "
                             "WHERE programme_id = ?1 AND case_no IS NULL",
                             "i", largest));
  g_assert_no_error (error);
  measure ("payout request PDF:", db, build_payout_request, largest);
  measure_xml (db, largest);

  g_clear_object (&db);
  kl_test_remove_dir (dir);
  return 0;
}
