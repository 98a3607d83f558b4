/* report.c — build the format-neutral report (the seed's shape plus the official tables)
 * from a department-year and its scores.  Every number is taken from jx_doc/jx_result. */
#include "render/report.h"

#include <stdio.h>
#include <string.h>

#include "model/framework.h"
#include "util/date.h"
#include "util/i128.h"

#define F(v, buf) jx_format_num((v), (buf), sizeof(buf))
#define M(v, buf) jx_format_money_wan((v), (buf), sizeof(buf))

typedef struct {
  jx_report *r;
  size_t cap;
} builder;

static const char *cn_numeral(jx_arena *a, size_t n) {
  static const char *d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  if (n <= 10) return d[n];
  if (n < 20) return jx_arena_printf(a, "十%s", d[n - 10]);
  if (n < 100) return jx_arena_printf(a, "%s十%s", d[n / 10], n % 10 ? d[n % 10] : "");
  return jx_arena_printf(a, "%zu", n);
}

static jx_rblock *add(builder *b, jx_rblock_kind kind) {
  jx_rblock *blk = JX_VEC_PUSH(b->r->arena, b->r->blocks, b->cap);
  memset(blk, 0, sizeof *blk);
  blk->kind = kind;
  return blk;
}

static void heading(builder *b, int level, size_t n, const char *text) {
  jx_arena *a = b->r->arena;
  jx_rblock *h = add(b, JX_RB_HEADING);
  h->level = level;
  switch (level) {
  case 1: h->number = jx_arena_printf(a, "%s、", cn_numeral(a, n)); break;
  case 2: h->number = jx_arena_printf(a, "（%s）", cn_numeral(a, n)); break;
  case 3: h->number = jx_arena_printf(a, "%zu.", n); break;
  default: h->number = jx_arena_printf(a, "（%zu）", n); break;
  }
  h->text = text;
}

static void para(builder *b, const char *text) {
  if (!text || !*text) return;
  add(b, JX_RB_PARAGRAPH)->text = text;
}

static void item(builder *b, const char *number, const char *text) {
  if (!text || !*text) return;
  jx_rblock *p = add(b, JX_RB_PARAGRAPH);
  p->number = number;
  p->text = text;
}

/* "1,240.49" style money without trailing zeros, as narrative text writes it: "70", "1240.49". */
static const char *wan(jx_arena *a, int64_t fen) {
  char buf[32];
  return jx_arena_strdup(a, F(fen, buf)); /* 1 万元 = 10^6 分 = JX_NUM_SCALE: 分 read as 万元 */
}

/* ---- tables ---------------------------------------------------------------------- */

static jx_rtable *table_new(builder *b, size_t rows, size_t cols, const char *caption, const char *sheet, const char *unit_note) {
  jx_arena *a = b->r->arena;
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->rows = rows;
  t->cols = cols;
  t->caption = caption;
  t->sheet = sheet;
  t->unit_note = unit_note;
  t->cells = jx_arena_alloc(a, rows * cols * sizeof *t->cells);
  t->col_widths = jx_arena_alloc(a, cols * sizeof *t->col_widths);
  for (size_t c = 0; c < cols; c++) t->col_widths[c] = 1;
  for (size_t i = 0; i < rows * cols; i++) {
    t->cells[i].rowspan = t->cells[i].colspan = 1;
    t->cells[i].text = "";
  }
  jx_rblock *blk = add(b, JX_RB_TABLE);
  blk->table = t;
  return t;
}

static jx_rcell *put(jx_rtable *t, size_t r, size_t c, const char *text) {
  jx_rcell *x = jx_rtable_at(t, r, c);
  x->text = text ? text : "";
  return x;
}

static jx_rcell *head(jx_rtable *t, size_t r, size_t c, const char *text) {
  jx_rcell *x = put(t, r, c, text);
  x->header = true;
  x->align = JX_ALIGN_CENTER;
  return x;
}

static jx_rcell *money(builder *b, jx_rtable *t, size_t r, size_t c, const jx_money *m) {
  char buf[32];
  jx_rcell *x = put(t, r, c, m->set ? jx_arena_strdup(b->r->arena, M(m->fen, buf)) : "");
  x->align = JX_ALIGN_RIGHT;
  if (m->set) {
    x->type = JX_CELL_MONEY;
    x->value = m->fen;
    x->has_value = true;
  }
  return x;
}

static jx_rcell *number(builder *b, jx_rtable *t, size_t r, size_t c, int64_t v) {
  char buf[32];
  jx_rcell *x = put(t, r, c, jx_arena_strdup(b->r->arena, F(v, buf)));
  x->align = JX_ALIGN_RIGHT;
  x->type = JX_CELL_NUMBER;
  x->value = v;
  x->has_value = true;
  return x;
}

static jx_rcell *percent(builder *b, jx_rtable *t, size_t r, size_t c, int64_t pct) {
  char buf[32];
  jx_rcell *x = put(t, r, c, jx_arena_printf(b->r->arena, "%s%%", F(pct, buf)));
  x->align = JX_ALIGN_RIGHT;
  x->type = JX_CELL_PERCENT;
  x->value = pct;
  x->has_value = true;
  return x;
}

/* A target or an actual as written: the number, else the cell exactly as written (full
 * width kept), else its text; 未填 only when nothing was written. */
static const char *value_text(jx_arena *a, const jx_value *v) {
  char buf[32];
  if (v->kind == JX_VAL_NUMBER || (v->kind == JX_VAL_REF && v->resolved)) return jx_arena_strdup(a, F(v->num, buf));
  if (v->written && *v->written) return v->written;
  if (v->text && *v->text) return v->text;
  return "未填";
}

/* Whether some unscored indicator had no weight either (the points are a lower bound). */
/* A score cell that could not be computed. */
static jx_rcell *unscored_cell(jx_rtable *t, size_t r, size_t c) {
  jx_rcell *x = put(t, r, c, "未计分");
  x->align = JX_ALIGN_CENTER;
  return x;
}

