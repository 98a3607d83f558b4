/* yaml_edit.c — scalars of a YAML file replaced in place by libyaml's marks, every other byte kept. */
#include "parse/yaml_edit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "util/text.h"

/* ---- paths ---------------------------------------------------------------------------- */

/* A path is well formed: keys of no ".[]" or control bytes, items as [N]. */
static bool S_path_ok(const char *p) {
  size_t n = strlen(p);
  if (!n || n > JX_YAML_EDIT_MAX_PATH) return false;
  bool need_key = true; /* at the start and after "." */
  while (*p) {
    if (*p == '[') {
      if (need_key) return false;
      p++;
      if (*p < '0' || *p > '9') return false;
      if (*p == '0' && p[1] != ']') return false;
      size_t digits = 0;
      while (*p >= '0' && *p <= '9') p++, digits++;
      if (*p != ']' || digits > 6) return false;
      p++;
      if (*p && *p != '.' && *p != '[') return false;
    } else if (*p == '.') {
      if (need_key) return false;
      need_key = true;
      p++;
    } else {
      size_t k = 0;
      while (*p && *p != '.' && *p != '[') {
        if ((unsigned char)*p < 0x20 || *p == ']' || *p == 0x7f) return false;
        p++, k++;
      }
      if (!k) return false;
      need_key = false;
    }
  }
  return !need_key;
}

/* ---- reading: the marks of every node, by path -------------------------------------- */

typedef struct {
  const char *path;
  int kind;            /* 0 none, 1 scalar, 2 collection */
  size_t start, end;   /* bytes of the scalar as written (tag and anchor refused) */
  yaml_scalar_style_t style;
  bool flow;           /* inside a flow collection */
  size_t key_end;      /* in a mapping: the byte after its key, else 0 */
  size_t key_start;    /* in a mapping: the first byte of its key */
  const char *value;   /* as parsed */
  /* a collection: the end of its last content (scalar or closing bracket), its number of
   * items (a list) and the start of its first item's node */
  size_t content_end, items, first_item;
  bool flow_style;     /* a collection written on one line: [a, b] or {k: v} */
} match;

typedef struct {
  const char *path;
  bool flow;
  bool has_key;
  size_t first_key_start; /* bytes */
  size_t last_end;        /* end of the last value */
  bool last_simple;       /* that value is a plain or quoted scalar */
  size_t close;           /* flow: the byte of "}" */
  bool closed;
} mapinfo;

typedef struct {
  const char *path;
  bool map, flow;
  bool want_key;
  const char *key;
  size_t key_end; /* byte after the current key */
  size_t key_start;
  size_t item;
  size_t info;        /* index in maps */
  size_t match;       /* the caller's index of this collection's path, or n */
  size_t max_end;     /* the end of the last content read in it */
  size_t first_item;  /* the start of its first item's node (a list) */
  bool has_first;
} frame;

typedef struct {
  jx_arena *a;
  const char *data; /* after the BOM */
  size_t len;
  size_t *cp; /* byte offset of each code point, as libyaml counts marks */
  size_t ncp;
  const char **sorted; /* the paths looked for, sorted */
  size_t *order;       /* their indices in the caller's list */
  size_t n;
  match *m;            /* by caller's index */
  mapinfo *maps;
  size_t nmaps, capmaps;
  frame stack[JX_MAX_DEPTH + 2];
  int depth;
  char *err;
  size_t errcap;
} walker;

static void S_fail(walker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_fail(walker *w, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w->err, w->errcap, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): va_start above; clang 14 false positive
  va_end(ap);
}

static size_t S_byte(const walker *w, size_t index) { return index < w->ncp ? w->cp[index] : w->len; }

static void S_code_points(walker *w) {
  w->cp = jx_arena_take(w->a, (w->len + 1) * sizeof *w->cp);
  size_t k = 0;
  for (size_t i = 0; i < w->len; i++)
    if (((unsigned char)w->data[i] & 0xC0) != 0x80) w->cp[k++] = i;
  w->cp[k] = w->len;
  w->ncp = k;
}

static int S_cmp_str(const void *x, const void *y) { return strcmp(*(const char *const *)x, *(const char *const *)y); }

