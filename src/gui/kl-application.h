#pragma once

#include <adwaita.h>

#include "kl-db.h"
#include "kl-gui-settings.h"

G_BEGIN_DECLS

#define KL_TYPE_APPLICATION (kl_application_get_type ())

G_DECLARE_FINAL_TYPE (KlApplication, kl_application, KL, APPLICATION, AdwApplication)

KlApplication *kl_application_new                (void);
void           kl_application_register_resources (void);
void           kl_application_set_db             (KlApplication *self,
                                                  KlDb          *db);

G_END_DECLS
