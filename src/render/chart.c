/* chart.c — the report's charts, drawn once with cairo + pango for every format:
 * straight onto a cairo context (PDF), as SVG text (HTML) or PNG bytes (DOCX).
 *
 * JX_CHART_ATTAINMENT: one horizontal bar per indicator, actual / target in percent,
 *   capped at 120% or 150%, a marker at 100%, coloured by status (达成 green, 部分达成
 *   amber, 未达成 red), the value written after the bar.
 * JX_CHART_BUDGET: grouped bars per series (status = series index: 0 年初预算,
 *   1 调整后预算, 2 执行数), axis in 万元.  Consecutive points whose series index does
 *   not increase start a new group; a label "财政拨款 年初预算" names the group
 *   "财政拨款".  With checkpoints (status = month 1–12, value = cumulative executed
 *   in 分) a second panel draws the cumulative line against the reference (the
 *   adjusted budget, dashed) and the even time schedule (dotted).
 *
 * Text is Noto Sans CJK SC (in a PDF: the PDF's faces, see CHART_FONT_PDF) with the
 * Pango language zh-cn (without it fontconfig may pick the JP face).  Output is deterministic: no clocks, no random ids; numbers are
 * formatted without printf's locale. */
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <string.h>

#include "render/fonts.h"
#include "render/report.h"
#include "util/buf.h"
#include "util/arena.h"

/* SVG and PNG charts: Noto Sans CJK SC.  In a PDF: labels in the body's serif face and
 * titles in the headings' bold sans, the build's subset faces first, so that the PDF
 * embeds two faces, not three (about 1.5 ms less per report, docs/performance.md). */
#define CHART_FONT "Noto Sans CJK SC"
#define CHART_FONT_PDF JX_FONT_SERIF
#define CHART_FONT_PDF_BOLD JX_FONT_SANS

typedef struct {
  double r, g, b;
} rgb;

static const rgb C_TEXT = {0.13, 0.13, 0.13};
static const rgb C_AXIS = {0.35, 0.35, 0.35};
static const rgb C_GRID = {0.87, 0.87, 0.87};
static const rgb C_STATUS[3] = {
    {0.18, 0.49, 0.20}, /* 达成 */
    {0.90, 0.60, 0.00}, /* 部分达成 */
    {0.78, 0.16, 0.16}, /* 未达成 */
};
static const char *const STATUS_NAME[3] = {"达成", "部分达成", "未达成"};
static const rgb C_SERIES[6] = {
    {0.62, 0.71, 0.80}, /* 年初预算 */
    {0.20, 0.40, 0.62}, /* 调整后预算 */
    {0.85, 0.47, 0.13}, /* 执行数 */
    {0.40, 0.62, 0.35}, {0.55, 0.40, 0.65}, {0.55, 0.55, 0.55},
};
static const char *const SERIES_NAME[3] = {"年初预算", "调整后预算", "执行数"};
static const rgb C_LINE = {0.85, 0.47, 0.13};

/* ---- drawing context ---------------------------------------------------------- */

typedef struct {
  cairo_t *cr;
  PangoContext *pctx;
  PangoLayout *layout;
  PangoFontDescription *font;
  bool pdf; /* drawing into a PDF: the PDF backend's faces */
} chart_ctx;

static void ctx_open(chart_ctx *cc, cairo_t *cr) {
  cc->pdf = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_PDF;
  if (cc->pdf) jx_fonts_register();
  cc->cr = cr;
  cc->pctx = pango_cairo_create_context(cr);
  pango_cairo_context_set_resolution(cc->pctx, 72.0);
  pango_context_set_language(cc->pctx, pango_language_from_string("zh-cn"));
  cc->layout = pango_layout_new(cc->pctx);
  PangoAttrList *attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string("zh-cn")));
  pango_layout_set_attributes(cc->layout, attrs);
  pango_attr_list_unref(attrs);
  cc->font = pango_font_description_from_string(CHART_FONT);
}

static void ctx_close(chart_ctx *cc) {
  pango_font_description_free(cc->font);
  g_object_unref(cc->layout);
  g_object_unref(cc->pctx);
}

