#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Small helpers shared by the forms of the programme view and its editors
 * (sessions, costs, funding, attendance). */

/* 390 minutes as "6.5", 400 as "6:40". */
char      *kl_form_format_hours    (int           minutes);
/* 0.8 as "80%"; below 0 ("nothing to count yet") as a dash. */
char      *kl_form_format_percent  (double        share);
/* Local time as sessions store it, "YYYY-MM-DDTHH:MM". */
/* The text of a field, stripped; NULL when empty. */
char      *kl_form_entry_text      (GtkEditable  *editable);
/* "2026-09-02, 3.9.2026" as sorted YYYY-MM-DD days without repeats;
 * NULL for an empty text. */
gboolean   kl_form_parse_dates     (const char   *label,
                                    const char   *text,
                                    char       ***dates,
                                    GError      **error);
/* A calendar button for the suffix of a YYYY-MM-DD field. */
GtkWidget *kl_form_date_button_new (GtkEditable  *target);

G_END_DECLS
