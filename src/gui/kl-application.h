#pragma once

#include <adwaita.h>

#include "kl-db.h"
#include "kl-money.h"

G_BEGIN_DECLS

#define KL_TYPE_APPLICATION (kl_application_get_type ())

G_DECLARE_FINAL_TYPE (KlApplication, kl_application, KL, APPLICATION, AdwApplication)

KlApplication *kl_application_new                (void);
void           kl_application_register_resources (void);
void           kl_application_set_db             (KlApplication *self,
                                                  KlDb          *db);

/* The application's settings, or NULL when run without its schema. */
GSettings     *kl_settings_new_if_installed      (void);
/* The language documents are made in (document-language; Norwegian
 * without settings). */
KlLang         kl_document_language              (void);
/* Shows the languages in row (Norwegian, English) and keeps it and the
 * document-language setting in step; without settings the row stays. */
void           kl_bind_document_language         (AdwComboRow   *row);

G_END_DECLS
