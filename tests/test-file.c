/* Private files: created 0600 whatever the umask, written whole or not at
 * all, never through a link that is already there. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kl-file.h"
#include "kl-test-util.h"

static guint
mode_of (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_lstat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* 022 would give 0644 without asking; 0277 would take the owner's write
 * bit and leave a backup SQLite cannot fill; 0 gives all that is asked. */
static void
test_mode_whatever_the_umask (void)
{
  static const mode_t masks[] = { 022, 0277, 0 };
  g_autofree char *dir = kl_test_make_dir ("file");

  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      g_autofree char *created = g_strdup_printf ("%s/created-%u", dir, i);
      g_autofree char *written = g_strdup_printf ("%s/written-%u.csv", dir, i);
      g_autofree char *copied = g_strdup_printf ("%s/copied-%u.db", dir, i);
      g_autoptr(GError) error = NULL;
      mode_t old = umask (masks[i]);
      int fd = kl_file_create_private (created, &error);

      g_assert_no_error (error);
      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (write (fd, "x", 1), ==, 1);
      close (fd);
      g_assert_true (kl_file_write_private (written, "Kari;kari@example.no\n", 21, &error));
      g_assert_no_error (error);
      g_assert_true (kl_file_copy_private (written, copied, &error));
      g_assert_no_error (error);
      umask (old);

      g_assert_cmpuint (mode_of (created), ==, 0600);
      g_assert_cmpuint (mode_of (written), ==, 0600);
      g_assert_cmpuint (mode_of (copied), ==, 0600);
    }
  g_assert_cmpuint (count_entries (dir), ==, 9);
  kl_test_remove_dir (dir);
}

/* A file readable by all before is replaced by a private one with the new
 * contents; a copy is byte for byte, past the size of one read. */
static void
test_replace_and_copy (void)
{
  g_autofree char *dir = kl_test_make_dir ("file");
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *big = g_malloc (600 * 1024);
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents_full (path, "old", 3, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_cmpuint (mode_of (path), ==, 0644);
  for (gsize i = 0; i < 600 * 1024; i++)
    big[i] = (char) (i * 7 + i / 1000);
  g_assert_true (kl_file_write_private (path, big, 600 * 1024, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (path), ==, 0600);
  g_assert_true (kl_file_copy_private (path, copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (copy, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, big, 600 * 1024);

  /* Empty is a file too. */
  g_assert_true (kl_file_write_private (path, NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 2);
  kl_test_remove_dir (dir);
}

/* Creating never reuses what is there, not even through a symbolic link
 * someone else may have put in the way; a failed write or copy leaves the
 * target as it was and no temporary file. */
static void
test_refusals (void)
{
  g_autofree char *dir = kl_test_make_dir ("file");
  g_autofree char *target = g_build_filename (dir, "elsewhere", NULL);
  g_autofree char *link = g_build_filename (dir, "backup.db.part", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "doc.xml", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (kl_file_create_private (link, &error), ==, -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (kl_file_write_private (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_true (kl_file_write_private (kept, "kept", 4, &error));
  g_assert_false (kl_file_copy_private (missing, kept, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "kept");
  g_assert_cmpuint (count_entries (dir), ==, 2);
  kl_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/mode-whatever-the-umask", test_mode_whatever_the_umask);
  g_test_add_func ("/file/replace-and-copy", test_replace_and_copy);
  g_test_add_func ("/file/refusals", test_refusals);
  return g_test_run ();
}
