/* evaluate.c — jx_score_evaluate: score a department-year by its framework (indicators, execution, blocks, total, grade). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score/score.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/i128.h"

#define F(v, buf) jx_format_num((v), (buf), sizeof(buf))
#define M(v, buf) jx_format_money_wan((v), (buf), sizeof(buf))

typedef struct {
  jx_result *r;
  const jx_framework *fw;
  jx_diags *d;
  jx_arena *text; /* where indicator derivations go; NULL: not built */
  jx_score_check_fn check;
  size_t ind_cap, block_cap;
  bool unknown_points;   /* an unscored part whose points are themselves unknown (no weight) */
  const char *execution_how; /* how the execution rate was found, for the 预算执行率 metric */
  bool scoring_indicators;   /* inside the indicator table */
} ctx;

/* A part that carries points could not be scored: the result is not complete.  Under a
 * framework of blocks the indicator table carries no points of the total (the blocks
 * do): its unscored indicators are said (JX313) but leave the total complete. */
static void unscored(ctx *c, bool points_known, int64_t points) {
  if (c->scoring_indicators && c->fw->blocks.n) return;
  c->r->n_unscored++;
  if (points_known) c->r->unscored_points = jx_sat64((jx_i128)c->r->unscored_points + points);
  else c->unknown_points = true;
}



static const char *indicator_label(jx_arena *a, const jx_indicator *ind) {
  return jx_arena_printf(a, "指标“%s”", ind->name ? ind->name : "（未命名）");
}

/* A grade's band in points for a weight: [lo, hi] when it reaches 100% of the weight,
 * else [lo, hi) (the band edges rounded to hundredths, as the scores are). */
typedef struct {
  int64_t lo, hi;
  bool top;
} band_pts;

static band_pts band_points(const jx_fw_band *band, int64_t weight) {
  band_pts b = {jx_ratio_round2(band->min.v, 100 * JX_NUM_SCALE, weight), jx_ratio_round2(band->max.v, 100 * JX_NUM_SCALE, weight),
                band->max.v >= 100 * JX_NUM_SCALE};
  return b;
}

static bool in_band(band_pts b, int64_t v) { return v >= b.lo && (b.top ? v <= b.hi : v < b.hi); }

/* A typed score on an indicator that cannot be scored is still held to what any rule
 * allows: within [0, weight] (JX307).  Returns false when it is not. */
static bool typed_score_in_range(ctx *c, const jx_indicator *ind) {
  if (!ind->score.set || !ind->weight.set) return true;
  if (ind->score.v >= 0 && ind->score.v <= ind->weight.v) return true;
  char s1[32], s2[32];
  jx_diag_add(c->d, "JX307", JX_ERROR, ind->score.pos, "%s的自评得分 %s 超出范围 [0, %s]（权重）", indicator_label(c->r->arena, ind),
              F(ind->score.v, s1), F(ind->weight.v, s2));
  return false;
}

/* A quantitative indicator whose actual is printed as a grade (达成预期指标): it has no
 * number, so it is not scored, but its typed score is held to that grade's band (JX303). */
static void typed_score_in_band(ctx *c, const jx_indicator *ind) {
  const jx_fw_band *band = jx_fw_band_for(c->fw, ind->actual.text);
  if (!band || !ind->score.set || !ind->weight.set) return;
  band_pts b = band_points(band, ind->weight.v);
  int64_t t = ind->score.v;
  if (in_band(b, t)) return;
  char lo[32], hi[32], ss[32];
  jx_diag_add(c->d, "JX303", JX_WARNING, ind->score.pos, "%s的实际完成情况写作“%s”（等次“%s”），自评得分 %s 不在该等次的区间 [%s, %s%s 内",
              indicator_label(c->r->arena, ind), ind->actual.text, band->name, F(t, ss), F(b.lo, lo), F(b.hi, hi), b.top ? "]" : ")");
}

