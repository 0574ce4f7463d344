#pragma once

#include "kl-fund-document.h"
#include "kl-pdf.h"

G_BEGIN_DECLS

/* The fund's documents as printed A4: the same content as their XML, laid
 * out for the applicant to sign and send. */

KlPdf    *kl_fund_pdf_build (const KlFundDocument  *doc);
gboolean  kl_fund_pdf_save  (const KlFundDocument  *doc,
                             const char            *path,
                             guint                 *n_pages,
                             GError               **error);

G_END_DECLS
