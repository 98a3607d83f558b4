/* table.c — query results as a table of text cells, written as an aligned terminal table, CSV or JSON. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/csv.h"
#include "util/escape.h"
#include "util/text.h"

jx_table *jx_table_new(size_t ncols, const char *const *cols) {
  jx_arena *a = jx_arena_new();
  jx_table *t = jx_arena_alloc(a, sizeof *t);
  t->arena = a;
  t->ncols = ncols;
  t->headers = jx_arena_alloc(a, ncols * sizeof *t->headers);
  t->keys = jx_arena_alloc(a, ncols * sizeof *t->keys);
  t->numeric = jx_arena_alloc(a, ncols * sizeof *t->numeric);
  for (size_t i = 0; i < ncols; i++) {
    const char *c = jx_arena_strdup(a, cols[i]); /* the caller's strings may not outlive the table */
    if (*c == '#') {
      t->numeric[i] = true;
      c++;
    }
    const char *colon = strchr(c, ':');
    t->keys[i] = colon ? jx_arena_strndup(a, c, (size_t)(colon - c)) : c;
    t->headers[i] = colon ? colon + 1 : c;
  }
  return t;
}

size_t jx_table_add_row(jx_table *t) {
  if (t->nrows == t->cap) { /* malloc'd, not in the arena: a large table grows in place (mremap), no copy */
    size_t ncap = t->cap ? t->cap * 2 : 32;
    t->cells = jx_xrealloc(t->cells, ncap * t->ncols * sizeof *t->cells);
    t->cap = ncap;
  }
  memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
  return t->nrows++;
}

void jx_table_set(jx_table *t, size_t row, size_t col, const char *text) {
  t->cells[row * t->ncols + col] = text && *text ? jx_arena_strdup(t->arena, text) : NULL;
}

void jx_table_set_static(jx_table *t, size_t row, size_t col, const char *text) {
  t->cells[row * t->ncols + col] = text && *text ? text : NULL;
}

void jx_table_setf(jx_table *t, size_t row, size_t col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  t->cells[row * t->ncols + col] = jx_arena_vprintf(t->arena, fmt, ap);
  va_end(ap);
}

void jx_table_footer(jx_table *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  t->footer = jx_arena_vprintf(t->arena, fmt, ap);
  va_end(ap);
}

size_t jx_table_rows(const jx_table *t) { return t->nrows; }
size_t jx_table_cols(const jx_table *t) { return t->ncols; }
const char *jx_table_cell(const jx_table *t, size_t row, size_t col) {
  return row < t->nrows && col < t->ncols ? t->cells[row * t->ncols + col] : NULL;
}
const char *jx_table_header(const jx_table *t, size_t col) { return col < t->ncols ? t->headers[col] : NULL; }

void jx_table_free(jx_table *t) {
  if (!t) return;
  free(t->cells);
  jx_arena_free(t->arena);
}

/* ---- writers ------------------------------------------------------------------------------ */

/* The text of the table is built in a buffer and written in pieces of 64 KB (a province's
 * ranking is 2.5 MB: 40 writes, not one per line). */
enum { OUT_CHUNK = 64 * 1024 };

typedef struct {
  char *p;
  size_t n, cap;
  size_t line; /* where the current line starts */
} line_buf;

