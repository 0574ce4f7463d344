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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Overrides */

static void
kl_dialog_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KlDialogPrivate *priv = kl_dialog_get_instance_private (KL_DIALOG (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_dialog_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KlDialogPrivate *priv = kl_dialog_get_instance_private (KL_DIALOG (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

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
  object_class->get_property = kl_dialog_get_property;
  object_class->set_property = kl_dialog_set_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, KL_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
