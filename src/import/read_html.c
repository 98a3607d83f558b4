/* read_html.c — a saved web page's text and tables as the importer's table text (docread.h). */
#include <stdio.h>
#include <stdlib.h>

#include "import/docread.h"

jx_status jx_html_to_text(const char *name, const char *data, size_t n, char **out, size_t *len, char *err,
                          size_t errlen) {
  (void)name;
  (void)data;
  (void)n;
  *out = NULL;
  *len = 0;
  snprintf(err, errlen, "尚不能读取 HTML 文件");
  return JX_ERR_DATA;
}
