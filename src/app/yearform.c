/* yearform.c — the whole department-year as a form (yearform.h): walks the file format's
 * schema over the model, places each field by the layout table, and says where each
 * reference's value comes from in words. */
#include "app/yearform.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/metrics.h"
#include "model/ref.h"
#include "model/schema.h"

const char *jx_form_kind_name(jx_form_kind k) {
  static const char *const names[] = {"text", "money", "number", "percent", "date", "nature"};
  return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "text";
}

typedef struct {
  jx_form *f;
  size_t cap, cap_lists;
  const jx_doc *doc;
  const jx_result *res;
  const char *src; /* the file's bytes (comments), or NULL */
  size_t src_len;
  jx_arena *a;
  int money_decimals;
} walker;

/* The context of the item being walked: its label and what its fields need to know. */
typedef struct {
  const char *group;  /* "" outside a list item */
  uint32_t item_line;
  const char *unit;   /* the item's 度量单位 (values are read in it) */
  jx_nature nature;
  const char *metric; /* an analysis claim's metric */
} context;

static bool path_has_prefix(const char *path, const char *prefix) {
  size_t n = strlen(prefix);
  return !strncmp(path, prefix, n) && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

static long section_of(const char *path) {
  for (size_t i = 0; i < jx_form_layout_n_places; i++)
    if (path_has_prefix(path, jx_form_layout_places[i].prefix)) return (long)jx_form_layout_places[i].section;
  return -1;
}

static bool hidden_key(const char *key) {
  for (const char *const *k = jx_form_layout_hidden; *k; k++)
    if (!strcmp(*k, key)) return true;
  return false;
}

static const char *join_path(walker *w, const char *prefix, const char *key) {
  return *prefix ? jx_arena_printf(w->a, "%s.%s", prefix, key) : jx_arena_strdup(w->a, key);
}

static jx_form_field *add(walker *w, const char *path, const char *name, const context *c, jx_form_kind kind,
                          const char *text, uint32_t line) {
  long s = section_of(path);
  if (s < 0) return NULL;
  if (w->f->n == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 64;
    w->f->fields = jx_arena_grow(w->a, w->f->fields, w->f->n, w->cap, sizeof *w->f->fields);
  }
  jx_form_field *fl = &w->f->fields[w->f->n++];
  memset(fl, 0, sizeof *fl);
  fl->section = (size_t)s;
  fl->path = path;
  fl->name = name;
  fl->group = c->group;
  fl->label = *c->group ? jx_arena_printf(w->a, "%s · %s", c->group, name) : name;
  fl->kind = kind;
  fl->text = text ? text : "";
  fl->unit = "";
  size_t chars = 0; /* characters, not bytes: a Chinese text of 40 characters is long */
  for (const unsigned char *t = (const unsigned char *)fl->text; *t; t++) chars += (*t & 0xC0) != 0x80;
  fl->multiline = kind == JX_FORM_TEXT && chars > 40;
  fl->line = line;
  fl->item_line = c->item_line;
  return fl;
}

/* The comment at the end of line `line` of the file, trimmed ("7个专门委员会"), or NULL. */
static const char *line_comment(walker *w, uint32_t line) {
  if (!w->src || !line) return NULL;
  const char *p = w->src, *end = w->src + w->src_len;
  for (uint32_t l = 1; l < line && p < end; l++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    p = nl ? nl + 1 : end;
  }
  const char *eol = memchr(p, '\n', (size_t)(end - p));
  if (!eol) eol = end;
  const char *hash = NULL; /* " #" outside quotes starts a comment */
  char quote = 0;
  for (const char *q = p; q < eol && !hash; q++) {
    if (quote) {
      if (*q == quote) quote = 0;
    } else if (*q == '"' || *q == '\'') {
      quote = *q;
    } else if (*q == '#' && q > p && (q[-1] == ' ' || q[-1] == '\t')) {
      hash = q;
    }
  }
  if (!hash) return NULL;
  hash++;
  while (hash < eol && (*hash == ' ' || *hash == '\t')) hash++;
  const char *e = eol;
  while (e > hash && (e[-1] == ' ' || e[-1] == '\r' || e[-1] == '\t')) e--;
  return e > hash ? jx_arena_strndup(w->a, hash, (size_t)(e - hash)) : NULL;
}

static bool ascii_word(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80) return false;
  return true;
}

static bool has_latin_letter(const char *s) {
  for (; *s; s++)
    if (isalpha((unsigned char)*s)) return true;
  return false;
}

