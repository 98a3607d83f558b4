/* decl.c — jx_decl_load / jx_decl_parse / jx_decl_sniff: read and check one declaration file (kind: declaration). */
#include "parse/decl.h"

#include <stdlib.h>
#include <string.h>

#include "model/decl.h"
#include "model/schema.h"
#include "parse/bind.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"
#include "util/text.h"

#define JX_SCHEMA_VERSION "jixiao/1"
#define JX_DECL_KIND "declaration"

void jx_decl_read_value(jx_decl_indicator *ind) {
  jx_target_read(ind->value, &ind->read);
  ind->not_applicable = jx_decl_text_not_applicable(ind->value) || jx_decl_text_not_applicable(ind->name);
}

/* ---- sniffing -------------------------------------------------------------------------- */

/* The value of a top-level `kind:` line at p (after the key), unquoted: does it say
 * declaration?  Trailing blanks and a comment are allowed. */
static bool kind_is_declaration(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  char q = '\0';
  if (p < end && (*p == '"' || *p == '\'')) q = *p++;
  size_t n = strlen(JX_DECL_KIND);
  if ((size_t)(end - p) < n || memcmp(p, JX_DECL_KIND, n) != 0) return false;
  p += n;
  if (q) {
    if (p == end || *p != q) return false;
    p++;
  }
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
  return p == end || *p == '\n' || *p == '#';
}

bool jx_decl_sniff(const char *data, size_t len) {
  if (!data) return false;
  const char *p = data, *end = data + len;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = eol ? eol : end;
    /* a key at column 0 is a key of the top-level mapping; nested keys are indented */
    if (line_end - p >= 5 && !memcmp(p, "kind", 4)) {
      const char *k = p + 4;
      while (k < line_end && (*k == ' ' || *k == '\t')) k++;
      if (k < line_end && *k == ':') return kind_is_declaration(k + 1, line_end);
    }
    if (!eol) break;
    p = eol + 1;
  }
  return false;
}

/* ---- checks after binding ---------------------------------------------------------------- */

typedef struct {
  jx_decl *d;
  jx_diags *diags;
  const jx_node *root;
} loader;

/* The item i of the list `key` of the top level, if it is a mapping. */
static const jx_node *list_item(const jx_node *map, const char *key, size_t i) {
  const jx_node *l = jx_map_get(map, key);
  if (!l || l->type != JX_NODE_SEQ || i >= l->n || l->items[i]->type != JX_NODE_MAP) return NULL;
  return l->items[i];
}

static jx_pos pos_of(const jx_node *map, const char *key, jx_pos fallback) {
  const jx_node *n = map ? jx_map_get(map, key) : NULL;
  return n ? n->pos : fallback;
}

/* Does the `read:` node written in the file say what the reading says? */
static bool read_agrees(const jx_node *n, const jx_decl_read_form *f) {
  if (n->type == JX_NODE_SCALAR) return f->word && !strcmp(n->text, f->word);
  if (n->type != JX_NODE_MAP || f->word) return false;
  const jx_node *nat = jx_map_get(n, "nature"), *num = jx_map_get(n, "number"), *hi = jx_map_get(n, "number_hi"),
                *unit = jx_map_get(n, "unit"), *date = jx_map_get(n, "date");
  if (!nat != !f->nature || !num != !f->has_number || !hi != !f->has_hi || !unit != !f->unit || !date != !*f->date)
    return false;
  if (date && (date->type != JX_NODE_SCALAR || strcmp(date->text, f->date) != 0)) return false;
  if (nat && (nat->type != JX_NODE_SCALAR ||
              strcmp(jx_nature_symbol(jx_nature_parse(nat->text, false, NULL)), f->nature) != 0))
    return false;
  int64_t v;
  bool pct;
  const char *why;
  if (num && (num->type != JX_NODE_SCALAR || !jx_parse_num(num->text, &v, &pct, &why) || pct || v != f->number))
    return false;
  if (hi && (hi->type != JX_NODE_SCALAR || !jx_parse_num(hi->text, &v, &pct, &why) || pct || v != f->number_hi))
    return false;
  return !unit || (unit->type == JX_NODE_SCALAR && !strcmp(unit->text, f->unit));
}

