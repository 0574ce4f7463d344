#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-clock.h"
#include "kl-date.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-fund-seal.h"
#include "kl-labels.h"
#include "kl-programme-view-private.h"
#include "kl-question.h"
#include "kl-validate.h"

/* The Funding tab: the case with KS as its four steps, each with the data
 * it needs and a button to record it; the claim line by line; and plain
 * warnings about what would stop the money. The store decides which step
 * may follow which, and its refusals are shown where they apply. The
 * steps are not undone: the fund's process only goes forward. Over 800
 * lines and kept whole: the four steps share one form (its fields, their
 * checks, the warning about a late application as it is typed, and the
 * question before a step out of order or one that seals a document), and
 * a file per step would each need the rest. */

#define EXPIRY_WARNING_DAYS 60

static const char *const step_statuses[] = { "applied", "granted", "payout-requested", "paid" };

typedef enum
{
  FIELD_DATE,
  FIELD_AMOUNT,
  FIELD_CASE_NO,
} FieldKind;

typedef struct
{
  const char *name;
  AdwEntryRow *row;
  const char *label;     /* as the core names it in its messages */
  KlFundingStep step;
  FieldKind kind;
  gsize offset;          /* in KlFundingCase */
} Field;

#define N_FIELDS 9

/* Helpers */

static void
get_fields (KlProgrammeView *self,
            Field            fields[N_FIELDS])
{
  const Field all[N_FIELDS] = {
    { "applied-date", self->applied_date_row, _("Application date"),
      KL_FUNDING_STEP_APPLICATION, FIELD_DATE, G_STRUCT_OFFSET (KlFundingCase, applied_date) },
    { "applied-amount", self->applied_amount_row, _("Applied amount"),
      KL_FUNDING_STEP_APPLICATION, FIELD_AMOUNT, G_STRUCT_OFFSET (KlFundingCase, applied_ore) },
    { "case-no", self->case_no_row, _("Case number"),
      KL_FUNDING_STEP_GRANT, FIELD_CASE_NO, G_STRUCT_OFFSET (KlFundingCase, case_no) },
    { "granted-amount", self->granted_amount_row, _("Granted amount"),
      KL_FUNDING_STEP_GRANT, FIELD_AMOUNT, G_STRUCT_OFFSET (KlFundingCase, granted_ore) },
    { "grant-date", self->grant_date_row, _("Grant date"),
      KL_FUNDING_STEP_GRANT, FIELD_DATE, G_STRUCT_OFFSET (KlFundingCase, grant_date) },
    { "expiry-date", self->expiry_date_row, _("Expiry date"),
      KL_FUNDING_STEP_GRANT, FIELD_DATE, G_STRUCT_OFFSET (KlFundingCase, expiry_date) },
    { "payout-date", self->payout_date_row, _("Payout request date"),
      KL_FUNDING_STEP_PAYOUT, FIELD_DATE, G_STRUCT_OFFSET (KlFundingCase, payout_date) },
    { "paid-amount", self->paid_amount_row, _("Paid amount"),
      KL_FUNDING_STEP_PAID, FIELD_AMOUNT, G_STRUCT_OFFSET (KlFundingCase, paid_ore) },
    { "paid-date", self->paid_date_row, _("Paid date"),
      KL_FUNDING_STEP_PAID, FIELD_DATE, G_STRUCT_OFFSET (KlFundingCase, paid_date) },
  };

  memcpy (fields, all, sizeof all);
}

/* Where what is about a whole step is said, at the end of its group. */
static const char *const step_keys[] = { "application", "grant", "payout", "paid" };

static GtkWidget *
step_button (KlProgrammeView *self,
             KlFundingStep    step)
{
  GtkWidget *buttons[] = { self->application_button, self->grant_button, self->payout_button, self->paid_button };

  return buttons[step];
}

/* The last step recorded: -1 for none (draft); a rejected application
 * counts as the application. */
static int
current_step (const KlFundingCase *funding)
{
  if (funding == NULL || g_strcmp0 (funding->status, "draft") == 0)
    return -1;
  if (g_strcmp0 (funding->status, "rejected") == 0)
    return KL_FUNDING_STEP_APPLICATION;
  for (int i = 0; i < (int) G_N_ELEMENTS (step_statuses); i++)
    if (g_strcmp0 (funding->status, step_statuses[i]) == 0)
      return i;
  return -1;
}