static void score_qualitative(ctx *c, const jx_indicator *ind, jx_indicator_score *s) {
  jx_arena *a = c->r->arena;
#define label indicator_label(a, ind) /* built only when a message needs it */
  char sw[32], lo[32], hi[32], ss[32], s5[32], s6[32], s7[32];
  F(ind->weight.v, sw);
  if (ind->actual.kind != JX_VAL_TEXT) {
    if (ind->actual.kind == JX_VAL_NONE)
      jx_diag_add(c->d, "JX313", JX_WARNING, ind->pos, "%s未计分：缺少定性指标的实际完成等次%s", label,
                  ind->actual.written && *ind->actual.written ? jx_arena_printf(a, "（表中为“%s”）", ind->actual.written) : "");
    else /* a number under a 定性 target, as published: cannot be scored, not an error */
      jx_diag_add(c->d, "JX313", JX_WARNING, ind->actual.pos, "%s未计分：定性指标的实际完成值应为等次（达成 / 部分达成 / 未达成），这里是“%s”",
                  label, ind->actual.written ? ind->actual.written : ind->actual.text ? ind->actual.text : "");
    unscored(c, true, ind->weight.v);
    typed_score_in_range(c, ind);
    return;
  }
  const jx_fw_band *band = jx_fw_band_for(c->fw, ind->actual.text);
  bool as_target = false;
  if (!band && ind->target.kind == JX_VAL_TEXT && ind->target.text) {
    band = jx_fw_band_met_target(c->fw, ind->actual.text, ind->target.text);
    as_target = band != NULL;
  }
  if (!band) {
    char *names = "";
    for (size_t i = 0; i < c->fw->bands.n; i++)
      names = jx_arena_printf(a, "%s%s%s", names, i ? " / " : "", c->fw->bands.items[i].name);
    jx_diag_add(c->d, "JX313", JX_WARNING, ind->actual.pos, "%s未计分：实际完成情况“%s”不是评价框架“%s”认得的等次（%s），也不是其同义写法",
                label, ind->actual.text, c->fw->id, names);
    unscored(c, true, ind->weight.v);
    typed_score_in_range(c, ind);
    return;
  }
  s->attainment = band->name;
  s->met = band == &c->fw->bands.items[0];
  band_pts b = band_points(band, ind->weight.v);
  int64_t lo_v = b.lo, hi_v = b.hi;
  bool top = b.top;
  F(lo_v, lo);
  F(hi_v, hi);
  const char *as = strcmp(band->name, ind->actual.text) == 0 ? ""
                   : as_target ? jx_arena_printf(a, "（“%s”与指标值相同，按“%s”计）", ind->actual.text, band->name)
                               : jx_arena_printf(a, "（“%s”按“%s”计）", ind->actual.text, band->name);
  if (!ind->score.set) {
    jx_diag_add(c->d, "JX313", JX_WARNING, ind->pos, "%s未计分：定性指标（%s%s）需要人工填写得分，范围 [%s, %s%s", label, band->name, as, lo, hi,
                top ? "]" : ")");
    unscored(c, true, ind->weight.v);
    typed_score_in_range(c, ind);
    return;
  }
  int64_t typed = ind->score.v;
  bool inside = in_band(b, typed);
  s->scored = true;
  if (inside) {
    s->score = typed;
    if (c->text) s->derivation = jx_arena_printf(a, "定性“%s”%s，自评 %s，在 [%s, %s%s 内", band->name, as, F(typed, ss), lo, hi, top ? "]" : ")");
    return;
  }
  s->score = typed < lo_v ? lo_v : (top ? hi_v : hi_v - 10000);
  jx_diag_add(c->d, "JX303", JX_ERROR, ind->score.pos, "%s的等次为“%s”%s，得分应在 [%s, %s%s 内（权重 %s 的 %s%%–%s%%），自评得分 %s 超出范围", label,
              band->name, as, lo, hi, top ? "]" : ")", sw, F(band->min.v, ss), F(band->max.v, s5), F(typed, s6));
  s->derivation = jx_arena_printf(a, "定性“%s”，自评 %s 超出区间，按区间边界计 %s", band->name, F(typed, s6), F(s->score, s7));
}

/* "实际完成值（未填）" when the form printed a blank marker, else just the field's name. */
static const char *as_printed(jx_arena *a, const char *what, const jx_value *v) {
  return v->written && *v->written ? jx_arena_printf(a, "%s（表中为“%s”）", what, v->written) : what;
}

/* What an indicator lacks to be scored, as printed ("权重（未填）、实际完成值"); NULL: nothing. */
static const char *missing_parts(jx_arena *a, const jx_indicator *ind) {
  char *m = "";
#define LACK(cond, what) if (cond) m = jx_arena_printf(a, "%s%s%s", m, *m ? "、" : "", what)
  LACK(!ind->weight.set, "权重");
  LACK(ind->nature == JX_NATURE_NONE, "指标性质");
  LACK(ind->nature == JX_NATURE_QUANT, "指标方向（定量指标的指标值未写明 ≥ 或 ≤）");
  bool qual = ind->nature == JX_NATURE_QUAL;
  LACK(!qual && ind->target.kind == JX_VAL_NONE, as_printed(a, "指标值", &ind->target));
  LACK(!qual && ind->actual.kind == JX_VAL_NONE, as_printed(a, "实际完成值", &ind->actual));
#undef LACK
  return *m ? m : NULL;
}

/* An indicator whose 评分标准 states a rule the framework knows (framework `criteria:`) is
 * scored by it: a step deduction (每低5%扣2分; the gap in percentage points for a percent
 * target, else as a percent of the target), or all or nothing (完成得满分，未完成不得分).
 * Returns .scored false when the text states no known rule (the FASP formula applies). */
