/* mkpdf.c — write a text file as a PDF with one text line per line (cairo + pango), the
 * way published reports reach pdftotext.  Built as jx_mkpdf for test_import; bench/import.sh compiles it too.
 *
 *   mkpdf INPUT.txt OUTPUT.pdf */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT.txt OUTPUT.pdf\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  size_t cap = (size_t)1 << 24;
  char *text = malloc(cap);
  if (!text) return 1;
  size_t n = fread(text, 1, cap - 1, f);
  text[n] = '\0';
  fclose(f);
  cairo_surface_t *s = cairo_pdf_surface_create(argv[2], 14000, 1400);
  cairo_t *cr = cairo_create(s);
  PangoLayout *lay = pango_cairo_create_layout(cr);
  PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC 8");
  pango_layout_set_font_description(lay, fd);
  int k = 0;
  for (char *p = text; *p;) {
    char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len) {
      pango_layout_set_text(lay, p, (int)len);
      cairo_move_to(cr, 20, 20 + (k % 100) * 13);
      pango_cairo_show_layout(cr, lay);
    }
    if (++k % 100 == 0) cairo_show_page(cr);
    if (!e) break;
    p = e + 1;
  }
  cairo_show_page(cr);
  g_object_unref(lay);
  pango_font_description_free(fd);
  cairo_destroy(cr);
  int rc = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? 0 : 1;
  cairo_surface_destroy(s);
  free(text);
  return rc;
}
