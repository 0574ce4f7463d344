#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kl-actions.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-hours.h"
#include "kl-labels.h"
#include "kl-message-row.h"
#include "kl-session-editor-private.h"
#include "kl-store.h"
#include "kl-validate.h"

/* The form of one session: its fields checked as they are typed, the
 * leaders, saving, deleting and undo. Whom it is for is
 * kl-session-editor-audience.c. */

G_DEFINE_FINAL_TYPE (KlSessionEditor, kl_session_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  KlDb *db;
  KlSession *session;  /* as it was, for an edit or a delete */
  gint64 id;           /* what was added, for an add */
} SessionUndo;

/* Helpers */

static void
session_undo_free (SessionUndo *undo)
{
  g_object_unref (undo->db);
  g_clear_pointer (&undo->session, kl_session_free);
  g_free (undo);
}

static gboolean
undo_add_cb (gpointer   data,
             GError   **error)
{
  SessionUndo *undo = data;

  return kl_store_delete_session (undo->db, undo->id, error);
}

static gboolean
undo_edit_cb (gpointer   data,
              GError   **error)
{
  SessionUndo *undo = data;

  return kl_store_update_session (undo->db, undo->session, error);
}

static gboolean
undo_delete_cb (gpointer   data,
                GError   **error)
{
  SessionUndo *undo = data;

  undo->session->id = 0;
  return kl_store_insert_session (undo->db, undo->session, error);
}

static SessionUndo *
session_undo_new (KlDb      *db,
                  KlSession *session,
                  gint64     id)
{
  SessionUndo *undo = g_new0 (SessionUndo, 1);

  undo->db = g_object_ref (db);
  undo->session = session;
  undo->id = id;
  return undo;
}

/* "9", "0900", "9.00" or "09:00" as "09:00"; NULL when it is no time. */
static char *
normalize_time (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  unsigned h = 0, m = 0;
  gsize len = strlen (s);
  gsize digits = strspn (s, "0123456789");

  if (len == 0)
    return NULL;
  if (digits == len && len <= 2)
    h = (unsigned) atoi (s);
  else if (digits == len && (len == 3 || len == 4))
    h = (unsigned) atoi (s) / 100, m = (unsigned) atoi (s) % 100;
  else if ((digits == 1 || digits == 2) && (s[digits] == ':' || s[digits] == '.')
           && strlen (s + digits + 1) == 2 && strspn (s + digits + 1, "0123456789") == 2)
    h = (unsigned) atoi (s), m = (unsigned) atoi (s + digits + 1);
  else
    return NULL;
  if (h > 23 || m > 59)
    return NULL;
  return g_strdup_printf ("%02u:%02u", h, m);
}

static gboolean
check_time (const char  *label,
            GtkEditable *field,
            char       **time,
            GError     **error)
{
  const char *text = gtk_editable_get_text (field);

  if (!kl_validate_required (label, text, error))
    return FALSE;
  *time = normalize_time (text);
  if (*time != NULL)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
               /* Translators: %s is the field, e.g. "Start" */
               _("%s: “%s” is not a time of day (write HH:MM)"), label, text);
  return FALSE;
}

static void
show_message (KlSessionEditor *self,
              KlMessageRow    *message,
              AdwEntryRow     *field,
              GError          *error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field));

  /* An empty field waits quietly until the user has typed something. */
  if (error != NULL && *text == '\0' && !self->typed)
    error = NULL;
  kl_message_row_set_message (message, GTK_WIDGET (field), error ? error->message : NULL);
}

static const char *
selected_kind (KlSessionEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < g_strv_length ((char **) kl_session_kinds) ? kl_session_kinds[selected] : NULL;
}

/* The session as the form has it, or NULL while some field is wrong; each
 * field's message is updated on the way. */
