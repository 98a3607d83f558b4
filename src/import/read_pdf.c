/* read_pdf.c — a PDF's words by position (pdftotext -bbox-layout) rebuilt into lines and
 * table cells, as the importer's table text (docread.h).  A table drawn with rules is read
 * by its cells: pdftocairo -svg gives the drawn lines ($JIXIAO_PDFTOCAIRO names another
 * program), rules that touch make a grid, each word goes to the cell holding its middle,
 * a missing rule is a merged cell and a cell's wrapped lines are one text; a table going
 * on at the next page's top is one table.  Tables without rules (and every table when
 * pdftocairo is missing or fails) are found by the words' geometry alone. */
#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/docread.h"
#include "import/tabletext.h"
#include "import/pdf_layout.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/spawn.h"

#define MAX_DEPTH 64
#define MAX_WORD_BYTES 4096

/* ---- the words, as pdftotext gives them ---------------------------------------------- */

typedef struct {
  double x0, y0, x1, y1;
} box;

typedef struct {
  box b;
  const char *text;
  uint32_t line, block; /* pdftotext's line and block, numbered through the document */
} word;

typedef struct {
  double w, h;
  word *words;
  size_t n, cap;
} page;

typedef struct {
  XML_Parser parser;
  jx_arena *a;
  page *pages;
  size_t n_pages, cap_pages, n_words;
  uint32_t line_no, block_no;
  int depth;
  bool in_word;
  box wb;
  char wtext[MAX_WORD_BYTES];
  size_t wlen;
  const char *problem; /* set when the parse was stopped */
} parse_state;

static double attr_num(const XML_Char **atts, const char *name, bool *ok) {
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp(atts[i], name) == 0) {
      char *end = NULL;
      double v = strtod(atts[i + 1], &end);
      if (end == atts[i + 1] || !(v > -1e6 && v < 1e6)) break; /* NaN fails both */
      return v;
    }
  *ok = false;
  return 0;
}

static void stop(parse_state *s, const char *why) {
  if (!s->problem) s->problem = why;
  XML_StopParser(s->parser, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  parse_state *s = ud;
  if (++s->depth > MAX_DEPTH) {
    stop(s, "depth");
    return;
  }
  if (strcmp(name, "page") == 0) {
    if (s->n_pages >= JX_DOCREAD_MAX_PAGES) {
      stop(s, "pages");
      return;
    }
    if (s->n_pages == s->cap_pages) {
      s->cap_pages = s->cap_pages ? s->cap_pages * 2 : 16;
      s->pages = jx_xrealloc(s->pages, s->cap_pages * sizeof *s->pages);
    }
    bool ok = true;
    page *p = &s->pages[s->n_pages++];
    memset(p, 0, sizeof *p);
    p->w = attr_num(atts, "width", &ok);
    p->h = attr_num(atts, "height", &ok);
    if (!ok || p->h <= 0) p->h = 842;
  } else if (strcmp(name, "block") == 0) {
    s->block_no++;
  } else if (strcmp(name, "line") == 0) {
    s->line_no++;
  } else if (strcmp(name, "word") == 0 && s->n_pages) {
    bool ok = true;
    box b = {attr_num(atts, "xMin", &ok), attr_num(atts, "yMin", &ok), attr_num(atts, "xMax", &ok),
             attr_num(atts, "yMax", &ok)};
    if (!ok) return;
    if (b.x1 < b.x0) {
      double t = b.x0;
      b.x0 = b.x1;
      b.x1 = t;
    }
    if (b.y1 < b.y0) {
      double t = b.y0;
      b.y0 = b.y1;
      b.y1 = t;
    }
    if (b.y1 - b.y0 < 0.5) b.y1 = b.y0 + 0.5;
    s->in_word = true;
    s->wb = b;
    s->wlen = 0;
  }
}

static void XMLCALL on_end(void *ud, const XML_Char *name) {
  parse_state *s = ud;
  s->depth--;
  if (!s->in_word || strcmp(name, "word") != 0) return;
  s->in_word = false;
  /* the word without spaces and control characters at its ends */
  size_t i = 0, n = s->wlen;
  while (i < n && (unsigned char)s->wtext[i] <= ' ') i++;
  while (n > i && (unsigned char)s->wtext[n - 1] <= ' ') n--;
  if (i == n) return;
  if (++s->n_words > JX_PDF_MAX_WORDS) {
    stop(s, "words");
    return;
  }
  page *p = &s->pages[s->n_pages - 1];
  if (p->n == p->cap) {
    p->cap = p->cap ? p->cap * 2 : 256;
    p->words = jx_xrealloc(p->words, p->cap * sizeof *p->words);
  }
  char *t = jx_arena_strndup(s->a, s->wtext + i, n - i);
  for (char *c = t; *c; c++)
    if ((unsigned char)*c < ' ') *c = ' ';
  p->words[p->n++] = (word){s->wb, t, s->line_no, s->block_no};
}

static void XMLCALL on_text(void *ud, const XML_Char *txt, int len) {
  parse_state *s = ud;
  if (!s->in_word || len <= 0) return;
  size_t room = MAX_WORD_BYTES - 1 - s->wlen, k = (size_t)len < room ? (size_t)len : room;
  memcpy(s->wtext + s->wlen, txt, k);
  s->wlen += k;
}

/* An internal DTD subset could declare entities that expand without bound: refused. */
static void XMLCALL on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *value, int vlen,
                              const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *nota) {
  (void)name, (void)pe, (void)value, (void)vlen, (void)base, (void)sys, (void)pub, (void)nota;
  stop(ud, "entity");
}

/* ---- text helpers ------------------------------------------------------------------- */

static uint32_t decode_at(const unsigned char *p, size_t n) {
  if (!n) return 0;
  if (p[0] < 0x80) return p[0];
  if ((p[0] & 0xE0) == 0xC0 && n >= 2) return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
  if ((p[0] & 0xF0) == 0xE0 && n >= 3) return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
  if ((p[0] & 0xF8) == 0xF0 && n >= 4)
    return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
  return 0xFFFD;
}

static uint32_t last_char(const char *s, size_t n) {
  if (!n) return 0;
  size_t i = n - 1;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
  return decode_at((const unsigned char *)s + i, n - i);
}

/* Chinese, Japanese, full-width forms and their punctuation: written without spaces. */
static bool wide(uint32_t c) { return c >= 0x2E80 && !(c >= 0xFF61 && c <= 0xFFDC); }

/* Append t to b (from start) with one space between them, as pdftotext's plain text has
 * it: none between two wide (CJK) characters; across a line break (a wrapped line) none
 * either when one side is wide; none when b is empty or already ends in a space. */
static void join_as(jx_buf *b, size_t start, const char *t, bool same_line) {
  if (!*t) return;
  if (b->n > start) {
    uint32_t l = last_char(b->p + start, b->n - start);
    uint32_t f = decode_at((const unsigned char *)t, strlen(t));
    bool space = same_line ? !(wide(l) && wide(f)) : !wide(l) && !wide(f);
    /* a number and its per cent sign ("96 %"), a number wrapped inside ("1,350." "50") */
    bool digit_l = l >= '0' && l <= '9';
    /* nor, on one line, between Chinese and a number ("收入 4.22 万元": LibreOffice's
     * spacing of the two scripts, not a space in the text) */
    bool digit_f = f >= '0' && f <= '9';
    if (same_line && ((wide(l) && digit_f) || (digit_l && wide(f)))) space = false;
    if ((digit_l && f == '%') || (!same_line && (digit_l || l == '.' || l == ',') && f >= '0' && f <= '9')) space = false;
    if (l != ' ' && space) jx_buf_ch(b, ' ');
  }
  jx_buf_puts(b, t);
}

static void join(jx_buf *b, size_t start, const char *t) { join_as(b, start, t, false); }
static void join_line(jx_buf *b, size_t start, const char *t) { join_as(b, start, t, true); }

/* ---- pieces and visual lines ---------------------------------------------------------- */

/* A run of words on one text line with no column gap inside. */
typedef struct {
  box b;
  const char *text;
  uint32_t block;
  int col0, col1; /* columns, once inside a table */
  size_t vline;
  size_t w0, nw; /* its words: the page's words[w0 .. w0+nw) */
} piece;

typedef struct {
  box b;
  size_t first, n; /* pieces[first .. first+n) in x order */
  bool drop;       /* a page header or footer */
  int grid;        /* the ruled table it is in, else -1 */
} vline;

static double height(box b) { return b.y1 - b.y0; }
static double ymid(box b) { return (b.y0 + b.y1) / 2; }
static double dmin(double a, double b) { return a < b ? a : b; }
static double dmax(double a, double b) { return a > b ? a : b; }
static box unite(box a, box b) { return (box){dmin(a.x0, b.x0), dmin(a.y0, b.y0), dmax(a.x1, b.x1), dmax(a.y1, b.y1)}; }

static int by_ymid(const void *a, const void *b) {
  const piece *p = a, *q = b;
  double d = ymid(p->b) - ymid(q->b);
  if (d < 0) return -1;
  if (d > 0) return 1;
  return (p->b.x0 > q->b.x0) - (p->b.x0 < q->b.x0);
}

static int by_x(const void *a, const void *b) {
  const piece *p = a, *q = b;
  return (p->b.x0 > q->b.x0) - (p->b.x0 < q->b.x0);
}

struct grid;

typedef struct {
  piece *pieces;
  size_t n_pieces;
  vline *lines;
  size_t n_lines;
  double w, h;
  const page *src;     /* its words */
  struct grid *grids; /* its ruled tables */
  size_t n_grids;
} page_lines;

/* The words of page p into pieces (split where a gap exceeds 0.6 of the line's height)
 * and pieces into visual lines (by the middles of their boxes). */
