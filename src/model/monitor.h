/* monitor.h — building a checkpoint report (jx_monreport) in memory, for the loader, the
 * sheet readers, the generator, the store and the web (internal).  See jixiao.h, section
 * 绩效运行监控, for the model itself.
 *
 * Everything lives in the report's arena: strings given to these helpers are copied,
 * nothing here needs freeing apart from jx_monreport_free(r).  A pointer returned by an
 * add helper stays valid until the next add to the same list.  The add helpers work on a
 * report made by jx_monreport_new or read by jx_monreport_load/parse only.
 *
 *   jx_monreport *r = jx_monreport_new(2023, 6, 30);
 *   r->unit_code = jx_monreport_str(r, "101001");
 *   jx_mon_source *s = jx_monreport_add_source(r, "财政拨款");
 *   s->budget = (jx_money){.fen = 300 * JX_FEN_PER_WAN, .set = true};
 *   jx_monreport_sum(r);   // totals over the sources
 */
#ifndef JX_MODEL_MONITOR_H
#define JX_MODEL_MONITOR_H

#include "jixiao.h"
#include "util/arena.h"

/* A new, empty report at the checkpoint year-month-day (not checked here): money unit
 * 万元, texts "", project NULL.  Free with jx_monreport_free. */
jx_monreport *jx_monreport_new(int year, int month, int day);
/* s copied into r's arena with its outer ASCII whitespace trimmed; NULL gives "". */
const char *jx_monreport_str(jx_monreport *r, const char *s);
/* Append a source (name copied; amounts unset) / a zeroed indicator (texts "", can_complete -1). */
jx_mon_source *jx_monreport_add_source(jx_monreport *r, const char *name);
jx_mon_indicator *jx_monreport_add_indicator(jx_monreport *r);
/* Set r->budget/executed/forecast to the sums over the sources (each set when any
 * source sets it). */
void jx_monreport_sum(jx_monreport *r);
/* A report to be filled: the department-year doc's unit (code, else its name; the unit's
 * name, else the department's), year and money unit at month-day; its budget by source
 * (finance.adjusted when given, as 全年预算数 of one 财政拨款 row; else budget.fiscal and
 * budget.other, else budget.total), nothing executed; its indicators with level1, level2,
 * name and the target as written (nature, value, unit: "≥95%", "达成"; target_read is left
 * zero: the caller reads it, jx_target_read being in parse/).  NULL when doc is
 * NULL.  Added for `jixiao template --kind checkpoint` of a department-year. */
jx_monreport *jx_monreport_from_doc(const jx_doc *doc, int month, int day);
/* 是否能完成 as written: 是/能/可以/yes/true → 1, 否/不能/no/false → 0, blank → -1; -2 unknown. */
int jx_mon_yes_no(const char *text);
/* The light named 红/黄/绿 (or red/yellow/green); JX_LIGHT_NONE for anything else. */
jx_light jx_light_parse(const char *text);

#endif
