#pragma once

#include <adwaita.h>

#include "kl-labels.h"

G_BEGIN_DECLS

#define KL_TYPE_FIELD_SET (kl_field_set_get_type ())

G_DECLARE_FINAL_TYPE (KlFieldSet, kl_field_set, KL, FIELD_SET, GObject)

/* The shape of the core's field validators (kl_validate_orgnr and friends):
 * the label names the field in the message. */
typedef gboolean (*KlFieldCheck) (const char  *label,
                                  const char  *value,
                                  GError     **error);

/* The fields of a form, each validated as it changes with its message in a
 * row right under it. Values are text: entries hold what was typed, label
 * combos the stored identifier ("skole"), record choices the id ("" for
 * none), switches "true" or "false".
 *
 * "changed" is emitted after each round of validation and before the
 * messages are shown: handlers may add errors that involve several fields
 * (kl_field_set_set_error) and refresh what depends on the values.
 * "submit" is emitted for Enter in the last entry; Enter in another entry
 * moves on to the next field. */
KlFieldSet *kl_field_set_new             (void);

void        kl_field_set_add_entry       (KlFieldSet   *self,
                                          const char   *key,
                                          AdwEntryRow  *row,
                                          KlFieldCheck  check,
                                          gboolean      required);
void        kl_field_set_add_date        (KlFieldSet   *self,
                                          const char   *key,
                                          AdwEntryRow  *row,
                                          gboolean      required);
void        kl_field_set_add_text_view   (KlFieldSet   *self,
                                          const char   *key,
                                          GtkTextView  *view);
void        kl_field_set_add_labels      (KlFieldSet   *self,
                                          const char   *key,
                                          AdwComboRow  *row,
                                          KlLabels      set);
void        kl_field_set_add_choice      (KlFieldSet   *self,
                                          const char   *key,
                                          AdwActionRow *row,
                                          GtkDropDown  *dropdown,
                                          gboolean      required);
void        kl_field_set_set_choices     (KlFieldSet   *self,
                                          const char   *key,
                                          const char   *none_label,
                                          GArray       *ids,
                                          GPtrArray    *names);
void        kl_field_set_add_switch      (KlFieldSet   *self,
                                          const char   *key,
                                          AdwActionRow *row,
                                          GtkSwitch    *widget);
/* A row whose value its form reads itself (a choice of its own making):
 * it only carries the messages "changed" handlers set on it. */
void        kl_field_set_add_row         (KlFieldSet   *self,
                                          const char   *key,
                                          GtkWidget    *row);
/* A message at the end of a group, for what is about all of it (a step
 * that was refused); set with kl_field_set_set_error like any other. */
void        kl_field_set_add_group_message (KlFieldSet        *self,
                                          const char          *key,
                                          AdwPreferencesGroup *group);
/* What messages call the field when it is not the row's title
 * ("Start" for a row titled "Starts (HH:MM)"). */
void        kl_field_set_set_label       (KlFieldSet   *self,
                                          const char   *key,
                                          const char   *label);

void        kl_field_set_set_value       (KlFieldSet   *self,
                                          const char   *key,
                                          const char   *value);
void        kl_field_set_set_id          (KlFieldSet   *self,
                                          const char   *key,
                                          gint64        id);
char       *kl_field_set_get_value       (KlFieldSet   *self,
                                          const char   *key);
char       *kl_field_set_get_text        (KlFieldSet   *self,
                                          const char   *key);
gint64      kl_field_set_get_id          (KlFieldSet   *self,
                                          const char   *key);
gboolean    kl_field_set_get_active      (KlFieldSet   *self,
                                          const char   *key);
GtkWidget  *kl_field_set_get_widget      (KlFieldSet   *self,
                                          const char   *key);
GtkWidget  *kl_field_set_get_first_widget (KlFieldSet  *self);

void        kl_field_set_set_error       (KlFieldSet   *self,
                                          const char   *key,
                                          const char   *message);
/* The same, for what counts against saving but waits to be said until
 * the user has typed something (an empty new form). */
void        kl_field_set_set_pending_error (KlFieldSet *self,
                                          const char   *key,
                                          const char   *message);
const char *kl_field_set_get_error       (KlFieldSet   *self,
                                          const char   *key);
const char *kl_field_set_get_first_error (KlFieldSet   *self);
gboolean    kl_field_set_is_valid        (KlFieldSet   *self);
gboolean    kl_field_set_is_dirty        (KlFieldSet   *self);
void        kl_field_set_reset           (KlFieldSet   *self);
void        kl_field_set_validate        (KlFieldSet   *self);

gboolean    kl_field_set_check_amount    (const char   *label,
                                          const char   *value,
                                          GError      **error);
gint64      kl_field_set_parse_amount    (const char   *value);

G_END_DECLS