/* Whether the budget execution carries points in res's framework but could not be scored. */
static bool exec_unscored(const jx_result *res) {
  return !res->has_execution && res->framework && res->framework->execution_weight.set && res->doc->kind == JX_KIND_PROJECT;
}

/* Whether any indicator of res was not scored (its sum is then only partial). */
static bool any_unscored(const jx_result *res) {
  for (size_t i = 0; i < res->indicators.n; i++)
    if (!res->indicators.items[i].scored) return true;
  return false;
}

/* Merge equal consecutive level1/level2 texts vertically in rows [first, first+n). */
static void merge_levels(jx_rtable *t, size_t first, size_t n, size_t col) {
  size_t i = 0;
  while (i < n) {
    size_t j = i + 1;
    const char *s = jx_rtable_at(t, first + i, col)->text;
    while (j < n && *s && strcmp(jx_rtable_at(t, first + j, col)->text, s) == 0) j++;
    if (j - i > 1) jx_rtable_span(t, first + i, col, (int)(j - i), 1);
    i = j;
  }
}

static const char *joined_goals(jx_arena *a, const jx_strlist *goals) {
  const char *s = "";
  for (size_t i = 0; i < goals->n; i++) s = jx_arena_printf(a, "%s%s%s", s, i ? "\n" : "", goals->items[i]);
  return s;
}

/* An indicator as the target table states it, in 7 columns from col: 一级 / 二级 /
 * 三级 / 性质 / 指标值 / 单位 / 权重.  The target and the self-evaluation tables share it. */
static void indicator_definition(builder *b, jx_rtable *t, size_t row, size_t col, const jx_indicator *ind) {
  jx_arena *a = b->r->arena;
  put(t, row, col, ind->level1);
  put(t, row, col + 1, ind->level2);
  put(t, row, col + 2, ind->name);
  put(t, row, col + 3, jx_nature_symbol(ind->nature))->align = JX_ALIGN_CENTER;
  put(t, row, col + 4, value_text(a, &ind->target))->align = JX_ALIGN_CENTER;
  put(t, row, col + 5, ind->unit)->align = JX_ALIGN_CENTER;
  if (ind->weight.set) number(b, t, row, col + 6, ind->weight.v);
}

/* 部门整体支出绩效目标表 */
static void target_table(builder *b, const jx_doc *doc) {
  jx_arena *a = b->r->arena;
  size_t n_tasks = doc->tasks.n, n_ind = doc->indicators.n;
  size_t rows = 1 + 2 + 1 + (1 + n_tasks) + (1 + n_ind);
  jx_rtable *t = table_new(b, rows, 8, jx_arena_printf(a, "%d年度部门整体支出绩效目标表", doc->year), "绩效目标表", "单位：万元");
  static const int widths[] = {6, 4, 5, 16, 3, 6, 4, 4}; /* about the characters each column needs */
  memcpy(t->col_widths, widths, sizeof widths);
  size_t r = 0;
  head(t, r, 0, "部门名称");
  put(t, r, 1, doc->unit_name ? doc->unit_name : doc->department);
  jx_rtable_span(t, r, 1, 1, 7);
  r++;
  head(t, r, 0, "年度部门整体支出预算");
  jx_rtable_span(t, r, 0, 2, 1);
  head(t, r, 1, "资金总额");
  jx_rtable_span(t, r, 1, 1, 3);
  head(t, r, 4, "财政拨款");
  jx_rtable_span(t, r, 4, 1, 2);
  head(t, r, 6, "其他资金");
  jx_rtable_span(t, r, 6, 1, 2);
  money(b, t, r + 1, 1, &doc->budget_total);
  jx_rtable_span(t, r + 1, 1, 1, 3);
  money(b, t, r + 1, 4, &doc->budget_fiscal);
  jx_rtable_span(t, r + 1, 4, 1, 2);
  money(b, t, r + 1, 6, &doc->budget_other);
  jx_rtable_span(t, r + 1, 6, 1, 2);
  r += 2;
  head(t, r, 0, "年度总体目标");
  put(t, r, 1, joined_goals(a, &doc->goals));
  jx_rtable_span(t, r, 1, 1, 7);
  r++;
  head(t, r, 0, "年度主要任务");
  jx_rtable_span(t, r, 0, (int)(1 + n_tasks), 1);
  head(t, r, 1, "任务名称");
  jx_rtable_span(t, r, 1, 1, 2);
  head(t, r, 3, "主要内容");
  jx_rtable_span(t, r, 3, 1, 5);
  for (size_t i = 0; i < n_tasks; i++) {
    put(t, r + 1 + i, 1, doc->tasks.items[i].name);
    jx_rtable_span(t, r + 1 + i, 1, 1, 2);
    put(t, r + 1 + i, 3, doc->tasks.items[i].content);
    jx_rtable_span(t, r + 1 + i, 3, 1, 5);
  }
  r += 1 + n_tasks;
  head(t, r, 0, "年度绩效指标");
  jx_rtable_span(t, r, 0, (int)(1 + n_ind), 1);
  static const char *cols[] = {"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"};
  for (size_t c = 0; c < 7; c++) head(t, r, c + 1, cols[c]);
  size_t first = r + 1;
  for (size_t i = 0; i < n_ind; i++) indicator_definition(b, t, first + i, 1, &doc->indicators.items[i]);
  merge_levels(t, first, n_ind, 1);
  merge_levels(t, first, n_ind, 2);
}

/* 绩效目标调整情况: the approved adjustments of the locked declaration (res->declaration),
 * one row per change, in their order.  False (nothing written) when there are none. */
