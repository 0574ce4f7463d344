#pragma once

#include "kl-model.h"
#include "kl-money.h"

G_BEGIN_DECLS

#define KL_DEFAULT_SCHEME "ks-ou-leder"

/* One version of a fund's rules (KS changes them now and then). */
typedef struct
{
  gint64 id;
  char *scheme;
  char *name;
  char *valid_from;
  char *valid_to;
  int rate_permille;
  gint64 fee_cap_ore;              /* per speaker or supervisor per day */
  gint64 participant_fee_cap_ore;  /* per person */
  gint64 study_fee_cap_ore;        /* per participant per semester */
  guint eligible;                  /* bit (1 << KlCostCategory) per eligible category */
} KlSchemeVersion;

typedef enum
{
  KL_RULE_FEE_WITHIN_CAP,
  KL_RULE_FEE_CAPPED,
  KL_RULE_SPEAKER_EXPENSE,
  KL_RULE_EXPENSE_NOT_SPEAKER,
  KL_RULE_PERSON_FEE_WITHIN_CAP,
  KL_RULE_PERSON_FEE_CAPPED,
  KL_RULE_NOT_ELIGIBLE,
} KlRule;

typedef struct
{
  gint64 cost_id;
  KlCostCategory category;
  char *who;              /* consultant or speaker, or NULL */
  gint64 net_ore;
  gint64 vat_ore;
  gint64 cap_ore;         /* the ceiling the line could reach, or KL_NO_AMOUNT */
  gint64 counted_ore;     /* what the fund counts: never VAT */
  KlRule rule;
  char *explanation;
} KlClaimLine;

typedef struct
{
  KlSchemeVersion *scheme;
  GPtrArray *lines;       /* KlClaimLine */
  GPtrArray *warnings;    /* char *: what may make the basis wrong, e.g. fee days that may overlap */
  gint64 net_ore;
  gint64 vat_ore;
  gint64 eligible_ore;
  gint64 claim_ore;       /* rate of the eligible basis, half up to the øre */
  gint64 granted_ore;     /* KL_NO_AMOUNT before a grant */
  gint64 payout_ore;      /* the claim, never above the grant */
} KlClaim;

const char      *kl_rule_to_string        (KlRule                 rule);
const char      *kl_rule_not_eligible_reason (KlCostCategory      category);
KlSchemeVersion *kl_scheme_version_new    (void);
void             kl_scheme_version_free   (KlSchemeVersion       *self);
KlSchemeVersion *kl_scheme_version_copy   (const KlSchemeVersion *self);
KlClaim         *kl_claim_compute         (const KlSchemeVersion *scheme,
                                           GPtrArray             *costs,
                                           gint64                 granted_ore,
                                           KlLang                 lang,
                                           GError               **error);
void             kl_claim_free            (KlClaim               *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlSchemeVersion, kl_scheme_version_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlClaim, kl_claim_free)

G_END_DECLS
