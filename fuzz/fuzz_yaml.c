/* fuzz_yaml.c — libFuzzer target: a department-year file from untrusted bytes, all the way
 * through parsing, reference resolution, checking, scoring and both renderers.
 *
 *   input bytes ─► jx_doc_parse ─► jx_evaluate (every shipped framework of the doc's kind)
 *                                   ─► jx_result_write_json / jx_result_write_text ─► /dev/null
 *                                   ─► jx_report_build ─► jx_render_markdown ─► /dev/null
 *
 * The input is passed exactly as given (not NUL-terminated): jx_doc_parse promises to read
 * len bytes and no more, and ASan holds it to that.  The frameworks are loaded once, from
 * the source tree (JX_SOURCE_DIR, set by fuzz/CMakeLists.txt), with jx_framework_find so
 * that a department framework's project_framework is loaded too.  Any sanitizer report,
 * leak or abort is a finding; diagnostics about the data are not. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "jixiao.h"
#include "render/report.h"

#ifndef JX_SOURCE_DIR
#error "JX_SOURCE_DIR must name the source tree (fuzz/CMakeLists.txt defines it)"
#endif

#define FRAMEWORKS_DIR JX_SOURCE_DIR "/frameworks"

/* Every framework shipped in frameworks/; a document is evaluated with each one of its
 * kind (the department ones differ: assessed blocks vs formula blocks). */
static const struct {
  const char *id;
  jx_doc_kind kind;
} shipped[] = {
    {"sichuan-ebian-department-2023", JX_KIND_DEPARTMENT},
    {"example-formula-department", JX_KIND_DEPARTMENT},
    {"cn-mof-2020-10-project", JX_KIND_PROJECT},
};
enum { N_FRAMEWORKS = sizeof shipped / sizeof shipped[0] };

static jx_framework *frameworks[N_FRAMEWORKS];
static FILE *devnull;

static void load_once(void) {
  static int done;
  if (done) return;
  done = 1;
  for (size_t i = 0; i < N_FRAMEWORKS; i++) {
    jx_diags d = {0};
    if (jx_framework_find(shipped[i].id, FRAMEWORKS_DIR, &frameworks[i], &d) != JX_OK || !frameworks[i]) {
      fprintf(stderr, "fuzz_yaml: cannot load framework %s from %s:\n", shipped[i].id, FRAMEWORKS_DIR);
      jx_diags_print(&d, stderr);
      abort(); /* a broken setup must not pass for a quiet fuzzer */
    }
    jx_diags_free(&d);
  }
  devnull = fopen("/dev/null", "w");
  if (!devnull) {
    perror("fuzz_yaml: /dev/null");
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  load_once();
  if (size > JX_MAX_FILE_BYTES) return 0; /* jx_doc_load refuses these before parsing */

  jx_diags diags = {0};
  jx_doc *doc = NULL;
  jx_doc_parse("fuzz.yaml", (const char *)data, size, &doc, &diags);
  if (doc) {
    for (size_t i = 0; i < N_FRAMEWORKS; i++) {
      if (shipped[i].kind != doc->kind) continue;
      jx_result *res = NULL;
      jx_evaluate(doc, frameworks[i], &res, &diags);
      if (res) {
        jx_diags_sort(&diags);
        jx_result_write_json(res, &diags, devnull);
        jx_result_write_text(res, devnull);
        /* the report document and its Markdown (the other backends need fonts: slow) */
        jx_report *rep = jx_report_build(doc, res);
        jx_render_markdown(rep, devnull);
        jx_report_free(rep);
        jx_result_free(res);
      }
    }
  }
  jx_diags_sort(&diags);
  jx_diags_print(&diags, devnull);
  for (size_t i = 0; i < diags.n; i++) {
    /* every diagnostic is well formed: a JXnnn code and a message */
    const jx_diag *g = &diags.items[i];
    if (g->code[0] != 'J' || g->code[1] != 'X' || !g->message) __builtin_trap();
  }
  jx_doc_free(doc);
  jx_diags_free(&diags);
  return 0;
}
