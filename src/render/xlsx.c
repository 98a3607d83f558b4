/* xlsx.c — the report's tables as an XLSX workbook (libxlsxwriter 1.1.4).
 *
 * One worksheet per table block, after a first sheet 说明 (title, unit, year, date,
 * the list of sheets).  Numbers are written as numbers with number formats; a cell
 * that carries an R1C1 formula is written as a live A1 formula together with its
 * computed value, so the sheet shows the right figures before any recalculation.
 * Text is always written as text (never as a formula), whatever it starts with.
 *
 * Output is deterministic: the creation date in docProps/core.xml comes from the
 * report (its date at 00:00 UTC; created = 0 would mean "now"), libxlsxwriter 1.1.4
 * dates every zip entry 1980-01-01, and nothing else varies, so the same report gives
 * the same bytes (tests/unit/test_xlsx.c checks both).  A report without a valid date
 * is created 1980-01-01 too (the element cannot be left out) and its 说明 sheet has
 * no 日期 row. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "render/report.h"
#include "render/table.h"
#include "util/date.h"
#include "util/text.h"

/* Internal, not in report.h: the test calls it (tests/unit/test_xlsx.c declares it). */
bool jx_xlsx_r1c1_to_a1(const char *formula, long row, long col, long base_row, long base_col, char *out, size_t cap);

/* ---- R1C1 → A1 --------------------------------------------------------------------- */

typedef struct {
  char *p;
  size_t n, cap;
  bool overflow;
} outbuf;

static void put(outbuf *o, char ch) {
  if (o->n + 1 >= o->cap) {
    o->overflow = true;
    return;
  }
  o->p[o->n++] = ch;
}

static void puts_n(outbuf *o, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) put(o, s[i]);
}

static void put_long(outbuf *o, long v) {
  char buf[24];
  int n = snprintf(buf, sizeof buf, "%ld", v);
  if (n > 0) puts_n(o, buf, (size_t)n);
}

/* Column letters of a 0-based column: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
static void put_col(outbuf *o, long c) {
  char tmp[8];
  size_t n = 0;
  for (long v = c + 1; v > 0 && n < sizeof tmp; v = (v - 1) / 26) tmp[n++] = (char)('A' + (v - 1) % 26);
  while (n) put(o, tmp[--n]);
}

static bool is_ident(char ch) {
  return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' ||
         (unsigned char)ch >= 0x80;
}

/* One R1C1 reference: R and/or C parts, each absolute or relative (0-based sheet
 * coordinates once resolved). */
typedef struct {
  bool has_r, has_c, abs_r, abs_c;
  long r, c;
} r1c1_ref;

typedef enum { PART_NONE, PART_OK, PART_BAD } part_status;

/* A part "R", "R[n]", "Rn" (or C) at *pp.  here: the cell's own coordinate; base: the
 * sheet coordinate of absolute index 1; max: the sheet's size in that direction. */
static part_status parse_part(const char **pp, char letter, long here, long base, long max, bool *abs, long *v, bool *bracketed) {
  const char *p = *pp;
  if (*p != letter) return PART_NONE;
  p++;
  long n = 0;
  int digits = 0;
  if (*p == '[') {
    *bracketed = true;
    p++;
    bool neg = false;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    while (*p >= '0' && *p <= '9') {
      if (++digits > 8) return PART_BAD;
      n = n * 10 + (*p++ - '0');
    }
    if (!digits || *p != ']') return PART_BAD;
    p++;
    *abs = false;
    *v = here + (neg ? -n : n);
  } else if (*p >= '0' && *p <= '9') {
    while (*p >= '0' && *p <= '9') {
      if (++digits > 8) return PART_BAD;
      n = n * 10 + (*p++ - '0');
    }
    if (n < 1) return PART_BAD;
    *abs = true;
    *v = base + n - 1;
  } else {
    *abs = false;
    *v = here;
  }
  if (*v < 0 || *v >= max) return PART_BAD;
  *pp = p;
  return PART_OK;
}

/* A reference at *pp (which is at a token boundary).  PART_NONE: not a reference
 * (a function or name such as ROUND, COUNT); *pp unchanged. */
