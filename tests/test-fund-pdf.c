#include "config.h"

#include <string.h>

#include "kl-demo.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-fund-pdf.h"
#include "kl-fund-xml.h"
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
  fixture->dir = kl_test_make_dir ("fund-pdf");
  fixture->db = kl_test_open_db (fixture->dir);
  kl_test_fill_demo (fixture->db, 0);
  fixture->programme_id = kl_test_first_granted (fixture->db);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
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
  kl_test_assert_contains (info, "Page size:       595.28 x 841.89 pts (A4)",
                           "Title:           Anmodning om utbetaling, OU-midler – ",
                           "Author:          Stiftelsen IMTEC", "Creator:         Kartleser", NULL);
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
  kl_test_assert_lacks (text, "Søknad", "Side 1 av", NULL);
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

  /* The rules' letters are explained on the page of the table's last
   * line and its total, never on a page of their own. */
  {
    const KlCostItem *last = g_ptr_array_index (doc->costs, doc->costs->len - 1);
    gboolean found = FALSE;

    for (guint page = 1; page <= n_pages && !found; page++)
      {
        g_autofree char *page_text = kl_test_pdf_text (path, page);

        if (strstr (page_text, "Regler som er brukt") == NULL)
          continue;
        found = TRUE;
        kl_test_assert_contains (page_text, last->invoice_no, "Sum", NULL);
      }
    g_assert_true (found);
  }
}

/* Texts that tell the user what to do: right in Kartleser, wrong in a
 * document that goes to KS. Whole words, any case. */
static const char *const user_instructions[] = {
  /* English */
  "name the consultant", "name the speaker", "give each line", "fill in", "click", "please", "preferences",
  "settings set", "kartleser-cli", "enter the", "choose", "select", "try", "you", "your",
  /* Norwegian */
  "oppgi konsulenten", "oppgi foredragsholderen", "gi hver linje", "fyll inn", "fyll ut", "klikk", "innstillinger",
  "velg", "legg til", "skriv inn", "prøv", "du", "deg", "din", "ditt",
};

static void
assert_no_instruction (const char *what,
                       const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (user_instructions); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("(?<!\\w)%s(?!\\w)", user_instructions[i]);

      if (g_regex_match_simple (pattern, text, G_REGEX_CASELESS, 0))
        g_error ("%s tells the user “%s”:\n%s", what, user_instructions[i], text);
    }
}

/* Every document the demo data makes, in both languages, PDF and XML:
 * what KS receives has nothing in it meant for the user. The demo has a
 * travel line without its speaker, whose explanation in Kartleser asks
 * the user to name them. */
static void
test_no_user_instruction (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) programmes = kl_store_list_programmes (fixture->db, NULL);
  guint n_documents = 0;
  gboolean saw_unnamed_travel = FALSE;

  for (guint p = 0; p < programmes->len; p++)
    for (int kind = KL_FUND_APPLICATION; kind <= KL_FUND_PAYOUT; kind++)
      for (int lang = KL_LANG_NB; lang <= KL_LANG_EN; lang++)
        {
          KlProgramme *programme = g_ptr_array_index (programmes, p);
          g_autoptr(KlFundDocument) doc = kl_fund_document_load (fixture->db, programme->id, kind, lang, NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) xml = NULL;
          g_autofree char *xml_text = NULL;
          g_autofree char *name = NULL;
          g_autofree char *path = NULL;
          g_autofree char *pdf_text = NULL;
          g_autofree char *what = NULL;

          if (doc == NULL)
            continue;   /* not ready to be sent, e.g. a payout request before the grant */
          for (guint i = 0; i < doc->claim->lines->len; i++)
            saw_unnamed_travel |= ((KlClaimLine *) g_ptr_array_index (doc->claim->lines, i))->rule
                                  == KL_RULE_EXPENSE_NOT_SPEAKER;
          name = g_strdup_printf ("doc-%" G_GINT64_FORMAT "-%d-%d.pdf", programme->id, kind, lang);
          path = g_build_filename (fixture->dir, name, NULL);
          g_assert_true (kl_fund_pdf_save (doc, path, NULL, &error));
          g_assert_no_error (error);
          pdf_text = kl_test_pdf_text (path, 0);
          what = g_strdup_printf ("%s, %s, %s", programme->title, kl_fund_document_kind_to_string (kind),
                                  lang == KL_LANG_NB ? "nb" : "en");
          assert_no_instruction (what, pdf_text);
          xml = kl_fund_xml_render (doc, &error);
          g_assert_no_error (error);
          xml_text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
          assert_no_instruction (what, xml_text);
          n_documents++;
        }
  g_assert_true (saw_unnamed_travel);
  /* At least an application and a payout request, in two languages. */
  g_assert_cmpuint (n_documents, >=, 4);
}

/* The scanner finds what it looks for: the explanation Kartleser shows
 * the user for a travel line without its speaker. */