static const char *money_text(walker *w, const jx_money *m) {
  if (!m->set) return "";
  char b[40];
  return jx_arena_strdup(w->a, jx_format_decimal(m->fen, w->money_decimals, b, sizeof b));
}

static const char *num_text(walker *w, const jx_num *n) {
  if (!n->set) return "";
  char b[40];
  return jx_arena_strdup(w->a, jx_format_decimal(n->v, 6, b, sizeof b));
}

static const char *value_text(walker *w, const jx_value *v) {
  if (v->kind == JX_VAL_REF && v->text) return jx_arena_printf(w->a, "= %s", v->text[0] == '=' ? v->text + 1 : v->text);
  if (v->written) return v->written;
  if (v->text) return v->text;
  if (v->kind != JX_VAL_NUMBER) return "";
  char b[40];
  return jx_arena_printf(w->a, "%s%s", jx_format_decimal(v->num, 6, b, sizeof b), v->percent ? "%" : "");
}

static jx_form_kind value_kind(const jx_value *v, const context *c) {
  if (v->kind == JX_VAL_TEXT) return JX_FORM_TEXT;
  if (v->kind == JX_VAL_NONE && c->nature == JX_NATURE_QUAL) return JX_FORM_TEXT;
  if (v->percent || (c->unit && !strcmp(c->unit, "%"))) return JX_FORM_PERCENT;
  return JX_FORM_NUMBER;
}

static void walk(walker *w, const jx_schema *s, const char *base, const char *prefix, const char *ctx_zh,
                 const context *c);

/* The label of list item i: "指标 4：对政协工作的认知度". */
static const char *item_label(walker *w, const jx_schema *s, const char *elem, const char *zh, size_t i) {
  for (size_t k = 0; k < s->n; k++) {
    const jx_field *f = &s->fields[k];
    if (f->type == F_TEXT && (!strcmp(f->key, "name") || !strcmp(f->key, "title"))) {
      const char *name = *(const char *const *)(elem + f->offset);
      if (name && *name) return jx_arena_printf(w->a, "%s %zu：%s", zh, i + 1, name);
    }
  }
  return jx_arena_printf(w->a, "%s %zu", zh, i + 1);
}

static uint32_t struct_line(const jx_schema *s, const char *elem, bool *has_pos) {
  *has_pos = false;
  for (size_t k = 0; k < s->n; k++)
    if (s->fields[k].type == F_POS) {
      *has_pos = true;
      return ((const jx_pos *)(elem + s->fields[k].offset))->line;
    }
  return 0;
}

/* An item's unit and nature, which its values are read with. */
static void item_context(const jx_schema *s, const char *elem, context *c) {
  for (size_t k = 0; k < s->n; k++) {
    const jx_field *f = &s->fields[k];
    if (f->type == F_TEXT && !strcmp(f->key, "unit")) c->unit = *(const char *const *)(elem + f->offset);
    if (f->type == F_NATURE && !strcmp(f->key, "nature")) c->nature = *(const jx_nature *)(elem + f->offset);
    if (f->type == F_TEXT && !strcmp(f->key, "metric")) c->metric = *(const char *const *)(elem + f->offset);
  }
}

static jx_form_kind item_field_kind(jx_field_type t) {
  switch (t) {
  case F_MONEY: return JX_FORM_MONEY;
  case F_NUM:
  case F_COUNT:
  case F_INT: return JX_FORM_NUMBER;
  case F_NATURE: return JX_FORM_NATURE;
  case F_DATE: return JX_FORM_DATE;
  default: return JX_FORM_TEXT;
  }
}

/* A list on the form: path, its Chinese name, its count, and (a list of mappings, sub) the
 * scalar fields a new item is written with. */
static void add_list(walker *w, const char *path, const jx_field *f, const context *c, size_t items) {
  long s = section_of(path);
  if (s < 0) return;
  if (w->f->n_lists == w->cap_lists) {
    w->cap_lists = w->cap_lists ? w->cap_lists * 2 : 16;
    w->f->lists = jx_arena_grow(w->a, w->f->lists, w->f->n_lists, w->cap_lists, sizeof *w->f->lists);
  }
  jx_form_list *l = &w->f->lists[w->f->n_lists++];
  *l = (jx_form_list){.section = (size_t)s, .path = path, .name = f->zh, .group = c->group, .items = items};
  if (f->type != F_LIST) return;
  jx_form_item_field *fs = jx_arena_alloc(w->a, (f->sub->n + 1) * sizeof *fs);
  size_t k = 0;
  for (size_t i = 0; i < f->sub->n; i++) {
    const jx_field *sf = &f->sub->fields[i];
    if (!*sf->key || !jx_field_is_scalar(sf) || hidden_key(sf->key)) continue;
    fs[k++] = (jx_form_item_field){sf->key, sf->zh, item_field_kind(sf->type), sf->type == F_MONEY ? w->f->money_unit : "",
                                   sf->required};
  }
  l->fields = fs;
  l->n_fields = k;
}

