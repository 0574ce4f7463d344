#include "config.h"

#include <string.h>

#include "kl-export.h"
#include "kl-fund-pdf.h"
#include "kl-i18n.h"

/* The fixed texts of a document are in its own language. */
static const char *
t (const KlFundDocument *doc,
   const char           *msgid)
{
  return kl_export_gettext (doc->lang, msgid);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* A field the XML carries empty or leaves out is shown as missing, never
 * left out: the reader sees what was not given. */
static const char *
not_given (const KlFundDocument *doc)
{
  /* TRANSLATORS: a field of the fund's documents that has no value */
  return t (doc, N_("not given"));
}

static const char *
or_not_given (const KlFundDocument *doc,
              const char           *text)
{
  return is_empty (text) ? not_given (doc) : text;
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

  return g_strdup_printf ("%s – %s", or_not_given (doc, start), or_not_given (doc, end));
}

/* Name, org number, address and account, a line each; a part not given
 * says so. */
static void
append_party (GString              *text,
              const KlFundDocument *doc,
              const char           *name,
              const char           *orgnr,
              const char           *address,
              const char           *account)
{
  g_string_append (text, or_not_given (doc, name));
  g_string_append_printf (text, "\n%s %s", t (doc, N_("Org. no.")), or_not_given (doc, orgnr));
  if (is_empty (address))
    g_string_append_printf (text, "\n%s: %s", t (doc, N_("Address")), not_given (doc));
  else
    g_string_append_printf (text, "\n%s", address);
  {
    g_autofree char *grouped = kl_export_format_account (account);

    g_string_append_printf (text, "\n%s %s", t (doc, N_("Account no.")), or_not_given (doc, grouped));
  }
}

static void
add_parties (KlPdf                *pdf,
             const KlFundDocument *doc)
{
  const KlClient *applicant = doc->applicant;
  g_autoptr(GString) sender = g_string_new (NULL);
  g_autoptr(GString) receiver = g_string_new (NULL);

  append_party (sender, doc, doc->sender->name, doc->sender->orgnr, doc->sender->address, doc->sender->account);
  append_party (receiver, doc, applicant->name, applicant->orgnr, applicant->address, applicant->account);
  /* KS calls the contact person with questions: their phone and e-mail
   * whenever known, even without a name. */
  g_string_append_printf (receiver, "\n%s: %s", t (doc, N_("Contact")), or_not_given (doc, applicant->contact_name));
  if (!is_empty (applicant->contact_name) || !is_empty (applicant->contact_email))
    g_string_append_printf (receiver, "\n%s: %s", t (doc, N_("E-mail")),
                            or_not_given (doc, applicant->contact_email));
  if (!is_empty (applicant->contact_name) || !is_empty (applicant->contact_phone))
    g_string_append_printf (receiver, "\n%s: %s", t (doc, N_("Phone")),
                            or_not_given (doc, applicant->contact_phone));
  if (doc->unit != NULL)
    g_string_append_printf (receiver, "\n%s: %s", t (doc, N_("On behalf of")), doc->unit->name);
  kl_pdf_columns (pdf, t (doc, N_("Applicant")), receiver->str,
                  t (doc, N_("Programme provider")), sender->str);
}

static void
add_programme (KlPdf                *pdf,
               const KlFundDocument *doc)
{
  const KlProgramme *programme = doc->programme;
  g_autofree char *when = period (doc);
  g_autofree char *count = g_strdup_printf ("%u", doc->n_participants);
  const char *const fields[] = {
    t (doc, N_("Title")), or_not_given (doc, programme->title),
    t (doc, N_("Kind")), kl_export_label (doc->lang, KL_LABELS_PROGRAMME_KIND, programme->kind),
    t (doc, N_("Period")), when,
    t (doc, N_("Programme lead")), or_not_given (doc, doc->lead_name),
    t (doc, N_("Goals")), or_not_given (doc, programme->goals),
    t (doc, N_("Target group")), or_not_given (doc, programme->target_group),
    t (doc, N_("Participants")), count,
    t (doc, N_("Where are we?")), or_not_given (doc, programme->q_current),
    t (doc, N_("Where do we want to go?")), or_not_given (doc, programme->q_future),
    t (doc, N_("How do we get there?")), or_not_given (doc, programme->q_process),
    NULL
  };

  kl_pdf_heading (pdf, t (doc, N_("The programme")));
  kl_pdf_fields (pdf, fields);
}

static char *
leaders_text (const KlFundSession *entry)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < entry->leaders->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (entry->leaders, i));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* "Samling 1", its kind and its place; the kind names an untitled one, as
 * in the XML. */
