/* report_write.c — jx_report_write: build the report once and hand it to the backend of a format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/report.h"
#include "util/module.h"

#ifdef JX_RENDER_PLUGIN
/* The command line's build: the backends live in libjixiao-render.so, loaded on first use. */

static const jx_render_plugin *loaded;

static const jx_render_plugin *render_plugin(char *err, size_t errlen) {
  if (!loaded)
    loaded = jx_module_load("libjixiao-render.so", "JIXIAO_RENDER_MODULE", "jx_render_plugin_v1", JX_RENDER_ABI, err, errlen);
  return loaded;
}

static jx_status html_backend(const jx_report *r, FILE *out) { return loaded->html(r, out); /* loaded first */ }

void jx_global_cleanup(void) {
  if (loaded) loaded->cleanup();
}

#define BACKEND(name, r, path, msg) loaded->name((r), (path), (msg))
#else
static jx_status html_backend(const jx_report *r, FILE *out) { return jx_render_html(r, out); }
#define BACKEND(name, r, path, msg) jx_render_##name((r), (path), (msg))
#endif


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
  jx_status st = fmt == JX_FORMAT_MD ? jx_render_markdown(rep, out) : html_backend(rep, out);
  if (to_stdout) {
    if (fflush(out) != 0) st = JX_ERR_IO;
  } else if (fclose(out) != 0) {
    st = JX_ERR_IO;
  }
  if (st != JX_OK) snprintf(err, errlen, "写入“%s”失败", path);
  return st;
}

jx_status jx_report_render(const jx_report *rep, jx_format fmt, const char *path, char *err, size_t errlen) {
  if (errlen) err[0] = '\0';
  bool binary = fmt == JX_FORMAT_DOCX || fmt == JX_FORMAT_PDF || fmt == JX_FORMAT_XLSX;
  if (binary && strcmp(path, "-") == 0) {
    snprintf(err, errlen, "DOCX、PDF、XLSX 不能写到标准输出，请用 -o 指定文件");
    return JX_ERR_INVALID;
  }
#ifdef JX_RENDER_PLUGIN
  if (fmt != JX_FORMAT_MD && !render_plugin(err, errlen)) return JX_ERR_IO;
#endif
  jx_status st;
  const char *msg = NULL;
  switch (fmt) {
  case JX_FORMAT_DOCX: st = BACKEND(docx, rep, path, &msg); break;
  case JX_FORMAT_PDF: st = BACKEND(pdf, rep, path, &msg); break;
  case JX_FORMAT_XLSX: st = BACKEND(xlsx, rep, path, &msg); break;
  default: st = stream_format(rep, fmt, path, err, errlen); break;
  }
  if (st != JX_OK && msg) snprintf(err, errlen, "%s", msg);
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
#ifdef JX_RENDER_PLUGIN
  if (fmt != JX_FORMAT_MD && !render_plugin(err, errlen)) return JX_ERR_IO;
#endif
  jx_report *rep = jx_report_build(doc, res);
  jx_status st = jx_report_render(rep, fmt, path, err, errlen);
  jx_report_free(rep);
  return st;
}
