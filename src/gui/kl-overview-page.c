#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kl-clock.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-model.h"
#include "kl-money.h"
#include "kl-overview.h"
#include "kl-overview-page.h"
#include "kl-progress.h"
#include "kl-scroll-layout.h"

/* The start page: what is left to record, what is coming, what is due,
 * what is under way, the money still on its way and the year in money.
 * Each row opens its programme; a session to record opens its column in
 * the attendance grid.
 *
 * The figures take 100-200 ms to compute on years of data, so they are
 * loaded in a worker thread on a read-only connection of its own (opened
 * for each load: a restore may replace the file), while the page shows
 * what it showed before, or its empty groups the first time: the
 * figures first, then To Record and Absence Warnings. A reload while one
 * runs supersedes it: the older result is dropped.
 *
 * A little over 800 lines: seven sections, each with its own row texts,
 * and the loading in two parts; split, the parts would share most of
 * the struct. */

/* A glance, not a report: each section shows its first rows and says how
 * many more there are. */
#define MAX_ROWS 8

/* Sessions further back than this are history, not today's work. */
#define UNRECORDED_DAYS 60

/* The programmes behind the money outstanding: a list to go through. */
#define MAX_OUTSTANDING_ROWS 30

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
  AdwPreferencesGroup *outstanding_group;
  AdwExpanderRow *unclaimed_row;
  AdwExpanderRow *unpaid_row;
  GtkLabel *unclaimed_amount;
  GtkLabel *unpaid_amount;

  KlDb *db;
  GPtrArray *rows;      /* rows added last time, to remove on reload */
  guint counts[7];      /* upcoming, deadlines, running, warnings, unrecorded, unclaimed, unpaid */
  GCancellable *loading;  /* the load under way, NULL when none */
  guint pending;          /* parts of it not yet on the page */
};

G_DEFINE_FINAL_TYPE (KlOverviewPage, kl_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADING,
  N_PROPS
};

/* Sessions and warnings computed in the worker, with the overview. */
typedef struct
{
  gboolean people;        /* To Record and Absence Warnings; else the figures */
  KlDb *db;               /* for kl_db_open_again in the thread */
  char *path;
  char *today;
  char *since;            /* unrecorded sessions from this day */
  char *now;              /* absence warnings as of this minute */
  KlOverview *overview;
  GError *error;          /* no overview at all */
  GPtrArray *unrecorded;
  GError *unrecorded_error;
  GPtrArray *warnings;
  GError *warnings_error;
} Load;

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
load_free (Load *load)
{
  g_clear_object (&load->db);
  g_free (load->path);
  g_free (load->today);
  g_free (load->since);
  g_free (load->now);
  g_clear_pointer (&load->overview, kl_overview_free);
  g_clear_error (&load->error);
  g_clear_pointer (&load->unrecorded, g_ptr_array_unref);
  g_clear_error (&load->unrecorded_error);
  g_clear_pointer (&load->warnings, g_ptr_array_unref);
  g_clear_error (&load->warnings_error);
  g_free (load);
}

static void make_outstanding_rows (KlOverviewPage *self,
                                   AdwExpanderRow *expander);

static void
on_expanded_cb (AdwExpanderRow *expander,
                GParamSpec     *pspec,
                KlOverviewPage *self)
{
  if (adw_expander_row_get_expanded (expander))
    make_outstanding_rows (self, expander);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_object_get_data (G_OBJECT (row), "group") == expander)
        gtk_widget_set_visible (row, adw_expander_row_get_expanded (expander));
    }
}

/* A row goes into a group, or (the outstanding money) into an expander
 * row; either is its "group", which removes it again. */
static void
add_to_group (KlOverviewPage *self,
              gpointer        group,
              GtkWidget      *row)
{
  if (ADW_IS_EXPANDER_ROW (group))
    {
      /* Shown when the expander opens (on_expanded_cb): folded away, the
       * rows would still be measured at every layout of the page. */
      adw_expander_row_add_row (group, row);
      gtk_widget_set_visible (row, adw_expander_row_get_expanded (group));
    }
  else
    adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_object_set_data (G_OBJECT (row), "group", group);
}