/* The caller's index of path, or n. */
static size_t S_find(const walker *w, const char *path) {
  size_t lo = 0, hi = w->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(w->sorted[mid], path);
    if (!c) return w->order[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return w->n;
}

/* The path of the node about to be read in the container on top of the stack. */
static const char *S_child_path(walker *w) {
  if (!w->depth) return "";
  frame *f = &w->stack[w->depth - 1];
  if (!f->map) return jx_arena_printf(w->a, "%s[%zu]", f->path, f->item);
  if (!f->key) return NULL;
  return *f->path ? jx_arena_printf(w->a, "%s.%s", f->path, f->key) : f->key;
}

static bool S_in_flow(const walker *w) { return w->depth && w->stack[w->depth - 1].flow; }

/* A value (not a key) finished in the container on top: end byte, simple scalar or not. */
static void S_value_done(walker *w, size_t end, bool simple) {
  if (!w->depth) return;
  frame *f = &w->stack[w->depth - 1];
  if (end > f->max_end) f->max_end = end;
  if (f->map) {
    mapinfo *mi = &w->maps[f->info];
    mi->last_end = end;
    mi->last_simple = simple;
    f->want_key = true;
    f->key = NULL;
  } else {
    f->item++;
  }
}

static bool S_push(walker *w, const char *path, bool map, bool flow, size_t start) {
  if (w->depth >= JX_MAX_DEPTH) {
    S_fail(w, "嵌套过深：超过 %d 层的上限", JX_MAX_DEPTH);
    return false;
  }
  frame *f = &w->stack[w->depth++];
  *f = (frame){.path = path ? path : "\x01", .map = map, .flow = flow, .want_key = true, .match = w->n, .max_end = start};
  if (map) {
    if (w->nmaps == w->capmaps)
      w->maps = jx_arena_grow(w->a, w->maps, w->nmaps, w->capmaps = w->capmaps ? w->capmaps * 2 : 64, sizeof *w->maps);
    w->maps[w->nmaps] = (mapinfo){.path = f->path, .flow = flow, .first_key_start = start};
    f->info = w->nmaps++;
  }
  return true;
}

/* Walk data recording the matches of w->sorted and every mapping.  False with w->err set
 * when the file cannot be read or uses anchors. */
static bool S_walk(walker *w) {
  yaml_parser_t p;
  yaml_event_t ev;
  if (!yaml_parser_initialize(&p)) {
    S_fail(w, "内存不足");
    return false;
  }
  yaml_parser_set_input_string(&p, (const unsigned char *)w->data, w->len);
  bool ok = true, done = false;
  int docs = 0;
  while (ok && !done) {
    if (!yaml_parser_parse(&p, &ev)) {
      S_fail(w, "文件不是可读的 YAML（第 %zu 行）：无法逐项修改", p.problem_mark.line + 1);
      ok = false;
      break;
    }
    switch (ev.type) {
    case YAML_STREAM_END_EVENT: done = true; break;
    case YAML_DOCUMENT_START_EVENT:
      if (++docs > 1) {
        S_fail(w, "文件含有多个文档（---）：无法逐项修改");
        ok = false;
      }
      break;
    case YAML_ALIAS_EVENT:
      S_fail(w, "文件使用了别名（*%s）：一处修改会改变多处，无法逐项修改", (const char *)ev.data.alias.anchor);
      ok = false;
      break;
    case YAML_SCALAR_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      const yaml_char_t *anchor = ev.type == YAML_SCALAR_EVENT           ? ev.data.scalar.anchor
                                  : ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                                         : ev.data.mapping_start.anchor;
      if (anchor) {
        S_fail(w, "文件使用了锚点（&%s）：一处修改会改变多处，无法逐项修改", (const char *)anchor);
        ok = false;
        break;
      }
      size_t start = S_byte(w, ev.start_mark.index), end = S_byte(w, ev.end_mark.index);
      frame *top = w->depth ? &w->stack[w->depth - 1] : NULL;
      if (top && top->map && top->want_key) { /* a key */
        top->want_key = false;
        if (ev.type == YAML_SCALAR_EVENT) {
          top->key = jx_arena_strndup(w->a, (const char *)ev.data.scalar.value, ev.data.scalar.length);
          top->key_end = end;
          top->key_start = start;
          if (end > top->max_end) top->max_end = end;
          mapinfo *mi = &w->maps[top->info];
          if (!mi->has_key) {
            mi->has_key = true;
            mi->first_key_start = start;
          }
          break;
        }
        top->key = NULL; /* a complex key: nothing under it can be named */
        if (!S_push(w, NULL, ev.type == YAML_MAPPING_START_EVENT, true, start)) ok = false;
        if (ok) w->stack[w->depth - 1].path = "\x01";
        /* its end pops it; then the value comes with key NULL */
        if (ok) w->stack[w->depth - 1].item = (size_t)-1; /* marks a key container */
        break;
      }
      const char *path = S_child_path(w);
      size_t k = path ? S_find(w, path) : w->n;
      if (top && !top->map && !top->has_first) {
        top->has_first = true;
        top->first_item = start;
      }
      if (k < w->n) {
        w->m[k].flow = S_in_flow(w);
        w->m[k].key_end = top && top->map ? top->key_end : 0;
        w->m[k].key_start = top && top->map ? top->key_start : 0;
        w->m[k].start = start;
        w->m[k].end = end;
      }
      if (ev.type == YAML_SCALAR_EVENT) {
        if (k < w->n) {
          match *m = &w->m[k];
          m->kind = 1;
          m->style = ev.data.scalar.style;
          m->value = jx_arena_strndup(w->a, (const char *)ev.data.scalar.value, ev.data.scalar.length);
          if (ev.data.scalar.tag) {
            S_fail(w, "“%s”带有类型标签（%s）：无法逐项修改", path, (const char *)ev.data.scalar.tag);
            ok = false;
          }
        }
        bool simple = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE || ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                      ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        S_value_done(w, end, simple && !ev.data.scalar.tag);
      } else {
        if (k < w->n) w->m[k].kind = 2;
        bool map = ev.type == YAML_MAPPING_START_EVENT;
        bool flow = map ? ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                        : ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        if (!S_push(w, path, map, flow, start)) ok = false;
        else w->stack[w->depth - 1].match = k;
      }
      break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      if (!w->depth) break;
      frame *f = &w->stack[w->depth - 1];
      if (f->map && f->flow) {
        w->maps[f->info].close = S_byte(w, ev.start_mark.index);
        w->maps[f->info].closed = true;
      }
      bool was_key = f->item == (size_t)-1;
      size_t close_end = S_byte(w, ev.end_mark.index);
      /* a block collection ends where the next token starts: its content ends earlier */
      size_t content = f->flow ? close_end : f->max_end;
      if (f->match < w->n) {
        match *m = &w->m[f->match];
        m->content_end = content;
        m->end = close_end;
        m->items = f->map ? 0 : f->item;
        m->first_item = f->has_first ? f->first_item : content;
        m->flow_style = f->flow;
      }
      w->depth--;
      if (was_key) break; /* the complex key is done; its value follows */
      S_value_done(w, content, false);
      break;
    }
    default: break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&p);
  return ok;
}

/* Set up w for the n paths; false (err set, *failed the path's index) for a bad one. */
static bool S_prepare(walker *w, jx_arena *a, const char *data, size_t len, const char *const *paths, size_t n,
                      size_t *failed, char *err, size_t errcap) {
  memset(w, 0, sizeof *w);
  w->a = a;
  w->err = err;
  w->errcap = errcap;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
  w->data = data;
  w->len = len;
  w->n = n;
  w->sorted = jx_arena_take(a, (n + 1) * sizeof *w->sorted);
  w->order = jx_arena_take(a, (n + 1) * sizeof *w->order);
  w->m = jx_arena_alloc(a, (n + 1) * sizeof *w->m);
  for (size_t i = 0; i < n; i++) {
    if (!paths[i] || !S_path_ok(paths[i])) {
      *failed = i;
      S_fail(w, "第 %zu 项修改的位置“%s”写法不对", i + 1, paths[i] ? jx_text_visible(a, paths[i]) : "");
      return false;
    }
    w->sorted[i] = paths[i];
    w->m[i].path = paths[i];
  }
  qsort(w->sorted, n, sizeof *w->sorted, S_cmp_str);
  for (size_t i = 0; i < n; i++) {
    if (i && !strcmp(w->sorted[i], w->sorted[i - 1])) {
      /* report the later of the two in the caller's order */
      size_t last = 0;
      for (size_t k = 0; k < n; k++)
        if (!strcmp(paths[k], w->sorted[i])) last = k;
      *failed = last;
      S_fail(w, "“%s”在一次修改中出现了两次", w->sorted[i]);
      return false;
    }
  }
  /* order[i]: the caller's index of sorted[i] (paths are unique now) */
  for (size_t k = 0; k < n; k++) {
    const char **hit = bsearch(&paths[k], w->sorted, n, sizeof *w->sorted, S_cmp_str);
    w->order[hit - w->sorted] = k;
  }
  S_code_points(w);
  return true;
}

bool jx_yaml_values(jx_arena *a, const char *data, size_t len, const char *const *paths, size_t n, const char **values,
                    int *kinds, char *err, size_t errcap) {
  walker w;
  size_t failed = 0;
  if (!S_prepare(&w, a, data, len, paths, n, &failed, err, errcap) || !S_walk(&w)) return false;
  for (size_t i = 0; i < n; i++) {
    kinds[i] = w.m[i].kind;
    values[i] = w.m[i].kind == 1 ? w.m[i].value : NULL;
  }
  return true;
}

/* ---- writing a scalar ----------------------------------------------------------------- */

typedef struct {
  char *s;
  size_t n, cap;
  jx_arena *a;
} buf;

static void S_put(buf *b, const char *s, size_t n) {
  if (n > ((size_t)1 << 40)) abort(); /* a negative length: a bug, never data */
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (b->n + n + 1 > cap) cap *= 2;
    b->s = jx_arena_grow(b->a, b->s, b->n, cap, 1);
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = '\0';
}

static void S_puts(buf *b, const char *s) { S_put(b, s, strlen(s)); }

/* Words YAML 1.1 reads as something other than text when written plain. */
static bool S_special_word(const char *v) {
  static const char *const words[] = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", ".nan", ".inf", "-.inf", "+.inf"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (!strcasecmp(v, words[i])) return true;
  return false;
}

/* v can be written as a plain scalar (in flow context when flow) and read back unchanged. */
static bool S_plain_ok(const char *v, bool flow) {
  size_t n = strlen(v);
  if (!n || S_special_word(v)) return false;
  if (strchr("-?:,[]{}#&*!|>'\"%@`", v[0]) && !(v[0] == '-' && n > 1 && v[1] != ' ')) return false;
  if (v[0] == ' ' || v[n - 1] == ' ' || v[n - 1] == ':') return false;
  if (n >= 3 && (!strncmp(v, "---", 3) || !strncmp(v, "...", 3))) return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)v[i];
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ':' && (v[i + 1] == ' ' || (flow && strchr(",[]{}", v[i + 1])))) return false;
    if (c == '#' && i && v[i - 1] == ' ') return false;
    if (flow && strchr(",[]{}", c)) return false;
    /* U+0085, U+2028, U+2029 and U+FEFF are line breaks or a BOM to YAML */
    if (c == 0xC2 && (unsigned char)v[i + 1] == 0x85) return false;
    if (c == 0xE2 && (unsigned char)v[i + 1] == 0x80 && ((unsigned char)v[i + 2] == 0xA8 || (unsigned char)v[i + 2] == 0xA9))
      return false;
    if (c == 0xEF && (unsigned char)v[i + 1] == 0xBB && (unsigned char)v[i + 2] == 0xBF) return false;
  }
  return true;
}

