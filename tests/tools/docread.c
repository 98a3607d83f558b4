/* docread.c — test tool: print the importer's table text of one document (import/docread.h).
 *
 *   jx_docread FILE      → the text on stdout, exit 0; the reader's sentence on stderr, exit 1
 *
 * The reader is chosen by the file's first bytes and name, as import-report chooses it
 * (%PDF- → by layout, PK → DOCX or XLSX by name, <html… or .html → HTML). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/docread.h"

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      if (cap >= JX_DOCREAD_MAX_INPUT) break;
      cap *= 2;
      char *nb = realloc(buf, cap);
      if (!nb) break;
      buf = nb;
    }
  }
  fclose(f);
  *n = len;
  return buf;
}

static int ends(const char *s, const char *e) {
  size_t n = strlen(s), m = strlen(e);
  return n >= m && strcmp(s + n - m, e) == 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: jx_docread FILE\n");
    return 2;
  }
  const char *path = argv[1];
  size_t n = 0;
  char *data = slurp(path, &n);
  if (!data) {
    fprintf(stderr, "cannot read %s\n", path);
    return 2;
  }
  char err[512] = "";
  char *text = NULL;
  size_t len = 0;
  jx_status st;
  if (n >= 5 && !memcmp(data, "%PDF-", 5)) st = jx_pdf_layout_to_text(path, &text, &len, err, sizeof err);
  else if (n >= 4 && !memcmp(data, "PK\x03\x04", 4))
    st = ends(path, ".xlsx") ? jx_xlsx_file_to_text(path, &text, &len, err, sizeof err)
                             : jx_docx_to_text(path, &text, &len, err, sizeof err);
  else st = jx_html_to_text(path, data, n, &text, &len, err, sizeof err);
  free(data);
  if (st != JX_OK) {
    fprintf(stderr, "%s\n", err);
    free(text);
    return 1;
  }
  if (strlen(text) != len) {
    fprintf(stderr, "jx_docread: the reader's length %zu differs from its text's %zu\n", len, strlen(text));
    return 3;
  }
  fwrite(text, 1, len, stdout);
  free(text);
  return 0;
}
