/* monitor.c — read a checkpoint report (kind: monitoring) and the monitoring rules (kind: monitoring-rules). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"
#include "model/monitor.h"
#include "parse/monitor.h"
#include "parse/yaml_tree.h"
#include "util/date.h"
#include "util/diag.h"

#define JX_MON_KIND "monitoring"
#define JX_MON_RULES_KIND "monitoring-rules"

/* ---- sniffing --------------------------------------------------------------------------- */

bool jx_monreport_sniff(const char *data, size_t len) {
  if (!data) return false;
  const char *p = data, *end = data + len;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = eol ? eol : end;
    if (line_end - p >= 5 && !memcmp(p, "kind", 4)) { /* a top-level key: column 0 */
      const char *k = p + 4;
      while (k < line_end && (*k == ' ' || *k == '\t')) k++;
      if (k >= line_end || *k != ':') goto next;
      k++;
      while (k < line_end && (*k == ' ' || *k == '\t')) k++;
      char q = '\0';
      if (k < line_end && (*k == '"' || *k == '\'')) q = *k++;
      size_t n = strlen(JX_MON_KIND);
      if ((size_t)(line_end - k) < n || memcmp(k, JX_MON_KIND, n) != 0) return false;
      k += n;
      if (q && (k == line_end || *k++ != q)) return false;
      while (k < line_end && (*k == ' ' || *k == '\t' || *k == '\r')) k++;
      return k == line_end || *k == '#';
    }
  next:
    if (!eol) break;
    p = eol + 1;
  }
  return false;
}

/* ---- scalars ------------------------------------------------------------------------------ */

typedef struct {
  jx_monreport *r;
  jx_diags *diags;
} loader;

/* The text of a scalar node; NULL (with a JX871 error naming what) for another node. */
static const char *text_of(loader *l, const jx_node *n, const char *what) {
  if (!n) return NULL;
  if (n->type == JX_NODE_SCALAR) return n->text;
  jx_diag_add(l->diags, "JX871", JX_ERROR, n->pos, "%s应是一段文字，不是%s", what, jx_node_type_name(n));
  return NULL;
}

static const char *field(loader *l, const jx_node *map, const char *key, const char *what) {
  return jx_monreport_str(l->r, text_of(l, map ? jx_map_get(map, key) : NULL, what));
}

/* Keys of map not in known: a JX878 warning each, so nothing written is silently dropped. */
static void unknown_keys(loader *l, const jx_node *map, const char *const *known, const char *where) {
  if (!map || map->type != JX_NODE_MAP) return;
  for (size_t i = 0; i < map->n; i++) {
    bool ok = false;
    for (const char *const *k = known; *k && !ok; k++) ok = !strcmp(*k, map->pairs[i].key);
    if (!ok)
      jx_diag_add(l->diags, "JX878", JX_WARNING, map->pairs[i].key_pos, "%s中的“%s”不是监控报告的字段，已忽略（字段见 docs/monitoring.md）",
                  where, map->pairs[i].key);
  }
}

static const char *money_unit_name(int64_t u) { return u == JX_FEN_PER_YUAN ? "元" : "万元"; }

static void money(loader *l, const jx_node *map, const char *key, const char *what, const char *source, jx_money *out) {
  const jx_node *n = jx_map_get(map, key);
  const char *t = text_of(l, n, what);
  if (!t || !*t) return;
  int64_t fen;
  const char *why;
  if (!jx_parse_money(t, l->r->money_unit_fen, &fen, &why)) {
    jx_diag_add(l->diags, "JX874", JX_ERROR, n->pos, "%s的%s“%s”不是有效的金额：%s", source, what, t, why);
    return;
  }
  if (fen < 0) {
    jx_diag_add(l->diags, "JX874", JX_ERROR, n->pos, "%s的%s %s %s 是负数：累计数和预算数不能为负", source, what, t,
                money_unit_name(l->r->money_unit_fen));
    return;
  }
  *out = (jx_money){.fen = fen, .set = true, .pos = n->pos};
}

/* ---- the report ----------------------------------------------------------------------------- */

