/* fonts.c — release the process-wide font caches of cairo, pango and fontconfig. */
#include <pango/pangocairo.h>

#include "jixiao.h"

void jx_global_cleanup(void) {
  /* pango's default font map holds fontconfig and cairo font objects.  Nothing more:
   * cairo_debug_reset_static_data() and FcFini() assert when pango's fontconfig
   * thread still holds a font, which happens at random. */
  pango_cairo_font_map_set_default(NULL);
}
