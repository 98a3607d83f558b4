/* sums.c — JX2xx: every sum the file states is recomputed (staffing, money, projects, weights, blocks, counts). */
#include <string.h>

#include "check/check.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/i128.h"

#define F(v, buf) jx_format_num((v), (buf), sizeof(buf))
#define M(v, buf) jx_format_money_wan((v), (buf), sizeof(buf))

static void check_staff(const jx_staff_group *g, const char *what, jx_diags *d) {
  if (!g->total.set || !g->by_kind.n) return;
  jx_i128 sum = 0;
  char *parts = NULL;
  char s1[32], s2[32];
  jx_arena *a = jx_arena_new();
  parts = "";
  for (size_t i = 0; i < g->by_kind.n; i++) {
    sum += g->by_kind.items[i].value.v;
    parts = jx_arena_printf(a, "%s%s%s %s", parts, i ? " + " : "", g->by_kind.items[i].name, F(g->by_kind.items[i].value.v, s1));
  }
  if (sum != g->total.v)
    jx_diag_add(d, "JX201", JX_ERROR, g->total.pos, "%s合计 %s 人，但各类之和为 %s = %s 人", what, F(g->total.v, s1), parts, F(jx_sat64(sum), s2));
  jx_arena_free(a);
}

/* total vs the sum of the parts that are set; silent when no part is set. */
static void check_money_parts(const jx_money *total, const jx_money *const *parts, const char *const *names, size_t n, const char *code,
                              const char *what, jx_diags *d) {
  if (!total->set) return;
  jx_i128 sum = 0;
  size_t set = 0;
  char text[512] = "", s1[32], s2[32], s3[32];
  for (size_t i = 0; i < n; i++) {
    if (!parts[i]->set) continue;
    sum += parts[i]->fen;
    size_t len = strlen(text);
    snprintf(text + len, sizeof text - len, "%s%s %s", set ? " + " : "", names[i], M(parts[i]->fen, s1));
    set++;
  }
  if (set && sum != total->fen)
    jx_diag_add(d, code, JX_ERROR, total->pos, "%s %s 万元，但 %s = %s 万元，相差 %s 万元", what, M(total->fen, s1), text, M(jx_sat64(sum), s2),
                M(jx_sat64(total->fen - sum), s3));
}

static void check_project_money(const jx_project *p, jx_diags *d) {
  static const char *cols[] = {"年初预算数", "全年预算数", "全年执行数"};
  const jx_money *tot[3] = {&p->initial, &p->adjusted, &p->executed};
  const jx_money_row *rows[3] = {&p->fiscal, &p->carried_in, &p->other};
  for (int k = 0; k < 3; k++) {
    const jx_money *parts[3];
    for (int i = 0; i < 3; i++) parts[i] = k == 0 ? &rows[i]->initial : k == 1 ? &rows[i]->adjusted : &rows[i]->executed;
    static const char *names[] = {"财政拨款", "上年结转", "其他资金"};
    char what[256];
    snprintf(what, sizeof what, "项目“%s”年度资金总额的%s", p->name ? p->name : "", cols[k]);
    check_money_parts(tot[k], parts, names, 3, "JX209", what, d);
  }
}

