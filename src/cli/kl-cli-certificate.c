#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "kl-certificate.h"
#include "kl-cli-private.h"
#include "kl-error.h"

/* Course certificates and attendance statements: one combined PDF, or
 * one per participant in a folder. */

/* One participant's document; the text names each file once, as the
 * combined PDF holds everybody's pages (record->data: the entries). */
static void
describe_entry (KlCliRecord   *record,
                gconstpointer  item)
{
  const KlCertificateEntry *entry = item;
  GPtrArray *entries = (GPtrArray *) record->data;
  guint i = 0;

  kl_cli_record_int (record, "participant", NULL, entry->participant_id);
  kl_cli_record_text (record, "name", NULL, entry->name);
  kl_cli_record_text (record, "kind", NULL, entry->certificate ? "certificate" : "statement");
  kl_cli_record_int (record, "attended_minutes", NULL, entry->attended_minutes);
  kl_cli_record_int (record, "planned_minutes", NULL, entry->planned_minutes);
  g_ptr_array_find (entries, entry, &i);
  kl_cli_record_text (record, "path", (i == 0 || g_strcmp0 (entry->path, ((KlCertificateEntry *)
                                                     g_ptr_array_index (entries, i - 1))->path) != 0)
                                      ? "%s\n" : NULL, entry->path);
}

static int
cmd_certificate (KlCli  *cli,
                 int     argc,
                 char  **argv)
{
  gint64 programme_id = 0;
  gint64 participant_id = 0;
  gboolean combined = FALSE;
  gboolean force = FALSE;
  g_autofree char *output = NULL;
  g_autofree char *lang_text = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "participant", 0, 0, G_OPTION_ARG_INT64, &participant_id, N_("Only this participant"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("A folder for one PDF per participant, or a PDF file for all in one"), N_("DIR|FILE") },
    { "combined", 0, 0, G_OPTION_ARG_NONE, &combined, N_("Write one PDF with everybody's pages"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Make them before the programme is finished"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("Language of the document: nb (default) or en"), "nb|en" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  KlLang lang = KL_LANG_NB;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, "certificate", entries, &argc, &argv, &status)
      || !kl_cli_require_option ("certificate", "--programme", programme_id > 0, &status)
      || !kl_cli_require_option ("certificate", "--output", output != NULL, &status)
      || !kl_cli_parse_lang ("certificate", lang_text, &lang, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  if (!force && !kl_certificate_check_finished (cli->db, programme_id, &error))
    {
      if (!g_error_matches (error, KL_ERROR, KL_ERROR_UNCONFIRMED))
        return kl_cli_fail (error);
      g_printerr (_("kartleser-cli: %s (make them anyway with --force)\n"), error->message);
      return KL_CLI_EXIT_FAILED;
    }

  if (combined || g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF"))
    {
      g_autoptr(KlPdf) pdf = NULL;

      if ((list = kl_certificate_entries (cli->db, programme_id, participant_id, &error)) == NULL
          || (pdf = kl_certificate_build (cli->db, programme_id, participant_id, lang, &error)) == NULL
          || !kl_pdf_save (pdf, output, NULL, &error))
        return kl_cli_fail (error);
      for (guint i = 0; i < list->len; i++)
        kl_cli_set_str (&((KlCertificateEntry *) g_ptr_array_index (list, i))->path, output);
    }
  else if ((list = kl_certificate_write_each (cli->db, programme_id, participant_id, output, lang, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_list (cli, describe_entry, list, list, NULL);
  return 0;
}

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_certificate_commands[] = {
  { "certificate", NULL, cmd_certificate, N_("Write course certificates and attendance statements (PDF)") },
  { NULL }
};
