#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-export.h"
#include "kl-fund-pdf.h"

/* The fixed texts of a document are in its own language. */
static const char *
t (const KlFundDocument *doc,
   const char           *msgid)
{
  return kl_export_gettext (doc->lang, msgid);
}

static char *
money (const KlFundDocument *doc,
       gint64                ore)
{
  if (ore == KL_NO_AMOUNT)
    return g_strdup ("–");
  return kl_money_format (ore, doc->lang);
}

/* In tables, whose headings name the currency. */
static char *
amount (const KlFundDocument *doc,
        gint64                ore)
{
  return kl_money_format_amount (ore, doc->lang);
}

static char *
date (const KlFundDocument *doc,
      const char           *iso)
{
  return kl_export_format_date (iso, doc->lang);
}

static char *
percent (const KlFundDocument *doc,
         int                   permille)
{
  if (permille % 10 == 0)
    return g_strdup_printf ("%d %%", permille / 10);
  return g_strdup_printf ("%d%s%d %%", permille / 10, doc->lang == KL_LANG_NB ? "," : ".", permille % 10);
}

static char *
period (const KlFundDocument *doc)
{
  g_autofree char *start = date (doc, doc->programme->start_date);
  g_autofree char *end = date (doc, doc->programme->end_date);

  if (*end == '\0')
    return g_steal_pointer (&start);
  return g_strdup_printf ("%s – %s", start, end);
}

/* Name, org number, address and whatever else the block holds, a line each;
 * empty parts are left out. */
