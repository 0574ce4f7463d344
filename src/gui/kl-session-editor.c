#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kl-actions.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-hours.h"
#include "kl-labels.h"
#include "kl-question.h"
#include "kl-record-undo.h"
#include "kl-session-editor-private.h"
#include "kl-store.h"
#include "kl-validate.h"

/* The form of one session, a KlEditorWindow like the record editors: its
 * fields checked as they are typed (a KlFieldSet), the leaders, saving,
 * deleting and undo. Whom it is for is kl-session-editor-audience.c. */

G_DEFINE_FINAL_TYPE (KlSessionEditor, kl_session_editor, KL_TYPE_EDITOR_WINDOW)

/* Helpers */

/* For the undo steps of a save or a delete. */
static const KlRecordStore session_store = {
  .get = (KlRecordGetFunc) kl_store_get_session,
  .insert = (KlRecordWriteFunc) kl_store_insert_session,
  .update = (KlRecordWriteFunc) kl_store_update_session,
  .delete = kl_store_delete_session,
  .free = (GDestroyNotify) kl_session_free,
  .id_offset = G_STRUCT_OFFSET (KlSession, id),
  .version_offset = G_STRUCT_OFFSET (KlSession, version),
  .name_offset = G_STRUCT_OFFSET (KlSession, title),
};

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
            const char  *value,
            GError     **error)
{
  g_autofree char *time = normalize_time (value);

  if (time != NULL)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
               /* Translators: %s is the field, e.g. "Start" */
               _("%s: “%s” is not a time of day (write HH:MM)"), label, value);
  return FALSE;
}

static gboolean
check_hours (const char  *label,
             const char  *value,
             GError     **error)
{
  int minutes;

  return kl_hours_parse (label, value, &minutes, error);
}

/* The session as the form has it, or NULL while some field is wrong.
 * With show, what involves several fields (the order of start and end,
 * whom it is for, the core's own checks) is said under the field it
 * concerns. */
static KlSession *
read_form (KlSessionEditor *self,
           gboolean         show)
{
  g_autoptr(KlSession) session = kl_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date = kl_field_set_get_text (self->fields, "date");
  g_autofree char *start_text = kl_field_set_get_value (self->fields, "start");
  g_autofree char *end_text = kl_field_set_get_value (self->fields, "end");
  g_autofree char *hours = kl_field_set_get_value (self->fields, "hours");
  g_autofree char *start = normalize_time (start_text);
  g_autofree char *end = normalize_time (end_text);
  g_autofree char *problem = NULL;
  gboolean ok = kl_field_set_get_first_error (self->fields) == NULL;

  session->programme_id = self->programme_id;
  session->id = self->original ? self->original->id : 0;
  session->title = kl_field_set_get_text (self->fields, "title");
  session->kind = kl_field_set_get_text (self->fields, "kind");
  session->location = kl_field_set_get_text (self->fields, "location");
  kl_hours_parse (_("Planned hours"), hours, &session->planned_minutes, NULL);
  if (date != NULL && start != NULL && end != NULL)
    {
      session->starts_at = g_strdup_printf ("%sT%s", date, start);
      session->ends_at = g_strdup_printf ("%sT%s", date, end);
      if (!kl_validate_order (_("start"), session->starts_at, _("End"), session->ends_at, &error))
        {
          if (show)
            kl_field_set_set_error (self->fields, "end", error->message);
          g_clear_error (&error);
          ok = FALSE;
        }
    }

  for (guint i = 0; i < self->leader_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->leader_checks, i)))
      g_array_append_val (session->leader_ids, g_array_index (self->consultant_ids, gint64, i));
  problem = kl_session_editor_read_audience (self, session);
  if (problem != NULL)
    {
      if (show)
        kl_field_set_set_error (self->fields, "audience", problem);
      ok = FALSE;
    }

  /* What the fields cannot see on their own (planned hours longer than a
   * day), the core still checks. */
  if (ok && !kl_session_validate (session, &error))
    {
      if (show)
        kl_field_set_set_error (self->fields, "hours", error->message);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&session) : NULL;
}

/* After the fields' own checks: what involves several, and the
 * out-of-period warning. */
static void
on_fields_changed_cb (KlSessionEditor *self)
{
  g_autoptr(KlSession) session = NULL;

  if (self->db == NULL || self->enrolled == NULL)
    return;
  session = read_form (self, TRUE);
  g_clear_pointer (&self->warning, g_free);
  if (session != NULL)
    self->warning = kl_store_session_warning (self->db, session, NULL);
  gtk_label_set_text (self->warning_label, self->warning ? self->warning : "");
  gtk_widget_set_visible (self->warning_box, self->warning != NULL);
  gtk_widget_set_visible (self->notice_group, self->warning != NULL);
}

