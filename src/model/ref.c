/* ref.c — evaluate reference expressions by walking the schema and the bound model together. */
#include "model/ref.h"

#include <stdlib.h>
#include <string.h>

#include "model/schema.h"
#include "util/diag.h"
#include "util/i128.h"

typedef struct {
  jx_doc *doc;
  jx_diags *diags;
  jx_pos pos;
  const jx_value *stack[JX_MAX_REF_DEPTH];
  int depth;
} evaluator;

typedef struct { void *items; size_t n; } any_list;

static jx_ref_type eval_expr(evaluator *e, const char *expr, int64_t *fen, int64_t *num);

/* Next path segment: name and optional [index]. */
static const char *next_segment(const char *p, char *name, size_t cap, long *index, bool *has_index) {
  size_t k = 0;
  *has_index = false;
  while (*p && *p != '.' && *p != '[') {
    if (k + 1 < cap) name[k++] = *p;
    p++;
  }
  name[k] = '\0';
  if (*p == '[') {
    char *end;
    *index = strtol(p + 1, &end, 10);
    if (*end != ']') return NULL;
    *has_index = true;
    p = end + 1;
  }
  if (*p == '.') p++;
  return p;
}

static jx_ref_type value_of(evaluator *e, const jx_value *v, const char *path, int64_t *fen, int64_t *num) {
  (void)fen;
  if (v->kind == JX_VAL_NUMBER) {
    *num = v->num;
    return JX_REF_NUMBER;
  }
  if (v->kind == JX_VAL_REF) {
    for (int i = 0; i < e->depth; i++)
      if (e->stack[i] == v) {
        jx_diag_add(e->diags, "JX123", JX_ERROR, e->pos, "引用形成循环：“%s”最终又引用了自己", path);
        return JX_REF_NONE;
      }
    if (e->depth == JX_MAX_REF_DEPTH) {
      jx_diag_add(e->diags, "JX123", JX_ERROR, e->pos, "引用链过长（超过 %d 层）", JX_MAX_REF_DEPTH);
      return JX_REF_NONE;
    }
    if (v->resolved) {
      *num = v->num;
      return JX_REF_NUMBER;
    }
    e->stack[e->depth++] = v;
    int64_t f2 = 0, n2 = 0;
    jx_ref_type t = eval_expr(e, v->text, &f2, &n2);
    e->depth--;
    if (t == JX_REF_MONEY) { *fen = f2; return t; }
    if (t == JX_REF_NUMBER) { *num = n2; return t; }
    return JX_REF_NONE;
  }
  jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用“%s”的值%s，不是数字", path, v->kind == JX_VAL_TEXT ? "是文字" : "为空");
  return JX_REF_NONE;
}

