#pragma once

#include <gtk/gtk.h>

#include "kl-context.h"

G_BEGIN_DECLS

#define KL_TYPE_OVERVIEW_PAGE (kl_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (KlOverviewPage, kl_overview_page, KL, OVERVIEW_PAGE, GtkWidget)

KlOverviewPage *kl_overview_page_new     (KlContext      *context);
void            kl_overview_page_reload  (KlOverviewPage *self);
gboolean        kl_overview_page_is_loading (KlOverviewPage *self);
guint           kl_overview_page_count   (KlOverviewPage *self,
                                          const char     *section);
char           *kl_overview_page_get_text (KlOverviewPage *self,
                                           const char     *section);
GtkWidget      *kl_overview_page_get_row  (KlOverviewPage *self,
                                           const char     *section,
                                           guint           index);

G_END_DECLS