/* Reads one field; FALSE with the message under it when it is wrong. */
static gboolean
read_field (const Field  *field,
            gpointer      value,
            GError      **error)
{
  g_autofree char *text = kl_form_entry_text (GTK_EDITABLE (field->row));

  switch (field->kind)
    {
    case FIELD_DATE:
      if (text != NULL && (text = kl_date_parse (field->label, g_steal_pointer (&text), NULL, error)) == NULL)
        return FALSE;
      if (value != NULL)
        *(char **) value = g_steal_pointer (&text);
      return TRUE;
    case FIELD_CASE_NO:
      if (!kl_validate_case_no (field->label, text, error))
        return FALSE;
      if (value != NULL)
        *(char **) value = g_steal_pointer (&text);
      return TRUE;
    case FIELD_AMOUNT:
      {
        gint64 ore = KL_NO_AMOUNT;

        if (text != NULL)
          {
            if (!kl_money_parse (text, &ore, error))
              {
                g_prefix_error (error, "%s: ", field->label);
                return FALSE;
              }
            if (!kl_validate_amount (field->label, ore, error))
              return FALSE;
          }
        if (value != NULL)
          *(gint64 *) value = ore;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  g_autofree char *shown = kl_form_date_to_text (text);   /* a date as people write it */

  gtk_editable_set_text (GTK_EDITABLE (row), shown);
}

static void
set_amount (AdwEntryRow *row,
            gint64       ore)
{
  g_autofree char *text = ore == KL_NO_AMOUNT ? NULL : kl_programme_view_format_money (ore);

  set_text (row, text);
}

static void
set_value (GtkLabel *label,
           gint64    ore)
{
  g_autofree char *text = ore == KL_NO_AMOUNT ? g_strdup ("—") : kl_programme_view_format_money (ore);

  gtk_label_set_text (label, text);
}

typedef enum
{
  FIGURE_APPLIED,
  FIGURE_GRANTED,
  FIGURE_CLAIMED,
  FIGURE_PAID,
  N_FIGURES
} Figure;

static const char *const figure_names[N_FIGURES] = { "applied", "granted", "claimed", "paid" };

static void
add_figure (KlProgrammeView *self,
            Figure           figure,
            const char      *caption,
            gint64           ore,
            const char      *note)
{
  g_autofree char *amount = ore == KL_NO_AMOUNT ? g_strdup ("—") : kl_programme_view_format_money (ore);

  gtk_flow_box_append (self->figures_box, kl_form_figure_card_new (caption, amount, note, NULL));
  g_free (self->figures[figure]);
  self->figures[figure] = g_steal_pointer (&amount);
}

/* A figure's note that names a day: @format has one %s, for the date. */
static char *
date_note (const char *format,
           const char *iso_date)
{
  g_autofree char *date = kl_format_date (iso_date);

  return g_strdup_printf (format, date);
}

/* Applied, granted, claimed and paid together: what was asked, what KS
 * said, what the invoices give now and what came in. */
static void
load_figures (KlProgrammeView     *self,
              const KlFundingCase *funding,
              const KlClaim       *claim,
              const KlClaim       *application)
{
  g_autofree char *applied_note = NULL;
  g_autofree char *granted_note = NULL;
  g_autofree char *claimed_note = NULL;
  g_autofree char *paid_note = NULL;
  gboolean applied = funding != NULL && funding->applied_date != NULL && current_step (funding) >= 0;
  gboolean granted = funding != NULL && funding->granted_ore != KL_NO_AMOUNT && current_step (funding) >= KL_FUNDING_STEP_GRANT;
  gboolean requested = funding != NULL && current_step (funding) >= KL_FUNDING_STEP_PAYOUT;
  gboolean paid = funding != NULL && current_step (funding) >= KL_FUNDING_STEP_PAID;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);

  if (applied)
    /* Translators: under the amount applied for, "on 13 Nov 2026" */
    applied_note = date_note (_("on %s"), funding->applied_date);
  else if (application != NULL)
    {
      g_autofree char *amount = kl_programme_view_format_money (application->claim_ore);

      /* Translators: under "Applied for" before the application, "not yet; the budget gives 315 000,00 kr" */
      applied_note = g_strdup_printf (_("not yet; the budget gives %s"), amount);
    }
  else
    applied_note = g_strdup (_("not yet"));
  add_figure (self, FIGURE_APPLIED, _("Applied for"), applied ? funding->applied_ore : KL_NO_AMOUNT, applied_note);

  if (granted)
    /* Translators: under the amount granted, "expires 7 Jan 2027" */
    granted_note = date_note (_("expires %s"), funding->expiry_date);
  else if (funding != NULL && g_strcmp0 (funding->status, "rejected") == 0)
    granted_note = g_strdup (_("rejected"));
  add_figure (self, FIGURE_GRANTED, _("Granted"), granted ? funding->granted_ore : KL_NO_AMOUNT,
              granted_note ? granted_note : _("not yet"));

  if (requested)
    /* Translators: under the amount claimed, "requested on 20 Nov 2026" */
    claimed_note = date_note (_("requested on %s"), funding->payout_date);
  else
    claimed_note = g_strdup (_("from the invoices, at most the grant"));
  add_figure (self, FIGURE_CLAIMED, _("Claimed"), claim ? claim->payout_ore : KL_NO_AMOUNT, claimed_note);

  if (paid)
    paid_note = date_note (_("on %s"), funding->paid_date);
  add_figure (self, FIGURE_PAID, _("Paid out"), paid ? funding->paid_ore : KL_NO_AMOUNT,
              paid_note ? paid_note : _("not yet"));
}

static int
days_until (const char *iso_date)
{
  g_autofree char *today = kl_today ();
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_parse (&a, today);
  g_date_set_parse (&b, iso_date);
  if (!g_date_valid (&a) || !g_date_valid (&b))
    return G_MAXINT;
  return g_date_days_between (&a, &b);
}

/* An application dated after the programme began is said before it is
 * recorded, first among the warnings at the top of the form, and again
 * as the date is typed; not only in the question on recording. */
static void
update_early_warning (KlProgrammeView     *self,
                      const KlFundingCase *funding)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (self->funding_warnings), "early-card");
  g_autoptr(KlFundingCase) draft = NULL;
  g_autoptr(GPtrArray) early = NULL;
  Field fields[N_FIELDS];

  if (card != NULL)
    gtk_box_remove (self->funding_warnings, card);
  g_object_set_data (G_OBJECT (self->funding_warnings), "early-card", NULL);
  if (current_step (funding) < KL_FUNDING_STEP_APPLICATION)
    {
      draft = kl_funding_case_new ();
      early = g_ptr_array_new_with_free_func (g_free);
      get_fields (self, fields);
      draft->programme_id = self->programme_id;
      draft->status = g_strdup ("applied");
      if (read_field (&fields[0], &draft->applied_date, NULL) && draft->applied_date != NULL
          && kl_store_check_funding_step (self->db, draft, FALSE, early, NULL) && early->len > 0)
        {
          kl_programme_view_add_card (self->funding_warnings, "warning", g_ptr_array_index (early, 0));
          card = gtk_widget_get_last_child (GTK_WIDGET (self->funding_warnings));
          gtk_box_reorder_child_after (self->funding_warnings, card, NULL);
          g_object_set_data (G_OBJECT (self->funding_warnings), "early-card", card);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->funding_warnings)) != NULL);
}