static char *
party_text (const KlFundDocument *doc,
            const char           *name,
            const char           *orgnr,
            const char           *address,
            const char           *account,
            const char           *extra)
{
  g_autoptr(GString) text = g_string_new (name);

  if (orgnr != NULL && *orgnr != '\0')
    g_string_append_printf (text, "\n%s %s", t (doc, N_("Org. no.")), orgnr);
  if (address != NULL && *address != '\0')
    g_string_append_printf (text, "\n%s", address);
  if (account != NULL && *account != '\0')
    g_string_append_printf (text, "\n%s %s", t (doc, N_("Account no.")), account);
  if (extra != NULL && *extra != '\0')
    g_string_append_printf (text, "\n%s", extra);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_parties (KlPdf                *pdf,
             const KlFundDocument *doc)
{
  const KlClient *applicant = doc->applicant;
  g_autofree char *sender = party_text (doc, doc->sender->name, doc->sender->orgnr,
                                        doc->sender->address, NULL, NULL);
  g_autoptr(GString) extra = g_string_new (NULL);
  g_autofree char *receiver = NULL;

  if (applicant->contact_name != NULL && *applicant->contact_name != '\0')
    {
      g_string_append_printf (extra, "%s: %s", t (doc, N_("Contact")), applicant->contact_name);
      if (applicant->contact_email != NULL && *applicant->contact_email != '\0')
        g_string_append_printf (extra, ", %s", applicant->contact_email);
    }
  if (doc->unit != NULL)
    g_string_append_printf (extra, "%s%s: %s", extra->len ? "\n" : "", t (doc, N_("On behalf of")),
                            doc->unit->name);
  receiver = party_text (doc, applicant->name, applicant->orgnr, applicant->address,
                         doc->kind == KL_FUND_PAYOUT ? applicant->account : NULL, extra->str);
  kl_pdf_columns (pdf, t (doc, N_("Applicant")), receiver,
                  t (doc, N_("Programme provider")), sender);
}

static void
add_programme (KlPdf                *pdf,
               const KlFundDocument *doc)
{
  const KlProgramme *programme = doc->programme;
  g_autofree char *when = period (doc);
  g_autofree char *count = g_strdup_printf ("%u", doc->n_participants);

  kl_pdf_heading (pdf, t (doc, N_("The programme")));
  if (doc->kind == KL_FUND_APPLICATION)
    {
      const char *const fields[] = {
        t (doc, N_("Title")), programme->title,
        t (doc, N_("Kind")), kl_export_label (doc->lang, KL_LABELS_PROGRAMME_KIND, programme->kind),
        t (doc, N_("Period")), when,
        t (doc, N_("Programme lead")), doc->lead_name,
        t (doc, N_("Goals")), programme->goals,
        t (doc, N_("Target group")), programme->target_group,
        t (doc, N_("Participants")), count,
        t (doc, N_("Where are we?")), programme->q_current,
        t (doc, N_("Where do we want to go?")), programme->q_future,
        t (doc, N_("How do we get there?")), programme->q_process,
        NULL
      };

      kl_pdf_fields (pdf, fields);
    }
  else
    {
      const char *const fields[] = {
        t (doc, N_("Title")), programme->title,
        t (doc, N_("Period")), when,
        t (doc, N_("Programme lead")), doc->lead_name,
        t (doc, N_("Participants")), count,
        NULL
      };

      kl_pdf_fields (pdf, fields);
    }
}

static char *
leaders_text (const KlFundSession *entry)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < entry->leaders->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (entry->leaders, i));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
add_sessions (KlPdf                *pdf,
              const KlFundDocument *doc)
{
  gboolean payout = doc->kind == KL_FUND_PAYOUT;
  const KlPdfColumn columns[] = {
    { t (doc, N_("Date")), 1.1, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Time")), 1.0, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Session")), 2.4, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Hours")), 0.6, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Led by")), 2.0, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Present")), 0.9, KL_PDF_ALIGN_NUMBER },
  };
  KlPdfTable *table;
  guint present = 0;
  guint enrolled = 0;
  int minutes = 0;

  kl_pdf_heading (pdf, payout ? t (doc, N_("Sessions held and attendance")) : t (doc, N_("Planned sessions")));
  if (doc->sessions->len == 0)
    {
      kl_pdf_paragraph (pdf, payout ? t (doc, N_("No sessions have been held yet.")) : t (doc, N_("No sessions are planned yet.")));
      return;
    }
  table = kl_pdf_table (pdf, payout ? 6 : 5, columns);
  for (guint i = 0; i < doc->sessions->len; i++)
    {
      const KlFundSession *entry = g_ptr_array_index (doc->sessions, i);
      const KlSession *session = entry->session;
      g_autofree char *day = g_strndup (session->starts_at, 10);
      g_autofree char *when = date (doc, day);
      g_autofree char *time = g_strdup_printf ("%.5s–%.5s", session->starts_at + 11,
                                               session->ends_at ? session->ends_at + 11 : "");
      g_autofree char *what = g_strdup_printf ("%s\n%s", session->title ? session->title : "",
                                               kl_export_label (doc->lang, KL_LABELS_SESSION_KIND, session->kind));
      g_autofree char *length = kl_export_format_hours (kl_session_minutes (session), 1, doc->lang);
      g_autofree char *leaders = leaders_text (entry);
      g_autofree char *attendance = g_strdup_printf ("%u / %u", entry->present, entry->enrolled);
      const char *const cells[] = { when, time, what, length, leaders, attendance };

      kl_pdf_table_row (table, cells, KL_PDF_ROW_NORMAL);
      present += entry->present;
      enrolled += entry->enrolled;
      minutes += kl_session_minutes (session);
    }
  {
    g_autofree char *total_hours = kl_export_format_hours (minutes, 1, doc->lang);
    g_autofree char *rate = enrolled > 0 ? g_strdup_printf ("%u %%", (present * 100 + enrolled / 2) / enrolled)
                                         : g_strdup ("–");
    const char *const cells[] = { t (doc, N_("Total")), NULL, NULL, total_hours, NULL, rate };

    kl_pdf_table_row (table, cells, KL_PDF_ROW_BOLD);
  }
  if (payout)
    kl_pdf_note (pdf, t (doc, N_("Present: participants present for all or part of the session, of those enrolled. "
                                  "The total is the attendance over all sessions held.")));
}

