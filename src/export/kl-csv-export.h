#pragma once

#include "kl-db.h"
#include "kl-money.h"

G_BEGIN_DECLS

/* Lists for a spreadsheet: participants (all, or one programme's) and a
 * programme's attendance, in the document's language. Both carry only
 * what their reader needs: the attendance list has no e-mails or phones. */

GBytes   *kl_csv_export_participants (KlDb        *db,
                                      gint64       programme_id,
                                      KlLang       lang,
                                      GError     **error);
GBytes   *kl_csv_export_attendance   (KlDb        *db,
                                      gint64       programme_id,
                                      KlLang       lang,
                                      const char  *now,
                                      GError     **error);
gboolean  kl_csv_export_write        (GBytes      *csv,
                                      const char  *path,
                                      GError     **error);
char     *kl_csv_export_email_list   (KlDb        *db,
                                      gint64       programme_id,
                                      guint       *n_without,
                                      GError     **error);

G_END_DECLS