static void
add_row (KlOverviewPage      *self,
         gpointer             group,
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
  add_to_group (self, group, row);
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
               gpointer             group,
               const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  /* An error may name a file or a person: text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  add_to_group (self, group, row);
}

static void
add_more_row_after (KlOverviewPage *self,
                    gpointer        group,
                    guint           total,
                    guint           shown)
{
  g_autofree char *text = NULL;

  if (total <= shown)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", total - shown),
                          total - shown);
  add_empty_row (self, group, text);
}

/* Under a group's rows: @empty_text when it has none, else how many more
 * there are than it shows. */
static void
end_group (KlOverviewPage *self,
           gpointer        group,
           guint           total,
           const char     *empty_text)
{
  if (total == 0)
    add_empty_row (self, group, empty_text);
  add_more_row_after (self, group, total, MAX_ROWS);
}

/* A figure, and under it what it counts: the year of which date. */
static void
add_total (KlOverviewPage *self,
           const char     *label,
           gint64          ore,
           const char     *definition)
{
  g_autofree char *amount = kl_money_format (ore, kl_lang_from_locale ());
  GtkLabel *caption;
  GtkWidget *card = kl_form_figure_card_new (label, amount, definition, &caption);

  gtk_label_set_wrap_mode (caption, PANGO_WRAP_WORD_CHAR);
  /* Narrow enough that two cards share a line in the page's width, so
   * the money outstanding shows without scrolling in a 720 px window. */
  gtk_label_set_max_width_chars (caption, 24);
  gtk_flow_box_append (self->totals_box, card);
}

static char *
format_when (const char *iso)
{
  g_autofree char *day = kl_format_date (iso);

  if (iso != NULL && strlen (iso) >= 16)
    return g_strdup_printf ("%s %s", day, iso + 11);
  return g_steal_pointer (&day);
}

static gboolean
is_people_group (KlOverviewPage *self,
                 gpointer        group)
{
  return group == self->unrecorded_group || group == self->warnings_group;
}

/* The rows of one part: the people (To Record, Absence Warnings), or
 * the figures (everything else). */
static void
clear (KlOverviewPage *self,
       gboolean        people)
{
  for (guint i = self->rows->len; i-- > 0;)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      gpointer group = g_object_get_data (G_OBJECT (row), "group");

      if (is_people_group (self, group) != people)
        continue;
      if (ADW_IS_EXPANDER_ROW (group))
        adw_expander_row_remove (group, row);
      else
        adw_preferences_group_remove (group, row);
      g_ptr_array_remove_index (self->rows, i);
    }
  while (!people && gtk_widget_get_first_child (GTK_WIDGET (self->totals_box)) != NULL)
    gtk_flow_box_remove (self->totals_box, gtk_widget_get_first_child (GTK_WIDGET (self->totals_box)));
}

/* The money granted and not claimed, or claimed and not paid, whatever
 * year it belongs to: the sum on the row, the programmes inside it. */
