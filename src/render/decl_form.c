/* decl_form.c — the 绩效目标表 of a declaration as data (labels, columns, lists) and as a
 * format-neutral table and report, which every backend (md, html, docx, pdf, xlsx) renders. */
#include <string.h>

#include "render/decl.h"

/* ---- the layout as data ------------------------------------------------------------ */

const jx_decl_form_labels jx_decl_form[2] = {
    [JX_DECL_PROJECT] = {"项目支出绩效目标申报表", "项目名称", "项目编码", "主管部门", "申报单位", "项目资金",
                         "项目总金额", "本年金额", "其中：", "政策依据", "测算依据", "年度目标", "绩效指标",
                         "申报表-"},
    [JX_DECL_DEPARTMENT] = {"部门整体支出绩效目标申报表", "部门名称", "单位编码", "主管部门", "申报单位",
                            "部门资金", "资金总额", "本年金额", "其中：", "政策依据", "测算依据",
                            "年度目标", "绩效指标", "申报表-"},
};

const jx_decl_col jx_decl_icols[JX_DI_COUNT] = {
    {"一级指标", 7, 10}, {"二级指标", 7, 14}, {"三级指标", 9, 24}, {"指标值", 7, 16},
    {"指标解释", 11, 40}, {"评分标准", 8, 30}, {"数据来源", 6, 20}, {"分值", 4, 8},
};

const jx_decl_col jx_decl_pcols[JX_DP_COUNT] = {
    {"项目编码", 0, 24}, {"项目名称", 0, 30}, {"申报单位", 0, 30}, {"主管部门", 0, 30}, {"项目总金额", 0, 16},
    {"本年金额", 0, 16},  {"政策依据", 0, 40}, {"测算依据", 0, 40}, {"年度目标", 0, 40}, {"年度", 0, 8},
};
const char *const jx_decl_default_sources[] = {"财政拨款", "其他资金", NULL};

const char *const jx_decl_sheet_projects = "项目信息";
const char *const jx_decl_sheet_indicators = "指标信息";
const char *const jx_decl_sheet_help = "说明";

const char *const jx_decl_level1_list[] = {"产出", "效益", "满意度", "成本", NULL};
const char *const jx_decl_level2_list[] = {"数量",     "质量",     "时效",         "成本",       "经济效益",
                                           "社会效益", "生态效益", "可持续影响",   "服务对象满意度", "其他满意度",
                                           "经济成本", "社会成本", "生态环境成本", NULL};

/* ---- amounts ------------------------------------------------------------------------- */

const char *jx_decl_unit_of(int64_t unit_fen) { return unit_fen == JX_FEN_PER_WAN ? "万元" : "元"; }
const char *jx_decl_unit_name(const jx_decl *d) { return jx_decl_unit_of(d ? d->money_unit_fen : 0); }

const char *jx_decl_amount_text(jx_arena *a, const jx_decl *d, const jx_money *m) {
  if (!m || !m->set) return "";
  char buf[48];
  return jx_arena_strdup(a, jx_format_decimal(m->fen, d->money_unit_fen == JX_FEN_PER_WAN ? 6 : 2, buf, sizeof buf));
}

/* ---- the form ------------------------------------------------------------------------- */

static jx_rtable *table_new(jx_arena *a, size_t rows, size_t cols) {
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->rows = rows;
  t->cols = cols;
  t->cells = jx_arena_alloc(a, rows * cols * sizeof *t->cells);
  t->col_widths = jx_arena_alloc(a, cols * sizeof *t->col_widths);
  for (size_t c = 0; c < cols; c++) t->col_widths[c] = 1;
  for (size_t i = 0; i < rows * cols; i++) {
    t->cells[i].rowspan = t->cells[i].colspan = 1;
    t->cells[i].text = "";
  }
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

/* A label in column 0 and its value over the other columns. */
static void field(jx_rtable *t, size_t r, const char *label, const char *value) {
  head(t, r, 0, label);
  put(t, r, 1, value);
  jx_rtable_span(t, r, 1, 1, (int)t->cols - 1);
}

/* An amount, right-aligned; a number cell (General) when it fits a double exactly. */
static void amount(jx_arena *a, jx_rtable *t, size_t r, size_t c, const jx_decl *d, const jx_money *m) {
  jx_rcell *x = put(t, r, c, jx_decl_amount_text(a, d, m));
  x->align = JX_ALIGN_RIGHT;
  if (!m || !m->set) return;
  int64_t scale = d->money_unit_fen == JX_FEN_PER_WAN ? 1 : JX_NUM_SCALE / JX_FEN_PER_YUAN; /* 分 → millionths of the unit */
  if (m->fen > INT64_C(900000000000000) / scale || m->fen < -INT64_C(900000000000000) / scale) return; /* 2^53 */
  x->type = JX_CELL_NUMBER;
  x->value = m->fen * scale;
  x->has_value = true;
}

/* Merge equal consecutive non-empty texts of column col down rows [first, first+n). */
static void merge_down(jx_rtable *t, size_t first, size_t n, size_t col) {
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    const char *s = jx_rtable_at(t, first + i, col)->text;
    /* 二级 merges only inside one 一级 */
    while (j < n && *s && strcmp(jx_rtable_at(t, first + j, col)->text, s) == 0 &&
           (col == 0 || jx_rtable_at(t, first + j, col - 1)->covered)) j++;
    if (j - i > 1) jx_rtable_span(t, first + i, col, (int)(j - i), 1);
    i = j;
  }
}

