#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <json-glib/json-glib.h>

#include "kl-cli-private.h"
#include "kl-csv-export.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-import.h"
#include "kl-store.h"

/* Data in and out as files: participants from a client's CSV, and CSV
 * for a spreadsheet. */

static const char *const action_names[] = { "new", "matched", "skipped" };

/* Helpers */

static const char *
separator_name (char separator)
{
  switch (separator)
    {
    case ';':  return _("semicolons");
    case ',':  return _("commas");
    case '\t': return _("tabs");
    default:   return "?";
    }
}

/* Columns in characters, not bytes: names have æøå. */
static void
append_padded (GString    *line,
               const char *text,
               glong       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  do
    g_string_append_c (line, ' ');
  while (++length < width);
}

static void
describe_problem (KlCliRecord   *record,
                  gconstpointer  item)
{
  const KlImportProblem *problem = item;
  gboolean error = problem->severity == KL_IMPORT_ERROR;

  kl_cli_record_text (record, "severity", NULL, error ? "error" : "warning");
  kl_cli_record_text (record, "message", NULL, problem->message);
  kl_cli_record_print (record, "          %s: %s\n", error ? _("error") : _("warning"), problem->message);
}

/* A row of the file: what becomes of it, and its problems under it
 * (record->data: the workplaces' names by id). */
static void
describe_row (KlCliRecord   *record,
              gconstpointer  item)
{
  const KlImportRow *row = item;
  KlParticipant *p = row->participant;
  GHashTable *workplaces = (GHashTable *) record->data;
  const char *workplace = p->workplace_id > 0 ? g_hash_table_lookup (workplaces, &p->workplace_id) : NULL;

  kl_cli_record_int (record, "line", NULL, row->line);
  kl_cli_record_text (record, "action", NULL, action_names[row->action]);
  kl_cli_record_ref (record, "id", NULL, row->action == KL_IMPORT_MATCHED ? p->id : 0);
  kl_cli_record_text (record, "name", NULL, p->name);
  kl_cli_record_text (record, "email", NULL, p->email);
  kl_cli_record_text (record, "phone", NULL, p->phone);
  kl_cli_record_text (record, "role", NULL, p->role);
  kl_cli_record_ref (record, "workplace_id", NULL, p->workplace_id);
  kl_cli_record_text (record, "workplace", NULL, p->workplace_id > 0 ? workplace : row->workplace);
  kl_cli_record_bool (record, "already_enrolled", row->enrolled);
  if (record->text)
    {
      g_autofree char *where = g_strdup_printf (_("line %u"), row->line);
      g_autofree char *action = NULL;
      g_autoptr(GString) line = g_string_new (NULL);

      if (row->action == KL_IMPORT_MATCHED)
        action = g_strdup_printf ("%s %" G_GINT64_FORMAT, kl_import_action_label (row->action), p->id);
      else
        action = g_strdup (kl_import_action_label (row->action));
      append_padded (line, where, 10);
      append_padded (line, action, 12);
      append_padded (line, kl_cli_or_dash (p->name), 24);
      append_padded (line, kl_cli_or_dash (p->email), 32);
      g_string_append (line, kl_cli_or_dash (workplace));
      kl_cli_record_print (record, "%s\n", line->str);
      if (row->enrolled)
        kl_cli_record_print (record, "          %s\n", _("already enrolled"));
    }
  kl_cli_record_list (record, "problems", describe_problem, row->problems);
}

/* The plan: the totals, then one line a row with its problems under it. */
static void
describe_plan (KlCliRecord   *record,
               gconstpointer  item)
{
  const KlImportPlan *plan = item;
  char separator[2] = { plan->separator, '\0' };

  kl_cli_record_print (record, _("%s (%s, %s): %u new, %u matched, %u skipped; %u with errors, %u with warnings\n"),
                       plan->name, plan->encoding, separator_name (plan->separator),
                       plan->n_new, plan->n_matched, plan->n_skipped, plan->n_errors, plan->n_warnings);
  kl_cli_record_text (record, "file", NULL, plan->name);
  kl_cli_record_int (record, "programme", NULL, plan->programme_id);
  kl_cli_record_text (record, "encoding", NULL, plan->encoding);
  kl_cli_record_text (record, "separator", NULL, separator);
  kl_cli_record_int (record, "new", NULL, plan->n_new);
  kl_cli_record_int (record, "matched", NULL, plan->n_matched);
  kl_cli_record_int (record, "skipped", NULL, plan->n_skipped);
  kl_cli_record_int (record, "errors", NULL, plan->n_errors);
  kl_cli_record_int (record, "warnings", NULL, plan->n_warnings);
  kl_cli_record_strings (record, "notes", "%s\n", plan->notes);
  kl_cli_record_print (record, "\n");
  kl_cli_record_list (record, "rows", describe_row, plan->rows);
}

/* What "import participants" did, after its plan. */
typedef struct
{
  KlImportPlan *plan;
  gboolean applied;
  KlImportResult *result;
  GError *error;
} Imported;

