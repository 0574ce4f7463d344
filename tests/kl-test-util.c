#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "kl-test-util.h"

char *
kl_test_make_dir (const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("kartleser-%s-XXXXXX", tag);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
kl_test_remove_dir (const char *path)
{
  remove_tree (path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
kl_test_sort_times (double *times,
                    guint   n)
{
  qsort (times, n, sizeof (double), compare_doubles);
}

void
kl_test_bind_translations (void)
{
  const char *localedir = g_getenv ("KARTLESER_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
kl_test_init_translated (int    *argc,
                         char ***argv)
{
  g_test_init (argc, argv, NULL);
  kl_test_bind_translations ();
}

void
kl_test_init_documents (int    *argc,
                        char ***argv)
{
  kl_test_init_translated (argc, argv);
  g_unsetenv ("LANGUAGE");
}

gboolean
kl_test_have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  if (path == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed");
  return path != NULL;
}

void
kl_test_assert_needles (const char *text,
                        gboolean    wanted,
                        const char *first,
                        ...)
{
  va_list needles;

  g_assert_nonnull (text);
  va_start (needles, first);
  for (const char *needle = first; needle != NULL; needle = va_arg (needles, const char *))
    if ((strstr (text, needle) != NULL) != wanted)
      g_error ("“%s” is %s:\n%s", needle, wanted ? "missing from" : "unexpectedly in", text);
  va_end (needles);
}

gboolean
kl_test_file_contains (const char *path,
                       const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

guint
kl_test_count_in (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

void
kl_test_file_fixture_set_up (KlTestFileFixture *fixture,
                             gconstpointer      data)
{
  g_autofree char *tag = g_path_get_basename (g_get_prgname ());

  fixture->dir = kl_test_make_dir (tag);
  fixture->path = g_build_filename (fixture->dir, "kartleser.db", NULL);
}

void
kl_test_file_fixture_tear_down (KlTestFileFixture *fixture,
                                gconstpointer      data)
{
  kl_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

char *
kl_test_import_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

gint64
kl_test_sqlite_int (const char *path,
                    const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

void
kl_test_assert_no_companions (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (companion, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", companion);
    }
}

void
kl_test_apply_sqlite_migration (sqlite3    *handle,
                                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "migrations", "sqlite", name, NULL);
  g_autofree char *sql = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (path, &sql, NULL, NULL));
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", name, message);
}