static jx_rule_out score_by_criteria(ctx *c, const jx_indicator *ind, jx_nature nat, int64_t act, int64_t tgt) {
  jx_rule_out o = {0};
  if (!ind->criteria) return o;
  int64_t step = 0, points = 0, ctarget = INT64_MIN;
  const jx_fw_criteria *cr = jx_fw_criteria_match(c->fw, ind->criteria, &step, &points, &ctarget);
  if (!cr) return o;
  jx_arena *a = c->text;
  int64_t w = ind->weight.v;
  char st[32], sc[32];
  /* A wording with its own target (达到95%得满分) is scored against that target; a row
   * target that differs is said (JX316), the wording being the rule that was published. */
  if (ctarget != INT64_MIN && ctarget != tgt) {
    jx_diag_add(c->d, "JX316", JX_NOTE, ind->pos, "%s的评分标准“%s”写明的目标 %s 与指标值 %s 不同，按评分标准的 %s 计分",
                indicator_label(c->r->arena, ind), ind->criteria, F(ctarget, st), F(tgt, sc), F(ctarget, st));
    tgt = ctarget;
  }
  bool lower = nat == JX_NATURE_LE || nat == JX_NATURE_LT;
  bool met = lower ? act <= tgt : nat == JX_NATURE_EQ ? act == tgt : act >= tgt;
  char s1[32], s2[32], s3[32], s4[32];
  switch (cr->rule) {
  case JX_RULE_ALL_OR_NOTHING:
    o.scored = true;
    o.met = met;
    o.score = met ? w : 0;
    o.derivation = a ? jx_arena_printf(a, "按评分标准“%s”：%s，得 %s", ind->criteria, met ? "达到目标" : "未达到目标", F(o.score, s1)) : NULL;
    return o;
  case JX_RULE_STEP_DEDUCTION: {
    if (step <= 0 || points <= 0) return o;
    o.scored = true;
    o.met = met;
    jx_i128 short_by = lower ? (jx_i128)act - tgt : (jx_i128)tgt - act;
    if (short_by <= 0) {
      o.score = w;
      o.derivation = a ? jx_arena_printf(a, "按评分标准“%s”：达到目标，得满分 %s", ind->criteria, F(w, s1)) : NULL;
      return o;
    }
    bool pct = ind->target.percent || (ind->unit && strcmp(ind->unit, "%") == 0);
    /* the gap in percentage points (× JX_NUM_SCALE) */
    jx_i128 gap = pct ? short_by : tgt != 0 ? short_by * 100 * JX_NUM_SCALE / (tgt < 0 ? -tgt : tgt) : short_by;
    bool whole = cr->step_rounding == JX_STEP_WHOLE;
    jx_i128 steps = whole ? gap / step : (gap + step - 1) / step;
    jx_i128 ded = steps * points;
    o.score = ded >= w ? 0 : w - (int64_t)ded;
    o.derivation = a ? jx_arena_printf(a, "按评分标准“%s”：%s %s 个百分点，%s，扣 %lld 档：%s − %lld × %s = %s", ind->criteria,
                                       lower ? "超出目标" : "低于目标", F(jx_sat64(gap), s1), whole ? "不足一档不扣" : "不足一档按一档计",
                                       (long long)steps, F(w, s2), (long long)steps, F(points, s3), F(o.score, s4))
                     : NULL;
    return o;
  }
  default: { /* ratio: the FASP formula is that rule, quoted */
    jx_rule_out f = jx_rule_quantitative(a, nat, act, tgt, w, (jx_le_formula)c->fw->le_formula);
    if (a && f.derivation) f.derivation = jx_arena_printf(a, "按评分标准“%s”：%s", ind->criteria, f.derivation);
    return f;
  }
  }
}

