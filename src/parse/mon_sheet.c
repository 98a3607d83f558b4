/* mon_sheet.c — a filled 绩效监控表 (XLSX) read back into a checkpoint report (jx_monreport_sheet_read); problems JX880–JX888 at "FILE.xlsx:绩效监控表!C12".
 *
 * How it reads (docs/excel.md, "The checkpoint template", says the same):
 * - Recognised by the template's marker (kind checkpoint) or by a sheet named 绩效监控表 (or
 *   a synonym, parse/mon_layout.c) whose column A holds the label 监控时点.
 * - Header block: a label of parse/mon_layout.c in column A, its value in column B.
 * - Tables: found by their header rows (资金来源 …, 一级指标 …), columns by their labels in
 *   any order; rows until the next table (a 合计 row ends the execution table), blank rows
 *   skipped.  执行进度 and the 合计 row's amounts are formulas of the template: never read.
 * - Cells: outer whitespace trimmed; a formula in a data cell gives its cached value with a
 *   warning; every cell is bounded; amounts exact in 金额单位 (or the unit a header names).
 * - Bounded: a workbook over JX_MON_MAX_ROWS rows or JX_MON_MAX_CELLS cells (or 32 MiB) is not
 *   this form (the reader stops early, so probing a large year-end workbook costs little).
 * - Nothing is half-read: with any error no report is returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/monitor.h"
#include "parse/mon_sheet.h"
#include "parse/xlsx.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/text.h"

#define SCAN_HEAD_ROWS 30 /* the header block and its labels are looked for in these rows */

typedef struct {
  jx_arena *a; /* scratch: positions, joined texts */
  jx_diags *d;
  const char *file;
  const jx_xsheet *s;
  jx_monreport *r;
  int64_t unit; /* the amounts' unit (fen) from 金额单位 */
} rd;

/* "FILE:Sheet!C12", in the report's arena (the report keeps its positions). */
static jx_pos at(rd *m, uint32_t row, uint32_t col) {
  char ref[16];
  jx_arena *a = m->r ? m->r->arena : m->a;
  return (jx_pos){jx_arena_printf(a, "%s:%s!%s", m->file, m->s->name, jx_cell_ref(row, col, ref, sizeof ref)), 0, 0};
}

static bool blank_text(const char *s) {
  for (; s && *s; s++)
    if (!strchr(" \t\r\n", *s)) return false;
  return true;
}

/* The normalised label of a cell ("" when empty or too long to be a label). */
static const char *label_at(rd *m, uint32_t row, uint32_t col, const char **unit) {
  const jx_xcell *c = jx_xsheet_cell(m->s, row, col);
  char norm[192];
  if (unit) *unit = NULL;
  if (!c || c->merged || blank_text(c->text) || !jx_label_norm(c->text, norm, sizeof norm, unit)) return "";
  return jx_arena_strdup(m->a, norm);
}

/* The text of a data cell, outer whitespace trimmed, or NULL when empty.  Formulas, error
 * values and lengths are checked here, each a diagnostic at the cell. */
static const char *cell_text(rd *m, uint32_t row, uint32_t col, const char *what, bool long_text) {
  const jx_xcell *c = jx_xsheet_cell(m->s, row, col);
  if (!c || c->merged) return NULL;
  if (c->formula && blank_text(c->text)) {
    jx_diag_add(m->d, "JX887", JX_ERROR, at(m, row, col),
                "%s是公式，但文件没有保存它的计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或改为直接填写", what);
    return NULL;
  }
  if (blank_text(c->text)) return NULL;
  if (c->type == JX_XC_ERROR) {
    jx_diag_add(m->d, "JX887", JX_ERROR, at(m, row, col), "%s是错误值“%s”：请改为文字或数值", what, c->text);
    return NULL;
  }
  if (c->formula) jx_diag_add(m->d, "JX887", JX_WARNING, at(m, row, col), "%s是公式，按其计算结果“%s”读取", what, c->text);
  size_t max = long_text ? JX_MON_MAX_TEXT : JX_MON_MAX_SHORT, n = jx_u8_chars(c->text);
  if (n > max) {
    jx_diag_add(m->d, "JX886", JX_ERROR, at(m, row, col), "%s有 %zu 个字符，超过 %zu 个字符的上限", what, n, max);
    return NULL;
  }
  const char *t = c->text;
  /* a number under a percent format: 0.95 is shown, and meant, as 95% */
  if (c->type == JX_XC_NUMBER && c->format == JX_XF_PERCENT) {
    int64_t v;
    bool pct;
    const char *why;
    char buf[48];
    if (jx_parse_num(t, &v, &pct, &why)) t = jx_arena_printf(m->a, "%s%%", jx_format_decimal(v * 100, 6, buf, sizeof buf));
  }
  return jx_monreport_str(m->r, t);
}

