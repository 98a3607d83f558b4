/* csv_read.c — CSV (RFC 4180) read into a one-sheet workbook of text cells, under the
 * same caps as the XLSX reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xlsx.h"
#include "parse/yaml_tree.h"
#include "util/text.h"

/* The sheet's name: the file's base name without its extension. */
static const char *sheet_name(jx_arena *a, const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  return jx_arena_strndup(a, base, n);
}

/* The bytes that end an unquoted field. */
static const bool ends_field[256] = {[','] = true, ['\n'] = true, ['\r'] = true};

jx_status jx_csv_read_mem(const char *name, const char *data, size_t len, const jx_xlsx_limits *lim,
                          jx_workbook **out, char *err, size_t errlen) {
  *out = NULL;
  if (errlen) err[0] = '\0';
  if (!lim) lim = &jx_xlsx_default_limits;
  size_t bad;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
  if (!jx_utf8_valid(data, len, &bad)) {
    snprintf(err, errlen, "第 %zu 字节不是有效的 UTF-8（CSV 应以 UTF-8 保存；GBK 等编码请先另存为 UTF-8）", bad + 1);
    return JX_ERR_DATA;
  }
  if (memchr(data, '\0', len)) {
    snprintf(err, errlen, "文件含有 NUL 字节，不是文本 CSV");
    return JX_ERR_DATA;
  }
  jx_arena *a = jx_arena_new();
  jx_workbook *wb = jx_arena_alloc(a, sizeof *wb);
  wb->arena = a;
  wb->source = jx_arena_strdup(a, name);
  wb->sheets = jx_arena_alloc(a, sizeof *wb->sheets);
  wb->n_sheets = 1;
  jx_xsheet *s = &wb->sheets[0];
  s->name = sheet_name(a, name);
  size_t cap = 0, cells = 0;
  char *field = jx_xmalloc(lim->max_string + 1);
  uint32_t row = 0, col = 0;
  size_t i = 0;
  const char *fail = NULL;
  char msg[160];
  while (i < len && !fail) {
    size_t n = 0;
    bool quoted = false;
    if (data[i] == '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= len) {
          snprintf(msg, sizeof msg, "第 %lu 行：引号没有闭合", (unsigned long)row + 1);
          fail = msg;
          break;
        }
        if (data[i] == '"') {
          if (i + 1 < len && data[i + 1] == '"') i++;
          else {
            i++;
            break;
          }
        }
        if (n == lim->max_string) {
          snprintf(msg, sizeof msg, "第 %lu 行：字段超过 %zu 字节，拒绝读取", (unsigned long)row + 1, lim->max_string);
          fail = msg;
          break;
        }
        field[n++] = data[i++];
      }
      if (fail) break;
    }
    /* the unquoted part (after a closing quote too: kept, as spreadsheets do), found by a table */
    size_t j = i;
    while (j < len && !ends_field[(unsigned char)data[j]]) j++;
    if (j - i > lim->max_string - n) {
      snprintf(msg, sizeof msg, "第 %lu 行：字段超过 %zu 字节，拒绝读取", (unsigned long)row + 1, lim->max_string);
      fail = msg;
      break;
    }
    const char *text = data + i; /* a field without quotes is taken from data as it is */
    if (quoted) {
      memcpy(field + n, data + i, j - i);
      text = field;
    }
    n += j - i;
    i = j;
    if (row >= lim->max_rows || col >= lim->max_cols) {
      snprintf(msg, sizeof msg, "第 %lu 行第 %lu 列超过 %u 行 × %u 列的上限，拒绝读取", (unsigned long)row + 1,
               (unsigned long)col + 1, lim->max_rows, lim->max_cols);
      fail = msg;
      break;
    }
    if (n || quoted) {
      if (++cells > lim->max_cells) {
        snprintf(msg, sizeof msg, "单元格超过 %zu 个，拒绝读取", lim->max_cells);
        fail = msg;
        break;
      }
      if (s->n_cells == cap) {
        cap = cap ? cap * 2 : 256;
        s->cells = jx_arena_grow(a, s->cells, s->n_cells, cap, sizeof *s->cells);
      }
      s->cells[s->n_cells++] = (jx_xcell){row, col, JX_XC_STRING, JX_XF_GENERAL, false, false, jx_arena_strndup(a, text, n)};
    }
    if (i < len && data[i] == ',') {
      i++;
      col++;
      if (i == len) break;
      continue;
    }
    if (i < len && data[i] == '\r') i++;
    if (i < len && data[i] == '\n') i++;
    row++;
    col = 0;
  }
  free(field);
  if (fail) {
    snprintf(err, errlen, "%s", fail);
    jx_arena_free(a);
    return JX_ERR_DATA;
  }
  jx_workbook_finish_sheet(wb, s, lim->max_cells, &cells);
  *out = wb;
  return JX_OK;
}

jx_status jx_csv_read_file(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t errlen) {
  *out = NULL;
  jx_diags d = {0};
  char *buf = NULL;
  size_t n = 0;
  jx_status st = jx_read_file(path, (lim ? lim : &jx_xlsx_default_limits)->max_entry, &buf, &n, &d);
  if (st != JX_OK) {
    snprintf(err, errlen, "%s", d.n ? d.items[0].message : "读取失败");
    jx_diags_free(&d);
    return st;
  }
  st = jx_csv_read_mem(path, buf, n, lim, out, err, errlen);
  free(buf);
  return st;
}
