#include "config.h"

#include <glib/gi18n.h>

#include "kl-question.h"

/* The one shape of every question before a step hard to take back. */

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
