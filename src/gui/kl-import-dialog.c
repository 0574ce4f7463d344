/* The import dialog: choose a file, see per row what would happen,
 * import in one undoable step. Reading and importing run in a worker
 * thread on a connection of their own, with a progress bar and Cancel;
 * that machinery takes the file a little over 800 lines. */

#include "config.h"

#include <glib/gi18n.h>

#include "kl-enrolment-undo.h"
#include "kl-import.h"
#include "kl-import-dialog.h"
#include "kl-record.h"
#include "kl-store.h"

struct _KlImportDialog
{
  KlDialog parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget *import_button;
  GtkWidget *choose_button;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkLabel *summary_label;
  GtkLabel *notes_label;
  GtkWidget *errors_box;
  GtkLabel *errors_label;
  GtkCheckButton *skip_check;
  GtkColumnView *column_view;
  AdwStatusPage *working_page;
  GtkProgressBar *progress_bar;
  GtkWidget *cancel_button;

  KlDb *db;
  gint64 programme_id;
  char *programme_title;
  GListStore *rows;          /* KlRecord per plan row */
  KlImportPlan *plan;
  GtkFileChooserNative *chooser;
  GCancellable *working;     /* planning or applying in a worker, NULL when idle */
  guint progress_id;         /* updates the progress bar while working */
  char *returned_to;         /* the page to go back to when cancelled */
};

/* Planning or applying, in a worker thread on a connection of its own:
 * long lists take many seconds, and the window must stay alive. */
typedef struct
{
  KlDb *main_db;             /* the window's connection, told of the change */
  char *db_path;
  char *path;                /* the file to plan */
  gint64 programme_id;
  KlImportPlan *plan;        /* planned; or to apply (borrowed from the dialog) */
  gboolean skip_bad_rows;
  KlImportResult result;
  int done;                  /* rows so far, of total: atomic */
  int total;
} Job;

G_DEFINE_FINAL_TYPE (KlImportDialog, kl_import_dialog, KL_TYPE_DIALOG)

/* Helpers */

static void update_state (KlImportDialog *self);

static void
job_free (Job *job)
{
  g_clear_object (&job->main_db);
  g_free (job->db_path);
  g_free (job->path);
  g_clear_pointer (&job->plan, kl_import_plan_free);
  kl_import_result_clear (&job->result);
  g_free (job);
}

static void
job_progress (guint    done,
              guint    total,
              gpointer data)
{
  Job *job = data;

  g_atomic_int_set (&job->total, (int) total);
  g_atomic_int_set (&job->done, (int) done);
}

