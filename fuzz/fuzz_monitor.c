/* fuzz_monitor.c — libFuzzer target: a checkpoint report (kind: monitoring) from untrusted bytes, loaded, its lights computed, written back.
 *
 *   input bytes ─► jx_monreport_sniff
 *               ─► jx_monreport_parse ─► jx_monitor_evaluate (default rules)
 *               ─► jx_monreport_write_yaml ─► jx_monreport_parse ─► jx_monreport_write_yaml
 *
 * The input is passed exactly as given (not NUL-terminated).  A report that loads without
 * errors must load again, without errors, from what jx_monreport_write_yaml wrote, and
 * writing it again must give the same bytes; its lights must be computed the same from
 * both: a difference is a finding (trap), as is any sanitizer report, leak or abort. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

static jx_monrules *rules;

static char *emit(const jx_monreport *r, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  if (!f) abort();
  char err[128];
  if (jx_monreport_write_yaml(r, f, err, sizeof err) != JX_OK) __builtin_trap();
  fclose(f);
  return buf;
}

static jx_light light_of(const jx_monreport *r) {
  jx_diags d = {0};
  jx_monresult *res = NULL;
  (void)jx_monitor_evaluate(r, rules, &res, &d);
  jx_light l = res ? res->light : JX_LIGHT_NONE;
  if (res && res->indicators.n != r->indicators.n) __builtin_trap();
  jx_monresult_free(res);
  jx_diags_free(&d);
  return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > JX_MAX_FILE_BYTES) return 0; /* jx_monreport_load refuses these before parsing */
  if (!rules) {
    jx_diags d = {0};
    if (jx_monrules_default(&rules, &d) != JX_OK) abort();
    jx_diags_free(&d);
  }
  (void)jx_monreport_sniff((const char *)data, size);
  jx_diags diags = {0};
  jx_monreport *r = NULL;
  jx_status st = jx_monreport_parse("fuzz.yaml", (const char *)data, size, &r, &diags);
  if (r && st == JX_OK) {
    jx_light l = light_of(r);
    size_t len = 0, len2 = 0;
    char *text = emit(r, &len);
    jx_diags again = {0};
    jx_monreport *back = NULL;
    if (jx_monreport_parse("back.yaml", text, len, &back, &again) != JX_OK || !back) {
      fprintf(stderr, "fuzz_monitor: written report does not load back:\n%.*s\n", (int)len, text);
      __builtin_trap();
    }
    if (light_of(back) != l) __builtin_trap();
    char *text2 = emit(back, &len2);
    if (len != len2 || memcmp(text, text2, len) != 0) __builtin_trap();
    free(text2);
    free(text);
    jx_monreport_free(back);
    jx_diags_free(&again);
  } else if (r) {
    (void)light_of(r); /* lights of a report with errors: computed without crashing */
  }
  for (size_t i = 0; i < diags.n; i++) {
    const jx_diag *g = &diags.items[i];
    if (g->code[0] != 'J' || g->code[1] != 'X' || !g->message) __builtin_trap();
  }
  jx_monreport_free(r);
  jx_diags_free(&diags);
  return 0;
}
