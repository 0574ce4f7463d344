#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-error.h"
#include "kl-pdf.h"
#include "kl-test-util.h"
#include "test-pdf-util.h"

#define AWKWARD "<b>&\"'æøå 😀"

static char *
long_name (void)
{
  GString *name = g_string_new ("Maria-Kristine ");

  while (name->len < 180)
    g_string_append (name, "Østby-Haraldsen ");
  g_string_append (name, "Æøå");
  while (g_utf8_strlen (name->str, -1) < 200)
    g_string_append_c (name, 'x');
  return g_string_free (name, FALSE);
}

static KlPdf *
make_big_document (KlLang lang)
{
  static const KlPdfColumn columns[] = {
    { "Name", 3, KL_PDF_ALIGN_LEFT },
    { "Workplace", 3, KL_PDF_ALIGN_LEFT },
    { "Hours", 1, KL_PDF_ALIGN_NUMBER },
  };
  KlPdf *pdf = kl_pdf_new (lang, FALSE);
  const char *fields[] = { "Programme", "LED SKOLE Bærum", "Client", "Bærum kommune", NULL };
  const char *totals[] = { "Eligible", "450 000,00 kr", "Claim", "315 000,00 kr", NULL };
  const char *signatures[] = { "Place and date", "Signature", NULL };
  KlPdfTable *table;

  kl_pdf_set_metadata (pdf, "Attendance test", "IMTEC", "A table of 300 rows");
  kl_pdf_set_header (pdf, "IMTEC · Bærum kommune", "Case 21/12345");
  kl_pdf_title (pdf, "Attendance test", "Three hundred participants");
  kl_pdf_fields (pdf, fields);
  kl_pdf_heading (pdf, "Participants");
  table = kl_pdf_table (pdf, G_N_ELEMENTS (columns), columns);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Participant %03u", i + 1);
      g_autofree char *hours = g_strdup_printf ("%u,5", i % 40);
      const char *row[] = { name, i % 7 == 0 ? "Hosle skole, Bærum kommune, avdeling for spesialundervisning" : "Bekkestua skole", hours };

      kl_pdf_table_row (table, row, KL_PDF_ROW_NORMAL);
    }
  kl_pdf_table_row (table, (const char *[]) { "Total", "", "5 850" }, KL_PDF_ROW_BOLD);
  kl_pdf_totals (pdf, totals, 1);
  kl_pdf_signatures (pdf, signatures);
  return pdf;
}

/* pdf saved as name in a fresh folder (*dir, for the test to remove),
 * asserted to be saved; its path back. */
static char *
save_new (KlPdf       *pdf,
          const char  *name,
          char       **dir,
          guint       *n_pages)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = kl_test_make_dir ("pdf");
  path = g_build_filename (*dir, name, NULL);
  g_assert_true (kl_pdf_save (pdf, path, n_pages, &error));
  g_assert_no_error (error);
  return path;
}

/* A long table goes over pages with its header row on each. */
static void
test_paginates_with_header (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KlPdf) pdf = make_big_document (KL_LANG_EN);
  g_autofree char *all = NULL;
  g_autofree char *info = NULL;
  g_autofree char *page3 = NULL;
  guint n_pages = 0;

  path = save_new (pdf, "big.pdf", &dir, &n_pages);
  g_assert_cmpuint (n_pages, >, 5);

  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = kl_test_pdf_text (path, p);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p, n_pages);

      kl_test_assert_contains (text, "Workplace", footer, "Case 21/12345", NULL);
    }
  all = kl_test_pdf_text (path, 0);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Participant %03u", i + 1);
      g_assert_nonnull (strstr (all, name));
    }
  g_assert_nonnull (strstr (all, "315 000,00 kr"));

  info = kl_test_pdf_info (path);
  kl_test_assert_contains (info, "595.28 x 841.89 pts (A4)", "Title:           Attendance test",
                           "Author:          IMTEC", "Subject:         A table of 300 rows", NULL);
  g_assert_nonnull (strstr (info, "Creator:         Kartleser " PACKAGE_VERSION));
  g_assert_true (kl_test_pdf_fonts_embedded (path));

  page3 = kl_test_pdf_text (path, 3);
  g_assert_nonnull (strstr (page3, "Page 3 of"));
  kl_test_remove_dir (dir);
}

/* The engine's own words follow the document, not the user. */
static void
test_norwegian_footer (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KlPdf) pdf = make_big_document (KL_LANG_NB);
  g_autofree char *page3 = NULL;
  g_autofree char *footer = NULL;
  guint n_pages = 0;

  path = save_new (pdf, "nb.pdf", &dir, &n_pages);
  page3 = kl_test_pdf_text (path, 3);
  footer = g_strdup_printf ("Side 3 av %u", n_pages);
  kl_test_assert_contains (page3, footer, "Utskrevet", NULL);
  kl_test_remove_dir (dir);
}

