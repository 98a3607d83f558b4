/* mon_template.c — the 绩效监控表 as an XLSX template (libxlsxwriter): one unit's (or project's)
 * checkpoint report, blank or pre-filled from a jx_monreport, that `jixiao import` reads back
 * (parse/mon_sheet.c).  The labels, columns and help are data (parse/mon_layout.c).
 *
 * Sheets: 绩效监控表 (the form, parse/mon_sheet.h describes its rows), 说明, and the hidden
 * marker _jixiao ("jixiao-template/1", "checkpoint") with the defined name JIXIAO_TEMPLATE.
 * Data cells are text or numbers, never formulas; 执行进度 and the 合计 row are formulas
 * with their cached values.  Amounts are exact in the report's unit (a number when 15
 * significant digits hold it, else text).  The creation date is 1 January of the report's
 * year, so the same report gives the same bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "parse/mon_sheet.h"
#include "render/report.h"
#include "render/xlsx_book.h"

/* render/xlsx.c */

enum { BLANK_SOURCES = 4, SPARE_SOURCES = 1, BLANK_INDICATORS = 15, SPARE_INDICATORS = 5, VALIDATED_ROWS = 500 };

typedef struct {
  jx_arena *a;
  jx_xlsx_book bk;
  lxw_workbook *wb; /* bk.wb */
  lxw_format *head, *label, *text, *code, *num, *pct, *title, *section, *help, *total;
} mw;

static void chk(mw *t, lxw_error e, const char *where) { jx_xlsx_book_check(&t->bk, e, where); }

static lxw_format *fmt(mw *t, bool bold, bool border, uint8_t align, bool wrap) {
  return jx_xlsx_book_format(&t->bk, bold, border, align, wrap);
}

static void formats(mw *t) {
  t->head = fmt(t, true, true, LXW_ALIGN_CENTER, true);
  format_set_bg_color(t->head, 0xD9E1F2);
  t->label = fmt(t, true, true, LXW_ALIGN_LEFT, false);
  format_set_bg_color(t->label, 0xF2F2F2);
  t->text = fmt(t, false, true, LXW_ALIGN_LEFT, true);
  t->code = fmt(t, false, true, LXW_ALIGN_LEFT, false);
  format_set_num_format(t->code, "@"); /* what is typed stays text: 051100, ≥95%, 2023-06-30 */
  t->num = fmt(t, false, true, LXW_ALIGN_RIGHT, false);
  format_set_num_format(t->num, "General");
  t->pct = fmt(t, false, true, LXW_ALIGN_RIGHT, false);
  format_set_num_format(t->pct, "0.00%");
  t->total = fmt(t, true, true, LXW_ALIGN_RIGHT, false);
  format_set_num_format(t->total, "General");
  t->title = fmt(t, true, false, LXW_ALIGN_CENTER, false);
  format_set_font_size(t->title, 16);
  t->section = fmt(t, true, false, LXW_ALIGN_LEFT, false);
  t->help = fmt(t, false, false, LXW_ALIGN_LEFT, true);
}

/* ---- cells -------------------------------------------------------------------------------- */

static void put_text(mw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f) {
  if (!s || !*s) chk(t, worksheet_write_blank(ws, r, c, f), "空单元格");
  else chk(t, worksheet_write_string(ws, r, c, jx_xlsx_clean_text(t->a, s, true), f), "文本");
}

/* An exact amount (fen shown with `decimals` decimals): a number when 15 significant digits
 * hold it, else its text; blank when unset.  strtod of the exact text gives the double a
 * spreadsheet would read from it: output only. */
static void put_amount(mw *t, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const jx_money *m, int decimals) {
  if (!m || !m->set) {
    chk(t, worksheet_write_blank(ws, r, c, t->num), "金额");
    return;
  }
  char buf[48];
  jx_format_decimal(m->fen, decimals, buf, sizeof buf);
  size_t digits = 0;
  bool leading = true;
  for (const char *p = buf; *p; p++)
    if (*p >= '0' && *p <= '9') {
      if (*p != '0') leading = false;
      if (!leading) digits++;
    }
  if (digits > 15) chk(t, worksheet_write_string(ws, r, c, buf, t->num), "金额");
  else chk(t, worksheet_write_number(ws, r, c, strtod(buf, NULL), t->num), "金额");
}

