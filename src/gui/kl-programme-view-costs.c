#include "config.h"

#include <glib/gi18n.h>

#include "kl-form.h"
#include "kl-labels.h"
#include "kl-programme-view-private.h"

/* Costs: the budget lines (IMTEC's offer, what the application is built
 * from) and the invoices (what the payout request is built from), and the
 * two side by side per category with their totals. */

typedef enum
{
  COLUMN_BUDGET,
  COLUMN_ACTUAL,
  COLUMN_DIFFERENCE,
  N_COLUMNS
} Column;

static const char *const column_names[N_COLUMNS] = { "budget", "actual", "difference" };

/* A row's margins and the space between its title and its suffix, and
 * the least a category's name should have beside three columns. */
#define ROW_CHROME 36
#define TITLE_MIN_WIDTH 130

/* One row of Budget and Actuals: KL_NO_AMOUNT where a column says nothing. */
typedef struct
{
  const char *key;     /* a category or a total, for kl_programme_view_get_comparison */
  char *title;
  gint64 amounts[2];   /* budget, actual */
  gboolean total;
} Comparison;

static void
comparison_clear (Comparison *row)
{
  g_free (row->title);
}

static char *
format_amount (gint64 ore)
{
  return ore == KL_NO_AMOUNT ? g_strdup ("—") : kl_programme_view_format_money (ore);
}

/* Actual less budget, signed: "+6 000,00 kr", "−6 000,00 kr". */
static char *
format_difference (const Comparison *row)
{
  gint64 budget = row->amounts[COLUMN_BUDGET];
  gint64 actual = row->amounts[COLUMN_ACTUAL];
  gint64 difference;
  g_autofree char *amount = NULL;

  if (budget == KL_NO_AMOUNT || actual == KL_NO_AMOUNT)
    return g_strdup ("—");
  difference = actual - budget;
  amount = kl_programme_view_format_money (ABS (difference));
  if (difference == 0)
    return g_steal_pointer (&amount);
  return g_strdup_printf ("%s%s", difference > 0 ? "+" : "−", amount);
}

static GtkWidget *
amount_label (const char   *text,
              GtkSizeGroup *size_group,
              gboolean      heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, heading ? "caption-heading" : "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_size_group_add_widget (size_group, label);
  return label;
}

static GtkWidget *
comparison_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
boxed_list (GtkBox *parent)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (parent, list);
  return list;
}

/* The table twice: three columns where they fit, and the actual amount
 * over the budget where they do not (a phone, a narrow window); the
 * squeezer shows the one that fits. The categories first, the totals in
 * a list of their own below them. */
