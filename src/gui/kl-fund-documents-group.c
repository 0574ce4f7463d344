#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-date.h"
#include "kl-export.h"
#include "kl-export-flow.h"
#include "kl-fund-documents-group.h"
#include "kl-fund-pdf.h"
#include "kl-fund-seal.h"
#include "kl-fund-xml.h"
#include "kl-gui-settings.h"
#include "kl-money.h"

typedef struct
{
  AdwActionRow *row;
  GtkWidget *pdf_button;
  GtkWidget *xml_button;
  char *status;
  gboolean ready;
} DocumentRow;

struct _KlFundDocumentsGroup
{
  AdwPreferencesGroup parent_instance;

  KlDb *db;
  gint64 programme_id;
  AdwComboRow *lang_row;
  DocumentRow documents[2];   /* by KlFundDocumentKind */
  GPtrArray *sealed_rows;     /* AdwActionRow: the documents as sent */
};

G_DEFINE_FINAL_TYPE (KlFundDocumentsGroup, kl_fund_documents_group, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  KlFundDocument *doc;
  gboolean pdf;
} Export;

static void
export_free (Export *export)
{
  kl_fund_document_free (export->doc);
  g_free (export);
}

static gboolean
write_document (KlFundDocument  *doc,
                gboolean         pdf,
                const char      *path,
                GError         **error)
{
  if (pdf)
    return kl_fund_pdf_save (doc, path, NULL, error);
  return kl_fund_xml_save (doc, path, error);
}

static gboolean
write_export_cb (const char  *path,
                 gpointer     data,
                 GError     **error)
{
  Export *export = data;

  return write_document (export->doc, export->pdf, path, error);
}

/* "Amount applied for: 130 193,00 kr", then what the sender should know. */
static char *
ready_status (KlFundDocument *doc)
{
  g_autofree char *amount = kl_money_format (doc->kind == KL_FUND_APPLICATION ? doc->claim->claim_ore
                                                                             : doc->claim->payout_ore,
                                             kl_lang_from_locale ());
  g_autoptr(GString) text = g_string_new (NULL);

  if (doc->kind == KL_FUND_APPLICATION)
    g_string_printf (text, _("Ready: %s applied for"), amount);
  else
    g_string_printf (text, _("Ready: %s requested under case %s"), amount, doc->funding->case_no);
  for (guint i = 0; i < doc->warnings->len; i++)
    g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (doc->warnings, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
load_row (KlFundDocumentsGroup *self,
          KlFundDocumentKind    kind)
{
  DocumentRow *document = &self->documents[kind];
  g_autoptr(KlFundDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&document->status, g_free);
  if (self->db != NULL && self->programme_id > 0)
    doc = kl_fund_document_load (self->db, self->programme_id, kind, kl_fund_documents_group_get_lang (self), &error);
  document->ready = doc != NULL;
  if (doc != NULL)
    document->status = ready_status (doc);
  else
    document->status = g_strdup (error != NULL ? error->message : "");
  adw_action_row_set_subtitle (document->row, document->status);
  gtk_widget_set_sensitive (document->pdf_button, document->ready);
  gtk_widget_set_sensitive (document->xml_button, document->ready);
}

static void
on_export_clicked_cb (GtkButton            *button,
                      KlFundDocumentsGroup *self)
{
  KlFundDocumentKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind"));
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pdf"));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  Export *export;

  export = g_new0 (Export, 1);
  export->pdf = pdf;
  /* Read again: the database may have changed since the row was shown. */
  export->doc = kl_fund_document_load (self->db, self->programme_id, kind,
                                       kl_fund_documents_group_get_lang (self), &error);
  if (export->doc == NULL)
    {
      kl_export_flow_show_error (GTK_WIDGET (self), error);
      export_free (export);
      load_row (self, kind);
      return;
    }
  name = kl_fund_document_file_name (export->doc, pdf ? "pdf" : "xml");
  kl_export_flow_save (GTK_WIDGET (self),
                       kind == KL_FUND_APPLICATION ? _("Save the Application") : _("Save the Payout Request"),
                       name, write_export_cb, export, (GDestroyNotify) export_free);
}

typedef struct
{
  KlDb *db;
  gint64 id;
} SealedExport;

static void
sealed_export_free (SealedExport *export)
{
  g_clear_object (&export->db);
  g_free (export);
}

/* The sealed bytes, unchanged: what went out is what is written. */
static gboolean
write_sealed_cb (const char  *path,
                 gpointer     data,
                 GError     **error)
{
  SealedExport *export = data;
  g_autoptr(KlSealedDocument) sealed = kl_fund_sealed_get (export->db, export->id, error);
  gsize size;
  const void *bytes;

  if (sealed == NULL)
    return FALSE;
  bytes = g_bytes_get_data (sealed->content, &size);
  return kl_export_write_file (path, bytes, size, error);
}

static void
on_save_sealed_clicked_cb (GtkButton            *button,
                           KlFundDocumentsGroup *self)
{
  SealedExport *export = g_new0 (SealedExport, 1);
  const char *name = g_object_get_data (G_OBJECT (button), "file-name");

  export->db = g_object_ref (self->db);
  export->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "sealed-id"));
  kl_export_flow_save (GTK_WIDGET (self), _("Save the Document as Sent"), name, write_sealed_cb, export,
                       (GDestroyNotify) sealed_export_free);
}