static void S_double_quoted(buf *b, const char *v) {
  S_puts(b, "\"");
  for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
    char e[8];
    switch (*p) {
    case '"': S_puts(b, "\\\""); break;
    case '\\': S_puts(b, "\\\\"); break;
    case '\n': S_puts(b, "\\n"); break;
    case '\r': S_puts(b, "\\r"); break;
    case '\t': S_puts(b, "\\t"); break;
    default:
      if (*p < 0x20 || *p == 0x7f) {
        snprintf(e, sizeof e, "\\x%02X", *p);
        S_puts(b, e);
      } else if (*p == 0xC2 && p[1] == 0x85) {
        S_puts(b, "\\N");
        p++;
      } else if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
        S_puts(b, p[2] == 0xA8 ? "\\L" : "\\P");
        p += 2;
      } else if (*p == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        S_puts(b, "\\uFEFF");
        p += 2;
      } else {
        S_put(b, (const char *)p, 1);
      }
    }
  }
  S_puts(b, "\"");
}

/* v can be written between single quotes: one line, printable. */
static bool S_single_ok(const char *v) {
  for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) return false;
    if (*p == 0xC2 && p[1] == 0x85) return false;
    if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) return false;
    if (*p == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return false;
  }
  return true;
}

static void S_single_quoted(buf *b, const char *v) {
  S_puts(b, "'");
  for (const char *p = v; *p; p++) {
    if (*p == '\'') S_puts(b, "''");
    else S_put(b, p, 1);
  }
  S_puts(b, "'");
}