static void check_weights(const jx_indicatorlist *l, const jx_framework *fw, const char *what, jx_pos at, jx_diags *d) {
  if (!l->n || !fw->indicator_weight.set) return;
  jx_i128 sum = 0;
  size_t unknown = 0;
  char s1[32], s2[32], s3[32];
  for (size_t i = 0; i < l->n; i++) {
    sum += l->items[i].weight.v;
    unknown += !l->items[i].weight.set;
  }
  if (unknown) {
    /* an unknown weight is a value, not 0: the sum cannot be checked (the scorer says 未计分) */
    if (sum > fw->indicator_weight.v)
      jx_diag_add(d, "JX206", JX_ERROR, at, "%s已填的权重之和 %s 已超过评价框架“%s”要求的 %s（另有 %zu 项权重未填）", what, F(jx_sat64(sum), s1),
                  fw->id, F(fw->indicator_weight.v, s2), unknown);
    else
      jx_diag_add(d, "JX206", JX_NOTE, at, "%s有 %zu 项权重未填，无法核对权重之和（已填 %s，评价框架“%s”要求 %s）", what, unknown,
                  F(jx_sat64(sum), s1), fw->id, F(fw->indicator_weight.v, s2));
  } else if (sum != fw->indicator_weight.v) {
    jx_i128 diff = sum - fw->indicator_weight.v;
    jx_diag_add(d, "JX206", JX_ERROR, at, "%s的权重之和为 %s，评价框架“%s”要求 %s（%s %s）", what, F(jx_sat64(sum), s1), fw->id,
                F(fw->indicator_weight.v, s2), diff > 0 ? "多" : "少", F(jx_sat64(diff > 0 ? diff : -diff), s3));
  }
  for (size_t k = 0; k < fw->split.n; k++) {
    const jx_named_num *sp = &fw->split.items[k];
    jx_i128 lv = 0;
    bool any = false;
    for (size_t i = 0; i < l->n; i++)
      if (l->items[i].level1 && strcmp(l->items[i].level1, sp->name) == 0) {
        lv += l->items[i].weight.v;
        any = true;
      }
    if (any && lv != sp->value.v)
      jx_diag_add(d, "JX205", fw->split_required ? JX_ERROR : JX_NOTE, at, "%s中一级指标“%s”的权重之和为 %s，评价框架%s为 %s", what, sp->name,
                  F(jx_sat64(lv), s1), fw->split_required ? "要求" : "建议", F(sp->value.v, s2));
  }
}

static void check_counts(const jx_countlist *l, jx_diags *d) {
  char s1[32], s2[32];
  for (size_t i = 0; i < l->n; i++) {
    const jx_count *c = &l->items[i];
    if (!c->parts.n || !c->total.set) continue;
    jx_i128 sum = 0;
    for (size_t k = 0; k < c->parts.n; k++) sum += c->parts.items[k].value.v;
    if (sum != c->total.v)
      jx_diag_add(d, "JX208", JX_ERROR, c->total.pos, "数量“%s”合计 %s，但各部分之和为 %s", c->key, F(c->total.v, s1), F(jx_sat64(sum), s2));
  }
}