static void
describe_import (KlCliRecord   *record,
                 gconstpointer  item)
{
  const Imported *import = item;

  describe_plan (record, import->plan);
  kl_cli_record_bool (record, "applied", import->applied);
  kl_cli_record_int (record, "added", NULL, import->result->added);
  kl_cli_record_int (record, "enrolled", NULL, import->result->enrolled);
  kl_cli_record_int (record, "updated", NULL, import->result->updated);
  if (import->applied)
    kl_cli_record_print (record, _("\nImported: %u added, %u enrolled, %u updated.\n"), import->result->added,
                         import->result->enrolled, import->result->updated);
  else if (import->error == NULL)
    kl_cli_record_print (record, _("\nDry run: nothing was changed.\n"));
}

/* import participants */

static int
cmd_import_participants (KlCli  *cli,
                         int     argc,
                         char  **argv)
{
  gint64 programme_id = 0;
  gboolean dry_run = FALSE;
  gboolean skip_bad_rows = FALSE;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Enrol everyone in this programme"), N_("ID") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the plan and change nothing"), NULL },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad_rows, N_("Import the good rows of a file with errors"),
      NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) plan = NULL;
  g_autoptr(GHashTable) workplaces = NULL;
  g_auto(KlImportResult) result = { 0 };
  gboolean applied = FALSE;
  int status = 0;

  if (!kl_cli_parse_options (cli, "import participants", N_("FILE"), entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("import participants", argc, argv, 1, &status)
      || !kl_cli_require_option ("import participants", "--programme", programme_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (plan = kl_import_plan_file (cli->db, programme_id, argv[1], &error)) == NULL
      || (workplaces = kl_export_client_names (cli->db, &error)) == NULL)
    return kl_cli_fail (error);

  /* A dry run answers whether the real one would go through. */
  if (plan->n_errors > 0 && !skip_bad_rows)
    kl_import_apply (cli->db, plan, FALSE, NULL, &error);
  else if (!dry_run)
    applied = kl_import_apply (cli->db, plan, skip_bad_rows, &result, &error);

  kl_cli_print_record (cli, describe_import, &(Imported) { plan, applied, &result, error }, workplaces);
  if (error != NULL)
    return kl_cli_fail (error);
  return 0;
}

/* export csv */

typedef struct
{
  const char *path;
  gsize bytes;
} KlCliFile;

static void
describe_file (KlCliRecord   *record,
               gconstpointer  item)
{
  const KlCliFile *file = item;

  kl_cli_record_text (record, "path", NULL, file->path);
  kl_cli_record_int (record, "bytes", NULL, (gint64) file->bytes);
}

static int
cmd_export_csv (KlCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean participants = FALSE;
  gboolean attendance = FALSE;
  gint64 programme_id = 0;
  g_autofree char *output = NULL;
  g_autofree char *lang_text = NULL;
  GOptionEntry entries[] = {
    { "participants", 0, 0, G_OPTION_ARG_NONE, &participants,
      N_("Participants: all, or a programme’s with --programme"), NULL },
    { "attendance", 0, 0, G_OPTION_ARG_NONE, &attendance, N_("A programme’s attendance (needs --programme)"), NULL },
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("Language of the column headings: nb or en"), N_("LANG") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  KlLang lang = cli->lang;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, "export csv", entries, &argc, &argv, &status)
      || !kl_cli_require_option ("export csv", "--output", output != NULL, &status)
      || !kl_cli_parse_lang ("export csv", lang_text, &lang, &status))
    return status;
  if (participants == attendance)
    return kl_cli_usage_error ("export csv", _("choose one of --participants and --attendance"));
  if (attendance && !kl_cli_require_option ("export csv", "--programme", programme_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  csv = participants ? kl_csv_export_participants (cli->db, programme_id, lang, &error)
                     : kl_csv_export_attendance (cli->db, programme_id, lang, NULL, &error);
  if (csv == NULL || !kl_csv_export_write (csv, output, &error))
    return kl_cli_fail (error);
  if (cli->json)
    kl_cli_print_record (cli, describe_file, &(KlCliFile) { output, g_bytes_get_size (csv) }, NULL);
  return 0;
}

/* export emails */

static void
describe_addresses (KlCliRecord   *record,
                    gconstpointer  item)
{
  kl_cli_record_text (record, "addresses", "%s\n", item);
  kl_cli_record_int (record, "without_email", NULL, *(const guint *) record->data);
}

static int
cmd_export_emails (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  gint64 programme_id = 0;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  guint without = 0;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, "export emails", entries, &argc, &argv, &status)
      || !kl_cli_require_option ("export emails", "--programme", programme_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  {
    g_autoptr(KlProgramme) programme = kl_store_get_programme (cli->db, programme_id, &error);

    if (programme == NULL)
      return kl_cli_fail (error);
  }
  list = kl_csv_export_email_list (cli->db, programme_id, &without, &error);
  if (list == NULL)
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_addresses, list, &without);
  if (cli->json)
    return 0;
  if (without > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "warning: %u participant has no e-mail address\n",
                             "warning: %u participants have no e-mail address\n", without), without);
  return 0;
}

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_data_commands[] = {
  { "import", "participants", cmd_import_participants,
    N_("Import participants from CSV into a programme (see --dry-run)") },
  { "export", "csv", cmd_export_csv, N_("Write participants or a programme’s attendance as CSV for Excel") },
  { "export", "emails", cmd_export_emails, N_("Print a programme’s e-mail addresses, separated by “; ”") },
  { NULL }
};