static void
load_warnings (KlProgrammeView     *self,
               const KlFundingCase *funding,
               const KlClaim       *claim)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (self->db, self->programme_id, NULL);
  g_autofree char *now = kl_clock_now_minutes ();
  guint ahead = 0;

  kl_programme_view_clear_box (self->funding_warnings);

  g_object_set_data (G_OBJECT (self->funding_warnings), "early-card", NULL);
  update_early_warning (self, funding);

  /* The parent entity applies and is paid, by its org number. */
  if (kl_store_legal_entity (self->db, self->programme->client_id, &error) == 0)
    kl_programme_view_add_card (self->funding_warnings, "error", error ? error->message : _("The client has no organisation number"));

  if (funding != NULL && g_strcmp0 (funding->status, "granted") == 0 && funding->expiry_date != NULL)
    {
      int days = days_until (funding->expiry_date);
      g_autofree char *date = kl_format_date (funding->expiry_date);
      g_autofree char *text = NULL;

      if (days < 0)
        {
          text = g_strdup_printf (_("The grant expired on %s without a payout request."), date);
          kl_programme_view_add_card (self->funding_warnings, "error", text);
        }
      else if (days <= EXPIRY_WARNING_DAYS)
        {
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The grant expires on %s, in %d day, and no payout request is recorded yet.",
                                               "The grant expires on %s, in %d days, and no payout request is recorded yet.",
                                               days), date, days);
          kl_programme_view_add_card (self->funding_warnings, "warning", text);
        }
    }

  if (claim != NULL && claim->granted_ore != KL_NO_AMOUNT && claim->claim_ore > claim->granted_ore)
    {
      g_autofree char *claimed = kl_programme_view_format_money (claim->claim_ore);
      g_autofree char *granted = kl_programme_view_format_money (claim->granted_ore);
      g_autofree char *text = g_strdup_printf (_("The claim of %s is more than the grant of %s: the payout will be %s."),
                                               claimed, granted, granted);

      kl_programme_view_add_card (self->funding_warnings, "warning", text);
    }

  /* What may make the claim wrong: fee days that may overlap. */
  for (guint i = 0; claim != NULL && i < claim->warnings->len; i++)
    kl_programme_view_add_card (self->funding_warnings, "warning", g_ptr_array_index (claim->warnings, i));

  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    if (g_strcmp0 (((KlSession *) g_ptr_array_index (sessions, i))->starts_at, now) > 0)
      ahead++;
  if (ahead > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u session is still to come: the payout request goes after the programme, with its actual costs.",
                                                            "%u sessions are still to come: the payout request goes after the programme, with its actual costs.",
                                                            ahead), ahead);

      kl_programme_view_add_card (self->funding_warnings, "warning", text);
    }

  /* What was sent stays as it was; the figures may have moved since. */
  for (KlFundDocumentKind kind = KL_FUND_APPLICATION; kind <= KL_FUND_PAYOUT; kind++)
    {
      g_autoptr(GError) seal_error = NULL;
      g_autofree char *technical = kl_fund_seal_difference (self->db, self->programme_id, kind, &seal_error);
      g_autofree char *difference = kl_fund_documents_describe_difference (technical);
      g_autofree char *text = NULL;

      if (difference == NULL)
        continue;
      text = g_strdup_printf (kind == KL_FUND_APPLICATION
                              ? _("The application as sent differs from the figures now: %s")
                              : _("The payout request as sent differs from the figures now: %s"),
                              difference);
      kl_programme_view_add_card (self->funding_warnings, "warning", text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->funding_warnings)) != NULL);
}

