/* read_html.c — a saved web page's text and tables as the importer's table text (docread.h). */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/docread.h"
#include "import/tabletext.h"
#include "util/buf.h"

enum {
  MAX_COLSPAN = 1000,
  MAX_ROWSPAN = 65534,
  MAX_COLS = 10000,           /* columns of one table row */
  MAX_CELLS = 20000000,       /* cells of all tables together, covered ones included */
  META_SCAN = 16 << 10,       /* bytes searched for <meta charset> */
  BIG_TEXT = 1000,            /* an element with this much text outside links is content, not navigation */
  BIG_SCAN = 20000,           /* nodes looked at to decide it */
  ANCESTOR_SCAN = 64
};

/* ---- the page's charset --------------------------------------------------------------------- */

/* Walk s as UTF-8: the length of the valid sequence at i, 0 when the byte there starts none. */
static size_t utf8_len(const unsigned char *s, size_t n, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  size_t k = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
  if (!k || i + k >= n) return 0;
  for (size_t j = 1; j <= k; j++)
    if ((s[i + j] & 0xC0) != 0x80) return 0;
  if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) || (c == 0xF0 && s[i + 1] < 0x90) ||
      (c == 0xF4 && s[i + 1] > 0x8F))
    return 0;
  return k + 1;
}

/* How much of s reads as UTF-8: its multi-byte characters and the bytes that start none. */
static void utf8_counts(const unsigned char *s, size_t n, size_t *multi, size_t *bad) {
  *multi = *bad = 0;
  for (size_t i = 0; i < n;) {
    size_t k = utf8_len(s, n, i);
    if (!k) {
      ++*bad;
      i++;
      continue;
    }
    *multi += k > 1;
    i += k;
  }
}

/* s with each byte that starts no UTF-8 character replaced by U+FFFD (libxml2 would
 * otherwise read the rest of the page as Latin-1). */
static char *utf8_repaired(const char *s, size_t n, size_t *out_n) {
  jx_buf b = {0};
  jx_buf_reserve(&b, n + n / 4);
  for (size_t i = 0; i < n;) {
    size_t k = utf8_len((const unsigned char *)s, n, i);
    if (!k) {
      jx_buf_puts(&b, "\xEF\xBF\xBD");
      i++;
      continue;
    }
    jx_buf_mem(&b, s + i, k);
    i += k;
  }
  *out_n = b.n;
  return b.p;
}

/* The charset named by the first <meta charset=…> / <meta http-equiv … content="…;
 * charset=…"> (or an XML declaration's encoding) in the page's first bytes; "" if none. */
static void declared_charset(const char *data, size_t n, char *name, size_t cap) {
  name[0] = '\0';
  size_t lim = n < META_SCAN ? n : META_SCAN;
  for (size_t i = 0; i + 5 < lim; i++) {
    bool meta = strncasecmp(data + i, "<meta", 5) == 0;
    bool xmldecl = i == 0 && strncmp(data, "<?xml", 5) == 0;
    if (!meta && !xmldecl) continue;
    const char *key = meta ? "charset" : "encoding";
    size_t kl = strlen(key);
    for (size_t j = i + 5; j + kl < lim && data[j] != '>'; j++) {
      if (strncasecmp(data + j, key, kl) != 0) continue;
      size_t k = j + kl;
      while (k < lim && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n')) k++;
      if (k >= lim || data[k] != '=') continue;
      k++;
      while (k < lim && (data[k] == ' ' || data[k] == '\t' || data[k] == '"' || data[k] == '\'')) k++;
      size_t m = 0;
      while (k < lim && m + 1 < cap && (isalnum((unsigned char)data[k]) || (data[k] && strchr("-_.:", data[k]))))
        name[m++] = (char)tolower((unsigned char)data[k++]);
      name[m] = '\0';
      if (m) return;
    }
  }
}

/* The encoding handed to libxml2: the page's own (a BOM first, then <meta>); GB2312 and
 * GBK pages as GB18030 (their superset).  A page declaring a GB charset whose bytes are
 * all UTF-8 (re-saved by an editor) is UTF-8; a page declaring nothing is UTF-8 unless
 * most of its non-ASCII bytes are not (then GB18030); an unknown name is UTF-8. */
static const char *page_encoding(const char *data, size_t n, char *cs, size_t cap) {
  const unsigned char *u = (const unsigned char *)data;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return "UTF-8";
  if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) return "UTF-16LE";
  if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) return "UTF-16BE";
  declared_charset(data, n, cs, cap);
  size_t multi = 0, bad = 0;
  utf8_counts(u, n, &multi, &bad);
  static const char *const gb[] = {"gb2312", "gbk", "x-gbk", "gb18030", "gb_2312-80", "cp936", "windows-936",
                                   "euc-cn", "csgb2312", "chinese", "iso-ir-58", NULL};
  for (size_t i = 0; gb[i]; i++)
    if (strcmp(cs, gb[i]) == 0) return multi && !bad ? "UTF-8" : "GB18030";
  /* undeclared: UTF-8 unless the bytes are mostly not */
  if (!cs[0]) return bad && bad * 4 > multi ? "GB18030" : "UTF-8";
  if (!strncmp(cs, "utf-8", 5) || !strcmp(cs, "utf8") || !strncmp(cs, "utf-16", 6) || !strcmp(cs, "unicode"))
    return "UTF-8";
  if (!strcmp(cs, "big5") || !strcmp(cs, "big5-hkscs") || !strcmp(cs, "x-x-big5")) return "BIG5";
  xmlCharEncodingHandlerPtr hd = xmlFindCharEncodingHandler(cs);
  if (!hd) return "UTF-8";
  xmlCharEncCloseFunc(hd);
  return cs; /* a charset libxml2 knows, by its own name */
}

