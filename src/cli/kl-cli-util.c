#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "kl-cli-private.h"
#include "kl-date.h"
#include "kl-error.h"
#include "kl-hours.h"
#include "kl-model.h"
#include "kl-validate.h"

void
kl_cli_set_str (char       **target,
                const char  *value)
{
  if (*target == value)
    return;
  g_free (*target);
  *target = g_strdup (value);
}

/* A text option of an edit command: not given, the field stays; ""
 * empties it. */
void
kl_cli_edit_str (char       **target,
                 const char  *given)
{
  if (given != NULL)
    kl_cli_set_str (target, *given != '\0' ? given : NULL);
}

int
kl_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("kartleser-cli %s: %s\n", command, message);
  g_printerr (_("Try “kartleser-cli %s --help”.\n"), command);
  return KL_CLI_EXIT_USAGE;
}

/* One line on stderr, as scripts expect. */
int
kl_cli_fail (GError *error)
{
  g_autoptr(GString) line = g_string_new (error ? error->message : _("unknown error"));

  g_string_replace (line, "\n", " ", 0);
  g_printerr ("kartleser-cli: %s\n", line->str);
  return KL_CLI_EXIT_FAILED;
}

KlDb *
kl_cli_db (KlCli   *cli,
           GError **error)
{
  if (cli->db == NULL)
    cli->db = kl_db_open (cli->db_path, error);
  return cli->db;
}

/* Every DATE and DATETIME option as people write it (1.9.2027, 01.09.27,
 * 1.9.) to the stored ISO form; "" stays, as it clears a field. */
static gboolean
normalize_dates (const GOptionEntry  *entries,
                 GError             **error)
{
  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      char **value = entry->arg_data;
      g_autofree char *label = NULL;
      char *iso = NULL;
      gboolean with_time;

      if (entry->arg != G_OPTION_ARG_STRING || entry->arg_description == NULL || *value == NULL || **value == '\0')
        continue;
      with_time = g_str_equal (entry->arg_description, "DATETIME");
      if (!with_time && !g_str_equal (entry->arg_description, "DATE"))
        continue;
      label = g_strdup_printf ("--%s", entry->long_name);
      iso = with_time ? kl_date_parse_datetime (label, *value, NULL, error)
                      : kl_date_parse (label, *value, NULL, error);
      if (iso == NULL)
        return FALSE;
      g_free (*value);
      *value = iso;
    }
  return TRUE;
}