static void
load_claim (KlProgrammeView *self,
            const KlClaim   *claim)
{
  g_autofree char *rate = NULL;
  g_autofree char *description = NULL;

  kl_programme_view_clear_list (self->funding_lines);
  if (claim == NULL)
    return;
  rate = kl_form_format_percent (claim->scheme->rate_permille / 1000.0);
  gtk_label_set_text (self->claim_rate_label, rate);
  set_value (self->claim_basis_label, claim->eligible_ore);
  set_value (self->claim_amount_label, claim->claim_ore);
  set_value (self->claim_granted_label, claim->granted_ore);
  set_value (self->claim_payout_label, claim->payout_ore);
  set_value (self->payout_claim_label, claim->payout_ore);
  /* Translators: %s names the rules, e.g. "KS OU-midler 2024" */
  description = g_strdup_printf (_("By %s: VAT never counts, fees at most the cap per day, and the payout at most the grant."),
                                 claim->scheme->name);
  adw_preferences_group_set_description (self->claim_group, description);

  for (guint i = 0; i < claim->lines->len; i++)
    {
      const KlClaimLine *line = g_ptr_array_index (claim->lines, i);
      const char *category = kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[line->category]);
      g_autofree char *title = line->who ? g_strdup_printf ("%s · %s", category, line->who) : g_strdup (category);
      g_autofree char *counted = kl_programme_view_format_money (line->counted_ore);
      g_autofree char *net = kl_programme_view_format_money (line->net_ore);
      /* Translators: "of 60 000,00 kr", under what the fund counts */
      g_autofree char *of_net = g_strdup_printf (_("of %s"), net);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *top = gtk_label_new (counted);
      GtkWidget *bottom = gtk_label_new (of_net);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line->explanation);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (top), 1);
      gtk_label_set_xalign (GTK_LABEL (bottom), 1);
      gtk_label_set_width_chars (GTK_LABEL (top), 14);
      gtk_widget_add_css_class (top, "numeric");
      gtk_widget_add_css_class (top, line->counted_ore > 0 ? "success" : "dim-label");
      gtk_widget_add_css_class (bottom, "numeric");
      gtk_widget_add_css_class (bottom, "dim-label");
      gtk_widget_add_css_class (bottom, "caption");
      gtk_box_append (GTK_BOX (box), top);
      gtk_box_append (GTK_BOX (box), bottom);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (self->funding_lines, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lines_group), claim->lines->len > 0);
}