static part_status parse_ref(const char **pp, long row, long col, long base_row, long base_col, r1c1_ref *ref) {
  const char *p = *pp;
  bool bracketed = false;
  memset(ref, 0, sizeof *ref);
  part_status s = parse_part(&p, 'R', row, base_row, LXW_ROW_MAX, &ref->abs_r, &ref->r, &bracketed);
  if (s == PART_BAD) return PART_BAD;
  ref->has_r = s == PART_OK;
  s = parse_part(&p, 'C', col, base_col, LXW_COL_MAX, &ref->abs_c, &ref->c, &bracketed);
  if (s == PART_BAD) return PART_BAD;
  ref->has_c = s == PART_OK;
  if (!ref->has_r && !ref->has_c) return PART_NONE;
  /* "ROUND(", "RC2X", "C2!": a name, not a reference */
  if (is_ident(*p) || *p == '(' || *p == '!' || *p == '[') return bracketed ? PART_BAD : PART_NONE;
  *pp = p;
  return PART_OK;
}

static void put_row(outbuf *o, const r1c1_ref *r) {
  if (r->abs_r) put(o, '$');
  put_long(o, r->r + 1);
}

static void put_colref(outbuf *o, const r1c1_ref *r) {
  if (r->abs_c) put(o, '$');
  put_col(o, r->c);
}

static void put_cell(outbuf *o, const r1c1_ref *r) {
  put_colref(o, r);
  put_row(o, r);
}

/* Convert an R1C1 formula for the cell at sheet row `row`, column `col` (0-based) to
 * A1 notation.  Relative parts R[n] C[m] (and a bare R or C: this row / column) are
 * offsets from the cell; absolute parts Rn Cm count from base_row / base_col (the
 * sheet coordinate of R1 / C1: 0 for sheet-absolute references, the table's first
 * grid row when the formula was written against the table).  Whole rows and columns
 * (R[-1], C2, R1:R3) become 5:5, B:B, 1:3.  String literals and quoted sheet names
 * are copied untouched.  Returns false (out holds an empty string) when a reference
 * is malformed or falls off the sheet, or when out (cap bytes) is too small. */
bool jx_xlsx_r1c1_to_a1(const char *formula, long row, long col, long base_row, long base_col, char *out, size_t cap) {
  if (!out || cap == 0) return false;
  out[0] = '\0';
  if (!formula || row < 0 || row >= LXW_ROW_MAX || col < 0 || col >= LXW_COL_MAX) return false;
  outbuf o = {out, 0, cap, false};
  const char *p = formula;
  char prev = '\0';
  while (*p && !o.overflow) {
    char ch = *p;
    if (ch == '"' || ch == '\'') { /* "text" or 'sheet name'; a doubled quote escapes */
      const char *q = p + 1;
      for (;;) {
        if (!*q) return out[0] = '\0', false;
        if (*q == ch) {
          if (q[1] == ch) {
            q += 2;
            continue;
          }
          break;
        }
        q++;
      }
      puts_n(&o, p, (size_t)(q + 1 - p));
      prev = ch;
      p = q + 1;
      continue;
    }
    if ((ch == 'R' || ch == 'C') && !is_ident(prev) && prev != '$' && prev != ']') {
      r1c1_ref a, b;
      part_status s = parse_ref(&p, row, col, base_row, base_col, &a);
      if (s == PART_BAD) return out[0] = '\0', false;
      if (s == PART_OK) {
        bool range = false;
        if (*p == ':') {
          const char *q = p + 1;
          part_status s2 = parse_ref(&q, row, col, base_row, base_col, &b);
          if (s2 == PART_BAD) return out[0] = '\0', false;
          if (s2 == PART_OK) {
            if (a.has_r != b.has_r || a.has_c != b.has_c) return out[0] = '\0', false; /* R1:C1, RC:R2 */
            range = true;
            p = q;
          }
        }
        if (a.has_r && a.has_c) {
          put_cell(&o, &a);
          if (range) put(&o, ':'), put_cell(&o, &b);
        } else if (a.has_r) { /* whole rows */
          put_row(&o, &a);
          put(&o, ':');
          put_row(&o, range ? &b : &a);
        } else { /* whole columns */
          put_colref(&o, &a);
          put(&o, ':');
          put_colref(&o, range ? &b : &a);
        }
        prev = '1';
        continue;
      }
    }
    put(&o, ch);
    prev = ch;
    p++;
  }
  if (o.overflow) return out[0] = '\0', false;
  out[o.n] = '\0';
  return true;
}

