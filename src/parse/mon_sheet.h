/* mon_sheet.h — the 绩效监控表 (one unit's or project's checkpoint report as an XLSX form) as
 * data (internal): the labels, rows and columns that the template writer
 * (render/mon_template.c) writes and the reader (parse/mon_sheet.c) looks for.  One table
 * serves both, so what is written is what is read.
 *
 * The form is one sheet, 绩效监控表:
 *   row 1      the title
 *   rows 2–8   the header block: a label in column A, its value in column B
 *              (年度, 监控时点, 单位编码, 单位名称, 项目编码, 项目名称, 金额单位)
 *   then       a section title (一、预算执行情况), the execution table's header row
 *              (资金来源 …), one row per source, a 合计 row (sums and 执行进度 as formulas;
 *              its 偏差原因/纠偏措施 are the report's)
 *   then       a section title (二、绩效指标完成情况), the indicator table's header row
 *              (一级指标 …), one row per indicator
 * The reader finds the header block by its labels in column A and each table by its
 * header row, so rows inserted by a user are read too. */
#ifndef JX_MON_SHEET_H
#define JX_MON_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "parse/sheet.h"

#define JX_MON_TEMPLATE_KIND "checkpoint" /* the marker's kind (sheet _jixiao, B1) */
#define JX_MON_MAX_ROWS 2000              /* rows of the form read, at most */
#define JX_MON_MAX_CELLS 40000            /* cells (and shared strings) of the workbook, at most */
#define JX_MON_MAX_TEXT 4000              /* bytes of one text cell (偏差原因 …) */
#define JX_MON_MAX_SHORT 400              /* bytes of a name, code or value cell */

/* The header block's fields, in the order written (rows 2.. of column A). */
typedef enum {
  JX_MH_YEAR, JX_MH_CHECKPOINT, JX_MH_UNIT_CODE, JX_MH_UNIT_NAME, JX_MH_PROJECT_CODE, JX_MH_PROJECT_NAME,
  JX_MH_MONEY_UNIT, JX_MH_COUNT
} jx_mon_head;

/* The execution table's columns, in order (column A onwards). */
typedef enum {
  JX_ME_SOURCE, JX_ME_BUDGET, JX_ME_EXECUTED, JX_ME_RATE, JX_ME_FORECAST, JX_ME_CAUSE, JX_ME_FIX, JX_ME_ADJUSTMENT,
  JX_ME_COUNT
} jx_mon_ecol;

/* The indicator table's columns, in order (column A onwards). */
typedef enum {
  JX_MI_LEVEL1, JX_MI_LEVEL2, JX_MI_NAME, JX_MI_TARGET, JX_MI_ACTUAL, JX_MI_FORECAST, JX_MI_CAN_COMPLETE, JX_MI_CAUSE,
  JX_MI_FIX, JX_MI_COUNT
} jx_mon_icol;

typedef struct {
  jx_label label;   /* labels[0] is written; the others are read too */
  const char *help; /* the header block: what to write (column C); NULL for a column */
  int width;        /* column width in characters (columns only) */
  bool computed;    /* a formula written by the template, never read */
  bool long_text;   /* bounded by JX_MON_MAX_TEXT, else JX_MON_MAX_SHORT */
} jx_mon_field;

typedef struct {
  jx_label sheet;                     /* 绩效监控表 */
  const char *title;                  /* the form's title (row 1) */
  jx_label exec_section, ind_section; /* the section titles above the two tables */
  jx_label total_row;                 /* 合计: the execution table's last row */
  jx_mon_field head[JX_MH_COUNT];
  jx_mon_field exec[JX_ME_COUNT];
  jx_mon_field ind[JX_MI_COUNT];
  const char *const *sources;         /* the 资金来源 offered in a drop-down list */
  const char *const *help_lines;      /* the 说明 sheet, NULL-ended */
} jx_mon_layout;

extern const jx_mon_layout jx_mon_form;

#endif
