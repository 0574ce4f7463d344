#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kl-cost-editor-private.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-validate.h"

/* The form read as a cost line while it is typed: each field checked with
 * its message under it, the core's rules said at the field they are about,
 * and the preview of what the fund counts for the line among the
 * programme's others. */

static gboolean
parse_count (const char  *label,
             GtkEditable *field,
             int         *count,
             GError     **error)
{
  g_autofree char *text = kl_form_entry_text (field);

  *count = 0;
  if (text == NULL)
    return TRUE;
  if (strspn (text, "0123456789") == strlen (text) && strlen (text) <= 6)
    {
      *count = atoi (text);
      return TRUE;
    }
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
               /* Translators: %s is the field, e.g. "Days" */
               _("%s: “%s” is not a whole number"), label, text);
  return FALSE;
}

static gboolean
parse_amount (const char  *label,
              GtkEditable *field,
              gboolean     required,
              gint64      *ore,
              GError     **error)
{
  g_autofree char *text = kl_form_entry_text (field);

  *ore = 0;
  if (text == NULL)
    return !required || kl_validate_required (label, text, error);
  if (!kl_money_parse (text, ore, error))
    {
      g_prefix_error (error, "%s: ", label);
      return FALSE;
    }
  return kl_validate_amount (label, *ore, error);
}

/* What is wrong with a field, under it; an empty field waits quietly
 * (still keeping the form from being saved) until the user has typed
 * something. */
static void
show_message (KlCostEditor *self,
              const char   *key,
              GError       *error)
{
  GtkWidget *field = kl_field_set_get_widget (self->fields, key);
  const char *text = GTK_IS_EDITABLE (field) ? gtk_editable_get_text (GTK_EDITABLE (field)) : "";

  if (error == NULL)
    return;
  if (*text == '\0' && !self->typed)
    kl_field_set_set_pending_error (self->fields, key, error->message);
  else
    kl_field_set_set_error (self->fields, key, error->message);
}

static gboolean
parse_day (const char *text,
           GDate      *day)
{
  unsigned y, m, d;

  g_date_clear (day, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* The calendar days of a session, from its start to its end: the store
 * counts a seminar over two days as two fee days, and so does the preview. */
static void
add_session_days (GHashTable      *days,
                  const KlSession *session)
{
  GDate day, last;

  if (!parse_day (session->starts_at, &day))
    return;
  if (!parse_day (session->ends_at, &last) || g_date_compare (&last, &day) < 0)
    last = day;
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    g_hash_table_add (days, g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                                             g_date_get_day (&day)));
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The sessions ticked, NULL for none. */
static GArray *
chosen_sessions (KlCostEditor *self)
{
  GArray *ids = NULL;

  for (guint i = 0; i < self->session_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->session_checks, i)))
      {
        KlSession *session = g_ptr_array_index (self->sessions, i);

        if (ids == NULL)
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_array_append_val (ids, session->id);
      }
  return ids;
}

/* What the line will cover once stored: its sessions' days and its own. */
static char **
covered_days (KlCostEditor *self,
              char        **dates)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer day;

  for (guint i = 0; i < self->session_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->session_checks, i)))
      add_session_days (days, g_ptr_array_index (self->sessions, i));
  for (guint i = 0; dates != NULL && dates[i] != NULL; i++)
    g_hash_table_add (days, g_strdup (dates[i]));
  if (g_hash_table_size (days) == 0)
    return NULL;
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, &day, NULL))
    g_ptr_array_add (sorted, g_strdup (day));
  g_ptr_array_sort (sorted, compare_days);
  g_ptr_array_add (sorted, NULL);
  return g_strdupv ((char **) sorted->pdata);
}

/* With sessions or dates, a fee's days are those it covers: the field
 * shows their number and waits, keeping what was typed for later. */
static void
show_days (KlCostEditor *self,
           guint         n_covered)
{
  gboolean was_free = gtk_widget_get_sensitive (GTK_WIDGET (self->days_row));
  gboolean filling = self->filling;

  self->filling = TRUE;
  if (n_covered > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", n_covered);

      if (was_free)
        {
          g_free (self->free_days);
          self->free_days = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->days_row)));
        }
      gtk_editable_set_text (GTK_EDITABLE (self->days_row), text);
      gtk_widget_set_sensitive (GTK_WIDGET (self->days_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->days_row), _("Days (those of the sessions and dates)"));
    }
  else if (!was_free)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->days_row), self->free_days ? self->free_days : "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->days_row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->days_row), _("Days"));
    }
  self->filling = filling;
}

/* The core's rules speak for the field they are about; each one found is
 * put right in a scratch copy, so that every field's message shows, not
 * only the first. What no field is about goes to the top. */