static char *
session_text (const KlFundDocument *doc,
              const KlSession      *session)
{
  const char *kind = kl_export_label (doc->lang, KL_LABELS_SESSION_KIND, session->kind);
  g_autofree char *place = NULL;

  if (is_empty (session->location))
    place = g_strdup_printf ("%s: %s", t (doc, N_("Place")), not_given (doc));
  return g_strdup_printf ("%s\n%s\n%s", is_empty (session->title) ? kind : session->title, kind,
                          place != NULL ? place : session->location);
}

static void
add_sessions (KlPdf                *pdf,
              const KlFundDocument *doc)
{
  gboolean payout = doc->kind == KL_FUND_PAYOUT;
  const KlPdfColumn columns[] = {
    /* Wide enough for "14 December 2026" on one line. */
    { t (doc, N_("Date")), 1.5, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Time")), 0.95, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Session")), 2.2, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Hours")), 0.55, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Led by")), 1.9, KL_PDF_ALIGN_LEFT },
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
      g_autofree char *what = session_text (doc, session);
      g_autofree char *length = kl_export_format_hours (kl_session_minutes (session), 1, doc->lang);
      g_autofree char *leaders = leaders_text (entry);
      g_autofree char *attendance = g_strdup_printf ("%u / %u", entry->present, entry->enrolled);
      const char *const cells[] = { when, time, what, length, or_not_given (doc, leaders), attendance };

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

/* A, B, ..., Z, then AA, AB, ... */
static char *
rule_letter (guint index)
{
  if (index < 26)
    return g_strdup_printf ("%c", 'A' + index);
  return g_strdup_printf ("%c%c", 'A' + (index / 26 - 1) % 26, 'A' + index % 26);
}

/* Under a line's description, what the fund's caps are counted by: who,
 * the days and their dates for a fee, persons and semesters for
 * participant and study fees; what is not given says so. */
