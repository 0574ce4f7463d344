/* `funding verify`: a document file that claims to be an application or
 * a payout request to the fund, which need not be what Kartleser wrote.
 * Read with the schema and the rules in force on its dates; anything
 * accepted has its figures recomputed within the money limits. */

#include "config.h"

#include <glib.h>

#include "fuzz.h"
#include "kl-error.h"
#include "kl-fund-xml.h"
#include "kl-money.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static char *path;
  KlDb *db = fuzz_db ();
  g_autoptr(KlFundVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    path = fuzz_path ("document.xml");
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    g_error ("fuzz: %s", error->message);
  report = kl_fund_xml_verify (db, path, KL_LANG_EN, &error);
  if (report == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (report->mismatches);
  for (guint i = 0; i < report->mismatches->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (report->mismatches, i), -1, NULL));
  return 0;
}