static void
sort_core_messages (const KlCostItem  *item,
                    GError           **consultant_error,
                    GError           **days_error,
                    GError           **persons_error,
                    GError           **semesters_error,
                    GError           **other_error)
{
  g_autoptr(KlCostItem) scratch = kl_cost_item_copy (item);

  for (int round = 0; round < 5; round++)
    {
      g_autoptr(GError) error = NULL;

      if (kl_cost_item_validate (scratch, &error))
        return;
      if (g_error_matches (error, KL_ERROR, KL_ERROR_MISSING_DAYS))
        {
          if (*days_error == NULL)
            *days_error = g_steal_pointer (&error);
          scratch->days = 1;
        }
      else if (kl_cost_category_is_fee (scratch->category) && scratch->consultant_id <= 0)
        {
          *consultant_error = g_steal_pointer (&error);
          scratch->consultant_id = 1;
        }
      else if (kl_cost_category_is_per_person (scratch->category) && scratch->persons <= 0)
        {
          if (*persons_error == NULL)
            *persons_error = g_steal_pointer (&error);
          scratch->persons = 1;
        }
      else if (scratch->category == KL_COST_STUDY_FEE && scratch->semesters <= 0)
        {
          if (*semesters_error == NULL)
            *semesters_error = g_steal_pointer (&error);
          scratch->semesters = 1;
        }
      else
        {
          *other_error = g_steal_pointer (&error);
          return;
        }
    }
}

/* The item as the form has it, enough for a preview, or NULL while the
 * amounts are wrong; complete says whether it can be saved. What is wrong
 * is said under the field it is about (the field set shows it). */
KlCostItem *
kl_cost_editor_read_form (KlCostEditor *self,
                          gboolean     *complete)
{
  g_autoptr(KlCostItem) item = kl_cost_item_new ();
  g_autoptr(GError) consultant_error = NULL;
  g_autoptr(GError) dates_error = NULL;
  g_autoptr(GError) days_error = NULL;
  g_autoptr(GError) persons_error = NULL;
  g_autoptr(GError) semesters_error = NULL;
  g_autoptr(GError) net_error = NULL;
  g_autoptr(GError) vat_error = NULL;
  g_autoptr(GError) invoice_no_error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) error = NULL;
  guint consultant = adw_combo_row_get_selected (self->consultant_row);
  gboolean fee;
  gboolean ok = TRUE;

  item->id = self->original ? self->original->id : 0;
  item->programme_id = self->programme_id;
  item->category = selected_category (self);
  item->budget = is_budget (self);
  fee = kl_cost_category_is_fee (item->category);
  if (takes_consultant (item->category) && consultant < self->consultant_ids->len)
    {
      item->consultant_id = g_array_index (self->consultant_ids, gint64, consultant);
      item->consultant_name = g_strdup (g_ptr_array_index (self->consultant_names, consultant));
    }
  item->session_ids = chosen_sessions (self);
  if (fee)
    {
      g_autofree char *text = kl_form_entry_text (GTK_EDITABLE (self->dates_row));

      ok &= kl_form_parse_dates (_("Dates"), text, &item->dates, &dates_error);
    }
  else if (source_line (self) != NULL)
    /* Dates only matter to a fee's cap; other lines keep theirs unseen. */
    item->dates = g_strdupv (source_line (self)->dates);
  item->covered = covered_days (self, item->dates);
  if (fee)
    show_days (self, item->covered ? g_strv_length (item->covered) : 0);
  if (fee)
    ok &= parse_count (_("Days"), GTK_EDITABLE (self->days_row), &item->days, &days_error);
  if (kl_cost_category_is_per_person (item->category))
    ok &= parse_count (_("Persons"), GTK_EDITABLE (self->persons_row), &item->persons, &persons_error);
  if (item->category == KL_COST_STUDY_FEE)
    ok &= parse_count (_("Semesters"), GTK_EDITABLE (self->semesters_row), &item->semesters, &semesters_error);
  ok &= parse_amount (_("Net amount"), GTK_EDITABLE (self->net_row), TRUE, &item->net_ore, &net_error);
  ok &= parse_amount (_("VAT"), GTK_EDITABLE (self->vat_row), FALSE, &item->vat_ore, &vat_error);
  item->supplier = kl_form_entry_text (GTK_EDITABLE (self->supplier_row));
  item->note = kl_form_entry_text (GTK_EDITABLE (self->note_row));
  if (!item->budget)
    {
      item->invoice_no = kl_form_entry_text (GTK_EDITABLE (self->invoice_no_row));
      item->invoice_date = kl_form_date_get (GTK_EDITABLE (self->invoice_date_row), _("Invoice date"), &date_error);
      ok &= date_error == NULL;
      /* The invoice is what turns a budget line into an actual cost. */
      if (is_recording_invoice (self))
        {
          ok &= kl_validate_required (_("Invoice number"), item->invoice_no, &invoice_no_error);
          if (date_error == NULL)
            ok &= kl_validate_required (_("Invoice date"), item->invoice_date, &date_error);
        }
    }
  else if (self->original != NULL && self->original->budget)
    {
      /* A budget line has no invoice; what it had stays as it was. */
      item->invoice_no = g_strdup (self->original->invoice_no);
      item->invoice_date = g_strdup (self->original->invoice_date);
    }

  if (!kl_cost_item_validate (item, NULL))
    {
      g_autoptr(GError) core_days = NULL;
      g_autoptr(GError) core_persons = NULL;
      g_autoptr(GError) core_semesters = NULL;

      ok = FALSE;
      sort_core_messages (item, &consultant_error, &core_days, &core_persons, &core_semesters, &error);
      /* What could not be read is said before what is missing. */
      if (days_error == NULL)
        days_error = g_steal_pointer (&core_days);
      if (persons_error == NULL)
        persons_error = g_steal_pointer (&core_persons);
      if (semesters_error == NULL)
        semesters_error = g_steal_pointer (&core_semesters);
    }
  show_message (self, "consultant", consultant_error);
  show_message (self, "dates", dates_error);
  show_message (self, "days", days_error);
  show_message (self, "persons", persons_error);
  show_message (self, "semesters", semesters_error);
  show_message (self, "net", net_error);
  show_message (self, "vat", vat_error);
  show_message (self, "invoice-no", invoice_no_error);
  show_message (self, "invoice-date", date_error);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    kl_field_set_set_error (self->fields, "form", error->message);
  /* Whatever else keeps it from being saved keeps Save off. */
  if (!ok && kl_field_set_get_first_error (self->fields) == NULL)
    kl_field_set_set_pending_error (self->fields, "form", _("Some fields need attention"));

  /* A fee without days still gets a preview: it counts nothing yet. */
  *complete = ok;
  if (net_error != NULL || vat_error != NULL)
    return NULL;
  return g_steal_pointer (&item);
}

