/* bind.c — the generic schema binder: YAML nodes into model structs, every problem a diagnostic. */
#include "parse/bind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/diag.h"
#include "util/text.h"

typedef struct { void *items; size_t n; } any_list;
typedef jx_named_num named_num;
typedef jx_named_money named_money;

#define AT(base, off, T) ((T *)((char *)(base) + (off)))

static bool want_type(jx_binder *b, const jx_node *n, jx_node_type t, const char *key, const char *zh) {
  if (n->type == t) return true;
  const char *want = t == JX_NODE_MAP ? "映射（键: 值）" : t == JX_NODE_SEQ ? "列表" : "文本或数字";
  jx_diag_add(b->diags, "JX110", JX_ERROR, n->pos, "“%s”（%s）应为%s，这里是%s", key, zh, want, jx_node_type_name(n));
  return false;
}

/* The symbols of 指标性质 as written after folding (full-width forms fold to these). */
static const struct {
  const char *s;
  jx_nature n;
} nature_symbols[] = {
    {">=", JX_NATURE_GE}, {"<=", JX_NATURE_LE}, {"==", JX_NATURE_EQ}, {"≥", JX_NATURE_GE}, {"≧", JX_NATURE_GE},
    {"⩾", JX_NATURE_GE},  {"≤", JX_NATURE_LE},  {"≦", JX_NATURE_LE},  {"⩽", JX_NATURE_LE}, {"=", JX_NATURE_EQ},
    {">", JX_NATURE_GT},  {"<", JX_NATURE_LT},  {"定性", JX_NATURE_QUAL}, {"定量", JX_NATURE_QUANT},
};

static jx_nature nature_exact(const char *folded) {
  for (size_t i = 0; i < sizeof nature_symbols / sizeof nature_symbols[0]; i++)
    if (strcmp(folded, nature_symbols[i].s) == 0) return nature_symbols[i].n;
  return JX_NATURE_NONE;
}

jx_nature jx_nature_parse(const char *text, bool prefix, size_t *consumed) {
  char buf[64];
  if (!text) return JX_NATURE_NONE;
  if (!prefix) { /* the common case: written exactly as in the table */
    jx_nature n = nature_exact(text);
    if (n != JX_NATURE_NONE) return n;
    return jx_text_fold_buf(text, buf, sizeof buf) ? nature_exact(buf) : JX_NATURE_NONE;
  }
  /* A symbol followed by more text: try the first 1..4 characters of the original (after
   * leading blanks), folded, and keep the longest that is a symbol, so that *consumed counts
   * bytes of the original whatever folding did (“＞＝95%” uses 6 bytes, not 2). */
  size_t lead = strspn(text, " \t");
  const char *p = text + lead;
  if ((unsigned char)*p < 0x80 && !strchr("<>=", *p)) return JX_NATURE_NONE; /* a digit, most often */
  jx_nature best = JX_NATURE_NONE;
  size_t best_len = 0, len = 0;
  for (int chars = 0; chars < 4 && p[len] && p[len] != ' ' && p[len] != '\t'; chars++) {
    len += jx_u8_len(p + len);
    if (len >= sizeof buf) break;
    memcpy(buf, p, len);
    buf[len] = '\0';
    char folded[sizeof buf];
    jx_nature n = jx_text_fold_buf(buf, folded, sizeof folded) ? nature_exact(folded) : JX_NATURE_NONE;
    if (n != JX_NATURE_NONE) best = n, best_len = len;
  }
  if (best != JX_NATURE_NONE && consumed) *consumed = lead + best_len;
  return best;
}

