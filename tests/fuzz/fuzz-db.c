#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "kl-demo.h"

static char *folder;
static KlDb *db;

static void
remove_folder (void)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_clear_object (&db);
  if (folder == NULL)
    return;
  listing = g_dir_open (folder, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
  g_clear_pointer (&folder, g_free);
}

static void
make_folder (void)
{
  g_autoptr(GError) error = NULL;

  if (folder != NULL)
    return;
  /* A g_return_if_fail() is a bug the fuzzer should stop at. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  folder = g_dir_make_tmp ("kartleser-fuzz-XXXXXX", &error);
  if (folder == NULL)
    g_error ("fuzz: %s", error->message);
  atexit (remove_folder);
}

char *
fuzz_path (const char *name)
{
  make_folder ();
  return g_build_filename (folder, name, NULL);
}

KlDb *
fuzz_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (db != NULL)
    return db;
  path = fuzz_path ("fuzz.db");
  db = kl_db_open (path, &error);
  if (db == NULL || !kl_demo_fill_on (db, 0, "2025-06-01", &error))
    g_error ("fuzz: %s", error->message);
  return db;
}
