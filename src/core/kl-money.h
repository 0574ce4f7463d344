#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KL_LANG_NB,
  KL_LANG_EN,
} KlLang;

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
KlLang    kl_lang_from_locale     (void);

G_END_DECLS