static KlSession *
read_form (KlSessionEditor *self)
{
  g_autoptr(KlSession) session = kl_session_new ();
  g_autoptr(GError) title_error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) start_error = NULL;
  g_autoptr(GError) end_error = NULL;
  g_autoptr(GError) hours_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  gboolean ok = TRUE;

  session->programme_id = self->programme_id;
  session->id = self->original ? self->original->id : 0;
  session->title = kl_form_entry_text (GTK_EDITABLE (self->title_row));
  session->kind = g_strdup (selected_kind (self));
  session->location = kl_form_entry_text (GTK_EDITABLE (self->location_row));

  ok &= kl_validate_required (_("Title"), session->title, &title_error);
  date = kl_form_date_get (GTK_EDITABLE (self->date_row), _("Date"), &date_error);
  if (date == NULL && date_error == NULL)
    kl_validate_required (_("Date"), NULL, &date_error);
  ok &= date != NULL;
  ok &= check_time (_("Start"), GTK_EDITABLE (self->start_row), &start, &start_error);
  ok &= check_time (_("End"), GTK_EDITABLE (self->end_row), &end, &end_error);
  ok &= kl_hours_parse (_("Planned hours"), gtk_editable_get_text (GTK_EDITABLE (self->hours_row)),
                        &session->planned_minutes, &hours_error);
  if (date_error == NULL && start != NULL && end != NULL)
    {
      session->starts_at = g_strdup_printf ("%sT%s", date, start);
      session->ends_at = g_strdup_printf ("%sT%s", date, end);
      ok &= kl_validate_order (_("start"), session->starts_at, _("End"), session->ends_at, &end_error);
    }
  show_message (self, self->title_message, self->title_row, title_error);
  show_message (self, self->date_message, self->date_row, date_error);
  show_message (self, self->start_message, self->start_row, start_error);
  show_message (self, self->end_message, self->end_row, end_error);
  show_message (self, self->hours_message, self->hours_row, hours_error);

  for (guint i = 0; i < self->leader_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->leader_checks, i)))
      g_array_append_val (session->leader_ids, g_array_index (self->consultant_ids, gint64, i));
  ok &= kl_session_editor_read_audience (self, session);

  /* What the fields cannot see on their own, the core still checks. */
  if (ok && !kl_session_validate (session, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      ok = FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  return ok ? g_steal_pointer (&session) : NULL;
}

void
kl_session_editor_validate (KlSessionEditor *self)
{
  g_autoptr(KlSession) session = read_form (self);

  g_clear_pointer (&self->warning, g_free);
  if (session != NULL)
    self->warning = kl_store_session_warning (self->db, session, NULL);
  gtk_label_set_text (self->warning_label, self->warning ? self->warning : "");
  gtk_widget_set_visible (self->warning_box, self->warning != NULL);
  self->valid = session != NULL;
  gtk_widget_set_sensitive (self->save_button, self->valid);
  gtk_widget_set_visible (self->notice_group, gtk_widget_get_visible (self->warning_box)
                                              || gtk_widget_get_visible (GTK_WIDGET (self->error_label)));
}

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* The consultants who may lead, one check each: those in leading (by id)
 * ticked. Filled again only when the consultants changed. */
static void
fill_leaders (KlSessionEditor *self,
              GArray          *leading)
{
  g_autoptr(GPtrArray) consultants = kl_store_list_consultants (self->db, NULL);
  gboolean same = consultants != NULL && consultants->len == self->consultant_ids->len;

  for (guint i = 0; same && i < consultants->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->leader_checks, i), ADW_TYPE_ACTION_ROW);
      KlConsultant *consultant = g_ptr_array_index (consultants, i);

      same = consultant->id == g_array_index (self->consultant_ids, gint64, i) && row != NULL
             && g_strcmp0 (consultant->name, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))) == 0;
    }
  if (same)
    return;
  for (guint i = 0; i < self->leader_checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->leader_checks, i), ADW_TYPE_ACTION_ROW);

      if (row != NULL)
        adw_preferences_group_remove (self->leaders_group, row);
    }
  g_ptr_array_set_size (self->leader_checks, 0);
  g_array_set_size (self->consultant_ids, 0);
  for (guint i = 0; consultants != NULL && i < consultants->len; i++)
    {
      KlConsultant *consultant = g_ptr_array_index (consultants, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), consultant->name);
      if (consultant->external)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("External speaker"));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), id_in (leading, consultant->id));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->leaders_group, row);
      g_array_append_val (self->consultant_ids, consultant->id);
      g_ptr_array_add (self->leader_checks, check);
    }
}

