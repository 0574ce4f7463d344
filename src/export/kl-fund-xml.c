#include "config.h"

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "kl-error.h"
#include "kl-export.h"
#include "kl-export-resources.h"
#include "kl-fund-xml.h"
#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-store.h"
#include "kl-validate.h"

/* The fund's two documents as XML (data/schema/ou-fund-1.xsd): the
 * application and the payout request written from the store, and read
 * back and checked against the store by `funding verify`. Over 1 100
 * lines and kept in one file: writing and verifying walk the same
 * elements in the same order, and keeping them side by side is what
 * keeps them agreeing. */

#define SCHEMA_RESOURCE "/no/imtec/Kartleser/export/schema/ou-fund-1.xsd"
#define MAX_REPORTED_ERRORS 5

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

typedef struct
{
  GString *text;
  guint count;
} ErrorCollector;

/* Writing */

/* XML 1.0 cannot carry most control characters; a name pasted from a
 * spreadsheet sometimes has one. They become U+FFFD rather than making
 * the whole document unreadable. */
static char *
xml_safe (const char *text)
{
  g_autoptr(GString) safe = NULL;

  if (text == NULL)
    return g_strdup ("");
  safe = g_string_sized_new (strlen (text));
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      return xml_safe (valid);
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        g_string_append_unichar (safe, 0xFFFD);
      else if (c == 0xFFFE || c == 0xFFFF)
        g_string_append_unichar (safe, 0xFFFD);
      else
        g_string_append_unichar (safe, c);
    }
  return g_string_free (g_steal_pointer (&safe), FALSE);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static xmlNodePtr
add_text (xmlNodePtr  parent,
          const char *name,
          const char *text)
{
  g_autofree char *safe = xml_safe (text);

  return xmlNewTextChild (parent, NULL, BAD_CAST name, BAD_CAST safe);
}

static void
add_optional (xmlNodePtr  parent,
              const char *name,
              const char *text)
{
  if (!is_empty (text))
    add_text (parent, name, text);
}

static void
add_amount (xmlNodePtr  parent,
            const char *name,
            gint64      ore)
{
  g_autofree char *text = kl_money_format_decimal (ore);

  add_text (parent, name, text);
}

static void
add_number (xmlNodePtr  parent,
            const char *name,
            gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  add_text (parent, name, text);
}

static void
set_attribute (xmlNodePtr  node,
               const char *name,
               const char *value)
{
  g_autofree char *safe = xml_safe (value);

  xmlNewProp (node, BAD_CAST name, BAD_CAST safe);
}

static void
set_number_attribute (xmlNodePtr  node,
                      const char *name,
                      gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  set_attribute (node, name, text);
}

static void
set_id (xmlNodePtr node,
        gint64     id)
{
  set_number_attribute (node, "id", id);
}

static char *
format_percent (int permille)
{
  return g_strdup_printf ("%d.%d", permille / 10, permille % 10);
}

/* 90 minutes as 1.50, 100 as 1.67. */
static char *
format_hours (int minutes)
{
  int hundredths = (minutes * 100 + 30) / 60;

  return g_strdup_printf ("%d.%02d", hundredths / 100, hundredths % 100);
}

/* "2024-09-02T09:00" gives 09:00:00. */
static char *
time_of (const char *datetime)
{
  if (datetime == NULL || strlen (datetime) < 16)
    return g_strdup ("00:00:00");
  return g_strdup_printf ("%.5s:00", datetime + 11);
}

/* The client and the sender are both written as a party: name, org
 * number, address and account. */
static xmlNodePtr
add_party (xmlNodePtr  parent,
           const char *element,
           const char *name,
           const char *orgnr,
           const char *address,
           const char *account)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST element, NULL);

  add_text (node, "name", name);
  add_text (node, "org-number", orgnr);
  add_optional (node, "address", address);
  add_optional (node, "account-number", account);
  return node;
}

static void
add_client (xmlNodePtr      parent,
            const char     *name,
            const KlClient *client,
            const KlClient *unit)
{
  xmlNodePtr node = add_party (parent, name, client->name, client->orgnr, client->address, client->account);

  if (!is_empty (client->contact_name))
    {
      xmlNodePtr contact = xmlNewChild (node, NULL, BAD_CAST "contact", NULL);

      add_text (contact, "name", client->contact_name);
      add_optional (contact, "email", client->contact_email);
      add_optional (contact, "phone", client->contact_phone);
    }
  if (unit != NULL)
    add_text (node, "unit", unit->name);
}

static void
add_sender (xmlNodePtr        parent,
            const KlSettings *sender)
{
  add_party (parent, "sender", sender->name, sender->orgnr, sender->address, sender->account);
}

