/* helpers.c — shared helpers for the cmocka unit tests. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t count_code(const jx_diags *d, const char *code) {
  size_t n = 0;
  for (size_t i = 0; i < d->n; i++) n += strcmp(d->items[i].code, code) == 0;
  return n;
}

size_t count_code_sev(const jx_diags *d, const char *code, jx_severity sev) {
  size_t n = 0;
  for (size_t i = 0; i < d->n; i++) n += strcmp(d->items[i].code, code) == 0 && d->items[i].severity == sev;
  return n;
}

const jx_diag *find_code(const jx_diags *d, const char *code) {
  for (size_t i = 0; i < d->n; i++)
    if (strcmp(d->items[i].code, code) == 0) return &d->items[i];
  return NULL;
}

const jx_diag *find_code_msg(const jx_diags *d, const char *code, const char *needle) {
  for (size_t i = 0; i < d->n; i++)
    if (strcmp(d->items[i].code, code) == 0 && d->items[i].message && strstr(d->items[i].message, needle)) return &d->items[i];
  return NULL;
}

void dump_diags(const jx_diags *d) {
  for (size_t i = 0; i < d->n; i++) {
    const jx_diag *g = &d->items[i];
    fprintf(stderr, "  [diag] %s:%u:%u: %s: %s %s\n", g->pos.file ? g->pos.file : "<none>", g->pos.line, g->pos.col,
            jx_severity_name(g->severity), g->code, g->message ? g->message : "(no message)");
  }
}

uint32_t line_of(const char *text, const char *needle) {
  const char *at = strstr(text, needle);
  if (!at) fail_msg("line_of: “%s” not in the test document", needle);
  uint32_t line = 1;
  for (const char *p = text; p < at; p++) line += *p == '\n';
  return line;
}

void eval_text(eval_run *run, const char *yaml, const char *path) {
  memset(run, 0, sizeof *run);
  jx_status fst = jx_framework_load(path, &run->fw, &run->d);
  if (fst != JX_OK || !run->fw) {
    dump_diags(&run->d);
    fail_msg("framework %s did not load", path);
  }
  run->parse_status = jx_doc_parse("test.yaml", yaml, strlen(yaml), &run->doc, &run->d);
  if (!run->doc) {
    dump_diags(&run->d);
    fail_msg("test document did not parse");
  }
  run->eval_status = jx_evaluate(run->doc, run->fw, &run->res, &run->d);
  assert_non_null(run->res);
  if (getenv("JX_TEST_VERBOSE")) {
    fprintf(stderr, "--- %zu diagnostics, total %lld, grade %s\n", run->d.n, (long long)run->res->total, run->res->grade);
    dump_diags(&run->d);
  }
}

void eval_run_free(eval_run *run) {
  jx_result_free(run->res);
  jx_doc_free(run->doc);
  jx_framework_free(run->fw);
  jx_diags_free(&run->d);
  memset(run, 0, sizeof *run);
}

const jx_indicator_score *score_of(const jx_result *r, const char *name) {
  for (size_t i = 0; i < r->indicators.n; i++) {
    const jx_indicator *ind = r->indicators.items[i].indicator;
    if (ind && ind->name && strcmp(ind->name, name) == 0) return &r->indicators.items[i];
  }
  return NULL;
}

const jx_block_score *block_of(const jx_result *r, const char *name) {
  for (size_t i = 0; i < r->blocks.n; i++)
    if (r->blocks.items[i].name && strcmp(r->blocks.items[i].name, name) == 0) return &r->blocks.items[i];
  return NULL;
}

bool under_ci(void) {
  const char *ci = getenv("CI");
  return ci && strcmp(ci, "true") == 0;
}

const char *fmt(const char *f, ...) {
  static char bufs[4][65536];
  static int next;
  char *b = bufs[next++ % 4];
  va_list ap;
  va_start(ap, f);
  int n = vsnprintf(b, sizeof bufs[0], f, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof bufs[0]) fail_msg("fmt: buffer too small");
  return b;
}

char *read_file_maybe(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0, k;
  char *p = malloc(cap);
  assert_non_null(p);
  while ((k = fread(p + n, 1, cap - n - 1, f)) > 0) {
    n += k;
    if (n + 1 == cap) {
      cap *= 2;
      p = realloc(p, cap);
      assert_non_null(p);
    }
  }
  fclose(f);
  p[n] = '\0';
  if (len) *len = n;
  return p;
}

char *read_file(const char *path, size_t *len) {
  char *p = read_file_maybe(path, len);
  if (!p) fail_msg("cannot read %s", path);
  return p;
}