static void
load_buttons (KlProgrammeView     *self,
              const KlFundingCase *funding)
{
  static const char *const record_labels[] = {
    N_("Record _Application"), N_("Record _Grant"), N_("Record _Payout Request"), N_("Record Pa_yment"),
  };
  int current = current_step (funding);
  gboolean rejected = funding != NULL && g_strcmp0 (funding->status, "rejected") == 0;

  for (int step = 0; step < (int) G_N_ELEMENTS (record_labels); step++)
    {
      GtkWidget *button = step_button (self, step);
      gboolean done = step <= current;
      gboolean next = step == current + 1 && !rejected;

      gtk_button_set_label (GTK_BUTTON (button), done ? _("_Save Changes") : _(record_labels[step]));
      gtk_widget_set_sensitive (button, done || next);
      gtk_widget_set_tooltip_text (button, done || next ? NULL : _("Record the steps before this one first"));
      if (next)
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_remove_css_class (button, "suggested-action");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rejection_row),
                          funding != NULL && (rejected || g_strcmp0 (funding->status, "applied") == 0));
  if (rejected)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rejection_row), _("KS rejected the application"));
      gtk_button_set_label (GTK_BUTTON (self->rejection_button), _("_Reopen as Draft"));
      gtk_widget_remove_css_class (self->rejection_button, "destructive-action");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rejection_row), _("Did KS say no?"));
      gtk_button_set_label (GTK_BUTTON (self->rejection_button), _("Record _Rejection"));
      gtk_widget_add_css_class (self->rejection_button, "destructive-action");
    }
}

/* The next step's date is most likely today, and its amount what was
 * worked out: a head start, saved only when the step is recorded. */
static void
suggest_next (KlProgrammeView     *self,
              const KlFundingCase *funding,
              const KlClaim       *claim,
              const KlClaim       *application)
{
  g_autofree char *today = kl_today ();
  int next = current_step (funding) + 1;

  if (funding != NULL && g_strcmp0 (funding->status, "rejected") == 0)
    return;
  switch (next)
    {
    case KL_FUNDING_STEP_APPLICATION:
      /* What the budget gives (the invoices' for a programme without one). */
      set_text (self->applied_date_row, today);
      if (application != NULL && application->claim_ore > 0)
        set_amount (self->applied_amount_row, application->claim_ore);
      break;
    case KL_FUNDING_STEP_PAYOUT:
      set_text (self->payout_date_row, today);
      break;
    case KL_FUNDING_STEP_PAID:
      set_text (self->paid_date_row, today);
      if (claim != NULL)
        set_amount (self->paid_amount_row, claim->payout_ore);
      break;
    default:
      break;
    }
}

static gboolean record_step (KlProgrammeView  *self,
                             KlFundingStep     step,
                             gboolean          confirmed,
                             GError          **error);

static void
on_confirmation_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             KlProgrammeView  *self)
{
  KlFundingStep step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "step"));
  g_autoptr(GError) error = NULL;

  g_clear_weak_pointer (&self->confirmation);
  /* A refusal is shown under the field or the step it concerns. */
  if (g_strcmp0 (response, "record") == 0)
    record_step (self, step, TRUE, &error);
}

/* Asks whether to go on despite what the store said; the step is
 * recorded when the answer is yes. */
static void
ask_confirmation (KlProgrammeView *self,
                  KlFundingStep    step,
                  const char      *heading,
                  const char      *body,
                  gboolean         warned)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = kl_question_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body,
                                              "record", warned ? _("_Record Anyway") : _("_Record and Seal"));

  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  /* Without a warning, recording is the expected next step. */
  if (!warned)
    adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "step", GINT_TO_POINTER (step));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmation_response_cb), self, 0);
  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         KlProgrammeView  *self)
{
  g_clear_weak_pointer (&self->confirmation);
  if (g_strcmp0 (response, "reload") != 0)
    return;
  self->funding_edited = FALSE;
  kl_programme_view_load_funding (self);
}

/* The store's "Kari changed this funding case at 14:02": Reload shows the
 * case as stored (what was typed here goes), Keep Editing leaves the
 * fields as they are (a new try is refused again until reloaded). */
static void
ask_about_conflict (KlProgrammeView *self,
                    const char      *heading)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("Reload shows the funding case as it is saved now; what you typed "
                                                "here is then gone. Keep Editing leaves your fields as they are."));

  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "reload", _("_Reload"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reload");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What recording a step that seals will keep, said before it is kept:
 * the document, the amount, and that it stays as sent. */
static char *
describe_seal (KlProgrammeView     *self,
               KlFundingStep        step,
               const KlFundingCase *funding)
{
  g_autofree char *amount = NULL;

  if (step == KL_FUNDING_STEP_APPLICATION)
    {
      amount = kl_programme_view_format_money (funding->applied_ore);
      /* Translators: %s is the amount applied for, "315 000,00 kr" */
      return g_strdup_printf (_("The application to KS for %s is kept exactly as it is sent, as XML and PDF. "
                                "The kept copies cannot be changed afterwards; if you send the application "
                                "again, a new copy supersedes them."), amount);
    }
  else
    {
      g_autoptr(KlClaim) claim = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_ACTUALS, NULL);

      amount = kl_programme_view_format_money (claim != NULL ? claim->payout_ore : KL_NO_AMOUNT);
      /* Translators: %s is the payout asked for, "63 000,00 kr", then the case number */
      return g_strdup_printf (_("The payout request to KS for %s under case %s is kept exactly as it is sent, "
                                "as XML and PDF. The kept copies cannot be changed afterwards; if you send the "
                                "request again, a new copy supersedes them."),
                              amount, funding->case_no ? funding->case_no : "—");
    }
}