/* ---- the output ----------------------------------------------------------------------------- */

typedef struct {
  xmlNode *node;     /* the <table> */
  uint32_t *span;    /* per column: rows of the open one and below still covered from above */
  size_t n_span;     /* columns tracked (the last one is covered, or none) */
  size_t col;        /* next column of the open row */
  bool row_open;
  xmlNode *row_node; /* the <tr> that opened it (NULL: cells outside any <tr>) */
  bool in_cell;
  xmlNode *cell_node;
  long colspan, rowspan;
  jx_buf cell;       /* the open cell's raw text */
  jx_buf row;        /* the open row so far: " a | b |" */
  bool row_text;
} table;

typedef struct {
  char *err;
  size_t errlen;
  bool failed;
  jx_tt w;           /* the text written (tabletext.h) */
  jx_buf para;       /* the paragraph's raw text; '\n' where a line ends (<br>, <pre>) */
  unsigned pre;      /* open <pre> */
  size_t p_mark;     /* out.n when the open <p> began */
  bool in_table;
  table t;           /* the data table being read (one at a time: a table inside a cell makes the outer one layout) */
  size_t cells;
} html;

static bool __attribute__((format(printf, 2, 3))) fail(html *h, const char *fmt, ...) {
  if (!h->failed && h->errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->err, h->errlen, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): va_start above (a clang 14 false positive)
    va_end(ap);
  }
  h->failed = true;
  return false;
}

static bool over_text(html *h, size_t more) {
  if (h->w.out.n + h->t.row.n + more <= JX_DOCREAD_MAX_TEXT) return false;
  return !fail(h, "HTML 页面的文字超过导入上限 %zu MB，拒绝读取", JX_DOCREAD_MAX_TEXT >> 20);
}

/* The open paragraph into the text, a line for each line break in it (tabletext.h). */
static void flush_para(html *h) {
  jx_tt_para(&h->w, &h->para, false);
  over_text(h, 0);
}

static void set_blank(html *h) {
  if (h->w.out.n) h->w.blank = true;
}

static jx_buf *target(html *h) { return h->in_table && h->t.in_cell ? &h->t.cell : &h->para; }

/* Text of the page into the open cell or paragraph: line breaks are blanks except in <pre>. */
static void add_text(html *h, const char *s, size_t n) {
  jx_buf *b = target(h);
  if (over_text(h, b->n + n)) return;
  if (h->pre && b == &h->para) {
    jx_buf_mem(b, s, n);
    return;
  }
  jx_buf_reserve(b, n);
  for (size_t i = 0; i < n; i++) b->p[b->n++] = (char)(s[i] == '\n' ? ' ' : s[i]);
  b->p[b->n] = '\0';
}

