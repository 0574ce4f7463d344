#pragma once

#include "kl-fund-document.h"

G_BEGIN_DECLS

/* Sealed documents: when an application or a payout request is marked as
 * sent, the exact XML and PDF that went out are kept in the database with
 * their SHA-256, never changed afterwards. Later edits that would change
 * the document are named against the sealed copy. */

typedef struct
{
  gint64 id;
  gint64 programme_id;
  KlFundDocumentKind kind;
  char *format;          /* "xml" or "pdf" */
  KlLang lang;
  char *sha256;
  char *sealed_at;       /* UTC, ISO 8601 */
  gsize size;
  GBytes *content;       /* NULL unless asked for */
} KlSealedDocument;

/* Makes the document now and keeps both formats, in one transaction. */
gboolean          kl_fund_seal             (KlDb                *db,
                                            gint64               programme_id,
                                            KlFundDocumentKind   kind,
                                            KlLang               lang,
                                            GError             **error);
/* Seals what a funding step marks as sent: the application when the case
 * becomes "applied", the payout request when it becomes
 * "payout-requested"; nothing for other steps. When the document cannot
 * be made, the step stands and *note says why nothing was sealed. */
gboolean          kl_fund_seal_step        (KlDb                *db,
                                            const KlFundingCase *funding,
                                            const char          *previous_status,
                                            KlLang               lang,
                                            char               **note,
                                            GError             **error);
/* Newest first. */
GPtrArray        *kl_fund_sealed_list      (KlDb                *db,
                                            gint64               programme_id,
                                            GError             **error);
KlSealedDocument *kl_fund_sealed_get       (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
/* The newest sealed copy of a document compared with what it would say
 * now: NULL when nothing was sealed or nothing changed, else the first
 * difference in words ("costs › line 2 › net: 18000.00 → 20000.00"). */
char             *kl_fund_seal_difference  (KlDb                *db,
                                            gint64               programme_id,
                                            KlFundDocumentKind   kind,
                                            GError             **error);
void              kl_sealed_document_free  (KlSealedDocument    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlSealedDocument, kl_sealed_document_free)

G_END_DECLS