static void
add_programme (xmlNodePtr            parent,
               const KlFundDocument *doc)
{
  const KlProgramme *programme = doc->programme;
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "programme", NULL);
  xmlNodePtr period;
  xmlNodePtr questions;

  set_id (node, programme->id);
  add_text (node, "title", programme->title);
  add_text (node, "kind", programme->kind);
  period = xmlNewChild (node, NULL, BAD_CAST "period", NULL);
  set_attribute (period, "start", programme->start_date);
  if (!is_empty (programme->end_date))
    set_attribute (period, "end", programme->end_date);
  add_optional (node, "lead", doc->lead_name);
  add_text (node, "goals", programme->goals);
  add_text (node, "target-group", programme->target_group);
  add_number (node, "participants", doc->n_participants);
  questions = xmlNewChild (node, NULL, BAD_CAST "working-questions", NULL);
  add_text (questions, "where-are-we", programme->q_current);
  add_text (questions, "where-do-we-want-to-go", programme->q_future);
  add_text (questions, "how-do-we-get-there", programme->q_process);
}

static void
add_sessions (xmlNodePtr            parent,
              const KlFundDocument *doc)
{
  xmlNodePtr sessions = xmlNewChild (parent, NULL, BAD_CAST "sessions", NULL);

  for (guint i = 0; i < doc->sessions->len; i++)
    {
      const KlFundSession *entry = g_ptr_array_index (doc->sessions, i);
      const KlSession *session = entry->session;
      xmlNodePtr node = xmlNewChild (sessions, NULL, BAD_CAST "session", NULL);
      xmlNodePtr leaders;
      g_autofree char *date = g_strndup (session->starts_at, 10);
      g_autofree char *start = time_of (session->starts_at);
      g_autofree char *end = time_of (session->ends_at ? session->ends_at : session->starts_at);
      g_autofree char *hours = format_hours (kl_session_minutes (session));

      set_id (node, session->id);
      add_text (node, "date", date);
      add_text (node, "start", start);
      add_text (node, "end", end);
      add_text (node, "kind", session->kind);
      add_text (node, "title", !is_empty (session->title) ? session->title
                                : kl_export_label (doc->lang, KL_LABELS_SESSION_KIND, session->kind));
      add_text (node, "hours", hours);
      add_optional (node, "location", session->location);
      leaders = xmlNewChild (node, NULL, BAD_CAST "leaders", NULL);
      for (guint j = 0; j < entry->leaders->len; j++)
        add_text (leaders, "leader", g_ptr_array_index (entry->leaders, j));
      if (doc->kind == KL_FUND_PAYOUT)
        {
          xmlNodePtr attendance = xmlNewChild (node, NULL, BAD_CAST "attendance", NULL);

          set_number_attribute (attendance, "present", entry->present);
          set_number_attribute (attendance, "enrolled", entry->enrolled);
        }
    }
}

/* The eligible categories as the schema lists them: their ids, spaced. */
static char *
categories_text (guint eligible)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint c = 0; c < KL_COST_N_CATEGORIES; c++)
    if (eligible & (1u << c))
      g_string_append_printf (text, "%s%s", text->len ? " " : "", kl_cost_categories[c]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_scheme (xmlNodePtr             parent,
            const KlSchemeVersion *scheme)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "scheme", NULL);
  g_autofree char *rate = format_percent (scheme->rate_permille);
  g_autofree char *eligible = categories_text (scheme->eligible);

  set_attribute (node, "code", scheme->scheme);
  add_text (node, "name", scheme->name);
  add_text (node, "valid-from", scheme->valid_from);
  add_text (node, "rate-percent", rate);
  add_amount (node, "fee-cap-per-day", scheme->fee_cap_ore);
  add_amount (node, "participant-fee-cap", scheme->participant_fee_cap_ore);
  add_amount (node, "study-fee-cap", scheme->study_fee_cap_ore);
  add_text (node, "eligible-categories", eligible);
}