static void
fill_outstanding (KlOverviewPage *self,
                  AdwExpanderRow *expander,
                  GtkLabel       *amount_label,
                  GPtrArray      *items,
                  gint64          total_ore,
                  gboolean        unpaid)
{
  KlLang lang = kl_lang_from_locale ();
  g_autofree char *total = kl_money_format (total_ore, lang);
  g_autofree char *count = NULL;

  gtk_label_set_text (amount_label, total);
  if (unpaid && items->len == 0)
    count = g_strdup (_("No payout request is waiting to be paid"));
  else if (unpaid)
    /* Translators: under "Claimed, not yet paid": "3 programmes whose payout request KS has not paid" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u programme whose payout request KS has not paid",
                                          "%u programmes whose payout requests KS has not paid", items->len),
                             items->len);
  else if (items->len == 0)
    count = g_strdup (_("No grant is waiting for a payout request"));
  else
    /* Translators: under "Granted, not yet claimed" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u programme with a grant and no payout request yet",
                                          "%u programmes with a grant and no payout request yet", items->len),
                             items->len);
  adw_expander_row_set_subtitle (expander, count);
  /* The last load's, if never opened. */
  g_object_set_data (G_OBJECT (expander), "items", NULL);
  {
    gboolean expanded = adw_expander_row_get_expanded (expander);

    /* Enabling expansion also expands (libadwaita 1.2): the list stays
     * folded, as the user left it, until they open it. */
    adw_expander_row_set_enable_expansion (expander, items->len > 0);
    adw_expander_row_set_expanded (expander, expanded && items->len > 0);
    g_object_set_data_full (G_OBJECT (expander), "items", g_ptr_array_ref (items),
                            (GDestroyNotify) g_ptr_array_unref);
    if (expanded && items->len > 0)
      make_outstanding_rows (self, expander);
  }
}

/* The programmes behind a sum of money outstanding, made when its line
 * is first opened (or read, kl_overview_page_get_text): sixty rows in
 * two lines nobody had opened were most of what filling the Overview
 * cost the main thread. */
static void
make_outstanding_rows (KlOverviewPage *self,
                       AdwExpanderRow *expander)
{
  g_autoptr(GPtrArray) items = g_object_steal_data (G_OBJECT (expander), "items");
  gboolean unpaid = expander == self->unpaid_row;

  if (items == NULL)
    return;
  for (guint i = 0; i < MIN (items->len, MAX_OUTSTANDING_ROWS); i++)
    {
      KlOverviewItem *item = g_ptr_array_index (items, i);
      g_autofree char *amount = item->amount_ore != KL_NO_AMOUNT
                                ? kl_money_format (item->amount_ore, kl_lang_from_locale ())
                                : g_strdup ("");
      g_autofree char *when = kl_format_date (item->date);
      g_autofree char *subtitle = NULL;

      if (unpaid)
        /* Translators: "Bergen kommune · requested 2 Nov 2026" */
        subtitle = g_strdup_printf (_("%s · requested %s"), item->subtitle, when);
      else if (item->date != NULL)
        /* Translators: "Bergen kommune · the grant expires 30 Jun 2027" */
        subtitle = g_strdup_printf (_("%s · the grant expires %s"), item->subtitle, when);
      else
        subtitle = g_strdup (item->subtitle);
      add_row (self, expander, item->title, subtitle, amount, item->programme_id);
    }
  add_more_row_after (self, expander, items->len, MAX_OUTSTANDING_ROWS);
}

/* To Record and Absence Warnings: the slower part, filled in when it
 * comes. */
static void
fill_people (KlOverviewPage *self,
             Load           *load)
{
  clear (self, TRUE);
  self->counts[3] = self->counts[4] = 0;
  if (load->error != NULL)
    {
      add_empty_row (self, self->unrecorded_group, load->error->message);
      return;
    }
  if (load->unrecorded == NULL)
    add_empty_row (self, self->unrecorded_group, load->unrecorded_error->message);
  for (guint i = 0; load->unrecorded != NULL && i < MIN (load->unrecorded->len, MAX_ROWS); i++)
    add_unrecorded_row (self, g_ptr_array_index (load->unrecorded, i));
  if (load->unrecorded != NULL)
    end_group (self, self->unrecorded_group, load->unrecorded->len, _("Every session held is recorded"));
  self->counts[4] = load->unrecorded != NULL ? load->unrecorded->len : 0;

  if (load->warnings == NULL)
    add_empty_row (self, self->warnings_group, load->warnings_error->message);
  for (guint i = 0; load->warnings != NULL && i < MIN (load->warnings->len, MAX_ROWS); i++)
    {
      KlAbsenceWarning *warning = g_ptr_array_index (load->warnings, i);
      g_autofree char *reason = kl_absence_warning_describe (warning);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", warning->programme_title, reason);

      add_row (self, self->warnings_group, warning->name, subtitle, NULL, warning->programme_id);
    }
  if (load->warnings != NULL)
    end_group (self, self->warnings_group, load->warnings->len, _("Nobody is falling behind"));
  self->counts[3] = load->warnings != NULL ? load->warnings->len : 0;
}

