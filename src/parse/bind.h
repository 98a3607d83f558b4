/* bind.h — bind a YAML node tree to C structs by schema (internal). */
#ifndef JX_BIND_H
#define JX_BIND_H

#include "model/schema.h"
#include "parse/yaml_tree.h"

typedef struct {
  jx_arena *arena;
  jx_diags *diags;
  int64_t money_unit_fen; /* unit of money written without one */
} jx_binder;

/* Bind node (a mapping) into base by schema s.  Every problem is a diagnostic;
 * binding goes on past errors.  what names the mapping in messages. */
void jx_bind_map(jx_binder *b, const jx_schema *s, const jx_node *node, void *base, const char *what);
/* Parse a 指标性质 symbol ("≥", ">=", "＝", "定性" …).  Returns JX_NATURE_NONE if unknown;
 * *consumed gets the bytes used when prefix is true (symbol followed by more text). */
jx_nature jx_nature_parse(const char *text, bool prefix, size_t *consumed);
/* Parse a value scalar (number, qualitative text or "= expression"). Adds JX111 for
 * text that looks numeric but is not a valid number. */
void jx_value_parse(jx_binder *b, const jx_node *node, jx_value *v);

#endif
