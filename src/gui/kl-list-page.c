#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-import-dialog.h"
#include "kl-list-page.h"
#include "kl-money.h"
#include "kl-query-model.h"
#include "kl-record.h"
#include "kl-store.h"

struct _KlListPage
{
  GtkWidget parent_instance;

  KlContext *context;
  GtkSearchEntry *search_entry;
  GtkDropDown *filter_dropdown;
  GtkStack *stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;
  GtkButton *empty_button;
  GtkMenuButton *empty_import_button;

  KlListKind kind;
  KlQueryModel *model;
  GtkSingleSelection *selection;
  GtkSorter *sorter;
  gulong sorter_changed_id;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (KlListPage, kl_list_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
};

enum {
  SIGNAL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each list shows. Display values come from SQL expressions over the
 * row table t and its joins. */

static const KlListColumn programme_columns[] = {
  { N_("Title"), "t.title", NULL, KL_FORMAT_TEXT, 0, TRUE },
  { N_("Client"), "c.name", NULL, KL_FORMAT_TEXT, 0, FALSE },
  { N_("Start"), "t.start_date", NULL, KL_FORMAT_DATE, 0, FALSE },
  /* As the calendar has it today: only a cancellation is stored. */
  { N_("Status"), KL_SQL_PROGRAMME_STATUS ("t"), NULL, KL_FORMAT_LABEL, KL_LABELS_PROGRAMME_STATUS, FALSE },
  /* Where the claim to the fund stands: one case a programme (the scheme's). */
  { N_("Funding"), "(SELECT f.status FROM funding_case f WHERE f.programme_id = t.id ORDER BY f.id LIMIT 1)", NULL,
    KL_FORMAT_LABEL, KL_LABELS_FUNDING_STATUS, FALSE },
  /* Today's session counts as the next one until the day is over. */
  { N_("Next session"), "(SELECT min (s.starts_at) FROM session s WHERE s.programme_id = t.id "
    "AND s.starts_at >= kl_today ())", NULL, KL_FORMAT_DATE, 0, FALSE },
  { N_("Lead"), "k.name", NULL, KL_FORMAT_TEXT, 0, FALSE },
};

/* Room for so many characters in the columns of text that do not take
 * the rest of the width, when there is room (0: a date, a label or an
 * amount, measured). The end date is on the programme's overview: here
 * the next session and the funding step say more about the day. The
 * kind is there too, and in nearly every title ("LED SKOLE Voss"): its
 * column went to the titles, which were cut off where programmes differ. */
static const guint programme_chars[] = { 0, 20, 0, 0, 0, 0, 16 };

static const KlListSpec programme_spec = {
  "programme t LEFT JOIN client c ON c.id = t.client_id LEFT JOIN consultant k ON k.id = t.lead_id",
  1, KL_SQL_PROGRAMME_STATUS ("t"), KL_LABELS_PROGRAMME_STATUS, "t.start_date DESC",
  programme_columns, G_N_ELEMENTS (programme_columns),
};
G_STATIC_ASSERT (G_N_ELEMENTS (programme_chars) == G_N_ELEMENTS (programme_columns));

static const KlListColumn client_columns[] = {
  { N_("Name"), "t.name", NULL, KL_FORMAT_TEXT, 0, TRUE },
  { N_("Kind"), "t.kind", NULL, KL_FORMAT_LABEL, KL_LABELS_CLIENT_KIND, FALSE },
  { N_("Org number"), "t.orgnr", NULL, KL_FORMAT_TEXT, 0, FALSE },
  { N_("Part of"), "p.name", NULL, KL_FORMAT_TEXT, 0, FALSE },
  { N_("Contact"), "t.contact_name", NULL, KL_FORMAT_TEXT, 0, FALSE },
  { N_("E-mail"), "coalesce(t.contact_email, t.invoice_email)", NULL, KL_FORMAT_TEXT, 0, FALSE },
};

static const guint client_chars[] = { 0, 0, 11, 18, 16, 22 };

static const KlListSpec client_spec = {
  "client t LEFT JOIN client p ON p.id = t.parent_id",
  0, "t.kind", KL_LABELS_CLIENT_KIND, "t.name COLLATE NOCASE",
  client_columns, G_N_ELEMENTS (client_columns),
};
G_STATIC_ASSERT (G_N_ELEMENTS (client_chars) == G_N_ELEMENTS (client_columns));

static const KlListColumn participant_columns[] = {
  { N_("Name"), "t.name", NULL, KL_FORMAT_TEXT, 0, TRUE },
  { N_("Role"), "t.role", NULL, KL_FORMAT_TEXT, 0, FALSE },
  { N_("Workplace"), "w.name", NULL, KL_FORMAT_TEXT, 0, TRUE },
  { N_("E-mail"), "t.email", NULL, KL_FORMAT_TEXT, 0, TRUE },
  { N_("Phone"), "t.phone", NULL, KL_FORMAT_TEXT, 0, FALSE },
};

static const guint participant_chars[] = { 0, 16, 0, 0, 12 };

static const KlListSpec participant_spec = {
  "participant t LEFT JOIN client w ON w.id = t.workplace_id",
  2, NULL, 0, "t.name COLLATE NOCASE",
  participant_columns, G_N_ELEMENTS (participant_columns),
};
G_STATIC_ASSERT (G_N_ELEMENTS (participant_chars) == G_N_ELEMENTS (participant_columns));

static const KlListColumn consultant_columns[] = {
  { N_("Name"), "t.name", NULL, KL_FORMAT_TEXT, 0, TRUE },
  { N_("Works as"), "CASE t.external WHEN 1 THEN 'external' ELSE 'imtec' END", NULL, KL_FORMAT_LABEL,
    KL_LABELS_CONSULTANT_KIND, FALSE },
  { N_("E-mail"), "t.email", NULL, KL_FORMAT_TEXT, 0, TRUE },
  { N_("Phone"), "t.phone", NULL, KL_FORMAT_TEXT, 0, FALSE },
  { N_("Day rate"), "t.day_rate_ore", NULL, KL_FORMAT_MONEY, 0, FALSE },
};

static const guint consultant_chars[] = { 0, 0, 0, 12, 0 };

static const KlListSpec consultant_spec = {
  "consultant t",
  3, NULL, 0, "t.name COLLATE NOCASE",
  consultant_columns, G_N_ELEMENTS (consultant_columns),
};
G_STATIC_ASSERT (G_N_ELEMENTS (consultant_chars) == G_N_ELEMENTS (consultant_columns));

typedef struct
{
  const KlListSpec *spec;
  const guint *chars;
  const char *title;
  const char *empty_title;
  const char *empty_description;
  const char *new_label;
  const char *icon;
  const char *search_placeholder;
} KlListInfo;

static const KlListInfo infos[] = {
  [KL_LIST_PROGRAMMES] = { &programme_spec, programme_chars, N_("Programmes"), N_("No Programmes Yet"),
                           N_("A programme is one engagement for a client: its sessions, participants, costs and funding."),
                           N_("New Programme"), "x-office-calendar-symbolic", N_("Search programmes") },
  [KL_LIST_CLIENTS] = { &client_spec, client_chars, N_("Clients"), N_("No Clients Yet"),
                        N_("Municipalities, counties, schools and kindergartens that IMTEC works for."),
                        N_("New Client"), "x-office-address-book-symbolic", N_("Search clients") },
  [KL_LIST_PARTICIPANTS] = { &participant_spec, participant_chars, N_("Participants"), N_("No Participants Yet"),
                             N_("The people enrolled in programmes, with their workplace and role."),
                             N_("New Participant"), "system-users-symbolic", N_("Search participants") },
  [KL_LIST_CONSULTANTS] = { &consultant_spec, consultant_chars, N_("Consultants"), N_("No Consultants Yet"),
                            N_("IMTEC's staff and the external speakers who lead sessions."),
                            N_("New Consultant"), "avatar-default-symbolic", N_("Search consultants") },
};

/* GTK 4.8 cannot tell which column the user sorts by, so each column's
 * sorter answers a probe: the column view's sorter asks the primary column
 * first and turns its answer round when the order is descending. */
static int probe_hit = -1;
static gboolean probing;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      column)
{
  if (!probing)
    return GTK_ORDERING_EQUAL;
  if (probe_hit < 0)
    probe_hit = GPOINTER_TO_INT (column);
  return GTK_ORDERING_SMALLER;
}

/* Whether the list's table has any row at all, whatever is searched. */
static gboolean
has_any_row (KlListPage *self)
{
  static const char *const tables[] = {
    [KL_LIST_PROGRAMMES] = "programme", [KL_LIST_CLIENTS] = "client",
    [KL_LIST_PARTICIPANTS] = "participant", [KL_LIST_CONSULTANTS] = "consultant",
  };
  g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", tables[self->kind]);
  g_autoptr(KlStmt) stmt = kl_db_query (kl_context_get_db (self->context), NULL, sql, NULL);

  return stmt == NULL || !kl_stmt_next (stmt, NULL) || kl_stmt_int (stmt, 0) != 0;
}

/* Participants come into a programme: Import… offers the latest
 * programmes to import into, or says that one is needed first. */
static void
fill_import_menu (KlListPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(KlStmt) stmt = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_import_button), self->kind == KL_LIST_PARTICIPANTS);
  if (self->kind != KL_LIST_PARTICIPANTS)
    return;
  stmt = kl_db_query (kl_context_get_db (self->context), NULL,
                      "SELECT id, title FROM programme WHERE status <> 'cancelled' "
                      "ORDER BY start_date DESC, id DESC LIMIT 10", NULL);
  while (stmt != NULL && kl_stmt_next (stmt, NULL))
    {
      g_autofree char *title = kl_stmt_text (stmt, 1);
      g_autoptr(GMenuItem) item = g_menu_item_new (title, NULL);

      g_menu_item_set_action_and_target_value (item, "list.import-participants",
                                               g_variant_new_int64 (kl_stmt_int (stmt, 0)));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->empty_import_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->empty_import_button), g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->empty_import_button),
                               g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0
                               ? _("Import a participant list into a programme")
                               : _("Participants are imported into a programme: create a programme first"));
}

