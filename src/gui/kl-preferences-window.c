#include "config.h"

#include <glib/gi18n.h>

#include "kl-field-set.h"
#include "kl-gui-settings.h"
#include "kl-preferences-window.h"
#include "kl-privacy.h"
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
  AdwComboRow *scheme_row;
  AdwActionRow *retention_row;
  GtkSpinButton *retention_spin;

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
}

static void
load_retention (KlPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  int years = kl_privacy_get_retention (self->db, &error);

  if (error != NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
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
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  kl_field_set_set_value (self->fields, "name", settings->name);
  kl_field_set_set_value (self->fields, "orgnr", settings->orgnr);
  kl_field_set_set_value (self->fields, "account", settings->account);
  kl_field_set_set_value (self->fields, "address", settings->address);
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
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  update_retention_preview (self, years);
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
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return TRUE;
    }

  {
    AdwMessageDialog *dialog;
    g_autofree char *body = NULL;

    /* Translators: %s says what is wrong, e.g. "Org number: “123” must have 9 digits" */
    body = g_strdup_printf (_("%s\n\nIMTEC’s details cannot be saved like this."),
                            kl_field_set_get_first_error (self->fields));
    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard Changes?"), body));
    adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"), "discard", _("_Discard"), NULL);
    adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_set_default_response (dialog, "keep");
    adw_message_dialog_set_close_response (dialog, "keep");
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, G_CONNECT_SWAPPED);
    gtk_window_present (GTK_WINDOW (dialog));
  }
  return TRUE;
}

static void
kl_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  object_class->get_property = kl_preferences_window_get_property;
  object_class->set_property = kl_preferences_window_set_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, KL_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = kl_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, organisation_page);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, defaults_page);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, orgnr_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, retention_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_scheme_selected_cb);
}

static void
kl_preferences_window_init (KlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = kl_field_set_new ();
  kl_field_set_add_entry (self->fields, "name", self->name_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "orgnr", self->orgnr_row, kl_validate_orgnr, FALSE);
  kl_field_set_add_entry (self->fields, "account", self->account_row, kl_validate_account, FALSE);
  kl_field_set_add_entry (self->fields, "address", self->address_row, NULL, FALSE);
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
  g_signal_connect_object (self->retention_spin, "value-changed", G_CALLBACK (on_retention_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->defaults_page != NULL)
    kl_bind_document_language (self->language_row);
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
