#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kl-clock.h"
#include "kl-labels.h"
#include "kl-model.h"
#include "kl-money.h"
#include "kl-overview.h"
#include "kl-overview-page.h"
#include "kl-progress.h"

/* The start page: what is left to record, what is coming, what is due,
 * what is under way, and the year in money. Each row opens its programme;
 * a session to record opens its column in the attendance grid. */

/* A glance, not a report: each section shows its first rows and says how
 * many more there are. */
#define MAX_ROWS 8

/* Sessions further back than this are history, not today's work. */
#define UNRECORDED_DAYS 60

struct _KlOverviewPage
{
  GtkWidget parent_instance;

  KlContext *context;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *totals_group;
  GtkFlowBox *totals_box;
  AdwPreferencesGroup *unrecorded_group;
  AdwPreferencesGroup *upcoming_group;
  AdwPreferencesGroup *deadlines_group;
  AdwPreferencesGroup *warnings_group;
  AdwPreferencesGroup *running_group;

  KlDb *db;
  GPtrArray *rows;      /* rows added last time, to remove on reload */
  guint counts[5];      /* upcoming, deadlines, running, warnings, unrecorded */
};

G_DEFINE_FINAL_TYPE (KlOverviewPage, kl_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OPEN_PROGRAMME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_row_activated_cb (AdwActionRow   *row,
                     KlOverviewPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "programme-id"));

  g_signal_emit (self, signals[SIGNAL_OPEN_PROGRAMME], 0, id);
}

static void
add_row (KlOverviewPage      *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *suffix,
         gint64               programme_id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "suffix", g_strdup (suffix), g_free);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (programme_id > 0)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "programme-id", GSIZE_TO_POINTER ((gsize) programme_id));
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), self);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_object_set_data (G_OBJECT (row), "group", group);
}

/* Opens the programme's attendance grid at the session: the window knows
 * the way (win.show-page). */
static void
on_unrecorded_activated_cb (AdwActionRow   *row,
                            KlOverviewPage *self)
{
  const char *page = g_object_get_data (G_OBJECT (row), "page");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", page);
}

static void
add_unrecorded_row (KlOverviewPage     *self,
                    const KlUnrecorded *item)
{
  g_autofree char *when = kl_format_date (item->date);
  /* Translators: a programme and how many expected at a held session have no mark,
   * "LED SKOLE Bærum · 12 without a mark" */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u without a mark",
                                                            "%s · %u without a mark", item->missing),
                                               item->programme_title, item->missing);
  GtkWidget *row;

  add_row (self, self->unrecorded_group, item->title, subtitle, when, 0);
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "page",
                          g_strdup_printf ("programme/%" G_GINT64_FORMAT "/attendance/%" G_GINT64_FORMAT,
                                           item->programme_id, item->session_id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_unrecorded_activated_cb), self);
}

static void
add_empty_row (KlOverviewPage      *self,
               AdwPreferencesGroup *group,
               const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_object_set_data (G_OBJECT (row), "group", group);
}

static void
add_more_row (KlOverviewPage      *self,
              AdwPreferencesGroup *group,
              guint                total)
{
  g_autofree char *text = NULL;

  if (total <= MAX_ROWS)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", total - MAX_ROWS),
                          total - MAX_ROWS);
  add_empty_row (self, group, text);
}

static void
add_total (KlOverviewPage *self,
           const char     *label,
           gint64          ore)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (label);
  g_autofree char *amount = kl_money_format (ore, kl_lang_from_locale ());
  GtkWidget *value = gtk_label_new (amount);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "total");
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (value, "title-3");
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_flow_box_append (self->totals_box, box);
}

static char *
format_when (const char *iso)
{
  g_autofree char *day = kl_format_date (iso);

  if (iso != NULL && strlen (iso) >= 16)
    return g_strdup_printf ("%s %s", day, iso + 11);
  return g_steal_pointer (&day);
}

static void
clear (KlOverviewPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  while (gtk_widget_get_first_child (GTK_WIDGET (self->totals_box)) != NULL)
    gtk_flow_box_remove (self->totals_box, gtk_widget_get_first_child (GTK_WIDGET (self->totals_box)));
}

