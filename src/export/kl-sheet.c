#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-error.h"
#include "kl-export.h"
#include "kl-labels.h"
#include "kl-sheet.h"
#include "kl-store.h"

/* Rows for those who come without being enrolled: at least the first,
 * and as many more as the last page has room for, up to the second. */
#define MIN_WALK_IN_ROWS 4
#define MAX_WALK_IN_ROWS 8
/* Room for a signature in a row (8.5 mm). */
#define SIGNATURE_ROW_HEIGHT 24

static char *
time_range (const KlSession *session,
            KlLang           lang)
{
  const char *start = session->starts_at && strlen (session->starts_at) >= 16 ? session->starts_at + 11 : NULL;
  const char *end = session->ends_at && strlen (session->ends_at) >= 16 ? session->ends_at + 11 : NULL;
  g_autofree char *text = NULL;

  if (start == NULL)
    return g_strdup ("");
  if (end != NULL)
    text = g_strdup_printf ("%.5s–%.5s", start, end);
  else
    text = g_strdup_printf ("%.5s", start);
  /* Norwegian writes times as 09.00. */
  if (lang == KL_LANG_NB)
    {
      g_strdelimit (text, ":", '.');
      return g_strconcat ("kl. ", text, NULL);
    }
  return g_steal_pointer (&text);
}

