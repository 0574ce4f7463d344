#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-csv.h"
#include "kl-csv-export.h"
#include "kl-export.h"
#include "kl-store.h"

/* Helpers */

static char *
mark_text (const KlAttendanceGrid *grid,
           gsize                   index,
           KlLang                  lang)
{
  g_autofree char *hours = NULL;

  if (grid->expected[index] == KL_CELL_NOT_ENROLLED)
    return g_strdup (kl_export_gettext (lang, N_("Not enrolled")));
  if (grid->expected[index] == KL_CELL_NOT_IN_AUDIENCE)
    /* Translators: a CSV cell: the session is for another workplace or other people */
    return g_strdup (kl_export_gettext (lang, N_("Not expected")));
  switch (grid->marks[index])
    {
    case 'P': return g_strdup (kl_export_gettext (lang, "Present"));
    case 'A': return g_strdup (kl_export_gettext (lang, "Absent"));
    case 'E': return g_strdup (kl_export_gettext (lang, "Excused"));
    case 'H':
      hours = kl_export_format_hours (grid->minutes[index], 2, lang);
      /* Translators: partial attendance in a CSV cell, "Partly present (2.5 h)" */
      return g_strdup_printf (kl_export_gettext (lang, N_("%s (%s h)")),
                              kl_export_gettext (lang, "Partly present"), hours);
    default:  return g_strdup ("");
    }
}

/* Public API */

GBytes *
kl_csv_export_participants (KlDb    *db,
                            gint64   programme_id,
                            KlLang   lang,
                            GError **error)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GHashTable) workplaces = NULL;
  g_autoptr(KlCsvWriter) writer = NULL;
  static const char *const headers[] = { N_("Name"), N_("E-mail"), N_("Phone"), N_("Role"), N_("Workplace") };

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  if (programme_id > 0)
    {
      g_autoptr(KlProgramme) programme = kl_store_get_programme (db, programme_id, error);

      if (programme == NULL)
        return NULL;
    }
  participants = kl_store_list_participants (db, programme_id, error);
  if (participants == NULL || (workplaces = kl_export_client_names (db, error)) == NULL)
    return NULL;

  writer = kl_csv_writer_new ();
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    kl_csv_writer_add (writer, kl_export_gettext (lang, headers[i]));
  kl_csv_writer_end_row (writer);
  for (guint i = 0; i < participants->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (participants, i);

      kl_csv_writer_add (writer, participant->name);
      kl_csv_writer_add (writer, participant->email);
      kl_csv_writer_add (writer, participant->phone);
      kl_csv_writer_add (writer, participant->role);
      kl_csv_writer_add (writer, g_hash_table_lookup (workplaces, &participant->workplace_id));
      kl_csv_writer_end_row (writer);
    }
  return kl_csv_writer_finish (writer);
}

/* Participants by sessions, with each one's rate over the sessions that
 * count so far (now: "YYYY-MM-DDTHH:MM", NULL for the present). */
GBytes *
kl_csv_export_attendance (KlDb        *db,
                          gint64       programme_id,
                          KlLang       lang,
                          const char  *now,
                          GError     **error)
{
  g_autoptr(KlProgramme) programme = NULL;
  g_autoptr(KlAttendanceGrid) grid = NULL;
  g_autoptr(GHashTable) workplaces = NULL;
  g_autoptr(KlCsvWriter) writer = NULL;
  guint n_sessions;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  programme = kl_store_get_programme (db, programme_id, error);
  if (programme == NULL
      || (grid = kl_store_load_grid (db, programme_id, error)) == NULL
      || (workplaces = kl_export_client_names (db, error)) == NULL)
    return NULL;
  n_sessions = grid->sessions->len;

  writer = kl_csv_writer_new ();
  kl_csv_writer_add (writer, kl_export_gettext (lang, "Name"));
  kl_csv_writer_add (writer, kl_export_gettext (lang, "Workplace"));
  for (guint c = 0; c < n_sessions; c++)
    {
      KlSession *session = g_ptr_array_index (grid->sessions, c);
      g_autofree char *day = g_strndup (session->starts_at, 10);
      g_autofree char *date = kl_export_format_date (day, lang);
      g_autofree char *heading = g_strdup_printf ("%s %s", date, session->title);

      kl_csv_writer_add (writer, heading);
    }
  kl_csv_writer_add (writer, kl_export_gettext (lang, "Attendance"));
  kl_csv_writer_end_row (writer);

  for (guint r = 0; r < grid->participants->len; r++)
    {
      KlParticipant *participant = g_ptr_array_index (grid->participants, r);
      g_autofree char *percent = kl_export_format_rate (kl_attendance_grid_rate (grid, (int) r, -1, now), lang);

      kl_csv_writer_add (writer, participant->name);
      kl_csv_writer_add (writer, g_hash_table_lookup (workplaces, &participant->workplace_id));
      for (guint c = 0; c < n_sessions; c++)
        {
          g_autofree char *mark = mark_text (grid, (gsize) r * n_sessions + c, lang);

          kl_csv_writer_add (writer, mark);
        }
      kl_csv_writer_add (writer, percent);
      kl_csv_writer_end_row (writer);
    }
  return kl_csv_writer_finish (writer);
}

/* Whole or not at all, through a temporary file. */
gboolean
kl_csv_export_write (GBytes      *csv,
                     const char  *path,
                     GError     **error)
{
  gsize length;
  const void *data;

  g_return_val_if_fail (csv != NULL, FALSE);

  data = g_bytes_get_data (csv, &length);
  return kl_export_write_file (path, data, length, error);
}

/* "a@x.no; b@y.no": plain addresses with semicolons paste into Outlook's
 * To field (what the public sector uses) and into webmail alike, and no
 * name with a comma or æøå needs quoting. Each address once. */
char *
kl_csv_export_email_list (KlDb    *db,
                          gint64   programme_id,
                          guint   *n_without,
                          GError **error)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint without = 0;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  participants = kl_store_list_participants (db, programme_id, error);
  if (participants == NULL)
    return NULL;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < participants->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (participants, i);
      g_autofree char *key = NULL;

      if (participant->email == NULL || *participant->email == '\0')
        {
          without++;
          continue;
        }
      key = g_ascii_strdown (participant->email, -1);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, participant->email);
    }
  if (n_without != NULL)
    *n_without = without;
  return g_string_free (g_steal_pointer (&text), FALSE);
}
