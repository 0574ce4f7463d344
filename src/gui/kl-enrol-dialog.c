#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-enrol-dialog.h"
#include "kl-enrolment-undo.h"
#include "kl-error.h"
#include "kl-record.h"
#include "kl-store.h"

/* The values each row's record carries. */
enum {
  VALUE_NAME,
  VALUE_DETAILS,
  VALUE_SEARCH,
};

struct _KlEnrolDialog
{
  KlDialog parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget *enrol_button;
  GtkSearchEntry *search_entry;
  GtkLabel *error_label;
  GtkStack *stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;

  KlDb *db;
  gint64 programme_id;
  GListStore *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;
  char *search;            /* casefolded */
  GHashTable *selected;    /* participant ids, as gint64 * */
  GHashTable *checks;      /* participant id -> the check of its row on screen */
};

G_DEFINE_FINAL_TYPE (KlEnrolDialog, kl_enrol_dialog, KL_TYPE_DIALOG)

/* Helpers */

static gboolean
matches (gpointer item,
         gpointer data)
{
  KlEnrolDialog *self = data;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  return strstr (kl_record_get_value (item, VALUE_SEARCH), self->search) != NULL;
}

static void
update_state (KlEnrolDialog *self)
{
  guint n = g_hash_table_size (self->selected);
  g_autofree char *label = NULL;

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? "list" : "empty");
  if (n == 0)
    label = g_strdup (_("_Enrol"));
  else
    /* Translators: the button that enrols the chosen participants */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Enrol %u", "_Enrol %u", n), n);
  gtk_button_set_label (GTK_BUTTON (self->enrol_button), label);
  gtk_widget_set_sensitive (self->enrol_button, n > 0);
}

static void
load (KlEnrolDialog *self)
{
  g_autoptr(GPtrArray) everyone = kl_store_list_participants (self->db, 0, NULL);
  g_autoptr(GPtrArray) enrolled = kl_store_list_participants (self->db, self->programme_id, NULL);
  g_autoptr(GPtrArray) clients = kl_store_list_clients (self->db, NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) workplaces = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; enrolled != NULL && i < enrolled->len; i++)
    g_hash_table_add (taken, &((KlParticipant *) g_ptr_array_index (enrolled, i))->id);
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      g_hash_table_insert (workplaces, &client->id, client->name);
    }
  for (guint i = 0; everyone != NULL && i < everyone->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (everyone, i);
      const char *workplace = g_hash_table_lookup (workplaces, &participant->workplace_id);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_auto(GStrv) values = NULL;
      g_autofree char *details = NULL;
      g_autofree char *all = NULL;

      if (g_hash_table_contains (taken, &participant->id))
        continue;
      if (participant->role != NULL)
        g_ptr_array_add (parts, participant->role);
      if (workplace != NULL)
        g_ptr_array_add (parts, (gpointer) workplace);
      if (participant->email != NULL)
        g_ptr_array_add (parts, participant->email);
      g_ptr_array_add (parts, NULL);
      details = g_strjoinv (" · ", (char **) parts->pdata);
      all = g_strdup_printf ("%s %s", participant->name, details);
      values = g_new0 (char *, 4);
      values[VALUE_NAME] = g_strdup (participant->name);
      values[VALUE_DETAILS] = g_strdup (details);
      values[VALUE_SEARCH] = g_utf8_casefold (all, -1);
      g_ptr_array_add (records, kl_record_new (participant->id, g_steal_pointer (&values)));
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       records->pdata, records->len);
  if (records->len == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _("Everyone Is Enrolled"));
      adw_status_page_set_description (self->empty_page,
                                       _("All participants are in this programme. New participants are added on the Participants page."));
    }
}

/* Signal callbacks */

static void
on_check_toggled_cb (GtkCheckButton *check,
                     KlEnrolDialog  *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (check), "list-item");
  KlRecord *record = gtk_list_item_get_item (item);
  gint64 id;

  if (record == NULL)
    return;
  id = kl_record_get_id (record);
  kl_enrol_dialog_select (self, id, gtk_check_button_get_active (check));
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KlEnrolDialog            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), details);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), texts);
  g_object_set_data (G_OBJECT (check), "list-item", item);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  g_object_set_data (G_OBJECT (item), "check", check);
  g_object_set_data (G_OBJECT (item), "name", name);
  g_object_set_data (G_OBJECT (item), "details", details);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            KlEnrolDialog            *self)
{
  KlRecord *record = gtk_list_item_get_item (item);
  GtkCheckButton *check = g_object_get_data (G_OBJECT (item), "check");
  gint64 id = kl_record_get_id (record);

  gtk_label_set_text (g_object_get_data (G_OBJECT (item), "name"), kl_record_get_value (record, VALUE_NAME));
  gtk_label_set_text (g_object_get_data (G_OBJECT (item), "details"), kl_record_get_value (record, VALUE_DETAILS));
  g_signal_handlers_block_by_func (check, on_check_toggled_cb, self);
  gtk_check_button_set_active (check, g_hash_table_contains (self->selected, &id));
  g_signal_handlers_unblock_by_func (check, on_check_toggled_cb, self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kl_record_get_value (record, VALUE_NAME), -1);
  g_hash_table_insert (self->checks, g_memdup2 (&id, sizeof id), check);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KlEnrolDialog            *self)
{
  KlRecord *record = gtk_list_item_get_item (item);
  gint64 id = kl_record_get_id (record);

  /* The list lets go of its rows after the dialog has let go of the table. */
  if (self->checks != NULL && g_hash_table_lookup (self->checks, &id) == g_object_get_data (G_OBJECT (item), "check"))
    g_hash_table_remove (self->checks, &id);
}