static void build_lines(jx_arena *a, const page *p, page_lines *pl) {
  memset(pl, 0, sizeof *pl);
  pl->w = p->w;
  pl->h = p->h;
  pl->src = p;
  if (!p->n) return;
  pl->pieces = jx_arena_alloc(a, p->n * sizeof *pl->pieces);
  jx_buf t = {0};
  size_t i = 0;
  while (i < p->n) {
    size_t j = i + 1;
    box b = p->words[i].b;
    while (j < p->n && p->words[j].line == p->words[i].line) {
      const word *prev = &p->words[j - 1], *w = &p->words[j];
      double h = dmax(height(prev->b), height(w->b));
      /* a word space is about a quarter of the height; between Chinese characters or
       * between numbers there is none in running text */
      uint32_t l = last_char(prev->text, strlen(prev->text)), f = decode_at((const unsigned char *)w->text, strlen(w->text));
      double limit = wide(l) && wide(f) ? 0.15 : wide(l) || wide(f) || (l >= '0' && l <= '9') ? 0.3 : 0.6;
      if (w->b.x0 - prev->b.x1 > limit * h || w->b.x0 < prev->b.x0) break;
      b = unite(b, w->b);
      j++;
    }
    t.n = 0;
    for (size_t k = i; k < j; k++) join_line(&t, 0, p->words[k].text);
    pl->pieces[pl->n_pieces++] = (piece){b, jx_arena_strndup(a, t.p, t.n), p->words[i].block, 0, 0, 0, i, j - i};
    i = j;
  }
  free(t.p);
  qsort(pl->pieces, pl->n_pieces, sizeof *pl->pieces, by_ymid);
  vline *lines = jx_arena_alloc(a, pl->n_pieces * sizeof *lines);
  size_t nl = 0;
  for (size_t k = 0; k < pl->n_pieces; k++) {
    piece *pc = &pl->pieces[k];
    vline *cur = nl ? &lines[nl - 1] : NULL;
    /* on the line when its middle is inside the line's box and a third of it overlaps
     * (so a cell centred beside a wrapped one joins both of its lines) */
    if (cur && (ymid(pc->b) - ymid(cur->b) <= 0.4 * dmin(height(pc->b), height(cur->b)) ||
                (ymid(pc->b) < cur->b.y1 && cur->b.y1 - pc->b.y0 >= 0.3 * height(pc->b)))) {
      cur->b = unite(cur->b, pc->b);
      cur->n++;
    } else {
      lines[nl++] = (vline){pc->b, k, 1, false, -1};
    }
  }
  pl->lines = lines;
  pl->n_lines = nl;
  for (size_t l = 0; l < pl->n_lines; l++) {
    vline *v = &pl->lines[l];
    qsort(pl->pieces + v->first, v->n, sizeof *pl->pieces, by_x);
    for (size_t k = v->first; k < v->first + v->n; k++) pl->pieces[k].vline = l;
  }
}

/* The line's text: its pieces joined. */
static void line_text(const page_lines *pl, const vline *v, jx_buf *b) {
  size_t start = b->n;
  for (size_t k = v->first; k < v->first + v->n; k++) join_line(b, start, pl->pieces[k].text);
}

/* ---- page headers and footers ------------------------------------------------------------ */

static bool digit_at(const char *s) { return *s >= '0' && *s <= '9'; }

/* A page number as printed alone: "3", "- 3 -", "— 3 —", "第 3 页", "第3页 共10页", "3/10",
 * "Page 3", "-3-". */
static bool page_number(const char *s) {
  bool digits = false;
  while (*s) {
    if (digit_at(s)) {
      digits = true;
      s++;
    } else if (*s == ' ' || *s == '-' || *s == '/' || *s == '.') {
      s++;
    } else if (!strncmp(s, "第", 3) || !strncmp(s, "页", 3) || !strncmp(s, "共", 3) || !strncmp(s, "—", 3) ||
               !strncmp(s, "－", 3) || !strncmp(s, "／", 3)) {
      s += 3;
    } else if (!strncmp(s, "Page", 4) || !strncmp(s, "page", 4) || !strncmp(s, "of", 2)) {
      s += s[0] == 'o' ? 2 : 4;
    } else {
      return false;
    }
  }
  return digits;
}

/* The text with digits folded, for "the same line on every page". */
static char *fold_digits(jx_arena *a, const char *s) {
  char *t = jx_arena_strdup(a, s);
  for (char *c = t; *c; c++)
    if (digit_at(c)) *c = '#';
  return t;
}

/* Drop page numbers in the top or bottom eighth of a page, and a short line (under 60%
 * of the page's width) repeated at the same height in that band on at least half of the
 * pages (two at least). */
static void mark_margins(jx_arena *a, page_lines *pages, size_t n_pages) {
  jx_buf b = {0};
  typedef struct {
    const char *key;
    double y;
    size_t page, line;
  } cand;
  cand *c = NULL;
  size_t nc = 0, capc = 0;
  for (size_t p = 0; p < n_pages; p++) {
    page_lines *pl = &pages[p];
    for (size_t l = 0; l < pl->n_lines; l++) {
      vline *v = &pl->lines[l];
      bool top = v->b.y1 < pl->h / 8, bottom = v->b.y0 > pl->h * 7 / 8;
      if (!top && !bottom) continue;
      /* only the outermost lines: nothing else between them and the page's edge */
      if (top && l > 1) continue;
      if (bottom && l + 2 < pl->n_lines) continue;
      b.n = 0;
      line_text(pl, v, &b);
      if (!b.p) continue;
      /* a page number: the page's first or last line, centred or beyond the text's
       * edges, or decorated ("- 3 -", "第 3 页"); a bare number elsewhere is a cell */
      bool outer = l == 0 || l + 1 == pl->n_lines;
      double mid = (v->b.x0 + v->b.x1) / 2 - pl->w / 2;
      bool bare = true;
      for (const char *ch = b.p; *ch && bare; ch++) bare = digit_at(ch);
      if (outer && page_number(b.p) && (!bare || (mid > -0.1 * pl->w && mid < 0.1 * pl->w))) {
        v->drop = true;
        continue;
      }
      if (nc == capc) {
        capc = capc ? capc * 2 : 64;
        c = jx_xrealloc(c, capc * sizeof *c);
      }
      if (v->b.x1 - v->b.x0 < 0.6 * pl->w) c[nc++] = (cand){fold_digits(a, b.p), v->b.y0, p, l};
    }
  }
  if (n_pages >= 2) {
    for (size_t i = 0; i < nc; i++) {
      size_t same = 0;
      for (size_t j = 0; j < nc && same * 2 < n_pages; j++)
        if (c[j].page != c[i].page && strcmp(c[i].key, c[j].key) == 0 && c[j].y - c[i].y < 3 && c[i].y - c[j].y < 3) same++;
      if (same + 1 >= 2 && (same + 1) * 2 >= n_pages) pages[c[i].page].lines[c[i].line].drop = true;
    }
  }
  free(c);
  free(b.p);
}

/* ---- the rules, as pdftocairo -svg draws them ------------------------------------------ */

/* A ruled line: horizontal (y0 == y1 after snapping) or vertical, in page coordinates
 * (points, y down, as pdftotext's boxes). */
typedef struct {
  double x0, y0, x1, y1;
  bool horiz;
} rule;

typedef struct {
  rule *r;
  size_t n, cap;
} page_rules;

typedef struct {
  double a, b, c, d, e, f;
} matrix;

#define MAX_RULES 200000u /* of one document; more are ignored */

typedef struct {
  XML_Parser parser;
  page_rules *pages;
  size_t n_pages, cap_pages, n_rules;
  bool seen_page; /* a <page> element: the pages are numbered by them */
  int depth, skip;  /* skip: the depth of a <defs>, <clipPath>, … being skipped, else 0 */
  matrix m[MAX_DEPTH + 2];
  const char *problem;
} svg_state;

static matrix mul(matrix p, matrix q) { /* q applied first, then p */
  return (matrix){p.a * q.a + p.c * q.b, p.b * q.a + p.d * q.b, p.a * q.c + p.c * q.d,
                  p.b * q.c + p.d * q.d, p.a * q.e + p.c * q.f + p.e, p.b * q.e + p.d * q.f + p.f};
}

static double dabs(double x) { return x < 0 ? -x : x; }

static void XMLCALL on_entity_svg(void *ud, const XML_Char *name, int pe, const XML_Char *value, int vlen,
                                  const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *nota) {
  (void)name, (void)pe, (void)value, (void)vlen, (void)base, (void)sys, (void)pub, (void)nota;
  svg_state *s = ud;
  s->problem = "entity";
  XML_StopParser(s->parser, XML_FALSE);
}

static const char *attr(const XML_Char **atts, const char *name) {
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp(atts[i], name) == 0) return atts[i + 1];
  return NULL;
}

/* The numbers after s's '(' up to ')': at most 6 into v; returns how many. */
static int numbers_in(const char *s, double *v) {
  const char *p = strchr(s, '(');
  if (!p) return 0;
  p++;
  int n = 0;
  while (n < 6) {
    while (*p == ' ' || *p == ',') p++;
    char *end = NULL;
    double x = strtod(p, &end);
    if (end == p || !(x > -1e6 && x < 1e6)) break;
    v[n++] = x;
    p = end;
  }
  return n;
}

/* An SVG transform list (matrix, translate, scale; pdftocairo writes matrix). */
static matrix parse_transform(const char *t, bool *ok) {
  matrix m = {1, 0, 0, 1, 0, 0};
  while (t && *t) {
    while (*t == ' ' || *t == ',') t++;
    if (!*t) break;
    double v[6] = {0};
    int n = numbers_in(t, v);
    matrix q = {1, 0, 0, 1, 0, 0};
    if (!strncmp(t, "matrix", 6) && n == 6) q = (matrix){v[0], v[1], v[2], v[3], v[4], v[5]};
    else if (!strncmp(t, "translate", 9) && n >= 1) q.e = v[0], q.f = n > 1 ? v[1] : 0;
    else if (!strncmp(t, "scale", 5) && n >= 1) q.a = v[0], q.d = n > 1 ? v[1] : v[0];
    else {
      *ok = false;
      return m;
    }
    m = mul(m, q);
    t = strchr(t, ')');
    if (t) t++;
  }
  return m;
}

