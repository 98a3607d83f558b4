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
} ctx;

static const jx_fw_band *band_named(const jx_framework *fw, const char *name) {
  for (size_t i = 0; i < fw->bands.n; i++)
    if (strcmp(fw->bands.items[i].name, name) == 0) return &fw->bands.items[i];
  return NULL;
}

static const char *indicator_label(jx_arena *a, const jx_indicator *ind) {
  return jx_arena_printf(a, "指标“%s”", ind->name ? ind->name : "（未命名）");
}

static void score_qualitative(ctx *c, const jx_indicator *ind, jx_indicator_score *s) {
  jx_arena *a = c->r->arena;
#define label indicator_label(a, ind) /* built only when a message needs it */
  char sw[32], lo[32], hi[32], ss[32], s5[32], s6[32], s7[32];
  F(ind->weight.v, sw);
  if (ind->actual.kind != JX_VAL_TEXT) {
    if (ind->actual.kind == JX_VAL_NONE)
      jx_diag_add(c->d, "JX304", JX_ERROR, ind->pos, "%s是定性指标，缺少实际完成等次（达成 / 部分达成 / 未达成）", label);
    else
      jx_diag_add(c->d, "JX304", JX_ERROR, ind->actual.pos, "%s是定性指标，实际完成值应为等次（达成 / 部分达成 / 未达成），这里是“%s”",
                  label, ind->actual.text ? ind->actual.text : "");
    return;
  }
  const jx_fw_band *band = band_named(c->fw, ind->actual.text);
  if (!band) {
    jx_diag_add(c->d, "JX304", JX_ERROR, ind->actual.pos, "%s的实际完成等次“%s”不在评价框架的等次中（达成 / 部分达成 / 未达成）",
                label, ind->actual.text);
    return;
  }
  s->attainment = band->name;
  s->met = band->min.v >= c->fw->bands.items[0].min.v && band == &c->fw->bands.items[0];
  int64_t lo_v = jx_ratio_round2(band->min.v, 100 * JX_NUM_SCALE, ind->weight.v);
  int64_t hi_v = jx_ratio_round2(band->max.v, 100 * JX_NUM_SCALE, ind->weight.v);
  bool top = band->max.v >= 100 * JX_NUM_SCALE;
  F(lo_v, lo);
  F(hi_v, hi);
  if (!ind->score.set) {
    jx_diag_add(c->d, "JX304", JX_ERROR, ind->pos, "%s是定性指标（%s），需要人工填写得分，范围 [%s, %s%s", label, band->name, lo, hi,
                top ? "]" : ")");
    return;
  }
  int64_t typed = ind->score.v;
  bool inside = typed >= lo_v && (top ? typed <= hi_v : typed < hi_v);
  s->scored = true;
  if (inside) {
    s->score = typed;
    if (c->text) s->derivation = jx_arena_printf(a, "定性“%s”，自评 %s，在 [%s, %s%s 内", band->name, F(typed, ss), lo, hi, top ? "]" : ")");
    return;
  }
  s->score = typed < lo_v ? lo_v : (top ? hi_v : hi_v - 10000);
  jx_diag_add(c->d, "JX303", JX_ERROR, ind->score.pos, "%s的等次为“%s”，得分应在 [%s, %s%s 内（权重 %s 的 %s%%–%s%%），自评得分 %s 超出范围", label,
              band->name, lo, hi, top ? "]" : ")", sw, F(band->min.v, ss), F(band->max.v, s5), F(typed, s6));
  s->derivation = jx_arena_printf(a, "定性“%s”，自评 %s 超出区间，按区间边界计 %s", band->name, F(typed, s6), F(s->score, s7));
}

