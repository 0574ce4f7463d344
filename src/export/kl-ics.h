#pragma once

#include <glib.h>

#include "kl-db.h"
#include "kl-money.h"

G_BEGIN_DECLS

/* iCalendar (RFC 5545) of sessions: one VEVENT a session, times in
 * Europe/Oslo with its VTIMEZONE, and a UID that stays the same for a
 * session so that importing again updates events instead of adding them. */

char     *kl_ics_session_uid        (KlDb        *db,
                                     gint64       session_id,
                                     GError     **error);
char     *kl_ics_programme          (KlDb        *db,
                                     gint64       programme_id,
                                     KlLang       lang,
                                     GError     **error);
char     *kl_ics_consultant         (KlDb        *db,
                                     gint64       consultant_id,
                                     KlLang       lang,
                                     GError     **error);
gboolean  kl_ics_export_programme   (KlDb        *db,
                                     gint64       programme_id,
                                     KlLang       lang,
                                     const char  *path,
                                     GError     **error);
gboolean  kl_ics_export_consultant  (KlDb        *db,
                                     gint64       consultant_id,
                                     KlLang       lang,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS
