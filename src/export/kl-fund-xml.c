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
set_id (xmlNodePtr node,
        gint64     id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  set_attribute (node, "id", text);
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

static void
add_client (xmlNodePtr      parent,
            const char     *name,
            const KlClient *client,
            const KlClient *unit)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST name, NULL);

  add_text (node, "name", client->name);
  add_text (node, "org-number", client->orgnr);
  add_optional (node, "address", client->address);
  add_optional (node, "account-number", client->account);
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
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "sender", NULL);

  add_text (node, "name", sender->name);
  add_text (node, "org-number", sender->orgnr);
  add_optional (node, "address", sender->address);
  add_optional (node, "account-number", sender->account);
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
          g_autofree char *present = g_strdup_printf ("%u", entry->present);
          g_autofree char *enrolled = g_strdup_printf ("%u", entry->enrolled);

          set_attribute (attendance, "present", present);
          set_attribute (attendance, "enrolled", enrolled);
        }
    }
}

static void
add_scheme (xmlNodePtr             parent,
            const KlSchemeVersion *scheme)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "scheme", NULL);
  g_autofree char *rate = format_percent (scheme->rate_permille);
  g_autoptr(GString) eligible = g_string_new (NULL);

  set_attribute (node, "code", scheme->scheme);
  add_text (node, "name", scheme->name);
  add_text (node, "valid-from", scheme->valid_from);
  add_text (node, "rate-percent", rate);
  add_amount (node, "fee-cap-per-day", scheme->fee_cap_ore);
  add_amount (node, "participant-fee-cap", scheme->participant_fee_cap_ore);
  add_amount (node, "study-fee-cap", scheme->study_fee_cap_ore);
  for (guint c = 0; c < KL_COST_N_CATEGORIES; c++)
    if (scheme->eligible & (1u << c))
      g_string_append_printf (eligible, "%s%s", eligible->len ? " " : "", kl_cost_categories[c]);
  add_text (node, "eligible-categories", eligible->str);
}