/* ---- numbers ----------------------------------------------------------------------- */

/* The number a cell shows.  This is the one place a double appears: output formatting
 * of an exact integer.  value is exact (分 or millionths, |value| < 2^53), the divisor
 * is exact, and IEEE division rounds correctly, so the result is the double nearest to
 * the exact decimal: what a spreadsheet reads from the text "1072.52".  Nothing is
 * computed from it. */
static double cell_number(const jx_rcell *c) {
  switch (c->type) {
  case JX_CELL_MONEY: return (double)c->value / (double)JX_FEN_PER_WAN;         /* 分 → 万元 */
  case JX_CELL_PERCENT: return (double)c->value / (100.0 * (double)JX_NUM_SCALE); /* 92.12% → 0.9212 */
  case JX_CELL_NUMBER:
  case JX_CELL_TEXT: break;
  }
  return (double)c->value / (double)JX_NUM_SCALE;
}

/* Number format of a typed cell.  Fixed by type, not taken from the cell's text: the
 * sheet is live, and a format with fewer decimals than a recalculated or typed value
 * would hide them.  Money in 万元 with 分 (2 decimals); rates with hundredths of a
 * percent, as jixiao rounds every rate; other numbers (weights, scores, counts) as
 * General, which shows an exact value as it is: 10, 4.72, 99.72. */
static const char *number_format(const jx_rcell *c) {
  switch (c->type) {
  case JX_CELL_MONEY: return "#,##0.00";
  case JX_CELL_PERCENT: return "0.00%";
  case JX_CELL_NUMBER: return "General";
  case JX_CELL_TEXT: break;
  }
  return NULL;
}

/* ---- text -------------------------------------------------------------------------- */

#define XLSX_STR_MAX 32767 /* bytes: libxlsxwriter refuses longer strings */
#define FONT_NAME "宋体"
#define LINE_PT 15.0 /* one line of 11 pt CJK text */

