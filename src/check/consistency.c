/* consistency.c — JX4xx: parts of a department-year compared with each other. */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "model/ref.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/i128.h"

#define F(v, buf) jx_format_num((v), (buf), sizeof(buf))
#define M(v, buf) jx_format_money_wan((v), (buf), sizeof(buf))

static int64_t abs64(int64_t v) { return v < 0 ? -v : v; }

static bool is_cost(const jx_indicator *ind) { return ind->level1 && strstr(ind->level1, "成本"); }

/* Does the claim "value <nature> target" hold?  Values × JX_NUM_SCALE. */
static bool claim_holds(jx_nature n, int64_t v, int64_t t) {
  switch (n) {
  case JX_NATURE_EQ: return v == t;
  case JX_NATURE_GE: return v >= t;
  case JX_NATURE_GT: return v > t;
  case JX_NATURE_LE: return v <= t;
  case JX_NATURE_LT: return v < t;
  default: return true;
  }
}

static const char *const metric_names[] = {"execution_rate", "budget_deviation", "budget_adjustment_rate", "balance_rate",
                                           "staffing_control_rate", "attainment"};

/* Metrics over the department's projects (特定目标类项目) rather than the whole department. */
static const jx_metric_value *project_metric(const jx_doc *doc, const jx_result *r, const char *name) {
  int64_t initial = 0, adjusted = 0, executed = 0;
  bool all_initial = doc->projects.n > 0, all_adjusted = doc->projects.n > 0, all_executed = doc->projects.n > 0;
  for (size_t i = 0; i < doc->projects.n; i++) {
    const jx_project *p = &doc->projects.items[i];
    all_initial &= p->initial.set;
    all_adjusted &= p->adjusted.set;
    all_executed &= p->executed.set;
    initial += p->initial.fen;
    adjusted += p->adjusted.fen;
    executed += p->executed.fen;
  }
  jx_metric_value *m = jx_arena_alloc(r->arena, sizeof *m);
  m->name = name;
  char s1[32], s2[32], s3[32];
  if (!strcmp(name, "budget_deviation") && all_initial && all_executed && initial > 0) {
    m->label = "项目预决算偏差率";
    m->value = jx_ratio_round2(executed - initial, initial, 100 * JX_NUM_SCALE);
    m->derivation = jx_arena_printf(r->arena, "(项目执行数合计 %s − 年初预算合计 %s) / %s = %s%%", jx_format_money_wan(executed, s1, sizeof s1),
                                    jx_format_money_wan(initial, s2, sizeof s2), s2, jx_format_num(m->value, s3, sizeof s3));
    return m;
  }
  if (!strcmp(name, "execution_rate") && all_adjusted && all_executed && adjusted > 0) {
    m->label = "项目预算执行率";
    m->value = jx_ratio_round2(executed, adjusted, 100 * JX_NUM_SCALE);
    m->derivation = jx_arena_printf(r->arena, "项目执行数合计 %s / 全年预算合计 %s = %s%%", jx_format_money_wan(executed, s1, sizeof s1),
                                    jx_format_money_wan(adjusted, s2, sizeof s2), jx_format_num(m->value, s3, sizeof s3));
    return m;
  }
  return NULL;
}

/* Why the indicator attainment rate is unknown: no indicator scored, or N of M not. */
static const char *unscored_text(const jx_result *r) {
  size_t n = 0;
  for (size_t i = 0; i < r->indicators.n; i++) n += !r->indicators.items[i].scored;
  if (n == r->indicators.n) return "没有一项指标有实际完成值";
  return jx_arena_printf(r->arena, "%zu 项指标中有 %zu 项未计分", r->indicators.n, n);
}

static void check_claims(const jx_doc *doc, const jx_analysis *an, bool projects, const char *part, const jx_result *r, jx_diags *d) {
  const jx_analysis_item *items[] = {&an->goal_setting,       &an->goal_attainment,   &an->spending_control, &an->timely_handling,
                                     &an->execution_progress, &an->budget_completion, &an->balance_rate,     &an->violations};
  char s1[32], s2[32];
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    const jx_analysis_item *it = items[i];
    if (it == &an->timely_handling && !projects) jx_check_timely_handling(doc, it, part, d);
    if (!it->metric || jx_check_checkpoint_claim(doc, it, projects, part, d)) continue;
    bool known_name = false;
    for (size_t k = 0; k < sizeof metric_names / sizeof metric_names[0]; k++) known_name |= strcmp(metric_names[k], it->metric) == 0;
    if (!known_name) {
      jx_diag_add(d, "JX406", JX_ERROR, it->pos, "%s中的“%s”不是可核对的指标（可用：execution_rate、budget_deviation、budget_adjustment_rate、balance_rate、staffing_control_rate、attainment）",
                  part, it->metric);
      continue;
    }
    const jx_metric_value *m = projects ? project_metric(doc, r, it->metric) : jx_result_metric(r, it->metric);
    if (!m || it->value.kind != JX_VAL_NUMBER || it->nature == JX_NATURE_NONE) {
      if (!m && !projects && !strcmp(it->metric, "attainment") && it->value.kind == JX_VAL_NUMBER && it->nature != JX_NATURE_NONE)
        jx_diag_add(d, "JX406", JX_NOTE, it->pos, "%s称目标实现率（指标得分率） %s %s%%，无法核对：%s，目标实现率无法计算", part,
                    jx_nature_symbol(it->nature), F(it->value.num, s1), unscored_text(r));
      else if (!m)
        jx_diag_add(d, "JX406", JX_NOTE, it->pos, "%s声称的“%s”无法核对：文件缺少计算它所需的数据", part, it->metric);
      continue;
    }
    /* budget_deviation claims speak of the size of the deviation */
    int64_t v = strcmp(it->metric, "budget_deviation") == 0 ? abs64(m->value) : m->value;
    if (!claim_holds(it->nature, v, it->value.num))
      jx_diag_add(d, "JX406", JX_WARNING, it->value.pos, "%s称%s %s %s%%，但按文件数据计算为 %s%%（%s）", part, m->label, jx_nature_symbol(it->nature),
                  F(it->value.num, s1), F(v, s2), m->derivation);
  }
}

