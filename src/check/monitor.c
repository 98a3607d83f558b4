/* monitor.c — a checkpoint report's lights: 序时进度, the execution gap and each indicator's progress, by rules kept as data. */
#include <string.h>

#include "jixiao.h"
#include "check/check.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/diag.h"

#define PCT (100 * JX_NUM_SCALE) /* 100% as a jx_num */

int64_t jx_schedule_progress(int year, int month, int day, int *days_out, int *total_out) {
  if (month < 1 || month > 12 || day < 1 || day > jx_date_month_days(year, month)) return -1;
  int days = day;
  for (int m = 1; m < month; m++) days += jx_date_month_days(year, m);
  int total = jx_date_leap(year) ? 366 : 365;
  if (days_out) *days_out = days;
  if (total_out) *total_out = total;
  return jx_ratio_round2(days, total, PCT);
}

static jx_light worse(jx_light a, jx_light b) { return a > b ? a : b; }

/* The first threshold that `behind` reaches, else green; *th the threshold (NULL: none). */
static jx_light light_of(const jx_mon_thresholds *t, int64_t behind, const jx_mon_threshold **th) {
  *th = NULL;
  for (size_t i = 0; i < t->n; i++)
    if (behind >= t->items[i].behind) {
      *th = &t->items[i];
      return t->items[i].light;
    }
  return JX_LIGHT_GREEN;
}

/* Does any threshold of t give light l and require a fix? */
static bool fix_required_for(const jx_mon_thresholds *t, jx_light l) {
  for (size_t i = 0; i < t->n; i++)
    if (t->items[i].light == l && t->items[i].fix_required) return true;
  return false;
}

/* v (× JX_NUM_SCALE) with exactly two decimals, rounded half up: "42.00" */
static const char *fixed2_with(jx_arena *a, int64_t v, const char *unit) {
  int64_t r = jx_round_decimals(v, 2) / 10000;
  uint64_t m = r < 0 ? (uint64_t)0 - (uint64_t)r : (uint64_t)r;
  char b[48], *p = b + sizeof b; /* written backwards: no printf in a light's derivation (a sheet has thousands) */
  *--p = '\0';
  for (const char *u = unit + strlen(unit); u > unit;) *--p = *--u;
  *--p = (char)('0' + m % 10);
  *--p = (char)('0' + m / 10 % 10);
  *--p = '.';
  m /= 100;
  do *--p = (char)('0' + m % 10);
  while ((m /= 10) != 0);
  if (r < 0) *--p = '-';
  return jx_arena_strndup(a, p, (size_t)(b + sizeof b - 1 - p));
}

static const char *fixed2(jx_arena *a, int64_t v) { return fixed2_with(a, v, ""); }
static const char *pct(jx_arena *a, int64_t v) { return fixed2_with(a, v, "%"); }
static const char *pts(jx_arena *a, int64_t v) { return fixed2(a, v); }

static const char *wan(jx_arena *a, int64_t fen) {
  char b[32];
  return jx_arena_strdup(a, jx_format_money_wan(fen, b, sizeof b));
}

/* "≥ 15 → 红灯", "不到 5 → 绿灯" or, when not behind, "→ 绿灯" */
static const char *verdict(jx_arena *a, const jx_mon_thresholds *t, int64_t behind, jx_light l, const jx_mon_threshold *th) {
  if (th) return jx_arena_printf(a, "≥ %s → %s灯", pts(a, th->behind), jx_light_name(l));
  if (t->n && behind > 0) return jx_arena_printf(a, "不到 %s → %s灯", pts(a, t->items[t->n - 1].behind), jx_light_name(l));
  return jx_arena_printf(a, "→ %s灯", jx_light_name(l));
}