static void read_checkpoint(loader *l, const jx_node *root) {
  jx_monreport *r = l->r;
  const jx_node *yn = jx_map_get(root, "year"), *cn = jx_map_get(root, "checkpoint");
  const char *yt = text_of(l, yn, "year（年度）");
  char *end = NULL;
  long y = yt ? strtol(yt, &end, 10) : 0;
  if (!yn) jx_diag_add(l->diags, "JX871", JX_ERROR, root->pos, "缺少 year（监控的年度）");
  else if (yt && (!*yt || *end || y < 1990 || y > 2200)) jx_diag_add(l->diags, "JX871", JX_ERROR, yn->pos, "year“%s”不是有效的年度", yt);
  else if (yt) r->year = (int)y;
  const char *ct = text_of(l, cn, "checkpoint（监控时点）");
  if (!cn) {
    jx_diag_add(l->diags, "JX871", JX_ERROR, root->pos, "缺少 checkpoint（监控时点，如 %d-06-30）", r->year ? r->year : 2023);
    return;
  }
  if (!ct) return;
  jx_date d;
  char full[24];
  if (strlen(ct) == 5 && ct[2] == '-' && r->year) { /* "06-30": a day of the year above */
    snprintf(full, sizeof full, "%04d-%s", r->year, ct);
    ct = full;
  }
  if (!jx_date_parse(ct, &d)) {
    jx_diag_add(l->diags, "JX872", JX_ERROR, cn->pos, "监控时点“%s”不是有效的日期（写作 YYYY-MM-DD 或 MM-DD）", text_of(l, cn, ""));
    return;
  }
  if (r->year && d.year != r->year) {
    jx_diag_add(l->diags, "JX872", JX_ERROR, cn->pos, "监控时点 %04d-%02d-%02d 不在监控年度 %d 年内", d.year, d.month, d.day, r->year);
    return;
  }
  r->month = d.month;
  r->day = d.day;
}

static void read_party(loader *l, const jx_node *root, const char *key, const char *what, const char **code, const char **name) {
  const jx_node *n = jx_map_get(root, key);
  if (!n) return;
  if (n->type == JX_NODE_SCALAR) { /* just a name */
    *name = jx_monreport_str(l->r, n->text);
    *code = "";
    return;
  }
  if (n->type != JX_NODE_MAP) {
    jx_diag_add(l->diags, "JX871", JX_ERROR, n->pos, "%s应是映射（code: 编码, name: 名称）", what);
    return;
  }
  static const char *const known[] = {"code", "name", NULL};
  unknown_keys(l, n, known, what);
  *code = field(l, n, "code", "编码");
  *name = field(l, n, "name", "名称");
}

bool jx_monreport_source_ok(const jx_mon_source *s) {
  const jx_money *const all[] = {&s->budget, &s->executed, &s->forecast};
  for (size_t i = 0; i < 3; i++)
    if (all[i]->set && all[i]->fen < 0) return false;
  if (s->budget.set && s->executed.set && s->executed.fen > s->budget.fen && !s->adjustment) return false;
  return !(s->forecast.set && s->executed.set && s->forecast.fen < s->executed.fen);
}

void jx_monreport_check_source(const jx_monreport *r, const jx_mon_source *s, const char *src, jx_diags *diags) {
  char a[48], b[48];
  int dec = r->money_unit_fen == JX_FEN_PER_YUAN ? 2 : 6;
  const char *u = money_unit_name(r->money_unit_fen);
  const jx_money *const all[] = {&s->budget, &s->executed, &s->forecast};
  static const char *const names[] = {"全年预算数", "累计执行数", "全年预计执行数"};
  for (size_t i = 0; i < 3; i++)
    if (all[i]->set && all[i]->fen < 0)
      jx_diag_add(diags, "JX874", JX_ERROR, all[i]->pos, "%s的%s %s %s 是负数：累计数和预算数不能为负", src, names[i],
                  jx_format_decimal(all[i]->fen, dec, a, sizeof a), u);
  if (s->budget.set && s->executed.set && s->executed.fen > s->budget.fen && !s->adjustment)
    jx_diag_add(diags, "JX875", JX_ERROR, s->executed.pos,
                "%s累计执行数 %s %s 超过全年预算数 %s %s，又没有预算调整（adjustment 写明调整批复）", src,
                jx_format_decimal(s->executed.fen, dec, a, sizeof a), u, jx_format_decimal(s->budget.fen, dec, b, sizeof b), u);
  if (s->forecast.set && s->executed.set && s->forecast.fen < s->executed.fen)
    jx_diag_add(diags, "JX875", JX_ERROR, s->forecast.pos, "%s全年预计执行数 %s %s 小于已累计执行的 %s %s", src,
                jx_format_decimal(s->forecast.fen, dec, a, sizeof a), u, jx_format_decimal(s->executed.fen, dec, b, sizeof b), u);
}

