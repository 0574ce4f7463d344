#include "config.h"

#include <gmodule.h>

#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-module.h"

/* Modules stay loaded until the process ends: what they return is used
 * for as long as the process runs. */

G_LOCK_DEFINE_STATIC (modules);
static GHashTable *modules; /* name -> GModule */

static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, KL_BUILD_ROOT G_DIR_SEPARATOR_S);
}

/* Where name's file is: a module is built in the folder of the layer it
 * belongs to (src/core, src/cli) and installed in one folder. */
static char *
module_path (const char *name)
{
  static const char *const build_dirs[] = { "src/core", "src/cli" };
  const char *dir = g_getenv ("KARTLESER_MODULEDIR");
  g_autofree char *file = g_strconcat (name, ".", G_MODULE_SUFFIX, NULL);

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, file, NULL);
  if (running_from_build_tree ())
    for (guint i = 0; i < G_N_ELEMENTS (build_dirs); i++)
      {
        g_autofree char *path = g_build_filename (KL_BUILD_ROOT, build_dirs[i], file, NULL);

        if (g_file_test (path, G_FILE_TEST_EXISTS))
          return g_steal_pointer (&path);
      }
  return g_build_filename (KL_MODULEDIR, file, NULL);
}

static GModule *
load (const char  *name,
      GError     **error)
{
  g_autofree char *path = NULL;
  GModule *module;

  if (modules == NULL)
    modules = g_hash_table_new (g_str_hash, g_str_equal);
  module = g_hash_table_lookup (modules, name);
  if (module != NULL)
    return module;

  path = module_path (name);
  /* Every symbol bound now: a module that does not fit this program is
   * refused here, not half-way through a command. */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      /* g_module_error () names the file and what is wrong with it. */
      g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("Kartleser is not installed whole: %s"), g_module_error ());
      return NULL;
    }
  g_module_make_resident (module);
  g_hash_table_insert (modules, g_strdup (name), module);
  return module;
}

gpointer
kl_module_symbol (const char  *name,
                  const char  *symbol,
                  GError     **error)
{
  GModule *module;
  gpointer address = NULL;

  g_return_val_if_fail (name != NULL && symbol != NULL, NULL);

  G_LOCK (modules);
  module = load (name, error);
  if (module != NULL && !g_module_symbol (module, symbol, &address))
    g_set_error (error, KL_ERROR, KL_ERROR_FAILED,
                 _("Kartleser is not installed whole: %s has no %s"),
                 g_module_name (module), symbol);
  G_UNLOCK (modules);
  return address;
}