static void score_indicator(ctx *c, const jx_indicator *ind, const jx_project *proj) {
  jx_result *r = c->r;
  jx_arena *a = r->arena;
  jx_indicator_score *s = JX_VEC_PUSH(a, r->indicators, c->ind_cap);
  memset(s, 0, sizeof *s);
  s->indicator = ind;
  s->project = proj;
  const char *lacks = missing_parts(a, ind);
  if (lacks && !(ind->nature == JX_NATURE_QUAL && ind->weight.set)) {
    jx_diag_add(c->d, "JX313", JX_WARNING, ind->pos, "%s未计分：缺少%s", indicator_label(a, ind), lacks);
    unscored(c, ind->weight.set, ind->weight.v);
    typed_score_in_range(c, ind);
    return;
  }
  if (ind->nature == JX_NATURE_QUAL) {
    score_qualitative(c, ind, s);
  } else {
    bool have_t = ind->target.kind == JX_VAL_NUMBER || (ind->target.kind == JX_VAL_REF && ind->target.resolved);
    bool have_a = ind->actual.kind == JX_VAL_NUMBER || (ind->actual.kind == JX_VAL_REF && ind->actual.resolved);
    if (ind->target.kind == JX_VAL_TEXT)
      jx_diag_add(c->d, "JX313", JX_WARNING, ind->target.pos, "%s未计分：指标值“%s”不能按性质“%s”计分（不是一个数字）", label,
                  ind->target.written ? ind->target.written : ind->target.text, jx_nature_symbol(ind->nature));
    if (ind->actual.kind == JX_VAL_TEXT) {
      const jx_fw_band *band = jx_fw_band_for(c->fw, ind->actual.text);
      if (band)
        jx_diag_add(c->d, "JX313", JX_WARNING, ind->actual.pos, "%s未计分：定量指标的实际完成值写作“%s”（等次“%s”），没有数字，无法按公式计分",
                    label, ind->actual.text, band->name);
      else
        jx_diag_add(c->d, "JX313", JX_WARNING, ind->actual.pos, "%s未计分：定量指标的实际完成值“%s”不是数字", label, ind->actual.text);
    }
    if (!have_t || !have_a) {
      unscored(c, true, ind->weight.v);
      if (typed_score_in_range(c, ind) && ind->actual.kind == JX_VAL_TEXT) typed_score_in_band(c, ind);
      return;
    }
    int64_t act = ind->actual.num;
    if (act < 0) {
      char sa[32];
      jx_diag_add(c->d, "JX309", JX_WARNING, ind->actual.pos, "%s的实际完成值 %s 为负数，按 0 计分", label, F(act, sa));
      act = 0;
    }
    int64_t tgt = ind->target.num;
    jx_nature nat = ind->nature;
    /* A range target ("90%-95%"): below it scored as ≥ its lower end, above it as ≤ its upper end. */
    if (ind->target.has_hi && act > ind->target.num_hi) {
      tgt = ind->target.num_hi;
      nat = JX_NATURE_LE;
    }
    jx_rule_out o = score_by_criteria(c, ind, nat, act, tgt);
    if (!o.scored) o = jx_rule_quantitative(c->text, nat, act, tgt, ind->weight.v, (jx_le_formula)c->fw->le_formula);
    s->scored = o.scored;
    s->score = o.score;
    s->met = o.met;
    s->actual = act;
    s->derivation = o.derivation;
    if (o.met) s->attainment = "达成";
    /* over an `=` target with full marks by the formula; a target of 0 overshot scores 0: 未达成 */
    else if (nat == JX_NATURE_EQ && act > tgt && o.score == ind->weight.v) s->attainment = "超出目标值";
    else s->attainment = o.score >= jx_ratio_round2(60, 100, ind->weight.v) ? "部分达成" : "未达成";
    if (ind->score.set && ind->score.v != o.score) {
      char t1[32], t2[32];
      const char *why = o.derivation ? o.derivation
                        : ind->criteria && jx_fw_criteria_match(c->fw, ind->criteria, &(int64_t){0}, &(int64_t){0}, &(int64_t){0})
                            ? jx_arena_printf(a, "按评分标准“%s”", ind->criteria)
                            : jx_rule_quantitative(a, nat, act, tgt, ind->weight.v, (jx_le_formula)c->fw->le_formula).derivation;
      jx_diag_add(c->d, "JX306", JX_WARNING, ind->score.pos, "%s的自评得分 %s 与按规则计算的 %s 不一致（%s）", label, F(ind->score.v, t1),
                  F(o.score, t2), why);
    }
    if (c->fw->note_when_above.set && ind->target.num > 0 && !ind->deviation_note &&
        (ind->nature == JX_NATURE_GE || ind->nature == JX_NATURE_GT) &&
        (jx_i128)act * 100 * JX_NUM_SCALE >= (jx_i128)ind->target.num * c->fw->note_when_above.v) {
      char t1[32], t2[32], t3[32];
      jx_diag_add(c->d, "JX302", JX_WARNING, ind->pos, "%s实际 %s 达到目标值 %s 的 %s%% 以上，按评价框架须说明偏差原因（目标是否偏低）", label,
                  F(act, t1), F(ind->target.num, t2), F(c->fw->note_when_above.v, t3));
    }
  }
  if (s->scored && !s->met && !ind->deviation_note) {
    char t1[32], t2[32];
    const char *actual_text = ind->nature == JX_NATURE_QUAL ? ind->actual.text : F(s->actual, t1);
    const char *target_text = ind->target.kind == JX_VAL_TEXT ? ind->target.text : F(ind->target.num, t2);
    jx_diag_add(c->d, "JX301", JX_ERROR, ind->pos, "%s未达成目标（%s %s%s，实际 %s%s），须填写偏差原因分析及改进措施（deviation_note）", label,
                jx_nature_symbol(ind->nature), target_text, ind->unit ? ind->unit : "", actual_text, ind->unit ? ind->unit : "");
  }
}

#undef label

static int64_t score_list(ctx *c, const jx_indicatorlist *l, const jx_project *proj) {
  jx_i128 sum = 0;
  for (size_t i = 0; i < l->n; i++) {
    score_indicator(c, &l->items[i], proj);
    const jx_indicator_score *s = &c->r->indicators.items[c->r->indicators.n - 1];
    if (s->scored) sum += s->score;
  }
  return jx_sat64(sum);
}

/* Decimals a printed figure was written with (0, 1 or 2): a printed 76% is compared with a
 * computed 76.23% at whole percent. */
static int printed_decimals(int64_t v) {
  if (v % JX_NUM_SCALE == 0) return 0;
  if (v % (JX_NUM_SCALE / 10) == 0) return 1;
  return 2;
}

static bool printed_agrees(int64_t printed, int64_t computed) {
  int dec = printed_decimals(printed);
  return printed == computed || (dec < 2 && jx_round_decimals(computed, dec) == printed);
}

/* The amounts the execution rate is computed from: the 年度资金总额 row, or the sum of its
 * source rows (财政拨款 + 上年结转 + 其他资金) when the total row is missing or disagrees with
 * them (docs/score.md: the detailed rows win, unless the printed rate agrees with the total
 * row and not with them).  The denominator may leave 上年结转 out (framework). */
typedef struct {
  bool have;
  int64_t adjusted, executed;
  const char *note; /* why these amounts, when not simply the total row */
} exec_amounts;