jx_rtable *jx_decl_form_table(jx_arena *a, const jx_decl *d) {
  const jx_decl_form_labels *L = &jx_decl_form[d->scope == JX_DECL_DEPARTMENT];
  size_t ns = d->by_source.n, ni = d->indicators.n;
  size_t rows = 4 + (2 + ns) + 3 + 1 + ni;
  jx_rtable *t = table_new(a, rows, JX_DI_COUNT);
  t->caption = d->year ? jx_arena_printf(a, "%s（%d年度）", L->title, d->year) : jx_arena_printf(a, "%s（____年度）", L->title);
  t->unit_note = jx_arena_printf(a, "金额单位：%s", jx_decl_unit_name(d));
  t->sheet = jx_arena_printf(a, "%s%s", L->sheet_prefix, d->code && *d->code ? d->code : d->name ? d->name : "");
  for (size_t c = 0; c < JX_DI_COUNT; c++) t->col_widths[c] = jx_decl_icols[c].form_width;
  size_t r = 0;
  field(t, r++, L->name, d->name);
  field(t, r++, L->code, d->code);
  field(t, r++, L->department, d->department);
  field(t, r++, L->unit, d->unit);
  /* 项目资金（元）: 项目总金额, 本年金额, 其中：each source */
  head(t, r, 0, jx_arena_printf(a, "%s\n（%s）", L->money, jx_decl_unit_name(d))); /* two short lines */
  jx_rtable_span(t, r, 0, (int)(2 + ns), 1);
  const char *labels[2] = {L->total, L->this_year};
  const jx_money *amounts[2] = {&d->total, &d->this_year};
  for (size_t k = 0; k < 2 + ns; k++) {
    const jx_named_money *s = k >= 2 ? &d->by_source.items[k - 2] : NULL;
    const char *label = s ? jx_arena_printf(a, "%s%s", k == 2 ? L->source_prefix : "", s->name ? s->name : "") : labels[k];
    head(t, r + k, 1, label);
    jx_rtable_span(t, r + k, 1, 1, 2);
    amount(a, t, r + k, 3, d, s ? &s->amount : amounts[k]);
    jx_rtable_span(t, r + k, 3, 1, (int)JX_DI_COUNT - 3);
  }
  r += 2 + ns;
  field(t, r++, L->policy, d->policy_basis);
  field(t, r++, L->calc, d->calc_basis);
  field(t, r++, L->goal, d->annual_goal);
  /* the indicator grid: its header row, then one row per indicator as declared */
  for (size_t c = 0; c < JX_DI_COUNT; c++) head(t, r, c, jx_decl_icols[c].label);
  size_t first = ++r;
  char buf[32];
  for (size_t i = 0; i < ni; i++, r++) {
    const jx_decl_indicator *x = &d->indicators.items[i];
    put(t, r, JX_DI_LEVEL1, x->level1)->align = JX_ALIGN_CENTER;
    put(t, r, JX_DI_LEVEL2, x->level2)->align = JX_ALIGN_CENTER;
    put(t, r, JX_DI_NAME, x->name);
    put(t, r, JX_DI_VALUE, x->value)->align = JX_ALIGN_CENTER;
    put(t, r, JX_DI_EXPLANATION, x->explanation);
    put(t, r, JX_DI_STANDARD, x->standard);
    put(t, r, JX_DI_SOURCE, x->source);
    if (x->weight.set) {
      jx_rcell *w = put(t, r, JX_DI_WEIGHT, jx_arena_strdup(a, jx_format_decimal(x->weight.v, 6, buf, sizeof buf)));
      w->align = JX_ALIGN_CENTER;
      w->type = JX_CELL_NUMBER;
      w->value = x->weight.v;
      w->has_value = true;
    }
  }
  merge_down(t, first, ni, JX_DI_LEVEL1);
  merge_down(t, first, ni, JX_DI_LEVEL2);
  return t;
}

