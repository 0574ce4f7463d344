#pragma once

#include "kl-fund-document.h"

G_BEGIN_DECLS

/* The fund's documents as XML in Kartleser's own namespace, valid against
 * data/schema/ou-fund-1.xsd; and the check an office runs on such a file
 * before it goes out. */

#define KL_FUND_XML_NAMESPACE "https://imtec.no/ns/kartleser/ou-fund/1"

/* What `funding verify` found: the document's own figures and every line
 * or total that the fund's rules, applied again, disagree with. */
typedef struct
{
  KlFundDocumentKind kind;
  char *case_no;          /* payout requests only */
  char *applicant;
  guint n_lines;
  gint64 eligible_ore;    /* as recomputed */
  gint64 claim_ore;
  gint64 payout_ore;      /* payout requests: the smaller of claim and grant */
  GPtrArray *mismatches;  /* char *, empty when the file is consistent */
} KlFundVerifyReport;

GBytes             *kl_fund_xml_render        (const KlFundDocument  *doc,
                                               GError               **error);
gboolean            kl_fund_xml_save          (const KlFundDocument  *doc,
                                               const char            *path,
                                               GError               **error);
gboolean            kl_fund_xml_validate      (GBytes                *xml,
                                               GError               **error);
KlFundVerifyReport *kl_fund_xml_verify        (KlDb                  *db,
                                               const char            *path,
                                               KlLang                 lang,
                                               GError               **error);
void                kl_fund_verify_report_free (KlFundVerifyReport   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlFundVerifyReport, kl_fund_verify_report_free)

G_END_DECLS
