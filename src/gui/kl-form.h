#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Small helpers under the one form framework (KlEditorWindow and
 * KlFieldSet) and the views that show the same figures: hours and shares
 * as people read them, date rows, "Discard Changes?", rows to tick,
 * figure cards, whole names in a combo row's list. What a field says is
 * wrong is KlFieldSet's. */

/* 390 minutes as "6.5", 400 as "6:40". */
char      *kl_form_format_hours    (int           minutes);
/* 0.8 as "80%"; below 0 ("nothing to count yet") as a dash. */
char      *kl_form_format_percent  (double        share);
/* Local time as sessions store it, "YYYY-MM-DDTHH:MM". */
/* The text of a field, stripped; NULL when empty. */
char      *kl_form_entry_text      (GtkEditable  *editable);
/* "2026-09-02, 3.9.2026, 4.9." as sorted YYYY-MM-DD days without
 * repeats; NULL for an empty text. */
gboolean   kl_form_parse_dates     (const char   *label,
                                    const char   *text,
                                    char       ***dates,
                                    GError      **error);
/* Date fields take what kl_date_parse takes (1.9.2027, 01.09.27, 1.9.,
 * 2027-09-01) and show stored dates as 1.9.2027. */
/* A calendar button for the suffix of a date field. */
GtkWidget *kl_form_date_button_new (GtkEditable  *target);
/* The understood date ("ons. 1. sep. 2027") and the calendar as suffixes. */
void       kl_form_date_row_setup  (AdwEntryRow  *row);
/* "YYYY-MM-DD"; NULL with an error when no date, without one when empty. */
char      *kl_form_date_get        (GtkEditable  *editable,
                                    const char   *label,
                                    GError      **error);
void       kl_form_date_set        (GtkEditable  *editable,
                                    const char   *iso);
char      *kl_form_date_to_text    (const char   *iso);
/* With the weekday, in the reader's language; NULL for no ISO date. */
char      *kl_form_date_describe   (const char   *iso);

/* Closing a form with changes asks "Discard Changes?" first. */
void              kl_form_guard_discard        (GtkWindow *window);
gboolean          kl_form_has_changes          (GtkWindow *window);
void              kl_form_mark_unchanged       (GtkWindow *window);
void              kl_form_close_saved          (GtkWindow *window);
AdwMessageDialog *kl_form_get_discard_question (GtkWindow *window);

/* A row to tick, its check in front: clicking the row ticks it. The
 * title is shown as it is (a name, never markup); the subtitle may be
 * NULL. Returns the row; check is its check. */
GtkWidget        *kl_form_check_row_new        (const char      *title,
                                                const char      *subtitle,
                                                gboolean         active,
                                                GtkCheckButton **check);

/* A figure as a card: what it is, the amount in large digits, and a line
 * under it that wraps. Returns the card; note_label, when not NULL, is
 * that line. */
GtkWidget        *kl_form_figure_card_new      (const char      *title,
                                                const char      *amount,
                                                const char      *note,
                                                GtkLabel       **note_label);

/* The list of a combo row with each name whole. */
void              kl_form_combo_row_show_whole_names (AdwComboRow *row);
/* The drop-down's search box, its placeholder in the reader's language. */
GtkEditable      *kl_form_drop_down_translate_search (GtkDropDown *dropdown);

G_END_DECLS