static void
add_costs (KlPdf                *pdf,
           const KlFundDocument *doc)
{
  gboolean payout = doc->kind == KL_FUND_PAYOUT;
  const KlPdfColumn columns[] = {
    { t (doc, N_("Cost")), 2.2, KL_PDF_ALIGN_LEFT },
    { payout ? t (doc, N_("Invoice")) : t (doc, N_("Days")), payout ? 1.3 : 0.6,
      payout ? KL_PDF_ALIGN_LEFT : KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Net (NOK)")), 1.3, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("VAT (NOK)")), 1.1, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Counted (NOK)")), 1.3, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Rule applied")), 2.8, KL_PDF_ALIGN_LEFT },
  };
  KlPdfTable *table;

  kl_pdf_heading (pdf, payout ? t (doc, N_("Actual costs")) : t (doc, N_("Budget")));
  table = kl_pdf_table (pdf, G_N_ELEMENTS (columns), columns);
  for (guint i = 0; i < doc->costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (doc->costs, i);
      const KlClaimLine *line = g_ptr_array_index (doc->claim->lines, i);
      g_autofree char *what = kl_fund_document_cost_description (doc, i);
      g_autofree char *net = amount (doc, item->net_ore);
      g_autofree char *vat = amount (doc, item->vat_ore);
      g_autofree char *counted = amount (doc, line->counted_ore);
      g_autofree char *second = NULL;

      if (payout)
        {
          g_autofree char *when = date (doc, item->invoice_date);

          second = g_strdup_printf ("%s\n%s", item->invoice_no, when);
        }
      else if (kl_cost_category_is_fee (item->category) && item->days > 0)
        second = g_strdup_printf ("%d", item->days);
      {
        const char *const cells[] = { what, second, net, vat, counted, line->explanation };

        kl_pdf_table_row (table, cells, KL_PDF_ROW_NORMAL);
      }
    }
  {
    g_autofree char *net = amount (doc, doc->claim->net_ore);
    g_autofree char *vat = amount (doc, doc->claim->vat_ore);
    g_autofree char *counted = amount (doc, doc->claim->eligible_ore);
    const char *const cells[] = { t (doc, N_("Total")), NULL, net, vat, counted, NULL };

    kl_pdf_table_row (table, cells, KL_PDF_ROW_BOLD);
  }
}

static void
add_totals (KlPdf                *pdf,
            const KlFundDocument *doc)
{
  const KlClaim *claim = doc->claim;
  const KlSchemeVersion *scheme = claim->scheme;
  g_autofree char *basis = money (doc, claim->eligible_ore);
  g_autofree char *rate = percent (doc, scheme->rate_permille);
  g_autofree char *rate_label = g_strdup_printf (t (doc, N_("%s of the eligible basis")), rate);
  g_autofree char *computed = money (doc, claim->claim_ore);
  g_autofree char *granted = money (doc, claim->granted_ore);
  g_autofree char *payout = money (doc, claim->payout_ore);
  g_autofree char *cap = money (doc, scheme->fee_cap_ore);
  g_autofree char *valid_from = date (doc, scheme->valid_from);
  g_autofree char *note = NULL;

  kl_pdf_heading (pdf, t (doc, N_("Amount")));
  if (doc->kind == KL_FUND_APPLICATION)
    {
      const char *const pairs[] = {
        t (doc, N_("Eligible basis")), basis,
        t (doc, N_("Rate")), rate,
        t (doc, N_("Amount applied for")), computed,
        NULL
      };

      kl_pdf_totals (pdf, pairs, 2);
    }
  else
    {
      const char *const pairs[] = {
        t (doc, N_("Eligible basis")), basis,
        rate_label, computed,
        t (doc, N_("Granted")), granted,
        t (doc, N_("Payout requested")), payout,
        NULL
      };

      kl_pdf_totals (pdf, pairs, 3);
    }
  note = g_strdup_printf (t (doc, N_("Computed under %s (in force from %s): fees count at most %s per speaker or "
                                     "supervisor per day; VAT is never reimbursed.")),
                          scheme->name, valid_from, cap);
  kl_pdf_note (pdf, note);
  if (doc->kind == KL_FUND_PAYOUT)
    kl_pdf_note (pdf, t (doc, N_("The payout requested is the smaller of the computed amount and the grant.")));
}

static void
add_grant (KlPdf                *pdf,
           const KlFundDocument *doc)
{
  const KlFundingCase *funding = doc->funding;
  g_autofree char *granted = money (doc, funding->granted_ore);
  g_autofree char *grant_date = date (doc, funding->grant_date);
  g_autofree char *expiry = date (doc, funding->expiry_date);
  const char *const fields[] = {
    t (doc, N_("KS case number")), funding->case_no,
    t (doc, N_("Grant letter dated")), grant_date,
    t (doc, N_("Amount granted")), granted,
    t (doc, N_("Grant expires")), expiry,
    NULL
  };

  kl_pdf_heading (pdf, t (doc, N_("Grant")));
  kl_pdf_fields (pdf, fields);
}