static void validate(mw *t, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c, lxw_row_t r2, const char *const *list,
                     bool strict) {
  lxw_data_validation v;
  memset(&v, 0, sizeof v);
  v.validate = LXW_VALIDATION_TYPE_LIST;
  v.value_list = (char **)list; /* not written to */ // NOLINT(cppcoreguidelines-pro-type-cstyle-cast)
  v.show_error = strict ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF;
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  chk(t, worksheet_data_validation_range(ws, r1, c, r2, c, &v), "数据验证");
}

static const char *col_name(mw *t, lxw_col_t c) { return jx_arena_printf(t->a, "%c", 'A' + (int)c); }

/* 执行进度 of row r (0-based): executed ÷ budget, blank while the budget is not positive;
 * the cached value from the exact amounts. */
static void rate_formula(mw *t, lxw_worksheet *ws, lxw_row_t r, const jx_money *budget, const jx_money *executed,
                         lxw_format *f) {
  const char *b = col_name(t, JX_ME_BUDGET), *e = col_name(t, JX_ME_EXECUTED);
  const char *formula = jx_arena_printf(t->a, "=IF(N(%s%u)>0,N(%s%u)/%s%u,\"\")", b, r + 1, e, r + 1, b, r + 1);
  if (budget && budget->set && budget->fen > 0 && executed && executed->set) {
    char buf[48]; /* the percentage to hundredths, as a fraction */
    jx_format_decimal(jx_ratio_round2(executed->fen, budget->fen, 100 * JX_NUM_SCALE), 6, buf, sizeof buf);
    chk(t, worksheet_write_formula_num(ws, r, JX_ME_RATE, formula, f, strtod(buf, NULL) / 100), "执行进度");
  } else {
    chk(t, worksheet_write_formula_str(ws, r, JX_ME_RATE, formula, f, ""), "执行进度");
  }
}

/* ---- the form ----------------------------------------------------------------------------- */

static int decimals_of(const jx_monreport *r) { return r && r->money_unit_fen == JX_FEN_PER_YUAN ? 2 : 6; }

static lxw_row_t head_block(mw *t, lxw_worksheet *ws, const jx_monreport *rep) {
  const jx_mon_layout *L = &jx_mon_form;
  chk(t, worksheet_merge_range(ws, 0, 0, 0, JX_ME_COUNT - 1, L->title, t->title), "标题");
  chk(t, worksheet_set_row(ws, 0, 30, NULL), "行高");
  lxw_row_t r = 1;
  for (int f = 0; f < JX_MH_COUNT; f++, r++) {
    chk(t, worksheet_write_string(ws, r, 0, L->head[f].label.labels[0], t->label), "表头区");
    const char *v = NULL;
    switch ((jx_mon_head)f) {
    case JX_MH_YEAR:
      if (rep && rep->year) chk(t, worksheet_write_number(ws, r, 1, rep->year, t->num), "年度");
      else put_text(t, ws, r, 1, NULL, t->num);
      break;
    case JX_MH_CHECKPOINT:
      if (rep && rep->year && rep->month)
        v = jx_arena_printf(t->a, "%04d-%02d-%02d", rep->year, rep->month, rep->day);
      put_text(t, ws, r, 1, v, t->code);
      break;
    case JX_MH_UNIT_CODE: put_text(t, ws, r, 1, rep ? rep->unit_code : NULL, t->code); break;
    case JX_MH_UNIT_NAME: put_text(t, ws, r, 1, rep ? rep->unit_name : NULL, t->code); break;
    case JX_MH_PROJECT_CODE: put_text(t, ws, r, 1, rep ? rep->project_code : NULL, t->code); break;
    case JX_MH_PROJECT_NAME: put_text(t, ws, r, 1, rep ? rep->project_name : NULL, t->code); break;
    case JX_MH_MONEY_UNIT:
      put_text(t, ws, r, 1, rep && rep->money_unit_fen == JX_FEN_PER_YUAN ? "元" : "万元", t->code);
      validate(t, ws, r, 1, r, jx_unit_list, true);
      break;
    case JX_MH_COUNT: break;
    }
    chk(t, worksheet_merge_range(ws, r, 2, r, JX_ME_COUNT - 1, L->head[f].help, t->help), "说明");
  }
  return r + 1; /* a blank row after the block */
}