static void score_indicator(ctx *c, const jx_indicator *ind, const jx_project *proj) {
  jx_result *r = c->r;
  jx_arena *a = r->arena;
  jx_indicator_score *s = JX_VEC_PUSH(a, r->indicators, c->ind_cap);
  memset(s, 0, sizeof *s);
  s->indicator = ind;
  s->project = proj;
  if (!ind->weight.set || ind->nature == JX_NATURE_NONE) return;
  if (ind->nature == JX_NATURE_QUAL) {
    score_qualitative(c, ind, s);
  } else {
    bool have_t = ind->target.kind == JX_VAL_NUMBER || (ind->target.kind == JX_VAL_REF && ind->target.resolved);
    bool have_a = ind->actual.kind == JX_VAL_NUMBER || (ind->actual.kind == JX_VAL_REF && ind->actual.resolved);
    if (ind->target.kind == JX_VAL_TEXT)
      jx_diag_add(c->d, "JX304", JX_ERROR, ind->target.pos, "%s的性质是“%s”，指标值应为数字，这里是“%s”（定性指标请把性质写为“定性”）",
                  label, jx_nature_symbol(ind->nature), ind->target.text);
    if (ind->actual.kind == JX_VAL_TEXT)
      jx_diag_add(c->d, "JX304", JX_ERROR, ind->actual.pos, "%s是定量指标，实际完成值应为数字，这里是“%s”", label, ind->actual.text);
    if (ind->actual.kind == JX_VAL_NONE)
      jx_diag_add(c->d, "JX304", JX_WARNING, ind->pos, "%s没有填写实际完成值，无法计分", label);
    if (!have_t || !have_a) return;
    int64_t act = ind->actual.num;
    if (act < 0) {
      char sa[32];
      jx_diag_add(c->d, "JX309", JX_WARNING, ind->actual.pos, "%s的实际完成值 %s 为负数，按 0 计分", label, F(act, sa));
      act = 0;
    }
    jx_rule_out o = jx_rule_quantitative(c->text, ind->nature, act, ind->target.num, ind->weight.v, (jx_le_formula)c->fw->le_formula);
    s->scored = o.scored;
    s->score = o.score;
    s->met = o.met;
    s->actual = act;
    s->derivation = o.derivation;
    if (o.met) s->attainment = "达成";
    else if (ind->nature == JX_NATURE_EQ && act > ind->target.num) s->attainment = "超出目标值";
    else s->attainment = o.score >= jx_ratio_round2(60, 100, ind->weight.v) ? "部分达成" : "未达成";
    if (ind->score.set && ind->score.v != o.score) {
      char t1[32], t2[32];
      const char *why = o.derivation ? o.derivation
                                     : jx_rule_quantitative(a, ind->nature, act, ind->target.num, ind->weight.v,
                                                            (jx_le_formula)c->fw->le_formula).derivation;
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

static void score_execution(ctx *c, const jx_doc *doc) {
  jx_result *r = c->r;
  const jx_project *p = doc->project;
  if (!p || !c->fw->execution_weight.set) return;
  char s1[32], s2[32], s3[32], s4[32], s5[32];
  if (!p->adjusted.set || !p->executed.set || p->adjusted.fen <= 0) {
    jx_diag_add(c->d, "JX305", JX_ERROR, p->pos, "项目缺少全年预算数或全年执行数，无法计算预算执行率");
    return;
  }
  r->has_execution = true;
  r->execution_weight = c->fw->execution_weight.v;
  r->execution_rate = jx_ratio_round2(p->executed.fen, p->adjusted.fen, 100 * JX_NUM_SCALE);
  int64_t capped = p->executed.fen > p->adjusted.fen ? p->adjusted.fen : p->executed.fen;
  r->execution_score = jx_ratio_round2(capped, p->adjusted.fen, r->execution_weight);
  r->execution_derivation = jx_arena_printf(r->arena, "%s / %s = %s%%，%s%% × %s = %s%s", M(p->executed.fen, s1), M(p->adjusted.fen, s2),
                                            F(r->execution_rate, s3), F(r->execution_rate, s3), F(r->execution_weight, s4),
                                            F(r->execution_score, s5), p->executed.fen > p->adjusted.fen ? "（执行率超过 100% 按满分计）" : "");
  if (c->fw->execution_reason_below.set && r->execution_rate < c->fw->execution_reason_below.v && !p->execution_note)
    jx_diag_add(c->d, "JX305", JX_ERROR, p->executed.pos, "预算执行率 %s%%（%s / %s）低于 %s%%，须说明原因（execution_note）", F(r->execution_rate, s3),
                M(p->executed.fen, s1), M(p->adjusted.fen, s2), F(c->fw->execution_reason_below.v, s4));
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
    for (size_t k = 0; k < c->fw->blocks.n; k++)
      if (c->fw->blocks.items[k].rule < JX_RULE_RATIO)
        names = jx_arena_printf(r->arena, "%s%s%s", names, *names ? "、" : "", c->fw->blocks.items[k].name);
    if (*names)
      jx_diag_add(c->d, "JX310", JX_NOTE, at, "尚未填写自评分项得分（assessment.blocks：%s），总分只含按公式计算的分项", names);
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
        jx_diag_add(c->d, "JX310", JX_ERROR, at, "分项“%s”按“%s”计分，但文件缺少计算它所需的数据", fb->name, fb->metric);
        continue;
      }
      jx_rule_out o = jx_rule_block(r->arena, fb, m->value);
      bs->computed = true;
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
      jx_diag_add(c->d, "JX310", JX_ERROR, db ? db->pos : at, "缺少分项“%s”的自评得分（满分 %s）", fb->name, F(fb->max.v, s1));
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

  if ((int)doc->kind != fw->kind)
    jx_diag_add(d, "JX311", JX_ERROR, doc->framework_pos, "评价框架“%s”用于%s评价，而本文件是%s评价", fw->id,
                fw->kind == JX_KIND_PROJECT ? "项目支出" : "部门整体", doc->kind == JX_KIND_PROJECT ? "项目支出" : "部门整体");

  const jx_indicatorlist *main_list = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->indicators : &doc->indicators;
  r->indicator_total = score_list(&c, main_list, doc->kind == JX_KIND_PROJECT ? doc->project : NULL);
  jx_i128 weight = 0;
  for (size_t i = 0; i < main_list->n; i++) weight += main_list->items[i].weight.v;
  r->indicator_weight = jx_sat64(weight);
  score_execution(&c, doc);
  jx_metrics_compute(r, doc);

  if (fw->blocks.n) {
    r->total = score_blocks(&c, doc);
    r->total_derivation = jx_arena_printf(a, "各分项得分之和 %s", F(r->total, s1));
  } else if (doc->kind == JX_KIND_PROJECT) {
    r->total = jx_sat64((jx_i128)r->execution_score + r->indicator_total);
    r->total_derivation = jx_arena_printf(a, "预算执行 %s + 绩效指标 %s = %s", F(r->execution_score, s1), F(r->indicator_total, s2),
                                          F(r->total, s3));
  } else {
    r->total = r->indicator_total;
    r->total_derivation = jx_arena_printf(a, "绩效指标得分 %s", F(r->total, s1));
  }
  r->grade = jx_grade_for(fw, r->total);
  bool formula_blocks = false;
  for (size_t i = 0; i < fw->blocks.n; i++) formula_blocks |= fw->blocks.items[i].rule >= JX_RULE_RATIO;
  if (fw->blocks.n && !doc->blocks.n && !formula_blocks) {
    r->grade = "—";
    r->total_derivation = "尚未自评：未填写分项得分（assessment.blocks）";
  }

  const jx_num *stated = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->stated_total : &doc->stated_total;
  const char *stated_grade = doc->kind == JX_KIND_PROJECT && doc->project ? doc->project->stated_grade : doc->stated_grade;
  jx_pos grade_pos = doc->kind == JX_KIND_PROJECT && doc->project ? doc->project->stated_grade_pos : doc->stated_grade_pos;
  if (stated->set && stated->v != r->total)
    jx_diag_add(d, "JX310", JX_ERROR, stated->pos, "自评总分 %s 与按规则计算的总分 %s 不一致（%s）", F(stated->v, s1), F(r->total, s2),
                r->total_derivation);
  if (stated_grade && strcmp(stated_grade, r->grade) != 0)
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