/* A block element's edge: a space inside a cell, else the paragraph ends. */
static void block_break(html *h) {
  if (h->in_table && h->t.in_cell) add_text(h, " ", 1);
  else flush_para(h);
}

/* ---- tables --------------------------------------------------------------------------------- */

static void put_cell(html *h, const char *s, size_t n) {
  table *t = &h->t;
  if (jx_tt_cell(&t->row, s, n)) t->row_text = true;
  if (++h->cells > MAX_CELLS) fail(h, "HTML 页面的表格超过 %d 个单元格的上限，拒绝读取", MAX_CELLS);
  t->col++;
}

/* The cells covered from above before the next cell of the row. */
static void skip_covered(html *h) {
  table *t = &h->t;
  while (!h->failed && t->col < t->n_span && t->span[t->col] > 0) put_cell(h, "", 0);
}

static void start_row(html *h, xmlNode *tr) {
  table *t = &h->t;
  flush_para(h); /* a caption, or text between rows */
  t->row_open = true;
  t->row_node = tr;
  t->col = 0;
  t->row.n = 0;
  t->row_text = false;
}

static void end_row(html *h) {
  table *t = &h->t;
  if (!t->row_open) return;
  /* covered cells after the last one, then one row less for every rowspan */
  while (!h->failed && t->col < t->n_span) put_cell(h, "", 0);
  for (size_t c = 0; c < t->n_span; c++)
    if (t->span[c]) t->span[c]--;
  while (t->n_span && !t->span[t->n_span - 1]) t->n_span--;
  jx_tt_row(&h->w, &t->row, t->row_text && !over_text(h, 0));
  t->row_text = false;
  t->row_open = false;
}

static long span_attr(xmlNode *n, const char *name, long hi) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  if (!v) return 1;
  long x = strtol((const char *)v, NULL, 10);
  xmlFree(v);
  return x < 1 ? 1 : x > hi ? hi : x;
}

static void start_cell(html *h, xmlNode *td) {
  table *t = &h->t;
  if (!t->row_open) start_row(h, NULL);
  skip_covered(h);
  t->in_cell = true;
  t->cell_node = td;
  t->cell.n = 0;
  t->colspan = span_attr(td, "colspan", MAX_COLSPAN);
  t->rowspan = span_attr(td, "rowspan", MAX_ROWSPAN);
}

static void end_cell(html *h) {
  table *t = &h->t;
  t->in_cell = false;
  t->cell_node = NULL;
  size_t first = t->col;
  if (first + (size_t)t->colspan > MAX_COLS) {
    fail(h, "HTML 页面的表格一行超过 %d 列的上限，拒绝读取", MAX_COLS);
    return;
  }
  put_cell(h, t->cell.p ? t->cell.p : "", t->cell.n);
  for (long i = 1; i < t->colspan && !h->failed; i++) put_cell(h, "", 0);
  if (t->rowspan > 1) {
    if (t->col > t->n_span) {
      t->span = jx_xrealloc(t->span, t->col * sizeof *t->span);
      memset(t->span + t->n_span, 0, (t->col - t->n_span) * sizeof *t->span);
      t->n_span = t->col;
    }
    for (size_t c = first; c < t->col; c++) t->span[c] = (uint32_t)t->rowspan;
  }
  over_text(h, 0);
}

static void start_table(html *h, xmlNode *n) {
  flush_para(h);
  set_blank(h);
  h->in_table = true;
  table *t = &h->t;
  t->node = n;
  t->n_span = 0;
  t->row_open = false;
  t->in_cell = false;
}

static void end_table(html *h) {
  table *t = &h->t;
  if (t->in_cell) end_cell(h);
  end_row(h);
  flush_para(h);
  set_blank(h);
  h->in_table = false;
  t->node = NULL;
}

/* ---- what is read and what is dropped -------------------------------------------------------- */

static bool is(const xmlNode *n, const char *name) { return n->name && strcmp((const char *)n->name, name) == 0; }

static bool in_list(const xmlNode *n, const char *const *names) {
  for (size_t i = 0; names[i]; i++)
    if (is(n, names[i])) return true;
  return false;
}

