/* fuzz_decl.c — libFuzzer target: a declaration file (kind: declaration) from untrusted bytes, sniffed, loaded and written back.
 *
 *   input bytes ─► jx_decl_sniff
 *               ─► jx_decl_parse ─► jx_decl_write_yaml ─► jx_decl_parse ─► jx_decl_write_yaml
 *
 * The input is passed exactly as given (not NUL-terminated).  A declaration that loads
 * without errors must load again from what jx_decl_write_yaml wrote, without errors, into
 * the same model (jx_decl_same), and writing it again must give the same bytes: a
 * difference is a finding (trap), as is any sanitizer report, leak or abort. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"
#include "model/decl.h"

static char *emit(const jx_decl *d, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  if (!f) abort();
  char err[128];
  if (jx_decl_write_yaml(d, f, err, sizeof err) != JX_OK) __builtin_trap();
  fclose(f);
  return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > JX_MAX_FILE_BYTES) return 0; /* jx_decl_load refuses these before parsing */
  (void)jx_decl_sniff((const char *)data, size);
  jx_diags diags = {0};
  jx_decl *d = NULL;
  jx_status st = jx_decl_parse("fuzz.yaml", (const char *)data, size, &d, &diags);
  if (d && st == JX_OK) {
    size_t len = 0, len2 = 0;
    char *text = emit(d, &len);
    jx_diags again = {0};
    jx_decl *back = NULL;
    if (jx_decl_parse("back.yaml", text, len, &back, &again) != JX_OK || !back) __builtin_trap();
    char why[256];
    if (!jx_decl_same(d, back, why, sizeof why)) {
      fprintf(stderr, "fuzz_decl: round trip differs: %s\n", why);
      __builtin_trap();
    }
    char *text2 = emit(back, &len2);
    if (len != len2 || memcmp(text, text2, len) != 0) __builtin_trap();
    free(text2);
    free(text);
    jx_decl_free(back);
    jx_diags_free(&again);
  }
  for (size_t i = 0; i < diags.n; i++) {
    const jx_diag *g = &diags.items[i];
    if (g->code[0] != 'J' || g->code[1] != 'X' || !g->message) __builtin_trap();
  }
  jx_decl_free(d);
  jx_diags_free(&diags);
  return 0;
}