static void add_rule(svg_state *s, double x0, double y0, double x1, double y1) {
  bool horiz = y1 - y0 < 0.5 && y0 - y1 < 0.5, vert = x1 - x0 < 0.5 && x0 - x1 < 0.5;
  if (horiz == vert) return; /* a slanted line, or a dot */
  if (horiz ? dabs(x1 - x0) < 3 : dabs(y1 - y0) < 3) return;
  if (s->n_rules >= MAX_RULES || !s->n_pages) return;
  page_rules *p = &s->pages[s->n_pages - 1];
  if (p->n == p->cap) {
    p->cap = p->cap ? p->cap * 2 : 64;
    p->r = jx_xrealloc(p->r, p->cap * sizeof *p->r);
  }
  s->n_rules++;
  if (horiz) {
    double y = (y0 + y1) / 2;
    p->r[p->n++] = (rule){dmin(x0, x1), y, dmax(x0, x1), y, true};
  } else {
    double x = (x0 + x1) / 2;
    p->r[p->n++] = (rule){x, dmin(y0, y1), x, dmax(y0, y1), false};
  }
}

/* The straight segments of path d under m: each one a rule when stroked; a filled thin
 * rectangle (under 2.5 points across) is a rule along its length. */
static void path_rules(svg_state *s, const char *d, matrix m, bool stroked, bool filled) {
  double cx = 0, cy = 0, sx = 0, sy = 0; /* current point and subpath start, untransformed */
  double bx0 = 1e9, by0 = 1e9, bx1 = -1e9, by1 = -1e9; /* the subpath's transformed box */
  bool square = true;                                     /* only axis-parallel segments */
  char cmd = 0;
  const char *p = d;
  for (;;) {
    while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t' || *p == '\r') p++;
    bool end = !*p;
    bool letter = !end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'));
    char next = cmd;
    if (letter) next = *p;
    if (end || (letter && (next == 'M' || next == 'm'))) {
      /* a subpath ends: a filled thin rectangle */
      if (filled && square && bx1 > bx0 - 1e8) {
        double w = bx1 - bx0, h = by1 - by0;
        if (h < 2.5 && w >= 3) add_rule(s, bx0, (by0 + by1) / 2, bx1, (by0 + by1) / 2);
        else if (w < 2.5 && h >= 3) add_rule(s, (bx0 + bx1) / 2, by0, (bx0 + bx1) / 2, by1);
      }
      bx0 = by0 = 1e9;
      bx1 = by1 = -1e9;
      square = true;
    }
    if (end) break;
    if (letter) {
      cmd = *p++;
      if (cmd == 'Z' || cmd == 'z') {
        double X0 = m.a * cx + m.c * cy + m.e, Y0 = m.b * cx + m.d * cy + m.f;
        double X1 = m.a * sx + m.c * sy + m.e, Y1 = m.b * sx + m.d * sy + m.f;
        if (stroked) add_rule(s, X0, Y0, X1, Y1);
        cx = sx, cy = sy;
        continue;
      }
    }
    double v[6];
    int need = cmd == 'C' || cmd == 'c' ? 6 : cmd == 'S' || cmd == 's' || cmd == 'Q' || cmd == 'q' ? 4
               : cmd == 'H' || cmd == 'h' || cmd == 'V' || cmd == 'v'                           ? 1
               : cmd == 'M' || cmd == 'm' || cmd == 'L' || cmd == 'l' || cmd == 'T' || cmd == 't' ? 2
                                                                                                  : 0;
    if (!need) return; /* arcs and what is not understood: the rest of the path is left */
    for (int k = 0; k < need; k++) {
      while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t' || *p == '\r') p++;
      char *e = NULL;
      v[k] = strtod(p, &e);
      if (e == p || !(v[k] > -1e6 && v[k] < 1e6)) return;
      p = e;
    }
    bool rel = cmd >= 'a';
    double nx = cx, ny = cy;
    char up = (char)(rel ? cmd - 'a' + 'A' : cmd);
    if (up == 'H') nx = rel ? cx + v[0] : v[0];
    else if (up == 'V') ny = rel ? cy + v[0] : v[0];
    else nx = rel ? cx + v[need - 2] : v[need - 2], ny = rel ? cy + v[need - 1] : v[need - 1];
    double X0 = m.a * cx + m.c * cy + m.e, Y0 = m.b * cx + m.d * cy + m.f;
    double X1 = m.a * nx + m.c * ny + m.e, Y1 = m.b * nx + m.d * ny + m.f;
    if (up == 'M') {
      sx = nx, sy = ny;
      if (cmd == 'M') cmd = 'L'; /* further pairs are lines */
      else cmd = 'l';
    } else if (up == 'L' || up == 'H' || up == 'V') {
      if (stroked) add_rule(s, X0, Y0, X1, Y1);
      bool flat = (Y1 - Y0 < 0.5 && Y0 - Y1 < 0.5) || (X1 - X0 < 0.5 && X0 - X1 < 0.5);
      square = square && flat;
    } else {
      square = false;
    }
    bx0 = dmin(bx0, dmin(X0, X1));
    by0 = dmin(by0, dmin(Y0, Y1));
    bx1 = dmax(bx1, dmax(X0, X1));
    by1 = dmax(by1, dmax(Y0, Y1));
    cx = nx, cy = ny;
  }
}

/* Whether a style (or a presentation attribute) names a visible paint for key
 * ("stroke:" or "fill:"): not none, not white. */
static bool painted(const char *style, const char *key, bool dflt) {
  if (!style) return dflt;
  const char *p = style;
  size_t k = strlen(key);
  for (;;) {
    p = strstr(p, key);
    if (!p) return dflt;
    if (p == style || p[-1] == ';' || p[-1] == ' ') break;
    p += k;
  }
  p += k;
  while (*p == ' ') p++;
  if (!strncmp(p, "none", 4)) return false;
  if (!strncmp(p, "rgb(100%,100%,100%)", 19) || !strncmp(p, "#ffffff", 7) || !strncmp(p, "#FFFFFF", 7) ||
      !strncmp(p, "white", 5))
    return false;
  return true;
}

static void XMLCALL svg_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  svg_state *s = ud;
  if (++s->depth > MAX_DEPTH) {
    s->problem = "depth";
    XML_StopParser(s->parser, XML_FALSE);
    return;
  }
  bool ok = true;
  const char *t = attr(atts, "transform");
  s->m[s->depth] = t ? mul(s->m[s->depth - 1], parse_transform(t, &ok)) : s->m[s->depth - 1];
  if (s->skip) return;
  if (!strcmp(name, "defs") || !strcmp(name, "symbol") || !strcmp(name, "clipPath") || !strcmp(name, "mask") ||
      !strcmp(name, "pattern") || !strcmp(name, "marker") || !ok) {
    s->skip = s->depth;
    return;
  }
  bool new_page = !strcmp(name, "page") && (s->seen_page || !s->n_pages || s->pages[s->n_pages - 1].n);
  if (!strcmp(name, "page")) s->seen_page = true;
  if (new_page || (!s->n_pages && !strcmp(name, "path"))) {
    if (s->n_pages >= JX_DOCREAD_MAX_PAGES) return;
    if (s->n_pages == s->cap_pages) {
      s->cap_pages = s->cap_pages ? s->cap_pages * 2 : 16;
      s->pages = jx_xrealloc(s->pages, s->cap_pages * sizeof *s->pages);
    }
    memset(&s->pages[s->n_pages++], 0, sizeof *s->pages);
  }
  if (!strcmp(name, "path")) {
    const char *d = attr(atts, "d"), *style = attr(atts, "style");
    if (!d) return;
    bool stroked = painted(style, "stroke:", false) || painted(attr(atts, "stroke"), "", false);
    bool filled = painted(style, "fill:", !attr(atts, "fill")) && painted(attr(atts, "fill"), "", true);
    path_rules(s, d, s->m[s->depth], stroked, filled);
  }
}

static void XMLCALL svg_end(void *ud, const XML_Char *name) {
  (void)name;
  svg_state *s = ud;
  if (s->skip == s->depth) s->skip = 0;
  s->depth--;
}

/* The rules of each page of svg[0..n) (pdftocairo -svg of the document); *n_pages of
 * them (malloc'd, each page's r too), NULL when the SVG cannot be read. */
static page_rules *parse_svg_rules(const char *svg, size_t n, size_t *n_pages) {
  *n_pages = 0;
  svg_state s;
  memset(&s, 0, sizeof s);
  s.m[0] = (matrix){1, 0, 0, 1, 0, 0};
  s.parser = XML_ParserCreate("UTF-8");
  if (!s.parser) return NULL;
  XML_SetUserData(s.parser, &s);
  XML_SetElementHandler(s.parser, svg_start, svg_end);
  XML_SetEntityDeclHandler(s.parser, on_entity_svg);
  enum XML_Status xs = XML_STATUS_OK;
  const size_t chunk = (size_t)1 << 20;
  for (size_t off = 0; off < n && xs == XML_STATUS_OK; off += chunk) {
    size_t k = n - off < chunk ? n - off : chunk;
    xs = XML_Parse(s.parser, svg + off, (int)k, off + k == n);
  }
  XML_ParserFree(s.parser);
  if (xs != XML_STATUS_OK || s.problem || n == 0) {
    for (size_t p = 0; p < s.n_pages; p++) free(s.pages[p].r);
    free(s.pages);
    return NULL;
  }
  *n_pages = s.n_pages;
  return s.pages;
}

/* ---- tables --------------------------------------------------------------------------------- */

typedef struct {
  box b;
  int col0, col1;
  int row;
  bool crossing;
  jx_buf text;
} cell_block;

static int by_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Columns of lines [s, e], by votes along x: a position is between columns when no piece
 * covers it, or when lines with a gap there outnumber three to one the pieces over it
 * (those pieces span columns).  Returns the count; xs/xe (arena) the columns' x ranges. */