static const char *unit_name(int64_t u) { return u == JX_FEN_PER_YUAN ? "元" : "万元"; }

/* An amount: exact, in unit; negative or unreadable is JX882. */
static void cell_money(rd *m, uint32_t row, uint32_t col, int64_t unit, const char *what, const char *source, jx_money *out) {
  const char *t = cell_text(m, row, col, what, false);
  if (!t) return;
  int64_t fen;
  const char *why;
  jx_pos p = at(m, row, col);
  if (!jx_parse_money(t, unit, &fen, &why)) {
    jx_diag_add(m->d, "JX882", JX_ERROR, p, "%s的%s“%s”不是有效的金额：%s", source, what, t, why);
    return;
  }
  if (fen < 0) {
    jx_diag_add(m->d, "JX882", JX_ERROR, p, "%s的%s %s %s 是负数：预算数、执行数和预计数不能为负", source, what, t, unit_name(unit));
    return;
  }
  *out = (jx_money){.fen = fen, .set = true, .pos = p};
}

/* ---- recognising the form ------------------------------------------------------------------ */

static bool marked(const jx_workbook *wb) {
  const jx_xsheet *ms = jx_workbook_sheet(wb, JX_TEMPLATE_SHEET);
  const jx_xcell *a = ms ? jx_xsheet_cell(ms, 0, 0) : NULL, *b = ms ? jx_xsheet_cell(ms, 0, 1) : NULL;
  return a && b && !strcmp(a->text, JX_TEMPLATE_MARKER) && !strcmp(b->text, JX_MON_TEMPLATE_KIND);
}

/* The row of the header block's field f in column A, or -1. */
static long head_row(rd *m, int f) {
  for (uint32_t r = 0; r < m->s->n_rows && r < SCAN_HEAD_ROWS; r++)
    if (jx_label_match(&jx_mon_form.head[f].label, label_at(m, r, 0, NULL))) return (long)r;
  return -1;
}

static const jx_xsheet *form_sheet(rd *m, const jx_workbook *wb, bool mark) {
  char norm[192];
  for (size_t i = 0; i < wb->n_sheets; i++) {
    const jx_xsheet *s = &wb->sheets[i];
    if (!jx_label_norm(s->name, norm, sizeof norm, NULL) || !jx_label_match(&jx_mon_form.sheet, norm)) continue;
    m->s = s;
    if (mark || head_row(m, JX_MH_CHECKPOINT) >= 0) return s;
  }
  m->s = NULL;
  return NULL;
}

/* ---- the header block ---------------------------------------------------------------------- */

