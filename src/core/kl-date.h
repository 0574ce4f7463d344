#pragma once

#include <glib.h>

#include "kl-money.h"

G_BEGIN_DECLS

/* Dates as people type them, and as they read them.
 *
 * Storage is ISO 8601 ("2027-09-01"); people write 1.9.2027, 01.09.27 or
 * just 1.9. for a day this year. The parser takes those forms, and
 * 1/9-2027 as written by hand, and gives the ISO date or an error that
 * names the field and the forms it takes. */

/* `text` (surrounding blanks ignored) as "YYYY-MM-DD", or NULL with an
 * error. `today` ("YYYY-MM-DD", or NULL for kl_today()) gives the year of
 * a date written without one. An empty text is an error: the caller
 * decides whether a field may be left empty. */
char *kl_date_parse           (const char  *label,
                               const char  *text,
                               const char  *today,
                               GError     **error);
/* A date as above, a space or "T", and a time as 9:00, 09:00 or 09.00:
 * "YYYY-MM-DDTHH:MM", as sessions store their times. */
char *kl_date_parse_datetime  (const char  *label,
                               const char  *text,
                               const char  *today,
                               GError     **error);
/* "2027-09-01" for a reader: "1. sep. 2027" (Norwegian), "1 Sep 2027"
 * (English); a text that is no ISO date comes back as it is. */
char *kl_date_format          (const char  *iso_date,
                               KlLang       lang);

/* The same with the month written out, for documents people keep:
 * "1. september 2027", "1 September 2027". */
char *kl_date_format_long     (const char  *iso_date,
                               KlLang       lang);

G_END_DECLS
