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

#endif