static void read_sources(loader *l, const jx_node *root) {
  const jx_node *ex = jx_map_get(root, "execution");
  if (!ex || ex->type != JX_NODE_SEQ || !ex->n) {
    jx_diag_add(l->diags, "JX873", JX_ERROR, ex ? ex->pos : root->pos,
                "缺少 execution（按资金来源的预算执行情况：source、budget 全年预算数、executed 累计执行数、forecast 全年预计执行数），至少一项");
    return;
  }
  static const char *const known[] = {"source", "budget", "executed", "forecast", "adjustment", NULL};
  for (size_t i = 0; i < ex->n; i++) {
    const jx_node *m = ex->items[i];
    if (m->type != JX_NODE_MAP) {
      jx_diag_add(l->diags, "JX873", JX_ERROR, m->pos, "execution 的每一项应是映射（source、budget、executed、forecast）");
      continue;
    }
    unknown_keys(l, m, known, "预算执行情况");
    jx_mon_source *s = jx_monreport_add_source(l->r, field(l, m, "source", "资金来源"));
    s->pos = m->pos;
    if (!*s->source) s->source = "合计";
    const char *adj = field(l, m, "adjustment", "预算调整");
    s->adjustment = *adj ? adj : NULL;
    const char *src = jx_arena_printf(l->r->arena, "资金来源“%s”", s->source);
    money(l, m, "budget", "全年预算数", src, &s->budget);
    money(l, m, "executed", "累计执行数", src, &s->executed);
    money(l, m, "forecast", "全年预计执行数", src, &s->forecast);
    const jx_node *bn = jx_map_get(m, "budget"), *en = jx_map_get(m, "executed");
    if (!bn || (bn->type == JX_NODE_SCALAR && !*bn->text)) jx_diag_add(l->diags, "JX873", JX_ERROR, m->pos, "%s缺少 budget（全年预算数）", src);
    if (!en || (en->type == JX_NODE_SCALAR && !*en->text)) jx_diag_add(l->diags, "JX873", JX_ERROR, m->pos, "%s缺少 executed（累计执行数）", src);
    jx_monreport_check_source(l->r, s, src, l->diags);
  }
  jx_monreport_sum(l->r);
}

static void read_indicators(loader *l, const jx_node *root) {
  const jx_node *list = jx_map_get(root, "indicators");
  if (!list) return;
  if (list->type != JX_NODE_SEQ) {
    jx_diag_add(l->diags, "JX877", JX_ERROR, list->pos, "indicators 应是列表");
    return;
  }
  static const char *const known[] = {"level1", "level2", "name", "target", "actual", "forecast", "can_complete", "cause", "fix", NULL};
  for (size_t i = 0; i < list->n; i++) {
    const jx_node *m = list->items[i];
    if (m->type != JX_NODE_MAP) {
      jx_diag_add(l->diags, "JX877", JX_ERROR, m->pos, "indicators 的每一项应是映射（name、target、actual …）");
      continue;
    }
    unknown_keys(l, m, known, "绩效指标");
    jx_mon_indicator *ind = jx_monreport_add_indicator(l->r);
    ind->pos = m->pos;
    ind->level1 = field(l, m, "level1", "一级指标");
    ind->level2 = field(l, m, "level2", "二级指标");
    ind->name = field(l, m, "name", "三级指标");
    ind->target = field(l, m, "target", "年度指标值");
    ind->actual = field(l, m, "actual", "完成值");
    ind->forecast = field(l, m, "forecast", "全年预计完成值");
    ind->cause = field(l, m, "cause", "偏差原因");
    ind->fix = field(l, m, "fix", "纠偏措施");
    jx_target_read(ind->target, &ind->target_read);
    jx_target_read(ind->actual, &ind->actual_read);
    if (!*ind->name) jx_diag_add(l->diags, "JX877", JX_ERROR, m->pos, "第 %zu 项绩效指标缺少 name（三级指标名称）", i + 1);
    const jx_node *cc = jx_map_get(m, "can_complete");
    const char *cct = field(l, m, "can_complete", "是否能完成");
    ind->can_complete = jx_mon_yes_no(cct);
    if (ind->can_complete == -2) {
      jx_diag_add(l->diags, "JX877", JX_ERROR, cc->pos, "指标“%s”的是否能完成“%s”应写“是”或“否”", ind->name, cct);
      ind->can_complete = -1;
    }
  }
}

