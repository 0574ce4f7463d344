/* The desktop application on years of demo data, against a bare
 * libadwaita window measured the same way in the same run: first frame;
 * data on screen after it (the Overview's figures filled in and drawn,
 * then the programme list's first rows drawn); the longest the main loop
 * was kept from drawing while the Overview loaded; a search keystroke in
 * the participant list, next to the sqlite3 shell running the SQL that
 * keystroke runs on the same file; peak memory with every page visited.
 * On 10 and 30 years of demo data (KARTLESER_BENCH_YEARS, "10,30" by
 * default; the first with both renderers). Prints figures; times are not
 * asserted. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "kl-application.h"
#include "kl-demo.h"
#include "kl-overview-page.h"
#include "kl-test-util.h"
#include "kl-window.h"

#define ROUNDS 5

static gint64 started;

/* The UI thread's own CPU time: what a keystroke costs it, whatever else
 * the machine is doing. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}
static double first_frame_ms;
static gboolean frame_painted;   /* set after every frame: lives as long as the clock's handler */
/* GTK drawing frames (from the frame clock's before-paint to its
 * after-paint: layout, snapshot and rendering), in all. */
static gint64 frame_started;
static gint64 drawing_us;

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       data)
{
  frame_started = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  if (first_frame_ms == 0)
    first_frame_ms = (g_get_monotonic_time () - started) / 1000.0;
  if (frame_started != 0)
    drawing_us += g_get_monotonic_time () - frame_started;
  frame_started = 0;
  frame_painted = TRUE;
}

static void
on_map_cb (GtkWidget *widget,
           gpointer   data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

/* The longest the main loop was kept from answering: a turn's time less
 * what it spent waiting in poll () for something to do (a frame waits
 * there for the display's next refresh, up to 16.7 ms, which is not work
 * that kept the window busy). */
static gint64 polled_us;
static GPollFunc default_poll;

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint result = default_poll (fds, n_fds, timeout);

  polled_us += g_get_monotonic_time () - start;
  return result;
}

/* The longest turns seen: whole, and without GTK drawing a frame in it
 * (what the application's own work kept the window from drawing), ms. */
typedef struct
{
  double longest;
  double work;
} Turns;

/* One turn of the main loop, counted in *turns unless NULL. */
static void
busy_turn (Turns *turns)
{
  gint64 start = g_get_monotonic_time ();
  gint64 polled = polled_us;
  gint64 drawn = drawing_us;
  double busy;

  g_main_context_iteration (NULL, TRUE);
  if (turns == NULL)
    return;
  busy = (g_get_monotonic_time () - start - (polled_us - polled)) / 1000.0;
  turns->longest = MAX (turns->longest, busy);
  turns->work = MAX (turns->work, busy - (drawing_us - drawn) / 1000.0);
}

static void
wait_for_frame_busy (GtkWidget *widget,
                     Turns     *turns)
{
  frame_painted = FALSE;
  gtk_widget_queue_draw (widget);
  while (!frame_painted)
    busy_turn (turns);
}

static void
wait_for_first_frame (GtkWindow *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  frame_painted = FALSE;
  gtk_window_present (window);
  while (!frame_painted)
    g_main_context_iteration (NULL, TRUE);
}

/* The year's figures are on the page (the first load: none before). */
static gboolean
figures_shown (KlOverviewPage *overview)
{
  g_autofree char *totals = kl_overview_page_get_text (overview, "totals");

  return *totals != '\0';
}

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The anchor of the longest turn: a page of libadwaita's own as large as
 * the Overview's first screen (six groups with a description, eight rows
 * each with a title, a subtitle and a suffix), put into the bare window
 * after its first frame, as Kartleser puts its pages in once the
 * database is open. */