static void
add_lines (xmlNodePtr            parent,
           const char           *name,
           const KlFundDocument *doc)
{
  xmlNodePtr lines = xmlNewChild (parent, NULL, BAD_CAST name, NULL);

  for (guint i = 0; i < doc->costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (doc->costs, i);
      const KlClaimLine *line = g_ptr_array_index (doc->claim->lines, i);
      xmlNodePtr node = xmlNewChild (lines, NULL, BAD_CAST "line", NULL);
      xmlNodePtr rule;
      g_autofree char *description = kl_fund_document_cost_description (doc, i);

      set_id (node, item->id);
      add_text (node, "category", kl_cost_categories[item->category]);
      add_text (node, "description", description);
      add_optional (node, "who", item->consultant_name);
      if (kl_cost_category_is_fee (item->category) && item->days > 0)
        add_number (node, "days", item->days);
      if ((item->category == KL_COST_PARTICIPANT_FEE || item->category == KL_COST_STUDY_FEE)
          && item->persons > 0)
        add_number (node, "persons", item->persons);
      add_amount (node, "net", item->net_ore);
      add_amount (node, "vat", item->vat_ore);
      add_amount (node, "counted", line->counted_ore);
      rule = add_text (node, "rule", line->explanation);
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
      add_amount (node, "amount-applied-for", claim->claim_ore);
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
}

/* One entry per invoice: a fee and the speaker's travel often share one. */
static void
add_attachments (xmlNodePtr            parent,
                 const KlFundDocument *doc)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, BAD_CAST "attachments", NULL);
  xmlNodePtr letter = xmlNewChild (node, NULL, BAD_CAST "grant-letter", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) invoices = g_ptr_array_new ();
  g_autoptr(GArray) totals = g_array_new (FALSE, TRUE, sizeof (gint64));

  set_attribute (letter, "case-number", doc->funding->case_no);
  for (guint i = 0; i < doc->costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (doc->costs, i);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", item->supplier, item->invoice_no);
      gpointer index;

      if (!g_hash_table_lookup_extended (seen, key, NULL, &index))
        {
          index = GUINT_TO_POINTER (invoices->len);
          g_hash_table_insert (seen, g_steal_pointer (&key), index);
          g_ptr_array_add (invoices, (gpointer) item);
          g_array_set_size (totals, invoices->len);
        }
      g_array_index (totals, gint64, GPOINTER_TO_UINT (index)) += item->net_ore + item->vat_ore;
    }
  for (guint i = 0; i < invoices->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (invoices, i);
      xmlNodePtr invoice = xmlNewChild (node, NULL, BAD_CAST "invoice", NULL);

      add_text (invoice, "supplier", item->supplier);
      add_text (invoice, "number", item->invoice_no);
      add_text (invoice, "date", item->invoice_date);
      add_amount (invoice, "amount-including-vat", g_array_index (totals, gint64, i));
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

/* Reading back */

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
child_text (xmlNodePtr  node,
            const char *name)
{
  xmlNodePtr c = child (node, name);
  xmlChar *content;
  char *text;

  if (c == NULL)
    return NULL;
  content = xmlNodeGetContent (c);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

/* Valid against the schema, so a present amount is digits.digits. */
static gint64
child_amount (xmlNodePtr  node,
              const char *name)
{
  g_autofree char *text = child_text (node, name);
  gint64 ore = KL_NO_AMOUNT;

  if (text == NULL || !kl_money_parse (text, &ore, NULL))
    return KL_NO_AMOUNT;
  return ore;
}

static int
child_int (xmlNodePtr  node,
           const char *name)
{
  g_autofree char *text = child_text (node, name);

  return text != NULL ? (int) g_ascii_strtoll (text, NULL, 10) : 0;
}

static int
child_permille (xmlNodePtr  node,
                const char *name)
{
  g_autofree char *text = child_text (node, name);
  gint64 hundredths = 0;

  /* 70.0 percent is 700 permille: as money, 70.0 is 7000 "øre". */
  if (text == NULL || !kl_money_parse (text, &hundredths, NULL))
    return 0;
  return (int) (hundredths / 10);
}

static KlSchemeVersion *
read_scheme (xmlNodePtr root)
{
  xmlNodePtr node = child (root, "scheme");
  g_autoptr(KlSchemeVersion) scheme = kl_scheme_version_new ();
  g_autofree char *categories = child_text (node, "eligible-categories");
  g_auto(GStrv) names = g_strsplit_set (categories ? categories : "", " \t\n", -1);
  xmlChar *code = xmlGetProp (node, BAD_CAST "code");

  scheme->scheme = g_strdup ((const char *) code);
  xmlFree (code);
  scheme->name = child_text (node, "name");
  scheme->valid_from = child_text (node, "valid-from");
  scheme->rate_permille = child_permille (node, "rate-percent");
  scheme->fee_cap_ore = child_amount (node, "fee-cap-per-day");
  scheme->participant_fee_cap_ore = child_amount (node, "participant-fee-cap");
  scheme->study_fee_cap_ore = child_amount (node, "study-fee-cap");
  for (guint i = 0; names[i] != NULL; i++)
    {
      KlCostCategory category;

      if (kl_cost_category_from_string (names[i], &category))
        scheme->eligible |= 1u << category;
    }
  return g_steal_pointer (&scheme);
}

static GPtrArray *
read_lines (xmlNodePtr  lines,
            GPtrArray **stated)
{
  GPtrArray *costs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);

  *stated = g_ptr_array_new ();
  for (xmlNodePtr node = lines ? lines->children : NULL; node != NULL; node = node->next)
    {
      KlCostItem *item;
      g_autofree char *category = NULL;
      xmlChar *id;

      if (node->type != XML_ELEMENT_NODE || !xmlStrEqual (node->name, BAD_CAST "line"))
        continue;
      item = kl_cost_item_new ();
      id = xmlGetProp (node, BAD_CAST "id");
      item->id = g_ascii_strtoll ((const char *) id, NULL, 10);
      xmlFree (id);
      category = child_text (node, "category");
      kl_cost_category_from_string (category, &item->category);
      item->consultant_name = child_text (node, "who");
      /* A speaker's own travel is what makes travel count; "who" says so. */
      item->consultant_id = item->consultant_name != NULL ? 1 : 0;
      item->days = child_int (node, "days");
      item->persons = child_int (node, "persons");
      item->net_ore = child_amount (node, "net");
      item->vat_ore = child_amount (node, "vat");
      g_ptr_array_add (costs, item);
      g_ptr_array_add (*stated, node);
    }
  return costs;
}

static void
mismatch (KlFundVerifyReport *report,
          const char         *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
mismatch (KlFundVerifyReport *report,
          const char         *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (report->mismatches, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
compare_total (KlFundVerifyReport *report,
               xmlNodePtr          totals,
               const char         *name,
               gint64              computed,
               KlLang              lang)
{
  gint64 stated = child_amount (totals, name);
  g_autofree char *stated_text = NULL;
  g_autofree char *computed_text = NULL;

  if (stated == computed)
    return;
  stated_text = kl_money_format (stated, lang);
  computed_text = kl_money_format (computed, lang);
  mismatch (report, _("Total “%s”: the file says %s, its lines give %s"),
            name, stated_text, computed_text);
}

static void
compare_lines (KlFundVerifyReport *report,
               GPtrArray          *stated,
               const KlClaim      *claim,
               KlLang              lang)
{
  for (guint i = 0; i < stated->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (stated, i);
      const KlClaimLine *line = g_ptr_array_index (claim->lines, i);
      gint64 counted = child_amount (node, "counted");
      xmlNodePtr rule = child (node, "rule");
      xmlChar *code = rule ? xmlGetProp (rule, BAD_CAST "code") : NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, line->cost_id);

      if (counted != line->counted_ore)
        {
          g_autofree char *stated_text = kl_money_format (counted, lang);
          g_autofree char *computed_text = kl_money_format (line->counted_ore, lang);

          mismatch (report, _("Line %u (cost item %s): counts %s, but the fund's rules give %s"),
                    i + 1, id, stated_text, computed_text);
        }
      if (g_strcmp0 ((const char *) code, kl_rule_to_string (line->rule)) != 0)
        mismatch (report, _("Line %u (cost item %s): says rule “%s”, but the fund's rules give “%s”"),
                  i + 1, id, code ? (const char *) code : "", kl_rule_to_string (line->rule));
      xmlFree (code);
    }
}

/* Public API */

GBytes *
kl_fund_xml_render (const KlFundDocument  *doc,
                    GError               **error)
{
  g_autoptr(xmlDoc) xml = NULL;
  g_autoptr(xmlDoc) reread = NULL;
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

KlFundVerifyReport *
kl_fund_xml_verify (const char  *path,
                    KlLang       lang,
                    GError     **error)
{
  g_autoptr(KlFundVerifyReport) report = g_new0 (KlFundVerifyReport, 1);
  g_autoptr(xmlDoc) xml = NULL;
  g_autoptr(KlSchemeVersion) scheme = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(GPtrArray) stated = NULL;
  g_autoptr(KlClaim) claim = NULL;
  g_autofree char *what = NULL;
  xmlNodePtr root;
  xmlNodePtr totals;
  gint64 granted = KL_NO_AMOUNT;

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
  report->kind = xmlStrEqual (root->name, BAD_CAST "payout-request") ? KL_FUND_PAYOUT : KL_FUND_APPLICATION;
  report->applicant = child_text (child (root, "applicant"), "name");
  if (report->kind == KL_FUND_PAYOUT)
    {
      xmlNodePtr grant = child (root, "grant");

      report->case_no = child_text (grant, "case-number");
      granted = child_amount (grant, "amount");
    }

  scheme = read_scheme (root);
  costs = read_lines (child (root, report->kind == KL_FUND_PAYOUT ? "costs" : "budget"), &stated);
  claim = kl_claim_compute (scheme, costs, granted, lang);
  report->n_lines = costs->len;
  report->eligible_ore = claim->eligible_ore;
  report->claim_ore = claim->claim_ore;
  report->payout_ore = claim->payout_ore;

  compare_lines (report, stated, claim, lang);
  totals = child (root, "totals");
  compare_total (report, totals, "net", claim->net_ore, lang);
  compare_total (report, totals, "vat", claim->vat_ore, lang);
  compare_total (report, totals, "eligible-basis", claim->eligible_ore, lang);
  if (child_permille (totals, "rate-percent") != scheme->rate_permille)
    mismatch (report, _("Total “%s”: the file's rate differs from its scheme's"), "rate-percent");
  if (report->kind == KL_FUND_APPLICATION)
    compare_total (report, totals, "amount-applied-for", claim->claim_ore, lang);
  else
    {
      compare_total (report, totals, "computed-claim", claim->claim_ore, lang);
      compare_total (report, totals, "granted", granted, lang);
      compare_total (report, totals, "payout-requested", claim->payout_ore, lang);
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