static void read_head(rd *m) {
  jx_monreport *r = m->r;
  const char *v[JX_MH_COUNT] = {0};
  long row[JX_MH_COUNT];
  for (int f = 0; f < JX_MH_COUNT; f++) {
    row[f] = head_row(m, f);
    if (row[f] >= 0) v[f] = cell_text(m, (uint32_t)row[f], 1, jx_mon_form.head[f].label.labels[0], false);
  }
  jx_pos sheet_pos = {jx_arena_printf(m->a, "%s:%s", m->file, m->s->name), 0, 0};
#define POS(f) (row[f] >= 0 ? at(m, (uint32_t)row[f], 1) : sheet_pos)
  const char *mu = v[JX_MH_MONEY_UNIT];
  if (mu && !strcmp(mu, "元")) m->unit = JX_FEN_PER_YUAN;
  else if (mu && strcmp(mu, "万元") != 0)
    jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_MONEY_UNIT), "金额单位应为“万元”或“元”，不是“%s”", mu);
  r->money_unit_fen = m->unit;
  char *end = NULL;
  long y = v[JX_MH_YEAR] ? strtol(v[JX_MH_YEAR], &end, 10) : 0;
  if (!v[JX_MH_YEAR]) jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_YEAR), "缺少年度（四位数字，如 2023）");
  else if (*end || y < 1990 || y > 2200) jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_YEAR), "年度“%s”不是有效的年份", v[JX_MH_YEAR]);
  else r->year = (int)y;
  const char *cp = v[JX_MH_CHECKPOINT];
  jx_date d;
  if (!cp) {
    jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_CHECKPOINT), "缺少监控时点（YYYY-MM-DD，如 %d-06-30）", r->year ? r->year : 2023);
  } else {
    const char *full = strlen(cp) == 5 && cp[2] == '-' && r->year ? jx_arena_printf(m->a, "%04d-%s", r->year, cp) : cp;
    if (!jx_date_parse(full, &d))
      jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_CHECKPOINT), "监控时点“%s”不是有效的日期（写作 YYYY-MM-DD）", cp);
    else if (r->year && d.year != r->year)
      jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_CHECKPOINT), "监控时点 %s 不在监控年度 %d 年内", full, r->year);
    else {
      r->month = d.month;
      r->day = d.day;
    }
  }
  r->unit_code = v[JX_MH_UNIT_CODE] ? v[JX_MH_UNIT_CODE] : "";
  r->unit_name = v[JX_MH_UNIT_NAME] ? v[JX_MH_UNIT_NAME] : "";
  if (!*r->unit_code) jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_UNIT_CODE), "缺少单位编码");
  if (!*r->unit_name) jx_diag_add(m->d, "JX881", JX_ERROR, POS(JX_MH_UNIT_NAME), "缺少单位名称");
  if (v[JX_MH_PROJECT_CODE] || v[JX_MH_PROJECT_NAME]) {
    r->project_code = v[JX_MH_PROJECT_CODE] ? v[JX_MH_PROJECT_CODE] : "";
    r->project_name = v[JX_MH_PROJECT_NAME] ? v[JX_MH_PROJECT_NAME] : "";
  }
#undef POS
}

/* ---- the tables ---------------------------------------------------------------------------- */

typedef struct {
  int col[16];              /* column of each field (either table), -1 when absent */
  int64_t unit[JX_ME_COUNT];                                      /* an amount header's own unit, 0: 金额单位 */
} header;

/* Is row a table's header row (its first field's label in some column)?  Fills h. */
static bool table_header(rd *m, uint32_t row, const jx_mon_field *fields, int n, header *h) {
  bool first = false;
  for (int f = 0; f < n; f++) h->col[f] = -1;
  memset(h->unit, 0, sizeof h->unit);
  for (uint32_t c = 0; c < m->s->n_cols && c < 64; c++) {
    const char *unit;
    const char *l = label_at(m, row, c, &unit);
    for (int f = 0; f < n && *l; f++)
      if (h->col[f] < 0 && jx_label_match(&fields[f].label, l)) {
        h->col[f] = (int)c;
        if (n == JX_ME_COUNT && unit) h->unit[f] = !strcmp(unit, "元") ? JX_FEN_PER_YUAN : !strcmp(unit, "万元") ? JX_FEN_PER_WAN : 0;
        if (f == 0) first = true;
        break;
      }
  }
  return first;
}

static bool row_blank(rd *m, uint32_t row, const header *h, const jx_mon_field *fields, int n) {
  for (int f = 0; f < n; f++) {
    if (h->col[f] < 0 || fields[f].computed) continue;
    const jx_xcell *c = jx_xsheet_cell(m->s, row, (uint32_t)h->col[f]);
    if (c && !c->merged && !blank_text(c->text)) return false;
  }
  return true;
}

/* Texts joined in row order, each once ("；" between). */
static const char *join(rd *m, const char *have, const char *add) {
  if (!add || !*add) return have;
  if (!*have) return add;
  if (strstr(have, add)) return have;
  return jx_monreport_str(m->r, jx_arena_printf(m->a, "%s；%s", have, add));
}