static GtkWidget *
bare_page (void)
{
  GtkWidget *page = adw_preferences_page_new ();

  for (guint g = 0; g < 6; g++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *title = g_strdup_printf ("Group %u", g);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             "Grants that expire within 60 days without a payout request, and "
                                             "payout requests not yet paid");
      for (guint r = 0; r < 8; r++)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *row_title = g_strdup_printf ("LED SKOLE Kristiansand %u", 900 + g * 10 + r);
          g_autofree char *subtitle = g_strdup_printf ("Kristiansand kommune %u · grant of NOK 116,900.00, "
                                                       "no payout request yet", r);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("23 Nov 2026"));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }
  return page;
}

/* One child process: the first frame of one kind of window. */
static int
run_child (const char *mode,
           const char *path)
{
  GtkWindow *window;

  started = g_get_monotonic_time ();
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  gtk_init ();
  adw_init ();
  if (g_str_equal (mode, "bare"))
    {
      window = GTK_WINDOW (adw_application_window_new (NULL));
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), adw_status_page_new ());
      gtk_window_set_default_size (window, 1100, 720);
      struct rusage usage;

      Turns page = { 0 };

      wait_for_first_frame (window);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), bare_page ());
      wait_for_frame_busy (GTK_WIDGET (window), &page);
      getrusage (RUSAGE_SELF, &usage);
      g_print ("%.1f %ld %.1f\n", first_frame_ms, usage.ru_maxrss / 1024, page.longest);
      return 0;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDb) db = NULL;
      static const char *const pages[] = { "programmes", "clients", "participants", "consultants", "overview" };
      struct rusage usage;
      KlListPage *participants;
      double search_ms[ROUNDS], first_key_cpu_ms = 0;
      static const char *const words[] = { "h", "ha", "han", "hans", "hansen" };

      double opened_ms, skeleton_ms, overview_ms, people_ms, programmes_ms, set_ms;
      double open_ms;
      Turns stall = { 0 }, open_turn = { 0 };
      gint64 largest;
      gint64 mark, frame_at;
      KlOverviewPage *overview;
      KlListPage *programmes;

      /* As the application does: the window first, the database after
       * (the full check runs later, in the background). Data on screen
       * counts from the first frame: opening the database, the Overview's
       * figures computed and drawn. */
      kl_application_register_resources ();
      window = GTK_WINDOW (kl_window_new (NULL, NULL, NULL));
      gtk_window_set_default_size (window, 1100, 720);
      wait_for_first_frame (window);
      frame_at = started + (gint64) (first_frame_ms * 1000);
      db = kl_db_open (path, &error);
      g_assert_no_error (error);
      opened_ms = (g_get_monotonic_time () - frame_at) / 1000.0;
      mark = g_get_monotonic_time ();
      kl_window_set_database (KL_WINDOW (window), db, NULL);
      set_ms = (g_get_monotonic_time () - mark) / 1000.0;
      stall.longest = stall.work = set_ms;
      overview = KL_OVERVIEW_PAGE (kl_window_get_page_widget (KL_WINDOW (window), "overview"));
      /* The next frame: the window's pages, the Overview's groups. */
      wait_for_frame_busy (GTK_WIDGET (window), &stall);
      skeleton_ms = (g_get_monotonic_time () - frame_at) / 1000.0;
      /* Every turn of the main loop while the Overview loads: the
       * longest is the longest the window could not draw. The figures
       * (the year's money, money outstanding, sessions, deadlines) come
       * first; To Record and Absence Warnings after them. */
      while (!figures_shown (overview))
        busy_turn (&stall);
      wait_for_frame_busy (GTK_WIDGET (window), &stall);
      overview_ms = (g_get_monotonic_time () - frame_at) / 1000.0;
      while (kl_overview_page_is_loading (overview))
        busy_turn (&stall);
      wait_for_frame_busy (GTK_WIDGET (window), &stall);
      people_ms = (g_get_monotonic_time () - frame_at) / 1000.0;

      /* The programme list, as a click on the sidebar shows it. */
      mark = g_get_monotonic_time ();
      kl_window_show_page (KL_WINDOW (window), "programmes");
      programmes = kl_window_get_list (KL_WINDOW (window), KL_LIST_PROGRAMMES);
      while (kl_list_page_get_n_rows (programmes) == 0)
        g_main_context_iteration (NULL, TRUE);
      wait_for_frame_busy (GTK_WIDGET (window), NULL);
      programmes_ms = (g_get_monotonic_time () - mark) / 1000.0;

      /* every page, and the largest programme */
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          kl_window_show_page (KL_WINDOW (window), pages[i]);
          settle ();
        }
      /* The largest programme opened, as a click in the list opens it:
       * until its first frame, and the longest turn on the way (finding
       * which one is largest, a query over every programme, not timed). */
      largest = kl_demo_largest_programme (db, NULL);
      mark = g_get_monotonic_time ();
      kl_window_open_programme (KL_WINDOW (window), largest);
      open_turn.longest = open_turn.work = (g_get_monotonic_time () - mark) / 1000.0;
      wait_for_frame_busy (GTK_WIDGET (window), &open_turn);
      open_ms = (g_get_monotonic_time () - mark) / 1000.0;
      settle ();

      /* typing "hansen" into the participant search, keystroke by keystroke */
      kl_window_show_page (KL_WINDOW (window), "participants");
      settle ();
      participants = kl_window_get_list (KL_WINDOW (window), KL_LIST_PARTICIPANTS);
      for (guint i = 0; i < ROUNDS; i++)
        {
          gint64 start = g_get_monotonic_time ();
          double cpu_start = thread_cpu_ms ();

          kl_list_page_set_search (participants, words[i]);
          search_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
          if (i == 0)
            first_key_cpu_ms = thread_cpu_ms () - cpu_start;
          settle ();
        }
      getrusage (RUSAGE_SELF, &usage);
      g_print ("%.1f %.1f %.1f %.1f %.1f %.1f %ld %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f\n", first_frame_ms,
               search_ms[0], search_ms[1], search_ms[2], search_ms[3], search_ms[4], usage.ru_maxrss / 1024, opened_ms,
               overview_ms, programmes_ms, stall.longest, set_ms, people_ms, skeleton_ms, first_key_cpu_ms, open_ms,
               open_turn.longest, stall.work, open_turn.work);
      return 0;
    }
}