/* The grant letter and one line per invoice. */
static void
add_attachments (KlPdf                *pdf,
                 const KlFundDocument *doc)
{
  const KlPdfColumn columns[] = {
    { t (doc, N_("Attachment")), 3.0, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Invoice")), 1.4, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Date")), 1.1, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Incl. VAT (NOK)")), 1.4, KL_PDF_ALIGN_NUMBER },
  };
  g_autofree char *letter = g_strdup_printf (t (doc, N_("Grant letter from KS, case %s")), doc->funding->case_no);
  g_autofree char *letter_date = date (doc, doc->funding->grant_date);
  const char *const letter_cells[] = { letter, NULL, letter_date, NULL };
  KlPdfTable *table;

  kl_pdf_heading (pdf, t (doc, N_("Attachments")));
  table = kl_pdf_table (pdf, G_N_ELEMENTS (columns), columns);
  kl_pdf_table_row (table, letter_cells, KL_PDF_ROW_NORMAL);
  for (guint i = 0; i < doc->invoices->len; i++)
    {
      const KlFundInvoice *item = &g_array_index (doc->invoices, KlFundInvoice, i);
      g_autofree char *what = g_strdup_printf (t (doc, N_("Invoice from %s")), item->supplier);
      g_autofree char *when = date (doc, item->date);
      g_autofree char *sum = amount (doc, item->total_ore);
      const char *const cells[] = { what, item->number, when, sum };

      kl_pdf_table_row (table, cells, KL_PDF_ROW_NORMAL);
    }
}

/* Public API */

KlPdf *
kl_fund_pdf_build (const KlFundDocument *doc)
{
  gboolean payout;
  KlPdf *pdf;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *header_left = NULL;
  g_autofree char *header_right = NULL;
  g_autofree char *dated = NULL;
  const char *signatures[] = { NULL, NULL, NULL };

  g_return_val_if_fail (doc != NULL, NULL);

  payout = doc->kind == KL_FUND_PAYOUT;
  pdf = kl_pdf_new (doc->lang, FALSE);
  title = g_strdup_printf ("%s – %s",
                           payout ? t (doc, N_("Payout request, OU funds")) : t (doc, N_("Application for OU funds")),
                           doc->programme->title);
  subject = g_strdup_printf (t (doc, N_("KS training fund (OU-fondet): %s, org. no. %s")),
                             doc->applicant->name, doc->applicant->orgnr);
  kl_pdf_set_metadata (pdf, title, doc->sender->name, subject);

  dated = date (doc, doc->date);
  header_left = g_strdup_printf ("%s  ·  %s", doc->applicant->name, doc->sender->name);
  if (payout)
    header_right = g_strdup_printf (t (doc, N_("KS case %s")), doc->funding->case_no);
  else
    header_right = g_strdup (dated);
  kl_pdf_set_header (pdf, header_left, header_right);

  kl_pdf_title (pdf,
                payout ? t (doc, N_("Request for payout of OU funds")) : t (doc, N_("Application for OU funds")),
                doc->programme->title);
  add_parties (pdf, doc);
  if (payout)
    add_grant (pdf, doc);
  add_programme (pdf, doc);
  add_sessions (pdf, doc);
  add_costs (pdf, doc);
  add_totals (pdf, doc);
  if (payout)
    add_attachments (pdf, doc);

  kl_pdf_heading (pdf, t (doc, N_("Signature")));
  {
    g_autofree char *statement = g_strdup_printf (payout
                                                  ? t (doc, N_("%s confirms that the costs above have been paid and that the programme was carried out as described. Dated %s."))
                                                  : t (doc, N_("%s applies for the amount above for the programme described. Dated %s.")),
                                                  doc->applicant->name, dated);

    kl_pdf_paragraph (pdf, statement);
  }
  signatures[0] = t (doc, N_("Place and date"));
  signatures[1] = t (doc, N_("Signature for the applicant"));
  kl_pdf_signatures (pdf, signatures);
  return pdf;
}

gboolean
kl_fund_pdf_save (const KlFundDocument  *doc,
                  const char            *path,
                  guint                 *n_pages,
                  GError               **error)
{
  g_autoptr(KlPdf) pdf = kl_fund_pdf_build (doc);

  return kl_pdf_save (pdf, path, n_pages, error);
}