static void
test_instruction_scanner (void)
{
  const char *const told[] = {
    "Not eligible: only the travel and accommodation of speakers and supervisors count (name the consultant or speaker)",
    "Ikke tilskuddsberettiget: bare reise og overnatting for foredragsholdere og prosessveiledere teller med "
    "(oppgi konsulenten eller foredragsholderen)",
    "IMTEC's own name is not filled in (Preferences, or “kartleser-cli settings set”)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (told); i++)
    {
      g_autofree char *pattern = NULL;
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (user_instructions) && !found; j++)
        {
          g_free (pattern);
          pattern = g_strdup_printf ("(?<!\\w)%s(?!\\w)", user_instructions[j]);
          found = g_regex_match_simple (pattern, told[i], G_REGEX_CASELESS, 0);
        }
      g_assert_true (found);
    }
  /* Whole words: "Produkt" has no "du", "Deltakere" no "deg". */
  g_assert_false (g_regex_match_simple ("(?<!\\w)du(?!\\w)", "Produkt og Deltakere", G_REGEX_CASELESS, 0));
}

/* Account numbers as people read them, 4 + 2 + 5 digits; anything that
 * is not eleven digits as it is. */
static void
test_account_grouping (void)
{
  static const struct { const char *stored; const char *shown; } cases[] = {
    { "15033345280", "1503 33 45280" },
    { "12345678903", "1234 56 78903" },
    { "00000000000", "0000 00 00000" },
    { "1503334528", "1503334528" },
    { "150333452801", "150333452801" },
    { "1503 33 45280", "1503 33 45280" },
    { "1503334528X", "1503334528X" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = kl_export_format_account (cases[i].stored);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  g_assert_null (kl_export_format_account (NULL));
}

/* Renders the payout request of the fixture's programme and gives the
 * first page's text and the XML. */
static void
render_payout (Fixture     *fixture,
               const char  *name,
               char       **first_page,
               char       **xml_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundDocument) doc = kl_fund_document_load (fixture->db, fixture->programme_id, KL_FUND_PAYOUT,
                                                         KL_LANG_NB, &error);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GBytes) xml = NULL;

  g_assert_no_error (error);
  g_assert_true (kl_fund_pdf_save (doc, path, NULL, &error));
  g_assert_no_error (error);
  *first_page = kl_test_pdf_text (path, 1);
  xml = kl_fund_xml_render (doc, &error);
  g_assert_no_error (error);
  *xml_text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
}

/* The PDF groups the account, the XML keeps the eleven digits its schema
 * asks for; the contact's phone is in the PDF as in the XML, and stays in
 * the PDF when the contact has no name (the XML's contact needs one). */
static void
test_account_and_phone (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(KlClient) applicant = NULL;
  g_autofree char *xml_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unnamed_xml = NULL;
  g_autofree char *unnamed_text = NULL;

  doc = kl_fund_document_load (fixture->db, fixture->programme_id, KL_FUND_PAYOUT, KL_LANG_NB, &error);
  g_assert_no_error (error);
  applicant = kl_store_get_client (fixture->db, doc->applicant->id, &error);
  g_assert_no_error (error);
  g_free (applicant->account);
  applicant->account = g_strdup ("15033345280");
  g_free (applicant->contact_name);
  applicant->contact_name = g_strdup ("Solveig Nygård");
  g_free (applicant->contact_phone);
  applicant->contact_phone = g_strdup ("+47 912 34 567");
  g_assert_true (kl_store_update_client (fixture->db, applicant, &error));
  g_assert_no_error (error);

  render_payout (fixture, "account.pdf", &text, &xml_text);
  g_assert_nonnull (strstr (text, "Kontonr. 1503 33 45280"));
  g_assert_null (strstr (text, "15033345280"));
  g_assert_nonnull (strstr (text, "Telefon: +47 912 34 567"));
  kl_test_assert_contains (xml_text, "<account-number>15033345280</account-number>", "<phone>+47 912 34 567</phone>",
                           NULL);

  g_clear_pointer (&applicant->contact_name, g_free);
  g_assert_true (kl_store_update_client (fixture->db, applicant, &error));
  g_assert_no_error (error);
  render_payout (fixture, "unnamed.pdf", &unnamed_text, &unnamed_xml);
  kl_test_assert_contains (unnamed_text, "Kontaktperson: ikke oppgitt", "Telefon: +47 912 34 567", NULL);
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_translated (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fund-pdf/payout-content", test_payout_request_content);
  ADD ("/fund-pdf/application-english", test_application_in_english);
  ADD ("/fund-pdf/large-programme", test_large_programme_paginates);
  ADD ("/fund-pdf/no-user-instruction", test_no_user_instruction);
  g_test_add_func ("/fund-pdf/instruction-scanner", test_instruction_scanner);
  g_test_add_func ("/fund-pdf/account-grouping", test_account_grouping);
  ADD ("/fund-pdf/account-and-phone", test_account_and_phone);
#undef ADD
  return g_test_run ();
}
