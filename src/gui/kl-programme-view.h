#pragma once

#include <adwaita.h>

#include "kl-attendance-grid-view.h"
#include "kl-context.h"
#include "kl-fund-documents-group.h"

G_BEGIN_DECLS

#define KL_TYPE_PROGRAMME_VIEW (kl_programme_view_get_type ())

G_DECLARE_FINAL_TYPE (KlProgrammeView, kl_programme_view, KL, PROGRAMME_VIEW, GtkWidget)

/* The steps of a funding case, each recorded from the Funding tab. */
typedef enum
{
  KL_FUNDING_STEP_APPLICATION,
  KL_FUNDING_STEP_GRANT,
  KL_FUNDING_STEP_PAYOUT,
  KL_FUNDING_STEP_PAID,
} KlFundingStep;

/* One programme in detail: Overview, Sessions, Participants, Attendance,
 * Costs and Funding, in an AdwViewStack the window's switcher shows. It
 * follows the database: what changes is shown again. */
KlProgrammeView      *kl_programme_view_new                  (KlContext       *context);
void                  kl_programme_view_set_programme        (KlProgrammeView *self,
                                                              gint64           programme_id);
gint64                kl_programme_view_get_programme        (KlProgrammeView *self);
const char           *kl_programme_view_get_title            (KlProgrammeView *self);
AdwViewStack         *kl_programme_view_get_stack            (KlProgrammeView *self);
void                  kl_programme_view_reload               (KlProgrammeView *self);
gboolean              kl_programme_view_show_tab             (KlProgrammeView *self,
                                                              const char      *name);
gboolean              kl_programme_view_show_session         (KlProgrammeView *self,
                                                              gint64           session_id);

/* For tests, and for anyone who wants to know what is on screen. */
const char           *kl_programme_view_get_tab_state        (KlProgrammeView *self,
                                                              const char      *tab);
guint                 kl_programme_view_count_rows           (KlProgrammeView *self,
                                                              const char      *tab);
KlAttendanceGridView *kl_programme_view_get_attendance_grid  (KlProgrammeView *self);
const char           *kl_programme_view_get_total            (KlProgrammeView *self,
                                                              const char      *name);
const char           *kl_programme_view_get_comparison       (KlProgrammeView *self,
                                                              const char      *row,
                                                              const char      *column);
char                 *kl_programme_view_get_warnings         (KlProgrammeView *self);
char                 *kl_programme_view_get_costs_warnings   (KlProgrammeView *self);
KlFundDocumentsGroup *kl_programme_view_get_documents_group  (KlProgrammeView *self);
GtkEditable          *kl_programme_view_get_funding_field    (KlProgrammeView *self,
                                                              const char      *name);
const char           *kl_programme_view_get_funding_message  (KlProgrammeView *self,
                                                              const char      *name);
gboolean              kl_programme_view_record_funding_step  (KlProgrammeView *self,
                                                              KlFundingStep    step,
                                                              GError         **error);
AdwMessageDialog     *kl_programme_view_get_confirmation     (KlProgrammeView *self);
const char           *kl_programme_view_get_funding_figure   (KlProgrammeView *self,
                                                              const char      *name);

G_END_DECLS
