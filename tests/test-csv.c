#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kl-csv.h"
#include "kl-error.h"
#include "kl-test-util.h"

/* CSV as clients send it, and as Norwegian Excel opens it. */

static KlCsvTable *
read_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = kl_test_import_file (name);

  return kl_csv_read_file (path, error);
}

static const char *
field (const KlCsvTable *table,
       guint             row,
       guint             column)
{
  g_assert_cmpuint (row, <, table->records->len);
  return kl_csv_record_get (g_ptr_array_index (table->records, row), column);
}

static guint
line_of (const KlCsvTable *table,
         guint             row)
{
  return ((KlCsvRecord *) g_ptr_array_index (table->records, row))->line;
}

static void
assert_refused (const char *fixture,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = read_fixture (fixture, &error);

  g_assert_null (table);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
  if (strstr (error->message, needle) == NULL)
    g_error ("expected “%s” in: %s", needle, error->message);
  g_assert_nonnull (strstr (error->message, fixture));
}

static void
test_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = read_fixture ("excel-windows-1252.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (table->encoding, ==, "WINDOWS-1252");
  g_assert_cmpint (table->separator, ==, ';');
  /* header, four people, two rows of empty cells Excel left behind */
  g_assert_cmpuint (table->records->len, ==, 7);
  g_assert_cmpstr (field (table, 0, 5), ==, "Skole");
  g_assert_cmpstr (field (table, 2, 1), ==, "Ås");
  g_assert_cmpstr (field (table, 2, 4), ==, "Inspektør");
  g_assert_cmpstr (field (table, 3, 0), ==, "Åse");
  g_assert_cmpstr (field (table, 3, 1), ==, "Bjørkø");
  g_assert_cmpstr (field (table, 4, 0), ==, "Øystein");
  g_assert_cmpstr (field (table, 4, 4), ==, "Lærer");
  g_assert_cmpuint (line_of (table, 4), ==, 5);
}

static void
test_utf8_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = read_fixture ("utf8-bom.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (table->encoding, ==, "UTF-8");
  g_assert_cmpuint (table->records->len, ==, 3);
  /* The mark is gone, so the first header is recognised. */
  g_assert_cmpstr (field (table, 0, 0), ==, "Navn");
  g_assert_cmpstr (field (table, 1, 0), ==, "Ingrid Sæther");
  g_assert_cmpstr (field (table, 2, 3), ==, "Styrer");
  g_assert_cmpstr (field (table, 2, 4), ==, "");
}

static void
test_comma_and_quotes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = read_fixture ("english-comma.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpint (table->separator, ==, ',');
  g_assert_cmpuint (table->records->len, ==, 3);
  g_assert_cmpstr (field (table, 1, 1), ==, "Hansen, Hanne");
  g_assert_cmpstr (field (table, 1, 3), ==, "Teacher, maths");
  g_assert_cmpstr (field (table, 1, 4), ==, "99887766");
  /* A short record reads as empty cells at its end. */
  g_assert_cmpstr (field (table, 2, 9), ==, "");
}

static void
test_embedded_newlines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = read_fixture ("embedded-newlines.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (table->records->len, ==, 3);
  g_assert_cmpstr (field (table, 1, 2), ==, "Rektor\n(konstituert)");
  g_assert_cmpuint (line_of (table, 1), ==, 2);
  /* The record after a two-line one starts on line 4 of the file. */
  g_assert_cmpuint (line_of (table, 2), ==, 4);
  g_assert_cmpstr (field (table, 2, 2), ==, "Lærer; norsk");
}

static void
test_bad_files (void)
{
  assert_refused ("empty.csv", "is empty");
  assert_refused ("binary.csv", "binary data");
  assert_refused ("unterminated-quote.csv", "line 3: a quoted field is never closed");
}

static void
test_too_large (void)
{
  g_autofree char *dir = kl_test_make_dir ("csv");
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autofree char *data = g_malloc (KL_CSV_MAX_SIZE + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = NULL;

  memset (data, 'a', KL_CSV_MAX_SIZE + 1);
  g_assert_true (g_file_set_contents (path, data, KL_CSV_MAX_SIZE + 1, NULL));
  table = kl_csv_read_file (path, &error);
  g_assert_null (table);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "huge.csv is too large"));
  g_assert_nonnull (strstr (error->message, "10 MB"));
  g_clear_error (&error);
  /* Exactly the limit is allowed. */
  memcpy (data, "Navn\n", 5);
  table = kl_csv_parse (data, KL_CSV_MAX_SIZE, "max.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->records->len, ==, 2);
  kl_test_remove_dir (dir);
}