static gboolean
update_progress_cb (gpointer data)
{
  KlImportDialog *self = data;
  Job *job = g_object_get_data (G_OBJECT (self->progress_bar), "job");
  int done = job ? g_atomic_int_get (&job->done) : 0;
  int total = job ? g_atomic_int_get (&job->total) : 0;
  g_autofree char *text = NULL;

  if (total <= 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  /* Translators: progress of an import, "12000 of 80000 rows" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d row", "%d of %d rows", total), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

/* The working page with its progress bar and Cancel; what was shown
 * before comes back if the user cancels. */
static GTask *
start_work (KlImportDialog *self,
            const char     *title,
            Job            *job,
            GAsyncReadyCallback callback)
{
  GTask *task;

  g_free (self->returned_to);
  self->returned_to = g_strdup (gtk_stack_get_visible_child_name (self->stack));
  self->working = g_cancellable_new ();
  job->main_db = g_object_ref (self->db);
  job->db_path = g_strdup (kl_db_get_path (self->db));
  job->programme_id = self->programme_id;
  task = g_task_new (self, self->working, callback, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_object_set_data (G_OBJECT (self->progress_bar), "job", job);
  adw_status_page_set_title (self->working_page, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "working");
  gtk_widget_set_visible (self->choose_button, FALSE);
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
  update_state (self);
  return task;
}

/* Back on the main thread: FALSE when the dialog has gone meanwhile. */
static gboolean
finish_work (KlImportDialog *self,
             GTask          *task)
{
  if (g_task_get_cancellable (task) != self->working)
    return FALSE;
  g_clear_object (&self->working);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_object_set_data (G_OBJECT (self->progress_bar), "job", NULL);
  return TRUE;
}

static void
show_error (KlImportDialog *self,
            const char     *message)
{
  /* The description is markup; the message quotes what was read. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_state (self);
}

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  g_autoptr(KlDb) reader = kl_db_open_again (job->main_db, &error);

  if (reader != NULL)
    {
      /* Planning only reads. */
      if (!kl_db_is_read_only (reader))
        kl_db_exec (reader, NULL, kl_db_sql (reader, KL_SQL_QUERY_ONLY), NULL);
      job->plan = kl_import_plan_file_full (reader, job->programme_id, job->path, cancellable, job_progress, job,
                                            &error);
    }
  if (job->plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* One transaction on the worker's own connection: cancelled or failed,
 * it is rolled back and nothing is imported. */
static void
apply_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  g_autoptr(KlDb) writer = kl_db_open_again (job->main_db, &error);

  if (writer == NULL
      || !kl_import_apply_full (writer, job->plan, job->skip_bad_rows, cancellable, job_progress, job, &job->result,
                                &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
has_work (const KlImportPlan *plan)
{
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const KlImportRow *row = g_ptr_array_index (plan->rows, i);

      if (row->action == KL_IMPORT_NEW || (row->action == KL_IMPORT_MATCHED && !row->enrolled))
        return TRUE;
    }
  return FALSE;
}

static void
update_state (KlImportDialog *self)
{
  gtk_widget_set_sensitive (self->import_button, kl_import_dialog_can_import (self));
}

static char *
describe_action (const KlImportRow *row)
{
  if (row->action == KL_IMPORT_MATCHED && row->enrolled)
    /* Translators: an import row that matches someone already in the programme */
    return g_strdup (_("Matched, already enrolled"));
  return g_strdup (kl_import_action_label (row->action));
}

static void
fill_preview (KlImportDialog *self)
{
  g_autoptr(GPtrArray) clients = kl_store_list_clients (self->db, NULL);
  g_autoptr(GHashTable) workplaces = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  KlImportPlan *plan = self->plan;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *summary = NULL;

  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      g_hash_table_insert (workplaces, &client->id, client->name);
    }
  for (guint i = 0; i < plan->rows->len; i++)
    {
      KlImportRow *row = g_ptr_array_index (plan->rows, i);
      KlParticipant *p = row->participant;
      const char *workplace = g_hash_table_lookup (workplaces, &p->workplace_id);
      char **values = g_new0 (char *, KL_IMPORT_N_COLUMNS + 1);

      values[KL_IMPORT_COLUMN_LINE] = g_strdup_printf ("%u", row->line);
      values[KL_IMPORT_COLUMN_ACTION] = describe_action (row);
      values[KL_IMPORT_COLUMN_NAME] = g_strdup (p->name ? p->name : "");
      values[KL_IMPORT_COLUMN_EMAIL] = g_strdup (p->email ? p->email : "");
      values[KL_IMPORT_COLUMN_WORKPLACE] = g_strdup (workplace ? workplace : row->workplace ? row->workplace : "");
      values[KL_IMPORT_COLUMN_PROBLEMS] = kl_import_row_describe_problems (row);
      g_ptr_array_add (records, kl_record_new (row->line, values));
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       records->pdata, records->len);

  /* Translators: the import preview's summary, "4 rows: 2 new, 1 matched, 1 skipped" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row: %u new, %u matched, %u skipped",
                                          "%u rows: %u new, %u matched, %u skipped", plan->rows->len),
                             plan->rows->len, plan->n_new, plan->n_matched, plan->n_skipped);
  gtk_label_set_text (self->summary_label, summary);
  /* Translators: how a file was read, "Read as WINDOWS-1252, columns separated by “;”" */
  g_string_append_printf (notes, _("Read as %s, columns separated by “%s”."), plan->encoding,
                          plan->separator == '\t' ? _("tab") : (char[]) { plan->separator, '\0' });
  for (guint i = 0; i < plan->notes->len; i++)
    g_string_append_printf (notes, " %s.", (const char *) g_ptr_array_index (plan->notes, i));
  if (plan->n_warnings > 0)
    g_string_append_printf (notes, " %s", g_dngettext (GETTEXT_PACKAGE, "One row has a warning; it is imported anyway.",
                                                        "Some rows have warnings; they are imported anyway.",
                                                        plan->n_warnings));
  gtk_label_set_text (self->notes_label, notes->str);
  if (plan->n_errors > 0)
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u row has errors. Nothing is imported unless you correct the file or skip it.",
                                                              "%u rows have errors. Nothing is imported unless you correct the file or skip them.",
                                                              plan->n_errors), plan->n_errors);

      gtk_label_set_text (self->errors_label, errors);
    }
  gtk_widget_set_visible (self->errors_box, plan->n_errors > 0);
  gtk_check_button_set_active (self->skip_check, FALSE);
  adw_window_title_set_subtitle (self->window_title, plan->name);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_set_visible (self->choose_button, TRUE);
  update_state (self);
}

/* Signal callbacks */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == KL_IMPORT_COLUMN_LINE ? 1 : 0);
  if (column == KL_IMPORT_COLUMN_LINE)
    gtk_widget_add_css_class (label, "numeric");
  if (column == KL_IMPORT_COLUMN_PROBLEMS)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  KlRecord *record = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *action = kl_record_get_value (record, KL_IMPORT_COLUMN_ACTION);
  gboolean skipped = g_strcmp0 (action, C_("import", "Skipped")) == 0;

  gtk_label_set_text (GTK_LABEL (label), kl_record_get_value (record, column));
  gtk_widget_set_tooltip_text (label, column == KL_IMPORT_COLUMN_PROBLEMS ? NULL
                                      : kl_record_get_value (record, column));
  /* A skipped row's problems are why: errors in red, warnings in amber. */
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  if (column == KL_IMPORT_COLUMN_PROBLEMS && *kl_record_get_value (record, column) != '\0')
    gtk_widget_add_css_class (label, skipped ? "error" : "warning");
  else if (skipped)
    gtk_widget_add_css_class (label, "dim-label");
}

