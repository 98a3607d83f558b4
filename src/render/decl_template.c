/* decl_template.c — the 绩效目标表 template as XLSX (libxlsxwriter): the data sheets a user
 * fills in and `jixiao import` reads back (项目信息, 指标信息), one printable 申报表 per
 * declaration, 说明 and the hidden marker; blank or pre-filled from declarations.
 *
 * Layout (render/decl.h holds the labels and columns, decl_form.c the printed form):
 * - 项目信息: one row per declaration: the export's nine columns and 年度, with the amounts'
 *   unit in their headers (项目总金额（元）) and one column per source of 本年金额 after it
 *   (财政拨款（元） …), as the export reader (parse/decl_sheet.c) finds them.
 * - 指标信息: one row per indicator row, in the declaration's order (不适用 and blank rows
 *   kept), keyed by 项目编码; 一级/二级指标 offer the MOF common frame as drop-down lists
 *   (other wordings allowed).
 * - 申报表-CODE: the form as jx_decl_report_write draws it (render/xlsx.c draws the table),
 *   for printing; import never reads it.  A blank template has one empty form whose grid
 *   lists the common frame's pairs.
 * Every cell is text or a number, never a formula; 项目编码 and 指标值 are text (a 21-digit
 * code is no number), amounts are numbers when 15 significant digits hold them, else text,
 * in the declarations' unit when they share one, else 元.  The creation date is 1 January of
 * the first declaration's year (2020 when blank), so the same input gives the same bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "parse/sheet.h"
#include "render/decl.h"
#include "render/xlsx_book.h"

/* render/xlsx.c */
typedef struct xctx jx_xlsx_tables;
jx_xlsx_tables *jx_xlsx_tables_new(lxw_workbook *wb, jx_arena *a);
lxw_error jx_xlsx_tables_write(jx_xlsx_tables *x, lxw_worksheet *ws, const jx_rtable *t, const char **where);

enum { SPARE_ROWS = 20, BLANK_ROWS = 200, VALIDATED_ROWS = 5000 };

typedef struct {
  jx_arena *a;
  jx_xlsx_book bk;
  lxw_workbook *wb; /* bk.wb */
  const char **names;
  size_t n_names;
  lxw_format *head, *text, *code, *num, *title, *help;
} dw;

static void chk(dw *t, lxw_error e, const char *where) { jx_xlsx_book_check(&t->bk, e, where); }

/* Data cells do not wrap: a row per record, however long its 测算依据 (the printable form
 * wraps).  Only headers and 说明 wrap. */
static lxw_format *fmt(dw *t, bool bold, bool border, uint8_t align, bool wrap) {
  return jx_xlsx_book_format(&t->bk, bold, border, align, wrap);
}

static void formats(dw *t) {
  t->head = fmt(t, true, true, LXW_ALIGN_CENTER, true);
  format_set_bg_color(t->head, 0xD9E1F2);
  t->text = fmt(t, false, true, LXW_ALIGN_LEFT, false);
  t->code = fmt(t, false, true, LXW_ALIGN_LEFT, false);
  format_set_num_format(t->code, "@"); /* what is typed stays text: 440306221390300100088, ≥95% */
  t->num = fmt(t, false, true, LXW_ALIGN_RIGHT, false);
  format_set_num_format(t->num, "General");
  t->title = fmt(t, true, false, LXW_ALIGN_LEFT, false);
  format_set_font_size(t->title, 16);
  t->help = fmt(t, false, false, LXW_ALIGN_LEFT, true);
}

static lxw_worksheet *sheet(dw *t, const char *want) {
  const char *name = jx_xlsx_sheet_name(t->a, want, "表", t->names, t->n_names);
  t->names[t->n_names++] = name;
  lxw_worksheet *ws = workbook_add_worksheet(t->wb, name);
  if (!ws) chk(t, LXW_ERROR_PARAMETER_VALIDATION, name);
  return ws;
}

/* ---- cells ---------------------------------------------------------------------------- */

static void put_text(dw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f) {
  if (!s || !*s) chk(t, worksheet_write_blank(ws, r, c, f), "空单元格");
  else chk(t, worksheet_write_string(ws, r, c, jx_xlsx_clean_text(t->a, s, true), f), "文本");
}

