#include "config.h"

/* The one form framework's fields: every kind the editors and the funding
 * steps use (entries, dates, labels, record choices, switches, rows and
 * groups that only carry messages) in one place, which takes it a little
 * over 800 lines. */

#include "kl-date.h"
#include "kl-field-set.h"
#include "kl-form.h"
#include "kl-money.h"
#include "kl-validate.h"

typedef enum
{
  FIELD_ENTRY,
  FIELD_TEXT_VIEW,
  FIELD_LABELS,
  FIELD_CHOICE,
  FIELD_SWITCH,
  FIELD_ROW,
} FieldType;

typedef struct
{
  KlFieldSet *set;
  char *key;
  FieldType type;
  GtkWidget *row;          /* takes the error look; NULL for text views */
  GObject *control;        /* what emits the changes */
  GtkWidget *widget;       /* what is on screen: the row, or the text view */
  KlFieldCheck check;
  gboolean required;
  gboolean date;           /* typed as people write dates, stored ISO */
  KlLabels labels;
  char *label;             /* for messages, when not the row's title */
  GArray *ids;             /* choices: the id at each position, 0 for none */
  GtkWidget *message_row;   /* under the field's row, hidden while all is well */
  GtkLabel *message_label;
  char *message;           /* what is wrong, or NULL */
  gboolean shown;          /* a required field says so only once touched */
  gboolean touched;
} Field;

struct _KlFieldSet
{
  GObject parent_instance;

  GPtrArray *fields;
  gboolean valid;
  gboolean dirty;
};

G_DEFINE_FINAL_TYPE (KlFieldSet, kl_field_set, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_SUBMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
check_date (const char  *label,
            const char  *value,
            GError     **error)
{
  g_autofree char *iso = kl_date_parse (label, value, NULL, error);

  return iso != NULL;
}

static void
field_free (Field *field)
{
  g_signal_handlers_disconnect_by_data (field->control, field);
  if (field->row != NULL)
    g_signal_handlers_disconnect_by_data (field->row, field);
  g_clear_object (&field->control);
  g_clear_object (&field->row);
  g_clear_object (&field->widget);
  g_clear_pointer (&field->ids, g_array_unref);
  g_free (field->message);
  g_free (field->label);
  g_free (field->key);
  g_free (field);
}

static Field *
find_field (KlFieldSet *self,
            const char *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->key, key))
        return field;
    }
  g_critical ("The form has no field “%s”", key);
  return NULL;
}

static const char *
field_label (Field *field)
{
  if (field->label != NULL)
    return field->label;
  return field->row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field->row)) : field->key;
}

static char *
field_value (Field *field)
{
  guint selected;

  switch (field->type)
    {
    case FIELD_ENTRY:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->control)));
    case FIELD_TEXT_VIEW:
      {
        GtkTextBuffer *buffer = GTK_TEXT_BUFFER (field->control);
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      }
    case FIELD_LABELS:
      selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->control));
      if (selected >= g_strv_length ((char **) kl_label_values (field->labels)))
        return g_strdup ("");
      return g_strdup (kl_label_values (field->labels)[selected]);
    case FIELD_CHOICE:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->control));
      if (field->ids == NULL || selected >= field->ids->len || g_array_index (field->ids, gint64, selected) == 0)
        return g_strdup ("");
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (field->ids, gint64, selected));
    case FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->control)) ? "true" : "false");
    case FIELD_ROW:
      return g_strdup ("");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
select_id (Field  *field,
           gint64  id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; field->ids != NULL && i < field->ids->len; i++)
    if (g_array_index (field->ids, gint64, i) == id)
      {
        position = i;
        break;
      }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field->control), position);
}

