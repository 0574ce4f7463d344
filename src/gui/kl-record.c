#include "config.h"

#include "kl-record.h"

struct _KlRecord
{
  GObject parent_instance;

  gint64 id;
  GStrv values;
};

G_DEFINE_FINAL_TYPE (KlRecord, kl_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kl_record_finalize (GObject *object)
{
  KlRecord *self = KL_RECORD (object);

  g_strfreev (self->values);

  G_OBJECT_CLASS (kl_record_parent_class)->finalize (object);
}

static void
kl_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KlRecord *self = KL_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_record_class_init (KlRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_record_finalize;
  object_class->get_property = kl_record_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_record_init (KlRecord *self)
{
}

/* Takes the values. */
KlRecord *
kl_record_new (gint64 id,
               GStrv  values)
{
  KlRecord *self = g_object_new (KL_TYPE_RECORD, NULL);

  self->id = id;
  self->values = values;
  return self;
}

/* Takes the values; notifies even for the same id, as the values of a
 * record may have changed in the database. */
void
kl_record_set (KlRecord *self,
               gint64    id,
               GStrv     values)
{
  g_return_if_fail (KL_IS_RECORD (self));

  g_strfreev (self->values);
  self->values = values;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
kl_record_get_id (KlRecord *self)
{
  g_return_val_if_fail (KL_IS_RECORD (self), 0);
  return self->id;
}

const char *
kl_record_get_value (KlRecord *self,
                     guint     column)
{
  g_return_val_if_fail (KL_IS_RECORD (self), NULL);

  if (self->values == NULL || column >= g_strv_length (self->values))
    return "";
  return self->values[column];
}
