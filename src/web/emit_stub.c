/* emit_stub.c — TEMPORARY until src/model/emit.c lands from main: a weak stand-in. */
#include <stdio.h>

#include "jixiao.h"

JX_API jx_status jx_doc_write_yaml(const jx_doc *doc, FILE *out, char *err, size_t errlen);
__attribute__((weak)) jx_status jx_doc_write_yaml(const jx_doc *doc, FILE *out, char *err, size_t errlen) {
  (void)doc;
  (void)out;
  snprintf(err, errlen, "暂不支持按表格修改（等待 jx_doc_write_yaml）");
  return JX_ERR_IO;
}

