#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Norwegian public holidays (the helligdager and the two høytidsdager,
 * 1 and 17 May): the fixed ones and those that move with Easter. Other
 * Sundays are not listed; Easter Sunday and Whit Sunday are, as they have
 * names of their own. */

#define KL_HOLIDAY_MIN_YEAR 1583    /* the first full year of the Gregorian calendar */
#define KL_HOLIDAY_MAX_YEAR 9999

typedef struct
{
  GDate date;
  const char *name;        /* English msgid; show it through kl_holiday_label() */
  const char *norwegian;   /* the Norwegian name, never translated */
} KlHoliday;

void     kl_easter_sunday     (guint            year,
                               GDate           *date);
GArray  *kl_holidays_for_year (guint            year);
char    *kl_holiday_label     (const KlHoliday *holiday);
char    *kl_holiday_name      (const GDate     *date);
char    *kl_holiday_name_iso  (const char      *iso_date);

G_END_DECLS
