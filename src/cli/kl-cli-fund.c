#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-fund-document.h"
#include "kl-fund-pdf.h"
#include "kl-fund-seal.h"
#include "kl-fund-xml.h"

/* --format, else the output file's extension, says which. */
static gboolean
parse_format (const char  *command,
              const char  *format,
              const char  *output,
              gboolean    *pdf,
              int         *status)
{
  if (format == NULL)
    format = g_str_has_suffix (output, ".pdf") ? "pdf" : g_str_has_suffix (output, ".xml") ? "xml" : NULL;
  if (g_strcmp0 (format, "xml") == 0 || g_strcmp0 (format, "pdf") == 0)
    {
      *pdf = g_str_equal (format, "pdf");
      return TRUE;
    }
  if (format == NULL)
    *status = kl_cli_usage_error (command, _("--format is required when the output file ends in neither .xml nor .pdf"));
  else
    *status = kl_cli_usage_error (command, _("--format must be xml or pdf, not “%s”"), format);
  return FALSE;
}

/* What "funding export" wrote. */
typedef struct
{
  const char *output;
  KlFundDocumentKind kind;
  gboolean pdf;
  guint n_pages;
  KlFundDocument *doc;
} Written;

static void
describe_written (KlCliRecord   *record,
                  gconstpointer  item)
{
  const Written *w = item;

  kl_cli_record_text (record, "file", "%s\n", w->output);
  kl_cli_record_text (record, "document", NULL, kl_fund_document_kind_to_string (w->kind));
  kl_cli_record_text (record, "format", NULL, w->pdf ? "pdf" : "xml");
  if (w->pdf)
    kl_cli_record_int (record, "pages", NULL, w->n_pages);
  kl_cli_record_int (record, "eligible_ore", NULL, w->doc->claim->eligible_ore);
  kl_cli_record_int (record, "claim_ore", NULL, w->doc->claim->claim_ore);
  kl_cli_record_int (record, "payout_ore", NULL, w->doc->claim->payout_ore);
  kl_cli_record_strings (record, "warnings", NULL, w->doc->warnings);
}

static int
cmd_funding_export (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  gint64 programme_id = 0;
  g_autofree char *document = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang_text = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("The programme"), N_("ID") },
    { "document", 0, 0, G_OPTION_ARG_STRING, &document, N_("application or payout"), N_("DOCUMENT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("xml or pdf (default: from the file name)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("The document's language: nb (default) or en"), N_("LANG") },
    { NULL }
  };
  const char *command = "funding export";
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  KlFundDocumentKind kind;
  KlLang lang = KL_LANG_NB;   /* documents are Norwegian unless asked */
  gboolean pdf = FALSE;
  guint n_pages = 0;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, command, entries, &argc, &argv, &status)
      || !kl_cli_require_option (command, "--programme", programme_id > 0, &status)
      || !kl_cli_require_option (command, "--document", document != NULL, &status)
      || !kl_cli_require_option (command, "--output", output != NULL, &status)
      || !kl_cli_parse_lang (command, lang_text, &lang, &status)
      || !parse_format (command, format, output, &pdf, &status))
    return status;
  if (!kl_fund_document_kind_from_string (document, &kind))
    return kl_cli_usage_error (command, _("--document must be application or payout, not “%s”"), document);

  if (kl_cli_db (cli, &error) == NULL
      || (doc = kl_fund_document_load (cli->db, programme_id, kind, lang, &error)) == NULL)
    return kl_cli_fail (error);
  if (pdf ? !kl_fund_pdf_save (doc, output, &n_pages, &error) : !kl_fund_xml_save (doc, output, &error))
    return kl_cli_fail (error);

  for (guint i = 0; i < doc->warnings->len; i++)
    g_printerr (_("warning: %s\n"), (const char *) g_ptr_array_index (doc->warnings, i));
  kl_cli_print_record (cli, describe_written, &(Written) { output, kind, pdf, n_pages, doc }, NULL);
  return 0;
}

static void
describe_report (KlCliRecord   *record,
                 gconstpointer  item)
{
  const KlFundVerifyReport *report = item;

  kl_cli_record_text (record, "document", NULL, kl_fund_document_kind_to_string (report->kind));
  if (report->kind == KL_FUND_APPLICATION)
    kl_cli_record_print (record, _("Application from %s: valid against ou-fund-1.xsd, %u lines\n"),
                         report->applicant, report->n_lines);
  else
    kl_cli_record_print (record, _("Payout request from %s, case %s: valid against ou-fund-1.xsd, %u lines\n"),
                         report->applicant, report->case_no, report->n_lines);
  kl_cli_record_text (record, "applicant", NULL, report->applicant);
  kl_cli_record_text (record, "case_no", NULL, report->case_no);
  kl_cli_record_int (record, "lines", NULL, report->n_lines);
  kl_cli_record_amount (record, NULL, _("Eligible basis: %s\n"), report->eligible_ore);
  kl_cli_record_int (record, "eligible_ore", NULL, report->eligible_ore);
  kl_cli_record_amount (record, NULL, _("Claim:          %s\n"), report->claim_ore);
  kl_cli_record_int (record, "claim_ore", NULL, report->claim_ore);
  kl_cli_record_amount (record, NULL, report->kind == KL_FUND_PAYOUT ? _("Payout:         %s\n") : NULL,
                        report->payout_ore);
  kl_cli_record_int (record, "payout_ore", NULL, report->payout_ore);
  kl_cli_record_strings (record, "mismatches", _("MISMATCH: %s\n"), report->mismatches);
}

