/* pdf.c — the report as PDF: A4 portrait, cairo PDF surface + pango, Noto CJK SC
 * embedded (subset; from the build's pre-cut faces, render/fonts.h, when present).
 *
 * Layout, in the manner of a government document (公文):
 * - title lines centred (serif bold, 小标宋-like); headings 黑体-like (sans bold) for
 *   level 1, serif bold below; body serif 12 pt, justified, first line indented by two
 *   characters, about 1.75 line spacing; page numbers "— 1 —" centred at the bottom.
 * - tables: borders, merged cells, text wrapped in each cell, numbers right-aligned;
 *   they break between rows (never through a line of text of a merged cell) and repeat
 *   their header rows on every page; a row taller than a page is split between lines
 *   of text, so nothing loops and nothing is lost.
 * - headings are kept with what follows them (no heading alone at a page's bottom);
 *   paragraphs leave no single line alone at a page's top or bottom.
 * - charts are drawn as vectors by jx_chart_draw.
 * Every text is drawn line by line (pango_cairo_show_layout_line): a page shows only
 * the lines that belong to it, so the text extracted from the PDF has no duplicates.
 *
 * Output is deterministic: creation date from the report's date, no clocks; a report
 * whose date is not a valid YYYY-MM-DD has no creation date. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "render/fonts.h"
#include "render/report.h"
#include "render/table.h"
#include "util/arena.h"
#include "util/date.h"

/* cairo 1.16 leaks one 768-byte array per CFF font subset it writes when a PDF
 * surface is finished (inside its CFF subsetter, not in this file).  Debian's cairo
 * has no frame pointers, so LeakSanitizer's stacks stop at the first cairo frame and
 * cannot tell that leak from any other allocation made inside cairo: under
 * AddressSanitizer, leaks allocated inside libcairo are suppressed for every program
 * that links this file, so that writing a PDF passes the leak check.  This file
 * destroys every cairo object it creates (surface, context) on every path.  So are
 * fontconfig's configuration and caches, built once per process by pango and never
 * freed (as tests/lsan.supp says; fuzz/fuzz_http.c, which renders pages in-process, has
 * no other way to say it). */
#if defined(__SANITIZE_ADDRESS__)
#define JX_LSAN_HOOK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JX_LSAN_HOOK 1
#endif
#endif
#ifdef JX_LSAN_HOOK
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }
#endif

/* ---- page geometry and type (points) ------------------------------------------- */

#define PAGE_W 595.276 /* A4 */
#define PAGE_H 841.89
#define MARGIN_TOP 72.0
#define MARGIN_BOTTOM 76.0
#define MARGIN_SIDE 64.0
#define FOOTER_Y (PAGE_H - 44.0) /* centre line of the page number */

/* Body text: 宋体/仿宋-like serif by default (JX_FONT_SERIF: the build's subset face,
 * then the system face).  Two faces in all — this serif and the bold sans — because
 * cairo 1.16 reads and subsets every embedded face anew for each document: each face
 * costs time in every report (docs/performance.md). */
#ifndef JX_PDF_BODY_FAMILY
#define JX_PDF_BODY_FAMILY JX_FONT_SERIF
#endif
#define SERIF JX_PDF_BODY_FAMILY
#define SANS JX_FONT_SANS /* 黑体-like: title, headings, captions, bold */

#define SIZE_TITLE 20.0
#define SIZE_H1 14.5
#define SIZE_H2 13.0
#define SIZE_H3 12.5
#define SIZE_BODY 12.0
#define SPACING_BODY 4.5 /* between the lines of a paragraph */
#define SIZE_CELL 9.5
#define SPACING_CELL 1.0
#define CELL_PAD_X 3.5
#define CELL_PAD_Y 3.0
#define SIZE_FOOTER 10.5

#define EPS 0.01

/* ---- text blocks: a layout and the metrics of each of its lines ------------------ */

typedef struct {
  PangoLayout *layout;
  size_t n;              /* lines */
  PangoLayoutLine **line;
  double *top, *bot;     /* line box (layout coordinates, points); boxes tile */
  double *base;          /* baseline */
  double *x;             /* where show_layout_line puts the line's origin */
  double h, w;           /* height, widest line */
  double w_unwrapped;    /* sum of the line widths (wrapped layouts) */
} tblock;

typedef struct {
  const jx_rcell *cell;
  size_t r, c;
  size_t rs, cs;
  double x, w;        /* table coordinates */
  double text_off;    /* text top below the cell top */
  tblock *tb;
} pcell;

