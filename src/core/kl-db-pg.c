#include "config.h"

#include "kl-db-backend.h"
#include "kl-error.h"
#include "kl-i18n.h"

gboolean
kl_db_pg_open (KlDb                *self,
               const KlMigrations  *migrations,
               GError             **error)
{
  g_set_error (error, KL_ERROR, KL_ERROR_DB, "%s: not yet", self->path);
  return FALSE;
}
