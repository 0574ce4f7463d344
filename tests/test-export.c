#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kl-export.h"
#include "kl-test-util.h"

/* A document in Norwegian from a user in an English (C) locale, and back. */
static void
test_gettext_in_document_language (void)
{
  g_assert_cmpstr (kl_export_gettext (KL_LANG_NB, "Cancelled"), ==, "Avlyst");
  g_assert_cmpstr (kl_export_gettext (KL_LANG_EN, "Cancelled"), ==, "Cancelled");
  /* The user's own language is left as it was. */
  g_assert_cmpstr (_("Cancelled"), ==, "Cancelled");
  g_assert_null (g_getenv ("LANGUAGE"));
}

/* Inside a scope, every text (the core's too) is in the document's language. */
static void
test_language_scope (void)
{
  KlExportLanguage *scope = kl_export_language_push (KL_LANG_NB);

  g_assert_cmpstr (_("Cancelled"), ==, "Avlyst");
  /* Only this thread's locale changed; the environment is shared. */
  g_assert_null (g_getenv ("LANGUAGE"));
  kl_export_language_pop (scope);
  g_assert_cmpstr (_("Cancelled"), ==, "Cancelled");
  g_assert_null (g_getenv ("LANGUAGE"));
}

/* A user's LANGUAGE overrides every locale, so then it is what changes,
 * and it is put back afterwards. */
static void
test_language_scope_with_language_set (void)
{
  KlExportLanguage *scope;

  g_setenv ("LANGUAGE", "en_GB:en", TRUE);
  scope = kl_export_language_push (KL_LANG_NB);
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Cancelled"), ==, "Avlyst");
  kl_export_language_pop (scope);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en_GB:en");
  g_assert_cmpstr (kl_export_gettext (KL_LANG_NB, "Cancelled"), ==, "Avlyst");
  g_unsetenv ("LANGUAGE");
}

static void
test_format_date (void)
{
  g_autofree char *nb = kl_export_format_date ("2024-09-02", KL_LANG_NB);
  g_autofree char *en = kl_export_format_date ("2024-09-02", KL_LANG_EN);

  g_assert_cmpstr (nb, ==, "02.09.2024");
  g_assert_cmpstr (en, ==, "2 September 2024");
}

/* Hours in the document's language, never the locale's, in whole numbers. */
static void
test_format_hours (void)
{
  static const struct { int minutes; guint decimals; const char *nb; const char *en; } cases[] = {
    { 90, 2, "1,5", "1.5" },
    { 360, 2, "6", "6" },
    { 100, 2, "1,67", "1.67" },
    { 63, 2, "1,05", "1.05" },
    { 100, 1, "1,7", "1.7" },
    { 9, 1, "0,2", "0.2" },
    { 0, 1, "0", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *nb = kl_export_format_hours (cases[i].minutes, cases[i].decimals, KL_LANG_NB);
      g_autofree char *en = kl_export_format_hours (cases[i].minutes, cases[i].decimals, KL_LANG_EN);

      g_assert_cmpstr (nb, ==, cases[i].nb);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

static void
test_now_honours_source_date_epoch (void)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  now = kl_export_now ();
  text = g_date_time_format_iso8601 (now);
  g_assert_cmpstr (text, ==, "2023-11-14T22:13:20Z");
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

/* A failed write leaves the old file as it was and no temporary behind. */
static void
test_write_file_whole_or_not (void)
{
  g_autofree char *dir = kl_test_make_dir ("export");
  g_autofree char *path = g_build_filename (dir, "doc.xml", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "doc.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint files = 0;

  g_assert_true (kl_export_write_file (path, "first", 5, &error));
  g_assert_no_error (error);
  g_assert_true (kl_export_write_file (path, "second", 6, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second");
  g_assert_false (kl_export_write_file (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 1);
  kl_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_documents (&argc, &argv);

  g_test_add_func ("/export/gettext", test_gettext_in_document_language);
  g_test_add_func ("/export/language-scope", test_language_scope);
  g_test_add_func ("/export/language-scope-language-set", test_language_scope_with_language_set);
  g_test_add_func ("/export/format-date", test_format_date);
  g_test_add_func ("/export/format-hours", test_format_hours);
  g_test_add_func ("/export/now", test_now_honours_source_date_epoch);
  g_test_add_func ("/export/write-file", test_write_file_whole_or_not);
  return g_test_run ();
}
