/* decl_sheet.c — a budget system's export of project declarations (XLSX or CSV) read into jx_decl, one per project (jx_decl_export_read); diagnostics JX81x at "FILE.xlsx:Sheet!C12".
 *
 * How it reads (docs/declaration.md says the same):
 * - Sheets are recognised by their header row (found in the first JX_DECL_EXPORT_HEAD_ROWS
 *   rows, title rows above it skipped), never by name or position.  The header names and
 *   their synonyms are the table `columns` below.
 * - Layouts: a projects sheet (项目编码 and 项目名称, no 指标值) with an indicators sheet
 *   (项目编码 and 指标值/三级指标, no 项目名称), joined by 项目编码; or one joined sheet (both
 *   kinds of column, a row per indicator).  With both, the two sheets are read.
 * - Cells: outer whitespace trimmed, inner line breaks kept; a formula gives its cached
 *   value with a warning (an error without one); merged cells in data rows are an error;
 *   every cell has a length bound.  Amounts are exact, in the unit the header names
 *   (项目总金额（万元）), else 元.
 * - Nothing is half-read: with any error, no declaration is returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/decl.h"
#include "parse/bind.h"
#include "parse/decl.h"
#include "parse/sheet.h"
#include "parse/xlsx.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/text.h"

/* ---- the columns, as data ---------------------------------------------------------------- */

typedef enum {
  C_CODE, C_NAME, C_UNIT, C_DEPT, C_TOTAL, C_THIS_YEAR, C_POLICY, C_CALC, C_GOAL, C_YEAR, /* project */
  C_LEVEL1, C_LEVEL2, C_IND, C_VALUE, C_EXPLAIN, C_STANDARD, C_SOURCE, C_WEIGHT, C_NATURE, C_MUNIT, /* indicator */
  C_COUNT
} col_role;
#define C_FIRST_INDICATOR C_LEVEL1

#define SYN_MAX 6
static const struct {
  col_role role;
  const char *names[SYN_MAX]; /* names[0] is the one messages use */
  bool long_text;             /* bound JX_DECL_EXPORT_MAX_TEXT, else JX_DECL_EXPORT_MAX_SHORT */
} columns[C_COUNT] = {
    {C_CODE, {"项目编码", "项目代码", "项目编号"}, false},
    {C_NAME, {"项目名称"}, false},
    {C_UNIT, {"申请单位", "申报单位", "实施单位", "项目单位", "单位名称"}, false},
    {C_DEPT, {"一级预算单位", "主管部门", "预算单位", "主管单位", "部门名称"}, false},
    {C_TOTAL, {"项目总金额", "总金额", "项目总额", "项目资金总额", "项目总预算"}, false},
    {C_THIS_YEAR, {"本年金额", "年度金额", "本年预算", "年度预算", "本年度金额", "年度资金"}, false},
    {C_POLICY, {"政策依据", "立项依据", "项目立项依据"}, true},
    {C_CALC, {"测算依据", "资金测算依据"}, true},
    {C_GOAL, {"年度目标", "年度绩效目标", "绩效目标", "年度总体目标"}, true},
    {C_YEAR, {"预算年度", "申报年度", "年度"}, false},
    {C_LEVEL1, {"一级指标"}, false},
    {C_LEVEL2, {"二级指标"}, false},
    {C_IND, {"三级指标", "指标名称"}, false},
    {C_VALUE, {"指标值", "目标值", "年度指标值", "绩效指标值"}, false},
    {C_EXPLAIN, {"指标解释", "指标说明", "指标内容"}, true},
    {C_STANDARD, {"评分标准", "评价标准"}, true},
    {C_SOURCE, {"数据来源", "数据获取方式"}, true},
    {C_WEIGHT, {"分值", "权重", "指标分值", "指标权重"}, false},
    {C_NATURE, {"指标性质", "指标方向"}, false},
    {C_MUNIT, {"度量单位", "计量单位", "指标单位"}, false},
};

/* Columns of 本年金额 by source: a header that is one of these (with its unit) is a source. */
static const char *const money_sources[] = {"财政拨款", "财政资金", "一般公共预算", "政府性基金", "国有资本经营预算",
                                            "其他资金", "上年结转", "单位自筹", "自有资金", "社会资金", "专项债券"};
#define MAX_SOURCES 16
#define CODE_MAX 63 /* characters of a 项目编码 (it names a file) */

/* ---- one sheet's header ------------------------------------------------------------------ */

static bool blank_text(const char *s);

typedef struct {
  const jx_xsheet *s;
  uint32_t head;                 /* the header row (0-based) */
  int col[C_COUNT];              /* column of each role, -1 when absent */
  int64_t unit[C_COUNT];         /* the unit a money header names (fen), 0 when none */
  int src_col[MAX_SOURCES];
  const char *src_name[MAX_SOURCES];
  int64_t src_unit[MAX_SOURCES];
  size_t n_src;
  bool projects, indicators;     /* the kinds of column it has */
} sheet_cols;