/* FALSE with KL_ERROR_UNCONFIRMED, and the question asked, when the store
 * has something to say about the step that the user has not confirmed, or
 * when the step seals a document; its other refusals under the step. */
static gboolean
check_step (KlProgrammeView     *self,
            KlFundingStep        step,
            const KlFundingCase *funding,
            gboolean             seals,
            gboolean             confirmed,
            GError             **error)
{
  static const char *const headings[] = {
    N_("Record the Application?"), N_("Record the Grant?"), N_("Record the Payout Request?"),
    N_("Record the Payment?"),
  };
  static const char *const seal_headings[] = {
    N_("Record and Seal the Application?"), NULL, N_("Record and Seal the Payout Request?"), NULL,
  };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  if (!kl_store_check_funding_step (self->db, funding, confirmed, warnings, &local)
      && (confirmed || !g_error_matches (local, KL_ERROR, KL_ERROR_UNCONFIRMED)))
    {
      kl_field_set_set_error (self->funding_fields, step_keys[step], local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  seals = seals && seal_headings[step] != NULL;
  if (confirmed || (local == NULL && warnings->len == 0 && !seals))
    return TRUE;

  /* What may be wrong first, then what will be kept. */
  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", (char *) g_ptr_array_index (warnings, i));
  if (seals)
    {
      g_autofree char *kept = describe_seal (self, step, funding);

      g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", kept);
    }
  if (local != NULL)
    {
      /* A payment above the grant: said under the amount, and asked. */
      kl_field_set_set_error (self->funding_fields, "paid-amount", local->message);
      g_string_append_printf (body, "%s%s\n\n%s", body->len > 0 ? "\n\n" : "", local->message,
                              _("Record it only if KS really paid this amount."));
    }
  ask_confirmation (self, step,
                    local != NULL ? _("Record a Payment Above the Grant?")
                    : seals ? _(seal_headings[step]) : _(headings[step]),
                    body->str, local != NULL || warnings->len > 0);
  g_set_error_literal (error, KL_ERROR, KL_ERROR_UNCONFIRMED, body->str);
  return FALSE;
}

/* Signal callbacks */

static void
on_field_changed_cb (GtkEditable     *editable,
                     KlProgrammeView *self)
{
  /* The field set checks the field itself. */
  if (self->filling_funding)
    return;
  self->funding_edited = TRUE;
  if (editable == GTK_EDITABLE (self->applied_date_row))
    update_early_warning (self, self->funding);
}

static void
on_step_clicked_cb (GtkButton       *button,
                    KlProgrammeView *self)
{
  KlFundingStep step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step"));
  g_autoptr(GError) error = NULL;

  /* A refusal is shown under the field or the step it concerns. */
  kl_programme_view_record_funding_step (self, step, &error);
}

static void
on_rejection_clicked_cb (KlProgrammeView *self)
{
  g_autoptr(KlFundingCase) funding = NULL;
  g_autoptr(GError) error = NULL;
  gboolean rejecting;

  if (self->funding == NULL)
    return;
  funding = kl_store_get_funding_case (self->db, self->programme_id, self->funding->scheme, &error);
  if (funding == NULL)
    {
      kl_field_set_set_error (self->funding_fields, "application", error->message);
      return;
    }
  rejecting = g_strcmp0 (funding->status, "applied") == 0;
  g_free (funding->status);
  funding->status = g_strdup (rejecting ? "rejected" : "draft");
  if (!kl_store_save_funding_case (self->db, funding, &error))
    {
      kl_field_set_set_error (self->funding_fields, "application", error->message);
      return;
    }
  kl_actions_toast (GTK_WIDGET (self), rejecting ? _("Rejection recorded") : _("The case is a draft again"));
}

/* Shared with the view */

void
kl_programme_view_init_funding (KlProgrammeView *self)
{
  Field fields[N_FIELDS];
  GtkWidget *buttons[] = { self->application_button, self->grant_button, self->payout_button, self->paid_button };

  /* The same fields as the editors': checked as they are typed, dates as
   * Norwegians write them with the date understood and a calendar, what
   * is wrong right under the field, and a refused step under its group.
   * The view keeps the set as long as it lives. */
  self->funding_fields = kl_field_set_new ();
  g_object_set_data_full (G_OBJECT (self), "kl-funding-fields", self->funding_fields, g_object_unref);
  get_fields (self, fields);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (fields[i].kind == FIELD_DATE)
        kl_field_set_add_date (self->funding_fields, fields[i].name, fields[i].row, FALSE);
      else
        kl_field_set_add_entry (self->funding_fields, fields[i].name, fields[i].row,
                                fields[i].kind == FIELD_AMOUNT ? kl_field_set_check_amount : kl_validate_case_no,
                                FALSE);
      kl_field_set_set_label (self->funding_fields, fields[i].name, fields[i].label);
      g_signal_connect (fields[i].row, "changed", G_CALLBACK (on_field_changed_cb), self);
    }
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    kl_field_set_add_group_message (self->funding_fields, step_keys[i],
                                    ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (buttons[i],
                                                                                    ADW_TYPE_PREFERENCES_GROUP)));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_object_set_data (G_OBJECT (buttons[i]), "step", GINT_TO_POINTER (i));
      g_signal_connect (buttons[i], "clicked", G_CALLBACK (on_step_clicked_cb), self);
    }
  g_signal_connect_swapped (self->rejection_button, "clicked", G_CALLBACK (on_rejection_clicked_cb), self);
}