/* explain: write the derivation (false: exec.derivation stays NULL, the lights only) */
static void evaluate_execution(const jx_monreport *rep, const jx_monrules *rules, jx_monresult *res, jx_diags *d, bool explain) {
  jx_arena *a = res->arena;
  jx_mon_exec_result *e = &res->exec;
  int days = 0, total = 0;
  e->schedule = jx_schedule_progress(rep->year, rep->month, rep->day, &days, &total);
  if (e->schedule < 0) { /* the loader reported the date */
    e->derivation = "监控时点无效，无法计算序时进度";
    return;
  }
  const char *sched = explain ? jx_arena_printf(a, "序时进度 = %d ÷ %d = %s", days, total, pct(a, e->schedule)) : NULL;
  if (!rep->budget.set || !rep->executed.set || rep->budget.fen <= 0) {
    if (explain) e->derivation = jx_arena_printf(a, "%s；全年预算数%s，无法计算执行进度", sched, rep->budget.set ? "为 0" : "未填");
    if (rep->budget.set && rep->budget.fen == 0)
      jx_diag_add(d, "JX851", JX_NOTE, rep->budget.pos, "全年预算数为 0：无法计算执行进度，不定灯");
    return;
  }
  e->has_rate = true;
  e->rate = jx_ratio_round2(rep->executed.fen, rep->budget.fen, PCT);
  e->behind = e->schedule - e->rate;
  const jx_mon_threshold *th;
  e->light = light_of(&rules->execution, e->behind, &th);
  e->fix_required = th && th->fix_required;
  if (explain)
    e->derivation = jx_arena_printf(a, "%s；执行进度 = 累计执行数 %s ÷ 全年预算数 %s = %s；%s %s 个百分点 %s", sched,
                                    wan(a, rep->executed.fen), wan(a, rep->budget.fen), pct(a, e->rate),
                                    e->behind >= 0 ? "落后序时进度" : "超前序时进度", pts(a, e->behind < 0 ? -e->behind : e->behind),
                                    verdict(a, &rules->execution, e->behind, e->light, th));
  if (rules->forecast_short != JX_LIGHT_NONE && rep->forecast.set && rep->forecast.fen < rep->budget.fen) {
    jx_light before = e->light;
    e->light = worse(e->light, rules->forecast_short);
    if (explain)
      e->derivation = jx_arena_printf(a, "%s；全年预计执行数 %s 低于全年预算数 %s%s", e->derivation, wan(a, rep->forecast.fen),
                                      wan(a, rep->budget.fen),
                                      e->light != before ? jx_arena_printf(a, " → 至少%s灯", jx_light_name(e->light)) : "");
    e->fix_required |= fix_required_for(&rules->execution, e->light);
  }
  if (e->fix_required && (!*rep->cause || !*rep->fix)) {
    e->fix_missing = true;
    jx_diag_add(d, "JX850", JX_ERROR, rep->cause_pos,
                "预算执行%s灯（执行进度 %s，落后序时进度 %s 个百分点），须填写偏差原因和纠偏措施（deviation 的 cause 和 fix）：%s未填",
                jx_light_name(e->light), pct(a, e->rate), pts(a, e->behind),
                !*rep->cause && !*rep->fix ? "两项都" : !*rep->cause ? "偏差原因" : "纠偏措施");
  }
}

/* Can progress be measured: a target with a number to reach (≥, >, = or none), an actual
 * read in the same unit? *why says why not. */
static bool measurable(const jx_mon_indicator *ind, const char **why) {
  const jx_target_reading *t = &ind->target_read, *v = &ind->actual_read;
  if (!t->readable) {
    *why = t->has_date ? "年度指标值是完成时限" : t->has_digit ? "年度指标值读不出数值" : "定性指标";
    return false;
  }
  if (t->nature == JX_NATURE_LE || t->nature == JX_NATURE_LT) {
    *why = "年度指标值是上限（≤），不按进度比较";
    return false;
  }
  if (t->num <= 0) {
    *why = "年度指标值为 0";
    return false;
  }
  if (!*ind->actual) {
    *why = "未填完成值";
    return false;
  }
  if (!v->readable) {
    *why = "完成值读不出数值";
    return false;
  }
  if (t->percent != v->percent || strcmp(t->unit, v->unit) != 0) {
    *why = "完成值与年度指标值的单位不同";
    return false;
  }
  return true;
}