/* An exact decimal (v with `decimals` decimals): a number when 15 significant digits hold
 * it, else its text.  strtod of the exact text gives the double a spreadsheet would read
 * from it: the one place a double appears, for output only. */
static void put_exact(dw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t v, int decimals) {
  char buf[48];
  jx_format_decimal(v, decimals, buf, sizeof buf);
  size_t digits = 0;
  bool leading = true;
  for (const char *p = buf; *p; p++)
    if (*p >= '0' && *p <= '9') {
      if (*p != '0') leading = false;
      if (!leading) digits++;
    }
  if (digits > 15) chk(t, worksheet_write_string(ws, r, c, buf, t->num), "数值");
  else chk(t, worksheet_write_number(ws, r, c, strtod(buf, NULL), t->num), "数值");
}

static void validate(dw *t, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c, lxw_row_t r2, const char *const *list,
                     bool strict) {
  lxw_data_validation v;
  memset(&v, 0, sizeof v);
  v.validate = LXW_VALIDATION_TYPE_LIST;
  v.value_list = (char **)list; /* not written to */ // NOLINT(cppcoreguidelines-pro-type-cstyle-cast)
  v.show_error = strict ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF;
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  chk(t, worksheet_data_validation_range(ws, r1, c, r2, c, &v), "数据验证");
}

/* The header row of a data sheet, its widths, frozen, filtered; printed landscape, as wide
 * as the page, with the header atop every page. */
static void header(dw *t, lxw_worksheet *ws, const jx_decl_col *cols, size_t n, lxw_row_t rows) {
  for (size_t k = 0; k < n; k++) {
    chk(t, worksheet_write_string(ws, 0, (lxw_col_t)k, cols[k].label, t->head), "表头");
    chk(t, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].sheet_width, NULL), "列宽");
  }
  worksheet_freeze_panes(ws, 1, 0);
  chk(t, worksheet_autofilter(ws, 0, 0, rows, (lxw_col_t)(n - 1)), "筛选");
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0); /* a record per printed line: the columns fit the page width */
  chk(t, worksheet_repeat_rows(ws, 0, 0), "标题行");
}

/* The key of d's rows in the data sheets: its 项目编码, else (a department without a code)
 * its name. */
static const char *key(const jx_decl *d) { return d->code && *d->code ? d->code : d->name; }

/* ---- the data sheets ------------------------------------------------------------------ */

/* The unit of the sheet's amounts: the declarations' own when they share one, else 元
 * (exact either way: 1 分 = 0.01 元). */
static int64_t sheet_unit(const jx_decl *const *decls, size_t n) {
  for (size_t i = 1; i < n; i++)
    if (decls[i]->money_unit_fen != decls[0]->money_unit_fen) return JX_FEN_PER_YUAN;
  return n && decls[0]->money_unit_fen == JX_FEN_PER_WAN ? JX_FEN_PER_WAN : JX_FEN_PER_YUAN;
}

static void put_amount(dw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t unit, const jx_money *m) {
  if (!m || !m->set) chk(t, worksheet_write_blank(ws, r, c, t->num), "金额");
  else put_exact(t, ws, r, c, m->fen, unit == JX_FEN_PER_WAN ? 6 : 2); /* 1 分 = 10^-2 元 = 10^-6 万元 */
}

/* The sources of 本年金额 the declarations name, in order of first appearance; the default
 * ones when they name none. */
static const char **source_names(dw *t, const jx_decl *const *decls, size_t n, size_t *count) {
  size_t cap = 2;
  for (size_t i = 0; i < n; i++) cap += decls[i]->by_source.n;
  const char **names = jx_arena_alloc(t->a, cap * sizeof *names); // NOLINT(bugprone-sizeof-expression)
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < decls[i]->by_source.n; j++) {
      const char *s = decls[i]->by_source.items[j].name;
      bool seen = !s || !*s;
      for (size_t q = 0; q < k && !seen; q++) seen = !strcmp(names[q], s);
      if (!seen) names[k++] = s;
    }
  for (size_t q = 0; !k && jx_decl_default_sources[q]; q++) names[k++] = jx_decl_default_sources[q];
  *count = k;
  return names;
}