static void
add_leaders (KlSessionEditor *self,
             gint64           lead_id)
{
  g_autoptr(GArray) leading = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->original != NULL)
    g_array_append_vals (leading, self->original->leader_ids->data, self->original->leader_ids->len);
  else
    g_array_append_val (leading, lead_id);
  fill_leaders (self, leading);
}

/* A new session goes a week after the last one, or on the first day. */
static char *
suggest_date (KlSessionEditor *self,
              const char      *programme_start)
{
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (self->db, self->programme_id, NULL);
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *midnight = NULL;
  const KlSession *latest;

  if (sessions == NULL || sessions->len == 0)
    return g_strdup (programme_start);
  latest = g_ptr_array_index (sessions, sessions->len - 1);
  midnight = g_strdup_printf ("%.10sT00:00:00Z", latest->starts_at);
  last = g_date_time_new_from_iso8601 (midnight, NULL);
  if (last == NULL)
    return g_strdup (programme_start);
  next = g_date_time_add_days (last, 7);
  return g_date_time_format (next, "%Y-%m-%d");
}

static void
fill_form (KlSessionEditor *self)
{
  g_autoptr(KlProgramme) programme = kl_store_get_programme (self->db, self->programme_id, NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const KlSession *session = self->original;
  const char *kind = session ? session->kind : "fagsamling";

  for (guint i = 0; kl_session_kinds[i]; i++)
    gtk_string_list_append (kinds, kl_label (KL_LABELS_SESSION_KIND, kl_session_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  for (guint i = 0; kl_session_kinds[i]; i++)
    if (g_strcmp0 (kind, kl_session_kinds[i]) == 0)
      adw_combo_row_set_selected (self->kind_row, i);

  if (session != NULL)
    {
      g_autofree char *date = g_strndup (session->starts_at, 10);
      g_autofree char *hours = session->planned_minutes > 0 ? kl_form_format_hours (session->planned_minutes)
                                                            : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->title_row), session->title);
      gtk_editable_set_text (GTK_EDITABLE (self->location_row), session->location ? session->location : "");
      kl_form_date_set (GTK_EDITABLE (self->date_row), date);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), session->starts_at + 11);
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), session->ends_at + 11);
      gtk_editable_set_text (GTK_EDITABLE (self->hours_row), hours);
      adw_window_title_set_title (self->window_title, _("Edit Session"));
      adw_window_title_set_subtitle (self->window_title, programme ? programme->title : NULL);
    }
  else
    {
      g_autofree char *date = suggest_date (self, programme ? programme->start_date : NULL);

      kl_form_date_set (GTK_EDITABLE (self->date_row), date);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), "09:00");
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), "15:00");
      adw_window_title_set_title (self->window_title, _("New Session"));
      adw_window_title_set_subtitle (self->window_title, programme ? programme->title : NULL);
    }
  add_leaders (self, programme ? programme->lead_id : 0);
  kl_session_editor_fill_audience (self);
}

/* Signal callbacks */

/* A consultant, participant or workplace added meanwhile (in the main
 * window, another window or program) can be chosen without reopening the
 * form; what is chosen stays chosen, and a form left as it was still
 * counts as unchanged. */
static void
reload_choices (KlSessionEditor *self)
{
  g_autoptr(GArray) leading = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean changed = kl_form_has_changes (GTK_WINDOW (self));

  if (self->db == NULL || self->filling)
    return;
  for (guint i = 0; i < self->leader_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->leader_checks, i)))
      g_array_append_val (leading, g_array_index (self->consultant_ids, gint64, i));
  self->filling = TRUE;
  fill_leaders (self, leading);
  kl_session_editor_fill_audience (self);
  self->filling = FALSE;
  kl_session_editor_validate (self);
  if (!changed)
    kl_form_mark_unchanged (GTK_WINDOW (self));
}

static void
on_active_changed_cb (KlSessionEditor *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    reload_choices (self);
}

static void
on_field_changed_cb (KlSessionEditor *self,
                     GtkEditable     *field)
{
  if (self->filling)
    return;
  self->typed = TRUE;
  kl_session_editor_validate (self);
}

