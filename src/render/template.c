/* template.c — the official templates as XLSX (libxlsxwriter): 基本信息, the form's
 * sheets, 说明, and a hidden version marker; blank or pre-filled from a department-year.
 *
 * Layout (the importer, parse/sheet.c, finds every part by the labels of sheet.h):
 * - 基本信息: label | value | what to write, one field a row.
 * - target: 绩效目标表 — title, 单位, 部门名称, 年度部门整体支出预算 (资金总额 / 财政拨款 /
 *   上年结转 / 其他资金 over their values), 年度总体目标, 年度主要任务 (任务名称 / 主要内容 /
 *   预算数), 年度绩效指标 (一级 … 核心指标).
 * - selfeval: 绩效自评表 — the money row (年初预算数 / 全年预算数 / 全年执行数 / 执行率),
 *   the indicators with 实际完成值, 自评得分, 计算得分, 偏差原因, 佐证材料, 假设说明, a 合计
 *   row; 评价结论 — the blocks, 自评总分, 自评等级, 评价结论.
 * - project: one 项目自评 sheet per project (财预〔2020〕10号 附件1 layout).
 * - monitoring: 绩效运行监控表 — 全年预算数, then 月份 / 累计执行数 / 执行率 / 全年预计执行数 /
 *   偏差原因 / 纠偏措施.
 * Data cells are unlocked and hold text or numbers only (a value starting with = + - @
 * is written as text, never as a formula).  Formulas (执行率, 计算得分, sums) sit in
 * locked cells with their computed value cached; sheets are protected without a
 * password, with rows insertable and deletable.  Spare blank rows follow every list.
 * Numbers are written as numbers when 15 significant digits hold them exactly (what a
 * spreadsheet keeps), else as text; the importer reads both.  The creation date comes
 * from the document (or is fixed), so the same input gives the same bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "parse/sheet.h"
#include "render/report.h"
#include "render/xlsx_book.h"
#include "util/arena.h"
#include "util/i128.h"

/* render/xlsx.c */

enum { SPARE_ROWS = 5, BLANK_ROWS = 15, MAX_PCT_DECIMALS = 6 };

typedef struct {
  jx_arena *a;
  lxw_workbook *wb;
  jx_xlsx_book bk;
  const jx_doc *doc; /* NULL: blank */
  const jx_result *res;
  int64_t unit;      /* money unit of the cells */
  const char **names;
  size_t n_names;
  lxw_format *title, *note, *head, *label, *text, *num, *money, *pct[MAX_PCT_DECIMALS + 1], *f_rate, *f_num, *f_text,
      *help;
} tw;

static void chk(tw *t, lxw_error e, const char *where) { jx_xlsx_book_check(&t->bk, e, where); }

static lxw_format *fmt(tw *t, bool bold, bool border, bool locked, uint8_t align) {
  lxw_format *f = jx_xlsx_book_format(&t->bk, bold, border, align, true);
  if (!locked) format_set_unlocked(f);
  return f;
}

static void formats(tw *t) {
  t->title = fmt(t, true, false, true, LXW_ALIGN_CENTER);
  format_set_font_size(t->title, 16);
  t->note = fmt(t, false, false, true, LXW_ALIGN_RIGHT);
  t->head = fmt(t, true, true, true, LXW_ALIGN_CENTER);
  format_set_bg_color(t->head, 0xD9E1F2);
  t->label = fmt(t, true, true, true, LXW_ALIGN_CENTER);
  format_set_bg_color(t->label, 0xF2F2F2);
  t->text = fmt(t, false, true, false, LXW_ALIGN_LEFT);
  t->num = fmt(t, false, true, false, LXW_ALIGN_CENTER);
  t->money = fmt(t, false, true, false, LXW_ALIGN_RIGHT);
  format_set_num_format(t->money, "#,##0.00####");
  static const char *pcts[] = {"0%", "0.0%", "0.00%", "0.000%", "0.0000%", "0.00000%", "0.000000%"};
  for (int i = 0; i <= MAX_PCT_DECIMALS; i++) {
    t->pct[i] = fmt(t, false, true, false, LXW_ALIGN_CENTER);
    format_set_num_format(t->pct[i], pcts[i]);
  }
  t->f_rate = fmt(t, false, true, true, LXW_ALIGN_CENTER);
  format_set_num_format(t->f_rate, "0.00%");
  format_set_bg_color(t->f_rate, 0xF2F2F2);
  t->f_num = fmt(t, false, true, true, LXW_ALIGN_CENTER);
  format_set_bg_color(t->f_num, 0xF2F2F2);
  t->f_text = fmt(t, false, true, true, LXW_ALIGN_LEFT);
  format_set_bg_color(t->f_text, 0xF2F2F2);
  t->help = fmt(t, false, false, true, LXW_ALIGN_LEFT);
  format_set_font_color(t->help, 0x808080);
}

/* ---- cells -------------------------------------------------------------------------- */

/* Text in a data cell: always a string, never a formula (formula injection). */
static void put_text(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f) {
  if (!s || !*s) chk(t, worksheet_write_blank(ws, r, c, f), "空单元格");
  else chk(t, worksheet_write_string(ws, r, c, jx_xlsx_clean_text(t->a, s, true), f), "文本");
}

static void put_label(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const jx_label *l, lxw_format *f) {
  chk(t, worksheet_write_string(ws, r, c, l->labels[0], f), "表头");
}