static void projects_sheet(dw *t, const jx_decl *const *decls, size_t n) {
  lxw_worksheet *ws = sheet(t, jx_decl_sheet_projects);
  if (!ws) return;
  lxw_row_t rows = (lxw_row_t)(n + (n ? SPARE_ROWS : BLANK_ROWS / 4));
  int64_t unit = sheet_unit(decls, n);
  const char *u = jx_decl_unit_of(unit);
  size_t ns;
  const char **sources = source_names(t, decls, n, &ns);
  /* the columns: the fixed ones with the amounts' unit, the sources after 本年金额 */
  size_t ncols = JX_DP_COUNT + ns;
  jx_decl_col *cols = jx_arena_alloc(t->a, ncols * sizeof *cols);
  int *role = jx_arena_alloc(t->a, ncols * sizeof *role); /* a jx_decl_pcol, or -1 - source index */
  size_t k = 0;
  for (int p = 0; p < JX_DP_COUNT; p++) {
    cols[k] = jx_decl_pcols[p];
    if (p == JX_DP_TOTAL || p == JX_DP_THIS_YEAR) cols[k].label = jx_arena_printf(t->a, "%s（%s）", cols[k].label, u);
    role[k++] = p;
    for (size_t q = 0; p == JX_DP_THIS_YEAR && q < ns; q++) {
      cols[k] = (jx_decl_col){jx_arena_printf(t->a, "%s（%s）", sources[q], u), 0, 16};
      role[k++] = -1 - (int)q;
    }
  }
  header(t, ws, cols, ncols, rows);
  for (lxw_row_t i = 0; i < rows; i++) {
    lxw_row_t r = i + 1;
    const jx_decl *d = i < n ? decls[i] : NULL;
    for (size_t c = 0; c < ncols; c++) {
      lxw_col_t C = (lxw_col_t)c;
      if (role[c] < 0) {
        const jx_money *m = NULL;
        const char *want = sources[-1 - role[c]];
        for (size_t j = 0; d && j < d->by_source.n && !m; j++)
          if (d->by_source.items[j].name && !strcmp(d->by_source.items[j].name, want)) m = &d->by_source.items[j].amount;
        put_amount(t, ws, r, C, unit, m);
        continue;
      }
      switch ((jx_decl_pcol)role[c]) {
      case JX_DP_CODE: put_text(t, ws, r, C, d ? key(d) : NULL, t->code); break;
      case JX_DP_NAME: put_text(t, ws, r, C, d ? d->name : NULL, t->text); break;
      case JX_DP_UNIT: put_text(t, ws, r, C, d ? d->unit : NULL, t->text); break;
      case JX_DP_DEPARTMENT: put_text(t, ws, r, C, d ? d->department : NULL, t->text); break;
      case JX_DP_TOTAL: put_amount(t, ws, r, C, unit, d ? &d->total : NULL); break;
      case JX_DP_THIS_YEAR: put_amount(t, ws, r, C, unit, d ? &d->this_year : NULL); break;
      case JX_DP_POLICY: put_text(t, ws, r, C, d ? d->policy_basis : NULL, t->text); break;
      case JX_DP_CALC: put_text(t, ws, r, C, d ? d->calc_basis : NULL, t->text); break;
      case JX_DP_GOAL: put_text(t, ws, r, C, d ? d->annual_goal : NULL, t->text); break;
      case JX_DP_YEAR:
        if (d && d->year) chk(t, worksheet_write_number(ws, r, C, d->year, t->num), "年度");
        else put_text(t, ws, r, C, NULL, t->num);
        break;
      case JX_DP_COUNT: break;
      }
    }
  }
}

