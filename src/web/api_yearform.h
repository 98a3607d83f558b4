/* api_yearform.h — the whole-year form of a department-year as JSON (GET /api/years/{id}
 * and its live check answer it as `form`; docs/api.md) (internal). */
#ifndef JX_API_YEARFORM_H
#define JX_API_YEARFORM_H

#include "web/web.h"

/* The form of e (jx_year_form): {money_unit, stated_total, sections:[{id, title, grid,
 * fields:[{path, label, name, group, kind, text, unit, multiline, reference, value, source,
 * diagnostics}]}], diagnostics:[{code, severity, message, path, label}]}.  Each diagnostic
 * is tied to its field by path where it can be (no line numbers are given out); the rest
 * have a null path.  null when e has no document. */
json_t *jx_year_form_json(jx_req *r, const jx_evaluated *e, const char *yaml, size_t len);

#endif
