#pragma once

#include <stddef.h>
#include <stdint.h>

#include "kl-db.h"

G_BEGIN_DECLS

/* The entry point libFuzzer calls with each input; fuzz-replay.c calls
 * it with the files of a corpus in a build without libFuzzer. */
int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* One database per process, in a temporary folder removed at exit, with
 * the demo data (clients, participants and programmes to match) made as
 * on a fixed day: the same on every run, so a crash found once is found
 * again. */
KlDb *fuzz_db                (void);
/* A path in that folder, for entry points that read a file. */
char *fuzz_path              (const char    *name);

G_END_DECLS
