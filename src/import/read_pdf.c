/* read_pdf.c — a PDF's words by position (pdftotext -bbox-layout) rebuilt into lines and
 * table cells by geometry, as the importer's table text (docread.h). */
#include <stdio.h>
#include <stdlib.h>

#include "import/docread.h"

jx_status jx_pdf_layout_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen) {
  (void)path;
  *out = NULL;
  *len = 0;
  snprintf(err, errlen, "尚不能按版面读取 PDF");
  return JX_ERR_IO; /* the caller falls back to pdftotext's plain text */
}
