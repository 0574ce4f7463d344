#include "config.h"

#include <stdio.h>

#include "kl-clock.h"

/* The local time zone, looked up again at most once a minute: GLib reads
 * /etc/localtime (a readlink and two stats) at every
 * g_time_zone_new_local, and the clock is read for every date a rule
 * needs (two thousand times in a list of a thousand programmes). */
GTimeZone *
kl_clock_local_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static gint64 looked_up;
  gint64 now = g_get_monotonic_time ();
  GTimeZone *result;

  g_mutex_lock (&lock);
  if (zone == NULL || now - looked_up > 60 * G_TIME_SPAN_SECOND)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      looked_up = now;
    }
  result = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);
  return result;
}

static GDateTime *
parse_now (const char *text)
{
  unsigned y, m, d, hh = 0, mm = 0, ss = 0;
  char tail;
  int n = sscanf (text, "%4u-%2u-%2uT%2u:%2u:%2u%c", &y, &m, &d, &hh, &mm, &ss, &tail);
  g_autoptr(GTimeZone) zone = NULL;

  if (n != 3 && n != 5 && n != 6)
    return NULL;
  zone = kl_clock_local_zone ();
  return g_date_time_new (zone, (int) y, (int) m, (int) d, (int) hh, (int) mm, ss);
}

/* Local time now, or what KARTLESER_NOW says it is. */
GDateTime *
kl_clock_now (void)
{
  static gsize told = 0;
  const char *fixed = g_getenv ("KARTLESER_NOW");
  GDateTime *now = fixed != NULL && *fixed != '\0' ? parse_now (fixed) : NULL;

  /* Said once: the clock is read for every date a rule needs. */
  if (fixed != NULL && *fixed != '\0' && now == NULL && g_once_init_enter (&told))
    {
      g_message ("KARTLESER_NOW=“%s” is not a local time like 2026-03-01T10:00; using the real time", fixed);
      g_once_init_leave (&told, 1);
    }
  if (now == NULL)
    {
      g_autoptr(GTimeZone) zone = kl_clock_local_zone ();

      now = g_date_time_new_now (zone);
    }
  return now;
}

/* "YYYY-MM-DDTHH:MM", as sessions store their times. */
char *
kl_clock_now_minutes (void)
{
  g_autoptr(GDateTime) now = kl_clock_now ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M");
}

/* "YYYY-MM-DD". */
char *
kl_clock_today (void)
{
  g_autoptr(GDateTime) now = kl_clock_now ();

  return g_date_time_format (now, "%Y-%m-%d");
}
