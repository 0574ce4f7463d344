#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-audit.h"
#include "kl-editor-window-private.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-question.h"
#include "kl-store.h"

typedef struct
{
  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  GtkScrolledWindow *scroller;
  GtkWidget *message_box;
  GtkLabel *message_label;
  GtkBox *groups_box;
  GtkWidget *delete_button;

  KlDb *db;
  KlFieldSet *fields;
  gint64 id;
  gint64 version;          /* of the record as loaded into the form */
  char *name;
  AdwMessageDialog *conflict_dialog;   /* while it is shown */
  GPtrArray *choices;      /* ChoiceLoad: the lists to load again when records change */
  gboolean keep_in_place;  /* no list to reveal a new record in */
} KlEditorWindowPrivate;

typedef struct
{
  gboolean consultants;
  char *key;
  char *none_label;
  gint64 except_id;
} ChoiceLoad;

static GtkBuildableIface *parent_buildable_iface;

static void kl_editor_window_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (KlEditorWindow, kl_editor_window, KL_TYPE_DIALOG,
                         G_ADD_PRIVATE (KlEditorWindow)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, kl_editor_window_buildable_init))

/* Helpers */

static void
choice_load_free (ChoiceLoad *load)
{
  g_free (load->key);
  g_free (load->none_label);
  g_free (load);
}

static void
remember_choices (KlEditorWindow *self,
                  gboolean        consultants,
                  const char     *key,
                  const char     *none_label,
                  gint64          except_id)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  ChoiceLoad *load;

  for (guint i = 0; i < priv->choices->len; i++)
    if (g_str_equal (((ChoiceLoad *) g_ptr_array_index (priv->choices, i))->key, key))
      return;
  load = g_new0 (ChoiceLoad, 1);
  load->consultants = consultants;
  load->key = g_strdup (key);
  load->none_label = g_strdup (none_label);
  load->except_id = except_id;
  g_ptr_array_add (priv->choices, load);
}

/* A client or consultant added meanwhile (in the main window, another
 * window or program) is among the choices without reopening the form;
 * what was chosen stays chosen. */
static void
reload_choices (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  KlEditorWindowClass *klass = KL_EDITOR_WINDOW_GET_CLASS (self);

  /* Nothing to do once the window has let go of its form. */
  if (priv->db == NULL || priv->choices == NULL || priv->fields == NULL)
    return;
  for (guint i = 0; i < priv->choices->len; i++)
    {
      ChoiceLoad *load = g_ptr_array_index (priv->choices, i);

      if (load->consultants)
        kl_editor_window_load_consultants (self, load->key, load->none_label);
      else
        kl_editor_window_load_clients (self, load->key, load->none_label, load->except_id);
    }
  if (klass->reload_choices != NULL)
    klass->reload_choices (self);
}

static void
on_active_changed_cb (KlEditorWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    reload_choices (self);
}

static void
update_save_action (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", kl_field_set_is_valid (priv->fields));
}

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Signal callbacks */