static int find_columns(jx_arena *a, const page_lines *pl, size_t s, size_t e, double **xs, double **xe) {
  double lo = 1e9, hi = -1e9;
  size_t first = pl->lines[s].first, np = 0;
  for (size_t l = s; l <= e; l++) np += pl->lines[l].n;
  for (size_t i = first; i < first + np; i++) {
    lo = dmin(lo, pl->pieces[i].b.x0);
    hi = dmax(hi, pl->pieces[i].b.x1);
  }
  double step = dmax(0.5, (hi - lo) / 20000);
  size_t ns = (size_t)((hi - lo) / step) + 2;
  int *against = jx_arena_alloc(a, (ns + 1) * sizeof *against), *support = jx_arena_alloc(a, (ns + 1) * sizeof *support);
#define STEP(x) ((size_t)(((x) - lo) / step))
  for (size_t l = s; l <= e; l++) {
    const vline *v = &pl->lines[l];
    for (size_t i = v->first; i < v->first + v->n; i++) {
      const piece *pc = &pl->pieces[i];
      against[STEP(pc->b.x0)]++;
      against[STEP(pc->b.x1) + 1]--;
      if (i + 1 < v->first + v->n && pl->pieces[i + 1].b.x0 > pc->b.x1) {
        support[STEP(pc->b.x1) + 1]++;
        support[STEP(pl->pieces[i + 1].b.x0)]--;
      }
    }
  }
#undef STEP
  *xs = jx_arena_alloc(a, (ns + 1) * sizeof **xs);
  *xe = jx_arena_alloc(a, (ns + 1) * sizeof **xe);
  int nc = 0, ag = 0, sp = 0;
  bool in = false;
  for (size_t k = 0; k < ns; k++) {
    ag += against[k];
    sp += support[k];
    bool sep = ag == 0 || (sp >= 2 && ag * 2 <= sp);
    double x = lo + (double)k * step;
    if (!sep && !in) {
      (*xs)[nc] = x;
      (*xe)[nc] = x + step;
      nc++;
      in = true;
    } else if (!sep) {
      (*xe)[nc - 1] = x + step;
    } else {
      in = false;
    }
  }
  return nc;
}

/* Pieces of line u that reach over a gap of line v into both its neighbours. */
static int straddles(const page_lines *pl, const vline *u, const vline *v) {
  int n = 0;
  for (size_t i = u->first; i < u->first + u->n; i++) {
    const piece *p = &pl->pieces[i];
    for (size_t j = v->first; j + 1 < v->first + v->n; j++) {
      const piece *l = &pl->pieces[j], *r = &pl->pieces[j + 1];
      if (p->b.x0 < l->b.x1 - 2 && p->b.x1 > r->b.x0 + 2) n++;
    }
  }
  return n;
}

/* Whether line v (several pieces) belongs to the grid of the table's lines of several
 * pieces, of which the last is u: none of the last three reaches over two of its gaps
 * nor it over two of theirs. */
static bool same_grid(const page_lines *pl, size_t s, size_t u, const vline *v) {
  int seen = 0;
  for (size_t k = u + 1; k-- > s && seen < 3;) {
    const vline *w = &pl->lines[k];
    if (w->n < 2) continue;
    seen++;
    if (straddles(pl, w, v) + straddles(pl, v, w) >= 2) return false;
  }
  return true;
}

/* The column holding x: the range containing it, else the one after (start) or before
 * (end) the gap it falls in. */
static int col_of(const double *xs, const double *xe, int nc, double x, bool start) {
  for (int c = 0; c < nc; c++) {
    if (x < xs[c]) return start ? c : (c > 0 ? c - 1 : 0);
    if (x <= xe[c]) return c;
  }
  return nc - 1;
}

static void put_cell(jx_buf *out, const char *t) { jx_tt_cell(out, t, strlen(t)); }

static int by_block_y(const void *a, const void *b) {
  const cell_block *p = a, *q = b;
  if (p->col0 != q->col0) return p->col0 - q->col0;
  return (p->b.y0 > q->b.y0) - (p->b.y0 < q->b.y0);
}

/* Whether p comes before q: on one line (half of the lower one's height shared) by x,
 * else by the top. */
static bool above(const piece *p, const piece *q) {
  double shared = dmin(p->b.y1, q->b.y1) - dmax(p->b.y0, q->b.y0);
  if (shared >= 0.5 * dmin(height(p->b), height(q->b))) return p->b.x0 < q->b.x0;
  return p->b.y0 < q->b.y0;
}

/* Lines [s, e] of a page as table rows into out; false when they make fewer than two
 * columns (then they are paragraphs). */
static bool write_table(jx_arena *a, page_lines *pl, size_t s, size_t e, jx_buf *out) {
  double *xs, *xe;
  int nc = find_columns(a, pl, s, e, &xs, &xe);
  if (nc < 2) return false;
  /* the table's line height: the median piece height */
  size_t np = 0;
  for (size_t l = s; l <= e; l++) np += pl->lines[l].n;
  double *hs = jx_arena_alloc(a, np * sizeof *hs);
  size_t first = pl->lines[s].first, k = 0;
  for (size_t i = first; i < first + np; i++) hs[k++] = height(pl->pieces[i].b);
  qsort(hs, np, sizeof *hs, by_double);
  double lh = hs[np / 2];

  /* pieces into cell blocks: a column's pieces joined while the gap below is under 0.4
   * of a line (a wrapped cell) */
  piece **ps = jx_arena_alloc(a, np * sizeof(piece *));
  for (size_t i = 0; i < np; i++) {
    piece *pc = &pl->pieces[first + i];
    pc->col0 = col_of(xs, xe, nc, pc->b.x0, true);
    pc->col1 = col_of(xs, xe, nc, pc->b.x1, false);
    if (pc->col1 < pc->col0) pc->col1 = pc->col0;
    ps[i] = pc;
  }
  /* neighbouring columns never both used on one line are one column whose cells are
   * aligned differently (a centred heading over left-aligned text) */
  bool *apart = jx_arena_alloc(a, (size_t)nc * sizeof *apart);
  for (size_t i = 0; i < np; i++)
    for (size_t j = 0; j < np; j++) {
      const piece *p = ps[i], *q = ps[j];
      if (q->col0 == p->col1 + 1 && dmin(p->b.y1, q->b.y1) - dmax(p->b.y0, q->b.y0) > 0.3 * lh) apart[p->col1] = true;
    }
  int *map = jx_arena_alloc(a, (size_t)nc * sizeof *map), merged = 0;
  for (int c = 0; c < nc; c++) map[c] = c == 0 ? 0 : map[c - 1] + (apart[c - 1] ? 1 : 0);
  merged = map[nc - 1] + 1;
  for (size_t i = 0; i < np; i++) {
    ps[i]->col0 = map[ps[i]->col0];
    ps[i]->col1 = map[ps[i]->col1];
  }
  nc = merged;
  if (nc < 2) return false;
  /* top to bottom, and left to right within a line (insertion sort: stable, and the
   * order "on one line" is not transitive) */
  for (size_t i = 1; i < np; i++) {
    piece *pc = ps[i];
    size_t j = i;
    while (j > 0 && above(pc, ps[j - 1])) {
      ps[j] = ps[j - 1];
      j--;
    }
    ps[j] = pc;
  }
  /* a cell's wrapped lines against the next row's text: the gaps below a piece in its
   * column, split at their first jump above the small ones (else a fifth of a line) */
  double *gaps = jx_arena_alloc(a, (np + 1) * sizeof *gaps);
  size_t ng = 0;
  for (int c = 0; c < nc; c++) {
    const piece *last = NULL;
    for (size_t i = 0; i < np; i++) {
      if (ps[i]->col0 != c) continue;
      if (last && ps[i]->b.y0 > last->b.y0 + 0.5 * lh) {
        double g = ps[i]->b.y0 - last->b.y1;
        if (g > -0.3 * lh && g < lh) gaps[ng++] = g;
      }
      last = ps[i];
    }
  }
  qsort(gaps, ng, sizeof *gaps, by_double);
  double wrap = 0.2 * lh;
  for (size_t i = 1; i < ng && gaps[i - 1] <= 0.3 * lh; i++)
    if (gaps[i] - gaps[i - 1] >= dmax(1.0, 0.1 * lh)) {
      wrap = dmin((gaps[i] + gaps[i - 1]) / 2, 0.35 * lh);
      break;
    }
  cell_block *cb = jx_arena_alloc(a, np * sizeof *cb);
  size_t nb = 0;
  for (int c = 0; c < nc; c++) {
    cell_block *cur = NULL;
    for (size_t i = 0; i < np; i++) {
      piece *pc = ps[i];
      if (pc->col0 != c) continue;
      bool same_line = cur && pc->b.y0 < cur->b.y1 - 0.5 * lh && pc->b.x0 >= cur->b.x0;
      bool wrapped = cur && pc->b.y0 - cur->b.y1 < wrap && pc->b.y0 > cur->b.y0 + 0.5 * lh;
      if (cur && (same_line || wrapped)) {
        cur->b = unite(cur->b, pc->b);
        cur->col1 = pc->col1 > cur->col1 ? pc->col1 : cur->col1;
        join_as(&cur->text, 0, pc->text, same_line);
        continue;
      }
      cur = &cb[nb++];
      memset(cur, 0, sizeof *cur);
      cur->b = pc->b;
      cur->col0 = pc->col0;
      cur->col1 = pc->col1;
      join(&cur->text, 0, pc->text);
    }
  }
  qsort(cb, nb, sizeof *cb, by_block_y);

  /* rows: the blocks of the column with the most of them (the anchor), each a row
   * reaching halfway to its neighbours */
  int anchor = 0;
  size_t best = 0;
  for (int c = 0; c < nc; c++) {
    size_t cnt = 0;
    for (size_t i = 0; i < nb; i++) cnt += cb[i].col0 == c;
    if (cnt > best) {
      best = cnt;
      anchor = c;
    }
  }
  size_t nr = 0;
  double *top = jx_arena_alloc(a, (best + 1) * sizeof *top), *bot = jx_arena_alloc(a, (best + 1) * sizeof *bot);
  for (size_t i = 0; i < nb; i++)
    if (cb[i].col0 == anchor) {
      top[nr] = cb[i].b.y0;
      bot[nr] = cb[i].b.y1;
      nr++;
    }
  /* a row the anchor column leaves empty: two blocks or more side by side, clear of
   * every anchor row */
  top = jx_arena_grow(a, top, nr, nr + nb + 1, sizeof *top);
  bot = jx_arena_grow(a, bot, nr, nr + nb + 1, sizeof *bot);
  for (size_t i = 0; i < nb; i++) {
    const cell_block *q = &cb[i];
    bool clear = true;
    for (size_t r = 0; r < nr && clear; r++) clear = q->b.y1 < top[r] - 0.3 * lh || q->b.y0 > bot[r] + 0.3 * lh;
    if (!clear) continue;
    size_t beside = 0;
    for (size_t j = 0; j < nb; j++)
      beside += j != i && cb[j].col0 != q->col0 && cb[j].b.y0 < q->b.y1 && cb[j].b.y1 > q->b.y0;
    if (beside < 1) continue;
    size_t r = nr;
    while (r > 0 && top[r - 1] > q->b.y0) {
      top[r] = top[r - 1];
      bot[r] = bot[r - 1];
      r--;
    }
    top[r] = q->b.y0;
    bot[r] = q->b.y1;
    nr++;
  }
  double *edge = jx_arena_alloc(a, (nr + 1) * sizeof *edge); /* edge[r]: between rows r-1 and r */
  edge[0] = -1e9;
  for (size_t r = 1; r < nr; r++) edge[r] = (bot[r - 1] + top[r]) / 2;
  edge[nr] = 1e9;

  /* each block into the row holding its middle; a label reaching well into two rows is
   * a merged cell, placed at its first row (below, widened while the rows around it are
   * empty in its columns, as a vertically centred merged cell is) */
  bool *occ = jx_arena_alloc(a, nr * (size_t)nc * sizeof *occ);
  for (size_t i = 0; i < nb; i++) {
    cell_block *q = &cb[i];
    size_t r = 0;
    while (r + 1 < nr && ymid(q->b) > edge[r + 1]) r++;
    size_t r0 = 0, r1 = 0;
    while (r0 + 1 < nr && q->b.y0 + 0.3 * lh > edge[r0 + 1]) r0++;
    r1 = r0;
    while (r1 + 1 < nr && q->b.y1 - 0.3 * lh > edge[r1 + 1]) r1++;
    /* merged cells are row labels, left of the fullest column; to its right a block
     * reaching into two rows is a tall cell (a long text beside one-line cells) in the
     * row of its middle */
    q->crossing = r1 > r0 && q->col0 < anchor;
    q->row = (int)(q->crossing ? r0 : r);
    if (!q->crossing)
      for (int c = q->col0; c <= q->col1; c++) occ[(size_t)q->row * (size_t)nc + (size_t)c] = true;
    q->col1 = q->col1 < q->col0 ? q->col0 : q->col1;
    if (q->crossing) q->row = (int)r0, q->col1 = (int)r1; /* r1 kept in col1 until below */
  }
  for (size_t i = 0; i < nb; i++) {
    cell_block *q = &cb[i];
    if (!q->crossing) continue;
    size_t r0 = (size_t)q->row, r1 = (size_t)q->col1;
    q->col1 = q->col0;
    while (r0 > 0 && r1 + 1 < nr && !occ[(r0 - 1) * (size_t)nc + (size_t)q->col0] &&
           !occ[(r1 + 1) * (size_t)nc + (size_t)q->col0]) {
      r0--;
      r1++;
    }
    q->row = (int)r0;
  }
  /* write: a cell's blocks joined, a block written in its first column */
  jx_buf cell = {0};
  for (size_t r = 0; r < nr; r++) {
    jx_buf_ch(out, '|');
    for (int c = 0; c < nc; c++) {
      cell.n = 0;
      if (cell.p) cell.p[0] = '\0';
      for (size_t i = 0; i < nb; i++)
        if (cb[i].row == (int)r && cb[i].col0 == c && cb[i].text.p) join(&cell, 0, cb[i].text.p);
      put_cell(out, cell.p ? cell.p : "");
    }
    jx_buf_ch(out, '\n');
  }
  free(cell.p);
  for (size_t i = 0; i < nb; i++) free(cb[i].text.p);
  return true;
}