jx_status jx_monreport_parse(const char *name, const char *data, size_t len, jx_monreport **out, jx_diags *diags) {
  *out = NULL;
  jx_monreport *r = jx_monreport_new(0, 0, 0);
  r->path = jx_arena_strdup(r->arena, name ? name : "");
  size_t errors = diags->n_error;
  jx_node *root = jx_yaml_parse(r->arena, r->path, data, len, diags);
  if (!root) {
    jx_monreport_free(r);
    return JX_ERR_DATA;
  }
  loader l = {r, diags};
  if (root->type != JX_NODE_MAP) {
    jx_diag_add(diags, "JX871", JX_ERROR, root->pos, "监控报告顶层应为映射（kind: monitoring、year、checkpoint …）");
    *out = r;
    return JX_ERR_DATA;
  }
  static const char *const known[] = {"schema", "kind", "year", "checkpoint", "unit", "project", "money_unit", "execution",
                                      "deviation", "indicators", NULL};
  unknown_keys(&l, root, known, "监控报告");
  const char *kind = text_of(&l, jx_map_get(root, "kind"), "kind");
  if (!kind || strcmp(kind, JX_MON_KIND) != 0)
    jx_diag_add(diags, "JX871", JX_ERROR, root->pos, "不是监控报告：应写明 kind: monitoring（现为“%s”）", kind ? kind : "");
  const char *mu = text_of(&l, jx_map_get(root, "money_unit"), "money_unit");
  if (mu && !strcmp(mu, "元")) r->money_unit_fen = JX_FEN_PER_YUAN;
  else if (mu && strcmp(mu, "万元") != 0)
    jx_diag_add(diags, "JX874", JX_ERROR, jx_map_get(root, "money_unit")->pos, "money_unit 应为“万元”或“元”，不是“%s”", mu);
  read_checkpoint(&l, root);
  read_party(&l, root, "unit", "unit（填报单位）", &r->unit_code, &r->unit_name);
  if (!jx_map_get(root, "unit")) jx_diag_add(diags, "JX871", JX_ERROR, root->pos, "缺少 unit（填报单位：code 单位编码, name 单位名称）");
  else if (!*r->unit_code)
    jx_diag_add(diags, "JX871", JX_ERROR, jx_map_get(root, "unit")->pos, "填报单位“%s”缺少 code（单位编码）", r->unit_name);
  if (jx_map_get(root, "project")) {
    const char *pc = "", *pn = "";
    read_party(&l, root, "project", "project（项目）", &pc, &pn);
    r->project_code = pc;
    r->project_name = pn;
    if (!*pc && !*pn) jx_diag_add(diags, "JX871", JX_ERROR, jx_map_get(root, "project")->pos, "project 应写明项目的 code 和 name");
  }
  read_sources(&l, root);
  const jx_node *dev = jx_map_get(root, "deviation");
  if (dev && dev->type == JX_NODE_MAP) {
    static const char *const dk[] = {"cause", "fix", NULL};
    unknown_keys(&l, dev, dk, "deviation（偏差原因和纠偏措施）");
    r->cause = field(&l, dev, "cause", "偏差原因");
    r->fix = field(&l, dev, "fix", "纠偏措施");
    r->cause_pos = dev->pos;
  } else if (dev) {
    jx_diag_add(diags, "JX871", JX_ERROR, dev->pos, "deviation 应是映射（cause 偏差原因, fix 纠偏措施）");
  } else {
    r->cause_pos = root->pos;
  }
  read_indicators(&l, root);
  *out = r;
  return diags->n_error > errors ? JX_ERR_DATA : JX_OK;
}