typedef struct {
  const jx_rtable *t;
  size_t rows, cols;
  size_t hdr;         /* header rows (extended over merged cells reaching below) */
  bool repeat;        /* repeat the header on each page */
  double *colx;       /* cols + 1 */
  double *rowy;       /* rows + 1, from the table's top */
  pcell *cells;
  size_t ncells;
  tblock *caption, *unit;
} ptable;

typedef struct {
  const jx_rblock *b;
  tblock *t1, *t2;
  ptable *tab;
  double chart_h;
} pblock;

typedef struct {
  const jx_report *r;
  jx_arena *a;
  cairo_surface_t *surf;
  cairo_t *cr;
  PangoContext *pctx;
  PangoAttrList *attrs; /* language zh-cn */
  double left, right, top, bottom, width;
  double y;           /* next free position on the page */
  int page;           /* 1-based */
  bool page_empty;    /* nothing drawn on this page yet */
  int outline_h1;     /* last level-1 outline entry */
} pdf;

static PangoFontDescription *font(const char *family, double size, bool bold) {
  PangoFontDescription *d = pango_font_description_new();
  pango_font_description_set_family_static(d, family);
  pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
  pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return d;
}

typedef struct {
  const char *family;
  double size;
  bool bold;
  double width;        /* ≤ 0: no wrapping */
  PangoAlignment align;
  bool justify;
  double indent;       /* first line */
  double spacing;      /* between lines */
} tstyle;