static const char *const DROP[] = {"script", "style", "noscript", "nav", "aside", "select", "button", "iframe",
                                   "head", "template", "textarea", "svg", "object", "embed", "canvas", "map", NULL};
static const char *const BLOCK[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                                    "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "section", "article",
                                    "main", "pre", "blockquote", "address", "center", "figure", "figcaption", "hr",
                                    "fieldset", "legend", "details", "summary", "body", "html", "form", "header",
                                    "footer", "table", "listing", "xmp", "plaintext", "menu", "dir", NULL};
static const char *const TABLE_PARTS[] = {"table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", NULL};
static const char *const NAV_WORDS[] = {"nav",     "menu",  "banner",    "breadcrumb", "footer", "header", "sidebar",
                                        "toolbar", "share", "copyright", "topbar",     "top-bar", "top_bar", NULL};

/* Layout tables: a table with a table inside one of its cells, or with one column
 * only, is read as paragraphs (its inner tables as tables).  The mark is kept in the
 * node's _private. */
enum { MARK_NESTED = 1, MARK_COLUMNS = 2 };

static char MARKS[4]; /* _private points at MARKS[flags] */
static unsigned marks(const xmlNode *n) { return n->_private ? (unsigned)((char *)n->_private - MARKS) : 0; }
static void set_mark(xmlNode *n, unsigned m) { n->_private = &MARKS[marks(n) | m]; }

static xmlNode *table_of(xmlNode *n) {
  for (unsigned k = 0; n && k < 4; n = n->parent, k++)
    if (n->type == XML_ELEMENT_NODE && is(n, "table")) return n;
  return NULL;
}

static void mark_tables(xmlNode *root) {
  xmlNode *n = root;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      if (is(n, "table")) {
        /* every table holding this one in a cell is layout; stop at one already marked */
        bool cell = false;
        for (xmlNode *p = n->parent; p; p = p->parent) {
          if (p->type != XML_ELEMENT_NODE) continue;
          if (is(p, "td") || is(p, "th")) cell = true;
          else if (is(p, "table") && cell) {
            if (marks(p) & MARK_NESTED) break;
            set_mark(p, MARK_NESTED);
            cell = false;
          }
        }
      } else if (is(n, "tr")) {
        unsigned cells = 0;
        for (xmlNode *c = n->children; c && cells < 2; c = c->next)
          if (c->type == XML_ELEMENT_NODE && (is(c, "td") || is(c, "th")))
            cells += span_attr(c, "colspan", 2) > 1 ? 2 : 1;
        xmlNode *t = table_of(n->parent);
        if (t && cells >= 2) set_mark(t, MARK_COLUMNS);
      }
    }
    if (n->children && n->type != XML_ATTRIBUTE_NODE) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    n = n && n != root ? n->next : NULL;
  }
}

static bool layout(const xmlNode *tb) { return (marks(tb) & MARK_NESTED) || !(marks(tb) & MARK_COLUMNS); }

/* An attribute's text without copying (the HTML parser gives each attribute one text child). */
static const char *attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && strcasecmp((const char *)a->name, name) == 0)
      return a->children && a->children->content ? (const char *)a->children->content : "";
  return NULL;
}

/* Whether v, lowercased, holds one of the words. */
static bool has_word(const char *v, const char *const *words) {
  if (!v) return false;
  char low[256];
  size_t n = 0;
  for (; v[n] && n + 1 < sizeof low; n++) low[n] = (char)tolower((unsigned char)v[n]);
  low[n] = '\0';
  for (size_t i = 0; words[i]; i++)
    if (strstr(low, words[i])) return true;
  return false;
}

/* Whether n holds BIG_TEXT bytes of text outside links (a page wrapped in one
 * <form>, a content block whose class says "header"): then it is content. */
static bool big(const xmlNode *root) {
  size_t text = 0, seen = 0;
  const xmlNode *n = root->children;
  while (n && n != root) {
    bool down = false;
    if (++seen > BIG_SCAN) return true;
    if (n->type == XML_TEXT_NODE && n->content) {
      for (const xmlChar *c = n->content; *c; c++) text += *c > 0x20;
      if (text >= BIG_TEXT) return true;
    } else if (n->type == XML_ELEMENT_NODE && !is(n, "a") && !is(n, "script") && !is(n, "style")) {
      down = n->children != NULL;
    }
    if (down) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (n && n != root) n = n->next;
  }
  return false;
}