static bool is_hex(char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F') || (ch >= 'a' && ch <= 'f'); }

/* "_x0041_" at s: how a spreadsheet escapes a character in a string. */
static bool is_escape(const char *s) {
  return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) && is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

static bool is_control(unsigned char ch) { return (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F; }

/* Text as an XLSX file can hold it: valid UTF-8 (bad bytes become U+FFFD), no control
 * characters (XML 1.0 cannot carry them), at most XLSX_STR_MAX - 1 bytes (cut at a
 * character boundary); in a cell (cell = true) a literal "_x0041_" is escaped as
 * "_x005F_x0041_" so that Excel does not read it as "A". */
static const char *clean_text(jx_arena *a, const char *s, bool cell) {
  if (!s) return "";
  size_t n = strlen(s), bad;
  bool valid = jx_utf8_valid(s, n, &bad), plain = valid && n < XLSX_STR_MAX;
  for (size_t i = 0; plain && i < n; i++) plain = !is_control((unsigned char)s[i]) && !(cell && is_escape(s + i));
  if (plain) return s;
  char *buf = jx_arena_alloc(a, n * 7 + 1);
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    if (!valid) {
      size_t ok = jx_utf8_valid(s + i, n - i, &bad) ? n - i : bad;
      if (ok == 0) { /* one bad byte */
        memcpy(buf + o, "\xEF\xBF\xBD", 3);
        o += 3;
        i++;
        continue;
      }
      /* copy the valid run below, byte by byte */
      for (size_t end = i + ok; i < end; i++) {
        if (is_control((unsigned char)s[i])) continue;
        if (cell && is_escape(s + i)) memcpy(buf + o, "_x005F", 6), o += 6;
        buf[o++] = s[i];
      }
      continue;
    }
    if (!is_control((unsigned char)s[i])) {
      if (cell && is_escape(s + i)) memcpy(buf + o, "_x005F", 6), o += 6;
      buf[o++] = s[i];
    }
    i++;
  }
  buf[o] = '\0';
  if (o >= XLSX_STR_MAX) {
    o = XLSX_STR_MAX - 1;
    while (o > 0 && ((unsigned char)buf[o] & 0xC0) == 0x80) o--;
    buf[o] = '\0';
  }
  return buf;
}

/* Shared with the template writer (render/template.c declares them). */
const char *jx_xlsx_clean_text(jx_arena *a, const char *s, bool cell);
const char *jx_xlsx_clean_text(jx_arena *a, const char *s, bool cell) { return clean_text(a, s, cell); }

/* ---- sheet names ------------------------------------------------------------------- */

static bool ascii_case_equal(const char *x, const char *y) {
  for (; *x && *y; x++, y++) {
    char a = *x >= 'a' && *x <= 'z' ? (char)(*x - 32) : *x; // NOLINT(bugprone-narrowing-conversions): ASCII letters
    char b = *y >= 'a' && *y <= 'z' ? (char)(*y - 32) : *y; // NOLINT(bugprone-narrowing-conversions)
    if (a != b) return false;
  }
  return *x == *y;
}

/* Copy at most max_units UTF-16 units of s (valid UTF-8) into out. */
static size_t utf8_prefix(const char *s, size_t max_units, char *out) {
  size_t units = 0, i = 0;
  while (s[i]) {
    unsigned char b = (unsigned char)s[i];
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    size_t u = len == 4 ? 2 : 1;
    if (units + u > max_units) break;
    memcpy(out + i, s + i, len);
    i += len;
    units += u;
  }
  out[i] = '\0';
  return i;
}

/* A valid, unique sheet name from want: without []:*?/\ and control characters, not
 * starting or ending with an apostrophe, at most 31 characters, unique ignoring case
 * among used[0..nused) (a clash gets " (2)", " (3)" …).  fallback when nothing is left. */
static const char *sheet_name(jx_arena *a, const char *want, const char *fallback, const char **used, size_t nused) {
  size_t n = want ? strlen(want) : 0, bad;
  char *clean = jx_arena_alloc(a, n + 1);
  size_t o = 0;
  if (want && jx_utf8_valid(want, n, &bad))
    for (size_t i = 0; i < n; i++) {
      unsigned char ch = (unsigned char)want[i];
      if (ch < 0x20 || ch == 0x7F || strchr("[]:*?/\\", ch)) continue;
      clean[o++] = (char)ch;
    }
  clean[o] = '\0';
  char *s = clean;
  while (*s == '\'' || *s == ' ') s++;
  size_t len = strlen(s);
  while (len && (s[len - 1] == '\'' || s[len - 1] == ' ')) s[--len] = '\0';
  if (!*s) s = (char *)fallback;
  char base[LXW_SHEETNAME_MAX * 4 + 1], name[LXW_SHEETNAME_MAX * 4 + 16];
  utf8_prefix(s, LXW_SHEETNAME_MAX, base);
  snprintf(name, sizeof name, "%s", base);
  for (int k = 2;; k++) {
    bool clash = ascii_case_equal(name, "History"); /* reserved by Excel */
    for (size_t i = 0; i < nused && !clash; i++) clash = ascii_case_equal(name, used[i]);
    if (!clash) break;
    char suffix[16];
    int sl = snprintf(suffix, sizeof suffix, " (%d)", k);
    size_t bl = utf8_prefix(s, LXW_SHEETNAME_MAX - (size_t)sl, base);
    while (bl && base[bl - 1] == ' ') base[--bl] = '\0';
    snprintf(name, sizeof name, "%s%s", base, suffix);
  }
  return jx_arena_strdup(a, name);
}

const char *jx_xlsx_sheet_name(jx_arena *a, const char *want, const char *fallback, const char **used, size_t nused);
const char *jx_xlsx_sheet_name(jx_arena *a, const char *want, const char *fallback, const char **used, size_t nused) {
  return sheet_name(a, want, fallback, used, nused);
}

/* ---- writer state ------------------------------------------------------------------ */

typedef struct {
  bool header;
  jx_align align;
  const char *numfmt; /* NULL for text */
  lxw_format *f;
} fmt_entry;

typedef struct xctx {
  jx_arena *a;
  lxw_workbook *wb;
  lxw_error err;     /* the first error */
  const char *where; /* what was being written */
  JX_LIST(fmt_entry) fmts;
  size_t fmts_cap;
  lxw_format *caption, *note, *title, *label, *plain, *link;
} xctx;

static void chk(xctx *x, lxw_error e, const char *where) {
  if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR) {
    x->err = e;
    x->where = where;
  }
}

