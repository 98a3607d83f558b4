/* api_dashboard.c — the JSON API of the bureau (docs/api.md): its desk (what waits for
 * review) and the dashboard of a year (distribution, execution, attainment, years). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
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

void jx_h_desk(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  bool ok;
  int year = req_year(r, db); /* the desk shows one year: the latest unless asked */
  json_t *rows = jx_years_list(r, year, &ok);
  if (!ok) return;
  json_t *missing = json_array();
  jx_stmt *st;
  if (jx_db_prepare(db,
                    "SELECT code, name FROM department WHERE level = 'unit' AND code NOT IN"
                    " (SELECT department FROM department_year WHERE year = ?) ORDER BY code",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW)
      json_array_append_new(missing, json_pack("{s:s,s:s}", "department", jx_stmt_text(st, 0), "name", jx_stmt_text(st, 1)));
    jx_stmt_finalize(st);
  }
  json_t *counts = json_object();
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    const char *s = json_string_value(json_object_get(row, "status"));
    json_object_set_new(counts, s, json_integer(json_integer_value(json_object_get(counts, s)) + 1));
  }
  /* the store's own reviews of the year: self-score vs indicators, missing and late */
  jx_query qf = {.what = "flags", .year = year}, qm = {.what = "missing", .year = year};
  json_t *store_flags = jx_store_table_json(r, &qf, 2000), *store_missing = jx_store_table_json(r, &qm, 2000);
  jx_resp_json(r, 200, json_pack("{s:o,s:o,s:o,s:i,s:o,s:o}", "years", rows, "missing", missing, "counts", counts, "year",
                                 year, "store_flags", store_flags, "store_missing", store_missing));
}

#define CURRENT_SCORES                                                                                 \
  " FROM department_year dy JOIN department d ON d.code = dy.department"                               \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.version JOIN score s ON s.version = v.id"

void jx_h_dashboard(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  int year = req_year(r, db);
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

  json_t *exec = json_array();
  if (jx_db_prepare(db, "SELECT d.name, s.execution_rate, s.total" CURRENT_SCORES
                        " WHERE dy.year = ? AND dy.kind = 'department' AND s.execution_rate IS NOT NULL"
                        " ORDER BY s.execution_rate DESC, d.name LIMIT 200",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW)
      json_array_append_new(exec, json_pack("{s:s,s:o,s:o}", "department", jx_stmt_text(st, 0), "rate",
                                            jx_json_num(jx_stmt_int64(st, 1)),
                                            "total", jx_stmt_is_null(st, 2) ? json_null() : jx_json_num(jx_stmt_int64(st, 2))));
    jx_stmt_finalize(st);
  }

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
  jx_resp_json(r, 200, json_pack("{s:i,s:o,s:I,s:o,s:o,s:o}", "year", year, "distribution", dist, "incomplete",
                                 (json_int_t)incomplete, "execution", exec, "attainment", kinds, "years", yoy));
}
