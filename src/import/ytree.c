/* ytree.c — the importer's output: an ordered tree of values that remember their source
 * lines, written as YAML in the layout of docs/format.md.  Every value carries a
 * "# L123" comment; scalars are quoted whenever a plain scalar could be misread. */
#include <stdio.h>
#include <string.h>

#include "import/import.h"
#include "model/emit.h"

jx_ynode *jx_y_new(jx_arena *a, jx_ykind kind) {
  jx_ynode *n = jx_arena_alloc(a, sizeof *n);
  n->kind = kind;
  return n;
}

static void append(jx_ynode *parent, jx_ynode *n) {
  if (parent->last) parent->last->next = n;
  else parent->first = n;
  parent->last = n;
  parent->count++;
}

jx_ynode *jx_y_find(const jx_ynode *m, const char *key) {
  if (!m || m->kind != JX_Y_MAP) return NULL;
  for (jx_ynode *c = m->first; c; c = c->next)
    if (c->key && strcmp(c->key, key) == 0) return c;
  return NULL;
}

jx_ynode *jx_y_child(jx_arena *a, jx_ynode *m, const char *key, jx_ykind kind) {
  jx_ynode *c = jx_y_find(m, key);
  if (c) return c;
  c = jx_y_new(a, kind);
  c->key = jx_arena_strdup(a, key);
  append(m, c);
  return c;
}

jx_ynode *jx_y_set(jx_arena *a, jx_ynode *m, const char *key, const char *text, uint32_t line, uint32_t line_end) {
  jx_ynode *c = jx_y_child(a, m, key, JX_Y_SCALAR);
  c->kind = JX_Y_SCALAR;
  c->text = text;
  c->line = line;
  c->line_end = line_end > line ? line_end : line;
  return c;
}

jx_ynode *jx_y_set_new(jx_arena *a, jx_ynode *m, const char *key, const char *text, uint32_t line, uint32_t line_end) {
  if (jx_y_find(m, key)) return NULL;
  return jx_y_set(a, m, key, text, line, line_end);
}

jx_ynode *jx_y_push(jx_arena *a, jx_ynode *s, const char *text, uint32_t line, uint32_t line_end) {
  jx_ynode *c = jx_y_new(a, JX_Y_SCALAR);
  c->text = text;
  c->line = line;
  c->line_end = line_end > line ? line_end : line;
  if (s->count < JX_IMPORT_MAX_ITEMS) append(s, c);
  return c;
}

jx_ynode *jx_y_push_map(jx_arena *a, jx_ynode *s) {
  jx_ynode *c = jx_y_new(a, JX_Y_MAP);
  /* past the bound on one list, the entry is written nowhere: the rest is not read */
  if (s->count < JX_IMPORT_MAX_ITEMS) append(s, c);
  return c;
}

size_t jx_y_count(const jx_ynode *n) { return n ? n->count : 0; }

void jx_y_drop_last(jx_ynode *s) {
  if (!s || !s->first) return;
  if (s->first == s->last) {
    s->first = s->last = NULL;
  } else {
    jx_ynode *p = s->first;
    while (p->next != s->last) p = p->next;
    p->next = NULL;
    s->last = p;
  }
  s->count--;
}

/* ---- writing ------------------------------------------------------------------------- */

typedef struct {
  jx_arena *a;
  char *buf;
  size_t len, cap;
  uint32_t *map; /* YAML line → source line */
  size_t map_n, map_cap;
} out_t;

static void put(out_t *o, const char *s, size_t n) {
  if (o->len + n + 1 > o->cap) {
    size_t cap = o->cap ? o->cap : 4096;
    while (o->len + n + 1 > cap) cap *= 2;
    o->buf = jx_arena_grow(o->a, o->buf, o->len, cap, 1);
    o->cap = cap;
  }
  memcpy(o->buf + o->len, s, n);
  o->len += n;
  o->buf[o->len] = '\0';
}

static void puts_(out_t *o, const char *s) { put(o, s, strlen(s)); }

static void indent(out_t *o, int n) {
  for (int i = 0; i < n; i++) put(o, " ", 1);
}

/* End a YAML line that holds something of source line src. */
static void endline(out_t *o, uint32_t src) {
  put(o, "\n", 1);
  if (o->map_n + 1 >= o->map_cap) {
    size_t cap = o->map_cap ? o->map_cap * 2 : 256;
    o->map = jx_arena_grow(o->a, o->map, o->map_n, cap, sizeof *o->map);
    o->map_cap = cap;
  }
  if (o->map_n == 0) o->map[o->map_n++] = 0; /* [0] unused: lines are 1-based */
  o->map[o->map_n++] = src;
}