/* Several documents in one file (a certificate a person) each count their
 * own pages. */
static void
test_sections_count_their_pages (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KlPdf) pdf = make_big_document (KL_LANG_EN);
  g_autoptr(GError) error = NULL;
  g_autofree char *last_of_first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *expected = NULL;
  guint first_pages = 0;
  guint n_pages = 0;

  {
    g_autoptr(GBytes) bytes = kl_pdf_render (pdf, &first_pages, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (first_pages, >, 1);
  }
  kl_pdf_section_break (pdf);
  kl_pdf_title (pdf, "Second", NULL);
  kl_pdf_section_break (pdf);
  kl_pdf_section_break (pdf);   /* at a page's top: no empty section */
  kl_pdf_title (pdf, "Third", NULL);
  path = save_new (pdf, "sections.pdf", &dir, &n_pages);
  g_assert_cmpuint (n_pages, ==, first_pages + 2);

  last_of_first = kl_test_pdf_text (path, first_pages);
  expected = g_strdup_printf ("Page %u of %u", first_pages, first_pages);
  g_assert_nonnull (strstr (last_of_first, expected));
  second = kl_test_pdf_text (path, first_pages + 1);
  kl_test_assert_contains (second, "Second", "Page 1 of 1", NULL);
  third = kl_test_pdf_text (path, first_pages + 2);
  kl_test_assert_contains (third, "Third", "Page 1 of 1", NULL);
  kl_test_remove_dir (dir);
}

/* Names are text, never markup, and wrap without losing a character. */
static void
test_awkward_strings_survive (void)
{
  static const KlPdfColumn columns[] = {
    { "Name", 2, KL_PDF_ALIGN_LEFT },
    { "Note", 1, KL_PDF_ALIGN_LEFT },
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KlPdf) pdf = kl_pdf_new (KL_LANG_EN, FALSE);
  g_autofree char *name = long_name ();
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *flat_name = NULL;
  g_autofree char *flat_awkward = NULL;
  const char *fields[] = { "Name", AWKWARD, NULL };
  KlPdfTable *table;

  g_assert_cmpuint (g_utf8_strlen (name, -1), ==, 200);
  kl_pdf_set_metadata (pdf, AWKWARD, AWKWARD, NULL);
  kl_pdf_title (pdf, AWKWARD, NULL);
  kl_pdf_fields (pdf, fields);
  table = kl_pdf_table (pdf, G_N_ELEMENTS (columns), columns);
  kl_pdf_table_row (table, (const char *[]) { name, AWKWARD }, KL_PDF_ROW_NORMAL);
  kl_pdf_table_row (table, (const char *[]) { AWKWARD, NULL }, KL_PDF_ROW_NORMAL);
  kl_pdf_paragraph (pdf, name);
  path = save_new (pdf, "awkward.pdf", &dir, NULL);

  text = kl_test_pdf_text (path, 0);
  flat = kl_test_flatten (text);
  flat_name = kl_test_flatten (name);
  flat_awkward = kl_test_flatten (AWKWARD);
  g_assert_nonnull (strstr (flat, flat_name));
  g_assert_nonnull (strstr (text, AWKWARD));
  g_assert_nonnull (strstr (flat, flat_awkward));
  g_assert_true (kl_test_pdf_fonts_embedded (path));
  kl_test_remove_dir (dir);
}

/* A field without a value shows "–" and the fields after it still print:
 * a sign-in sheet without a place once lost its leaders this way, and an
 * application without goals its target group and participants. */
static void
test_empty_value_keeps_the_rest (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KlPdf) pdf = kl_pdf_new (KL_LANG_EN, FALSE);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const char *fields[] = { "Goals", NULL, "Target group", "School leaders", "Place", "", "Led by", "Kari", NULL };
  const char *totals[] = { "Basis", NULL, "Claim", "315 000,00 kr", NULL };

  kl_pdf_fields (pdf, fields);
  kl_pdf_totals (pdf, totals, 1);
  path = save_new (pdf, "empty.pdf", &dir, NULL);
  text = kl_test_pdf_raw_text (path);
  flat = kl_test_flatten (text);
  kl_test_assert_contains (flat, "Goals–TargetgroupSchoolleaders", "Place–LedbyKari", "Claim315000,00kr", NULL);
  kl_test_remove_dir (dir);
}