static void
on_submit_cb (KlEditorWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
on_delete_response_cb (KlEditorWindow   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!KL_EDITOR_WINDOW_GET_CLASS (self)->delete_record (self, &error))
    {
      kl_editor_window_show_message (self, error->message);
      return;
    }
  kl_editor_window_close_later (self);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kl_editor_window_save (KL_EDITOR_WINDOW (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kl_editor_window_confirm_delete (KL_EDITOR_WINDOW (widget));
}

/* Overrides */

/* The editors' templates add their groups as children: they go in the
 * scrolled content, above the Delete button. */
static void
kl_editor_window_add_child (GtkBuildable *buildable,
                            GtkBuilder   *builder,
                            GObject      *child,
                            const char   *type)
{
  KlEditorWindow *self = KL_EDITOR_WINDOW (buildable);
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  if (priv->groups_box != NULL && GTK_IS_WIDGET (child))
    gtk_box_append (priv->groups_box, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
kl_editor_window_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = kl_editor_window_add_child;
}

/* The database of the context the window was given. */
static void
kl_editor_window_constructed (GObject *object)
{
  KlEditorWindow *self = KL_EDITOR_WINDOW (object);
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  KlContext *context = kl_dialog_get_context (KL_DIALOG (self));

  G_OBJECT_CLASS (kl_editor_window_parent_class)->constructed (object);

  priv->db = context ? g_object_ref (kl_context_get_db (context)) : NULL;
  if (priv->db != NULL)
    g_signal_connect_object (priv->db, "changed", G_CALLBACK (reload_choices), object, G_CONNECT_SWAPPED);
}

static void
kl_editor_window_dispose (GObject *object)
{
  KlEditorWindow *self = KL_EDITOR_WINDOW (object);
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  /* No gtk_widget_dispose_template (): GTK 4.8's looks the children up
   * under the instance's type and aborts on a base class. All of them are
   * inside the window's content, which AdwWindow lets go of itself. */
  g_clear_object (&priv->fields);
  g_clear_object (&priv->db);
  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->choices, g_ptr_array_unref);
  if (priv->conflict_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->conflict_dialog), (gpointer *) &priv->conflict_dialog);
  priv->conflict_dialog = NULL;

  G_OBJECT_CLASS (kl_editor_window_parent_class)->dispose (object);
}

static void
kl_editor_window_class_init (KlEditorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_editor_window_dispose;
  object_class->constructed = kl_editor_window_constructed;
  klass->save = kl_editor_window_record_save;
  klass->delete_record = kl_editor_window_record_delete;
  klass->load = kl_editor_window_record_load;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-editor-window.ui");
  gtk_widget_class_bind_template_child_private (widget_class, KlEditorWindow, window_title);
  gtk_widget_class_bind_template_child_private (widget_class, KlEditorWindow, save_button);
  gtk_widget_class_bind_template_child_private (widget_class, KlEditorWindow, scroller);
  gtk_widget_class_bind_template_child_private (widget_class, KlEditorWindow, message_box);
  gtk_widget_class_bind_template_child_private (widget_class, KlEditorWindow, message_label);
  gtk_widget_class_bind_template_child_private (widget_class, KlEditorWindow, groups_box);
  gtk_widget_class_bind_template_child_private (widget_class, KlEditorWindow, delete_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_editor_window_init (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_form_guard_discard (GTK_WINDOW (self));
  priv->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_load_free);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), NULL);

  priv->fields = kl_field_set_new ();
  g_signal_connect_object (priv->fields, "notify::valid", G_CALLBACK (update_save_action), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->fields, "submit", G_CALLBACK (on_submit_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+Enter saves from any field; in the capture phase, or a text view
   * would take it as a new line. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* For the editors */

/* Called by each editor's constructor before it loads the record (id 0:
 * a new one); name is the record's, for titles and the confirmation. */
void
kl_editor_window_setup (KlEditorWindow *self,
                        gint64          id,
                        const char     *name)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  KlEditorWindowClass *klass = KL_EDITOR_WINDOW_GET_CLASS (self);

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));
  g_return_if_fail (KL_IS_CONTEXT (kl_dialog_get_context (KL_DIALOG (self))));

  priv->id = id;
  g_free (priv->name);
  priv->name = g_strdup (name);

  adw_window_title_set_title (priv->window_title, _(id > 0 ? klass->edit_title : klass->new_title));
  adw_window_title_set_subtitle (priv->window_title, id > 0 ? name : NULL);
  gtk_window_set_title (GTK_WINDOW (self), _(id > 0 ? klass->edit_title : klass->new_title));
  gtk_widget_set_visible (priv->delete_button, id > 0);
  /* Typing straight away goes in the first field, not on Cancel. */
  if (kl_field_set_get_first_widget (priv->fields) != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), kl_field_set_get_first_widget (priv->fields));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", id > 0);
  update_save_action (self);
}

KlContext *
kl_editor_window_get_context (KlEditorWindow *self)
{
  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  return kl_dialog_get_context (KL_DIALOG (self));
}

KlDb *
kl_editor_window_get_db (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  return priv->db;
}

KlFieldSet *
kl_editor_window_get_fields (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  return priv->fields;
}

/* The version of the record the form was filled from: the editor saves
 * with it, and the store refuses when the record has moved on. */
void
kl_editor_window_set_version (KlEditorWindow *self,
                              gint64          version)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));
  priv->version = version;
}

