/* api_years.c — the JSON API's list of department-years (docs/api.md), with the
 * bureau's flags of each row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/text.h"
#include "web/store.h"
#include "web/web.h"

/* ---- list ------------------------------------------------------------------------------ */

#define LIST_SQL                                                                                                  \
  "SELECT dy.id, dy.department, d.name, dy.year, dy.kind, dy.status, dy.version, COALESCE(dy.published_version, 0)," \
  " dy.updated_at, s.total, s.stated_total, s.execution_rate, s.scored, s.met, v.errors, v.warnings,"              \
  " dy.first_submitted_at, dl.due, s.grade, s.unscored, s.unscored_points, s.partial_total"                        \
  " FROM department_year dy JOIN department d ON d.code = dy.department"                                           \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.version LEFT JOIN score s ON s.version = v.id"                \
  " LEFT JOIN deadline dl ON dl.year = dy.year"

/* Flags of one row: the bureau's reasons to look twice. */
static json_t *row_flags(jx_stmt *st) {
  json_t *f = json_array();
  bool has_total = !jx_stmt_is_null(st, 9), has_stated = !jx_stmt_is_null(st, 10);
  int64_t total = jx_stmt_int64(st, 9), stated = jx_stmt_int64(st, 10);
  if (has_total && has_stated && llabs(total - stated) > 5 * JX_NUM_SCALE)
    json_array_append_new(f, json_string("自评分与计算分相差超过 5 分"));
  if (has_stated && stated >= 90 * JX_NUM_SCALE && jx_stmt_int64(st, 13) < jx_stmt_int64(st, 12))
    json_array_append_new(f, json_string("指标未全部达成却自评 90 分以上"));
  if (!jx_stmt_is_null(st, 11) && jx_stmt_int64(st, 11) < 90 * JX_NUM_SCALE)
    json_array_append_new(f, json_string("预算执行率低于 90%"));
  if (jx_stmt_int64(st, 14) > 0) json_array_append_new(f, json_string("数据有错误"));
  const char *sub = jx_stmt_text(st, 16), *due = jx_stmt_text(st, 17);
  if (sub && due && strncmp(sub, due, 10) > 0) json_array_append_new(f, json_string("逾期提交"));
  return f;
}

static json_t *list_row(jx_req *r, jx_stmt *st) {
  jx_year y;
  y.id = jx_stmt_int64(st, 0);
  y.department = jx_stmt_text(st, 1);
  y.department_name = jx_stmt_text(st, 2);
  y.year = (int)jx_stmt_int64(st, 3);
  y.kind = jx_stmt_text(st, 4);
  y.status = jx_stmt_text(st, 5);
  y.version = jx_stmt_int64(st, 6);
  y.published_version = jx_stmt_int64(st, 7);
  y.updated_at = jx_stmt_text(st, 8) ? jx_stmt_text(st, 8) : "";
  (void)r;
  json_t *j = jx_year_json(&y);
  json_object_set_new(j, "total", jx_stmt_is_null(st, 9) ? json_null() : jx_json_num(jx_stmt_int64(st, 9)));
  json_object_set_new(j, "stated_total", jx_stmt_is_null(st, 10) ? json_null() : jx_json_num(jx_stmt_int64(st, 10)));
  json_object_set_new(j, "execution_rate", jx_stmt_is_null(st, 11) ? json_null() : jx_json_num(jx_stmt_int64(st, 11)));
  json_object_set_new(j, "indicators_scored", json_integer(jx_stmt_int64(st, 12)));
  json_object_set_new(j, "indicators_met", json_integer(jx_stmt_int64(st, 13)));
  json_object_set_new(j, "errors", json_integer(jx_stmt_int64(st, 14)));
  json_object_set_new(j, "warnings", json_integer(jx_stmt_int64(st, 15)));
  json_object_set_new(j, "submitted_at", jx_stmt_text(st, 16) ? json_string(jx_stmt_text(st, 16)) : json_null());
  json_object_set_new(j, "grade", jx_stmt_text(st, 18) ? json_string(jx_stmt_text(st, 18)) : json_null());
  /* completeness (migration 5; NULL for rows stored before it: complete when they have a total) */
  bool incomplete = jx_stmt_is_null(st, 19) ? jx_stmt_is_null(st, 9) : jx_stmt_int64(st, 19) > 0;
  json_object_set_new(j, "complete", json_boolean(!incomplete));
  json_object_set_new(j, "unscored", jx_stmt_is_null(st, 19) ? json_null() : json_integer(jx_stmt_int64(st, 19)));
  json_object_set_new(j, "unscored_points", jx_stmt_is_null(st, 20) ? json_null() : jx_json_num(jx_stmt_int64(st, 20)));
  json_object_set_new(j, "partial_total", jx_stmt_is_null(st, 21) ? json_null() : jx_json_num(jx_stmt_int64(st, 21)));
  json_object_set_new(j, "flags", row_flags(st));
  return j;
}