void
kl_programme_view_load_funding (KlProgrammeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClaim) claim = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_ACTUALS, NULL);
  g_autoptr(KlClaim) application = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_APPLICATION, NULL);
  KlFundingCase *funding = kl_store_get_funding_case (self->db, self->programme_id, NULL, &error);
  Field fields[N_FIELDS];

  if (funding == NULL && !g_error_matches (error, KL_ERROR, KL_ERROR_NOT_FOUND))
    g_warning ("Cannot load the funding case: %s", error->message);
  g_clear_pointer (&self->funding, kl_funding_case_free);
  self->funding = funding;

  self->filling_funding = TRUE;
  get_fields (self, fields);
  if (!self->funding_edited)
    self->funding_version = funding ? funding->version : 0;
  for (guint i = 0; i < N_FIELDS && !self->funding_edited; i++)
    {
      gpointer value = funding ? G_STRUCT_MEMBER_P (funding, fields[i].offset) : NULL;

      if (fields[i].kind == FIELD_AMOUNT)
        set_amount (fields[i].row, value ? *(gint64 *) value : KL_NO_AMOUNT);
      else
        set_text (fields[i].row, value ? *(char **) value : NULL);
    }
  if (!self->funding_edited)
    suggest_next (self, funding, claim, application);
  self->filling_funding = FALSE;
  /* As loaded: nothing said yet but what is wrong with a stored value. */
  kl_field_set_reset (self->funding_fields);

  gtk_label_set_text (self->funding_status_label,
                      funding ? kl_label (KL_LABELS_FUNDING_STATUS, funding->status) : _("Not applied for"));
  load_buttons (self, funding);
  load_figures (self, funding, claim, application);
  load_claim (self, claim);
  load_warnings (self, funding, claim);
  kl_fund_documents_group_set_programme (self->documents_group, self->db, self->programme_id);
}

/* Public API (declared in kl-programme-view.h) */

KlFundDocumentsGroup *
kl_programme_view_get_documents_group (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  return self->documents_group;
}

GtkEditable *
kl_programme_view_get_funding_field (KlProgrammeView *self,
                                     const char      *name)
{
  Field fields[N_FIELDS];

  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  get_fields (self, fields);
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i].name, name))
      return GTK_EDITABLE (fields[i].row);
  g_return_val_if_reached (NULL);
}

/* Under a field (applied-date, …) or a step (application, grant, payout,
 * paid); "" when nothing is said. */
const char *
kl_programme_view_get_funding_message (KlProgrammeView *self,
                                       const char      *name)
{
  const char *message;

  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  message = kl_field_set_get_error (self->funding_fields, name);
  return message != NULL ? message : "";
}

/* Records a step with what its fields (and those of the steps before it)
 * say; a step already taken saves corrections and keeps the status. What
 * the store says deserves a word (a payout request after the grant
 * expired, an application after the programme began, a payment above the
 * grant) is asked about first, unless confirmed. */
