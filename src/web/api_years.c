/* api_years.c — the JSON API's list of department-years (docs/api.md), with the
 * bureau's flags of each row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"
#include "util/text.h"
#include "web/store.h"
#include "web/web.h"

/* ---- list ------------------------------------------------------------------------------ */

/* The columns of a row (list_row reads them by position); the rows themselves are a page of
 * ids chosen on department_year alone (its scores and names are kept there, migration 4),
 * so that a province's 25,000 units cost one sort of one table, not a join of them all. */
#define LIST_COLS                                                                                                 \
  "SELECT dy.id, dy.department, d.name, dy.year, dy.kind, dy.status, dy.version, COALESCE(dy.published_version, 0)," \
  " dy.updated_at, s.total, s.stated_total, s.execution_rate, s.scored, s.met, v.errors, v.warnings,"              \
  " dy.first_submitted_at, dl.due, s.grade, s.unscored, s.unscored_points, s.partial_total, dy.attainment,"        \
  " CASE WHEN p.errors = 0 AND COALESCE(p.unscored, 0) = 0 THEN p.total END, dy.level"
#define LIST_JOINS                                                                                       \
  " JOIN department d ON d.code = dy.department"                                                        \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.version LEFT JOIN score s ON s.version = v.id"    \
  " LEFT JOIN deadline dl ON dl.year = dy.year"                                                         \
  " LEFT JOIN department_year p ON p.year = dy.year - 1 AND p.department = dy.department AND p.kind = dy.kind"

/* The flags, by the names of the store's query `flags` (query.c: the same rules and
 * thresholds), and two of the desk's own: errors in the data, a late first submission.
 * One name per flag everywhere on the web. */
#define M(x) #x "000000"
static const struct {
  const char *label, *sql; /* sql: when it fires, on department_year dy and deadline dl */
} flag_rules[] = {
    {"高分但指标未完成", "(dy.stated_total >= " M(90) " AND dy.scored > dy.met)"},
    {"自评与复算不符", "(COALESCE(dy.unscored, 0) = 0 AND dy.total IS NOT NULL AND dy.stated_total IS NOT NULL"
                       " AND (dy.stated_total - dy.total >= " M(5) " OR dy.total - dy.stated_total >= " M(5) "))"},
    {"高分但执行率低", "(dy.stated_total >= " M(90) " AND dy.execution_rate < " M(90) ")"},
    {"高分但指标完成率低", "(dy.stated_total >= " M(80) " AND dy.attainment < " M(80) ")"},
    {"数据有错误", "(dy.errors > 0)"},
    {"逾期提交", "(dy.first_submitted_at IS NOT NULL AND dl.due IS NOT NULL AND substr(dy.first_submitted_at, 1, 10) > dl.due)"},
};
#undef M

/* Flags of one row, the same rules in C on the row's columns. */
static json_t *row_flags(jx_stmt *st) {
  json_t *f = json_array();
  bool has_total = !jx_stmt_is_null(st, 9), has_stated = !jx_stmt_is_null(st, 10);
  int64_t total = jx_stmt_int64(st, 9), stated = jx_stmt_int64(st, 10), S = JX_NUM_SCALE;
  bool complete = jx_stmt_is_null(st, 19) || jx_stmt_int64(st, 19) == 0;
  bool fires[6] = {
      has_stated && stated >= 90 * S && jx_stmt_int64(st, 12) > jx_stmt_int64(st, 13),
      complete && has_total && has_stated && llabs(total - stated) >= 5 * S,
      has_stated && stated >= 90 * S && !jx_stmt_is_null(st, 11) && jx_stmt_int64(st, 11) < 90 * S,
      has_stated && stated >= 80 * S && !jx_stmt_is_null(st, 22) && jx_stmt_int64(st, 22) < 80 * S,
      jx_stmt_int64(st, 14) > 0,
      false,
  };
  const char *sub = jx_stmt_text(st, 16), *due = jx_stmt_text(st, 17);
  fires[5] = sub && due && strncmp(sub, due, 10) > 0;
  for (size_t i = 0; i < sizeof fires / sizeof *fires; i++)
    if (fires[i]) json_array_append_new(f, json_string(flag_rules[i].label));
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
  bool prev = !jx_stmt_is_null(st, 23) && !incomplete && !jx_stmt_is_null(st, 9);
  json_object_set_new(j, "previous_total", prev ? jx_json_num(jx_stmt_int64(st, 23)) : json_null());
  json_object_set_new(j, "change", prev ? jx_json_num(jx_stmt_int64(st, 9) - jx_stmt_int64(st, 23)) : json_null());
  json_object_set_new(j, "flags", row_flags(st));
  /* a submitted year: the level whose approval it awaits (待主管部门审核), as on its page */
  const char *level = jx_stmt_text(st, 24), *awaiting = jx_store_state_label(y.status, level);
  json_object_set_new(j, "awaiting", strcmp(awaiting, jx_store_status_label(y.status)) != 0 ? json_string(awaiting) : json_null());
  return j;
}

