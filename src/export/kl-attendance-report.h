#pragma once

#include "kl-db.h"
#include "kl-pdf.h"

G_BEGIN_DECLS

/* A programme's attendance on landscape A4: its sessions, then every
 * participant by every session with the marks, each participant's rate
 * and each session's present/enrolled count. A grid too wide or too long
 * for a page goes over several, with the names and the session headings
 * repeated and each page labelled with the participants and sessions it
 * shows. Refuses (KL_ERROR_INCOMPLETE) a programme that does not exist,
 * has no sessions or nobody enrolled. */
KlPdf *kl_attendance_report            (KlDb     *db,
                                        gint64    programme_id,
                                        KlLang    lang,
                                        GError  **error);
/* "Oppmøterapport-LED-SKOLE-Bærum-2026-11-23.pdf"; NULL when there is no
 * such programme. */
char  *kl_attendance_report_file_name  (KlDb     *db,
                                        gint64    programme_id,
                                        KlLang    lang);

G_END_DECLS
