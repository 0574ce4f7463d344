#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-backup.h"
#include "kl-field-set.h"
#include "kl-gui-settings.h"
#include "kl-preferences-server.h"
#include "kl-preferences-window.h"
#include "kl-privacy.h"
#include "kl-question.h"
#include "kl-store.h"
#include "kl-validate.h"

struct _KlPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  KlContext *context;
  AdwPreferencesPage *organisation_page;
  AdwPreferencesPage *defaults_page;
  AdwEntryRow *name_row;
  AdwEntryRow *orgnr_row;
  AdwEntryRow *account_row;
  AdwEntryRow *address_row;
  AdwEntryRow *signatory_name_row;
  AdwEntryRow *signatory_title_row;
  AdwComboRow *scheme_row;
  AdwActionRow *retention_row;
  GtkSpinButton *retention_spin;
  AdwActionRow *anonymise_row;
  GtkWidget *anonymise_button;
  AdwPreferencesGroup *copies_group;
  GtkWidget *show_folder_button;
  GPtrArray *copy_rows;           /* AdwActionRow, in copies_group */
  AdwMessageDialog *confirmation; /* weak: the question before anonymising */

  KlDb *db;
  KlFieldSet *fields;
  GSettings *settings;
  AdwComboRow *language_row;
  GStrv schemes;        /* the codes behind scheme_row's items */
  gboolean closing;     /* the user chose to drop what is not valid */
};

G_DEFINE_FINAL_TYPE (KlPreferencesWindow, kl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
};

/* Helpers */

/* How many the retention would anonymise today, under the row; nothing is
 * anonymised here (kartleser-cli privacy retention does it). */
static void
update_retention_preview (KlPreferencesWindow *self,
                          int                  years)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *today = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (self->anonymise_button, FALSE);
  if (years <= 0)
    {
      adw_action_row_set_subtitle (self->retention_row, _("Off: kept until anonymised by hand"));
      return;
    }
  today = kl_today ();
  due = kl_privacy_retention_due (self->db, years, today, &error);
  if (due == NULL)
    text = g_strdup (error->message);
  else if (due->len == 0)
    text = g_strdup (_("Nobody is due to be anonymised now"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant would be anonymised now",
                                         "%u participants would be anonymised now", due->len),
                            due->len);
  adw_action_row_set_subtitle (self->retention_row, text);
  gtk_widget_set_sensitive (self->anonymise_button, due != NULL && due->len > 0);
}

/* The copies kept before a restore or an upgrade: when, which, how big. */
static void
load_copies (KlPreferencesWindow *self)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *description = NULL;

  for (guint i = 0; i < self->copy_rows->len; i++)
    adw_preferences_group_remove (self->copies_group, g_ptr_array_index (self->copy_rows, i));
  g_ptr_array_set_size (self->copy_rows, 0);
  /* Translators: %d is a number of days */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Removed after %d day. Until then they may hold personal data "
                                              "that has since been corrected or anonymised.",
                                              "Removed after %d days. Until then they may hold personal data "
                                              "that has since been corrected or anonymised.",
                                              KL_BACKUP_KEEP_COPY_DAYS), KL_BACKUP_KEEP_COPY_DAYS);
  adw_preferences_group_set_description (self->copies_group, description);
  if (self->db == NULL || kl_db_get_path (self->db) == NULL)
    return;

  copies = kl_backup_list_copies (kl_db_get_path (self->db));
  for (guint i = 0; i < copies->len; i++)
    {
      const KlBackupCopy *copy = g_ptr_array_index (copies, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (copy->modified);
      /* Translators: when a copy was made, "2 Dec 2026 at 14:05"; see g_date_time_format() */
      g_autofree char *title = g_date_time_format (when, _("%-d %b %Y at %H:%M"));
      g_autofree char *size = g_format_size (copy->size);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: "Before a restore · 1.2 MB" */
      subtitle = g_strdup_printf (_("%s · %s"), copy->kind == KL_BACKUP_COPY_BEFORE_RESTORE ? _("Before a restore")
                                                                                          : _("Before an upgrade"),
                                  size);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, copy->path);
      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->copy_rows, row);
    }
  if (copies->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None kept now"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->copy_rows, row);
    }
  gtk_widget_set_sensitive (self->show_folder_button, copies->len > 0);
}