static void evaluate_indicator(const jx_monrules *rules, jx_monresult *res, const jx_mon_indicator *ind,
                               jx_diags *d) {
  jx_arena *a = res->arena;
  size_t cap_guard = res->indicators.n; /* the list was sized for every indicator */
  jx_mon_ind_result *x = &res->indicators.items[cap_guard];
  res->indicators.n++;
  memset(x, 0, sizeof *x);
  x->ind = ind;
  const char *why = NULL;
  const jx_mon_threshold *th = NULL;
  const char *basis = "";
  if (measurable(ind, &why)) {
    x->has_progress = true;
    x->progress = jx_ratio_round2(ind->actual_read.num, ind->target_read.num, PCT);
    /* a rate (written with %) is to hold all year; a quantity accrues with the year */
    x->expected = ind->target_read.percent ? PCT : res->exec.schedule;
    x->behind = x->expected - x->progress;
    x->light = light_of(&rules->indicators, x->behind, &th);
    x->fix_required = th && th->fix_required;
    basis = jx_arena_printf(a, "完成进度 = 完成值 %s ÷ 年度指标值 %s = %s；预期进度 %s（%s）；%s %s 个百分点 %s", ind->actual,
                            ind->target, pct(a, x->progress), pct(a, x->expected),
                            ind->target_read.percent ? "比率指标全年都应达到" : "按序时进度",
                            x->behind >= 0 ? "落后" : "超前", pts(a, x->behind < 0 ? -x->behind : x->behind),
                            verdict(a, &rules->indicators, x->behind, x->light, th));
  } else {
    basis = jx_arena_printf(a, "不按进度计算（%s）", why);
  }
  if (ind->can_complete == 0 && rules->cannot_complete != JX_LIGHT_NONE) {
    jx_light before = x->light;
    x->light = worse(x->light, rules->cannot_complete);
    x->fix_required |= fix_required_for(&rules->indicators, x->light);
    basis = jx_arena_printf(a, "%s；填报全年不能完成%s", basis,
                            x->light != before ? jx_arena_printf(a, " → %s灯", jx_light_name(x->light)) : "");
  } else if (!x->has_progress) {
    if (ind->can_complete == 1) {
      x->light = JX_LIGHT_GREEN;
      basis = jx_arena_printf(a, "%s；填报全年能完成 → 绿灯", basis);
    } else {
      basis = jx_arena_printf(a, "%s；未填是否能完成，不定灯", basis);
      jx_diag_add(d, "JX852", JX_WARNING, ind->pos, "指标“%s”无法计算完成进度（%s），也未填是否能完成（can_complete: 是/否）：不定灯",
                  ind->name, why);
    }
  }
  if (x->has_progress && ind->can_complete == 1 && x->light == JX_LIGHT_RED)
    jx_diag_add(d, "JX854", JX_WARNING, ind->pos, "指标“%s”填报全年能完成，但完成进度 %s 落后预期进度 %s %s 个百分点：请说明如何完成", ind->name,
                pct(a, x->progress), pct(a, x->expected), pts(a, x->behind));
  if (why && !strcmp(why, "完成值与年度指标值的单位不同"))
    jx_diag_add(d, "JX853", JX_WARNING, ind->pos, "指标“%s”的完成值“%s”与年度指标值“%s”单位不同，无法计算完成进度", ind->name, ind->actual,
                ind->target);
  x->derivation = basis;
  if (x->fix_required && (!*ind->cause || !*ind->fix)) {
    x->fix_missing = true;
    jx_diag_add(d, "JX850", JX_ERROR, ind->pos, "指标“%s”为%s灯（%s），须填写偏差原因和纠偏措施（cause 和 fix）：%s未填", ind->name,
                jx_light_name(x->light), x->has_progress ? jx_arena_printf(a, "完成进度 %s，预期 %s", pct(a, x->progress), pct(a, x->expected)) : "填报不能完成",
                !*ind->cause && !*ind->fix ? "两项都" : !*ind->cause ? "偏差原因" : "纠偏措施");
  }
}

static jx_status evaluate(const jx_monreport *report, const jx_monrules *rules, jx_monresult **out, jx_diags *diags, bool explain) {
  size_t errors = diags->n_error;
  jx_arena *a = jx_arena_new();
  jx_monresult *res = jx_arena_alloc(a, sizeof *res);
  res->arena = a;
  res->report = report;
  evaluate_execution(report, rules, res, diags, explain);
  res->indicators.items = jx_arena_alloc(a, (report->indicators.n + 1) * sizeof *res->indicators.items);
  res->light = res->exec.light;
  for (size_t i = 0; i < report->indicators.n; i++) {
    evaluate_indicator(rules, res, &report->indicators.items[i], diags);
    jx_light l = res->indicators.items[i].light;
    res->indicator_light = worse(res->indicator_light, l);
    res->light = worse(res->light, l);
    res->n_red += l == JX_LIGHT_RED;
    res->n_yellow += l == JX_LIGHT_YELLOW;
    res->n_green += l == JX_LIGHT_GREEN;
  }
  *out = res;
  return diags->n_error > errors ? JX_ERR_DATA : JX_OK;
}

jx_status jx_monitor_evaluate(const jx_monreport *report, const jx_monrules *rules, jx_monresult **out, jx_diags *diags) {
  return evaluate(report, rules, out, diags, true);
}

jx_status jx_monitor_lights(const jx_monreport *report, const jx_monrules *rules, jx_monresult **out, jx_diags *diags) {
  return evaluate(report, rules, out, diags, false);
}

void jx_monresult_free(jx_monresult *r) {
  if (r) jx_arena_free(r->arena);
}