static exec_amounts execution_amounts(ctx *c, const jx_doc *doc) {
  exec_amounts e = {0};
  const jx_printed_execution *pr;
  jx_money tadj, texe;
  bool parts_ok = false;
  int64_t padj = 0, pexe = 0, cadj = 0, cexe = 0;
  if (doc->kind == JX_KIND_PROJECT && doc->project) {
    const jx_project *p = doc->project;
    pr = &p->printed;
    tadj = p->adjusted;
    texe = p->executed;
    const jx_money_row *rows[3] = {&p->fiscal, &p->carried_in, &p->other};
    size_t present = 0, complete_rows = 0;
    for (size_t i = 0; i < 3; i++) {
      bool any = rows[i]->adjusted.set || rows[i]->executed.set;
      present += any;
      if (rows[i]->adjusted.set && rows[i]->executed.set) {
        complete_rows++;
        padj += rows[i]->adjusted.fen;
        pexe += rows[i]->executed.fen;
      }
    }
    parts_ok = present > 0 && complete_rows == present;
    if (p->carried_in.adjusted.set) cadj = p->carried_in.adjusted.fen;
    if (p->carried_in.executed.set) cexe = p->carried_in.executed.fen;
  } else {
    pr = &doc->printed;
    tadj = doc->adjusted.set ? doc->adjusted : doc->income_total; /* as the 预算执行率 metric: else the year's income */
    texe = doc->expenditure_total;
    if (doc->income_carried_in.set) cadj = doc->income_carried_in.fen;
  }
  bool total_ok = tadj.set && texe.set;
  if (total_ok) {
    e.have = true;
    e.adjusted = tadj.fen;
    e.executed = texe.fen;
  }
  if (parts_ok && (!total_ok || padj != tadj.fen || pexe != texe.fen)) {
    bool printed_fits_total = false;
    if (total_ok && pr->rate.set && tadj.fen > 0)
      printed_fits_total = printed_agrees(pr->rate.v, jx_ratio_round2(texe.fen, tadj.fen, 100 * JX_NUM_SCALE)) &&
                           !(padj > 0 && printed_agrees(pr->rate.v, jx_ratio_round2(pexe, padj, 100 * JX_NUM_SCALE)));
    if (!printed_fits_total) {
      char s1[32], s2[32];
      e.note = total_ok ? jx_arena_printf(c->r->arena, "年度资金总额行与各来源之和（全年预算 %s、执行 %s）不一致，按各来源之和计算", M(padj, s1), M(pexe, s2))
                        : "年度资金总额行未填，按各来源之和计算";
      e.have = true;
      e.adjusted = padj;
      e.executed = pexe;
    } else {
      e.note = "年度资金总额行与各来源之和不一致，按与所印执行率相符的总额行计算";
    }
  }
  if (e.have && c->fw->execution_denominator == JX_DENOM_ADJUSTED_EXCL_CARRIED_IN) {
    e.adjusted -= cadj;
    e.executed -= cexe;
    e.note = e.note ? jx_arena_printf(c->r->arena, "%s；不含上年结转", e.note) : "不含上年结转";
  }
  return e;
}

static void score_execution(ctx *c, const jx_doc *doc) {
  jx_result *r = c->r;
  const jx_project *p = doc->kind == JX_KIND_PROJECT ? doc->project : NULL;
  if (doc->kind == JX_KIND_PROJECT && !p) return;
  const jx_printed_execution *pr = p ? &p->printed : &doc->printed;
  const char *exec_note = p ? p->execution_note : NULL;
  jx_pos at = p ? p->pos : doc->framework_pos;
  if (pr->pos.line) at = pr->pos;
  char s1[32], s2[32], s3[32], s4[32], s5[32];
  bool weighted = c->fw->execution_weight.set;
  if (pr->weight.set && weighted && pr->weight.v != c->fw->execution_weight.v)
    jx_diag_add(c->d, "JX312", JX_WARNING, pr->weight.pos, "表中所印预算执行分值 %s 与评价框架“%s”的 %s 不一致", F(pr->weight.v, s1), c->fw->id,
                F(c->fw->execution_weight.v, s2));
  if (!weighted && !pr->rate.set && !pr->score.set) return;
  exec_amounts e = execution_amounts(c, doc);
  if (e.have && e.adjusted == 0) {
    jx_diag_add(c->d, "JX305", weighted ? JX_WARNING : JX_NOTE, at, "全年预算数为 0，无法计算预算执行率");
    e.have = false;
  } else if (e.have && e.adjusted < 0) {
    jx_diag_add(c->d, "JX305", JX_WARNING, at, "全年预算数为负数（%s），无法计算预算执行率", M(e.adjusted, s1));
    e.have = false;
  }
  int64_t rate;
  const char *how, *src;
  if (e.have) {
    rate = jx_ratio_round2(e.executed, e.adjusted, 100 * JX_NUM_SCALE);
    how = jx_arena_printf(r->arena, "%s / %s = %s%%%s%s%s", M(e.executed, s1), M(e.adjusted, s2), F(rate, s3), e.note ? "（" : "",
                          e.note ? e.note : "", e.note ? "）" : "");
    src = jx_arena_printf(r->arena, "%s / %s", M(e.executed, s1), M(e.adjusted, s2));
    c->execution_how = jx_arena_printf(r->arena, "执行数 %s / 全年预算数 %s = %s%%%s%s%s", M(e.executed, s1), M(e.adjusted, s2), F(rate, s3),
                                       e.note ? "（" : "", e.note ? e.note : "", e.note ? "）" : "");
    if (pr->rate.set && !printed_agrees(pr->rate.v, rate))
      jx_diag_add(c->d, "JX312", JX_WARNING, pr->rate.pos, "表中所印预算执行率 %s%% 与按金额计算的 %s 不一致", F(pr->rate.v, s4), how);
  } else if (pr->rate.set) {
    rate = pr->rate.v;
    how = jx_arena_printf(r->arena, "表中所印执行率 %s%%（无全年预算数和执行数，按所印执行率计）", F(rate, s3));
    src = "表中所印";
  } else {
    if (weighted) {
      jx_diag_add(c->d, "JX313", JX_WARNING, at, "预算执行（%s 分）未计分：缺少全年预算数和全年执行数，表中也没有执行率",
                  F(c->fw->execution_weight.v, s1));
      unscored(c, true, c->fw->execution_weight.v);
    }
    return;
  }
  if (rate < 0) rate = 0;
  if (!e.have) c->execution_how = how;
  if (!weighted) return;
  r->has_execution = true;
  r->execution_weight = c->fw->execution_weight.v;
  r->execution_rate = rate;
  int64_t capped = rate > 100 * JX_NUM_SCALE ? 100 * JX_NUM_SCALE : rate;
  /* from the amounts exactly when they exist (not from the rounded rate) */
  if (e.have) {
    int64_t ce = e.executed > e.adjusted ? e.adjusted : e.executed;
    r->execution_score = jx_ratio_round2(ce < 0 ? 0 : ce, e.adjusted, r->execution_weight);
  } else {
    r->execution_score = jx_ratio_round2(capped, 100 * JX_NUM_SCALE, r->execution_weight);
  }
  r->execution_derivation = jx_arena_printf(r->arena, "%s，%s%% × %s = %s%s", how, F(rate, s3), F(r->execution_weight, s4),
                                            F(r->execution_score, s5), rate > 100 * JX_NUM_SCALE ? "（执行率超过 100% 按满分计）" : "");
  if (pr->score.set && !printed_agrees(pr->score.v, r->execution_score))
    jx_diag_add(c->d, "JX312", JX_WARNING, pr->score.pos, "表中所印预算执行得分 %s 与按规则计算的 %s 不一致（%s）", F(pr->score.v, s1),
                F(r->execution_score, s2), r->execution_derivation);
  if (p && c->fw->execution_reason_below.set && rate < c->fw->execution_reason_below.v && !exec_note)
    jx_diag_add(c->d, "JX305", JX_ERROR, p->executed.pos.line ? p->executed.pos : at, "预算执行率 %s%%（%s）低于 %s%%，须说明原因（execution_note）",
                F(rate, s3), src, F(c->fw->execution_reason_below.v, s4));
}

