/* fuzz_xlsx.c — libFuzzer target: spreadsheets from untrusted bytes through the XLSX and
 * CSV readers and the sheet importer (jx_sheet_import_mem).
 *
 * The first byte chooses what the rest is:
 *   'C'  CSV text;
 *   'Z'  the bytes of a zip file, as they are (the zip layer, damaged packages);
 *   else a package written out as text, parts separated by lines "@@ NAME" (the seeds
 *        in fuzz/corpus/xlsx/ are the templates jixiao writes, in that form): the parts
 *        are stored uncompressed in a zip built here, so that mutations reach the XML
 *        parser and the importer instead of dying on a CRC.
 * An imported document is also checked (jx_sheet_check, with the shipped frameworks).
 * Besides any sanitizer report or leak, a finding is an import that succeeds but whose
 * document cannot be written as YAML and read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "jixiao.h"

/* The parts of a "@@ NAME\n…" text as a stored zip, malloc'd; NULL when there is none. */
static void *package(const uint8_t *data, size_t size, size_t *len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  if (!src) return NULL;
  zip_source_keep(src);
  zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  if (!z) {
    zip_source_free(src);
    return NULL;
  }
  const char *p = (const char *)data, *end = p + size;
  int parts = 0;
  while (p < end && parts < 64) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) break;
    if (nl - p > 3 && !memcmp(p, "@@ ", 3)) {
      char name[256];
      size_t n = (size_t)(nl - p - 3) < sizeof name - 1 ? (size_t)(nl - p - 3) : sizeof name - 1;
      memcpy(name, p + 3, n);
      name[n] = '\0';
      const char *body = nl + 1, *next = body;
      while (next < end) {
        const char *q = memchr(next, '\n', (size_t)(end - next));
        if (!q) {
          next = end;
          break;
        }
        if (end - q > 3 && !memcmp(q + 1, "@@ ", 3)) {
          next = q + 1;
          break;
        }
        next = q + 1;
      }
      size_t blen = (size_t)(next - body);
      zip_source_t *s = zip_source_buffer(z, body, blen, 0);
      zip_int64_t idx = s ? zip_file_add(z, name, s, ZIP_FL_OVERWRITE) : -1;
      if (s && idx < 0) zip_source_free(s);
      if (idx >= 0) zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
      parts++;
      p = next;
    } else {
      p = nl + 1;
    }
  }
  if (zip_close(z) != 0) {
    zip_discard(z);
    zip_source_free(src);
    return NULL;
  }
  void *buf = NULL;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    if (n > 0 && (buf = malloc((size_t)n)) && zip_source_read(src, buf, (zip_uint64_t)n) == n) *len = (size_t)n;
    else {
      free(buf);
      buf = NULL;
    }
    zip_source_close(src);
  }
  zip_source_free(src);
  return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  jx_diags d = {0};
  jx_doc *doc = NULL;
  void *zip = NULL;
  if (data[0] == 'C') {
    jx_sheet_import_mem("fuzz.csv", data + 1, size - 1, NULL, &doc, NULL, &d);
  } else if (data[0] == 'Z') {
    jx_sheet_import_mem("fuzz.xlsx", data + 1, size - 1, NULL, &doc, NULL, &d);
  } else {
    size_t len = 0;
    zip = package(data, size, &len);
    if (zip) jx_sheet_import_mem("fuzz.xlsx", zip, len, NULL, &doc, NULL, &d);
  }
  if (doc) {
    /* what was imported can be written and read again */
    char *yaml = NULL;
    size_t ylen = 0;
    FILE *f = open_memstream(&yaml, &ylen);
    char err[256];
    if (!f || jx_doc_write_yaml(doc, f, err, sizeof err) != JX_OK) abort();
    fclose(f);
    jx_diags pd = {0};
    jx_doc *back = NULL;
    jx_doc_parse("fuzz.yaml", yaml, ylen, &back, &pd);
    if (!back) {
      fprintf(stderr, "fuzz_xlsx: the imported document's YAML does not read back:\n%s\n", yaml);
      jx_diags_print(&pd, stderr);
      abort();
    }
    jx_doc_free(back);
    jx_diags_free(&pd);
    free(yaml);
    /* and checked at its cells, as `jixiao import --check` does */
    jx_diags cd = {0};
    jx_sheet_check(doc, JX_SOURCE_DIR "/frameworks", &cd);
    jx_diags_free(&cd);
  }
  jx_doc_free(doc);
  jx_diags_free(&d);
  free(zip);
  return 0;
}