static void
show_messages (KlFieldSet *self)
{
  gboolean valid = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      gboolean show = field->message != NULL && field->shown;

      if (field->message != NULL)
        valid = FALSE;
      if (field->message_row != NULL)
        {
          gtk_label_set_text (field->message_label, show ? field->message : "");
          gtk_widget_set_visible (field->message_row, show);
        }
      if (field->row != NULL && show)
        gtk_widget_add_css_class (field->row, "error");
      else if (field->row != NULL)
        gtk_widget_remove_css_class (field->row, "error");
      if (field->row != NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_STATE_INVALID,
                                     show ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
    }
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

/* A message of a check that involves several fields; the field's own
 * message, if it has one, stays. */
static void
set_message (KlFieldSet *self,
             const char *key,
             const char *message,
             gboolean    shown)
{
  Field *field = find_field (self, key);

  if (field == NULL || field->message != NULL || message == NULL)
    return;
  field->message = g_strdup (message);
  field->shown = shown;
  show_messages (self);
}

static Field *
add_field (KlFieldSet *self,
           const char *key,
           FieldType   type,
           GtkWidget  *row,
           gpointer    control)
{
  Field *field = g_new0 (Field, 1);
  GtkWidget *list;

  field->set = self;
  field->key = g_strdup (key);
  field->type = type;
  field->row = row ? g_object_ref (row) : NULL;
  field->control = g_object_ref (control);
  field->widget = g_object_ref (row ? row : control);
  g_ptr_array_add (self->fields, field);

  /* The message goes in a row of its own right under the field's: an
   * AdwPreferencesRow, as a preferences group wants all its rows to be. */
  list = row ? gtk_widget_get_parent (row) : NULL;
  if ((GTK_IS_LIST_BOX (list) && GTK_IS_LIST_BOX_ROW (row)) || ADW_IS_PREFERENCES_GROUP (control))
    {
      field->message_row = adw_preferences_row_new ();
      field->message_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (field->message_label, TRUE);
      gtk_label_set_xalign (field->message_label, 0);
      gtk_widget_set_margin_start (GTK_WIDGET (field->message_label), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (field->message_label), 12);
      gtk_widget_set_margin_top (GTK_WIDGET (field->message_label), 6);
      gtk_widget_set_margin_bottom (GTK_WIDGET (field->message_label), 6);
      gtk_widget_add_css_class (GTK_WIDGET (field->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (field->message_label), "caption");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->message_row), GTK_WIDGET (field->message_label));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->message_row), FALSE);
      gtk_widget_set_focusable (field->message_row, FALSE);
      gtk_widget_set_visible (field->message_row, FALSE);
      if (row == NULL)
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (control), field->message_row);
          return field;
        }
      gtk_list_box_insert (GTK_LIST_BOX (list), field->message_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      field->message_label, NULL, -1);
    }
  return field;
}

static gboolean
is_last_entry (KlFieldSet *self,
               Field      *field)
{
  for (guint i = self->fields->len; i > 0; i--)
    {
      Field *other = g_ptr_array_index (self->fields, i - 1);

      if (other->type == FIELD_ENTRY)
        return other == field;
    }
  return FALSE;
}

/* Signal callbacks */

static void
on_field_changed_cb (Field *field)
{
  field->touched = TRUE;
  field->set->dirty = TRUE;
  kl_field_set_validate (field->set);
}

static void
on_entry_activated_cb (Field *field)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (field->row));

  if (is_last_entry (field->set, field))
    g_signal_emit (field->set, signals[SIGNAL_SUBMIT], 0);
  else if (root != NULL)
    gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD);
}

/* Overrides */

static void
kl_field_set_dispose (GObject *object)
{
  KlFieldSet *self = KL_FIELD_SET (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (kl_field_set_parent_class)->dispose (object);
}

static void
kl_field_set_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KlFieldSet *self = KL_FIELD_SET (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_field_set_class_init (KlFieldSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_field_set_dispose;
  object_class->get_property = kl_field_set_get_property;

  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kl_field_set_init (KlFieldSet *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->valid = TRUE;
}

/* Public API */

KlFieldSet *
kl_field_set_new (void)
{
  return g_object_new (KL_TYPE_FIELD_SET, NULL);
}

/* The row must already be in its group: the message row goes in after it. */
void
kl_field_set_add_entry (KlFieldSet   *self,
                        const char   *key,
                        AdwEntryRow  *row,
                        KlFieldCheck  check,
                        gboolean      required)
{
  Field *field;

  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  field = add_field (self, key, FIELD_ENTRY, GTK_WIDGET (row), row);
  field->check = check;
  field->required = required;
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), field);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), field);
}