static void settle_indicators(loader *l) {
  jx_decl *d = l->d;
  if (!d->indicators.n && jx_map_get(l->root, "indicators"))
    jx_diag_add(l->diags, "JX808", JX_ERROR, pos_of(l->root, "indicators", l->root->pos),
                "申报没有任何绩效指标：indicators（绩效指标）至少要有一项");
  for (size_t i = 0; i < d->indicators.n; i++) {
    jx_decl_indicator *ind = &d->indicators.items[i];
    const jx_node *node = list_item(l->root, "indicators", i);
    ind->level1 = jx_decl_str(d, ind->level1);
    ind->level2 = jx_decl_str(d, ind->level2);
    ind->name = jx_decl_str(d, ind->name);
    ind->value = jx_decl_str(d, ind->value);
    ind->explanation = jx_decl_str(d, ind->explanation);
    jx_decl_read_value(ind);
    jx_decl_read_form f;
    jx_decl_read_form_of(ind, &f);
    jx_pos vpos = pos_of(node, "value", ind->pos);
    if (f.word && !strcmp(f.word, "无法读取"))
      jx_diag_add(l->diags, "JX803", JX_WARNING, vpos,
                  "指标“%s”的指标值“%s”无法读取：有数字，但读不出数值和单位（写作如 ≥6场、90%%-95%%、不超过42万元）",
                  ind->name, jx_text_visible(d->arena, ind->value));
    const jx_node *read = node ? jx_map_get(node, "read") : NULL;
    if (read && !read_agrees(read, &f))
      jx_diag_add(l->diags, "JX804", JX_NOTE, read->pos, "指标“%s”的 read 与指标值“%s”重新读取的结果（%s）不同，以重新读取的为准",
                  ind->name, jx_text_visible(d->arena, ind->value), jx_decl_read_text(d->arena, ind));
  }
}

static void check_amounts(loader *l) {
  jx_decl *d = l->d;
  char a[48], b[48];
  int dec = d->money_unit_fen == JX_FEN_PER_YUAN ? 2 : 6;
  const char *unit = d->money_unit_fen == JX_FEN_PER_YUAN ? "元" : "万元";
  if (d->total.set && d->this_year.set && d->this_year.fen > d->total.fen)
    jx_diag_add(l->diags, "JX805", JX_WARNING, d->this_year.pos, "本年金额 %s %s 大于项目总金额 %s %s",
                jx_format_decimal(d->this_year.fen, dec, a, sizeof a), unit, jx_format_decimal(d->total.fen, dec, b, sizeof b),
                unit);
  if (d->by_source.n && d->this_year.set) {
    int64_t sum = 0;
    for (size_t i = 0; i < d->by_source.n; i++)
      if (d->by_source.items[i].amount.set) sum += d->by_source.items[i].amount.fen; /* each ≤ JX_MAX_MONEY_FEN */
    if (sum != d->this_year.fen)
      jx_diag_add(l->diags, "JX805", JX_WARNING, pos_of(jx_map_get(l->root, "amounts"), "by_source", d->this_year.pos),
                  "本年金额按来源合计 %s %s，与本年金额 %s %s 不等", jx_format_decimal(sum, dec, a, sizeof a), unit,
                  jx_format_decimal(d->this_year.fen, dec, b, sizeof b), unit);
  }
}

/* The indicator a change names ("三级" or "二级/三级"); -1 when none, -2 when several. */
static long find_indicator(const jx_decl *d, const char *name) {
  long found = -1;
  for (size_t i = 0; i < d->indicators.n; i++)
    if (!strcmp(d->indicators.items[i].name, name)) found = found == -1 ? (long)i : -2;
  if (found != -1) return found;
  const char *slash = strchr(name, '/');
  if (!slash) return -1;
  size_t l2 = (size_t)(slash - name);
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *ind = &d->indicators.items[i];
    if (strlen(ind->level2) == l2 && !strncmp(ind->level2, name, l2) && !strcmp(ind->name, slash + 1))
      found = found == -1 ? (long)i : -2;
  }
  return found;
}