static void
load_retention (KlPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  int years = kl_privacy_get_retention (self->db, &error);

  if (error != NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), kl_actions_new_toast (error->message));
      years = 0;
    }
  /* Before value-changed is connected: loading saves nothing. */
  gtk_spin_button_set_value (self->retention_spin, years);
  update_retention_preview (self, years);
}

static void
load_organisation (KlPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = kl_store_get_settings (self->db, &error);

  if (settings == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), kl_actions_new_toast (error->message));
      return;
    }
  kl_field_set_set_value (self->fields, "name", settings->name);
  kl_field_set_set_value (self->fields, "orgnr", settings->orgnr);
  kl_field_set_set_value (self->fields, "account", settings->account);
  kl_field_set_set_value (self->fields, "address", settings->address);
  kl_field_set_set_value (self->fields, "signatory-name", settings->signatory_name);
  kl_field_set_set_value (self->fields, "signatory-title", settings->signatory_title);
  kl_field_set_reset (self->fields);
}

/* The schemes of the database by name; the one chosen stays listed, by its
 * code, even when the database no longer has it in force. */
static void
load_schemes (KlPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) schemes = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autofree char *current = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n = 0;

  if (self->settings == NULL)
    {
      /* The row is the page's only content. */
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->defaults_page);
      self->defaults_page = NULL;
      return;
    }
  current = g_settings_get_string (self->settings, "default-scheme");
  schemes = kl_store_list_schemes (self->db, &error);
  if (schemes == NULL)
    g_warning ("Cannot list the funding schemes: %s", error->message);
  for (guint i = 0; schemes != NULL && i < schemes->len; i++, n++)
    {
      KlSchemeVersion *scheme = g_ptr_array_index (schemes, i);

      gtk_string_list_append (names, scheme->name);
      g_strv_builder_add (codes, scheme->scheme);
      if (g_strcmp0 (scheme->scheme, current) == 0)
        selected = n;
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      gtk_string_list_append (names, current);
      g_strv_builder_add (codes, current);
      selected = n;
    }
  g_clear_pointer (&self->schemes, g_strfreev);
  self->schemes = g_strv_builder_end (codes);
  adw_combo_row_set_model (self->scheme_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->scheme_row, selected);
}

/* Signal callbacks */

/* A default: saved at once, like the scheme. */
static void
on_retention_changed_cb (KlPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  int years = gtk_spin_button_get_value_as_int (self->retention_spin);

  if (!kl_privacy_set_retention (self->db, years, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), kl_actions_new_toast (error->message));
      return;
    }
  update_retention_preview (self, years);
}

/* The folder of the backups, where the copies before a restore are. */
static void
on_show_folder_clicked_cb (KlPreferencesWindow *self)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->db == NULL || kl_db_get_path (self->db) == NULL)
    return;
  dir = kl_backup_dir (kl_db_get_path (self->db));
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_free (dir);
      dir = g_path_get_dirname (kl_db_get_path (self->db));
    }
  file = g_file_new_for_path (dir);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* Exactly the people the question named, in one transaction. */
static void
on_anonymise_response_cb (AdwMessageDialog    *dialog,
                          const char          *response,
                          KlPreferencesWindow *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "participant-ids");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_clear_weak_pointer (&self->confirmation);
  if (g_strcmp0 (response, "anonymise") != 0 || ids == NULL)
    return;
  tx = kl_db_begin (self->db, &error);
  ok = tx != NULL;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = kl_privacy_anonymise (self->db, g_array_index (ids, gint64, i), &error);
  ok = ok && kl_transaction_commit (tx, &error);
  /* The old values out of the WAL too, once the whole step is in. */
  ok = ok && kl_db_forget (self->db, &error);
  if (!ok)
    text = g_strdup (error->message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant anonymised",
                                         "%u participants anonymised", ids->len), ids->len);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), kl_actions_new_toast (text));
  update_retention_preview (self, gtk_spin_button_get_value_as_int (self->retention_spin));
}

