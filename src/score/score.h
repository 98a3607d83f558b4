/* score.h — scoring rules (internal): one function per rule kind, pure and unit-tested. */
#ifndef JX_SCORE_H
#define JX_SCORE_H

#include "model/framework.h"
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

/* Checks (internal, called by jx_evaluate). */
void jx_check_sums(const jx_doc *doc, const jx_framework *fw, jx_diags *d);
void jx_check_consistency(const jx_doc *doc, const jx_framework *fw, const jx_result *r, jx_diags *d);
/* The framework search path for a data file: framework_path if given, else
 * $JIXIAO_FRAMEWORKS, ./frameworks, the file's ../frameworks and the installed directory. */
void jx_framework_search_path(const char *path, const char *framework_path, char *out, size_t cap);
/* True when a department's project is scored as its own project self-evaluation. */
bool jx_project_is_evaluated(const jx_project *p, const jx_framework *fw);
/* Look up a computed metric by name; NULL if unknown or not computable. */
const jx_metric_value *jx_result_metric(const jx_result *r, const char *name);

#endif
