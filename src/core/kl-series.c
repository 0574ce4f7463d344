#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kl-error.h"
#include "kl-holidays.h"
#include "kl-i18n.h"
#include "kl-date.h"
#include "kl-series.h"
#include "kl-store.h"
#include "kl-validate.h"

const char *const kl_weekday_keys[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };

/* Translators: weekdays, abbreviated, as in a list of dates and on the
 * seven toggle buttons of the series dialog */
static const char *const weekday_abbreviations[] = {
  N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
};

/* What --weekdays takes besides the keys: English and Norwegian names
 * and their first three letters, in any case. */
static const char *const weekday_names[][3] = {
  { "monday", "mandag", "man" },
  { "tuesday", "tirsdag", "tir" },
  { "wednesday", "onsdag", "ons" },
  { "thursday", "torsdag", "tor" },
  { "friday", "fredag", "fre" },
  { "saturday", "lørdag", "lør" },
  { "sunday", "søndag", "søn" },
};

/* Helpers */

static gboolean
to_date (const char *label,
         const char *text,
         GDate      *date,
         GError    **error)
{
  g_autofree char *iso = NULL;
  unsigned y, m, d;

  /* As people write them: 1.9.2027, 1.9. or 2027-09-01. */
  if (!kl_validate_required (label, text, error) || (iso = kl_date_parse (label, text, NULL, error)) == NULL)
    return FALSE;
  sscanf (iso, "%4u-%2u-%2u", &y, &m, &d);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* "9:00" or "09:00" as minutes after midnight. */
static gboolean
to_minutes (const char *label,
            const char *text,
            int        *minutes,
            GError    **error)
{
  unsigned h, m;
  char tail;
  gsize len = text ? strlen (text) : 0;

  if (!kl_validate_required (label, text, error))
    return FALSE;
  if ((len == 4 || len == 5) && text[len - 3] == ':'
      && strspn (text, "0123456789:") == len
      && sscanf (text, "%2u:%2u%c", &h, &m, &tail) == 2 && h < 24 && m < 60)
    {
      *minutes = (int) (h * 60 + m);
      return TRUE;
    }
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
               /* Translators: %s is the field, e.g. "Start time" */
               _("%s: “%s” is not a time of day (write HH:MM)"), label, text);
  return FALSE;
}

static char *
iso_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Planning and inserting both refuse a series this long. */
static void
set_too_many (GError **error)
{
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
               _("The series would have more than %d sessions: shorten the period, choose fewer "
                 "weekdays or a longer interval"), KL_SERIES_MAX_SESSIONS);
}

/* Every check a form needs to show, in the order of the form. */
static gboolean
check_spec (const KlSeriesSpec *spec,
            GDate              *from,
            GDate              *until,
            int                *start,
            int                *end,
            GError            **error)
{
  char from_iso[16];
  char until_iso[16];

  if (!kl_validate_required (_("Title"), spec->title, error)
      || !to_date (_("From"), spec->from, from, error)
      || !to_date (_("Until"), spec->until, until, error))
    return FALSE;
  /* Compared as dates, whichever way they were written. */
  g_date_strftime (from_iso, sizeof from_iso, "%Y-%m-%d", from);
  g_date_strftime (until_iso, sizeof until_iso, "%Y-%m-%d", until);
  if (!kl_validate_order (_("from date"), from_iso, _("Until"), until_iso, error))
    return FALSE;
  if ((spec->weekdays & KL_WEEKDAYS_ALL) == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("Weekdays: choose at least one day"));
      return FALSE;
    }
  if (spec->every < 1 || spec->every > KL_SERIES_MAX_EVERY)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Every: %d is not a number of weeks from 1 to %d"), spec->every, KL_SERIES_MAX_EVERY);
      return FALSE;
    }
  if (!to_minutes (_("Start time"), spec->start_time, start, error)
      || !to_minutes (_("End time"), spec->end_time, end, error))
    return FALSE;
  if (*end <= *start)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DATE_ORDER, _("End time: %02d:%02d is not after the start time %02d:%02d"),
                   *end / 60, *end % 60, *start / 60, *start % 60);
      return FALSE;
    }
  return TRUE;
}

/* Public API */

KlSeriesSpec *
kl_series_spec_new (void)
{
  KlSeriesSpec *spec = g_new0 (KlSeriesSpec, 1);

  spec->every = 1;
  return spec;
}

void
kl_series_spec_free (KlSeriesSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->from);
  g_free (spec->until);
  g_free (spec->start_time);
  g_free (spec->end_time);
  g_free (spec->title);
  g_free (spec);
}