static bool empty(const jx_ynode *n) {
  if (!n) return true;
  if (n->kind == JX_Y_SCALAR) return !n->text || !*n->text;
  for (const jx_ynode *c = n->first; c; c = c->next)
    if (!empty(c)) return false;
  return true;
}

static uint32_t first_line(const jx_ynode *n) {
  if (n->kind == JX_Y_SCALAR) return n->line;
  for (const jx_ynode *c = n->first; c; c = c->next)
    if (!empty(c)) {
      uint32_t l = first_line(c);
      if (l) return l;
    }
  return 0;
}

static void comment(out_t *o, const jx_ynode *n) {
  char b[64];
  bool any = false;
  if (n->line) {
    if (n->line_end > n->line) snprintf(b, sizeof b, "  # L%u–%u", n->line, n->line_end);
    else snprintf(b, sizeof b, "  # L%u", n->line);
    puts_(o, b);
    any = true;
  }
  if (n->comment && *n->comment) {
    puts_(o, any ? "；" : "  # ");
    puts_(o, n->comment);
  }
}

static void above(out_t *o, const jx_ynode *n, int ind) {
  if (!n->above || !*n->above) return;
  indent(o, ind);
  puts_(o, "# ");
  puts_(o, n->above);
  endline(o, n->line);
}

static void emit_node(out_t *o, const jx_ynode *n, int ind);

/* The source line that stands for a list item: its name's, else its first. */
static uint32_t item_line(const jx_ynode *m) {
  const jx_ynode *n = jx_y_find(m, "name");
  if (n && !empty(n) && n->line) return n->line;
  return first_line(m);
}

static void emit_entries(out_t *o, const jx_ynode *m, int ind, bool first_inline) {
  for (const jx_ynode *c = m->first; c; c = c->next) {
    if (empty(c)) continue;
    bool dash_line = first_inline;
    if (!first_inline) {
      above(o, c, ind);
      indent(o, ind);
    }
    first_inline = false;
    puts_(o, jx_yaml_quote(o->a, c->key ? c->key : "?"));
    if (c->kind == JX_Y_SCALAR) {
      puts_(o, ": ");
      puts_(o, jx_yaml_quote(o->a, c->text));
      comment(o, c);
      /* a diagnostic about the whole item sits on its dash line: map it to the item */
      endline(o, dash_line ? item_line(m) : c->line);
    } else {
      puts_(o, ":");
      if (c->comment) {
        puts_(o, "  # ");
        puts_(o, c->comment);
      }
      endline(o, first_line(c));
      emit_node(o, c, ind + 2);
    }
  }
}

static void emit_node(out_t *o, const jx_ynode *n, int ind) {
  if (n->kind == JX_Y_MAP) {
    emit_entries(o, n, ind, false);
    return;
  }
  for (const jx_ynode *c = n->first; c; c = c->next) {
    if (empty(c)) continue;
    const jx_ynode *f = NULL;
    if (c->kind == JX_Y_MAP)
      for (f = c->first; f && empty(f); f = f->next) {
      }
    const char *ab = c->above ? c->above : f ? f->above : NULL;
    if (ab && *ab) {
      indent(o, ind);
      puts_(o, "# ");
      puts_(o, ab);
      endline(o, first_line(c));
    }
    indent(o, ind);
    puts_(o, "- ");
    if (c->kind == JX_Y_SCALAR) {
      puts_(o, jx_yaml_quote(o->a, c->text));
      comment(o, c);
      endline(o, c->line);
    } else if (c->kind == JX_Y_MAP) {
      emit_entries(o, c, ind + 2, true); /* the first entry goes on the dash line */
    } else {
      endline(o, first_line(c));
      emit_node(o, c, ind + 2);
    }
  }
}

char *jx_y_emit(jx_arena *a, const jx_ynode *root, const char *header, size_t *len, uint32_t **linemap, size_t *nlines) {
  out_t o = {.a = a};
  if (header) {
    const char *p = header;
    while (*p) {
      const char *e = strchr(p, '\n');
      size_t n = e ? (size_t)(e - p) : strlen(p);
      puts_(&o, n ? "# " : "#");
      put(&o, p, n);
      endline(&o, 0);
      p += n + (e ? 1 : 0);
    }
    endline(&o, 0);
  }
  emit_node(&o, root, 0);
  if (!o.buf) put(&o, "", 0);
  *len = o.len;
  *linemap = o.map;
  *nlines = o.map_n;
  return o.buf;
}