/* A date field: takes 1.9.2027, 01.09.27, 1.9. and ISO, shows the date it
 * understood and a calendar; kl_field_set_get_text gives "YYYY-MM-DD"
 * and kl_field_set_set_value takes it. */
void
kl_field_set_add_date (KlFieldSet  *self,
                       const char  *key,
                       AdwEntryRow *row,
                       gboolean     required)
{
  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  kl_form_date_row_setup (row);
  kl_field_set_add_entry (self, key, row, check_date, required);
  ((Field *) g_ptr_array_index (self->fields, self->fields->len - 1))->date = TRUE;
}

void
kl_field_set_add_text_view (KlFieldSet  *self,
                            const char  *key,
                            GtkTextView *view)
{
  GtkTextBuffer *buffer;
  Field *field;

  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  buffer = gtk_text_view_get_buffer (view);
  field = add_field (self, key, FIELD_TEXT_VIEW, NULL, buffer);
  g_set_object (&field->widget, GTK_WIDGET (view));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_field_changed_cb), field);
}

/* A fixed list of the model's identifiers, shown by their labels. */
void
kl_field_set_add_labels (KlFieldSet  *self,
                         const char  *key,
                         AdwComboRow *row,
                         KlLabels     set)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *const *values = kl_label_values (set);
  Field *field;

  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  for (guint i = 0; values[i]; i++)
    gtk_string_list_append (labels, kl_label (set, values[i]));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  field = add_field (self, key, FIELD_LABELS, GTK_WIDGET (row), row);
  field->labels = set;
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_field_changed_cb), field);
}

/* One of the records of the database, picked by name; the choices come
 * with kl_field_set_set_choices. */
void
kl_field_set_add_choice (KlFieldSet   *self,
                         const char   *key,
                         AdwActionRow *row,
                         GtkDropDown  *dropdown,
                         gboolean      required)
{
  Field *field;
  g_autoptr(GtkExpression) expression = NULL;

  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  /* Searching needs to know the text of an item. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  kl_form_drop_down_translate_search (dropdown);
  field = add_field (self, key, FIELD_CHOICE, GTK_WIDGET (row), dropdown);
  field->required = required;
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_field_changed_cb), field);
}

/* none_label, when given, comes first and stands for no record (id 0).
 * The choice made stays when it is still among the new ones. */
void
kl_field_set_set_choices (KlFieldSet *self,
                          const char *key,
                          const char *none_label,
                          GArray     *ids,
                          GPtrArray  *names)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  Field *field;
  gint64 current;

  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (ids->len == names->len);

  field = find_field (self, key);
  if (field == NULL || field->type != FIELD_CHOICE)
    return;
  current = kl_field_set_get_id (self, key);
  g_clear_pointer (&field->ids, g_array_unref);
  field->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (none_label != NULL)
    {
      gint64 none = 0;

      g_array_append_val (field->ids, none);
      gtk_string_list_append (strings, none_label);
    }
  g_array_append_vals (field->ids, ids->data, ids->len);
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (strings, g_ptr_array_index (names, i));

  g_signal_handlers_block_by_func (field->control, on_field_changed_cb, field);
  gtk_drop_down_set_model (GTK_DROP_DOWN (field->control), G_LIST_MODEL (strings));
  select_id (field, current);
  g_signal_handlers_unblock_by_func (field->control, on_field_changed_cb, field);
  kl_field_set_validate (self);
}

