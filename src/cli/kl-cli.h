#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs kartleser-cli: 0 on success, 1 on failure, 2 on a usage error. */
int kl_cli_run (int    argc,
                char **argv);

G_END_DECLS