/* No rows at all is the empty state, which offers to add (and, for
 * participants, to import); a search or filter that finds nothing among
 * rows that exist says so instead. */
static void
update_state (KlListPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean narrowed = (search && *search) || gtk_drop_down_get_selected (self->filter_dropdown) > 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (narrowed && has_any_row (self))
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    {
      fill_import_menu (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
import_participants_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KlListPage *self = KL_LIST_PAGE (widget);
  KlImportDialog *dialog = kl_import_dialog_new (self->context, kl_actions_get_parent (widget),
                                                 g_variant_get_int64 (parameter));

  gtk_window_present (GTK_WINDOW (dialog));
  kl_import_dialog_choose_file (dialog);
}

/* The rows on screen are read again in place, so the view keeps its
 * scroll position; the selected record stays selected where rows others
 * added or removed moved it. */
static void
reload (KlListPage *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);
  gint64 selected_id = selected != GTK_INVALID_LIST_POSITION ? kl_list_page_get_row_id (self, selected) : 0;

  if (!kl_query_model_reload (self->model, &error))
    g_warning ("Cannot load the list: %s", error->message);
  if (selected_id != 0 && kl_list_page_get_row_id (self, selected) != selected_id)
    {
      guint moved = kl_query_model_find (self->model, selected_id);

      gtk_single_selection_set_selected (self->selection, moved != G_MAXUINT ? moved : GTK_INVALID_LIST_POSITION);
    }
  self->loaded = TRUE;
  update_state (self);
}

static void
on_sorter_changed_cb (KlListPage *self)
{
  GtkSorter *sorter = self->sorter;
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  probing = TRUE;
  probe_hit = -1;
  order = gtk_sorter_compare (sorter, a, b);
  probing = FALSE;
  kl_query_model_set_sort (self->model, probe_hit, order == GTK_ORDERING_LARGER);
  reload (self);
}

static void
on_search_changed_cb (KlListPage *self)
{
  kl_query_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  reload (self);
}

static void
on_stop_search_cb (KlListPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_filter_changed_cb (KlListPage *self)
{
  const KlListSpec *spec = infos[self->kind].spec;
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (spec->filter_column == NULL)
    return;
  kl_query_model_set_filter (self->model, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                          ? NULL : kl_label_values (spec->filter_labels)[selected - 1]);
  reload (self);
}

static void
on_activate_cb (KlListPage *self,
                guint       position)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0, kl_list_page_get_row_id (self, position));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  column)
{
  /* GtkInscription, not GtkLabel: its size does not depend on its text, so
   * a screenful of new rows (every search keystroke) is cheap to lay out. */
  GtkInscription *cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  /* Amounts line up on the right, like the figures on an invoice. */
  if (g_object_get_data (G_OBJECT (factory), "numeric"))
    {
      gtk_inscription_set_xalign (cell, 1);
      gtk_widget_add_css_class (GTK_WIDGET (cell), "numeric");
    }
  gtk_inscription_set_min_chars (cell, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "min-chars")));
  gtk_inscription_set_nat_chars (cell, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "nat-chars")));
  gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (item, GTK_WIDGET (cell));
}