static void
fill_figures (KlOverviewPage *self,
              Load           *load)
{
  KlOverview *overview = load->overview;
  g_autofree char *year_title = NULL;
  g_autofree char *applied = NULL;
  g_autofree char *granted = NULL;
  g_autofree char *claimed = NULL;
  g_autofree char *paid = NULL;
  KlLang lang = kl_lang_from_locale ();

  clear (self, FALSE);
  if (overview == NULL)
    {
      add_empty_row (self, self->upcoming_group, load->error->message);
      return;
    }

  /* Translators: the heading of the year's totals, e.g. "2026 So Far" */
  year_title = g_strdup_printf (_("%d So Far"), overview->year);
  adw_preferences_group_set_title (self->totals_group, year_title);
  /* Each figure counts by the date of its own step, so a grant decided
   * last year can be claimed this year, and Claimed can exceed Granted. */
  /* Translators: what "Applied for" this year counts, "applications dated 2026" */
  applied = g_strdup_printf (_("Applications dated %d"), overview->year);
  /* Translators: what "Granted" this year counts: KS's decisions */
  granted = g_strdup_printf (_("Decisions dated %d"), overview->year);
  /* Translators: what "Claimed" this year counts */
  claimed = g_strdup_printf (_("Payout requests dated %d"), overview->year);
  /* Translators: what "Paid out" this year counts */
  paid = g_strdup_printf (_("Payments dated %d"), overview->year);
  add_total (self, _("Applied for"), overview->applied_ore, applied);
  add_total (self, _("Granted"), overview->granted_ore, granted);
  add_total (self, _("Claimed"), overview->claimed_ore, claimed);
  add_total (self, _("Paid out"), overview->paid_ore, paid);

  fill_outstanding (self, self->unclaimed_row, self->unclaimed_amount, overview->unclaimed,
                    overview->unclaimed_ore, FALSE);
  fill_outstanding (self, self->unpaid_row, self->unpaid_amount, overview->unpaid, overview->unpaid_ore, TRUE);
  self->counts[5] = overview->unclaimed->len;
  self->counts[6] = overview->unpaid->len;

  for (guint i = 0; i < MIN (overview->upcoming->len, MAX_ROWS); i++)
    {
      KlOverviewItem *item = g_ptr_array_index (overview->upcoming, i);
      g_autofree char *when = format_when (item->date);
      g_autofree char *subtitle = item->location
                                  ? g_strdup_printf ("%s · %s", item->subtitle, item->location)
                                  : g_strdup (item->subtitle);

      add_row (self, self->upcoming_group, item->title, subtitle, when, item->programme_id);
    }
  end_group (self, self->upcoming_group, overview->upcoming->len, _("No sessions in the next 14 days"));

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
  end_group (self, self->deadlines_group, overview->deadlines->len, _("No funding deadlines"));

  for (guint i = 0; i < MIN (overview->running->len, MAX_ROWS); i++)
    {
      KlOverviewItem *item = g_ptr_array_index (overview->running, i);
      g_autofree char *until = kl_format_date (item->date);
      g_autofree char *suffix = g_strdup_printf (_("Until %s"), until);

      add_row (self, self->running_group, item->title, item->subtitle, suffix, item->programme_id);
    }
  end_group (self, self->running_group, overview->running->len, _("No programmes are running"));

  self->counts[0] = overview->upcoming->len;
  self->counts[1] = overview->deadlines->len;
  self->counts[2] = overview->running->len;
}