static void
add_lines (xmlNodePtr            parent,
           const char           *name,
           const KlFundDocument *doc)
{
  xmlNodePtr lines = xmlNewChild (parent, NULL, BAD_CAST name, NULL);

  if (doc->kind == KL_FUND_APPLICATION)
    set_attribute (lines, "basis", doc->from_actuals ? "actuals" : "budget");
  for (guint i = 0; i < doc->costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (doc->costs, i);
      const KlClaimLine *line = g_ptr_array_index (doc->claim->lines, i);
      xmlNodePtr node = xmlNewChild (lines, NULL, BAD_CAST "line", NULL);
      xmlNodePtr rule;
      g_autofree char *description = kl_fund_document_cost_description (doc, i);
      g_autofree char *rule_text = NULL;

      set_id (node, item->id);
      add_text (node, "category", kl_cost_categories[item->category]);
      add_text (node, "description", description);
      if (!is_empty (item->consultant_name))
        {
          xmlNodePtr who = add_text (node, "who", item->consultant_name);

          if (item->consultant_id > 0)
            set_number_attribute (who, "consultant-id", item->consultant_id);
        }
      if (kl_cost_category_is_fee (item->category) && item->days > 0)
        add_number (node, "days", item->days);
      if (kl_cost_category_is_per_person (item->category) && item->persons > 0)
        add_number (node, "persons", item->persons);
      if (item->category == KL_COST_STUDY_FEE && item->semesters > 0)
        add_number (node, "semesters", item->semesters);
      if (kl_cost_category_is_fee (item->category) && item->covered != NULL && item->covered[0] != NULL)
        {
          g_autofree char *dates = g_strjoinv (" ", item->covered);

          add_text (node, "dates", dates);
        }
      add_amount (node, "net", item->net_ore);
      add_amount (node, "vat", item->vat_ore);
      add_amount (node, "counted", line->counted_ore);
      /* The sentence the PDF explains the line's rule letter with. */
      rule_text = kl_fund_document_rule_note (doc, i, NULL);
      rule = add_text (node, "rule", rule_text);
      set_attribute (rule, "code", kl_rule_to_string (line->rule));
      if (doc->kind == KL_FUND_PAYOUT)
        {
          xmlNodePtr invoice = xmlNewChild (node, NULL, BAD_CAST "invoice", NULL);

          add_text (invoice, "supplier", item->supplier);
          add_text (invoice, "number", item->invoice_no);
          add_text (invoice, "date", item->invoice_date);
        }
    }
}

static void
add_totals (xmlNodePtr            parent,
            const KlFundDocument *doc)
{
  const KlClaim *claim = doc->claim;
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "totals", NULL);
  g_autofree char *rate = format_percent (claim->scheme->rate_permille);

  add_amount (node, "net", claim->net_ore);
  add_amount (node, "vat", claim->vat_ore);
  add_amount (node, "eligible-basis", claim->eligible_ore);
  add_text (node, "rate-percent", rate);
  if (doc->kind == KL_FUND_APPLICATION)
    {
      add_amount (node, "computed-claim", claim->claim_ore);
      add_amount (node, "amount-applied-for", doc->applied_ore);
      return;
    }
  add_amount (node, "computed-claim", claim->claim_ore);
  add_amount (node, "granted", claim->granted_ore);
  add_amount (node, "payout-requested", claim->payout_ore);
}

static void
add_grant (xmlNodePtr           parent,
           const KlFundingCase *funding)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "grant", NULL);

  add_text (node, "case-number", funding->case_no);
  add_text (node, "grant-date", funding->grant_date);
  add_amount (node, "amount", funding->granted_ore);
  add_optional (node, "expiry-date", funding->expiry_date);
  add_optional (node, "application-date", funding->applied_date);
}

static void
add_attachments (xmlNodePtr            parent,
                 const KlFundDocument *doc)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "attachments", NULL);
  xmlNodePtr letter = xmlNewChild (node, NULL, BAD_CAST "grant-letter", NULL);

  set_attribute (letter, "case-number", doc->funding->case_no);
  for (guint i = 0; i < doc->invoices->len; i++)
    {
      const KlFundInvoice *item = &g_array_index (doc->invoices, KlFundInvoice, i);
      xmlNodePtr invoice = xmlNewChild (node, NULL, BAD_CAST "invoice", NULL);

      add_text (invoice, "supplier", item->supplier);
      add_text (invoice, "number", item->number);
      add_text (invoice, "date", item->date);
      add_amount (invoice, "amount-including-vat", item->total_ore);
    }
}

static xmlDocPtr
build_document (const KlFundDocument *doc)
{
  xmlDocPtr xml = xmlNewDoc (BAD_CAST "1.0");
  gboolean payout = doc->kind == KL_FUND_PAYOUT;
  xmlNodePtr root = xmlNewDocNode (xml, NULL, BAD_CAST (payout ? "payout-request" : "application"), NULL);
  xmlNsPtr ns = xmlNewNs (root, BAD_CAST KL_FUND_XML_NAMESPACE, NULL);

  xmlSetNs (root, ns);
  xmlDocSetRootElement (xml, root);
  set_attribute (root, "version", "1");
  set_attribute (root, "lang", doc->lang == KL_LANG_NB ? "nb" : "en");
  set_attribute (root, "generated-at", doc->generated_at);
  set_attribute (root, "generator", "Kartleser " PACKAGE_VERSION);

  add_text (root, "date", doc->date);
  add_sender (root, doc->sender);
  add_client (root, "applicant", doc->applicant, doc->unit);
  if (payout)
    add_grant (root, doc->funding);
  add_programme (root, doc);
  add_sessions (root, doc);
  add_scheme (root, doc->claim->scheme);
  add_lines (root, payout ? "costs" : "budget", doc);
  add_totals (root, doc);
  if (payout)
    add_attachments (root, doc);
  return xml;
}