typedef struct {
  const char *key;
  jx_num value;
  const char *where;
} fact;

static int fact_cmp(const void *a, const void *b) {
  const fact *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  return (x->value.pos.line > y->value.pos.line) - (x->value.pos.line < y->value.pos.line);
}

static void check_facts(const jx_doc *doc, const jx_result *r, jx_diags *d) {
  size_t n = doc->profile_counts.n;
  for (size_t i = 0; i < doc->work.n; i++) n += doc->work.items[i].counts.n;
  if (n < 2) return;
  fact *v = jx_arena_alloc(r->arena, n * sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < doc->profile_counts.n; i++)
    v[k++] = (fact){doc->profile_counts.items[i].key, doc->profile_counts.items[i].total, "部门基本情况"};
  for (size_t i = 0; i < doc->work.n; i++)
    for (size_t j = 0; j < doc->work.items[i].counts.n; j++)
      v[k++] = (fact){doc->work.items[i].counts.items[j].key, doc->work.items[i].counts.items[j].total,
                      doc->work.items[i].title ? doc->work.items[i].title : "工作事项"};
  qsort(v, k, sizeof *v, fact_cmp);
  char s1[32], s2[32];
  for (size_t i = 1; i < k; i++) {
    if (strcmp(v[i].key, v[i - 1].key) != 0 || !v[i].value.set || !v[i - 1].value.set) continue;
    if (v[i].value.v != v[i - 1].value.v)
      jx_diag_add(d, "JX405", JX_WARNING, v[i].value.pos, "同一数量“%s”前后不一致：第 %u 行（%s）为 %s，这里（%s）为 %s", v[i].key,
                  v[i - 1].value.pos.line, v[i - 1].where, F(v[i - 1].value.v, s1), v[i].where, F(v[i].value.v, s2));
  }
}

static void check_indicator_figures(const jx_doc *doc, const jx_indicatorlist *l, const jx_framework *fw, const jx_result *r, jx_diags *d) {
  char s1[32], s2[32], s3[32], s4[32];
  jx_i128 cost_sum = 0;
  bool all_cost_money = true, any_cost = false;
  for (size_t i = 0; i < l->n; i++) {
    const jx_indicator *ind = &l->items[i];
    bool numeric_target = ind->target.kind == JX_VAL_NUMBER;
    /* the figure this indicator speaks of */
    if (ind->describes && numeric_target) {
      int64_t fen = 0, num = 0;
      jx_ref_type t = jx_ref_eval(r->file_doc, ind->describes, ind->describes_pos, d, &fen, &num);
      int64_t described = num;
      bool ok = t == JX_REF_NUMBER;
      if (t == JX_REF_MONEY) {
        if (ind->unit && strcmp(ind->unit, "元") == 0) { described = jx_sat64((jx_i128)fen * 10000); ok = true; }
        else if (!ind->unit || strcmp(ind->unit, "万元") == 0) { described = fen; ok = true; }
      }
      if (ok && described != ind->target.num) {
        int64_t dev = described ? jx_ratio_round2(jx_sat64((jx_i128)ind->target.num - described), described, 100 * JX_NUM_SCALE) : 0;
        jx_diag_add(d, is_cost(ind) ? "JX403" : "JX404", JX_WARNING, ind->target.pos,
                    "指标“%s”的指标值 %s%s 与它所描述的 %s = %s%s 不一致（相差 %s%s，%s%%）", ind->name, F(ind->target.num, s1),
                    ind->unit ? ind->unit : "", ind->describes, F(described, s2), ind->unit ? ind->unit : "",
                    F(jx_sat64((jx_i128)ind->target.num - described), s3), ind->unit ? ind->unit : "", F(dev, s4));
      }
    }
    if (is_cost(ind)) {
      any_cost = true;
      bool money = ind->unit && (strcmp(ind->unit, "万元") == 0 || strcmp(ind->unit, "元") == 0);
      if (!money || !numeric_target) all_cost_money = false;
      else cost_sum += strcmp(ind->unit, "元") == 0 ? ind->target.num / 10000 : ind->target.num;
      /* cost actual against its target, beyond the framework's tolerance */
      bool have_a = ind->actual.kind == JX_VAL_NUMBER || (ind->actual.kind == JX_VAL_REF && ind->actual.resolved);
      if (have_a && numeric_target && ind->target.num > 0 && fw->cost_deviation_max.set) {
        int64_t dev = jx_ratio_round2(jx_sat64((jx_i128)ind->actual.num - ind->target.num), ind->target.num, 100 * JX_NUM_SCALE);
        if (abs64(dev) > fw->cost_deviation_max.v)
          jx_diag_add(d, "JX403", JX_WARNING, ind->actual.pos, "成本指标“%s”实际 %s%s 与指标值 %s%s 偏差 %s%%，超过 %s%%", ind->name,
                      F(ind->actual.num, s1), ind->unit ? ind->unit : "", F(ind->target.num, s2), ind->unit ? ind->unit : "", F(dev, s3),
                      F(fw->cost_deviation_max.v, s4));
      }
    }
  }
  /* cost targets together against the budget of the same table */
  if (any_cost && all_cost_money && doc->kind == JX_KIND_DEPARTMENT && doc->budget_total.set && cost_sum != doc->budget_total.fen)
    jx_diag_add(d, "JX403", JX_WARNING, doc->budget_total.pos, "成本指标的指标值合计 %s 万元，与年度预算资金总额 %s 万元不一致", M(jx_sat64(cost_sum), s1),
                M(doc->budget_total.fen, s2));
  (void)r;
}