static void
on_kind_changed_cb (KlSessionEditor *self)
{
  if (!self->filling)
    kl_session_editor_validate (self);
}

static void
on_audience_changed_cb (KlSessionEditor *self)
{
  if (!self->filling)
    kl_session_editor_validate (self);
}

static void
on_save_clicked_cb (KlSessionEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!kl_session_editor_save (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_visible (self->notice_group, TRUE);
    }
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       KlContext        *context)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "session-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  /* The undo toast goes from the dialog to the window it is transient for. */
  if (!kl_session_editor_delete (context, GTK_WINDOW (dialog), id, &error))
    {
      /* Refused (marks are evidence): say why, in the store's words. */
      GtkWidget *refusal = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                                   _("The Session Cannot Be Deleted"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (refusal), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (refusal));
    }
}

/* Overrides */

static void
kl_session_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlSessionEditor *self = KL_SESSION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_session_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlSessionEditor *self = KL_SESSION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_session_editor_dispose (GObject *object)
{
  KlSessionEditor *self = KL_SESSION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_SESSION_EDITOR);
  g_clear_object (&self->db);
  g_clear_pointer (&self->original, kl_session_free);
  g_clear_pointer (&self->consultant_ids, g_array_unref);
  g_clear_pointer (&self->leader_checks, g_ptr_array_unref);
  g_clear_pointer (&self->enrolled, g_ptr_array_unref);
  g_clear_pointer (&self->named_checks, g_ptr_array_unref);
  g_clear_pointer (&self->workplace_ids, g_array_unref);
  g_clear_pointer (&self->parents, g_hash_table_unref);
  g_clear_pointer (&self->warning, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kl_session_editor_parent_class)->dispose (object);
}

static void
kl_session_editor_class_init (KlSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_session_editor_dispose;
  object_class->get_property = kl_session_editor_get_property;
  object_class->set_property = kl_session_editor_set_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, KL_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KL_TYPE_MESSAGE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, notice_group);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, warning_box);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, warning_label);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, title_message);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, date_message);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, start_message);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, end_message);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, hours_message);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, audience_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, workplace_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, audience_message);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, named_group);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, leaders_group);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_audience_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_session_editor_init (KlSessionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->consultant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->leader_checks = g_ptr_array_new ();
  self->named_checks = g_ptr_array_new ();
  self->workplace_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  kl_form_date_row_setup (self->date_row);
  kl_form_guard_discard (GTK_WINDOW (self));
}

/* Public API */

KlSessionEditor *
kl_session_editor_new (KlContext *context,
                       GtkWindow *parent,
                       gint64     programme_id,
                       gint64     session_id)
{
  KlSessionEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  self = g_object_new (KL_TYPE_SESSION_EDITOR, "context", context, "transient-for", parent, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  self->programme_id = programme_id;
  if (session_id > 0)
    {
      self->original = kl_store_get_session (self->db, session_id, &error);
      if (self->original == NULL)
        g_warning ("%s", error->message);
    }
  self->filling = TRUE;
  fill_form (self);
  self->filling = FALSE;
  g_signal_connect_object (self->db, "changed", G_CALLBACK (reload_choices), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), NULL);
  kl_session_editor_validate (self);
  /* Typing straight away goes in the title, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
  return self;
}

/* title, location, date, start, end or hours. */
GtkEditable *
kl_session_editor_get_field (KlSessionEditor *self,
                             const char      *name)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), NULL);

  if (g_str_equal (name, "title"))
    return GTK_EDITABLE (self->title_row);
  if (g_str_equal (name, "location"))
    return GTK_EDITABLE (self->location_row);
  if (g_str_equal (name, "date"))
    return GTK_EDITABLE (self->date_row);
  if (g_str_equal (name, "start"))
    return GTK_EDITABLE (self->start_row);
  if (g_str_equal (name, "end"))
    return GTK_EDITABLE (self->end_row);
  if (g_str_equal (name, "hours"))
    return GTK_EDITABLE (self->hours_row);
  g_return_val_if_reached (NULL);
}

/* What is said under a field ("" when nothing): title, date, start, end,
 * hours, or audience (whom the session is for). */