static void indicators_sheet(dw *t, const jx_decl *const *decls, size_t n) {
  lxw_worksheet *ws = sheet(t, jx_decl_sheet_indicators);
  if (!ws) return;
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += decls[i]->indicators.n;
  lxw_row_t rows = (lxw_row_t)(total + (n ? SPARE_ROWS : BLANK_ROWS));
  static const jx_decl_col code_col = {"项目编码", 0, 24};
  jx_decl_col cols[1 + JX_DI_COUNT];
  cols[0] = code_col;
  memcpy(cols + 1, jx_decl_icols, sizeof jx_decl_icols);
  header(t, ws, cols, 1 + JX_DI_COUNT, rows);
  lxw_row_t r = 1;
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < decls[i]->indicators.n; k++, r++) {
      const jx_decl_indicator *x = &decls[i]->indicators.items[k];
      put_text(t, ws, r, 0, key(decls[i]), t->code);
      put_text(t, ws, r, 1 + JX_DI_LEVEL1, x->level1, t->text);
      put_text(t, ws, r, 1 + JX_DI_LEVEL2, x->level2, t->text);
      put_text(t, ws, r, 1 + JX_DI_NAME, x->name, t->text);
      put_text(t, ws, r, 1 + JX_DI_VALUE, x->value, t->code);
      put_text(t, ws, r, 1 + JX_DI_EXPLANATION, x->explanation, t->text);
      put_text(t, ws, r, 1 + JX_DI_STANDARD, x->standard, t->text);
      put_text(t, ws, r, 1 + JX_DI_SOURCE, x->source, t->text);
      if (x->weight.set) put_exact(t, ws, r, 1 + JX_DI_WEIGHT, x->weight.v, 6);
      else put_text(t, ws, r, 1 + JX_DI_WEIGHT, NULL, t->num);
    }
  for (; r <= rows; r++)
    for (int c = 0; c < 1 + JX_DI_COUNT; c++)
      put_text(t, ws, r, (lxw_col_t)c, NULL, c == 0 || c == 1 + JX_DI_VALUE ? t->code : c == 1 + JX_DI_WEIGHT ? t->num : t->text);
  validate(t, ws, 1, 1 + JX_DI_LEVEL1, VALIDATED_ROWS, jx_decl_level1_list, false);
  validate(t, ws, 1, 1 + JX_DI_LEVEL2, VALIDATED_ROWS, jx_decl_level2_list, false);
}

/* ---- the printable forms, 说明, the marker ----------------------------------------------- */

static void form_sheet(dw *t, jx_xlsx_tables *tables, const jx_decl *d) {
  jx_rtable *form = jx_decl_form_table(t->a, d);
  lxw_worksheet *ws = sheet(t, form->sheet);
  if (!ws) return;
  const char *where = NULL;
  chk(t, jx_xlsx_tables_write(tables, ws, form, &where), where ? where : "申报表");
}

/* An empty declaration for the blank template's form: the common frame's ten pairs. */
static const jx_decl *blank_decl(dw *t) {
  static const char *const pairs[][2] = {{"产出", "数量"},     {"产出", "质量"},       {"产出", "时效"},
                                         {"产出", "成本"},     {"效益", "经济效益"},   {"效益", "社会效益"},
                                         {"效益", "生态效益"}, {"效益", "可持续影响"}, {"满意度", "服务对象满意度"},
                                         {"满意度", "其他满意度"}};
  size_t n = sizeof pairs / sizeof pairs[0];
  jx_decl *d = jx_arena_alloc(t->a, sizeof *d);
  d->money_unit_fen = JX_FEN_PER_YUAN;
  d->name = d->code = d->unit = d->department = d->policy_basis = d->calc_basis = d->annual_goal = "";
  d->indicators.items = jx_arena_alloc(t->a, n * sizeof *d->indicators.items);
  d->indicators.n = n;
  for (size_t i = 0; i < n; i++) {
    jx_decl_indicator *x = &d->indicators.items[i];
    x->level1 = pairs[i][0];
    x->level2 = pairs[i][1];
    x->name = x->value = x->explanation = "";
  }
  return d;
}