void
kl_planned_session_free (KlPlannedSession *planned)
{
  if (planned == NULL)
    return;
  g_free (planned->date);
  g_free (planned->starts_at);
  g_free (planned->ends_at);
  g_free (planned->title);
  g_free (planned->holiday);
  g_free (planned);
}

/* "Thu" in English, "tor" in Norwegian. */
const char *
kl_weekday_abbreviation (GDateWeekday weekday)
{
  g_return_val_if_fail (g_date_valid_weekday (weekday), "");
  return _(weekday_abbreviations[weekday - 1]);
}

/* "mon,thu" (or "Monday, torsdag") as a mask of KL_WEEKDAY_BIT()s. */
gboolean
kl_series_parse_weekdays (const char  *text,
                          guint       *weekdays,
                          GError     **error)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", ", ", -1);
  guint mask = 0;

  g_return_val_if_fail (weekdays != NULL, FALSE);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_strdown (words[i], -1);
      gboolean known = FALSE;

      if (*word == '\0')
        continue;
      for (guint d = 0; d < 7 && !known; d++)
        if (g_str_equal (word, kl_weekday_keys[d]) || g_str_equal (word, weekday_names[d][0])
            || g_str_equal (word, weekday_names[d][1]) || g_str_equal (word, weekday_names[d][2]))
          {
            mask |= 1u << d;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                       _("Weekdays: “%s” is not a day of the week (write e.g. mon,thu)"), words[i]);
          return FALSE;
        }
    }
  if (mask == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("Weekdays: choose at least one day"));
      return FALSE;
    }
  *weekdays = mask;
  return TRUE;
}

/* "09:00-15:00" (a dash or an en dash between) as "09:00" and "15:00". */
gboolean
kl_series_parse_time_range (const char  *text,
                            char       **start_time,
                            char       **end_time,
                            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  const char *dash = strstr (copy, "–");
  gsize dash_len = 3;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int s, e;

  if (dash == NULL)
    dash = strchr (copy, '-'), dash_len = 1;
  if (dash == NULL)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
                   _("Time: “%s” is not a time range (write HH:MM-HH:MM, e.g. 09:00-15:00)"), copy);
      return FALSE;
    }
  start = g_strstrip (g_strndup (copy, (gsize) (dash - copy)));
  end = g_strstrip (g_strdup (dash + dash_len));
  if (!to_minutes (_("Start time"), start, &s, error) || !to_minutes (_("End time"), end, &e, error))
    return FALSE;
  if (e <= s)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DATE_ORDER, _("End time: %02d:%02d is not after the start time %02d:%02d"),
                   e / 60, e % 60, s / 60, s % 60);
      return FALSE;
    }
  *start_time = g_strdup_printf ("%02d:%02d", s / 60, s % 60);
  *end_time = g_strdup_printf ("%02d:%02d", e / 60, e % 60);
  return TRUE;
}

/* The days of the series (KlPlannedSession), skipped ones included, or
 * NULL with the first thing wrong with the spec. Weeks run Monday to
 * Sunday; "every 2 weeks" means the week of from, the week after next,
 * and so on. Skipped holidays take no number. */
GPtrArray *
kl_series_plan (const KlSeriesSpec  *spec,
                GError             **error)
{
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *stem = NULL;
  GDate from, until, day, first_monday;
  int start, end;
  guint number, planned = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!check_spec (spec, &from, &until, &start, &end, error))
    return NULL;

  plan = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_planned_session_free);
  stem = g_strstrip (g_strdup (spec->title));
  number = spec->first_number > 0 ? spec->first_number : 1;
  first_monday = from;
  g_date_subtract_days (&first_monday, g_date_get_weekday (&from) - G_DATE_MONDAY);
  for (day = from; g_date_compare (&day, &until) <= 0; g_date_add_days (&day, 1))
    {
      GDateWeekday weekday = g_date_get_weekday (&day);
      guint week = (guint) g_date_days_between (&first_monday, &day) / 7;
      KlPlannedSession *session;
      g_autofree char *date = NULL;

      if ((spec->weekdays & KL_WEEKDAY_BIT (weekday)) == 0 || week % (guint) spec->every != 0)
        continue;
      date = iso_date (&day);
      session = g_new0 (KlPlannedSession, 1);
      session->weekday = weekday;
      session->holiday = kl_holiday_name (&day);
      session->skipped = spec->skip_holidays && session->holiday != NULL;
      session->starts_at = g_strdup_printf ("%sT%02d:%02d", date, start / 60, start % 60);
      session->ends_at = g_strdup_printf ("%sT%02d:%02d", date, end / 60, end % 60);
      if (!session->skipped)
        {
          session->title = g_strdup_printf ("%s %u", stem, number++);
          planned++;
        }
      session->date = g_steal_pointer (&date);
      g_ptr_array_add (plan, session);
      if (planned > KL_SERIES_MAX_SESSIONS)
        {
          set_too_many (error);
          return NULL;
        }
    }
  if (planned == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   plan->len == 0 ? _("The series is empty: none of the chosen weekdays falls from %s to %s")
                                  : _("The series is empty: every day of it from %s to %s is a public holiday"),
                   spec->from, spec->until);
      return NULL;
    }
  return g_steal_pointer (&plan);
}

