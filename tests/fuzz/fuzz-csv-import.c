/* A participant list from a client, as `import participants` and the
 * import dialog read it: parsed as CSV (any encoding, separator, quoting)
 * and planned against a database with clients and participants to match.
 * The plan must account for every record it was given. */

#include "config.h"

#include <glib.h>

#include "fuzz.h"
#include "kl-csv.h"
#include "kl-error.h"
#include "kl-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KlDb *db = fuzz_db ();
  g_autoptr(KlCsvTable) table = NULL;
  g_autoptr(KlImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  table = kl_csv_parse ((const char *) data, size, "fuzz.csv", &error);
  if (table == NULL)
    {
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
      return 0;
    }
  /* Programme 1: the demo's first, with enrolments. */
  plan = kl_import_plan_table (db, 1, table, "fuzz.csv", &error);
  if (plan == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_cmpuint (plan->n_new + plan->n_matched + plan->n_skipped, ==, plan->rows->len);
  g_assert_cmpuint (plan->n_errors + plan->n_warnings, <=, plan->rows->len);
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const KlImportRow *row = g_ptr_array_index (plan->rows, i);
      g_autofree char *problems = kl_import_row_describe_problems (row);

      g_assert_true (g_utf8_validate (problems, -1, NULL));
      if (row->participant != NULL && row->participant->name != NULL)
        g_assert_true (g_utf8_validate (row->participant->name, -1, NULL));
    }
  return 0;
}