static void check_adjustments(loader *l) {
  jx_decl *d = l->d;
  const char **current = jx_arena_alloc(d->arena, (d->indicators.n + 1) * sizeof *current);
  for (size_t i = 0; i < d->indicators.n; i++) current[i] = d->indicators.items[i].value;
  int64_t this_year = d->this_year.fen;
  const char *last_date = NULL;
  for (size_t a = 0; a < d->adjustments.n; a++) {
    jx_decl_adjustment *adj = &d->adjustments.items[a];
    if (!adj->date) adj->date = "";
    if (!adj->reason) adj->reason = "";
    if (!adj->approver) adj->approver = "";
    if (last_date && *adj->date && strcmp(adj->date, last_date) < 0)
      jx_diag_add(l->diags, "JX809", JX_WARNING, adj->pos, "动态调整应按日期先后排列：%s 的调整写在 %s 的调整之后", adj->date,
                  last_date);
    if (*adj->date) last_date = adj->date;
    const jx_node *adj_node = list_item(l->root, "adjustments", a);
    const jx_node *changes = adj_node ? jx_map_get(adj_node, "changes") : NULL;
    for (size_t k = 0; k < adj->changes.n; k++) {
      jx_decl_change *c = &adj->changes.items[k];
      const jx_node *cn = changes && changes->type == JX_NODE_SEQ && k < changes->n ? changes->items[k] : NULL;
      const jx_node *field = cn && cn->type == JX_NODE_MAP ? jx_map_get(cn, "field") : NULL;
      if (!c->indicator) {
        if (!field || field->type != JX_NODE_SCALAR || strcmp(field->text, "this_year") != 0) {
          jx_diag_add(l->diags, "JX806", JX_ERROR, field ? field->pos : c->pos,
                      "调整内容应写明 indicator（调整的三级指标）或 field: this_year（调整本年金额）");
          continue;
        }
        int64_t fen;
        const char *why;
        if (c->from && (!jx_parse_money(c->from, d->money_unit_fen, &fen, &why) || fen != this_year))
          jx_diag_add(l->diags, "JX807", JX_WARNING, pos_of(cn, "from", c->pos), "本年金额调整前“%s”与申报（或上次调整后）的金额不符",
                      c->from);
        if (c->to && jx_parse_money(c->to, d->money_unit_fen, &fen, &why)) this_year = fen;
        else if (c->to) jx_diag_add(l->diags, "JX806", JX_ERROR, pos_of(cn, "to", c->pos), "本年金额调整后“%s”不是有效的金额：%s", c->to, why);
        continue;
      }
      long i = find_indicator(d, c->indicator);
      if (i == -2) {
        jx_diag_add(l->diags, "JX806", JX_ERROR, pos_of(cn, "indicator", c->pos),
                    "调整的指标“%s”不唯一：有几个同名的三级指标，请写作“二级指标/三级指标”", c->indicator);
        continue;
      }
      if (i == -1) {
        if (c->from) /* from omitted: an indicator added by the adjustment */
          jx_diag_add(l->diags, "JX806", JX_ERROR, pos_of(cn, "indicator", c->pos),
                      "调整的指标“%s”不在申报的绩效指标中（新增指标请不写 from）", c->indicator);
        continue;
      }
      if (c->from && (!current[i] || strcmp(c->from, current[i]) != 0))
        jx_diag_add(l->diags, "JX807", JX_WARNING, pos_of(cn, "from", c->pos),
                    "指标“%s”调整前的值“%s”与申报（或上次调整后）的指标值“%s”不符", c->indicator, c->from,
                    current[i] ? current[i] : "（已删除）");
      current[i] = c->to;
    }
  }
}

