/* sheet.h — the official forms as data (internal): the labels of every table, column and
 * field that the template writer (render/template.c) writes and the importer
 * (parse/sheet.c) looks for.  One table serves both, so what is written is what is read. */
#ifndef JX_SHEET_H
#define JX_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao.h"

#define JX_TEMPLATE_MARKER "jixiao-template/1"  /* value of the defined name below, then " KIND" */
#define JX_TEMPLATE_NAME "JIXIAO_TEMPLATE"      /* the workbook-level defined name */
#define JX_TEMPLATE_SHEET "_jixiao"             /* a hidden sheet with the same marker in A1, kind in B1 */
#define JX_DECL_TEMPLATE_KIND "declaration"    /* the marker's kind of the 绩效目标表 template
                                               * (render/decl_template.c): read as a declaration
                                               * export (parse/decl_sheet.c), not as a year-end form */
#define JX_SYN_MAX 6

/* A label and the other ways official tables from other tools write it.  labels[0] is
 * what the template writes. */
typedef struct {
  const char *labels[JX_SYN_MAX];
} jx_label;

/* Columns of the indicator tables. */
typedef enum {
  JX_IC_LEVEL1, JX_IC_LEVEL2, JX_IC_NAME, JX_IC_NATURE, JX_IC_TARGET, JX_IC_UNIT, JX_IC_WEIGHT, JX_IC_ACTUAL,
  JX_IC_SCORE, JX_IC_COMPUTED, JX_IC_NOTE, JX_IC_EVIDENCE, JX_IC_ASSUMPTION, JX_IC_CORE, JX_IC_COUNT
} jx_icol;

typedef struct {
  jx_icol key;
  jx_label label;
  int width;        /* template column width, in characters */
  bool computed;    /* a formula in a locked cell: written by the template, ignored on import */
} jx_icol_def;

extern const jx_icol_def jx_icols[JX_IC_COUNT];

/* Which indicator columns each kind's table has, in order, ended by JX_IC_COUNT. */
extern const jx_icol jx_target_icols[];
extern const jx_icol jx_selfeval_icols[];

/* Fields of 基本信息 (label in column A, value in column B, one per row). */
typedef enum {
  JX_INFO_DEPARTMENT, JX_INFO_UNIT, JX_INFO_CODE, JX_INFO_YEAR, JX_INFO_KIND, JX_INFO_FRAMEWORK, JX_INFO_MONEY_UNIT,
  JX_INFO_SIGNER, JX_INFO_DATE, JX_INFO_COUNT
} jx_info_field;
extern const jx_label jx_info_labels[JX_INFO_COUNT];
extern const char *const jx_info_help[JX_INFO_COUNT]; /* what to write there (template's comment column) */

/* Money table rows (年度资金总额 …) and columns (年初预算数 …). */
typedef enum { JX_MR_TOTAL, JX_MR_FISCAL, JX_MR_CARRIED, JX_MR_OTHER, JX_MR_COUNT } jx_money_rowkey;
typedef enum { JX_MC_INITIAL, JX_MC_ADJUSTED, JX_MC_EXECUTED, JX_MC_COUNT } jx_money_colkey;
extern const jx_label jx_money_rows[JX_MR_COUNT];
extern const jx_label jx_money_cols[JX_MC_COUNT];

/* Every other label, by role. */
typedef struct {
  jx_label info_sheet, instructions_sheet;
  jx_label target_sheet, selfeval_sheet, conclusion_sheet, project_sheet, monitoring_sheet;
  jx_label department;                                  /* 部门名称 (inside a form) */
  jx_label budget_section, budget_total, budget_fiscal, budget_carried, budget_other; /* 目标表 */
  jx_label goals, tasks_section, task_name, task_content, task_budget;
  jx_label indicators_section;
  jx_label execution_rate, execution_weight, execution_score;
  jx_label block_name, block_score, block_reason, stated_total, stated_grade, conclusion;
  jx_label project_name, project_code, project_department, project_owner, project_money, execution_note,
      goal_section, goal_expected, goal_results;
  jx_label adjusted; /* 全年预算数 beside the monitoring table */
  jx_label month, cp_executed, cp_rate, cp_forecast, cp_cause, cp_fix;
  jx_label unit_note; /* "单位：万元" */
  jx_label total_row; /* 合计 / 总分: ends a table */
} jx_labels_t;
extern const jx_labels_t jx_labels;

/* Labels that end an indicator or task table when a row holds one of them. */
extern const char *const jx_table_stops[];

/* Validation lists. */
extern const char *const jx_nature_list[];   /* = ≥ > ≤ < 定性 */
extern const char *const jx_grade_list[];    /* 达成 部分达成 未达成 */
extern const char *const jx_level_list[];    /* 优 良 中 差 */
extern const char *const jx_level1_list[];   /* 产出指标 效益指标 满意度指标 成本指标 */
extern const char *const jx_kind_list[];     /* 部门整体 项目支出 */
extern const char *const jx_unit_list[];     /* 万元 元 */
extern const char *const jx_bool_list[];     /* 是 否 */

/* Normalise a label for comparison: NFKC, no whitespace anywhere, no trailing colon,
 * a trailing "（万元）"/"（元）"/"（%）"/"(分)" … removed and returned in *unit (a static
 * string: "万元", "元", "%", or NULL).  Writes into out (cap bytes); false if too long. */
bool jx_label_norm(const char *text, char *out, size_t cap, const char **unit);
/* Does normalised text match one of the label's forms? */
bool jx_label_match(const jx_label *l, const char *norm);

#endif
