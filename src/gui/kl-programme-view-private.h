#pragma once

#include "kl-actions.h"
#include "kl-attendance-grid-view.h"
#include "kl-context.h"
#include "kl-fund-documents-group.h"
#include "kl-field-set.h"
#include "kl-programme-view.h"
#include "kl-store.h"

G_BEGIN_DECLS

/* The view is one class split by concern: kl-programme-view.c (the frame,
 * the overview and attendance), kl-programme-view-actions.c (the editors
 * and dialogs it opens), kl-programme-view-lists.c (sessions and
 * participants), kl-programme-view-costs.c and kl-programme-view-funding.c. */

typedef enum
{
  KL_TAB_OVERVIEW,
  KL_TAB_SESSIONS,
  KL_TAB_PARTICIPANTS,
  KL_TAB_ATTENDANCE,
  KL_TAB_COSTS,
  KL_TAB_FUNDING,
  KL_N_TABS
} KlTab;

struct _KlProgrammeView
{
  GtkWidget parent_instance;

  KlContext *context;
  AdwViewStack *stack;
  GtkLabel *overview_title;
  GtkWidget *edit_button;
  AdwActionRow *client_row;
  AdwActionRow *period_row;
  AdwActionRow *kind_row;
  AdwActionRow *status_row;
  AdwActionRow *lead_row;
  AdwActionRow *sessions_summary_row;
  AdwActionRow *participants_summary_row;
  AdwActionRow *attendance_summary_row;
  AdwActionRow *costs_summary_row;
  AdwActionRow *funding_summary_row;
  AdwActionRow *goals_row;
  AdwActionRow *target_row;
  AdwActionRow *q_current_row;
  AdwActionRow *q_future_row;
  AdwActionRow *q_process_row;
  GtkStack *sessions_stack;
  GtkLabel *sessions_summary;
  AdwSqueezer *sessions_actions;
  GtkWidget *sessions_buttons;
  GtkWidget *sessions_menu_button;
  GtkListBox *sessions_list;
  AdwStatusPage *sessions_empty;
  GtkStack *participants_stack;
  GtkLabel *participants_summary;
  GtkListView *participants_view;
  AdwStatusPage *participants_empty;
  GtkStack *attendance_stack;
  GtkLabel *attendance_legend;
  GtkScrolledWindow *attendance_scroller;
  KlAttendanceGridView *attendance_grid;   /* made with the context, in kl_programme_view_new */
  AdwStatusPage *attendance_empty;
  GtkWidget *attendance_add_session;
  GtkWidget *attendance_enrol;
  GtkStack *costs_stack;
  AdwPreferencesGroup *costs_warnings_group;
  GtkBox *costs_warnings;
  AdwPreferencesGroup *totals_group;
  GtkBox *comparison_wide;
  GtkBox *comparison_narrow;
  AdwPreferencesGroup *budget_group;
  GtkListBox *budget_list;
  AdwPreferencesGroup *costs_group;
  GtkListBox *costs_list;
  AdwStatusPage *costs_empty;
  AdwPreferencesGroup *warnings_group;
  GtkBox *funding_warnings;
  AdwPreferencesGroup *figures_group;
  GtkFlowBox *figures_box;
  GtkLabel *funding_status_label;
  AdwPreferencesGroup *application_group;
  GtkWidget *application_button;
  AdwEntryRow *applied_date_row;
  AdwEntryRow *applied_amount_row;
  AdwActionRow *rejection_row;
  GtkWidget *rejection_button;
  AdwPreferencesGroup *grant_group;
  GtkWidget *grant_button;
  AdwEntryRow *case_no_row;
  AdwEntryRow *granted_amount_row;
  AdwEntryRow *grant_date_row;
  AdwEntryRow *expiry_date_row;
  AdwPreferencesGroup *payout_group;
  GtkWidget *payout_button;
  GtkLabel *payout_claim_label;
  AdwEntryRow *payout_date_row;
  AdwPreferencesGroup *paid_group;
  GtkWidget *paid_button;
  AdwEntryRow *paid_amount_row;
  AdwEntryRow *paid_date_row;
  GtkLabel *claim_basis_label;
  GtkLabel *claim_rate_label;
  AdwPreferencesGroup *claim_group;
  GtkLabel *claim_amount_label;
  AdwActionRow *claim_granted_row;
  GtkLabel *claim_granted_label;
  GtkLabel *claim_payout_label;
  AdwPreferencesGroup *lines_group;
  GtkListBox *funding_lines;
  KlFundDocumentsGroup *documents_group;
  GtkLabel *attendance_warnings;

  KlDb *db;
  gint64 programme_id;
  KlProgramme *programme;
  char *title;
  gulong changed_id;
  guint reload_id;
  guint sessions_mode_id;
  gboolean sessions_narrow;   /* the Sessions tab's header has folded its buttons into a menu */
  guint stale;          /* bit (1 << KlTab) per tab whose data changed */
  gboolean grid_stale;  /* the attendance grid's data, which several tabs use */
  GListStore *participants;   /* KlRecord: name, details, rate */
  GHashTable *comparison;     /* "row/column" to the text shown in the Costs tab's Budget and Actuals */
  KlFundingCase *funding;
  gboolean filling_funding;
  /* Typed into the funding fields and not saved yet: a reload for
   * another client's change leaves the fields alone. */
  gboolean funding_edited;
  /* The case's version when the fields were filled from it: a step is
   * recorded over that version, so a colleague's save since is not lost. */
  gint64 funding_version;
  KlFieldSet *funding_fields;   /* the funding steps' fields and what is said under them; kept as object data */
  char *figures[4];           /* applied, granted, claimed, paid as shown */
  AdwMessageDialog *confirmation;   /* a funding step or early certificates waiting for the user's word */
};

void      kl_programme_view_show_error       (KlProgrammeView *self,
                                              const char      *heading,
                                              const GError    *error);
void      kl_programme_view_clear_list       (GtkListBox      *list);
char     *kl_programme_view_format_money     (gint64           ore);
void      kl_programme_view_ensure_grid      (KlProgrammeView *self);
void      kl_programme_view_clear_box        (GtkBox          *box);
void      kl_programme_view_add_card         (GtkBox          *box,
                                              const char      *style,
                                              const char      *text);
char     *kl_programme_view_read_cards       (GtkBox          *box);

GtkWidget *kl_programme_view_icon_button     (const char      *icon,
                                              const char      *tooltip,
                                              const char      *action,
                                              gint64           id);
GtkWidget *kl_programme_view_new_row         (const char      *title,
                                              const char      *subtitle);
GtkWidget *kl_programme_view_two_lines       (const char      *first,
                                              const char      *second,
                                              float            xalign,
                                              int              width_chars);
char      *kl_programme_view_join_parts      (GPtrArray       *parts);

void      kl_programme_view_init_lists        (KlProgrammeView *self);
void      kl_programme_view_load_sessions     (KlProgrammeView *self);
void      kl_programme_view_load_participants (KlProgrammeView *self);
void      kl_programme_view_load_costs        (KlProgrammeView *self);
void      kl_programme_view_unenrol           (KlProgrammeView *self,
                                               gint64           participant_id);
void      kl_programme_view_sign_in_sheet_action     (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
void      kl_programme_view_attendance_report_action (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
void      kl_programme_view_install_data_actions (GtkWidgetClass *widget_class);
void      kl_programme_view_install_actions      (GtkWidgetClass *widget_class);

void      kl_programme_view_init_funding      (KlProgrammeView *self);
void      kl_programme_view_load_funding      (KlProgrammeView *self);

G_END_DECLS