static int
cmd_funding_verify (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  const char *command = "funding verify";
  g_autoptr(KlFundVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, command, N_("FILE"), 1, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (report = kl_fund_xml_verify (cli->db, argv[1], cli->lang, &error)) == NULL)
    return kl_cli_fail (error);

  kl_cli_print_record (cli, describe_report, report, NULL);
  if (cli->json)
    return report->mismatches->len == 0 ? 0 : KL_CLI_EXIT_FAILED;
  if (report->mismatches->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "kartleser-cli: %u figure in the file disagrees with the fund's rules\n",
                               "kartleser-cli: %u figures in the file disagree with the fund's rules\n",
                               report->mismatches->len),
                  report->mismatches->len);
      return KL_CLI_EXIT_FAILED;
    }
  g_print (_("The totals agree with the lines.\n"));
  return 0;
}

static void
describe_sealed (KlCliRecord   *record,
                 gconstpointer  item)
{
  const KlSealedDocument *document = item;
  const char *kind = kl_fund_document_kind_to_string (document->kind);
  int width = 12;
  g_autofree char *label = NULL;

  for (KlFundDocumentKind k = KL_FUND_APPLICATION; k <= KL_FUND_PAYOUT; k++)
    width = MAX (width, g_utf8_strlen (kl_label_fund_document (kl_fund_document_kind_to_string (k)), -1));
  label = kl_cli_pad (kl_label_fund_document (kind), width);
  kl_cli_record_int (record, "id", "%4lld  ", document->id);
  kl_cli_record_text (record, "document", NULL, kind);
  kl_cli_record_print (record, "%s ", label);
  kl_cli_record_text (record, "format", "%-4s ", document->format);
  kl_cli_record_text (record, "lang", "%s  ", document->lang == KL_LANG_NB ? "nb" : "en");
  kl_cli_record_text (record, "sealed_at", "%s  ", document->sealed_at);
  kl_cli_record_text (record, "sha256", NULL, document->sha256);
  kl_cli_record_int (record, "bytes", "%8lld  ", (gint64) document->size);
  kl_cli_record_print (record, "%s\n", document->sha256);
}

/* The documents as they went out; with --export, one of them again, byte
 * for byte. */
static int
cmd_funding_sent (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  gint64 programme_id = 0;
  gint64 export_id = 0;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("The programme"), N_("ID") },
    { "export", 0, 0, G_OPTION_ARG_INT64, &export_id, N_("Write this sealed document again, as it went out"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write (with --export)"), N_("FILE") },
    { NULL }
  };
  const char *command = "funding sent";
  g_autoptr(GPtrArray) sealed = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, command, entries, &argc, &argv, &status)
      || !kl_cli_require_option (command, "--programme", programme_id > 0, &status)
      || !kl_cli_require_option (command, "--output", export_id == 0 || output != NULL, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);

  if (export_id > 0)
    {
      g_autoptr(KlSealedDocument) document = kl_fund_sealed_get (cli->db, export_id, &error);
      gsize size;
      const void *data;

      if (document == NULL)
        return kl_cli_fail (error);
      if (document->programme_id != programme_id)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, export_id);

          g_set_error (&error, KL_ERROR, KL_ERROR_NOT_FOUND, _("Sealed document %s belongs to another programme"), id);
          return kl_cli_fail (error);
        }
      data = g_bytes_get_data (document->content, &size);
      if (!kl_export_write_file (output, data, size, &error))
        return kl_cli_fail (error);
      g_print ("%s\n", output);
      return 0;
    }

  sealed = kl_fund_sealed_list (cli->db, programme_id, &error);
  if (sealed == NULL)
    return kl_cli_fail (error);
  kl_cli_print_list (cli, describe_sealed, sealed, NULL,
                     _("Nothing has been sent yet: a document is sealed when the application or payout request is recorded.\n"));
  if (cli->json || sealed->len == 0)
    return 0;
  for (KlFundDocumentKind kind = KL_FUND_APPLICATION; kind <= KL_FUND_PAYOUT; kind++)
    {
      g_autofree char *difference = kl_fund_seal_difference (cli->db, programme_id, kind, &error);

      if (error != NULL)
        return kl_cli_fail (error);
      if (difference != NULL)
        g_print (kind == KL_FUND_APPLICATION ? _("CHANGED since the application was sent: %s\n")
                                             : _("CHANGED since the payout request was sent: %s\n"),
                 difference);
    }
  return 0;
}

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_fund_commands[] = {
  { "funding", "export", cmd_funding_export, N_("Write the application or payout request as XML or PDF") },
  { "funding", "verify", cmd_funding_verify, N_("Check a document file against the schema and recompute its totals") },
  { "funding", "sent", cmd_funding_sent, N_("List the documents sent (sealed), or write one again byte for byte") },
  { NULL }
};