static void
show_value (KlRecord       *record,
            GParamSpec     *pspec,
            GtkInscription *cell)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "column"));

  gtk_inscription_set_text (cell, kl_record_get_value (record, column));
}

/* A record is refilled when its row shows another one (see KlQueryModel). */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  column)
{
  KlRecord *record = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (cell), "column", column);
  g_signal_connect_object (record, "notify::id", G_CALLBACK (show_value), cell, 0);
  show_value (record, NULL, GTK_INSCRIPTION (cell));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  column)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), show_value, gtk_list_item_get_child (item));
}

static int
text_width (GtkWidget  *widget,
            const char *text,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* What the widest value of a column takes: every label it can show, a
 * date in the month with the longest name, a large amount, or so many
 * characters of text. */
static int
values_width (GtkWidget          *widget,
              const KlListColumn *column,
              guint               chars)
{
  int width = 0;

  switch (column->format)
    {
    case KL_FORMAT_LABEL:
      for (const char *const *values = kl_label_values (column->labels); *values != NULL; values++)
        width = MAX (width, text_width (widget, kl_label (column->labels, *values), FALSE));
      break;
    case KL_FORMAT_DATE:
      for (int month = 1; month <= 12; month++)
        {
          g_autofree char *iso = g_strdup_printf ("2026-%02d-28", month);
          g_autofree char *date = kl_format_date (iso);

          width = MAX (width, text_width (widget, date, FALSE));
        }
      break;
    case KL_FORMAT_MONEY:
      {
        g_autofree char *amount = kl_money_format (9999900, kl_lang_from_locale ());

        width = text_width (widget, amount, FALSE);
      }
      break;
    case KL_FORMAT_TEXT:
    default:
      {
        PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (widget), NULL, NULL);

        width = (int) chars * pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;
        pango_font_metrics_unref (metrics);
      }
      break;
    }
  return width;
}

