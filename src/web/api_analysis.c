/* api_analysis.c — the reviewer's analysis on the web (docs/api.md): the store's queries
 * (ranking, flags, year over year, distribution, missing and late, totals: those of the
 * command line's `db`) answered a page at a time, sorted by any column, or exported whole
 * as CSV or XLSX.  The store computes; this file only sorts, cuts and words. */
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"
#include "web/web.h"

/* The queries the web offers, with their titles and default sort. */
static const struct {
  const char *what, *title;
} analyses[] = {
    {"rank", "排名"},           {"flags", "自评与数据不一致"}, {"yoy", "同比变化"},
    {"stats", "得分分布"},      {"missing", "报送情况"},       {"totals", "分类汇总"},
};

static const char *analysis_title(const char *what) {
  for (size_t i = 0; i < sizeof analyses / sizeof *analyses; i++)
    if (!strcmp(analyses[i].what, what)) return analyses[i].title;
  return NULL;
}

/* A decimal text ("98.00", "+3.50", "-1", "12.5%") as millionths; false when it is not one. */
static bool dec_value(const char *s, int64_t *out) {
  if (!s) return false;
  const char *p = s;
  bool neg = false;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (*p < '0' || *p > '9') return false;
  int64_t v = 0;
  int digits = 0;
  while (*p >= '0' && *p <= '9' && digits++ < 12) v = v * 10 + (*p++ - '0');
  v *= JX_NUM_SCALE;
  if (*p == '.') {
    p++;
    int64_t f = JX_NUM_SCALE / 10;
    while (*p >= '0' && *p <= '9') {
      v += (*p++ - '0') * f;
      f /= 10;
    }
  }
  if (*p && strcmp(p, "%") != 0) return false;
  *out = neg ? -v : v;
  return true;
}

typedef struct {
  const jx_table *t;
  size_t col;
  bool numeric, desc;
} sort_ctx;

static _Thread_local sort_ctx g_sort; /* qsort has no context argument: set just before, per thread */

static int cell_cmp(const void *x, const void *y) {
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  const char *ca = jx_table_cell(g_sort.t, a, g_sort.col), *cb = jx_table_cell(g_sort.t, b, g_sort.col);
  int c;
  if (g_sort.numeric) {
    int64_t va = 0, vb = 0;
    bool ka = dec_value(ca, &va), kb = dec_value(cb, &vb);
    if (ka != kb) return ka ? -1 : 1; /* not a number (empty, 不完整) last either way */
    c = !ka ? 0 : va < vb ? -1 : va > vb;
  } else {
    bool ea = !ca || !*ca, eb = !cb || !*cb;
    if (ea != eb) return ea ? 1 : -1;
    c = ea ? 0 : strcmp(ca, cb);
  }
  if (g_sort.desc) c = -c;
  return c ? c : (a < b ? -1 : a > b); /* stable: the store's order among equals */
}

jx_grid jx_table_grid(jx_req *r, const jx_table *t, const size_t *idx, size_t n) {
  jx_grid g = {.cols = t->ncols, .rows = n, .header = t->headers, .numeric = t->numeric};
  const char **cells = jx_arena_alloc(r->arena, (n * t->ncols + 1) * sizeof *cells);
  for (size_t i = 0; i < n; i++)
    for (size_t c = 0; c < t->ncols; c++) cells[i * t->ncols + c] = jx_table_cell(t, idx ? idx[i] : i, c);
  g.cells = cells;
  return g;
}

/* The store's footer without what only the command line says ("（jixiao db …）"). */
static const char *web_words(jx_req *r, const char *s) {
  if (!s) return "";
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "");
  const char *open = "（", *close = "）";
  while (*s) {
    const char *o = strstr(s, open);
    const char *c = o ? strstr(o, close) : NULL;
    if (!o || !c) break;
    const char *inside = o + strlen(open);
    bool cli = false;
    for (const char *p = inside; p < c && !cli; p++) cli = !strncmp(p, "jixiao", 6) || !strncmp(p, "--", 2);
    jx_sb_put(&b, s, (size_t)((cli ? o : c + strlen(close)) - s));
    s = c + strlen(close);
  }
  jx_sb_puts(&b, s);
  return b.p;
}