static void require_cols(rd *m, uint32_t row, const header *h, const jx_mon_field *fields, const int *need, size_t n,
                         const char *table) {
  for (size_t i = 0; i < n; i++)
    if (h->col[need[i]] < 0)
      jx_diag_add(m->d, "JX880", JX_ERROR, at(m, row, 0), "%s的表头（第 %u 行）缺少“%s”列", table, row + 1,
                  fields[need[i]].label.labels[0]);
}

static void source_row(rd *m, uint32_t row, const header *h) {
  const jx_mon_field *F = jx_mon_form.exec;
  const char *name = h->col[JX_ME_SOURCE] >= 0 ? cell_text(m, row, (uint32_t)h->col[JX_ME_SOURCE], "资金来源", false) : NULL;
  if (!name) {
    jx_diag_add(m->d, "JX885", JX_ERROR, at(m, row, (uint32_t)(h->col[JX_ME_SOURCE] >= 0 ? h->col[JX_ME_SOURCE] : 0)),
                "第 %u 行填了金额或说明，但没有资金来源", row + 1);
    name = "";
  }
  for (size_t i = 0; *name && i < m->r->sources.n; i++)
    if (!strcmp(m->r->sources.items[i].source, name))
      jx_diag_add(m->d, "JX888", JX_ERROR, at(m, row, (uint32_t)h->col[JX_ME_SOURCE]), "资金来源“%s”重复：每个来源只填一行", name);
  jx_mon_source *s = jx_monreport_add_source(m->r, name);
  s->pos = at(m, row, 0);
  const char *src = jx_arena_printf(m->a, "资金来源“%s”", name);
  static const jx_mon_ecol amounts[] = {JX_ME_BUDGET, JX_ME_EXECUTED, JX_ME_FORECAST};
  jx_money *dst[] = {&s->budget, &s->executed, &s->forecast};
  for (size_t k = 0; k < 3; k++) {
    int c = h->col[amounts[k]];
    if (c >= 0) cell_money(m, row, (uint32_t)c, h->unit[amounts[k]] ? h->unit[amounts[k]] : m->unit, F[amounts[k]].label.labels[0], src, dst[k]);
  }
  if (h->col[JX_ME_ADJUSTMENT] >= 0) s->adjustment = cell_text(m, row, (uint32_t)h->col[JX_ME_ADJUSTMENT], "预算调整批复", false);
  if (h->col[JX_ME_CAUSE] >= 0) m->r->cause = join(m, m->r->cause, cell_text(m, row, (uint32_t)h->col[JX_ME_CAUSE], "偏差原因", true));
  if (h->col[JX_ME_FIX] >= 0) m->r->fix = join(m, m->r->fix, cell_text(m, row, (uint32_t)h->col[JX_ME_FIX], "纠偏措施", true));
  int64_t u = m->unit;
  const char *un = unit_name(u);
  char a[48], b[48];
  int dec = u == JX_FEN_PER_YUAN ? 2 : 6;
  bool bad_cell = false; /* an amount given but unreadable: said already */
  for (size_t k = 0; k < 3; k++) {
    const jx_xcell *c = h->col[amounts[k]] >= 0 ? jx_xsheet_cell(m->s, row, (uint32_t)h->col[amounts[k]]) : NULL;
    if (c && !blank_text(c->text) && !dst[k]->set) bad_cell = true;
  }
  if (!s->budget.set && !bad_cell && h->col[JX_ME_BUDGET] >= 0)
    jx_diag_add(m->d, "JX885", JX_ERROR, at(m, row, (uint32_t)h->col[JX_ME_BUDGET]), "%s缺少全年预算数", src);
  if (!s->executed.set && !bad_cell && h->col[JX_ME_EXECUTED] >= 0)
    jx_diag_add(m->d, "JX885", JX_ERROR, at(m, row, (uint32_t)h->col[JX_ME_EXECUTED]), "%s缺少累计执行数", src);
  if (s->budget.set && s->executed.set && s->executed.fen > s->budget.fen && !s->adjustment)
    jx_diag_add(m->d, "JX883", JX_ERROR, s->executed.pos, "%s累计执行数 %s %s 超过全年预算数 %s %s，又没有预算调整（在“预算调整批复”中写明批复文号）",
                src, jx_format_decimal(s->executed.fen, dec, a, sizeof a), un, jx_format_decimal(s->budget.fen, dec, b, sizeof b), un);
  if (s->forecast.set && s->executed.set && s->forecast.fen < s->executed.fen)
    jx_diag_add(m->d, "JX883", JX_ERROR, s->forecast.pos, "%s全年预计执行数 %s %s 小于已累计执行的 %s %s", src,
                jx_format_decimal(s->forecast.fen, dec, a, sizeof a), un, jx_format_decimal(s->executed.fen, dec, b, sizeof b), un);
}