/* The parts of the fund documents (their XML elements) in plain words,
 * for saying what changed since a copy was sent. */
static const struct
{
  const char *element;
  const char *words;
} document_parts[] = {
  { "account-number", NC_("document part", "account number") },
  { "address", NC_("document part", "address") },
  { "amount", NC_("document part", "amount") },
  { "amount-applied-for", NC_("document part", "amount applied for") },
  { "amount-including-vat", NC_("document part", "amount including VAT") },
  { "applicant", NC_("document part", "applicant") },
  { "application-date", NC_("document part", "application date") },
  { "attendance", NC_("document part", "attendance") },
  { "budget", NC_("document part", "budget") },
  { "case-number", NC_("document part", "case number") },
  { "category", NC_("document part", "cost category") },
  { "computed-claim", NC_("document part", "amount claimed") },
  { "contact", NC_("document part", "contact person") },
  { "costs", NC_("document part", "costs") },
  { "counted", NC_("document part", "amount counted") },
  { "date", NC_("document part", "date") },
  { "dates", NC_("document part", "dates") },
  { "days", NC_("document part", "days") },
  { "description", NC_("document part", "description") },
  { "email", NC_("document part", "email") },
  { "end", NC_("document part", "end") },
  { "enrolled", NC_("document part", "enrolled") },
  { "goals", NC_("document part", "goals") },
  { "grant", NC_("document part", "grant") },
  { "granted", NC_("document part", "amount granted") },
  { "hours", NC_("document part", "hours") },
  { "invoice", NC_("document part", "invoice") },
  { "leader", NC_("document part", "leader") },
  { "leaders", NC_("document part", "leaders") },
  { "line", NC_("document part", "line") },
  { "location", NC_("document part", "place") },
  { "name", NC_("document part", "name") },
  { "net", NC_("document part", "amount before VAT") },
  { "number", NC_("document part", "number") },
  { "org-number", NC_("document part", "organisation number") },
  { "participants", NC_("document part", "participants") },
  { "period", NC_("document part", "period") },
  { "persons", NC_("document part", "persons") },
  { "phone", NC_("document part", "phone") },
  { "present", NC_("document part", "present") },
  { "programme", NC_("document part", "programme") },
  { "scheme", NC_("document part", "scheme") },
  { "semesters", NC_("document part", "semesters") },
  { "sender", NC_("document part", "sender") },
  { "session", NC_("document part", "session") },
  { "sessions", NC_("document part", "sessions") },
  { "start", NC_("document part", "start") },
  { "supplier", NC_("document part", "supplier") },
  { "title", NC_("document part", "title") },
  { "totals", NC_("document part", "totals") },
  { "vat", NC_("document part", "VAT") },
};

