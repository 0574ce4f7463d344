#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What people read for the identifiers the model stores: "kommune" is
 * shown as "Municipality" in English and "Kommune" in Norwegian. */
typedef enum
{
  KL_LABELS_CLIENT_KIND,
  KL_LABELS_PROGRAMME_KIND,
  KL_LABELS_PROGRAMME_STATUS,
  KL_LABELS_SESSION_KIND,
  KL_LABELS_ATTENDANCE,
  KL_LABELS_COST_CATEGORY,
  KL_LABELS_FUNDING_STATUS,
  KL_LABELS_CONSULTANT_KIND,
} KlLabels;

const char        *kl_label         (KlLabels     set,
                                     const char  *value);
const char        *kl_label_msgid   (KlLabels     set,
                                     const char  *value);
const char *const *kl_label_values  (KlLabels     set);
char              *kl_format_date   (const char  *iso_date);
const char        *kl_label_search_kind   (const char *kind);
const char        *kl_label_fund_document (const char *kind);
int                kl_label_width         (KlLabels    set);

G_END_DECLS
