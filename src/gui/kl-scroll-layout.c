#include "config.h"

#include "kl-scroll-layout.h"

struct _KlScrollLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (KlScrollLayout, kl_scroll_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
kl_scroll_layout_get_request_mode (GtkLayoutManager *manager,
                                   GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* Nothing, in either direction: see kl-scroll-layout.h. */
static void
kl_scroll_layout_measure (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          GtkOrientation    orientation,
                          int               for_size,
                          int              *minimum,
                          int              *natural,
                          int              *minimum_baseline,
                          int              *natural_baseline)
{
  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
}

/* The child is measured here, at the size it is given, and never given
 * less than its smallest width (it would overflow the page's right edge
 * rather than squeeze). */
static void
kl_scroll_layout_allocate (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           int               width,
                           int               height,
                           int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      {
        int child_min = 0;

        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
        gtk_widget_allocate (child, MAX (width, child_min), height, baseline, NULL);
      }
}

static void
kl_scroll_layout_class_init (KlScrollLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = kl_scroll_layout_get_request_mode;
  manager_class->measure = kl_scroll_layout_measure;
  manager_class->allocate = kl_scroll_layout_allocate;
}

static void
kl_scroll_layout_init (KlScrollLayout *self)
{
}
