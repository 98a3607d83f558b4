/* fuzz_import.c — libFuzzer target: a published report's text from untrusted bytes through
 * the importer (lines, cell gluing, narrative and table extraction, the YAML writer).
 *
 *   input bytes ─► jx_import_text ─► the YAML it wrote ─► jx_doc_parse
 *
 * The input is passed exactly as given (not NUL-terminated).  Besides any sanitizer
 * report, leak or abort, a finding is YAML that the import writes and the reader then
 * rejects (JX1xx, which the import reports as JX509): whatever the text says, the file
 * made from it must read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  jx_diags d = {0};
  jx_import_result *r = NULL;
  jx_import_text("fuzz.txt", (const char *)data, size, &r, &d);
  for (size_t i = 0; i < d.n; i++)
    if (!strcmp(d.items[i].code, "JX509")) {
      fprintf(stderr, "fuzz_import: the import wrote YAML that does not read back: %s\n", d.items[i].message);
      if (r) fprintf(stderr, "%s\n", jx_import_yaml(r, NULL));
      abort();
    }
  if (r) {
    size_t len;
    const char *yaml = jx_import_yaml(r, &len);
    if (!yaml || strlen(yaml) != len) abort(); /* NUL-terminated, no NUL inside */
    jx_diags pd = {0};
    jx_doc *doc = NULL;
    jx_doc_parse("fuzz.yaml", yaml, len, &doc, &pd);
    for (size_t i = 0; i < pd.n; i++)
      if (pd.items[i].code[2] == '1' && pd.items[i].severity == JX_ERROR) {
        fprintf(stderr, "fuzz_import: %s %s\n%s\n", pd.items[i].code, pd.items[i].message, yaml);
        abort();
      }
    /* the line map answers for every line, and only with lines of the input */
    jx_import_summary s;
    jx_import_get_summary(r, &s);
    for (uint32_t y = 0; y < 100000; y++) {
      uint32_t l = jx_import_source_line(r, y);
      if (l > s.lines) abort();
      if (!l && y > 2000) break;
    }
    jx_doc_free(doc);
    jx_diags_free(&pd);
  }
  jx_import_free(r);
  jx_diags_free(&d);
  return 0;
}
