#include "config.h"

#include <string.h>

#include "kl-error.h"
#include "kl-export.h"
#include "kl-fund-document.h"
#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-store.h"

static void
fund_session_free (KlFundSession *self)
{
  kl_session_free (self->session);
  g_ptr_array_unref (self->leaders);
  g_free (self);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = kl_export_now ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Consultants lead many sessions; each is read once. */
static const char *
consultant_name (KlDb        *db,
                 GHashTable  *names,
                 gint64       id,
                 GError     **error)
{
  const char *name = g_hash_table_lookup (names, &id);
  g_autoptr(KlConsultant) consultant = NULL;
  gint64 *key;

  if (name != NULL)
    return name;
  consultant = kl_store_get_consultant (db, id, error);
  if (consultant == NULL)
    return NULL;
  key = g_new (gint64, 1);
  *key = id;
  name = consultant->name;
  g_hash_table_insert (names, key, g_steal_pointer (&consultant->name));
  return name;
}

/* The document's sessions with their leaders and, for a payout request,
 * only those held by the document's date, with who came. */
static gboolean
load_sessions (KlDb            *db,
               KlFundDocument  *doc,
               guint           *sessions_to_come,
               GError         **error)
{
  g_autoptr(KlAttendanceGrid) grid = kl_store_load_grid (db, doc->programme->id, error);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint n_sessions;

  if (grid == NULL)
    return FALSE;
  n_sessions = grid->sessions->len;
  doc->n_participants = grid->participants->len;
  for (guint col = 0; col < n_sessions; col++)
    {
      KlSession *session = g_ptr_array_index (grid->sessions, col);
      KlFundSession *entry;

      if (doc->kind == KL_FUND_PAYOUT && strncmp (session->starts_at, doc->date, 10) > 0)
        {
          (*sessions_to_come)++;
          continue;
        }
      entry = g_new0 (KlFundSession, 1);
      entry->leaders = g_ptr_array_new_with_free_func (g_free);
      /* Only those enrolled on the day count, present or not. */
      entry->enrolled = kl_attendance_grid_count_expected (grid, col);
      for (guint row = 0; row < grid->participants->len; row++)
        {
          char mark = grid->marks[(gsize) row * n_sessions + col];

          if (kl_attendance_grid_expected (grid, row, col) && (mark == 'P' || mark == 'H'))
            entry->present++;
        }
      for (guint i = 0; session->leader_ids != NULL && i < session->leader_ids->len; i++)
        {
          const char *name = consultant_name (db, names, g_array_index (session->leader_ids, gint64, i), error);

          if (name == NULL)
            {
              fund_session_free (entry);
              return FALSE;
            }
          g_ptr_array_add (entry->leaders, g_strdup (name));
        }
      /* The grid's copy of the session moves into the document. */
      entry->session = g_ptr_array_steal_index (grid->sessions, col);
      g_ptr_array_insert (grid->sessions, (int) col, kl_session_new ());
      g_ptr_array_add (doc->sessions, entry);
    }
  return TRUE;
}

/* An application shows the budget (IMTEC's offer), or the invoices of a
 * programme that has none; a payout request shows the invoices only. */
static gboolean
load_costs (KlDb            *db,
            KlFundDocument  *doc,
            GError         **error)
{
  g_autoptr(GPtrArray) all = kl_store_list_costs (db, doc->programme->id, error);
  g_autoptr(GPtrArray) selected = NULL;
  gboolean budget = FALSE;

  if (all == NULL)
    return FALSE;
  if (doc->kind == KL_FUND_APPLICATION)
    {
      g_autoptr(GPtrArray) planned = kl_cost_items_select (all, TRUE);

      doc->from_actuals = planned->len == 0;
      budget = !doc->from_actuals;
    }
  selected = kl_cost_items_select (all, budget);
  doc->costs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);
  for (guint i = 0; i < selected->len; i++)
    g_ptr_array_add (doc->costs, kl_cost_item_copy (g_ptr_array_index (selected, i)));
  return TRUE;
}