static void
on_chooser_response_cb (KlImportDialog *self,
                        int             response,
                        GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->chooser);
  if (path != NULL && self->working == NULL)
    kl_import_dialog_load_file (self, path);
}

static void
on_choose_clicked_cb (KlImportDialog *self)
{
  kl_import_dialog_choose_file (self);
}

static void
on_skip_toggled_cb (KlImportDialog *self)
{
  update_state (self);
}

static void
on_import_clicked_cb (KlImportDialog *self)
{
  if (kl_import_dialog_can_import (self))
    kl_import_dialog_import (self);
}

static void
on_cancel_work_clicked_cb (KlImportDialog *self)
{
  kl_import_dialog_cancel (self);
}

/* Closing while importing cancels: nothing is imported. */
static gboolean
on_close_request_cb (KlImportDialog *self)
{
  kl_import_dialog_cancel (self);
  return FALSE;
}

/* Overrides */

static void
kl_import_dialog_dispose (GObject *object)
{
  KlImportDialog *self = KL_IMPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* A worker still running finds the dialog gone and its work dropped;
   * an import under way is rolled back. */
  if (self->working != NULL)
    g_cancellable_cancel (self->working);
  g_clear_object (&self->working);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->returned_to, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->db);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->plan, kl_import_plan_free);
  g_clear_pointer (&self->programme_title, g_free);

  G_OBJECT_CLASS (kl_import_dialog_parent_class)->dispose (object);
}