static jx_ref_type eval_path(evaluator *e, const char *path, int64_t *fen, int64_t *num) {
  const jx_schema *s = &jx_doc_schema;
  void *base = e->doc;
  const char *p = path;
  char name[128];
  long index = 0;
  bool has_index;
  while (*p) {
    p = next_segment(p, name, sizeof name, &index, &has_index);
    if (!p) goto bad_syntax;
    const jx_field *f = NULL;
    for (size_t k = 0; k < s->n; k++)
      if (s->fields[k].type != F_POS && strcmp(s->fields[k].key, name) == 0) { f = &s->fields[k]; break; }
    if (!f) {
      jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：%s中没有字段“%s”", path, s->zh, name);
      return JX_REF_NONE;
    }
    if (has_index && f->type != F_LIST) {
      jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：“%s”不是列表，不能用下标", path, name);
      return JX_REF_NONE;
    }
    char *at = (char *)base + f->offset;
    switch (f->type) {
    case F_GROUP: s = f->sub; break;
    case F_STRUCT: s = f->sub; base = at; break;
    case F_PTR:
      base = *(void **)at;
      s = f->sub;
      if (!base) goto absent;
      break;
    case F_LIST: {
      any_list *l = (any_list *)at;
      if (!has_index) {
        jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：“%s”是列表，需要写下标，如 %s[0]", path, name, name);
        return JX_REF_NONE;
      }
      if (index < 0 || (size_t)index >= l->n) {
        jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：“%s”只有 %zu 项，下标 %ld 超出范围（从 0 开始）", path, name, l->n, index);
        return JX_REF_NONE;
      }
      base = (char *)l->items + (size_t)index * f->elem_size;
      s = f->sub;
      break;
    }
    case F_COUNTS: {
      jx_countlist *cl = (jx_countlist *)at;
      p = next_segment(p, name, sizeof name, &index, &has_index);
      if (!p || !*name) goto bad_syntax;
      for (size_t i = 0; i < cl->n; i++) {
        jx_count *c = &cl->items[i];
        if (strcmp(c->key, name) != 0) continue;
        if (!*p || strcmp(p, "total") == 0) {
          if (!c->total.set) goto absent;
          *num = c->total.v;
          return JX_REF_NUMBER;
        }
        if (strncmp(p, "parts.", 6) == 0)
          for (size_t j = 0; j < c->parts.n; j++)
            if (strcmp(c->parts.items[j].name, p + 6) == 0 && c->parts.items[j].value.set) {
              *num = c->parts.items[j].value.v;
              return JX_REF_NUMBER;
            }
        jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：数量“%s”下没有“%s”", path, name, p);
        return JX_REF_NONE;
      }
      jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：没有名为“%s”的数量", path, name);
      return JX_REF_NONE;
    }
    case F_NAMED_NUM:
    case F_NAMED_MONEY: {
      p = next_segment(p, name, sizeof name, &index, &has_index);
      if (!p || !*name || *p) goto bad_syntax;
      any_list *l = (any_list *)at;
      for (size_t i = 0; i < l->n; i++) {
        if (f->type == F_NAMED_NUM) {
          const jx_named_num *k = (const jx_named_num *)l->items + i;
          if (strcmp(k->name, name) == 0 && k->value.set) { *num = k->value.v; return JX_REF_NUMBER; }
        } else {
          const jx_named_money *k = (const jx_named_money *)l->items + i;
          if (strcmp(k->name, name) == 0 && k->amount.set) { *fen = k->amount.fen; return JX_REF_MONEY; }
        }
      }
      jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：“%s”中没有“%s”", path, f->zh, name);
      return JX_REF_NONE;
    }
    case F_MONEY:
    case F_NUM:
    case F_COUNT:
    case F_INT:
    case F_VALUE:
      if (*p) {
        jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：“%s”是一个数值，后面不能再有路径", path, name);
        return JX_REF_NONE;
      }
      if (f->type == F_MONEY) {
        const jx_money *m = (const jx_money *)at;
        if (!m->set) goto absent;
        *fen = m->fen;
        return JX_REF_MONEY;
      }
      if (f->type == F_INT) {
        *num = (int64_t)*(int *)at * JX_NUM_SCALE;
        return JX_REF_NUMBER;
      }
      if (f->type == F_VALUE) return value_of(e, (const jx_value *)at, path, fen, num);
      {
        const jx_num *x = (const jx_num *)at;
        if (!x->set) goto absent;
        *num = x->v;
        return JX_REF_NUMBER;
      }
    default:
      jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”无效：“%s”（%s）不是数值", path, name, f->zh);
      return JX_REF_NONE;
    }
  }
  jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”指向%s，不是一个数值", path, s->zh);
  return JX_REF_NONE;
absent:
  jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”指向的字段在文件中没有填写", path);
  return JX_REF_NONE;
bad_syntax:
  jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用路径“%s”写法有误：应为 a.b[0].c 的形式", path);
  return JX_REF_NONE;
}