static void close_item(walker *w, size_t first) {
  uint32_t end = 0;
  for (size_t i = first; i < w->f->n; i++)
    if (w->f->fields[i].line > end) end = w->f->fields[i].line;
  for (size_t i = first; i < w->f->n; i++) w->f->fields[i].item_end = end;
}

static void walk_list(walker *w, const jx_field *f, const char *base, const char *path, const context *parent) {
  const struct { const char *items; size_t n; } *l = (const void *)(base + f->offset);
  add_list(w, path, f, parent, l->n);
  for (size_t i = 0; i < l->n; i++) {
    const char *elem = l->items + i * f->elem_size;
    bool has_pos;
    context c = *parent;
    c.group = item_label(w, f->sub, elem, f->zh, i);
    c.item_line = struct_line(f->sub, elem, &has_pos);
    c.unit = NULL;
    c.nature = JX_NATURE_NONE;
    c.metric = NULL;
    item_context(f->sub, elem, &c);
    size_t first = w->f->n;
    walk(w, f->sub, elem, jx_arena_printf(w->a, "%s[%zu]", path, i), c.group, &c);
    close_item(w, first);
  }
}

/* An analysis item written as its text alone ("goal_setting: …") is one text field; one
 * with a checkable claim shows its text, nature and value, and the value the year computes. */
static void walk_struct(walker *w, const jx_field *f, const char *elem, const char *path, const char *ctx_zh,
                        const char *name, const context *parent) {
  bool has_pos;
  uint32_t line = struct_line(f->sub, elem, &has_pos);
  if (has_pos && line == 0) return; /* not in the file */
  context c = *parent;
  item_context(f->sub, elem, &c);
  if (f->sub->text_shortcut && !c.metric) {
    const char *text = *(const char *const *)(elem + f->sub->text_shortcut - 1);
    context t = *parent;
    if (!*t.group) t.group = ctx_zh ? ctx_zh : "";
    jx_form_field *fl = add(w, path, f->zh, &t, JX_FORM_TEXT, text, line);
    if (fl) fl->multiline = true;
    return;
  }
  const char *zh = name;
  if (c.metric) {
    c.group = zh;
    c.item_line = line;
  }
  size_t first = w->f->n;
  walk(w, f->sub, elem, path, zh, &c);
  if (c.metric) close_item(w, first);
}

