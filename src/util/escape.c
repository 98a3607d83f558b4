/* escape.c — text written into markup (HTML, Markdown) through a replacement table. */
#include "util/escape.h"

void jx_fput_escaped(FILE *out, const char *s, const jx_escape_map *map) {
  if (!s) return;
  const char *run = s; /* bytes not yet written that need no replacement */
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    const char *rep = c < 128 ? map->replace[c] : NULL;
    if (!rep) continue;
    if (s > run) fwrite(run, 1, (size_t)(s - run), out);
    fputs(rep, out);
    run = s + 1;
  }
  if (s > run) fwrite(run, 1, (size_t)(s - run), out);
}
