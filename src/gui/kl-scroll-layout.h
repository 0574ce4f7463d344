#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KL_TYPE_SCROLL_LAYOUT (kl_scroll_layout_get_type ())

/* The layout of a page whose one child scrolls vertically (an
 * AdwPreferencesPage): the child fills the page, and the page's size
 * asks nothing of the child. GTK works out the window's smallest and
 * natural size by measuring every widget at several widths; a scrolling
 * page's height never depends on its content, so measuring it there only
 * laid out every row's text again and again (on the Overview, 2 600 text
 * layouts and 150 ms in one frame). Nor is its width asked: rows coming
 * in changed it, and the window answered each change by working out its
 * own size again, outside a frame (20-70 ms of text layout in one turn
 * of the main loop). The window's content is never narrower than 360
 * px (kl-window.ui), which every page fits. The child is measured once,
 * at the size it is given, when it is allocated. */
G_DECLARE_FINAL_TYPE (KlScrollLayout, kl_scroll_layout, KL, SCROLL_LAYOUT, GtkLayoutManager)

G_END_DECLS
