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

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    gtk_window_present (GTK_WINDOW (kl_history_window_new (self->context, parent, self->programme_id)));
}

static void
add_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    gtk_window_present (GTK_WINDOW (kl_session_editor_new (self->context, parent, self->programme_id, 0)));
}

static void
add_series_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    gtk_window_present (GTK_WINDOW (kl_series_dialog_new (self->context, parent, self->programme_id)));
}

static void
edit_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    gtk_window_present (GTK_WINDOW (kl_session_editor_new (self->context, parent, self->programme_id,
                                                           g_variant_get_int64 (parameter))));
}

static void
delete_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);

  kl_session_editor_confirm_delete (self->context, kl_actions_get_parent (widget), g_variant_get_int64 (parameter));
}

static void
enrol_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    gtk_window_present (GTK_WINDOW (kl_enrol_dialog_new (self->context, parent, self->programme_id)));
}

static void
unenrol_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  kl_programme_view_unenrol (KL_PROGRAMME_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
add_cost_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    gtk_window_present (GTK_WINDOW (kl_cost_editor_new (self->context, parent, self->programme_id, 0)));
}

static void
add_budget_cost_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);
  KlCostEditor *editor;

  if (self->programme_id <= 0)
    return;
  editor = kl_cost_editor_new (self->context, parent, self->programme_id, 0);
  kl_cost_editor_set_budget (editor, TRUE);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The invoice for a budget line has come: a new cost from it, the budget
 * line staying as the plan. */
static void
record_invoice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);
  KlCostEditor *editor;

  if (self->programme_id <= 0)
    return;
  editor = kl_cost_editor_new_invoice (self->context, parent, self->programme_id, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_cost_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  GtkWindow *parent = kl_actions_get_parent (widget);

  if (self->programme_id > 0)
    gtk_window_present (GTK_WINDOW (kl_cost_editor_new (self->context, parent, self->programme_id,
                                                        g_variant_get_int64 (parameter))));
}

static void
delete_cost_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);

  kl_cost_editor_confirm_delete (self->context, kl_actions_get_parent (widget), g_variant_get_int64 (parameter));
}

/* Ctrl+N: what is new on the tab shown; a new programme elsewhere. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  const char *tab = adw_view_stack_get_visible_child_name (kl_programme_view_get_stack (self));

  if (self->programme_id > 0 && g_strcmp0 (tab, "sessions") == 0)
    add_session_action (widget, action_name, NULL);
  else if (self->programme_id > 0 && g_strcmp0 (tab, "participants") == 0)
    enrol_action (widget, action_name, NULL);
  else if (self->programme_id > 0 && g_strcmp0 (tab, "costs") == 0)
    add_cost_action (widget, action_name, NULL);
  else
    kl_editor_show (self->context, kl_actions_get_parent (widget), KL_EDITOR_PROGRAMME, 0);
}

void
kl_programme_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "programme.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "programme.show-tab", "s", show_tab_action);
  gtk_widget_class_install_action (widget_class, "programme.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "programme.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "programme.add-session", NULL, add_session_action);
  gtk_widget_class_install_action (widget_class, "programme.add-series", NULL, add_series_action);
  gtk_widget_class_install_action (widget_class, "programme.edit-session", "x", edit_session_action);
  gtk_widget_class_install_action (widget_class, "programme.delete-session", "x", delete_session_action);
  gtk_widget_class_install_action (widget_class, "programme.sign-in-sheet", "x", kl_programme_view_sign_in_sheet_action);
  gtk_widget_class_install_action (widget_class, "programme.attendance-report", NULL,
                                   kl_programme_view_attendance_report_action);
  gtk_widget_class_install_action (widget_class, "programme.enrol", NULL, enrol_action);
  gtk_widget_class_install_action (widget_class, "programme.unenrol", "x", unenrol_action);
  gtk_widget_class_install_action (widget_class, "programme.add-cost", NULL, add_cost_action);
  gtk_widget_class_install_action (widget_class, "programme.add-budget-cost", NULL, add_budget_cost_action);
  gtk_widget_class_install_action (widget_class, "programme.record-invoice", "x", record_invoice_action);
  gtk_widget_class_install_action (widget_class, "programme.edit-cost", "x", edit_cost_action);
  gtk_widget_class_install_action (widget_class, "programme.delete-cost", "x", delete_cost_action);
  kl_programme_view_install_data_actions (widget_class);
}
