#include "config.h"

#include "kl-cli-private.h"
#include "kl-date.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-store.h"
#include "kl-validate.h"

/* Cost lines: budget (IMTEC's offer) and actual (invoices). */

typedef struct
{
  char *category;
  char *amount;
  char *vat;
  char **sessions;
  char *dates;
  gboolean budget;
} CostOptions;

static void
cost_options_clear (CostOptions *options)
{
  g_free (options->category);
  g_free (options->amount);
  g_free (options->vat);
  g_strfreev (options->sessions);
  g_free (options->dates);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CostOptions, cost_options_clear)

/* "2025-09-02,2025-09-03": sorted, without repeats; "" clears them. */
static gboolean
parse_dates (const char   *text,
             char       ***dates,
             GError      **error)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ", ", -1);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean seen = FALSE;
      g_autofree char *day = NULL;

      if (*parts[i] == '\0')
        continue;
      day = kl_date_parse (_("Dates"), parts[i], NULL, error);
      if (day == NULL)
        return FALSE;
      for (guint j = 0; j < days->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (days, j), day);
      if (!seen)
        g_ptr_array_add (days, g_steal_pointer (&day));
    }
  g_ptr_array_sort (days, (GCompareFunc) kl_cli_compare_strings);
  g_strfreev (*dates);
  *dates = NULL;
  if (days->len > 0)
    {
      g_ptr_array_add (days, NULL);
      *dates = (char **) g_ptr_array_free (g_steal_pointer (&days), FALSE);
    }
  return TRUE;
}

/* What the options say, onto the record; only what was given changes. */
static gboolean
apply_options (const char         *command,
               const CostOptions  *options,
               KlCostItem         *item,
               int                *status,
               GError            **error)
{
  if (options->category != NULL && !kl_cost_category_from_string (options->category, &item->category))
    return kl_validate_one_of (_("Category"), options->category, kl_cost_categories, error);
  if (options->budget)
    item->budget = TRUE;
  if (options->sessions != NULL)
    {
      g_clear_pointer (&item->session_ids, g_array_unref);
      item->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; options->sessions[i] != NULL; i++)
        {
          gint64 id;

          if (!kl_cli_parse_id (command, options->sessions[i], &id, status))
            return FALSE;
          if (!kl_cost_item_has_session (item, id))
            g_array_append_val (item->session_ids, id);
        }
    }
  if (options->dates != NULL && !parse_dates (options->dates, &item->dates, error))
    return FALSE;
  if ((options->amount != NULL && !kl_cli_parse_amount (_("Net amount"), options->amount, &item->net_ore, error))
      || (options->vat != NULL && !kl_cli_parse_amount (_("VAT"), options->vat, &item->vat_ore, error)))
    return FALSE;
  /* A study fee is for one semester unless it says otherwise. */
  if (item->category == KL_COST_STUDY_FEE && item->semesters == 0)
    item->semesters = 1;
  return TRUE;
}

#define COST_ENTRIES(item, options) \
    { "category", 0, 0, G_OPTION_ARG_STRING, &(options).category, \
      N_("speaker-fee, supervisor-fee, travel, accommodation, participant-fee, study-fee, venue, catering, " \
         "materials or other"), N_("CATEGORY") }, \
    { "amount", 0, 0, G_OPTION_ARG_STRING, &(options).amount, N_("Net amount in kroner, without VAT"), N_("KR") }, \
    { "vat", 0, 0, G_OPTION_ARG_STRING, &(options).vat, N_("VAT in kroner"), N_("KR") }, \
    { "budget", 0, 0, G_OPTION_ARG_NONE, &(options).budget, \
      N_("A budget line (planned, for the application), not an invoice"), NULL }, \
    { "consultant", 0, 0, G_OPTION_ARG_INT64, &(item)->consultant_id, \
      N_("The consultant or speaker it is for (required for fees)"), N_("ID") }, \
    { "session", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(options).sessions, \
      N_("A session it covers (repeat for several)"), N_("ID") }, \
    { "dates", 0, 0, G_OPTION_ARG_STRING, &(options).dates, \
      N_("Days it covers, without a session: 2025-09-02,2025-09-03"), N_("DATES") }, \
    { "days", 0, 0, G_OPTION_ARG_INT, &(item)->days, \
      N_("Days worked, for a fee without sessions or dates"), N_("N") }, \
    { "persons", 0, 0, G_OPTION_ARG_INT, &(item)->persons, \
      N_("Persons covered (required for participant and study fees)"), N_("N") }, \
    { "semesters", 0, 0, G_OPTION_ARG_INT, &(item)->semesters, \
      N_("Semesters covered (study fees; default 1)"), N_("N") }, \
    { "supplier", 0, 0, G_OPTION_ARG_STRING, &(item)->supplier, N_("Supplier"), N_("NAME") }, \
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &(item)->invoice_no, N_("Invoice number"), N_("NO") }, \
    { "date", 0, 0, G_OPTION_ARG_STRING, &(item)->invoice_date, N_("Invoice date"), N_("DATE") }, \
    { "note", 0, 0, G_OPTION_ARG_STRING, &(item)->note, N_("Note"), N_("TEXT") }