/* Text from the data is plain text (never markup); invalid UTF-8 is repaired. */
static tblock *text_block(pdf *p, const char *text, const tstyle *s) {
  tblock *tb = jx_arena_alloc(p->a, sizeof *tb);
  PangoLayout *lay = pango_layout_new(p->pctx);
  tb->layout = lay;
  pango_layout_set_attributes(lay, p->attrs);
  /* Bold is always the sans face (黑体-like): one serif face (the body) is enough, and
   * every further face costs each document its own font subset. */
  PangoFontDescription *fd = font(s->bold ? SANS : s->family, s->size, s->bold);
  pango_layout_set_font_description(lay, fd);
  pango_font_description_free(fd);
  if (s->width > 0) {
    pango_layout_set_width(lay, (int)(s->width * PANGO_SCALE));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(lay, s->align);
  pango_layout_set_justify(lay, s->justify);
  if (s->indent) pango_layout_set_indent(lay, (int)(s->indent * PANGO_SCALE));
  if (s->spacing) pango_layout_set_spacing(lay, (int)(s->spacing * PANGO_SCALE));
  if (!text) text = "";
  if (g_utf8_validate(text, -1, NULL)) {
    pango_layout_set_text(lay, text, -1);
  } else {
    gchar *fixed = g_utf8_make_valid(text, -1);
    pango_layout_set_text(lay, fixed, -1);
    g_free(fixed);
  }
  if (s->width > 0) { /* the width the text would take on one line */
    PangoLayoutIter *li = pango_layout_get_iter(lay);
    double sum = 0;
    do {
      PangoRectangle r;
      pango_layout_iter_get_line_extents(li, NULL, &r);
      sum += (double)r.width / PANGO_SCALE;
    } while (pango_layout_iter_next_line(li));
    pango_layout_iter_free(li);
    tb->w_unwrapped = sum;
  }
  size_t n = (size_t)pango_layout_get_line_count(lay);
  tb->n = n;
  tb->line = jx_arena_alloc(p->a, (n ? n : 1) * sizeof *tb->line); // NOLINT(bugprone-sizeof-expression): an array of pointers
  double *m = jx_arena_alloc(p->a, (n ? n : 1) * 4 * sizeof(double));
  tb->top = m, tb->bot = m + n, tb->base = m + 2 * n, tb->x = m + 3 * n;
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  size_t i = 0;
  do {
    if (i >= n) break;
    int y0, y1;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    PangoRectangle lr, own;
    pango_layout_iter_get_line_extents(it, NULL, &lr);
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    pango_layout_line_get_extents(line, NULL, &own);
    tb->line[i] = line;
    tb->top[i] = (double)y0 / PANGO_SCALE;
    tb->bot[i] = (double)y1 / PANGO_SCALE;
    tb->base[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
    tb->x[i] = (double)(lr.x - own.x) / PANGO_SCALE;
    double w = (double)lr.width / PANGO_SCALE;
    if (w > tb->w) tb->w = w;
    i++;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  tb->n = i;
  tb->h = i ? tb->bot[i - 1] : 0;
  return tb;
}

/* Draw the lines of tb whose top lies in [from, to) (layout coordinates); layout
 * coordinate `from` is drawn at page position (x, y). */
static void draw_lines(pdf *p, const tblock *tb, double x, double y, double from, double to) {
  if (tb->n && tb->top[0] >= from - EPS && tb->top[tb->n - 1] < to - EPS) { /* all of it: one call */
    cairo_move_to(p->cr, x, y - from);
    pango_cairo_show_layout(p->cr, tb->layout);
    cairo_new_path(p->cr);
    return;
  }
  for (size_t i = 0; i < tb->n; i++) {
    if (tb->top[i] < from - EPS || tb->top[i] >= to - EPS) continue;
    cairo_move_to(p->cr, x + tb->x[i], y + tb->base[i] - from);
    pango_cairo_show_layout_line(p->cr, tb->line[i]);
  }
  cairo_new_path(p->cr);
}

static void free_blocks_layouts(pblock *pb, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (pb[i].t1) g_object_unref(pb[i].t1->layout);
    if (pb[i].t2) g_object_unref(pb[i].t2->layout);
    ptable *t = pb[i].tab;
    if (!t) continue;
    if (t->caption) g_object_unref(t->caption->layout);
    if (t->unit) g_object_unref(t->unit->layout);
    for (size_t k = 0; k < t->ncells; k++) g_object_unref(t->cells[k].tb->layout);
  }
}

/* ---- pages ------------------------------------------------------------------- */

/* Numerals without printf (the locale must not matter). */
static void fmt_int(long v, char *buf, size_t n) {
  char tmp[24];
  size_t k = 0;
  bool neg = v < 0;
  unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
  do {
    tmp[k++] = (char)('0' + u % 10);
    u /= 10;
  } while (u && k < sizeof tmp - 1);
  if (neg) tmp[k++] = '-';
  size_t i = 0;
  for (; i < k && i + 1 < n; i++) buf[i] = tmp[k - 1 - i];
  buf[i] = '\0';
}

static void footer(pdf *p) {
  char num[24], text[64];
  fmt_int(p->page, num, sizeof num);
  snprintf(text, sizeof text, "— %s —", num);
  tstyle s = {SERIF, SIZE_FOOTER, false, 0, PANGO_ALIGN_LEFT, false, 0, 0};
  tblock *tb = text_block(p, text, &s);
  cairo_set_source_rgb(p->cr, 0, 0, 0);
  draw_lines(p, tb, (PAGE_W - tb->w) / 2, FOOTER_Y - tb->h / 2, 0, tb->h + 1);
  g_object_unref(tb->layout);
}

static void new_page(pdf *p) {
  footer(p);
  cairo_show_page(p->cr);
  p->page++;
  p->y = p->top;
  p->page_empty = true;
}

static double room(const pdf *p) { return p->bottom - p->y; }

/* Vertical space before something, dropped at the top of a page. */
static void space(pdf *p, double h) {
  if (!p->page_empty) p->y += h;
}

/* ---- paragraphs ------------------------------------------------------------------ */

/* Flow tb at x from the current position, breaking between lines: no single first
 * line at a page's bottom (orphan) or single last line at a page's top (widow). */
static void flow_text(pdf *p, const tblock *tb, double x) {
  size_t i = 0;
  while (i < tb->n) {
    size_t k = 0;
    while (i + k < tb->n && tb->bot[i + k] - tb->top[i] <= room(p) + EPS) k++;
    size_t left = tb->n - i;
    if (k < left) {
      if (i == 0 && k == 1 && left >= 2) k = 0;                  /* orphan */
      else if (left - k == 1 && k >= 2 && left >= 3) k--;       /* widow */
    }
    if (k == 0) {
      if (p->page_empty) k = 1; /* a line taller than the page: place it anyway */
      else {
        new_page(p);
        continue;
      }
    }
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    draw_lines(p, tb, x, p->y, tb->top[i], tb->bot[i + k - 1]);
    p->y += tb->bot[i + k - 1] - tb->top[i];
    p->page_empty = false;
    i += k;
    if (i < tb->n) new_page(p);
  }
}

/* ---- tables ------------------------------------------------------------------- */

/* Text that reads as one number: digits with . , % + - − and nothing else. */
static bool numeric_like(const char *t) {
  bool digit = false;
  if (!t) return false;
  for (const unsigned char *s = (const unsigned char *)t; *s; s++) {
    if (*s >= '0' && *s <= '9') digit = true;
    else if (*s == '.' || *s == ',' || *s == '%' || *s == '+' || *s == '-') continue;
    else if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) s += 2; /* − */
    else return false;
  }
  return digit;
}

static ptable *prepare_table(pdf *p, const jx_rtable *t) {
  ptable *pt = jx_arena_alloc(p->a, sizeof *pt);
  pt->t = t;
  pt->rows = t->rows;
  pt->cols = t->cols;
  size_t R = t->rows, C = t->cols;
  if (t->caption && *t->caption) {
    tstyle s = {SANS, 12.0, true, p->width, PANGO_ALIGN_CENTER, false, 0, 2};
    pt->caption = text_block(p, t->caption, &s);
  }
  if (t->unit_note && *t->unit_note) {
    tstyle s = {SERIF, 10.0, false, p->width, PANGO_ALIGN_RIGHT, false, 0, 0};
    pt->unit = text_block(p, t->unit_note, &s);
  }
  pt->colx = jx_arena_alloc(p->a, (C + 1) * sizeof *pt->colx);
  pt->rowy = jx_arena_alloc(p->a, (R + 1) * sizeof *pt->rowy);
  if (!R || !C || !t->cells) {
    pt->rows = pt->cols = 0;
    return pt;
  }
  /* columns: relative widths over the text width */
  double sum = (double)jx_rtable_weight_sum(t);
  for (size_t c = 0; c < C; c++) pt->colx[c + 1] = pt->colx[c] + p->width * (double)jx_rtable_col_weight(t, c) / sum;
  /* origins, with spans clipped (render/table.c) */
  const jx_tgrid *g = jx_tgrid_new(p->a, t);
  size_t maxrs = g->max_rowspan;
  pt->cells = jx_arena_alloc(p->a, (g->ncells ? g->ncells : 1) * sizeof *pt->cells);
  for (size_t i = 0; i < g->ncells; i++) {
    const jx_tcell *tc = &g->cells[i];
    const jx_rcell *x = tc->cell;
    size_t c = tc->c, cs = tc->cs;
    pcell *pc = &pt->cells[pt->ncells++];
    pc->cell = x, pc->r = tc->r, pc->c = c, pc->rs = tc->rs, pc->cs = cs;
    pc->x = pt->colx[c];
    pc->w = pt->colx[c + cs] - pt->colx[c];
    PangoAlignment al = x->align == JX_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
                        : x->align == JX_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                        : x->header                  ? PANGO_ALIGN_CENTER
                        : x->type != JX_CELL_TEXT    ? PANGO_ALIGN_RIGHT
                                                     : PANGO_ALIGN_LEFT;
    double tw = pc->w - 2 * CELL_PAD_X;
    tstyle s = {SERIF, SIZE_CELL, x->header, tw > 4 ? tw : 4, al, false, 0, SPACING_CELL};
    pc->tb = text_block(p, x->text, &s);
    /* a number is never broken over lines ("92.12" / "%"): in a narrow column it
     * is set smaller instead, down to 6.5 pt */
    if (pc->tb->n > 1 && (x->type != JX_CELL_TEXT || numeric_like(x->text))) {
      double fit = SIZE_CELL * tw / pc->tb->w_unwrapped;
      if (fit >= 6.5) {
        g_object_unref(pc->tb->layout);
        s.size = fit * 0.97;
        pc->tb = text_block(p, x->text, &s);
      }
    }
  }
  /* rows: single-row cells first, then merged cells by growing span (extra height
   * spread evenly over the rows they cover) */
  double *rh = jx_arena_alloc(p->a, R * sizeof *rh);
  double min_h = SIZE_CELL * 1.45 + 2 * CELL_PAD_Y;
  for (size_t r = 0; r < R; r++) rh[r] = min_h;
  for (size_t span = 1; span <= maxrs; span++)
    for (size_t i = 0; i < pt->ncells; i++) {
      pcell *pc = &pt->cells[i];
      if (pc->rs != span) continue;
      double need = pc->tb->h + 2 * CELL_PAD_Y, have = 0;
      for (size_t r = pc->r; r < pc->r + span; r++) have += rh[r];
      if (need > have + EPS)
        for (size_t r = pc->r; r < pc->r + span; r++) rh[r] += (need - have) / (double)span;
    }
  for (size_t r = 0; r < R; r++) pt->rowy[r + 1] = pt->rowy[r] + rh[r];
  for (size_t i = 0; i < pt->ncells; i++) {
    pcell *pc = &pt->cells[i];
    double ch = pt->rowy[pc->r + pc->rs] - pt->rowy[pc->r];
    pc->text_off = (ch - pc->tb->h) / 2; /* vertically centred */
  }
  /* header rows: extended over merged cells that reach below them */
  size_t hdr = g->header_block;
  pt->hdr = hdr;
  double content = p->bottom - p->top;
  pt->repeat = hdr > 0 && hdr < R && pt->rowy[hdr] < content * 0.35;
  return pt;
}

/* A cut at table position c passes through no line of text. */
static bool cut_ok(const ptable *pt, double c) {
  for (size_t i = 0; i < pt->ncells; i++) {
    const pcell *pc = &pt->cells[i];
    double top = pt->rowy[pc->r], bot = pt->rowy[pc->r + pc->rs];
    if (!(top < c - EPS && bot > c + EPS)) continue;
    double o = top + pc->text_off;
    for (size_t k = 0; k < pc->tb->n; k++)
      if (o + pc->tb->top[k] < c - EPS && o + pc->tb->bot[k] > c + EPS) return false;
  }
  return true;
}

/* The highest cut ≤ limit that is not inside a line of text (for rows taller than a
 * page); may return a value ≤ from when no such cut exists. */
static double line_cut(const ptable *pt, double limit) {
  double c = limit;
  for (bool moved = true; moved;) {
    moved = false;
    for (size_t i = 0; i < pt->ncells; i++) {
      const pcell *pc = &pt->cells[i];
      double top = pt->rowy[pc->r], bot = pt->rowy[pc->r + pc->rs];
      if (!(top < c - EPS && bot > c + EPS)) continue;
      double o = top + pc->text_off;
      for (size_t k = 0; k < pc->tb->n; k++)
        if (o + pc->tb->top[k] < c - EPS && o + pc->tb->bot[k] > c + EPS) {
          c = o + pc->tb->top[k];
          moved = true;
        }
    }
  }
  return c;
}

/* Draw the part [from, to) of the table (table coordinates) at page position y. */
static void draw_table_window(pdf *p, const ptable *pt, double from, double to, double y) {
  cairo_t *cr = p->cr;
  double x0 = p->left;
  /* header shading first, then text, then the rules on top */
  for (size_t i = 0; i < pt->ncells; i++) {
    const pcell *pc = &pt->cells[i];
    if (pc->r >= pt->hdr) break; /* cells are in row order */
    double ct = fmax(pt->rowy[pc->r], from), cb = fmin(pt->rowy[pc->r + pc->rs], to);
    if (cb - ct <= EPS) continue;
    cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
    cairo_rectangle(cr, x0 + pc->x, y + ct - from, pc->w, cb - ct);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (size_t i = 0; i < pt->ncells; i++) {
    const pcell *pc = &pt->cells[i];
    double top = pt->rowy[pc->r], bot = pt->rowy[pc->r + pc->rs];
    if (fmin(bot, to) - fmax(top, from) <= EPS) continue;
    double o = top + pc->text_off; /* layout coordinate 0 in table coordinates */
    double x = x0 + pc->x + CELL_PAD_X;
    /* lines whose top is in the window: layout range [from - o, to - o) */
    draw_lines(p, pc->tb, x, y, from - o, to - o);
  }
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  cairo_set_line_width(cr, 0.5);
  for (size_t i = 0; i < pt->ncells; i++) {
    const pcell *pc = &pt->cells[i];
    double ct = fmax(pt->rowy[pc->r], from), cb = fmin(pt->rowy[pc->r + pc->rs], to);
    if (cb - ct <= EPS) continue;
    cairo_rectangle(cr, x0 + pc->x, y + ct - from, pc->w, cb - ct);
  }
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.9);
  cairo_rectangle(cr, x0, y, pt->colx[pt->cols], to - from);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
}

/* Height of the table's first piece that must not be separated from its caption:
 * caption, unit note, header and the first body rows up to a clean cut. */
static double table_start_height(const ptable *pt) {
  double h = 0;
  if (pt->caption) h += pt->caption->h + 4;
  if (pt->unit) h += pt->unit->h + 2;
  if (!pt->rows) return h;
  size_t r = pt->hdr + 1;
  while (r < pt->rows && !cut_ok(pt, pt->rowy[r])) r++;
  if (r > pt->rows) r = pt->rows;
  return h + pt->rowy[r];
}

static void place_table(pdf *p, const ptable *pt) {
  double content = p->bottom - p->top;
  space(p, 6);
  double start = table_start_height(pt);
  if (start > room(p) + EPS && !p->page_empty && start <= content) new_page(p);
  cairo_set_source_rgb(p->cr, 0, 0, 0);
  if (pt->caption) {
    draw_lines(p, pt->caption, p->left, p->y, 0, pt->caption->h + 1);
    p->y += pt->caption->h + 4;
    p->page_empty = false;
  }
  if (pt->unit) {
    draw_lines(p, pt->unit, p->left, p->y, 0, pt->unit->h + 1);
    p->y += pt->unit->h + 2;
    p->page_empty = false;
  }
  if (!pt->rows) return;
  double hdr_h = pt->rowy[pt->hdr], end = pt->rowy[pt->rows];
  double pos = 0;
  bool fresh = p->page_empty; /* nothing above the table's piece on this page */
  if (pt->hdr > 0) {
    if (pt->repeat) {
      draw_table_window(p, pt, 0, hdr_h, p->y);
      p->y += hdr_h;
      pos = hdr_h;
      p->page_empty = false;
    }
  }
  bool body_on_page = false;
  while (pos < end - EPS) {
    double limit = pos + room(p);
    double c = -1;
    for (size_t r = pt->rows; r > 0; r--) { /* the last clean row boundary that fits */
      double b = pt->rowy[r];
      if (b <= pos + EPS) break;
      if (b <= limit + EPS && cut_ok(pt, b)) {
        c = b;
        break;
      }
    }
    if (c < 0) {
      if (body_on_page || !fresh) { /* try again on a new page */
        new_page(p);
        fresh = true;
        body_on_page = false;
        if (pt->repeat) {
          draw_table_window(p, pt, 0, hdr_h, p->y);
          p->y += hdr_h;
          p->page_empty = false;
        }
        continue;
      }
      /* a row taller than the page: split it between lines of text */
      c = line_cut(pt, limit);
      if (c <= pos + EPS) c = limit > pos + EPS ? limit : pos + 1; /* no clean cut: cut anyway */
      if (c > end) c = end;
    }
    draw_table_window(p, pt, pos, c, p->y);
    p->y += c - pos;
    p->page_empty = false;
    body_on_page = true;
    pos = c;
    if (pos < end - EPS) {
      new_page(p);
      fresh = true;
      body_on_page = false;
      if (pt->repeat) {
        draw_table_window(p, pt, 0, hdr_h, p->y);
        p->y += hdr_h;
        p->page_empty = false;
      }
    }
  }
  p->y += 4;
}

/* ---- blocks ------------------------------------------------------------------- */

static double heading_space(int level) { return level <= 1 ? 10 : level == 2 ? 6 : 3; }

static void prepare(pdf *p, pblock *pb, const jx_rblock *b) {
  pb->b = b;
  switch (b->kind) {
  case JX_RB_TITLE: {
    tstyle s = {SERIF, SIZE_TITLE, true, p->width, PANGO_ALIGN_CENTER, false, 0, 6};
    if (b->text && *b->text) pb->t1 = text_block(p, b->text, &s);
    if (b->text2 && *b->text2) pb->t2 = text_block(p, b->text2, &s);
    break;
  }
  case JX_RB_HEADING: {
    int lv = b->level;
    tstyle s = {lv <= 1 ? SANS : SERIF,
                lv <= 1 ? SIZE_H1 : lv == 2 ? SIZE_H2 : SIZE_H3,
                lv <= 3,
                p->width - (lv <= 1 ? 0 : 2 * SIZE_BODY),
                PANGO_ALIGN_LEFT,
                false,
                0,
                SPACING_BODY};
    const char *text = b->number ? g_strconcat(b->number, b->text ? b->text : "", NULL) : NULL;
    pb->t1 = text_block(p, text ? text : b->text, &s);
    g_free((gchar *)text);
    break;
  }
  case JX_RB_PARAGRAPH: {
    tstyle s = {SERIF, SIZE_BODY, false, p->width, PANGO_ALIGN_LEFT, true, 2 * SIZE_BODY, SPACING_BODY};
    const char *text = b->number ? g_strconcat(b->number, b->text ? b->text : "", NULL) : NULL;
    pb->t1 = text_block(p, text ? text : b->text, &s);
    g_free((gchar *)text);
    break;
  }
  case JX_RB_TABLE:
    if (b->table) pb->tab = prepare_table(p, b->table);
    break;
  case JX_RB_CHART:
    if (b->chart) {
      size_t n = b->chart->points.n;
      double h = b->chart->kind == JX_CHART_ATTAINMENT ? 70 + 19.0 * (double)n
                 : b->chart->checkpoints.n                ? 250
                                                          : 210;
      if (h < 160) h = 160;
      if (h > p->bottom - p->top) h = p->bottom - p->top;
      pb->chart_h = h;
    }
    break;
  case JX_RB_SIGNATURE: {
    tstyle s = {SERIF, SIZE_BODY, false, 0, PANGO_ALIGN_LEFT, false, 0, 0};
    if (b->text && *b->text) pb->t1 = text_block(p, b->text, &s);
    if (b->text2 && *b->text2) pb->t2 = text_block(p, b->text2, &s);
    break;
  }
  case JX_RB_PAGEBREAK: break;
  }
}

/* The least height that must follow a heading on its page (what comes next up to
 * its first break point). */
static double start_height(const pblock *pb, size_t i, size_t n, int depth) {
  if (i >= n || depth > 4) return 0;
  const pblock *b = &pb[i];
  switch (b->b->kind) {
  case JX_RB_HEADING:
    return heading_space(b->b->level) + b->t1->h + start_height(pb, i + 1, n, depth + 1);
  case JX_RB_PARAGRAPH: return b->t1->n >= 2 ? b->t1->bot[1] : b->t1->h;
  case JX_RB_TABLE: return b->tab ? 6 + table_start_height(b->tab) : 0;
  case JX_RB_CHART: return 8 + b->chart_h;
  default: return 0;
  }
}

static void outline(pdf *p, const jx_rblock *b, const tblock *tb) {
  if (b->level > 2) return;
  char page[24], ypos[24], attr[96];
  fmt_int(p->page, page, sizeof page);
  fmt_int((long)p->y, ypos, sizeof ypos);
  snprintf(attr, sizeof attr, "page=%s pos=[%s %s]", page, "0", ypos);
  const char *text = pango_layout_get_text(tb->layout);
  if (b->level <= 1)
    p->outline_h1 = cairo_pdf_surface_add_outline(p->surf, CAIRO_PDF_OUTLINE_ROOT, text, attr, CAIRO_PDF_OUTLINE_FLAG_OPEN);
  else
    cairo_pdf_surface_add_outline(p->surf, p->outline_h1, text, attr, 0);
}

static void place(pdf *p, pblock *pb, size_t i, size_t n) {
  const pblock *b = &pb[i];
  cairo_t *cr = p->cr;
  switch (b->b->kind) {
  case JX_RB_TITLE: {
    double h = (b->t1 ? b->t1->h + 4 : 0) + (b->t2 ? b->t2->h : 0);
    if (h > room(p) && !p->page_empty) new_page(p);
    space(p, 8);
    cairo_set_source_rgb(cr, 0, 0, 0);
    if (b->t1) {
      draw_lines(p, b->t1, p->left, p->y, 0, b->t1->h + 1);
      p->y += b->t1->h + 4;
    }
    if (b->t2) {
      draw_lines(p, b->t2, p->left, p->y, 0, b->t2->h + 1);
      p->y += b->t2->h;
    }
    p->y += SIZE_BODY * 1.6;
    p->page_empty = false;
    break;
  }
  case JX_RB_HEADING: {
    double sp = heading_space(b->b->level);
    double need = sp + b->t1->h + start_height(pb, i + 1, n, 0);
    if (need > p->bottom - p->top) need = sp + b->t1->h;
    if (need > room(p) + EPS && !p->page_empty) new_page(p);
    space(p, sp);
    double x = p->left + (b->b->level <= 1 ? 0 : 2 * SIZE_BODY);
    outline(p, b->b, b->t1);
    flow_text(p, b->t1, x);
    p->y += 2;
    break;
  }
  case JX_RB_PARAGRAPH:
    flow_text(p, b->t1, p->left);
    p->y += 1.5;
    break;
  case JX_RB_TABLE:
    if (b->tab) place_table(p, b->tab);
    break;
  case JX_RB_CHART: {
    if (!b->b->chart) break;
    if (8 + b->chart_h > room(p) && !p->page_empty) new_page(p);
    space(p, 8);
    const jx_chart *c = b->b->chart;
    bool narrow = c->kind == JX_CHART_BUDGET && c->checkpoints.n == 0; /* three bars */
    double w = fmin(p->width, narrow ? 330 : 460), x = p->left + (p->width - w) / 2;
    cairo_save(cr);
    cairo_translate(cr, x, p->y);
    jx_chart_draw(b->b->chart, cr, w, b->chart_h);
    cairo_restore(cr);
    p->y += b->chart_h + 6;
    p->page_empty = false;
    break;
  }
  case JX_RB_SIGNATURE: {
    double gap = SIZE_BODY * 2.5;
    double h = (b->t1 ? b->t1->h : 0) + (b->t2 ? b->t2->h + 4 : 0);
    if (gap + h > room(p) && !p->page_empty) new_page(p);
    space(p, gap);
    /* right-aligned two characters from the margin, the date centred under the signer */
    double bw = fmax(b->t1 ? b->t1->w : 0, b->t2 ? b->t2->w : 0);
    double right = p->right - 2 * SIZE_BODY;
    cairo_set_source_rgb(cr, 0, 0, 0);
    if (b->t1) {
      draw_lines(p, b->t1, right - bw + (bw - b->t1->w) / 2, p->y, 0, b->t1->h + 1);
      p->y += b->t1->h + 4;
    }
    if (b->t2) {
      draw_lines(p, b->t2, right - bw + (bw - b->t2->w) / 2, p->y, 0, b->t2->h + 1);
      p->y += b->t2->h;
    }
    p->page_empty = false;
    break;
  }
  case JX_RB_PAGEBREAK:
    if (!p->page_empty) new_page(p);
    break;
  }
}

/* ---- the document --------------------------------------------------------------- */

/* "2024-06-20" → "2024-06-20T00:00:00" when it is a date (jx_date_parse); else false. */
static bool iso_datetime(const char *d, char *out, size_t n) {
  if (!jx_date_parse(d, NULL) || n < 20) return false;
  memcpy(out, d, 10);
  memcpy(out + 10, "T00:00:00", 10);
  return true;
}

jx_status jx_render_pdf(const jx_report *r, const char *path, const char **err) {
  static const char *const e_open = "无法创建 PDF 文件";
  static const char *const e_write = "写入 PDF 文件失败";
  if (err) *err = NULL;
  if (!r || !path) {
    if (err) *err = "没有可写的报告";
    return JX_ERR_INVALID;
  }
  jx_fonts_register();
  FILE *probe = fopen(path, "wb"); /* cairo reports only "write error": check first */
  if (!probe) {
    if (err) *err = e_open;
    return JX_ERR_IO;
  }
  fclose(probe);
  cairo_surface_t *surf = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
  if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surf);
    if (err) *err = e_open;
    return JX_ERR_IO;
  }
  char date[24];
  if (iso_datetime(r->date, date, sizeof date)) {
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, date);
  } else { /* no date rather than a made-up one: cairo 1.16 writes the clock unless told "" */
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "");
  }
  gchar *title = g_strconcat(r->unit ? r->unit : "", r->title ? r->title : "", NULL);
  if (g_utf8_validate(title, -1, NULL) && *title) cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
  g_free(title);
  if (r->unit && *r->unit && g_utf8_validate(r->unit, -1, NULL))
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, r->unit);
  cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "jixiao " JX_VERSION);

  pdf p = {0};
  p.r = r;
  p.a = jx_arena_new();
  p.surf = surf;
  p.cr = cairo_create(surf);
  p.pctx = pango_cairo_create_context(p.cr);
  pango_cairo_context_set_resolution(p.pctx, 72.0);
  pango_context_set_round_glyph_positions(p.pctx, FALSE); /* vector output: exact advances */
  PangoLanguage *zh = pango_language_from_string("zh-cn");
  pango_context_set_language(p.pctx, zh);
  p.attrs = pango_attr_list_new();
  pango_attr_list_insert(p.attrs, pango_attr_language_new(zh));
  p.left = MARGIN_SIDE;
  p.right = PAGE_W - MARGIN_SIDE;
  p.width = p.right - p.left;
  p.top = MARGIN_TOP;
  p.bottom = PAGE_H - MARGIN_BOTTOM;
  p.y = p.top;
  p.page = 1;
  p.page_empty = true;
  p.outline_h1 = CAIRO_PDF_OUTLINE_ROOT;

  size_t n = r->blocks.n;
  pblock *pb = jx_arena_alloc(p.a, (n ? n : 1) * sizeof *pb);
  for (size_t i = 0; i < n; i++) prepare(&p, &pb[i], &r->blocks.items[i]);
  for (size_t i = 0; i < n; i++) place(&p, pb, i, n);
  footer(&p);
  cairo_show_page(p.cr);

  free_blocks_layouts(pb, n);
  pango_attr_list_unref(p.attrs);
  g_object_unref(p.pctx);
  cairo_destroy(p.cr);
  cairo_surface_finish(surf);
  cairo_status_t st = cairo_surface_status(surf);
  cairo_surface_destroy(surf);
  jx_arena_free(p.a);
  if (st != CAIRO_STATUS_SUCCESS) {
    if (err) *err = e_write;
    return JX_ERR_IO;
  }
  return JX_OK;
}