/* Whether a <form> holds what a search box does not: paragraphs, headings, tables (an
 * ASP.NET page is one <form> around everything). */
static bool holds_content(const xmlNode *root) {
  static const char *const CONTENT[] = {"p", "table", "h1", "h2", "h3", "h4", "h5", "h6", "article", "main", "pre",
                                        "blockquote", NULL};
  size_t seen = 0;
  const xmlNode *n = root->children;
  while (n && n != root) {
    if (++seen > BIG_SCAN) return true;
    if (n->type == XML_ELEMENT_NODE && in_list(n, CONTENT)) return true;
    if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (n && n != root) n = n->next;
  }
  return false;
}

static bool has_ancestor(const xmlNode *n, const char *a, const char *b) {
  unsigned k = 0;
  for (const xmlNode *p = n->parent; p && k < ANCESTOR_SCAN; p = p->parent, k++)
    if (p->type == XML_ELEMENT_NODE && (is(p, a) || is(p, b))) return true;
  return false;
}

static bool hidden(const xmlNode *n) {
  if (attr(n, "hidden")) return true;
  const char *st = attr(n, "style");
  if (!st) return false;
  char c[128];
  size_t k = 0;
  for (; *st && k + 1 < sizeof c; st++)
    if (!isspace((unsigned char)*st)) c[k++] = (char)tolower((unsigned char)*st);
  c[k] = '\0';
  return strstr(c, "display:none") != NULL;
}

static bool dropped(const xmlNode *n) {
  if (in_list(n, DROP)) return true;
  if (hidden(n)) return true;
  /* LibreOffice writes a document's page header and footer as <div title="header"> */
  const char *title = attr(n, "title");
  if (title && (!strcasecmp(title, "header") || !strcasecmp(title, "footer"))) return true;
  const char *role = attr(n, "role");
  if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "banner") || !strcasecmp(role, "contentinfo")))
    return true;
  /* a page's header and footer; an article's own (its title) stay */
  if ((is(n, "header") || is(n, "footer")) && !has_ancestor(n, "article", "main")) return true;
  if (is(n, "form")) return !holds_content(n) && !big(n);
  /* a data table's rows and cells stay whatever their class (a header row is class="header") */
  if (in_list(n, TABLE_PARTS) && !is(n, "table")) {
    const xmlNode *t = table_of((xmlNode *)n);
    if (t && !layout(t)) return false;
  }
  if (is(n, "body") || is(n, "html") || is(n, "main") || is(n, "article")) return false;
  if (has_word(attr(n, "id"), NAV_WORDS) || has_word(attr(n, "class"), NAV_WORDS)) return !big(n);
  return false;
}

/* ---- the walk ------------------------------------------------------------------------------- */

/* Entering n: whether to walk its children (leave() is called after them). */
static bool enter(html *h, xmlNode *n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content) add_text(h, (const char *)n->content, strlen((const char *)n->content));
    return false;
  }
  if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) return true;
  if (n->type != XML_ELEMENT_NODE || !n->name) return false;
  if (dropped(n)) {
    add_text(h, " ", 1);
    return false;
  }
  table *t = &h->t;
  if (is(n, "table")) {
    if (layout(n)) {
      block_break(h);
      set_blank(h);
    } else if (!h->in_table) {
      start_table(h, n);
    }
    return true;
  }
  if (h->in_table && !t->in_cell) {
    if (is(n, "tr")) {
      end_row(h);
      start_row(h, n);
      return true;
    }
    if (is(n, "td") || is(n, "th")) {
      start_cell(h, n);
      return true;
    }
  }
  if (is(n, "br")) {
    if (h->in_table && t->in_cell) add_text(h, " ", 1);
    else jx_buf_ch(&h->para, '\n');
    return false;
  }
  if (in_list(n, BLOCK)) {
    block_break(h);
    if (is(n, "pre")) h->pre++;
    if (is(n, "p")) h->p_mark = h->w.out.n;
    if (is(n, "hr")) set_blank(h);
  }
  return true;
}