/* "line 2" as "line 2" in the reader's words; an element without words
 * of its own with its hyphens as spaces. */
static char *
describe_part (const char *part)
{
  const char *space = strrchr (part, ' ');
  g_autofree char *element = NULL;
  const char *number = NULL;

  if (space != NULL && space[1] != '\0' && strspn (space + 1, "0123456789") == strlen (space + 1))
    {
      element = g_strndup (part, space - part);
      number = space + 1;
    }
  else
    element = g_strdup (part);
  for (guint i = 0; i < G_N_ELEMENTS (document_parts); i++)
    if (g_str_equal (element, document_parts[i].element))
      {
        g_free (element);
        element = g_strdup (g_dpgettext2 (NULL, "document part", document_parts[i].words));
        break;
      }
  g_strdelimit (element, "-", ' ');
  if (number == NULL)
    return g_steal_pointer (&element);
  /* Translators: a numbered part of a document, "line 2" */
  return g_strdup_printf (C_("document part", "%s %s"), element, number);
}

/* An amount as the rest of the app writes money, a date as a date. */
static char *
describe_value (const char *text)
{
  g_autofree char *value = g_strstrip (g_strdup (text));
  gint64 ore;

  if (*value == '\0')
    return g_strdup (_("nothing"));
  if (g_regex_match_simple ("^-?[0-9]+\\.[0-9][0-9]$", value, 0, 0) && kl_money_parse (value, &ore, NULL))
    return kl_money_format (ore, kl_lang_from_locale ());
  if (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value, 0, 0))
    return kl_date_format (value, kl_lang_from_locale ());
  /* Translators: a text from a document, quoted; Norwegian «%s» */
  return g_strdup_printf (C_("quoted", "“%s”"), value);
}

/* When a document was sent, in local time: "2 Dec 2026 at 14:05",
 * "2. des. 2026 kl. 14.05". */
static char *
format_sent_at (const char *sealed_at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (sealed_at, utc);
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup (sealed_at);
  local = g_date_time_to_local (when);
  /* Translators: when a document was sent, "2 Dec 2026 at 14:05"; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y at %H:%M"));
}

/* Whether the newest copy of each document still says what a fresh
 * render says; the older copies were superseded by it. */
static char *
sent_state (KlFundDocumentsGroup    *self,
            const KlSealedDocument  *document,
            const char             **newest,
            char                   **plain,
            char                   **technical)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;

  if (newest[document->kind] == NULL)
    newest[document->kind] = document->sealed_at;
  if (g_strcmp0 (newest[document->kind], document->sealed_at) != 0)
    return g_strdup (_("Superseded by a later copy"));
  difference = kl_fund_seal_difference (self->db, self->programme_id, document->kind, &error);
  if (error != NULL)
    return g_strdup (error->message);
  if (difference == NULL)
    return g_strdup (_("Unchanged since sent"));
  g_free (*plain);
  *plain = kl_fund_documents_describe_difference (difference);
  *technical = g_steal_pointer (&difference);
  /* Translators: %s is what is different, "budget, line 1, amount before VAT: was 18 000,00 kr, now 19 000,00 kr" */
  return g_strdup_printf (_("Changed since sent: %s"), *plain);
}

/* One row per sending and format: when, what it says now against what
 * was sent, and the copy to save again; under its details what is
 * different in plain words, and the SHA-256 and the XML's own words for
 * whoever compares it with the copy KS has. */