static void merge(tw *t, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const char *s,
                  lxw_format *f) {
  if (r1 == r2 && c1 == c2) {
    put_text(t, ws, r1, c1, s, f);
    return;
  }
  chk(t, worksheet_merge_range(ws, r1, c1, r2, c2, "", f), "合并单元格");
  if (s && *s) chk(t, worksheet_write_string(ws, r1, c1, jx_xlsx_clean_text(t->a, s, true), f), "文本");
}

/* Decimal digits of an exact value scaled by 10^scale_digits, and whether 15
 * significant digits hold it. */
static bool fits_double(int64_t v, int scale_digits, int *decimals) {
  uint64_t x = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
  int d = scale_digits;
  while (d > 0 && x % 10 == 0) x /= 10, d--;
  int digits = 0;
  for (uint64_t y = x; y; y /= 10) digits++;
  if (decimals) *decimals = d;
  return digits <= 15;
}

static void pow10_div(int64_t v, int scale_digits, char *buf, size_t n) {
  uint64_t x = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
  uint64_t div = 1;
  for (int i = 0; i < scale_digits; i++) div *= 10;
  uint64_t ip = x / div, fp = x % div;
  int len = snprintf(buf, n, "%s%llu.%0*llu", v < 0 ? "-" : "", (unsigned long long)ip, scale_digits, (unsigned long long)fp);
  while (len > 0 && buf[len - 1] == '0') buf[--len] = '\0';
  if (len > 0 && buf[len - 1] == '.') buf[--len] = '\0';
}

/* An exact number as a cell: a number when 15 digits hold it, else its decimal text. */
static void put_exact(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t v, int scale_digits, lxw_format *f) {
  char buf[48];
  pow10_div(v, scale_digits, buf, sizeof buf);
  if (!fits_double(v, scale_digits, NULL)) {
    chk(t, worksheet_write_string(ws, r, c, buf, f), "数值");
    return;
  }
  /* strtod of the exact decimal text gives the nearest double, which the file stores
   * as the same shortest text: the one place a double appears, for output only. */
  chk(t, worksheet_write_number(ws, r, c, strtod(buf, NULL), f), "数值");
}

static int unit_digits(int64_t unit) { return unit == JX_FEN_PER_YUAN ? 2 : 6; }

static void put_money(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const jx_money *m) {
  if (!m || !m->set) chk(t, worksheet_write_blank(ws, r, c, t->money), "金额");
  else put_exact(t, ws, r, c, m->fen, unit_digits(t->unit), t->money); /* 1 分 = 10^-6 万元 = 10^-2 元 */
}

static void put_num(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const jx_num *n) {
  if (!n || !n->set) chk(t, worksheet_write_blank(ws, r, c, t->num), "数值");
  else put_exact(t, ws, r, c, n->v, 6, t->num);
}

/* A target or an actual: a percentage as a fraction under a percent format, a number,
 * a reference as its text "= path", qualitative text as text. */
static void put_value(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const jx_value *v) {
  if (!v || v->kind == JX_VAL_NONE) {
    chk(t, worksheet_write_blank(ws, r, c, t->num), "数值");
    return;
  }
  if (v->kind == JX_VAL_REF) {
    put_text(t, ws, r, c, jx_arena_printf(t->a, "= %s", v->text), t->num);
    return;
  }
  if (v->kind == JX_VAL_TEXT) {
    put_text(t, ws, r, c, v->text, t->num);
    return;
  }
  if (v->percent) {
    int dec;
    fits_double(v->num, 6, &dec); /* decimals of the percentage */
    put_exact(t, ws, r, c, v->num, 8, t->pct[dec > MAX_PCT_DECIMALS ? MAX_PCT_DECIMALS : dec]);
    return;
  }
  put_exact(t, ws, r, c, v->num, 6, t->num);
}

static void formula_num(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *f, bool known, int64_t v,
                        int scale_digits, lxw_format *fm) {
  if (!known) {
    chk(t, worksheet_write_formula_str(ws, r, c, f, fm, ""), "公式");
    return;
  }
  char buf[48];
  pow10_div(v, scale_digits, buf, sizeof buf);
  chk(t, worksheet_write_formula_num(ws, r, c, f, fm, strtod(buf, NULL)), "公式");
}

static const char *col_name(tw *t, lxw_col_t c) {
  char buf[8];
  size_t k = 0;
  char rev[8];
  for (unsigned v = (unsigned)c + 1; v > 0 && k < sizeof rev; v = (v - 1) / 26) rev[k++] = (char)('A' + (v - 1) % 26);
  for (size_t i = 0; i < k; i++) buf[i] = rev[k - 1 - i];
  buf[k] = '\0';
  return jx_arena_strdup(t->a, buf);
}

static const char *ref(tw *t, lxw_row_t r, lxw_col_t c) { return jx_arena_printf(t->a, "%s%u", col_name(t, c), r + 1); }

static void validate(tw *t, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                     const char *const *list, bool strict) {
  lxw_data_validation v;
  memset(&v, 0, sizeof v);
  v.validate = LXW_VALIDATION_TYPE_LIST;
  v.value_list = (char **)list; /* not written to */ // NOLINT(cppcoreguidelines-pro-type-cstyle-cast)
  v.show_error = strict ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF;
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  chk(t, worksheet_data_validation_range(ws, r1, c1, r2, c2, &v), "数据验证");
}

static void protect(tw *t, lxw_worksheet *ws) {
  lxw_protection p;
  memset(&p, 0, sizeof p);
  p.format_columns = p.format_rows = p.insert_rows = p.delete_rows = 1; /* allowed */
  worksheet_protect(ws, NULL, &p);
  (void)t;
}

