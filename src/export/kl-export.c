#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "kl-clock.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-file.h"
#include "kl-i18n.h"
#include "kl-store.h"

/* GNU gettext's documented way to make it notice a changed LANGUAGE. */
extern int _nl_msg_cat_cntr;

/* The temporary file sits next to the target and is renamed over it, so a
 * reader never sees half a document and a failure leaves the old file.
 * Documents name people: private, like the database. */
gboolean
kl_export_write_file (const char  *path,
                      const void  *data,
                      gsize        length,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return kl_file_write_private (path, data, length, error);
}

struct _KlExportLanguage
{
  locale_t locale;     /* this thread's own LC_MESSAGES, when that was enough */
  locale_t previous;
  gboolean set_env;    /* LANGUAGE was changed, for the whole process */
  char *language;      /* LANGUAGE before, or NULL when unset */
  char *messages;      /* LC_MESSAGES before, when it had to change */
};

/* Documents go out in Norwegian or English whatever the user's locale, so
 * the catalogue is consulted in a locale of the document's own; core texts
 * (a claim line's explanation) then come out in it too.
 *
 * Usually only this thread's locale changes (uselocale), which leaves the
 * rest of the program alone. When the user has LANGUAGE set, it overrides
 * any locale, so it must change itself: the environment is shared by every
 * thread, and documents are then made on one thread at a time. */
KlExportLanguage *
kl_export_language_push (KlLang lang)
{
  static const char *const norwegian[] = { "nb_NO.UTF-8", "nb_NO.utf8", "nn_NO.UTF-8", NULL };
  KlExportLanguage *saved = g_new0 (KlExportLanguage, 1);
  const char *language = g_getenv ("LANGUAGE");
  const char *current;

  if (language == NULL || *language == '\0')
    {
      locale_t base = duplocale (uselocale ((locale_t) 0));

      for (guint i = 0; base != (locale_t) 0 && lang == KL_LANG_NB && norwegian[i] != NULL && saved->locale == 0; i++)
        saved->locale = newlocale (LC_MESSAGES_MASK, norwegian[i], base);
      if (base != (locale_t) 0 && lang == KL_LANG_EN)
        saved->locale = newlocale (LC_MESSAGES_MASK, "C", base);
      if (saved->locale != (locale_t) 0)
        {
          saved->previous = uselocale (saved->locale);
          return saved;
        }
      if (base != (locale_t) 0)
        freelocale (base);
    }

  saved->set_env = TRUE;
  saved->language = g_strdup (language);
  current = setlocale (LC_MESSAGES, NULL);
  /* gettext ignores LANGUAGE in the C locale. */
  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    {
      saved->messages = g_strdup (current ? current : "C");
      setlocale (LC_MESSAGES, "C.UTF-8");
    }
  /* No "en" catalogue exists, so English gives the original texts. */
  g_setenv ("LANGUAGE", lang == KL_LANG_NB ? "nb" : "en", TRUE);
  ++_nl_msg_cat_cntr;
  return saved;
}

void
kl_export_language_pop (KlExportLanguage *saved)
{
  if (saved == NULL)
    return;
  if (saved->locale != (locale_t) 0)
    {
      uselocale (saved->previous);
      freelocale (saved->locale);
    }
  if (saved->set_env)
    {
      if (saved->language != NULL)
        g_setenv ("LANGUAGE", saved->language, TRUE);
      else
        g_unsetenv ("LANGUAGE");
      if (saved->messages != NULL)
        setlocale (LC_MESSAGES, saved->messages);
      ++_nl_msg_cat_cntr;
    }
  g_free (saved->language);
  g_free (saved->messages);
  g_free (saved);
}

const char *
kl_export_gettext (KlLang      lang,
                   const char *msgid)
{
  g_autoptr(KlExportLanguage) scope = NULL;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (lang == KL_LANG_EN)
    return msgid;
  scope = kl_export_language_push (lang);
  return dgettext (GETTEXT_PACKAGE, msgid);
}

/* "Speaker fee" or "Foredragsholder, honorar": a stored identifier as the
 * document's reader should see it. */
const char *
kl_export_label (KlLang      lang,
                 KlLabels    set,
                 const char *value)
{
  g_autoptr(KlExportLanguage) scope = kl_export_language_push (lang);

  return kl_label (set, value);
}

/* "Oppmøteliste-LED-SKOLE-Bærum-2024-09-02.pdf": the parts joined by "-",
 * letters and digits kept (Norwegian ones too), everything file systems
 * or mail programs dislike (slashes, quotes, emoji, spaces) turned into
 * one dash, and short enough for any file system. */