static void walk(walker *w, const jx_schema *s, const char *base, const char *prefix, const char *ctx_zh,
                 const context *c) {
  for (size_t k = 0; k < s->n; k++) {
    const jx_field *f = &s->fields[k];
    if (!*f->key || hidden_key(f->key)) continue;
    const char *path = join_path(w, prefix, f->key);
    /* a field's own name carries its part's where it stands alone: "编制数 · 合计" */
    const char *name = ctx_zh && *ctx_zh && !*c->group ? jx_arena_printf(w->a, "%s · %s", ctx_zh, f->zh) : f->zh;
    const char *p = base + f->offset;
    switch (f->type) {
    case F_TEXT: {
      uint32_t line = f->pos_offset ? ((const jx_pos *)(base + f->pos_offset - 1))->line : 0;
      add(w, path, name, c, JX_FORM_TEXT, *(const char *const *)p, line);
      break;
    }
    case F_DATE: add(w, path, name, c, JX_FORM_DATE, *(const char *const *)p, 0); break;
    case F_TEXTLIST: {
      const jx_strlist *l = (const jx_strlist *)p;
      add_list(w, path, f, c, l->n);
      context t = *c;
      if (!*t.group) t.group = name;
      for (size_t i = 0; i < l->n; i++)
        add(w, jx_arena_printf(w->a, "%s[%zu]", path, i), jx_arena_printf(w->a, "第 %zu 条", i + 1), &t, JX_FORM_TEXT,
            l->items[i], 0);
      break;
    }
    case F_MONEY: {
      const jx_money *m = (const jx_money *)p;
      jx_form_field *fl = add(w, path, name, c, JX_FORM_MONEY, money_text(w, m), m->pos.line);
      if (fl) fl->unit = w->f->money_unit;
      break;
    }
    case F_NUM:
    case F_COUNT: {
      const jx_num *n = (const jx_num *)p;
      add(w, path, name, c, JX_FORM_NUMBER, num_text(w, n), n->pos.line);
      break;
    }
    case F_NATURE: {
      jx_nature n = *(const jx_nature *)p;
      add(w, path, name, c, JX_FORM_NATURE, n == JX_NATURE_NONE ? "" : jx_nature_symbol(n), 0);
      break;
    }
    case F_VALUE: {
      const jx_value *v = (const jx_value *)p;
      jx_form_field *fl = add(w, path, name, c, value_kind(v, c), value_text(w, v), v->pos.line);
      if (!fl) break;
      fl->unit = c->unit ? c->unit : "";
      if (v->kind == JX_VAL_REF) {
        fl->reference = true;
        fl->resolved = v->resolved;
        if (v->resolved) {
          char b[40];
          fl->value = jx_arena_strdup(w->a, jx_format_num(v->num, b, sizeof b));
        }
      }
      if (c->metric && w->res) { /* a checkable claim: what the year's own figures give */
        const jx_metric_value *mv = jx_result_metric(w->res, c->metric);
        if (mv) {
          fl->name = jx_arena_printf(w->a, "%s（所称%s）", f->zh, mv->label);
          fl->label = jx_arena_printf(w->a, "%s · %s", fl->group, fl->name);
          if (mv->known) {
            char b[40];
            fl->value = jx_arena_printf(w->a, "%s%%", jx_format_num(mv->value, b, sizeof b));
            fl->source = jx_arena_printf(w->a, "按本年数据计算：%s", mv->derivation ? mv->derivation : "");
          }
        }
      }
      break;
    }
    case F_NAMED_NUM:
    case F_NAMED_MONEY: {
      const struct { const jx_named_num *items; size_t n; } *l = (const void *)p;
      const struct { const jx_named_money *items; size_t n; } *lm = (const void *)p;
      for (size_t i = 0; i < l->n; i++) {
        const char *key = f->type == F_NAMED_NUM ? l->items[i].name : lm->items[i].name;
        const char *np = jx_arena_printf(w->a, "%s.%s", path, key);
        const char *nn = jx_arena_printf(w->a, "%s · %s", name, key);
        if (f->type == F_NAMED_NUM) {
          add(w, np, nn, c, JX_FORM_NUMBER, num_text(w, &l->items[i].value), l->items[i].value.pos.line);
        } else {
          jx_form_field *fl =
              add(w, np, nn, c, JX_FORM_MONEY, money_text(w, &lm->items[i].amount), lm->items[i].amount.pos.line);
          if (fl) fl->unit = w->f->money_unit;
        }
      }
      break;
    }
    case F_COUNTS: { /* each count a number named by its key; one with parts is left to the file */
      const jx_countlist *l = (const jx_countlist *)p;
      for (size_t i = 0; i < l->n; i++) {
        const jx_count *ct = &l->items[i];
        if (ct->parts.n) continue;
        jx_form_field *fl = add(w, jx_arena_printf(w->a, "%s.%s", path, ct->key), jx_arena_printf(w->a, "%s · %s", name, ct->key),
                                c, JX_FORM_NUMBER, num_text(w, &ct->total), ct->total.pos.line);
        /* a comment in Chinese says what an English key counts; a note of the file's author
         * in other words (English, a path) is not for the page */
        const char *note = fl && ascii_word(ct->key) ? line_comment(w, ct->total.pos.line) : NULL;
        if (note && !has_latin_letter(note)) fl->hint = jx_arena_printf(w->a, "文件中的说明：%s", note);
      }
      break;
    }
    case F_GROUP: walk(w, f->sub, base, path, *c->group ? NULL : f->zh, c); break;
    case F_STRUCT: walk_struct(w, f, p, path, ctx_zh, name, c); break;
    case F_PTR: {
      const char *elem = *(const char *const *)p;
      if (elem) walk(w, f->sub, elem, path, NULL, c);
      break;
    }
    case F_LIST: walk_list(w, f, base, path, c); break;
    default: break; /* settings, flags: not on the form */
    }
  }
}

/* ---- references in words -------------------------------------------------------------- */

static const jx_form_field *field_at(const jx_form *f, const char *path) {
  for (size_t i = 0; i < f->n; i++)
    if (!strcmp(f->fields[i].path, path)) return &f->fields[i];
  return NULL;
}