static lxw_worksheet *sheet(tw *t, const char *want) {
  const char *name = jx_xlsx_sheet_name(t->a, want, "表", t->names, t->n_names);
  t->names[t->n_names++] = name;
  lxw_worksheet *ws = workbook_add_worksheet(t->wb, name);
  if (!ws) chk(t, LXW_ERROR_PARAMETER_VALIDATION, name);
  return ws;
}

static void title_rows(tw *t, lxw_worksheet *ws, lxw_col_t last, const char *title) {
  const jx_doc *d = t->doc;
  const char *year = d && d->year ? jx_arena_printf(t->a, "%d", d->year) : "____";
  merge(t, ws, 0, 0, 0, last, jx_arena_printf(t->a, "%s年度%s", year, title), t->title);
  chk(t, worksheet_set_row(ws, 0, 30, NULL), "行高");
  merge(t, ws, 1, 0, 1, last, t->unit == JX_FEN_PER_YUAN ? "单位：元" : "单位：万元", t->note);
}

static void widths(tw *t, lxw_worksheet *ws, const int *w, size_t n) {
  for (size_t i = 0; i < n; i++) chk(t, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w[i], NULL), "列宽");
}

/* ---- the indicator table ------------------------------------------------------------ */

static const jx_indicator_score *score_of(const jx_result *res, const jx_indicator *ind) {
  for (size_t i = 0; res && i < res->indicators.n; i++)
    if (res->indicators.items[i].indicator == ind) return &res->indicators.items[i];
  for (size_t p = 0; res && p < res->projects.n; p++) {
    const jx_indicator_score *s = score_of(res->projects.items[p], ind);
    if (s) return s;
  }
  return NULL;
}

static int find_col(const jx_icol *cols, jx_icol k) {
  for (int i = 0; cols[i] != JX_IC_COUNT; i++)
    if (cols[i] == k) return i;
  return -1;
}

/* Header at row r from column c0, the indicators, spare rows and a 合计 row.  Returns
 * the row after the table. */
