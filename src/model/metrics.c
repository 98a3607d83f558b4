/* metrics.c — the department metrics (执行率, 在职人员控制率 …) of a result, computed once
 * below both score/ (formula blocks) and check/ (claims, limits). */
#include <string.h>

#include "model/metrics.h"
#include "util/arena.h"

#define F(v, buf) jx_format_num((v), (buf), sizeof(buf))
#define M(v, buf) jx_format_money_wan((v), (buf), sizeof(buf))

typedef struct {
  jx_result *r;
  size_t metric_cap;
} ctx;

static jx_metric_value *add_metric(ctx *c, const char *name, const char *label) {
  jx_metric_value *m = JX_VEC_PUSH(c->r->arena, c->r->metrics, c->metric_cap);
  memset(m, 0, sizeof *m);
  m->name = name;
  m->label = label;
  return m;
}

/* value = num / den as a percent, known only when both are present and den > 0. */
static void metric_ratio(ctx *c, const char *name, const char *label, bool ok, int64_t num, int64_t den, const char *num_text,
                         const char *den_text) {
  jx_metric_value *m = add_metric(c, name, label);
  if (!ok || den <= 0) return;
  m->known = true;
  m->value = jx_ratio_round2(num, den, 100 * JX_NUM_SCALE);
  char sv[32];
  m->derivation = jx_arena_printf(c->r->arena, "%s / %s = %s%%", num_text, den_text, F(m->value, sv));
}

static void compute_metrics(ctx *c, const jx_doc *doc) {
  jx_arena *a = c->r->arena;
  char s1[32], s2[32], s3[32];
  /* adjusted budget: stated, else the year's income */
  int64_t adjusted = doc->adjusted.set ? doc->adjusted.fen : doc->income_total.fen;
  bool have_adj = doc->adjusted.set || doc->income_total.set;
  if (doc->kind == JX_KIND_PROJECT && doc->project) {
    const jx_project *p = doc->project;
    metric_ratio(c, "execution_rate", "预算执行率", p->executed.set && p->adjusted.set, p->executed.fen, p->adjusted.fen,
                 jx_arena_printf(a, "执行数 %s", M(p->executed.fen, s1)), jx_arena_printf(a, "全年预算数 %s", M(p->adjusted.fen, s2)));
  } else {
    metric_ratio(c, "execution_rate", "预算执行率", doc->expenditure_total.set && have_adj, doc->expenditure_total.fen, adjusted,
                 jx_arena_printf(a, "支出 %s", M(doc->expenditure_total.fen, s1)),
                 jx_arena_printf(a, doc->adjusted.set ? "调整后预算 %s" : "全年收入 %s（未填调整后预算）", M(adjusted, s2)));
    metric_ratio(c, "budget_deviation", "预决算偏差率", doc->expenditure_total.set && doc->budget_total.set,
                 doc->expenditure_total.fen - doc->budget_total.fen, doc->budget_total.fen,
                 jx_arena_printf(a, "(决算 %s − 预算 %s)", M(doc->expenditure_total.fen, s1), M(doc->budget_total.fen, s2)),
                 jx_arena_printf(a, "预算 %s", M(doc->budget_total.fen, s3)));
    metric_ratio(c, "budget_adjustment_rate", "预算调整率", have_adj && doc->budget_total.set, adjusted - doc->budget_total.fen,
                 doc->budget_total.fen, jx_arena_printf(a, "(全年预算 %s − 年初预算 %s)", M(adjusted, s1), M(doc->budget_total.fen, s2)),
                 jx_arena_printf(a, "年初预算 %s", M(doc->budget_total.fen, s3)));
    int64_t left = (doc->carry_over.set ? doc->carry_over.fen : 0) + (doc->balance.set ? doc->balance.fen : 0);
    metric_ratio(c, "balance_rate", "结转结余率", (doc->carry_over.set || doc->balance.set) && doc->expenditure_total.set, left,
                 doc->expenditure_total.fen, jx_arena_printf(a, "结转结余 %s", M(left, s1)),
                 jx_arena_printf(a, "支出 %s", M(doc->expenditure_total.fen, s2)));
    metric_ratio(c, "staffing_control_rate", "在职人员控制率", doc->in_post.total.set && doc->establishment.total.set,
                 doc->in_post.total.v, doc->establishment.total.v, jx_arena_printf(a, "在职 %s 人", F(doc->in_post.total.v, s1)),
                 jx_arena_printf(a, "编制 %s 人", F(doc->establishment.total.v, s2)));
  }
  /* with any indicator unscored the rate is unknown, not the share of what was scored */
  bool all_scored = c->r->indicators.n > 0;
  for (size_t i = 0; i < c->r->indicators.n; i++) all_scored &= c->r->indicators.items[i].scored;
  metric_ratio(c, "attainment", "目标实现率（指标得分率）", all_scored && c->r->indicator_weight > 0, c->r->indicator_total, c->r->indicator_weight,
               jx_arena_printf(a, "指标得分 %s", F(c->r->indicator_total, s1)),
               jx_arena_printf(a, "指标权重 %s", F(c->r->indicator_weight, s2)));
}

const jx_metric_value *jx_result_metric(const jx_result *r, const char *name) {
  for (size_t i = 0; i < r->metrics.n; i++)
    if (strcmp(r->metrics.items[i].name, name) == 0) return r->metrics.items[i].known ? &r->metrics.items[i] : NULL;
  return NULL;
}

/* A project with its own indicators is a project self-evaluation; one with money
 * rows only is checked for its sums (sums.c). */
bool jx_project_is_evaluated(const jx_project *p, const jx_framework *fw) { return p->indicators.n > 0 && fw->project_fw; }

void jx_metrics_compute(jx_result *r, const jx_doc *doc) {
  ctx c = {.r = r};
  compute_metrics(&c, doc);
}
