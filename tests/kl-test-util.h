#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh private folder for one test's files. */
char *kl_test_make_dir   (const char *tag);
/* Removes it with everything in it, and checks it is gone. */
void  kl_test_remove_dir (const char *path);

/* Messages in the language of LC_ALL, from the build tree's catalogues
 * (KARTLESER_LOCALEDIR), as the programs themselves load them. */
void  kl_test_bind_translations (void);
/* Benchmarks: timings in ascending order, so [n / 2] is the median. */
void  kl_test_sort_times        (double     *times,
                                 guint       n);

G_END_DECLS