gint64
kl_editor_window_get_version (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), 0);
  return priv->version;
}

/* For a question's response that ends the editing (a delete): the window
 * hides now and goes once the question, transient for it, has closed. */
void
kl_editor_window_close_later (KlEditorWindow *self)
{
  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

/* What the store said when it refused, at the top of the form. */
void
kl_editor_window_show_message (KlEditorWindow *self,
                               const char     *message)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));

  gtk_label_set_text (priv->message_label, message ? message : "");
  gtk_widget_set_visible (priv->message_box, message != NULL && *message != '\0');
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (priv->scroller), 0);
}

/* The clients as the choices of a field, by name; except_id leaves one
 * out (a client is not its own parent). */
void
kl_editor_window_load_clients (KlEditorWindow *self,
                               const char     *key,
                               const char     *none_label,
                               gint64          except_id)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));

  remember_choices (self, FALSE, key, none_label, except_id);
  clients = kl_store_list_clients (priv->db, &error);
  if (clients == NULL)
    {
      kl_editor_window_show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      if (client->id == except_id)
        continue;
      g_array_append_val (ids, client->id);
      g_ptr_array_add (names, client->name);
    }
  kl_field_set_set_choices (priv->fields, key, none_label, ids, names);
}

void
kl_editor_window_load_consultants (KlEditorWindow *self,
                                   const char     *key,
                                   const char     *none_label)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultants = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));

  remember_choices (self, TRUE, key, none_label, 0);
  consultants = kl_store_list_consultants (priv->db, &error);
  if (consultants == NULL)
    {
      kl_editor_window_show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < consultants->len; i++)
    {
      KlConsultant *consultant = g_ptr_array_index (consultants, i);

      g_array_append_val (ids, consultant->id);
      g_ptr_array_add (names, consultant->name);
    }
  kl_field_set_set_choices (priv->fields, key, none_label, ids, names);
}

/* A title of the form's own making ("Record Invoice"), after setup. */
void
kl_editor_window_set_title (KlEditorWindow *self,
                            const char     *title)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));
  adw_window_title_set_title (priv->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
kl_editor_window_set_subtitle (KlEditorWindow *self,
                               const char     *subtitle)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));
  adw_window_title_set_subtitle (priv->window_title, subtitle);
}

void
kl_editor_window_set_reveal_saved (KlEditorWindow *self,
                                   gboolean        reveal)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));
  priv->keep_in_place = !reveal;
}

/* What a user does, for tests */

gint64
kl_editor_window_get_id (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), 0);
  return priv->id;
}

/* As if typed or picked; see KlFieldSet for what the values look like. */
void
kl_editor_window_set_field (KlEditorWindow *self,
                            const char     *key,
                            const char     *value)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));
  kl_field_set_set_value (priv->fields, key, value);
}

char *
kl_editor_window_get_field (KlEditorWindow *self,
                            const char     *key)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  return kl_field_set_get_value (priv->fields, key);
}

/* The message shown under the field, or NULL. */
const char *
kl_editor_window_get_field_error (KlEditorWindow *self,
                                  const char     *key)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  return kl_field_set_get_error (priv->fields, key);
}

/* Whether Save is sensitive. */
gboolean
kl_editor_window_can_save (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), FALSE);
  return gtk_widget_is_sensitive (priv->save_button);
}

/* "kari changed this client at 14:02 while you were editing": the last
 * change the audit trail knows, its time alone when it was today. */
static char *
describe_conflict (KlEditorWindow *self,
                   const GError   *error)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  KlEditorWindowClass *klass = KL_EDITOR_WINDOW_GET_CLASS (self);
  g_autoptr(KlAuditRecord) last = kl_audit_last_change (priv->db, klass->entity, priv->id, NULL);
  g_autoptr(GDateTime) when = last ? kl_audit_local_time (last) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;

  if (when == NULL)
    return g_strdup (error->message);
  if (g_date_time_get_year (when) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    time = g_date_time_format (when, "%H:%M");
  else
    time = g_date_time_format (when, "%Y-%m-%d %H:%M");
  return g_strdup_printf (_(klass->conflict_heading), last->os_user, time);
}

