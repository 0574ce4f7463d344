#include "config.h"

#include <glib/gi18n.h>

#include "kl-backup.h"
#include "kl-calendar-export.h"
#include "kl-programme-view.h"
#include "kl-question.h"
#include "kl-server-import.h"
#include "kl-window-backup.h"

typedef struct
{
  char *db_path;
  char *file;
  char *kept;
  KlDb *db;
  KlDb *source;      /* the window's, for kl_db_open_again in the thread */
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->file);
  g_free (job->kept);
  g_clear_object (&job->db);
  g_clear_object (&job->source);
  g_free (job);
}

static Job *
job_new (KlWindow   *self,
         const char *file)
{
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (kl_db_get_path (kl_window_get_db (self)));
  job->source = g_object_ref (kl_window_get_db (self));
  job->file = g_strdup (file);
  return job;
}

/* Back up */

static void
back_up_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  g_autoptr(KlDb) server = NULL;

  /* A team server: one consistent snapshot of it as a Kartleser file, on
   * a connection of this thread's own (as `kartleser-cli backup`). */
  if (kl_db_location_is_server (job->db_path))
    {
      server = kl_db_open_again (job->source, &error);
      if (server != NULL && kl_server_snapshot (server, job->file, NULL, NULL, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  if (kl_backup_write (job->db_path, job->file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  KlWindow *self = KL_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (job->file);
  g_autofree char *message = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up", TRUE);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Backed up to %s"), basename);
  else
    message = g_strdup_printf (_("Backup failed: %s"), error->message);
  kl_window_toast (self, message, FALSE);
}

/* The file chosen: backed up to (the save dialog) or restored from. */
static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         data)
{
  KlWindow *self = KL_WINDOW (data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        kl_window_back_up_to (self, file);
      else
        kl_window_restore_from (self, file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static GtkFileChooserNative *
file_chooser (KlWindow             *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Kartleser backups"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen_cb), g_object_ref (self));
  return dialog;
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = kl_backup_default_name (now);
  GtkFileChooserNative *dialog;

  if (kl_window_get_db (self) == NULL)
    return;
  dialog = file_chooser (self, _("Back Up"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Restore */

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (kl_backup_check (job->file, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The restore itself, then the database opened again (which upgrades an
 * older backup), all away from the main loop. */
static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (!kl_backup_restore (job->db_path, job->file, &job->kept, &error)
      || (job->db = kl_db_open (job->db_path, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* A fresh window on the restored data: no page, list or undo step of the
 * old data survives into the new. */
static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  KlWindow *self = KL_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkApplication *application;
  KlWindow *fresh;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      kl_question_show_message (GTK_WINDOW (self), _("Restore Failed"), error->message);
      return;
    }
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (application), "db") != NULL)
    g_object_set (application, "db", job->db, NULL);
  fresh = kl_window_new (ADW_APPLICATION (application), job->db, NULL);
  gtk_window_present (GTK_WINDOW (fresh));
  kl_window_toast (fresh, _("Backup restored; the replaced data is kept in the backups folder"), FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          data)
{
  g_autoptr(GTask) task = data;
  KlWindow *self = KL_WINDOW (g_task_get_source_object (task));

  if (!g_str_equal (response, "restore"))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", FALSE);
  g_task_run_in_thread (task, restore_thread);
}

static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  KlWindow *self = KL_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *body = NULL;
  GTask *task;
  GtkWidget *dialog;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      kl_question_show_message (GTK_WINDOW (self), _("Cannot Restore This File"), error->message);
      return;
    }
  basename = g_path_get_basename (job->file);
  dir = kl_backup_dir (job->db_path);
  /* Translators: the first %s is the backup's file name, the second a folder */
  body = g_strdup_printf (_("Everything in Kartleser will be replaced by the data in %s. "
                            "The data as it is now is kept as a backup in %s."), basename, dir);
  dialog = GTK_WIDGET (kl_question_new (GTK_WINDOW (self), _("Restore Backup?"), body, "restore", _("_Restore")));
  task = g_task_new (self, NULL, on_restored_cb, NULL);
  g_task_set_task_data (task, job_new (self, job->file), (GDestroyNotify) job_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  GtkFileChooserNative *dialog;

  if (kl_window_get_db (self) == NULL)
    return;
  dialog = file_chooser (self, _("Restore"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Calendar */

static void
export_programme_calendar_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  GtkWidget *view = kl_window_get_page_widget (self, "programme");

  if (view != NULL && kl_programme_view_get_programme (KL_PROGRAMME_VIEW (view)) > 0)
    kl_calendar_export_programme (kl_window_get_context (self), GTK_WINDOW (self), kl_programme_view_get_programme (KL_PROGRAMME_VIEW (view)));
}

/* Daily */

static void
daily_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;

  if (kl_backup_daily (job->db_path, now, KL_BACKUP_KEEP_DAILY, &job->kept, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_daily_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The daily backup failed: %s"), error->message);

      kl_window_toast (KL_WINDOW (source), message, FALSE);
    }
}

/* Public API */

void
kl_window_backup_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.export-programme-calendar", NULL,
                                   export_programme_calendar_action);
}

void
kl_window_back_up_to (KlWindow *self,
                      GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (KL_IS_WINDOW (self));
  g_return_if_fail (kl_window_get_db (self) != NULL && G_IS_FILE (file));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up", FALSE);
  path = g_file_get_path (file);
  task = g_task_new (self, NULL, on_backed_up_cb, NULL);
  g_task_set_task_data (task, job_new (self, path), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, back_up_thread);
}

/* Checks the file first: a refused one never gets as far as asking. */
void
kl_window_restore_from (KlWindow *self,
                        GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (KL_IS_WINDOW (self));
  g_return_if_fail (kl_window_get_db (self) != NULL && G_IS_FILE (file));

  path = g_file_get_path (file);
  task = g_task_new (self, NULL, on_checked_cb, NULL);
  g_task_set_task_data (task, job_new (self, path), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, check_thread);
}

/* After the window has its data, so the copy never delays the first view. */
void
kl_window_start_daily_backup (KlWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KL_IS_WINDOW (self));

  /* A team server is its administrator's to back up: no laptop keeps a
   * daily copy of the whole team's data. */
  if (kl_window_get_db (self) == NULL || kl_db_location_is_server (kl_db_get_path (kl_window_get_db (self))))
    return;
  task = g_task_new (self, NULL, on_daily_done_cb, NULL);
  g_task_set_task_data (task, job_new (self, NULL), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, daily_thread);
}