static const char *const statuses[] = {"draft", "submitted", "returned", "approved", "published"};

static bool status_ok(const char *s) {
  for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
    if (!strcmp(s, statuses[i])) return true;
  return false;
}

/* Rows visible to the caller, filtered by year (0: ?year=, else every year), ?status=
 * and ?q= (department name or code). */
json_t *jx_years_list(jx_req *r, int year, bool *ok) {
  *ok = false;
  jx_db *db = jx_req_db(r);
  if (!db) return NULL;
  const char *ys = jx_req_query(r, "year"), *status = jx_req_query(r, "status"), *q = jx_req_query(r, "q");
  if (!year) year = ys && *ys ? (int)strtol(ys, NULL, 10) : 0;
  if (status && *status && !status_ok(status)) {
    jx_resp_error(r, 400, "bad_status", "状态“%s”不对：应为 draft、submitted、returned、approved 或 published", status);
    return NULL;
  }
  if (q && strlen(q) > 200) {
    jx_resp_error(r, 400, "field_too_long", "搜索词过长（上限 200 字节）");
    return NULL;
  }
  bool all = jx_role_perms(r->user->role) & JX_P_ALL_READ;
  jx_sbuf sql = {.arena = r->arena};
  jx_sb_puts(&sql, LIST_SQL " WHERE 1 = 1");
  if (!all) jx_sb_puts(&sql, " AND dy.department = ?");
  if (year) jx_sb_puts(&sql, " AND dy.year = ?");
  if (status && *status) jx_sb_puts(&sql, " AND dy.status = ?");
  if (q && *q) jx_sb_puts(&sql, " AND (d.name LIKE ? OR dy.department LIKE ?)");
  jx_sb_puts(&sql, " ORDER BY dy.year DESC, d.name, dy.kind LIMIT 2000");
  jx_stmt *st;
  if (jx_db_prepare(db, sql.p, &st) != JX_OK) {
    jx_db_fail(r, db);
    return NULL;
  }
  int i = 1;
  if (!all) jx_stmt_bind_text(st, i++, r->user->department ? r->user->department : "", -1);
  if (year) jx_stmt_bind_int64(st, i++, year);
  if (status && *status) jx_stmt_bind_text(st, i++, status, -1);
  if (q && *q) {
    const char *like = jx_arena_printf(r->arena, "%%%s%%", q);
    jx_stmt_bind_text(st, i++, like, -1);
    jx_stmt_bind_text(st, i++, like, -1);
  }
  json_t *arr = json_array();
  jx_status s;
  while ((s = jx_stmt_step(st)) == JX_DB_ROW) json_array_append_new(arr, list_row(r, st));
  jx_stmt_finalize(st);
  if (s != JX_DB_DONE) {
    json_decref(arr);
    jx_db_fail(r, db);
    return NULL;
  }
  *ok = true;
  return arr;
}

void jx_h_years(jx_req *r) {
  bool ok;
  json_t *arr = jx_years_list(r, 0, &ok);
  if (ok) jx_resp_json(r, 200, json_pack("{s:o}", "years", arr));
}