/* Validation */

static void
collect_error_cb (void        *data,
                  xmlErrorPtr  error)
{
  ErrorCollector *collector = data;
  g_autofree char *message = NULL;

  if (error == NULL || error->level == XML_ERR_WARNING)
    return;
  if (collector->count++ >= MAX_REPORTED_ERRORS)
    return;
  message = g_strstrip (g_strdup (error->message ? error->message : "?"));
  if (collector->text->len > 0)
    g_string_append (collector->text, "; ");
  if (error->line > 0)
    g_string_append_printf (collector->text, _("line %d: %s"), error->line, message);
  else
    g_string_append (collector->text, message);
}

/* Parsed once: the schema is read-only afterwards, and libxml2 lets
 * several validation contexts share it. */
static xmlSchemaPtr
fund_schema (void)
{
  static gsize initialised = 0;
  static xmlSchemaPtr schema = NULL;

  if (g_once_init_enter (&initialised))
    {
      /* Looked up in the library's own bundle: a static library's
       * constructor that would register it may be dropped at link time. */
      g_autoptr(GBytes) bytes = g_resource_lookup_data (kl_export_get_resource (), SCHEMA_RESOURCE, 0, NULL);
      xmlSchemaParserCtxtPtr parser;
      gsize length = 0;
      const char *data;

      g_assert (bytes != NULL);
      data = g_bytes_get_data (bytes, &length);
      parser = xmlSchemaNewMemParserCtxt (data, (int) length);
      schema = xmlSchemaParse (parser);
      xmlSchemaFreeParserCtxt (parser);
      g_assert (schema != NULL);
      g_once_init_leave (&initialised, 1);
    }
  return schema;
}

static gboolean
validate_tree (xmlDocPtr    xml,
               const char  *what,
               GError     **error)
{
  g_autoptr(xmlSchemaValidCtxt) context = xmlSchemaNewValidCtxt (fund_schema ());
  ErrorCollector collector = { g_string_new (NULL), 0 };
  g_autoptr(GString) text = collector.text;
  int result;

  xmlSchemaSetValidStructuredErrors (context, collect_error_cb, &collector);
  result = xmlSchemaValidateDoc (context, xml);
  if (result == 0)
    return TRUE;
  if (collector.count > MAX_REPORTED_ERRORS)
    g_string_append_printf (text, _("; and %u more"), collector.count - MAX_REPORTED_ERRORS);
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
               _("%s does not follow the schema ou-fund-1.xsd: %s"), what,
               text->len > 0 ? text->str : _("unknown error"));
  return FALSE;
}

static xmlDocPtr
parse_xml (const char  *data,
           gsize        length,
           const char  *path,
           const char  *what,
           GError     **error)
{
  g_autoptr(xmlParserCtxt) parser = xmlNewParserCtxt ();
  /* No network, no entity expansion: a file to check is not trusted. */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  xmlDocPtr xml;

  xml = data != NULL
    ? xmlCtxtReadMemory (parser, data, (int) length, NULL, "UTF-8", options)
    : xmlCtxtReadFile (parser, path, NULL, options);
  if (xml == NULL)
    {
      xmlErrorPtr last = xmlCtxtGetLastError (parser);
      g_autofree char *message = g_strstrip (g_strdup (last && last->message ? last->message : "?"));

      if (last != NULL && last->line > 0)
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                     _("%s is not readable XML: line %d: %s"), what, last->line, message);
      else
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                     _("%s is not readable XML: %s"), what, message);
    }
  return xml;
}

/* Reading back: a file to verify is not trusted, so every figure it holds
 * is read as text and checked, and each finding names the file's line. */

typedef struct
{
  KlFundVerifyReport *report;
  KlLang lang;
  gboolean unreadable;   /* an amount could not be read: totals cannot be redone */
} Verify;

static void
finding (Verify     *verify,
         xmlNodePtr  node,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
finding (Verify     *verify,
         xmlNodePtr  node,
         const char *format,
         ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (node != NULL && xmlGetLineNo (node) > 0)
    g_ptr_array_add (verify->report->mismatches,
                     g_strdup_printf (_("line %ld: %s"), xmlGetLineNo (node), text));
  else
    g_ptr_array_add (verify->report->mismatches, g_steal_pointer (&text));
}

static xmlNodePtr
child (xmlNodePtr  node,
       const char *name)
{
  for (xmlNodePtr c = node ? node->children : NULL; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, BAD_CAST name))
      return c;
  return NULL;
}

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

static char *
child_text (xmlNodePtr  node,
            const char *name)
{
  return node_text (child (node, name));
}

static char *
attribute (xmlNodePtr  node,
           const char *name)
{
  xmlChar *value = node ? xmlGetProp (node, BAD_CAST name) : NULL;
  char *text = g_strdup ((const char *) value);

  xmlFree (value);
  return text;
}

