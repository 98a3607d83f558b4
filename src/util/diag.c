/* diag.c — diagnostics: collect, sort and print them as a compiler does. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/text.h"

void jx_diag_add(jx_diags *d, const char *code, jx_severity sev, jx_pos pos, const char *fmt, ...) {
  if (!d) return;
  if (!d->arena) d->arena = jx_arena_new();
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 16;
    d->items = jx_xrealloc(d->items, d->cap * sizeof *d->items);
  }
  jx_diag *g = &d->items[d->n++];
  memset(g, 0, sizeof *g);
  snprintf(g->code, sizeof g->code, "%s", code);
  g->severity = sev;
  g->pos = pos;
  if (pos.file) g->pos.file = jx_arena_strdup(d->arena, pos.file);
  va_list ap;
  va_start(ap, fmt);
  g->message = jx_arena_vprintf(d->arena, fmt, ap);
  va_end(ap);
  if (sev == JX_ERROR) d->n_error++;
  if (sev == JX_WARNING) d->n_warning++;
}

void jx_diags_free(jx_diags *d) {
  if (!d) return;
  free(d->items);
  jx_arena_free(d->arena);
  memset(d, 0, sizeof *d);
}

static int cmp_str(const char *a, const char *b) {
  if (a == b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  return strcmp(a, b);
}

static void sort_range(jx_diag *v, size_t n) {
  /* insertion sort: stable, and diagnostics are few and mostly ordered already */
  for (size_t i = 1; i < n; i++) {
    jx_diag x = v[i];
    size_t j = i;
    while (j > 0) {
      const jx_diag *p = &v[j - 1];
      int c = cmp_str(p->pos.file, x.pos.file);
      if (c == 0) c = (p->pos.line > x.pos.line) - (p->pos.line < x.pos.line);
      if (c == 0) c = (p->pos.col > x.pos.col) - (p->pos.col < x.pos.col);
      if (c == 0) c = strcmp(p->code, x.code);
      if (c <= 0) break;
      v[j] = v[j - 1];
      j--;
    }
    v[j] = x;
  }
}

void jx_diags_sort(jx_diags *d) {
  if (d && d->n > 1) sort_range(d->items, d->n);
}

const char *jx_severity_name(jx_severity s) {
  switch (s) {
  case JX_ERROR: return "error";
  case JX_WARNING: return "warning";
  default: return "note";
  }
}

static bool same_problem(const jx_diag *a, const jx_diag *b) {
  return a->severity == b->severity && !strcmp(a->code, b->code) && !strcmp(a->message, b->message) &&
         !strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "");
}

/* The file name and the message go to a terminal: a control character in them (an
 * escape sequence in a department code or a file name) is written as a visible \xHH. */
void jx_diags_print(const jx_diags *d, FILE *out) {
  if (!d) return;
  for (size_t i = 0; i < d->n; i++) {
    const jx_diag *g = &d->items[i];
    const char *file = g->pos.file ? g->pos.file : "<input>";
    jx_fput_visible(out, file);
    if (g->pos.line) fprintf(out, ":%u:%u", g->pos.line, g->pos.col ? g->pos.col : 1);
    fprintf(out, ": %s: %s ", jx_severity_name(g->severity), g->code);
    jx_fput_visible(out, g->message);
    fputc('\n', out);
    size_t run = 1; /* the same problem again right after: said once, with its lines */
    while (i + run < d->n && same_problem(g, &d->items[i + run])) run++;
    if (run < 3) continue;
    const jx_diag *last = &d->items[i + run - 1];
    jx_fput_visible(out, file);
    fprintf(out, ": %s: %s 同一问题另有 %zu 处", jx_severity_name(g->severity), g->code, run - 1);
    if (d->items[i + 1].pos.line && last->pos.line)
      fprintf(out, "（第 %u–%u 行）", d->items[i + 1].pos.line, last->pos.line);
    fputc('\n', out);
    i += run - 1;
  }
}
