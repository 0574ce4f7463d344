#include "config.h"

#include <glib/gi18n.h>

#include "kl-gui-settings.h"

/* The application's GSettings, apart from the application itself so that
 * pages and dialogs can read them without knowing it. */

GSettings *
kl_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  /* Run from a build tree without the schema: defaults, but no crash. */
  return schema ? g_settings_new (APP_ID) : NULL;
}

KlLang
kl_document_language (void)
{
  g_autoptr(GSettings) settings = kl_settings_new_if_installed ();
  g_autofree char *language = settings ? g_settings_get_string (settings, "document-language") : NULL;

  return g_strcmp0 (language, "en") == 0 ? KL_LANG_EN : KL_LANG_NB;
}

static gboolean
language_to_row_cb (GValue   *value,
                    GVariant *variant,
                    gpointer  data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "en") ? 1 : 0);
  return TRUE;
}

static GVariant *
row_to_language_cb (const GValue       *value,
                    const GVariantType *type,
                    gpointer            data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "en" : "nb");
}

void
kl_bind_document_language (AdwComboRow *row)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GSettings) settings = kl_settings_new_if_installed ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  gtk_string_list_append (names, _("Norwegian Bokmål"));
  gtk_string_list_append (names, _("English"));
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  if (settings != NULL)
    g_settings_bind_with_mapping (settings, "document-language", row, "selected", G_SETTINGS_BIND_DEFAULT,
                                  language_to_row_cb, row_to_language_cb, NULL, NULL);
}