static void
on_scheme_selected_cb (KlPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->scheme_row);

  if (self->settings == NULL || self->schemes == NULL || selected >= g_strv_length (self->schemes))
    return;
  g_settings_set_string (self->settings, "default-scheme", self->schemes[selected]);
}

static void
on_discard_response_cb (KlPreferencesWindow *self,
                        const char          *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Overrides */

/* Closing saves what changed; what is not valid is not saved without
 * asking first. */
static gboolean
kl_preferences_window_close_request (GtkWindow *window)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (self->closing || self->db == NULL || !kl_field_set_is_dirty (self->fields))
    return GTK_WINDOW_CLASS (kl_preferences_window_parent_class)->close_request (window);

  if (kl_field_set_is_valid (self->fields))
    {
      if (kl_preferences_window_save (self, &error))
        return GTK_WINDOW_CLASS (kl_preferences_window_parent_class)->close_request (window);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), kl_actions_new_toast (error->message));
      return TRUE;
    }

  {
    AdwMessageDialog *dialog;
    g_autofree char *body = NULL;

    /* Translators: %s says what is wrong, e.g. "Org number: “123” must have 9 digits" */
    body = g_strdup_printf (_("%s\n\nIMTEC’s details cannot be saved like this."),
                            kl_field_set_get_first_error (self->fields));
    dialog = kl_question_new_discard (window, body);
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, G_CONNECT_SWAPPED);
    gtk_window_present (GTK_WINDOW (dialog));
  }
  return TRUE;
}

static void
kl_preferences_window_dispose (GObject *object)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->fields);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->schemes, g_strfreev);
  g_clear_pointer (&self->copy_rows, g_ptr_array_unref);
  g_clear_weak_pointer (&self->confirmation);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kl_preferences_window_parent_class)->dispose (object);
}

static void
kl_preferences_window_class_init (KlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kl_preferences_window_dispose;
  object_class->get_property = kl_context_holder_get_property;
  object_class->set_property = kl_context_holder_set_property;
  kl_context_install_property (object_class, PROP_CONTEXT, G_STRUCT_OFFSET (KlPreferencesWindow, context));
  window_class->close_request = kl_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, organisation_page);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, defaults_page);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, orgnr_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, signatory_name_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, signatory_title_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, retention_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, anonymise_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, anonymise_button);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, copies_group);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, show_folder_button);
  gtk_widget_class_bind_template_callback (widget_class, kl_preferences_window_confirm_anonymise);
  gtk_widget_class_bind_template_callback (widget_class, on_show_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scheme_selected_cb);
}

static void
kl_preferences_window_init (KlPreferencesWindow *self)
{
  self->copy_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = kl_field_set_new ();
  kl_field_set_add_entry (self->fields, "name", self->name_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "orgnr", self->orgnr_row, kl_validate_orgnr, FALSE);
  kl_field_set_add_entry (self->fields, "account", self->account_row, kl_validate_account, FALSE);
  kl_field_set_add_entry (self->fields, "address", self->address_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "signatory-name", self->signatory_name_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "signatory-title", self->signatory_title_row, NULL, FALSE);
}

/* The server refuses a consultant's changes to the settings anyway; the
 * rows say so before anything is typed. */