static lxw_row_t exec_table(mw *t, lxw_worksheet *ws, lxw_row_t r, const jx_monreport *rep) {
  const jx_mon_layout *L = &jx_mon_form;
  const int dec = decimals_of(rep);
  chk(t, worksheet_write_string(ws, r++, 0, L->exec_section.labels[0], t->section), "标题");
  for (int c = 0; c < JX_ME_COUNT; c++) chk(t, worksheet_write_string(ws, r, (lxw_col_t)c, L->exec[c].label.labels[0], t->head), "表头");
  r++;
  size_t n = rep ? rep->sources.n : 0;
  size_t rows = n ? n + SPARE_SOURCES : BLANK_SOURCES;
  lxw_row_t first = r;
  for (size_t i = 0; i < rows; i++, r++) {
    const jx_mon_source *s = i < n ? &rep->sources.items[i] : NULL;
    put_text(t, ws, r, JX_ME_SOURCE, s ? s->source : NULL, t->code);
    put_amount(t, ws, r, JX_ME_BUDGET, s ? &s->budget : NULL, dec);
    put_amount(t, ws, r, JX_ME_EXECUTED, s ? &s->executed : NULL, dec);
    rate_formula(t, ws, r, s ? &s->budget : NULL, s ? &s->executed : NULL, t->pct);
    put_amount(t, ws, r, JX_ME_FORECAST, s ? &s->forecast : NULL, dec);
    put_text(t, ws, r, JX_ME_CAUSE, NULL, t->text);
    put_text(t, ws, r, JX_ME_FIX, NULL, t->text);
    put_text(t, ws, r, JX_ME_ADJUSTMENT, s ? s->adjustment : NULL, t->code);
  }
  validate(t, ws, first, JX_ME_SOURCE, r - 1, L->sources, false);
  /* 合计: sums of the rows above (formulas), the report's 偏差原因 and 纠偏措施 */
  chk(t, worksheet_write_string(ws, r, JX_ME_SOURCE, L->total_row.labels[0], t->label), "合计");
  static const jx_mon_ecol sums[] = {JX_ME_BUDGET, JX_ME_EXECUTED, JX_ME_FORECAST};
  for (size_t k = 0; k < sizeof sums / sizeof sums[0]; k++) {
    const char *c = col_name(t, (lxw_col_t)sums[k]);
    const char *f = jx_arena_printf(t->a, "=SUM(%s%u:%s%u)", c, first + 1, c, r);
    const jx_money *m = !rep ? NULL : sums[k] == JX_ME_BUDGET ? &rep->budget : sums[k] == JX_ME_EXECUTED ? &rep->executed : &rep->forecast;
    char buf[48] = "0";
    if (m && m->set) jx_format_decimal(m->fen, dec, buf, sizeof buf);
    chk(t, worksheet_write_formula_num(ws, r, (lxw_col_t)sums[k], f, t->total, strtod(buf, NULL)), "合计");
  }
  rate_formula(t, ws, r, rep ? &rep->budget : NULL, rep ? &rep->executed : NULL, t->pct);
  put_text(t, ws, r, JX_ME_CAUSE, rep ? rep->cause : NULL, t->text);
  put_text(t, ws, r, JX_ME_FIX, rep ? rep->fix : NULL, t->text);
  put_text(t, ws, r, JX_ME_ADJUSTMENT, NULL, t->code);
  return r + 2;
}

static void ind_table(mw *t, lxw_worksheet *ws, lxw_row_t r, const jx_monreport *rep) {
  const jx_mon_layout *L = &jx_mon_form;
  chk(t, worksheet_write_string(ws, r++, 0, L->ind_section.labels[0], t->section), "标题");
  for (int c = 0; c < JX_MI_COUNT; c++) chk(t, worksheet_write_string(ws, r, (lxw_col_t)c, L->ind[c].label.labels[0], t->head), "表头");
  r++;
  size_t n = rep ? rep->indicators.n : 0;
  size_t rows = n ? n + SPARE_INDICATORS : BLANK_INDICATORS;
  lxw_row_t first = r;
  for (size_t i = 0; i < rows; i++, r++) {
    const jx_mon_indicator *x = i < n ? &rep->indicators.items[i] : NULL;
    put_text(t, ws, r, JX_MI_LEVEL1, x ? x->level1 : NULL, t->code);
    put_text(t, ws, r, JX_MI_LEVEL2, x ? x->level2 : NULL, t->code);
    put_text(t, ws, r, JX_MI_NAME, x ? x->name : NULL, t->text);
    put_text(t, ws, r, JX_MI_TARGET, x ? x->target : NULL, t->code);
    put_text(t, ws, r, JX_MI_ACTUAL, x ? x->actual : NULL, t->code);
    put_text(t, ws, r, JX_MI_FORECAST, x ? x->forecast : NULL, t->code);
    put_text(t, ws, r, JX_MI_CAN_COMPLETE, x && x->can_complete >= 0 ? jx_bool_list[x->can_complete ? 0 : 1] : NULL, t->code);
    put_text(t, ws, r, JX_MI_CAUSE, x ? x->cause : NULL, t->text);
    put_text(t, ws, r, JX_MI_FIX, x ? x->fix : NULL, t->text);
  }
  lxw_row_t last = first + VALIDATED_ROWS > r ? first + VALIDATED_ROWS : r;
  validate(t, ws, first, JX_MI_CAN_COMPLETE, last, jx_bool_list, true);
  validate(t, ws, first, JX_MI_LEVEL1, last, jx_level1_list, false);
}