jx_status jx_monreport_load(const char *path, jx_monreport **out, jx_diags *diags) {
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  jx_status st = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (st != JX_OK) return st;
  st = jx_monreport_parse(path, data, len, out, diags);
  free(data);
  return st;
}

/* ---- the rules ------------------------------------------------------------------------------- */

typedef struct {
  size_t cap_presets, cap_exec, cap_ind;
  jx_monrules r;
} rules_full;

static bool rule_pct(jx_monrules *r, const jx_node *n, const char *what, int64_t *out, jx_diags *d) {
  const char *why;
  bool pct;
  if (!n || n->type != JX_NODE_SCALAR || !jx_parse_num(n->text, out, &pct, &why) || *out < 0) {
    jx_diag_add(d, "JX876", JX_ERROR, n ? n->pos : (jx_pos){r->source, 1, 1}, "%s应是不小于 0 的百分点数", what);
    return false;
  }
  return true;
}

static void thresholds(rules_full *f, const jx_node *root, const char *key, jx_mon_thresholds *t, size_t *cap, jx_diags *d) {
  jx_monrules *r = &f->r;
  const jx_node *l = jx_map_get(root, key);
  if (!l) return;
  if (l->type != JX_NODE_SEQ) {
    jx_diag_add(d, "JX876", JX_ERROR, l->pos, "%s 应是阈值的列表（light、behind、fix_required）", key);
    return;
  }
  int64_t last = INT64_MAX;
  for (size_t i = 0; i < l->n; i++) {
    const jx_node *m = l->items[i];
    const jx_node *ln = m->type == JX_NODE_MAP ? jx_map_get(m, "light") : NULL;
    jx_mon_threshold th = {0};
    th.light = ln && ln->type == JX_NODE_SCALAR ? jx_light_parse(ln->text) : JX_LIGHT_NONE;
    if (th.light == JX_LIGHT_NONE) {
      jx_diag_add(d, "JX876", JX_ERROR, m->pos, "%s 的第 %zu 项：light 应为 红、黄 或 绿", key, i + 1);
      continue;
    }
    if (!rule_pct(r, jx_map_get(m, "behind"), "behind（落后的百分点）", &th.behind, d)) continue;
    const jx_node *fr = jx_map_get(m, "fix_required");
    th.fix_required = fr && fr->type == JX_NODE_SCALAR && (!strcmp(fr->text, "true") || !strcmp(fr->text, "是"));
    if (th.behind > last)
      jx_diag_add(d, "JX876", JX_ERROR, m->pos, "%s 的阈值应从大到小排列（先红后黄）：第 %zu 项大于上一项", key, i + 1);
    last = th.behind;
    *JX_VEC_PUSH(r->arena, *t, *cap) = th;
  }
}

