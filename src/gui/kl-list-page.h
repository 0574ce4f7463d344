#pragma once

#include <gtk/gtk.h>

#include "kl-context.h"

G_BEGIN_DECLS

typedef enum
{
  KL_LIST_PROGRAMMES,
  KL_LIST_CLIENTS,
  KL_LIST_PARTICIPANTS,
  KL_LIST_CONSULTANTS,
} KlListKind;

#define KL_TYPE_LIST_PAGE (kl_list_page_get_type ())

G_DECLARE_FINAL_TYPE (KlListPage, kl_list_page, KL, LIST_PAGE, GtkWidget)

KlListPage *kl_list_page_new          (KlContext   *context,
                                       KlListKind   kind);
KlListKind  kl_list_page_get_kind     (KlListPage  *self);
const char *kl_list_page_get_title    (KlListPage  *self);
const char *kl_list_page_get_new_label(KlListPage  *self);
void        kl_list_page_reload       (KlListPage  *self);
void        kl_list_page_focus_search (KlListPage  *self);
void        kl_list_page_set_search   (KlListPage  *self,
                                       const char  *text);
void        kl_list_page_set_filter   (KlListPage  *self,
                                       const char  *value);
guint       kl_list_page_get_n_rows   (KlListPage  *self);
gint64      kl_list_page_get_row_id   (KlListPage  *self,
                                       guint        position);
const char *kl_list_page_get_visible  (KlListPage  *self);
GtkColumnView *kl_list_page_get_column_view (KlListPage *self);
/* Selects the record's row and scrolls to it, when it is there. */
void        kl_list_page_reveal       (KlListPage  *self,
                                       gint64       id);

G_END_DECLS