/* The sqlite3 shell's own time for sql (".timer on", the sum of its
 * statements' real time), median of ROUNDS runs; 0 without the shell. */
static double
shell_ms (const char *path,
          const char *sql)
{
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  double times[ROUNDS];

  if (shell == NULL)
    return 0;
  for (guint i = 0; i < ROUNDS; i++)
    {
      /* The shell times statements read from its input only. */
      const char *argv[] = { shell, "-batch", path, NULL };
      g_autofree char *input = g_strdup_printf (".timer on\n%s\n", sql);
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (process));
      times[i] = 0;
      lines = g_strsplit (out, "\n", -1);
      for (guint j = 0; lines[j]; j++)
        {
          double real;

          if (sscanf (lines[j], "Run Time: real %lf", &real) == 1)
            times[i] += real * 1000;
        }
    }
  kl_test_sort_times (times, ROUNDS);
  return times[ROUNDS / 2];
}

/* What the first keystroke ("h") asks the database, now (a count and the
 * first page of ids in name order) and before (every matching id, sorted),
 * as the sqlite3 shell runs it: the anchor of the keystroke. */
static double
measure_search_sql (const char *path)
{
#define MATCH "search MATCH '\"h\"*' AND rowid % 4 = 2"
#define FROM "FROM participant t LEFT JOIN client w ON w.id = t.workplace_id WHERE 1 = 1 AND "
  double now = shell_ms (path, "SELECT count(*) FROM search WHERE " MATCH ";"
                               "SELECT t.id " FROM "+t.id IN (SELECT rowid / 4 FROM search WHERE " MATCH ") "
                               "ORDER BY t.name COLLATE NOCASE, t.id LIMIT 256 OFFSET 0;");
  double before = shell_ms (path, "SELECT t.id " FROM "t.id IN (SELECT rowid / 4 FROM search WHERE " MATCH ") "
                                  "ORDER BY t.name COLLATE NOCASE, t.id;");
#undef MATCH
#undef FROM

  if (now == 0)
    {
      g_print ("sqlite3 (the shell) is not installed: the search keystroke has no anchor\n");
      return 0;
    }
  g_print ("sqlite3 shell, the first keystroke's SQL (\"h\"), medians of %d runs:\n", ROUNDS);
  g_print ("  a count and the first page of 256 ids (what a keystroke runs): %7.1f ms (the anchor)\n", now);
  g_print ("  every matching id, sorted (what a keystroke ran before):       %7.1f ms\n", before);
  return now;
}