static void set_rgb(cairo_t *cr, rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* Prepare the layout for one line of text at size (user units); max_w > 0 ellipsizes. */
static void text_prepare(chart_ctx *cc, const char *text, double size, bool bold, double max_w) {
  if (cc->pdf) pango_font_description_set_family_static(cc->font, bold ? CHART_FONT_PDF_BOLD : CHART_FONT_PDF);
  pango_font_description_set_absolute_size(cc->font, size * PANGO_SCALE);
  pango_font_description_set_weight(cc->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(cc->layout, cc->font);
  pango_layout_set_width(cc->layout, max_w > 0 ? (int)(max_w * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize(cc->layout, max_w > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_single_paragraph_mode(cc->layout, TRUE);
  pango_layout_set_text(cc->layout, text ? text : "", -1);
}

static double text_width(chart_ctx *cc, const char *text, double size, bool bold) {
  text_prepare(cc, text, size, bold, 0);
  int w, h;
  pango_layout_get_size(cc->layout, &w, &h);
  return (double)w / PANGO_SCALE;
}

/* Draw text with its anchor at x (0 left, 0.5 centre, 1 right) and its vertical centre
 * at y.  Returns the drawn width. */
static double text_at(chart_ctx *cc, const char *text, double x, double y, double size, bool bold,
                      double anchor, double max_w, rgb colour) {
  text_prepare(cc, text, size, bold, max_w);
  PangoRectangle ink, logical;
  pango_layout_get_extents(cc->layout, &ink, &logical);
  double w = (double)logical.width / PANGO_SCALE, h = (double)logical.height / PANGO_SCALE;
  cairo_t *cr = cc->cr;
  set_rgb(cr, colour);
  cairo_move_to(cr, x - anchor * w, y - h / 2);
  pango_cairo_show_layout(cr, cc->layout);
  cairo_new_path(cr);
  return w;
}

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* ---- numbers as text (no printf: the locale must not change the decimal point) ------ */

/* v rounded half-up to `dec` decimals (0..2). */
static void fmt_fixed(double v, int dec, char *buf, size_t n) {
  double scale = dec == 0 ? 1 : dec == 1 ? 10 : 100;
  bool neg = v < 0;
  unsigned long long q = (unsigned long long)floor(fabs(v) * scale + 0.5);
  char tmp[40];
  size_t k = 0;
  int digits = 0;
  do {
    if (dec > 0 && digits == dec) tmp[k++] = '.';
    tmp[k++] = (char)('0' + q % 10);
    q /= 10;
    digits++;
  } while (q > 0 || digits <= dec);
  if (neg) tmp[k++] = '-';
  size_t i = 0;
  for (; i < k && i + 1 < n; i++) buf[i] = tmp[k - 1 - i];
  buf[i] = '\0';
}

/* percent × JX_NUM_SCALE → "96%" (half-up). */
static void fmt_percent(int64_t v, char *buf, size_t n) {
  fmt_fixed((double)v / (double)JX_NUM_SCALE, 0, buf, n > 1 ? n - 1 : n);
  size_t l = strlen(buf);
  if (l + 1 < n) {
    buf[l] = '%';
    buf[l + 1] = '\0';
  }
}

/* A readable axis: step 1/2/2.5/5 × 10^k, top a multiple of step ≥ max. */
static double nice_step(double max, int want, int *dec) {
  if (!(max > 0)) max = 1;
  double raw = max / want;
  double mag = pow(10, floor(log10(raw)));
  double norm = raw / mag, f = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  double step = f * mag;
  *dec = step >= 1 ? 0 : step >= 0.1 && f != 2.5 ? 1 : 2;
  return step;
}

/* ---- pieces ------------------------------------------------------------------- */

static void swatch(cairo_t *cr, double x, double y, double s, rgb c) {
  set_rgb(cr, c);
  cairo_rectangle(cr, x, y - s / 2, s, s);
  cairo_fill(cr);
}

typedef struct {
  const char *name;
  rgb colour;
  int kind; /* 0 box, 1 solid line, 2 dashed line, 3 dotted line */
} legend_item;

/* One centred row of legend items with its vertical centre at y. */
static void legend_row(chart_ctx *cc, const legend_item *it, size_t n, double w, double y, double fs) {
  double sw = fs * 0.9, gap = fs * 0.4, sep = fs * 1.4, total = 0;
  for (size_t i = 0; i < n; i++) {
    double iw = (it[i].kind ? sw * 2 : sw) + gap + text_width(cc, it[i].name, fs, false);
    total += iw + (i ? sep : 0);
  }
  double x = (w - total) / 2;
  cairo_t *cr = cc->cr;
  for (size_t i = 0; i < n; i++) {
    if (it[i].kind == 0) {
      swatch(cr, x, y, sw, it[i].colour);
      x += sw;
    } else {
      cairo_save(cr);
      set_rgb(cr, it[i].colour);
      cairo_set_line_width(cr, it[i].kind == 1 ? 1.6 : 1.2);
      if (it[i].kind == 2) {
        double d[2] = {3, 2};
        cairo_set_dash(cr, d, 2, 0);
      } else if (it[i].kind == 3) {
        double d[2] = {1, 1.5};
        cairo_set_dash(cr, d, 2, 0);
      }
      cairo_move_to(cr, x, y);
      cairo_line_to(cr, x + sw * 2, y);
      cairo_stroke(cr);
      cairo_restore(cr);
      x += sw * 2;
    }
    x += gap;
    x += text_at(cc, it[i].name, x, y, fs, false, 0, 0, C_TEXT) + sep;
  }
}

/* Title centred at the top; returns the y below it. */
static double draw_title(chart_ctx *cc, const char *title, double w, double h, double pad) {
  if (!title || !*title) return pad;
  double ts = clampd(fmin(w, h * 1.6) * 0.035, 8, 13);
  text_at(cc, title, w / 2, pad + ts * 0.7, ts, true, 0.5, w - 2 * pad, C_TEXT);
  return pad + ts * 1.5;
}

static void draw_no_data(chart_ctx *cc, double w, double top, double h) {
  double fs = clampd(fmin(w, h) * 0.06, 8, 14);
  text_at(cc, "无数据", w / 2, top + (h - top) / 2, fs, false, 0.5, 0, C_AXIS);
}

/* ---- attainment ----------------------------------------------------------------- */

static void draw_attainment(chart_ctx *cc, const jx_chart *c, double w, double h) {
  cairo_t *cr = cc->cr;
  double pad = clampd(fmin(w, h) * 0.025, 3, 8);
  double y = draw_title(cc, c->title, w, h, pad);
  if (c->points.n == 0) {
    draw_no_data(cc, w, y, h);
    return;
  }
  double fs = clampd(fmin(w, h * 1.6) * 0.026, 6, 10);
  legend_item leg[3];
  for (int i = 0; i < 3; i++) leg[i] = (legend_item){STATUS_NAME[i], C_STATUS[i], 0};
  legend_row(cc, leg, 3, w, y + fs * 0.8, fs);
  double top = y + fs * 2.0;
  double bottom = h - pad - fs * 1.6; /* axis labels below */

  double cap = 120;
  for (size_t i = 0; i < c->points.n; i++)
    if ((double)c->points.items[i].value / (double)JX_NUM_SCALE > 120) cap = 150;
  double tick = cap == 150 ? 25 : 20;

  double n = (double)c->points.n;
  double row_h = (bottom - top) / n;
  double lfs = clampd(fmin(fs, row_h * 0.72), 4, 10);
  double label_w = w * 0.34;
  double vw = text_width(cc, "150%", lfs, false) + lfs * 0.6;
  double x0 = pad + label_w + lfs * 0.6, x1 = w - pad - vw;
  if (x1 < x0 + 10) x1 = x0 + 10;
  double sx = (x1 - x0) / cap;

  /* grid and axis labels */
  cairo_set_line_width(cr, 0.5);
  for (int k = 0; k * tick <= cap + 1e-9; k++) {
    double t = k * tick;
    double gx = x0 + t * sx;
    set_rgb(cr, C_GRID);
    cairo_move_to(cr, gx, top);
    cairo_line_to(cr, gx, bottom);
    cairo_stroke(cr);
    char buf[16];
    fmt_percent((int64_t)t * JX_NUM_SCALE, buf, sizeof buf);
    text_at(cc, buf, gx, bottom + fs * 0.8, fs * 0.9, false, 0.5, 0, C_AXIS);
  }

  double bar_h = fmin(row_h * 0.62, 16);
  for (size_t i = 0; i < c->points.n; i++) {
    const jx_chart_point *p = &c->points.items[i];
    double cy = top + row_h * ((double)i + 0.5);
    text_at(cc, p->label, pad + label_w, cy, lfs, false, 1, label_w, C_TEXT);
    double pct = (double)p->value / (double)JX_NUM_SCALE;
    if (pct < 0) pct = 0;
    double len = fmin(pct, cap) * sx;
    int st = p->status >= 0 && p->status <= 2 ? p->status : 2;
    set_rgb(cr, C_STATUS[st]);
    cairo_rectangle(cr, x0, cy - bar_h / 2, len, bar_h);
    cairo_fill(cr);
    if (pct > cap) { /* beyond the axis: a white break mark near the end */
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_set_line_width(cr, 1.2);
      double bx = x0 + len - bar_h * 0.8;
      cairo_move_to(cr, bx - bar_h * 0.2, cy + bar_h / 2);
      cairo_line_to(cr, bx + bar_h * 0.2, cy - bar_h / 2);
      cairo_stroke(cr);
    }
  }

  /* axis and the 100% marker on top of the bars */
  set_rgb(cr, C_AXIS);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, x0, top);
  cairo_line_to(cr, x0, bottom);
  cairo_line_to(cr, x1, bottom);
  cairo_stroke(cr);
  double mx = x0 + 100 * sx;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_set_line_width(cr, 1.0);
  double dash[2] = {3, 2};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_move_to(cr, mx, top - fs * 0.2);
  cairo_line_to(cr, mx, bottom);
  cairo_stroke(cr);
  cairo_restore(cr);

  /* the values after the bars, on white so that the marker does not cross them */
  for (size_t i = 0; i < c->points.n; i++) {
    const jx_chart_point *p = &c->points.items[i];
    double cy = top + row_h * ((double)i + 0.5);
    double pct = (double)p->value / (double)JX_NUM_SCALE;
    double len = fmin(pct < 0 ? 0 : pct, cap) * sx;
    char buf[24];
    fmt_percent(p->value, buf, sizeof buf);
    double tw = text_width(cc, buf, lfs, false);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x0 + len + lfs * 0.15, cy - lfs * 0.6, tw + lfs * 0.3, lfs * 1.2);
    cairo_fill(cr);
    text_at(cc, buf, x0 + len + lfs * 0.3, cy, lfs, false, 0, 0, C_TEXT);
  }
}

/* ---- budget ------------------------------------------------------------------- */

/* Y axis in 万元 from 0 to top with gridlines; x0..x1 is the plot's width. */
static void y_axis(chart_ctx *cc, double x0, double x1, double ytop, double ybot, double top_wan,
                   double step, int dec, double fs) {
  cairo_t *cr = cc->cr;
  cairo_set_line_width(cr, 0.5);
  for (int k = 0; k * step <= top_wan * (1 + 1e-9); k++) {
    double t = k * step;
    double gy = ybot - (ybot - ytop) * t / top_wan;
    set_rgb(cr, C_GRID);
    cairo_move_to(cr, x0, gy);
    cairo_line_to(cr, x1, gy);
    cairo_stroke(cr);
    char buf[32];
    fmt_fixed(t, dec, buf, sizeof buf);
    text_at(cc, buf, x0 - fs * 0.3, gy, fs, false, 1, 0, C_AXIS);
  }
  text_at(cc, "万元", x0 - fs * 0.3, ytop - fs * 1.1, fs, false, 1, 0, C_AXIS);
  set_rgb(cr, C_AXIS);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, x0, ytop);
  cairo_line_to(cr, x0, ybot);
  cairo_line_to(cr, x1, ybot);
  cairo_stroke(cr);
}

static double axis_label_width(chart_ctx *cc, double top_wan, int dec, double fs) {
  char buf[32];
  fmt_fixed(top_wan, dec, buf, sizeof buf);
  double a = text_width(cc, buf, fs, false), b = text_width(cc, "万元", fs, false);
  return (a > b ? a : b) + fs * 0.6;
}

/* The name of series s: the label of its first point when that label is a plain
 * series name (年初预算, 调整后预算 or 全年预算, 执行数), else the default. */
static bool is_series_label(const char *l) {
  return l && (strcmp(l, "年初预算") == 0 || strcmp(l, "调整后预算") == 0 || strcmp(l, "全年预算") == 0 ||
               strcmp(l, "执行数") == 0);
}

static const char *series_name(const jx_chart *c, int s) {
  for (size_t i = 0; i < c->points.n; i++)
    if (c->points.items[i].status == s && is_series_label(c->points.items[i].label)) return c->points.items[i].label;
  return s >= 0 && s < 3 ? SERIES_NAME[s] : "";
}

/* The group name of a point: its label without a trailing series name. */
static const char *group_name(jx_arena *a, const jx_chart_point *p) {
  static const char *const suffix[4] = {"年初预算", "调整后预算", "全年预算", "执行数"};
  if (!p->label || is_series_label(p->label)) return "";
  size_t ll = strlen(p->label);
  for (int q = 0; q < 4; q++) {
    size_t sl = strlen(suffix[q]);
    if (ll > sl && strcmp(p->label + ll - sl, suffix[q]) == 0) {
      size_t k = ll - sl;
      while (k > 0 && (p->label[k - 1] == ' ' || p->label[k - 1] == '-' || p->label[k - 1] == '/' ||
                       p->label[k - 1] == ':'))
        k--;
      /* "·" (U+00B7) and "：" (U+FF1A) as separators */
      if (k >= 2 && (unsigned char)p->label[k - 2] == 0xC2 && (unsigned char)p->label[k - 1] == 0xB7) k -= 2;
      if (k >= 3 && memcmp(p->label + k - 3, "\xEF\xBC\x9A", 3) == 0) k -= 3;
      return jx_arena_strndup(a, p->label, k);
    }
  }
  return p->label;
}

static void draw_budget_bars(chart_ctx *cc, const jx_chart *c, double bx, double by, double bw, double bh,
                             double fs) {
  cairo_t *cr = cc->cr;
  size_t n = c->points.n;
  jx_arena *a = jx_arena_new();
  /* groups: a new one starts when the series index does not increase */
  size_t *gstart = jx_arena_alloc(a, (n + 1) * sizeof *gstart);
  size_t ng = 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || c->points.items[i].status <= c->points.items[i - 1].status) gstart[ng++] = i;
  gstart[ng] = n;
  size_t per = 1;
  for (size_t g = 0; g < ng; g++)
    if (gstart[g + 1] - gstart[g] > per) per = gstart[g + 1] - gstart[g];
  bool named = false; /* one group needs no name: the legend names the bars */
  for (size_t i = 0; i < n && ng > 1; i++)
    if (*group_name(a, &c->points.items[i])) named = true;

  double maxv = 0;
  for (size_t i = 0; i < n; i++) maxv = fmax(maxv, (double)c->points.items[i].value / JX_FEN_PER_WAN);
  int dec;
  double step = nice_step(maxv * 1.08, 5, &dec);
  double top_wan = ceil(maxv * 1.08 / step - 1e-9) * step;
  if (top_wan <= 0) top_wan = step;

  double afs = fs * 0.9;
  double ytop = by + fs * 1.6, ybot = by + bh - fs * (named ? 1.8 : 1.6);
  double x0 = bx + axis_label_width(cc, top_wan, dec, afs), x1 = bx + bw;
  y_axis(cc, x0, x1, ytop, ybot, top_wan, step, dec, afs);

  double gw = (x1 - x0) / (double)ng;
  double barw = fmin(gw * 0.78 / (double)per, 36);
  for (size_t g = 0; g < ng; g++) {
    size_t k = gstart[g + 1] - gstart[g];
    double gx = x0 + gw * ((double)g + 0.5) - barw * (double)k / 2;
    for (size_t j = 0; j < k; j++) {
      const jx_chart_point *p = &c->points.items[gstart[g] + j];
      double v = (double)(p->value > 0 ? p->value : 0) / JX_FEN_PER_WAN;
      double bhgt = (ybot - ytop) * v / top_wan;
      double x = gx + barw * (double)j;
      int s = p->status >= 0 && p->status < 6 ? p->status : 5;
      set_rgb(cr, C_SERIES[s]);
      cairo_rectangle(cr, x + barw * 0.06, ybot - bhgt, barw * 0.88, bhgt);
      cairo_fill(cr);
      char buf[40];
      jx_format_money_wan(p->value, buf, sizeof buf);
      double vfs = afs;
      while (vfs > 4.5 && text_width(cc, buf, vfs, false) > barw * 1.05) vfs -= 0.5;
      if (text_width(cc, buf, vfs, false) <= barw * 1.1)
        text_at(cc, buf, x + barw / 2, ybot - bhgt - vfs * 0.75, vfs, false, 0.5, 0, C_TEXT);
    }
    if (named)
      text_at(cc, group_name(a, &c->points.items[gstart[g]]), x0 + gw * ((double)g + 0.5), ybot + fs * 0.95,
              afs, false, 0.5, gw * 0.98, C_TEXT);
  }
  jx_arena_free(a);
}

static int checkpoint_month(const jx_chart_point *p, size_t index) {
  if (p->status >= 1 && p->status <= 12) return p->status;
  if (p->label) {
    int m = 0;
    for (const char *s = p->label; *s >= '0' && *s <= '9' && m < 100; s++) m = m * 10 + (*s - '0');
    if (m >= 1 && m <= 12) return m;
  }
  return (int)(index % 12) + 1;
}

static void draw_budget_line(chart_ctx *cc, const jx_chart *c, double bx, double by, double bw, double bh,
                             double fs) {
  cairo_t *cr = cc->cr;
  size_t n = c->checkpoints.n;
  double ref = (double)(c->reference > 0 ? c->reference : 0) / JX_FEN_PER_WAN;
  double maxv = ref;
  for (size_t i = 0; i < n; i++) maxv = fmax(maxv, (double)c->checkpoints.items[i].value / JX_FEN_PER_WAN);
  int dec;
  double step = nice_step(maxv * 1.08, 5, &dec);
  double top_wan = ceil(maxv * 1.08 / step - 1e-9) * step;
  if (top_wan <= 0) top_wan = step;
  double afs = fs * 0.9;
  double ytop = by + fs * 1.6, ybot = by + bh - fs * 1.6;
  double x0 = bx + axis_label_width(cc, top_wan, dec, afs), x1 = bx + bw - fs * 1.2;
  y_axis(cc, x0, x1, ytop, ybot, top_wan, step, dec, afs);
  double mx = (x1 - x0) / 12.0; /* month m at x0 + m × mx; 0 = start of the year */
  for (int m = 1; m <= 12; m++) {
    char buf[8];
    fmt_fixed(m, 0, buf, sizeof buf);
    text_at(cc, buf, x0 + mx * m, ybot + afs * 0.9, afs * 0.9, false, 0.5, 0, C_AXIS);
  }
  text_at(cc, "月", x1 + fs * 0.3, ybot + afs * 0.9, afs * 0.9, false, 0, 0, C_AXIS);
  double sy = (ybot - ytop) / top_wan;

  cairo_save(cr);
  if (ref > 0) { /* the even time schedule (dotted) and the reference (dashed) */
    set_rgb(cr, C_AXIS);
    cairo_set_line_width(cr, 0.8);
    double dot[2] = {1, 1.5};
    cairo_set_dash(cr, dot, 2, 0);
    cairo_move_to(cr, x0, ybot);
    cairo_line_to(cr, x0 + mx * 12, ybot - ref * sy);
    cairo_stroke(cr);
    set_rgb(cr, C_SERIES[1]);
    cairo_set_line_width(cr, 1.2);
    double dash[2] = {4, 2.5};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, x0, ybot - ref * sy);
    cairo_line_to(cr, x0 + mx * 12, ybot - ref * sy);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  if (ref > 0) {
    char buf[40], lab[96];
    jx_format_money_wan(c->reference, buf, sizeof buf);
    const char *sn = series_name(c, 1);
    size_t l = strlen(sn);
    if (l > 48) l = 48;
    memcpy(lab, sn, l); // NOLINT(bugprone-not-null-terminated-result): terminated below
    lab[l++] = ' ';
    memcpy(lab + l, buf, strlen(buf) + 1); // NOLINT(bugprone-not-null-terminated-result): copies the NUL
    text_at(cc, lab, x0 + afs * 0.4, ybot - ref * sy - afs * 0.85, afs, false, 0, 0, C_SERIES[1]);
  }

  /* the cumulative line, in month order (insertion sort of indices) */
  size_t *ord = jx_xmalloc((n ? n : 1) * sizeof *ord);
  for (size_t i = 0; i < n; i++) {
    size_t j = i;
    int m = checkpoint_month(&c->checkpoints.items[i], i);
    while (j > 0 && checkpoint_month(&c->checkpoints.items[ord[j - 1]], ord[j - 1]) > m) {
      ord[j] = ord[j - 1];
      j--;
    }
    ord[j] = i;
  }
  set_rgb(cr, C_LINE);
  cairo_set_line_width(cr, 1.6);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (size_t i = 0; i < n; i++) {
    const jx_chart_point *p = &c->checkpoints.items[ord[i]];
    double v = (double)(p->value > 0 ? p->value : 0) / JX_FEN_PER_WAN;
    double px = x0 + mx * checkpoint_month(p, ord[i]), py = ybot - v * sy;
    if (i == 0) cairo_move_to(cr, x0, ybot); /* nothing spent before the year starts */
    cairo_line_to(cr, px, py);
  }
  cairo_stroke(cr);
  for (size_t i = 0; i < n; i++) {
    const jx_chart_point *p = &c->checkpoints.items[ord[i]];
    double v = (double)(p->value > 0 ? p->value : 0) / JX_FEN_PER_WAN;
    double px = x0 + mx * checkpoint_month(p, ord[i]), py = ybot - v * sy;
    cairo_new_sub_path(cr);
    cairo_arc(cr, px, py, 2.2, 0, 2 * M_PI);
    cairo_fill(cr);
    if (i + 1 == n) { /* the last checkpoint's value */
      char buf[40];
      jx_format_money_wan(p->value, buf, sizeof buf);
      double tw = text_width(cc, buf, afs, false);
      double tx = px + tw / 2 + 3 > x1 + fs ? x1 + fs - tw / 2 : px;
      text_at(cc, buf, tx, py - afs * 0.95, afs, false, 0.5, 0, C_TEXT);
    }
  }
  free(ord);
}

static void draw_budget(chart_ctx *cc, const jx_chart *c, double w, double h) {
  double pad = clampd(fmin(w, h) * 0.025, 3, 8);
  double y = draw_title(cc, c->title, w, h, pad);
  if (c->points.n == 0 && c->checkpoints.n == 0) {
    draw_no_data(cc, w, y, h);
    return;
  }
  double fs = clampd(fmin(w, h * 1.6) * 0.026, 6, 10);
  bool line = c->checkpoints.n > 0, bars = c->points.n > 0;
  legend_item leg[6];
  size_t nl = 0;
  if (bars) {
    int maxs = 0;
    for (size_t i = 0; i < c->points.n; i++)
      if (c->points.items[i].status > maxs) maxs = c->points.items[i].status;
    for (int s = 0; s <= maxs && s < 3; s++) leg[nl++] = (legend_item){series_name(c, s), C_SERIES[s], 0};
  }
  if (line) {
    leg[nl++] = (legend_item){"累计执行", C_LINE, 1};
    if (c->reference > 0) {
      if (!bars) leg[nl++] = (legend_item){series_name(c, 1), C_SERIES[1], 2};
      leg[nl++] = (legend_item){"序时进度", C_AXIS, 3};
    }
  }
  legend_row(cc, leg, nl, w, y + fs * 0.8, fs);
  double top = y + fs * 2.0, ph = h - pad - top, pw = w - 2 * pad;
  if (bars && line) {
    if (w >= h * 1.5) { /* side by side */
      double gap = fs * 1.5, half = (pw - gap) / 2;
      draw_budget_bars(cc, c, pad, top, half, ph, fs);
      draw_budget_line(cc, c, pad + half + gap, top, half, ph, fs);
    } else { /* stacked */
      double gap = fs * 0.8, half = (ph - gap) / 2;
      draw_budget_bars(cc, c, pad, top, pw, half, fs);
      draw_budget_line(cc, c, pad, top + half + gap, pw, half, fs);
    }
  } else if (bars) {
    draw_budget_bars(cc, c, pad, top, pw, ph, fs);
  } else {
    draw_budget_line(cc, c, pad, top, pw, ph, fs);
  }
}

/* ---- public ------------------------------------------------------------------- */

void jx_chart_draw(const jx_chart *c, struct _cairo *cr, double w, double h) {
  if (!c || !cr || !(w > 0) || !(h > 0)) return;
  cairo_save(cr);
  cairo_rectangle(cr, 0, 0, w, h);
  cairo_clip(cr);
  cairo_new_path(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  chart_ctx cc;
  ctx_open(&cc, cr);
  if (c->kind == JX_CHART_ATTAINMENT) draw_attainment(&cc, c, w, h);
  else draw_budget(&cc, c, w, h);
  ctx_close(&cc);
  cairo_restore(cr);
}

typedef jx_buf membuf; /* util/buf.h */

static cairo_status_t membuf_write(void *closure, const unsigned char *data, unsigned int length) {
  jx_buf_mem(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static unsigned char *membuf_finish(membuf *b, cairo_surface_t *s, size_t *len) {
  cairo_surface_finish(s);
  cairo_status_t st = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (st != CAIRO_STATUS_SUCCESS || !b->p) {
    free(b->p);
    if (len) *len = 0;
    return NULL;
  }
  if (len) *len = b->n;
  return (unsigned char *)b->p;
}

/* cairo 1.16 names the page group after the surface's process-wide unique id
 * (id="surface295"), which differs from call to call.  Renumber every "surfaceN" that
 * follows '"' or '#' (ids and references) in order of appearance: surface1, surface2… */
static unsigned char *svg_renumber(unsigned char *p, size_t *len) {
  static const char key[] = "surface";
  const size_t kl = sizeof key - 1;
  unsigned long seen[64];
  size_t nseen = 0;
  membuf out = {0};
  size_t i = 0, n = *len, from = 0;
  while (i + kl < n) {
    if ((p[i] == '"' || p[i] == '#') && memcmp(p + i + 1, key, kl) == 0 && p[i + 1 + kl] >= '0' &&
        p[i + 1 + kl] <= '9') {
      size_t j = i + 1 + kl;
      unsigned long v = 0;
      while (j < n && p[j] >= '0' && p[j] <= '9' && v < 100000000UL) v = v * 10 + (unsigned long)(p[j++] - '0');
      size_t k = 0;
      while (k < nseen && seen[k] != v) k++;
      if (k == nseen && nseen < sizeof seen / sizeof *seen) seen[nseen++] = v;
      char num[24];
      fmt_fixed((double)(k + 1), 0, num, sizeof num);
      membuf_write(&out, p + from, (unsigned int)(i + 1 + kl - from));
      membuf_write(&out, (const unsigned char *)num, (unsigned int)strlen(num));
      from = i = j;
      continue;
    }
    i++;
  }
  membuf_write(&out, p + from, (unsigned int)(n - from));
  free(p);
  *len = out.n;
  return (unsigned char *)out.p;
}

/* Several charts inline in one HTML page share one id space, and cairo names every
 * chart's glyphs glyph0-1, glyph0-2…  Prefix every id and every reference to one
 * (id="…", href="#…", url(#…)) with a hash of the chart's own bytes: distinct charts
 * get distinct ids, the same chart the same bytes. */
static unsigned char *svg_prefix_ids(unsigned char *p, size_t *len) {
  uint32_t hsh = 2166136261U;
  for (size_t i = 0; i < *len; i++) hsh = (hsh ^ p[i]) * 16777619U;
  char pre[16] = "c";
  static const char hex[] = "0123456789abcdef";
  for (int k = 0; k < 8; k++) pre[1 + k] = hex[(hsh >> (28 - 4 * k)) & 15];
  pre[9] = '-';
  pre[10] = '\0';
  static const char *const pat[3] = {"id=\"", "href=\"#", "url(#"};
  membuf out = {0};
  size_t i = 0, n = *len, from = 0;
  while (i < n) {
    size_t m = 0;
    for (int k = 0; k < 3 && !m; k++) {
      size_t l = strlen(pat[k]);
      if (i + l <= n && memcmp(p + i, pat[k], l) == 0) m = l;
    }
    if (!m) {
      i++;
      continue;
    }
    membuf_write(&out, p + from, (unsigned int)(i + m - from));
    membuf_write(&out, (const unsigned char *)pre, (unsigned int)strlen(pre));
    from = i = i + m;
  }
  membuf_write(&out, p + from, (unsigned int)(n - from));
  free(p);
  *len = out.n;
  return (unsigned char *)out.p;
}

unsigned char *jx_chart_svg(const jx_chart *c, double w, double h, size_t *len) {
  if (len) *len = 0;
  if (!c || !(w > 0) || !(h > 0)) return NULL;
  membuf b = {0};
  cairo_surface_t *s = cairo_svg_surface_create_for_stream(membuf_write, &b, w, h);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return NULL;
  }
  cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  jx_chart_draw(c, cr, w, h);
  cairo_destroy(cr);
  size_t n = 0;
  unsigned char *p = membuf_finish(&b, s, &n);
  if (p) p = svg_prefix_ids(svg_renumber(p, &n), &n);
  if (len) *len = p ? n : 0;
  return p;
}

unsigned char *jx_chart_png(const jx_chart *c, double w, double h, double dpi, size_t *len) {
  if (len) *len = 0;
  if (!c || !(w > 0) || !(h > 0)) return NULL;
  if (!(dpi > 0)) dpi = 144;
  double k = dpi / 72.0;
  double pw = ceil(w * k), ph = ceil(h * k);
  if (pw > 16384 || ph > 16384) return NULL;
  cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pw, (int)ph);
  if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(img);
    return NULL;
  }
  cairo_t *cr = cairo_create(img);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, k, k);
  jx_chart_draw(c, cr, w, h);
  cairo_destroy(cr);
  cairo_surface_flush(img);
  membuf b = {0};
  cairo_status_t st = cairo_surface_write_to_png_stream(img, membuf_write, &b);
  cairo_surface_destroy(img);
  if (st != CAIRO_STATUS_SUCCESS || !b.p) {
    free(b.p);
    return NULL;
  }
  if (len) *len = b.n;
  return (unsigned char *)b.p;
}
