/* export.c — any list of the web as a download: CSV (for Excel: UTF-8 with a byte-order
 * mark) or XLSX (libxlsxwriter, through the use-case layer's grid writer); and the page
 * parameters every list shares (?sort= ?dir= ?page= ?per=). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "web/web.h"

enum { MAX_PER = 200 };

bool jx_req_list_page(jx_req *r, size_t def, jx_list_page *pg) {
  memset(pg, 0, sizeof *pg);
  const char *sort = jx_req_query(r, "sort"), *dir = jx_req_query(r, "dir");
  if (sort && strlen(sort) > 40) {
    jx_resp_error(r, 400, "bad_sort", "排序列名过长");
    return false;
  }
  if (dir && *dir && strcmp(dir, "asc") != 0 && strcmp(dir, "desc") != 0) {
    jx_resp_error(r, 400, "bad_param", "排序方向“%.20s”不对：应为 asc（升序）或 desc（降序）", dir);
    return false;
  }
  long page = jx_req_query_long(r, "page", 1, 1000000, 1, "页码");
  long per = page < 0 ? -1 : jx_req_query_long(r, "per", 1, MAX_PER, (long)def, "每页行数");
  if (page < 0 || per < 0) return false;
  const char *flags = jx_req_query(r, "flags");
  pg->sort = sort && *sort ? sort : NULL;
  pg->desc = dir && !strcmp(dir, "desc");
  pg->flags = flags && !strcmp(flags, "1");
  pg->per = (size_t)per;
  pg->offset = (size_t)(page - 1) * (size_t)per;
  return true;
}

bool jx_export_format_ok(const char *fmt) { return fmt && (!strcmp(fmt, "csv") || !strcmp(fmt, "xlsx")); }

/* A text cell that a spreadsheet would take for a formula. */
static bool formula_like(const char *s) { return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r'); }

static void csv_cell(jx_sbuf *b, const char *s, bool numeric) {
  if (!s) s = "";
  bool guard = !numeric && formula_like(s);
  bool quote = guard || strpbrk(s, ",\"\r\n") != NULL;
  if (quote) jx_sb_puts(b, "\"");
  if (guard) jx_sb_puts(b, "'");
  for (const char *p = s; *p; p++) {
    if (*p == '"') jx_sb_puts(b, "\"\"");
    else jx_sb_put(b, p, 1);
  }
  if (quote) jx_sb_puts(b, "\"");
}

static void resp_csv(jx_req *r, const jx_grid *g, const char *base) {
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "\xEF\xBB\xBF");
  for (size_t c = 0; c < g->cols; c++) {
    if (c) jx_sb_puts(&b, ",");
    csv_cell(&b, g->header[c], false);
  }
  jx_sb_puts(&b, "\r\n");
  for (size_t i = 0; i < g->rows; i++) {
    for (size_t c = 0; c < g->cols; c++) {
      if (c) jx_sb_puts(&b, ",");
      csv_cell(&b, g->cells[i * g->cols + c], g->numeric && g->numeric[c]);
    }
    jx_sb_puts(&b, "\r\n");
  }
  jx_resp_header(r, "Content-Disposition", jx_disposition(r->arena, jx_arena_printf(r->arena, "%s.csv", base)));
  jx_resp(r, 200, "text/csv; charset=utf-8", b.p, b.n);
}

static void resp_xlsx(jx_req *r, const jx_grid *g, const char *sheet, const char *base) {
  const char *tmpdir = getenv("TMPDIR");
  char path[512];
  snprintf(path, sizeof path, "%s/jx-export-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0) {
    jx_resp_error(r, 500, "export_failed", "无法生成表格：%s", strerror(errno));
    return;
  }
  close(fd);
  jx_xlsx_grid x = {sheet, g->cols, g->rows, g->header, g->numeric, g->cells};
  char err[512];
  jx_status st = jx_app_grid_xlsx(&x, path, err, sizeof err);
  FILE *f = st == JX_OK ? fopen(path, "rb") : NULL;
  if (!f) {
    remove(path);
    jx_resp_error(r, 500, "export_failed", "无法生成表格：%s", st == JX_OK ? strerror(errno) : err);
    return;
  }
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "");
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) jx_sb_put(&b, buf, n);
  fclose(f);
  remove(path);
  jx_resp_header(r, "Content-Disposition", jx_disposition(r->arena, jx_arena_printf(r->arena, "%s.xlsx", base)));
  jx_resp(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b.p, b.n);
}

void jx_resp_grid(jx_req *r, const jx_grid *g, const char *fmt, const char *sheet, const char *base) {
  if (!strcmp(fmt, "xlsx")) resp_xlsx(r, g, sheet, base);
  else resp_csv(r, g, base);
}