static lxw_format *cell_format(xctx *x, bool header, jx_align align, const char *numfmt) {
  for (size_t i = 0; i < x->fmts.n; i++) {
    fmt_entry *e = &x->fmts.items[i];
    if (e->header == header && e->align == align && (e->numfmt == numfmt || (e->numfmt && numfmt && strcmp(e->numfmt, numfmt) == 0)))
      return e->f;
  }
  lxw_format *f = workbook_add_format(x->wb);
  format_set_font_name(f, FONT_NAME);
  format_set_font_size(f, 11);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_align(f, align == JX_ALIGN_CENTER ? LXW_ALIGN_CENTER : align == JX_ALIGN_RIGHT ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
  if (numfmt) format_set_num_format(f, numfmt);
  if (header) {
    format_set_bold(f);
    format_set_bg_color(f, 0xD9E1F2);
  }
  fmt_entry *e = JX_VEC_PUSH(x->a, x->fmts, x->fmts_cap);
  *e = (fmt_entry){header, align, numfmt, f};
  return f;
}

static lxw_format *new_format(xctx *x, double size, bool bold, uint8_t align) {
  lxw_format *f = workbook_add_format(x->wb);
  format_set_font_name(f, FONT_NAME);
  format_set_font_size(f, size);
  if (bold) format_set_bold(f);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  return f;
}

static void base_formats(xctx *x) {
  x->caption = new_format(x, 14, true, LXW_ALIGN_CENTER);
  format_set_text_wrap(x->caption);
  x->note = new_format(x, 11, false, LXW_ALIGN_RIGHT);
  x->title = new_format(x, 16, true, LXW_ALIGN_LEFT);
  format_set_text_wrap(x->title);
  x->label = new_format(x, 11, true, LXW_ALIGN_LEFT);
  x->plain = new_format(x, 11, false, LXW_ALIGN_LEFT);
  format_set_text_wrap(x->plain);
  x->link = new_format(x, 11, false, LXW_ALIGN_LEFT);
  format_set_underline(x->link, LXW_UNDERLINE_SINGLE);
  format_set_text_wrap(x->link);
  format_set_font_color(x->link, LXW_COLOR_BLUE);
}

/* ---- a table sheet ----------------------------------------------------------------- */

#define GRID_ROW 2 /* caption in row 1, unit note in row 2, the grid from row 3 */

/* Display width of UTF-8 text in spreadsheet characters (CJK and other wide = 2). */
static size_t text_width(const char *s, size_t n) {
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    unsigned char b = (unsigned char)s[i];
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

/* Lines a text needs in a box `width` characters wide. */
static int text_lines(const char *s, double width) {
  if (!s || !*s) return 1;
  if (width < 2) width = 2;
  int lines = 0;
  for (const char *p = s;;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    double w = (double)text_width(p, len) * 1.05; /* an 11 pt CJK glyph is 2.1 widths of "0" */
    int l = (int)(w / width);
    if ((double)l * width < w || l == 0) l++;
    lines += l;
    if (!nl) break;
    p = nl + 1;
  }
  return lines;
}

static void write_table(xctx *x, lxw_worksheet *ws, const jx_rtable *t) {
  size_t rows = t->rows, cols = t->cols;
  if (!t->cells || cols == 0 || cols > LXW_COL_MAX || rows > (size_t)LXW_ROW_MAX - GRID_ROW - 1) cols = rows = 0;
  bool landscape = cols > 6;
  double total = landscape ? 140.0 : 100.0; /* A4 width in characters at 100% with 0.5" margins */

  /* column widths */
  double *w = jx_arena_alloc(x->a, (cols ? cols : 1) * sizeof *w);
  double sum = (double)jx_rtable_weight_sum(t);
  for (size_t c = 0; c < cols; c++) {
    w[c] = (double)jx_rtable_col_weight(t, c) / sum * total;
    if (w[c] < 4) w[c] = 4;
    if (w[c] > 100) w[c] = 100;
    chk(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL), "列宽");
  }

  /* caption and unit note */
  lxw_col_t last = (lxw_col_t)(cols ? cols - 1 : 0);
  const char *caption = clean_text(x->a, t->caption, true);
  if (last > 0) chk(x, worksheet_merge_range(ws, 0, 0, 0, last, caption, x->caption), "表题");
  else chk(x, worksheet_write_string(ws, 0, 0, caption, x->caption), "表题");
  chk(x, worksheet_set_row(ws, 0, 30, NULL), "行高");
  if (t->unit_note && *t->unit_note) {
    const char *note = clean_text(x->a, t->unit_note, true);
    if (last > 0) chk(x, worksheet_merge_range(ws, 1, 0, 1, last, note, x->note), "单位");
    else chk(x, worksheet_write_string(ws, 1, 0, note, x->note), "单位");
  }

  /* The spans, clipped so that none overlaps another (render/table.c): Excel
   * "repairs" overlapping merges away.  A slot inside an earlier span is skipped. */
  jx_rtable grid_of = *t;
  grid_of.rows = rows, grid_of.cols = cols; /* 0 × 0 when the grid does not fit a sheet */
  const jx_tgrid *g = jx_tgrid_new(x->a, &grid_of);

  /* Row heights from the text (wrapped text in merged cells is never auto-fitted):
   * single-row cells first, then spans add what they still lack to their rows. */
  double *height = jx_arena_alloc(x->a, (rows ? rows : 1) * sizeof *height);
  for (size_t r = 0; r < rows; r++) height[r] = LINE_PT;
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < g->ncells; i++) {
      const jx_tcell *tc = &g->cells[i];
      size_t r = tc->r, rs = tc->rs;
      if ((pass == 0) != (rs == 1)) continue;
      double width = -0.5; /* characters, less the cell's padding */
      for (size_t j = tc->c; j < tc->c + tc->cs; j++) width += w[j];
      double need = text_lines(tc->cell->text, width) * LINE_PT + 3;
      double have = 0;
      for (size_t k = r; k < r + rs; k++) have += height[k];
      if (need > have)
        for (size_t k = r; k < r + rs; k++) height[k] += (need - have) / (double)rs;
    }

  size_t hdr = g->header_rows;
  for (size_t r = 0, i = 0; r < rows; r++) {
    lxw_row_t R = (lxw_row_t)(r + GRID_ROW);
    if (height[r] > LINE_PT + 0.01) chk(x, worksheet_set_row(ws, R, height[r] > 409 ? 409 : height[r], NULL), "行高");
    for (; i < g->ncells && g->cells[i].r == r; i++) {
      size_t c = g->cells[i].c, rs = g->cells[i].rs, cs = g->cells[i].cs;
      const jx_rcell *cell = g->cells[i].cell;
      lxw_col_t C = (lxw_col_t)c;
      bool header = cell->header || r < hdr;
      bool number = cell->type != JX_CELL_TEXT && cell->has_value;
      jx_align align = header ? JX_ALIGN_CENTER : cell->align;
      if (number && !header && align == JX_ALIGN_LEFT) align = JX_ALIGN_RIGHT;
      lxw_format *f = cell_format(x, header, align, number ? number_format(cell) : NULL);
      const char *text = clean_text(x->a, cell->text, true);
      if (rs > 1 || cs > 1) chk(x, worksheet_merge_range(ws, R, C, (lxw_row_t)(R + rs - 1), (lxw_col_t)(C + cs - 1), "", f), "合并单元格");
      if (number) {
        double v = cell_number(cell);
        char a1[2048];
        if (cell->formula && jx_xlsx_r1c1_to_a1(cell->formula, (long)R, (long)C, GRID_ROW, 0, a1, sizeof a1))
          chk(x, worksheet_write_formula_num(ws, R, C, a1, f, v), "公式");
        else
          chk(x, worksheet_write_number(ws, R, C, v, f), "数值");
      } else if (*text) {
        chk(x, worksheet_write_string(ws, R, C, text, f), "文字"); /* text stays text, even "=…" */
      } else if (rs == 1 && cs == 1) {
        chk(x, worksheet_write_blank(ws, R, C, f), "空单元格"); /* keeps the borders */
      }
    }
  }

  /* printing */
  worksheet_set_paper(ws, 9); /* A4 */
  if (landscape) worksheet_set_landscape(ws);
  else worksheet_set_portrait(ws);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  chk(x, worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "页脚");
  size_t rep = g->header_block; /* printed atop every page: never half a merged cell */
  if (rep) {
    chk(x, worksheet_repeat_rows(ws, GRID_ROW, (lxw_row_t)(GRID_ROW + rep - 1)), "标题行");
    if (rep <= 4) worksheet_freeze_panes(ws, (lxw_row_t)(GRID_ROW + rep), 0);
  }
}