static void check_header(loader *l) {
  jx_decl *d = l->d;
  if (!d->name) d->name = "";
  if (!d->unit) d->unit = "";
  if (!d->department) d->department = "";
  d->name = jx_decl_str(d, d->name);
  d->unit = jx_decl_str(d, d->unit);
  d->department = jx_decl_str(d, d->department);
  if (d->code) d->code = jx_decl_str(d, d->code);
  d->policy_basis = jx_decl_str(d, d->policy_basis);
  d->calc_basis = jx_decl_str(d, d->calc_basis);
  d->annual_goal = jx_decl_str(d, d->annual_goal);
  if (d->scope == JX_DECL_PROJECT && jx_map_get(l->root, "scope") && (!d->code || !*d->code))
    jx_diag_add(l->diags, "JX802", JX_ERROR, pos_of(l->root, "scope", l->root->pos),
                "项目申报（scope: project）缺少项目编码：请写 code（如 code: \"440306221390300100088\"）");
  const char *why = d->code && *d->code ? jx_code_problem(d->arena, d->code) : NULL;
  if (why) jx_diag_add(l->diags, "JX802", JX_ERROR, pos_of(l->root, "code", l->root->pos), "项目编码无效：%s", why);
}

/* ---- loading ------------------------------------------------------------------------------ */

jx_status jx_decl_parse(const char *name, const char *data, size_t len, jx_decl **out, jx_diags *diags) {
  *out = NULL;
  size_t errors_before = diags->n_error;
  jx_decl *d = jx_decl_new(JX_DECL_PROJECT);
  jx_arena *arena = d->arena;
  d->path = jx_arena_strdup(arena, name ? name : "<input>");
  jx_node *root = jx_yaml_parse(arena, d->path, data, len, diags);
  if (!root) {
    jx_decl_free(d);
    return JX_ERR_DATA;
  }
  jx_node *kind = root->type == JX_NODE_MAP ? jx_map_get(root, "kind") : NULL;
  if (!kind || kind->type != JX_NODE_SCALAR || strcmp(kind->text, JX_DECL_KIND) != 0) {
    if (kind && kind->type == JX_NODE_SCALAR)
      jx_diag_add(diags, "JX801", JX_ERROR, kind->pos,
                  "这不是绩效目标申报文件：kind 为“%s”（部门年度数据文件，docs/format.md）；申报文件应写 kind: declaration（docs/declaration.md）",
                  kind->text);
    else
      jx_diag_add(diags, "JX801", JX_ERROR, root->pos,
                  "这不是绩效目标申报文件：顶层没有 kind: declaration（docs/declaration.md）");
    jx_decl_free(d);
    return JX_ERR_DATA;
  }
  jx_node *schema = jx_map_get(root, "schema");
  if (schema && schema->type == JX_NODE_SCALAR && strcmp(schema->text, JX_SCHEMA_VERSION) != 0)
    jx_diag_add(diags, "JX111", JX_ERROR, schema->pos, "不支持的格式版本“%s”：本程序读取 %s", schema->text, JX_SCHEMA_VERSION);
  jx_node *mu = jx_map_get(root, "money_unit");
  if (mu && mu->type == JX_NODE_SCALAR) {
    char *t = jx_text_fold(arena, mu->text);
    if (strcmp(t, "万元") == 0) d->money_unit_fen = JX_FEN_PER_WAN;
    else if (strcmp(t, "元") == 0) d->money_unit_fen = JX_FEN_PER_YUAN;
    else jx_diag_add(diags, "JX114", JX_ERROR, mu->pos, "金额单位“%s”无效：应为 万元 或 元", mu->text);
  }
  jx_binder b = {.arena = arena, .diags = diags, .money_unit_fen = d->money_unit_fen};
  jx_bind_map(&b, &jx_decl_schema, root, d, "文件顶层");

  loader l = {.d = d, .diags = diags, .root = root};
  check_header(&l);
  settle_indicators(&l);
  check_amounts(&l);
  check_adjustments(&l);
  *out = d;
  return diags->n_error > errors_before ? JX_ERR_DATA : JX_OK;
}

jx_status jx_decl_load(const char *path, jx_decl **out, jx_diags *diags) {
  *out = NULL;
  size_t len = 0;
  char *data;
  jx_status rst = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (rst != JX_OK) return rst;
  jx_status st = jx_decl_parse(path, data, len, out, diags);
  free(data);
  return st;
}
