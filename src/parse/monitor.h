/* monitor.h — what the checkpoint report's readers share (internal): the amounts' checks, and the bulk sheet of one checkpoint (monitor_sheet.c). */
#ifndef JX_PARSE_MONITOR_H
#define JX_PARSE_MONITOR_H

#include <stddef.h>

#include "jixiao.h"

/* The checks every reader of a report applies to one source's amounts (YAML file, bulk
 * sheet): a negative amount (JX874), executed above the budget without an adjustment and
 * a 全年预计执行数 below the executed (JX875), each at the amount's position.  src names
 * the source in the messages ("资金来源“财政拨款”"). */
void jx_monreport_check_source(const jx_monreport *r, const jx_mon_source *s, const char *src, jx_diags *diags);
/* True when jx_monreport_check_source would find nothing in s (no message is built). */
bool jx_monreport_source_ok(const jx_mon_source *s);

#define JX_MONSHEET_MAX_ROWS 200000 /* data rows of a bulk sheet */
#define JX_MONSHEET_MAX_CELL 2000   /* bytes of one cell */

/* A bulk sheet read: its reports (one per unit and project, in the order of first
 * appearance), built one at a time by jx_monsheet_report so that 25,000 of them are
 * never in memory together. */
typedef struct {
  int year, month, day;
  size_t n;    /* reports */
  size_t rows; /* data rows read (sources) */
  void *priv;  /* the rows, grouped */
} jx_monsheet;

/* Read a bulk sheet of one checkpoint (year-month-day) for many units: CSV (UTF-8, a BOM
 * allowed) by its name, else XLSX (first sheet).  Headers by name (synonyms: the table in
 * monitor_sheet.c); rows with the same 单位编码 + 项目编码 are one report's sources.  Every
 * problem is a diagnostic at its cell ("FILE:Sheet!C12"; CSV "FILE:行"), JX866–JX870 and
 * the loader's JX874/JX875; with any error, JX_ERR_DATA and out holds nothing.  JX_ERR_IO
 * when the file cannot be read (a diagnostic says why).  Caller frees with
 * jx_monsheet_free (also after an error). */
jx_status jx_monsheet_read(const char *path, int year, int month, int day, jx_monsheet *out, jx_diags *diags);
void jx_monsheet_free(jx_monsheet *x);
/* Report i (< x->n) built with the model's builders (sources, totals); caller frees it
 * (jx_monreport_free).  Its unit, project and the position of its first row's 单位编码 cell
 * are also given without building it. */
jx_monreport *jx_monsheet_report(const jx_monsheet *x, size_t i);
jx_pos jx_monsheet_pos(const jx_monsheet *x, size_t i);
const char *jx_monsheet_unit(const jx_monsheet *x, size_t i);
const char *jx_monsheet_project(const jx_monsheet *x, size_t i); /* "" for the unit's own report */

#endif