static void
add_columns (KlListPage *self)
{
  const KlListSpec *spec = infos[self->kind].spec;
  GtkWidget *widget = GTK_WIDGET (self->column_view);

  for (guint i = 0; i < spec->n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GUINT_TO_POINTER (i), NULL));
      const char *title = _(spec->columns[i].title);

      guint chars = infos[self->kind].chars[i];

      g_object_set_data (G_OBJECT (factory), "nat-chars",
                         GUINT_TO_POINTER (spec->columns[i].expand ? 28 : chars > 0 ? chars : 14));
      /* What tells the rows apart (a title, a name) stays readable in a
       * narrow window: the table scrolls sideways instead. */
      g_object_set_data (G_OBJECT (factory), "min-chars", GUINT_TO_POINTER (spec->columns[i].expand ? 16 : 6));
      g_object_set_data (G_OBJECT (factory), "numeric",
                         GINT_TO_POINTER (spec->columns[i].format == KL_FORMAT_MONEY));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_expand (column, spec->columns[i].expand);
      /* The other columns are as wide as their heading (in bold, with
       * room for the sort arrow) or their widest value (a date, every
       * label, an amount, so many characters of text), so that titles and
       * names get the rest; longer text there is cut off. */
      if (!spec->columns[i].expand)
        gtk_column_view_column_set_fixed_width (column,
                                                MAX (text_width (widget, title, TRUE) + 40,
                                                     values_width (widget, &spec->columns[i], chars) + 20));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
    }
  self->sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  self->sorter_changed_id = g_signal_connect_swapped (self->sorter, "changed",
                                                      G_CALLBACK (on_sorter_changed_cb), self);
}

static void
set_up_filter (KlListPage *self)
{
  const KlListSpec *spec = infos[self->kind].spec;
  g_autoptr(GtkStringList) choices = NULL;
  const char *const *values;

  if (spec->filter_column == NULL)
    return;
  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, spec->filter_labels == KL_LABELS_CLIENT_KIND ? _("All kinds") : _("All statuses"));
  values = kl_label_values (spec->filter_labels);
  for (guint i = 0; values[i]; i++)
    gtk_string_list_append (choices, kl_label (spec->filter_labels, values[i]));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (choices));
  gtk_widget_set_visible (GTK_WIDGET (self->filter_dropdown), TRUE);
}

/* The list loads the first time it is shown, not at start-up. */
static void
kl_list_page_map (GtkWidget *widget)
{
  KlListPage *self = KL_LIST_PAGE (widget);

  GTK_WIDGET_CLASS (kl_list_page_parent_class)->map (widget);
  if (!self->loaded)
    reload (self);
}

