#include "config.h"

#include "kl-error.h"

G_DEFINE_QUARK (kl-error-quark, kl_error)