/* The sessions a plan makes, without the skipped days. */
guint
kl_series_count_planned (GPtrArray *plan)
{
  guint n = 0;

  for (guint i = 0; plan != NULL && i < plan->len; i++)
    n += !((KlPlannedSession *) g_ptr_array_index (plan, i))->skipped;
  return n;
}

/* Where the numbering of a new series goes on: one more than the highest
 * "<title> N" the programme has ("Samling 8" gives 9), else 1. Other
 * sessions (a kick-off, a conference) do not count: they are not part of
 * the numbered row. */
guint
kl_store_series_next_number (KlDb        *db,
                             gint64       programme_id,
                             const char  *title,
                             GError     **error)
{
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (db, programme_id, error);
  g_autofree char *stem = g_strstrip (g_strdup (title ? title : ""));
  guint64 highest = 0;

  if (sessions == NULL)
    return 0;
  for (guint i = 0; i < sessions->len; i++)
    {
      const KlSession *session = g_ptr_array_index (sessions, i);
      const char *rest;
      guint64 n;

      if (!g_str_has_prefix (session->title, stem) || session->title[strlen (stem)] != ' ')
        continue;
      rest = session->title + strlen (stem) + 1;
      if (g_ascii_string_to_unsigned (rest, 10, 1, G_MAXUINT, &n, NULL) && n > highest)
        highest = n;
    }
  return (guint) highest + 1;
}

/* Inserts the planned sessions that are not skipped, each a copy of the
 * pattern (programme, kind, location, leaders, planned hours) with the
 * plan's title and times, all or none. Returns their ids. */
GArray *
kl_store_insert_series (KlDb             *db,
                        const KlSession  *pattern,
                        GPtrArray        *plan,
                        GError          **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (pattern != NULL && plan != NULL, NULL);

  if (kl_series_count_planned (plan) > KL_SERIES_MAX_SESSIONS)
    {
      set_too_many (error);
      return NULL;
    }
  tx = kl_db_begin (db, error);
  if (tx == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < plan->len; i++)
    {
      const KlPlannedSession *planned = g_ptr_array_index (plan, i);
      g_autoptr(KlSession) session = kl_session_new ();

      if (planned->skipped)
        continue;
      session->programme_id = pattern->programme_id;
      session->kind = g_strdup (pattern->kind ? pattern->kind : "fagsamling");
      session->location = g_strdup (pattern->location);
      session->planned_minutes = pattern->planned_minutes;
      g_array_append_vals (session->leader_ids, pattern->leader_ids->data, pattern->leader_ids->len);
      session->title = g_strdup (planned->title);
      session->starts_at = g_strdup (planned->starts_at);
      session->ends_at = g_strdup (planned->ends_at);
      if (!kl_store_insert_session (db, session, error))
        {
          /* Translators: which session of a series failed, e.g. "“Samling 3” (2026-02-05): " */
          g_prefix_error (error, _("“%s” (%s): "), planned->title ? planned->title : "", planned->date);
          return NULL;
        }
      g_array_append_val (ids, session->id);
    }
  if (!kl_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* Deletes the sessions all or none (undoing a series): one with
 * attendance marks or costs stops it, and says why. */
gboolean
kl_store_delete_sessions (KlDb    *db,
                          GArray  *ids,
                          GError **error)
{
  g_autoptr(KlTransaction) tx = NULL;

  g_return_val_if_fail (KL_IS_DB (db), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  tx = kl_db_begin (db, error);
  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!kl_store_delete_session (db, g_array_index (ids, gint64, i), error))
      return FALSE;
  return kl_transaction_commit (tx, error);
}