static char *
cost_text (const KlFundDocument *doc,
           guint                 index)
{
  const KlCostItem *item = g_ptr_array_index (doc->costs, index);
  g_autoptr(KlExportLanguage) scope = kl_export_language_push (doc->lang);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *description = kl_fund_document_cost_description (doc, index);
  gboolean fee = kl_cost_category_is_fee (item->category);

  g_string_append (text, description);
  if ((fee || item->category == KL_COST_TRAVEL || item->category == KL_COST_ACCOMMODATION)
      && is_empty (item->consultant_name))
    g_string_append_printf (text, "\n%s: %s", _("Speaker or supervisor"), not_given (doc));
  if (fee)
    {
      g_string_append_c (text, '\n');
      if (item->days > 0)
        g_string_append_printf (text, kl_ngettext ("%d day", "%d days", item->days), item->days);
      else
        g_string_append_printf (text, "%s: %s", _("Days"), not_given (doc));
      if (item->covered != NULL && item->covered[0] != NULL)
        for (guint i = 0; item->covered[i] != NULL; i++)
          {
            g_autofree char *day = date (doc, item->covered[i]);

            g_string_append_printf (text, "%s%s", i == 0 ? ": " : ", ", day);
          }
      else
        g_string_append_printf (text, "; %s: %s", _("dates"), not_given (doc));
    }
  if (kl_cost_category_is_per_person (item->category))
    {
      g_string_append_c (text, '\n');
      if (item->persons > 0)
        g_string_append_printf (text, kl_ngettext ("%d person", "%d persons", item->persons), item->persons);
      else
        g_string_append_printf (text, "%s: %s", _("Persons"), not_given (doc));
    }
  if (item->category == KL_COST_STUDY_FEE)
    {
      g_string_append (text, " × ");
      if (item->semesters > 0)
        g_string_append_printf (text, kl_ngettext ("%d semester", "%d semesters", item->semesters), item->semesters);
      else
        g_string_append_printf (text, "%s: %s", _("semesters"), not_given (doc));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The letter of a line's rule: A for the first rule met in the table, B
 * for the next, the same letter for lines under the same rule; the
 * sentences go under the table once each (notes, in the letters' order). */
static char *
rule_code (const KlFundDocument *doc,
           guint                 index,
           GArray               *keys,
           GPtrArray            *notes)
{
  guint key;
  g_autofree char *note = kl_fund_document_rule_note (doc, index, &key);
  guint i;

  for (i = 0; i < keys->len; i++)
    if (g_array_index (keys, guint, i) == key)
      break;
  if (i == keys->len)
    {
      g_array_append_val (keys, key);
      g_ptr_array_add (notes, g_steal_pointer (&note));
    }
  return rule_letter (i);
}

/* The letters and the sentences they stand for, and the VAT, for
 * kl_pdf_legend(); NULL-terminated. */
static GPtrArray *
rule_notes (const KlFundDocument *doc,
            GPtrArray            *notes)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < notes->len; i++)
    {
      const char *note = g_ptr_array_index (notes, i);
      gsize length = strlen (note);

      g_ptr_array_add (pairs, rule_letter (i));
      g_ptr_array_add (pairs, g_strdup_printf ("%s%s", note, length > 0 && note[length - 1] == '.' ? "" : "."));
    }
  g_ptr_array_add (pairs, g_strdup (t (doc, N_("VAT"))));
  g_ptr_array_add (pairs, g_strdup (t (doc, N_("VAT is never reimbursed: a line counts at most its net amount."))));
  g_ptr_array_add (pairs, NULL);
  return pairs;
}

static void
add_costs (KlPdf                *pdf,
           const KlFundDocument *doc)
{
  gboolean payout = doc->kind == KL_FUND_PAYOUT;
  const KlPdfColumn payout_columns[] = {
    { t (doc, N_("Cost")), 3.4, KL_PDF_ALIGN_LEFT },
    /* An invoice's date on one line, in English too. */
    { t (doc, N_("Invoice")), 1.9, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Net (NOK)")), 1.3, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("VAT (NOK)")), 1.2, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Counted (NOK)")), 1.45, KL_PDF_ALIGN_NUMBER },
    /* TRANSLATORS: a narrow column with a letter per line that refers
     * to the rules explained under the table */
    { t (doc, N_("Rule")), 0.75, KL_PDF_ALIGN_CENTER },
  };
  const KlPdfColumn application_columns[] = {
    { t (doc, N_("Cost")), 4.6, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Net (NOK)")), 1.4, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("VAT (NOK)")), 1.3, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Counted (NOK)")), 1.5, KL_PDF_ALIGN_NUMBER },
    { t (doc, N_("Rule")), 0.75, KL_PDF_ALIGN_CENTER },
  };
  KlPdfTable *table;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) legend = NULL;
  double legend_height;

  /* The letters first, so that the legend can be measured and kept
   * with the end of the table. */
  for (guint i = 0; i < doc->costs->len; i++)
    g_ptr_array_add (codes, rule_code (doc, i, keys, notes));
  legend = rule_notes (doc, notes);
  legend_height = notes->len > 0 ? kl_pdf_legend_height (pdf, t (doc, N_("Rules applied")),
                                                         (const char *const *) legend->pdata)
                                 : 0;

  if (payout)
    kl_pdf_heading (pdf, t (doc, N_("Actual costs")));
  else
    {
      kl_pdf_heading (pdf, t (doc, N_("Budget")));
      kl_pdf_paragraph (pdf, doc->from_actuals
                             ? t (doc, N_("Basis: built from the invoices; the programme has no budget."))
                             : t (doc, N_("Basis: the budget (IMTEC's offer: planned days, fees and travel).")));
    }
  table = payout ? kl_pdf_table (pdf, G_N_ELEMENTS (payout_columns), payout_columns)
                 : kl_pdf_table (pdf, G_N_ELEMENTS (application_columns), application_columns);
  for (guint i = 0; i < doc->costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (doc->costs, i);
      const KlClaimLine *line = g_ptr_array_index (doc->claim->lines, i);
      g_autofree char *what = cost_text (doc, i);
      g_autofree char *net = amount (doc, item->net_ore);
      g_autofree char *vat = amount (doc, item->vat_ore);
      g_autofree char *counted = amount (doc, line->counted_ore);
      const char *code = g_ptr_array_index (codes, i);

      /* The last line, the total and the rules stay together. */
      if (i + 1 == doc->costs->len)
        kl_pdf_table_need (table, 50 + 18 + legend_height);
      if (payout)
        {
          g_autofree char *when = date (doc, item->invoice_date);
          g_autofree char *invoice = g_strdup_printf ("%s\n%s\n%s", or_not_given (doc, item->invoice_no),
                                                      or_not_given (doc, when), or_not_given (doc, item->supplier));
          const char *const cells[] = { what, invoice, net, vat, counted, code };

          kl_pdf_table_row (table, cells, KL_PDF_ROW_NORMAL);
        }
      else
        {
          const char *const cells[] = { what, net, vat, counted, code };

          kl_pdf_table_row (table, cells, KL_PDF_ROW_NORMAL);
        }
    }
  {
    g_autofree char *net = amount (doc, doc->claim->net_ore);
    g_autofree char *vat = amount (doc, doc->claim->vat_ore);
    g_autofree char *counted = amount (doc, doc->claim->eligible_ore);
    const char *const payout_cells[] = { t (doc, N_("Total")), NULL, net, vat, counted, NULL };
    const char *const application_cells[] = { t (doc, N_("Total")), net, vat, counted, NULL };

    kl_pdf_table_row (table, payout ? payout_cells : application_cells, KL_PDF_ROW_BOLD);
  }
  if (notes->len > 0)
    kl_pdf_legend (pdf, t (doc, N_("Rules applied")), (const char *const *) legend->pdata);
}