void
kl_overview_page_reload (KlOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlOverview) overview = NULL;
  g_autofree char *year_title = NULL;
  KlLang lang = kl_lang_from_locale ();

  g_return_if_fail (KL_IS_OVERVIEW_PAGE (self));

  clear (self);
  overview = kl_overview_load (self->db, NULL, &error);
  if (overview == NULL)
    {
      add_empty_row (self, self->upcoming_group, error->message);
      return;
    }

  /* Translators: the heading of the year's totals, e.g. "2026 So Far" */
  year_title = g_strdup_printf (_("%d So Far"), overview->year);
  adw_preferences_group_set_title (self->totals_group, year_title);
  add_total (self, _("Applied for"), overview->applied_ore);
  add_total (self, _("Granted"), overview->granted_ore);
  add_total (self, _("Claimed"), overview->claimed_ore);
  add_total (self, _("Paid out"), overview->paid_ore);

  {
    g_autoptr(GError) unrecorded_error = NULL;
    g_autoptr(GDateTime) now = kl_clock_now ();
    g_autoptr(GDateTime) since = g_date_time_add_days (now, -UNRECORDED_DAYS);
    g_autofree char *since_text = g_date_time_format (since, "%Y-%m-%d");
    g_autoptr(GPtrArray) unrecorded = kl_progress_unrecorded (self->db, 0, since_text, &unrecorded_error);

    if (unrecorded == NULL)
      add_empty_row (self, self->unrecorded_group, unrecorded_error->message);
    for (guint i = 0; unrecorded != NULL && i < MIN (unrecorded->len, MAX_ROWS); i++)
      add_unrecorded_row (self, g_ptr_array_index (unrecorded, i));
    if (unrecorded != NULL && unrecorded->len == 0)
      add_empty_row (self, self->unrecorded_group, _("Every session held is recorded"));
    if (unrecorded != NULL)
      add_more_row (self, self->unrecorded_group, unrecorded->len);
    self->counts[4] = unrecorded != NULL ? unrecorded->len : 0;
  }

  for (guint i = 0; i < MIN (overview->upcoming->len, MAX_ROWS); i++)
    {
      KlOverviewItem *item = g_ptr_array_index (overview->upcoming, i);
      g_autofree char *when = format_when (item->date);
      g_autofree char *subtitle = item->location
                                  ? g_strdup_printf ("%s · %s", item->subtitle, item->location)
                                  : g_strdup (item->subtitle);

      add_row (self, self->upcoming_group, item->title, subtitle, when, item->programme_id);
    }
  if (overview->upcoming->len == 0)
    add_empty_row (self, self->upcoming_group, _("No sessions in the next 14 days"));
  add_more_row (self, self->upcoming_group, overview->upcoming->len);

  for (guint i = 0; i < MIN (overview->deadlines->len, MAX_ROWS); i++)
    {
      KlOverviewItem *item = g_ptr_array_index (overview->deadlines, i);
      g_autofree char *when = kl_format_date (item->date);
      g_autofree char *amount = item->amount_ore != KL_NO_AMOUNT ? kl_money_format (item->amount_ore, lang) : NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *suffix = NULL;

      if (item->deadline == KL_DEADLINE_GRANT_EXPIRES)
        {
          subtitle = g_strdup_printf (_("%s · grant of %s, no payout request yet"), item->subtitle,
                                      amount ? amount : "");
          suffix = g_strdup_printf (_("Expires %s"), when);
        }
      else if (item->deadline == KL_DEADLINE_YEAR_END)
        {
          g_autofree char *ended = kl_format_date (item->end_date);

          /* Translators: "Bergen kommune · finished 12 Jun 2026, no payout request yet" */
          subtitle = g_strdup_printf (_("%s · finished %s, no payout request yet"), item->subtitle, ended);
          /* Translators: the date by which to send the payout request, "Claim by 15 Dec 2026";
           * KS wants claims before 30 December to pay them the same year */
          suffix = g_strdup_printf (_("Claim by %s"), when);
        }
      else
        {
          subtitle = g_strdup_printf (_("%s · payout requested, not yet paid"), item->subtitle);
          suffix = g_strdup_printf (_("Requested %s"), when);
        }
      add_row (self, self->deadlines_group, item->title, subtitle, suffix, item->programme_id);
    }
  if (overview->deadlines->len == 0)
    add_empty_row (self, self->deadlines_group, _("No funding deadlines"));
  add_more_row (self, self->deadlines_group, overview->deadlines->len);

  {
    g_autoptr(GError) warnings_error = NULL;
    g_autofree char *now_text = kl_clock_now_minutes ();
    g_autoptr(GPtrArray) warnings = kl_progress_warnings (self->db, 0, now_text, &warnings_error);

    if (warnings == NULL)
      add_empty_row (self, self->warnings_group, warnings_error->message);
    for (guint i = 0; warnings != NULL && i < MIN (warnings->len, MAX_ROWS); i++)
      {
        KlAbsenceWarning *warning = g_ptr_array_index (warnings, i);
        g_autofree char *reason = kl_absence_warning_describe (warning);
        g_autofree char *subtitle = g_strdup_printf ("%s · %s", warning->programme_title, reason);

        add_row (self, self->warnings_group, warning->name, subtitle, NULL, warning->programme_id);
      }
    if (warnings != NULL && warnings->len == 0)
      add_empty_row (self, self->warnings_group, _("Nobody is falling behind"));
    if (warnings != NULL)
      add_more_row (self, self->warnings_group, warnings->len);
    self->counts[3] = warnings != NULL ? warnings->len : 0;
  }

  for (guint i = 0; i < MIN (overview->running->len, MAX_ROWS); i++)
    {
      KlOverviewItem *item = g_ptr_array_index (overview->running, i);
      g_autofree char *until = kl_format_date (item->date);
      g_autofree char *suffix = g_strdup_printf (_("Until %s"), until);

      add_row (self, self->running_group, item->title, item->subtitle, suffix, item->programme_id);
    }
  if (overview->running->len == 0)
    add_empty_row (self, self->running_group, _("No programmes are running"));
  add_more_row (self, self->running_group, overview->running->len);

  self->counts[0] = overview->upcoming->len;
  self->counts[1] = overview->deadlines->len;
  self->counts[2] = overview->running->len;
}