static void
fill_comparison (KlProgrammeView *self,
                 GArray          *rows,
                 gboolean         has_budget)
{
  GtkSizeGroup *columns[N_COLUMNS];
  GtkWidget *wide_list = NULL;
  GtkWidget *narrow_list = NULL;
  GtkWidget *last_cells = NULL;
  gboolean in_totals = FALSE;

  kl_programme_view_clear_box (self->comparison_wide);
  kl_programme_view_clear_box (self->comparison_narrow);
  g_hash_table_remove_all (self->comparison);
  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (guint i = 0; i < rows->len; i++)
    {
      const Comparison *row = &g_array_index (rows, Comparison, i);
      /* The grant and the payout have no budget to compare with. */
      gboolean compared = row->amounts[COLUMN_BUDGET] != KL_NO_AMOUNT || !row->total;
      char *texts[N_COLUMNS] = {
        compared ? format_amount (row->amounts[COLUMN_BUDGET]) : g_strdup (""),
        format_amount (row->amounts[COLUMN_ACTUAL]),
        compared ? format_difference (row) : g_strdup (""),
      };
      GtkWidget *wide;
      GtkWidget *narrow;
      g_autofree char *budget_text = NULL;
      GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

      if (wide_list == NULL || (row->total && !in_totals))
        {
          wide_list = boxed_list (self->comparison_wide);
          narrow_list = boxed_list (self->comparison_narrow);
          in_totals = row->total;
          /* Column headings over the categories, where there are columns. */
          if (!in_totals && has_budget)
            {
              GtkWidget *header = comparison_row ("");
              GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

              gtk_box_append (GTK_BOX (box), amount_label (_("Budget"), columns[COLUMN_BUDGET], TRUE));
              gtk_box_append (GTK_BOX (box), amount_label (_("Actual"), columns[COLUMN_ACTUAL], TRUE));
              gtk_box_append (GTK_BOX (box), amount_label (_("Difference"), columns[COLUMN_DIFFERENCE], TRUE));
              adw_action_row_add_suffix (ADW_ACTION_ROW (header), box);
              gtk_list_box_append (GTK_LIST_BOX (wide_list), header);
            }
        }
      wide = comparison_row (row->title);
      narrow = comparison_row (row->title);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          GtkWidget *cell = amount_label (texts[c], columns[c], FALSE);

          gtk_widget_set_visible (cell, has_budget || c == COLUMN_ACTUAL);
          gtk_box_append (GTK_BOX (cells), cell);
          if ((has_budget && compared) || c == COLUMN_ACTUAL)
            g_hash_table_insert (self->comparison, g_strdup_printf ("%s/%s", row->key, column_names[c]),
                                 g_strdup (texts[c]));
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (wide), cells);
      gtk_list_box_append (GTK_LIST_BOX (wide_list), wide);
      last_cells = cells;

      if (has_budget && row->amounts[COLUMN_BUDGET] != KL_NO_AMOUNT)
        /* Translators: under the actual amount in a narrow window, "budget 60 000,00 kr" */
        budget_text = g_strdup_printf (_("budget %s"), texts[COLUMN_BUDGET]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (narrow), kl_programme_view_two_lines (texts[COLUMN_ACTUAL],
                                                                     budget_text ? budget_text : "", 1, 0));
      gtk_list_box_append (GTK_LIST_BOX (narrow_list), narrow);
      for (guint c = 0; c < N_COLUMNS; c++)
        g_free (texts[c]);
    }
  /* The columns need their width, and the category beside them at least
   * a few words: below that the squeezer shows the narrow table, not
   * titles broken a syllable a line. */
  if (last_cells != NULL)
    {
      int cells = 0;

      gtk_widget_measure (last_cells, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &cells, NULL, NULL);
      gtk_widget_set_size_request (GTK_WIDGET (self->comparison_wide), cells + ROW_CHROME + TITLE_MIN_WIDTH, -1);
    }
  /* The rows' labels hold the groups. */
  for (guint c = 0; c < N_COLUMNS; c++)
    g_object_unref (columns[c]);
}

static void
add_to (gint64 *sum,
        gint64  ore)
{
  /* Each amount is bounded and the store refuses more lines than could
   * overflow; a sum that would is shown as unknown, never wrong. */
  if (*sum == KL_NO_AMOUNT)
    *sum = 0;
  if (!kl_money_add (sum, ore, NULL))
    *sum = KL_NO_AMOUNT;
}

