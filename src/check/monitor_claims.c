/* monitor_claims.c — JX409/JX410: what a self-evaluation says about monitoring, checked against the checkpoints. */
#include <string.h>

#include "check/check.h"
#include "util/arena.h"
#include "util/diag.h"

#define PCT (100 * JX_NUM_SCALE)

/* The months a text names before 月 ("6、9、11月", "6月、9月和11月", "2023年6月底"), as a
 * bit set (bit m for month m); "12个月" names none.  Digits only (ASCII or full-width). */
static unsigned months_named(const char *text) {
  unsigned found = 0, pending = 0;
  const unsigned char *p = (const unsigned char *)text;
  while (p && *p) {
    int v = -1;
    while (*p >= '0' && *p <= '9') v = (v < 0 ? 0 : v * 10) + (*p++ - '0'), v = v > 100 ? 100 : v;
    while (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) { /* ０–９ */
      v = (v < 0 ? 0 : v * 10) + (p[2] - 0x90);
      v = v > 100 ? 100 : v;
      p += 3;
    }
    if (v >= 1 && v <= 12) {
      pending |= 1U << v;
      continue;
    }
    if (v >= 0) { /* a number that is not a month */
      pending = 0;
      continue;
    }
    static const char *const seps[] = {"、", ",", "，", "和", "及", "与", "/", " ", "月底", "月末", "月份", "月"};
    size_t k = 0, n = 0;
    for (; k < sizeof seps / sizeof *seps; k++)
      if (!strncmp((const char *)p, seps[k], n = strlen(seps[k]))) break;
    if (k == sizeof seps / sizeof *seps) { /* anything else ends a list */
      pending = 0;
      p += (*p < 0x80) ? 1 : (*p >= 0xF0) ? 4 : (*p >= 0xE0) ? 3 : 2;
      continue;
    }
    if (!strncmp(seps[k], "月", 3)) found |= pending, pending = 0;
    p += n;
  }
  return found;
}

static const jx_checkpoint *checkpoint_of(const jx_doc *doc, int month) {
  const jx_checkpoint *cp = NULL;
  for (size_t i = 0; i < doc->monitoring.n; i++)
    if (doc->monitoring.items[i].month == month && doc->monitoring.items[i].executed.set) cp = &doc->monitoring.items[i];
  return cp;
}

static bool holds(jx_nature n, int64_t v, int64_t t) {
  switch (n) {
  case JX_NATURE_EQ: return v == t;
  case JX_NATURE_GE: return v >= t;
  case JX_NATURE_GT: return v > t;
  case JX_NATURE_LE: return v <= t;
  case JX_NATURE_LT: return v < t;
  default: return true;
  }
}

static const char *month_list(jx_arena *a, unsigned set) {
  const char *s = "";
  for (int m = 1; m <= 12; m++)
    if (set & (1U << m)) s = jx_arena_printf(a, "%s%s%d", s, *s ? "、" : "", m);
  return jx_arena_printf(a, "%s月", s);
}

static const char *where(const jx_checkpoint *cp) { return cp->from_records ? "监控记录" : "monitoring"; }

bool jx_check_checkpoint_claim(const jx_doc *doc, const jx_analysis_item *it, bool projects, const char *part, jx_diags *d) {
  if (!it->text || !it->metric || strcmp(it->metric, "execution_rate") != 0) return false;
  unsigned months = months_named(it->text);
  if (!months || it->value.kind != JX_VAL_NUMBER || it->nature == JX_NATURE_NONE) return months != 0;
  jx_arena *a = jx_arena_new();
  char b1[32], b2[32], b3[32];
  const char *claim = jx_arena_printf(a, "%s预算执行进度 %s %s%%", month_list(a, months), jx_nature_symbol(it->nature),
                                      jx_format_num(it->value.num, b1, sizeof b1));
  if (projects) { /* the checkpoints held are the department's own */
    jx_diag_add(d, "JX409", JX_NOTE, it->pos, "%s称%s，无法核对：监控记录是部门整体的，没有各项目的", part, claim);
    jx_arena_free(a);
    return true;
  }
  int64_t year_budget = doc->adjusted.set ? doc->adjusted.fen : doc->income_total.set ? doc->income_total.fen : -1;
  unsigned missing = 0;
  const char *failed = "";
  for (int m = 1; m <= 12; m++) {
    if (!(months & (1U << m))) continue;
    const jx_checkpoint *cp = checkpoint_of(doc, m);
    int64_t budget = cp && cp->budget.set ? cp->budget.fen : year_budget;
    if (!cp || budget <= 0) {
      missing |= 1U << m;
      continue;
    }
    int64_t rate = jx_ratio_round2(cp->executed.fen, budget, PCT);
    if (!holds(it->nature, rate, it->value.num))
      failed = jx_arena_printf(a, "%s%s%d 月为 %s%%（累计执行 %s ÷ %s %s 万元，%s）", failed, *failed ? "；" : " ", m,
                               jx_format_num(rate, b1, sizeof b1), jx_format_money_wan(cp->executed.fen, b2, sizeof b2),
                               cp->budget.set ? "全年预算数" : "调整后预算", jx_format_money_wan(budget, b3, sizeof b3), where(cp));
  }
  if (*failed) jx_diag_add(d, "JX409", JX_WARNING, it->value.pos, "%s称%s，但%s", part, claim, failed);
  if (missing == months)
    jx_diag_add(d, "JX409", JX_NOTE, it->pos, "%s称%s，无法核对：没有这些月份的绩效运行监控记录", part, claim);
  else if (missing)
    jx_diag_add(d, "JX409", JX_NOTE, it->pos, "%s称%s，其中%s没有绩效运行监控记录，无法核对", part, claim, month_list(a, missing));
  jx_arena_free(a);
  return true;
}

void jx_check_timely_handling(const jx_doc *doc, const jx_analysis_item *it, const char *part, jx_diags *d) {
  static const char *const no_problem[] = {"未发现问题", "未发现偏差", "无偏差", "未出现偏差", "没有发现问题"};
  if (!it->text) return;
  bool says = false;
  for (size_t k = 0; k < sizeof no_problem / sizeof *no_problem; k++) says |= strstr(it->text, no_problem[k]) != NULL;
  if (!says) return;
  if (!doc->monitoring.n) {
    jx_diag_add(d, "JX410", JX_NOTE, it->pos, "%s称“%s”，无法核对：没有绩效运行监控记录", part, it->text);
    return;
  }
  for (size_t i = 0; i < doc->monitoring.n; i++) {
    const jx_checkpoint *cp = &doc->monitoring.items[i];
    if (cp->light == JX_LIGHT_RED || (cp->cause && *cp->cause)) {
      jx_diag_add(d, "JX410", JX_WARNING, it->pos, "%s称“%s”，但 %d 月的监控%s", part, it->text, cp->month,
                  cp->light == JX_LIGHT_RED ? "为红灯（执行进度落后序时进度）" : "写明了偏差原因");
      return;
    }
  }
}