/* An amount as the schema writes it (digits.digits), within Kartleser's
 * bound; anything else is a finding, never a number. */
static gboolean
read_amount (Verify      *verify,
             xmlNodePtr   parent,
             const char  *name,
             const char  *where,
             gint64      *ore)
{
  xmlNodePtr node = child (parent, name);
  g_autofree char *text = node_text (node);
  g_autoptr(GError) error = NULL;

  *ore = 0;
  if (text == NULL)
    return FALSE;
  if (kl_money_parse (text, ore, &error))
    return TRUE;
  finding (verify, node, _("%s <%s>: %s"), where, name, error->message);
  verify->unreadable = TRUE;
  return FALSE;
}

static int
child_int (xmlNodePtr  node,
           const char *name)
{
  g_autofree char *text = child_text (node, name);
  gint64 value = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;

  return (int) CLAMP (value, 0, G_MAXINT);
}

/* "70.0" percent as 700 permille; -1 when it is not a percentage. */
static int
parse_permille (const char *text)
{
  gint64 hundredths = 0;

  /* As money, 70.0 is 7000 "øre". */
  if (text == NULL || !kl_money_parse (text, &hundredths, NULL) || hundredths > 10000)
    return -1;
  return (int) (hundredths / 10);
}

static char *
format_permille (int    permille,
                 KlLang lang)
{
  return g_strdup_printf (lang == KL_LANG_NB ? "%d,%d %%" : "%d.%d %%", permille / 10, permille % 10);
}

/* The scheme the file states against Kartleser's own for the same date:
 * a file cannot make its own rules. */
static void
compare_scheme (Verify                *verify,
                xmlNodePtr             node,
                const KlSchemeVersion *ours,
                const char            *date)
{
  g_autofree char *name = child_text (node, "name");
  g_autofree char *valid_from = child_text (node, "valid-from");
  g_autofree char *rate_text = child_text (node, "rate-percent");
  g_autofree char *categories = child_text (node, "eligible-categories");
  g_auto(GStrv) names = g_strsplit_set (categories ? categories : "", " \t\n", -1);
  g_autofree char *when = kl_format_date (date);
  static const struct { const char *element; gsize offset; } caps[] = {
    { "fee-cap-per-day", G_STRUCT_OFFSET (KlSchemeVersion, fee_cap_ore) },
    { "participant-fee-cap", G_STRUCT_OFFSET (KlSchemeVersion, participant_fee_cap_ore) },
    { "study-fee-cap", G_STRUCT_OFFSET (KlSchemeVersion, study_fee_cap_ore) },
  };
  int rate = parse_permille (rate_text);
  guint eligible = 0;

  if (g_strcmp0 (name, ours->name) != 0)
    finding (verify, child (node, "name"), _("Scheme: the file names “%s”; the scheme in force on %s is “%s”"),
             name, when, ours->name);
  if (g_strcmp0 (valid_from, ours->valid_from) != 0)
    finding (verify, child (node, "valid-from"), _("Scheme: the file says it applies from %s; “%s” applies from %s"),
             valid_from, ours->name, ours->valid_from);
  if (rate != ours->rate_permille)
    {
      g_autofree char *stated = rate >= 0 ? format_permille (rate, verify->lang) : g_strdup (rate_text);
      g_autofree char *actual = format_permille (ours->rate_permille, verify->lang);

      finding (verify, child (node, "rate-percent"), _("Scheme: the file states a rate of %s; “%s” grants %s"),
               stated, ours->name, actual);
    }
  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      gint64 stated;
      gint64 actual = G_STRUCT_MEMBER (gint64, ours, caps[i].offset);

      if (read_amount (verify, node, caps[i].element, _("Scheme"), &stated) && stated != actual)
        {
          g_autofree char *stated_text = kl_money_format (stated, verify->lang);
          g_autofree char *actual_text = kl_money_format (actual, verify->lang);

          finding (verify, child (node, caps[i].element), _("Scheme: the file states <%s> %s; “%s” has %s"),
                   caps[i].element, stated_text, ours->name, actual_text);
        }
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      KlCostCategory category;

      if (kl_cost_category_from_string (names[i], &category))
        eligible |= 1u << category;
    }
  if (eligible != ours->eligible)
    {
      g_autofree char *actual = categories_text (ours->eligible);

      finding (verify, child (node, "eligible-categories"),
               _("Scheme: the file counts “%s” as eligible; “%s” counts “%s”"),
               categories ? categories : "", ours->name, actual);
    }
}

/* A consultant is one person across lines: by the id the file gives, else
 * by name. */
