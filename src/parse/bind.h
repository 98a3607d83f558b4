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
/* An indicator's 指标值 and 指标性质 read together (target_text.c; docs/format.md, 指标值): a
 * text target read by jx_target_read becomes a number and gives its nature (JX114 when it
 * contradicts the declared one); unreadable text under a quantitative nature makes it 定性
 * (JX116), with no nature at all 定性 silently; 定量 takes the text's direction or a default
 * (JX117); a unit read fills an empty unit (JX118 when it differs).  Strings in a. */
void jx_target_settle(jx_arena *a, jx_diags *d, jx_indicator *ind);

#endif