static lxw_row_t indicator_table(tw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c0, const jx_icol *cols,
                                 const jx_indicatorlist *list) {
  static const jx_indicatorlist none = {0};
  if (!list) list = &none; /* a blank form */
  size_t ncols = 0;
  while (cols[ncols] != JX_IC_COUNT) ncols++;
  for (size_t k = 0; k < ncols; k++) {
    put_label(t, ws, r, (lxw_col_t)(c0 + k), &jx_icols[cols[k]].label, t->head);
    chk(t, worksheet_set_column(ws, (lxw_col_t)(c0 + k), (lxw_col_t)(c0 + k), jx_icols[cols[k]].width, NULL), "列宽");
  }
  lxw_row_t first = r + 1;
  size_t n = list->n;
  size_t rows = n + (t->doc ? SPARE_ROWS : BLANK_ROWS);
  int cn = find_col(cols, JX_IC_NATURE), ct = find_col(cols, JX_IC_TARGET), cw = find_col(cols, JX_IC_WEIGHT),
      ca = find_col(cols, JX_IC_ACTUAL);
  for (size_t i = 0; i < rows; i++) {
    lxw_row_t row = first + (lxw_row_t)i;
    const jx_indicator *ind = i < n ? &list->items[i] : NULL;
    for (size_t k = 0; k < ncols; k++) {
      lxw_col_t c = (lxw_col_t)(c0 + k);
      switch (cols[k]) {
      case JX_IC_LEVEL1: put_text(t, ws, row, c, ind ? ind->level1 : NULL, t->text); break;
      case JX_IC_LEVEL2: put_text(t, ws, row, c, ind ? ind->level2 : NULL, t->text); break;
      case JX_IC_NAME: put_text(t, ws, row, c, ind ? ind->name : NULL, t->text); break;
      case JX_IC_NATURE:
        put_text(t, ws, row, c, ind && ind->nature ? jx_nature_list[ind->nature - 1] : NULL, t->num); /* enum order */
        break;
      case JX_IC_TARGET: put_value(t, ws, row, c, ind ? &ind->target : NULL); break;
      case JX_IC_UNIT: put_text(t, ws, row, c, ind ? ind->unit : NULL, t->num); break;
      case JX_IC_WEIGHT: put_num(t, ws, row, c, ind ? &ind->weight : NULL); break;
      case JX_IC_ACTUAL: put_value(t, ws, row, c, ind ? &ind->actual : NULL); break;
      case JX_IC_SCORE: put_num(t, ws, row, c, ind ? &ind->score : NULL); break;
      case JX_IC_COMPUTED: {
        const char *N = ref(t, row, (lxw_col_t)(c0 + cn)), *T = ref(t, row, (lxw_col_t)(c0 + ct)),
                   *W = ref(t, row, (lxw_col_t)(c0 + cw)), *A = ref(t, row, (lxw_col_t)(c0 + ca));
        /* FASP: ≥ > =: a ≥ t → w, else a / t × w (t = 0: a ≤ 0 → w); ≤ <: a ≤ t → w,
         * t < a < 2t → (1 − (a − t) / t) × w, else 0; negative actuals count as 0 */
        const char *f = jx_arena_printf(
            t->a,
            "=IF(OR(%s=\"定性\",NOT(ISNUMBER(%s)),NOT(ISNUMBER(%s)),NOT(ISNUMBER(%s))),\"\","
            "IF(OR(%s=\"≤\",%s=\"<\"),IF(MAX(%s,0)<=%s,%s,IF(MAX(%s,0)>=2*%s,0,ROUND((1-(MAX(%s,0)-%s)/%s)*%s,2))),"
            "IF(%s=0,IF(MAX(%s,0)<=0,%s,0),IF(MAX(%s,0)>=%s,%s,ROUND(MAX(%s,0)/%s*%s,2)))))",
            N, A, T, W, N, N, A, T, W, A, T, A, T, T, W, T, A, W, A, T, W, A, T, W);
        const jx_indicator_score *s = ind ? score_of(t->res, ind) : NULL;
        bool known = s && s->scored && ind->nature != JX_NATURE_QUAL && ind->actual.kind == JX_VAL_NUMBER &&
                     ind->target.kind == JX_VAL_NUMBER;
        formula_num(t, ws, row, c, f, known, known ? s->score : 0, 6, t->f_num);
        break;
      }
      case JX_IC_NOTE: put_text(t, ws, row, c, ind ? ind->deviation_note : NULL, t->text); break;
      case JX_IC_EVIDENCE: {
        const char *ev = NULL;
        for (size_t e = 0; ind && e < ind->evidence.n; e++)
          ev = ev ? jx_arena_printf(t->a, "%s\n%s", ev, ind->evidence.items[e]) : ind->evidence.items[e];
        put_text(t, ws, row, c, ev, t->text);
        break;
      }
      case JX_IC_ASSUMPTION: put_text(t, ws, row, c, ind ? ind->assumption : NULL, t->text); break;
      case JX_IC_CORE: put_text(t, ws, row, c, ind && ind->core ? "是" : NULL, t->num); break;
      case JX_IC_COUNT: break;
      }
    }
  }
  lxw_row_t last = first + (lxw_row_t)rows - 1, tot = last + 1;
  if (cn >= 0) validate(t, ws, first, (lxw_col_t)(c0 + cn), last + 200, (lxw_col_t)(c0 + cn), jx_nature_list, true);
  validate(t, ws, first, c0, last + 200, c0, jx_level1_list, false);
  if (ca >= 0) validate(t, ws, first, (lxw_col_t)(c0 + ca), last + 200, (lxw_col_t)(c0 + ca), jx_grade_list, false);
  int cc = find_col(cols, JX_IC_CORE);
  if (cc >= 0) validate(t, ws, first, (lxw_col_t)(c0 + cc), last + 200, (lxw_col_t)(c0 + cc), jx_bool_list, true);
  /* 合计 */
  merge(t, ws, tot, c0, tot, (lxw_col_t)(c0 + (cw > 0 ? cw - 1 : 0)), jx_labels.total_row.labels[0], t->label);
  static const jx_icol summed[] = {JX_IC_WEIGHT, JX_IC_SCORE, JX_IC_COMPUTED};
  for (size_t k = 0; k < sizeof summed / sizeof summed[0]; k++) {
    int ck = find_col(cols, summed[k]);
    if (ck < 0) continue;
    lxw_col_t c = (lxw_col_t)(c0 + ck);
    const char *f = jx_arena_printf(t->a, "=SUM(%s:%s)", ref(t, first, c), ref(t, last, c));
    jx_i128 sum = 0;
    bool known = true;
    for (size_t i = 0; list->items && i < n; i++) {
      const jx_indicator *ind = &list->items[i];
      if (summed[k] == JX_IC_WEIGHT) sum += ind->weight.v;
      else if (summed[k] == JX_IC_SCORE) sum += ind->score.v;
      else {
        const jx_indicator_score *s = score_of(t->res, ind);
        if (s && s->scored && ind->nature != JX_NATURE_QUAL) sum += s->score;
        else if (!s || (!s->scored && ind->nature != JX_NATURE_QUAL)) known = false; /* a partial sum is no 合计 */
      }
    }
    formula_num(t, ws, tot, c, f, known, (int64_t)sum, 6, t->f_num);
  }
  return tot + 1;
}

/* ---- 基本信息, 说明, the marker ------------------------------------------------------------ */

static void info_sheet(tw *t) {
  lxw_worksheet *ws = sheet(t, jx_labels.info_sheet.labels[0]);
  if (!ws) return;
  static const int w[] = {16, 40, 60};
  widths(t, ws, w, 3);
  chk(t, worksheet_write_string(ws, 0, 0, "项目", t->head), "基本信息");
  chk(t, worksheet_write_string(ws, 0, 1, "填写内容", t->head), "基本信息");
  chk(t, worksheet_write_string(ws, 0, 2, "说明", t->head), "基本信息");
  const jx_doc *d = t->doc;
  const char *kind = d && d->kind == JX_KIND_PROJECT ? "项目支出" : "部门整体";
  const char *values[JX_INFO_COUNT] = {
      d ? d->department : NULL, d ? d->unit_name : NULL, d ? d->department_code : NULL, NULL, kind,
      d ? d->framework_id : NULL, t->unit == JX_FEN_PER_YUAN ? "元" : "万元", d ? d->signer : NULL, d ? d->date : NULL,
  };
  for (size_t i = 0; i < JX_INFO_COUNT; i++) {
    lxw_row_t r = (lxw_row_t)(i + 1);
    chk(t, worksheet_write_string(ws, r, 0, jx_info_labels[i].labels[0], t->label), "基本信息");
    if (i == JX_INFO_YEAR && d && d->year) chk(t, worksheet_write_number(ws, r, 1, d->year, t->num), "年度");
    else put_text(t, ws, r, 1, values[i], t->text);
    chk(t, worksheet_write_string(ws, r, 2, jx_info_help[i], t->help), "基本信息");
  }
  validate(t, ws, JX_INFO_KIND + 1, 1, JX_INFO_KIND + 1, 1, jx_kind_list, true);
  validate(t, ws, JX_INFO_MONEY_UNIT + 1, 1, JX_INFO_MONEY_UNIT + 1, 1, jx_unit_list, true);
  protect(t, ws);
}

