/* emit.h — how a text scalar is written in the YAML jixiao writes (internal). */
#ifndef JX_EMIT_H
#define JX_EMIT_H

#include "util/arena.h"

/* text as a YAML scalar: plain when a reader cannot misread it, else double-quoted with
 * escapes.  The result is owned by a. */
char *jx_yaml_quote(jx_arena *a, const char *text);

#endif
