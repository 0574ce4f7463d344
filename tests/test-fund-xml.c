#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kl-demo.h"
#include "kl-error.h"
#include "kl-fund-document.h"
#include "kl-fund-xml.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

#define AWKWARD "<b>&amp; \"quoted\" 'single' æøå ÆØÅ 😀</b>"

typedef struct
{
  char *dir;
  KlDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kl_test_make_dir ("fund-xml");
  fixture->db = kl_test_open_db (fixture->dir);
  kl_test_fill_demo (fixture->db, 0);
  /* Documents carry a date; fixed, so runs compare byte for byte. */
  g_setenv ("SOURCE_DATE_EPOCH", "1790000000", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

static char *
output_path (Fixture    *fixture,
             const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
assert_xmllint_valid (const char *path)
{
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "..", "data", "schema", "ou-fund-1.xsd", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "xmllint", "--noout", "--nonet", "--schema", xsd, path, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xmllint rejects %s: %s", path, err);
  g_assert_nonnull (strstr (err, "validates"));
}

/* Every programme's application and every granted programme's payout
 * request of the demo database: valid for libxml2 and for xmllint, and
 * `funding verify` finds the totals of the database. */
static void
test_demo_documents_validate_and_round_trip (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GPtrArray) programmes = kl_store_list_programmes (fixture->db, NULL);
  g_autoptr(GArray) granted = kl_test_granted_programmes (fixture->db);
  guint documents = 0;

  g_assert_cmpuint (granted->len, >=, 2);
  for (guint i = 0; i < programmes->len; i++)
    {
      KlProgramme *programme = g_ptr_array_index (programmes, i);

      for (KlFundDocumentKind kind = KL_FUND_APPLICATION; kind <= KL_FUND_PAYOUT; kind++)
        {
          g_autoptr(KlFundDocument) doc = NULL;
          g_autoptr(KlFundVerifyReport) report = NULL;
          g_autoptr(KlClaim) claim = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *name = g_strdup_printf ("p%" G_GINT64_FORMAT "-%d.xml", programme->id, kind);
          g_autofree char *path = output_path (fixture, name);
          gboolean is_granted = FALSE;

          for (guint j = 0; j < granted->len; j++)
            is_granted |= g_array_index (granted, gint64, j) == programme->id;
          doc = kl_fund_document_load (fixture->db, programme->id, kind, KL_LANG_NB, &error);
          if (kind == KL_FUND_PAYOUT && !is_granted)
            {
              g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
              g_assert_nonnull (strstr (error->message, "no grant"));
              continue;
            }
          g_assert_no_error (error);
          g_assert_true (kl_fund_xml_save (doc, path, &error));
          g_assert_no_error (error);
          assert_xmllint_valid (path);

          report = kl_fund_xml_verify (fixture->db, path, KL_LANG_NB, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (report->mismatches->len, ==, 0);
          g_assert_cmpint (report->kind, ==, kind);
          claim = kl_store_compute_claim (fixture->db, programme->id,
                                          kind == KL_FUND_APPLICATION ? KL_CLAIM_APPLICATION : KL_CLAIM_ACTUALS,
                                          &error);
          g_assert_no_error (error);
          g_assert_cmpuint (report->n_lines, ==, claim->lines->len);
          g_assert_cmpint (report->eligible_ore, ==, claim->eligible_ore);
          g_assert_cmpint (report->claim_ore, ==, claim->claim_ore);
          g_assert_cmpint (report->payout_ore, ==, claim->payout_ore);
          if (kind == KL_FUND_PAYOUT)
            g_assert_cmpint (report->payout_ore, <=, doc->funding->granted_ore);
          documents++;
        }
    }
  g_assert_cmpuint (documents, ==, programmes->len + granted->len);
}

/* A file edited after export: verify names the line and the total. */
static void
test_verify_finds_tampering (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 programme_id = kl_test_first_granted (fixture->db);
  g_autoptr(KlFundDocument) doc = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT, KL_LANG_EN, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(KlFundVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path (fixture, "tampered.xml");
  g_autofree char *old_total = NULL;
  g_autofree char *new_total = NULL;
  const char *counted;
  const char *end;

  g_assert_nonnull (doc);
  bytes = kl_fund_xml_render (doc, &error);
  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));

  /* The first line's counted amount gets 1 000 kr more. */
  counted = strstr (text->str, "<counted>");
  g_assert_nonnull (counted);
  counted += strlen ("<counted>");
  end = strchr (counted, '<');
  {
    g_autofree char *amount = g_strndup (counted, (gsize) (end - counted));
    g_autofree char *raised = NULL;
    gint64 ore = 0;

    g_assert_true (kl_money_parse (amount, &ore, NULL));
    raised = kl_money_format_decimal (ore + 100000);
    old_total = g_strdup_printf ("<counted>%s</counted>", amount);
    new_total = g_strdup_printf ("<counted>%s</counted>", raised);
  }
  g_assert_cmpuint (g_string_replace (text, old_total, new_total, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  report = kl_fund_xml_verify (fixture->db, path, KL_LANG_EN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->mismatches->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->mismatches, 0), "Line 1 "));
  g_assert_nonnull (strstr (g_ptr_array_index (report->mismatches, 0), "the fund's rules give"));

  /* And a total that no longer matches its lines. */
  g_clear_pointer (&report, kl_fund_verify_report_free);
  g_assert_cmpuint (g_string_replace (text, new_total, old_total, 1), ==, 1);
  {
    g_autofree char *right_amount = kl_money_format_decimal (doc->claim->payout_ore);
    g_autofree char *wrong_amount = kl_money_format_decimal (doc->claim->payout_ore + 1);
    g_autofree char *stated = g_strdup_printf ("<payout-requested>%s</payout-requested>", right_amount);
    g_autofree char *wrong = g_strdup_printf ("<payout-requested>%s</payout-requested>", wrong_amount);

    g_assert_cmpuint (g_string_replace (text, stated, wrong, 1), ==, 1);
  }
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  report = kl_fund_xml_verify (fixture->db, path, KL_LANG_EN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->mismatches->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->mismatches, 0), "payout-requested"));
}