static void instructions(tw *t, jx_template_kind kind) {
  lxw_worksheet *ws = sheet(t, jx_labels.instructions_sheet.labels[0]);
  if (!ws) return;
  chk(t, worksheet_set_column(ws, 0, 0, 100, NULL), "列宽");
  static const char *common[] = {
      "本工作簿由 jixiao 生成（jixiao template），填好后用 jixiao import 读回为部门年度数据文件。",
      "1. 先填“基本信息”：部门名称、年度、评价框架必填；金额单位决定各表中未注明单位的金额按万元还是元读取。",
      "2. 白底单元格可填写；灰底单元格是公式（执行率、计算得分、合计），已锁定，不必填写。工作表保护没有密码，可插入、删除行。",
      "3. 数字可以写成数字，也可以写成文字（如“1,072.52”“９５％”）；金额可带单位（“10725200元”）。",
      "4. 百分数：设为百分比格式的数字（0.95 显示为 95%）或写“95%”都可以；度量单位写“%”。",
      "5. 指标性质从下拉列表选：=、≥、>、≤、<、定性；也可把性质写在指标值前面（“≥95%”）。定性指标的实际完成值选 达成、部分达成 或 未达成，并填写自评得分。",
      "6. 实际完成值可写引用（以“= ”开头，如“= finance.expenditure.basic”），读回后原样保留。",
      "7. 需要更多行时，在空行之间插入行；空行读取时跳过。表格读到“合计”“总分”行为止。",
      "8. 读取时发现的问题会指出具体单元格，例如“文件.xlsx:绩效目标表!F12”，全部问题一次列出；有错误时不生成文件。",
  };
  static const char *per_kind[] = {
      "本表为“部门整体支出绩效目标表”：年度预算、总体目标、主要任务、绩效指标（指标值与权重）。",
      "本表为“部门整体绩效自评表”：预算执行、各指标实际完成值和自评得分、评价结论（分项得分、总分、等级）。",
      "本表为“项目支出绩效自评表”（财预〔2020〕10号 附件1）：每个项目一张工作表，可复制工作表增加项目，删除工作表即删除项目。",
      "本表为“绩效运行监控表”：各监控月份的累计执行数、全年预计执行数、偏差原因和纠偏措施。",
  };
  lxw_row_t r = 0;
  chk(t, worksheet_write_string(ws, r++, 0, "填写说明", t->title), "说明");
  chk(t, worksheet_write_string(ws, r++, 0, per_kind[kind], t->help), "说明");
  for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
    chk(t, worksheet_write_string(ws, r++, 0, common[i], t->help), "说明");
  protect(t, ws);
}

static void mark(tw *t, jx_template_kind kind) {
  const char *value = jx_arena_printf(t->a, "=\"%s %s\"", JX_TEMPLATE_MARKER, jx_template_kind_name(kind));
  chk(t, workbook_define_name(t->wb, JX_TEMPLATE_NAME, value), "版本标记");
  lxw_worksheet *ws = sheet(t, JX_TEMPLATE_SHEET);
  if (!ws) return;
  chk(t, worksheet_write_string(ws, 0, 0, JX_TEMPLATE_MARKER, NULL), "版本标记");
  chk(t, worksheet_write_string(ws, 0, 1, jx_template_kind_name(kind), NULL), "版本标记");
  worksheet_hide(ws);
  protect(t, ws);
}

/* ---- the forms ------------------------------------------------------------------------ */

static const char *goals_text(tw *t, const jx_strlist *g) {
  const char *s = NULL;
  for (size_t i = 0; g && i < g->n; i++) s = s ? jx_arena_printf(t->a, "%s\n%s", s, g->items[i]) : g->items[i];
  return s;
}