static void
load_sealed (KlFundDocumentsGroup *self)
{
  g_autoptr(GPtrArray) sealed = NULL;
  g_autoptr(GError) error = NULL;
  const char *newest[2] = { NULL, NULL };

  for (guint i = 0; i < self->sealed_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->sealed_rows, i));
  g_ptr_array_set_size (self->sealed_rows, 0);
  if (self->db == NULL || self->programme_id <= 0)
    return;
  sealed = kl_fund_sealed_list (self->db, self->programme_id, &error);
  if (sealed == NULL)
    {
      g_warning ("Cannot list the sealed documents: %s", error->message);
      return;
    }
  /* Listed newest first, XML and PDF of one sending side by side. */
  for (guint i = 0; i < sealed->len; i++)
    {
      KlSealedDocument *document = g_ptr_array_index (sealed, i);
      GtkWidget *row;
      GtkWidget *hash_row;
      GtkWidget *button;
      g_autofree char *when = format_sent_at (document->sealed_at);
      g_autofree char *title = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *technical = NULL;
      g_autofree char *state = sent_state (self, document, newest, &plain, &technical);
      g_autofree char *format = g_ascii_strup (document->format, -1);
      g_autofree char *subtitle = NULL;
      g_autofree char *size = g_format_size (document->size);
      g_autofree char *details = NULL;
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;

      title = g_strdup_printf (document->kind == KL_FUND_APPLICATION ? _("Application as sent, %s")
                                                                     : _("Payout request as sent, %s"),
                               when);
      /* Translators: under a document as sent: "PDF · Norwegian · Unchanged since sent" */
      subtitle = g_strdup_printf (_("%s · %s · %s"), format,
                                  document->lang == KL_LANG_NB ? _("Norwegian") : _("English"), state);
      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      label = g_strdup_printf (_("Save %s…"), format);
      button = gtk_button_new_with_label (label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      name = kl_export_file_name (document->format,
                                  document->kind == KL_FUND_APPLICATION ? "OU-soknad-sendt" : "OU-utbetaling-sendt",
                                  document->sealed_at, NULL);
      g_object_set_data_full (G_OBJECT (button), "file-name", g_steal_pointer (&name), g_free);
      g_object_set_data (G_OBJECT (button), "sealed-id", GSIZE_TO_POINTER ((gsize) document->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_save_sealed_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

      if (plain != NULL)
        {
          GtkWidget *change_row = adw_action_row_new ();
          g_autofree char *change = NULL;

          /* Translators: under a document as sent; %s is when it was sent, then what changed */
          change = g_strdup_printf (_("Since it was sent on %s: %s."), when, plain);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (change_row), _("What is different"));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (change_row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (change_row), change);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (change_row), 0);
          gtk_widget_add_css_class (change_row, "property");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), change_row);
          g_object_set_data_full (G_OBJECT (row), "change", g_steal_pointer (&change), g_free);
        }
      /* The fingerprint, for whoever compares it with the copy KS has. */
      if (technical != NULL)
        /* Translators: technical details of a document as sent: fingerprint, size, first difference in the XML */
        details = g_strdup_printf (_("SHA-256: %s\nSize: %s\nFirst difference in the XML: %s"),
                                   document->sha256, size, technical);
      else
        /* Translators: technical details of a document as sent: fingerprint and size */
        details = g_strdup_printf (_("SHA-256: %s\nSize: %s"), document->sha256, size);
      hash_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (hash_row), _("Technical Details"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (hash_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (hash_row), details);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (hash_row), 0);
      gtk_widget_add_css_class (hash_row, "property");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), hash_row);
      g_object_set_data_full (G_OBJECT (row), "state", g_steal_pointer (&state), g_free);
      g_object_set_data_full (G_OBJECT (row), "sha256", g_strdup (document->sha256), g_free);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->sealed_rows, row);
    }
}

static void
on_lang_changed_cb (KlFundDocumentsGroup *self)
{
  kl_fund_documents_group_reload (self);
}