static void instructions(dw *t) {
  lxw_worksheet *ws = sheet(t, jx_decl_sheet_help);
  if (!ws) return;
  chk(t, worksheet_set_column(ws, 0, 0, 110, NULL), "列宽");
  static const char *lines[] = {
      "本工作簿由 jixiao 生成（jixiao template --kind declaration），是项目支出（或部门整体支出）绩效目标申报表的填报模板。"
      "填好后用 jixiao import 表格.xlsx -o 目录 读回，每个项目写成一个申报文件。",
      "1. 只读取“项目信息”“指标信息”两张表，以“项目编码”关联；“申报表-…”工作表按数据生成，仅供打印和核对，"
      "改动数据后重新运行 jixiao template 即可得到新的申报表。",
      "2. 项目信息：每个项目一行。项目编码必填且不重复（设为文本，21 位编码不会变成科学计数）；项目总金额可跨年度，"
      "本年金额为本年度申请的金额，其后各列是本年金额按来源的分列（财政拨款、其他资金……）；金额写数字，单位见表头"
      "（如“项目总金额（元）”，改表头的单位即改全列的单位）。年度写预算年度，如 2023。",
      "3. 指标信息：每个三级指标一行，按顺序填写。一级指标、二级指标可从下拉列表选（产出：数量、质量、时效、成本；"
      "效益：经济效益、社会效益、生态效益、可持续影响；满意度：服务对象满意度、其他满意度），也可照本地口径填写。",
      "4. 指标值连同方向和单位写在一格里，例如 ≥95%、≤28万元、=100%、3个工作日、≥6场、不超过42万元/年、及时、明显提升。"
      "方向写 ≥ ≤ > < = 或“不低于”“不超过”“以上”“以内”等；定性指标写预期的程度。",
      "5. 不使用的指标写“不适用”（三级指标、指标值都写），不要留空；每个二级指标至少一行。",
      "6. 指标解释写清指标的含义和计算口径；评分标准、数据来源、分值按本地区要求填写（分值可不填）。",
      "7. 需要更多行时直接在表末接着填写；空行读取时跳过。单元格只写文字或数字，不要写公式。",
      "8. 读取时发现的问题会指出具体单元格，例如“表格.xlsx:指标信息!F12”，全部问题一次列出；有错误时不写出任何文件。",
  };
  lxw_row_t r = 0;
  chk(t, worksheet_write_string(ws, r++, 0, "填写说明", t->title), "说明");
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++, r++) {
    chk(t, worksheet_write_string(ws, r, 0, lines[i], t->help), "说明");
    chk(t, worksheet_set_row(ws, r, 32, NULL), "行高");
  }
}

static void mark(dw *t) {
  const char *value = jx_arena_printf(t->a, "=\"%s %s\"", JX_TEMPLATE_MARKER, JX_DECL_TEMPLATE_KIND);
  chk(t, workbook_define_name(t->wb, JX_TEMPLATE_NAME, value), "版本标记");
  lxw_worksheet *ws = sheet(t, JX_TEMPLATE_SHEET);
  if (!ws) return;
  chk(t, worksheet_write_string(ws, 0, 0, JX_TEMPLATE_MARKER, NULL), "版本标记");
  chk(t, worksheet_write_string(ws, 0, 1, JX_DECL_TEMPLATE_KIND, NULL), "版本标记");
  worksheet_hide(ws);
}

/* ---- the workbook ----------------------------------------------------------------------- */

/* Close t's workbook and put it at its path (jx_xlsx_book_finish); t's arena is freed. */
static jx_status finish(dw *t, const char *what, char *err, size_t errlen) {
  jx_status st = jx_xlsx_book_finish(&t->bk, what, err, errlen);
  jx_arena_free(t->a);
  return st;
}