typedef struct {
  jx_arena *a; /* scratch: positions, texts before they are copied into a declaration */
  jx_diags *d;
  const char *file;
  const jx_decl_export_options *opt;
  jx_decl_export *out;
  size_t errors_before;
  /* projects by code: open addressing over out->items indexes */
  size_t *slots, n_slots;
  uint32_t *first_row; /* per project: the row it was declared at (1-based), for messages */
  const char **first_sheet;
  size_t cap;
} rd;

static jx_pos pos_cell(rd *m, const jx_xsheet *s, uint32_t r, uint32_t c) {
  char ref[16];
  jx_pos p = {jx_arena_printf(m->a, "%s:%s!%s", m->file, s->name, jx_cell_ref(r, c, ref, sizeof ref)), 0, 0};
  return p;
}

static jx_pos pos_sheet(rd *m, const jx_xsheet *s) {
  jx_pos p = {jx_arena_printf(m->a, "%s:%s", m->file, s->name), 0, 0};
  return p;
}

static jx_pos pos_file(rd *m) {
  jx_pos p = {m->file, 0, 0};
  return p;
}

static int64_t unit_fen(const char *unit) {
  if (!unit) return 0;
  if (!strcmp(unit, "万元")) return JX_FEN_PER_WAN;
  if (!strcmp(unit, "元")) return JX_FEN_PER_YUAN;
  return 0;
}

/* The role of a normalised header, or -1. */
static int role_of(const char *norm) {
  for (int r = 0; r < C_COUNT; r++)
    for (int k = 0; k < SYN_MAX && columns[r].names[k]; k++)
      if (!strcmp(norm, columns[r].names[k])) return (int)columns[r].role;
  return -1;
}

/* Look for the header row of s; true when one is found (x filled). */
static bool find_header(const jx_xsheet *s, sheet_cols *x) {
  char norm[192];
  for (uint32_t r = 0; r < s->n_rows && r < JX_DECL_EXPORT_HEAD_ROWS; r++) {
    memset(x, 0, sizeof *x);
    x->s = s;
    x->head = r;
    for (int k = 0; k < C_COUNT; k++) x->col[k] = -1;
    size_t found = 0, other = 0;
    for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++) {
      const jx_xcell *c = &s->cells[i];
      const char *unit = NULL;
      if (blank_text(c->text)) continue;
      if (c->type != JX_XC_STRING || strlen(c->text) >= sizeof norm || !jx_label_norm(c->text, norm, sizeof norm, &unit)) {
        other++;
        continue;
      }
      int role = role_of(norm);
      if (role >= 0 && x->col[role] < 0) {
        x->col[role] = (int)c->col;
        x->unit[role] = unit_fen(unit);
        found++;
        continue;
      }
      if (role < 0) other++;
      for (size_t k = 0; role < 0 && k < sizeof money_sources / sizeof money_sources[0]; k++)
        if (!strcmp(norm, money_sources[k]) && x->n_src < MAX_SOURCES) {
          x->src_col[x->n_src] = (int)c->col;
          x->src_name[x->n_src] = money_sources[k];
          x->src_unit[x->n_src++] = unit_fen(unit);
        }
    }
    other -= x->n_src < other ? x->n_src : other;
    for (int k = C_NAME; k < C_FIRST_INDICATOR; k++)
      if (k != C_YEAR && x->col[k] >= 0) x->projects = true;
    for (int k = C_FIRST_INDICATOR; k < C_COUNT; k++)
      if (x->col[k] >= 0) x->indicators = true;
    /* a header row: 项目编码, a project's or an indicator's columns, and more known headers
     * than other cells (a form's "项目名称 | X | 项目编码 | Y" row is labels beside values) */
    if (x->col[C_CODE] >= 0 && found >= 3 && found > other && (x->projects || x->indicators)) return true;
  }
  return false;
}

/* ---- cells ----------------------------------------------------------------------------- */

/* s without its outer ASCII whitespace, in the arena. */
static const char *trim(jx_arena *a, const char *s) {
  s += strspn(s, " \t\r\n");
  size_t n = strlen(s);
  while (n && strchr(" \t\r\n", s[n - 1])) n--;
  return jx_arena_strndup(a, s, n);
}

static bool blank_text(const char *s) {
  for (; s && *s; s++)
    if (!strchr(" \t\r\n", *s)) return false;
  return true;
}

/* The text of a data cell in role's column, or NULL when empty.  Formulas, error values
 * and lengths are checked here (each a diagnostic at the cell). */