static bool adjustments_table(builder *b, const jx_result *res) {
  const jx_decl *d = res->declaration;
  if (!d || !d->adjustments.n) return false;
  jx_arena *a = b->r->arena;
  size_t rows = 1;
  for (size_t i = 0; i < d->adjustments.n; i++) rows += d->adjustments.items[i].changes.n ? d->adjustments.items[i].changes.n : 1;
  jx_rtable *t = table_new(b, rows, 6, jx_arena_printf(a, "%d年度绩效目标调整情况", d->year), "目标调整", NULL);
  static const int widths[] = {5, 8, 6, 6, 10, 5};
  memcpy(t->col_widths, widths, sizeof widths);
  static const char *cols[] = {"调整日期", "调整内容", "批复值", "调整后", "调整原因", "批准"};
  for (size_t c = 0; c < 6; c++) head(t, 0, c, cols[c]);
  size_t r = 1;
  for (size_t i = 0; i < d->adjustments.n; i++) {
    const jx_decl_adjustment *adj = &d->adjustments.items[i];
    size_t n = adj->changes.n ? adj->changes.n : 1;
    put(t, r, 0, adj->date ? adj->date : "");
    put(t, r, 4, adj->reason ? adj->reason : "");
    put(t, r, 5, adj->approver ? adj->approver : "");
    if (n > 1) {
      jx_rtable_span(t, r, 0, (int)n, 1);
      jx_rtable_span(t, r, 4, (int)n, 1);
      jx_rtable_span(t, r, 5, (int)n, 1);
    }
    for (size_t k = 0; k < adj->changes.n; k++) {
      const jx_decl_change *ch = &adj->changes.items[k];
      put(t, r + k, 1, ch->indicator ? ch->indicator : "本年金额");
      put(t, r + k, 2, ch->from ? ch->from : "（新增）");
      put(t, r + k, 3, ch->to ? ch->to : "（删除）");
    }
    r += n;
  }
  return true;
}