/* Parses a subcommand's options; leaves positional arguments in argv. */
gboolean
kl_cli_parse_options (KlCli         *cli,
                      const char    *command,
                      const char    *parameters,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv,
                      int           *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strdup_printf ("kartleser-cli %s", command);

  /* --help then reads "Usage: kartleser-cli client add [OPTION…]" */
  g_set_prgname (summary);
  GOptionEntry global[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, N_("Print results as JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error) || !normalize_dates (entries, &error))
    {
      *status = kl_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* A command without options of its own: --json, and n_args arguments. */
gboolean
kl_cli_parse_options_only (KlCli         *cli,
                           const char    *command,
                           GOptionEntry  *entries,
                           int           *argc,
                           char        ***argv,
                           int           *status)
{
  return kl_cli_parse_options (cli, command, NULL, entries, argc, argv, status)
         && kl_cli_no_extra_arguments (command, *argc, *argv, 0, status);
}

gboolean
kl_cli_parse_arguments (KlCli        *cli,
                        const char   *command,
                        const char   *parameters,
                        int           n_args,
                        int          *argc,
                        char       ***argv,
                        int          *status)
{
  GOptionEntry entries[] = { { NULL } };

  return kl_cli_parse_options (cli, command, parameters, entries, argc, argv, status)
         && kl_cli_no_extra_arguments (command, *argc, *argv, n_args, status);
}

/* A command that prints what a store function lists, and takes nothing. */
int
kl_cli_list_command (KlCli          *cli,
                     const char     *command,
                     int             argc,
                     char          **argv,
                     GPtrArray    *(*list_func) (KlDb *, GError **),
                     KlCliDescribe   describe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, command, NULL, 0, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (items = list_func (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_list (cli, describe, items, NULL, NULL);
  return 0;
}

/* The same for a programme's records: --programme ID, which it needs. */
int
kl_cli_programme_list_command (KlCli          *cli,
                               const char     *command,
                               int             argc,
                               char          **argv,
                               GPtrArray    *(*list_func) (KlDb *, gint64, GError **),
                               KlCliDescribe   describe)
{
  gint64 programme_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  int status = 0;

  if (!kl_cli_parse_programme (cli, command, &argc, &argv, &programme_id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (items = list_func (cli->db, programme_id, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_list (cli, describe, items, NULL, NULL);
  return 0;
}

gboolean
kl_cli_require_option (const char  *command,
                       const char  *option,
                       gboolean     present,
                       int         *status)
{
  if (present)
    return TRUE;
  *status = kl_cli_usage_error (command, _("%s is required"), option);
  return FALSE;
}

/* The options of a command that takes only --programme ID, which it needs. */
gboolean
kl_cli_parse_programme (KlCli       *cli,
                        const char  *command,
                        int         *argc,
                        char      ***argv,
                        gint64      *programme_id,
                        int         *status)
{
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, programme_id, N_("Programme"), N_("ID") },
    { NULL }
  };

  return kl_cli_parse_options_only (cli, command, entries, argc, argv, status)
         && kl_cli_require_option (command, "--programme", *programme_id > 0, status);
}

gboolean
kl_cli_no_extra_arguments (const char  *command,
                           int          argc,
                           char       **argv,
                           int          expected,
                           int         *status)
{
  if (argc - 1 == expected)
    return TRUE;
  if (argc - 1 > expected)
    *status = kl_cli_usage_error (command, _("unexpected argument “%s”"), argv[expected + 1]);
  else
    *status = kl_cli_usage_error (command, _("missing argument"));
  return FALSE;
}

gboolean
kl_cli_parse_id (const char  *command,
                 const char  *text,
                 gint64      *id,
                 int         *status)
{
  guint64 value;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }
  *status = kl_cli_usage_error (command, _("“%s” is not an id (a whole number from 1)"), text);
  return FALSE;
}

gboolean
kl_cli_parse_amount (const char  *label,
                     const char  *text,
                     gint64      *ore,
                     GError     **error)
{
  if (kl_money_parse (text, ore, error))
    return TRUE;
  g_prefix_error (error, "%s: ", label);
  return FALSE;
}

/* --hours: given, so not empty, and as every hours field takes them. */
gboolean
kl_cli_parse_hours (const char  *text,
                    int         *minutes,
                    GError     **error)
{
  return kl_validate_required (_("Hours"), text, error) && kl_hours_parse (_("Hours"), text, minutes, error);
}

/* "2024-09-02 09:00" or "2024-09-02T09:00" to the stored form. */
char *
kl_cli_normalize_datetime (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  if (strlen (copy) == 16 && copy[10] == ' ')
    copy[10] = 'T';
  return g_steal_pointer (&copy);
}

char *
kl_cli_money (KlCli  *cli,
              gint64  ore)
{
  if (ore == KL_NO_AMOUNT)
    return g_strdup ("—");
  return kl_money_format (ore, cli->lang);
}

void
kl_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
describe_created (KlCliRecord   *record,
                  gconstpointer  item)
{
  kl_cli_record_int (record, "id", "%lld\n", *(const gint64 *) item);
  if (record->data != NULL)
    kl_cli_record_text (record, "warning", NULL, record->data);
}

int
kl_cli_print_created (KlCli      *cli,
                      gint64      id,
                      const char *warning)
{
  if (warning != NULL)
    g_printerr (_("warning: %s\n"), warning);
  kl_cli_print_record (cli, describe_created, &id, warning);
  return 0;
}

const char *
kl_cli_or_dash (const char *text)
{
  return text && *text ? text : "—";
}


/* --lang nb|en; without it, *lang keeps what the caller set. */
gboolean
kl_cli_parse_lang (const char *command,
                   const char *text,
                   KlLang     *lang,
                   int        *status)
{
  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "nb"))
    *lang = KL_LANG_NB;
  else if (g_str_equal (text, "en"))
    *lang = KL_LANG_EN;
  else
    {
      *status = kl_cli_usage_error (command, _("--lang must be nb or en, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

/* For g_ptr_array_sort of strings. */
int
kl_cli_compare_strings (const char **a,
                        const char **b)
{
  return g_strcmp0 (*a, *b);
}

/* The record a command's one argument names (an ID); NULL with *status
 * set, the failure told, when there is none. */
gpointer
kl_cli_load_by_id (KlCli         *cli,
                   const char    *command,
                   int            argc,
                   char         **argv,
                   KlCliGetFunc   get_func,
                   int           *status)
{
  g_autoptr(GError) error = NULL;
  gpointer record = NULL;
  gint64 id;

  if (!kl_cli_no_extra_arguments (command, argc, argv, 1, status)
      || !kl_cli_parse_id (command, argv[1], &id, status))
    return NULL;
  if (kl_cli_db (cli, &error) == NULL || (record = get_func (cli->db, id, &error)) == NULL)
    *status = kl_cli_fail (error);
  return record;
}

/* The delete commands are alike: an id, a store function. */
int
kl_cli_delete_by_id (KlCli       *cli,
                     const char  *command,
                     gboolean   (*delete_func) (KlDb *, gint64, GError **),
                     int          argc,
                     char       **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, command, N_("ID"), 1, &argc, &argv, &status)
      || !kl_cli_parse_id (command, argv[1], &id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !delete_func (cli->db, id, &error))
    return kl_cli_fail (error);
  return 0;
}