static GtkWidget *
export_button (KlFundDocumentsGroup *self,
               KlFundDocumentKind    kind,
               gboolean              pdf)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (pdf ? _("_PDF…") : _("_XML…"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, pdf ? _("Save as PDF, to sign and send")
                                           : _("Save as XML (schema ou-fund-1.xsd), for systems that read it"));
  g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (button), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (button, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  return button;
}

static void
add_document_row (KlFundDocumentsGroup *self,
                  KlFundDocumentKind    kind,
                  const char           *title)
{
  DocumentRow *document = &self->documents[kind];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  document->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (document->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (document->row), FALSE);
  adw_action_row_set_subtitle_lines (document->row, 0);
  document->pdf_button = export_button (self, kind, TRUE);
  document->xml_button = export_button (self, kind, FALSE);
  gtk_box_append (GTK_BOX (box), document->pdf_button);
  gtk_box_append (GTK_BOX (box), document->xml_button);
  adw_action_row_add_suffix (document->row, box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (document->row));
}

static void
kl_fund_documents_group_dispose (GObject *object)
{
  KlFundDocumentsGroup *self = KL_FUND_DOCUMENTS_GROUP (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->sealed_rows, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->documents); i++)
    g_clear_pointer (&self->documents[i].status, g_free);
  G_OBJECT_CLASS (kl_fund_documents_group_parent_class)->dispose (object);
}

static void
kl_fund_documents_group_class_init (KlFundDocumentsGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kl_fund_documents_group_dispose;
}

static void
kl_fund_documents_group_init (KlFundDocumentsGroup *self)
{
  self->sealed_rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Documents"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The application and the payout request for the KS training fund, "
                                           "from the figures above."));
  self->lang_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lang_row), _("Language of the documents"));
  /* The same setting as in the preferences, for every document made here. */
  kl_bind_document_language (self->lang_row);
  g_signal_connect_swapped (self->lang_row, "notify::selected", G_CALLBACK (on_lang_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->lang_row));

  add_document_row (self, KL_FUND_APPLICATION, _("Application (søknad)"));
  add_document_row (self, KL_FUND_PAYOUT, _("Payout request (anmodning om utbetaling)"));
}

/* Public API */

void
kl_fund_documents_group_set_programme (KlFundDocumentsGroup *self,
                                       KlDb                 *db,
                                       gint64                programme_id)
{
  g_return_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self));

  g_set_object (&self->db, db);
  self->programme_id = programme_id;
  kl_fund_documents_group_reload (self);
}

void
kl_fund_documents_group_reload (KlFundDocumentsGroup *self)
{
  g_return_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self));

  load_row (self, KL_FUND_APPLICATION);
  load_row (self, KL_FUND_PAYOUT);
  load_sealed (self);
}

KlLang
kl_fund_documents_group_get_lang (KlFundDocumentsGroup *self)
{
  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), KL_LANG_NB);

  return adw_combo_row_get_selected (self->lang_row) == 1 ? KL_LANG_EN : KL_LANG_NB;
}

void
kl_fund_documents_group_set_lang (KlFundDocumentsGroup *self,
                                  KlLang                lang)
{
  g_return_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self));

  adw_combo_row_set_selected (self->lang_row, lang == KL_LANG_EN ? 1 : 0);
}

const char *
kl_fund_documents_group_get_status (KlFundDocumentsGroup *self,
                                    KlFundDocumentKind    kind)
{
  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), NULL);

  return self->documents[kind].status;
}

/* The documents as sent, newest first: how many rows, and what the row
 * at index says about it ("Unchanged since sent", ...) and its title. */
guint
kl_fund_documents_group_get_n_sent (KlFundDocumentsGroup *self)
{
  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), 0);

  return self->sealed_rows->len;
}

const char *
kl_fund_documents_group_get_sent_state (KlFundDocumentsGroup *self,
                                        guint                 index)
{
  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), NULL);
  g_return_val_if_fail (index < self->sealed_rows->len, NULL);

  return g_object_get_data (g_ptr_array_index (self->sealed_rows, index), "state");
}

/* What is different, in plain words and with when it was sent, as the
 * row's details say it; NULL when unchanged. */