static const char *cell_text(rd *m, const sheet_cols *x, uint32_t r, col_role role) {
  int c = x->col[role];
  if (c < 0) return NULL;
  const jx_xcell *cell = jx_xsheet_cell(x->s, r, (uint32_t)c);
  if (!cell) return NULL;
  const char *what = columns[role].names[0];
  if (cell->formula && !cell->merged && !*cell->text) {
    jx_diag_add(m->d, "JX814", JX_ERROR, pos_cell(m, x->s, r, (uint32_t)c),
                "%s是公式，但文件没有保存它的计算结果：请在 Excel 或 WPS 中打开并保存后再导入", what);
    return NULL;
  }
  if (blank_text(cell->text)) return NULL;
  if (cell->type == JX_XC_ERROR) {
    jx_diag_add(m->d, "JX814", JX_ERROR, pos_cell(m, x->s, r, (uint32_t)c), "%s是错误值“%s”：请改为文字或数值", what,
                cell->text);
    return NULL;
  }
  if (cell->formula && !cell->merged)
    jx_diag_add(m->d, "JX814", JX_WARNING, pos_cell(m, x->s, r, (uint32_t)c), "%s是公式，按其计算结果“%s”读取", what,
                cell->text);
  size_t max = columns[role].long_text ? JX_DECL_EXPORT_MAX_TEXT : JX_DECL_EXPORT_MAX_SHORT;
  size_t n = jx_u8_chars(cell->text);
  if (n > max) {
    jx_diag_add(m->d, "JX813", JX_ERROR, pos_cell(m, x->s, r, (uint32_t)c), "%s有 %zu 个字符，超过 %zu 个字符的上限", what,
                n, max);
    return NULL;
  }
  const char *t = cell->text;
  /* a number under a percent format: 0.95 is shown, and meant, as 95% */
  if (role == C_VALUE && cell->type == JX_XC_NUMBER && cell->format == JX_XF_PERCENT) {
    int64_t v;
    bool pct;
    const char *why;
    char buf[48];
    if (jx_parse_num(t, &v, &pct, &why)) t = jx_arena_printf(m->a, "%s%%", jx_format_decimal(v * 100, 6, buf, sizeof buf));
  }
  return t;
}

/* An amount in the column of role (or of source k when role is C_COUNT). */
static void cell_money(rd *m, const sheet_cols *x, uint32_t r, int col, int64_t unit, const char *what, jx_money *out) {
  const jx_xcell *cell = jx_xsheet_cell(x->s, r, (uint32_t)col);
  if (!cell || blank_text(cell->text) || jx_target_blank(cell->text)) return; /* "-", "/": not given */
  jx_pos p = pos_cell(m, x->s, r, (uint32_t)col);
  if (cell->type == JX_XC_ERROR) {
    jx_diag_add(m->d, "JX814", JX_ERROR, p, "%s是错误值“%s”：请改为数值", what, cell->text);
    return;
  }
  if (cell->formula && !*cell->text) {
    jx_diag_add(m->d, "JX814", JX_ERROR, p, "%s是公式，但文件没有保存它的计算结果：请在 Excel 或 WPS 中打开并保存后再导入",
                what);
    return;
  }
  if (cell->formula)
    jx_diag_add(m->d, "JX814", JX_WARNING, p, "%s是公式，按其计算结果“%s”读取", what, cell->text);
  const char *why = NULL;
  if (jx_u8_chars(cell->text) > JX_DECL_EXPORT_MAX_SHORT ||
      !jx_parse_money(cell->text, unit ? unit : JX_FEN_PER_YUAN, &out->fen, &why)) {
    jx_diag_add(m->d, "JX817", JX_ERROR, p, "%s“%s”不是有效的金额%s%s", what,
                jx_u8_chars(cell->text) > 40 ? "（过长）" : jx_text_visible(m->a, cell->text), why ? "：" : "",
                why ? why : "");
    return;
  }
  out->set = true;
  out->pos = p;
}

/* ---- projects by code ---------------------------------------------------------------------- */

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

/* The slot of code: holding its project's index + 1, or 0 when free. */
static size_t *slot_of(rd *m, const char *code) {
  size_t i = (size_t)hash_str(code) & (m->n_slots - 1);
  while (m->slots[i] && strcmp(m->out->items[m->slots[i] - 1]->code, code) != 0) i = (i + 1) & (m->n_slots - 1);
  return &m->slots[i];
}

static jx_decl *find_project(rd *m, const char *code) {
  if (!m->n_slots) return NULL;
  size_t *s = slot_of(m, code);
  return *s ? m->out->items[*s - 1] : NULL;
}

static jx_decl *add_project(rd *m, const char *code, const char *sheet, uint32_t row) {
  jx_decl_export *x = m->out;
  if (x->n == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 64;
    x->items = jx_xrealloc(x->items, m->cap * sizeof(jx_decl *));
    m->first_row = jx_xrealloc(m->first_row, m->cap * sizeof *m->first_row);
    m->first_sheet = jx_xrealloc(m->first_sheet, m->cap * sizeof *m->first_sheet);
  }
  if ((x->n + 1) * 2 > m->n_slots) { /* grow the table and put every code back */
    size_t n = m->n_slots ? m->n_slots * 2 : 256;
    free(m->slots);
    m->slots = jx_xcalloc(n, sizeof *m->slots);
    m->n_slots = n;
    for (size_t i = 0; i < x->n; i++) *slot_of(m, x->items[i]->code) = i + 1;
  }
  jx_decl *d = jx_decl_new(JX_DECL_PROJECT);
  d->code = jx_decl_str(d, code);
  d->money_unit_fen = JX_FEN_PER_YUAN;
  x->items[x->n] = d;
  m->first_row[x->n] = row + 1;
  m->first_sheet[x->n] = sheet;
  *slot_of(m, d->code) = x->n + 1;
  x->n++;
  return d;
}