static const jx_block *doc_block(const jx_doc *doc, const char *name) {
  for (size_t i = 0; i < doc->blocks.n; i++)
    if (doc->blocks.items[i].name && strcmp(doc->blocks.items[i].name, name) == 0) return &doc->blocks.items[i];
  return NULL;
}

static int64_t score_blocks(ctx *c, const jx_doc *doc) {
  jx_result *r = c->r;
  jx_i128 sum = 0;
  char s1[32], s2[32];
  jx_pos at = doc->framework_pos;
  bool assessed_any = doc->blocks.n > 0;
  if (!assessed_any) {
    char *names = "";
    jx_i128 pts = 0;
    for (size_t k = 0; k < c->fw->blocks.n; k++)
      if (c->fw->blocks.items[k].rule < JX_RULE_RATIO) {
        names = jx_arena_printf(r->arena, "%s%s%s", names, *names ? "、" : "", c->fw->blocks.items[k].name);
        pts += c->fw->blocks.items[k].max.v;
        unscored(c, true, c->fw->blocks.items[k].max.v);
      }
    if (*names)
      jx_diag_add(c->d, "JX310", JX_NOTE, at, "尚未填写自评分项得分（%s，共 %s 分），不计算总分和等级", names, F(jx_sat64(pts), s1));
  }
  for (size_t i = 0; i < c->fw->blocks.n; i++) {
    const jx_fw_block *fb = &c->fw->blocks.items[i];
    const jx_block *db = doc_block(doc, fb->name);
    jx_block_score *bs = JX_VEC_PUSH(r->arena, r->blocks, c->block_cap);
    memset(bs, 0, sizeof *bs);
    bs->name = fb->name;
    bs->max = fb->max.v;
    if (fb->rule >= JX_RULE_RATIO) {
      const jx_metric_value *m = jx_result_metric(r, fb->metric);
      if (!m) {
        jx_diag_add(c->d, "JX313", JX_WARNING, at, "分项“%s”（%s 分）未计分：按“%s”计分，但文件缺少计算它所需的数据", fb->name, F(fb->max.v, s1),
                    fb->metric);
        unscored(c, true, fb->max.v);
        continue;
      }
      jx_rule_out o = jx_rule_block(r->arena, fb, m->value);
      bs->computed = true;
      bs->scored = true;
      bs->score = o.score;
      bs->derivation = jx_arena_printf(r->arena, "%s %s；%s", m->label, m->derivation, o.derivation);
      if (db && db->score.set && db->score.v != o.score)
        jx_diag_add(c->d, "JX306", JX_WARNING, db->score.pos, "分项“%s”的自评得分 %s 与按规则计算的 %s 不一致（%s）", fb->name,
                    F(db->score.v, s1), F(o.score, s2), bs->derivation);
      sum += o.score;
      continue;
    }
    if (!assessed_any) continue;
    if (!db || !db->score.set) {
      jx_diag_add(c->d, "JX313", JX_WARNING, db ? db->pos : at, "分项“%s”未计分：缺少自评得分（满分 %s）", fb->name, F(fb->max.v, s1));
      unscored(c, true, fb->max.v);
      continue;
    }
    int64_t v = db->score.v;
    if (v < 0 || v > fb->max.v) {
      jx_diag_add(c->d, "JX307", JX_ERROR, db->score.pos, "分项“%s”的得分 %s 超出范围 [0, %s]", fb->name, F(v, s1), F(fb->max.v, s2));
      v = v < 0 ? 0 : fb->max.v;
    }
    if (fb->rule == JX_RULE_ASSESSED_WITH_REASON && v < fb->max.v && !db->reason)
      jx_diag_add(c->d, "JX308", JX_WARNING, db->score.pos, "分项“%s”得 %s 分（满分 %s），扣分须写明理由（reason）", fb->name, F(v, s1),
                  F(fb->max.v, s2));
    bs->score = v;
    bs->scored = true;
    bs->derivation = jx_arena_printf(r->arena, "自评 %s / 满分 %s%s%s", F(v, s1), F(fb->max.v, s2), db->reason ? "：" : "",
                                     db->reason ? db->reason : "");
    sum += v;
  }
  for (size_t i = 0; i < doc->blocks.n; i++) {
    const jx_block *db = &doc->blocks.items[i];
    bool known = false;
    for (size_t k = 0; k < c->fw->blocks.n && db->name; k++) known |= strcmp(c->fw->blocks.items[k].name, db->name) == 0;
    if (!known && db->name) {
      char *names = "";
      for (size_t k = 0; k < c->fw->blocks.n; k++)
        names = jx_arena_printf(r->arena, "%s%s%s", names, k ? "、" : "", c->fw->blocks.items[k].name);
      jx_diag_add(c->d, "JX310", JX_ERROR, db->pos, "分项“%s”不在评价框架“%s”中（应为：%s）", db->name, c->fw->id, *names ? names : "无分项");
    }
  }
  return jx_sat64(sum);
}

