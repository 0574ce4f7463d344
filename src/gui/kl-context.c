#include "config.h"

#include "kl-context.h"
#include "kl-gui-settings.h"

/* The window makes one when its database is open and hands it down as the
 * "context" property, which kl_context_install_property() gives every page,
 * editor and dialog in the same way; commands travel back up as the window's actions
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
};

G_DEFINE_FINAL_TYPE (KlContext, kl_context, G_TYPE_OBJECT)

/* Where in the instance a property made here is kept, on its GParamSpec. */
static GQuark
offset_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("kl-context-offset");
  return quark;
}

/* A construct-only object property kept at @offset: the context of the
 * pages, editors and dialogs, and the context's own database. */
static void
install_object_property (GObjectClass *klass,
                         guint         prop_id,
                         const char   *name,
                         GType         type,
                         glong         offset)
{
  GParamSpec *pspec = g_param_spec_object (name, NULL, NULL, type,
                                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* 0 would be the instance's type pointer, never a property: it stands for none. */
  g_return_if_fail (offset != 0);
  g_param_spec_set_qdata (pspec, offset_quark (), GINT_TO_POINTER ((int) offset));
  g_object_class_install_property (klass, prop_id, pspec);
}

static GObject **
object_field (GObject    *object,
              GParamSpec *pspec)
{
  int offset = GPOINTER_TO_INT (g_param_spec_get_qdata (pspec, offset_quark ()));

  return offset != 0 ? &G_STRUCT_MEMBER (GObject *, object, offset) : NULL;
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
  object_class->get_property = kl_context_holder_get_property;
  object_class->set_property = kl_context_holder_set_property;

  install_object_property (object_class, PROP_DB, "db", KL_TYPE_DB, G_STRUCT_OFFSET (KlContext, db));
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

void
kl_context_install_property (GObjectClass *klass,
                             guint         prop_id,
                             glong         offset)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (klass));

  install_object_property (klass, prop_id, "context", KL_TYPE_CONTEXT, offset);
}

void
kl_context_holder_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GObject **field = object_field (object, pspec);

  if (field != NULL)
    g_value_set_object (value, *field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* Construct-only: the field is still NULL. */
void
kl_context_holder_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GObject **field = object_field (object, pspec);

  if (field != NULL)
    *field = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}