/* "unrecorded", "upcoming", "deadlines", "warnings" or "running": the
 * rows there are (more than shown, past MAX_ROWS). */
guint
kl_overview_page_count (KlOverviewPage *self,
                        const char     *section)
{
  g_return_val_if_fail (KL_IS_OVERVIEW_PAGE (self), 0);

  if (g_str_equal (section, "upcoming"))
    return self->counts[0];
  if (g_str_equal (section, "deadlines"))
    return self->counts[1];
  if (g_str_equal (section, "warnings"))
    return self->counts[3];
  if (g_str_equal (section, "unrecorded"))
    return self->counts[4];
  return self->counts[2];
}

static AdwPreferencesGroup *
find_group (KlOverviewPage *self,
            const char     *section)
{
  AdwPreferencesGroup *groups[] = { self->upcoming_group, self->deadlines_group, self->warnings_group,
                                    self->running_group, self->unrecorded_group };
  const char *names[] = { "upcoming", "deadlines", "warnings", "running", "unrecorded" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (section, names[i]))
      return groups[i];
  return NULL;
}

/* The rows of a section (unrecorded, upcoming, deadlines, warnings or
 * running) as shown: "title · subtitle · suffix", one a line. */
char *
kl_overview_page_get_text (KlOverviewPage *self,
                           const char     *section)
{
  AdwPreferencesGroup *group;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (KL_IS_OVERVIEW_PAGE (self), NULL);

  group = find_group (self, section);
  g_return_val_if_fail (group != NULL, NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *subtitle = ADW_IS_ACTION_ROW (row) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
      const char *suffix = g_object_get_data (G_OBJECT (row), "suffix");

      if (g_object_get_data (G_OBJECT (row), "group") != group)
        continue;
      g_string_append (text, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      if (subtitle != NULL && *subtitle != '\0')
        g_string_append_printf (text, " · %s", subtitle);
      if (suffix != NULL)
        g_string_append_printf (text, " · %s", suffix);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A row of a section as shown, by its position; NULL past the last. */
GtkWidget *
kl_overview_page_get_row (KlOverviewPage *self,
                          const char     *section,
                          guint           index)
{
  AdwPreferencesGroup *group;

  g_return_val_if_fail (KL_IS_OVERVIEW_PAGE (self), NULL);

  group = find_group (self, section);
  g_return_val_if_fail (group != NULL, NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_object_get_data (G_OBJECT (row), "group") == group && index-- == 0)
        return row;
    }
  return NULL;
}

static void
kl_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlOverviewPage *self = KL_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KlOverviewPage *self = KL_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_overview_page_dispose (GObject *object)
{
  KlOverviewPage *self = KL_OVERVIEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kl_overview_page_parent_class)->dispose (object);
}

static void
kl_overview_page_class_init (KlOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_overview_page_dispose;
  object_class->get_property = kl_overview_page_get_property;
  object_class->set_property = kl_overview_page_set_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, KL_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_PROGRAMME] = g_signal_new ("open-programme", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, page);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, totals_group);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, totals_box);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, unrecorded_group);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, running_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kl_overview_page_init (KlOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

KlOverviewPage *
kl_overview_page_new (KlContext *context)
{
  KlOverviewPage *self;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);

  self = g_object_new (KL_TYPE_OVERVIEW_PAGE, "context", context, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  return self;
}