const char *
kl_fund_documents_group_get_sent_change (KlFundDocumentsGroup *self,
                                         guint                 index)
{
  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), NULL);
  g_return_val_if_fail (index < self->sealed_rows->len, NULL);

  return g_object_get_data (g_ptr_array_index (self->sealed_rows, index), "change");
}

const char *
kl_fund_documents_group_get_sent_title (KlFundDocumentsGroup *self,
                                        guint                 index)
{
  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), NULL);
  g_return_val_if_fail (index < self->sealed_rows->len, NULL);

  return adw_preferences_row_get_title (g_ptr_array_index (self->sealed_rows, index));
}

gboolean
kl_fund_documents_group_can_export (KlFundDocumentsGroup *self,
                                    KlFundDocumentKind    kind)
{
  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), FALSE);

  return self->documents[kind].ready && gtk_widget_get_sensitive (self->documents[kind].pdf_button);
}

char *
kl_fund_documents_group_default_name (KlFundDocumentsGroup *self,
                                      KlFundDocumentKind    kind,
                                      gboolean              pdf)
{
  g_autoptr(KlFundDocument) doc = NULL;

  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), NULL);

  doc = kl_fund_document_load (self->db, self->programme_id, kind, kl_fund_documents_group_get_lang (self), NULL);
  return doc != NULL ? kl_fund_document_file_name (doc, pdf ? "pdf" : "xml") : NULL;
}

gboolean
kl_fund_documents_group_export_to (KlFundDocumentsGroup  *self,
                                   KlFundDocumentKind     kind,
                                   gboolean               pdf,
                                   const char            *path,
                                   GError               **error)
{
  g_autoptr(KlFundDocument) doc = NULL;

  g_return_val_if_fail (KL_IS_FUND_DOCUMENTS_GROUP (self), FALSE);

  doc = kl_fund_document_load (self->db, self->programme_id, kind, kl_fund_documents_group_get_lang (self), error);
  return doc != NULL && write_document (doc, pdf, path, error);
}

/* The first difference between a sent copy and the document now, as
 * kl_fund_seal_difference names it in the XML's words ("application ›
 * budget › line 1 › net: 18000.00 → 19000.00"), in plain words: "budget,
 * line 1, amount before VAT: was 18 000,00 kr, now 19 000,00 kr". A text
 * that is no such path (what stops the document now) comes back as it is. */
char *
kl_fund_documents_describe_difference (const char *technical)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  const char *colon;
  const char *rest;
  const char *arrow;

  if (technical == NULL)
    return NULL;
  colon = strstr (technical, ": ");
  if (colon == NULL || strstr (technical, " › ") == NULL || strstr (technical, " › ") > colon)
    return g_strdup (technical);
  path = g_strndup (technical, colon - technical);
  rest = colon + 2;
  parts = g_strsplit (path, " › ", -1);
  /* The first is the document itself, which the row already names. */
  for (guint i = g_strv_length (parts) > 1 ? 1 : 0; parts[i] != NULL; i++)
    g_ptr_array_add (words, describe_part (parts[i]));
  g_ptr_array_add (words, NULL);
  where = g_strjoinv (", ", (char **) words->pdata);
  arrow = strstr (rest, " → ");
  if (strchr (rest, '=') != NULL)
    /* Translators: %s is a part of a document, "budget, line 1" */
    return g_strdup_printf (_("%s is different"), where);
  if (arrow != NULL)
    {
      g_autofree char *before = g_strndup (rest, arrow - rest);
      g_autofree char *was = describe_value (before);
      g_autofree char *now = describe_value (arrow + strlen (" → "));

      /* Translators: what changed in a document since it was sent:
       * "budget, line 1, amount before VAT: was 18 000,00 kr, now 19 000,00 kr" */
      return g_strdup_printf (_("%s: was %s, now %s"), where, was, now);
    }
  return g_strdup_printf ("%s: %s", where, rest);
}