void
kl_session_editor_validate (KlSessionEditor *self)
{
  if (!self->filling && self->fields != NULL)
    kl_field_set_validate (self->fields);
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
      GtkCheckButton *check;
      GtkWidget *row = kl_form_check_row_new (consultant->name, consultant->external ? _("External speaker") : NULL,
                                              id_in (leading, consultant->id), &check);

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
  const KlSession *session = self->original;

  kl_field_set_set_value (self->fields, "kind", session ? session->kind : "fagsamling");
  if (session != NULL)
    {
      g_autofree char *date = g_strndup (session->starts_at, 10);
      g_autofree char *hours = session->planned_minutes > 0 ? kl_form_format_hours (session->planned_minutes)
                                                            : g_strdup ("");

      kl_field_set_set_value (self->fields, "title", session->title);
      kl_field_set_set_value (self->fields, "location", session->location);
      kl_field_set_set_value (self->fields, "date", date);
      kl_field_set_set_value (self->fields, "start", session->starts_at + 11);
      kl_field_set_set_value (self->fields, "end", session->ends_at + 11);
      kl_field_set_set_value (self->fields, "hours", hours);
    }
  else
    {
      g_autofree char *date = suggest_date (self, programme ? programme->start_date : NULL);

      kl_field_set_set_value (self->fields, "date", date);
      kl_field_set_set_value (self->fields, "start", "09:00");
      kl_field_set_set_value (self->fields, "end", "15:00");
    }
  kl_editor_window_set_subtitle (KL_EDITOR_WINDOW (self), programme ? programme->title : NULL);
  add_leaders (self, programme ? programme->lead_id : 0);
  kl_session_editor_fill_audience (self);
}

/* The form as the original has it, or as for a new session, at the version
 * loaded, and nothing in it changed yet. */
static void
show_original (KlSessionEditor *self)
{
  if (self->original != NULL)
    kl_editor_window_set_version (KL_EDITOR_WINDOW (self), self->original->version);
  self->filling = TRUE;
  fill_form (self);
  self->filling = FALSE;
  kl_field_set_reset (self->fields);
}

/* Signal callbacks */

/* A consultant, participant or workplace added meanwhile (in the main
 * window, another window or program) can be chosen without reopening the
 * form; what is chosen stays chosen, and a form left as it was still
 * counts as unchanged. */
static void
kl_session_editor_reload_choices (KlEditorWindow *editor)
{
  KlSessionEditor *self = KL_SESSION_EDITOR (editor);
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
on_audience_changed_cb (KlSessionEditor *self)
{
  kl_session_editor_validate (self);
}

/* Overrides */

/* Writes the session and records the undo step; the window closes. */
static gboolean
kl_session_editor_save_record (KlEditorWindow  *editor,
                               gint64          *id,
                               GError         **error)
{
  KlSessionEditor *self = KL_SESSION_EDITOR (editor);
  g_autoptr(KlSession) session = read_form (self, FALSE);
  g_autofree char *label = NULL;

  if (session == NULL)
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Some fields need attention"));
      return FALSE;
    }
  if (self->original == NULL)
    /* Translators: an undoable step */
    label = g_strdup_printf (_("Session “%s” added"), session->title);
  else
    /* Translators: an undoable step */
    label = g_strdup_printf (_("Session “%s” changed"), session->title);
  if (!kl_editor_window_write_undoable (editor, &session_store, session, (gpointer *) &self->original, label, error))
    return FALSE;
  self->saved_id = session->id;
  *id = session->id;
  return TRUE;
}

/* Reload after a conflict: the form as the session is stored now. */
static gboolean
kl_session_editor_load (KlEditorWindow  *editor,
                        GError         **error)
{
  KlSessionEditor *self = KL_SESSION_EDITOR (editor);
  KlSession *session = kl_store_get_session (self->db, kl_editor_window_get_id (editor), error);

  if (session == NULL)
    return FALSE;
  g_clear_pointer (&self->original, kl_session_free);
  self->original = session;
  show_original (self);
  return TRUE;
}

static gboolean
kl_session_editor_delete_record (KlEditorWindow  *editor,
                                 GError         **error)
{
  return kl_session_editor_delete (kl_editor_window_get_context (editor), GTK_WINDOW (editor),
                                   kl_editor_window_get_id (editor), error);
}

static void
kl_session_editor_dispose (GObject *object)
{
  KlSessionEditor *self = KL_SESSION_EDITOR (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->original, kl_session_free);
  g_clear_pointer (&self->consultant_ids, g_array_unref);
  g_clear_pointer (&self->leader_checks, g_ptr_array_unref);
  g_clear_pointer (&self->enrolled, g_ptr_array_unref);
  g_clear_pointer (&self->named_checks, g_ptr_array_unref);
  g_clear_pointer (&self->workplace_ids, g_array_unref);
  g_clear_pointer (&self->parents, g_hash_table_unref);
  g_clear_pointer (&self->warning, g_free);
  self->fields = NULL;

  G_OBJECT_CLASS (kl_session_editor_parent_class)->dispose (object);
}