/* ---- the adjustments ----------------------------------------------------------------- */

jx_rtable *jx_decl_adjust_table(jx_arena *a, const jx_decl *d) {
  if (!d->adjustments.n) return NULL;
  /* one row per adjustment, its changes as lines of one cell: no merged cells, so a page
   * break never parts a change from its date */
  jx_rtable *t = table_new(a, 1 + d->adjustments.n, 4);
  t->caption = "绩效目标动态调整情况";
  t->sheet = "动态调整";
  t->header_rows = 1;
  static const char *heads[] = {"调整日期", "调整原因", "批准人", "调整内容（调整前 → 调整后）"};
  static const int widths[] = {6, 14, 8, 18};
  for (size_t c = 0; c < 4; c++) {
    head(t, 0, c, heads[c]);
    t->col_widths[c] = widths[c];
  }
  for (size_t i = 0; i < d->adjustments.n; i++) {
    const jx_decl_adjustment *adj = &d->adjustments.items[i];
    size_t r = 1 + i;
    put(t, r, 0, adj->date)->align = JX_ALIGN_CENTER;
    put(t, r, 1, adj->reason);
    put(t, r, 2, adj->approver)->align = JX_ALIGN_CENTER;
    const char *lines = "";
    for (size_t k = 0; k < adj->changes.n; k++) {
      const jx_decl_change *ch = &adj->changes.items[k];
      const char *what = ch->indicator ? ch->indicator : jx_arena_printf(a, "本年金额（%s）", jx_decl_unit_name(d));
      const char *line = !ch->from  ? jx_arena_printf(a, "%s：新增 %s", what, ch->to ? ch->to : "")
                         : !ch->to ? jx_arena_printf(a, "%s：%s → 删除", what, ch->from)
                                   : jx_arena_printf(a, "%s：%s → %s", what, ch->from, ch->to);
      lines = jx_arena_printf(a, "%s%s%s", lines, k ? "\n" : "", line);
    }
    put(t, r, 3, lines);
  }
  return t;
}

/* ---- the report ----------------------------------------------------------------------- */

static jx_rblock *add(jx_report *r, size_t *cap, jx_rblock_kind kind) {
  jx_rblock *b = JX_VEC_PUSH(r->arena, r->blocks, *cap);
  memset(b, 0, sizeof *b);
  b->kind = kind;
  return b;
}

jx_report *jx_decl_report_build(const jx_decl *d) {
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  const jx_decl_form_labels *L = &jx_decl_form[d->scope == JX_DECL_DEPARTMENT];
  r->unit = d->unit ? d->unit : d->department ? d->department : "";
  r->year = d->year;
  r->title = jx_arena_printf(a, "%s%s（%d年度）", d->name ? d->name : "", L->title, d->year);
  /* the outputs' creation date: the budget year's first day (a declaration has no date of its own) */
  r->date = jx_arena_printf(a, "%04d-01-01", d->year >= 1980 && d->year <= 9999 ? d->year : 1980);
  r->xlsx_note = jx_arena_printf(a, "金额单位为%s。各表由申报文件生成，只有文字和数字，没有公式；要填写或修改申报，"
                                    "请用 jixiao template --kind declaration 写出的模板。", jx_decl_unit_name(d));
  size_t cap = 0;
  add(r, &cap, JX_RB_TABLE)->table = jx_decl_form_table(a, d);
  jx_rtable *adj = jx_decl_adjust_table(a, d);
  if (adj) {
    add(r, &cap, JX_RB_PARAGRAPH)->text = jx_arena_printf(
        a, "批复后经批准的绩效目标动态调整共%zu次，按日期列于下表；年终自评以调整后的目标为准。", d->adjustments.n);
    add(r, &cap, JX_RB_TABLE)->table = adj;
  }
  return r;
}