void jx_check_sums(const jx_doc *doc, const jx_framework *fw, jx_diags *d) {
  char s1[32], s2[32];
  check_staff(&doc->establishment, "编制数", d);
  check_staff(&doc->in_post, "在职人数", d);
  {
    const jx_money *parts[] = {&doc->budget_fiscal, &doc->budget_other, &doc->budget_carried_in};
    const char *names[] = {"财政拨款", "其他资金", "上年结转"};
    check_money_parts(&doc->budget_total, parts, names, 3, "JX202", "年度预算资金总额", d);
  }
  {
    const jx_money *parts[] = {&doc->income_fiscal, &doc->income_other, &doc->income_carried_in};
    const char *names[] = {"财政拨款收入", "其他收入", "上年结转"};
    check_money_parts(&doc->income_total, parts, names, 3, "JX202", "收入合计", d);
  }
  if (doc->income_by_level.n && doc->income_total.set) {
    jx_i128 sum = 0;
    for (size_t i = 0; i < doc->income_by_level.n; i++) sum += doc->income_by_level.items[i].amount.fen;
    if (sum != doc->income_total.fen)
      jx_diag_add(d, "JX202", JX_ERROR, doc->income_total.pos, "收入合计 %s 万元，但按来源之和为 %s 万元", M(doc->income_total.fen, s1), M(jx_sat64(sum), s2));
  }
  {
    const jx_money *parts[] = {&doc->expenditure_basic, &doc->expenditure_project};
    const char *names[] = {"基本支出", "项目支出"};
    check_money_parts(&doc->expenditure_total, parts, names, 2, "JX203", "支出合计", d);
  }
  if (doc->projects.n && doc->expenditure_project.set) {
    jx_i128 sum = 0;
    bool all = true;
    for (size_t i = 0; i < doc->projects.n; i++) {
      all &= doc->projects.items[i].executed.set;
      sum += doc->projects.items[i].executed.fen;
    }
    if (all && sum != doc->expenditure_project.fen)
      jx_diag_add(d, "JX204", JX_ERROR, doc->expenditure_project.pos, "项目支出 %s 万元，但 %zu 个项目的执行数之和为 %s 万元",
                  M(doc->expenditure_project.fen, s1), doc->projects.n, M(jx_sat64(sum), s2));
  }
  if (doc->tasks.n && doc->budget_total.set) {
    jx_i128 sum = 0;
    bool all = true;
    for (size_t i = 0; i < doc->tasks.n; i++) {
      all &= doc->tasks.items[i].budget.set;
      sum += doc->tasks.items[i].budget.fen;
    }
    if (all && sum != doc->budget_total.fen)
      jx_diag_add(d, "JX205", JX_ERROR, doc->budget_total.pos, "年度预算资金总额 %s 万元，但各项任务预算之和为 %s 万元", M(doc->budget_total.fen, s1),
                  M(jx_sat64(sum), s2));
  }
  /* projects scored on their own have their rows checked there */
  for (size_t i = 0; i < doc->projects.n; i++)
    if (!jx_project_is_evaluated(&doc->projects.items[i], fw)) check_project_money(&doc->projects.items[i], d);
  if (doc->project) check_project_money(doc->project, d);

  if (doc->kind == JX_KIND_PROJECT && doc->project)
    check_weights(&doc->project->indicators, fw, "项目绩效指标", doc->project->pos, d);
  else if (doc->indicators.n)
    check_weights(&doc->indicators, fw, "年度绩效指标", doc->indicators.items[0].pos, d);

  bool formula_blocks = false; /* their scores are computed, not listed: the total is checked against the computed one (JX310) */
  for (size_t i = 0; i < fw->blocks.n; i++) formula_blocks |= fw->blocks.items[i].rule >= JX_RULE_RATIO;
  /* only when every block of the framework has its typed score: with one missing the
   * printed total cannot be checked against the parts (the scorer says 不完整, JX315) */
  bool all_typed = true;
  for (size_t k = 0; k < fw->blocks.n; k++) {
    bool found = false;
    for (size_t i = 0; i < doc->blocks.n; i++)
      found |= doc->blocks.items[i].name && doc->blocks.items[i].score.set && strcmp(doc->blocks.items[i].name, fw->blocks.items[k].name) == 0;
    all_typed &= found;
  }
  if (doc->blocks.n && doc->stated_total.set && !formula_blocks && all_typed) {
    jx_i128 sum = 0;
    for (size_t i = 0; i < doc->blocks.n; i++) sum += doc->blocks.items[i].score.v;
    if (sum != doc->stated_total.v)
      jx_diag_add(d, "JX207", JX_ERROR, doc->stated_total.pos, "自评总分 %s，但各分项得分之和为 %s", F(doc->stated_total.v, s1), F(jx_sat64(sum), s2));
  }
  check_counts(&doc->profile_counts, d);
  for (size_t i = 0; i < doc->work.n; i++) check_counts(&doc->work.items[i].counts, d);

  int64_t prev = -1;
  for (size_t i = 0; i < doc->monitoring.n; i++) {
    const jx_checkpoint *cp = &doc->monitoring.items[i];
    if (!cp->executed.set) continue;
    if (prev >= 0 && cp->executed.fen < prev)
      jx_diag_add(d, "JX210", JX_WARNING, cp->executed.pos, "%d 月累计执行数 %s 万元小于上一个监控节点的 %s 万元：累计数不应减少", cp->month,
                  M(cp->executed.fen, s1), M(prev, s2));
    prev = cp->executed.fen;
  }
}
