/* Without libFuzzer: every file of the corpus folders (or files) named on
 * the command line through the harness once, so the harnesses build and
 * pass on their seeds in every build and cannot rot. */

#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static guint
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) listing = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint n = 0;

      if (listing == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (listing)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        n += replay (g_ptr_array_index (names, i));
      return n;
    }
  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS-FOLDER-OR-FILE…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    n += replay (argv[i]);
  /* A corpus that went missing must not pass as a clean run. */
  if (n == 0)
    {
      g_printerr ("%s: no inputs\n", argv[0]);
      return 1;
    }
  g_print ("%u inputs, no crash\n", n);
  return 0;
}