static bool project_has_table(const jx_project *p) { return p->indicators.n > 0; }

/* Each project of a department file that carries its own table is scored as a
 * project self-evaluation (项目支出绩效自评) by the framework's project framework. */
static void evaluate_projects(ctx *c, const jx_doc *file) {
  size_t cap = 0;
  for (size_t i = 0; i < file->projects.n; i++) {
    const jx_project *p = &file->projects.items[i];
    if (!project_has_table(p)) continue;
    if (!c->fw->project_fw) {
      jx_diag_add(c->d, "JX311", JX_NOTE, p->pos, "项目“%s”有自己的绩效指标，但评价框架“%s”没有指定项目评价框架（project_framework），未计分",
                  p->name ? p->name : "", c->fw->id);
      continue;
    }
    jx_doc *project_doc = jx_arena_alloc(c->r->arena, sizeof *project_doc);
    project_doc->path = file->path;
    project_doc->kind = JX_KIND_PROJECT;
    project_doc->framework_id = c->fw->project_fw->id;
    project_doc->framework_pos = p->pos;
    project_doc->year = file->year;
    project_doc->money_unit_fen = file->money_unit_fen;
    project_doc->department = file->department;
    project_doc->project = (jx_project *)p;
    jx_result *pr = NULL;
    jx_score_evaluate(project_doc, file, c->fw->project_fw, c->text != NULL, c->check, &pr, c->d);
    *JX_VEC_PUSH(c->r->arena, c->r->projects, cap) = pr; // NOLINT(bugprone-sizeof-expression)
  }
}

/* file_doc is the whole file (paths in `describes` are resolved in it); doc is what
 * is scored: the file, or one project of a department file. */
