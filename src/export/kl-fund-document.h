#pragma once

#include "kl-db.h"
#include "kl-model.h"
#include "kl-rules.h"

G_BEGIN_DECLS

/* Everything one of the fund's documents shows, read from the database and
 * checked once, so that the XML and the PDF of a document cannot disagree. */

typedef enum
{
  KL_FUND_APPLICATION,   /* søknad, before the programme */
  KL_FUND_PAYOUT,        /* anmodning om utbetaling, after it */
} KlFundDocumentKind;

typedef struct
{
  KlSession *session;
  GPtrArray *leaders;    /* char *, consultants' names */
  guint present;         /* present or partly present */
  guint enrolled;
} KlFundSession;

/* An invoice to attach: a fee and its speaker's travel often share one. */
typedef struct
{
  const char *supplier;   /* borrowed from the document's costs */
  const char *number;
  const char *date;
  gint64 total_ore;       /* net and VAT of its lines */
} KlFundInvoice;

typedef struct
{
  KlFundDocumentKind kind;
  KlLang lang;
  char *date;             /* the document's date, YYYY-MM-DD */
  char *generated_at;     /* ISO 8601 with zone; honours SOURCE_DATE_EPOCH */
  KlSettings *sender;     /* IMTEC */
  KlClient *applicant;    /* the legal entity */
  KlClient *unit;         /* the programme's client when it is under the applicant, else NULL */
  KlProgramme *programme;
  char *lead_name;        /* NULL without a lead consultant */
  guint n_participants;
  GPtrArray *sessions;    /* KlFundSession, by start; payout: held ones only */
  GPtrArray *costs;       /* KlCostItem, in the order of claim->lines: an application's budget lines
                           * (its actual ones when it has no budget), a payout request's actual ones */
  gboolean from_actuals;  /* an application built from invoices, as the programme has no budget */
  gint64 applied_ore;     /* an application's amount: as recorded, else the computed claim */
  GArray *invoices;       /* KlFundInvoice, in the order of their first line */
  KlClaim *claim;
  KlFundingCase *funding; /* NULL before an application is recorded */
  GPtrArray *warnings;    /* char *: what the sender should know but does not stop it */
} KlFundDocument;

KlFundDocument *kl_fund_document_load         (KlDb               *db,
                                               gint64              programme_id,
                                               KlFundDocumentKind  kind,
                                               KlLang              lang,
                                               GError            **error);
void            kl_fund_document_free         (KlFundDocument     *self);
const char     *kl_fund_document_kind_to_string (KlFundDocumentKind kind);
gboolean        kl_fund_document_kind_from_string (const char     *text,
                                                   KlFundDocumentKind *kind);
char           *kl_fund_document_file_name    (const KlFundDocument *self,
                                               const char         *extension);
char           *kl_fund_document_cost_description (const KlFundDocument *self,
                                                   guint               index);
char           *kl_fund_document_rule_note    (const KlFundDocument *self,
                                               guint               index,
                                               guint              *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlFundDocument, kl_fund_document_free)

G_END_DECLS
