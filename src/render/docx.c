/* docx.c — the report as a WordprocessingML (.docx) package, written with libzip.
 *
 * The XML is written here as text (no XML library): every piece of user text goes
 * through xml_text_n(), which escapes markup characters, replaces what XML 1.0 forbids
 * (control characters, surrogates, U+FFFE/U+FFFF, malformed UTF-8) with U+FFFD, and
 * turns tabs and line breaks into w:tab / w:br or new paragraphs.
 *
 * Layout follows GB/T 9704 (党政机关公文格式) as finance officers expect it: A4,
 * margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm), body
 * 仿宋_GB2312 三号 with 28 pt lines and a two-character first-line indent, headings
 * 一、 in 黑体, （一） in 楷体_GB2312, 1. and （1） in bold 仿宋_GB2312, title in
 * 方正小标宋简体 二号, tables in 宋体, page numbers "— 1 —" at the foot.  DOCX embeds no
 * fonts: each font is named for ascii/hAnsi/eastAsia with a fallback (w:altName) in
 * the font table, and the language is zh-CN.
 *
 * Deterministic: fixed entry order ([Content_Types].xml first), every entry dated from
 * report->date (DOS time, independent of the time zone), ids are counters.  A report
 * whose date is not a valid YYYY-MM-DD has no date in core.xml (never a made-up one). */
#include "render/report.h"
#include "render/table.h"
#include "util/buf.h"
#include "util/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ---- page geometry (twips: 1/20 pt; EMU: 1/12700 pt) -------------------------------- */

enum {
  PAGE_W = 11906, PAGE_H = 16838,            /* A4 */
  MARGIN_TOP = 2098, MARGIN_BOTTOM = 1984,   /* 37 mm, 35 mm */
  MARGIN_LEFT = 1588, MARGIN_RIGHT = 1474,   /* 28 mm, 26 mm */
  TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT, /* 8844 = 156 mm */
  EMU_PER_PT = 12700,
  CELL_MARGIN = 57,   /* left and right cell margins: 1 mm */
  KEEP_WHOLE_ROWS = 12, /* a table of up to this many rows is kept on one page */
  KEEP_MAX_ROWS = 3   /* merged cells of up to this many rows are kept on one page */
};

/* Font sizes in half-points (w:sz). */
enum { SZ_XIAOSI = 24, SZ_WUHAO = 21 }; /* 小四, 五号: table text (the styles name the rest) */

/* ---- a growable byte buffer (jx_xrealloc aborts on out of memory) ------------------- */

typedef jx_buf sbuf; /* util/buf.h */

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): va_start above; clang 14 false positive
  va_end(ap);
  if (k < 0) return;
  if ((size_t)k < sizeof tmp) {
    jx_buf_mem(b, tmp, (size_t)k);
    return;
  }
  jx_buf_reserve(b, (size_t)k);
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
  va_end(ap);
  b->n += (size_t)k;
}

/* ---- text: UTF-8 decoding with XML 1.0 character rules ------------------------------- */

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Length of the valid UTF-8 sequence at s (n bytes left) that XML 1.0 allows, or 0 if
 * the bytes are malformed or name a character XML forbids.  ASCII is handled by the
 * caller. */
static size_t utf8_xml_char(const unsigned char *s, size_t n) {
  uint32_t cp;
  size_t len;
  if (s[0] >= 0xC2 && s[0] <= 0xDF) len = 2, cp = s[0] & 0x1FU;
  else if (s[0] >= 0xE0 && s[0] <= 0xEF) len = 3, cp = s[0] & 0x0FU;
  else if (s[0] >= 0xF0 && s[0] <= 0xF4) len = 4, cp = s[0] & 0x07U;
  else return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3FU);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0; /* overlong */
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  if (cp >= 0x7F && cp <= 0x9F) return 0; /* C1 controls: allowed by XML 1.0 but discouraged; never text */
  return len;
}

/* Escape n bytes of s as XML character data (attr: also quotes) with forbidden
 * characters replaced.  Tabs and line breaks are passed to on_break when given
 * (which writes markup for them), otherwise kept (attr: as character references). */
typedef void (*break_fn)(sbuf *b, char c, void *ctx);