/* A table on a sheet of another workbook, drawn as the report's tables are (caption, unit,
 * merges, row heights, A4, print titles): the printable sheets of the declaration
 * template (render/decl_template.c).  One context per workbook, allocated in a; the
 * first error is returned with what was being written. */
typedef struct xctx jx_xlsx_tables;
jx_xlsx_tables *jx_xlsx_tables_new(lxw_workbook *wb, jx_arena *a);
lxw_error jx_xlsx_tables_write(jx_xlsx_tables *x, lxw_worksheet *ws, const jx_rtable *t, const char **where);


jx_xlsx_tables *jx_xlsx_tables_new(lxw_workbook *wb, jx_arena *a) {
  xctx *x = jx_arena_alloc(a, sizeof *x);
  x->a = a;
  x->wb = wb;
  base_formats(x);
  return x;
}

lxw_error jx_xlsx_tables_write(jx_xlsx_tables *x, lxw_worksheet *ws, const jx_rtable *t, const char **where) {
  write_table(x, ws, t);
  if (where) *where = x->where;
  return x->err;
}

/* ---- the workbook ------------------------------------------------------------------ */

/* The zip epoch, 1980-01-01 00:00 UTC: what libxlsxwriter 1.1.4 stamps on every zip
 * entry, and the creation date of a workbook whose date is missing or invalid — the
 * workbook's "no date", since libxlsxwriter always writes dcterms:created and reads 0
 * as "now". */