/* The indentation (bytes of spaces) of the first content line of the block scalar at
 * [start, end), and the end of its last content line. */
static bool S_block_shape(const char *d, size_t start, size_t end, size_t *indent, size_t *content_end) {
  size_t i = start;
  while (i < end && d[i] != '\n') i++; /* the header line: | or > with indicators, a comment */
  if (i >= end) return false;
  size_t line = i + 1;
  *indent = 0;
  bool found = false;
  while (line < end) {
    size_t k = line, sp = 0;
    while (k < end && d[k] == ' ') k++, sp++;
    if (k < end && d[k] != '\n' && d[k] != '\r') {
      *indent = sp;
      found = true;
      break;
    }
    while (k < end && d[k] != '\n') k++;
    line = k + 1;
  }
  if (!found) return false;
  size_t e = end;
  while (e > start && (d[e - 1] == '\n' || d[e - 1] == '\r' || d[e - 1] == ' ')) e--;
  *content_end = e;
  return true;
}

/* v fits a literal block: no control bytes but \n, no trailing spaces on a line, no
 * leading space on its first line, not empty, at most one final newline. */
static bool S_block_ok(const char *v) {
  size_t n = strlen(v);
  if (!n || v[0] == ' ' || v[0] == '\n' || (n >= 2 && v[n - 1] == '\n' && v[n - 2] == '\n')) return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)v[i];
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
    if (c == '\n' && i && v[i - 1] == ' ') return false;
    if (c == '\n' && v[i + 1] == ' ') return false; /* leading space changes the indentation */
    if (c == '\n' && v[i + 1] == '\n') return false; /* keep it simple: no blank lines */
  }
  return !(v[n - 1] == ' ');
}

/* ---- the edit ------------------------------------------------------------------------- */

typedef struct {
  size_t start, end; /* bytes replaced (start == end: inserted) */
  const char *text;
  size_t order;
} splice;

