#pragma once

#include "kl-db.h"
#include "kl-money.h"

G_BEGIN_DECLS

/* One row of the audit trail (0004-audit.sql of data/migrations/): a change to
 * an attendance mark, a cost item or a funding case. An insert or delete
 * has field NULL and the whole record as JSON in new_value or old_value;
 * an update names the field and has its old and new value as stored
 * (money in øre). The names are looked up when the trail is read and are
 * NULL when what they name is gone. */
typedef struct
{
  gint64 id;
  char *at;                 /* UTC, ISO 8601 */
  char *os_user;
  gint64 programme_id;
  char *entity;             /* "attendance", "cost_item", "funding_case", "participant";
                             * "client", "consultant", "programme", "session" (0011) */
  gint64 entity_id;
  char *action;             /* "insert", "update", "delete"; "anonymise" for a participant */
  char *field;
  char *old_value;
  char *new_value;
  gint64 session_id;
  gint64 participant_id;
  char *participant_name;
  char *session_title;
  char *cost_category;
} KlAuditRecord;

void        kl_audit_record_free  (KlAuditRecord        *record);
GPtrArray  *kl_audit_list         (KlDb                 *db,
                                   gint64                programme_id,
                                   guint                 limit,
                                   GError              **error);
char       *kl_audit_describe     (const KlAuditRecord  *record,
                                   KlLang                lang);
char       *kl_audit_format_time  (const KlAuditRecord  *record);
char       *kl_audit_format_minute (const KlAuditRecord *record);
GDateTime  *kl_audit_local_time   (const KlAuditRecord  *record);
KlAuditRecord *kl_audit_last_change (KlDb               *db,
                                     const char         *entity,
                                     gint64              entity_id,
                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlAuditRecord, kl_audit_record_free)

G_END_DECLS