/* "work.items[8].counts.trainings" → "工作事项 9“…”中的一项数量" */
static const char *path_in_words(walker *w, const char *path) {
  const jx_form_field *fl = field_at(w->f, path);
  /* a count of the profile named in English is said in words (below), never by its key */
  bool english_count = path_has_prefix(path, "profile.counts") && ascii_word(path + strlen("profile.counts"));
  if (fl && !english_count) return fl->label;
  unsigned long item = 0;
  char *end = NULL;
  if (!strncmp(path, "work.items[", 11) && isdigit((unsigned char)path[11]) && (item = strtoul(path + 11, &end, 10), *end == ']') &&
      item < w->doc->work.n) {
    const char *title = w->doc->work.items[item].title ? w->doc->work.items[item].title : "";
    const char *dash = strstr(title, "——");
    if (dash) title = dash + strlen("——");
    return jx_arena_printf(w->a, "工作事项 %lu“%s”中的一项数量", item + 1, title);
  }
  if (path_has_prefix(path, "profile.counts")) return "部门基本情况中的一项数量";
  return "本年数据中的一项";
}

/* The expression with each path replaced by its label and value: "在职人数 · 合计（34）". */
static const char *source_in_words(walker *w, const char *expr) {
  char *out = jx_arena_strdup(w->a, "");
  const char *p = expr;
  while (*p) {
    if (isalpha((unsigned char)*p) || *p == '_') {
      const char *q = p;
      while (*q && (isalnum((unsigned char)*q) || *q == '_' || *q == '.' || *q == '[' || *q == ']')) q++;
      const char *path = jx_arena_strndup(w->a, p, (size_t)(q - p));
      jx_diags d = {0};
      int64_t fen = 0, num = 0;
      jx_ref_type t = jx_ref_eval(w->doc, path, (jx_pos){0}, &d, &fen, &num);
      jx_diags_free(&d);
      char b[40];
      const char *val = t == JX_REF_MONEY ? jx_arena_printf(w->a, "%s%s", jx_format_decimal(fen, w->money_decimals, b, sizeof b), w->f->money_unit)
                        : t == JX_REF_NUMBER ? jx_arena_strdup(w->a, jx_format_num(num, b, sizeof b))
                                             : "无法取得";
      out = jx_arena_printf(w->a, "%s%s（%s）", out, path_in_words(w, path), val);
      p = q;
    } else if (*p == ' ') {
      p++;
    } else if (strchr("+-*/()", *p)) {
      out = jx_arena_printf(w->a, "%s %c ", out, *p);
      p++;
    } else {
      const char *q = p;
      while (*q && *q != ' ' && !strchr("+-*/()", *q)) q++;
      out = jx_arena_printf(w->a, "%s%.*s", out, (int)(q - p), p);
      p = q;
    }
  }
  return out;
}

void jx_year_form(const jx_doc *doc, const jx_result *res, const char *src, size_t src_len, jx_arena *a, jx_form *out) {
  memset(out, 0, sizeof *out);
  out->sections = jx_form_layout_sections;
  out->n_sections = jx_form_layout_n_sections;
  out->money_unit = doc->money_unit_fen == JX_FEN_PER_YUAN ? "元" : "万元";
  walker w = {.f = out, .doc = doc, .res = res, .src = src, .src_len = src_len, .a = a, .money_decimals = doc->money_unit_fen == JX_FEN_PER_YUAN ? 2 : 6};
  context c = {.group = ""};
  walk(&w, &jx_doc_schema, (const char *)doc, "", NULL, &c);
  /* the fields in the layout's section order, each section in file order */
  jx_form_field *sorted = jx_arena_alloc(a, (out->n ? out->n : 1) * sizeof *sorted);
  size_t k = 0;
  for (size_t s = 0; s < out->n_sections; s++)
    for (size_t i = 0; i < out->n; i++)
      if (out->fields[i].section == s) sorted[k++] = out->fields[i];
  out->fields = sorted;
  for (size_t i = 0; i < out->n; i++) {
    jx_form_field *fl = &out->fields[i];
    if (fl->reference) fl->source = source_in_words(&w, fl->text + 1);
  }
}

long jx_form_field_for(const jx_form *f, const jx_diag *d) {
  uint32_t line = d->pos.line;
  if (!line) return -1;
  for (size_t i = 0; i < f->n; i++)
    if (f->fields[i].line == line) return (long)i;
  for (size_t i = 0; i < f->n; i++)
    if (f->fields[i].item_line && f->fields[i].item_line <= line && line <= f->fields[i].item_end + 1) return (long)i;
  return -1;
}
