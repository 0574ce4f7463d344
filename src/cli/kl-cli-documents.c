#include "config.h"

#include <glib/gi18n.h>

#include "kl-attendance-report.h"
#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-sheet.h"

/* Printed documents: session sign-in sheets and attendance reports. They
 * are in Norwegian unless --lang en asks for English, whatever the
 * language of the messages. */

static int
write_document (KlCli      *cli,
                KlPdf      *pdf,
                const char *output)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (!kl_pdf_save (pdf, output, &n_pages, &error))
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      kl_cli_json_add_string (builder, "path", output);
      kl_cli_json_add_int (builder, "pages", n_pages);
      json_builder_end_object (builder);
      kl_cli_print_json (builder);
    }
  else
    /* TRANSLATORS: after writing a PDF: its file name and page count */
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u page\n", "%s: %u pages\n", n_pages), output, n_pages);
  return 0;
}

static int
cmd_session_sheet (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  gint64 session_id = 0;
  g_autofree char *output = NULL;
  g_autofree char *lang_text = NULL;
  GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_INT64, &session_id, N_("Session"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("Language of the document: nb (default) or en"), "nb|en" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  KlLang lang = KL_LANG_NB;
  int status = 0;

  if (!kl_cli_parse_options (cli, "session sheet", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("session sheet", argc, argv, 0, &status)
      || !kl_cli_require_option ("session sheet", "--session", session_id > 0, &status)
      || !kl_cli_require_option ("session sheet", "--output", output != NULL, &status)
      || !kl_cli_parse_lang ("session sheet", lang_text, &lang, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (pdf = kl_sheet_sign_in (cli->db, session_id, lang, &error)) == NULL)
    return kl_cli_fail (error);
  return write_document (cli, pdf, output);
}

static int
cmd_attendance_report (KlCli  *cli,
                       int     argc,
                       char  **argv)
{
  gint64 programme_id = 0;
  g_autofree char *output = NULL;
  g_autofree char *lang_text = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("Language of the document: nb (default) or en"), "nb|en" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  KlLang lang = KL_LANG_NB;
  int status = 0;

  if (!kl_cli_parse_options (cli, "attendance report", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("attendance report", argc, argv, 0, &status)
      || !kl_cli_require_option ("attendance report", "--programme", programme_id > 0, &status)
      || !kl_cli_require_option ("attendance report", "--output", output != NULL, &status)
      || !kl_cli_parse_lang ("attendance report", lang_text, &lang, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (pdf = kl_attendance_report (cli->db, programme_id, lang, &error)) == NULL)
    return kl_cli_fail (error);
  return write_document (cli, pdf, output);
}

const KlCommand kl_cli_documents_commands[] = {
  { "session", "sheet", cmd_session_sheet, N_("Write a session's sign-in sheet (PDF)") },
  { "attendance", "report", cmd_attendance_report, N_("Write a programme's attendance report (PDF)") },
  { NULL }
};