jx_status jx_render_decl_template(const jx_decl *const *decls, size_t n, const char *path, char *err, size_t errlen) {
  if (errlen) err[0] = '\0';
  if (!path || (n && !decls)) {
    snprintf(err, errlen, "没有输出路径或申报数据");
    return JX_ERR_INVALID;
  }
  for (size_t i = 0; i < n; i++)
    if (!decls[i]) {
      snprintf(err, errlen, "第 %zu 个申报数据为空", i + 1);
      return JX_ERR_INVALID;
    }
  dw t = {0};
  if (jx_xlsx_book_open(&t.bk, path, err, errlen) != JX_OK) return JX_ERR_IO;
  t.wb = t.bk.wb;
  t.a = jx_arena_new();
  t.names = jx_arena_alloc(t.a, (8 + n) * sizeof *t.names); // NOLINT(bugprone-sizeof-expression)
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  props.title = (char *)(n == 1 && decls[0]->scope == JX_DECL_DEPARTMENT ? "部门整体支出绩效目标申报表" : "项目支出绩效目标申报表");
  props.comments = (char *)JX_TEMPLATE_MARKER;
  int year = n && decls[0]->year >= 1980 && decls[0]->year <= 9999 ? decls[0]->year : 2020;
  props.created = jx_xlsx_date_utc(jx_arena_printf(t.a, "%04d-01-01", year));
  chk(&t, workbook_set_properties(t.wb, &props), "文档属性");
  formats(&t);
  projects_sheet(&t, decls, n);
  indicators_sheet(&t, decls, n);
  jx_xlsx_tables *tables = jx_xlsx_tables_new(t.wb, t.a);
  if (n == 0) form_sheet(&t, tables, blank_decl(&t));
  for (size_t i = 0; i < n; i++) form_sheet(&t, tables, decls[i]);
  instructions(&t);
  mark(&t);
  return finish(&t, "模板", err, errlen);
}

/* ---- a plain grid (jx_render_grid_xlsx) ----------------------------------------------- */

/* Display width of s: CJK (a 3- or 4-byte UTF-8 sequence) counts two. */
static double grid_width(const char *s) {
  double w = 0;
  for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
    if (*p < 0x80) w += 1;
    else if (*p >= 0xE0) w += 2;
  return w;
}

/* A whole number as the store writes it: optional '-', then 1..15 digits. */
static bool whole_number(const char *s) {
  const char *p = s && *s == '-' ? s + 1 : s;
  size_t n = p ? strspn(p, "0123456789") : 0;
  return n && n <= 15 && !p[n];
}

jx_status jx_render_grid_xlsx(const jx_xlsx_grid *g, const char *path, char *err, size_t errlen) {
  if (errlen) err[0] = '\0';
  if (!g || !path || !g->cols || !g->header || (g->rows && !g->cells)) {
    snprintf(err, errlen, "没有输出路径或表格");
    return JX_ERR_INVALID;
  }
  dw t = {0};
  if (jx_xlsx_book_open(&t.bk, path, err, errlen) != JX_OK) return JX_ERR_IO;
  t.wb = t.bk.wb;
  t.a = jx_arena_new();
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  props.created = jx_xlsx_date_utc("2020-01-01"); /* the same grid gives the same bytes */
  chk(&t, workbook_set_properties(t.wb, &props), "文档属性");
  formats(&t);
  const char *name = jx_xlsx_sheet_name(t.a, g->sheet ? g->sheet : "表", "表", NULL, 0);
  lxw_worksheet *ws = workbook_add_worksheet(t.wb, name);
  if (!ws) chk(&t, LXW_ERROR_PARAMETER_VALIDATION, name);
  for (size_t c = 0; ws && c < g->cols; c++) {
    double w = grid_width(g->header[c]) + 2;
    for (size_t r = 0; r < g->rows; r++) {
      double cw = grid_width(g->cells[r * g->cols + c]) + 2;
      if (cw > w) w = cw;
    }
    if (w < 8) w = 8;
    if (w > 60) w = 60;
    put_text(&t, ws, 0, (lxw_col_t)c, g->header[c], t.head);
    chk(&t, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL), "列宽");
  }
  for (size_t r = 0; ws && r < g->rows; r++)
    for (size_t c = 0; c < g->cols; c++) {
      const char *s = g->cells[r * g->cols + c];
      lxw_row_t R = (lxw_row_t)(r + 1);
      if (g->numeric && g->numeric[c] && whole_number(s))
        chk(&t, worksheet_write_number(ws, R, (lxw_col_t)c, strtod(s, NULL), t.num), "数值");
      else put_text(&t, ws, R, (lxw_col_t)c, s, t.code);
    }
  if (ws) {
    worksheet_freeze_panes(ws, 1, 0);
    chk(&t, worksheet_autofilter(ws, 0, 0, (lxw_row_t)g->rows, (lxw_col_t)(g->cols - 1)), "筛选");
  }
  return finish(&t, "文件", err, errlen);
}