/* Not the schema's shape: refused with the line where it goes wrong. */
static void
test_verify_rejects_invalid_files (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "invalid.xml");
  g_autofree char *garbage = output_path (fixture, "garbage.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundVerifyReport) report = NULL;
  const char *bad_orgnr =
    "<?xml version=\"1.0\"?>\n"
    "<application xmlns=\"" KL_FUND_XML_NAMESPACE "\" version=\"1\" lang=\"nb\" generated-at=\"2026-01-01T00:00:00Z\">\n"
    "  <date>2026-01-01</date>\n"
    "  <sender><name>IMTEC</name><org-number>12345</org-number></sender>\n"
    "</application>\n";

  g_assert_true (g_file_set_contents (path, bad_orgnr, -1, NULL));
  report = kl_fund_xml_verify (fixture->db, path, KL_LANG_EN, &error);
  g_assert_null (report);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
  kl_test_assert_contains (error->message, "line 4", "org-number", NULL);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (garbage, "<application><unclosed>", -1, NULL));
  report = kl_fund_xml_verify (fixture->db, garbage, KL_LANG_EN, &error);
  g_assert_null (report);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "not readable XML"));
}

/* Markup characters, quotes, Norwegian letters, emoji and a 200-character
 * name come back exactly as they went in. */
static void
test_awkward_names_survive (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 programme_id = kl_test_first_granted (fixture->db);
  g_autoptr(KlProgramme) programme = kl_store_get_programme (fixture->db, programme_id, NULL);
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path (fixture, "awkward.xml");
  g_autofree char *contents = NULL;
  g_autofree char *long_title = NULL;
  g_autoptr(GString) title = g_string_new (AWKWARD " ");

  while (g_utf8_strlen (title->str, -1) < 200)
    g_string_append (title, "Lederutvikling ");
  g_string_truncate (title, (gsize) (g_utf8_offset_to_pointer (title->str, 200) - title->str));
  long_title = g_strdup (title->str);
  g_free (programme->title);
  programme->title = g_strdup (long_title);
  g_assert_true (kl_store_update_programme (fixture->db, programme, &error));
  g_assert_no_error (error);

  doc = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT, KL_LANG_NB, &error);
  g_assert_no_error (error);
  g_assert_true (kl_fund_xml_save (doc, path, &error));
  g_assert_no_error (error);
  assert_xmllint_valid (path);

  /* Read back with libxml2's own idea of the text: unescaped, whole. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "&lt;b&gt;&amp;amp; \"quoted\" 'single' æøå ÆØÅ 😀&lt;/b&gt;"));
  {
    g_autofree char *escaped = g_markup_escape_text (long_title, -1);
    g_autoptr(GString) expected = g_string_new (escaped);

    /* libxml2 leaves quotes alone in text nodes. */
    g_string_replace (expected, "&quot;", "\"", 0);
    g_string_replace (expected, "&apos;", "'", 0);
    g_string_prepend (expected, "<title>");
    g_string_append (expected, "</title>");
    g_assert_nonnull (strstr (contents, expected->str));
  }
}

/* The same database and SOURCE_DATE_EPOCH give the same bytes. */
static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 programme_id = kl_test_first_granted (fixture->db);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  for (int run = 0; run < 2; run++)
    {
      g_autoptr(KlFundDocument) doc = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT,
                                                             KL_LANG_NB, NULL);
      g_assert_nonnull (doc);
      if (run == 0)
        first = kl_fund_xml_render (doc, NULL);
      else
        second = kl_fund_xml_render (doc, NULL);
    }
  g_assert_nonnull (first);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), (gssize) g_bytes_get_size (first),
                                  "generated-at=\"2026-09-21T14:13:20+00:00\""));
}

