/* fonts.c — release the process-wide font caches of cairo, pango and fontconfig. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "jixiao.h"

void jx_global_cleanup(void) {
  /* pango's default font map holds fontconfig and cairo font objects: drop it first */
  pango_cairo_font_map_set_default(NULL);
  cairo_debug_reset_static_data();
  FcFini();
}
