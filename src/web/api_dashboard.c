/* api_dashboard.c — the JSON API of the bureau (docs/api.md): its desk (what waits for
 * review) and the dashboard of a year (distribution, execution, attainment, years). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"
#include "util/text.h"
#include "web/store.h"
#include "web/web.h"

/* ---- the bureau's desk and dashboard --------------------------------------------------------- */

static int req_year(jx_req *r, jx_db *db) {
  const char *ys = jx_req_query(r, "year");
  if (ys && *ys) return (int)strtol(ys, NULL, 10);
  int64_t y = 0;
  (void)jx_db_query_int64(db, "SELECT MAX(year) FROM department_year", &y);
  return (int)y;
}

/* The desk's list as a download: every row of the filtered list, sorted as on screen. */
static void desk_export(jx_req *r, json_t *rows, int year, const char *fmt) {
  static const char *const head[] = {"编码", "部门", "年度", "类型", "状态", "计算得分", "自评得分", "执行率%", "上年得分", "变化", "提示"};
  static const bool numeric[] = {false, false, true, false, false, true, true, true, true, true, false};
  enum { NC = sizeof head / sizeof *head };
  size_t n = json_array_size(rows);
  const char **cells = jx_arena_alloc(r->arena, (n * NC + 1) * sizeof *cells);
  size_t i;
  json_t *y;
  json_array_foreach(rows, i, y) {
    const char **c = cells + i * NC;
    const char *kind = json_string_value(json_object_get(y, "kind"));
    c[0] = json_string_value(json_object_get(y, "department"));
    c[1] = json_string_value(json_object_get(y, "department_name"));
    c[2] = jx_arena_printf(r->arena, "%lld", (long long)json_integer_value(json_object_get(y, "year")));
    c[3] = kind && !strcmp(kind, "department") ? "部门整体" : kind && !strncmp(kind, "project:", 8) ? jx_arena_printf(r->arena, "项目：%s", kind + 8) : kind;
    c[4] = jx_store_status_label(json_string_value(json_object_get(y, "status")));
    c[5] = json_is_true(json_object_get(y, "complete")) ? json_string_value(json_object_get(y, "total")) : "不完整";
    c[6] = json_string_value(json_object_get(y, "stated_total"));
    c[7] = json_string_value(json_object_get(y, "execution_rate"));
    c[8] = json_string_value(json_object_get(y, "previous_total"));
    c[9] = json_string_value(json_object_get(y, "change"));
    jx_sbuf f = {.arena = r->arena};
    jx_sb_puts(&f, "");
    size_t k;
    json_t *fl;
    const json_t *flags = json_object_get(y, "flags");
    for (k = 0; k < json_array_size(flags) && (fl = json_array_get(flags, k)); k++)
      jx_sb_printf(&f, "%s%s", k ? "；" : "", json_string_value(fl));
    c[10] = f.p;
  }
  jx_grid g = {NC, n, head, numeric, cells};
  jx_resp_grid(r, &g, fmt, "复核工作台", jx_arena_printf(r->arena, "复核工作台-%d", year));
}

