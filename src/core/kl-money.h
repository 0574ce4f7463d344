#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KL_LANG_NB,
  KL_LANG_EN,
} KlLang;

/* One amount is at most 100 000 000 kr: far above any programme, far
 * below where sums of many amounts could overflow. */
#define KL_MONEY_MAX_ORE G_GINT64_CONSTANT (10000000000)

/* Money is always integer øre. */
gboolean  kl_money_parse          (const char  *text,
                                   gint64      *ore,
                                   GError     **error);
char     *kl_money_format         (gint64       ore,
                                   KlLang       lang);
char     *kl_money_format_amount  (gint64       ore,
                                   KlLang       lang);
char     *kl_money_format_decimal (gint64       ore);
gint64    kl_money_percent        (gint64       ore,
                                   int          permille);
gboolean  kl_money_add            (gint64      *sum,
                                   gint64       ore,
                                   GError     **error);
gboolean  kl_money_times          (gint64       ore,
                                   gint64       factor,
                                   gint64      *product,
                                   GError     **error);
KlLang    kl_lang_from_locale     (void);

G_END_DECLS
