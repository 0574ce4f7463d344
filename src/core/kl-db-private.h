#pragma once

#include <gio/gio.h>

#include "kl-db.h"

G_BEGIN_DECLS

/* kl_db_open with another set of migrations (NNNN-name.sql under
 * resource_path), so that tests can upgrade and fail on purpose. */
KlDb *kl_db_open_with_migrations (const char  *path,
                                  GResource   *resource,
                                  const char  *resource_path,
                                  GError     **error);

/* Generated data only (kl_demo_fill): while paused, changes on this
 * connection leave no audit rows. Real changes are always recorded. */
void  kl_db_pause_audit          (KlDb        *self,
                                  gboolean     paused);

G_END_DECLS