static void xml_text_n(sbuf *b, const char *s, size_t n, bool attr, break_fn on_break, void *ctx) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, run = 0; /* run: start of the pending plain bytes */
  while (i < n) {
    unsigned char c = u[i];
    const char *rep = NULL;
    size_t adv = 1;
    if (c >= 0x80) {
      adv = utf8_xml_char(u + i, n - i);
      if (adv) {
        i += adv;
        continue;
      }
      adv = 1;
      rep = REPLACEMENT;
      /* skip the continuation bytes of a malformed or forbidden sequence */
      while (i + adv < n && (u[i + adv] & 0xC0) == 0x80 && adv < 4) adv++;
    } else if (c == '&') rep = "&amp;";
    else if (c == '<') rep = "&lt;";
    else if (c == '>') rep = "&gt;";
    else if (c == '"' && attr) rep = "&quot;";
    else if (c == '\'' && attr) rep = "&apos;";
    else if (c == '\t' || c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < n && u[i + 1] == '\n') rep = ""; /* CR LF: one break */
      else if (on_break) {
        jx_buf_mem(b, s + run, i - run);
        on_break(b, c == '\t' ? '\t' : '\n', ctx);
        i++;
        run = i;
        continue;
      } else rep = c == '\t' ? "&#9;" : attr ? "&#10;" : "\n"; /* LF, or a lone CR: a line break */
    } else if (c < 0x20 || c == 0x7F) rep = REPLACEMENT;
    else {
      i++;
      continue;
    }
    jx_buf_mem(b, s + run, i - run);
    jx_buf_puts(b, rep);
    i += adv;
    run = i;
  }
  jx_buf_mem(b, s + run, n - run);
}

static void xml_attr(sbuf *b, const char *s) {
  if (s) xml_text_n(b, s, strlen(s), true, NULL, NULL);
}

/* ---- runs ------------------------------------------------------------------------------ */

/* Fonts, sizes and the language live in the styles (word/styles.xml), so that a user
 * who changes 正文 changes every body paragraph; runs carry direct formatting only
 * where a cell differs from its style (bold header cells). */
#define RPR_BOLD "<w:rPr><w:b/><w:bCs/></w:rPr>"

/* Within a run: a tab or a line break closes the w:t and opens the next. */
static void run_break(sbuf *b, char c, void *ctx) {
  (void)ctx;
  jx_buf_puts(b, c == '\t' ? "</w:t><w:tab/><w:t xml:space=\"preserve\">" : "</w:t><w:br/><w:t xml:space=\"preserve\">");
}

/* One run of text (n bytes) with run properties rpr (NULL: the style's); line breaks
 * become w:br. */
static void put_run(sbuf *b, const char *rpr, const char *s, size_t n) {
  jx_buf_puts(b, "<w:r>");
  if (rpr) jx_buf_puts(b, rpr);
  jx_buf_puts(b, "<w:t xml:space=\"preserve\">");
  xml_text_n(b, s, n, false, run_break, NULL);
  jx_buf_puts(b, "</w:t></w:r>");
}

/* ---- the document body ------------------------------------------------------------------- */

typedef struct {
  const jx_report *r;
  sbuf doc;          /* word/document.xml */
  sbuf rels;         /* word/_rels/document.xml.rels (the image entries) */
  bool page_break;   /* the next paragraph starts a page */
  int drawing_id;    /* wp:docPr ids */
  struct chart_png { unsigned char *png; size_t len; } *charts;
  size_t n_charts, cap_charts;
} writer;

/* Open a paragraph with a style and optional extra properties (in CT_PPr order, after
 * pStyle), consuming a pending page break. */
static void p_open(writer *w, const char *style, const char *extra) {
  sb_printf(&w->doc, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style);
  if (w->page_break) {
    /* in CT_PPr order pageBreakBefore follows keepNext (the only extra used with it) */
    if (extra && strncmp(extra, "<w:keepNext/>", 13) == 0) {
      jx_buf_puts(&w->doc, "<w:keepNext/><w:pageBreakBefore/>");
      extra += 13;
    } else jx_buf_puts(&w->doc, "<w:pageBreakBefore/>");
    w->page_break = false;
  }
  if (extra) jx_buf_puts(&w->doc, extra);
  jx_buf_puts(&w->doc, "</w:pPr>");
}

/* A paragraph of one style: number (may be NULL) then text; text's line breaks start new
 * paragraphs of the same style (a list of goals, several narrative paragraphs). */
static void paragraphs(writer *w, const char *style, const char *extra, const char *number, const char *text) {
  if (!text) text = "";
  const char *s = text;
  bool written = false;
  for (;;) {
    size_t len = strcspn(s, "\n");
    size_t tl = len;
    if (tl && s[tl - 1] == '\r') tl--;
    if (tl || (!s[len] && !written)) { /* empty lines are left out; an empty text gives one paragraph */
      p_open(w, style, extra);
      if (!written && number && *number) put_run(&w->doc, NULL, number, strlen(number));
      if (tl) put_run(&w->doc, NULL, s, tl);
      jx_buf_puts(&w->doc, "</w:p>");
      written = true;
    }
    if (!s[len]) break;
    s += len + 1;
  }
}

