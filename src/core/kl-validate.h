#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each check names the field (label) in its message, so a form can show it
 * next to the field and the CLI can print it as it is. An empty value is
 * accepted by all but kl_validate_required: optional fields stay optional. */
gboolean kl_validate_required  (const char  *label,
                                const char  *value,
                                GError     **error);
gboolean kl_validate_orgnr     (const char  *label,
                                const char  *value,
                                GError     **error);
gboolean kl_validate_account   (const char  *label,
                                const char  *value,
                                GError     **error);
gboolean kl_validate_email     (const char  *label,
                                const char  *value,
                                GError     **error);
gboolean kl_validate_date      (const char  *label,
                                const char  *value,
                                GError     **error);
gboolean kl_validate_datetime  (const char  *label,
                                const char  *value,
                                GError     **error);
gboolean kl_validate_order     (const char  *start_label,
                                const char  *start,
                                const char  *end_label,
                                const char  *end,
                                GError     **error);
gboolean kl_validate_case_no   (const char  *label,
                                const char  *value,
                                GError     **error);
gboolean kl_validate_amount    (const char  *label,
                                gint64       ore,
                                GError     **error);
gboolean kl_validate_one_of    (const char  *label,
                                const char  *value,
                                const char  *const *allowed,
                                GError     **error);

gboolean kl_mod11_check        (const char  *digits,
                                const int   *weights,
                                guint        n_weights);
char    *kl_normalize_number   (const char  *value);
char    *kl_today              (void);

G_END_DECLS
