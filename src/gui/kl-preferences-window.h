#pragma once

#include <adwaita.h>

#include "kl-context.h"

G_BEGIN_DECLS

#define KL_TYPE_PREFERENCES_WINDOW (kl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (KlPreferencesWindow, kl_preferences_window, KL, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* IMTEC's own details (the sender on every export) and the defaults. The
 * details are saved when the window closes; the defaults at once. */
KlPreferencesWindow *kl_preferences_window_new             (GtkWindow            *parent,
                                                            KlContext            *context);
gboolean             kl_preferences_window_save            (KlPreferencesWindow  *self,
                                                            GError              **error);

/* What a user does, for tests */
void                 kl_preferences_window_set_field       (KlPreferencesWindow  *self,
                                                            const char           *key,
                                                            const char           *value);
const char          *kl_preferences_window_get_field_error (KlPreferencesWindow  *self,
                                                            const char           *key);
const char          *kl_preferences_window_get_scheme      (KlPreferencesWindow  *self);
gboolean             kl_preferences_window_set_scheme      (KlPreferencesWindow  *self,
                                                            const char           *scheme);
void                 kl_preferences_window_set_retention   (KlPreferencesWindow  *self,
                                                            int                   years);
int                  kl_preferences_window_get_retention   (KlPreferencesWindow  *self);
const char          *kl_preferences_window_get_retention_preview (KlPreferencesWindow *self);

G_END_DECLS