/* What other tools write: tabs, lone CRs, Excel's sep= line, UTF-16. */
static void
test_other_shapes (void)
{
  static const char tabs[] = "Name\tE-mail\r\nA B\ta@b.no\r\n";
  static const char mac[] = "Navn;E-post\rKari;k@x.no\rPer;p@x.no";
  static const char sep[] = "sep=,\nNavn;Rolle,E-post\nKari;Nordmann,rektor,k@x.no\n";
  static const char utf16[] = "\xff\xfeN\0a\0v\0n\0\n\0\xc5\0s\0e\0\n\0";
  static const char xlsx[] = "PK\x03\x04\x14\0\x06\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = NULL;

  table = kl_csv_parse (tabs, sizeof tabs - 1, "tabs.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->separator, ==, '\t');
  g_assert_cmpstr (field (table, 1, 1), ==, "a@b.no");
  g_clear_pointer (&table, kl_csv_table_free);

  table = kl_csv_parse (mac, sizeof mac - 1, "mac.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->records->len, ==, 3);
  g_assert_cmpuint (line_of (table, 2), ==, 3);
  g_assert_cmpstr (field (table, 2, 1), ==, "p@x.no");
  g_clear_pointer (&table, kl_csv_table_free);

  table = kl_csv_parse (sep, sizeof sep - 1, "sep.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->separator, ==, ',');
  g_assert_cmpstr (field (table, 0, 0), ==, "Navn;Rolle");
  g_assert_cmpuint (line_of (table, 1), ==, 3);
  g_clear_pointer (&table, kl_csv_table_free);

  table = kl_csv_parse (utf16, sizeof utf16 - 1, "unicode.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->encoding, ==, "UTF-16");
  g_assert_cmpstr (field (table, 1, 0), ==, "Åse");
  g_clear_pointer (&table, kl_csv_table_free);

  table = kl_csv_parse (xlsx, sizeof xlsx - 1, "list.xlsx", &error);
  g_assert_null (table);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "Excel workbook"));
}

static void
test_write (void)
{
  static const char expected[] =
    "\xef\xbb\xbf" "Navn;E-post;Merknad\r\n"
    "\"Hansen; Hanne\";hanne@example.no;\"Sa \"\"hei\"\"\"\r\n"
    "'=HYPERLINK(1);'@SUM(1);\"'-1,5\"\r\n"
    "'+47 912;\"to\nlinjer\";Ærlig\r\n";
  g_autoptr(KlCsvWriter) writer = kl_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  kl_csv_writer_add (writer, "Navn");
  kl_csv_writer_add (writer, "E-post");
  kl_csv_writer_add (writer, "Merknad");
  kl_csv_writer_end_row (writer);
  kl_csv_writer_add (writer, "Hansen; Hanne");
  kl_csv_writer_add (writer, "hanne@example.no");
  kl_csv_writer_add (writer, "Sa \"hei\"");
  kl_csv_writer_end_row (writer);
  kl_csv_writer_add (writer, "=HYPERLINK(1)");
  kl_csv_writer_add (writer, "@SUM(1)");
  kl_csv_writer_add (writer, "-1,5");
  kl_csv_writer_end_row (writer);
  kl_csv_writer_add (writer, "+47 912");
  kl_csv_writer_add (writer, "to\nlinjer");
  kl_csv_writer_add (writer, "Ærlig");
  kl_csv_writer_end_row (writer);
  bytes = kl_csv_writer_finish (writer);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpmem (data, length, expected, sizeof expected - 1);

  /* And it reads back as it was written. */
  table = kl_csv_parse (data, length, "out.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->encoding, ==, "UTF-8");
  g_assert_cmpstr (field (table, 1, 0), ==, "Hansen; Hanne");
  g_assert_cmpstr (field (table, 1, 2), ==, "Sa \"hei\"");
  g_assert_cmpstr (field (table, 3, 1), ==, "to\nlinjer");
  g_assert_cmpstr (field (table, 3, 2), ==, "Ærlig");
}

static void
test_neutralise (void)
{
  static const char *const cases[][2] = {
    { "=1+1", "'=1+1" }, { "+47", "'+47" }, { "-x", "'-x" }, { "@A1", "'@A1" },
    { "\t=1", "'\t=1" }, { "Kari", "Kari" }, { "", "" }, { "a=b", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = kl_csv_neutralise (cases[i][0]);

      g_assert_cmpstr (safe, ==, cases[i][1]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/windows-1252", test_windows_1252);
  g_test_add_func ("/csv/utf8-bom", test_utf8_bom);
  g_test_add_func ("/csv/comma-and-quotes", test_comma_and_quotes);
  g_test_add_func ("/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/csv/bad-files", test_bad_files);
  g_test_add_func ("/csv/too-large", test_too_large);
  g_test_add_func ("/csv/other-shapes", test_other_shapes);
  g_test_add_func ("/csv/write", test_write);
  g_test_add_func ("/csv/neutralise", test_neutralise);
  return g_test_run ();
}