/* Invoices are attached once each, with the total of their lines. */
static gboolean
collect_invoices (KlFundDocument  *doc,
                  GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  doc->invoices = g_array_new (FALSE, TRUE, sizeof (KlFundInvoice));
  for (guint i = 0; i < doc->costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (doc->costs, i);
      g_autofree char *key = NULL;
      gpointer index;
      gint64 *total;

      if (is_empty (item->invoice_no))
        continue;
      key = g_strdup_printf ("%s\x1f%s", item->supplier ? item->supplier : "", item->invoice_no);
      if (!g_hash_table_lookup_extended (seen, key, NULL, &index))
        {
          KlFundInvoice invoice = { item->supplier, item->invoice_no, item->invoice_date, 0 };

          index = GUINT_TO_POINTER (doc->invoices->len);
          g_hash_table_insert (seen, g_steal_pointer (&key), index);
          g_array_append_val (doc->invoices, invoice);
        }
      total = &g_array_index (doc->invoices, KlFundInvoice, GPOINTER_TO_UINT (index)).total_ore;
      if (!kl_money_add (total, item->net_ore, error) || !kl_money_add (total, item->vat_ore, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* What a consultant must put right before the document can go out, all at
 * once rather than one complaint per attempt. */
static void
check_complete (KlFundDocument *doc,
                const char     *legal_entity_problem,
                GPtrArray      *problems)
{
  guint missing_invoices = 0;
  const char *first_missing = NULL;

  if (is_empty (doc->sender->name) || is_empty (doc->sender->orgnr))
    add_problem (problems, _("IMTEC's own name and org number are not filled in (Preferences, or “kartleser-cli settings set”)"));
  if (legal_entity_problem != NULL)
    add_problem (problems, "%s", legal_entity_problem);
  if (doc->costs->len == 0)
    add_problem (problems, doc->kind == KL_FUND_APPLICATION
                           ? _("the programme has no cost items")
                           : _("the programme has no actual cost items (invoices), only budget lines"));
  if (doc->kind == KL_FUND_APPLICATION)
    return;

  if (doc->funding == NULL || is_empty (doc->funding->case_no)
      || doc->funding->granted_ore == KL_NO_AMOUNT || is_empty (doc->funding->grant_date))
    add_problem (problems, _("no grant is recorded yet (the case number, amount and date from KS's grant letter)"));
  if (doc->applicant != NULL && is_empty (doc->applicant->account))
    add_problem (problems, _("“%s” has no bank account number, which KS pays to"), doc->applicant->name);
  for (guint i = 0; i < doc->costs->len; i++)
    {
      KlCostItem *item = g_ptr_array_index (doc->costs, i);

      if (is_empty (item->supplier) || is_empty (item->invoice_no) || is_empty (item->invoice_date))
        {
          if (missing_invoices++ == 0)
            first_missing = kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[item->category]);
        }
    }
  if (missing_invoices == 1)
    add_problem (problems, _("a cost item (%s) lacks its supplier, invoice number or invoice date"),
                 first_missing);
  else if (missing_invoices > 1)
    add_problem (problems, _("%u cost items lack their supplier, invoice number or invoice date (the first: %s)"),
                 missing_invoices, first_missing);
}

static void
add_warnings (KlFundDocument *doc,
              guint           sessions_to_come)
{
  if (doc->kind == KL_FUND_APPLICATION)
    {
      KlFundSession *first = doc->sessions->len > 0 ? g_ptr_array_index (doc->sessions, 0) : NULL;

      if (first != NULL && strncmp (first->session->starts_at, doc->date, 10) < 0)
        g_ptr_array_add (doc->warnings,
                         g_strdup (_("The programme began before the application date; KS expects the application before.")));
      if (doc->from_actuals)
        g_ptr_array_add (doc->warnings,
                         g_strdup (_("The programme has no budget lines: the application is built from its invoices.")));
      return;
    }
  if (doc->funding != NULL && !is_empty (doc->funding->expiry_date)
      && strcmp (doc->funding->expiry_date, doc->date) < 0)
    g_ptr_array_add (doc->warnings,
                     g_strdup_printf (_("The grant expired on %s; KS may refuse a request that comes later."),
                                      doc->funding->expiry_date));
  if (sessions_to_come > 0)
    g_ptr_array_add (doc->warnings,
                     g_strdup_printf (kl_ngettext ("%u session is still to come; it is not in the request.",
                                                   "%u sessions are still to come; they are not in the request.",
                                                   sessions_to_come),
                                      sessions_to_come));
}

/* Public API */

KlFundDocument *
kl_fund_document_load (KlDb                *db,
                       gint64               programme_id,
                       KlFundDocumentKind   kind,
                       KlLang               lang,
                       GError             **error)
{
  g_autoptr(KlFundDocument) doc = g_new0 (KlFundDocument, 1);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KlSchemeVersion) scheme = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GDateTime) now = kl_export_now ();
  g_autofree char *legal_entity_problem = NULL;
  g_autofree char *problem_list = NULL;
  const char *title;
  gint64 legal_entity;
  guint sessions_to_come = 0;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  doc->kind = kind;
  doc->lang = lang;
  doc->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) fund_session_free);
  doc->warnings = g_ptr_array_new_with_free_func (g_free);
  doc->generated_at = g_date_time_format (now, "%FT%T%:z");

  doc->programme = kl_store_get_programme (db, programme_id, error);
  if (doc->programme == NULL)
    return NULL;
  doc->sender = kl_store_get_settings (db, error);
  if (doc->sender == NULL)
    return NULL;

  doc->funding = kl_store_get_funding_case (db, programme_id, KL_DEFAULT_SCHEME, &local);
  if (doc->funding == NULL && !g_error_matches (local, KL_ERROR, KL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_clear_error (&local);
  if (kind == KL_FUND_APPLICATION && doc->funding != NULL && !is_empty (doc->funding->applied_date))
    doc->date = g_strdup (doc->funding->applied_date);
  else if (kind == KL_FUND_PAYOUT && doc->funding != NULL && !is_empty (doc->funding->payout_date))
    doc->date = g_strdup (doc->funding->payout_date);
  else
    doc->date = today ();

  legal_entity = kl_store_legal_entity (db, doc->programme->client_id, &local);
  if (legal_entity == 0)
    {
      if (!g_error_matches (local, KL_ERROR, KL_ERROR_REQUIRED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      legal_entity_problem = g_strdup (local->message);
      g_clear_error (&local);
    }
  else
    {
      doc->applicant = kl_store_get_client (db, legal_entity, error);
      if (doc->applicant == NULL)
        return NULL;
      if (legal_entity != doc->programme->client_id)
        {
          doc->unit = kl_store_get_client (db, doc->programme->client_id, error);
          if (doc->unit == NULL)
            return NULL;
        }
    }
  if (doc->programme->lead_id > 0)
    {
      g_autoptr(KlConsultant) lead = kl_store_get_consultant (db, doc->programme->lead_id, error);

      if (lead == NULL)
        return NULL;
      doc->lead_name = g_steal_pointer (&lead->name);
    }

  if (!load_sessions (db, doc, &sessions_to_come, error))
    return NULL;
  if (!load_costs (db, doc, error) || !collect_invoices (doc, error))
    return NULL;
  /* The rules in force when the application went in (or goes in now). */
  scheme = kl_store_scheme_for_date (db, doc->funding ? doc->funding->scheme : KL_DEFAULT_SCHEME,
                                     doc->funding && !is_empty (doc->funding->applied_date)
                                       ? doc->funding->applied_date : doc->date,
                                     error);
  if (scheme == NULL)
    return NULL;
  {
    /* Claim lines explain themselves in the document's language. */
    g_autoptr(KlExportLanguage) scope = kl_export_language_push (lang);

    doc->claim = kl_claim_compute (scheme, doc->costs,
                                   doc->funding ? doc->funding->granted_ore : KL_NO_AMOUNT, lang, error);
    if (doc->claim == NULL)
      return NULL;
    for (guint i = 0; i < doc->claim->warnings->len; i++)
      g_ptr_array_add (doc->warnings, g_strdup (g_ptr_array_index (doc->claim->warnings, i)));
  }
  if (doc->funding != NULL && g_strcmp0 (doc->funding->status, "rejected") == 0)
    doc->claim->payout_ore = 0;
  doc->applied_ore = doc->funding != NULL && doc->funding->applied_ore != KL_NO_AMOUNT
                     ? doc->funding->applied_ore : doc->claim->claim_ore;

  check_complete (doc, legal_entity_problem, problems);
  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      problem_list = g_strjoinv ("; ", (char **) problems->pdata);
      title = kind == KL_FUND_APPLICATION
        ? _("The application cannot be made yet")
        : _("The payout request cannot be made yet");
      g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE, "%s: %s.", title, problem_list);
      return NULL;
    }

  add_warnings (doc, sessions_to_come);
  return g_steal_pointer (&doc);
}

void
kl_fund_document_free (KlFundDocument *self)
{
  if (self == NULL)
    return;
  g_free (self->date);
  g_free (self->generated_at);
  g_clear_pointer (&self->sender, kl_settings_free);
  g_clear_pointer (&self->applicant, kl_client_free);
  g_clear_pointer (&self->unit, kl_client_free);
  g_clear_pointer (&self->programme, kl_programme_free);
  g_free (self->lead_name);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->invoices, g_array_unref);
  g_clear_pointer (&self->costs, g_ptr_array_unref);
  g_clear_pointer (&self->claim, kl_claim_free);
  g_clear_pointer (&self->funding, kl_funding_case_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}

const char *
kl_fund_document_kind_to_string (KlFundDocumentKind kind)
{
  return kind == KL_FUND_APPLICATION ? "application" : "payout";
}

gboolean
kl_fund_document_kind_from_string (const char         *text,
                                   KlFundDocumentKind *kind)
{
  if (g_strcmp0 (text, "application") == 0)
    *kind = KL_FUND_APPLICATION;
  else if (g_strcmp0 (text, "payout") == 0)
    *kind = KL_FUND_PAYOUT;
  else
    return FALSE;
  return TRUE;
}

/* OU-soknad-Bergen-kommune-LED-SKOLE-Bergen.pdf */
char *
kl_fund_document_file_name (const KlFundDocument *self,
                            const char           *extension)
{
  const KlClient *client = self->unit != NULL ? self->unit : self->applicant;
  const char *stem = self->kind == KL_FUND_APPLICATION
                     ? (self->lang == KL_LANG_NB ? "OU-soknad" : "OU-application")
                     : (self->lang == KL_LANG_NB ? "OU-utbetaling" : "OU-payout-request");

  return kl_export_file_name (extension, stem, client != NULL ? client->name : "", self->programme->title, NULL);
}

/* "Speaker fee – Kari Nordmann", "Travel – Widerøe": what a line is for. */
char *
kl_fund_document_cost_description (const KlFundDocument *self,
                                   guint                 index)
{
  const KlCostItem *item = g_ptr_array_index (self->costs, index);
  const char *category = kl_export_label (self->lang, KL_LABELS_COST_CATEGORY,
                                          kl_cost_categories[item->category]);
  const char *who = !is_empty (item->consultant_name) ? item->consultant_name
                    : !is_empty (item->supplier) ? item->supplier
                    : item->note;

  if (is_empty (who))
    return g_strdup (category);
  return g_strdup_printf ("%s – %s", category, who);
}

/* Which of the fund's rules decided a line, as one sentence a reader at KS
 * can take in once for all lines it applies to; *key is the same for
 * lines under the same sentence. Line figures (days, persons, the amount
 * counted) are in the line itself, so the sentence names only the cap. */
char *
kl_fund_document_rule_note (const KlFundDocument *self,
                            guint                 index,
                            guint                *key)
{
  const KlCostItem *item = g_ptr_array_index (self->costs, index);
  const KlClaimLine *line = g_ptr_array_index (self->claim->lines, index);
  const KlSchemeVersion *scheme = self->claim->scheme;
  g_autoptr(KlExportLanguage) scope = kl_export_language_push (self->lang);
  g_autofree char *fee_cap = kl_money_format (scheme->fee_cap_ore, self->lang);
  g_autofree char *participant_cap = kl_money_format (scheme->participant_fee_cap_ore, self->lang);
  g_autofree char *study_cap = kl_money_format (scheme->study_fee_cap_ore, self->lang);
  gboolean study = line->category == KL_COST_STUDY_FEE;
  const char *reason;
  guint dummy;

  if (key == NULL)
    key = &dummy;
  *key = line->rule * 100;
  switch (line->rule)
    {
    case KL_RULE_FEE_WITHIN_CAP:
      return g_strdup_printf (_("A fee within the cap of %s per speaker or supervisor per day counts in full."),
                              fee_cap);
    case KL_RULE_FEE_CAPPED:
      /* Less than both the amount and the cap: the day's cap was shared
       * with the same person's other fee lines. */
      if (line->cap_ore != KL_NO_AMOUNT && line->counted_ore < MIN (line->net_ore, line->cap_ore))
        {
          *key += 1;
          return g_strdup_printf (_("A fee counts at most %s per person and day, shared by all fee lines of that "
                                    "person on the same day: the line counts what the day's cap leaves."),
                                  fee_cap);
        }
      return g_strdup_printf (_("A fee above the cap counts %s per speaker or supervisor per day, times the days."),
                              fee_cap);
    case KL_RULE_SPEAKER_EXPENSE:
      return g_strdup (_("The actual travel and accommodation costs of a speaker or supervisor count in full."));
    case KL_RULE_EXPENSE_NOT_SPEAKER:
      return g_strdup (_("Not eligible: only the travel and accommodation of speakers and supervisors count."));
    case KL_RULE_PERSON_FEE_WITHIN_CAP:
      *key += study;
      return study ? g_strdup_printf (_("A study fee within the cap of %s per participant per semester counts in full."),
                                      study_cap)
                   : g_strdup_printf (_("A participant fee within the cap of %s per person counts in full."),
                                      participant_cap);
    case KL_RULE_PERSON_FEE_CAPPED:
      *key += study;
      return study ? g_strdup_printf (_("A study fee above the cap counts %s per participant per semester."), study_cap)
                   : g_strdup_printf (_("A participant fee above the cap counts %s per person."), participant_cap);
    case KL_RULE_NOT_ELIGIBLE:
    default:
      *key = KL_RULE_NOT_ELIGIBLE * 100 + 10 + item->category;
      if ((reason = kl_rule_not_eligible_reason (item->category)) != NULL)
        return g_strdup (reason);
      if (kl_cost_category_is_per_person (item->category) && item->persons <= 0)
        {
          *key = KL_RULE_NOT_ELIGIBLE * 100 + 1;
          return g_strdup (_("Not counted: the number of persons is not given, and the fund caps these fees "
                             "per person."));
        }
      *key = KL_RULE_NOT_ELIGIBLE * 100 + 2;
      return g_strdup_printf (_("Not eligible under %s"), scheme->name);
    }
}