static void target_form(tw *t) {
  const jx_doc *d = t->doc;
  lxw_worksheet *ws = sheet(t, jx_labels.target_sheet.labels[0]);
  if (!ws) return;
  const lxw_col_t last = 8; /* A + the 8 indicator columns */
  title_rows(t, ws, last, "部门整体支出绩效目标表");
  const jx_labels_t *L = &jx_labels;
  lxw_row_t r = 2;
  put_label(t, ws, r, 0, &L->department, t->label);
  chk(t, worksheet_merge_range(ws, r, 1, r, last, "", t->f_text), "部门名称");
  chk(t, worksheet_write_formula_str(ws, r, 1, "=基本信息!B2", t->f_text,
                                     jx_xlsx_clean_text(t->a, d && d->department ? d->department : "", true)),
      "部门名称");
  r++;
  /* 年度部门整体支出预算: four labelled money cells over their values */
  merge(t, ws, r, 0, r + 1, 0, L->budget_section.labels[0], t->label);
  struct { const jx_label *l; const jx_money *m; lxw_col_t c1, c2; } budget[] = {
      {&L->budget_total, d ? &d->budget_total : NULL, 1, 2},
      {&L->budget_fiscal, d ? &d->budget_fiscal : NULL, 3, 4},
      {&L->budget_carried, d ? &d->budget_carried_in : NULL, 5, 6},
      {&L->budget_other, d ? &d->budget_other : NULL, 7, 8},
  };
  for (size_t i = 0; i < 4; i++) {
    merge(t, ws, r, budget[i].c1, r, budget[i].c2, budget[i].l->labels[0], t->head);
    chk(t, worksheet_merge_range(ws, r + 1, budget[i].c1, r + 1, budget[i].c2, "", t->money), "合并单元格");
    put_money(t, ws, r + 1, budget[i].c1, budget[i].m);
  }
  r += 2;
  put_label(t, ws, r, 0, &L->goals, t->label);
  merge(t, ws, r, 1, r, last, goals_text(t, d ? &d->goals : NULL), t->text);
  chk(t, worksheet_set_row(ws, r, 60, NULL), "行高");
  r++;
  size_t nt = d ? d->tasks.n : 0, rows = nt + (d ? SPARE_ROWS : BLANK_ROWS / 3);
  merge(t, ws, r, 0, r + (lxw_row_t)rows, 0, L->tasks_section.labels[0], t->label);
  merge(t, ws, r, 1, r, 2, L->task_name.labels[0], t->head);
  merge(t, ws, r, 3, r, 7, L->task_content.labels[0], t->head);
  put_text(t, ws, r, 8, L->task_budget.labels[0], t->head);
  for (size_t i = 0; i < rows; i++) {
    lxw_row_t row = r + 1 + (lxw_row_t)i;
    const jx_task *tk = i < nt ? &d->tasks.items[i] : NULL;
    merge(t, ws, row, 1, row, 2, tk ? tk->name : NULL, t->text);
    merge(t, ws, row, 3, row, 7, tk ? tk->content : NULL, t->text);
    put_money(t, ws, row, 8, tk ? &tk->budget : NULL);
  }
  r += 1 + (lxw_row_t)rows;
  lxw_row_t ind_first = r;
  lxw_row_t end = indicator_table(t, ws, r, 1, jx_target_icols, d ? &d->indicators : NULL);
  merge(t, ws, ind_first, 0, end - 2, 0, L->indicators_section.labels[0], t->label);
  chk(t, worksheet_set_column(ws, 0, 0, 14, NULL), "列宽");
  protect(t, ws);
}

/* The money block: a header row (年初预算数 … 执行率 [分值 得分]) and the rows of
 * jx_money_rows[0..nrows).  With weight set, 分值 and 得分 follow the rate. */
static lxw_row_t money_block(tw *t, lxw_worksheet *ws, lxw_row_t r, const jx_money_row *rows, size_t nrows, bool scored,
                             int64_t weight, const jx_result *res) {
  const jx_labels_t *L = &jx_labels;
  put_text(t, ws, r, 0, "", t->head);
  for (size_t k = 0; k < JX_MC_COUNT; k++) put_label(t, ws, r, (lxw_col_t)(1 + k), &jx_money_cols[k], t->head);
  put_label(t, ws, r, 4, &L->execution_rate, t->head);
  if (scored) {
    put_label(t, ws, r, 5, &L->execution_weight, t->head);
    put_label(t, ws, r, 6, &L->execution_score, t->head);
  }
  for (size_t i = 0; i < nrows; i++) {
    lxw_row_t row = r + 1 + (lxw_row_t)i;
    const jx_money_row *m = &rows[i];
    put_label(t, ws, row, 0, &jx_money_rows[i], t->label);
    put_money(t, ws, row, 1, &m->initial);
    put_money(t, ws, row, 2, &m->adjusted);
    put_money(t, ws, row, 3, &m->executed);
    const char *B = ref(t, row, 2), *C = ref(t, row, 3);
    const char *f = jx_arena_printf(t->a, "=IF(AND(ISNUMBER(%s),ISNUMBER(%s)),IF(%s>0,%s/%s,\"\"),\"\")", B, C, B, C, B);
    bool known = m->adjusted.set && m->executed.set && m->adjusted.fen > 0;
    formula_num(t, ws, row, 4, f, known,
                known ? jx_ratio_round2(m->executed.fen, m->adjusted.fen, 100 * JX_NUM_SCALE) / 100 : 0, 6, t->f_rate);
    if (scored && i == 0) {
      put_exact(t, ws, row, 5, weight, 6, t->f_num);
      const char *R = ref(t, row, 4), *W = ref(t, row, 5);
      const char *fs = jx_arena_printf(t->a, "=IF(ISNUMBER(%s),ROUND(MIN(%s,1)*%s,2),\"\")", R, R, W);
      formula_num(t, ws, row, 6, fs, res && res->has_execution, res ? res->execution_score : 0, 6, t->f_num);
    } else if (scored) {
      put_text(t, ws, row, 5, "—", t->f_num);
      put_text(t, ws, row, 6, "—", t->f_num);
    }
  }
  return r + 1 + (lxw_row_t)nrows;
}

static lxw_row_t text_row(tw *t, lxw_worksheet *ws, lxw_row_t r, const jx_label *l, const char *value, lxw_col_t last,
                          double height) {
  put_label(t, ws, r, 0, l, t->label);
  merge(t, ws, r, 1, r, last, value, t->text);
  if (height > 0) chk(t, worksheet_set_row(ws, r, height, NULL), "行高");
  return r + 1;
}

