/* xlsx_book.c — a workbook written beside its target and renamed into place, and the forms'
 * cell format (xlsx_book.h): shared by the template writers. */
#include "render/xlsx_book.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/arena.h"

#define FONT "宋体"

jx_status jx_xlsx_book_open(jx_xlsx_book *b, const char *path, char *err, size_t errlen) {
  memset(b, 0, sizeof *b);
  b->path = path;
  b->tmp = jx_xmalloc(strlen(path) + 32);
  sprintf(b->tmp, "%s.tmp%ld", path, (long)getpid());
  /* libxlsxwriter only finds out at the end, and prints to stderr: ask first */
  FILE *probe = fopen(b->tmp, "wb");
  if (!probe) {
    snprintf(err, errlen, "无法写入“%s”：%s", path, strerror(errno));
    free(b->tmp);
    b->tmp = NULL;
    return JX_ERR_IO;
  }
  fclose(probe);
  b->wb = workbook_new(b->tmp);
  if (!b->wb) {
    snprintf(err, errlen, "无法创建 XLSX 文件“%s”", path);
    remove(b->tmp);
    free(b->tmp);
    b->tmp = NULL;
    return JX_ERR_IO;
  }
  return JX_OK;
}

void jx_xlsx_book_check(jx_xlsx_book *b, lxw_error e, const char *where) {
  if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR) {
    b->err = e;
    b->where = where;
  }
}

lxw_format *jx_xlsx_book_format(jx_xlsx_book *b, bool bold, bool border, uint8_t align, bool wrap) {
  lxw_format *f = workbook_add_format(b->wb);
  format_set_font_name(f, FONT);
  format_set_font_size(f, 11);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (wrap) format_set_text_wrap(f);
  return f;
}

jx_status jx_xlsx_book_finish(jx_xlsx_book *b, const char *what, char *err, size_t errlen) {
  lxw_error e = workbook_close(b->wb);
  b->wb = NULL;
  jx_xlsx_book_check(b, e, "保存");
  jx_status st = JX_OK;
  if (b->err != LXW_NO_ERROR) {
    snprintf(err, errlen, "写 XLSX %s“%s”失败（%s）：%s", what, b->path, b->where, lxw_strerror(b->err));
    remove(b->tmp);
    st = JX_ERR_IO;
  } else if (rename(b->tmp, b->path) != 0) {
    snprintf(err, errlen, "无法写入“%s”：%s", b->path, strerror(errno));
    remove(b->tmp);
    st = JX_ERR_IO;
  }
  free(b->tmp);
  b->tmp = NULL;
  return st;
}
