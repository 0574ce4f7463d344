#pragma once

#include <json-glib/json-glib.h>

#include "kl-db.h"

G_BEGIN_DECLS

/* Personal data under GDPR: what Kartleser holds about one participant,
 * anonymisation that leaves every count and claim as it was, and
 * retention after a programme's end. */

JsonNode  *kl_privacy_export           (KlDb        *db,
                                        gint64       participant_id,
                                        GError     **error);
gboolean   kl_privacy_anonymise        (KlDb        *db,
                                        gint64       participant_id,
                                        GError     **error);
gboolean   kl_privacy_is_anonymised    (KlDb        *db,
                                        gint64       participant_id,
                                        GError     **error);

/* Someone whose programmes all ended more than the retention ago. */
typedef struct
{
  gint64 participant_id;
  char *name;
  char *last_end;        /* YYYY-MM-DD: the end of their last programme */
} KlRetentionCandidate;

int        kl_privacy_get_retention    (KlDb        *db,
                                        GError     **error);
gboolean   kl_privacy_set_retention    (KlDb        *db,
                                        int          years,
                                        GError     **error);
GPtrArray *kl_privacy_retention_due    (KlDb        *db,
                                        int          years,
                                        const char  *today,
                                        GError     **error);
void       kl_retention_candidate_free (KlRetentionCandidate *self);

G_END_DECLS
