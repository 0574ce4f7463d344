#pragma once

#include "kl-db.h"
#include "kl-pdf.h"

G_BEGIN_DECLS

/* The sign-in sheet printed for a session: what, when, where and who leads
 * it, a row to sign for each enrolled participant and rows for walk-ins.
 * Refuses (KL_ERROR_INCOMPLETE) when there is no such session. */
KlPdf *kl_sheet_sign_in           (KlDb     *db,
                                   gint64    session_id,
                                   KlLang    lang,
                                   GError  **error);
/* "Oppmøteliste-LED-SKOLE-Bærum-2024-09-02.pdf"; NULL when there is no such
 * session. */
char  *kl_sheet_sign_in_file_name (KlDb     *db,
                                   gint64    session_id,
                                   KlLang    lang);

G_END_DECLS