void jx_check_consistency(const jx_doc *doc, const jx_framework *fw, const jx_result *r, jx_diags *d) {
  char s1[32], s2[32], s3[32];
  const jx_metric_value *m;
  if ((m = jx_result_metric(r, "staffing_control_rate")) && fw->staffing_control_max.set && m->value > fw->staffing_control_max.v)
    jx_diag_add(d, "JX401", JX_WARNING, doc->in_post.total.pos, "在职人员控制率 %s（%s）超过 %s%%：在职 %s 人多于编制 %s 人", m->derivation,
                "在职人数 / 编制数", F(fw->staffing_control_max.v, s1), F(doc->in_post.total.v, s2), F(doc->establishment.total.v, s3));
  if ((m = jx_result_metric(r, "budget_deviation")) && fw->budget_deviation_max.set && abs64(m->value) > fw->budget_deviation_max.v)
    jx_diag_add(d, "JX402", JX_WARNING, doc->expenditure_total.pos, "预决算偏差率 %s，超过 %s%%：年初预算（目标表）%s 万元，决算支出 %s 万元",
                m->derivation, F(fw->budget_deviation_max.v, s1), M(doc->budget_total.fen, s2), M(doc->expenditure_total.fen, s3));
  /* income = expenditure + what is left */
  if (doc->income_total.set && doc->expenditure_total.set && (doc->carry_over.set || doc->balance.set)) {
    int64_t left = (doc->carry_over.set ? doc->carry_over.fen : 0) + (doc->balance.set ? doc->balance.fen : 0);
    if (doc->income_total.fen != doc->expenditure_total.fen + left)
      jx_diag_add(d, "JX407", JX_WARNING, doc->income_total.pos, "收入 %s 万元不等于支出 %s 万元加结转结余 %s 万元", M(doc->income_total.fen, s1),
                  M(doc->expenditure_total.fen, s2), M(left, s3));
  }
  const jx_indicatorlist *main_list = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->indicators : &doc->indicators;
  check_indicator_figures(doc, main_list, fw, r, d);
  check_facts(doc, r, d);
  check_claims(doc, &doc->analysis_department, false, "部门整体履职绩效分析", r, d);
  check_claims(doc, &doc->analysis_projects, true, "项目绩效分析", r, d);
  /* a high self-score with unmet indicators; never against an incomplete result (JX315
   * says the stated total cannot be checked) */
  const jx_num *stated = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->stated_total : &doc->stated_total;
  if (r->complete && (m = jx_result_metric(r, "attainment")) && stated->set && fw->total.v > 0) {
    size_t unmet = 0;
    for (size_t i = 0; i < r->indicators.n; i++) unmet += r->indicators.items[i].scored && !r->indicators.items[i].met;
    int64_t stated_pct = jx_ratio_round2(stated->v, fw->total.v, 100 * JX_NUM_SCALE);
    if (unmet && stated_pct > m->value)
      jx_diag_add(d, "JX408", JX_WARNING, stated->pos, "自评总分 %s（%s%%）高于指标实际得分率 %s%%，而有 %zu 项指标未达成目标", F(stated->v, s1),
                  F(stated_pct, s2), F(m->value, s3), unmet);
  }
}
