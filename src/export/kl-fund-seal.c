#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "kl-error.h"
#include "kl-fund-pdf.h"
#include "kl-fund-seal.h"
#include "kl-fund-xml.h"

#define SEALED_COLUMNS "id, programme_id, kind, format, lang, sha256, sealed_at, length (content)"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static const char *
lang_code (KlLang lang)
{
  return lang == KL_LANG_NB ? "nb" : "en";
}

static gboolean
insert_sealed (KlDb                *db,
               gint64               programme_id,
               KlFundDocumentKind   kind,
               const char          *format,
               KlLang               lang,
               GBytes              *content,
               GError             **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);

  return kl_db_exec (db, error, kl_db_sql (db, KL_SQL_SEAL), "itttbt",
                     programme_id, kl_fund_document_kind_to_string (kind), format, lang_code (lang), content, sha256);
}

static KlSealedDocument *
read_sealed (KlStmt *stmt)
{
  KlSealedDocument *sealed = g_new0 (KlSealedDocument, 1);
  g_autofree char *kind = kl_stmt_text (stmt, 2);
  g_autofree char *lang = kl_stmt_text (stmt, 4);

  sealed->id = kl_stmt_int (stmt, 0);
  sealed->programme_id = kl_stmt_int (stmt, 1);
  kl_fund_document_kind_from_string (kind, &sealed->kind);
  sealed->format = kl_stmt_text (stmt, 3);
  sealed->lang = g_strcmp0 (lang, "en") == 0 ? KL_LANG_EN : KL_LANG_NB;
  sealed->sha256 = kl_stmt_text (stmt, 5);
  sealed->sealed_at = kl_stmt_text (stmt, 6);
  sealed->size = (gsize) kl_stmt_int (stmt, 7);
  return sealed;
}

/* Comparing */

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static gboolean
is_leaf (xmlNodePtr node)
{
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return FALSE;
  return TRUE;
}

static xmlNodePtr
next_element (xmlNodePtr node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

/* "line 2" for the second of its kind, the plain name for the only one. */
static char *
step_name (xmlNodePtr node)
{
  guint index = 0;
  guint count = 0;

  for (xmlNodePtr c = node->parent ? node->parent->children : node; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, node->name))
      {
        count++;
        if (c == node)
          index = count;
      }
  if (count <= 1)
    return g_strdup ((const char *) node->name);
  return g_strdup_printf ("%s %u", (const char *) node->name, index);
}

