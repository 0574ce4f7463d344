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
char                *kl_preferences_window_get_field       (KlPreferencesWindow  *self,
                                                            const char           *key);
const char          *kl_preferences_window_get_field_error (KlPreferencesWindow  *self,
                                                            const char           *key);
const char          *kl_preferences_window_get_scheme      (KlPreferencesWindow  *self);
gboolean             kl_preferences_window_set_scheme      (KlPreferencesWindow  *self,
                                                            const char           *scheme);
void                 kl_preferences_window_set_retention   (KlPreferencesWindow  *self,
                                                            int                   years);
int                  kl_preferences_window_get_retention   (KlPreferencesWindow  *self);
const char          *kl_preferences_window_get_retention_preview (KlPreferencesWindow *self);

void                 kl_preferences_window_confirm_anonymise (KlPreferencesWindow *self);
AdwMessageDialog    *kl_preferences_window_get_confirmation  (KlPreferencesWindow *self);
gboolean             kl_preferences_window_can_anonymise     (KlPreferencesWindow *self);
guint                kl_preferences_window_get_n_copies      (KlPreferencesWindow *self);
const char          *kl_preferences_window_get_copy_title    (KlPreferencesWindow *self,
                                                              guint                index);
const char          *kl_preferences_window_get_copy_subtitle (KlPreferencesWindow *self,
                                                              guint                index);

G_END_DECLS
