/* ref.h — reference expressions ("= finance.expenditure.basic + …") over the model (internal). */
#ifndef JX_REF_H
#define JX_REF_H

#include "jixiao.h"

/* Resolve every JX_VAL_REF actual/target in doc (department table, projects, the
 * project of a project file), converting money to each indicator's unit.  Bad paths
 * (JX122), cycles (JX123) and type mismatches are diagnostics. */
void jx_refs_resolve(jx_doc *doc, jx_diags *diags);

typedef enum { JX_REF_NONE, JX_REF_MONEY, JX_REF_NUMBER } jx_ref_type;

/* Evaluate a path expression (without the leading '=').  On success returns the type
 * and writes *fen (money) or *num (× JX_NUM_SCALE); on failure adds a diagnostic at
 * pos and returns JX_REF_NONE. */
jx_ref_type jx_ref_eval(const jx_doc *doc, const char *expr, jx_pos pos, jx_diags *diags, int64_t *fen, int64_t *num);

#endif