static void total_row(rd *m, uint32_t row, const header *h) {
  if (h->col[JX_ME_CAUSE] >= 0) m->r->cause = join(m, m->r->cause, cell_text(m, row, (uint32_t)h->col[JX_ME_CAUSE], "偏差原因", true));
  if (h->col[JX_ME_FIX] >= 0) m->r->fix = join(m, m->r->fix, cell_text(m, row, (uint32_t)h->col[JX_ME_FIX], "纠偏措施", true));
  m->r->cause_pos = at(m, row, (uint32_t)(h->col[JX_ME_CAUSE] >= 0 ? h->col[JX_ME_CAUSE] : 0));
}

static void indicator_row(rd *m, uint32_t row, const header *h) {
  const jx_mon_field *F = jx_mon_form.ind;
  jx_mon_indicator *x = jx_monreport_add_indicator(m->r);
  x->pos = at(m, row, 0);
  const char **dst[JX_MI_COUNT] = {[JX_MI_LEVEL1] = &x->level1, [JX_MI_LEVEL2] = &x->level2, [JX_MI_NAME] = &x->name,
                                   [JX_MI_TARGET] = &x->target, [JX_MI_ACTUAL] = &x->actual, [JX_MI_FORECAST] = &x->forecast,
                                   [JX_MI_CAUSE] = &x->cause,   [JX_MI_FIX] = &x->fix};
  for (int f = 0; f < JX_MI_COUNT; f++) {
    if (!dst[f] || h->col[f] < 0) continue;
    const char *t = cell_text(m, row, (uint32_t)h->col[f], F[f].label.labels[0], F[f].long_text);
    if (t) *dst[f] = t;
  }
  jx_target_read(x->target, &x->target_read);
  jx_target_read(x->actual, &x->actual_read);
  if (!*x->name)
    jx_diag_add(m->d, "JX885", JX_ERROR, at(m, row, (uint32_t)(h->col[JX_MI_NAME] >= 0 ? h->col[JX_MI_NAME] : 0)),
                "第 %u 行填了指标的内容，但没有三级指标名称", row + 1);
  if (h->col[JX_MI_CAN_COMPLETE] >= 0) {
    const char *cc = cell_text(m, row, (uint32_t)h->col[JX_MI_CAN_COMPLETE], "是否能完成", false);
    x->can_complete = jx_mon_yes_no(cc);
    if (x->can_complete == -2) {
      jx_diag_add(m->d, "JX884", JX_ERROR, at(m, row, (uint32_t)h->col[JX_MI_CAN_COMPLETE]), "指标“%s”的是否能完成“%s”应为“是”或“否”",
                  x->name, cc);
      x->can_complete = -1;
    }
  }
}

