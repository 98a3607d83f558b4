/* rules.c — the scoring rule kinds: quantitative indicators (FASP), formula blocks, grades. */
#include <string.h>

#include "score/score.h"
#include "util/i128.h"

#define F(v, buf) jx_format_num((v), (buf), sizeof(buf))
/* Derivation text only when an arena is given (the arguments are not evaluated otherwise). */
#define DERIVE(...) (ar ? jx_arena_printf(ar, __VA_ARGS__) : NULL)

jx_rule_out jx_rule_quantitative(jx_arena *ar, jx_nature nature, int64_t a, int64_t t, int64_t w, jx_le_formula le) {
  jx_rule_out o = {.scored = true};
  char sa[32], st[32], sw[32], ss[32], s2[32];
  if (ar) {
    F(a, sa);
    F(t, st);
    F(w, sw);
  }
  switch (nature) {
  case JX_NATURE_GE:
  case JX_NATURE_GT:
  case JX_NATURE_EQ:
    if (t == 0) {
      o.met = a <= 0;
      o.score = o.met ? w : 0;
      o.derivation = DERIVE("目标值为 0，实际 %s %s 0：%s", sa, o.met ? "≤" : ">", F(o.score, ss));
      return o;
    }
    if (a >= t) {
      o.score = w;
      o.met = nature == JX_NATURE_EQ ? a == t : nature == JX_NATURE_GT ? a > t : true;
      o.derivation = DERIVE("%s %s %s，得满分 %s", sa, a == t ? "=" : "≥", st, sw);
      return o;
    }
    o.score = jx_ratio_round2(a, t, w);
    o.derivation = DERIVE("%s / %s × %s = %s", sa, st, sw, F(o.score, ss));
    return o;
  case JX_NATURE_LE:
  case JX_NATURE_LT:
    if (a <= t && !(nature == JX_NATURE_LT && a == t && t != 0)) {
      o.score = w;
      o.met = true;
      o.derivation = DERIVE("%s %s %s，得满分 %s", sa, a == t ? "=" : "≤", st, sw);
      return o;
    }
    if (a <= t) { /* '<' with a == t: full marks by the published formula, but not met */
      o.score = w;
      o.derivation = DERIVE("%s = %s（未小于目标值），按公式得 %s", sa, st, sw);
      return o;
    }
    if (le == JX_LE_REVERSE) {
      o.score = a > 0 ? jx_ratio_round2(t, a, w) : 0;
      o.derivation = DERIVE("%s / %s × %s = %s", st, sa, sw, F(o.score, ss));
      return o;
    }
    if (t <= 0 || (jx_i128)a >= (jx_i128)t * 2) {
      o.score = 0;
      o.derivation = t <= 0 ? DERIVE("目标值为 %s，实际 %s 超过目标：0", st, sa)
                            : DERIVE("%s ≥ 2 × %s，得 0", sa, st);
      return o;
    }
    o.score = jx_ratio_round2(jx_sat64((jx_i128)2 * t - a), t, w);
    o.derivation = DERIVE("(1 − (%s − %s) / %s) × %s = %s", sa, st, st, sw, F(o.score, s2));
    return o;
  default:
    o.scored = false;
    return o;
  }
}

/* Ceiling of a / b for a >= 0, b > 0, exact in 128 bits (a block value can be any int64). */
static jx_i128 ceil_div(jx_i128 a, jx_i128 b) { return (a + b - 1) / b; }