void jx_h_desk(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  const char *fmt = jx_req_query(r, "format");
  if (fmt && *fmt && !jx_export_format_ok(fmt)) {
    jx_resp_error(r, 400, "bad_format", "导出格式“%.20s”不对：应为 csv 或 xlsx", fmt);
    return;
  }
  jx_list_page pg;
  if (!jx_req_list_page(r, 50, &pg)) return;
  if (fmt && *fmt) { /* the whole list, for the download */
    pg.per = 1000000;
    pg.offset = 0;
  }
  bool ok;
  int64_t total = 0;
  int year = req_year(r, db); /* the desk shows one year: the latest unless asked */
  json_t *rows = jx_years_page(r, year, &pg, &total, &ok);
  if (!ok) return;
  if (fmt && *fmt) {
    desk_export(r, rows, year, fmt);
    json_decref(rows);
    return;
  }
  /* units that sent nothing this year: how many, and the first 50 by code */
  json_t *missing = json_array();
  int64_t n_missing = 0;
  jx_stmt *st;
  if (jx_db_prepare(db,
                    "SELECT d.code, d.name FROM department d WHERE d.level = 'unit' AND NOT EXISTS"
                    " (SELECT 1 FROM department_year y WHERE y.year = ? AND y.department = d.code) ORDER BY d.code",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW)
      if (n_missing++ < 50)
        json_array_append_new(missing, json_pack("{s:s,s:s}", "department", jx_stmt_text(st, 0), "name", jx_stmt_text(st, 1)));
    jx_stmt_finalize(st);
  }
  /* rows by status, for the year (the caller reads every department: JX_P_REVIEW) */
  json_t *counts = json_object();
  if (jx_db_prepare(db, "SELECT status, COUNT(*) FROM department_year WHERE year = ? AND current_version IS NOT NULL GROUP BY status",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW) json_object_set_new(counts, jx_stmt_text(st, 0), json_integer(jx_stmt_int64(st, 1)));
    jx_stmt_finalize(st);
  }
  jx_resp_json(r, 200, json_pack("{s:o,s:I,s:I,s:I,s:o,s:I,s:o,s:i}", "years", rows, "total", (json_int_t)total, "page",
                                 pg.per ? (json_int_t)pg.offset / (json_int_t)pg.per + 1 : 1, "per", (json_int_t)pg.per, "missing", missing,
                                 "missing_total", (json_int_t)n_missing, "counts", counts, "year", year));
}

#define CURRENT_SCORES                                                                                 \
  " FROM department_year dy JOIN department d ON d.code = dy.department"                               \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.version JOIN score s ON s.version = v.id"

/* Execution rates of the year's departments, the 10 first in order (DESC or ASC). */
static json_t *exec_rates(jx_db *db, int year, const char *order) {
  json_t *exec = json_array();
  jx_stmt *st;
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT dy.department, COALESCE(dy.dept_name, dy.department), dy.execution_rate, dy.total FROM department_year dy"
           " WHERE dy.year = ? AND dy.kind = 'department' AND dy.current_version IS NOT NULL AND dy.execution_rate IS NOT NULL"
           " ORDER BY dy.execution_rate %s, dy.department LIMIT 10",
           order);
  if (jx_db_prepare(db, sql, &st) != JX_OK) return exec;
  jx_stmt_bind_int64(st, 1, year);
  while (jx_stmt_step(st) == JX_DB_ROW)
    json_array_append_new(exec, json_pack("{s:s,s:s,s:o,s:o}", "code", jx_stmt_text(st, 0), "department", jx_stmt_text(st, 1),
                                          "rate", jx_json_num(jx_stmt_int64(st, 2)),
                                          "total", jx_stmt_is_null(st, 3) ? json_null() : jx_json_num(jx_stmt_int64(st, 3))));
  jx_stmt_finalize(st);
  return exec;
}

/* One node of the drill-down: its units, how many reported (submitted at all) and on time
 * (first submitted by the deadline), and the sum of the complete totals. */
typedef struct {
  const jx_dept *d;
  int64_t units, reported, on_time, scored, sum;
} node_stat;

static json_t *node_json(const node_stat *n, bool has_due) {
  json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:I,s:I}", "code", n->d ? n->d->code : "", "name", n->d ? n->d->name : "全部",
                        "level", n->d ? n->d->level : "", "units", (json_int_t)n->units, "reported", (json_int_t)n->reported,
                        "on_time", (json_int_t)n->on_time);
  json_object_set_new(o, "completeness", n->units ? jx_json_num(jx_ratio_round2(n->reported, n->units, 100 * JX_NUM_SCALE)) : json_null());
  json_object_set_new(o, "timeliness", n->units && has_due ? jx_json_num(jx_ratio_round2(n->on_time, n->units, 100 * JX_NUM_SCALE)) : json_null());
  json_object_set_new(o, "average", n->scored ? jx_json_num(jx_ratio_round2(n->sum, n->scored, 1)) : json_null());
  return o;
}

