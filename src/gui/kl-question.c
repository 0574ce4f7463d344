#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-question.h"

/* The one shape of every question before a step hard to take back, and
 * of the message that says a step was refused. */

typedef struct
{
  KlContext *context;
  KlDeleteFunc delete_func;
  gint64 id;
  char *refusal_heading;
} DeleteQuestion;

static void
delete_question_free (gpointer  data,
                      GClosure *closure)
{
  DeleteQuestion *question = data;

  g_object_unref (question->context);
  g_free (question->refusal_heading);
  g_free (question);
}

static AdwMessageDialog *
question_new (GtkWindow  *parent,
              const char *heading,
              const char *body,
              const char *way_out,
              const char *way_out_label,
              const char *response,
              const char *label)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog, way_out, way_out_label, response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, way_out);
  adw_message_dialog_set_close_response (dialog, way_out);
  return dialog;
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DeleteQuestion   *question)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  /* The undo toast goes from the dialog to the window it is transient for. */
  if (question->delete_func (question->context, GTK_WINDOW (dialog), question->id, &error))
    return;
  if (question->refusal_heading == NULL)
    {
      kl_actions_toast (GTK_WIDGET (dialog), error->message);
      return;
    }
  kl_question_show_message (gtk_window_get_transient_for (GTK_WINDOW (dialog)), question->refusal_heading,
                            error->message);
}

AdwMessageDialog *
kl_question_new (GtkWindow  *parent,
                 const char *heading,
                 const char *body,
                 const char *response,
                 const char *label)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (response != NULL && label != NULL, NULL);

  return question_new (parent, heading, body, "cancel", _("_Cancel"), response, label);
}

AdwMessageDialog *
kl_question_new_discard (GtkWindow  *parent,
                         const char *body)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return question_new (parent, _("Discard Changes?"), body, "keep", _("_Keep Editing"), "discard", _("_Discard"));
}

void
kl_question_show_message (GtkWindow  *parent,
                          const char *heading,
                          const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kl_question_confirm_delete (KlContext    *context,
                            GtkWindow    *parent,
                            const char   *name,
                            const char   *body,
                            KlDeleteFunc  delete_func,
                            gint64        id,
                            const char   *refusal_heading)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  DeleteQuestion *question;

  g_return_if_fail (KL_IS_CONTEXT (context));
  g_return_if_fail (delete_func != NULL);

  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = kl_question_new (parent, heading, body, "delete", _("_Delete"));
  question = g_new0 (DeleteQuestion, 1);
  question->context = g_object_ref (context);
  question->delete_func = delete_func;
  question->id = id;
  question->refusal_heading = g_strdup (refusal_heading);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response_cb), question, delete_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
