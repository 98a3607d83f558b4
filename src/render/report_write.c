/* report_write.c — jx_report_write: build the report once and hand it to the backend of a format. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "render/report.h"


bool jx_format_parse(const char *name, jx_format *out) {
  static const struct { const char *name; jx_format f; } table[] = {
      {"md", JX_FORMAT_MD},     {"markdown", JX_FORMAT_MD}, {"html", JX_FORMAT_HTML},
      {"docx", JX_FORMAT_DOCX}, {"pdf", JX_FORMAT_PDF},     {"xlsx", JX_FORMAT_XLSX},
  };
  for (size_t i = 0; name && i < sizeof table / sizeof table[0]; i++)
    if (strcmp(name, table[i].name) == 0) {
      *out = table[i].f;
      return true;
    }
  return false;
}

static jx_status stream_format(const jx_report *rep, jx_format fmt, const char *path, char *err, size_t errlen) {
  bool to_stdout = strcmp(path, "-") == 0;
  FILE *out = to_stdout ? stdout : fopen(path, "wb");
  if (!out) {
    snprintf(err, errlen, "无法写入“%s”：%s", path, strerror(errno));
    return JX_ERR_IO;
  }
  jx_status st = fmt == JX_FORMAT_MD ? jx_render_markdown(rep, out) : jx_render_html(rep, out);
  if (to_stdout) {
    if (fflush(out) != 0) st = JX_ERR_IO;
  } else if (fclose(out) != 0) {
    st = JX_ERR_IO;
  }
  if (st != JX_OK) snprintf(err, errlen, "写入“%s”失败", path);
  return st;
}

jx_status jx_report_write(const jx_doc *doc, const jx_result *res, jx_format fmt, const char *path, char *err, size_t errlen) {
  if (errlen) err[0] = '\0';
  if (!doc || !res || !path) {
    snprintf(err, errlen, "没有可写的报告");
    return JX_ERR_INVALID;
  }
  bool binary = fmt == JX_FORMAT_DOCX || fmt == JX_FORMAT_PDF || fmt == JX_FORMAT_XLSX;
  if (binary && strcmp(path, "-") == 0) {
    snprintf(err, errlen, "DOCX、PDF、XLSX 不能写到标准输出，请用 -o 指定文件");
    return JX_ERR_INVALID;
  }
  jx_report *rep = jx_report_build(doc, res);
  jx_status st;
  const char *msg = NULL;
  switch (fmt) {
  case JX_FORMAT_DOCX: st = jx_render_docx(rep, path, &msg); break;
  case JX_FORMAT_PDF: st = jx_render_pdf(rep, path, &msg); break;
  case JX_FORMAT_XLSX: st = jx_render_xlsx(rep, path, &msg); break;
  default: st = stream_format(rep, fmt, path, err, errlen); break;
  }
  if (st != JX_OK && msg) snprintf(err, errlen, "%s", msg);
  jx_report_free(rep);
  return st;
}
