/* The attendance grid of the largest programme in ten years of demo data
 * (300 participants by 40 sessions): from the database to the first frame
 * on screen, and the parts of it. Prints figures; asserts only that the
 * grid is the size it should be. */

#include <adwaita.h>
#include <stdlib.h>

#include "kl-application.h"
#include "kl-attendance-grid-view.h"
#include "kl-demo.h"
#include "kl-test-util.h"

#define ROUNDS 5

static gboolean painted;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  painted = TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("bench-gui");
  g_autofree char *path = g_build_filename (dir, "ten-years.db", NULL);
  g_autoptr(KlDb) db = NULL;
  g_autoptr(KlContext) context = NULL;
  double load_ms[ROUNDS];
  double frame_ms[ROUNDS];
  gint64 programme;
  gint64 start;

  gtk_init ();
  adw_init ();
  kl_application_register_resources ();

  db = kl_db_open (path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (kl_demo_fill (db, 10, &error));
  g_assert_no_error (error);
  g_print ("demo data (10 years): %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  programme = kl_demo_largest_programme (db, NULL);
  context = kl_context_new (db);
  g_assert_cmpint (programme, >, 0);

  for (int i = 0; i < ROUNDS; i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *grid = kl_attendance_grid_view_new (context);
      const KlAttendanceGrid *data;
      gint64 loaded;

      gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
      gtk_window_set_child (GTK_WINDOW (window), scrolled);
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_widget_get_mapped (window))
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;

      painted = FALSE;
      g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
      start = g_get_monotonic_time ();
      g_assert_true (kl_attendance_grid_view_load (KL_ATTENDANCE_GRID_VIEW (grid), programme, &error));
      loaded = g_get_monotonic_time ();
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      load_ms[i] = (loaded - start) / 1000.0;
      frame_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      data = kl_attendance_grid_view_get_grid (KL_ATTENDANCE_GRID_VIEW (grid));
      g_assert_cmpuint (data->participants->len, ==, 300);
      g_assert_cmpuint (data->sessions->len, ==, 40);
      g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (window), on_after_paint_cb, NULL);
      gtk_window_destroy (GTK_WINDOW (window));
    }

  kl_test_sort_times (load_ms, ROUNDS);
  kl_test_sort_times (frame_ms, ROUNDS);
  g_print ("attendance grid 300 x 40, read and laid out: median %.1f ms\n", load_ms[ROUNDS / 2]);
  g_print ("attendance grid 300 x 40, to the first frame: median %.1f ms (best %.1f, worst %.1f)\n",
           frame_ms[ROUNDS / 2], frame_ms[0], frame_ms[ROUNDS - 1]);

  g_clear_object (&db);
  kl_test_remove_dir (dir);
  return 0;
}