static gint64
person_of (GHashTable *people,
           xmlNodePtr  who)
{
  g_autofree char *id = attribute (who, "consultant-id");
  g_autofree char *name = node_text (who);
  g_autofree char *key = NULL;
  gpointer value;

  if (who == NULL)
    return 0;
  key = id != NULL ? g_strconcat ("#", id, NULL) : g_strconcat ("=", name, NULL);
  if (!g_hash_table_lookup_extended (people, key, NULL, &value))
    {
      value = GINT_TO_POINTER (g_hash_table_size (people) + 1);
      g_hash_table_insert (people, g_steal_pointer (&key), value);
    }
  return GPOINTER_TO_INT (value);
}

static gboolean
rule_fits_category (const char     *rule,
                    KlCostCategory  category)
{
  if (g_strcmp0 (rule, "not-eligible") == 0)
    return TRUE;
  if (g_str_has_prefix (rule, "fee-"))
    return kl_cost_category_is_fee (category);
  if (g_str_has_prefix (rule, "person-fee-"))
    return kl_cost_category_is_per_person (category);
  return category == KL_COST_TRAVEL || category == KL_COST_ACCOMMODATION;
}

static GPtrArray *
read_lines (Verify      *verify,
            xmlNodePtr   lines,
            GPtrArray  **stated)
{
  GPtrArray *costs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *stated = g_ptr_array_new ();
  for (xmlNodePtr node = lines ? lines->children : NULL; node != NULL; node = node->next)
    {
      KlCostItem *item;
      g_autofree char *category = NULL;
      g_autofree char *id = NULL;
      g_autofree char *dates = NULL;
      g_autofree char *where = NULL;
      g_autofree char *rule = NULL;

      if (node->type != XML_ELEMENT_NODE || !xmlStrEqual (node->name, BAD_CAST "line"))
        continue;
      item = kl_cost_item_new ();
      id = attribute (node, "id");
      item->id = g_ascii_strtoll (id, NULL, 10);
      where = g_strdup_printf (_("Line %u (cost item %lld)"), (*stated)->len + 1, (long long) item->id);
      category = child_text (node, "category");
      kl_cost_category_from_string (category, &item->category);
      item->consultant_name = child_text (node, "who");
      /* A speaker's own travel is what makes travel count; "who" says so. */
      item->consultant_id = person_of (people, child (node, "who"));
      item->days = child_int (node, "days");
      item->persons = child_int (node, "persons");
      item->semesters = child_int (node, "semesters");
      if (item->category == KL_COST_STUDY_FEE && item->semesters == 0)
        item->semesters = 1;   /* a version 1 document: one semester */
      dates = child_text (node, "dates");
      if (dates != NULL)
        {
          item->covered = g_strsplit_set (g_strstrip (dates), " \t\n", -1);
          if (item->days != (int) g_strv_length (item->covered))
            finding (verify, child (node, "days"), _("%s: %d days, but %u dates"), where, item->days,
                     g_strv_length (item->covered));
        }
      read_amount (verify, node, "net", where, &item->net_ore);
      read_amount (verify, node, "vat", where, &item->vat_ore);
      rule = attribute (child (node, "rule"), "code");
      if (!rule_fits_category (rule, item->category))
        finding (verify, child (node, "rule"), _("%s: the rule “%s” does not apply to the category “%s”"),
                 where, rule, category);
      g_ptr_array_add (costs, item);
      g_ptr_array_add (*stated, node);
    }
  return costs;
}

static void
compare_amount (Verify     *verify,
                xmlNodePtr  parent,
                const char *name,
                const char *where,
                gint64      computed)
{
  g_autofree char *stated_text = NULL;
  g_autofree char *computed_text = NULL;
  gint64 stated;

  if (!read_amount (verify, parent, name, where, &stated) || stated == computed)
    return;
  stated_text = kl_money_format (stated, verify->lang);
  computed_text = kl_money_format (computed, verify->lang);
  finding (verify, child (parent, name), _("%s “%s”: the file says %s, the fund's rules give %s"),
           where, name, stated_text, computed_text);
}

static void
compare_lines (Verify        *verify,
               GPtrArray     *stated,
               const KlClaim *claim)
{
  for (guint i = 0; i < stated->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (stated, i);
      const KlClaimLine *line = g_ptr_array_index (claim->lines, i);
      g_autofree char *code = attribute (child (node, "rule"), "code");
      g_autofree char *where = g_strdup_printf (_("Line %u (cost item %lld)"), i + 1, (long long) line->cost_id);

      compare_amount (verify, node, "counted", where, line->counted_ore);
      if (g_strcmp0 (code, kl_rule_to_string (line->rule)) != 0)
        finding (verify, child (node, "rule"), _("%s: says rule “%s”, but the fund's rules give “%s”"),
                 where, code ? code : "", kl_rule_to_string (line->rule));
    }
}

static void
check_number (Verify     *verify,
              xmlNodePtr  party,
              const char *element,
              const char *label,
              gboolean  (*validate) (const char *, const char *, GError **))
{
  g_autofree char *value = child_text (party, element);
  g_autoptr(GError) error = NULL;

  if (value != NULL && !validate (label, value, &error))
    finding (verify, child (party, element), "%s", error->message);
}