static void read_form(rd *m) {
  read_head(m);
  enum { BEFORE, EXEC, AFTER_EXEC, IND } state = BEFORE;
  header eh, ih, h;
  bool seen_exec = false, seen_ind = false;
  uint32_t exec_row = 0;
  if (m->s->n_rows > JX_MON_MAX_ROWS) {
    jx_diag_add(m->d, "JX886", JX_ERROR, (jx_pos){jx_arena_printf(m->a, "%s:%s", m->file, m->s->name), 0, 0},
                "表有 %u 行，超过 %d 行的上限", m->s->n_rows, JX_MON_MAX_ROWS); /* the reader's cap says so first */
    return;
  }
  for (uint32_t row = 0; row < m->s->n_rows; row++) {
    const char *a = label_at(m, row, 0, NULL);
    if (!seen_exec && table_header(m, row, jx_mon_form.exec, JX_ME_COUNT, &h)) {
      eh = h;
      state = EXEC;
      seen_exec = true;
      exec_row = row;
      static const int need[] = {JX_ME_BUDGET, JX_ME_EXECUTED};
      require_cols(m, row, &eh, jx_mon_form.exec, need, 2, "预算执行情况表");
      continue;
    }
    if (!seen_ind && table_header(m, row, jx_mon_form.ind, JX_MI_COUNT, &h)) {
      ih = h;
      state = IND;
      seen_ind = true;
      static const int need[] = {JX_MI_NAME};
      require_cols(m, row, &ih, jx_mon_form.ind, need, 1, "绩效指标完成情况表");
      continue;
    }
    if (jx_label_match(&jx_mon_form.exec_section, a) || jx_label_match(&jx_mon_form.ind_section, a)) {
      if (state == EXEC) state = AFTER_EXEC;
      continue;
    }
    if (state == EXEC) {
      if (jx_label_match(&jx_mon_form.total_row, a)) {
        total_row(m, row, &eh);
        state = AFTER_EXEC;
      } else if (!row_blank(m, row, &eh, jx_mon_form.exec, JX_ME_COUNT)) {
        source_row(m, row, &eh);
      }
    } else if (state == IND && !row_blank(m, row, &ih, jx_mon_form.ind, JX_MI_COUNT)) {
      indicator_row(m, row, &ih);
    }
  }
  jx_pos sheet_pos = {jx_arena_printf(m->a, "%s:%s", m->file, m->s->name), 0, 0};
  if (!seen_exec)
    jx_diag_add(m->d, "JX880", JX_ERROR, sheet_pos, "找不到预算执行情况表：应有一行表头含“资金来源”“全年预算数”“累计执行数”");
  else if (!m->r->sources.n)
    jx_diag_add(m->d, "JX885", JX_ERROR, at(m, exec_row, 0), "预算执行情况表没有填写任何资金来源：至少填写一行");
  if (!m->r->cause_pos.file) m->r->cause_pos = sheet_pos;
  jx_monreport_sum(m->r);
}

/* ---- the workbook ---------------------------------------------------------------------------- */

#ifdef JX_RENDER_PLUGIN
static jx_status xlsx_file(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t n) {
  const jx_excel_plugin *p = jx_excel_module(err, n);
  return p ? p->xlsx_read_file(path, lim, out, err, n) : JX_ERR_IO;
}
#else
#define xlsx_file jx_xlsx_read_file
#endif

jx_status jx_monreport_sheet_read(const char *path, jx_monreport **out, bool *recognised, jx_diags *diags) {
  *out = NULL;
  *recognised = false;
  if (!path) return JX_ERR_INVALID;
  size_t n = strlen(path);
  if (n >= 4 && !strcasecmp(path + n - 4, ".csv")) return JX_OK; /* the form is a workbook */
  char err[512];
  jx_workbook *wb = NULL;
  /* One form is small: tighter caps than a year-end workbook's, so that probing a large
   * workbook of another kind stops early (the reader refuses it: not this form). */
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_rows = JX_MON_MAX_ROWS;
  lim.max_cells = JX_MON_MAX_CELLS;
  lim.max_total = (size_t)32 << 20;
  if (xlsx_file(path, &lim, &wb, err, sizeof err) != JX_OK) return JX_OK; /* the caller's other reader says why */
  rd m = {0};
  m.a = jx_arena_new();
  m.d = diags;
  m.file = path;
  m.unit = JX_FEN_PER_WAN;
  bool mark = marked(wb);
  if (!form_sheet(&m, wb, mark) && mark) { /* the template, its form sheet renamed or deleted */
    *recognised = true;
    jx_diag_add(diags, "JX880", JX_ERROR, (jx_pos){path, 0, 0}, "这是绩效监控表模板，但找不到工作表“%s”：请勿改名或删除",
                jx_mon_form.sheet.labels[0]);
  } else if (m.s) {
    *recognised = true;
    size_t before = diags->n_error;
    m.r = jx_monreport_new(0, 0, 0);
    m.r->path = jx_arena_strdup(m.r->arena, path);
    read_form(&m);
    if (diags->n_error > before) jx_monreport_free(m.r);
    else *out = m.r;
  }
  jx_arena_free(m.a);
  jx_workbook_free(wb);
  return *recognised && !*out ? JX_ERR_DATA : JX_OK;
}
