#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KL_ERROR (kl_error_quark ())

/* Validation errors name the field in their message ("Org number: ..."),
 * and the code tells a program which rule was broken. */
typedef enum
{
  KL_ERROR_FAILED,
  KL_ERROR_REQUIRED,          /* a required field is empty */
  KL_ERROR_INVALID_ORGNR,
  KL_ERROR_INVALID_ACCOUNT,
  KL_ERROR_INVALID_EMAIL,
  KL_ERROR_INVALID_DATE,
  KL_ERROR_DATE_ORDER,        /* an end before its start */
  KL_ERROR_INVALID_AMOUNT,    /* unparsable or negative money */
  KL_ERROR_INVALID_VALUE,     /* an unknown kind, status, category, ... */
  KL_ERROR_MISSING_DAYS,      /* a fee line without days */
  KL_ERROR_INVALID_CASE_NO,
  KL_ERROR_TRANSITION,        /* an impossible funding status change */
  KL_ERROR_NOT_FOUND,
  KL_ERROR_IN_USE,            /* others depend on what is to be deleted */
  KL_ERROR_DUPLICATE,
  KL_ERROR_DB,                /* SQLite said no */
  KL_ERROR_DB_DAMAGED,        /* an SQLite file that fails its checks */
  KL_ERROR_DB_TOO_NEW,        /* written by a newer Kartleser */
  KL_ERROR_INCOMPLETE,        /* a document lacks what it must show (no grant, no org number, ...) */
  KL_ERROR_INVALID_FILE,      /* a file to read is not what it should be (CSV, XML, backup) */
  KL_ERROR_MISMATCH,          /* a file's totals disagree with its lines */
  KL_ERROR_UNCONFIRMED,       /* a step that must be confirmed (a payment above the grant) */
  KL_ERROR_DB_FOREIGN,        /* not a Kartleser database (another program's, or no database at all) */
  KL_ERROR_DB_READ_ONLY,      /* the file cannot be written: opened read-only, or cannot be opened at all */
  KL_ERROR_NOT_ALLOWED,       /* the team server refuses this to the user's role */
  KL_ERROR_CONFLICT,          /* saved on a stale copy: someone changed the record meanwhile */
} KlError;

GQuark kl_error_quark (void);

G_END_DECLS