static void block_title(writer *w, const jx_rblock *blk) {
  if (blk->text && *blk->text) paragraphs(w, "Title", NULL, NULL, blk->text);
  if (blk->text2 && *blk->text2) paragraphs(w, "Title", NULL, NULL, blk->text2);
  /* one empty line between the title and the text, as in 公文 */
  p_open(w, "Normal", NULL);
  jx_buf_puts(&w->doc, "</w:p>");
}

static void block_heading(writer *w, const jx_rblock *blk) {
  int level = blk->level < 1 ? 1 : blk->level > 4 ? 4 : blk->level;
  char style[24]; /* "Heading" + any int */
  snprintf(style, sizeof style, "Heading%d", level);
  paragraphs(w, style, NULL, blk->number, blk->text);
}

/* ---- tables ------------------------------------------------------------------------------ */

/* Width in twips of the widest piece of text that cannot wrap at font size sz
 * (half-points; an em is sz * 10 twips).  Lines break at spaces and next to CJK
 * ideographs and punctuation; everything else sticks together ("≥8000", "92.12%",
 * "2024-06"): ASCII at about 0.62 em (0.5 em in 宋体, more in fallback fonts), other
 * symbols at 1 em.  cjk_min: at least two CJK characters when the text has two or
 * more (a header should wrap as 指标 / 性质, not one character a line). */