static void
kl_list_page_dispose (GObject *object)
{
  KlListPage *self = KL_LIST_PAGE (object);
  GtkWidget *child;

  /* Removing the columns changes the sorter: nothing to reload any more. */
  if (self->sorter != NULL)
    g_clear_signal_handler (&self->sorter_changed_id, self->sorter);
  g_clear_object (&self->sorter);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_LIST_PAGE);
  /* The template's outer box is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kl_list_page_parent_class)->dispose (object);
}

static void
kl_list_page_class_init (KlListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_list_page_dispose;
  object_class->get_property = kl_context_holder_get_property;
  object_class->set_property = kl_context_holder_set_property;
  kl_context_install_property (object_class, PROP_CONTEXT, G_STRUCT_OFFSET (KlListPage, context));
  widget_class->map = kl_list_page_map;

  signals[SIGNAL_ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlListPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KlListPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlListPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KlListPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, KlListPage, empty_import_button);
  gtk_widget_class_install_action (widget_class, "list.import-participants", "x", import_participants_action);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kl_list_page_init (KlListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KlListPage *
kl_list_page_new (KlContext  *context,
                  KlListKind  kind)
{
  KlListPage *self;
  const KlListInfo *info = &infos[kind];

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);

  self = g_object_new (KL_TYPE_LIST_PAGE, "context", context, NULL);
  self->kind = kind;
  self->model = kl_query_model_new (kl_context_get_db (context), info->spec);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  set_up_filter (self);

  adw_status_page_set_title (self->empty_page, _(info->empty_title));
  adw_status_page_set_description (self->empty_page, _(info->empty_description));
  adw_status_page_set_icon_name (self->empty_page, info->icon);
  gtk_button_set_label (self->empty_button, _(info->new_label));
  g_object_set (self->search_entry, "placeholder-text", _(info->search_placeholder), NULL);
  return self;
}

KlListKind
kl_list_page_get_kind (KlListPage *self)
{
  g_return_val_if_fail (KL_IS_LIST_PAGE (self), 0);
  return self->kind;
}

const char *
kl_list_page_get_title (KlListPage *self)
{
  g_return_val_if_fail (KL_IS_LIST_PAGE (self), NULL);
  return _(infos[self->kind].title);
}

const char *
kl_list_page_get_new_label (KlListPage *self)
{
  g_return_val_if_fail (KL_IS_LIST_PAGE (self), NULL);
  return _(infos[self->kind].new_label);
}

void
kl_list_page_reload (KlListPage *self)
{
  g_return_if_fail (KL_IS_LIST_PAGE (self));
  reload (self);
}

void
kl_list_page_focus_search (KlListPage *self)
{
  g_return_if_fail (KL_IS_LIST_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* As if typed, without waiting for the entry's delay. */
void
kl_list_page_set_search (KlListPage *self,
                         const char *text)
{
  g_return_if_fail (KL_IS_LIST_PAGE (self));

  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  on_search_changed_cb (self);
}

guint
kl_list_page_get_n_rows (KlListPage *self)
{
  g_return_val_if_fail (KL_IS_LIST_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

gint64
kl_list_page_get_row_id (KlListPage *self,
                         guint       position)
{
  g_autoptr(KlRecord) record = NULL;

  g_return_val_if_fail (KL_IS_LIST_PAGE (self), 0);

  record = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  return record ? kl_record_get_id (record) : 0;
}

/* As if chosen in the filter: a stored value ("running", "skole"), or
 * NULL for all. */
void
kl_list_page_set_filter (KlListPage *self,
                         const char *value)
{
  const KlListSpec *spec;
  const char *const *values;
  guint selected = 0;

  g_return_if_fail (KL_IS_LIST_PAGE (self));

  spec = infos[self->kind].spec;
  g_return_if_fail (spec->filter_column != NULL);
  values = kl_label_values (spec->filter_labels);
  for (guint i = 0; value != NULL && values[i]; i++)
    if (g_str_equal (values[i], value))
      selected = i + 1;
  g_return_if_fail (value == NULL || selected > 0);
  gtk_drop_down_set_selected (self->filter_dropdown, selected);
}

/* "list", "empty" or "no-results". */
const char *
kl_list_page_get_visible (KlListPage *self)
{
  g_return_val_if_fail (KL_IS_LIST_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkColumnView *
kl_list_page_get_column_view (KlListPage *self)
{
  g_return_val_if_fail (KL_IS_LIST_PAGE (self), NULL);
  return self->column_view;
}

void
kl_list_page_reveal (KlListPage *self,
                     gint64      id)
{
  guint i;

  g_return_if_fail (KL_IS_LIST_PAGE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* The model knows the position without fetching every page. */
  i = kl_query_model_find (self->model, id);
  if (i == G_MAXUINT)
    return;
  gtk_selection_model_select_item (gtk_column_view_get_model (self->column_view), i, TRUE);
  /* GTK 4.8 has no gtk_column_view_scroll_to: its list view's action does it. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);
}
