/* decl.h — the 绩效目标表 of a declaration out (internal): its layout as data (the form's
 * labels, the data sheets' columns, the validation lists), the form as a format-neutral
 * table for every backend (decl_form.c), and the XLSX template writer (decl_template.c). */
#ifndef JX_RENDER_DECL_H
#define JX_RENDER_DECL_H

#include "jixiao.h"
#include "parse/xlsx.h"
#include "render/report.h"
#include "util/arena.h"

/* The form's labels, one set per scope (jx_decl_scope: project, department). */
typedef struct {
  const char *title;            /* 项目支出绩效目标申报表 */
  const char *name, *code;      /* 项目名称, 项目编码 */
  const char *department, *unit; /* 主管部门, 申报单位 */
  const char *money;            /* 项目资金 (the unit follows on a line of its own: "（元）") */
  const char *total, *this_year; /* 项目总金额, 本年金额 */
  const char *source_prefix;    /* "其中：" before the first source */
  const char *policy, *calc, *goal; /* 政策依据, 测算依据, 年度目标 */
  const char *indicators;       /* 绩效指标 (the grid's caption row) */
  const char *sheet_prefix;     /* printable sheet name: "申报表-" + 项目编码 or name */
} jx_decl_form_labels;
extern const jx_decl_form_labels jx_decl_form[2];

/* The indicator grid's columns, in order: 一级指标 … 分值. */
typedef enum {
  JX_DI_LEVEL1, JX_DI_LEVEL2, JX_DI_NAME, JX_DI_VALUE, JX_DI_EXPLANATION, JX_DI_STANDARD, JX_DI_SOURCE,
  JX_DI_WEIGHT, JX_DI_COUNT
} jx_decl_icol;
typedef struct {
  const char *label; /* as the form and the 指标信息 sheet write it */
  int form_width;    /* relative width in the printed form */
  int sheet_width;   /* column width in the data sheet, in characters */
} jx_decl_col;
extern const jx_decl_col jx_decl_icols[JX_DI_COUNT];

/* The 项目信息 sheet's columns: the export's nine (项目编码 … 年度目标) and 年度.  The two
 * amounts' headers carry the sheet's unit (项目总金额（元）), and one column per source of
 * 本年金额 (财政拨款（元） …) follows 本年金额: what the export reader (parse/decl_sheet.c)
 * reads back. */
typedef enum {
  JX_DP_CODE, JX_DP_NAME, JX_DP_UNIT, JX_DP_DEPARTMENT, JX_DP_TOTAL, JX_DP_THIS_YEAR, JX_DP_POLICY, JX_DP_CALC,
  JX_DP_GOAL, JX_DP_YEAR, JX_DP_COUNT
} jx_decl_pcol;
extern const jx_decl_col jx_decl_pcols[JX_DP_COUNT];
/* The sources a template offers when its declarations name none (a blank template). */
extern const char *const jx_decl_default_sources[]; /* 财政拨款, 其他资金; NULL-terminated */

/* Sheet names of the template. */
extern const char *const jx_decl_sheet_projects;   /* 项目信息 */
extern const char *const jx_decl_sheet_indicators; /* 指标信息 */
extern const char *const jx_decl_sheet_help;       /* 说明 */

/* Validation lists (NULL-terminated): the MOF common frame's 一级 and 二级指标 as the
 * budget systems write them. */
extern const char *const jx_decl_level1_list[];
extern const char *const jx_decl_level2_list[];

/* An amount of d's money unit as written in the form and the sheets: exact, without
 * trailing zeros ("9000", "12.5"); "" when not set.  Allocated in a. */
const char *jx_decl_amount_text(jx_arena *a, const jx_decl *d, const jx_money *m);
/* "元" or "万元": d's unit; jx_decl_unit_of: the unit of fen (JX_FEN_PER_WAN: 万元, else 元). */
const char *jx_decl_unit_name(const jx_decl *d);
const char *jx_decl_unit_of(int64_t unit_fen);

/* The 申报表 of d as one table (title in its caption, the unit in its note): the heading
 * fields, the money, the three texts, then the indicator grid with 一级/二级 merged down
 * their rows.  Allocated in a. */
jx_rtable *jx_decl_form_table(jx_arena *a, const jx_decl *d);
/* The 动态调整 of d as a table (调整日期 | 调整原因 | 批准人 | 调整内容), one row per
 * adjustment, its changes as lines "三级指标：调整前 → 调整后"; NULL when d has none. */
jx_rtable *jx_decl_adjust_table(jx_arena *a, const jx_decl *d);

/* The report of one declaration: the form, then its adjustments under a heading.  Never
 * fails; owned by the report's arena (jx_report_free). */
jx_report *jx_decl_report_build(const jx_decl *d);

/* The XLSX template (decl_template.c, in the Excel module): see jx_decl_template_write. */
jx_status jx_render_decl_template(const jx_decl *const *decls, size_t n, const char *path, char *err, size_t errlen);
/* One grid (parse/xlsx.h) as a one-sheet workbook at path (decl_template.c, in the Excel
 * module): the header bold, frozen and filtered, columns as wide as their texts, every
 * cell text (never a formula) but whole numbers of numeric columns; written beside path,
 * then renamed: a failure leaves no file.  Errors in err. */
jx_status jx_render_grid_xlsx(const jx_xlsx_grid *g, const char *path, char *err, size_t errlen);

#endif