/* ---- ruled tables ------------------------------------------------------------------------------ */

/* A table drawn with rules: its column boundaries xs[0..nx) and row boundaries ys[0..ny)
 * (ascending), and where the rules are: vrule[r * nx + k] a rule at xs[k] beside band r
 * (between ys[r] and ys[r+1]), hrule[k * (nx - 1) + c] a rule at ys[k] over column c.  A
 * cell's missing rule is a merge: its text belongs to the cell left of it or above. */
typedef struct grid {
  double *xs, *ys;
  int nx, ny;
  bool *vrule, *hrule;
  bool written;
} grid;

#define GRID_MAX_RULES 4000u /* of one page, after joining; more and the page has no grid */

/* A rule's position across it in half points: rules one apart in it are on one line. */
static long rule_key(const rule *r) { return (long)((r->horiz ? r->y0 : r->x0) * 2 + 0.5 + 4e6) - 4000000L; }

static int by_rule(const void *a, const void *b) {
  const rule *p = a, *q = b;
  if (p->horiz != q->horiz) return p->horiz ? -1 : 1;
  long pc = rule_key(p), qc = rule_key(q);
  if (pc != qc) return pc < qc ? -1 : 1;
  double ps = p->horiz ? p->x0 : p->y0, qs = q->horiz ? q->x0 : q->y0;
  return (ps > qs) - (ps < qs);
}