static void selfeval_form(tw *t) {
  const jx_doc *d = t->doc;
  const jx_labels_t *L = &jx_labels;
  lxw_worksheet *ws = sheet(t, L->selfeval_sheet.labels[0]);
  if (!ws) return;
  title_rows(t, ws, 12, "部门整体绩效自评表");
  jx_money_row total = {d ? d->budget_total : (jx_money){0}, d ? d->adjusted : (jx_money){0},
                        d ? d->expenditure_total : (jx_money){0}, {0}};
  lxw_row_t r = money_block(t, ws, 2, &total, 1, false, 0, t->res);
  r++;
  indicator_table(t, ws, r, 0, jx_selfeval_icols, d ? &d->indicators : NULL);
  protect(t, ws);

  lxw_worksheet *cs = sheet(t, L->conclusion_sheet.labels[0]);
  if (!cs) return;
  static const int w[] = {18, 10, 60};
  widths(t, cs, w, 3);
  put_label(t, cs, 0, 0, &L->block_name, t->head);
  put_label(t, cs, 0, 1, &L->block_score, t->head);
  put_label(t, cs, 0, 2, &L->block_reason, t->head);
  size_t nb = d ? d->blocks.n : 0, rows = nb + (d ? SPARE_ROWS : 8);
  for (size_t i = 0; i < rows; i++) {
    const jx_block *b = i < nb ? &d->blocks.items[i] : NULL;
    put_text(t, cs, (lxw_row_t)(1 + i), 0, b ? b->name : NULL, t->text);
    put_num(t, cs, (lxw_row_t)(1 + i), 1, b ? &b->score : NULL);
    put_text(t, cs, (lxw_row_t)(1 + i), 2, b ? b->reason : NULL, t->text);
  }
  lxw_row_t sum = (lxw_row_t)(1 + rows);
  put_label(t, cs, sum, 0, &L->total_row, t->label);
  jx_i128 s = 0;
  const jx_block *blocks = d ? d->blocks.items : NULL;
  for (size_t i = 0; blocks && i < nb; i++) s += blocks[i].score.v;
  formula_num(t, cs, sum, 1, jx_arena_printf(t->a, "=SUM(B2:B%u)", (unsigned)sum), true, (int64_t)s, 6, t->f_num);
  lxw_row_t r2 = sum + 2;
  put_label(t, cs, r2, 0, &L->stated_total, t->label);
  put_num(t, cs, r2, 1, d ? &d->stated_total : NULL);
  put_label(t, cs, r2 + 1, 0, &L->stated_grade, t->label);
  put_text(t, cs, r2 + 1, 1, d ? d->stated_grade : NULL, t->num);
  validate(t, cs, r2 + 1, 1, r2 + 1, 1, jx_level_list, true);
  text_row(t, cs, r2 + 2, &L->conclusion, d ? d->conclusion : NULL, 2, 90);
  protect(t, cs);
}

static void project_form(tw *t, const jx_project *p, const char *name) {
  const jx_doc *d = t->doc;
  const jx_labels_t *L = &jx_labels;
  lxw_worksheet *ws = sheet(t, name);
  if (!ws) return;
  const lxw_col_t last = 13;
  title_rows(t, ws, last, "项目支出绩效自评表");
  lxw_row_t r = 2;
  r = text_row(t, ws, r, &L->project_name, p ? p->name : NULL, last, 0);
  r = text_row(t, ws, r, &L->project_code, p ? p->code : NULL, last, 0);
  put_label(t, ws, r, 0, &L->project_department, t->label);
  chk(t, worksheet_merge_range(ws, r, 1, r, 5, "", t->f_text), "主管部门");
  chk(t, worksheet_write_formula_str(ws, r, 1, "=基本信息!B2", t->f_text,
                                     jx_xlsx_clean_text(t->a, d && d->department ? d->department : "", true)),
      "主管部门");
  put_label(t, ws, r, 6, &L->project_owner, t->label);
  merge(t, ws, r, 7, r, last, p ? p->owner : NULL, t->text);
  r++;
  jx_money_row rows[JX_MR_COUNT];
  memset(rows, 0, sizeof rows);
  if (p) {
    rows[JX_MR_TOTAL] = (jx_money_row){p->initial, p->adjusted, p->executed, {0}};
    rows[JX_MR_FISCAL] = p->fiscal;
    rows[JX_MR_CARRIED] = p->carried_in;
    rows[JX_MR_OTHER] = p->other;
  }
  const jx_result *pres = NULL;
  for (size_t i = 0; t->res && p && i < t->res->projects.n; i++)
    if (t->res->projects.items[i]->doc && t->res->projects.items[i]->doc->project == p) pres = t->res->projects.items[i];
  if (t->res && p && d && d->project == p) pres = t->res;
  int64_t weight = pres && pres->has_execution ? pres->execution_weight : 10 * JX_NUM_SCALE;
  r = money_block(t, ws, r, rows, JX_MR_COUNT, true, weight, pres);
  r = text_row(t, ws, r, &L->execution_note, p ? p->execution_note : NULL, last, 0);
  merge(t, ws, r, 0, r + 1, 0, L->goal_section.labels[0], t->label);
  merge(t, ws, r, 1, r, 6, L->goal_expected.labels[0], t->head);
  merge(t, ws, r, 7, r, last, L->goal_results.labels[0], t->head);
  merge(t, ws, r + 1, 1, r + 1, 6, goals_text(t, p ? &p->goals : NULL), t->text);
  merge(t, ws, r + 1, 7, r + 1, last, p ? p->goal_results : NULL, t->text);
  chk(t, worksheet_set_row(ws, r + 1, 60, NULL), "行高");
  r += 2;
  lxw_row_t first = r;
  lxw_row_t end = indicator_table(t, ws, r, 1, jx_selfeval_icols, p ? &p->indicators : NULL);
  merge(t, ws, first, 0, end - 2, 0, L->indicators_section.labels[0], t->label);
  chk(t, worksheet_set_column(ws, 0, 0, 14, NULL), "列宽");
  r = end + 1;
  put_label(t, ws, r, 0, &L->stated_total, t->label);
  put_num(t, ws, r, 1, p ? &p->stated_total : NULL);
  put_label(t, ws, r + 1, 0, &L->stated_grade, t->label);
  put_text(t, ws, r + 1, 1, p ? p->stated_grade : NULL, t->num);
  validate(t, ws, r + 1, 1, r + 1, 1, jx_level_list, true);
  protect(t, ws);
}

