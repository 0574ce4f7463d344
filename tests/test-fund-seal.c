#include "config.h"

#include <string.h>

#include "kl-demo.h"
#include "kl-error.h"
#include "kl-fund-seal.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  gint64 granted;   /* a programme with a grant and no payout request yet */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = NULL;

  fixture->dir = kl_test_make_dir ("fund-seal");
  fixture->db = kl_test_open_db (fixture->dir);
  kl_test_fill_demo (fixture->db, 0);
  stmt = kl_db_query (fixture->db, &error, "SELECT programme_id FROM funding_case WHERE status = 'granted'", NULL);
  g_assert_true (kl_stmt_next (stmt, &error));
  fixture->granted = kl_stmt_int (stmt, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

/* Recording the payout request keeps its XML and PDF with their hashes;
 * a step that sends nothing keeps nothing. */
static void
test_step_seals (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KlFundingCase) funding = kl_store_get_funding_case (fixture->db, fixture->granted, KL_DEFAULT_SCHEME, NULL);
  g_autoptr(GPtrArray) sealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  /* Saving the grant again is no sending. */
  g_assert_true (kl_fund_seal_step (fixture->db, funding, "granted", KL_LANG_NB, &note, &error));
  g_assert_null (note);
  sealed = kl_fund_sealed_list (fixture->db, fixture->granted, &error);
  g_assert_cmpuint (sealed->len, ==, 0);
  g_clear_pointer (&sealed, g_ptr_array_unref);

  g_free (funding->status);
  funding->status = g_strdup ("payout-requested");
  funding->payout_date = g_strdup ("2026-11-20");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  g_assert_true (kl_fund_seal_step (fixture->db, funding, "granted", KL_LANG_NB, &note, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (note, "payout request as sent was kept"));

  sealed = kl_fund_sealed_list (fixture->db, fixture->granted, &error);
  g_assert_cmpuint (sealed->len, ==, 2);
  for (guint i = 0; i < sealed->len; i++)
    {
      KlSealedDocument *listed = g_ptr_array_index (sealed, i);
      g_autoptr(KlSealedDocument) document = kl_fund_sealed_get (fixture->db, listed->id, &error);
      g_autofree char *sha256 = NULL;
      const char *bytes;

      g_assert_no_error (error);
      g_assert_cmpint (document->kind, ==, KL_FUND_PAYOUT);
      g_assert_cmpuint (g_bytes_get_size (document->content), ==, listed->size);
      sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, document->content);
      g_assert_cmpstr (sha256, ==, document->sha256);
      bytes = g_bytes_get_data (document->content, NULL);
      if (g_str_equal (document->format, "pdf"))
        g_assert_true (strncmp (bytes, "%PDF-", 5) == 0);
      else
        g_assert_true (strncmp (bytes, "<?xml", 5) == 0);
    }
  /* Newest first: the PDF was kept after the XML. */
  g_assert_cmpstr (((KlSealedDocument *) g_ptr_array_index (sealed, 0))->format, ==, "pdf");
}

/* Later edits leave the sealed copy as it was, byte for byte, and are
 * named against it. */
static void
test_difference_named_and_copy_unchanged (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sealed = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(KlSealedDocument) before = NULL;
  g_autoptr(KlSealedDocument) after = NULL;
  g_autofree char *difference = NULL;
  KlCostItem *first;
  gint64 xml_id = 0;

  g_assert_true (kl_fund_seal (fixture->db, fixture->granted, KL_FUND_APPLICATION, KL_LANG_NB, &error));
  g_assert_no_error (error);
  difference = kl_fund_seal_difference (fixture->db, fixture->granted, KL_FUND_APPLICATION, &error);
  g_assert_no_error (error);
  g_assert_null (difference);

  sealed = kl_fund_sealed_list (fixture->db, fixture->granted, &error);
  for (guint i = 0; i < sealed->len; i++)
    if (g_str_equal (((KlSealedDocument *) g_ptr_array_index (sealed, i))->format, "xml"))
      xml_id = ((KlSealedDocument *) g_ptr_array_index (sealed, i))->id;
  before = kl_fund_sealed_get (fixture->db, xml_id, &error);
  g_assert_no_error (error);

  /* The first cost's net amount goes up by 500 kr. */
  costs = kl_store_list_costs (fixture->db, fixture->granted, &error);
  first = g_ptr_array_index (costs, 0);
  first->net_ore += 50000;
  g_assert_true (kl_store_update_cost (fixture->db, first, &error));
  g_assert_no_error (error);

  difference = kl_fund_seal_difference (fixture->db, fixture->granted, KL_FUND_APPLICATION, &error);
  g_assert_no_error (error);
  g_assert_nonnull (difference);
  g_assert_nonnull (strstr (difference, "budget › line 1 › net: "));
  g_assert_nonnull (strstr (difference, " → "));

  after = kl_fund_sealed_get (fixture->db, xml_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before->content, after->content));
  g_assert_cmpstr (before->sha256, ==, after->sha256);
}

/* Not even SQL through the application's connection changes one. */
static void
test_sealed_rows_are_final (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_fund_seal (fixture->db, fixture->granted, KL_FUND_APPLICATION, KL_LANG_EN, &error));
  g_assert_no_error (error);
  g_assert_false (kl_db_exec (fixture->db, &error, "UPDATE sealed_document SET sha256 = ?1", "t",
                              "0000000000000000000000000000000000000000000000000000000000000000"));
  g_assert_nonnull (strstr (error->message, "never changed"));
  g_clear_error (&error);
  g_assert_false (kl_db_exec (fixture->db, &error, "DELETE FROM sealed_document", NULL));
  g_assert_nonnull (strstr (error->message, "never deleted"));
}

/* A document that cannot be made does not stop the step. */
static void
test_incomplete_document_noted (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KlSettings) empty = kl_settings_new ();
  g_autoptr(KlFundingCase) funding = kl_store_get_funding_case (fixture->db, fixture->granted, KL_DEFAULT_SCHEME, NULL);
  g_autoptr(GPtrArray) sealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (kl_store_save_settings (fixture->db, empty, &error));
  g_free (funding->status);
  funding->status = g_strdup ("payout-requested");
  g_assert_true (kl_fund_seal_step (fixture->db, funding, "granted", KL_LANG_NB, &note, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (note, "No copy was kept: "));
  sealed = kl_fund_sealed_list (fixture->db, fixture->granted, &error);
  g_assert_cmpuint (sealed->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_translated (&argc, &argv);

  g_test_add ("/fund-seal/step-seals", Fixture, NULL, fixture_set_up, test_step_seals, fixture_tear_down);
  g_test_add ("/fund-seal/difference", Fixture, NULL, fixture_set_up,
              test_difference_named_and_copy_unchanged, fixture_tear_down);
  g_test_add ("/fund-seal/final", Fixture, NULL, fixture_set_up, test_sealed_rows_are_final, fixture_tear_down);
  g_test_add ("/fund-seal/incomplete", Fixture, NULL, fixture_set_up, test_incomplete_document_noted,
              fixture_tear_down);
  return g_test_run ();
}