static char *
leader_names (KlDb            *db,
              const KlSession *session)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < session->leader_ids->len; i++)
    {
      g_autoptr(KlConsultant) consultant = kl_store_get_consultant (db, g_array_index (session->leader_ids, gint64, i), NULL);

      if (consultant != NULL)
        g_ptr_array_add (names, g_strdup (consultant->name));
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static KlSession *
get_session (KlDb    *db,
             gint64   session_id,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  KlSession *session = kl_store_get_session (db, session_id, &local_error);

  if (session == NULL)
    kl_export_missing (error, g_steal_pointer (&local_error),
                       _("There is no session with id %s, so there is no sign-in sheet to make"), session_id);
  return session;
}

KlPdf *
kl_sheet_sign_in (KlDb    *db,
                  gint64   session_id,
                  KlLang   lang,
                  GError **error)
{
  const KlPdfColumn columns[] = {
    { "#", 0.35, KL_PDF_ALIGN_NUMBER },
    { kl_export_gettext (lang, N_("Name")), 3, KL_PDF_ALIGN_LEFT },
    /* Name and workplace only: the sheet passes from hand to hand. */
    { kl_export_gettext (lang, N_("Workplace")), 3, KL_PDF_ALIGN_LEFT },
    { kl_export_gettext (lang, N_("Signature")), 2.8, KL_PDF_ALIGN_LEFT },
  };
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlProgramme) programme = NULL;
  g_autoptr(KlClient) client = NULL;
  g_autoptr(KlSettings) settings = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GHashTable) workplaces = kl_export_client_cache_new ();
  g_autoptr(KlPdf) pdf = NULL;
  g_autofree char *date = NULL;
  g_autofree char *times = NULL;
  g_autofree char *leaders = NULL;
  g_autofree char *header_left = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *programme_text = NULL;
  g_autofree char *when = NULL;
  const char *sender;
  const char *fields[17];
  const char *signatures[3];
  double signature_height;
  KlPdfTable *table;
  guint f = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((session = get_session (db, session_id, error)) == NULL
      || (programme = kl_store_get_programme (db, session->programme_id, error)) == NULL
      || (client = kl_store_get_client (db, programme->client_id, error)) == NULL
      || (settings = kl_store_get_settings (db, error)) == NULL
      || (participants = kl_store_list_expected (db, session->id, error)) == NULL)
    return NULL;

  sender = kl_export_sender (settings);
  date = kl_export_format_date (session->starts_at, lang);
  times = time_range (session, lang);
  leaders = leader_names (db, session);
  header_left = g_strdup_printf ("%s · %s", sender, client->name);
  /* TRANSLATORS: the title of a sign-in sheet's PDF; %s is the session */
  title = g_strdup_printf (kl_export_gettext (lang, N_("Sign-in sheet: %s")), session->title);

  pdf = kl_pdf_new (lang, FALSE);
  kl_pdf_set_metadata (pdf, title, sender, programme->title);
  kl_pdf_set_header (pdf, header_left, programme->title);
  subtitle = g_strdup_printf ("%s  ·  %s", session->title,
                              kl_export_gettext (lang, kl_label_msgid (KL_LABELS_SESSION_KIND, session->kind)));
  kl_pdf_title (pdf, kl_export_gettext (lang, N_("Sign-in sheet")), subtitle);

  /* Short, so that 16 people, the walk-in rows and the leader's
   * signature share one page. */
  programme_text = g_strdup_printf ("%s, %s", programme->title, client->name);
  when = *times != '\0' ? g_strdup_printf ("%s, %s", date, times) : g_strdup (date);
  fields[f++] = kl_export_gettext (lang, N_("Programme"));
  fields[f++] = programme_text;
  fields[f++] = kl_export_gettext (lang, N_("Date and time"));
  fields[f++] = when;
  fields[f++] = kl_export_gettext (lang, N_("Place"));
  fields[f++] = session->location;
  /* TRANSLATORS: those who lead a session (consultants, speakers) */
  fields[f++] = kl_export_gettext (lang, N_("Led by"));
  fields[f++] = leaders;
  fields[f] = NULL;
  kl_pdf_fields (pdf, fields);

  signatures[0] = kl_export_gettext (lang, N_("Place and date"));
  signatures[1] = kl_export_gettext (lang, N_("Signature of the session leader"));
  signatures[2] = NULL;
  signature_height = kl_pdf_signatures_height (pdf, signatures);

  /* One table: the enrolled, then a shaded row and the walk-in rows, so
   * that the numbers run on and no second heading takes room. */
  table = kl_pdf_table (pdf, G_N_ELEMENTS (columns), columns);
  kl_pdf_table_set_row_height (table, SIGNATURE_ROW_HEIGHT);
  kl_pdf_table_set_vertical_rules (table, TRUE);
  for (guint i = 0; i < participants->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (participants, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *where = kl_export_client_name (db, workplaces, participant->workplace_id);
      const char *row[] = { number, participant->name, where, NULL };

      kl_pdf_table_row (table, row, KL_PDF_ROW_NORMAL);
    }
  {
    g_autofree char *nobody = participants->len == 0
                              ? g_strdup (kl_export_gettext (lang, N_("Nobody is enrolled in the programme yet.")))
                              : NULL;
    const char *row[] = { NULL, kl_export_gettext (lang, N_("Not enrolled")), nobody, NULL };

    /* The walk-in rows go with the signature, never the signature alone
     * onto a page. */
    kl_pdf_table_need (table, (MIN_WALK_IN_ROWS + 1) * SIGNATURE_ROW_HEIGHT + signature_height);
    kl_pdf_table_set_row_height (table, 0);
    kl_pdf_table_row (table, row, KL_PDF_ROW_SHADED);
    kl_pdf_table_set_row_height (table, SIGNATURE_ROW_HEIGHT);
  }
  for (guint i = 0; i < MAX_WALK_IN_ROWS; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", participants->len + i + 1);
      const char *row[] = { number, NULL, NULL, NULL };

      /* Past the first few, only while the signature still fits below. */
      if (i >= MIN_WALK_IN_ROWS && kl_pdf_remaining (pdf) < SIGNATURE_ROW_HEIGHT + signature_height)
        break;
      kl_pdf_table_row (table, row, KL_PDF_ROW_NORMAL);
    }

  kl_pdf_signatures (pdf, signatures);
  return g_steal_pointer (&pdf);
}

char *
kl_sheet_sign_in_file_name (KlDb   *db,
                            gint64  session_id,
                            KlLang  lang)
{
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlProgramme) programme = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if ((session = kl_store_get_session (db, session_id, NULL)) == NULL
      || (programme = kl_store_get_programme (db, session->programme_id, NULL)) == NULL)
    return NULL;
  date = g_strndup (session->starts_at, 10);
  /* TRANSLATORS: the start of a sign-in sheet's file name, one word */
  return kl_pdf_file_name (kl_export_gettext (lang, N_("Sign-in-sheet")), programme->title, date, NULL);
}
