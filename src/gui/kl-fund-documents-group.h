#pragma once

#include <adwaita.h>

#include "kl-db.h"
#include "kl-fund-document.h"

G_BEGIN_DECLS

#define KL_TYPE_FUND_DOCUMENTS_GROUP (kl_fund_documents_group_get_type ())

G_DECLARE_FINAL_TYPE (KlFundDocumentsGroup, kl_fund_documents_group, KL, FUND_DOCUMENTS_GROUP, AdwPreferencesGroup)

/* The Funding page's documents: the application and the payout request,
 * each as PDF or XML, in Norwegian or English; each row says whether its
 * document can be made, and if not, what is missing. */

void        kl_fund_documents_group_set_programme (KlFundDocumentsGroup  *self,
                                                   KlDb                  *db,
                                                   gint64                 programme_id);
void        kl_fund_documents_group_reload        (KlFundDocumentsGroup  *self);
KlLang      kl_fund_documents_group_get_lang      (KlFundDocumentsGroup  *self);
void        kl_fund_documents_group_set_lang      (KlFundDocumentsGroup  *self,
                                                   KlLang                 lang);
/* What the row of a document says, and whether its buttons work. */
const char *kl_fund_documents_group_get_status    (KlFundDocumentsGroup  *self,
                                                   KlFundDocumentKind     kind);
gboolean    kl_fund_documents_group_can_export    (KlFundDocumentsGroup  *self,
                                                   KlFundDocumentKind     kind);
/* The documents as sent, newest first: their number, and for each its
 * title and what it says against a fresh render ("Unchanged since sent"). */
guint       kl_fund_documents_group_get_n_sent    (KlFundDocumentsGroup  *self);
const char *kl_fund_documents_group_get_sent_state (KlFundDocumentsGroup *self,
                                                   guint                  index);
const char *kl_fund_documents_group_get_sent_change (KlFundDocumentsGroup *self,
                                                    guint                 index);
const char *kl_fund_documents_group_get_sent_title (KlFundDocumentsGroup *self,
                                                   guint                  index);
/* The file the save dialog proposes. */
char       *kl_fund_documents_group_default_name  (KlFundDocumentsGroup  *self,
                                                   KlFundDocumentKind     kind,
                                                   gboolean               pdf);
/* Writes the document as the buttons do once a file is chosen. */
gboolean    kl_fund_documents_group_export_to     (KlFundDocumentsGroup  *self,
                                                   KlFundDocumentKind     kind,
                                                   gboolean               pdf,
                                                   const char            *path,
                                                   GError               **error);
/* What kl_fund_seal_difference says, in words office staff use. */
char       *kl_fund_documents_describe_difference (const char     *technical);

G_END_DECLS
