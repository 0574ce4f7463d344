#include "config.h"

#include "kl-undo.h"

#define MAX_STEPS 100

typedef struct
{
  char *label;
  KlUndoFunc func;
  gpointer data;
  GDestroyNotify destroy;
} Step;

struct _KlUndo
{
  GObject parent_instance;

  GQueue steps;  /* newest first */
};

G_DEFINE_FINAL_TYPE (KlUndo, kl_undo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_free (Step *step)
{
  if (step->destroy != NULL)
    step->destroy (step->data);
  g_free (step->label);
  g_free (step);
}

static void
kl_undo_finalize (GObject *object)
{
  KlUndo *self = KL_UNDO (object);

  g_queue_clear_full (&self->steps, (GDestroyNotify) step_free);

  G_OBJECT_CLASS (kl_undo_parent_class)->finalize (object);
}

static void
kl_undo_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  KlUndo *self = KL_UNDO (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, kl_undo_can_undo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_undo_class_init (KlUndoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_undo_finalize;
  object_class->get_property = kl_undo_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_undo_init (KlUndo *self)
{
  g_queue_init (&self->steps);
}

KlUndo *
kl_undo_new (void)
{
  return g_object_new (KL_TYPE_UNDO, NULL);
}

void
kl_undo_push (KlUndo         *self,
              const char     *label,
              KlUndoFunc      func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  Step *step;

  g_return_if_fail (KL_IS_UNDO (self));
  g_return_if_fail (func != NULL);

  step = g_new0 (Step, 1);
  step->label = g_strdup (label);
  step->func = func;
  step->data = data;
  step->destroy = destroy;
  g_queue_push_head (&self->steps, step);
  while (g_queue_get_length (&self->steps) > MAX_STEPS)
    step_free (g_queue_pop_tail (&self->steps));
  if (g_queue_get_length (&self->steps) == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

gboolean
kl_undo_can_undo (KlUndo *self)
{
  g_return_val_if_fail (KL_IS_UNDO (self), FALSE);
  return !g_queue_is_empty (&self->steps);
}

const char *
kl_undo_peek_label (KlUndo *self)
{
  Step *step;

  g_return_val_if_fail (KL_IS_UNDO (self), NULL);

  step = g_queue_peek_head (&self->steps);
  return step ? step->label : NULL;
}

/* The step is used up whether or not it worked: a failed undo is not
 * retried with the same stale data. */
gboolean
kl_undo_undo (KlUndo  *self,
              GError **error)
{
  Step *step;
  gboolean ok;

  g_return_val_if_fail (KL_IS_UNDO (self), FALSE);

  step = g_queue_pop_head (&self->steps);
  if (step == NULL)
    return TRUE;
  ok = step->func (step->data, error);
  step_free (step);
  if (g_queue_is_empty (&self->steps))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  return ok;
}