static gboolean
record_step (KlProgrammeView  *self,
             KlFundingStep     step,
             gboolean          confirmed,
             GError          **error)
{
  g_autoptr(KlFundingCase) funding = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *note = NULL;
  Field fields[N_FIELDS];
  int current;
  gboolean ok = TRUE;

  funding = kl_store_get_funding_case (self->db, self->programme_id, NULL, &local);
  if (funding == NULL)
    {
      if (!g_error_matches (local, KL_ERROR, KL_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_clear_error (&local);
      funding = kl_funding_case_new ();
      funding->programme_id = self->programme_id;
      funding->status = g_strdup ("draft");
    }
  /* Over the version the fields were filled from (a new case: any). */
  if (funding->id > 0)
    funding->version = self->funding_version;
  previous = g_strdup (funding->status);
  current = current_step (funding);
  if ((int) step > current)
    {
      g_free (funding->status);
      funding->status = g_strdup (step_statuses[step]);
    }

  /* What was said for the last try goes; each field is checked again. */
  kl_field_set_validate (self->funding_fields);
  get_fields (self, fields);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autoptr(GError) field_error = NULL;

      if ((int) fields[i].step > MAX ((int) step, current))
        continue;
      if (fields[i].kind == FIELD_AMOUNT)
        ok &= read_field (&fields[i], G_STRUCT_MEMBER_P (funding, fields[i].offset), &field_error);
      else
        {
          char **text = G_STRUCT_MEMBER_P (funding, fields[i].offset);

          g_clear_pointer (text, g_free);
          ok &= read_field (&fields[i], text, &field_error);
        }
      if (field_error != NULL)
        kl_field_set_set_error (self->funding_fields, fields[i].name, field_error->message);
      if (field_error != NULL && local == NULL)
        local = g_steal_pointer (&field_error);
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!check_step (self, step, funding, (int) step > current, confirmed, error))
    return FALSE;

  /* A step that marks a document as sent keeps it as it went out. */
  tx = kl_db_begin (self->db, &local);
  if (tx == NULL
      || !kl_store_save_funding_case (self->db, funding, &local)
      || !kl_fund_seal_step (self->db, funding, previous,
                             kl_fund_documents_group_get_lang (self->documents_group), &note, &local)
      || !kl_transaction_commit (tx, &local))
    {
      const char *where = step_keys[step];

      /* Someone saved the case since the fields were filled: theirs is
       * not overwritten; the user chooses to see it or keep typing. */
      if (g_error_matches (local, KL_ERROR, KL_ERROR_CONFLICT))
        {
          ask_about_conflict (self, local->message);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }

      /* The store names the field first: "Grant date: required". */
      for (guint i = 0; i < N_FIELDS && !g_error_matches (local, KL_ERROR, KL_ERROR_TRANSITION); i++)
        if (g_str_has_prefix (local->message, fields[i].label)
            && local->message[strlen (fields[i].label)] == ':')
          {
            where = fields[i].name;
            break;
          }
      kl_field_set_set_error (self->funding_fields, where, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* What was typed is stored: the reload that follows shows it, and the
   * next step goes over this version even before that reload. */
  self->funding_edited = FALSE;
  self->funding_version = funding->version;

    {
      static const char *const done[] = {
        N_("Application recorded"), N_("Grant recorded"), N_("Payout request recorded"), N_("Payment recorded"),
      };

      g_autofree char *message = NULL;

      /* Toast titles are markup. */
      g_autofree char *escaped = note != NULL ? g_markup_escape_text (note, -1) : NULL;

      message = escaped != NULL ? g_strdup_printf ("%s. %s", (int) step > current ? _(done[step]) : _("Changes saved"), escaped)
                                : g_strdup ((int) step > current ? _(done[step]) : _("Changes saved"));
      kl_actions_toast (GTK_WIDGET (self), message);
    }
  return TRUE;
}

gboolean
kl_programme_view_record_funding_step (KlProgrammeView  *self,
                                       KlFundingStep     step,
                                       GError          **error)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), FALSE);
  g_return_val_if_fail (step <= KL_FUNDING_STEP_PAID, FALSE);

  return record_step (self, step, FALSE, error);
}

/* The question waiting for the user's word, or NULL: a funding step
 * (after kl_programme_view_record_funding_step failed with
 * KL_ERROR_UNCONFIRMED), responses "cancel" and "record"; or certificates
 * before the programme is over (programme.certificates), "cancel" and
 * "make". */
AdwMessageDialog *
kl_programme_view_get_confirmation (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  return self->confirmation;
}

/* Applied, granted, claimed or paid, as the Funding tab shows it. */
const char *
kl_programme_view_get_funding_figure (KlProgrammeView *self,
                                      const char      *name)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  for (guint i = 0; i < N_FIGURES; i++)
    if (g_str_equal (name, figure_names[i]))
      return self->figures[i];
  g_return_val_if_reached (NULL);
}
