/* metrics.h — the metrics of a result, shared by score/ and check/ (internal). */
#ifndef JX_METRICS_H
#define JX_METRICS_H

#include "model/framework.h"

/* Append the metrics of doc to r->metrics: the rates from its money and staff, and the
 * attainment from r's indicator scores (so after they are scored).  Derivations go to
 * r's arena. */
void jx_metrics_compute(jx_result *r, const jx_doc *doc);
/* True when a department's project is scored as its own project self-evaluation. */
bool jx_project_is_evaluated(const jx_project *p, const jx_framework *fw);
/* Look up a computed metric by name; NULL if unknown or not computable. */
const jx_metric_value *jx_result_metric(const jx_result *r, const char *name);

#endif
