#include "config.h"

#include "kl-context.h"
#include "kl-gui-settings.h"

/* The window makes one when its database is open and hands it down as the
 * "context" property; commands travel back up as the window's actions
 * (kl-actions.h), so nothing below the window needs to know it. */

struct _KlContext
{
  GObject parent_instance;

  KlDb *db;
  KlUndo *undo;
  GSettings *settings;   /* NULL when run without the schema */
  int role;              /* a KlServerRole; -1 until looked up */
};

enum {
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KlContext, kl_context, G_TYPE_OBJECT)

static void
kl_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KlContext *self = KL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KlContext *self = KL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_context_dispose (GObject *object)
{
  KlContext *self = KL_CONTEXT (object);

  g_clear_object (&self->db);
  g_clear_object (&self->undo);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kl_context_parent_class)->dispose (object);
}

static void
kl_context_class_init (KlContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_context_dispose;
  object_class->get_property = kl_context_get_property;
  object_class->set_property = kl_context_set_property;

  properties[PROP_DB] = g_param_spec_object ("db", NULL, NULL, KL_TYPE_DB,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_context_init (KlContext *self)
{
  self->role = -1;
  self->undo = kl_undo_new ();
  self->settings = kl_settings_new_if_installed ();
}

KlContext *
kl_context_new (KlDb *db)
{
  g_return_val_if_fail (KL_IS_DB (db), NULL);

  return g_object_new (KL_TYPE_CONTEXT, "db", db, NULL);
}

KlDb *
kl_context_get_db (KlContext *self)
{
  g_return_val_if_fail (KL_IS_CONTEXT (self), NULL);
  return self->db;
}

KlUndo *
kl_context_get_undo (KlContext *self)
{
  g_return_val_if_fail (KL_IS_CONTEXT (self), NULL);
  return self->undo;
}

/* NULL when the application's schema is not installed (some tests). */
GSettings *
kl_context_get_settings (KlContext *self)
{
  g_return_val_if_fail (KL_IS_CONTEXT (self), NULL);
  return self->settings;
}

/* A member of the office group is the office, whatever else; a superuser
 * or the owner is a member of every group, so the office too. Only a
 * member of the consultant group and not of the office's is limited. */
KlServerRole
kl_context_role_of (KlDb *db)
{
  static const char *sql = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r "
                           "WHERE r.rolname = ? AND pg_catalog.pg_has_role (current_user, r.oid, 'MEMBER'))";
  g_autofree char *office = NULL;
  g_autofree char *consultant = NULL;
  gboolean is_office;
  gboolean is_consultant;

  g_return_val_if_fail (KL_IS_DB (db), KL_SERVER_OFFICE);

  if (!kl_db_location_is_server (kl_db_get_path (db)))
    return KL_SERVER_OFFICE;
  office = kl_server_group_role (db, KL_SERVER_OFFICE);
  consultant = kl_server_group_role (db, KL_SERVER_CONSULTANT);
  {
    g_autoptr(KlStmt) stmt = kl_db_query (db, NULL, sql, "t", office);

    is_office = stmt == NULL || !kl_stmt_next (stmt, NULL) || kl_stmt_int (stmt, 0) != 0;
  }
  {
    g_autoptr(KlStmt) stmt = kl_db_query (db, NULL, sql, "t", consultant);

    is_consultant = stmt != NULL && kl_stmt_next (stmt, NULL) && kl_stmt_int (stmt, 0) != 0;
  }
  return is_consultant && !is_office ? KL_SERVER_CONSULTANT : KL_SERVER_OFFICE;
}

KlServerRole
kl_context_get_role (KlContext *self)
{
  g_return_val_if_fail (KL_IS_CONTEXT (self), KL_SERVER_OFFICE);

  if (self->role < 0)
    self->role = kl_context_role_of (self->db);
  return self->role;
}
