#pragma once

#include "kl-cost-editor.h"
#include "kl-editor-window.h"
#include "kl-store.h"

G_BEGIN_DECLS

/* The cost editor is one class in two files: kl-cost-editor.c (the form:
 * filling it, the choices, saving, deleting and undo) and
 * kl-cost-editor-preview.c (reading the form into a cost line, the
 * messages under the fields, and what the fund would count for it). */

struct _KlCostEditor
{
  KlEditorWindow parent_instance;

  GtkLabel *error_label;
  AdwPreferencesGroup *preview_group;
  AdwActionRow *preview_row;
  GtkWidget *preview_icon;
  AdwActionRow *preview_warning_row;
  AdwActionRow *budget_row;
  GtkSwitch *budget_switch;
  AdwComboRow *category_row;
  AdwComboRow *consultant_row;
  AdwExpanderRow *sessions_row;
  AdwEntryRow *dates_row;
  AdwEntryRow *days_row;
  AdwEntryRow *persons_row;
  AdwEntryRow *semesters_row;
  AdwEntryRow *net_row;
  AdwEntryRow *vat_row;
  AdwPreferencesGroup *invoice_group;
  AdwEntryRow *supplier_row;
  AdwEntryRow *invoice_no_row;
  AdwEntryRow *invoice_date_row;
  AdwEntryRow *note_row;

  KlDb *db;
  KlFieldSet *fields;            /* the window's: each field's message under it */
  gint64 programme_id;
  KlCostItem *original;          /* NULL for a new item */
  KlCostItem *budget_line;       /* recording its invoice: the plan stays, the invoice is a new line */
  KlSchemeVersion *scheme;       /* the rules the claim counts by */
  GPtrArray *others;             /* KlCostItem: the programme's other lines, which share the fee cap */
  GArray *consultant_ids;        /* by position in the combo, 0 first for none */
  GPtrArray *consultant_names;
  GPtrArray *sessions;           /* KlSession, by start */
  GPtrArray *session_checks;     /* GtkCheckButton, one per session, same order */
  char *free_days;        /* Days as typed, kept while sessions or dates decide it */
  gboolean typed;         /* until something is typed, empty fields wait quietly */
  gboolean filling;
  gint64 counted_ore;
  char *explanation;
  gint64 saved_id;
};

static inline KlCostCategory
selected_category (KlCostEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  return selected < KL_COST_N_CATEGORIES ? (KlCostCategory) selected : KL_COST_OTHER;
}

static inline gboolean
takes_consultant (KlCostCategory category)
{
  return kl_cost_category_is_fee (category) || category == KL_COST_TRAVEL || category == KL_COST_ACCOMMODATION;
}

static inline gboolean
is_budget (KlCostEditor *self)
{
  return gtk_switch_get_active (self->budget_switch);
}

/* A budget line whose invoice has come: the invoice is recorded from it
 * as an actual cost, and the budget line stays, so that budget and actuals
 * can be compared. */
static inline gboolean
is_recording_invoice (KlCostEditor *self)
{
  return self->budget_line != NULL && !is_budget (self);
}

/* What the form starts from: the line edited, or the budget line whose
 * invoice is recorded. */
static inline const KlCostItem *
source_line (KlCostEditor *self)
{
  return self->original != NULL ? self->original : self->budget_line;
}

KlCostItem *kl_cost_editor_read_form      (KlCostEditor     *self,
                                           gboolean         *complete);
void        kl_cost_editor_update_preview (KlCostEditor     *self,
                                           const KlCostItem *item);

G_END_DECLS
