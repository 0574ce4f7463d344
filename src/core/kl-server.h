#pragma once

#include "kl-db.h"

G_BEGIN_DECLS

/* The team server's roles (README, "Team server"): two group roles per
 * database, and login roles in one of them. */
typedef enum
{
  KL_SERVER_OFFICE,
  KL_SERVER_CONSULTANT,
} KlServerRole;

gboolean  kl_server_parse_role  (const char    *name,
                                 KlServerRole  *role);
/* kl_<database>_office or kl_<database>_consultant, the database's name
 * made a plain identifier. */
char     *kl_server_group_role  (KlDb          *db,
                                 KlServerRole   role);
/* Creates the group roles when the login may, and grants them their
 * rights (again: it may run any number of times). When it may not create
 * roles, *statements is set to what a superuser should run, and nothing
 * is granted until init runs again. */
gboolean  kl_server_setup_roles (KlDb          *db,
                                 char         **statements,
                                 GError       **error);
/* A login role in a group; consultant_id 0 for none. */
gboolean  kl_server_add_user    (KlDb          *db,
                                 const char    *login,
                                 KlServerRole   role,
                                 gint64         consultant_id,
                                 const char    *password,
                                 GError       **error);

G_END_DECLS
