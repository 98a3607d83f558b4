/* fuzz_pdflayout.c — libFuzzer target: the geometry stage of the PDF-by-layout reader
 * (import/pdf_layout.h) over untrusted `pdftotext -bbox-layout` XHTML and, after a line
 * "=====SVG=====", untrusted `pdftocairo -svg` (the tables' drawn rules).
 *
 *   input bytes ─► jx_pdf_bbox_svg_to_text ─► table text
 *
 * The input is passed exactly as given (not NUL-terminated).  Besides any sanitizer
 * report, leak or abort, a finding is a result that breaks docread.h's contract: text
 * whose length differs from *len, a NUL inside, a failure without a sentence, or an
 * output pointer left set on failure. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/pdf_layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *out = NULL, err[512] = "";
  size_t len = 0;
  static const char mark[] = "\n=====SVG=====\n";
  const char *svg = NULL;
  size_t n = size, svg_n = 0;
  for (size_t i = 0; i + sizeof mark - 1 <= size; i++)
    if (!memcmp(data + i, mark, sizeof mark - 1)) {
      n = i;
      svg = (const char *)data + i + sizeof mark - 1;
      svg_n = size - i - (sizeof mark - 1);
      break;
    }
  jx_status st = svg ? jx_pdf_bbox_svg_to_text((const char *)data, n, svg, svg_n, &out, &len, err, sizeof err)
                     : jx_pdf_bbox_to_text((const char *)data, size, &out, &len, err, sizeof err);
  if (st == JX_OK) {
    if (!out || strlen(out) != len) {
      fprintf(stderr, "fuzz_pdflayout: text of %zu bytes reported as %zu\n", out ? strlen(out) : 0, len);
      abort();
    }
  } else if (out || !err[0]) {
    fprintf(stderr, "fuzz_pdflayout: failure %d with %s\n", (int)st, out ? "text left" : "no sentence");
    abort();
  }
  free(out);
  return 0;
}