char *
kl_export_file_name_va (const char *extension,
                        const char *first_part,
                        va_list     parts)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *part = first_part; part != NULL; part = va_arg (parts, const char *))
    {
      gboolean gap = name->len > 0;

      for (const char *p = part; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            break;
          if (g_unichar_isalnum (c) || c == '.' || c == '_' || c == ',')
            {
              if (gap && name->len > 0)
                g_string_append_c (name, '-');
              gap = FALSE;
              g_string_append_unichar (name, c);
            }
          else
            gap = TRUE;
        }
    }

  /* Keep well under the 255 bytes of most file systems. */
  if (name->len > 120)
    {
      const char *end = g_utf8_find_prev_char (name->str, name->str + 121);

      g_string_truncate (name, end - name->str);
    }
  if (name->len == 0)
    g_string_append (name, "document");
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

char *
kl_export_file_name (const char *extension,
                     const char *first_part,
                     ...)
{
  va_list args;
  char *name;

  g_return_val_if_fail (extension != NULL, NULL);

  va_start (args, first_part);
  name = kl_export_file_name_va (extension, first_part, args);
  va_end (args);
  return name;
}

/* 90 minutes as "1,5" (Norwegian) or "1.5" (English), 360 as "6": at most
 * `decimals` (1 or 2) places, rounded half up in whole numbers so that no
 * locale or binary fraction moves a digit, trailing zeros left out. */
char *
kl_export_format_hours (int     minutes,
                        guint   decimals,
                        KlLang  lang)
{
  int scale = decimals >= 2 ? 100 : 10;
  int value = (minutes * scale + 30) / 60;
  int whole = value / scale;
  int fraction = value % scale;
  const char *separator = lang == KL_LANG_NB ? "," : ".";

  g_return_val_if_fail (minutes >= 0, NULL);

  if (fraction == 0)
    return g_strdup_printf ("%d", whole);
  if (scale == 100 && fraction % 10 == 0)
    return g_strdup_printf ("%d%s%d", whole, separator, fraction / 10);
  return g_strdup_printf (scale == 100 ? "%d%s%02d" : "%d%s%d", whole, separator, fraction);
}

/* SOURCE_DATE_EPOCH makes documents reproducible byte for byte. */
GDateTime *
kl_export_now (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);
  return kl_clock_now ();
}

/* 2024-09-02 as 02.09.2024 (Norwegian) or 2 September 2024 (English). */
char *
kl_export_format_date (const char *iso_date,
                       KlLang      lang)
{
  static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
  };
  unsigned y, m, d;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");
  if (sscanf (iso_date, "%4u-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup (iso_date);
  if (lang == KL_LANG_NB)
    return g_strdup_printf ("%02u.%02u.%04u", d, m, y);
  return g_strdup_printf ("%u %s %u", d, months[m - 1], y);
}

/* A Norwegian bank account number as people read it: 1503 33 45280
 * (4 + 2 + 5 digits). Anything else comes back as it is. */
char *
kl_export_format_account (const char *account)
{
  if (account == NULL)
    return NULL;
  if (strlen (account) != 11 || strspn (account, "0123456789") != 11)
    return g_strdup (account);
  return g_strdup_printf ("%.4s %.2s %.5s", account, account + 4, account + 6);
}

/* An attendance rate, "83 %" (Norwegian) or "83%"; "—" where nothing is
 * recorded yet (rate < 0), which is no 0 %. */
char *
kl_export_format_rate (double rate,
                       KlLang lang)
{
  if (rate < 0)
    return g_strdup ("—");
  return g_strdup_printf (lang == KL_LANG_NB ? "%d %%" : "%d%%", (int) (rate * 100 + 0.5));
}

gboolean
kl_export_missing (GError     **error,
                   GError      *lookup_error,
                   const char  *reason,
                   gint64       id)
{
  g_autofree char *number = NULL;

  if (!g_error_matches (lookup_error, KL_ERROR, KL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, lookup_error);
      return FALSE;
    }
  g_error_free (lookup_error);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE, reason, number);
  return FALSE;
}

const char *
kl_export_sender (const KlSettings *settings)
{
  return settings->name != NULL && *settings->name != '\0' ? settings->name : "IMTEC";
}

GHashTable *
kl_export_client_cache_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

GHashTable *
kl_export_client_names (KlDb    *db,
                        GError **error)
{
  g_autoptr(GPtrArray) clients = kl_store_list_clients (db, error);
  GHashTable *names;

  if (clients == NULL)
    return NULL;
  names = kl_export_client_cache_new ();
  for (guint i = 0; i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      g_hash_table_insert (names, g_memdup2 (&client->id, sizeof (gint64)), g_strdup (client->name));
    }
  return names;
}

const char *
kl_export_client_name (KlDb       *db,
                       GHashTable *cache,
                       gint64      client_id)
{
  char *name;

  if (client_id <= 0)
    return NULL;
  name = g_hash_table_lookup (cache, &client_id);
  if (name == NULL)
    {
      g_autoptr(KlClient) client = kl_store_get_client (db, client_id, NULL);

      name = g_strdup (client != NULL ? client->name : "");
      g_hash_table_insert (cache, g_memdup2 (&client_id, sizeof client_id), name);
    }
  return name;
}