static GArray *
compare (GPtrArray     *costs,
         const KlClaim *budget,
         const KlClaim *actual,
         gboolean       has_budget)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Comparison));
  const KlClaim *claims[2] = { budget, actual };
  g_autofree char *rate = NULL;

  g_array_set_clear_func (rows, (GDestroyNotify) comparison_clear);
  for (KlCostCategory category = 0; category < KL_COST_N_CATEGORIES; category++)
    {
      Comparison row = { kl_cost_categories[category], NULL, { KL_NO_AMOUNT, KL_NO_AMOUNT }, FALSE };
      gboolean any = FALSE;

      for (guint i = 0; i < costs->len; i++)
        {
          KlCostItem *item = g_ptr_array_index (costs, i);

          if (item->category != category)
            continue;
          add_to (&row.amounts[item->budget ? COLUMN_BUDGET : COLUMN_ACTUAL], item->net_ore);
          any = TRUE;
        }
      if (!any)
        continue;
      /* A category planned but not invoiced yet (or the other way round) is 0 on the other side. */
      if (has_budget && row.amounts[COLUMN_BUDGET] == KL_NO_AMOUNT)
        row.amounts[COLUMN_BUDGET] = 0;
      if (row.amounts[COLUMN_ACTUAL] == KL_NO_AMOUNT)
        row.amounts[COLUMN_ACTUAL] = 0;
      row.title = g_strdup (kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[category]));
      g_array_append_val (rows, row);
    }

  {
    const KlClaim *any = actual ? actual : budget;
    Comparison totals[] = {
      { "net", g_strdup (_("Net amount")), { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
      { "vat", g_strdup (_("VAT (never counted)")), { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
      { "eligible", g_strdup (_("Eligible basis")), { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
      { "claim", NULL, { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
    };

    if (any != NULL)
      rate = kl_form_format_percent (any->scheme->rate_permille / 1000.0);
    /* Translators: "Claim (70% of the basis)" */
    totals[3].title = rate ? g_strdup_printf (_("Claim (%s of the basis)"), rate) : g_strdup (_("Claim"));
    for (guint c = 0; c < 2; c++)
      {
        if (claims[c] == NULL || (c == COLUMN_BUDGET && !has_budget))
          continue;
        totals[0].amounts[c] = claims[c]->net_ore;
        totals[1].amounts[c] = claims[c]->vat_ore;
        totals[2].amounts[c] = claims[c]->eligible_ore;
        totals[3].amounts[c] = claims[c]->claim_ore;
      }
    g_array_append_vals (rows, totals, G_N_ELEMENTS (totals));
  }
  if (actual != NULL)
    {
      Comparison granted = { "granted", g_strdup (_("Granted")), { KL_NO_AMOUNT, actual->granted_ore }, TRUE };
      Comparison payout = { "payout", g_strdup (_("Payout")), { KL_NO_AMOUNT, actual->payout_ore }, TRUE };

      g_array_append_val (rows, granted);
      g_array_append_val (rows, payout);
    }
  return rows;
}

/* What may make a basis wrong (fee days that may overlap), once each:
 * those of the budget alone say so. */
static void
load_costs_warnings (KlProgrammeView *self,
                     const KlClaim   *budget,
                     const KlClaim   *actual)
{
  kl_programme_view_clear_box (self->costs_warnings);
  for (guint i = 0; actual != NULL && i < actual->warnings->len; i++)
    kl_programme_view_add_card (self->costs_warnings, "warning", g_ptr_array_index (actual->warnings, i));
  for (guint i = 0; budget != NULL && i < budget->warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (budget->warnings, i);
      g_autofree char *text = NULL;

      if (actual != NULL && g_ptr_array_find_with_equal_func (actual->warnings, warning, g_str_equal, NULL))
        continue;
      /* Translators: a warning about the budget lines, "In the budget: Per Dalin has 2 fee lines, …" */
      text = g_strdup_printf (_("In the budget: %s"), warning);
      kl_programme_view_add_card (self->costs_warnings, "warning", text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->costs_warnings_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->costs_warnings)) != NULL);
}

static GtkWidget *
cost_row (const KlCostItem  *item,
          const KlClaimLine *line,
          GHashTable        *session_titles)
{
  const char *category = kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[item->category]);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = item->consultant_name ? g_strdup_printf ("%s · %s", category, item->consultant_name)
                                                 : g_strdup (category);
  g_autofree char *details = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *net = kl_programme_view_format_money (item->net_ore);
  g_autofree char *vat_amount = kl_programme_view_format_money (item->vat_ore);
  g_autofree char *vat = NULL;
  guint n_sessions = item->session_ids ? item->session_ids->len : 0;
  GtkWidget *row;

  if (item->supplier != NULL)
    g_ptr_array_add (parts, g_strdup (item->supplier));
  if (item->invoice_no != NULL)
    /* Translators: an invoice number, "Invoice 2026-113" */
    g_ptr_array_add (parts, g_strdup_printf (_("Invoice %s"), item->invoice_no));
  if (item->invoice_date != NULL)
    g_ptr_array_add (parts, kl_format_date (item->invoice_date));
  if (kl_cost_category_is_fee (item->category))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", item->days),
                                             item->days));
  if (item->persons > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d person", "%d persons",
                                                          item->persons), item->persons));
  if (item->category == KL_COST_STUDY_FEE && item->semesters > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d semester", "%d semesters",
                                                          item->semesters), item->semesters));
  if (n_sessions == 1)
    {
      const char *session = g_hash_table_lookup (session_titles, &g_array_index (item->session_ids, gint64, 0));

      if (session != NULL)
        g_ptr_array_add (parts, g_strdup (session));
    }
  else if (n_sessions > 1)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n_sessions),
                                             n_sessions));
  details = kl_programme_view_join_parts (parts);
  if (line != NULL)
    {
      g_autofree char *counted = kl_programme_view_format_money (line->counted_ore);

      /* Translators: what the fund counts of a cost, and why:
       * "The fund counts 54 000,00 kr: Fee capped at …" */
      subtitle = g_strdup_printf (_("%s\nThe fund counts %s: %s"), details, counted, line->explanation);
    }
  else
    subtitle = g_strdup (details);

  row = kl_programme_view_new_row (title, subtitle);
  /* What kl_programme_view_count_rows counts, unlike a placeholder. */
  g_object_set_data (G_OBJECT (row), "cost-id", GSIZE_TO_POINTER ((gsize) item->id));
  /* Translators: the VAT of a cost, "VAT 15 000,00 kr" */
  vat = g_strdup_printf (_("VAT %s"), vat_amount);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), kl_programme_view_two_lines (net, vat, 1, 14));
  /* A budget line's next step is its invoice; the row itself still edits. */
  if (item->budget)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               kl_programme_view_icon_button ("x-office-document-symbolic", _("Record Invoice…"),
                                            "programme.record-invoice", item->id));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               kl_programme_view_icon_button ("document-edit-symbolic", _("Edit Cost"), "programme.edit-cost",
                                            item->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             kl_programme_view_icon_button ("user-trash-symbolic", item->budget ? _("Delete Budget Line") : _("Delete Cost"),
                                          "programme.delete-cost", item->id));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "programme.edit-cost");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->id);
  return row;
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = kl_programme_view_new_row (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
}