static char *
attributes_text (xmlNodePtr node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    {
      xmlChar *value;

      /* When a document was made is not what it says. */
      if (node->parent != NULL && node->parent->type == XML_DOCUMENT_NODE
          && xmlStrEqual (a->name, BAD_CAST "generated-at"))
        continue;
      value = xmlGetProp (node, a->name);
      g_string_append_printf (text, "%s=%s ", (const char *) a->name, (const char *) value);
      xmlFree (value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "line (Reise – Widerøe)": an element with what it is about, when it
 * says so in a description or title. */
static char *
node_label (xmlNodePtr node)
{
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE
        && (xmlStrEqual (c->name, BAD_CAST "description") || xmlStrEqual (c->name, BAD_CAST "title")))
      {
        g_autofree char *text = node_text (c);

        return g_strdup_printf ("%s (%s)", (const char *) node->name, text);
      }
  return g_strdup ((const char *) node->name);
}

/* The first place two trees differ, as a path and the two values. */
static char *
first_difference (xmlNodePtr  sealed,
                  xmlNodePtr  now,
                  const char *path)
{
  g_autofree char *step = step_name (now);
  g_autofree char *here = NULL;
  g_autofree char *sealed_attributes = NULL;
  g_autofree char *now_attributes = NULL;
  xmlNodePtr a;
  xmlNodePtr b;

  here = path != NULL ? g_strdup_printf ("%s › %s", path, step) : g_strdup (step);
  sealed_attributes = attributes_text (sealed);
  now_attributes = attributes_text (now);
  if (g_strcmp0 (sealed_attributes, now_attributes) != 0)
    return g_strdup_printf ("%s: %s→ %s", here, sealed_attributes, now_attributes);
  if (is_leaf (sealed) && is_leaf (now))
    {
      g_autofree char *old_text = node_text (sealed);
      g_autofree char *new_text = node_text (now);

      if (g_strcmp0 (old_text, new_text) == 0)
        return NULL;
      return g_strdup_printf ("%s: %s → %s", here, old_text, new_text);
    }

  a = next_element (sealed->children);
  b = next_element (now->children);
  while (a != NULL && b != NULL)
    {
      char *difference;

      if (!xmlStrEqual (a->name, b->name))
        return g_strdup_printf (_("%s: “%s” where the sent copy has “%s”"), here, (const char *) b->name,
                                (const char *) a->name);
      difference = first_difference (a, b, here);
      if (difference != NULL)
        return difference;
      a = next_element (a->next);
      b = next_element (b->next);
    }
  if (a != NULL)
    {
      g_autofree char *label = node_label (a);

      return g_strdup_printf (_("%s: %s is no longer there"), here, label);
    }
  if (b != NULL)
    {
      g_autofree char *label = node_label (b);

      return g_strdup_printf (_("%s: %s is new"), here, label);
    }
  return NULL;
}

/* Public API */

gboolean
kl_fund_seal (KlDb                *db,
              gint64               programme_id,
              KlFundDocumentKind   kind,
              KlLang               lang,
              GError             **error)
{
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) pdf_bytes = NULL;
  g_autoptr(KlTransaction) tx = NULL;

  g_return_val_if_fail (KL_IS_DB (db), FALSE);

  doc = kl_fund_document_load (db, programme_id, kind, lang, error);
  if (doc == NULL || (xml = kl_fund_xml_render (doc, error)) == NULL)
    return FALSE;
  pdf = kl_fund_pdf_build (doc);
  pdf_bytes = kl_pdf_render (pdf, NULL, error);
  if (pdf_bytes == NULL)
    return FALSE;
  tx = kl_db_begin (db, error);
  return tx != NULL
         && insert_sealed (db, programme_id, kind, "xml", lang, xml, error)
         && insert_sealed (db, programme_id, kind, "pdf", lang, pdf_bytes, error)
         && kl_transaction_commit (tx, error);
}

gboolean
kl_fund_seal_step (KlDb                *db,
                   const KlFundingCase *funding,
                   const char          *previous_status,
                   KlLang               lang,
                   char               **note,
                   GError             **error)
{
  g_autoptr(GError) local = NULL;
  KlFundDocumentKind kind;

  g_return_val_if_fail (KL_IS_DB (db), FALSE);
  g_return_val_if_fail (funding != NULL, FALSE);

  if (note != NULL)
    *note = NULL;
  if (g_strcmp0 (funding->status, previous_status) == 0)
    return TRUE;
  if (g_strcmp0 (funding->status, "applied") == 0)
    kind = KL_FUND_APPLICATION;
  else if (g_strcmp0 (funding->status, "payout-requested") == 0)
    kind = KL_FUND_PAYOUT;
  else
    return TRUE;

  if (kl_fund_seal (db, funding->programme_id, kind, lang, &local))
    {
      if (note != NULL)
        *note = g_strdup (kind == KL_FUND_APPLICATION
                          ? _("A copy of the application as sent was kept (XML and PDF).")
                          : _("A copy of the payout request as sent was kept (XML and PDF)."));
      return TRUE;
    }
  /* A document Kartleser cannot make was sent some other way: the step
   * is recorded all the same. */
  if (g_error_matches (local, KL_ERROR, KL_ERROR_INCOMPLETE))
    {
      if (note != NULL)
        *note = g_strdup_printf (_("No copy was kept: %s"), local->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

GPtrArray *
kl_fund_sealed_list (KlDb    *db,
                     gint64   programme_id,
                     GError **error)
{
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_sealed_document_free);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  stmt = kl_db_query (db, error, "SELECT " SEALED_COLUMNS " FROM sealed_document WHERE programme_id = ?1 "
                                 "ORDER BY id DESC", "i", programme_id);
  if (stmt == NULL)
    return NULL;
  while (kl_stmt_next (stmt, &local))
    g_ptr_array_add (list, read_sealed (stmt));
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&list);
}

KlSealedDocument *
kl_fund_sealed_get (KlDb    *db,
                    gint64   id,
                    GError **error)
{
  g_autoptr(KlStmt) stmt = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  KlSealedDocument *sealed;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  stmt = kl_db_query (db, error, "SELECT " SEALED_COLUMNS ", content FROM sealed_document WHERE id = ?1",
                      "i", id);
  if (!kl_stmt_first (stmt, error, _("There is no sealed document %s"), number))
    return NULL;
  sealed = read_sealed (stmt);
  sealed->content = kl_stmt_blob (stmt, 8);
  return sealed;
}

char *
kl_fund_seal_difference (KlDb                *db,
                         gint64               programme_id,
                         KlFundDocumentKind   kind,
                         GError             **error)
{
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) sealed_xml = NULL;
  g_autoptr(GBytes) now_xml = NULL;
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(xmlDoc) sealed_tree = NULL;
  g_autoptr(xmlDoc) now_tree = NULL;
  g_autofree char *lang = NULL;
  gsize sealed_size, now_size;
  const char *sealed_data;
  const char *now_data;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  stmt = kl_db_query (db, error, "SELECT content, lang FROM sealed_document "
                                 "WHERE programme_id = ?1 AND kind = ?2 AND format = 'xml' ORDER BY id DESC LIMIT 1",
                      "it", programme_id, kl_fund_document_kind_to_string (kind));
  if (!kl_stmt_first (stmt, error, NULL))
    return NULL;
  sealed_xml = kl_stmt_blob (stmt, 0);
  lang = kl_stmt_text (stmt, 1);
  g_clear_pointer (&stmt, kl_stmt_release);

  doc = kl_fund_document_load (db, programme_id, kind, g_strcmp0 (lang, "en") == 0 ? KL_LANG_EN : KL_LANG_NB,
                               &local);
  if (doc == NULL)
    /* What now stops the document is itself the difference. */
    return g_strdup (local->message);
  now_xml = kl_fund_xml_render (doc, error);
  if (now_xml == NULL)
    return NULL;

  sealed_data = g_bytes_get_data (sealed_xml, &sealed_size);
  now_data = g_bytes_get_data (now_xml, &now_size);
  sealed_tree = xmlReadMemory (sealed_data, (int) sealed_size, NULL, "UTF-8", XML_PARSE_NONET);
  now_tree = xmlReadMemory (now_data, (int) now_size, NULL, "UTF-8", XML_PARSE_NONET);
  if (sealed_tree == NULL || now_tree == NULL)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE, _("The sealed copy cannot be read as XML"));
      return NULL;
    }
  return first_difference (xmlDocGetRootElement (sealed_tree), xmlDocGetRootElement (now_tree), NULL);
}

void
kl_sealed_document_free (KlSealedDocument *self)
{
  if (self == NULL)
    return;
  g_free (self->format);
  g_free (self->sha256);
  g_free (self->sealed_at);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_free (self);
}