#define ZIP_EPOCH ((time_t)315532800)

/* The creation date of a workbook dated s: s (YYYY-MM-DD, jx_date_parse) at 00:00 UTC,
 * without the process's time zone, when it is a date from 1980 on; ZIP_EPOCH otherwise
 * (a bad date is never replaced by another date).  Shared with render/template.c. */
time_t jx_xlsx_date_utc(const char *s);
time_t jx_xlsx_date_utc(const char *s) {
  jx_date d;
  if (!jx_date_parse(s, &d) || d.year < 1980) return ZIP_EPOCH;
  return (time_t)jx_date_days(d) * 86400;
}

jx_status jx_render_xlsx(const jx_report *r, const char *path, const char **err) {
  if (err) *err = NULL;
  if (!r || !path) {
    if (err) *err = "没有报告或输出路径";
    return JX_ERR_INVALID;
  }
  /* libxlsxwriter only finds out at the end, and prints to stderr: ask first */
  FILE *probe = fopen(path, "ab");
  if (!probe) {
    if (err) *err = jx_arena_printf(r->arena, "无法写入 XLSX 文件 %s：%s", path, strerror(errno));
    return JX_ERR_IO;
  }
  fclose(probe);
  xctx x = {0};
  x.a = r->arena;
  x.wb = workbook_new(path);
  if (!x.wb) {
    if (err) *err = jx_arena_printf(x.a, "无法创建 XLSX 文件 %s", path);
    return JX_ERR_IO;
  }

  lxw_doc_properties props = {0};
  props.title = (char *)clean_text(x.a, r->title, false);
  props.author = (char *)clean_text(x.a, r->unit, false);
  props.created = jx_xlsx_date_utc(r->date);
  chk(&x, workbook_set_properties(x.wb, &props), "文档属性");

  base_formats(&x);

  /* sheet names first: 说明 lists them */
  size_t ntables = 0;
  for (size_t i = 0; i < r->blocks.n; i++)
    if (r->blocks.items[i].kind == JX_RB_TABLE && r->blocks.items[i].table) ntables++;
  const char **names = jx_arena_alloc(x.a, (ntables + 1) * sizeof(const char *)); // NOLINT(bugprone-sizeof-expression)
  const jx_rtable **tables = jx_arena_alloc(x.a, (ntables + 1) * sizeof *tables); // NOLINT(bugprone-sizeof-expression)
  names[0] = "说明";
  size_t k = 0;
  for (size_t i = 0; i < r->blocks.n; i++) {
    const jx_rblock *b = &r->blocks.items[i];
    if (b->kind != JX_RB_TABLE || !b->table) continue;
    const jx_rtable *t = b->table;
    const char *want = t->sheet && *t->sheet ? t->sheet : t->caption;
    tables[k] = t;
    names[k + 1] = sheet_name(x.a, want, jx_arena_printf(x.a, "表%zu", k + 1), names, k + 1);
    k++;
  }

  /* 说明 */
  lxw_worksheet *info = workbook_add_worksheet(x.wb, names[0]);
  if (!info) chk(&x, LXW_ERROR_PARAMETER_VALIDATION, "工作表");
  else {
    worksheet_set_column(info, 0, 0, 36, NULL); /* a sheet name: up to 31 characters */
    worksheet_set_column(info, 1, 1, 60, NULL);
    worksheet_set_paper(info, 9);
    worksheet_fit_to_pages(info, 1, 0);
    const char *title = clean_text(x.a, r->title, true);
    chk(&x, worksheet_merge_range(info, 0, 0, 0, 1, title, x.title), "说明");
    chk(&x, worksheet_set_row(info, 0, text_lines(title, 94) * 22.0 + 6, NULL), "行高");
    lxw_row_t row = 2;
    char year[16];
    snprintf(year, sizeof year, "%d", r->year);
    const char *facts[][2] = {{"单位", r->unit}, {"年度", r->year > 0 ? year : NULL}, {"日期", jx_date_parse(r->date, NULL) ? r->date : NULL}};
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
      if (!facts[i][1] || !*facts[i][1]) continue;
      chk(&x, worksheet_write_string(info, row, 0, facts[i][0], x.label), "说明");
      chk(&x, worksheet_write_string(info, row, 1, clean_text(x.a, facts[i][1], true), x.plain), "说明");
      row++;
    }
    row++;
    chk(&x, worksheet_write_string(info, row, 0, "工作表", x.label), "说明");
    chk(&x, worksheet_write_string(info, row, 1, "内容", x.label), "说明");
    row++;
    for (size_t i = 0; i < ntables; i++, row++) {
      /* internal link: 'name'!A1 with ' doubled */
      size_t n = strlen(names[i + 1]);
      char *url = jx_arena_alloc(x.a, 2 * n + 32), *o = url;
      memcpy(o, "internal:'", 10); // NOLINT(bugprone-not-null-terminated-result): terminated below
      o += 10;
      for (const char *s = names[i + 1]; *s; s++) {
        if (*s == '\'') *o++ = '\'';
        *o++ = *s;
      }
      memcpy(o, "'!A1", 5);
      chk(&x, worksheet_write_url_opt(info, row, 0, url, x.link, names[i + 1], NULL), "说明");
      const char *caption = clean_text(x.a, tables[i]->caption, true);
      chk(&x, worksheet_write_string(info, row, 1, caption, x.plain), "说明");
      int lines = text_lines(names[i + 1], 35.5), lc = text_lines(caption, 59.5);
      if (lc > lines) lines = lc;
      if (lines > 1) chk(&x, worksheet_set_row(info, row, lines * LINE_PT + 3, NULL), "行高");
    }
    row++;
    chk(&x, worksheet_merge_range(info, row, 0, row, 1,
                                  r->xlsx_note ? clean_text(x.a, r->xlsx_note, true)
                                               : "金额单位为万元。执行率、得分与合计等单元格是公式，保存了计算结果；改动数字后表格自动重算。",
                                  x.plain), "说明");
    chk(&x, worksheet_set_row(info, row, 2 * LINE_PT + 4, NULL), "行高");
  }

  for (size_t i = 0; i < ntables; i++) {
    lxw_worksheet *ws = workbook_add_worksheet(x.wb, names[i + 1]);
    if (!ws) {
      chk(&x, LXW_ERROR_PARAMETER_VALIDATION, "工作表");
      break;
    }
    write_table(&x, ws, tables[i]);
  }

  lxw_error e = workbook_close(x.wb); /* writes the file and frees the workbook */
  if (x.err == LXW_NO_ERROR && e != LXW_NO_ERROR) x.err = e, x.where = "保存";
  if (x.err != LXW_NO_ERROR) {
    if (err) *err = jx_arena_printf(x.a, "写 XLSX 文件 %s 失败（%s）：%s", path, x.where, lxw_strerror(x.err));
    return JX_ERR_IO;
  }
  return JX_OK;
}