/* In the worker: everything the page shows, on a connection of its own
 * that nothing can write through. */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Load *load = data;
  g_autoptr(KlDb) reader = NULL;

  /* Superseded, or the file gone with its window: opening would make a
   * new one. */
  if (g_cancellable_is_cancelled (cancellable)
      || (!kl_db_location_is_server (load->path) && !g_file_test (load->path, G_FILE_TEST_EXISTS)))
    {
      /* Translators: the database file was removed while Kartleser had it open */
      g_set_error (&load->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s no longer exists"), load->path);
      g_task_return_boolean (task, FALSE);
      return;
    }
  reader = kl_db_open_again (load->db, &load->error);
  if (reader == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!kl_db_is_read_only (reader))
    kl_db_exec (reader, NULL, kl_db_sql (reader, KL_SQL_QUERY_ONLY), NULL);
  if (!load->people)
    load->overview = kl_overview_load (reader, load->today, &load->error);
  else
    {
      load->unrecorded = kl_progress_unrecorded (reader, 0, load->since, &load->unrecorded_error);
      /* Superseded: the result is dropped anyway. */
      if (!g_cancellable_is_cancelled (cancellable))
        load->warnings = kl_progress_warnings (reader, 0, load->now, &load->warnings_error);
      else
        load->warnings = g_ptr_array_new ();
    }
  g_task_return_boolean (task, TRUE);
}

static void start_part (KlOverviewPage *self,
                        gboolean        people);

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  KlOverviewPage *self = KL_OVERVIEW_PAGE (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  Load *load = g_task_get_task_data (G_TASK (result));

  /* Superseded by a later reload, or the page is gone. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->loading)
    return;
  if (load->people)
    fill_people (self, load);
  else
    fill_figures (self, load);
  if (!load->people)
    start_part (self, TRUE);
  if (--self->pending > 0)
    return;
  g_clear_object (&self->loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
start_part (KlOverviewPage *self,
            gboolean        people)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = kl_clock_now ();
  g_autoptr(GDateTime) since = g_date_time_add_days (now, -UNRECORDED_DAYS);
  Load *load = g_new0 (Load, 1);

  load->people = people;
  load->db = g_object_ref (self->db);
  load->path = g_strdup (kl_db_get_path (self->db));
  load->today = kl_clock_today ();
  load->since = g_date_time_format (since, "%Y-%m-%d");
  load->now = kl_clock_now_minutes ();
  task = g_task_new (self, self->loading, on_loaded_cb, NULL);
  g_task_set_source_tag (task, kl_overview_page_reload);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  /* The old result is dropped, never shown late. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

/* Starts loading the figures; the page fills in when they are there
 * (the "loading" property turns FALSE). */
void
kl_overview_page_reload (KlOverviewPage *self)
{
  gboolean was_loading;

  g_return_if_fail (KL_IS_OVERVIEW_PAGE (self));

  was_loading = self->loading != NULL;
  if (was_loading)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  /* Two parts, each on a connection of its own: the figures first,
   * which come quickly, then the people, which take longer. One after
   * the other, so that a worker never takes more than one core from the
   * frames being drawn. */
  self->pending = 2;
  start_part (self, FALSE);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* TRUE from a reload until its figures are on the page. */
gboolean
kl_overview_page_is_loading (KlOverviewPage *self)
{
  g_return_val_if_fail (KL_IS_OVERVIEW_PAGE (self), FALSE);
  return self->loading != NULL;
}

/* "unrecorded", "upcoming", "deadlines", "warnings", "running",
 * "unclaimed" or "unpaid": the rows there are (more than shown, past
 * MAX_ROWS). */
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
  if (g_str_equal (section, "unclaimed"))
    return self->counts[5];
  if (g_str_equal (section, "unpaid"))
    return self->counts[6];
  return self->counts[2];
}

static gpointer
find_group (KlOverviewPage *self,
            const char     *section)
{
  gpointer groups[] = { self->upcoming_group, self->deadlines_group, self->warnings_group,
                        self->running_group, self->unrecorded_group, self->unclaimed_row, self->unpaid_row };
  const char *names[] = { "upcoming", "deadlines", "warnings", "running", "unrecorded", "unclaimed", "unpaid" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (section, names[i]))
      return groups[i];
  return NULL;
}

/* The rows of a section as shown, in order (unclaimed and unpaid: made as
 * when their line is opened); NULL when there is no such section. */
static GPtrArray *
section_rows (KlOverviewPage *self,
              const char     *section)
{
  gpointer group = find_group (self, section);
  GPtrArray *rows;

  if (group == NULL)
    return NULL;
  if (ADW_IS_EXPANDER_ROW (group))
    make_outstanding_rows (self, group);
  rows = g_ptr_array_new ();
  for (guint i = 0; i < self->rows->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (self->rows, i)), "group") == group)
      g_ptr_array_add (rows, g_ptr_array_index (self->rows, i));
  return rows;
}