static void
kl_session_editor_class_init (KlSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorWindowClass *editor_class = KL_EDITOR_WINDOW_CLASS (klass);

  object_class->dispose = kl_session_editor_dispose;

  editor_class->new_title = N_("New Session");
  editor_class->edit_title = N_("Edit Session");
  editor_class->delete_heading = N_("Delete Session?");
  editor_class->save = kl_session_editor_save_record;
  editor_class->delete_record = kl_session_editor_delete_record;
  editor_class->entity = "session";
  editor_class->conflict_heading = N_("%s changed this session at %s while you were editing");
  editor_class->load = kl_session_editor_load;
  editor_class->reload_choices = kl_session_editor_reload_choices;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, notice_group);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, warning_box);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, warning_label);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, audience_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, workplace_row);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, named_group);
  gtk_widget_class_bind_template_child (widget_class, KlSessionEditor, leaders_group);
  gtk_widget_class_bind_template_callback (widget_class, on_audience_changed_cb);
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

  /* The window keeps the set; the fields go in the order they are shown,
   * the first one taking the focus when the form opens. */
  self->fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  kl_field_set_add_entry (self->fields, "title", self->title_row, NULL, TRUE);
  kl_field_set_add_labels (self->fields, "kind", self->kind_row, KL_LABELS_SESSION_KIND);
  kl_field_set_add_entry (self->fields, "location", self->location_row, NULL, FALSE);
  kl_field_set_add_date (self->fields, "date", self->date_row, TRUE);
  kl_field_set_add_entry (self->fields, "start", self->start_row, check_time, TRUE);
  kl_field_set_set_label (self->fields, "start", _("Start"));
  kl_field_set_add_entry (self->fields, "end", self->end_row, check_time, TRUE);
  kl_field_set_set_label (self->fields, "end", _("End"));
  kl_field_set_add_entry (self->fields, "hours", self->hours_row, check_hours, FALSE);
  kl_field_set_add_row (self->fields, "audience", GTK_WIDGET (self->audience_row));
  g_signal_connect_object (self->fields, "changed", G_CALLBACK (on_fields_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

KlSessionEditor *
kl_session_editor_new (KlContext *context,
                       GtkWindow *parent,
                       gint64     programme_id,
                       gint64     session_id)
{
  KlSessionEditor *self;
  KlEditorWindow *editor;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  self = g_object_new (KL_TYPE_SESSION_EDITOR, "context", context, "transient-for", parent, NULL);
  editor = KL_EDITOR_WINDOW (self);
  self->db = g_object_ref (kl_context_get_db (context));
  self->programme_id = programme_id;
  if (session_id > 0)
    {
      self->original = kl_store_get_session (self->db, session_id, &error);
      if (self->original == NULL)
        g_warning ("%s", error->message);
    }
  kl_editor_window_setup (editor, self->original ? session_id : 0, self->original ? self->original->title : NULL);
  kl_editor_window_set_reveal_saved (editor, FALSE);
  show_original (self);
  return self;
}

/* title, location, date, start, end or hours. */
GtkEditable *
kl_session_editor_get_field (KlSessionEditor *self,
                             const char      *name)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), NULL);
  g_return_val_if_fail (!g_str_equal (name, "audience"), NULL);

  return GTK_EDITABLE (kl_field_set_get_widget (self->fields, name));
}

/* What is said under a field ("" when nothing): title, date, start, end,
 * hours, or audience (whom the session is for). */
const char *
kl_session_editor_get_message (KlSessionEditor *self,
                               const char      *name)
{
  const char *message;

  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), NULL);

  message = kl_field_set_get_error (self->fields, name);
  return message != NULL ? message : "";
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
  return kl_editor_window_can_save (KL_EDITOR_WINDOW (self));
}

/* The out-of-period warning: worth a word, but no reason not to save. */
const char *
kl_session_editor_get_warning (KlSessionEditor *self)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), NULL);
  return self->warning;
}

/* Save, as the button does: saves, records the undo step and closes the
 * form; FALSE with what stands in the way. */
gboolean
kl_session_editor_save (KlSessionEditor  *self,
                        GError          **error)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), FALSE);
  return kl_editor_window_try_save (KL_EDITOR_WINDOW (self), error);
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

  g_return_if_fail (KL_IS_CONTEXT (context));

  session = kl_store_get_session (kl_context_get_db (context), session_id, &error);
  if (session == NULL)
    {
      kl_actions_toast (GTK_WIDGET (parent), error->message);
      return;
    }
  /* A refusal (marks are evidence) gets a message of its own. */
  kl_question_confirm_delete (context, parent, session->title,
                              _("The session goes from the programme. You can undo this."),
                              kl_session_editor_delete, session_id, _("The Session Cannot Be Deleted"));
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
  kl_actions_push_undo (GTK_WIDGET (parent), kl_context_get_undo (context), label, kl_record_undo_deleted,
                        kl_record_undo_new_for (&session_store, db, g_steal_pointer (&session), 0),
                        (GDestroyNotify) kl_record_undo_free);
  return TRUE;
}
