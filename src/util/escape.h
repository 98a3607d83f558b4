/* escape.h — text written into markup with a per-byte replacement table (internal). */
#ifndef JX_ESCAPE_H
#define JX_ESCAPE_H

#include <stdio.h>

/* For each byte, the text written in its place, or NULL to write the byte itself.
 * Only ASCII bytes should have replacements: UTF-8 sequences pass through intact. */
typedef struct {
  const char *replace[128];
} jx_escape_map;

/* Write s (NULL: nothing) to out, each byte replaced as map says. */
void jx_fput_escaped(FILE *out, const char *s, const jx_escape_map *map);

#endif