static void
limit_to_role (KlPreferencesWindow *self,
               KlServerRole         role)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->name_row), GTK_WIDGET (self->orgnr_row), GTK_WIDGET (self->account_row),
    GTK_WIDGET (self->address_row), GTK_WIDGET (self->signatory_name_row), GTK_WIDGET (self->signatory_title_row),
    GTK_WIDGET (self->retention_row), GTK_WIDGET (self->anonymise_row),
  };
  const char *why = _("Only the office can change the settings");

  if (role != KL_SERVER_CONSULTANT)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != NULL)
      {
        gtk_widget_set_sensitive (rows[i], FALSE);
        gtk_widget_set_tooltip_text (rows[i], why);
      }
  adw_preferences_page_set_title (self->organisation_page, _("Organisation (read only)"));
}

/* Public API */

KlPreferencesWindow *
kl_preferences_window_new (GtkWindow *parent,
                           KlContext *context)
{
  KlPreferencesWindow *self;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);

  self = g_object_new (KL_TYPE_PREFERENCES_WINDOW, "context", context, "transient-for", parent, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  self->settings = kl_context_get_settings (context) ? g_object_ref (kl_context_get_settings (context)) : NULL;
  load_organisation (self);
  load_schemes (self);
  load_retention (self);
  load_copies (self);
  g_signal_connect_object (self->retention_spin, "value-changed", G_CALLBACK (on_retention_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->defaults_page != NULL)
    kl_bind_document_language (self->language_row);
  limit_to_role (self, kl_context_get_role (context));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (kl_preferences_server_new (context)));
  return self;
}

/* Writes IMTEC's details as they stand in the form. */
gboolean
kl_preferences_window_save (KlPreferencesWindow  *self,
                            GError              **error)
{
  g_autoptr(KlSettings) settings = kl_settings_new ();

  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), FALSE);

  settings->name = kl_field_set_get_text (self->fields, "name");
  settings->orgnr = kl_field_set_get_text (self->fields, "orgnr");
  settings->account = kl_field_set_get_text (self->fields, "account");
  settings->address = kl_field_set_get_text (self->fields, "address");
  /* The form shows both, so an emptied field clears it (NULL would keep it). */
  settings->signatory_name = kl_field_set_get_text (self->fields, "signatory-name");
  if (settings->signatory_name == NULL)
    settings->signatory_name = g_strdup ("");
  settings->signatory_title = kl_field_set_get_text (self->fields, "signatory-title");
  if (settings->signatory_title == NULL)
    settings->signatory_title = g_strdup ("");
  if (!kl_store_save_settings (self->db, settings, error))
    return FALSE;
  kl_field_set_reset (self->fields);
  return TRUE;
}

void
kl_preferences_window_set_field (KlPreferencesWindow *self,
                                 const char          *key,
                                 const char          *value)
{
  g_return_if_fail (KL_IS_PREFERENCES_WINDOW (self));
  kl_field_set_set_value (self->fields, key, value);
}

/* What the field shows: name, orgnr, account, address, signatory-name
 * or signatory-title. */
char *
kl_preferences_window_get_field (KlPreferencesWindow *self,
                                 const char          *key)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), NULL);
  return kl_field_set_get_value (self->fields, key);
}

/* The message shown under the field, or NULL. */
const char *
kl_preferences_window_get_field_error (KlPreferencesWindow *self,
                                       const char          *key)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), NULL);
  return kl_field_set_get_error (self->fields, key);
}

/* The default scheme chosen, or NULL when there is no choosing (no schema). */
const char *
kl_preferences_window_get_scheme (KlPreferencesWindow *self)
{
  guint selected;

  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), NULL);

  selected = adw_combo_row_get_selected (self->scheme_row);
  if (self->schemes == NULL || selected >= g_strv_length (self->schemes))
    return NULL;
  return self->schemes[selected];
}

gboolean
kl_preferences_window_set_scheme (KlPreferencesWindow *self,
                                  const char          *scheme)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), FALSE);

  for (guint i = 0; self->schemes != NULL && self->schemes[i]; i++)
    if (g_str_equal (self->schemes[i], scheme))
      {
        adw_combo_row_set_selected (self->scheme_row, i);
        return TRUE;
      }
  return FALSE;
}

