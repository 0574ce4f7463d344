#include "config.h"

#include "kl-message-row.h"

struct _KlMessageRow
{
  GtkListBoxRow parent_instance;

  GtkLabel *label;
};

G_DEFINE_FINAL_TYPE (KlMessageRow, kl_message_row, GTK_TYPE_LIST_BOX_ROW)

static void
kl_message_row_class_init (KlMessageRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KlMessageRow, label);
}

static void
kl_message_row_init (KlMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kl_message_row_new (void)
{
  return g_object_new (KL_TYPE_MESSAGE_ROW, NULL);
}

/* NULL or "" hides the row and takes the error look off the field. */
void
kl_message_row_set_message (KlMessageRow *self,
                            GtkWidget    *field,
                            const char   *message)
{
  gboolean show;

  g_return_if_fail (KL_IS_MESSAGE_ROW (self));

  show = message != NULL && *message != '\0';
  gtk_label_set_text (self->label, show ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self), show);
  if (field == NULL)
    return;
  if (show)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}

const char *
kl_message_row_get_message (KlMessageRow *self)
{
  g_return_val_if_fail (KL_IS_MESSAGE_ROW (self), NULL);
  return gtk_label_get_text (self->label);
}