/* The drill-down of the year below ?under= (none: the bureaus): the node itself and each
 * child, with DHIS2's reporting rates (completeness: share of units that reported;
 * timeliness: share that reported by the deadline) and the average total.  NULL with an
 * answer on failure. */
static json_t *drill_down(jx_req *r, int year) {
  const char *under = jx_req_query(r, "under");
  if (under && strlen(under) > 64) {
    jx_resp_error(r, 400, "field_too_long", "部门代码过长（上限 64 字节）");
    return NULL;
  }
  jx_db *db = jx_req_db(r);
  jx_dept_list l;
  if (!jx_req_departments(r, &l)) return NULL;
  const jx_dept *top = under && *under ? jx_dept_find(&l, under) : NULL;
  if (under && *under && !top) {
    jx_resp_error(r, 404, "not_found", "没有代码为“%.64s”的部门", under);
    return NULL;
  }
  node_stat self = {.d = top};
  node_stat *kids = jx_arena_alloc(r->arena, (l.n + 1) * sizeof *kids);
  size_t nk = 0;
  for (size_t i = 0; i < l.n; i++) { /* the children of top (no top: those without a parent) */
    const char *p = l.items[i].parent;
    if (top ? (p && !strcmp(p, top->code)) : (!p || !*p)) kids[nk++] = (node_stat){.d = &l.items[i]};
  }
  char due[16] = "";
  jx_stmt *st;
  if (jx_db_prepare(db, "SELECT due FROM deadline WHERE year = ?", &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    if (jx_stmt_step(st) == JX_DB_ROW && jx_stmt_text(st, 0)) snprintf(due, sizeof due, "%.10s", jx_stmt_text(st, 0));
    jx_stmt_finalize(st);
  }
  /* each unit's own report of the year (the department-overall one), in code order */
  typedef struct {
    const char *code, *submitted;
    bool complete;
    int64_t total;
  } rep;
  rep *reps = NULL;
  size_t nr = 0, cap = 0;
  if (jx_db_prepare(db,
                    "SELECT department, first_submitted_at, total, COALESCE(unscored, 0) + errors FROM department_year"
                    " WHERE year = ? AND kind = 'department' AND current_version IS NOT NULL ORDER BY department COLLATE BINARY",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW) {
      if (nr == cap) reps = jx_arena_grow(r->arena, reps, nr, cap = cap ? cap * 2 : 256, sizeof *reps);
      const char *sub = jx_stmt_text(st, 1);
      reps[nr++] = (rep){jx_arena_strdup(r->arena, jx_stmt_text(st, 0)), sub ? jx_arena_strdup(r->arena, sub) : NULL,
                         !jx_stmt_is_null(st, 2) && jx_stmt_int64(st, 3) == 0, jx_stmt_int64(st, 2)};
    }
    jx_stmt_finalize(st);
  }
  size_t ri = 0;
  for (size_t i = 0; i < l.n; i++) { /* l is in code order too: one merge */
    const jx_dept *u = &l.items[i];
    if (strcmp(u->level, "unit") != 0 || (top && !jx_dept_under(&l, u->code, top->code))) continue;
    while (ri < nr && strcmp(reps[ri].code, u->code) < 0) ri++;
    const rep *x = ri < nr && !strcmp(reps[ri].code, u->code) ? &reps[ri] : NULL;
    node_stat *k = NULL; /* the child of top this unit is under: walk up to it */
    for (const jx_dept *a = u; a && !k;) {
      for (size_t j = 0; j < nk && !k; j++)
        if (kids[j].d == a) k = &kids[j];
      a = a->parent && *a->parent && a != top ? jx_dept_find(&l, a->parent) : NULL;
    }
    node_stat *targets[2] = {&self, k};
    for (size_t t = 0; t < 2; t++) {
      node_stat *n = targets[t];
      if (!n) continue;
      n->units++;
      if (x && x->submitted) n->reported++;
      if (x && x->submitted && due[0] && strncmp(x->submitted, due, 10) <= 0) n->on_time++;
      if (x && x->complete) {
        n->scored++;
        n->sum += x->total;
      }
    }
  }
  json_t *children = json_array(), *path = json_array();
  for (size_t j = 0; j < nk; j++) {
    json_t *o = node_json(&kids[j], due[0] != 0);
    bool has_kids = false;
    for (size_t i = 0; i < l.n && !has_kids; i++) has_kids = l.items[i].parent && !strcmp(l.items[i].parent, kids[j].d->code);
    json_object_set_new(o, "has_children", json_boolean(has_kids));
    json_array_append_new(children, o);
  }
  for (const jx_dept *a = top; a; a = a->parent && *a->parent ? jx_dept_find(&l, a->parent) : NULL)
    json_array_insert_new(path, 0, json_pack("{s:s,s:s}", "code", a->code, "name", a->name));
  json_t *out = json_pack("{s:o,s:o,s:o,s:s?}", "node", node_json(&self, due[0] != 0), "children", children, "path", path,
                          "deadline", due[0] ? due : NULL);
  return out;
}

/* The drill-down's table as a download: the node's children, then the node itself. */
static void drill_export(jx_req *r, json_t *drill, int year, const char *fmt) {
  static const char *const head[] = {"编码", "部门", "层级", "应报单位", "已报送", "报送率%", "按时报送", "及时率%", "平均得分"};
  static const char *const keys[] = {"code", "name", "level", "units", "reported", "completeness", "on_time", "timeliness", "average"};
  static const bool numeric[] = {false, false, false, true, true, true, true, true, true};
  enum { NC = sizeof head / sizeof *head };
  json_t *rows = json_copy(json_object_get(drill, "children"));
  json_array_append(rows, json_object_get(drill, "node"));
  size_t n = json_array_size(rows);
  const char **cells = jx_arena_alloc(r->arena, (n * NC + 1) * sizeof *cells);
  size_t i;
  json_t *o;
  json_array_foreach(rows, i, o) {
    for (size_t c = 0; c < NC; c++) {
      json_t *v = json_object_get(o, keys[c]);
      cells[i * NC + c] = json_is_string(v)    ? jx_arena_strdup(r->arena, json_string_value(v))
                          : json_is_integer(v) ? jx_arena_printf(r->arena, "%lld", (long long)json_integer_value(v))
                                               : NULL;
    }
    const char *lv = cells[i * NC + 2];
    cells[i * NC + 2] = i == n - 1 || !lv ? "合计" : !strcmp(lv, "bureau") ? "财政局" : !strcmp(lv, "authority") ? "主管部门" : "单位";
  }
  json_decref(rows);
  jx_grid g = {NC, n, head, numeric, cells};
  jx_resp_grid(r, &g, fmt, "报送情况", jx_arena_printf(r->arena, "报送情况-%d", year));
}

void jx_h_dashboard(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  const char *fmt = jx_req_query(r, "format");
  if (fmt && *fmt && !jx_export_format_ok(fmt)) {
    jx_resp_error(r, 400, "bad_format", "导出格式“%.20s”不对：应为 csv 或 xlsx", fmt);
    return;
  }
  int year = req_year(r, db);
  if (fmt && *fmt) { /* only the drill-down's table */
    json_t *drill = drill_down(r, year);
    if (!drill) return;
    drill_export(r, drill, year, fmt);
    json_decref(drill);
    return;
  }
  jx_stmt *st;
  /* score distribution in 10-point bins below 100 (60 and under in one) */
  static const char *const bins[] = {"60 分以下", "60–70", "70–80", "80–90", "90–100"};
  int64_t counts[5] = {0}, incomplete = 0; /* an incomplete year has no total: left out, and counted */
  if (jx_db_prepare(db, "SELECT s.total, COALESCE(s.unscored, 0)" CURRENT_SCORES " WHERE dy.year = ? AND dy.kind = 'department'",
                    &st) != JX_OK) {
    jx_db_fail(r, db);
    return;
  }
  jx_stmt_bind_int64(st, 1, year);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    if (jx_stmt_int64(st, 1) > 0) incomplete++;
    if (jx_stmt_int64(st, 1) > 0 || jx_stmt_is_null(st, 0)) continue;
    int64_t t = jx_stmt_int64(st, 0) / JX_NUM_SCALE;
    counts[t < 60 ? 0 : t >= 90 ? 4 : (t - 50) / 10]++;
  }
  jx_stmt_finalize(st);
  json_t *dist = json_array();
  for (int i = 0; i < 5; i++) json_array_append_new(dist, json_pack("{s:s,s:I}", "bin", bins[i], "count", (json_int_t)counts[i]));

  /* execution rates: the 10 highest and the 10 lowest, with the full names (the chart
   * shortens them and shows them whole on hover) */
  json_t *exec = exec_rates(db, year, "DESC"), *exec_low = exec_rates(db, year, "ASC");

  json_t *kinds = json_array();
  if (jx_db_prepare(db,
                    "SELECT COALESCE(i.level1, '（未分类）'), COUNT(*), SUM(CASE WHEN i.met = 1 THEN 1 ELSE 0 END)"
                    " FROM indicator i JOIN version v ON v.id = i.version"
                    " JOIN department_year dy ON dy.id = v.dy AND v.number = dy.version"
                    " WHERE dy.year = ? AND i.score IS NOT NULL GROUP BY COALESCE(i.level1, '（未分类）') ORDER BY 1",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW) {
      int64_t n = jx_stmt_int64(st, 1), met = jx_stmt_int64(st, 2);
      json_array_append_new(kinds, json_pack("{s:s,s:I,s:I,s:o}", "level1", jx_stmt_text(st, 0), "indicators", (json_int_t)n,
                                             "met", (json_int_t)met, "rate",
                                             jx_json_num(n ? jx_ratio_round2(met, n, 100 * JX_NUM_SCALE) : 0)));
    }
    jx_stmt_finalize(st);
  }

  json_t *yoy = json_array();
  if (jx_db_prepare(db, "SELECT dy.year, COUNT(s.total), SUM(s.total), SUM(CASE WHEN dy.status = 'published' THEN 1 ELSE 0 END),"
                        " SUM(CASE WHEN s.unscored > 0 THEN 1 ELSE 0 END)"
                        CURRENT_SCORES " WHERE dy.kind = 'department' GROUP BY dy.year ORDER BY dy.year",
                    &st) == JX_OK) {
    while (jx_stmt_step(st) == JX_DB_ROW) {
      int64_t n = jx_stmt_int64(st, 1), sum = jx_stmt_int64(st, 2);
      json_array_append_new(yoy, json_pack("{s:I,s:I,s:o,s:I,s:I}", "year", (json_int_t)jx_stmt_int64(st, 0), "departments",
                                           (json_int_t)n, "average", jx_json_num(n ? jx_ratio_round2(sum, n, 1) : 0),
                                           "published", (json_int_t)jx_stmt_int64(st, 3), "incomplete",
                                           (json_int_t)jx_stmt_int64(st, 4)));
    }
    jx_stmt_finalize(st);
  }
  json_t *drill = drill_down(r, year);
  if (!drill) return;
  jx_resp_json(r, 200, json_pack("{s:i,s:o,s:I,s:o,s:o,s:o,s:o,s:o}", "year", year, "distribution", dist, "incomplete",
                                 (json_int_t)incomplete, "execution", exec, "execution_low", exec_low, "attainment", kinds,
                                 "years", yoy, "drill", drill));
}