/* As if typed into the retention row; 0 turns it off. */
void
kl_preferences_window_set_retention (KlPreferencesWindow *self,
                                     int                  years)
{
  g_return_if_fail (KL_IS_PREFERENCES_WINDOW (self));
  gtk_spin_button_set_value (self->retention_spin, years);
}

int
kl_preferences_window_get_retention (KlPreferencesWindow *self)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), 0);
  return gtk_spin_button_get_value_as_int (self->retention_spin);
}

/* The line under the retention row: how many are due now. */
const char *
kl_preferences_window_get_retention_preview (KlPreferencesWindow *self)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), NULL);
  return adw_action_row_get_subtitle (self->retention_row);
}

/* What Anonymise Now… does: asks, naming how many and what stays; the
 * people due are fixed when asked, and only they are anonymised. */
void
kl_preferences_window_confirm_anonymise (KlPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *today = kl_today ();
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GArray *ids;
  GtkWidget *dialog;
  int years;

  g_return_if_fail (KL_IS_PREFERENCES_WINDOW (self));

  years = gtk_spin_button_get_value_as_int (self->retention_spin);
  if (years <= 0)
    return;
  due = kl_privacy_retention_due (self->db, years, today, &error);
  if (due == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), kl_actions_new_toast (error->message));
      return;
    }
  if (due->len == 0)
    return;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), due->len);
  for (guint i = 0; i < due->len; i++)
    g_array_append_val (ids, ((KlRetentionCandidate *) g_ptr_array_index (due, i))->participant_id);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Anonymise %u Participant?",
                                          "Anonymise %u Participants?", due->len), due->len);
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "Their programmes all ended more than %d year ago. ",
                                             "Their programmes all ended more than %d years ago. ", years),
                          years);
  g_string_append (body, _("Names, e-mail addresses, phone numbers and notes are removed for good. "
                           "Enrolments and attendance stay, so counts, rates, claims and the documents "
                           "already sent stay exactly as they were. This cannot be undone."));
  /* Whom, by name, as long as the list stays short. */
  for (guint i = 0; i < MIN (due->len, 5); i++)
    g_string_append_printf (body, "%s%s", i == 0 ? "\n\n" : "\n",
                            ((KlRetentionCandidate *) g_ptr_array_index (due, i))->name);
  if (due->len > 5)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", due->len - 5),
                              due->len - 5);
    }

  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  dialog = GTK_WIDGET (kl_question_new (GTK_WINDOW (self), heading, body->str, "anonymise", _("_Anonymise")));
  g_object_set_data_full (G_OBJECT (dialog), "participant-ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_anonymise_response_cb), self, 0);
  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The question Anonymise Now… is waiting on ("cancel", "anonymise"), or NULL. */
AdwMessageDialog *
kl_preferences_window_get_confirmation (KlPreferencesWindow *self)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), NULL);
  return self->confirmation;
}

gboolean
kl_preferences_window_can_anonymise (KlPreferencesWindow *self)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), FALSE);
  return gtk_widget_get_sensitive (self->anonymise_button);
}

/* The copies kept before a restore or an upgrade as listed, newest first:
 * each row's title (when) and subtitle (which, how big); none, 0. */
guint
kl_preferences_window_get_n_copies (KlPreferencesWindow *self)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), 0);
  return gtk_widget_get_sensitive (self->show_folder_button) ? self->copy_rows->len : 0;
}

const char *
kl_preferences_window_get_copy_subtitle (KlPreferencesWindow *self,
                                         guint                index)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->copy_rows->len, NULL);
  return adw_action_row_get_subtitle (g_ptr_array_index (self->copy_rows, index));
}

const char *
kl_preferences_window_get_copy_title (KlPreferencesWindow *self,
                                      guint                index)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->copy_rows->len, NULL);
  return adw_preferences_row_get_title (g_ptr_array_index (self->copy_rows, index));
}
