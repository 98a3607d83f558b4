/* emit.h — how a text scalar is written in the YAML jixiao writes (internal). */
#ifndef JX_EMIT_H
#define JX_EMIT_H

#include "util/arena.h"

/* text as a YAML scalar: plain when a reader cannot misread it, else double-quoted with
 * escapes.  The result is owned by a. */
char *jx_yaml_quote(jx_arena *a, const char *text);
/* The same for a value that is text by its field's type (a code, a name, a list item):
 * text another YAML reader would take for a number or a date is quoted too. */
char *jx_yaml_quote_text(jx_arena *a, const char *text);
/* The same for a text inside a flow mapping ({unit: 场}): quoted also when it holds a flow
 * indicator (, [ ] { }). */
char *jx_yaml_quote_flow(jx_arena *a, const char *text);

#endif