static const char *const statuses[] = {"draft", "submitted", "returned", "approved", "published"};

static bool status_ok(const char *s) {
  for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
    if (!strcmp(s, statuses[i])) return true;
  return false;
}

/* The columns a list is sorted by: ?sort= names one of these (never SQL). */
static const struct {
  const char *key, *expr;
} sort_keys[] = {
    {"name", "COALESCE(dy.dept_name, dy.department)"},
    {"department", "dy.department"},
    {"year", "dy.year"},
    {"kind", "dy.kind"},
    {"status", "dy.status"},
    {"total", "dy.total"},
    {"stated", "dy.stated_total"},
    {"execution", "dy.execution_rate"},
    {"attainment", "dy.attainment"},
    {"change", "dy.total - p.total"},
    {"submitted", "dy.first_submitted_at"},
    {"updated", "dy.updated_at"},
};

static const char *sort_expr(const char *key) {
  for (size_t i = 0; i < sizeof sort_keys / sizeof *sort_keys; i++)
    if (!strcmp(sort_keys[i].key, key)) return sort_keys[i].expr;
  return NULL;
}

/* A whole number of query parameter name in [lo, hi], def when absent; -1 with a 400 answer. */
long jx_req_query_long(jx_req *r, const char *name, long lo, long hi, long def, const char *label) {
  const char *s = jx_req_query(r, name);
  if (!s || !*s) return def;
  char *end;
  long v = strtol(s, &end, 10);
  if (*end || strlen(s) > 9 || v < lo || v > hi) {
    jx_resp_error(r, 400, "bad_param", "%s“%.40s”不对：应为 %ld 到 %ld 的整数", label, s, lo, hi);
    return -1;
  }
  return v;
}

/* Whose years a caller without JX_P_ALL_READ sees: the own department's, and a head's also
 * those of the units whose 主管部门 the department is (as jx_year_load lets them read). */
typedef enum { SEE_ALL, SEE_OWN, SEE_OWN_AND_UNITS } see;

static see caller_sees(const jx_req *r) {
  if (jx_role_perms(r->user->role) & JX_P_ALL_READ) return SEE_ALL;
  return r->user->role == JX_ROLE_HEAD ? SEE_OWN_AND_UNITS : SEE_OWN;
}

/* The WHERE of a list (binds in order: department (twice for a head), year, status, like,
 * like). */
static void list_where(jx_sbuf *sql, see own, int year, const char *status, const char *q, bool flags) {
  jx_sb_puts(sql, " WHERE dy.current_version IS NOT NULL");
  if (own == SEE_OWN) jx_sb_puts(sql, " AND dy.department = ?");
  if (own == SEE_OWN_AND_UNITS)
    jx_sb_puts(sql, " AND (dy.department = ? OR dy.department IN (SELECT c.code FROM department c"
                    " JOIN department a ON a.code = c.parent AND a.level = 'authority' WHERE a.code = ?))");
  if (year) jx_sb_puts(sql, " AND dy.year = ?");
  if (status && *status) jx_sb_puts(sql, " AND dy.status = ?");
  if (q && *q) jx_sb_puts(sql, " AND (COALESCE(dy.dept_name, dy.department) LIKE ? OR dy.department LIKE ?)");
  if (flags) {
    jx_sb_puts(sql, " AND (");
    for (size_t i = 0; i < sizeof flag_rules / sizeof *flag_rules; i++) jx_sb_printf(sql, "%s%s", i ? " OR " : "", flag_rules[i].sql);
    jx_sb_puts(sql, ")");
  }
}

static void list_bind(jx_req *r, jx_stmt *st, int *i, see own, int year, const char *status, const char *q) {
  const char *dep = r->user->department ? r->user->department : "";
  if (own != SEE_ALL) jx_stmt_bind_text(st, (*i)++, dep, -1);
  if (own == SEE_OWN_AND_UNITS) jx_stmt_bind_text(st, (*i)++, dep, -1);
  if (year) jx_stmt_bind_int64(st, (*i)++, year);
  if (status && *status) jx_stmt_bind_text(st, (*i)++, status, -1);
  if (q && *q) {
    const char *like = jx_arena_printf(r->arena, "%%%s%%", q);
    jx_stmt_bind_text(st, (*i)++, like, -1);
    jx_stmt_bind_text(st, (*i)++, like, -1);
  }
}