static void
on_conflict_response_cb (KlEditorWindow *self,
                         const char     *response)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  KlEditorWindowClass *klass = KL_EDITOR_WINDOW_GET_CLASS (self);
  g_autoptr(GError) error = NULL;

  if (priv->conflict_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->conflict_dialog), (gpointer *) &priv->conflict_dialog);
  priv->conflict_dialog = NULL;
  if (g_strcmp0 (response, "reload") != 0)
    return;
  /* Only now is what was typed dropped. */
  if (!klass->load (self, &error))
    {
      kl_editor_window_show_message (self, error->message);
      return;
    }
  kl_editor_window_show_message (self, NULL);
  update_save_action (self);
}

/* Someone saved the record while this form had it: say who and when, and
 * let the user choose. The window stays open either way. */
static void
show_conflict (KlEditorWindow *self,
               const GError   *error)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  g_autofree char *heading = describe_conflict (self, error);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Reload shows the record as it is saved now; what you "
                                                         "typed here is then dropped. Keep Editing leaves the "
                                                         "form as it is, to copy what you typed before reloading.")));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"), "reload", _("_Reload"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_SUGGESTED);
  /* Enter keeps what was typed: dropping it takes a deliberate click. */
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, G_CONNECT_SWAPPED);
  priv->conflict_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &priv->conflict_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Save: writes and closes the window, or shows what the store refused and
 * stays open with nothing written. */
gboolean
kl_editor_window_save (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  KlEditorWindowClass *klass = KL_EDITOR_WINDOW_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  gboolean is_new;
  gint64 id;

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), FALSE);

  if (!kl_field_set_is_valid (priv->fields))
    return FALSE;
  id = priv->id;
  is_new = id == 0;
  if (!klass->save (self, &id, &error))
    {
      if (g_error_matches (error, KL_ERROR, KL_ERROR_CONFLICT) && klass->load != NULL && klass->entity != NULL)
        show_conflict (self, error);
      else
        kl_editor_window_show_message (self, error->message);
      return FALSE;
    }
  priv->id = id;
  if (priv->keep_in_place)
    is_new = FALSE;   /* no list to bring it into view in */
  if (is_new && klass->list_kind == KL_LIST_PROGRAMMES)
    kl_actions_open_programme (GTK_WIDGET (self), id);   /* what comes next: its sessions */
  else if (is_new)
    /* The list shows a new record at once (the window reloads it when the
     * database changes); this brings it into view. */
    kl_actions_activate (GTK_WIDGET (self), "win.reveal-row", g_variant_new ("(ix)", (int) klass->list_kind, id));
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* Save, as the button does: saves, and the editor records the undo step;
 * the window closes. FALSE with what stands in the way: the fields, or
 * what the store refused. */
gboolean
kl_editor_window_try_save (KlEditorWindow  *self,
                           GError         **error)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), FALSE);

  if (!kl_field_set_is_valid (priv->fields))
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Some fields need attention"));
      return FALSE;
    }
  if (!kl_editor_window_save (self))
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INVALID_VALUE, kl_editor_window_get_message (self));
      return FALSE;
    }
  return TRUE;
}

/* What the store said the last time it refused, or NULL. */
const char *
kl_editor_window_get_message (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  return gtk_widget_get_visible (priv->message_box) ? gtk_label_get_text (priv->message_label) : NULL;
}

/* Delete…: asks first, naming the record. Returns the question, shown. */
AdwMessageDialog *
kl_editor_window_confirm_delete (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);
  KlEditorWindowClass *klass = KL_EDITOR_WINDOW_GET_CLASS (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  g_return_val_if_fail (priv->id > 0, NULL);

  /* Translators: %s is the name of a client, consultant, participant or programme */
  body = g_strdup_printf (_("“%s” will be deleted. You can undo this right after."), priv->name);
  dialog = kl_question_new (GTK_WINDOW (self), _(klass->delete_heading), body, "delete", _("_Delete"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The question after a refused save, while it is shown; NULL otherwise. */
AdwMessageDialog *
kl_editor_window_get_conflict_dialog (KlEditorWindow *self)
{
  KlEditorWindowPrivate *priv = kl_editor_window_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), NULL);
  return priv->conflict_dialog;
}