static bool level_ok(const char *l) { return !strcmp(l, "unit") || !strcmp(l, "authority") || !strcmp(l, "bureau"); }

void jx_h_analysis(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  const char *what = jx_req_query(r, "what"), *by = jx_req_query(r, "by"), *level = jx_req_query(r, "level");
  const char *under = jx_req_query(r, "under"), *fmt = jx_req_query(r, "format");
  if (!what || !*what) what = "rank";
  const char *title = analysis_title(what);
  if (!title) {
    jx_resp_error(r, 400, "bad_param", "没有“%.40s”这项分析：应为排名、自评与数据不一致、同比变化、得分分布、报送情况或分类汇总", what);
    return;
  }
  if (fmt && *fmt && !jx_export_format_ok(fmt)) {
    jx_resp_error(r, 400, "bad_format", "导出格式“%.20s”不对：应为 csv 或 xlsx", fmt);
    return;
  }
  if ((by && strlen(by) > 100) || (under && strlen(under) > 64)) {
    jx_resp_error(r, 400, "field_too_long", "参数过长（排名依据上限 100 字节，部门代码上限 64 字节）");
    return;
  }
  if (level && *level && !level_ok(level)) {
    jx_resp_error(r, 400, "bad_param", "层级“%.20s”不对：应为单位、主管部门或财政局", level);
    return;
  }
  int64_t latest = 0;
  (void)jx_db_query_int64(db, "SELECT MAX(year) FROM department_year", &latest);
  long year = jx_req_query_long(r, "year", 1900, 2999, latest ? (long)latest : 2000, "年度");
  if (year < 0) return;
  jx_list_page pg;
  if (!jx_req_list_page(r, 50, &pg)) return;
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_query q = {.what = what, .year = (int)year, .by = by && *by ? by : NULL, .level = level && *level ? level : NULL,
                .under = under && *under ? under : NULL};
  jx_table *t = NULL;
  if (jx_store_query(s, &q, &t) != JX_OK || !t) {
    jx_resp_error(r, 400, "query_failed", "%s", web_words(r, jx_store_errmsg(s)));
    return;
  }
  size_t n = jx_table_rows(t), *idx = jx_arena_alloc(r->arena, (n + 1) * sizeof *idx);
  for (size_t i = 0; i < n; i++) idx[i] = i;
  if (pg.sort) {
    size_t col = t->ncols;
    for (size_t c = 0; c < t->ncols; c++)
      if (!strcmp(t->keys[c], pg.sort)) col = c;
    if (col == t->ncols) {
      jx_table_free(t);
      jx_resp_error(r, 400, "bad_sort", "不能按“%.40s”排序", pg.sort);
      return;
    }
    g_sort = (sort_ctx){t, col, t->numeric[col], pg.desc};
    qsort(idx, n, sizeof *idx, cell_cmp);
  }
  const char *base = jx_arena_printf(r->arena, "%s-%ld", title, year);
  if (fmt && *fmt) {
    jx_grid g = jx_table_grid(r, t, idx, n);
    jx_resp_grid(r, &g, fmt, title, base);
    jx_table_free(t);
    return;
  }
  json_t *cols = json_array(), *rows = json_array();
  for (size_t c = 0; c < t->ncols; c++)
    json_array_append_new(cols, json_pack("{s:s,s:s,s:b}", "key", t->keys[c], "label", t->headers[c], "numeric", t->numeric[c]));
  size_t first = pg.offset < n ? pg.offset : n, last = first + pg.per < n ? first + pg.per : n;
  for (size_t i = first; i < last; i++) {
    json_t *row = json_array();
    for (size_t c = 0; c < t->ncols; c++) {
      const char *cell = jx_table_cell(t, idx[i], c);
      json_array_append_new(row, json_string(cell ? cell : ""));
    }
    json_array_append_new(rows, row);
  }
  json_t *j = json_pack("{s:s,s:s,s:i,s:o,s:o,s:I,s:I,s:I,s:s}", "what", what, "title", title, "year", (int)year, "columns",
                        cols, "rows", rows, "total", (json_int_t)n, "page", pg.per ? (json_int_t)pg.offset / (json_int_t)pg.per + 1 : 1, "per",
                        (json_int_t)pg.per, "footer", web_words(r, t->footer));
  jx_table_free(t);
  jx_resp_json(r, 200, j);
}