json_t *jx_years_page(jx_req *r, int year, const jx_list_page *pg, int64_t *total, bool *ok) {
  *ok = false;
  *total = 0;
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
  /* a page without a sort key: by code, the order of the index department_year_code, so that
   * the database reads the first page off the index and stops (no sort of the year's rows) */
  const char *order = "dy.year DESC, dy.department COLLATE BINARY, dy.kind COLLATE BINARY";
  if (pg->sort && *pg->sort) {
    const char *e = sort_expr(pg->sort);
    if (!e) {
      jx_resp_error(r, 400, "bad_sort", "不能按“%.40s”排序", pg->sort);
      return NULL;
    }
    /* empty values last either way (SQLite and PostgreSQL order NULL differently) */
    order = jx_arena_printf(r->arena, "(%s) IS NULL, %s %s, dy.id", e, e, pg->desc ? "DESC" : "ASC");
  }
  see own = caller_sees(r);
  bool flags = pg->flags;
  size_t limit = pg->per, offset = pg->offset;
  /* the page's ids, on department_year (and the deadline; the previous year when sorting by it) */
  bool by_change = pg->sort && !strcmp(pg->sort, "change"); /* the previous year joined only to sort by it */
  const char *from = by_change ? " FROM department_year dy LEFT JOIN deadline dl ON dl.year = dy.year"
                                 " LEFT JOIN department_year p ON p.year = dy.year - 1 AND p.department = dy.department AND p.kind = dy.kind"
                               : " FROM department_year dy LEFT JOIN deadline dl ON dl.year = dy.year";
  jx_sbuf sql = {.arena = r->arena};
  jx_sb_puts(&sql, LIST_COLS " FROM (SELECT dy.id AS id");
  jx_sb_puts(&sql, from);
  list_where(&sql, own, year, status, q, flags);
  jx_sb_printf(&sql, " ORDER BY %s LIMIT %zu OFFSET %zu) pg JOIN department_year dy ON dy.id = pg.id" LIST_JOINS " ORDER BY %s",
               order, limit, offset, order);
  jx_stmt *st;
  if (jx_db_prepare(db, sql.p, &st) != JX_OK) {
    jx_db_fail(r, db);
    return NULL;
  }
  int i = 1;
  list_bind(r, st, &i, own, year, status, q);
  json_t *arr = json_array();
  jx_status s;
  while ((s = jx_stmt_step(st)) == JX_DB_ROW) json_array_append_new(arr, list_row(r, st));
  jx_stmt_finalize(st);
  if (s != JX_DB_DONE) {
    json_decref(arr);
    jx_db_fail(r, db);
    return NULL;
  }
  /* how many there are in all, for the pager */
  jx_sbuf c = {.arena = r->arena};
  jx_sb_puts(&c, "SELECT COUNT(*) FROM department_year dy");
  if (flags) jx_sb_puts(&c, " LEFT JOIN deadline dl ON dl.year = dy.year");
  list_where(&c, own, year, status, q, flags);
  if (jx_db_prepare(db, c.p, &st) != JX_OK) {
    json_decref(arr);
    jx_db_fail(r, db);
    return NULL;
  }
  i = 1;
  list_bind(r, st, &i, own, year, status, q);
  if (jx_stmt_step(st) == JX_DB_ROW) *total = jx_stmt_int64(st, 0);
  jx_stmt_finalize(st);
  *ok = true;
  return arr;
}

/* GET /api/years: a page of the caller's list (?page=, ?per= up to 200, default 50; ?sort=,
 * ?dir=), with how many there are in all. */
void jx_h_years(jx_req *r) {
  jx_list_page pg;
  if (!jx_req_list_page(r, 50, &pg)) return;
  pg.flags = false; /* the desk's filter, not this list's */
  bool ok;
  int64_t total;
  json_t *arr = jx_years_page(r, 0, &pg, &total, &ok);
  if (ok)
    jx_resp_json(r, 200, json_pack("{s:o,s:I,s:I,s:I}", "years", arr, "total", (json_int_t)total, "page",
                                   (json_int_t)(pg.offset / pg.per) + 1, "per", (json_int_t)pg.per));
}