static int
cmd_cost_add (KlCli  *cli,
              int     argc,
              char  **argv)
{
  const char *command = "cost add";
  g_autoptr(KlCostItem) item = kl_cost_item_new ();
  g_auto(CostOptions) options = { NULL };
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &item->programme_id, N_("Programme"), N_("ID") },
    COST_ENTRIES (item, options),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, command, entries, &argc, &argv, &status)
      || !kl_cli_require_option (command, "--programme", item->programme_id > 0, &status)
      || !kl_cli_require_option (command, "--category", options.category != NULL, &status)
      || !kl_cli_require_option (command, "--amount", options.amount != NULL, &status)
      /* An invoice has a date; a budget line is not invoiced yet. */
      || !kl_cli_require_option (command, "--date", options.budget || item->invoice_date != NULL, &status))
    return status;
  if (!apply_options (command, &options, item, &status, &error))
    return error != NULL ? kl_cli_fail (error) : status;
  if (kl_cli_db (cli, &error) == NULL || !kl_store_insert_cost (cli->db, item, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, item->id, NULL);
}

static int
cmd_cost_edit (KlCli  *cli,
               int     argc,
               char  **argv)
{
  const char *command = "cost edit";
  g_autoptr(KlCostItem) given = kl_cost_item_new ();
  g_autoptr(KlCostItem) item = NULL;
  g_auto(CostOptions) options = { NULL };
  gint64 if_version = 0;
  GOptionEntry entries[] = {
    COST_ENTRIES (given, options),
    { "if-version", 0, 0, G_OPTION_ARG_INT64, &if_version,
      N_("Change it only if it is still at this version (its JSON's \"version\"); else refuse"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  given->consultant_id = -1;
  given->days = given->persons = given->semesters = -1;
  if (!kl_cli_parse_options (cli, command, N_("ID"), entries, &argc, &argv, &status))
    return status;
  if ((item = kl_cli_load_by_id (cli, command, argc, argv, (KlCliGetFunc) kl_store_get_cost, &status)) == NULL)
    return status;
  if (if_version > 0)
    item->version = if_version;
  if (given->consultant_id >= 0)
    item->consultant_id = given->consultant_id;
  if (given->days >= 0)
    item->days = given->days;
  if (given->persons >= 0)
    item->persons = given->persons;
  if (given->semesters >= 0)
    item->semesters = given->semesters;
  kl_cli_edit_str (&item->supplier, given->supplier);
  kl_cli_edit_str (&item->invoice_no, given->invoice_no);
  kl_cli_edit_str (&item->invoice_date, given->invoice_date);
  kl_cli_edit_str (&item->note, given->note);
  if (!apply_options (command, &options, item, &status, &error))
    return error != NULL ? kl_cli_fail (error) : status;
  if (!kl_store_update_cost (cli->db, item, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, item->id, NULL);
}

/* The invoice for a budget line has come: it is recorded as an actual
 * cost from the budget line (its amount unless --amount says otherwise),
 * and the budget line stays as the plan the application was made from. */
static int
cmd_cost_actual (KlCli  *cli,
                 int     argc,
                 char  **argv)
{
  const char *command = "cost actual";
  g_autoptr(KlCostItem) item = NULL;
  g_autofree char *invoice = NULL;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *vat = NULL;
  g_autofree char *supplier = NULL;
  GOptionEntry entries[] = {
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &invoice, N_("Invoice number"), N_("NO") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Invoice date"), N_("DATE") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("Net amount invoiced, when it differs from the budget"), N_("KR") },
    { "vat", 0, 0, G_OPTION_ARG_STRING, &vat, N_("VAT invoiced"), N_("KR") },
    { "supplier", 0, 0, G_OPTION_ARG_STRING, &supplier, N_("Supplier"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, command, N_("ID"), entries, &argc, &argv, &status)
      || !kl_cli_require_option (command, "--invoice", invoice != NULL, &status)
      || !kl_cli_require_option (command, "--date", date != NULL, &status))
    return status;
  if ((item = kl_cli_load_by_id (cli, command, argc, argv, (KlCliGetFunc) kl_store_get_cost, &status)) == NULL)
    return status;
  if (!item->budget)
    {
      g_set_error (&error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Cost item %lld is already an actual cost (invoice %s); use “cost edit”"),
                   (long long) item->id, kl_cli_or_dash (item->invoice_no));
      return kl_cli_fail (error);
    }
  item->id = 0;
  item->budget = FALSE;
  kl_cli_set_str (&item->invoice_no, invoice);
  kl_cli_set_str (&item->invoice_date, date);
  if (supplier != NULL)
    kl_cli_set_str (&item->supplier, supplier);
  if ((amount != NULL && !kl_cli_parse_amount (_("Net amount"), amount, &item->net_ore, &error))
      || (vat != NULL && !kl_cli_parse_amount (_("VAT"), vat, &item->vat_ore, &error))
      || !kl_store_insert_cost (cli->db, item, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, item->id, NULL);
}

static int
cmd_cost_delete (KlCli  *cli,
                 int     argc,
                 char  **argv)
{
  return kl_cli_delete_by_id (cli, "cost delete", kl_store_delete_cost, argc, argv);
}

static void
describe_cost (KlCliRecord   *record,
               gconstpointer  item)
{
  const KlCostItem *c = item;
  g_autofree char *covered = c->covered != NULL ? g_strjoinv (",", c->covered) : NULL;

  kl_cli_record_int (record, "id", "%6lld  ", c->id);
  kl_cli_record_int (record, "version", NULL, c->version);
  kl_cli_record_text (record, "category", NULL, kl_cost_categories[c->category]);
  kl_cli_record_bool (record, "budget", c->budget);
  kl_cli_record_print (record, "%-7s %-10s  ", c->budget ? _("budget") : _("actual"),
                       kl_cli_or_dash (c->invoice_date));
  kl_cli_record_label (record, NULL, "%s ", KL_LABELS_COST_CATEGORY, kl_cost_categories[c->category], 15);
  kl_cli_record_ref (record, "consultant_id", NULL, c->consultant_id);
  kl_cli_record_ids (record, "session_ids", c->session_ids);
  kl_cli_record_strv (record, "dates", (const char *const *) c->dates);
  kl_cli_record_strv (record, "covered", (const char *const *) c->covered);
  kl_cli_record_int (record, "days", NULL, c->days);
  kl_cli_record_int (record, "persons", NULL, c->persons);
  kl_cli_record_int (record, "semesters", NULL, c->semesters);
  kl_cli_record_int (record, "net_ore", NULL, c->net_ore);
  kl_cli_record_amount (record, NULL, "%18s  ", c->net_ore);
  kl_cli_record_int (record, "vat_ore", NULL, c->vat_ore);
  kl_cli_record_dash (record, "supplier", "%s ", c->supplier);
  kl_cli_record_text (record, "invoice_no", NULL, c->invoice_no);
  kl_cli_record_text (record, "invoice_date", NULL, c->invoice_date);
  kl_cli_record_print (record, "%s%s%s\n", c->consultant_name ? c->consultant_name : "", covered ? "  " : "",
                       covered ? covered : "");
}

static int
cmd_cost_list (KlCli  *cli,
               int     argc,
               char  **argv)
{
  return kl_cli_programme_list_command (cli, "cost list", argc, argv, kl_store_list_costs, describe_cost);
}

const KlCommand kl_cli_cost_commands[] = {
  { "cost", "add", cmd_cost_add, N_("Add a cost line: an invoice, or with --budget a planned one") },
  { "cost", "edit", cmd_cost_edit, N_("Change a cost line (only the options given)") },
  { "cost", "actual", cmd_cost_actual, N_("Record the invoice of a budget line (the budget line stays)") },
  { "cost", "delete", cmd_cost_delete, N_("Delete a cost line") },
  { "cost", "list", cmd_cost_list, N_("List a programme's cost lines, budget first") },
  { NULL }
};