static void monitoring_form(tw *t) {
  const jx_doc *d = t->doc;
  const jx_labels_t *L = &jx_labels;
  lxw_worksheet *ws = sheet(t, L->monitoring_sheet.labels[0]);
  if (!ws) return;
  static const int w[] = {10, 14, 12, 16, 40, 40};
  widths(t, ws, w, 6);
  title_rows(t, ws, 5, "绩效运行监控表");
  put_label(t, ws, 2, 0, &L->adjusted, t->label);
  put_money(t, ws, 2, 1, d ? &d->adjusted : NULL);
  const jx_label *heads[] = {&L->month, &L->cp_executed, &L->cp_rate, &L->cp_forecast, &L->cp_cause, &L->cp_fix};
  for (size_t k = 0; k < 6; k++) put_label(t, ws, 4, (lxw_col_t)k, heads[k], t->head);
  size_t n = d ? d->monitoring.n : 0, rows = n + (d ? SPARE_ROWS : 12);
  for (size_t i = 0; i < rows; i++) {
    lxw_row_t row = 5 + (lxw_row_t)i;
    const jx_checkpoint *cp = i < n ? &d->monitoring.items[i] : NULL;
    if (cp && cp->month) chk(t, worksheet_write_number(ws, row, 0, cp->month, t->num), "月份");
    else chk(t, worksheet_write_blank(ws, row, 0, t->num), "月份");
    put_money(t, ws, row, 1, cp ? &cp->executed : NULL);
    const char *B = ref(t, row, 1);
    const char *f = jx_arena_printf(t->a, "=IF(AND(ISNUMBER(%s),ISNUMBER($B$3)),IF($B$3>0,%s/$B$3,\"\"),\"\")", B, B);
    bool known = cp && cp->executed.set && d->adjusted.set && d->adjusted.fen > 0;
    formula_num(t, ws, row, 2, f, known, known ? jx_ratio_round2(cp->executed.fen, d->adjusted.fen, 100 * JX_NUM_SCALE) / 100 : 0,
                6, t->f_rate);
    put_money(t, ws, row, 3, cp ? &cp->forecast : NULL);
    put_text(t, ws, row, 4, cp ? cp->cause : NULL, t->text);
    put_text(t, ws, row, 5, cp ? cp->fix : NULL, t->text);
  }
  protect(t, ws);
}

/* ---- the workbook --------------------------------------------------------------------- */

jx_status jx_render_template(const jx_doc *doc, const jx_result *res, jx_template_kind kind, const char *path,
                             char *err, size_t errlen) {
  if (errlen) err[0] = '\0';
  if (!path || (unsigned)kind > JX_TEMPLATE_MONITORING) {
    snprintf(err, errlen, "没有输出路径或模板种类");
    return JX_ERR_INVALID;
  }
  tw t = {0};
  if (jx_xlsx_book_open(&t.bk, path, err, errlen) != JX_OK) return JX_ERR_IO;
  t.wb = t.bk.wb;
  t.a = jx_arena_new();
  t.doc = doc;
  t.res = res;
  t.unit = doc ? doc->money_unit_fen : JX_FEN_PER_WAN;
  if (t.unit != JX_FEN_PER_YUAN) t.unit = JX_FEN_PER_WAN;
  t.names = jx_arena_alloc(t.a, (8 + (doc ? doc->projects.n : 0)) * sizeof *t.names);
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  static const char *titles[] = {"部门整体支出绩效目标表", "部门整体绩效自评表", "项目支出绩效自评表", "绩效运行监控表"};
  props.title = (char *)titles[kind];
  props.comments = (char *)JX_TEMPLATE_MARKER;
  /* the form's date; a form without one: 1 January of its year (2020 for a blank form) */
  props.created = jx_xlsx_date_utc(doc && doc->date ? doc->date : jx_arena_printf(t.a, "%04d-01-01", doc && doc->year ? doc->year : 2020));
  chk(&t, workbook_set_properties(t.wb, &props), "文档属性");
  formats(&t);
  info_sheet(&t);
  switch (kind) {
  case JX_TEMPLATE_TARGET: target_form(&t); break;
  case JX_TEMPLATE_SELFEVAL: selfeval_form(&t); break;
  case JX_TEMPLATE_MONITORING: monitoring_form(&t); break;
  case JX_TEMPLATE_PROJECT:
    if (doc && doc->project) project_form(&t, doc->project, "项目自评表");
    else if (doc && doc->kind == JX_KIND_DEPARTMENT && doc->projects.n)
      for (size_t i = 0; i < doc->projects.n; i++)
        project_form(&t, &doc->projects.items[i], jx_arena_printf(t.a, "项目自评-%s", doc->projects.items[i].name));
    else project_form(&t, NULL, "项目自评表");
    break;
  }
  instructions(&t, kind);
  mark(&t, kind);
  jx_status st = jx_xlsx_book_finish(&t.bk, "模板", err, errlen);
  jx_arena_free(t.a);
  return st;
}
