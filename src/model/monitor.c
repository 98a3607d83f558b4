/* monitor.c — a checkpoint report's memory: creating, growing and freeing a jx_monreport. */
#include "model/monitor.h"

#include "util/i128.h"

#include <stdlib.h>
#include <string.h>

/* The report with the capacities of its growable lists (the public struct has none). */
typedef struct {
  jx_monreport r;
  size_t cap_sources, cap_indicators;
} monreport_full;

static monreport_full *full(jx_monreport *r) { return (monreport_full *)(void *)r; }

const char *jx_light_name(jx_light l) {
  switch (l) {
  case JX_LIGHT_GREEN: return "绿";
  case JX_LIGHT_YELLOW: return "黄";
  case JX_LIGHT_RED: return "红";
  default: return "—";
  }
}

jx_light jx_light_parse(const char *text) {
  if (!text) return JX_LIGHT_NONE;
  if (!strcmp(text, "红") || !strcmp(text, "红灯") || !strcmp(text, "red")) return JX_LIGHT_RED;
  if (!strcmp(text, "黄") || !strcmp(text, "黄灯") || !strcmp(text, "yellow")) return JX_LIGHT_YELLOW;
  if (!strcmp(text, "绿") || !strcmp(text, "绿灯") || !strcmp(text, "green")) return JX_LIGHT_GREEN;
  return JX_LIGHT_NONE;
}

jx_monreport *jx_monreport_new(int year, int month, int day) {
  jx_arena *a = jx_arena_new();
  monreport_full *f = jx_arena_alloc(a, sizeof *f);
  jx_monreport *r = &f->r;
  r->arena = a;
  r->year = year;
  r->month = month;
  r->day = day;
  r->money_unit_fen = JX_FEN_PER_WAN;
  r->unit_code = r->unit_name = r->cause = r->fix = "";
  return r;
}

void jx_monreport_free(jx_monreport *r) {
  if (r) jx_arena_free(r->arena);
}

const char *jx_monreport_str(jx_monreport *r, const char *s) {
  if (!s) return "";
  size_t i = strspn(s, " \t\r\n"), n = strlen(s);
  while (n > i && strchr(" \t\r\n", s[n - 1])) n--;
  return jx_arena_strndup(r->arena, s + i, n - i);
}

jx_mon_source *jx_monreport_add_source(jx_monreport *r, const char *name) {
  jx_mon_source *s = JX_VEC_PUSH(r->arena, r->sources, full(r)->cap_sources);
  memset(s, 0, sizeof *s);
  s->source = jx_monreport_str(r, name);
  return s;
}

jx_mon_indicator *jx_monreport_add_indicator(jx_monreport *r) {
  jx_mon_indicator *ind = JX_VEC_PUSH(r->arena, r->indicators, full(r)->cap_indicators);
  memset(ind, 0, sizeof *ind);
  ind->level1 = ind->level2 = ind->name = ind->target = ind->actual = ind->forecast = ind->cause = ind->fix = "";
  ind->can_complete = -1;
  return ind;
}

static void add_to(jx_money *sum, const jx_money *m) {
  if (!m->set) return;
  if (!sum->set) *sum = (jx_money){.fen = 0, .set = true, .pos = m->pos};
  sum->fen = jx_sat64((jx_i128)sum->fen + m->fen);
}

void jx_monreport_sum(jx_monreport *r) {
  r->budget = r->executed = r->forecast = (jx_money){0};
  for (size_t i = 0; i < r->sources.n; i++) {
    add_to(&r->budget, &r->sources.items[i].budget);
    add_to(&r->executed, &r->sources.items[i].executed);
    add_to(&r->forecast, &r->sources.items[i].forecast);
  }
}

int jx_mon_yes_no(const char *text) {
  if (!text || !*text) return -1;
  static const char *const yes[] = {"是", "能", "可以", "能完成", "yes", "true", "Y", "y"};
  static const char *const no[] = {"否", "不能", "不能完成", "no", "false", "N", "n"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    if (!strcmp(text, yes[i])) return 1;
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    if (!strcmp(text, no[i])) return 0;
  return -2;
}

void jx_mon_points_free(jx_mon_point *p, size_t n) {
  for (size_t i = 0; p && i < n; i++) {
    free(p[i].cause);
    free(p[i].fix);
  }
  free(p);
}

/* A target as the forms write it: nature, value, unit ("≥95%", "=36人"); a qualitative
 * target or a reference as written. */
static const char *target_text(jx_monreport *r, const jx_indicator *x) {
  const jx_value *v = &x->target;
  if (v->written && *v->written) return jx_monreport_str(r, v->written);
  if (v->kind == JX_VAL_NONE) return "";
  if (v->kind != JX_VAL_NUMBER) return jx_monreport_str(r, v->text);
  char buf[48];
  const char *nat = x->nature >= JX_NATURE_EQ && x->nature <= JX_NATURE_LT ? jx_nature_symbol(x->nature) : "";
  return jx_arena_printf(r->arena, "%s%s%s%s", nat ? nat : "", jx_format_num(v->num, buf, sizeof buf), v->percent ? "%" : "",
                         !v->percent && x->unit ? x->unit : "");
}

jx_monreport *jx_monreport_from_doc(const jx_doc *doc, int month, int day) {
  if (!doc) return NULL;
  jx_monreport *r = jx_monreport_new(doc->year, month, day);
  r->money_unit_fen = doc->money_unit_fen == JX_FEN_PER_YUAN ? JX_FEN_PER_YUAN : JX_FEN_PER_WAN;
  r->unit_code = jx_monreport_str(r, doc->department_code && *doc->department_code ? doc->department_code : doc->department);
  r->unit_name = jx_monreport_str(r, doc->unit_name && *doc->unit_name ? doc->unit_name : doc->department);
  if (doc->adjusted.set) {
    jx_monreport_add_source(r, "财政拨款")->budget = doc->adjusted;
  } else if (doc->budget_fiscal.set || doc->budget_other.set) {
    if (doc->budget_fiscal.set) jx_monreport_add_source(r, "财政拨款")->budget = doc->budget_fiscal;
    if (doc->budget_other.set && doc->budget_other.fen) jx_monreport_add_source(r, "其他资金")->budget = doc->budget_other;
  } else if (doc->budget_total.set) {
    jx_monreport_add_source(r, "财政拨款")->budget = doc->budget_total;
  }
  for (size_t i = 0; i < doc->indicators.n; i++) {
    const jx_indicator *x = &doc->indicators.items[i];
    jx_mon_indicator *m = jx_monreport_add_indicator(r);
    m->level1 = jx_monreport_str(r, x->level1);
    m->level2 = jx_monreport_str(r, x->level2);
    m->name = jx_monreport_str(r, x->name);
    m->target = target_text(r, x); /* target_read: the caller's (jx_target_read is parse/) */
  }
  jx_monreport_sum(r);
  return r;
}