static int unbreakable_width(const char *s, int sz, bool cjk_min) {
  int em = sz * 10, best = 0, run = 0, cjk = 0;
  const unsigned char *u = (const unsigned char *)s;
  while (*u) {
    uint32_t cp = *u;
    size_t len = 1;
    if (*u >= 0xF0 && u[1] && u[2] && u[3]) len = 4, cp = ((*u & 0x07U) << 18) | ((u[1] & 0x3FU) << 12) | ((u[2] & 0x3FU) << 6) | (u[3] & 0x3FU);
    else if (*u >= 0xE0 && u[1] && u[2]) len = 3, cp = ((*u & 0x0FU) << 12) | ((u[1] & 0x3FU) << 6) | (u[2] & 0x3FU);
    else if (*u >= 0xC0 && u[1]) len = 2, cp = ((*u & 0x1FU) << 6) | (u[1] & 0x3FU);
    u += len;
    bool breaks = cp <= 0x20 || (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                  (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000;
    if (breaks) {
      run = 0;
      if (cp > 0x20) {
        cjk++;
        if (em > best) best = em;
      }
      continue;
    }
    run += cp < 0x80 ? em * 62 / 100 : em;
    if (run > best) best = run;
  }
  if (cjk_min && cjk >= 2 && 2 * em > best) best = 2 * em;
  return best;
}

/* Column widths in twips, summing to TEXT_W: the relative widths, except that no column
 * is narrower than its widest unbreakable text (numbers never wrap inside). */
static void grid_widths(const jx_tgrid *g, int sz, int *tw) {
  const jx_rtable *t = g->table;
  size_t n = g->cols;
  int *minw = jx_xcalloc(n, sizeof *minw);
  bool *fixed = jx_xcalloc(n, sizeof *fixed);
  for (size_t i = 0; i < g->ncells; i++) {
    const jx_tcell *tc = &g->cells[i];
    if (tc->cs > 1 || !tc->cell->text) continue;
    int wmin = unbreakable_width(tc->cell->text, sz, true) + 2 * CELL_MARGIN + 30;
    if (wmin > minw[tc->c]) minw[tc->c] = wmin;
  }
  long long avail = TEXT_W;
  for (;;) {
    long long wsum = 0;
    for (size_t c = 0; c < n; c++)
      if (!fixed[c]) wsum += jx_rtable_col_weight(t, c);
    if (!wsum) break;
    bool changed = false;
    for (size_t c = 0; c < n; c++) {
      if (fixed[c]) continue;
      long long wgt = jx_rtable_col_weight(t, c);
      long long share = avail > 0 ? avail * wgt / wsum : 0;
      if (share < minw[c]) {
        tw[c] = minw[c];
        fixed[c] = true;
        avail -= minw[c];
        changed = true;
      } else tw[c] = (int)share;
    }
    if (!changed) break;
  }
  long long used = 0;
  for (size_t c = 0; c < n; c++) used += tw[c];
  if (used > TEXT_W) { /* the minimums do not fit: shrink every column alike */
    long long acc = 0;
    for (size_t c = 0; c < n; c++) {
      tw[c] = (int)((long long)tw[c] * TEXT_W / used);
      if (tw[c] < 1) tw[c] = 1;
      acc += tw[c];
    }
    used = acc;
  }
  /* rounding: the rest to the widest column that is not at its minimum */
  size_t widest = n - 1;
  for (size_t c = 0; c < n; c++)
    if (!fixed[c] && (fixed[widest] || tw[c] > tw[widest])) widest = c;
  tw[widest] += (int)(TEXT_W - used);
  if (tw[widest] < 1) tw[widest] = 1;
  free(minw);
  free(fixed);
}

static void cell_open(sbuf *b, const int *tw, size_t c, size_t cs, const char *vmerge) {
  int wsum = 0;
  for (size_t k = c; k < c + cs; k++) wsum += tw[k];
  sb_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", wsum);
  if (cs > 1) sb_printf(b, "<w:gridSpan w:val=\"%zu\"/>", cs);
  if (vmerge) jx_buf_puts(b, vmerge);
  jx_buf_puts(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
}

static void block_table(writer *w, const jx_rtable *t) {
  sbuf *b = &w->doc;
  if (t->caption && *t->caption) paragraphs(w, "Caption", NULL, NULL, t->caption);
  if (t->unit_note && *t->unit_note) paragraphs(w, "UnitNote", NULL, NULL, t->unit_note);
  if (!t->rows || !t->cols || !t->cells) return;
  if (w->page_break) { /* a table cannot carry the break: an empty paragraph does */
    p_open(w, "TableText", NULL);
    jx_buf_puts(b, "</w:p>");
  }

  /* the origins and which one covers each slot, spans clipped (render/table.c) */
  jx_arena *a = jx_arena_new();
  const jx_tgrid *g = jx_tgrid_new(a, t);
  /* wide tables (the official forms) in 五号, others in 小四 */
  int sz = t->cols >= 7 ? SZ_WUHAO : SZ_XIAOSI;
  const char *cstyle = sz == SZ_WUHAO ? "TableTextSmall" : "TableText";
  int *tw = jx_xcalloc(t->cols, sizeof *tw);
  grid_widths(g, sz, tw);
  /* keep[r]: row r stays on the page of row r + 1 — header rows, and the rows of a
   * vertically merged cell of a few rows (a level-1 group split over two pages reads
   * as two groups) */
  bool *keep = jx_xcalloc(t->rows, sizeof *keep);
  for (size_t r = 0, i = 0; r < t->rows; r++) {
    /* never a table's first row alone; a small table stays whole */
    if (r < g->header_rows || r == 0 || t->rows <= KEEP_WHOLE_ROWS) keep[r] = true;
    /* …nor its last row (a total) alone */
    if (t->rows >= 2 && r == t->rows - 2) keep[r] = true;
    bool all_header = true, any = false; /* a header row inside the table (the official forms have them) */
    for (; i < g->ncells && g->cells[i].r == r; i++) {
      const jx_tcell *tc = &g->cells[i];
      any = true;
      if (!tc->cell->header) all_header = false;
      if (tc->rs >= 2 && tc->rs <= KEEP_MAX_ROWS)
        for (size_t k = r; k + 1 < r + tc->rs; k++) keep[k] = true;
    }
    if (any && all_header) keep[r] = true;
  }

  sb_printf(b,
            "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
            "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
            "<w:tblLayout w:type=\"fixed\"/>"
            "<w:tblCellMar><w:left w:w=\"%d\" w:type=\"dxa\"/><w:right w:w=\"%d\" w:type=\"dxa\"/></w:tblCellMar>"
            "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
            "</w:tblPr><w:tblGrid>",
            TEXT_W, CELL_MARGIN, CELL_MARGIN);
  for (size_t c = 0; c < t->cols; c++) sb_printf(b, "<w:gridCol w:w=\"%d\"/>", tw[c]);
  jx_buf_puts(b, "</w:tblGrid>");

  for (size_t r = 0; r < t->rows; r++) {
    /* rows never split: a number or a merged label cut over two pages is misread */
    jx_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/>");
    if (r < g->header_block) jx_buf_puts(b, "<w:tblHeader/>"); /* repeated: never half a merged cell */
    jx_buf_puts(b, "<w:jc w:val=\"center\"/></w:trPr>");
    const char *keep_next = keep[r] ? "<w:keepNext/>" : "";
    size_t c = 0;
    while (c < t->cols) {
      const jx_tcell *o = jx_tgrid_owner(g, r, c);
      if (o && o->r == r && o->c == c) { /* an origin */
        const jx_rcell *x = o->cell;
        size_t cs = o->cs, rs = o->rs;
        cell_open(b, tw, c, cs, rs > 1 ? "<w:vMerge w:val=\"restart\"/>" : NULL);
        bool header = x->header || r < g->header_rows;
        jx_align al = x->align;
        if (!header && x->type != JX_CELL_TEXT) al = JX_ALIGN_RIGHT;
        if (header && x->align == JX_ALIGN_LEFT && x->type == JX_CELL_TEXT) al = JX_ALIGN_CENTER;
        sb_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s<w:jc w:val=\"%s\"/></w:pPr>", cstyle, keep_next,
                  al == JX_ALIGN_RIGHT ? "right" : al == JX_ALIGN_CENTER ? "center" : "left");
        if (x->text && *x->text) put_run(b, header ? RPR_BOLD : NULL, x->text, strlen(x->text));
        jx_buf_puts(b, "</w:p></w:tc>");
        c += cs;
      } else if (o) {
        size_t orow = o->r, ocol = o->c, cs = o->cs;
        if (orow < r && ocol == c) { /* continues a vertical merge */
          cell_open(b, tw, c, cs, "<w:vMerge/>");
          sb_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr></w:p></w:tc>", cstyle, keep_next);
          c += cs;
        } else if (ocol < c && ocol + cs > c) {
          /* inside a horizontal span that started to the left: written with its start */
          c = ocol + cs;
        } else c++;
      } else { /* a covered slot nothing covers (malformed table): an empty cell */
        cell_open(b, tw, c, 1, NULL);
        sb_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr></w:p></w:tc>", cstyle, keep_next);
        c++;
      }
    }
    jx_buf_puts(b, "</w:tr>");
  }
  jx_buf_puts(b, "</w:tbl>");
  /* a paragraph after every table: keeps two tables apart and the body valid */
  p_open(w, "AfterTable", NULL);
  jx_buf_puts(b, "</w:p>");
  free(keep);
  free(tw);
  jx_arena_free(a);
}

/* ---- charts ------------------------------------------------------------------------------ */

static void block_chart(writer *w, const jx_chart *ch) {
  /* the chart's size in points: the text width, a height that fits its bars */
  double wpt = TEXT_W / 20.0;
  size_t n = ch->points.n;
  double hpt = ch->kind == JX_CHART_ATTAINMENT ? 90.0 + 22.0 * (double)(n ? n : 1) : 260.0;
  if (hpt < 200) hpt = 200;
  if (hpt > 560) hpt = 560;
  size_t len = 0;
  unsigned char *png = jx_chart_png(ch, wpt, hpt, 150, &len);
  if (!png || !len) { /* no picture: its text alternative */
    free(png);
    if (ch->title) paragraphs(w, "Caption", NULL, NULL, ch->title);
    if (ch->alt) paragraphs(w, "Normal", NULL, NULL, ch->alt);
    return;
  }
  if (w->n_charts == w->cap_charts) {
    w->cap_charts = w->cap_charts ? w->cap_charts * 2 : 4;
    w->charts = jx_xrealloc(w->charts, w->cap_charts * sizeof *w->charts);
  }
  w->charts[w->n_charts].png = png;
  w->charts[w->n_charts].len = len;
  size_t k = ++w->n_charts;
  sb_printf(&w->rels,
            "<Relationship Id=\"rIdChart%zu\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
            "Target=\"media/chart%zu.png\"/>",
            k, k);
  long long cx = (long long)(wpt * EMU_PER_PT + 0.5), cy = (long long)(hpt * EMU_PER_PT + 0.5);
  int id = ++w->drawing_id;
  sbuf *b = &w->doc;
  p_open(w, "Figure", NULL);
  sb_printf(b,
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
            "<wp:extent cx=\"%lld\" cy=\"%lld\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
            "<wp:docPr id=\"%d\" name=\"图表 %d\" descr=\"",
            cx, cy, id, id);
  xml_attr(b, ch->alt ? ch->alt : ch->title);
  jx_buf_puts(b, "\" title=\"");
  xml_attr(b, ch->title);
  sb_printf(b,
            "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
            "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
            "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
            "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
            "<pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"chart%zu.png\"/><pic:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></pic:cNvPicPr></pic:nvPicPr>"
            "<pic:blipFill><a:blip r:embed=\"rIdChart%zu\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%lld\" cy=\"%lld\"/></a:xfrm>"
            "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
            "</wp:inline></w:drawing></w:r></w:p>",
            id, k, k, cx, cy);
}

/* ---- the fixed parts ------------------------------------------------------------------------ */

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define CT_BASE "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char CONTENT_TYPES[] =
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_BASE "document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_BASE "styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_BASE "settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CT_BASE "fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_BASE "footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char PACKAGE_RELS[] =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_BASE "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_BASE "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char DOCUMENT_RELS_HEAD[] =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_BASE "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_BASE "settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_BASE "fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL_BASE "footer\" Target=\"footer1.xml\"/>";

static const char SETTINGS[] =
    XML_DECL "<w:settings xmlns:w=\"" NS_W "\">"
    "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
    "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
    "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>"
    "</w:settings>";

/* charset 86 = GB2312; the w:altName is the font used where the named one is missing. */
#define FONT_ENTRY(name, alt, family, pitch) \
  "<w:font w:name=\"" name "\"><w:altName w:val=\"" alt "\"/><w:charset w:val=\"86\"/><w:family w:val=\"" family "\"/><w:pitch w:val=\"" pitch "\"/></w:font>"

static const char FONT_TABLE[] =
    XML_DECL "<w:fonts xmlns:w=\"" NS_W "\">"
    FONT_ENTRY("方正小标宋简体", "宋体", "script", "default")
    FONT_ENTRY("黑体", "SimHei", "modern", "fixed")
    FONT_ENTRY("楷体_GB2312", "楷体", "modern", "fixed")
    FONT_ENTRY("仿宋_GB2312", "仿宋", "modern", "fixed")
    FONT_ENTRY("宋体", "SimSun", "auto", "variable")
    "</w:fonts>";

#define STYLE_RPR(font, sz, extra) \
  "<w:rPr><w:rFonts w:ascii=\"" font "\" w:hAnsi=\"" font "\" w:eastAsia=\"" font "\" w:cs=\"" font "\" w:hint=\"eastAsia\"/>" extra \
  "<w:sz w:val=\"" #sz "\"/><w:szCs w:val=\"" #sz "\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr>"

/* Body lines are exactly 28 pt (公文: 22 lines on the 225 mm 版心); paragraphs holding a
 * picture or a table cell use single spacing (exact spacing would clip them). */
static const char *const STYLES[] = {
    XML_DECL "<w:styles xmlns:w=\"" NS_W "\">"
    "<w:docDefaults><w:rPrDefault>" STYLE_RPR("仿宋_GB2312", 32, "") "</w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    /* 正文 */
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:widowControl/><w:spacing w:after=\"0\" w:line=\"560\" w:lineRule=\"exact\"/>"
    "<w:ind w:firstLine=\"640\" w:firstLineChars=\"200\"/><w:jc w:val=\"both\"/></w:pPr>"
    STYLE_RPR("仿宋_GB2312", 32, "") "</w:style>"
    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>"
    "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:unhideWhenUsed/>"
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    /* 标题 */
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:spacing w:after=\"0\" w:line=\"700\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"9\"/></w:pPr>"
    STYLE_RPR("方正小标宋简体", 44, "") "</w:style>",
    /* 一、 黑体 */
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr>" STYLE_RPR("黑体", 32, "") "</w:style>",
    /* （一） 楷体 */
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"1\"/></w:pPr>" STYLE_RPR("楷体_GB2312", 32, "") "</w:style>",
    /* 1. 仿宋 加粗 */
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"2\"/></w:pPr>" STYLE_RPR("仿宋_GB2312", 32, "<w:b/><w:bCs/>") "</w:style>",
    /* （1） 仿宋 加粗 */
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"3\"/></w:pPr>" STYLE_RPR("仿宋_GB2312", 32, "<w:b/><w:bCs/>") "</w:style>",
    /* 表格文字 宋体 */
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"表格文字\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"left\"/></w:pPr>"
    STYLE_RPR("宋体", 24, "") "</w:style>",
    /* 表格文字 五号: the wide official forms */
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableTextSmall\"><w:name w:val=\"表格文字（五号）\"/><w:basedOn w:val=\"TableText\"/><w:qFormat/>"
    "<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>",
    /* 表题 */
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>"
    "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
    STYLE_RPR("黑体", 28, "<w:b/><w:bCs/>") "</w:style>",
    /* 单位：万元 */
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"UnitNote\"><w:name w:val=\"表格单位\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:spacing w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"right\"/></w:pPr>"
    STYLE_RPR("宋体", 24, "") "</w:style>",
    /* after a table: a short gap */
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"AfterTable\"><w:name w:val=\"表后空行\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:spacing w:after=\"0\" w:line=\"280\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr></w:style>",
    /* 图 */
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Figure\"><w:name w:val=\"图\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:keepLines/><w:spacing w:before=\"120\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr></w:style>",
    /* 落款 */
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"JxSignature\"><w:name w:val=\"落款\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:keepLines/><w:ind w:right=\"1280\" w:rightChars=\"400\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"right\"/></w:pPr>"
    STYLE_RPR("仿宋_GB2312", 32, "") "</w:style>",
    /* 页脚 */
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
    STYLE_RPR("宋体", 28, "") "</w:style>"
    "</w:styles>", NULL};

/* 公文 page numbers: "— 1 —" in 宋体 四号. */
static const char FOOTER[] =
    XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
    "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
    "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";

/* ---- dates ------------------------------------------------------------------------------- */

/* The DOS date and time of every zip entry: 12:00 on the report's date when it is a
 * date a zip can carry (1980–2107); otherwise the zip epoch, 1980-01-01 00:00, which
 * stands for no date (a bad report date is never replaced by another date). */
typedef struct {
  zip_uint16_t time, date;
} dostime;

static dostime entry_time(const jx_date *d) {
  if (!d || d->year < 1980 || d->year > 2107) return (dostime){0, (zip_uint16_t)((1U << 5) | 1U)};
  return (dostime){(zip_uint16_t)(12U << 11), /* 12:00:00 */
                   (zip_uint16_t)(((unsigned)(d->year - 1980) << 9) | ((unsigned)d->month << 5) | (unsigned)d->day)};
}

/* ---- the package ------------------------------------------------------------------------- */

/* core.xml and app.xml; dt NULL (the report has no valid date): no dcterms:created or
 * dcterms:modified, both optional in OPC core properties. */
static void doc_props(sbuf *core, sbuf *app, const jx_report *r, const jx_date *dt) {
  jx_buf_puts(core, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
  jx_buf_puts(core, "<dc:title>");
  if (r->unit && *r->unit) xml_text_n(core, r->unit, strlen(r->unit), false, NULL, NULL);
  if (r->title) xml_text_n(core, r->title, strlen(r->title), false, NULL, NULL);
  jx_buf_puts(core, "</dc:title><dc:creator>");
  if (r->unit) xml_text_n(core, r->unit, strlen(r->unit), false, NULL, NULL);
  jx_buf_puts(core, "</dc:creator><dc:language>zh-CN</dc:language>");
  if (dt)
    sb_printf(core,
              "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%04d-%02d-%02dT00:00:00Z</dcterms:created>"
              "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%04d-%02d-%02dT00:00:00Z</dcterms:modified>",
              dt->year, dt->month, dt->day, dt->year, dt->month, dt->day);
  jx_buf_puts(core, "</cp:coreProperties>");
  jx_buf_puts(app, XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
                        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                        "<Template>Normal.dotm</Template><Application>jixiao " JX_VERSION "</Application><DocSecurity>0</DocSecurity>"
                        "<ScaleCrop>false</ScaleCrop><Company>");
  if (r->unit) xml_text_n(app, r->unit, strlen(r->unit), false, NULL, NULL);
  jx_buf_puts(app, "</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
               "<HyperlinksChanged>false</HyperlinksChanged></Properties>");
}

/* Add one entry; the data is copied (static) or handed over (owned, malloc'd).  XML is
 * deflated at level 1: the markup repeats so much that level 6 saves only about 10% of
 * the package for a third more time. */
static bool add_entry(zip_t *za, const char *name, const void *data, size_t len, bool owned, bool deflate, dostime dt) {
  zip_source_t *src = zip_source_buffer(za, data, len, owned ? 1 : 0);
  if (!src) {
    if (owned) free((void *)data);
    return false;
  }
  zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(src);
    return false;
  }
  /* DOS date and time, written as such: no time zone is involved */
  if (zip_file_set_dostime(za, (zip_uint64_t)idx, dt.time, dt.date, 0) < 0) return false;
  if (zip_set_file_compression(za, (zip_uint64_t)idx, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, deflate ? 1 : 0) < 0) return false;
  return true;
}

static void write_body(writer *w) {
  const jx_report *r = w->r;
  sbuf *b = &w->doc;
  jx_buf_puts(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" "
                      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>");
  for (size_t i = 0; i < r->blocks.n; i++) {
    const jx_rblock *blk = &r->blocks.items[i];
    switch (blk->kind) {
    case JX_RB_TITLE: block_title(w, blk); break;
    case JX_RB_HEADING: block_heading(w, blk); break;
    case JX_RB_PARAGRAPH: {
      /* the last paragraph stays with the signature: a signature alone on a page is void */
      bool before_sig = i + 1 < r->blocks.n && r->blocks.items[i + 1].kind == JX_RB_SIGNATURE;
      if ((blk->text && *blk->text) || (blk->number && *blk->number))
        paragraphs(w, "Normal", before_sig ? "<w:keepNext/>" : NULL, blk->number, blk->text);
      break;
    }
    case JX_RB_TABLE:
      if (blk->table) block_table(w, blk->table);
      break;
    case JX_RB_CHART:
      if (blk->chart) block_chart(w, blk->chart);
      break;
    case JX_RB_SIGNATURE: {
      /* an empty line, then the signer and the date, right-aligned */
      p_open(w, "Normal", "<w:keepNext/>");
      jx_buf_puts(b, "</w:p>");
      if (blk->text && *blk->text) paragraphs(w, "JxSignature", NULL, NULL, blk->text);
      if (blk->text2 && *blk->text2) paragraphs(w, "JxSignature", NULL, NULL, blk->text2);
      break;
    }
    case JX_RB_PAGEBREAK:
      if (i > 0) w->page_break = true;
      break;
    }
  }
  if (w->page_break) { /* a break at the very end: nothing follows it */
    w->page_break = false;
  }
  sb_printf(b,
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
            "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
            "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" w:footer=\"1247\" w:gutter=\"0\"/>"
            "<w:pgNumType w:fmt=\"decimal\"/><w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"312\"/></w:sectPr>"
            "</w:body></w:document>",
            PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
}

static char *take(sbuf *b, size_t *len) {
  *len = b->n;
  char *p = b->p ? b->p : jx_xcalloc(1, 1);
  b->p = NULL;
  b->n = b->cap = 0;
  return p;
}

jx_status jx_render_docx(const jx_report *r, const char *path, const char **err) {
  static const char *dummy;
  if (!err) err = &dummy;
  *err = NULL;
  if (!r || !path) {
    *err = "jx_render_docx: 缺少报告或输出路径";
    return JX_ERR_INVALID;
  }
  jx_date date;
  bool dated = jx_date_parse(r->date, &date);
  dostime dt = entry_time(dated ? &date : NULL);

  writer w = {.r = r};
  jx_buf_puts(&w.rels, DOCUMENT_RELS_HEAD);
  write_body(&w);
  jx_buf_puts(&w.rels, "</Relationships>");
  sbuf core = {0}, app = {0};
  doc_props(&core, &app, r, dated ? &date : NULL);

  int zerr = 0;
  zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  if (!za) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    *err = r->arena ? jx_arena_printf(r->arena, "无法写入 %s：%s", path, zip_error_strerror(&ze)) : "无法写入 DOCX 文件";
    zip_error_fini(&ze);
    free(w.doc.p);
    free(w.rels.p);
    free(core.p);
    free(app.p);
    for (size_t i = 0; i < w.n_charts; i++) free(w.charts[i].png);
    free(w.charts);
    return JX_ERR_IO;
  }

  size_t len;
  char *p;
  bool ok = add_entry(za, "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1, false, true, dt) &&
            add_entry(za, "_rels/.rels", PACKAGE_RELS, sizeof PACKAGE_RELS - 1, false, true, dt);
  p = take(&w.doc, &len);
  ok = ok ? add_entry(za, "word/document.xml", p, len, true, true, dt) : (free(p), false);
  p = take(&w.rels, &len);
  ok = ok ? add_entry(za, "word/_rels/document.xml.rels", p, len, true, true, dt) : (free(p), false);
  sbuf styles = {0};
  for (size_t i = 0; STYLES[i]; i++) jx_buf_puts(&styles, STYLES[i]);
  p = take(&styles, &len);
  ok = ok ? add_entry(za, "word/styles.xml", p, len, true, true, dt) : (free(p), false);
  ok = ok && add_entry(za, "word/settings.xml", SETTINGS, sizeof SETTINGS - 1, false, true, dt) &&
       add_entry(za, "word/fontTable.xml", FONT_TABLE, sizeof FONT_TABLE - 1, false, true, dt) &&
       add_entry(za, "word/footer1.xml", FOOTER, sizeof FOOTER - 1, false, true, dt);
  for (size_t i = 0; i < w.n_charts; i++) {
    char name[48];
    snprintf(name, sizeof name, "word/media/chart%zu.png", i + 1);
    /* PNG is compressed already: stored */
    ok = ok ? add_entry(za, name, w.charts[i].png, w.charts[i].len, true, false, dt) : (free(w.charts[i].png), false);
    w.charts[i].png = NULL;
  }
  free(w.charts);
  p = take(&core, &len);
  ok = ok ? add_entry(za, "docProps/core.xml", p, len, true, true, dt) : (free(p), false);
  p = take(&app, &len);
  ok = ok ? add_entry(za, "docProps/app.xml", p, len, true, true, dt) : (free(p), false);

  if (!ok) {
    *err = r->arena ? jx_arena_printf(r->arena, "无法写入 %s：%s", path, zip_strerror(za)) : "无法写入 DOCX 文件";
    zip_discard(za);
    return JX_ERR_IO;
  }
  if (zip_close(za) < 0) {
    *err = r->arena ? jx_arena_printf(r->arena, "无法写入 %s：%s", path, zip_strerror(za)) : "无法写入 DOCX 文件";
    zip_discard(za);
    return JX_ERR_IO;
  }
  return JX_OK;
}