static void leave(html *h, xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE) {
    if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
      if (h->in_table) end_table(h);
      flush_para(h);
    }
    return;
  }
  table *t = &h->t;
  if (is(n, "table")) {
    if (h->in_table && n == t->node) end_table(h);
    else if (layout(n)) {
      block_break(h);
      set_blank(h);
    }
    return;
  }
  if (h->in_table && t->in_cell && n == t->cell_node) {
    end_cell(h);
    return;
  }
  if (h->in_table && t->row_open && n == t->row_node) {
    end_row(h);
    return;
  }
  if (in_list(n, BLOCK)) {
    bool in_cell = h->in_table && t->in_cell;
    block_break(h);
    if (is(n, "pre") && h->pre) h->pre--;
    if (is(n, "p") && !in_cell && h->w.out.n == h->p_mark) set_blank(h); /* an empty paragraph parts the text */
  }
}

static void walk(html *h, xmlNode *root) {
  xmlNode *n = root;
  while (n && !h->failed) {
    bool in = enter(h, n);
    if (in && n->children) {
      n = n->children;
      continue;
    }
    if (in) leave(h, n);
    for (;;) {
      if (h->failed || n == root) return;
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      if (!n) return;
      leave(h, n);
    }
  }
}

static void XMLCALL quiet(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }

/* docread.h: the page data[0..n) as table text (*out malloc'd, *len its bytes; name is
 * the page's address for libxml2).  An empty page is an empty text.  JX_ERR_DATA when
 * it passes a bound (JX_DOCREAD_MAX_INPUT bytes, MAX_COLS columns a row, MAX_CELLS
 * cells, JX_DOCREAD_MAX_TEXT written) or cannot be parsed; err then holds one Chinese
 * sentence. */
jx_status jx_html_to_text(const char *name, const char *data, size_t n, char **out, size_t *len, char *err,
                          size_t errlen) {
  *out = NULL;
  *len = 0;
  if (errlen) err[0] = '\0';
  if (n > JX_DOCREAD_MAX_INPUT) {
    snprintf(err, errlen, "HTML 页面有 %zu 字节，超过导入上限 %zu MB，拒绝读取", n, JX_DOCREAD_MAX_INPUT >> 20);
    return JX_ERR_DATA;
  }
  if (!n) {
    *out = jx_xmalloc(1);
    (*out)[0] = '\0';
    return JX_OK;
  }
  char declared[64] = "";
  const char *enc = page_encoding(data, n, declared, sizeof declared);
  char *fixed = NULL;
  if (!strcmp(enc, "UTF-8")) {
    size_t multi = 0, bad = 0;
    utf8_counts((const unsigned char *)data, n, &multi, &bad);
    if (bad) {
      fixed = utf8_repaired(data, n, &n);
      data = fixed;
      if (n > JX_DOCREAD_MAX_INPUT) {
        free(fixed);
        snprintf(err, errlen, "HTML 页面修补无效的 UTF-8 字节后超过导入上限 %zu MB，拒绝读取", JX_DOCREAD_MAX_INPUT >> 20);
        return JX_ERR_DATA;
      }
    }
  }
  /* libxml2 reports conversion errors through its generic handler even with NOERROR */
  xmlGenericErrorFunc old_fn = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  xmlDoc *doc = htmlReadMemory(data, (int)n, name, enc,
                               HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER |
                                   HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  xmlSetGenericErrorFunc(old_ctx, old_fn);
  free(fixed);
  if (!doc) {
    snprintf(err, errlen, "HTML 页面无法解析（编码 %s）", enc);
    return JX_ERR_DATA;
  }
  mark_tables((xmlNode *)doc);
  html h = {.err = err, .errlen = errlen};
  walk(&h, (xmlNode *)doc);
  xmlFreeDoc(doc);
  free(h.para.p);
  free(h.t.cell.p);
  free(h.t.row.p);
  free(h.t.span);
  if (h.failed) {
    free(h.w.out.p);
    return JX_ERR_DATA;
  }
  if (!h.w.out.p) h.w.out.p = jx_xcalloc(1, 1);
  *out = h.w.out.p;
  *len = h.w.out.n;
  return JX_OK;
}