static size_t project_index(rd *m, const jx_decl *d) {
  for (size_t i = 0; i < m->out->n; i++)
    if (m->out->items[i] == d) return i;
  return 0;
}

/* ---- rows ----------------------------------------------------------------------------------- */

static bool row_blank(const jx_xsheet *s, uint32_t r) {
  for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++)
    if (!blank_text(s->cells[i].text) || s->cells[i].formula) return false;
  return true;
}

/* The data rows of a sheet: false when there are too many to read; merged cells refused
 * (the rows are read all the same, for the other diagnostics). */
static bool check_rows(rd *m, const sheet_cols *x) {
  const jx_xsheet *s = x->s;
  size_t rows = 0;
  for (uint32_t r = x->head + 1; r < s->n_rows; r++)
    if (!row_blank(s, r)) rows++;
  if (rows > JX_DECL_EXPORT_MAX_ROWS) {
    jx_diag_add(m->d, "JX813", JX_ERROR, pos_sheet(m, s), "表“%s”有 %zu 行数据，超过 %d 行的上限：请分成几个文件导入",
                s->name, rows, JX_DECL_EXPORT_MAX_ROWS);
    return false;
  }
  for (size_t i = 0; i < s->n_merges; i++) { /* an error each, and the rows still read */
    const jx_xrange *g = &s->merges[i];
    if (g->r2 <= x->head) continue; /* titles and headers may be merged */
    char a[16], b[16];
    jx_diag_add(m->d, "JX814", JX_ERROR, pos_cell(m, s, g->r1, g->c1),
                "数据行中有合并单元格 %s:%s：导出表的每一行应各自写全，请取消合并后再导入",
                jx_cell_ref(g->r1, g->c1, a, sizeof a), jx_cell_ref(g->r2, g->c2, b, sizeof b));
  }
  return true;
}

/* A position in d's own arena (the reader's scratch arena is freed at its end). */
static jx_pos keep_pos(jx_decl *d, jx_pos p) {
  if (p.file) p.file = jx_arena_strdup(d->arena, p.file);
  return p;
}

/* The project fields of row r. */
static void read_project_row(rd *m, const sheet_cols *x, uint32_t r, jx_decl *d) {
  d->name = jx_decl_str(d, cell_text(m, x, r, C_NAME));
  d->unit = jx_decl_str(d, cell_text(m, x, r, C_UNIT));
  d->department = jx_decl_str(d, cell_text(m, x, r, C_DEPT));
  d->policy_basis = jx_decl_str(d, cell_text(m, x, r, C_POLICY));
  d->calc_basis = jx_decl_str(d, cell_text(m, x, r, C_CALC));
  d->annual_goal = jx_decl_str(d, cell_text(m, x, r, C_GOAL));
  int64_t unit = x->unit[C_THIS_YEAR] ? x->unit[C_THIS_YEAR] : x->unit[C_TOTAL] ? x->unit[C_TOTAL] : JX_FEN_PER_YUAN;
  d->money_unit_fen = unit;
  if (x->col[C_TOTAL] >= 0)
    cell_money(m, x, r, x->col[C_TOTAL], x->unit[C_TOTAL] ? x->unit[C_TOTAL] : unit, columns[C_TOTAL].names[0], &d->total);
  if (x->col[C_THIS_YEAR] >= 0) {
    cell_money(m, x, r, x->col[C_THIS_YEAR], x->unit[C_THIS_YEAR] ? x->unit[C_THIS_YEAR] : unit,
               columns[C_THIS_YEAR].names[0], &d->this_year);
    if (!d->this_year.set) { /* a declaration states its 本年金额 (the file requires it) */
      jx_diag_add(m->d, "JX817", JX_WARNING, pos_cell(m, x->s, r, (uint32_t)x->col[C_THIS_YEAR]),
                  "项目“%s”的本年金额为空，按 0 记", d->code);
      d->this_year.set = true;
      d->this_year.pos = pos_cell(m, x->s, r, (uint32_t)x->col[C_THIS_YEAR]);
    }
    d->this_year.pos = keep_pos(d, d->this_year.pos);
  }
  d->total.pos = keep_pos(d, d->total.pos);
  for (size_t k = 0; k < x->n_src; k++) {
    jx_money v = {0};
    cell_money(m, x, r, x->src_col[k], x->src_unit[k] ? x->src_unit[k] : unit, x->src_name[k], &v);
    if (v.set) jx_decl_add_source(d, x->src_name[k], v.fen)->amount.pos = keep_pos(d, v.pos);
  }
  const char *y = cell_text(m, x, r, C_YEAR);
  if (y) {
    char *end;
    long v = strtol(y, &end, 10);
    while (*end == ' ') end++;
    if (!strcmp(end, "年") || !strcmp(end, "年度")) end += strlen(end);
    if (*end || v < 1990 || v > 2100)
      jx_diag_add(m->d, "JX815", JX_WARNING, pos_cell(m, x->s, r, (uint32_t)x->col[C_YEAR]),
                  "年度“%s”无效：应为 1990 到 2100 的年份，未采用", y);
    else d->year = (int)v;
  }
}

