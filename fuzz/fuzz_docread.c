/* fuzz_docread.c — libFuzzer target: the DOCX and HTML readers of import-report
 * (import/docread.h) on untrusted bytes.
 *
 * Every input goes, as it is, to jx_html_to_text.  For jx_docx_to_text (which reads a
 * path) the input is written to one temporary file:
 *   'Z' first: the rest is the bytes of a zip file (the zip layer, damaged packages);
 *   else     : the input is word/document.xml, stored uncompressed in a zip built here,
 *              so that mutations reach the XML handling instead of dying on a CRC (the
 *              seeds in fuzz/corpus/docread/ are document.xml parts and web pages).
 * Besides any sanitizer report or leak, a finding is a reader that returns a status
 * other than JX_OK / JX_ERR_DATA / JX_ERR_IO, text on failure, no text or no sentence
 * when it should have one, or a length that is not the text's (a NUL inside). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "import/docread.h"

static char tmp_path[64];

static void remove_tmp(void) {
  if (tmp_path[0]) unlink(tmp_path);
}

static void check(const char *who, jx_status st, const char *out, size_t len, const char *err) {
  if (st != JX_OK && st != JX_ERR_DATA && st != JX_ERR_IO) {
    fprintf(stderr, "fuzz_docread: %s returned status %d\n", who, (int)st);
    abort();
  }
  if (st == JX_OK && (!out || strlen(out) != len)) {
    fprintf(stderr, "fuzz_docread: %s: text %s, length %zu, strlen %zu\n", who, out ? "present" : "NULL", len,
            out ? strlen(out) : 0);
    abort();
  }
  if (st != JX_OK && (out || !err[0])) {
    fprintf(stderr, "fuzz_docread: %s failed (%d) with %s and sentence \"%s\"\n", who, (int)st,
            out ? "text" : "no text", err);
    abort();
  }
}

/* The bytes as the temporary file, or as its word/document.xml. */
static bool write_input(const uint8_t *data, size_t size) {
  if (size && data[0] == 'Z') {
    FILE *f = fopen(tmp_path, "wb");
    if (!f) return false;
    bool ok = fwrite(data + 1, 1, size - 1, f) == size - 1;
    return fclose(f) == 0 && ok;
  }
  int code = 0;
  zip_t *z = zip_open(tmp_path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!z) return false;
  zip_source_t *s = zip_source_buffer(z, size ? data : (const void *)"", size, 0);
  zip_int64_t idx = s ? zip_file_add(z, "word/document.xml", s, ZIP_FL_OVERWRITE) : -1;
  if (idx < 0) {
    zip_source_free(s);
    zip_discard(z);
    return false;
  }
  zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
  if (zip_close(z) == 0) return true;
  zip_discard(z);
  return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!tmp_path[0]) {
    snprintf(tmp_path, sizeof tmp_path, "/tmp/fuzz_docread_%ld.docx", (long)getpid());
    atexit(remove_tmp);
  }
  char err[512] = "";
  char *out = NULL;
  size_t len = 0;
  jx_status st = jx_html_to_text("fuzz.html", (const char *)data, size, &out, &len, err, sizeof err);
  check("jx_html_to_text", st, out, len, err);
  free(out);

  if (!write_input(data, size)) return 0;
  err[0] = '\0';
  out = NULL;
  len = 0;
  st = jx_docx_to_text(tmp_path, &out, &len, err, sizeof err);
  check("jx_docx_to_text", st, out, len, err);
  free(out);
  return 0;
}
