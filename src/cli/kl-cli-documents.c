#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "kl-attendance-report.h"
#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-sheet.h"

/* Printed documents: session sign-in sheets and attendance reports. They
 * are in Norwegian unless --lang en asks for English, whatever the
 * language of the messages. */

static void
describe_pdf (KlCliRecord   *record,
              gconstpointer  item)
{
  guint n_pages = *(const guint *) record->data;

  kl_cli_record_text (record, "path", NULL, item);
  kl_cli_record_int (record, "pages", NULL, n_pages);
  /* TRANSLATORS: after writing a PDF: its file name and page count */
  kl_cli_record_print (record, g_dngettext (GETTEXT_PACKAGE, "%s: %u page\n", "%s: %u pages\n", n_pages),
                       (const char *) item, n_pages);
}

static int
write_document (KlCli      *cli,
                KlPdf      *pdf,
                const char *output)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (!kl_pdf_save (pdf, output, &n_pages, &error))
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_pdf, output, &n_pages);
  return 0;
}

/* What differs between the printed-document commands: the record they
 * are about and how the document is laid out. */
typedef struct
{
  const char *command;
  const char *option;      /* "session" or "programme" */
  const char *option_help;
  KlPdf *(*build) (KlDb *db, gint64 id, KlLang lang, GError **error);
} DocumentCommand;

static int
run_document_command (KlCli                 *cli,
                      const DocumentCommand *document,
                      int                    argc,
                      char                 **argv)
{
  gint64 id = 0;
  g_autofree char *output = NULL;
  g_autofree char *lang_text = NULL;
  g_autofree char *required = g_strdup_printf ("--%s", document->option);
  GOptionEntry entries[] = {
    { document->option, 0, 0, G_OPTION_ARG_INT64, &id, document->option_help, N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("Language of the document: nb (default) or en"), "nb|en" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  KlLang lang = KL_LANG_NB;
  int status = 0;

  if (!kl_cli_parse_options (cli, document->command, NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments (document->command, argc, argv, 0, &status)
      || !kl_cli_require_option (document->command, required, id > 0, &status)
      || !kl_cli_require_option (document->command, "--output", output != NULL, &status)
      || !kl_cli_parse_lang (document->command, lang_text, &lang, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (pdf = document->build (cli->db, id, lang, &error)) == NULL)
    return kl_cli_fail (error);
  return write_document (cli, pdf, output);
}

static int
cmd_session_sheet (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const DocumentCommand sheet = { "session sheet", "session", N_("Session"), kl_sheet_sign_in };

  return run_document_command (cli, &sheet, argc, argv);
}

static int
cmd_attendance_report (KlCli  *cli,
                       int     argc,
                       char  **argv)
{
  static const DocumentCommand report = { "attendance report", "programme", N_("Programme"), kl_attendance_report };

  return run_document_command (cli, &report, argc, argv);
}

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_documents_commands[] = {
  { "session", "sheet", cmd_session_sheet, N_("Write a session's sign-in sheet (PDF)") },
  { "attendance", "report", cmd_attendance_report, N_("Write a programme's attendance report (PDF)") },
  { NULL }
};
