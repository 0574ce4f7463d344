#pragma once

#include <adwaita.h>

#include "kl-money.h"

G_BEGIN_DECLS

/* The application's settings, or NULL when run without its schema. */
GSettings     *kl_settings_new_if_installed      (void);
/* The language documents are made in (document-language; Norwegian
 * without settings). */
KlLang         kl_document_language              (void);
/* Shows the languages in row (Norwegian, English) and keeps it and the
 * document-language setting in step; without settings the row stays. */
void           kl_bind_document_language         (AdwComboRow   *row);

G_END_DECLS
