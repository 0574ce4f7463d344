#include "config.h"

#include <string.h>

#include "kl-demo.h"
#include "kl-error.h"
#include "kl-fund-pdf.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "test-pdf-util.h"

#define AWKWARD "<b>Ås & Ørsta \"skole\" 'nord' 😀</b>"

typedef struct
{
  char *dir;
  KlDb *db;
  gint64 programme_id;   /* one with a recorded grant */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autofree char *path = NULL;

  fixture->dir = kl_test_make_dir ("fund-pdf");
  path = kl_test_db_location (fixture->dir);
  fixture->db = kl_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kl_demo_fill (fixture->db, 0, &error));
  g_assert_no_error (error);
  programmes = kl_store_list_programmes (fixture->db, &error);
  for (guint i = 0; i < programmes->len && fixture->programme_id == 0; i++)
    {
      KlProgramme *programme = g_ptr_array_index (programmes, i);
      g_autoptr(KlFundingCase) funding = kl_store_get_funding_case (fixture->db, programme->id,
                                                                    KL_DEFAULT_SCHEME, NULL);

      if (funding != NULL && funding->case_no != NULL)
        fixture->programme_id = programme->id;
    }
  g_assert_cmpint (fixture->programme_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  kl_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static char *
export_pdf (Fixture            *fixture,
            KlFundDocumentKind  kind,
            KlLang              lang,
            guint              *n_pages)
{
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("doc-%d-%d.pdf", kind, lang);
  char *path = g_build_filename (fixture->dir, name, NULL);

  doc = kl_fund_document_load (fixture->db, fixture->programme_id, kind, lang, &error);
  g_assert_no_error (error);
  g_assert_true (kl_fund_pdf_save (doc, path, n_pages, &error));
  g_assert_no_error (error);
  return path;
}

/* In the order it was drawn: a wrapped cell's lines stay together, where
 * the reading order interleaves them with the cells beside them. */
static char *
raw_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_contains (const char *flat_text,
                 const char *expected)
{
  g_autofree char *flat = kl_test_flatten (expected);

  if (strstr (flat_text, flat) == NULL)
    g_error ("“%s” is not in the PDF's text", expected);
}

/* The payout request as KS's reader sees it: case number, the totals in
 * Norwegian format, every cost line with its invoice, A4, metadata, fonts. */
static void
test_payout_request_content (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KlFundDocument) doc = kl_fund_document_load (fixture->db, fixture->programme_id, KL_FUND_PAYOUT,
                                                         KL_LANG_NB, NULL);
  guint n_pages = 0;
  g_autofree char *path = export_pdf (fixture, KL_FUND_PAYOUT, KL_LANG_NB, &n_pages);
  g_autofree char *text = raw_text (path);
  g_autofree char *flat = kl_test_flatten (text);
  g_autofree char *info = kl_test_pdf_info (path);
  g_autofree char *payout = kl_money_format (doc->claim->payout_ore, KL_LANG_NB);
  g_autofree char *basis = kl_money_format (doc->claim->eligible_ore, KL_LANG_NB);
  g_autofree char *granted = kl_money_format (doc->funding->granted_ore, KL_LANG_NB);
  g_autofree char *last_page = g_strdup_printf ("Side %u av %u", n_pages, n_pages);

  g_assert_cmpuint (n_pages, >=, 1);
  g_assert_nonnull (strstr (info, "Page size:       595.28 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (info, "Title:           Anmodning om utbetaling, OU-midler – "));
  g_assert_nonnull (strstr (info, "Author:          Stiftelsen IMTEC"));
  g_assert_nonnull (strstr (info, "Creator:         Kartleser"));
  g_assert_true (kl_test_pdf_fonts_embedded (path));

  assert_contains (flat, "Anmodning om utbetaling av OU-midler");
  assert_contains (flat, doc->funding->case_no);
  assert_contains (flat, doc->applicant->orgnr);
  assert_contains (flat, doc->applicant->account);
  assert_contains (flat, "Tilskuddsgrunnlag");
  assert_contains (flat, basis);
  assert_contains (flat, granted);
  assert_contains (flat, "Anmodet om utbetaling");
  assert_contains (flat, payout);
  assert_contains (flat, last_page);
  for (guint i = 0; i < doc->costs->len; i++)
    {
      KlCostItem *item = g_ptr_array_index (doc->costs, i);
      KlClaimLine *line = g_ptr_array_index (doc->claim->lines, i);
      g_autofree char *net = kl_money_format_amount (item->net_ore, KL_LANG_NB);
      g_autofree char *counted = kl_money_format_amount (line->counted_ore, KL_LANG_NB);
      g_autofree char *description = kl_fund_document_cost_description (doc, i);

      assert_contains (flat, description);
      assert_contains (flat, item->invoice_no);
      assert_contains (flat, net);
      assert_contains (flat, counted);
    }
  for (guint i = 0; i < doc->sessions->len; i++)
    {
      KlFundSession *entry = g_ptr_array_index (doc->sessions, i);
      g_autofree char *attendance = g_strdup_printf ("%u / %u", entry->present, entry->enrolled);

      assert_contains (flat, entry->session->title);
      assert_contains (flat, attendance);
    }
}

/* --lang en: the whole document in English, amounts in NOK. */
static void
test_application_in_english (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KlFundDocument) doc = kl_fund_document_load (fixture->db, fixture->programme_id, KL_FUND_APPLICATION,
                                                         KL_LANG_EN, NULL);
  g_autofree char *path = export_pdf (fixture, KL_FUND_APPLICATION, KL_LANG_EN, NULL);
  g_autofree char *text = kl_test_pdf_text (path, 0);
  g_autofree char *flat = kl_test_flatten (text);
  g_autofree char *claim = kl_money_format (doc->claim->claim_ore, KL_LANG_EN);

  assert_contains (flat, "Application for OU funds");
  assert_contains (flat, "Amount applied for");
  assert_contains (flat, claim);
  assert_contains (flat, "Where are we?");
  assert_contains (flat, doc->programme->q_current);
  assert_contains (flat, "Page 1 of");
  g_assert_null (strstr (text, "Søknad"));
  g_assert_null (strstr (text, "Side 1 av"));
}

/* 300 cost lines and 300 participants: pages follow one another with the
 * table's heading on each, no line is lost, and awkward names print. */
static void
test_large_programme_paginates (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KlProgramme) programme = kl_store_get_programme (fixture->db, fixture->programme_id, NULL);
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *long_name = NULL;
  guint n_pages = 0;
  guint pages_with_heading = 0;

  {
    g_autoptr(KlTransaction) tx = kl_db_begin (fixture->db, &error);

    g_assert_no_error (error);
    for (int i = 1; i <= 300; i++)
      {
        g_autoptr(KlCostItem) item = kl_cost_item_new ();
        g_autoptr(KlParticipant) person = kl_participant_new ();
        g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();

        item->programme_id = fixture->programme_id;
        item->category = i % 3 == 0 ? KL_COST_VENUE : KL_COST_TRAVEL;
        item->net_ore = 100000 + i;
        item->vat_ore = 25000;
        item->supplier = g_strdup_printf ("Leverandør %03d", i);
        item->invoice_no = g_strdup_printf ("F-%05d", i);
        item->invoice_date = g_strdup ("2026-03-01");
        g_assert_true (kl_store_insert_cost (fixture->db, item, &error));
        g_assert_no_error (error);

        person->name = g_strdup_printf ("Deltaker %03d", i);
        g_assert_true (kl_store_insert_participant (fixture->db, person, &error));
        g_assert_no_error (error);
        enrolment->programme_id = fixture->programme_id;
        enrolment->participant_id = person->id;
        g_assert_true (kl_store_enrol (fixture->db, enrolment, &error));
        g_assert_no_error (error);
      }
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  long_name = g_strnfill (200, 'x');
  memcpy (long_name, AWKWARD, strlen (AWKWARD));
  g_free (programme->title);
  programme->title = g_strdup (long_name);
  g_assert_true (kl_store_update_programme (fixture->db, programme, &error));
  g_assert_no_error (error);

  doc = kl_fund_document_load (fixture->db, fixture->programme_id, KL_FUND_PAYOUT, KL_LANG_NB, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (doc->n_participants, >=, 300);
  path = g_build_filename (fixture->dir, "large.pdf", NULL);
  g_assert_true (kl_fund_pdf_save (doc, path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 8);

  text = raw_text (path);
  flat = kl_test_flatten (text);
  for (int i = 1; i <= 300; i++)
    {
      g_autofree char *invoice = g_strdup_printf ("F-%05d", i);
      g_autofree char *supplier = g_strdup_printf ("Leverandør %03d", i);

      assert_contains (flat, invoice);
      assert_contains (flat, supplier);
    }
  assert_contains (flat, long_name);
  /* Every page the cost table runs over starts with its heading row. */
  for (guint page = 2; page < n_pages; page++)
    {
      g_autofree char *page_text = kl_test_pdf_text (path, page);

      if (strstr (page_text, "F-0") != NULL && strstr (page_text, "Tellende (kr)") != NULL)
        pages_with_heading++;
    }
  g_assert_cmpuint (pages_with_heading, >=, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  kl_test_bind_translations ();

  g_test_add ("/fund-pdf/payout-content", Fixture, NULL, fixture_set_up,
              test_payout_request_content, fixture_tear_down);
  g_test_add ("/fund-pdf/application-english", Fixture, NULL, fixture_set_up,
              test_application_in_english, fixture_tear_down);
  g_test_add ("/fund-pdf/large-programme", Fixture, NULL, fixture_set_up,
              test_large_programme_paginates, fixture_tear_down);
  return g_test_run ();
}