void
kl_field_set_add_switch (KlFieldSet   *self,
                         const char   *key,
                         AdwActionRow *row,
                         GtkSwitch    *widget)
{
  Field *field;

  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (GTK_IS_SWITCH (widget));

  field = add_field (self, key, FIELD_SWITCH, GTK_WIDGET (row), widget);
  g_signal_connect_swapped (widget, "notify::active", G_CALLBACK (on_field_changed_cb), field);
}

void
kl_field_set_add_row (KlFieldSet *self,
                      const char *key,
                      GtkWidget  *row)
{
  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (GTK_IS_WIDGET (row));

  add_field (self, key, FIELD_ROW, row, row);
}

void
kl_field_set_add_group_message (KlFieldSet          *self,
                                const char          *key,
                                AdwPreferencesGroup *group)
{
  g_return_if_fail (KL_IS_FIELD_SET (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  add_field (self, key, FIELD_ROW, NULL, group);
}

void
kl_field_set_set_label (KlFieldSet *self,
                        const char *key,
                        const char *label)
{
  Field *field;

  g_return_if_fail (KL_IS_FIELD_SET (self));

  field = find_field (self, key);
  if (field == NULL)
    return;
  g_free (field->label);
  field->label = g_strdup (label);
}

/* As if the user had typed or picked it. */
void
kl_field_set_set_value (KlFieldSet *self,
                        const char *key,
                        const char *value)
{
  Field *field;

  g_return_if_fail (KL_IS_FIELD_SET (self));

  field = find_field (self, key);
  if (field == NULL)
    return;
  switch (field->type)
    {
    case FIELD_ENTRY:
      if (field->date)
        kl_form_date_set (GTK_EDITABLE (field->control), value);
      else
        gtk_editable_set_text (GTK_EDITABLE (field->control), value ? value : "");
      break;
    case FIELD_TEXT_VIEW:
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (field->control), value ? value : "", -1);
      break;
    case FIELD_LABELS:
      {
        const char *const *values = kl_label_values (field->labels);
        guint position = 0;

        for (guint i = 0; values[i]; i++)
          if (g_strcmp0 (values[i], value) == 0)
            position = i;
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->control), position);
      }
      break;
    case FIELD_CHOICE:
      select_id (field, value && *value ? g_ascii_strtoll (value, NULL, 10) : 0);
      break;
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->control), g_strcmp0 (value, "true") == 0);
      break;
    case FIELD_ROW:
      break;
    default:
      g_return_if_reached ();
    }
  /* Setting what is already there emits nothing: still counts as touched. */
  field->touched = TRUE;
  kl_field_set_validate (self);
}

void
kl_field_set_set_id (KlFieldSet *self,
                     const char *key,
                     gint64      id)
{
  g_autofree char *text = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");

  kl_field_set_set_value (self, key, text);
}

/* The value as it is, unstripped. */
char *
kl_field_set_get_value (KlFieldSet *self,
                        const char *key)
{
  Field *field;

  g_return_val_if_fail (KL_IS_FIELD_SET (self), NULL);

  field = find_field (self, key);
  return field ? field_value (field) : NULL;
}

/* Stripped, and NULL when empty, as the model keeps unset text; a date
 * as "YYYY-MM-DD" (NULL while it is no date). */
char *
kl_field_set_get_text (KlFieldSet *self,
                       const char *key)
{
  g_autofree char *value = kl_field_set_get_value (self, key);
  Field *field = find_field (self, key);

  if (value == NULL)
    return NULL;
  g_strstrip (value);
  if (*value == '\0')
    return NULL;
  if (field != NULL && field->date)
    return kl_date_parse ("", value, NULL, NULL);
  return g_steal_pointer (&value);
}