/* Dates that must come in order; format names both, first and second. */
static void
check_order (Verify     *verify,
             xmlNodePtr  node,
             const char *format,
             const char *first,
             const char *second,
             gboolean    strict)
{
  int order;

  if (first == NULL || second == NULL)
    return;
  order = strcmp (first, second);
  if (order > 0 || (strict && order == 0))
    finding (verify, node, format, first, second);
}

/* What the document says of itself that cannot all be true. */
static void
check_consistency (Verify     *verify,
                   xmlNodePtr  root)
{
  xmlNodePtr sender = child (root, "sender");
  xmlNodePtr applicant = child (root, "applicant");
  xmlNodePtr grant = child (root, "grant");
  xmlNodePtr period = child (child (root, "programme"), "period");
  g_autofree char *date = child_text (root, "date");
  g_autofree char *start = attribute (period, "start");
  g_autofree char *end = attribute (period, "end");

  check_number (verify, sender, "org-number", _("Sender's org number"), kl_validate_orgnr);
  check_number (verify, sender, "account-number", _("Sender's account number"), kl_validate_account);
  check_number (verify, applicant, "org-number", _("Applicant's org number"), kl_validate_orgnr);
  check_number (verify, applicant, "account-number", _("Applicant's account number"), kl_validate_account);
  check_order (verify, period, _("The programme's start (%s) is after its end (%s)"), start, end, FALSE);

  if (grant != NULL)
    {
      g_autofree char *case_no = child_text (grant, "case-number");
      g_autofree char *applied = child_text (grant, "application-date");
      g_autofree char *granted = child_text (grant, "grant-date");
      g_autofree char *expiry = child_text (grant, "expiry-date");
      xmlNodePtr attachments = child (root, "attachments");
      xmlNodePtr letter = child (attachments, "grant-letter");
      g_autofree char *letter_case = attribute (letter, "case-number");

      if (letter_case != NULL && g_strcmp0 (letter_case, case_no) != 0)
        finding (verify, letter, _("The grant letter attached is for case %s, the request for case %s"),
                 letter_case, case_no);
      check_order (verify, child (grant, "grant-date"), _("The application date (%s) is after the grant date (%s)"),
                   applied, granted, FALSE);
      check_order (verify, child (grant, "expiry-date"), _("The grant date (%s) is not before the expiry date (%s)"),
                   granted, expiry, TRUE);
      check_order (verify, child (root, "date"), _("The grant date (%s) is after the request's date (%s)"),
                   granted, date, FALSE);
      for (xmlNodePtr invoice = attachments ? attachments->children : NULL; invoice; invoice = invoice->next)
        {
          gint64 ore;

          if (invoice->type == XML_ELEMENT_NODE && xmlStrEqual (invoice->name, BAD_CAST "invoice"))
            read_amount (verify, invoice, "amount-including-vat", _("Attachment"), &ore);
        }
    }
}

/* The date whose rules apply: an application's own date, a payout
 * request's application date (the grant date in documents that lack it). */
static char *
rules_date (xmlNodePtr root,
            gboolean   payout)
{
  xmlNodePtr grant = child (root, "grant");
  char *date = payout ? child_text (grant, "application-date") : NULL;

  if (date == NULL && payout)
    date = child_text (grant, "grant-date");
  if (date == NULL)
    date = child_text (root, "date");
  return date;
}

/* Public API */

GBytes *
kl_fund_xml_render (const KlFundDocument  *doc,
                    GError               **error)
{
  g_autoptr(xmlDoc) xml = NULL;
  xmlChar *buffer = NULL;
  int length = 0;
  GBytes *bytes;

  g_return_val_if_fail (doc != NULL, NULL);

  xml = build_document (doc);
  xmlDocDumpFormatMemoryEnc (xml, &buffer, &length, "UTF-8", 1);
  bytes = g_bytes_new_with_free_func (buffer, (gsize) length, xmlFree, buffer);
  /* What is checked is what will be written, not the tree it came from. */
  if (!kl_fund_xml_validate (bytes, error))
    {
      g_bytes_unref (bytes);
      return NULL;
    }
  return bytes;
}

gboolean
kl_fund_xml_save (const KlFundDocument  *doc,
                  const char            *path,
                  GError               **error)
{
  g_autoptr(GBytes) bytes = kl_fund_xml_render (doc, error);
  gsize length;
  const void *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return kl_export_write_file (path, data, length, error);
}

gboolean
kl_fund_xml_validate (GBytes  *xml,
                      GError **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (xml != NULL, FALSE);

  data = g_bytes_get_data (xml, &length);
  doc = parse_xml (data, length, NULL, _("The document"), error);
  return doc != NULL && validate_tree (doc, _("The document"), error);
}