jx_status jx_monrules_parse(const char *name, const char *data, size_t len, jx_monrules **out, jx_diags *diags) {
  *out = NULL;
  jx_arena *a = jx_arena_new();
  rules_full *f = jx_arena_alloc(a, sizeof *f);
  jx_monrules *r = &f->r;
  r->arena = a;
  r->source = jx_arena_strdup(a, name ? name : "");
  size_t errors = diags->n_error;
  jx_node *root = jx_yaml_parse(a, r->source, data, len, diags);
  const jx_node *kn = root && root->type == JX_NODE_MAP ? jx_map_get(root, "kind") : NULL;
  if (!root || !kn || kn->type != JX_NODE_SCALAR || strcmp(kn->text, JX_MON_RULES_KIND) != 0) {
    if (root) jx_diag_add(diags, "JX876", JX_ERROR, root->pos, "不是监控规则文件：应写明 kind: monitoring-rules");
    jx_arena_free(a);
    return JX_ERR_DATA;
  }
  const jx_node *n = jx_map_get(root, "name");
  r->name = n && n->type == JX_NODE_SCALAR ? n->text : "绩效运行监控规则";
  const jx_node *pre = jx_map_get(root, "presets");
  if (!pre || pre->type != JX_NODE_MAP || !pre->n)
    jx_diag_add(diags, "JX876", JX_ERROR, pre ? pre->pos : root->pos, "presets 应列出至少一组监控时点（如 default: [\"06-30\", \"09-30\", \"11-30\"]）");
  for (size_t i = 0; pre && pre->type == JX_NODE_MAP && i < pre->n; i++) {
    jx_mon_preset *p = JX_VEC_PUSH(a, r->presets, f->cap_presets);
    memset(p, 0, sizeof *p);
    p->name = pre->pairs[i].key;
    const jx_node *days = pre->pairs[i].value;
    size_t cap = 0;
    for (size_t k = 0; days->type == JX_NODE_SEQ && k < days->n; k++) {
      const jx_node *dn = days->items[k];
      jx_date dd;
      char buf[16];
      snprintf(buf, sizeof buf, "2000-%s", dn->type == JX_NODE_SCALAR ? dn->text : "");
      if (dn->type != JX_NODE_SCALAR || strlen(dn->text) != 5 || !jx_date_parse(buf, &dd)) {
        jx_diag_add(diags, "JX876", JX_ERROR, dn->pos, "监控时点应写作 MM-DD（如 06-30）");
        continue;
      }
      *JX_VEC_PUSH(a, p->days, cap) = dn->text;
    }
    if (!p->days.n) jx_diag_add(diags, "JX876", JX_ERROR, days->pos, "监控时点组“%s”没有有效的时点", p->name);
  }
  const char *ints[] = {"deadline_days", "grace_days"};
  int *dst[] = {&r->deadline_days, &r->grace_days};
  for (int i = 0; i < 2; i++) {
    const jx_node *v = jx_map_get(root, ints[i]);
    char *end = NULL;
    long x = v && v->type == JX_NODE_SCALAR ? strtol(v->text, &end, 10) : -1;
    if (!v || v->type != JX_NODE_SCALAR || !*v->text || *end || x < 0 || x > 366)
      jx_diag_add(diags, "JX876", JX_ERROR, v ? v->pos : root->pos, "%s 应是 0–366 的天数", ints[i]);
    else *dst[i] = (int)x;
  }
  thresholds(f, root, "execution", &r->execution, &f->cap_exec, diags);
  thresholds(f, root, "indicators", &r->indicators, &f->cap_ind, diags);
  const jx_node *cc = jx_map_get(root, "cannot_complete"), *fs = jx_map_get(root, "forecast_short");
  r->cannot_complete = cc && cc->type == JX_NODE_SCALAR ? jx_light_parse(cc->text) : JX_LIGHT_NONE;
  r->forecast_short = fs && fs->type == JX_NODE_SCALAR ? jx_light_parse(fs->text) : JX_LIGHT_NONE;
  if (diags->n_error > errors) {
    jx_arena_free(a);
    return JX_ERR_DATA;
  }
  *out = r;
  return JX_OK;
}

jx_status jx_monrules_load(const char *path, jx_monrules **out, jx_diags *diags) {
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  jx_status st = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (st != JX_OK) return st;
  st = jx_monrules_parse(path, data, len, out, diags);
  free(data);
  return st;
}

extern const unsigned char jx_monitoring_default_yaml[];
extern const size_t jx_monitoring_default_yaml_len;

jx_status jx_monrules_default(jx_monrules **out, jx_diags *diags) {
  return jx_monrules_parse("frameworks/monitoring/default.yaml", (const char *)jx_monitoring_default_yaml,
                           jx_monitoring_default_yaml_len, out, diags);
}

void jx_monrules_free(jx_monrules *r) {
  if (r) jx_arena_free(r->arena);
}