gint64
kl_field_set_get_id (KlFieldSet *self,
                     const char *key)
{
  g_autofree char *value = kl_field_set_get_value (self, key);

  return value && *value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

gboolean
kl_field_set_get_active (KlFieldSet *self,
                         const char *key)
{
  g_autofree char *value = kl_field_set_get_value (self, key);

  return g_strcmp0 (value, "true") == 0;
}

GtkWidget *
kl_field_set_get_widget (KlFieldSet *self,
                         const char *key)
{
  Field *field;

  g_return_val_if_fail (KL_IS_FIELD_SET (self), NULL);

  field = find_field (self, key);
  return field ? field->widget : NULL;
}

/* What a form focuses when it opens. */
GtkWidget *
kl_field_set_get_first_widget (KlFieldSet *self)
{
  g_return_val_if_fail (KL_IS_FIELD_SET (self), NULL);

  return self->fields->len > 0 ? ((Field *) g_ptr_array_index (self->fields, 0))->widget : NULL;
}

/* For checks that involve several fields, from a "changed" handler: the
 * field's own message, if it has one, goes first. */
void
kl_field_set_set_error (KlFieldSet *self,
                        const char *key,
                        const char *message)
{
  g_return_if_fail (KL_IS_FIELD_SET (self));
  set_message (self, key, message, TRUE);
}

void
kl_field_set_set_pending_error (KlFieldSet *self,
                                const char *key,
                                const char *message)
{
  g_return_if_fail (KL_IS_FIELD_SET (self));
  set_message (self, key, message, FALSE);
}

/* The message shown under the field, or NULL. */
const char *
kl_field_set_get_error (KlFieldSet *self,
                        const char *key)
{
  Field *field;

  g_return_val_if_fail (KL_IS_FIELD_SET (self), NULL);

  field = find_field (self, key);
  return field != NULL && field->shown ? field->message : NULL;
}

/* The first thing wrong, shown or not yet. */
const char *
kl_field_set_get_first_error (KlFieldSet *self)
{
  g_return_val_if_fail (KL_IS_FIELD_SET (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->message != NULL)
        return field->message;
    }
  return NULL;
}

gboolean
kl_field_set_is_valid (KlFieldSet *self)
{
  g_return_val_if_fail (KL_IS_FIELD_SET (self), FALSE);
  return self->valid;
}

/* Whether anything changed since the last reset. */
gboolean
kl_field_set_is_dirty (KlFieldSet *self)
{
  g_return_val_if_fail (KL_IS_FIELD_SET (self), FALSE);
  return self->dirty;
}

/* After loading a record: nothing typed yet, nothing changed. */
void
kl_field_set_reset (KlFieldSet *self)
{
  g_return_if_fail (KL_IS_FIELD_SET (self));

  for (guint i = 0; i < self->fields->len; i++)
    ((Field *) g_ptr_array_index (self->fields, i))->touched = FALSE;
  kl_field_set_validate (self);
  self->dirty = FALSE;
}

void
kl_field_set_validate (KlFieldSet *self)
{
  g_return_if_fail (KL_IS_FIELD_SET (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *value = field_value (field);
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&field->message, g_free);
      field->shown = TRUE;
      if (field->type == FIELD_TEXT_VIEW || field->type == FIELD_SWITCH || field->type == FIELD_ROW)
        continue;
      g_strstrip (value);
      if (field->required && *value == '\0')
        {
          kl_validate_required (field_label (field), value, &error);
          /* An empty form does not greet anyone with errors. */
          field->shown = field->touched;
        }
      else if (field->check != NULL && *value != '\0')
        field->check (field_label (field), value, &error);
      if (error != NULL)
        field->message = g_strdup (error->message);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  show_messages (self);
}

/* Kroner as people type them; empty is allowed (no amount). */
gboolean
kl_field_set_check_amount (const char  *label,
                           const char  *value,
                           GError     **error)
{
  g_autoptr(GError) local = NULL;
  gint64 ore;

  if (value == NULL || *value == '\0')
    return TRUE;
  if (!kl_money_parse (value, &ore, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", label, local->message);
      return FALSE;
    }
  return kl_validate_amount (label, ore, error);
}

/* 0 for an empty or unreadable amount: check it first. */
gint64
kl_field_set_parse_amount (const char *value)
{
  gint64 ore = 0;

  if (value == NULL || !kl_money_parse (value, &ore, NULL))
    return 0;
  return ore;
}
