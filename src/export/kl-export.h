#pragma once

#include <glib.h>
#include <stdarg.h>

#include "kl-db.h"
#include "kl-labels.h"
#include "kl-model.h"
#include "kl-money.h"

G_BEGIN_DECLS

/* What every document writer needs: writing a file whole or not at all,
 * texts in the document's language (which need not be the user's), and
 * the time a document says it was made. */

typedef struct _KlExportLanguage KlExportLanguage;

gboolean    kl_export_write_file   (const char  *path,
                                    const void  *data,
                                    gsize        length,
                                    GError     **error);
const char *kl_export_gettext      (KlLang       lang,
                                    const char  *msgid);
KlExportLanguage *kl_export_language_push (KlLang            lang);
void        kl_export_language_pop (KlExportLanguage  *saved);
const char *kl_export_label        (KlLang       lang,
                                    KlLabels     set,
                                    const char  *value);
char       *kl_export_file_name    (const char  *extension,
                                    const char  *first_part,
                                    ...) G_GNUC_NULL_TERMINATED;
char       *kl_export_file_name_va (const char  *extension,
                                    const char  *first_part,
                                    va_list      parts);
char       *kl_export_format_account (const char *account);
char       *kl_export_format_hours (int          minutes,
                                    guint        decimals,
                                    KlLang       lang);
char       *kl_export_format_rate  (double       rate,
                                    KlLang       lang);
GDateTime  *kl_export_now          (void);
char       *kl_export_format_date  (const char  *iso_date,
                                    KlLang       lang);

/* A document about a record that is not there cannot be made: the
 * lookup's KL_ERROR_NOT_FOUND becomes KL_ERROR_INCOMPLETE with reason,
 * whose %s is the id; another lookup error passes through. FALSE. */
gboolean    kl_export_missing      (GError     **error,
                                    GError      *lookup_error,
                                    const char  *reason,
                                    gint64       id);

/* Who a document comes from: the office's name, or IMTEC while none is
 * set. */
const char *kl_export_sender       (const KlSettings *settings);
/* Workplaces repeat down a list: a cache for kl_export_client_name,
 * which looks each client up once ("" for one that is gone, NULL for
 * none). */
GHashTable *kl_export_client_cache_new (void);
/* Every client's name by id, in a table as the cache's. */
GHashTable *kl_export_client_names (KlDb        *db,
                                    GError     **error);
const char *kl_export_client_name  (KlDb        *db,
                                    GHashTable  *cache,
                                    gint64       client_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlExportLanguage, kl_export_language_pop)

G_END_DECLS