static void
kl_import_dialog_class_init (KlImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, notes_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, errors_box);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, skip_check);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, working_page);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KlImportDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_work_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_import_dialog_init (KlImportDialog *self)
{
  static const struct { const char *title; int width; gboolean expand; } columns[KL_IMPORT_N_COLUMNS] = {
    [KL_IMPORT_COLUMN_LINE] = { N_("Line"), 56, FALSE },
    [KL_IMPORT_COLUMN_ACTION] = { N_("Action"), 110, FALSE },
    [KL_IMPORT_COLUMN_NAME] = { N_("Name"), 160, FALSE },
    [KL_IMPORT_COLUMN_EMAIL] = { N_("E-mail"), 190, FALSE },
    [KL_IMPORT_COLUMN_WORKPLACE] = { N_("Workplace"), 140, FALSE },
    [KL_IMPORT_COLUMN_PROBLEMS] = { N_("Problems"), 280, TRUE },
  };
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (KL_TYPE_RECORD);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  for (guint i = 0; i < KL_IMPORT_N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* Public API */

KlImportDialog *
kl_import_dialog_new (KlContext *context,
                      GtkWindow *parent,
                      gint64     programme_id)
{
  KlImportDialog *self;
  g_autoptr(KlProgramme) programme = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  self = g_object_new (KL_TYPE_IMPORT_DIALOG, "context", context, "transient-for", parent, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  self->programme_id = programme_id;
  programme = kl_store_get_programme (self->db, programme_id, NULL);
  self->programme_title = g_strdup (programme ? programme->title : NULL);
  adw_window_title_set_subtitle (self->window_title, self->programme_title);
  return self;
}

void
kl_import_dialog_choose_file (KlImportDialog *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (KL_IS_IMPORT_DIALOG (self));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Participant List"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_planned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  KlImportDialog *self = KL_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (job->path);

  if (!finish_work (self, G_TASK (result)))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_widget_set_visible (self->choose_button, self->plan != NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_stack_set_visible_child_name (self->stack, self->returned_to);
          update_state (self);
          return;
        }
      adw_window_title_set_subtitle (self->window_title, name);
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->plan, kl_import_plan_free);
  self->plan = g_steal_pointer (&job->plan);
  fill_preview (self);
}

/* Reads and plans the file in a worker; the preview, or on the error
 * page why the file cannot be imported, follows. */
void
kl_import_dialog_load_file (KlImportDialog *self,
                            const char     *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  Job *job;

  g_return_if_fail (KL_IS_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->working == NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  name = g_filename_display_basename (path);
  adw_window_title_set_subtitle (self->window_title, name);
  /* Translators: while a participant list is read and compared with the database */
  task = start_work (self, _("Reading the List…"), job, on_planned_cb);
  g_task_run_in_thread (task, plan_thread);
}

GListModel *
kl_import_dialog_get_rows (KlImportDialog *self)
{
  g_return_val_if_fail (KL_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/* "start", "error" or "preview" */
const char *
kl_import_dialog_get_state (KlImportDialog *self)
{
  g_return_val_if_fail (KL_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
kl_import_dialog_get_summary (KlImportDialog *self)
{
  g_return_val_if_fail (KL_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

gboolean
kl_import_dialog_can_import (KlImportDialog *self)
{
  g_return_val_if_fail (KL_IS_IMPORT_DIALOG (self), FALSE);

  return self->plan != NULL
         && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "preview")
         && (self->plan->n_errors == 0 || gtk_check_button_get_active (self->skip_check))
         && has_work (self->plan);
}

void
kl_import_dialog_set_skip_bad_rows (KlImportDialog *self,
                                    gboolean        skip)
{
  g_return_if_fail (KL_IS_IMPORT_DIALOG (self));
  gtk_check_button_set_active (self->skip_check, skip);
}

static void
on_applied_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  KlImportDialog *self = KL_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (!finish_work (self, G_TASK (result)))
    {
      /* Closed while it committed: the import stands, and the lists
       * must show it. */
      if (g_task_propagate_boolean (G_TASK (result), NULL))
        g_signal_emit_by_name (job->main_db, "changed");
      return;
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Nothing was imported: the preview again, to try once more. */
      self->plan = g_steal_pointer (&job->plan);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_stack_set_visible_child_name (self->stack, "preview");
          gtk_widget_set_visible (self->choose_button, TRUE);
          update_state (self);
          return;
        }
      show_error (self, error->message);
      return;
    }
  /* The window's connection learns of the change from here: the
   * import was written through the worker's. */
  g_signal_emit_by_name (self->db, "changed");
  /* Translators: an undoable step, "12 participants imported from deltakere.csv" */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant imported from %s",
                                        "%u participants imported from %s", job->result.enrolled),
                           job->result.enrolled, job->plan->name);
  /* Undo takes back the enrolments it made and the participants it added. */
  kl_enrolment_undo_push (GTK_WIDGET (self), kl_context_get_undo (kl_dialog_get_context (KL_DIALOG (self))),
                          label, self->db, self->programme_id, job->result.enrolled_ids, job->result.created_ids);
  gtk_window_close (GTK_WINDOW (self));
}

/* All or nothing, in a worker with a progress bar and Cancel; on success
 * one undo step, a toast, and the dialog closes. The lists follow by
 * themselves: the database says it changed. */
void
kl_import_dialog_import (KlImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (KL_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->plan != NULL);
  g_return_if_fail (self->working == NULL);

  job = g_new0 (Job, 1);
  job->skip_bad_rows = gtk_check_button_get_active (self->skip_check);
  /* The worker owns the plan while it runs: the dialog may close. */
  job->plan = g_steal_pointer (&self->plan);
  /* Translators: while participants are written to the database */
  task = start_work (self, _("Importing…"), job, on_applied_cb);
  g_task_run_in_thread (task, apply_thread);
}

/* Stops planning or importing; an import stopped leaves the database as
 * it was. */
void
kl_import_dialog_cancel (KlImportDialog *self)
{
  g_return_if_fail (KL_IS_IMPORT_DIALOG (self));

  if (self->working != NULL)
    g_cancellable_cancel (self->working);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

/* Planning or importing in the background. */
gboolean
kl_import_dialog_is_busy (KlImportDialog *self)
{
  g_return_val_if_fail (KL_IS_IMPORT_DIALOG (self), FALSE);
  return self->working != NULL;
}

/* What the error page says, NULL when it is not shown. */
const char *
kl_import_dialog_get_error (KlImportDialog *self)
{
  g_return_val_if_fail (KL_IS_IMPORT_DIALOG (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0)
    return NULL;
  return adw_status_page_get_description (self->error_page);
}

/* How far the work under way has come, 0 to 1. */
double
kl_import_dialog_get_fraction (KlImportDialog *self)
{
  g_return_val_if_fail (KL_IS_IMPORT_DIALOG (self), 0);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}