static int S_cmp_splice(const void *x, const void *y) {
  const splice *a = x, *b = y;
  if (a->start != b->start) return a->start < b->start ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

/* The mapping of path's parent and the last key, or NULL when the parent is not a mapping of the file. */
static const mapinfo *S_parent_map(const walker *w, jx_arena *a, const char *path, const char **key) {
  const char *dot = strrchr(path, '.');
  const char *br = strrchr(path, '[');
  if (br && (!dot || br > dot)) return NULL; /* the last step is a list item: not added */
  const char *parent = dot ? jx_arena_strndup(a, path, (size_t)(dot - path)) : "";
  *key = dot ? dot + 1 : path;
  for (size_t i = 0; i < w->nmaps; i++)
    if (!strcmp(w->maps[i].path, parent)) return &w->maps[i];
  return NULL;
}

static void S_indent(buf *b, size_t col) {
  for (size_t s = 0; s < col; s++) S_puts(b, " ");
}

/* The byte after the line that holds the content ending at e (its line break included): a
 * trailing comment goes with it.  A block scalar's content already ends with its break. */
static size_t S_line_after(const walker *w, size_t e) {
  if (e > 0 && e <= w->len && w->data[e - 1] == '\n') return e;
  while (e < w->len && w->data[e] != '\n') e++;
  return e < w->len ? e + 1 : e;
}

/* The column of the node starting at byte at, when only spaces and "- " stand before it on
 * its line; false otherwise. */
static bool S_column(const walker *w, size_t at, size_t *col) {
  size_t ls = at;
  while (ls > 0 && w->data[ls - 1] != '\n') ls--;
  for (size_t k = ls; k < at; k++)
    if (w->data[k] != ' ' && w->data[k] != '-') return false;
  *col = at - ls;
  return true;
}

/* The "- " of the block list item whose node starts at byte at: *dash its byte, *line_start
 * the start of its line (spaces only before it).  False for any other shape. */
static bool S_dash(const walker *w, size_t at, size_t *dash, size_t *line_start) {
  size_t p = at;
  while (p > 0 && w->data[p - 1] == ' ') p--;
  if (p == 0 || w->data[p - 1] != '-') return false;
  *dash = p - 1;
  size_t ls = *dash;
  while (ls > 0 && w->data[ls - 1] != '\n') ls--;
  for (size_t k = ls; k < *dash; k++)
    if (w->data[k] != ' ') return false;
  *line_start = ls;
  return true;
}

/* Where a new key of the block mapping mi goes: after the line of its last value (*at), at
 * the column of its first key (*col); *at_eof when the file ends on that line (a line break
 * goes first).  False with err set when it cannot be added there. */
static bool S_key_place(const walker *w, const mapinfo *mi, const char *path, size_t *at, size_t *col, bool *at_eof,
                        char *err, size_t errcap) {
  if (!mi->has_key || !mi->last_simple) {
    snprintf(err, errcap, "无法在文件中自动添加“%s”（它所在部分的最后一项不是单行的值）：请在整份文件中添加", path);
    return false;
  }
  if (!S_column(w, mi->first_key_start, col)) {
    snprintf(err, errcap, "无法在文件中自动添加“%s”：请在整份文件中添加", path);
    return false;
  }
  *at = mi->last_end;
  while (*at < w->len && w->data[*at] != '\n') (*at)++;
  *at_eof = *at >= w->len;
  if (!*at_eof) (*at)++; /* after the last value's line (its comment stays on it) */
  return true;
}

/* The file after the n splices (sorted here), with the BOM data had, into o; false with err
 * naming names[order] when two overlap. */
static bool S_splice(const walker *w, const char *data, size_t bom, splice *sp, size_t n, const char *const *names, buf *o,
                     size_t *failed, char *err, size_t errcap) {
  qsort(sp, n, sizeof *sp, S_cmp_splice);
  S_put(o, data, bom);
  size_t at = 0;
  for (size_t i = 0; i < n; i++) {
    if (sp[i].start < at) { /* two edits of the same bytes: refused, never merged */
      *failed = sp[i].order;
      snprintf(err, errcap, "“%s”与另一项修改重叠", names[sp[i].order]);
      return false;
    }
    S_put(o, w->data + at, sp[i].start - at);
    S_puts(o, sp[i].text);
    at = sp[i].end;
  }
  S_put(o, w->data + at, w->len - at);
  if (!o->s) S_put(o, "", 0);
  return true;
}

/* What S_read_back expects at a path when it only needs something there. */
static const char S_PRESENT[] = "";

/* Read o back against want: for each path, NULL nothing there, S_PRESENT something there,
 * else that scalar.  Returns n when all hold, the index of the first that does not, or
 * n + 1 with err set when o cannot be read. */
static size_t S_read_back(jx_arena *a, const buf *o, const char *const *paths, const char *const *want, size_t n, char *err,
                          size_t errcap) {
  const char **now = jx_arena_take(a, (n + 1) * sizeof *now);
  int *kinds = jx_arena_take(a, (n + 1) * sizeof *kinds);
  char e2[256];
  if (!jx_yaml_values(a, o->s, o->n, paths, n, now, kinds, e2, sizeof e2)) {
    snprintf(err, errcap, "修改后的文件无法读回（%s）：未修改", e2);
    return n + 1;
  }
  for (size_t i = 0; i < n; i++) {
    bool ok = !want[i] ? kinds[i] == 0 : want[i] == S_PRESENT ? kinds[i] != 0 : kinds[i] == 1 && !strcmp(now[i], want[i]);
    if (!ok) return i;
  }
  return n;
}

jx_status jx_yaml_edit(jx_arena *a, const char *data, size_t len, const jx_yaml_set *sets, size_t n, const char **out,
                       size_t *out_len, size_t *failed, char *err, size_t errcap) {
  *out = NULL;
  *out_len = 0;
  *failed = n;
  if (errcap) err[0] = '\0';
  const char **paths = jx_arena_take(a, (n + 1) * sizeof *paths);
  for (size_t i = 0; i < n; i++) {
    paths[i] = sets[i].path;
    if (!sets[i].value) {
      *failed = i;
      snprintf(err, errcap, "第 %zu 项修改没有给出新值", i + 1);
      return JX_ERR_DATA;
    }
    size_t bad;
    if (!jx_utf8_valid(sets[i].value, strlen(sets[i].value), &bad)) {
      *failed = i;
      snprintf(err, errcap, "“%s”的新值不是有效的 UTF-8 文本", sets[i].path ? sets[i].path : "");
      return JX_ERR_DATA;
    }
  }
  walker w;
  if (!S_prepare(&w, a, data, len, paths, n, failed, err, errcap)) return JX_ERR_DATA;
  if (!S_walk(&w)) return JX_ERR_INVALID;
  size_t bom = (size_t)(w.data - data);
  /* the file's line ending, for added lines */
  const char *nl = memchr(w.data, '\n', w.len);
  const char *eol = nl && nl > w.data && nl[-1] == '\r' ? "\r\n" : "\n";

  splice *sp = jx_arena_take(a, (n + 1) * sizeof *sp);
  for (size_t i = 0; i < n; i++) {
    const match *m = &w.m[i];
    const char *v = sets[i].value;
    buf b = {.a = a};
    *failed = i;
    if (m->kind == 2) {
      snprintf(err, errcap, "“%s”是一组数据（列表或映射），不能当作一个值修改", m->path);
      return JX_ERR_DATA;
    }
    if (m->kind == 1) {
      switch (m->style) {
      case YAML_LITERAL_SCALAR_STYLE:
      case YAML_FOLDED_SCALAR_STYLE: {
        size_t indent, cend;
        if (S_block_ok(v) && S_block_shape(w.data, m->start, m->end, &indent, &cend)) {
          size_t vn = strlen(v);
          bool final_nl = v[vn - 1] == '\n';
          S_puts(&b, final_nl ? "|" : "|-");
          if (indent == 0) indent = 2;
          const char *p = v;
          while (*p) {
            const char *q = strchr(p, '\n');
            size_t ln = q ? (size_t)(q - p) : strlen(p);
            if (!ln && !q) break;
            S_puts(&b, eol);
            for (size_t s = 0; s < indent; s++) S_puts(&b, " ");
            S_put(&b, p, ln);
            if (!q) break;
            p = q + 1;
          }
          sp[i] = (splice){m->start, cend, b.s, i};
          continue;
        }
        S_double_quoted(&b, v);
        /* the whole block goes, up to the end of its last content line */
        cend = m->end;
        while (cend > m->start && (w.data[cend - 1] == '\n' || w.data[cend - 1] == '\r' || w.data[cend - 1] == ' ')) cend--;
        sp[i] = (splice){m->start, cend, b.s, i};
        continue;
      }
      case YAML_SINGLE_QUOTED_SCALAR_STYLE:
        if (S_single_ok(v)) S_single_quoted(&b, v);
        else S_double_quoted(&b, v);
        break;
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE: S_double_quoted(&b, v); break;
      default:
        if (S_plain_ok(v, m->flow)) S_puts(&b, v);
        else S_double_quoted(&b, v);
      }
      size_t at = m->start, to = m->end;
      if (at == to && m->style == YAML_PLAIN_SCALAR_STYLE && m->key_end) {
        /* an empty value (`key:`): written right after the key's colon */
        size_t c = m->key_end;
        while (c < w.len && w.data[c] != ':') c++;
        if (c < w.len) {
          at = to = c + 1;
          buf t = {.a = a};
          S_puts(&t, " ");
          S_puts(&t, b.s);
          b = t;
        }
      }
      sp[i] = (splice){at, to, b.s, i};
      continue;
    }
    /* not in the file: a key added to its mapping */
    const char *key;
    const mapinfo *mi = S_parent_map(&w, a, m->path, &key);
    if (!mi) {
      snprintf(err, errcap, "文件中没有“%s”所在的部分，无法添加", m->path);
      return JX_ERR_DATA;
    }
    if (!S_plain_ok(key, true)) {
      snprintf(err, errcap, "无法添加“%s”：名称“%s”需要加引号", m->path, key);
      return JX_ERR_DATA;
    }
    buf val = {.a = a};
    if (S_plain_ok(v, mi->flow)) S_puts(&val, v);
    else S_double_quoted(&val, v);
    if (mi->flow) {
      if (!mi->closed) {
        snprintf(err, errcap, "无法添加“%s”", m->path);
        return JX_ERR_DATA;
      }
      S_puts(&b, mi->has_key ? ", " : "");
      S_puts(&b, key);
      S_puts(&b, ": ");
      S_puts(&b, val.s);
      size_t at = mi->close;
      if (mi->has_key) /* right after the last value, before spaces and the "}" */
        at = mi->last_end;
      sp[i] = (splice){at, at, b.s, i};
      continue;
    }
    size_t at, col;
    bool at_eof;
    if (!S_key_place(&w, mi, m->path, &at, &col, &at_eof, err, errcap)) return JX_ERR_DATA;
    if (at_eof) S_puts(&b, eol);
    S_indent(&b, col);
    S_puts(&b, key);
    S_puts(&b, ": ");
    S_puts(&b, val.s);
    if (!at_eof) S_puts(&b, eol);
    sp[i] = (splice){at, at, b.s, i};
  }
  buf o = {.a = a};
  if (!S_splice(&w, data, bom, sp, n, paths, &o, failed, err, errcap)) return JX_ERR_DATA;
  *failed = n;

  /* read back: every edited path holds its new value (a final newline of a block the
   * writer could not keep would not) */
  const char **want = jx_arena_take(a, (n + 1) * sizeof *want);
  for (size_t i = 0; i < n; i++) want[i] = sets[i].value;
  size_t bad = S_read_back(a, &o, paths, want, n, err, errcap);
  if (bad > n) return JX_ERR_DATA;
  if (bad < n) {
    *failed = bad;
    snprintf(err, errcap, "“%s”无法按原样写入文件：请在整份文件中修改", sets[bad].path);
    return JX_ERR_DATA;
  }
  *out = o.s;
  *out_len = o.n;
  return JX_OK;
}

/* ---- list items: removed, added ------------------------------------------------------- */

/* "goals[2]" → "goals" and 2; false when the path does not end in an item. */
static bool S_item_of(jx_arena *a, const char *path, const char **list, size_t *index) {
  size_t n = strlen(path);
  if (!n || path[n - 1] != ']') return false;
  const char *br = strrchr(path, '[');
  if (!br || br == path) return false;
  *list = jx_arena_strndup(a, path, (size_t)(br - path));
  *index = (size_t)strtoul(br + 1, NULL, 10);
  return true;
}

/* The scalar v as one YAML value in a block context: plain where it reads back the same,
 * else double-quoted (one line, \n escaped). */
static void S_scalar(buf *b, const char *v) {
  if (S_plain_ok(v, false)) S_puts(b, v);
  else S_double_quoted(b, v);
}

/* The lines of the added item it, at column col, each ending in eol. */
static void S_item_lines(buf *b, const jx_yaml_item *it, size_t col, const char *eol) {
  S_indent(b, col);
  S_puts(b, "- ");
  if (!it->n_keys) {
    S_scalar(b, it->value);
    S_puts(b, eol);
    return;
  }
  for (size_t k = 0; k < it->n_keys; k++) {
    if (k) S_indent(b, col + 2);
    S_puts(b, it->keys[k]);
    S_puts(b, ": ");
    S_scalar(b, it->values[k]);
    S_puts(b, eol);
  }
}

/* An added item is well formed: text, or unique keys YAML reads plain, UTF-8 throughout. */
static bool S_item_ok(const jx_yaml_item *it, size_t i, char *err, size_t errcap) {
  size_t bad;
  if (!it->n_keys) {
    if (!it->value || !jx_utf8_valid(it->value, strlen(it->value), &bad)) {
      snprintf(err, errcap, "第 %zu 项修改：添加的内容不是有效的 UTF-8 文本", i + 1);
      return false;
    }
    return true;
  }
  if (it->n_keys > JX_YAML_ITEMS_MAX_KEYS || !it->keys || !it->values) {
    snprintf(err, errcap, "第 %zu 项修改：添加的一项最多 %d 个字段", i + 1, JX_YAML_ITEMS_MAX_KEYS);
    return false;
  }
  for (size_t k = 0; k < it->n_keys; k++) {
    const char *key = it->keys[k], *v = it->values[k];
    if (!key || !v || !jx_utf8_valid(key, strlen(key), &bad) || !jx_utf8_valid(v, strlen(v), &bad)) {
      snprintf(err, errcap, "第 %zu 项修改：添加的字段不是有效的 UTF-8 文本", i + 1);
      return false;
    }
    if (!S_plain_ok(key, true) || strchr(key, '.') || strchr(key, '[')) {
      snprintf(err, errcap, "第 %zu 项修改：字段名“%s”无法写入", i + 1, key);
      return false;
    }
    for (size_t j = 0; j < k; j++)
      if (!strcmp(it->keys[j], key)) {
        snprintf(err, errcap, "第 %zu 项修改：字段“%s”出现了两次", i + 1, key);
        return false;
      }
  }
  return true;
}

/* lists[i] is not among lists[0..i): each list's changes are made once, at its first. */
static bool S_first_of(const char *const *lists, size_t i) {
  for (size_t k = 0; k < i; k++)
    if (!strcmp(lists[k], lists[i])) return false;
  return true;
}

/* The byte after the colon of the key ending at key_end, or 0. */
static size_t S_after_colon(const walker *w, size_t key_end) {
  size_t c = key_end;
  while (c < w->len && w->data[c] != ':') c++;
  return c < w->len ? c + 1 : 0;
}

jx_status jx_yaml_items(jx_arena *a, const char *data, size_t len, const jx_yaml_item *items, size_t n, const char **out,
                        size_t *out_len, size_t *failed, char *err, size_t errcap) {
  *out = NULL;
  *out_len = 0;
  *failed = n;
  if (errcap) err[0] = '\0';
  /* the paths read: each list changed, each item removed (a list's own path once) */
  const char **lists = jx_arena_take(a, (n + 1) * sizeof *lists);
  size_t *index = jx_arena_take(a, (n + 1) * sizeof *index);
  const char **paths = jx_arena_take(a, (2 * n + 1) * sizeof *paths);
  size_t np = 0;
  for (size_t i = 0; i < n; i++) {
    const jx_yaml_item *it = &items[i];
    *failed = i;
    if ((it->remove != NULL) == (it->list != NULL)) {
      snprintf(err, errcap, "第 %zu 项修改应为删除一项或添加一项之一", i + 1);
      return JX_ERR_DATA;
    }
    if (it->remove) {
      if (!S_path_ok(it->remove) || !S_item_of(a, it->remove, &lists[i], &index[i])) {
        snprintf(err, errcap, "第 %zu 项修改：“%s”不是列表中的一项", i + 1, jx_text_visible(a, it->remove));
        return JX_ERR_DATA;
      }
      for (size_t k = 0; k < i; k++)
        if (items[k].remove && !strcmp(items[k].remove, it->remove)) {
          snprintf(err, errcap, "“%s”在一次修改中删除了两次", it->remove);
          return JX_ERR_DATA;
        }
      paths[np++] = it->remove;
    } else {
      if (!S_path_ok(it->list)) {
        snprintf(err, errcap, "第 %zu 项修改的位置“%s”写法不对", i + 1, jx_text_visible(a, it->list));
        return JX_ERR_DATA;
      }
      if (!S_item_ok(it, i, err, errcap)) return JX_ERR_DATA;
      lists[i] = it->list;
      index[i] = 0;
    }
    if (S_first_of(lists, i)) paths[np++] = lists[i];
  }
  walker w;
  size_t fp;
  if (!S_prepare(&w, a, data, len, paths, np, &fp, err, errcap)) return JX_ERR_DATA; /* checked above: cannot happen */
  if (!S_walk(&w)) {
    *failed = n;
    return JX_ERR_INVALID;
  }
  size_t bom = (size_t)(w.data - data);
  const char *nl = memchr(w.data, '\n', w.len);
  const char *eol = nl && nl > w.data && nl[-1] == '\r' ? "\r\n" : "\n";

  splice *sp = jx_arena_take(a, (2 * n + 1) * sizeof *sp);
  const char **names = jx_arena_take(a, (2 * n + 1) * sizeof *names);
  size_t ns = 0;
  /* the removals, each its own lines */
  for (size_t i = 0; i < n; i++) {
    if (!items[i].remove) continue;
    *failed = i;
    const match *m = &w.m[S_find(&w, items[i].remove)], *l = &w.m[S_find(&w, lists[i])];
    if (l->kind != 2 || !m->kind) {
      snprintf(err, errcap, "文件中没有“%s”", items[i].remove);
      return JX_ERR_DATA;
    }
    size_t dash, ls;
    if (m->flow || !S_dash(&w, m->start, &dash, &ls)) {
      snprintf(err, errcap, "“%s”所在的列表不是逐行书写的，无法自动删除：请在整份文件中修改", items[i].remove);
      return JX_ERR_DATA;
    }
    size_t end = S_line_after(&w, m->kind == 2 ? m->content_end : m->end);
    names[ns] = items[i].remove;
    sp[ns++] = (splice){ls, end, "", i};
  }
  /* each list: its items added at its end, or " []" when none is left */
  for (size_t i = 0; i < n; i++) {
    if (!S_first_of(lists, i)) continue; /* each list once */
    *failed = i;
    const match *l = &w.m[S_find(&w, lists[i])];
    size_t removed = 0, added = 0;
    buf b = {.a = a};
    for (size_t k = i; k < n; k++)
      if (!strcmp(lists[k], lists[i])) {
        if (items[k].remove) removed++;
        else added++;
      }
    if (l->kind == 2 && !l->flow_style && l->items) { /* a block list */
      size_t dash, ls;
      if (!S_dash(&w, l->first_item, &dash, &ls)) {
        snprintf(err, errcap, "“%s”不是逐行书写的列表，无法自动修改：请在整份文件中修改", lists[i]);
        return JX_ERR_DATA;
      }
      if (!added && removed < l->items) continue;
      size_t at = S_line_after(&w, l->content_end);
      if (!added) { /* every item removed: the key says it is empty */
        size_t c = l->key_end ? S_after_colon(&w, l->key_end) : 0;
        if (!c) {
          snprintf(err, errcap, "无法删除“%s”的全部内容：请在整份文件中修改", lists[i]);
          return JX_ERR_DATA;
        }
        names[ns] = lists[i];
        sp[ns++] = (splice){c, c, " []", i};
        continue;
      }
      if (at == w.len && w.len && w.data[w.len - 1] != '\n') S_puts(&b, eol);
      for (size_t k = i; k < n; k++)
        if (!items[k].remove && !strcmp(lists[k], lists[i])) S_item_lines(&b, &items[k], dash - ls, eol);
      names[ns] = lists[i];
      sp[ns++] = (splice){at, at, b.s, i};
      continue;
    }
    if (removed) { /* cannot happen: a removed item's list is a block list with items */
      snprintf(err, errcap, "文件中没有“%s”中的这一项", lists[i]);
      return JX_ERR_DATA;
    }
    bool empty_flow = l->kind == 2 && l->flow_style && !l->items && l->key_end;
    bool empty_plain = l->kind == 1 && l->style == YAML_PLAIN_SCALAR_STYLE && l->key_end &&
                       (!*l->value || !strcmp(l->value, "~") || !strcmp(l->value, "null"));
    if (empty_flow || empty_plain) { /* `key: []` or `key:`: a block list under the key */
      size_t col;
      if (!S_column(&w, l->key_start, &col)) {
        snprintf(err, errcap, "“%s”的写法无法自动添加：请在整份文件中修改", lists[i]);
        return JX_ERR_DATA;
      }
      /* from the key's colon (the spaces after it go) to the end of the value */
      size_t at = S_after_colon(&w, l->key_end), to = l->end > l->start && l->end > at ? l->end : at;
      S_puts(&b, eol);
      for (size_t k = i; k < n; k++)
        if (!strcmp(lists[k], lists[i])) S_item_lines(&b, &items[k], col + 2, eol);
      b.n -= strlen(eol); /* the line break after the value stays the file's */
      b.s[b.n] = '\0';
      names[ns] = lists[i];
      sp[ns++] = (splice){at, to, b.s, i};
      continue;
    }
    if (l->kind) {
      snprintf(err, errcap, "“%s”不是逐行书写的列表，无法自动添加：请在整份文件中修改", lists[i]);
      return JX_ERR_DATA;
    }
    /* not in the file: the key added to its block mapping, the list under it */
    const char *key;
    const mapinfo *mi = S_parent_map(&w, a, lists[i], &key);
    if (!mi || mi->flow) {
      snprintf(err, errcap, "文件中没有“%s”所在的部分，无法添加", lists[i]);
      return JX_ERR_DATA;
    }
    if (!S_plain_ok(key, true)) {
      snprintf(err, errcap, "无法添加“%s”：名称“%s”需要加引号", lists[i], key);
      return JX_ERR_DATA;
    }
    size_t at, col;
    bool at_eof;
    if (!S_key_place(&w, mi, lists[i], &at, &col, &at_eof, err, errcap)) return JX_ERR_DATA;
    if (at_eof) S_puts(&b, eol);
    S_indent(&b, col);
    S_puts(&b, key);
    S_puts(&b, ":");
    S_puts(&b, eol);
    for (size_t k = i; k < n; k++)
      if (!strcmp(lists[k], lists[i])) S_item_lines(&b, &items[k], col + 2, eol);
    if (at_eof) b.s[b.n -= strlen(eol)] = '\0';
    names[ns] = lists[i];
    sp[ns++] = (splice){at, at, b.s, i};
  }
  buf o = {.a = a};
  if (!S_splice(&w, data, bom, sp, ns, names, &o, failed, err, errcap)) return JX_ERR_DATA;

  /* read back: each list's length, each added value */
  size_t nc = 0;
  const char **check = jx_arena_take(a, (2 * n + 2 + n * JX_YAML_ITEMS_MAX_KEYS) * sizeof *check);
  const char **want = jx_arena_take(a, (2 * n + 2 + n * JX_YAML_ITEMS_MAX_KEYS) * sizeof *want);
  size_t *who = jx_arena_take(a, (2 * n + 2 + n * JX_YAML_ITEMS_MAX_KEYS) * sizeof *who);
  for (size_t i = 0; i < n; i++) {
    if (!S_first_of(lists, i)) continue; /* each list once */
    const match *l = &w.m[S_find(&w, lists[i])];
    size_t count = l->kind == 2 ? l->items : 0;
    for (size_t k = i; k < n; k++)
      if (!strcmp(lists[k], lists[i]) && items[k].remove) count--;
    for (size_t k = i; k < n; k++) {
      if (items[k].remove || strcmp(lists[k], lists[i]) != 0) continue;
      const jx_yaml_item *it = &items[k];
      if (!it->n_keys) {
        check[nc] = jx_arena_printf(a, "%s[%zu]", lists[i], count), want[nc] = it->value, who[nc++] = k;
      } else {
        for (size_t f = 0; f < it->n_keys; f++)
          check[nc] = jx_arena_printf(a, "%s[%zu].%s", lists[i], count, it->keys[f]), want[nc] = it->values[f], who[nc++] = k;
      }
      count++;
    }
    check[nc] = jx_arena_printf(a, "%s[%zu]", lists[i], count), want[nc] = NULL, who[nc++] = i; /* one past the end */
    bool appended = false;
    for (size_t k = i; k < n && !appended; k++) appended = !items[k].remove && !strcmp(lists[k], lists[i]);
    if (count && !appended) check[nc] = jx_arena_printf(a, "%s[%zu]", lists[i], count - 1), want[nc] = S_PRESENT, who[nc++] = i;
  }
  size_t bad = S_read_back(a, &o, check, want, nc, err, errcap);
  if (bad > nc) return JX_ERR_DATA;
  if (bad < nc) {
    *failed = who[bad];
    snprintf(err, errcap, "“%s”无法按原样写入文件：请在整份文件中修改", items[who[bad]].remove ? items[who[bad]].remove : lists[who[bad]]);
    return JX_ERR_DATA;
  }
  *failed = n;
  *out = o.s;
  *out_len = o.n;
  return JX_OK;
}
