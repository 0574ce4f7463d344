#include "config.h"

#include "kl-cost-editor.h"
#include "kl-editor.h"
#include "kl-enrol-dialog.h"
#include "kl-history-window.h"
#include "kl-programme-view-private.h"
#include "kl-series-dialog.h"
#include "kl-session-editor.h"

/* The view's "programme." actions: the editors and dialogs it opens, each
 * with the view's context and on the window the view is in. */

static void
show_tab_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  kl_programme_view_show_tab (KL_PROGRAMME_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    kl_editor_show (self->context, parent, KL_EDITOR_PROGRAMME, self->programme_id);
}

/* The windows the view opens for its programme, by the action's name;
 * id is the session or cost the action is for (0: a new one). */
static GtkWindow *
new_window (KlProgrammeView *self,
            GtkWindow       *parent,
            const char      *action_name,
            gint64           id)
{
  KlContext *context = self->context;
  gint64 programme_id = self->programme_id;
  KlCostEditor *editor;

  if (g_str_equal (action_name, "programme.history"))
    return GTK_WINDOW (kl_history_window_new (context, parent, programme_id));
  if (g_str_equal (action_name, "programme.add-session") || g_str_equal (action_name, "programme.edit-session"))
    return GTK_WINDOW (kl_session_editor_new (context, parent, programme_id, id));
  if (g_str_equal (action_name, "programme.add-series"))
    return GTK_WINDOW (kl_series_dialog_new (context, parent, programme_id));
  if (g_str_equal (action_name, "programme.enrol"))
    return GTK_WINDOW (kl_enrol_dialog_new (context, parent, programme_id));
  /* The invoice for a budget line has come: a new cost from it, the
   * budget line staying as the plan. */
  if (g_str_equal (action_name, "programme.record-invoice"))
    return GTK_WINDOW (kl_cost_editor_new_invoice (context, parent, programme_id, id));
  g_assert (g_str_has_suffix (action_name, "-cost"));
  editor = kl_cost_editor_new (context, parent, programme_id, id);
  if (g_str_equal (action_name, "programme.add-budget-cost"))
    kl_cost_editor_set_budget (editor, TRUE);
  return GTK_WINDOW (editor);
}

static void
open_window_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  gint64 id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;

  if (self->programme_id > 0)
    gtk_window_present (new_window (self, kl_actions_get_parent (widget), action_name, id));
}

static void
confirm_delete_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (g_str_equal (action_name, "programme.delete-session"))
    kl_session_editor_confirm_delete (self->context, parent, id);
  else
    kl_cost_editor_confirm_delete (self->context, parent, id);
}

static void
unenrol_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  kl_programme_view_unenrol (KL_PROGRAMME_VIEW (widget), g_variant_get_int64 (parameter));
}

/* Ctrl+N: what is new on the tab shown; a new programme elsewhere. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  const char *tab = adw_view_stack_get_visible_child_name (kl_programme_view_get_stack (self));

  /* The programme's Overview, Sessions and Attendance grow by a session
   * (a column of the grid); Participants by an enrolment; Costs and
   * Funding by a cost, which the claim counts. */
  if (self->programme_id <= 0)
    kl_editor_show (self->context, kl_actions_get_parent (widget), KL_EDITOR_PROGRAMME, 0);
  else if (g_strcmp0 (tab, "participants") == 0)
    open_window_action (widget, "programme.enrol", NULL);
  else if (g_strcmp0 (tab, "costs") == 0 || g_strcmp0 (tab, "funding") == 0)
    open_window_action (widget, "programme.add-cost", NULL);
  else
    open_window_action (widget, "programme.add-session", NULL);
}

void
kl_programme_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "programme.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "programme.show-tab", "s", show_tab_action);
  gtk_widget_class_install_action (widget_class, "programme.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "programme.history", NULL, open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.add-session", NULL, open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.add-series", NULL, open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.edit-session", "x", open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.delete-session", "x", confirm_delete_action);
  gtk_widget_class_install_action (widget_class, "programme.sign-in-sheet", "x", kl_programme_view_sign_in_sheet_action);
  gtk_widget_class_install_action (widget_class, "programme.attendance-report", NULL,
                                   kl_programme_view_attendance_report_action);
  gtk_widget_class_install_action (widget_class, "programme.enrol", NULL, open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.unenrol", "x", unenrol_action);
  gtk_widget_class_install_action (widget_class, "programme.add-cost", NULL, open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.add-budget-cost", NULL, open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.record-invoice", "x", open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.edit-cost", "x", open_window_action);
  gtk_widget_class_install_action (widget_class, "programme.delete-cost", "x", confirm_delete_action);
  kl_programme_view_install_data_actions (widget_class);
}
