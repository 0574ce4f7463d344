#include "config.h"

#include "kl-actions.h"

/* Returns whether some window up the chain has the action. */
gboolean
kl_actions_activate (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  g_autoptr(GVariant) sunk = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  GtkRoot *root;
  GtkWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (gtk_widget_activate_action_variant (widget, name, sunk))
    return TRUE;
  root = gtk_widget_get_root (widget);
  window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : GTK_IS_WINDOW (widget) ? GTK_WINDOW (widget) : NULL;
  for (window = window ? gtk_window_get_transient_for (window) : NULL; window != NULL;
       window = gtk_window_get_transient_for (window))
    if (gtk_widget_activate_action_variant (GTK_WIDGET (window), name, sunk))
      return TRUE;
  return FALSE;
}

AdwToast *
kl_actions_new_toast (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

void
kl_actions_toast (GtkWidget  *widget,
                  const char *text)
{
  if (!kl_actions_activate (widget, "win.show-toast", g_variant_new_string (text)))
    g_debug ("No window for the toast: %s", text);
}

void
kl_actions_offer_undo (GtkWidget  *widget,
                       const char *label)
{
  kl_actions_activate (widget, "win.offer-undo", g_variant_new_string (label));
}

void
kl_actions_push_undo (GtkWidget      *widget,
                      KlUndo         *undo,
                      const char     *label,
                      KlUndoFunc      func,
                      gpointer        data,
                      GDestroyNotify  destroy)
{
  g_return_if_fail (KL_IS_UNDO (undo));

  kl_undo_push (undo, label, func, data, destroy);
  kl_actions_offer_undo (widget, label);
}

void
kl_actions_open_programme (GtkWidget *widget,
                           gint64     programme_id)
{
  kl_actions_activate (widget, "win.open-programme", g_variant_new_int64 (programme_id));
}

GtkWindow *
kl_actions_get_parent (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}