const char *
kl_session_editor_get_message (KlSessionEditor *self,
                               const char      *name)
{
  KlMessageRow *rows[] = { self->title_message, self->date_message, self->start_message,
                           self->end_message, self->hours_message, self->audience_message };
  const char *names[] = { "title", "date", "start", "end", "hours", "audience" };

  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return kl_message_row_get_message (rows[i]);
  g_return_val_if_reached (NULL);
}

void
kl_session_editor_set_leader (KlSessionEditor *self,
                              gint64           consultant_id,
                              gboolean         leads)
{
  g_return_if_fail (KL_IS_SESSION_EDITOR (self));

  for (guint i = 0; i < self->consultant_ids->len; i++)
    if (g_array_index (self->consultant_ids, gint64, i) == consultant_id)
      gtk_check_button_set_active (g_ptr_array_index (self->leader_checks, i), leads);
}

gboolean
kl_session_editor_can_save (KlSessionEditor *self)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), FALSE);
  return self->valid;
}

/* The out-of-period warning: worth a word, but no reason not to save. */
const char *
kl_session_editor_get_warning (KlSessionEditor *self)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), NULL);
  return self->warning;
}

/* Saves, records the undo step and closes the form. */
gboolean
kl_session_editor_save (KlSessionEditor  *self,
                        GError          **error)
{
  g_autoptr(KlSession) session = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), FALSE);

  session = read_form (self);
  if (session == NULL)
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Some fields need attention"));
      return FALSE;
    }
  if (self->original == NULL)
    {
      if (!kl_store_insert_session (self->db, session, error))
        return FALSE;
      self->saved_id = session->id;
      /* Translators: an undoable step */
      label = g_strdup_printf (_("Session “%s” added"), session->title);
      kl_actions_push_undo (GTK_WIDGET (self), kl_context_get_undo (self->context), label, undo_add_cb,
                            session_undo_new (self->db, NULL, session->id), (GDestroyNotify) session_undo_free);
    }
  else
    {
      if (!kl_store_update_session (self->db, session, error))
        return FALSE;
      self->saved_id = session->id;
      /* Translators: an undoable step */
      label = g_strdup_printf (_("Session “%s” changed"), session->title);
      kl_actions_push_undo (GTK_WIDGET (self), kl_context_get_undo (self->context), label, undo_edit_cb,
                            session_undo_new (self->db, g_steal_pointer (&self->original), 0),
                            (GDestroyNotify) session_undo_free);
    }
  kl_form_close_saved (GTK_WINDOW (self));
  return TRUE;
}

gint64
kl_session_editor_get_session_id (KlSessionEditor *self)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), 0);
  return self->saved_id;
}

/* Asks first; a refusal from the store is shown as it is. */
void
kl_session_editor_confirm_delete (KlContext *context,
                                  GtkWindow *parent,
                                  gint64     session_id)
{
  g_autoptr(KlSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_return_if_fail (KL_IS_CONTEXT (context));

  session = kl_store_get_session (kl_context_get_db (context), session_id, &error);
  if (session == NULL)
    {
      kl_actions_toast (GTK_WIDGET (parent), error->message);
      return;
    }
  heading = g_strdup_printf (_("Delete “%s”?"), session->title);
  dialog = adw_message_dialog_new (parent, heading,
                                   _("The session goes from the programme. You can undo this."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "session-id", g_memdup2 (&session_id, sizeof session_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "context", g_object_ref (context), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), context);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deletes without asking and offers undo, which inserts it again. */
gboolean
kl_session_editor_delete (KlContext  *context,
                          GtkWindow  *parent,
                          gint64      session_id,
                          GError    **error)
{
  KlDb *db;
  g_autoptr(KlSession) session = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), FALSE);

  db = kl_context_get_db (context);
  session = kl_store_get_session (db, session_id, error);
  if (session == NULL || !kl_store_delete_session (db, session_id, error))
    return FALSE;
  /* Translators: an undoable step */
  label = g_strdup_printf (_("Session “%s” deleted"), session->title);
  kl_actions_push_undo (GTK_WIDGET (parent), kl_context_get_undo (context), label, undo_delete_cb,
                        session_undo_new (db, g_steal_pointer (&session), 0), (GDestroyNotify) session_undo_free);
  return TRUE;
}