/* What a consultant must fix is named, all of it at once. */
static void
test_incomplete_documents (Fixture       *fixture,
                                         gconstpointer  data)
{
  gint64 programme_id = kl_test_first_granted (fixture->db);
  g_autoptr(KlProgramme) programme = kl_store_get_programme (fixture->db, programme_id, NULL);
  g_autoptr(KlSettings) settings = kl_settings_new ();
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = NULL;
  gint64 entity;

  /* The applicant without a bank account, IMTEC without details. */
  entity = kl_store_legal_entity (fixture->db, programme->client_id, &error);
  g_assert_no_error (error);
  client = kl_store_get_client (fixture->db, entity, &error);
  g_clear_pointer (&client->account, g_free);
  g_assert_true (kl_store_update_client (fixture->db, client, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_save_settings (fixture->db, settings, &error));
  g_assert_no_error (error);

  doc = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT, KL_LANG_NB, &error);
  g_assert_null (doc);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  kl_test_assert_contains (error->message, "no bank account number", client->name, "IMTEC's own name and org number",
                           NULL);
  g_clear_error (&error);

  /* The application needs neither the account nor a grant. */
  doc = kl_fund_document_load (fixture->db, programme_id, KL_FUND_APPLICATION, KL_LANG_NB, &error);
  g_assert_null (doc);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_assert_null (strstr (error->message, "bank account"));
}

/* The reader's language is the document's, not the user's. */
static void
test_language (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 programme_id = kl_test_first_granted (fixture->db);
  g_autoptr(KlFundDocument) nb = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT, KL_LANG_NB, NULL);
  g_autoptr(KlFundDocument) en = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT, KL_LANG_EN, NULL);
  g_autoptr(GBytes) nb_xml = kl_fund_xml_render (nb, NULL);
  g_autoptr(GBytes) en_xml = kl_fund_xml_render (en, NULL);
  g_autofree char *nb_text = g_strndup (g_bytes_get_data (nb_xml, NULL), g_bytes_get_size (nb_xml));
  g_autofree char *en_text = g_strndup (g_bytes_get_data (en_xml, NULL), g_bytes_get_size (en_xml));

  g_assert_nonnull (strstr (nb_text, "lang=\"nb\""));
  /* The rules' sentences: "Honorar innenfor taket på …" */
  g_assert_nonnull (strstr (nb_text, " taket "));
  kl_test_assert_contains (en_text, "lang=\"en\"", " the cap ", NULL);
  g_assert_null (strstr (en_text, " taket "));
}

/* Someone who joined after the first session is not counted as enrolled
 * there, nor as present. */
static void
test_enrolment_dates_in_counts (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 programme_id = kl_test_first_granted (fixture->db);
  g_autoptr(KlFundDocument) before = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT,
                                                            KL_LANG_NB, NULL);
  g_autoptr(KlFundDocument) after = NULL;
  g_autoptr(GPtrArray) participants = kl_store_list_participants (fixture->db, programme_id, NULL);
  g_autoptr(KlEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  KlFundSession *first;
  KlParticipant *joiner = g_ptr_array_index (participants, 0);

  g_assert_nonnull (before);
  g_assert_cmpuint (before->sessions->len, >=, 2);
  first = g_ptr_array_index (before->sessions, 0);
  enrolment = kl_store_get_enrolment (fixture->db, programme_id, joiner->id, &error);
  g_assert_no_error (error);
  g_free (enrolment->from_date);
  enrolment->from_date = g_strndup (((KlFundSession *) g_ptr_array_index (before->sessions, 1))->session->starts_at, 10);
  /* A mark before the new start would vanish from the counts: refused
   * while it is there. */
  kl_test_assert_refused (kl_store_enrol (fixture->db, enrolment, &error), KL_ERROR_IN_USE);
  g_assert_true (kl_store_clear_attendance (fixture->db, first->session->id, joiner->id, &error));
  g_assert_true (kl_store_enrol (fixture->db, enrolment, &error));
  g_assert_no_error (error);

  after = kl_fund_document_load (fixture->db, programme_id, KL_FUND_PAYOUT, KL_LANG_NB, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((KlFundSession *) g_ptr_array_index (after->sessions, 0))->enrolled, ==, first->enrolled - 1);
  g_assert_cmpuint (((KlFundSession *) g_ptr_array_index (after->sessions, 0))->present, <=, first->present);
  g_assert_cmpuint (((KlFundSession *) g_ptr_array_index (after->sessions, 1))->enrolled, ==,
                    ((KlFundSession *) g_ptr_array_index (before->sessions, 1))->enrolled);
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_translated (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fund-xml/demo-documents", test_demo_documents_validate_and_round_trip);
  ADD ("/fund-xml/verify-tampering", test_verify_finds_tampering);
  ADD ("/fund-xml/verify-invalid", test_verify_rejects_invalid_files);
  ADD ("/fund-xml/awkward-names", test_awkward_names_survive);
  ADD ("/fund-xml/deterministic", test_deterministic);
  ADD ("/fund-xml/incomplete", test_incomplete_documents);
  ADD ("/fund-xml/language", test_language);
  ADD ("/fund-xml/enrolment-dates", test_enrolment_dates_in_counts);
#undef ADD
  return g_test_run ();
}