static size_t uf_find(size_t *parent, size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

static bool crosses(const rule *h, const rule *v) {
  const double tol = 2;
  return v->x0 >= h->x0 - tol && v->x0 <= h->x1 + tol && h->y0 >= v->y0 - tol && h->y0 <= v->y1 + tol;
}

/* The distinct values of v[0..n) (sorted in place), those within 2 points one. */
static int cluster(double *v, size_t n) {
  qsort(v, n, sizeof *v, by_double);
  int k = 0;
  for (size_t i = 0; i < n; i++)
    if (!k || v[i] - v[k - 1] > 2) v[k++] = v[i];
  return k;
}

static bool rule_at_x(const rule *r, size_t n, double x, double y) {
  for (size_t i = 0; i < n; i++)
    if (!r[i].horiz && dabs(r[i].x0 - x) <= 2 && r[i].y0 < y && r[i].y1 > y) return true;
  return false;
}

static bool rule_at_y(const rule *r, size_t n, double y, double x) {
  for (size_t i = 0; i < n; i++)
    if (r[i].horiz && dabs(r[i].y0 - y) <= 2 && r[i].x0 < x && r[i].x1 > x) return true;
  return false;
}

/* The grids of one page's rules: rules that touch each other make one, when it has two
 * vertical rules and two horizontal ones at least, and two columns. */
static void build_grids(jx_arena *a, const page_rules *pr, page_lines *pl) {
  if (!pr || pr->n < 4) return;
  rule *r = jx_arena_alloc(a, pr->n * sizeof *r);
  memcpy(r, pr->r, pr->n * sizeof *r);
  qsort(r, pr->n, sizeof *r, by_rule);
  size_t n = 0; /* collinear rules that touch joined */
  for (size_t i = 0; i < pr->n; i++) {
    rule *last = n ? &r[n - 1] : NULL;
    if (last && last->horiz == r[i].horiz && rule_key(last) == rule_key(&r[i]) &&
        (last->horiz ? r[i].x0 <= last->x1 + 1 : r[i].y0 <= last->y1 + 1)) {
      if (last->horiz) last->x0 = dmin(last->x0, r[i].x0), last->x1 = dmax(last->x1, r[i].x1);
      else last->y0 = dmin(last->y0, r[i].y0), last->y1 = dmax(last->y1, r[i].y1);
      continue;
    }
    r[n++] = r[i];
  }
  if (n > GRID_MAX_RULES) return;
  size_t *parent = jx_arena_alloc(a, n * sizeof *parent);
  for (size_t i = 0; i < n; i++) parent[i] = i;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      if (r[i].horiz != r[j].horiz && (r[i].horiz ? crosses(&r[i], &r[j]) : crosses(&r[j], &r[i]))) {
        size_t x = uf_find(parent, i), y = uf_find(parent, j);
        if (x != y) parent[x] = y;
      }
  rule *mine = jx_arena_alloc(a, n * sizeof *mine);
  double *xs = jx_arena_alloc(a, (n + 2) * sizeof *xs), *ys = jx_arena_alloc(a, (n + 2) * sizeof *ys);
  size_t cap = 0;
  for (size_t root = 0; root < n; root++) {
    if (uf_find(parent, root) != root) continue;
    size_t m = 0, nvx = 0, nhy = 0;
    box b = {1e9, 1e9, -1e9, -1e9};
    for (size_t i = 0; i < n; i++) {
      if (uf_find(parent, i) != root) continue;
      mine[m++] = r[i];
      b = unite(b, (box){r[i].x0, r[i].y0, r[i].x1, r[i].y1});
      if (r[i].horiz) ys[nhy++] = r[i].y0;
      else xs[nvx++] = r[i].x0;
    }
    int nv = cluster(xs, nvx), nh = cluster(ys, nhy);
    if (nv < 2 || nh < 2) continue;
    /* open sides: the rules' extent is a boundary too */
    size_t kx = (size_t)nv, ky = (size_t)nh;
    if (xs[0] - b.x0 > 2) xs[kx++] = b.x0;
    if (b.x1 - xs[nv - 1] > 2) xs[kx++] = b.x1;
    if (ys[0] - b.y0 > 2) ys[ky++] = b.y0;
    if (b.y1 - ys[nh - 1] > 2) ys[ky++] = b.y1;
    int nx = cluster(xs, kx), ny = cluster(ys, ky);
    if (nx < 3 || ny < 2) continue;
    if (pl->n_grids == cap) {
      cap = cap ? cap * 2 : 4;
      pl->grids = jx_arena_grow(a, pl->grids, pl->n_grids, cap, sizeof *pl->grids);
    }
    grid *g = &pl->grids[pl->n_grids++];
    memset(g, 0, sizeof *g);
    g->nx = nx;
    g->ny = ny;
    g->xs = jx_arena_alloc(a, (size_t)nx * sizeof *g->xs);
    g->ys = jx_arena_alloc(a, (size_t)ny * sizeof *g->ys);
    memcpy(g->xs, xs, (size_t)nx * sizeof *xs);
    memcpy(g->ys, ys, (size_t)ny * sizeof *ys);
    g->vrule = jx_arena_alloc(a, (size_t)(ny - 1) * (size_t)nx * sizeof *g->vrule);
    g->hrule = jx_arena_alloc(a, (size_t)ny * (size_t)(nx - 1) * sizeof *g->hrule);
    for (int band = 0; band + 1 < ny; band++)
      for (int k = 0; k < nx; k++)
        g->vrule[(size_t)band * (size_t)nx + (size_t)k] = rule_at_x(mine, m, xs[k], (ys[band] + ys[band + 1]) / 2);
    for (int k = 0; k < ny; k++)
      for (int c = 0; c + 1 < nx; c++)
        g->hrule[(size_t)k * (size_t)(nx - 1) + (size_t)c] = rule_at_y(mine, m, ys[k], (xs[c] + xs[c + 1]) / 2);
  }
  /* the lines inside a grid are its own */
  for (size_t l = 0; l < pl->n_lines; l++) {
    vline *v = &pl->lines[l];
    double y = ymid(v->b);
    for (size_t i = 0; i < pl->n_grids && v->grid < 0; i++) {
      const grid *g = &pl->grids[i];
      if (y > g->ys[0] && y < g->ys[g->ny - 1] && v->b.x1 > g->xs[0] && v->b.x0 < g->xs[g->nx - 1]) v->grid = (int)i;
    }
  }
}

/* A piece of a word in one cell of a grid. */
typedef struct {
  box b;
  const char *text;
  size_t cell; /* row * (nx - 1) + column of the cell's first (merged) position */
} grid_item;

static int by_cell(const void *a, const void *b) {
  const grid_item *p = a, *q = b;
  if (p->cell != q->cell) return (p->cell > q->cell) - (p->cell < q->cell);
  double d = ymid(p->b) - ymid(q->b);
  return (d > 0) - (d < 0);
}

static int by_item_x(const void *a, const void *b) {
  const grid_item *p = a, *q = b;
  return (p->b.x0 > q->b.x0) - (p->b.x0 < q->b.x0);
}

static size_t utf8_len(const unsigned char *s) {
  if (s[0] < 0x80) return 1;
  size_t k = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
  for (size_t i = 1; i < k; i++)
    if (!s[i]) return i;
  return k;
}

/* The cell holding point (x, y): its first row and column when merged. */
static size_t grid_cell(const grid *g, double x, double y) {
  int r = 0, c = 0;
  while (r + 2 < g->ny && y > g->ys[r + 1]) r++;
  while (c + 2 < g->nx && x > g->xs[c + 1]) c++;
  while (c > 0 && !g->vrule[(size_t)r * (size_t)g->nx + (size_t)c]) c--;
  while (r > 0 && !g->hrule[(size_t)r * (size_t)(g->nx - 1) + (size_t)c]) r--;
  return (size_t)r * (size_t)(g->nx - 1) + (size_t)c;
}

/* Grid gi of page pl as table rows into out: its words by cell (a word a rule crosses is
 * cut where its characters' share of the width says), a cell's lines joined. */
/* The grid written last, while nothing has been written after it: where the text of a
 * merged cell reaching its bottom, empty there, would go (an offset in out, per column,
 * else SIZE_MAX) — the cell goes on at the top of the next page, with its text there. */
typedef struct {
  const grid *g;
  size_t end;   /* out's length after it */
  size_t *open; /* g->nx - 1 of them */
  char *head;   /* the table's first row as written (a header repeated on a page) */
} grid_tail;

/* Whether grid g goes on from the one of tail: the same columns. */
static bool continues(const grid_tail *tail, const grid *g) {
  if (!tail->g || tail->g->nx != g->nx) return false;
  for (int k = 0; k < g->nx; k++)
    if (dabs(tail->g->xs[k] - g->xs[k]) > 2) return false;
  return true;
}

/* Whether point (x, y) is inside grid g. */
static bool in_grid(const grid *g, double x, double y) {
  return x > g->xs[0] - 2 && x < g->xs[g->nx - 1] + 2 && y > g->ys[0] - 2 && y < g->ys[g->ny - 1] + 2;
}

/* Whether word w (on a line of grid line_grid) is grid gi's: inside it, or on one of its
 * lines and inside no grid (beside the rules: its nearest column). */
static bool grid_word(const page_lines *pl, size_t gi, int line_grid, const word *w) {
  double x = (w->b.x0 + w->b.x1) / 2, y = ymid(w->b);
  if (in_grid(&pl->grids[gi], x, y)) return true;
  if (line_grid != (int)gi) return false;
  for (size_t j = 0; j < pl->n_grids; j++)
    if (in_grid(&pl->grids[j], x, y)) return false;
  return true;
}

static void write_grid(jx_arena *a, const page_lines *pl, size_t gi, jx_buf *out, grid_tail *tail, bool cont) {
  const grid *g = &pl->grids[gi];
  size_t nw = 0;
  for (size_t l = 0; l < pl->n_lines; l++)
    if (pl->lines[l].grid >= 0)
      for (size_t k = pl->lines[l].first; k < pl->lines[l].first + pl->lines[l].n; k++) nw += pl->pieces[k].nw;
  size_t cap = nw * 2 + 4, ni = 0;
  grid_item *it = jx_arena_alloc(a, cap * sizeof *it);
  jx_buf part = {0};
  for (size_t l = 0; l < pl->n_lines; l++) {
    if (pl->lines[l].grid < 0) continue;
    for (size_t k = pl->lines[l].first; k < pl->lines[l].first + pl->lines[l].n; k++) {
      const piece *pc = &pl->pieces[k];
      for (size_t wi = pc->w0; wi < pc->w0 + pc->nw; wi++) {
        const word *w = &pl->src->words[wi];
        if (!grid_word(pl, gi, pl->lines[l].grid, w)) continue;
        double y = ymid(w->b);
        int band = 0;
        while (band + 2 < g->ny && y > g->ys[band + 1]) band++;
        /* the characters' widths: a wide one counts 1, another half */
        double total = 0;
        const unsigned char *t = (const unsigned char *)w->text;
        for (size_t i = 0; t[i]; i += utf8_len(t + i)) total += wide(decode_at(t + i, strlen((const char *)t + i))) ? 1 : 0.5;
        double at = 0, x0 = w->b.x0;
        int cur = -1;
        part.n = 0;
        for (size_t i = 0; t[i];) {
          size_t cl = utf8_len(t + i);
          double cw = wide(decode_at(t + i, strlen((const char *)t + i))) ? 1 : 0.5;
          double cx = w->b.x0 + (at + cw / 2) / total * (w->b.x1 - w->b.x0);
          int col = 0; /* the cut it lies after: rules inside the word beside this band */
          for (int kx = 1; kx + 1 < g->nx; kx++)
            if (g->xs[kx] > w->b.x0 + 1 && g->xs[kx] < w->b.x1 - 1 && g->vrule[(size_t)band * (size_t)g->nx + (size_t)kx] &&
                cx > g->xs[kx])
              col = kx;
          if (cur >= 0 && col != cur && part.n) {
            if (ni == cap) break;
            double xe = w->b.x0 + at / total * (w->b.x1 - w->b.x0);
            box b = {x0, w->b.y0, xe, w->b.y1};
            it[ni++] = (grid_item){b, jx_arena_strndup(a, part.p, part.n), grid_cell(g, (b.x0 + b.x1) / 2, y)};
            part.n = 0;
            x0 = xe;
          }
          cur = col;
          jx_buf_mem(&part, t + i, cl);
          at += cw;
          i += cl;
        }
        if (part.n && ni < cap) {
          box b = {x0, w->b.y0, w->b.x1, w->b.y1};
          it[ni++] = (grid_item){b, jx_arena_strndup(a, part.p, part.n), grid_cell(g, (b.x0 + b.x1) / 2, y)};
        }
      }
    }
  }
  free(part.p);
  qsort(it, ni, sizeof *it, by_cell);
  /* each cell's text: its lines top to bottom, each left to right */
  size_t ncell = (size_t)(g->ny - 1) * (size_t)(g->nx - 1);
  const char **text = jx_arena_alloc(a, ncell * sizeof *text);
  jx_buf cell = {0};
  for (size_t i = 0; i < ni;) {
    size_t j = i;
    while (j < ni && it[j].cell == it[i].cell) j++;
    cell.n = 0;
    for (size_t k = i; k < j;) {
      size_t e = k + 1; /* one line: middles within half a height of the first's */
      while (e < j && ymid(it[e].b) - ymid(it[k].b) < 0.5 * dmin(height(it[k].b), height(it[e].b))) e++;
      qsort(it + k, e - k, sizeof *it, by_item_x);
      for (size_t q = k; q < e; q++) join_as(&cell, 0, it[q].text, q > k);
      k = e;
    }
    if (cell.n) text[it[i].cell] = jx_arena_strndup(a, cell.p, cell.n);
    i = j;
  }
  free(cell.p);
  /* the columns where some row has a cell starting, the rows with some text */
  int nc = g->nx - 1;
  bool *col_used = jx_arena_alloc(a, (size_t)nc * sizeof *col_used);
  col_used[0] = true;
  for (int r = 0; r + 1 < g->ny; r++)
    for (int c = 1; c < nc; c++) col_used[c] = col_used[c] || g->vrule[(size_t)r * (size_t)g->nx + (size_t)c];
  /* a merged cell from the page before: its text, found in this top row, goes there
   * (the last offset first, as inserting moves what follows) */
  while (cont) {
    int c = -1;
    for (int k = 0; k < nc; k++)
      if (tail->open[k] != SIZE_MAX && text[k] && !(g->ny > 2 && g->hrule[(size_t)nc + (size_t)k]) &&
          (c < 0 || tail->open[k] > tail->open[c]))
        c = k;
    if (c < 0) break;
    size_t at = tail->open[c];
    tail->open[c] = SIZE_MAX;
    jx_buf t = {0};
    put_cell(&t, text[c]); /* " text |" */
    text[c] = NULL;
    size_t k = t.n - 2;    /* "text " */
    jx_buf_reserve(out, k);
    memmove(out->p + at + 1 + k, out->p + at + 1, out->n - at - 1);
    memcpy(out->p + at + 1, t.p + 1, k);
    out->n += k;
    out->p[out->n] = '\0';
    free(t.p);
  }
  size_t *off = jx_arena_alloc(a, ncell * sizeof *off); /* where each cell was written */
  for (size_t i = 0; i < ncell; i++) off[i] = SIZE_MAX;
  bool first_row = true;
  for (int r = 0; r + 1 < g->ny; r++) {
    bool any = false;
    for (int c = 0; c < nc && !any; c++) any = text[(size_t)r * (size_t)nc + (size_t)c] != NULL;
    if (!any) continue;
    size_t start = out->n;
    jx_buf_ch(out, '|');
    for (int c = 0; c < nc; c++) {
      if (!col_used[c]) continue;
      const char *t = text[(size_t)r * (size_t)nc + (size_t)c];
      off[(size_t)r * (size_t)nc + (size_t)c] = out->n;
      put_cell(out, t ? t : "");
    }
    jx_buf_ch(out, '\n');
    if (first_row && !cont) tail->head = jx_arena_strndup(a, out->p + start, out->n - start);
    else if (first_row && tail->head && !strcmp(out->p + start, tail->head)) { /* the header, repeated */
      out->n = start;
      out->p[start] = '\0';
      for (int c = 0; c < nc; c++) off[(size_t)r * (size_t)nc + (size_t)c] = SIZE_MAX;
    }
    first_row = false;
  }
  /* the merged cells open at the bottom, empty */
  tail->g = g;
  tail->end = out->n;
  tail->open = jx_arena_alloc(a, (size_t)nc * sizeof *tail->open);
  for (int c = 0; c < nc; c++) {
    size_t bottom = grid_cell(g, (g->xs[c] + g->xs[c + 1]) / 2, (g->ys[g->ny - 2] + g->ys[g->ny - 1]) / 2);
    size_t r0 = bottom / (size_t)nc, c0 = bottom % (size_t)nc;
    bool merged = r0 + 2 < (size_t)g->ny && c0 == (size_t)c;
    tail->open[c] = merged && !text[bottom] ? off[bottom] : SIZE_MAX;
  }
}

/* ---- paragraphs ------------------------------------------------------------------------------ */

static bool starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* A heading's or list item's marker: 一、 （一） (一) 1. 1、 1） 第一章 …. */
static bool heading_marker(const char *s) {
  static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
  if (starts_with(s, "（") || starts_with(s, "(")) {
    s += *s == '(' ? 1 : 3;
    bool any = false;
    for (;;) {
      bool hit = false;
      for (size_t i = 0; nums[i]; i++)
        if (starts_with(s, nums[i])) s += 3, hit = any = true;
      if (digit_at(s)) s++, hit = any = true;
      if (!hit) break;
    }
    return any && (starts_with(s, "）") || *s == ')');
  }
  if (starts_with(s, "第")) {
    const char *t = s + 3;
    for (;;) {
      bool num = false;
      for (size_t i = 0; nums[i]; i++) num |= starts_with(t, nums[i]);
      if (digit_at(t)) t++;
      else if (num) t += 3;
      else break;
    }
    return starts_with(t, "章") || starts_with(t, "节") || starts_with(t, "部分");
  }
  const char *t = s;
  bool any = false;
  for (;;) {
    bool hit = false;
    for (size_t i = 0; nums[i]; i++)
      if (starts_with(t, nums[i])) t += 3, hit = any = true;
    if (!hit) break;
  }
  if (any) return starts_with(t, "、");
  while (digit_at(t)) t++;
  if (t == s || t - s > 3) return false;
  return (*t == '.' && !digit_at(t + 1)) || starts_with(t, "、") || starts_with(t, "．") || starts_with(t, "）") ||
         *t == ')';
}

/* ---- the document ------------------------------------------------------------------------------ */

static bool touching(const vline *upper, const vline *lower) {
  return lower->b.y0 - upper->b.y1 < 0.35 * dmin(height(upper->b), height(lower->b));
}

static bool near(const vline *upper, const vline *lower) { return lower->b.y0 - upper->b.y1 <= 2.5 * height(upper->b); }

/* Where lines of two pieces or more follow each other (with the one-piece lines between
 * them: wrapped cells, centred merged cells) a table: end[s] = e for the table of lines
 * [s, e], else end[l] = SIZE_MAX. */
/* A line the table finder passes over: a page's header or footer, a ruled table's. */
static bool out_of_flow(const vline *v) { return v->drop || v->grid >= 0; }

static void find_tables(const page_lines *pl, size_t *end) {
  size_t n = pl->n_lines, floor = 0;
  for (size_t i = 0; i < n; i++) end[i] = SIZE_MAX;
  const vline *L = pl->lines;
  size_t l = 0;
  while (l < n) {
    if (out_of_flow(&L[l]) || L[l].n < 2) {
      l++;
      continue;
    }
    size_t s = l, e = l;
    /* back over touching one-piece lines (the upper lines of the row's wrapped cells) */
    while (s > floor && !out_of_flow(&L[s - 1]) && L[s - 1].n == 1 && touching(&L[s - 1], &L[s])) s--;
    size_t j = l + 1, last = l; /* the last line of several pieces */
    while (j < n && !out_of_flow(&L[j]) && near(&L[j - 1], &L[j])) {
      if (L[j].n >= 2) {
        if (!same_grid(pl, s, last, &L[j])) {
          /* another table: the lines touching its first row are its own */
          e = j - 1;
          for (int back = 0; back < 3 && e > l && touching(&L[e], &L[e + 1]); back++) e--;
          break;
        }
        last = j;
        e = j++;
        continue;
      }
      size_t k = j;
      /* one-piece lines inside the last row's columns (a prose line or a title reaches
       * over its gaps) */
      while (k < n && !out_of_flow(&L[k]) && L[k].n == 1 && k - j < 8 && near(&L[k - 1], &L[k]) && !straddles(pl, &L[k], &L[last]))
        k++;
      if (k < n && !out_of_flow(&L[k]) && L[k].n >= 2 && near(&L[k - 1], &L[k]) && same_grid(pl, s, last, &L[k])) {
        last = k;
        e = k;
        j = k + 1;
        continue;
      }
      /* touching lines after the last row: its wrapped cells */
      while (j < n && !out_of_flow(&L[j]) && L[j].n == 1 && touching(&L[j - 1], &L[j])) e = j++;
      break;
    }
    end[s] = e;
    floor = e + 1;
    l = e + 1;
  }
}

static void flush(jx_buf *out, jx_buf *para) {
  if (!para->n) return;
  jx_buf_mem(out, para->p, para->n);
  jx_buf_ch(out, '\n');
  para->n = 0;
}

/* What goes on from one page to the next: the open paragraph and its last line. */
typedef struct {
  jx_buf para;
  bool after_table; /* a table was written last: an empty line before the next paragraph */
  bool full;        /* the paragraph's last line reaches its page's right edge */
  double x0, h;     /* that line's left edge and height */
  grid_tail tail;   /* the ruled table written last */
} flow;

/* The lines of page pl as tables and paragraphs; a paragraph whose last line reaches
 * the right edge goes on at the next page's first line (not indented, not a heading). */
static void write_page(jx_arena *a, page_lines *pl, jx_buf *out, flow *f) {
  size_t *end = jx_arena_alloc(a, (pl->n_lines + 1) * sizeof *end);
  find_tables(pl, end);
  double left = 1e9, right = 0; /* the text's edges */
  for (size_t l = 0; l < pl->n_lines; l++)
    if (!pl->lines[l].drop) {
      left = dmin(left, pl->lines[l].b.x0);
      right = dmax(right, pl->lines[l].b.x1);
    }
  /* lines reaching the right edge are a margin only when many lines outside tables do
   * (else each line is its own paragraph: a list, a form, one cell per line) */
  size_t at_edge = 0, plain = 0;
  for (size_t l = 0; l < pl->n_lines; l++) {
    const vline *v = &pl->lines[l];
    if (v->drop) continue;
    if (end[l] != SIZE_MAX) {
      l = end[l];
      continue;
    }
    if (v->grid >= 0) continue;
    plain++;
    at_edge += v->b.x1 > right - 2 * height(v->b) && v->b.x0 < left + 3 * height(v->b);
  }
  bool margin = at_edge >= 2 && at_edge * 5 >= plain;
  jx_buf t = {0};
  const vline *prev = NULL; /* the paragraph's last line on this page */
  bool first = true;        /* no line of this page written yet */
  size_t plain_until = 0;   /* lines of a "table" of one column, written as paragraphs */
  for (size_t l = 0; l < pl->n_lines; l++) {
    vline *v = &pl->lines[l];
    if (v->drop) continue;
    /* a grid beside one written here: written after it */
    for (size_t j = 0; v->grid >= 0 && j < pl->n_grids && pl->grids[v->grid].written; j++) {
      grid *g = &pl->grids[j], *h = &pl->grids[v->grid];
      if (g->written || g->ys[0] >= h->ys[h->ny - 1] || g->ys[g->ny - 1] <= h->ys[0]) continue;
      if (out->n) jx_buf_ch(out, '\n');
      write_grid(a, pl, j, out, &f->tail, false);
      g->written = true;
    }
    if (v->grid >= 0) {
      grid *g = &pl->grids[v->grid];
      if (!g->written) {
        /* the first thing on the page, going on from the last thing on the page before */
        bool cont = first && !f->para.n && f->tail.g && out->n == f->tail.end && continues(&f->tail, g);
        flush(out, &f->para);
        prev = NULL;
        first = false;
        if (out->n && !cont) jx_buf_ch(out, '\n');
        write_grid(a, pl, (size_t)v->grid, out, &f->tail, cont);
        g->written = true;
        f->after_table = true;
      }
      continue;
    }
    if (end[l] != SIZE_MAX && l >= plain_until) {
      flush(out, &f->para);
      prev = NULL;
      first = false;
      size_t before = out->n;
      if (out->n) jx_buf_ch(out, '\n');
      if (write_table(a, pl, l, end[l], out)) {
        f->after_table = true;
        l = end[l];
        continue;
      }
      out->n = before;
      if (out->p) out->p[out->n] = '\0';
      plain_until = end[l] + 1;
    }
    t.n = 0;
    line_text(pl, v, &t);
    if (!t.p) continue;
    /* the paragraph goes on: the line right below a line that reaches the right edge,
     * not indented further, not a heading */
    bool cont = f->para.n && !heading_marker(t.p) && f->full &&
                (first ? v->b.x0 < f->x0 + f->h
                       : prev && &pl->lines[l - 1] == prev && v->b.y0 - prev->b.y1 < 0.8 * height(prev->b) &&
                             v->b.x0 < prev->b.x0 + height(prev->b));
    if (!cont) {
      flush(out, &f->para);
      if (f->after_table) jx_buf_ch(out, '\n');
      f->after_table = false;
    }
    join(&f->para, 0, t.p);
    prev = v;
    first = false;
    /* a full line: from near the left edge (an indent allowed) to the right edge */
    f->full = margin && v->b.x1 > right - 2 * height(v->b) && v->b.x0 < left + 3 * height(v->b);
    f->x0 = v->b.x0;
    f->h = height(v->b);
  }
  free(t.p);
}

jx_status jx_pdf_bbox_to_text(const char *xhtml, size_t n, char **out, size_t *len, char *err, size_t errlen) {
  return jx_pdf_bbox_svg_to_text(xhtml, n, NULL, 0, out, len, err, errlen);
}

jx_status jx_pdf_bbox_svg_to_text(const char *xhtml, size_t n, const char *svg, size_t svg_n, char **out, size_t *len,
                                  char *err, size_t errlen) {
  *out = NULL;
  *len = 0;
  if (n > JX_DOCREAD_MAX_INPUT) {
    snprintf(err, errlen, "PDF 的版面数据超过上限 %zu MB", JX_DOCREAD_MAX_INPUT >> 20);
    return JX_ERR_DATA;
  }
  parse_state s;
  memset(&s, 0, sizeof s);
  s.a = jx_arena_new();
  s.parser = XML_ParserCreate("UTF-8");
  if (!s.parser) {
    jx_arena_free(s.a);
    snprintf(err, errlen, "无法创建 XML 解析器");
    return JX_ERR_IO;
  }
  XML_SetUserData(s.parser, &s);
  XML_SetElementHandler(s.parser, on_start, on_end);
  XML_SetCharacterDataHandler(s.parser, on_text);
  XML_SetEntityDeclHandler(s.parser, on_entity);
  enum XML_Status xs = XML_STATUS_OK;
  const size_t chunk = (size_t)1 << 20;
  for (size_t off = 0; off < n && xs == XML_STATUS_OK; off += chunk) {
    size_t k = n - off < chunk ? n - off : chunk;
    xs = XML_Parse(s.parser, xhtml + off, (int)k, off + k == n);
  }
  if (xs == XML_STATUS_OK && n == 0) xs = XML_Parse(s.parser, "", 0, 1);
  jx_status st = JX_OK;
  if (s.problem || xs != XML_STATUS_OK) {
    st = JX_ERR_DATA;
    if (s.problem && !strcmp(s.problem, "pages"))
      snprintf(err, errlen, "PDF 超过 %u 页（按版面读取的上限），请拆分后再导入", JX_DOCREAD_MAX_PAGES);
    else if (s.problem && !strcmp(s.problem, "words"))
      snprintf(err, errlen, "PDF 的文字超过 %u 个词（按版面读取的上限），请拆分后再导入", JX_PDF_MAX_WORDS);
    else if (s.problem && !strcmp(s.problem, "depth"))
      snprintf(err, errlen, "pdftotext 的版面输出嵌套超过 %d 层，无法读取", MAX_DEPTH);
    else
      snprintf(err, errlen, "pdftotext 的版面输出无法解析（第 %lu 行）：%s", (unsigned long)XML_GetCurrentLineNumber(s.parser),
               s.problem ? "含有实体声明" : XML_ErrorString(XML_GetErrorCode(s.parser)));
  }
  XML_ParserFree(s.parser);
  if (st == JX_OK && s.n_words == 0) {
    st = JX_ERR_DATA;
    snprintf(err, errlen,
             "PDF 中没有可提取的文字（可能是扫描件或图片）：请先做文字识别（OCR），或使用原始的 Word/WPS 文件另存为文本后导入");
  }
  jx_buf b = {0};
  if (st == JX_OK) {
    page_lines *pls = jx_arena_alloc(s.a, s.n_pages * sizeof *pls);
    for (size_t p = 0; p < s.n_pages; p++) build_lines(s.a, &s.pages[p], &pls[p]);
    mark_margins(s.a, pls, s.n_pages);
    size_t n_ruled = 0;
    page_rules *rules = svg ? parse_svg_rules(svg, svg_n, &n_ruled) : NULL;
    if (n_ruled == s.n_pages)
      for (size_t p = 0; p < s.n_pages; p++) build_grids(s.a, &rules[p], &pls[p]);
    for (size_t p = 0; p < n_ruled; p++) free(rules[p].r);
    free(rules);
    flow f = {0};
    for (size_t p = 0; p < s.n_pages && b.n <= JX_DOCREAD_MAX_TEXT; p++) write_page(s.a, &pls[p], &b, &f);
    flush(&b, &f.para);
    free(f.para.p);
    if (b.n > JX_DOCREAD_MAX_TEXT) {
      st = JX_ERR_DATA;
      snprintf(err, errlen, "PDF 的文字超过导入上限 %zu MB", JX_DOCREAD_MAX_TEXT >> 20);
      free(b.p);
      b.p = NULL;
    }
  }
  for (size_t p = 0; p < s.n_pages; p++) free(s.pages[p].words);
  free(s.pages);
  jx_arena_free(s.a);
  if (st != JX_OK) return st;
  if (!b.p) jx_buf_puts(&b, "");
  *out = b.p;
  *len = b.n;
  return JX_OK;
}

/* Whether the file names an /Encrypt dictionary (pdftotext says only "cannot open"). */
static bool encrypted(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  static const char key[] = "/Encrypt";
  char buf[65536 + sizeof key];
  size_t keep = 0, got;
  bool hit = false;
  size_t total = 0;
  while (!hit && total < JX_DOCREAD_MAX_INPUT && (got = fread(buf + keep, 1, sizeof buf - keep, f)) > 0) {
    size_t n = keep + got;
    total += got;
    for (size_t i = 0; i + sizeof key - 1 <= n && !hit; i++) hit = buf[i] == '/' && !memcmp(buf + i, key, sizeof key - 1);
    keep = n < sizeof key - 1 ? n : sizeof key - 1;
    memmove(buf, buf + n - keep, keep);
  }
  fclose(f);
  return hit;
}

jx_status jx_pdf_layout_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen) {
  *out = NULL;
  *len = 0;
  const char *prog = getenv("JIXIAO_PDFTOTEXT");
  if (!prog || !*prog) prog = "pdftotext";
  char *arg = NULL;
  if (path[0] == '-') { /* else read as an option */
    size_t n = strlen(path) + 3;
    arg = jx_xmalloc(n);
    snprintf(arg, n, "./%s", path);
  }
  char *argv[] = {(char *)prog, "-bbox-layout", "-enc", "UTF-8", "-q", arg ? arg : (char *)path, "-", NULL};
  char *xhtml = NULL;
  size_t n = 0;
  jx_run_result r = jx_run_capture(argv, JX_DOCREAD_MAX_INPUT, JX_DOCREAD_TIMEOUT_MS, &xhtml, &n);
  free(arg);
  arg = NULL;
  switch (r.state) {
  case JX_RUN_EXITED: break;
  case JX_RUN_NOT_FOUND:
    snprintf(err, errlen, "找不到 pdftotext，无法按版面读取 PDF：请安装 poppler-utils（apt-get install poppler-utils）");
    return JX_ERR_IO;
  case JX_RUN_NO_START: snprintf(err, errlen, "无法启动 pdftotext：%s", strerror(r.errno_value)); return JX_ERR_IO;
  case JX_RUN_TIMEOUT:
    snprintf(err, errlen, "pdftotext 运行超过 %d 秒仍未结束，已停止：PDF 可能已损坏或过于复杂", JX_DOCREAD_TIMEOUT_MS / 1000);
    return JX_ERR_DATA;
  case JX_RUN_TOO_BIG:
    snprintf(err, errlen, "PDF 的版面数据超过上限 %zu MB，不予导入", JX_DOCREAD_MAX_INPUT >> 20);
    return JX_ERR_DATA;
  case JX_RUN_READ_ERROR: snprintf(err, errlen, "读取 pdftotext 的输出失败"); return JX_ERR_DATA;
  }
  if (r.exit_code != 0) {
    free(xhtml);
    int code = r.exit_code;
    if (code == 127) {
      snprintf(err, errlen, "找不到 pdftotext，无法按版面读取 PDF：请安装 poppler-utils（apt-get install poppler-utils）");
      return JX_ERR_IO;
    }
    if (code == 99) { /* a pdftotext without -bbox-layout: the caller reads its plain text */
      snprintf(err, errlen, "此版本的 pdftotext 不能输出版面（-bbox-layout）");
      return JX_ERR_IO;
    }
    if (code == 3 || (code == 1 && encrypted(path)))
      snprintf(err, errlen, "此 PDF 已加密或设置了权限限制，不允许提取文字");
    else if (code == 1)
      snprintf(err, errlen, "pdftotext 无法打开此 PDF：文件已损坏、不是 PDF，或需要密码");
    else if (code < 0)
      snprintf(err, errlen, "pdftotext 异常终止（信号 %d）：PDF 可能已损坏", r.signal);
    else
      snprintf(err, errlen, "pdftotext 无法转换此 PDF（退出码 %d）", code);
    return JX_ERR_DATA;
  }
  /* the drawn rules (table borders), when pdftocairo can give them: else the tables are
   * found by the words' geometry alone */
  const char *cairo = getenv("JIXIAO_PDFTOCAIRO");
  if (!cairo || !*cairo) cairo = "pdftocairo";
  if (path[0] == '-') {
    size_t k = strlen(path) + 3;
    arg = jx_xmalloc(k);
    snprintf(arg, k, "./%s", path);
  }
  char *cargv[] = {(char *)cairo, "-svg", "-q", arg ? arg : (char *)path, "-", NULL};
  char *svg = NULL;
  size_t svg_n = 0;
  jx_run_result cr = jx_run_capture(cargv, JX_DOCREAD_MAX_INPUT, JX_DOCREAD_TIMEOUT_MS, &svg, &svg_n);
  free(arg);
  bool ruled = cr.state == JX_RUN_EXITED && cr.exit_code == 0 && svg;
  jx_status st = jx_pdf_bbox_svg_to_text(xhtml, n, ruled ? svg : NULL, ruled ? svg_n : 0, out, len, err, errlen);
  free(svg);
  free(xhtml);
  return st;
}