/* Same input, same bytes, when SOURCE_DATE_EPOCH fixes the date. */
static void
test_reproducible (void)
{
  g_autoptr(KlPdf) pdf = make_big_document (KL_LANG_NB);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  first = kl_pdf_render (pdf, NULL, &error);
  g_assert_no_error (error);
  second = kl_pdf_render (pdf, NULL, &error);
  g_assert_no_error (error);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_landscape_and_failed_save (void)
{
  g_autofree char *dir = kl_test_make_dir ("pdf");
  g_autofree char *path = g_build_filename (dir, "wide.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "wide.pdf", NULL);
  g_autoptr(KlPdf) pdf = kl_pdf_new (KL_LANG_EN, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;

  kl_pdf_paragraph (pdf, "Wide");
  g_assert_false (kl_pdf_save (pdf, missing, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_true (kl_pdf_save (pdf, path, NULL, NULL));
  info = kl_test_pdf_info (path);
  g_assert_nonnull (strstr (info, "841.89 x 595.28 pts"));
  kl_test_remove_dir (dir);
}

/* A row is never cut by a page break: each page has the first and the
 * last line of the same rows, and a caption names them. */
static char *
caption_cb (guint    first_row,
            guint    last_row,
            gpointer user_data)
{
  guint *pages = user_data;

  (*pages)++;
  return g_strdup_printf ("Rows %u-%u", first_row + 1, last_row + 1);
}

static void
test_rows_never_split (void)
{
  static const KlPdfColumn columns[] = {
    { "Tall", 1, KL_PDF_ALIGN_LEFT },
    { "Short", 1, KL_PDF_ALIGN_LEFT },
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KlPdf) pdf = kl_pdf_new (KL_LANG_EN, FALSE);
  KlPdfTable *table;
  guint captions = 0;
  guint n_pages = 0;
  guint rows = 0;

  table = kl_pdf_table (pdf, G_N_ELEMENTS (columns), columns);
  kl_pdf_table_set_caption_func (table, caption_cb, &captions);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *tall = g_strdup_printf ("First%u\nsecond\nthird\nfourth\nLast%u", i, i);
      const char *row[] = { tall, "x" };

      kl_pdf_table_row (table, row, KL_PDF_ROW_NORMAL);
    }
  kl_pdf_paragraph (pdf, "After the table");
  path = save_new (pdf, "tall.pdf", &dir, &n_pages);
  g_assert_cmpuint (n_pages, >, 2);
  g_assert_cmpuint (captions, ==, n_pages);

  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = kl_test_pdf_text (path, p);
      guint first = kl_test_count_in (text, "First");

      g_assert_cmpuint (first, >, 0);
      g_assert_cmpuint (first, ==, kl_test_count_in (text, "Last"));
      g_assert_nonnull (strstr (text, "Rows "));
      rows += first;
    }
  g_assert_cmpuint (rows, ==, 60);
  kl_test_remove_dir (dir);
}

/* Names of documents: no slashes, quotes or spaces, not too long. */
static void
test_file_name (void)
{
  g_autofree char *name = kl_pdf_file_name ("Oppmøteliste", "LED SKOLE/Bærum: \"<test>\" 😀", "2024-09-02", NULL);
  g_autofree char *long_title = g_strnfill (300, 'x');
  g_autofree char *truncated = kl_pdf_file_name ("Oppmøteliste", long_title, NULL);
  g_autofree char *empty = kl_pdf_file_name ("", NULL);

  g_assert_cmpstr (name, ==, "Oppmøteliste-LED-SKOLE-Bærum-test-2024-09-02.pdf");
  g_assert_cmpuint (strlen (truncated), <=, 124);
  g_assert_true (g_str_has_suffix (truncated, ".pdf"));
  g_assert_cmpstr (empty, ==, "document.pdf");
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_documents (&argc, &argv);
  /* As the CLI does before any document: a message in the user's English.
   * GLib's g_dgettext() then settles on not translating; documents must
   * still come out in Norwegian. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Cancelled"), ==, "Cancelled");

  if (!kl_test_have_pdftotext ())
    return 77;

  g_test_add_func ("/pdf/paginates-with-header", test_paginates_with_header);
  g_test_add_func ("/pdf/norwegian-footer", test_norwegian_footer);
  g_test_add_func ("/pdf/sections", test_sections_count_their_pages);
  g_test_add_func ("/pdf/awkward-strings", test_awkward_strings_survive);
  g_test_add_func ("/pdf/empty-value", test_empty_value_keeps_the_rest);
  g_test_add_func ("/pdf/reproducible", test_reproducible);
  g_test_add_func ("/pdf/landscape-and-failed-save", test_landscape_and_failed_save);
  g_test_add_func ("/pdf/rows-never-split", test_rows_never_split);
  g_test_add_func ("/pdf/file-name", test_file_name);
  return g_test_run ();
}