static bool looks_numeric(const char *s) {
  if (*s == '+' || *s == '-') s++;
  return (*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9');
}

/* The text as written, trimmed of ASCII blanks only: full-width forms are kept. */
static const char *as_written(jx_arena *a, const char *s) {
  size_t i = strspn(s, " \t\r\n"), n = strlen(s);
  while (n > i && strchr(" \t\r\n", s[n - 1])) n--;
  return jx_arena_strndup(a, s + i, n - i);
}

void jx_value_parse(jx_binder *b, const jx_node *node, jx_value *v) {
  memset(v, 0, sizeof *v);
  v->pos = node->pos;
  char *t = jx_text_fold(b->arena, node->text);
  if (!*t) return; /* empty: no value */
  if (jx_target_blank(node->text)) { /* 未填, —, /: unknown, not an error (docs/format.md) */
    v->blank = true;
    v->text = v->written = as_written(b->arena, node->text);
    return;
  }
  if (t[0] == '=' && t[1] != '\0' && !looks_numeric(t + 1 + strspn(t + 1, " "))) {
    v->kind = JX_VAL_REF;
    v->text = t + 1 + strspn(t + 1, " ");
    return;
  }
  const char *written = as_written(b->arena, node->text);
  if (strcmp(written, t) != 0) v->written = written; /* "９５％": kept beside the folded text */
  const char *why;
  if (jx_parse_num(t, &v->num, &v->percent, &why)) {
    v->kind = JX_VAL_NUMBER;
    v->text = t;
    return;
  }
  /* "50个", "3个工作日": a number with its unit.  Texts with an operator or a range
   * ("≥50个", "90%-95%") stay text here; the loader reads them with the indicator's nature. */
  jx_target_reading r;
  if (jx_target_read(node->text, &r) && r.nature == JX_NATURE_NONE && !r.has_hi) {
    v->kind = JX_VAL_NUMBER;
    v->num = r.num;
    v->percent = r.percent;
    v->text = t;
    v->written = written;
    if (*r.unit) v->unit_read = jx_arena_strdup(b->arena, r.unit);
    return;
  }
  if (looks_numeric(t) && !r.readable) {
    jx_diag_add(b->diags, "JX111", JX_ERROR, node->pos, "数值“%s”无效：%s", node->text, why);
    return;
  }
  v->kind = JX_VAL_TEXT;
  v->text = written; /* qualitative text as written: full-width brackets stay full-width */
  v->written = NULL;
}

static void bind_num(jx_binder *b, const jx_node *n, jx_num *out, bool count, const char *zh) {
  out->pos = n->pos;
  const char *why;
  bool pct = false;
  if (!*n->text || jx_target_blank(n->text)) return; /* 未填, —, /: unknown, not an error */
  if (!jx_parse_num(n->text, &out->v, &pct, &why)) {
    jx_diag_add(b->diags, "JX111", JX_ERROR, n->pos, "%s“%s”不是有效的数值：%s", zh, n->text, why);
    return;
  }
  if (count && (pct || out->v < 0 || out->v % JX_NUM_SCALE)) {
    jx_diag_add(b->diags, "JX111", JX_ERROR, n->pos, "%s“%s”应为不小于 0 的整数", zh, n->text);
    return;
  }
  out->set = true;
}

static void bind_money(jx_binder *b, const jx_node *n, jx_money *out, const char *zh) {
  out->pos = n->pos;
  const char *why;
  if (!*n->text) return;
  if (!jx_parse_money(n->text, b->money_unit_fen, &out->fen, &why)) {
    jx_diag_add(b->diags, "JX111", JX_ERROR, n->pos, "%s“%s”不是有效的金额：%s", zh, n->text, why);
    return;
  }
  if (out->fen < 0)
    jx_diag_add(b->diags, "JX111", JX_ERROR, n->pos, "%s不能为负数：%s", zh, n->text);
  out->set = true;
}

static bool parse_int(const char *s, long *v) {
  char *end;
  if (!looks_numeric(s)) return false;
  long x = strtol(s, &end, 10);
  if (*end) return false;
  *v = x;
  return true;
}

static void bind_date(jx_binder *b, const jx_node *n, const char **out, const char *zh) {
  char *t = jx_text_fold(b->arena, n->text);
  int y, m, d;
  char tail;
  if ((t[0] >= '0' && t[0] <= '9') &&
      (sscanf(t, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||      // NOLINT(cert-err34-c): range checked below
       sscanf(t, "%4d年%2d月%2d日%c", &y, &m, &d, &tail) == 3)) { // NOLINT(cert-err34-c)
    /* the written forms differ (2024年6月20日, 2024-6-20); the calendar is util/date's */
    if (y >= 1990 && y <= 2100 && d >= 1 && d <= jx_date_month_days(y, m)) {
      *out = jx_arena_printf(b->arena, "%04d-%02d-%02d", y, m, d);
      return;
    }
  }
  jx_diag_add(b->diags, "JX113", JX_ERROR, n->pos, "%s“%s”不是有效的日期，应写作 YYYY-MM-DD（如 2024-06-20）", zh, n->text);
}

static const jx_field *nearest_field(const jx_schema *s, const char *key) {
  const jx_field *best = NULL;
  size_t best_d = 3;
  for (size_t i = 0; i < s->n; i++) {
    if (!*s->fields[i].key) continue;
    size_t d = jx_edit_distance(key, s->fields[i].key, best_d);
    if (d < best_d || (d == best_d && !best)) {
      if (d <= 2 || (d <= 3 && strlen(key) > 8)) {
        best = &s->fields[i];
        best_d = d;
      }
    }
  }
  return best;
}

static void bind_field(jx_binder *b, const jx_field *f, const jx_node *n, void *base, jx_pos key_pos);
static void bind_map_item(jx_binder *b, const jx_schema *s, const jx_node *node, void *base, const char *zh, size_t index);

static void bind_counts(jx_binder *b, const jx_node *n, jx_countlist *out, const char *zh) {
  if (!want_type(b, n, JX_NODE_MAP, "counts", zh)) return;
  out->items = jx_arena_alloc(b->arena, n->n * sizeof *out->items);
  for (size_t i = 0; i < n->n; i++) {
    const jx_pair *p = &n->pairs[i];
    jx_count *c = &out->items[out->n++];
    c->key = p->key;
    c->pos = p->key_pos;
    if (p->value->type == JX_NODE_SCALAR) {
      bind_num(b, p->value, &c->total, true, p->key);
      continue;
    }
    if (!want_type(b, p->value, JX_NODE_MAP, p->key, "数量")) continue;
    for (size_t k = 0; k < p->value->n; k++) {
      const jx_pair *q = &p->value->pairs[k];
      if (strcmp(q->key, "total") == 0) {
        if (want_type(b, q->value, JX_NODE_SCALAR, "total", "合计")) bind_num(b, q->value, &c->total, true, p->key);
      } else if (strcmp(q->key, "parts") == 0) {
        if (!want_type(b, q->value, JX_NODE_MAP, "parts", "组成部分")) continue;
        c->parts.items = jx_arena_alloc(b->arena, q->value->n * sizeof *c->parts.items);
        for (size_t j = 0; j < q->value->n; j++) {
          const jx_pair *r = &q->value->pairs[j];
          jx_named_num *part = &c->parts.items[c->parts.n++];
          part->name = r->key;
          if (want_type(b, r->value, JX_NODE_SCALAR, r->key, "数量")) bind_num(b, r->value, &part->value, true, r->key);
        }
      } else {
        jx_diag_add(b->diags, "JX121", JX_WARNING, q->key_pos, "未知字段“%s”：数量只能有 total（合计）和 parts（组成部分）", q->key);
      }
    }
    if (!c->total.set && !c->parts.n)
      jx_diag_add(b->diags, "JX120", JX_ERROR, p->value->pos, "数量“%s”缺少 total（合计）", p->key);
  }
}

static void bind_named(jx_binder *b, const jx_field *f, const jx_node *n, void *base) {
  if (!want_type(b, n, JX_NODE_MAP, f->key, f->zh)) return;
  any_list *l = AT(base, f->offset, any_list);
  size_t esz = f->type == F_NAMED_NUM ? sizeof(named_num) : sizeof(named_money);
  l->items = jx_arena_alloc(b->arena, n->n * esz);
  for (size_t i = 0; i < n->n; i++) {
    const jx_pair *p = &n->pairs[i];
    if (!want_type(b, p->value, JX_NODE_SCALAR, p->key, f->zh)) continue;
    if (f->type == F_NAMED_NUM) {
      named_num *e = (named_num *)l->items + l->n++;
      e->name = p->key;
      bind_num(b, p->value, &e->value, true, p->key);
    } else {
      named_money *e = (named_money *)l->items + l->n++;
      e->name = p->key;
      bind_money(b, p->value, &e->amount, p->key);
    }
  }
}

static void bind_field(jx_binder *b, const jx_field *f, const jx_node *n, void *base, jx_pos key_pos) {
  switch (f->type) {
  case F_TEXT:
    if (!want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) return;
    *AT(base, f->offset, const char *) = n->text;
    if (f->pos_offset) *AT(base, f->pos_offset - 1, jx_pos) = n->pos;
    return;
  case F_SKIP:
    want_type(b, n, JX_NODE_SCALAR, f->key, f->zh);
    return;
  case F_TEXTLIST: {
    jx_strlist *l = AT(base, f->offset, jx_strlist);
    if (n->type == JX_NODE_SCALAR) {
      l->items = jx_arena_alloc(b->arena, sizeof *l->items);
      l->items[0] = n->text;
      l->n = 1;
      return;
    }
    if (!want_type(b, n, JX_NODE_SEQ, f->key, f->zh)) return;
    l->items = jx_arena_alloc(b->arena, (n->n ? n->n : 1) * sizeof *l->items);
    for (size_t i = 0; i < n->n; i++)
      if (want_type(b, n->items[i], JX_NODE_SCALAR, f->key, f->zh)) l->items[l->n++] = n->items[i]->text;
    return;
  }
  case F_MONEY:
    if (want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) bind_money(b, n, AT(base, f->offset, jx_money), f->zh);
    return;
  case F_NUM:
  case F_COUNT:
    if (want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) bind_num(b, n, AT(base, f->offset, jx_num), f->type == F_COUNT, f->zh);
    return;
  case F_INT: {
    if (!want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) return;
    long v;
    char *t = jx_text_fold(b->arena, n->text);
    if (!parse_int(t, &v) || v < f->min || v > f->max) {
      jx_diag_add(b->diags, "JX111", JX_ERROR, n->pos, "%s“%s”应为 %ld 到 %ld 之间的整数", f->zh, n->text, f->min, f->max);
      return;
    }
    *AT(base, f->offset, int) = (int)v;
    return;
  }
  case F_VALUE:
    if (want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) jx_value_parse(b, n, AT(base, f->offset, jx_value));
    return;
  case F_NATURE: {
    if (!want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) return;
    jx_nature nat = jx_nature_parse(n->text, false, NULL);
    if (nat == JX_NATURE_NONE && !jx_target_blank(n->text)) /* a blank marker: not given */
      jx_diag_add(b->diags, "JX114", JX_ERROR, n->pos, "%s“%s”无效：应为 =、≥、>、≤、<、定性 或 定量", f->zh, n->text);
    *AT(base, f->offset, jx_nature) = nat;
    return;
  }
  case F_BOOL: {
    if (!want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) return;
    static const char *yes[] = {"true", "yes", "是", "1"}, *no[] = {"false", "no", "否", "0"};
    for (size_t i = 0; i < 4; i++) {
      if (strcmp(n->text, yes[i]) == 0) { *AT(base, f->offset, bool) = true; return; }
      if (strcmp(n->text, no[i]) == 0) { *AT(base, f->offset, bool) = false; return; }
    }
    jx_diag_add(b->diags, "JX111", JX_ERROR, n->pos, "%s“%s”应为 true（是）或 false（否）", f->zh, n->text);
    return;
  }
  case F_DATE:
    if (want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) bind_date(b, n, AT(base, f->offset, const char *), f->zh);
    return;
  case F_ENUM: {
    if (!want_type(b, n, JX_NODE_SCALAR, f->key, f->zh)) return;
    char *t = jx_text_fold(b->arena, n->text);
    for (const jx_enum_name *e = f->names; e->name; e++)
      if (strcmp(t, e->name) == 0) { *AT(base, f->offset, int) = e->value; return; }
    char *opts = jx_arena_strdup(b->arena, "");
    for (const jx_enum_name *e = f->names; e->name; e++)
      opts = jx_arena_printf(b->arena, "%s%s%s", opts, *opts ? "、" : "", e->name);
    jx_diag_add(b->diags, "JX114", JX_ERROR, n->pos, "%s“%s”无效：应为 %s", f->zh, n->text, opts);
    return;
  }
  case F_GROUP:
    jx_bind_map(b, f->sub, n, base, f->zh);
    return;
  case F_STRUCT:
    jx_bind_map(b, f->sub, n, AT(base, f->offset, char), f->zh);
    return;
  case F_PTR: {
    void *obj = jx_arena_alloc(b->arena, f->elem_size);
    *AT(base, f->offset, void *) = obj;
    jx_bind_map(b, f->sub, n, obj, f->zh);
    return;
  }
  case F_LIST: {
    if (!want_type(b, n, JX_NODE_SEQ, f->key, f->zh)) return;
    any_list *l = AT(base, f->offset, any_list);
    l->items = jx_arena_alloc(b->arena, (n->n ? n->n : 1) * f->elem_size);
    l->n = n->n;
    for (size_t i = 0; i < n->n; i++) bind_map_item(b, f->sub, n->items[i], (char *)l->items + i * f->elem_size, f->zh, i + 1);
    return;
  }
  case F_COUNTS:
    bind_counts(b, n, AT(base, f->offset, jx_countlist), f->zh);
    return;
  case F_NAMED_NUM:
  case F_NAMED_MONEY:
    bind_named(b, f, n, base);
    return;
  case F_POS:
  case F_ANY:
    return;
  }
  (void)key_pos;
}

/* What a mapping is called in messages: "年度绩效指标第 3 项" for list items.  Built
 * only when a message needs it. */
static const char *label(jx_binder *b, const char *zh, size_t index) {
  return index ? jx_arena_printf(b->arena, "%s第 %zu 项", zh, index) : zh;
}

void jx_bind_map(jx_binder *b, const jx_schema *s, const jx_node *node, void *base, const char *what) {
  bind_map_item(b, s, node, base, what, 0);
}

static void bind_map_item(jx_binder *b, const jx_schema *s, const jx_node *node, void *base, const char *zh, size_t index) {
  for (size_t i = 0; i < s->n; i++)
    if (s->fields[i].type == F_POS) *AT(base, s->fields[i].offset, jx_pos) = node->pos;
  if (node->type == JX_NODE_SCALAR && s->text_shortcut) {
    *AT(base, s->text_shortcut - 1, const char *) = node->text;
    return;
  }
  if (node->type != JX_NODE_MAP) {
    jx_diag_add(b->diags, "JX110", JX_ERROR, node->pos, "%s应为映射（键: 值），这里是%s", label(b, zh, index), jx_node_type_name(node));
    return;
  }
  uint64_t seen = 0; /* fields present; schemas have at most 64 fields */
  for (size_t i = 0; i < node->n; i++) {
    const jx_pair *p = &node->pairs[i];
    const jx_field *f = NULL;
    for (size_t k = 0; k < s->n; k++)
      if (s->fields[k].key[0] == p->key[0] && s->fields[k].type != F_POS && strcmp(s->fields[k].key, p->key) == 0) {
        f = &s->fields[k];
        seen |= (uint64_t)1 << k;
        break;
      }
    if (!f) {
      const jx_field *near = nearest_field(s, p->key);
      if (near)
        jx_diag_add(b->diags, "JX121", JX_WARNING, p->key_pos, "未知字段“%s”（在%s中），已忽略；是否应为“%s”（%s）？",
                    p->key, label(b, zh, index), near->key, near->zh);
      else
        jx_diag_add(b->diags, "JX121", JX_WARNING, p->key_pos, "未知字段“%s”（在%s中），已忽略", p->key, label(b, zh, index));
      continue;
    }
    bind_field(b, f, p->value, base, p->key_pos);
  }
  for (size_t k = 0; k < s->n; k++) {
    const jx_field *f = &s->fields[k];
    if (!f->required || (seen >> k & 1)) continue;
    jx_diag_add(b->diags, "JX120", JX_ERROR, node->pos, "%s缺少必填字段“%s”（%s）", label(b, zh, index), f->key, f->zh);
  }
}