jx_status jx_score_evaluate(const jx_doc *doc, const jx_doc *file_doc, const jx_framework *fw, bool derive,
                            jx_score_check_fn check, jx_result **out, jx_diags *d) {
  size_t errors_before = d->n_error;
  jx_arena *a = jx_arena_new();
  jx_result *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->doc = doc;
  r->file_doc = file_doc;
  r->framework = fw;
  ctx c = {.r = r, .fw = fw, .d = d, .text = derive ? a : NULL, .check = check};
  char s1[32], s2[32], s3[32];

  if ((int)doc->kind != fw->kind) {
    jx_diag_add(d, "JX311", JX_ERROR, doc->framework_pos, "评价框架“%s”用于%s评价，而本文件是%s评价，未计分", fw->id,
                fw->kind == JX_KIND_PROJECT ? "项目支出" : "部门整体", doc->kind == JX_KIND_PROJECT ? "项目支出" : "部门整体");
    r->total_derivation = "评价框架与评价类型不符，未计分";
    r->incomplete = "不完整：评价框架与评价类型不符，未计分（不计算总分和等级）";
    *out = r; /* complete = false, no total, no grade, nothing scored */
    return JX_ERR_DATA;
  }

  const jx_indicatorlist *main_list = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->indicators : &doc->indicators;
  c.scoring_indicators = true;
  r->indicator_total = score_list(&c, main_list, doc->kind == JX_KIND_PROJECT ? doc->project : NULL);
  c.scoring_indicators = false;
  if (!main_list->n && !fw->blocks.n && fw->indicator_weight.set) {
    /* the whole indicator table is missing: its points are not 0, they are unknown */
    jx_diag_add(d, "JX313", JX_WARNING, doc->kind == JX_KIND_PROJECT && doc->project ? doc->project->pos : doc->framework_pos,
                "绩效指标（%s 分）未计分：文件中没有绩效指标", F(fw->indicator_weight.v, s1));
    unscored(&c, true, fw->indicator_weight.v);
  }
  jx_i128 weight = 0;
  for (size_t i = 0; i < main_list->n; i++) weight += main_list->items[i].weight.v;
  r->indicator_weight = jx_sat64(weight);
  score_execution(&c, doc);
  jx_metrics_compute(r, doc);
  if (r->has_execution) { /* one 预算执行率 in the output: the one scored (source rows, printed rate, denominator) */
    for (size_t i = 0; i < r->metrics.n; i++)
      if (strcmp(r->metrics.items[i].name, "execution_rate") == 0) {
        r->metrics.items[i].known = true;
        r->metrics.items[i].value = r->execution_rate;
        r->metrics.items[i].derivation = c.execution_how;
      }
  }

  if (fw->blocks.n) {
    r->partial_total = score_blocks(&c, doc);
    r->total_derivation = jx_arena_printf(a, "各分项得分之和 %s", F(r->partial_total, s1));
  } else if (r->has_execution || fw->execution_weight.set) {
    r->partial_total = jx_sat64((jx_i128)r->execution_score + r->indicator_total);
    r->total_derivation = jx_arena_printf(a, "预算执行 %s + 绩效指标 %s = %s", F(r->execution_score, s1), F(r->indicator_total, s2),
                                          F(r->partial_total, s3));
  } else {
    r->partial_total = r->indicator_total;
    r->total_derivation = jx_arena_printf(a, "绩效指标得分 %s", F(r->partial_total, s1));
  }
  /* An unscored part whose weight is unknown: the points not computed are at least what
   * the framework's total leaves after the parts that have points. */
  if (c.unknown_points && fw->total.set && !fw->blocks.n) {
    jx_i128 scored = r->has_execution ? r->execution_weight : 0;
    for (size_t i = 0; i < r->indicators.n; i++)
      if (r->indicators.items[i].scored) scored += r->indicators.items[i].indicator->weight.v;
    int64_t rest = jx_sat64((jx_i128)fw->total.v - scored);
    if (rest > r->unscored_points) r->unscored_points = rest;
  }
  r->complete = r->n_unscored == 0;
  r->unscored_at_least = c.unknown_points;
  if (r->complete) {
    r->total = r->partial_total;
    r->grade = jx_grade_for(fw, r->total);
  } else {
    r->total = 0;
    r->grade = NULL;
    r->incomplete = jx_arena_printf(a, "不完整：%zu 项未计分，共%s %s 分无法计算；已计分部分合计 %s（不计算总分和等级）", r->n_unscored,
                                    c.unknown_points ? "至少" : "", F(r->unscored_points, s1), F(r->partial_total, s2));
    if (!(fw->blocks.n && !doc->blocks.n))
      jx_diag_add(d, "JX314", JX_WARNING, doc->framework_pos, "不完整：%zu 项未计分，共%s %s 分无法计算（已计分部分合计 %s），不计算总分和等级",
                  r->n_unscored, c.unknown_points ? "至少" : "", F(r->unscored_points, s1), F(r->partial_total, s2));
    r->total_derivation = jx_arena_printf(a, "不完整：%zu 项未计分，共%s %s 分无法计算；已计分部分 %s", r->n_unscored,
                                          c.unknown_points ? "至少" : "", F(r->unscored_points, s1), r->total_derivation);
  }

  const jx_num *stated = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->stated_total : &doc->stated_total;
  const char *stated_grade = doc->kind == JX_KIND_PROJECT && doc->project ? doc->project->stated_grade : doc->stated_grade;
  jx_pos grade_pos = doc->kind == JX_KIND_PROJECT && doc->project ? doc->project->stated_grade_pos : doc->stated_grade_pos;
  if (stated->set && fw->total.set && (stated->v > fw->total.v || stated->v < 0))
    jx_diag_add(d, "JX307", JX_ERROR, stated->pos, "自评总分 %s 超出范围 [0, %s]（评价框架“%s”的满分）", F(stated->v, s1), F(fw->total.v, s2), fw->id);
  if (!r->complete && (stated->set || stated_grade))
    jx_diag_add(d, "JX315", JX_NOTE, stated->set ? stated->pos : grade_pos, "自评%s 无法核对：按规则计算的总分不完整（%zu 项未计分，共%s %s 分）",
                stated->set ? jx_arena_printf(a, "总分 %s", F(stated->v, s1)) : jx_arena_printf(a, "等级“%s”", stated_grade), r->n_unscored,
                c.unknown_points ? "至少" : "", F(r->unscored_points, s2));
  if (r->complete && stated->set && stated->v != r->total)
    jx_diag_add(d, "JX310", JX_ERROR, stated->pos, "自评总分 %s 与按规则计算的总分 %s 不一致（%s）", F(stated->v, s1), F(r->total, s2),
                r->total_derivation);
  if (r->complete && stated_grade && strcmp(stated_grade, r->grade) != 0)
    jx_diag_add(d, "JX310", JX_ERROR, grade_pos, "自评等级“%s”与按总分 %s 得出的等级“%s”不一致", stated_grade, F(r->total, s1), r->grade);

  if (doc->kind == JX_KIND_DEPARTMENT) evaluate_projects(&c, doc);
  if (check) check(doc, fw, r, d);
  *out = r;
  return d->n_error > errors_before ? JX_ERR_DATA : JX_OK;
}

void jx_result_free(jx_result *r) {
  if (!r) return;
  for (size_t i = 0; i < r->projects.n; i++) jx_result_free(r->projects.items[i]);
  jx_arena_free(r->arena);
}
