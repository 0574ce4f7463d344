#pragma once

#include "kl-csv.h"
#include "kl-db.h"
#include "kl-model.h"

G_BEGIN_DECLS

/* Participants from a client's list into a programme: first a plan that
 * says per row what would happen and what is wrong, then, once the user
 * agrees, the plan applied in one transaction. */

typedef enum
{
  KL_IMPORT_NEW,       /* a participant is added and enrolled */
  KL_IMPORT_MATCHED,   /* an existing participant is enrolled */
  KL_IMPORT_SKIPPED,   /* nothing happens for this row */
} KlImportAction;

typedef enum
{
  KL_IMPORT_WARNING,   /* imported anyway, e.g. a workplace not among the clients */
  KL_IMPORT_ERROR,     /* the row cannot be imported, e.g. no name */
} KlImportSeverity;

typedef struct
{
  KlImportSeverity severity;
  char *message;
} KlImportProblem;

typedef struct
{
  guint line;                 /* where the record starts in the file */
  KlImportAction action;
  KlParticipant *participant; /* as it will be stored; id of the match when matched */
  char *workplace;            /* the workplace as written in the file */
  gboolean enrolled;          /* matched and already in the programme */
  GPtrArray *problems;        /* KlImportProblem */
} KlImportRow;

typedef struct
{
  char *name;                 /* the file, for messages */
  const char *encoding;       /* as the file was read: "UTF-8", "WINDOWS-1252", ... */
  char separator;
  gint64 programme_id;
  GPtrArray *rows;            /* KlImportRow, in file order */
  GPtrArray *notes;           /* char *: columns ignored, encoding, ... */
  guint n_new;
  guint n_matched;
  guint n_skipped;
  guint n_errors;             /* rows with an error */
  guint n_warnings;           /* rows with a warning only */
} KlImportPlan;

typedef struct
{
  guint added;                /* new participants */
  guint enrolled;             /* enrolments made, new and matched */
  guint updated;              /* matched participants whose empty fields were filled */
  GArray *created_ids;        /* gint64: participants added */
  GArray *enrolled_ids;       /* gint64: participants enrolled by the import */
} KlImportResult;

/* How far planning or applying has come, called in the thread that does
 * it every few hundred rows and at the end. */
typedef void (*KlImportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer data);

KlImportPlan *kl_import_plan_table   (KlDb               *db,
                                      gint64              programme_id,
                                      const KlCsvTable   *table,
                                      const char         *name,
                                      GError            **error);
KlImportPlan *kl_import_plan_file    (KlDb               *db,
                                      gint64              programme_id,
                                      const char         *path,
                                      GError            **error);
gboolean      kl_import_apply        (KlDb               *db,
                                      KlImportPlan       *plan,
                                      gboolean            skip_bad_rows,
                                      KlImportResult     *result,
                                      GError            **error);
/* The same, cancellable (G_IO_ERROR_CANCELLED: nothing planned, or
 * nothing applied), with progress. */
KlImportPlan *kl_import_plan_file_full (KlDb                 *db,
                                        gint64                programme_id,
                                        const char           *path,
                                        GCancellable         *cancellable,
                                        KlImportProgressFunc  progress,
                                        gpointer              progress_data,
                                        GError              **error);
gboolean      kl_import_apply_full   (KlDb                 *db,
                                      KlImportPlan         *plan,
                                      gboolean              skip_bad_rows,
                                      GCancellable         *cancellable,
                                      KlImportProgressFunc  progress,
                                      gpointer              progress_data,
                                      KlImportResult       *result,
                                      GError              **error);
gboolean      kl_import_row_has_error(const KlImportRow  *row);
char         *kl_import_row_describe_problems (const KlImportRow *row);
const char   *kl_import_action_label (KlImportAction      action);
void          kl_import_plan_free    (KlImportPlan       *plan);
void          kl_import_result_clear (KlImportResult     *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlImportPlan, kl_import_plan_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KlImportResult, kl_import_result_clear)

G_END_DECLS