static jx_ref_type eval_expr(evaluator *e, const char *expr, int64_t *fen, int64_t *num) {
  jx_ref_type type = JX_REF_NONE;
  int64_t acc_fen = 0, acc_num = 0;
  const char *p = expr;
  int sign = 1;
  bool first = true;
  while (*p) {
    while (*p == ' ') p++;
    if (!first) {
      if (*p != '+' && *p != '-') {
        jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用表达式“%s”写法有误：各项之间应以 + 或 - 连接", expr);
        return JX_REF_NONE;
      }
      sign = *p == '-' ? -1 : 1;
      p++;
      while (*p == ' ') p++;
    }
    first = false;
    size_t len = strcspn(p, "+- ");
    if (len == 0 || len >= 512) {
      jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用表达式“%s”写法有误：缺少一项", expr);
      return JX_REF_NONE;
    }
    char term[512];
    memcpy(term, p, len);
    term[len] = '\0';
    p += len;
    int64_t f = 0, n = 0;
    jx_ref_type t;
    const char *why;
    bool pct;
    if ((term[0] >= '0' && term[0] <= '9') && jx_parse_num(term, &n, &pct, &why)) t = JX_REF_NUMBER;
    else t = eval_path(e, term, &f, &n);
    if (t == JX_REF_NONE) return JX_REF_NONE;
    if (type != JX_REF_NONE && t != type) {
      jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用表达式“%s”把金额和数量加在一起，无法计算", expr);
      return JX_REF_NONE;
    }
    type = t;
    if (__builtin_add_overflow(acc_fen, sign * f, &acc_fen) || __builtin_add_overflow(acc_num, sign * n, &acc_num)) {
      jx_diag_add(e->diags, "JX112", JX_ERROR, e->pos, "引用表达式“%s”的结果超出范围", expr);
      return JX_REF_NONE;
    }
  }
  if (type == JX_REF_NONE) {
    jx_diag_add(e->diags, "JX122", JX_ERROR, e->pos, "引用表达式为空");
    return JX_REF_NONE;
  }
  *fen = acc_fen;
  *num = acc_num;
  return type;
}

jx_ref_type jx_ref_eval(const jx_doc *doc, const char *expr, jx_pos pos, jx_diags *diags, int64_t *fen, int64_t *num) {
  evaluator e = {.doc = (jx_doc *)doc, .diags = diags, .pos = pos}; /* evaluation only reads */
  return eval_expr(&e, expr, fen, num);
}

/* Money in 分 to a number in the indicator's unit; false if the unit is not money. */
static bool money_to_unit(int64_t fen, const char *unit, int64_t doc_unit, int64_t *num) {
  int64_t per; /* 分 per unit */
  if (!unit || !*unit) per = doc_unit;
  else if (strcmp(unit, "万元") == 0) per = JX_FEN_PER_WAN;
  else if (strcmp(unit, "元") == 0) per = JX_FEN_PER_YUAN;
  else return false;
  /* num = fen / per × SCALE, exact because per divides SCALE × 100 */
  *num = (int64_t)((jx_i128)fen * JX_NUM_SCALE / per);
  return true;
}

static void resolve_value(jx_doc *doc, jx_value *v, const char *unit, jx_diags *diags) {
  if (v->kind != JX_VAL_REF || v->resolved) return;
  evaluator e = {.doc = doc, .diags = diags, .pos = v->pos};
  e.stack[e.depth++] = v;
  int64_t fen = 0, num = 0;
  jx_ref_type t = eval_expr(&e, v->text, &fen, &num);
  if (t == JX_REF_MONEY) {
    if (!money_to_unit(fen, unit, doc->money_unit_fen, &num)) {
      jx_diag_add(diags, "JX122", JX_ERROR, v->pos, "引用“%s”是金额，但度量单位是“%s”，无法换算（应为 万元 或 元）", v->text, unit);
      return;
    }
  }
  if (t != JX_REF_NONE) {
    v->num = num;
    v->resolved = true;
  }
}

static void resolve_list(jx_doc *doc, jx_indicatorlist *l, jx_diags *diags) {
  for (size_t i = 0; i < l->n; i++) {
    resolve_value(doc, &l->items[i].actual, l->items[i].unit, diags);
    resolve_value(doc, &l->items[i].target, l->items[i].unit, diags);
  }
}

void jx_refs_resolve(jx_doc *doc, jx_diags *diags) {
  resolve_list(doc, &doc->indicators, diags);
  for (size_t i = 0; i < doc->projects.n; i++) resolve_list(doc, &doc->projects.items[i].indicators, diags);
  if (doc->project) resolve_list(doc, &doc->project->indicators, diags);
}