static void
on_activate_cb (KlEnrolDialog *self,
                guint          position)
{
  g_autoptr(KlRecord) record = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  gint64 id;

  if (record == NULL)
    return;
  id = kl_record_get_id (record);
  kl_enrol_dialog_select (self, id, !g_hash_table_contains (self->selected, &id));
}

static void
on_search_changed_cb (KlEnrolDialog *self)
{
  kl_enrol_dialog_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_enrol_clicked_cb (KlEnrolDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!kl_enrol_dialog_enrol (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* Overrides */

static void
kl_enrol_dialog_dispose (GObject *object)
{
  KlEnrolDialog *self = KL_ENROL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_ENROL_DIALOG);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (kl_enrol_dialog_parent_class)->dispose (object);
}

static void
kl_enrol_dialog_class_init (KlEnrolDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_enrol_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-enrol-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KlEnrolDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlEnrolDialog, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, KlEnrolDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlEnrolDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KlEnrolDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KlEnrolDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, KlEnrolDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_enrol_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_enrol_dialog_init (KlEnrolDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->store = g_list_store_new (KL_TYPE_RECORD);
  self->filter = gtk_custom_filter_new (matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
}

/* Public API */

KlEnrolDialog *
kl_enrol_dialog_new (KlContext *context,
                     GtkWindow *parent,
                     gint64     programme_id)
{
  KlEnrolDialog *self;
  g_autoptr(KlProgramme) programme = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  self = g_object_new (KL_TYPE_ENROL_DIALOG, "context", context, "transient-for", parent, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  self->programme_id = programme_id;
  programme = kl_store_get_programme (self->db, programme_id, NULL);
  adw_window_title_set_subtitle (self->window_title, programme ? programme->title : NULL);
  load (self);
  update_state (self);
  /* Typing straight away searches. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
  return self;
}

void
kl_enrol_dialog_set_search (KlEnrolDialog *self,
                            const char    *text)
{
  g_return_if_fail (KL_IS_ENROL_DIALOG (self));

  g_free (self->search);
  self->search = g_utf8_casefold (text ? text : "", -1);
  g_strstrip (self->search);
  /* Replacing the text empties it first, which the entry reports at once. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

guint
kl_enrol_dialog_get_n_shown (KlEnrolDialog *self)
{
  g_return_val_if_fail (KL_IS_ENROL_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

gint64
kl_enrol_dialog_get_shown_id (KlEnrolDialog *self,
                              guint          position)
{
  g_autoptr(KlRecord) record = NULL;

  g_return_val_if_fail (KL_IS_ENROL_DIALOG (self), 0);

  record = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  return record ? kl_record_get_id (record) : 0;
}

/* Choices outlast the search: narrowing it does not lose them. */
void
kl_enrol_dialog_select (KlEnrolDialog *self,
                        gint64         participant_id,
                        gboolean       selected)
{
  GtkCheckButton *check;

  g_return_if_fail (KL_IS_ENROL_DIALOG (self));

  if (selected)
    g_hash_table_add (self->selected, g_memdup2 (&participant_id, sizeof participant_id));
  else
    g_hash_table_remove (self->selected, &participant_id);
  check = g_hash_table_lookup (self->checks, &participant_id);
  if (check != NULL)
    {
      g_signal_handlers_block_by_func (check, on_check_toggled_cb, self);
      gtk_check_button_set_active (check, selected);
      g_signal_handlers_unblock_by_func (check, on_check_toggled_cb, self);
    }
  update_state (self);
}

/* Enrols the chosen, all or none, records the undo step, closes. */
gboolean
kl_enrol_dialog_enrol (KlEnrolDialog  *self,
                       GError        **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_ENROL_DIALOG (self), FALSE);

  tx = kl_db_begin (self->db, error);
  if (tx == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();

      enrolment->programme_id = self->programme_id;
      enrolment->participant_id = *(gint64 *) key;
      if (!kl_store_enrol (self->db, enrolment, error))
        return FALSE;
      g_array_append_val (ids, enrolment->participant_id);
    }
  if (!kl_transaction_commit (tx, error))
    return FALSE;

  if (ids->len > 0)
    {
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant enrolled", "%u participants enrolled", ids->len),
                               ids->len);
      kl_enrolment_undo_push (GTK_WIDGET (self), kl_context_get_undo (kl_dialog_get_context (KL_DIALOG (self))),
                              label, self->db, self->programme_id, ids, NULL);
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
