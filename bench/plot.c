/* plot.c — the growth plot of docs/performance.md, drawn by the project itself (cairo SVG).
 *
 *   plot IN.tsv OUT.svg|OUT.png      IN: lines "departments files seconds peak_rss_mib" (# comments)
 *
 * Draws check + score time (left axis, s) and peak RSS (right axis, MiB) against the
 * number of departments, with the straight line through the origin and the smallest
 * point (what linear growth would give) and the 64 MiB memory target dashed.  Deterministic output.  A benchmark
 * helper (bench/run), not part of the library. */
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAXP 32
#define W 640.0
#define H 360.0
#define L 64.0
#define R 72.0
#define T 40.0
#define B 52.0

static double nice_max(double v) {
  if (v <= 0) return 1;
  double e = pow(10, floor(log10(v)));
  const double steps[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
    if (steps[i] * e >= v) return steps[i] * e;
  return 10 * e;
}

static void text(cairo_t *cr, double x, double y, double anchor, const char *s) {
  cairo_text_extents_t te;
  cairo_text_extents(cr, s, &te);
  cairo_move_to(cr, x - anchor * te.x_advance, y);
  cairo_show_text(cr, s);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s IN.tsv OUT.svg\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) return 1;
  double n[MAXP], sec[MAXP], rss[MAXP];
  int k = 0;
  char line[256];
  while (k < MAXP && fgets(line, sizeof line, f)) {
    double files;
    if (line[0] == '#') continue;
    if (sscanf(line, "%lf %lf %lf %lf", &n[k], &files, &sec[k], &rss[k]) == 4) k++;
  }
  fclose(f);
  if (k < 1) return 1;
  double xmax = nice_max(n[k - 1]), smax = 0, rmax = 0;
  for (int i = 0; i < k; i++) {
    if (sec[i] > smax) smax = sec[i];
    if (rss[i] > rmax) rmax = rss[i];
  }
  smax = nice_max(smax * 1.1);
  rmax = nice_max((rmax > 64 ? rmax : 64) * 1.25); /* room for the 64 MiB target line */
  size_t len = strlen(argv[2]);
  bool png = len > 4 && !strcmp(argv[2] + len - 4, ".png");
  cairo_surface_t *s = png ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)W, (int)H) : cairo_svg_surface_create(argv[2], W, H);
  if (!png) cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  double pw = W - L - R, ph = H - T - B;
#define X(v) (L + (v) / xmax * pw)
#define YS(v) (T + ph - (v) / smax * ph)
#define YR(v) (T + ph - (v) / rmax * ph)
  /* grid and axes */
  cairo_set_font_size(cr, 11);
  cairo_set_line_width(cr, 0.5);
  for (int i = 0; i <= 5; i++) {
    double y = T + ph - i * ph / 5;
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, L, y);
    cairo_line_to(cr, L + pw, y);
    cairo_stroke(cr);
    char b[32];
    cairo_set_source_rgb(cr, 0.12, 0.35, 0.65);
    snprintf(b, sizeof b, "%g", smax * i / 5);
    text(cr, L - 6, y + 4, 1, b);
    cairo_set_source_rgb(cr, 0.8, 0.4, 0.1);
    snprintf(b, sizeof b, "%g", rmax * i / 5);
    text(cr, L + pw + 6, y + 4, 0, b);
  }
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  for (int i = 0; i <= 5; i++) {
    char b[32];
    snprintf(b, sizeof b, "%g", xmax * i / 5);
    text(cr, X(xmax * i / 5), T + ph + 16, 0.5, b);
  }
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, L, T, pw, ph);
  cairo_stroke(cr);
  cairo_set_font_size(cr, 12);
  text(cr, L + pw / 2, H - 14, 0.5, "部门数（departments; one file per department-year + project files）");
  cairo_set_source_rgb(cr, 0.12, 0.35, 0.65);
  text(cr, L, T - 12, 0, "check + score, s (one process, all files)");
  cairo_set_source_rgb(cr, 0.8, 0.4, 0.1);
  text(cr, L + pw, T - 12, 1, "peak RSS, MiB");
  /* linear reference through the origin and the smallest point */
  cairo_set_source_rgb(cr, 0.12, 0.35, 0.65);
  double dash[] = {4, 3};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_move_to(cr, X(0), YS(0));
  cairo_line_to(cr, X(xmax), YS(sec[0] / n[0] * xmax));
  cairo_save(cr);
  cairo_rectangle(cr, L, T, pw, ph);
  cairo_clip(cr);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  cairo_restore(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  /* the memory target of issue #7 */
  cairo_set_source_rgb(cr, 0.8, 0.4, 0.1);
  cairo_set_dash(cr, dash, 2, 0);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, L, YR(64));
  cairo_line_to(cr, L + pw, YR(64));
  cairo_stroke(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  cairo_set_font_size(cr, 10);
  text(cr, L + pw - 4, YR(64) - 4, 1, "target: peak RSS ≤ 64 MiB");
  /* series */
  for (int series = 0; series < 2; series++) {
    if (series == 0) cairo_set_source_rgb(cr, 0.12, 0.35, 0.65);
    else cairo_set_source_rgb(cr, 0.8, 0.4, 0.1);
    cairo_set_line_width(cr, 2);
    for (int i = 0; i < k; i++) {
      double y = series == 0 ? YS(sec[i]) : YR(rss[i]);
      if (i == 0) cairo_move_to(cr, X(n[i]), y);
      else cairo_line_to(cr, X(n[i]), y);
    }
    cairo_stroke(cr);
    for (int i = 0; i < k; i++) {
      double y = series == 0 ? YS(sec[i]) : YR(rss[i]);
      cairo_arc(cr, X(n[i]), y, 3.5, 0, 2 * M_PI);
      cairo_fill(cr);
      char b[32];
      if (series == 0) snprintf(b, sizeof b, "%.2f s", sec[i]);
      else snprintf(b, sizeof b, "%.1f MiB", rss[i]);
      cairo_set_font_size(cr, 10);
      text(cr, X(n[i]) - 4, series == 0 ? y - 7 : y + 14, 1, b);
    }
  }
  cairo_destroy(cr);
  if (png) cairo_surface_write_to_png(s, argv[2]);
  cairo_surface_finish(s);
  int rc = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(s);
  return rc;
}