/* 指标性质 and 度量单位 exported apart: folded into the 指标值 ("95" under "≥" and "%" is
 * "≥95%"), since the declaration holds one text that the reader reads. */
static const char *combine_value(rd *m, const sheet_cols *x, uint32_t r, const char *value) {
  const char *nat = cell_text(m, x, r, C_NATURE), *unit = cell_text(m, x, r, C_MUNIT);
  if (!value || (!nat && !unit)) return value;
  jx_target_reading rd0;
  jx_target_read(value, &rd0);
  const char *v = trim(m->a, value);
  if (unit && rd0.readable && !rd0.percent && !*rd0.unit) {
    const char *u = trim(m->a, unit);
    if (*u && strcmp(u, "-") != 0) v = jx_arena_printf(m->a, "%s%s", v, u);
  }
  if (nat && rd0.readable && rd0.nature == JX_NATURE_NONE) {
    jx_nature n = jx_nature_parse(trim(m->a, nat), false, NULL);
    if (n != JX_NATURE_NONE && n != JX_NATURE_QUAL && n != JX_NATURE_QUANT && n != JX_NATURE_EQ)
      v = jx_arena_printf(m->a, "%s%s", jx_nature_symbol(n), v);
  }
  return v;
}

/* One indicator row into d. */
static void read_indicator_row(rd *m, const sheet_cols *x, uint32_t r, jx_decl *d) {
  jx_decl_indicator *ind = jx_decl_add_indicator(d);
  char ref[16];
  ind->pos.file = jx_arena_printf(d->arena, "%s:%s!%s", m->file, x->s->name, jx_cell_ref(r, (uint32_t)x->col[C_VALUE], ref, sizeof ref));
  ind->level1 = jx_decl_str(d, cell_text(m, x, r, C_LEVEL1));
  ind->level2 = jx_decl_str(d, cell_text(m, x, r, C_LEVEL2));
  ind->name = jx_decl_str(d, cell_text(m, x, r, C_IND));
  ind->value = jx_decl_str(d, combine_value(m, x, r, cell_text(m, x, r, C_VALUE)));
  ind->explanation = jx_decl_str(d, cell_text(m, x, r, C_EXPLAIN));
  const char *t;
  if ((t = cell_text(m, x, r, C_STANDARD))) ind->standard = jx_decl_str(d, t);
  if ((t = cell_text(m, x, r, C_SOURCE))) ind->source = jx_decl_str(d, t);
  if ((t = cell_text(m, x, r, C_WEIGHT))) {
    bool pct;
    const char *why;
    if (jx_parse_num(t, &ind->weight.v, &pct, &why) && ind->weight.v >= 0) ind->weight.set = true;
    else
      jx_diag_add(m->d, "JX817", JX_WARNING, pos_cell(m, x->s, r, (uint32_t)x->col[C_WEIGHT]),
                  "分值“%s”不是有效的数值，未采用", jx_text_visible(m->a, t));
  }
  jx_decl_read_value(ind);
  jx_decl_export_counts *k = &m->out->counts;
  const jx_target_reading *rd0 = &ind->read;
  k->rows++;
  if (ind->not_applicable) k->not_applicable++;
  else if (!*ind->value || rd0->blank) k->blank++;
  else if (rd0->readable) k->readable++;
  else if (rd0->has_date) k->deadlines++;
  else if (!rd0->has_digit) k->qualitative++;
  else {
    k->unreadable++;
    jx_diag_add(m->d, "JX816", JX_WARNING, pos_cell(m, x->s, r, (uint32_t)x->col[C_VALUE]),
                "指标“%s”的指标值“%s”无法读取（%s），按原文保留", ind->name, ind->value,
                rd0->why ? rd0->why : "读不出数值和单位");
  }
}

