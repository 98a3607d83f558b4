/* fonts.c — the subset faces of the PDF backend (registered with fontconfig) and the
 * release of the process-wide font caches of cairo, pango and fontconfig. */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"
#include "render/fonts.h"

#ifndef JX_FONT_DIR
#define JX_FONT_DIR "" /* the build's font directory */
#endif
#ifndef JX_FONT_INSTALL_DIR
#define JX_FONT_INSTALL_DIR "" /* where `cmake --install` puts them */
#endif

/* The files written by the build (CMakeLists.txt: jx_fonts) and the family each joins. */
static const struct {
  const char *file, *family;
} subset_faces[] = {
    {"jixiao-serif.otf", "jixiao Serif"},
    {"jixiao-sans.otf", "jixiao Sans"},
    {"jixiao-sans-bold.otf", "jixiao Sans"},
};

/* Add one file to fontconfig's application fonts under another family name, so that it
 * never stands in for the system face of the same name. */
static void add_face(FcConfig *cfg, const char *path, const char *family) {
  if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)path)) return;
  FcFontSet *set = FcConfigGetFonts(cfg, FcSetApplication);
  for (int i = 0; set && i < set->nfont; i++) {
    FcChar8 *file;
    if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch || strcmp((const char *)file, path) != 0)
      continue;
    FcPatternDel(set->fonts[i], FC_FAMILY);
    FcPatternDel(set->fonts[i], FC_FAMILYLANG);
    FcPatternAddString(set->fonts[i], FC_FAMILY, (const FcChar8 *)family);
  }
}

void jx_fonts_register(void) {
  static gsize once = 0;
  if (!g_once_init_enter(&once)) return;
  /* the first directory that holds the faces: $JIXIAO_FONT_DIR, the build's, the installed */
  const char *env = getenv("JIXIAO_FONT_DIR");
  const char *dirs[] = {env && *env ? env : NULL, env && *env ? NULL : JX_FONT_DIR, env && *env ? NULL : JX_FONT_INSTALL_DIR};
  for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
    if (!dirs[d] || !*dirs[d]) continue;
    char *first = g_build_filename(dirs[d], subset_faces[0].file, NULL);
    bool here = g_file_test(first, G_FILE_TEST_IS_REGULAR);
    g_free(first);
    if (!here) continue;
    FcConfig *cfg = FcConfigGetCurrent();
    for (size_t i = 0; i < sizeof subset_faces / sizeof subset_faces[0]; i++) {
      char *path = g_build_filename(dirs[d], subset_faces[i].file, NULL);
      if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) add_face(cfg, path, subset_faces[i].family);
      g_free(path);
    }
    break;
  }
  g_once_init_leave(&once, 1);
}

void jx_global_cleanup(void) {
  /* pango's default font map holds fontconfig and cairo font objects.  Nothing more:
   * cairo_debug_reset_static_data() and FcFini() assert when pango's fontconfig
   * thread still holds a font, which happens at random. */
  pango_cairo_font_map_set_default(NULL);
}
