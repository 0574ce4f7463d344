#include "config.h"

#include "kl-dialog.h"

/* What the dialog windows share: the context they are given. */

typedef struct
{
  KlContext *context;
} KlDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KlDialog, kl_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
};

/* Overrides */

static void
kl_dialog_dispose (GObject *object)
{
  KlDialogPrivate *priv = kl_dialog_get_instance_private (KL_DIALOG (object));

  g_clear_object (&priv->context);

  G_OBJECT_CLASS (kl_dialog_parent_class)->dispose (object);
}

static void
kl_dialog_class_init (KlDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_dialog_dispose;
  object_class->get_property = kl_context_holder_get_property;
  object_class->set_property = kl_context_holder_set_property;
  kl_context_install_property (object_class, PROP_CONTEXT, G_PRIVATE_OFFSET (KlDialog, context));
}

static void
kl_dialog_init (KlDialog *self)
{
}

/* Public API */

KlContext *
kl_dialog_get_context (KlDialog *self)
{
  KlDialogPrivate *priv = kl_dialog_get_instance_private (self);

  g_return_val_if_fail (KL_IS_DIALOG (self), NULL);
  return priv->context;
}
