/* decl_export.c — an export of declarations written out as one declaration file per project (jx_decl_export_write_dir), all or nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jixiao.h"

/* The code as a file name: what the reader lets through (letters, digits, - _ .). */
static bool safe_name(const char *code) {
  size_t n = code ? strlen(code) : 0;
  return n && n <= 63 && code[0] != '.' &&
         strspn(code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.") == n;
}

static char *path_of(const char *dir, const char *code, const char *suffix) {
  size_t n = strlen(dir) + strlen(code) + strlen(suffix) + 32;
  char *p = jx_xmalloc(n);
  snprintf(p, n, "%s/%s.yaml%s", dir, code, suffix);
  return p;
}

jx_status jx_decl_export_write_dir(const jx_decl_export *x, const char *dir, char *err, size_t errlen) {
  if (!x || !dir || !*dir) {
    snprintf(err, errlen, "没有给出输出目录");
    return JX_ERR_INVALID;
  }
  for (size_t i = 0; i < x->n; i++)
    if (!safe_name(x->items[i]->code)) {
      snprintf(err, errlen, "项目编码“%s”不能用作文件名", x->items[i]->code ? x->items[i]->code : "");
      return JX_ERR_INVALID;
    }
  struct stat st;
  if (stat(dir, &st) != 0) {
    if (mkdir(dir, 0777) != 0) {
      snprintf(err, errlen, "无法创建目录“%s”：%s", dir, strerror(errno));
      return JX_ERR_IO;
    }
  } else if (!S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "“%s”已存在且不是目录：申报导出按项目写成多个文件，-o 应为目录", dir);
    return JX_ERR_INVALID;
  }
  char suffix[32];
  snprintf(suffix, sizeof suffix, ".tmp%ld", (long)getpid());
  jx_status rc = JX_OK;
  size_t written = 0;
  for (; written < x->n && rc == JX_OK; written++) {
    char *tmp = path_of(dir, x->items[written]->code, suffix);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
      snprintf(err, errlen, "无法写入“%s”：%s", tmp, strerror(errno));
      rc = JX_ERR_IO;
    } else {
      rc = jx_decl_write_yaml(x->items[written], f, err, errlen);
      if (fclose(f) != 0 && rc == JX_OK) {
        snprintf(err, errlen, "写入“%s”失败：%s", tmp, strerror(errno));
        rc = JX_ERR_IO;
      }
    }
    free(tmp);
  }
  /* all written: rename into place; otherwise remove what was written */
  for (size_t i = 0; i < written; i++) {
    char *tmp = path_of(dir, x->items[i]->code, suffix);
    if (rc == JX_OK) {
      char *final = path_of(dir, x->items[i]->code, "");
      if (rename(tmp, final) != 0) {
        snprintf(err, errlen, "无法写入“%s”：%s", final, strerror(errno));
        rc = JX_ERR_IO;
        remove(tmp);
      }
      free(final);
    } else {
      remove(tmp);
    }
    free(tmp);
  }
  return rc;
}