/* The claim over the programme's lines of the same kind (budget or
 * actual), with the line as the form has it last, or without it: the
 * fee cap per person and day is shared with the lines before it. */
static KlClaim *
claim_with (KlCostEditor     *self,
            const KlCostItem *item,
            gboolean          include)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  for (guint i = 0; self->others != NULL && i < self->others->len; i++)
    {
      KlCostItem *other = g_ptr_array_index (self->others, i);

      if (!other->budget == !item->budget)
        g_ptr_array_add (lines, other);
    }
  if (include)
    g_ptr_array_add (lines, (gpointer) item);
  return kl_claim_compute (self->scheme, lines, KL_NO_AMOUNT, kl_lang_from_locale (), NULL);
}

/* The claim's warnings that this line brings (fee days that may overlap
 * another line's), one a paragraph; NULL for none. */
static char *
new_warnings (const KlClaim *with,
              const KlClaim *without)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; with->warnings != NULL && i < with->warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (with->warnings, i);
      gboolean known = FALSE;

      for (guint j = 0; without != NULL && without->warnings != NULL && j < without->warnings->len; j++)
        known |= g_str_equal (warning, g_ptr_array_index (without->warnings, j));
      if (!known)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", warning);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
kl_cost_editor_update_preview (KlCostEditor     *self,
                               const KlCostItem *item)
{
  g_autofree char *title = NULL;

  g_clear_pointer (&self->explanation, g_free);
  self->counted_ore = KL_NO_AMOUNT;
  gtk_widget_set_visible (GTK_WIDGET (self->preview_warning_row), FALSE);
  if (self->scheme == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preview_row), _("No rules in force"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row),
                                   _("No version of the fund’s rules covers this programme’s date."));
      return;
    }
  if (item == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preview_row), "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row),
                                   _("Enter the net amount to see what the fund counts."));
      gtk_widget_remove_css_class (self->preview_icon, "success");
      return;
    }
  {
    g_autoptr(KlClaim) claim = claim_with (self, item, TRUE);
    g_autoptr(KlClaim) without = claim_with (self, item, FALSE);
    g_autofree char *warnings = NULL;
    const KlClaimLine *line;
    g_autofree char *counted = NULL;

    if (claim == NULL || claim->lines->len == 0)
      return;
    line = g_ptr_array_index (claim->lines, claim->lines->len - 1);
    self->counted_ore = line->counted_ore;
    self->explanation = g_strdup (line->explanation);
    counted = kl_money_format (line->counted_ore, kl_lang_from_locale ());
    /* Translators: %s is an amount, e.g. "54 000,00 kr" */
    title = g_strdup_printf (_("Counts %s"), counted);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preview_row), title);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row), line->explanation);
    if (line->counted_ore > 0)
      gtk_widget_add_css_class (self->preview_icon, "success");
    else
      gtk_widget_remove_css_class (self->preview_icon, "success");
    warnings = new_warnings (claim, without);
    adw_action_row_set_subtitle (self->preview_warning_row, warnings ? warnings : "");
    gtk_widget_set_visible (GTK_WIDGET (self->preview_warning_row), warnings != NULL);
  }
}