/* The code of row r, trimmed; NULL (with an error when the row holds anything) when empty. */
static const char *row_code(rd *m, const sheet_cols *x, uint32_t r) {
  const char *code = cell_text(m, x, r, C_CODE);
  if (code) {
    code = trim(m->a, code);
    /* a code names the project's file (DIR/<项目编码>.yaml) */
    size_t n = strlen(code), ok = strspn(code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.");
    if (ok < n || n > CODE_MAX || code[0] == '.') {
      jx_diag_add(m->d, "JX812", JX_ERROR, pos_cell(m, x->s, r, (uint32_t)x->col[C_CODE]),
                  "项目编码“%s”无效：应为 1 到 %d 个英文字母、数字或 - _ .（不以 . 开头），它也是申报文件的名字",
                  jx_text_visible(m->a, n > 80 ? jx_arena_strndup(m->a, code, 80) : code), CODE_MAX);
      return NULL;
    }
    return code;
  }
  jx_diag_add(m->d, "JX812", JX_ERROR, pos_cell(m, x->s, r, (uint32_t)x->col[C_CODE]),
              "第 %lu 行有内容，但没有项目编码", (unsigned long)r + 1);
  return NULL;
}

static bool require(rd *m, const sheet_cols *x, const col_role *roles, size_t n) {
  bool ok = true;
  for (size_t i = 0; i < n; i++)
    if (x->col[roles[i]] < 0) {
      jx_diag_add(m->d, "JX810", JX_ERROR, pos_sheet(m, x->s), "表“%s”缺少“%s”列（表头在第 %lu 行）", x->s->name,
                  columns[roles[i]].names[0], (unsigned long)x->head + 1);
      ok = false;
    }
  return ok;
}

static const col_role project_cols[] = {C_CODE, C_NAME, C_THIS_YEAR};
static const col_role indicator_cols[] = {C_CODE, C_LEVEL1, C_LEVEL2, C_IND, C_VALUE};

static void read_projects_sheet(rd *m, const sheet_cols *x) {
  for (uint32_t r = x->head + 1; r < x->s->n_rows; r++) {
    if (row_blank(x->s, r)) continue;
    const char *code = row_code(m, x, r);
    if (!code) continue;
    jx_decl *seen = find_project(m, code);
    if (seen) {
      size_t i = project_index(m, seen);
      jx_diag_add(m->d, "JX811", JX_ERROR, pos_cell(m, x->s, r, (uint32_t)x->col[C_CODE]),
                  "项目编码“%s”重复：第 %u 行已有（项目“%s”）", code, m->first_row[i], seen->name);
      continue;
    }
    read_project_row(m, x, r, add_project(m, code, x->s->name, r));
  }
}

static void read_indicators_sheet(rd *m, const sheet_cols *x, const jx_xsheet *projects) {
  for (uint32_t r = x->head + 1; r < x->s->n_rows; r++) {
    if (row_blank(x->s, r)) continue;
    const char *code = row_code(m, x, r);
    if (!code) continue;
    jx_decl *d = find_project(m, code);
    if (!d) {
      jx_diag_add(m->d, "JX812", JX_ERROR, pos_cell(m, x->s, r, (uint32_t)x->col[C_CODE]),
                  "项目编码“%s”在项目表“%s”中没有：指标行应属于项目表中的项目", code, projects->name);
      continue;
    }
    read_indicator_row(m, x, r, d);
  }
}

/* The joined layout: a row per indicator, the project's columns repeated. */
static void read_joined_sheet(rd *m, const sheet_cols *x) {
  for (uint32_t r = x->head + 1; r < x->s->n_rows; r++) {
    if (row_blank(x->s, r)) continue;
    const char *code = row_code(m, x, r);
    if (!code) continue;
    jx_decl *d = find_project(m, code);
    if (!d) {
      d = add_project(m, code, x->s->name, r);
      read_project_row(m, x, r, d);
    } else {
      const char *name = cell_text(m, x, r, C_NAME);
      if (strcmp(trim(m->a, name ? name : ""), d->name) != 0)
        jx_diag_add(m->d, "JX818", JX_WARNING, pos_cell(m, x->s, r, (uint32_t)x->col[C_NAME]),
                    "项目“%s”的项目名称“%s”与第 %u 行的“%s”不同，按第 %u 行读取", code, name ? name : "",
                    m->first_row[project_index(m, d)], d->name, m->first_row[project_index(m, d)]);
    }
    read_indicator_row(m, x, r, d);
  }
}

/* ---- the budget year ------------------------------------------------------------------------- */

/* "2023年度申报预算", "2023年预算", "2023年项目测算依据", "2023年年度申报预算": the year a
 * project's own text names for its budget; 0 when none. */
static int budget_year_in(const char *t) {
  static const char *const skip[] = {"年度", "度", "项目", "经费", "部门"};
  static const char *const then[] = {"申报", "预算", "测算"};
  for (const char *p = t ? t : ""; *p; p++) {
    if (!(p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9')) continue;
    if (p > t && p[-1] >= '0' && p[-1] <= '9') continue;
    const char *q = p + 4;
    if (strncmp(q, "年", strlen("年")) != 0) continue;
    q += strlen("年");
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
      if (!strncmp(q, skip[i], strlen(skip[i]))) {
        q += strlen(skip[i]);
        break;
      }
    if (!strncmp(q, "项目", strlen("项目"))) q += strlen("项目");
    for (size_t i = 0; i < sizeof then / sizeof then[0]; i++)
      if (!strncmp(q, then[i], strlen(then[i]))) return (p[2] - '0') * 10 + (p[3] - '0') + 2000;
  }
  return 0;
}

/* 440306 22 …: the two year digits after the six of the region. */
static int code_year(const char *code) {
  if (strlen(code) < 8) return 0;
  for (int i = 0; i < 8; i++)
    if (code[i] < '0' || code[i] > '9') return 0;
  return 2000 + (code[6] - '0') * 10 + (code[7] - '0');
}

static void settle_years(rd *m) {
  jx_decl_export *x = m->out;
  if (m->opt && m->opt->year) {
    for (size_t i = 0; i < x->n; i++) x->items[i]->year = m->opt->year;
    return;
  }
  int counts[101] = {0}, best = 0;
  size_t from_text = 0, from_file = 0, from_code = 0, none = 0;
  for (size_t i = 0; i < x->n; i++) {
    jx_decl *d = x->items[i];
    if (d->year) continue;
    int y = budget_year_in(d->calc_basis);
    if (!y) y = budget_year_in(d->annual_goal);
    if (!y) y = budget_year_in(d->name);
    if (y >= 2000 && y <= 2100) {
      d->year = y;
      counts[y - 2000]++;
      from_text++;
    }
  }
  for (int y = 0; y <= 100; y++)
    if (counts[y] > (best ? counts[best - 2000] : 0)) best = 2000 + y;
  const char *example = NULL;
  int example_year = 0;
  for (size_t i = 0; i < x->n; i++) {
    jx_decl *d = x->items[i];
    if (d->year) continue;
    if (best) {
      d->year = best;
      from_file++;
    } else if ((d->year = code_year(d->code))) {
      if (!example) example = d->code, example_year = d->year;
      from_code++;
    } else {
      none++;
    }
  }
  if (from_file)
    jx_diag_add(m->d, "JX815", JX_NOTE, pos_file(m),
                "%zu 个项目没有写预算年度，按本文件其他 %zu 个项目测算依据中的“%d年度申报预算”等取 %d 年；可用 --year 指定",
                from_file, from_text, best, best);
  if (from_code)
    jx_diag_add(m->d, "JX815", JX_NOTE, pos_file(m),
                "%zu 个项目没有写预算年度，按项目编码中的年份推断（如 %s → %d）；编码中的年份是立项年份，不一定是预算年度，可用 --year 指定",
                from_code, example, example_year);
  if (none)
    jx_diag_add(m->d, "JX815", JX_WARNING, pos_file(m), "%zu 个项目的预算年度无法确定（年度记为 0）：请用 --year 指定",
                none);
}

/* Deadlines whose year is far from the budget year ("2013年12月31日" for 2023): a slip? */
static void check_dates(rd *m) {
  for (size_t i = 0; i < m->out->n; i++) {
    const jx_decl *d = m->out->items[i];
    for (size_t k = 0; d->year && k < d->indicators.n; k++) {
      const jx_decl_indicator *ind = &d->indicators.items[k];
      int dy = ind->read.date_year;
      if (ind->read.has_date && dy && (dy < d->year - 1 || dy > d->year + 2))
        jx_diag_add(m->d, "JX819", JX_WARNING, ind->pos, "指标“%s”的指标值“%s”中的年份 %d 与预算年度 %d 相差 %d 年，是否笔误？",
                    ind->name, ind->value, dy, d->year, dy > d->year ? dy - d->year : d->year - dy);
    }
  }
}

/* ---- the workbook ---------------------------------------------------------------------------------- */

static void read_workbook(rd *m, const jx_workbook *wb, bool csv) {
  /* jixiao's own templates of the year-end forms carry a marker: never an export; the
   * 绩效目标表 template's marker names the kind "declaration" (render/decl_template.c) */
  const char *mark = NULL;
  for (size_t i = 0; i < wb->n_names; i++)
    if (!strcmp(wb->names[i].name, JX_TEMPLATE_NAME)) mark = wb->names[i].value;
  const jx_xsheet *ms = jx_workbook_sheet(wb, JX_TEMPLATE_SHEET);
  const jx_xcell *kind = ms ? jx_xsheet_cell(ms, 0, 1) : NULL;
  if (mark ? !strstr(mark, JX_TEMPLATE_MARKER " " JX_DECL_TEMPLATE_KIND) : ms && !(kind && !strcmp(kind->text, JX_DECL_TEMPLATE_KIND)))
    return;
  sheet_cols *cols = jx_arena_alloc(m->a, (wb->n_sheets + 1) * sizeof *cols);
  const sheet_cols *proj = NULL, *ind = NULL, *joined = NULL;
  for (size_t i = 0; i < wb->n_sheets; i++) {
    if (!find_header(&wb->sheets[i], &cols[i])) continue;
    if (cols[i].projects && cols[i].indicators) {
      if (!joined) joined = &cols[i];
    } else if (cols[i].projects) {
      if (!proj) proj = &cols[i];
    } else if (!ind) {
      ind = &cols[i];
    }
  }
  if (!proj && !ind && !joined) return; /* not a declaration export */
  m->out->recognised = true;
  if (proj && ind) {
    m->out->layout = "两张表";
    if (joined)
      jx_diag_add(m->d, "JX818", JX_NOTE, pos_sheet(m, joined->s),
                  "工作簿同时有项目表“%s”、指标表“%s”和合并表“%s”：按两张表读取，合并表未读", proj->s->name, ind->s->name,
                  joined->s->name);
    /* both sheets' missing columns reported, not only the first sheet's */
    bool proj_ok = require(m, proj, project_cols, 3), ind_ok = require(m, ind, indicator_cols, 5);
    if (!proj_ok || !ind_ok || !check_rows(m, proj) || !check_rows(m, ind)) return;
    read_projects_sheet(m, proj);
    read_indicators_sheet(m, ind, proj->s);
    for (size_t i = 0; i < m->out->n; i++)
      if (!m->out->items[i]->indicators.n)
        jx_diag_add(m->d, "JX819", JX_WARNING, pos_cell(m, proj->s, m->first_row[i] - 1, (uint32_t)proj->col[C_CODE]),
                    "项目“%s”（%s）在指标表“%s”中没有指标行", m->out->items[i]->name, m->out->items[i]->code, ind->s->name);
  } else if (joined) {
    m->out->layout = csv ? "CSV" : "合并表";
    bool proj_ok = require(m, joined, project_cols, 3), ind_ok = require(m, joined, indicator_cols, 5);
    if (!proj_ok || !ind_ok || !check_rows(m, joined)) return;
    read_joined_sheet(m, joined);
  } else if (proj) {
    jx_diag_add(m->d, "JX810", JX_ERROR, pos_file(m),
                "找到项目表“%s”，但找不到指标表：应有一张表的表头含“项目编码”“三级指标”和“指标值”", proj->s->name);
    return;
  } else {
    jx_diag_add(m->d, "JX810", JX_ERROR, pos_file(m),
                "找到指标表“%s”，但找不到项目表：应有一张表的表头含“项目编码”和“项目名称”（或一张两者都有的合并表）",
                ind->s->name);
    return;
  }
  if (!m->out->n) jx_diag_add(m->d, "JX810", JX_ERROR, pos_file(m), "导出表中没有任何项目");
  settle_years(m);
  check_dates(m);
}

/* ---- entry points ------------------------------------------------------------------------------------- */

static bool is_csv(const char *name) {
  size_t n = strlen(name);
  return n >= 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

/* The readers' caps, with room for title rows above JX_DECL_EXPORT_MAX_ROWS data rows (a
 * file beyond them is refused by the reader). */
static jx_xlsx_limits limits(void) {
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_rows = JX_DECL_EXPORT_MAX_ROWS + 1000;
  return lim;
}

#ifdef JX_RENDER_PLUGIN
static jx_status xlsx_file(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t n) {
  const jx_excel_plugin *p = jx_excel_module(err, n);
  return p ? p->xlsx_read_file(path, lim, out, err, n) : JX_ERR_IO;
}
static jx_status xlsx_mem(const char *name, const void *data, size_t len, const jx_xlsx_limits *lim, jx_workbook **out,
                          char *err, size_t n) {
  const jx_excel_plugin *p = jx_excel_module(err, n);
  return p ? p->xlsx_read_mem(name, data, len, lim, out, err, n) : JX_ERR_IO;
}
#else
#define xlsx_file jx_xlsx_read_file
#define xlsx_mem jx_xlsx_read_mem
#endif

static jx_status read_wb(const char *name, jx_workbook *wb, const jx_decl_export_options *opt, jx_decl_export *out,
                         jx_diags *diags) {
  rd m = {0};
  m.a = jx_arena_new();
  m.d = diags;
  m.file = name;
  m.opt = opt;
  m.out = out;
  size_t before = diags->n_error;
  read_workbook(&m, wb, is_csv(name));
  free(m.slots);
  free(m.first_row);
  free(m.first_sheet);
  jx_arena_free(m.a);
  if (diags->n_error > before) {
    jx_decl_export_counts keep = out->counts;
    bool recognised = out->recognised;
    const char *layout = out->layout;
    jx_decl_export_free(out); /* nothing half-read */
    out->recognised = recognised;
    out->layout = layout;
    out->counts = keep;
    return JX_ERR_DATA;
  }
  return JX_OK;
}

jx_status jx_decl_export_read(const char *path, const jx_decl_export_options *opt, jx_decl_export *out,
                              jx_diags *diags) {
  memset(out, 0, sizeof *out);
  if (!path) return JX_ERR_INVALID;
  char err[512];
  jx_workbook *wb = NULL;
  jx_xlsx_limits lim = limits();
  jx_status st = is_csv(path) ? jx_csv_read_file(path, &lim, &wb, err, sizeof err) : xlsx_file(path, &lim, &wb, err, sizeof err);
  if (st != JX_OK) return JX_OK; /* not recognised: the caller's other reader reports it */
  st = read_wb(path, wb, opt, out, diags);
  jx_workbook_free(wb);
  return st;
}

jx_status jx_decl_export_read_mem(const char *name, const void *data, size_t len, const jx_decl_export_options *opt,
                                  jx_decl_export *out, jx_diags *diags) {
  memset(out, 0, sizeof *out);
  if (!name || (!data && len)) return JX_ERR_INVALID;
  char err[512];
  jx_workbook *wb = NULL;
  jx_xlsx_limits lim = limits();
  jx_status st = is_csv(name) ? jx_csv_read_mem(name, data, len, &lim, &wb, err, sizeof err)
                              : xlsx_mem(name, data, len, &lim, &wb, err, sizeof err);
  if (st != JX_OK) return JX_OK;
  st = read_wb(name, wb, opt, out, diags);
  jx_workbook_free(wb);
  return st;
}

void jx_decl_export_free(jx_decl_export *x) {
  if (!x) return;
  for (size_t i = 0; i < x->n; i++) jx_decl_free(x->items[i]);
  free(x->items);
  memset(x, 0, sizeof *x);
}