/* The version of the fund's rules the amounts were computed under, with
 * every figure the XML states of it. */
static void
add_scheme (KlPdf                *pdf,
            const KlFundDocument *doc)
{
  const KlSchemeVersion *scheme = doc->claim->scheme;
  g_autofree char *valid_from = date (doc, scheme->valid_from);
  g_autofree char *rate = percent (doc, scheme->rate_permille);
  g_autofree char *fee_cap = money (doc, scheme->fee_cap_ore);
  g_autofree char *participant_cap = money (doc, scheme->participant_fee_cap_ore);
  g_autofree char *study_cap = money (doc, scheme->study_fee_cap_ore);
  g_autofree char *fee_text = g_strdup_printf (t (doc, N_("%s per speaker or supervisor per day")), fee_cap);
  g_autofree char *participant_text = g_strdup_printf (t (doc, N_("%s per person")), participant_cap);
  g_autofree char *study_text = g_strdup_printf (t (doc, N_("%s per participant per semester")), study_cap);
  g_autoptr(GString) eligible = g_string_new (NULL);

  for (guint c = 0; c < KL_COST_N_CATEGORIES; c++)
    if (scheme->eligible & (1u << c))
      g_string_append_printf (eligible, "%s%s", eligible->len ? ", " : "",
                              kl_export_label (doc->lang, KL_LABELS_COST_CATEGORY, kl_cost_categories[c]));
  {
    const char *const fields[] = {
      t (doc, N_("Scheme")), scheme->name,
      t (doc, N_("In force from")), valid_from,
      t (doc, N_("Rate")), rate,
      t (doc, N_("Fee cap")), fee_text,
      t (doc, N_("Participant fee cap")), participant_text,
      t (doc, N_("Study fee cap")), study_text,
      t (doc, N_("Eligible costs")), or_not_given (doc, eligible->str),
      NULL
    };

    kl_pdf_heading (pdf, t (doc, N_("The fund's rules")));
    kl_pdf_fields (pdf, fields);
  }
  kl_pdf_note (pdf, t (doc, N_("The scheme version in force on the application date applies. A fee counts at most "
                               "the cap per person and day, shared by all fee lines of that person on that day. "
                               "VAT is never reimbursed.")));
}

static void
add_totals (KlPdf                *pdf,
            const KlFundDocument *doc)
{
  const KlClaim *claim = doc->claim;
  g_autofree char *basis = money (doc, claim->eligible_ore);
  g_autofree char *rate = percent (doc, claim->scheme->rate_permille);
  g_autofree char *rate_label = g_strdup_printf (t (doc, N_("%s of the eligible basis")), rate);
  g_autofree char *computed = money (doc, claim->claim_ore);
  g_autofree char *applied = money (doc, doc->applied_ore);
  g_autofree char *granted = money (doc, claim->granted_ore);
  g_autofree char *payout = money (doc, claim->payout_ore);

  kl_pdf_heading (pdf, t (doc, N_("Amount")));
  if (doc->kind == KL_FUND_APPLICATION)
    {
      const char *const pairs[] = {
        t (doc, N_("Eligible basis")), basis,
        rate_label, computed,
        t (doc, N_("Amount applied for")), applied,
        NULL
      };

      kl_pdf_totals (pdf, pairs, 2);
      if (doc->applied_ore != claim->claim_ore)
        kl_pdf_note (pdf, t (doc, N_("The amount applied for is the one recorded with the application; "
                                     "it differs from the amount computed from the lines above.")));
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
      kl_pdf_note (pdf, t (doc, N_("The payout requested is the smaller of the computed amount and the grant.")));
    }
}

static void
add_grant (KlPdf                *pdf,
           const KlFundDocument *doc)
{
  const KlFundingCase *funding = doc->funding;
  g_autofree char *granted = money (doc, funding->granted_ore);
  g_autofree char *grant_date = date (doc, funding->grant_date);
  g_autofree char *expiry = date (doc, funding->expiry_date);
  g_autofree char *applied = date (doc, funding->applied_date);
  const char *const fields[] = {
    t (doc, N_("KS case number")), funding->case_no,
    t (doc, N_("Grant letter dated")), grant_date,
    t (doc, N_("Amount granted")), granted,
    t (doc, N_("Grant expires")), or_not_given (doc, expiry),
    t (doc, N_("Application dated")), or_not_given (doc, applied),
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
    { t (doc, N_("Attachment")), 2.7, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Invoice")), 1.4, KL_PDF_ALIGN_LEFT },
    { t (doc, N_("Date")), 1.4, KL_PDF_ALIGN_LEFT },
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
  add_scheme (pdf, doc);
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