jx_rule_out jx_rule_block(jx_arena *ar, const jx_fw_block *b, int64_t v) {
  jx_rule_out o = {.scored = true};
  char sv[32], sm[32], st[32], ss[32], sp[32], sx[32], s2[32];
  int64_t max = b->max.v;
  if (ar) {
    F(v, sv);
    F(max, sm);
  }
  switch (b->rule) {
  case JX_RULE_RATIO:
    if (ar) F(b->target.v, st);
    if (b->lower_better) {
      if (v <= b->target.v) {
        o.score = max;
        o.derivation = DERIVE("%s%% ≤ %s%%，得满分 %s", sv, st, sm);
      } else {
        o.score = jx_ratio_round2(b->target.v, v, max);
        o.derivation = DERIVE("%s%% / %s%% × %s = %s", st, sv, sm, F(o.score, ss));
      }
    } else if (v >= b->target.v) {
      o.score = max;
      o.derivation = DERIVE("%s%% ≥ %s%%，得满分 %s", sv, st, sm);
    } else {
      o.score = v > 0 ? jx_ratio_round2(v, b->target.v, max) : 0;
      o.derivation = DERIVE("%s%% / %s%% × %s = %s", sv, st, sm, F(o.score, ss));
    }
    break;
  case JX_RULE_STEP_DEDUCTION: {
    if (ar) F(b->target.v, st);
    if (v >= b->target.v) {
      o.score = max;
      o.derivation = DERIVE("%s%% ≥ %s%%，得满分 %s", sv, st, sm);
      break;
    }
    jx_i128 gap = (jx_i128)b->target.v - v;
    /* any_part: a started step costs a whole one (⌈gap / step⌉); whole_steps: only
     * completed steps count (⌊gap / step⌋) */
    bool whole = b->step_rounding == JX_STEP_WHOLE;
    int64_t steps = jx_sat64(b->step.v > 0 ? (whole ? gap / b->step.v : ceil_div(gap, b->step.v)) : 1);
    jx_i128 ded = (jx_i128)steps * b->points.v;
    o.score = ded >= max ? 0 : max - (int64_t)ded;
    o.derivation = DERIVE("低于 %s%% 共 %s 个百分点，每 %s 个百分点扣 %s 分（%s），扣 %lld 档：%s − %lld × %s = %s", st,
                          F(jx_sat64(gap), sx), F(b->step.v, ss), F(b->points.v, sp),
                          whole ? "不足一档不扣" : "不足一档按一档计", (long long)steps, sm, (long long)steps, sp,
                          F(o.score, s2));
    break;
  }
  case JX_RULE_THRESHOLD_TABLE:
    o.score = 0;
    o.derivation = DERIVE("%s%% 超过阈值表的所有档次：0", sv);
    for (size_t i = 0; i < b->table.n; i++) {
      if (v <= b->table.items[i].upto.v) {
        o.score = b->table.items[i].points.v;
        o.derivation = DERIVE("%s%% ≤ %s%%：%s", sv, F(b->table.items[i].upto.v, st), F(o.score, ss));
        break;
      }
    }
    break;
  case JX_RULE_PER_POINT_DEDUCTION: {
    if (ar) F(b->limit.v, st);
    if (v <= b->limit.v) {
      o.score = max;
      o.derivation = DERIVE("%s%% ≤ %s%%，得满分 %s", sv, st, sm);
      break;
    }
    /* deduction = points × (v − limit) percentage points, rounded to hundredths */
    int64_t ded = jx_ratio_round2(v - b->limit.v, JX_NUM_SCALE, b->points.v);
    o.score = ded >= max ? 0 : max - ded;
    o.derivation = DERIVE("超过 %s%% 共 %s 个百分点，每个百分点扣 %s 分：%s − %s = %s", st,
                                   F(v - b->limit.v, sx), F(b->points.v, sp), sm, F(ded, ss), F(o.score, s2));
    break;
  }
  default:
    o.scored = false;
  }
  return o;
}

const char *jx_grade_for(const jx_framework *fw, int64_t total) {
  const char *best = NULL;
  int64_t best_min = INT64_MIN;
  for (size_t i = 0; i < fw->grades.n; i++) {
    const jx_fw_grade *g = &fw->grades.items[i];
    if (total >= g->min.v && g->min.v >= best_min) {
      best = g->name;
      best_min = g->min.v;
    }
  }
  return best ? best : "—";
}