static void put(line_buf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    while (b->n + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : (size_t)OUT_CHUNK * 2;
    b->p = jx_xrealloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void pad(line_buf *b, size_t n) {
  static const char spaces[] = "                                                                ";
  while (n > 0) {
    size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
    put(b, spaces, k);
    n -= k;
  }
}

/* End a line (never with spaces); hand a full chunk to out. */
static void end_line(line_buf *b, FILE *out) {
  while (b->n > b->line && b->p[b->n - 1] == ' ') b->n--;
  put(b, "\n", 1);
  if (b->n >= OUT_CHUNK) {
    fwrite(b->p, 1, b->n, out);
    b->n = 0;
  }
  b->line = b->n;
}

/* A cell on one terminal line: a newline, return or tab (in a comment) becomes a space,
 * any other control character (an escape sequence in a hostile name) a visible \xHH. */
static const char *one_line(jx_arena *a, const char *s) {
  char *c = jx_arena_strdup(a, s);
  for (char *p = c; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
  return jx_text_visible(a, c);
}

/* Is c as wide as utf8proc says without asking it (two columns, East Asian Wide): the CJK
 * ideographs of the original block (every Chinese name), CJK punctuation 、。《》「」【】
 * and the fullwidth forms （），：％.  tests/unit/test_store.c checks every one against
 * utf8proc. */
static bool wide_fast(unsigned c) {
  return (c >= 0x4e00 && c <= 0x9fa5) || (c >= 0x3000 && c <= 0x3029) || (c >= 0xff01 && c <= 0xff60) ||
         (c >= 0xffe0 && c <= 0xffe6);
}

/* Terminal columns of s and its length in bytes: ASCII one column a byte, wide_fast() two;
 * anything else, the whole string by utf8proc's widths (jx_text_width).  *ctl: s holds a
 * control character (C0, DEL or C1), to be printed by one_line. */
static size_t cell_width(const char *s, size_t *len, bool *ctl) {
  size_t n = 0;
  bool slow = false;
  *ctl = false;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    if (*p < 0x80) {
      if (*p < 0x20 || *p == 0x7f) *ctl = true;
      p++;
      n++;
      continue;
    }
    if ((*p & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
        wide_fast((unsigned)(*p & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 | (unsigned)(p[2] & 0x3f))) {
      p += 3;
      n += 2;
      continue;
    }
    if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0) *ctl = true;
    slow = true;
    p++;
  }
  *len = (size_t)(p - (const unsigned char *)s);
  return slow ? jx_text_width(s) : n;
}

static void write_text(const jx_table *t, FILE *out) {
  jx_arena *a = jx_arena_new();
  size_t *w = jx_arena_alloc(a, t->ncols * sizeof *w);
  size_t ncells = t->nrows * t->ncols;
  typedef struct {
    uint32_t width, len;
    const char *s;
  } measured;
  measured *m = jx_xmalloc((ncells + 1) * sizeof *m); /* each cell measured once */
  for (size_t c = 0; c < t->ncols; c++) {
    size_t len;
    bool ctl;
    w[c] = cell_width(t->headers[c], &len, &ctl);
    if (ctl) w[c] = cell_width(one_line(a, t->headers[c]), &len, &ctl);
  }
  for (size_t i = 0; i < ncells; i++) {
    const char *s = t->cells[i] ? t->cells[i] : "";
    size_t len;
    bool ctl;
    size_t cw = cell_width(s, &len, &ctl);
    if (ctl) {
      s = one_line(a, s);
      cw = cell_width(s, &len, &ctl);
    }
    m[i] = (measured){(uint32_t)cw, (uint32_t)len, s};
    if (cw > w[i % t->ncols]) w[i % t->ncols] = cw;
  }
  line_buf b = {0};
  for (size_t r = 0; r <= t->nrows; r++) {
    for (size_t c = 0; c < t->ncols; c++) {
      size_t sw, len;
      const char *s;
      if (r == 0) {
        bool ctl;
        s = t->headers[c];
        sw = cell_width(s, &len, &ctl);
        if (ctl) {
          s = one_line(a, s);
          sw = cell_width(s, &len, &ctl);
        }
      } else {
        const measured *x = &m[(r - 1) * t->ncols + c];
        s = x->s;
        sw = x->width;
        len = x->len;
      }
      if (t->numeric[c] && r > 0) pad(&b, w[c] - sw);
      put(&b, s, len);
      if (!(t->numeric[c] && r > 0)) pad(&b, w[c] - sw);
      if (c + 1 < t->ncols) put(&b, "  ", 2);
    }
    end_line(&b, out);
    if (r == 0) {
      for (size_t c = 0; c < t->ncols; c++) {
        for (size_t k = 0; k < w[c]; k++) put(&b, "-", 1);
        if (c + 1 < t->ncols) put(&b, "  ", 2);
      }
      end_line(&b, out);
    }
  }
  if (t->footer) {
    const char *f = jx_text_visible(a, t->footer);
    put(&b, f, strlen(f));
    put(&b, "\n", 1);
  }
  fwrite(b.p, 1, b.n, out);
  free(b.p);
  free(m);
  jx_arena_free(a);
}

static void write_csv(const jx_table *t, FILE *out) {
  for (size_t c = 0; c < t->ncols; c++) jx_csv_cell(out, t->keys[c], c == 0);
  jx_csv_end(out);
  for (size_t r = 0; r < t->nrows; r++) {
    for (size_t c = 0; c < t->ncols; c++) {
      const char *s = t->cells[r * t->ncols + c];
      if (t->numeric[c]) jx_csv_number(out, s, c == 0);
      else jx_csv_cell(out, s, c == 0);
    }
    jx_csv_end(out);
  }
}

/* JSON as jansson's JSON_INDENT(2) | JSON_PRESERVE_ORDER writes it (the documented form),
 * written as it goes: a province's 25,000 rows built as a tree first cost ten times the
 * query.  Strings: '"', '\\' and control characters escaped, UTF-8 as it is. */
static const jx_escape_map json_text = {
    .replace = {['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n", ['\r'] = "\\r",
                ['\t'] = "\\t", [0x01] = "\\u0001", [0x02] = "\\u0002", [0x03] = "\\u0003", [0x04] = "\\u0004",
                [0x05] = "\\u0005", [0x06] = "\\u0006", [0x07] = "\\u0007", [0x0b] = "\\u000B", [0x0e] = "\\u000E",
                [0x0f] = "\\u000F", [0x10] = "\\u0010", [0x11] = "\\u0011", [0x12] = "\\u0012", [0x13] = "\\u0013",
                [0x14] = "\\u0014", [0x15] = "\\u0015", [0x16] = "\\u0016", [0x17] = "\\u0017", [0x18] = "\\u0018",
                [0x19] = "\\u0019", [0x1a] = "\\u001A", [0x1b] = "\\u001B", [0x1c] = "\\u001C", [0x1d] = "\\u001D",
                [0x1e] = "\\u001E", [0x1f] = "\\u001F"}};

static void json_str(FILE *out, const char *s) {
  fputc('"', out);
  jx_fput_escaped(out, s, &json_text);
  fputc('"', out);
}

static jx_status write_json(const jx_table *t, FILE *out) {
  if (!t->nrows) {
    fputs("[]\n", out);
    return ferror(out) ? JX_ERR_IO : JX_OK;
  }
  fputs("[\n", out);
  for (size_t r = 0; r < t->nrows; r++) {
    fputs(t->ncols ? "  {\n" : "  {", out);
    for (size_t c = 0; c < t->ncols; c++) {
      const char *s = t->cells[r * t->ncols + c];
      fputs("    ", out);
      json_str(out, t->keys[c]);
      fputs(": ", out);
      if (s) json_str(out, s);
      else fputs("null", out);
      fputs(c + 1 < t->ncols ? ",\n" : "\n  ", out);
    }
    fputs(r + 1 < t->nrows ? "},\n" : "}\n", out);
  }
  fputs("]\n", out);
  return ferror(out) ? JX_ERR_IO : JX_OK;
}

jx_status jx_table_write(const jx_table *t, jx_table_format f, FILE *out) {
  jx_status st = JX_OK;
  switch (f) {
  case JX_TABLE_CSV: write_csv(t, out); break;
  case JX_TABLE_JSON: st = write_json(t, out); break;
  default: write_text(t, out); break;
  }
  if (ferror(out) || fflush(out) != 0) return JX_ERR_IO;
  return st;
}