static void form_sheet(mw *t, const jx_monreport *rep) {
  lxw_worksheet *ws = workbook_add_worksheet(t->wb, jx_mon_form.sheet.labels[0]);
  if (!ws) {
    chk(t, LXW_ERROR_PARAMETER_VALIDATION, "工作表");
    return;
  }
  /* a column serves both tables: the wider of the two */
  static const int ncols = (int)JX_MI_COUNT > (int)JX_ME_COUNT ? (int)JX_MI_COUNT : (int)JX_ME_COUNT;
  for (int c = 0; c < ncols; c++) {
    int w = c < JX_ME_COUNT ? jx_mon_form.exec[c].width : 0;
    if (c < JX_MI_COUNT && jx_mon_form.ind[c].width > w) w = jx_mon_form.ind[c].width;
    chk(t, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL), "列宽");
  }
  lxw_row_t r = head_block(t, ws, rep);
  r = exec_table(t, ws, r, rep);
  ind_table(t, ws, r, rep);
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
}

static void instructions(mw *t) {
  lxw_worksheet *ws = workbook_add_worksheet(t->wb, jx_labels.instructions_sheet.labels[0]);
  if (!ws) {
    chk(t, LXW_ERROR_PARAMETER_VALIDATION, "说明");
    return;
  }
  chk(t, worksheet_set_column(ws, 0, 0, 110, NULL), "列宽");
  lxw_row_t r = 0;
  chk(t, worksheet_write_string(ws, r++, 0, "填写说明", t->section), "说明");
  for (const char *const *l = jx_mon_form.help_lines; *l; l++, r++) {
    chk(t, worksheet_write_string(ws, r, 0, *l, t->help), "说明");
    chk(t, worksheet_set_row(ws, r, 32, NULL), "行高");
  }
}

static void mark(mw *t) {
  const char *value = jx_arena_printf(t->a, "=\"%s %s\"", JX_TEMPLATE_MARKER, JX_MON_TEMPLATE_KIND);
  chk(t, workbook_define_name(t->wb, JX_TEMPLATE_NAME, value), "版本标记");
  lxw_worksheet *ws = workbook_add_worksheet(t->wb, JX_TEMPLATE_SHEET);
  if (!ws) {
    chk(t, LXW_ERROR_PARAMETER_VALIDATION, "版本标记");
    return;
  }
  chk(t, worksheet_write_string(ws, 0, 0, JX_TEMPLATE_MARKER, NULL), "版本标记");
  chk(t, worksheet_write_string(ws, 0, 1, JX_MON_TEMPLATE_KIND, NULL), "版本标记");
  worksheet_hide(ws);
}

jx_status jx_render_mon_template(const jx_monreport *rep, const char *path, char *err, size_t errlen) {
  if (errlen) err[0] = '\0';
  if (!path || !*path) {
    snprintf(err, errlen, "没有输出路径");
    return JX_ERR_INVALID;
  }
  mw t = {0};
  if (jx_xlsx_book_open(&t.bk, path, err, errlen) != JX_OK) return JX_ERR_IO;
  t.wb = t.bk.wb;
  t.a = jx_arena_new();
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  props.title = (char *)jx_mon_form.title; // NOLINT(cppcoreguidelines-pro-type-cstyle-cast): not written to
  props.comments = (char *)JX_TEMPLATE_MARKER;
  int year = rep && rep->year >= 1980 && rep->year <= 9999 ? rep->year : 2020;
  props.created = jx_xlsx_date_utc(jx_arena_printf(t.a, "%04d-01-01", year));
  chk(&t, workbook_set_properties(t.wb, &props), "文档属性");
  formats(&t);
  form_sheet(&t, rep);
  instructions(&t);
  mark(&t);
  jx_status st = jx_xlsx_book_finish(&t.bk, "模板", err, errlen);
  jx_arena_free(t.a);
  return st;
}
