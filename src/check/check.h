/* check.h — the checks of a department-year: sums recomputed, parts compared (internal). */
#ifndef JX_CHECK_H
#define JX_CHECK_H

#include "model/framework.h"
#include "model/metrics.h"

/* JX2xx: every stated sum of doc recomputed (weights against fw's split, money rows of
 * the projects fw does not score as their own).  Problems appended to d. */
void jx_check_sums(const jx_doc *doc, const jx_framework *fw, jx_diags *d);
/* JX4xx: the parts of doc compared with each other and with r's metrics (claims in the
 * analyses, fw's limits, the stated total's attainment).  Problems appended to d. */
void jx_check_consistency(const jx_doc *doc, const jx_framework *fw, const jx_result *r, jx_diags *d);
/* JX409: a claim about execution progress at named months ("6、9、11月预算执行进度达到
 * 85%以上") checked against doc's checkpoints (its `monitoring:` list or the stored
 * records attached to it).  Returns false, adding nothing, when the item names no month
 * (the year-end metric then checks it); true when it was handled here. */
bool jx_check_checkpoint_claim(const jx_doc *doc, const jx_analysis_item *it, bool projects, const char *part, jx_diags *d);
/* JX410: a statement that monitoring found no problem (及时处置: “未发现问题”) against the
 * checkpoints: a red light or a written 偏差原因 contradicts it; no checkpoint: a note. */
void jx_check_timely_handling(const jx_doc *doc, const jx_analysis_item *it, const char *part, jx_diags *d);
/* jx_monitor_evaluate without the execution light's derivation (exec.derivation NULL
 * unless the date is invalid): the same lights, figures and diagnostics, for a bulk
 * sheet's thousands of reports, whose derivations are written when they are read. */
jx_status jx_monitor_lights(const jx_monreport *report, const jx_monrules *rules, jx_monresult **out, jx_diags *diags);

#endif