/* 部门整体绩效自评表: indicators with actuals and scores, then the blocks and the total. */
static void selfeval_table(builder *b, const jx_doc *doc, const jx_result *res) {
  jx_arena *a = b->r->arena;
  size_t n = res->indicators.n;
  size_t rows = 1 + n + 1;
  jx_rtable *t = table_new(b, rows, 10, jx_arena_printf(a, "%d年度部门整体绩效自评表", doc->year), "绩效自评表", NULL);
  static const int widths[] = {4, 5, 13, 4, 5, 4, 3, 6, 4, 13};
  memcpy(t->col_widths, widths, sizeof widths);
  t->header_rows = 1;
  static const char *cols[] = {"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "实际完成值", "得分", "偏差原因分析及改进措施"};
  for (size_t c = 0; c < 10; c++) head(t, 0, c, cols[c]);
  char buf[32];
  for (size_t i = 0; i < n; i++) {
    const jx_indicator_score *s = &res->indicators.items[i];
    const jx_indicator *ind = s->indicator;
    size_t row = 1 + i;
    indicator_definition(b, t, row, 0, ind);
    if (s->scored && ind->nature != JX_NATURE_QUAL) put(t, row, 7, jx_arena_strdup(a, F(s->actual, buf)))->align = JX_ALIGN_CENTER;
    else put(t, row, 7, value_text(a, &ind->actual))->align = JX_ALIGN_CENTER;
    if (s->scored) number(b, t, row, 8, s->score);
    else unscored_cell(t, row, 8);
    put(t, row, 9, ind->deviation_note);
  }
  merge_levels(t, 1, n, 0);
  merge_levels(t, 1, n, 1);
  size_t last = rows - 1;
  head(t, last, 0, "合计");
  jx_rtable_span(t, last, 0, 1, 6);
  jx_rcell *w = number(b, t, last, 6, res->indicator_weight);
  if (n) w->formula = jx_arena_printf(a, "=SUM(R[-%zu]C:R[-1]C)", n);
  if (any_unscored(res)) { /* a sum of what was scored is no 合计 */
    put(t, last, 8, "不完整")->align = JX_ALIGN_CENTER;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += !res->indicators.items[i].scored;
    put(t, last, 9, jx_arena_printf(a, "%zu 项未计分；已计分指标得分合计 %s", k, F(res->indicator_total, buf)));
  } else {
    jx_rcell *sc = number(b, t, last, 8, res->indicator_total);
    if (n) sc->formula = w->formula;
  }
}

static void blocks_table(builder *b, const jx_doc *doc, const jx_result *res) {
  jx_arena *a = b->r->arena;
  size_t n = res->blocks.n;
  jx_rtable *t = table_new(b, 1 + n + 2, 4, jx_arena_printf(a, "%d年度部门整体绩效自评得分表", doc->year), "自评得分", NULL);
  static const int widths[] = {6, 3, 3, 14};
  memcpy(t->col_widths, widths, sizeof widths);
  t->header_rows = 1;
  head(t, 0, 0, "评价分项");
  head(t, 0, 1, "满分");
  head(t, 0, 2, "得分");
  head(t, 0, 3, "计分依据");
  for (size_t i = 0; i < n; i++) {
    const jx_block_score *bs = &res->blocks.items[i];
    put(t, 1 + i, 0, bs->name);
    number(b, t, 1 + i, 1, bs->max);
    if (bs->derivation) number(b, t, 1 + i, 2, bs->score); /* every scored block says how */
    else unscored_cell(t, 1 + i, 2);
    put(t, 1 + i, 3, bs->derivation);
  }
  size_t tot = 1 + n;
  head(t, tot, 0, "总分");
  jx_i128 max = 0;
  for (size_t i = 0; i < n; i++) max += res->blocks.items[i].max;
  jx_rcell *m = number(b, t, tot, 1, jx_sat64(max));
  if (n) m->formula = jx_arena_printf(a, "=SUM(R[-%zu]C:R[-1]C)", n);
  head(t, tot + 1, 0, "等级");
  if (res->complete) {
    jx_rcell *s = number(b, t, tot, 2, res->total);
    if (n) s->formula = m->formula;
    put(t, tot, 3, res->total_derivation);
    put(t, tot + 1, 1, res->grade ? res->grade : "—")->align = JX_ALIGN_CENTER;
  } else {
    put(t, tot, 2, "不完整")->align = JX_ALIGN_CENTER;
    put(t, tot, 3, res->incomplete);
    put(t, tot + 1, 1, "不评定（总分不完整）")->align = JX_ALIGN_CENTER;
  }
  jx_rtable_span(t, tot + 1, 1, 1, 3);
}

/* 项目支出绩效自评表（财预〔2020〕10号 附件1） */
static void project_table(builder *b, const jx_doc *doc, const jx_project *p, const jx_result *res) {
  jx_arena *a = b->r->arena;
  size_t n = res->indicators.n;
  size_t rows = 2 + 5 + 2 + 1 + n + 1;
  jx_rtable *t = table_new(b, rows, 9, jx_arena_printf(a, "项目支出绩效自评表（%d年度）", doc->year),
                           jx_arena_printf(a, "项目自评-%s", p->name ? p->name : ""), "单位：万元");
  static const int widths[] = {5, 5, 5, 9, 7, 7, 5, 5, 18};
  memcpy(t->col_widths, widths, sizeof widths);
  size_t r = 0;
  head(t, r, 0, "项目名称");
  put(t, r, 1, p->name);
  jx_rtable_span(t, r, 1, 1, 8);
  r++;
  head(t, r, 0, "主管部门");
  put(t, r, 1, doc->department);
  jx_rtable_span(t, r, 1, 1, 3);
  head(t, r, 4, "实施单位");
  put(t, r, 5, p->owner ? p->owner : doc->department);
  jx_rtable_span(t, r, 5, 1, 4);
  r++;
  /* money rows */
  head(t, r, 0, "项目资金");
  jx_rtable_span(t, r, 0, 5, 1);
  static const char *mcols[] = {"", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
  for (size_t c = 0; c < 7; c++) head(t, r, 1 + c, mcols[c]);
  jx_rtable_span(t, r, 7, 1, 2);
  const char *names[] = {"年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"};
  const jx_money_row total_row = {p->initial, p->adjusted, p->executed, p->pos};
  const jx_money_row *mrows[] = {&total_row, &p->fiscal, &p->carried_in, &p->other};
  for (size_t k = 0; k < 4; k++) {
    size_t row = r + 1 + k;
    head(t, row, 1, names[k])->align = JX_ALIGN_LEFT;
    money(b, t, row, 2, &mrows[k]->initial);
    money(b, t, row, 3, &mrows[k]->adjusted);
    money(b, t, row, 4, &mrows[k]->executed);
    jx_rtable_span(t, row, 7, 1, 2);
    if (k == 0) {
      if (res->has_execution) {
        number(b, t, row, 5, res->execution_weight);
        jx_rcell *rate = percent(b, t, row, 6, res->execution_rate);
        rate->formula = "=RC[-2]/RC[-3]";
        jx_rcell *sc = number(b, t, row, 7, res->execution_score);
        sc->formula = "=ROUND(MIN(RC[-1],1)*RC[-2],2)";
      } else if (exec_unscored(res)) {
        number(b, t, row, 5, res->framework->execution_weight.v);
        unscored_cell(t, row, 7);
      }
    } else {
      put(t, row, 5, "—")->align = JX_ALIGN_CENTER;
      if (mrows[k]->adjusted.set && mrows[k]->executed.set && mrows[k]->adjusted.fen > 0) {
        jx_rcell *rate = percent(b, t, row, 6, jx_ratio_round2(mrows[k]->executed.fen, mrows[k]->adjusted.fen, 100 * JX_NUM_SCALE));
        rate->formula = "=RC[-2]/RC[-3]";
      } else {
        put(t, row, 6, "—")->align = JX_ALIGN_CENTER;
      }
      put(t, row, 7, "—")->align = JX_ALIGN_CENTER;
    }
  }
  r += 5;
  head(t, r, 0, "年度总体目标");
  jx_rtable_span(t, r, 0, 2, 1);
  head(t, r, 1, "预期目标");
  jx_rtable_span(t, r, 1, 1, 4);
  head(t, r, 5, "实际完成情况");
  jx_rtable_span(t, r, 5, 1, 4);
  put(t, r + 1, 1, joined_goals(a, &p->goals));
  jx_rtable_span(t, r + 1, 1, 1, 4);
  put(t, r + 1, 5, p->goal_results);
  jx_rtable_span(t, r + 1, 5, 1, 4);
  r += 2;
  head(t, r, 0, "绩效指标");
  jx_rtable_span(t, r, 0, (int)(1 + n), 1);
  static const char *icols[] = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
  for (size_t c = 0; c < 8; c++) head(t, r, 1 + c, icols[c]);
  char buf[32];
  for (size_t i = 0; i < n; i++) {
    const jx_indicator_score *s = &res->indicators.items[i];
    const jx_indicator *ind = s->indicator;
    size_t row = r + 1 + i;
    put(t, row, 1, ind->level1);
    put(t, row, 2, ind->level2);
    put(t, row, 3, ind->name);
    put(t, row, 4, jx_arena_printf(a, "%s%s%s", ind->nature == JX_NATURE_QUAL ? "" : jx_nature_symbol(ind->nature),
                                   value_text(a, &ind->target), ind->unit ? ind->unit : ""))->align = JX_ALIGN_CENTER;
    if (s->scored && ind->nature != JX_NATURE_QUAL)
      put(t, row, 5, jx_arena_printf(a, "%s%s", F(s->actual, buf), ind->unit ? ind->unit : ""))->align = JX_ALIGN_CENTER;
    else put(t, row, 5, value_text(a, &ind->actual))->align = JX_ALIGN_CENTER;
    if (ind->weight.set) number(b, t, row, 6, ind->weight.v);
    if (s->scored) number(b, t, row, 7, s->score);
    else unscored_cell(t, row, 7);
    put(t, row, 8, ind->deviation_note);
  }
  merge_levels(t, r + 1, n, 1);
  merge_levels(t, r + 1, n, 2);
  r += 1 + n;
  head(t, r, 0, "总分");
  jx_rtable_span(t, r, 0, 1, 6);
  jx_i128 w = exec_unscored(res) ? res->framework->execution_weight.v : res->execution_weight;
  for (size_t i = 0; i < n; i++) w += res->indicators.items[i].indicator->weight.v;
  number(b, t, r, 6, jx_sat64(w));
  if (res->complete) {
    jx_rcell *tot = number(b, t, r, 7, res->total);
    if (res->has_execution && n) tot->formula = jx_arena_printf(a, "=R[-%zu]C+SUM(R[-%zu]C:R[-1]C)", n + 1 + 2 + 4, n);
    put(t, r, 8, jx_arena_printf(a, "等级：%s", res->grade ? res->grade : "—"))->align = JX_ALIGN_CENTER;
  } else {
    put(t, r, 7, "不完整")->align = JX_ALIGN_CENTER;
    put(t, r, 8, res->incomplete);
  }
}

/* ---- charts ---------------------------------------------------------------------- */

static void attainment_chart(builder *b, const jx_result *res, const char *title) {
  jx_arena *a = b->r->arena;
  jx_chart *c = jx_arena_alloc(a, sizeof *c);
  c->kind = JX_CHART_ATTAINMENT;
  c->title = title;
  size_t cap = 0;
  const char *alt = "";
  char buf[32];
  for (size_t i = 0; i < res->indicators.n; i++) {
    const jx_indicator_score *s = &res->indicators.items[i];
    if (!s->scored || !s->indicator->weight.v) continue;
    jx_chart_point *pt = JX_VEC_PUSH(a, c->points, cap);
    pt->label = s->indicator->name;
    const jx_indicator *ind = s->indicator;
    bool quant = ind->nature != JX_NATURE_QUAL && ind->target.num > 0;
    if (quant && (ind->nature == JX_NATURE_LE || ind->nature == JX_NATURE_LT))
      pt->value = s->actual > ind->target.num ? jx_ratio_round2(ind->target.num, s->actual ? s->actual : 1, 100 * JX_NUM_SCALE)
                                              : 100 * JX_NUM_SCALE;
    else if (quant)
      pt->value = jx_ratio_round2(s->actual, ind->target.num, 100 * JX_NUM_SCALE);
    else
      pt->value = jx_ratio_round2(s->score, ind->weight.v, 100 * JX_NUM_SCALE);
    pt->status = s->met ? 0 : (s->attainment && strcmp(s->attainment, "未达成") == 0) ? 2 : 1;
    alt = jx_arena_printf(a, "%s%s%s %s%%（%s）", alt, *alt ? "；" : "", pt->label, F(pt->value, buf), s->attainment ? s->attainment : "");
  }
  c->alt = alt;
  add(b, JX_RB_CHART)->chart = c;
}

static void budget_chart(builder *b, const jx_doc *doc) {
  jx_arena *a = b->r->arena;
  int64_t adjusted = doc->adjusted.set ? doc->adjusted.fen : doc->income_total.fen;
  if (!doc->budget_total.set && !doc->expenditure_total.set) return;
  jx_chart *c = jx_arena_alloc(a, sizeof *c);
  c->kind = JX_CHART_BUDGET;
  c->title = "预算执行情况（万元）";
  size_t cap = 0, ccap = 0;
  const char *labels[] = {"年初预算", "全年预算", "执行数"};
  int64_t values[] = {doc->budget_total.fen, adjusted, doc->expenditure_total.fen};
  char b1[32], b2[32], b3[32];
  for (int i = 0; i < 3; i++) {
    jx_chart_point *pt = JX_VEC_PUSH(a, c->points, cap);
    pt->label = labels[i];
    pt->value = values[i];
    pt->status = i;
  }
  c->reference = adjusted;
  for (size_t i = 0; i < doc->monitoring.n; i++) {
    const jx_checkpoint *cp = &doc->monitoring.items[i];
    if (!cp->executed.set) continue;
    jx_chart_point *pt = JX_VEC_PUSH(a, c->checkpoints, ccap);
    pt->label = jx_arena_printf(a, "%d月", cp->month);
    pt->value = cp->executed.fen;
    pt->status = cp->month;
  }
  c->alt = jx_arena_printf(a, "年初预算 %s 万元，全年预算 %s 万元，执行数 %s 万元", M(values[0], b1), M(values[1], b2), M(values[2], b3));
  add(b, JX_RB_CHART)->chart = c;
}


/* 绩效运行监控情况: one row per checkpoint (the file's `monitoring:` list or the stored
 * records attached to it), with 执行进度 against 序时进度 and, from records, the light. */
static void monitoring_section(builder *b, const jx_doc *doc) {
  jx_arena *a = b->r->arena;
  int64_t year_budget = doc->adjusted.set ? doc->adjusted.fen : doc->income_total.set ? doc->income_total.fen : 0;
  bool records = false;
  const char *dates = "";
  for (size_t i = 0; i < doc->monitoring.n; i++) {
    const jx_checkpoint *cp = &doc->monitoring.items[i];
    records |= cp->from_records;
    int day = cp->day ? cp->day : jx_date_month_days(doc->year, cp->month);
    dates = jx_arena_printf(a, "%s%s%d月%d日", dates, i ? "、" : "", cp->month, day);
  }
  para(b, jx_arena_printf(a, "本年度在%s开展绩效运行监控%zu次，各监控时点的预算执行进度与序时进度如下表%s。", dates, doc->monitoring.n,
                          records ? "（据绩效运行监控记录）" : ""));
  jx_rtable *t = table_new(b, doc->monitoring.n + 1, 8, "绩效运行监控情况表", "绩效运行监控", "单位：万元");
  const char *hd[] = {"监控时点", "全年预算数", "累计执行数", "执行进度", "序时进度", "全年预计执行数", "监控结果", "偏差原因及纠偏措施"};
  for (size_t c = 0; c < 8; c++) head(t, 0, c, hd[c]);
  t->col_widths[7] = 3;
  for (size_t i = 0; i < doc->monitoring.n; i++) {
    const jx_checkpoint *cp = &doc->monitoring.items[i];
    size_t r = i + 1;
    int day = cp->day ? cp->day : jx_date_month_days(doc->year, cp->month);
    put(t, r, 0, jx_arena_printf(a, "%d月%d日", cp->month, day))->align = JX_ALIGN_CENTER;
    jx_money budget = cp->budget.set ? cp->budget : (jx_money){.fen = year_budget, .set = year_budget > 0};
    money(b, t, r, 1, &budget);
    money(b, t, r, 2, &cp->executed);
    if (budget.set && budget.fen > 0 && cp->executed.set)
      percent(b, t, r, 3, jx_ratio_round2(cp->executed.fen, budget.fen, 100 * JX_NUM_SCALE));
    int64_t sched = jx_schedule_progress(doc->year, cp->month, day, NULL, NULL);
    if (sched >= 0) percent(b, t, r, 4, sched);
    money(b, t, r, 5, &cp->forecast);
    put(t, r, 6, cp->light != JX_LIGHT_NONE ? jx_arena_printf(a, "%s灯", jx_light_name(cp->light)) : "")->align = JX_ALIGN_CENTER;
    const char *note = cp->cause && *cp->cause ? cp->cause : "";
    if (cp->fix && *cp->fix) note = jx_arena_printf(a, "%s%s纠偏措施：%s", note, *note ? "；" : "", cp->fix);
    put(t, r, 7, note);
  }
}

/* ---- the narrative ------------------------------------------------------------------ */

static const char *staffing_sentence(jx_arena *a, const jx_doc *doc) {
  char buf[32];
  const char *s = "";
  if (doc->establishment.total.set) {
    s = jx_arena_printf(a, "编制数%s名", F(doc->establishment.total.v, buf));
    for (size_t i = 0; i < doc->establishment.by_kind.n; i++)
      s = jx_arena_printf(a, "%s%s%s编制%s名", s, i ? "，" : "，其中：", doc->establishment.by_kind.items[i].name,
                          F(doc->establishment.by_kind.items[i].value.v, buf));
    s = jx_arena_printf(a, "%s。", s);
  }
  if (doc->in_post.total.set) {
    s = jx_arena_printf(a, "%s在职人员总数%s名", s, F(doc->in_post.total.v, buf));
    for (size_t i = 0; i < doc->in_post.by_kind.n; i++)
      s = jx_arena_printf(a, "%s%s%s%s名", s, i ? "，" : "，其中：", doc->in_post.by_kind.items[i].name, F(doc->in_post.by_kind.items[i].value.v, buf));
    s = jx_arena_printf(a, "%s。", s);
  }
  return s;
}

static const char *income_sentence(jx_arena *a, const jx_doc *doc) {
  if (!doc->income_total.set) return NULL;
  bool all_fiscal = doc->income_fiscal.set && doc->income_fiscal.fen == doc->income_total.fen;
  const char *s = jx_arena_printf(a, "全年%s收入%s万元", all_fiscal ? "财政拨款" : "", wan(a, doc->income_total.fen));
  if (!all_fiscal) {
    const char *parts = "";
    if (doc->income_fiscal.set) parts = jx_arena_printf(a, "%s%s财政拨款收入%s万元", parts, *parts ? "，" : "", wan(a, doc->income_fiscal.fen));
    if (doc->income_carried_in.set)
      parts = jx_arena_printf(a, "%s%s上年结转%s万元", parts, *parts ? "，" : "", wan(a, doc->income_carried_in.fen));
    if (doc->income_other.set) parts = jx_arena_printf(a, "%s%s其他收入%s万元", parts, *parts ? "，" : "", wan(a, doc->income_other.fen));
    if (*parts) s = jx_arena_printf(a, "%s，其中%s", s, parts);
  }
  for (size_t i = 0; i < doc->income_by_level.n; i++)
    s = jx_arena_printf(a, "%s%s%s%s万元", s, i ? "，" : "，其中", doc->income_by_level.items[i].name, wan(a, doc->income_by_level.items[i].amount.fen));
  return jx_arena_printf(a, "%s。", s);
}

static const char *expenditure_sentence(jx_arena *a, const jx_doc *doc) {
  if (!doc->expenditure_total.set) return NULL;
  const char *s = jx_arena_printf(a, "全年支出%s万元", wan(a, doc->expenditure_total.fen));
  if (doc->expenditure_basic.set) s = jx_arena_printf(a, "%s，基本支出%s万元", s, wan(a, doc->expenditure_basic.fen));
  if (doc->expenditure_project.set) s = jx_arena_printf(a, "%s，项目支出%s万元", s, wan(a, doc->expenditure_project.fen));
  if (doc->projects.n) {
    s = jx_arena_printf(a, "%s，其中项目%zu个", s, doc->projects.n);
    const char *list = "";
    for (size_t i = 0; i < doc->projects.n; i++) {
      const jx_project *p = &doc->projects.items[i];
      if (!p->executed.set) continue;
      list = jx_arena_printf(a, "%s%s%s%s万元", list, *list ? "；" : "", p->name, wan(a, p->executed.fen));
    }
    if (*list) s = jx_arena_printf(a, "%s，具体支出为：%s", s, list);
  }
  return jx_arena_printf(a, "%s。", s);
}

static const char *balance_sentence(jx_arena *a, const jx_doc *doc) {
  if (!doc->carry_over.set && !doc->balance.set) return doc->finance_note;
  int64_t co = doc->carry_over.set ? doc->carry_over.fen : 0, bal = doc->balance.set ? doc->balance.fen : 0;
  if (co == 0 && bal == 0) return "全年无结转结余。";
  return jx_arena_printf(a, "全年结转%s万元，结余%s万元。", wan(a, co), wan(a, bal));
}

static void analysis(builder *b, const jx_analysis *an) {
  jx_arena *a = b->r->arena;
  const struct { const char *name; const jx_analysis_item *it; } items[] = {
      {"目标制定", &an->goal_setting},         {"目标实现", &an->goal_attainment},   {"支出控制", &an->spending_control},
      {"及时处置", &an->timely_handling},      {"执行进度", &an->execution_progress}, {"预算完成情况", &an->budget_completion},
      {"资金结余率", &an->balance_rate},       {"违规记录", &an->violations},
  };
  size_t k = 0;
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    if (!items[i].it->text) continue;
    k++;
    item(b, jx_arena_printf(a, "（%zu）", k), jx_arena_printf(a, "%s。%s", items[i].name, items[i].it->text));
  }
}

static bool has_analysis(const jx_analysis *an) {
  return an->goal_setting.text || an->goal_attainment.text || an->spending_control.text || an->timely_handling.text ||
         an->execution_progress.text || an->budget_completion.text || an->balance_rate.text || an->violations.text;
}

/* The score sentence: 部门整体自评得分：98分，其中：目标管理38分、…。 */
static const char *score_sentence(jx_arena *a, const jx_result *res) {
  char buf[32];
  const char *s = res->complete ? jx_arena_printf(a, "部门整体自评得分：%s分", F(res->total, buf))
                                : jx_arena_printf(a, "部门整体自评得分%s", res->incomplete);
  for (size_t i = 0; i < res->blocks.n; i++) {
    const jx_block_score *bs = &res->blocks.items[i];
    s = jx_arena_printf(a, "%s%s%s%s", s, i ? "、" : "，其中：", bs->name,
                        bs->derivation ? jx_arena_printf(a, "%s分", F(bs->score, buf)) : "未计分");
  }
  return s;
}

/* Narrative text may hold {得分}: replaced by the computed score sentence; otherwise
 * the sentence follows the text. */
static const char *with_score(jx_arena *a, const char *text, const char *sentence) {
  const char *mark = "{得分}";
  const char *at = text ? strstr(text, mark) : NULL;
  if (!at) return text && *text ? jx_arena_printf(a, "%s%s。", text, sentence) : jx_arena_printf(a, "%s。", sentence);
  return jx_arena_printf(a, "%.*s%s%s", (int)(at - text), text, sentence, at + strlen(mark));
}

/* "2024-06-20" → "2024年6月20日"; anything that is not a date is shown as it is. */
static const char *date_cn(jx_arena *a, const char *iso) {
  jx_date d;
  if (!jx_date_parse(iso, &d)) return iso;
  return jx_arena_printf(a, "%d年%d月%d日", d.year, d.month, d.day);
}

static void department_report(builder *b, const jx_doc *doc, const jx_result *res) {
  jx_arena *a = b->r->arena;
  size_t h1 = 0, h2;
  /* 一、部门基本情况 */
  heading(b, 1, ++h1, "部门基本情况");
  h2 = 0;
  if (doc->bodies.n) {
    heading(b, 2, ++h2, "机构组成");
    const char *s = "";
    for (size_t i = 0; i < doc->bodies.n; i++) s = jx_arena_printf(a, "%s%s%s", s, i ? "、" : "", doc->bodies.items[i]);
    para(b, jx_arena_printf(a, "%s。", s));
  }
  heading(b, 2, ++h2, "机构职能和人员概况");
  para(b, doc->duties);
  for (size_t i = 0; i < doc->functions.n; i++) item(b, jx_arena_printf(a, "%zu.", i + 1), doc->functions.items[i]);
  para(b, staffing_sentence(a, doc));
  if (doc->work_summary || doc->work.n) {
    heading(b, 2, ++h2, "年度主要工作任务");
    para(b, doc->work_summary);
    for (size_t i = 0; i < doc->work.n; i++) {
      const jx_work_item *w = &doc->work.items[i];
      item(b, jx_arena_printf(a, "%zu.", i + 1), w->title ? jx_arena_printf(a, "%s。%s", w->title, w->text ? w->text : "") : w->text);
    }
  }
  if (doc->indicators.n || doc->goals.n) {
    heading(b, 2, ++h2, "部门整体支出绩效目标");
    target_table(b, doc);
  }
  if (res->declaration && res->declaration->adjustments.n) {
    heading(b, 2, ++h2, "绩效目标调整情况");
    para(b, "年度绩效目标批复后，经批准作了以下调整，本报告按调整后的目标评价。");
    adjustments_table(b, res);
  }
  /* 二、部门财政资金收支情况 */
  heading(b, 1, ++h1, "部门财政资金收支情况");
  heading(b, 2, 1, "部门财政资金收入情况");
  para(b, income_sentence(a, doc));
  heading(b, 2, 2, "部门财政资金支出情况");
  para(b, expenditure_sentence(a, doc));
  heading(b, 2, 3, "部门财政资金结转结余情况");
  para(b, balance_sentence(a, doc));
  budget_chart(b, doc);
  /* 三、部门整体绩效管理情况 */
  heading(b, 1, ++h1, "部门整体绩效管理情况");
  h2 = 0;
  if (has_analysis(&doc->analysis_department)) {
    heading(b, 2, ++h2, "部门整体履职绩效分析");
    analysis(b, &doc->analysis_department);
  }
  if (has_analysis(&doc->analysis_projects)) {
    heading(b, 2, ++h2, "特定目标类项目绩效分析");
    analysis(b, &doc->analysis_projects);
  }
  if (doc->monitoring.n) {
    heading(b, 2, ++h2, "绩效运行监控情况");
    monitoring_section(b, doc);
  }
  if (doc->app_publication || doc->app_feedback || doc->app_rectification || doc->app_internal) {
    heading(b, 2, ++h2, "结果应用情况");
    const struct { const char *name, *text; } apps[] = {{"自评公开", doc->app_publication}, {"应用反馈", doc->app_feedback},
                                                       {"问题整改", doc->app_rectification}, {"内部应用", doc->app_internal}};
    size_t k = 0;
    for (size_t i = 0; i < 4; i++)
      if (apps[i].text) item(b, jx_arena_printf(a, "（%zu）", ++k), jx_arena_printf(a, "%s。%s", apps[i].name, apps[i].text));
  }
  heading(b, 2, ++h2, "绩效指标完成情况");
  selfeval_table(b, doc, res);
  attainment_chart(b, res, "绩效指标完成情况（实际值 / 目标值）");
  /* 四、评价结论及建议 */
  heading(b, 1, ++h1, "评价结论及建议");
  heading(b, 2, 1, "评价结论");
  para(b, with_score(a, doc->conclusion, score_sentence(a, res)));
  if (res->blocks.n) blocks_table(b, doc, res);
  if (doc->problems.n) {
    heading(b, 2, 2, "存在问题");
    for (size_t i = 0; i < doc->problems.n; i++)
      item(b, jx_arena_printf(a, "%zu.", i + 1), jx_arena_printf(a, "%s%s", doc->problems.items[i], i + 1 < doc->problems.n ? "；" : "。"));
  }
  if (doc->suggestions.n) {
    heading(b, 2, 3, "改进建议");
    for (size_t i = 0; i < doc->suggestions.n; i++)
      item(b, jx_arena_printf(a, "%zu.", i + 1),
           jx_arena_printf(a, "%s%s", doc->suggestions.items[i], i + 1 < doc->suggestions.n ? "；" : "。"));
  }
  jx_rblock *sig = add(b, JX_RB_SIGNATURE);
  sig->text = doc->signer ? doc->signer : doc->department;
  sig->text2 = date_cn(a, doc->date);
  /* the projects' own self-evaluation tables */
  for (size_t i = 0; i < res->projects.n; i++) {
    const jx_result *pr = res->projects.items[i];
    add(b, JX_RB_PAGEBREAK);
    project_table(b, doc, pr->doc->project, pr);
  }
}

static void project_report(builder *b, const jx_doc *doc, const jx_result *res) {
  jx_arena *a = b->r->arena;
  const jx_project *p = doc->project;
  heading(b, 1, 1, "项目基本情况");
  if (p->goals.n) {
    heading(b, 2, 1, "年度总体目标");
    for (size_t i = 0; i < p->goals.n; i++) item(b, jx_arena_printf(a, "%zu.", i + 1), p->goals.items[i]);
  }
  if (p->goal_results) {
    heading(b, 2, 2, "总体目标完成情况");
    para(b, p->goal_results);
  }
  if (res->declaration && res->declaration->adjustments.n) {
    heading(b, 2, p->goal_results ? 3 : 2, "绩效目标调整情况");
    para(b, "绩效目标批复后，经批准作了以下调整，本报告按调整后的目标评价。");
    adjustments_table(b, res);
  }
  heading(b, 1, 2, "项目资金使用情况");
  char b1[32], b2[32], b3[32];
  if (res->has_execution)
    para(b, jx_arena_printf(a, "项目全年预算数%s万元，全年执行数%s万元，预算执行率%s%%。", wan(a, p->adjusted.fen), wan(a, p->executed.fen),
                            F(res->execution_rate, b1)));
  if (p->execution_note) para(b, p->execution_note);
  heading(b, 1, 3, "绩效指标完成情况");
  attainment_chart(b, res, "绩效指标完成情况（实际值 / 目标值）");
  heading(b, 1, 4, "自评结论");
  if (res->complete)
    para(b, jx_arena_printf(a, "项目自评得分%s分（预算执行%s分，绩效指标%s分），等级为“%s”。", F(res->total, b1), F(res->execution_score, b2),
                            F(res->indicator_total, b3), res->grade ? res->grade : "—"));
  else
    para(b, jx_arena_printf(a, "项目自评得分%s。预算执行%s，绩效指标%s。", res->incomplete,
                            res->has_execution ? jx_arena_printf(a, "%s分", F(res->execution_score, b2))
                            : exec_unscored(res) ? "未计分" : "无",
                            any_unscored(res) ? jx_arena_printf(a, "已计分部分%s分", F(res->indicator_total, b3))
                                              : jx_arena_printf(a, "%s分", F(res->indicator_total, b3))));
  jx_rblock *sig = add(b, JX_RB_SIGNATURE);
  sig->text = doc->signer ? doc->signer : (p->owner ? p->owner : doc->department);
  sig->text2 = date_cn(a, doc->date);
  add(b, JX_RB_PAGEBREAK);
  project_table(b, doc, p, res);
}

jx_report *jx_report_build(const jx_doc *doc, const jx_result *res) {
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->unit = doc->department ? doc->department : "";
  r->year = doc->year;
  r->date = doc->date ? doc->date : jx_arena_printf(a, "%d-12-31", doc->year);
  bool project = doc->kind == JX_KIND_PROJECT && doc->project;
  if (project) {
    const char *name = doc->project->name ? doc->project->name : "";
    char year[16];
    snprintf(year, sizeof year, "%d年", doc->year);
    size_t len = strlen(name), tail = strlen("项目");
    bool ends_project = len >= tail && strcmp(name + len - tail, "项目") == 0; /* 「…推广项目」+「支出…」 */
    const char *kind = ends_project ? "支出绩效自评报告" : "项目支出绩效自评报告";
    r->title = strstr(name, year) ? jx_arena_printf(a, "%s%s", name, kind) /* the name says the year */
                                  : jx_arena_printf(a, "%s%d年度%s", name, doc->year, kind);
  } else {
    r->title = jx_arena_printf(a, "%d年度部门整体绩效自评报告", doc->year);
  }
  builder b = {.r = r};
  jx_rblock *t = add(&b, JX_RB_TITLE);
  t->text = r->unit;
  t->text2 = r->title;
  if (project) project_report(&b, doc, res);
  else department_report(&b, doc, res);
  return r;
}

void jx_report_free(jx_report *r) {
  if (r) jx_arena_free(r->arena);
}
