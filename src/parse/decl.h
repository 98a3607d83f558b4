/* decl.h — reading a declaration's 指标值, for whoever builds a jx_decl above the model (internal). */
#ifndef JX_PARSE_DECL_H
#define JX_PARSE_DECL_H

#include "jixiao.h"

/* Set ind->read (jx_target_read of ind->value) and ind->not_applicable (不适用 written as
 * the 指标值 or the 三级指标).  What the loader does for every indicator; an importer or
 * the store calls it after setting value and name (src/model/decl.h builds the rest). */
void jx_decl_read_value(jx_decl_indicator *ind);

#endif
