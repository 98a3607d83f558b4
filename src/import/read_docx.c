/* read_docx.c — a DOCX file's paragraphs and tables as the importer's table text (docread.h). */
#include <stdio.h>
#include <stdlib.h>

#include "import/docread.h"

jx_status jx_docx_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen) {
  (void)path;
  *out = NULL;
  *len = 0;
  snprintf(err, errlen, "尚不能读取 DOCX 文件");
  return JX_ERR_DATA;
}