static char *
spawn_child (const char  *self,
             const char  *mode,
             const char  *path,
             char       **env)
{
  const char *argv[] = { self, mode, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* ROUNDS of each kind of window, alternating so that neither gets the
 * warmer caches, under one renderer. */
static void
measure (const char  *self,
         const char  *path,
         const char  *size,
         const char  *renderer,
         double       search_anchor,
         char       **env)
{
  double bare[ROUNDS], page_anchor[ROUNDS], app[ROUNDS], opened[ROUNDS], overview[ROUNDS], programmes[ROUNDS];
  double stall[ROUNDS], open[ROUNDS], open_turn[ROUNDS], stall_work[ROUNDS], open_work[ROUNDS];
  double set[ROUNDS], people[ROUNDS], skeleton[ROUNDS], first_key[ROUNDS], first_key_cpu[ROUNDS], search_worst = 0;
  long bare_mb = 0, peak_mb = 0;
  int m = ROUNDS / 2;

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autofree char *b = spawn_child (self, "bare", path, env);
      g_autofree char *k = spawn_child (self, "kartleser", path, env);
      double s[5];
      long rss, bare_rss;

      g_assert_cmpint (sscanf (b, "%lf %ld %lf", &bare[i], &bare_rss, &page_anchor[i]), ==, 3);
      g_assert_cmpint (sscanf (k, "%lf %lf %lf %lf %lf %lf %ld %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf", &app[i],
                               &s[0], &s[1], &s[2], &s[3], &s[4], &rss, &opened[i], &overview[i], &programmes[i],
                               &stall[i], &set[i], &people[i], &skeleton[i], &first_key_cpu[i], &open[i], &open_turn[i],
                               &stall_work[i], &open_work[i]), ==, 19);
      first_key[i] = s[0];
      for (guint j = 0; j < 5; j++)
        search_worst = MAX (search_worst, s[j]);
      peak_mb = MAX (peak_mb, rss);
      bare_mb = MAX (bare_mb, bare_rss);
    }
  kl_test_sort_times (bare, ROUNDS);
  kl_test_sort_times (app, ROUNDS);
  kl_test_sort_times (opened, ROUNDS);
  kl_test_sort_times (overview, ROUNDS);
  kl_test_sort_times (programmes, ROUNDS);
  kl_test_sort_times (stall, ROUNDS);
  kl_test_sort_times (page_anchor, ROUNDS);
  kl_test_sort_times (open, ROUNDS);
  kl_test_sort_times (open_turn, ROUNDS);
  kl_test_sort_times (stall_work, ROUNDS);
  kl_test_sort_times (open_work, ROUNDS);
  kl_test_sort_times (set, ROUNDS);
  kl_test_sort_times (people, ROUNDS);
  kl_test_sort_times (skeleton, ROUNDS);
  kl_test_sort_times (first_key, ROUNDS);
  kl_test_sort_times (first_key_cpu, ROUNDS);

  g_print ("%s, medians of %d rounds, %s:\n", renderer, ROUNDS, size);
  g_print ("  first frame, bare libadwaita window:   %7.1f ms (the anchor)\n", bare[m]);
  g_print ("  first frame, Kartleser:                %7.1f ms, ratio %.2f to the bare window (target at most 1.5)\n",
           app[m], app[m] / bare[m]);
  g_print ("  after the first frame:\n");
  g_print ("    database open:                       %7.1f ms\n", opened[m]);
  g_print ("    the next frame (the pages, the Overview's groups): %7.1f ms\n", skeleton[m]);
  g_print ("    Overview's figures on screen:        %7.1f ms, ratio %.2f to the bare first frame (target under 300 ms)\n",
           overview[m], overview[m] / bare[m]);
  g_print ("    To Record and Absence Warnings too:  %7.1f ms\n", people[m]);
  g_print ("  programme list's first rows on screen: %7.1f ms after showing the page\n", programmes[m]);
  g_print ("  the largest programme opened:          %7.1f ms to its first frame, the longest turn on the way %.1f ms "
           "(%.1f ms of it not GTK drawing a frame)\n",
           open[m], open_turn[m], open_work[m]);
  g_print ("  main thread, longest turn while the Overview loads: %.1f ms, ratio %.1f to a libadwaita page as large "
           "put into the bare window (%.1f ms, the anchor); of it, handing the window its database: %.1f ms; "
           "a turn's time less its waiting in poll (); one frame is 16.7 ms\n",
           stall[m], stall[m] / page_anchor[m], page_anchor[m], set[m]);
  g_print ("  main thread, the longest turn's own work while the Overview loads: %.1f ms (a turn less GTK drawing "
           "a frame in it, from the frame clock's before-paint to its after-paint: layout, snapshot, rendering; "
           "target under 16 ms)\n",
           stall_work[m]);
  g_print ("  participant search keystroke, worst:   %7.1f ms (target under 16 on 10 years, 33 on 30; typing h, ha, han, hans, hansen)\n",
           search_worst);
  if (search_anchor > 0)
    g_print ("  participant search, the first keystroke (\"h\"): %.1f ms (%.1f ms of the UI thread's CPU), "
             "ratio %.1f to the sqlite3 shell's %.1f ms\n",
             first_key[m], first_key_cpu[m], first_key[m] / search_anchor, search_anchor);
  else
    g_print ("  participant search, the first keystroke (\"h\"): %.1f ms (%.1f ms of the UI thread's CPU)\n",
             first_key[m], first_key_cpu[m]);
  g_print ("  peak memory, every page visited:       %7ld MB (target under 150; a bare window: %ld MB)\n",
           peak_mb, bare_mb);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) years = NULL;
  g_auto(GStrv) gl = g_get_environ ();
  g_auto(GStrv) no_gl = g_environ_setenv (g_get_environ (), "GDK_DEBUG", "gl-disable", TRUE);

  if (argc == 3)
    return run_child (argv[1], argv[2]);

  dir = kl_test_make_dir ("bench-window");
  years = g_strsplit (g_getenv ("KARTLESER_BENCH_YEARS") != NULL ? g_getenv ("KARTLESER_BENCH_YEARS") : "10,30", ",", -1);
  for (guint y = 0; years[y] != NULL; y++)
    {
      int n_years = atoi (years[y]);
      g_autofree char *name = g_strdup_printf ("%d-years.db", n_years);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *size = NULL;
      struct stat st;
      double anchor;

      g_assert_cmpint (n_years, >, 0);
      {
        g_autoptr(KlDb) db = kl_db_open (path, &error);

        g_assert_no_error (error);
        g_assert_true (kl_demo_fill (db, n_years, &error));
      }
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      size = g_strdup_printf ("%d-year demo, %.0f MB", n_years, st.st_size / 1e6);
      anchor = measure_search_sql (path);
      /* Without a GPU here, GTK's GL renderer runs on Mesa's software
       * rasteriser, whose LLVM alone takes about 100 MB; the cairo
       * renderer (no GL loaded) shows what Kartleser itself uses. The
       * larger demos, for the search keystroke, with cairo only. */
      if (y == 0)
        measure (argv[0], path, size, "GL renderer (Mesa llvmpipe under Xvfb)", anchor, gl);
      measure (argv[0], path, size, "cairo renderer (GDK_DEBUG=gl-disable)", anchor, no_gl);
    }

  kl_test_remove_dir (dir);
  return 0;
}