static void
index_lines (GHashTable    *lines,
             const KlClaim *claim)
{
  for (guint i = 0; claim != NULL && i < claim->lines->len; i++)
    {
      KlClaimLine *line = g_ptr_array_index (claim->lines, i);

      g_hash_table_insert (lines, &line->cost_id, line);
    }
}

void
kl_programme_view_load_costs (KlProgrammeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) costs = kl_store_list_costs (self->db, self->programme_id, &error);
  g_autoptr(KlClaim) actual = NULL;
  g_autoptr(KlClaim) budget = NULL;
  g_autoptr(GHashTable) lines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) session_titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (self->db, self->programme_id, NULL);
  g_autoptr(GArray) rows = NULL;
  guint n_budget = 0;
  guint n_actual = 0;

  kl_programme_view_clear_list (self->budget_list);
  kl_programme_view_clear_list (self->costs_list);
  if (costs == NULL)
    {
      g_warning ("Cannot load the costs: %s", error->message);
      return;
    }
  for (guint i = 0; i < costs->len; i++)
    {
      if (((KlCostItem *) g_ptr_array_index (costs, i))->budget)
        n_budget++;
      else
        n_actual++;
    }
  actual = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_ACTUALS, &error);
  if (actual == NULL)
    g_warning ("Cannot compute the claim: %s", error->message);
  g_clear_error (&error);
  budget = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_BUDGET, &error);
  if (budget == NULL)
    g_warning ("Cannot compute the budget's claim: %s", error->message);
  /* Budget and actual lines are separate records, so one index serves both. */
  index_lines (lines, actual);
  index_lines (lines, budget);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      KlSession *session = g_ptr_array_index (sessions, i);

      g_hash_table_insert (session_titles, &session->id, g_strdup (session->title));
    }

  for (guint i = 0; i < costs->len; i++)
    {
      KlCostItem *item = g_ptr_array_index (costs, i);

      gtk_list_box_append (item->budget ? self->budget_list : self->costs_list,
                           cost_row (item, g_hash_table_lookup (lines, &item->id), session_titles));
    }
  if (n_budget == 0)
    add_placeholder (self->budget_list, _("No budget yet: the application is built from the invoices."));
  if (n_actual == 0)
    add_placeholder (self->costs_list, _("No invoices yet"));

  rows = compare (costs, budget, actual, n_budget > 0);
  fill_comparison (self, rows, n_budget > 0);
  load_costs_warnings (self, n_budget > 0 ? budget : NULL, actual);
  if (actual != NULL || budget != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s names the rules, e.g. "KS OU-midler 2024" */
      description = n_budget > 0
        ? g_strdup_printf (_("Net amounts by category, the budget beside the invoices, as counted by %s"),
                           (actual ? actual : budget)->scheme->name)
        : g_strdup_printf (_("As counted by %s"), (actual ? actual : budget)->scheme->name);
      adw_preferences_group_set_description (self->totals_group, description);
    }
  adw_preferences_group_set_title (self->totals_group, n_budget > 0 ? _("Budget and Actuals") : _("Totals"));
  {
    g_autofree char *budget_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                        "%u planned cost: the application is built from the budget",
                                                                        "%u planned costs: the application is built from the budget",
                                                                        n_budget), n_budget);
    g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cost item", "%u cost items",
                                                                 n_actual), n_actual);

    adw_preferences_group_set_description (self->budget_group, n_budget > 0 ? budget_description
                                           : _("IMTEC’s offer: the planned days, fees and travel."));
    adw_preferences_group_set_description (self->costs_group, description);
  }
  gtk_stack_set_visible_child_name (self->costs_stack, costs->len > 0 ? "list" : "empty");
}