/* Checks a document against the schema, against itself, and against the
 * fund's rules as Kartleser has them for the document's application date:
 * nothing the file states about the rules is believed. */
KlFundVerifyReport *
kl_fund_xml_verify (KlDb        *db,
                    const char  *path,
                    KlLang       lang,
                    GError     **error)
{
  g_autoptr(KlFundVerifyReport) report = g_new0 (KlFundVerifyReport, 1);
  g_autoptr(xmlDoc) xml = NULL;
  g_autoptr(KlSchemeVersion) scheme = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(GPtrArray) stated = NULL;
  g_autoptr(KlClaim) claim = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *what = NULL;
  g_autofree char *code = NULL;
  g_autofree char *date = NULL;
  Verify verify = { report, lang, FALSE };
  xmlNodePtr root;
  xmlNodePtr totals;
  xmlNodePtr scheme_node;
  gint64 granted = KL_NO_AMOUNT;
  gboolean payout;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  what = g_strdup_printf ("“%s”", path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no such file"), what);
      return NULL;
    }
  xml = parse_xml (NULL, 0, path, what, error);
  if (xml == NULL || !validate_tree (xml, what, error))
    return NULL;

  report->mismatches = g_ptr_array_new_with_free_func (g_free);
  root = xmlDocGetRootElement (xml);
  payout = xmlStrEqual (root->name, BAD_CAST "payout-request");
  report->kind = payout ? KL_FUND_PAYOUT : KL_FUND_APPLICATION;
  report->applicant = child_text (child (root, "applicant"), "name");
  if (payout)
    {
      xmlNodePtr grant = child (root, "grant");

      report->case_no = child_text (grant, "case-number");
      if (!read_amount (&verify, grant, "amount", _("Grant"), &granted))
        granted = KL_NO_AMOUNT;
    }

  check_consistency (&verify, root);

  scheme_node = child (root, "scheme");
  code = attribute (scheme_node, "code");
  date = rules_date (root, payout);
  scheme = kl_store_scheme_for_date (db, code, date, &local);
  if (scheme == NULL)
    {
      if (!g_error_matches (local, KL_ERROR, KL_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      finding (&verify, scheme_node, "%s", local->message);
      return g_steal_pointer (&report);
    }
  compare_scheme (&verify, scheme_node, scheme, date);

  costs = read_lines (&verify, child (root, payout ? "costs" : "budget"), &stated);
  report->n_lines = costs->len;
  if (verify.unreadable)
    return g_steal_pointer (&report);
  claim = kl_claim_compute (scheme, costs, granted, lang, &local);
  if (claim == NULL)
    {
      finding (&verify, NULL, "%s", local->message);
      return g_steal_pointer (&report);
    }
  report->eligible_ore = claim->eligible_ore;
  report->claim_ore = claim->claim_ore;
  report->payout_ore = claim->payout_ore;

  compare_lines (&verify, stated, claim);
  totals = child (root, "totals");
  compare_amount (&verify, totals, "net", _("Total"), claim->net_ore);
  compare_amount (&verify, totals, "vat", _("Total"), claim->vat_ore);
  compare_amount (&verify, totals, "eligible-basis", _("Total"), claim->eligible_ore);
  {
    g_autofree char *rate_text = child_text (totals, "rate-percent");

    if (parse_permille (rate_text) != scheme->rate_permille)
      finding (&verify, child (totals, "rate-percent"),
               _("Total “%s”: the file's rate %s is not the rate of “%s”"), "rate-percent", rate_text,
               scheme->name);
  }
  if (!payout)
    {
      gint64 applied;

      if (child (totals, "computed-claim") != NULL)
        compare_amount (&verify, totals, "computed-claim", _("Total"), claim->claim_ore);
      if (read_amount (&verify, totals, "amount-applied-for", _("Total"), &applied) && applied > claim->claim_ore)
        {
          g_autofree char *applied_text = kl_money_format (applied, lang);
          g_autofree char *claim_text = kl_money_format (claim->claim_ore, lang);

          finding (&verify, child (totals, "amount-applied-for"),
                   _("Total “%s”: the file applies for %s, more than the fund's rules give (%s)"),
                   "amount-applied-for", applied_text, claim_text);
        }
    }
  else
    {
      compare_amount (&verify, totals, "computed-claim", _("Total"), claim->claim_ore);
      compare_amount (&verify, totals, "granted", _("Total"), granted);
      compare_amount (&verify, totals, "payout-requested", _("Total"), claim->payout_ore);
    }
  return g_steal_pointer (&report);
}

void
kl_fund_verify_report_free (KlFundVerifyReport *self)
{
  if (self == NULL)
    return;
  g_free (self->case_no);
  g_free (self->applicant);
  g_clear_pointer (&self->mismatches, g_ptr_array_unref);
  g_free (self);
}