/* The year's figures as shown: "title · amount · what it counts", one a
 * line. */
static char *
get_totals_text (KlOverviewPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const char *separator = "";

      for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL; label = gtk_widget_get_next_sibling (label))
        {
          g_string_append_printf (text, "%s%s", separator, gtk_label_get_text (GTK_LABEL (label)));
          separator = " · ";
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The rows of a section (unrecorded, upcoming, deadlines, warnings,
 * running, unclaimed or unpaid) as shown (unclaimed and unpaid: as their
 * line shows them when opened): "title · subtitle · suffix", one a line;
 * "totals": the year's figures; "outstanding": the two sums of money
 * outstanding. */
char *
kl_overview_page_get_text (KlOverviewPage *self,
                           const char     *section)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (KL_IS_OVERVIEW_PAGE (self), NULL);

  if (g_str_equal (section, "totals"))
    return get_totals_text (self);
  if (g_str_equal (section, "outstanding"))
    return g_strdup_printf ("%s · %s · %s\n%s · %s · %s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->unclaimed_row)),
                            adw_expander_row_get_subtitle (self->unclaimed_row),
                            gtk_label_get_text (self->unclaimed_amount),
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->unpaid_row)),
                            adw_expander_row_get_subtitle (self->unpaid_row),
                            gtk_label_get_text (self->unpaid_amount));
  rows = section_rows (self, section);
  g_return_val_if_fail (rows != NULL, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *subtitle = ADW_IS_ACTION_ROW (row) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
      const char *suffix = g_object_get_data (G_OBJECT (row), "suffix");

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
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (KL_IS_OVERVIEW_PAGE (self), NULL);

  rows = section_rows (self, section);
  g_return_val_if_fail (rows != NULL, NULL);
  return index < rows->len ? g_ptr_array_index (rows, index) : NULL;
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
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    default:
      kl_context_holder_get_property (object, prop_id, value, pspec);
    }
}

static void
kl_overview_page_dispose (GObject *object)
{
  KlOverviewPage *self = KL_OVERVIEW_PAGE (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
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
  object_class->set_property = kl_context_holder_set_property;

  kl_context_install_property (object_class, PROP_CONTEXT, G_STRUCT_OFFSET (KlOverviewPage, context));
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_LOADING, properties[PROP_LOADING]);

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
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, outstanding_group);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, unclaimed_row);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, unpaid_row);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, unclaimed_amount);
  gtk_widget_class_bind_template_child (widget_class, KlOverviewPage, unpaid_amount);
  gtk_widget_class_set_layout_manager_type (widget_class, KL_TYPE_SCROLL_LAYOUT);
}

static void
kl_overview_page_init (KlOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  g_signal_connect (self->unclaimed_row, "notify::expanded", G_CALLBACK (on_expanded_cb), self);
  g_signal_connect (self->unpaid_row, "notify::expanded", G_CALLBACK (on_expanded_cb), self);
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
