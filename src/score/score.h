/* score.h — scoring (internal): one function per rule kind, pure and unit-tested, and jx_score_evaluate. */
#ifndef JX_SCORE_H
#define JX_SCORE_H

#include "model/framework.h"
#include "model/metrics.h"
#include "util/arena.h"

typedef struct {
  bool scored;
  int64_t score;          /* × JX_NUM_SCALE, hundredths */
  bool met;
  const char *derivation; /* arena-owned */
} jx_rule_out;

/* Quantitative indicator: a (actual), t (target), w (weight), all × JX_NUM_SCALE.
 * With ar NULL no derivation text is built (derivation is NULL). */
jx_rule_out jx_rule_quantitative(jx_arena *ar, jx_nature nature, int64_t a, int64_t t, int64_t w,
                                 jx_le_formula le);
/* A formula block on a metric value (percent × JX_NUM_SCALE); ar NULL as above. */
jx_rule_out jx_rule_block(jx_arena *ar, const jx_fw_block *b, int64_t v);
/* The grade for a total, from the framework's table. */
const char *jx_grade_for(const jx_framework *fw, int64_t total);

/* Called once for each document jx_score_evaluate scores, after it is scored (a
 * department's projects scored as their own before the department): the checks,
 * given by the caller so that score/ does not depend on check/. */
typedef void (*jx_score_check_fn)(const jx_doc *doc, const jx_framework *fw, const jx_result *r, jx_diags *d);
/* Score doc by fw (file_doc: the whole file, where `describes` paths are resolved; doc
 * itself for a file), then call check (may be NULL).  derive false: no indicator
 * derivation texts.  Caller owns *out (jx_result_free). */
jx_status jx_score_evaluate(const jx_doc *doc, const jx_doc *file_doc, const jx_framework *fw, bool derive,
                            jx_score_check_fn check, jx_result **out, jx_diags *d);

#endif
