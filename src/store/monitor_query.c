/* monitor_query.c — what the bureau asks of the monitoring data: checkpoints, a unit's reports with derivations, history, alerts by light, follow-ups, overdue reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/date.h"

/* "YYYY-MM-DD" of a day number. */
static void date_of(long z, char out[32]) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  int yy = (int)(y + (m <= 2)), mm = (int)m, dd = (int)d;
  if (yy < 0 || yy > 9999) yy = 0;
  snprintf(out, 32, "%04d-%02d-%02d", yy, mm % 100, dd % 100);
}

static long today_number(void) {
  char now[40];
  jx_db_now(now, sizeof now);
  return jx_store_day_number(now);
}

/* ---- checkpoints ------------------------------------------------------------------------------ */

static jx_status q_checkpoints(jx_store *s, const jx_mon_query *q, jx_table **out) {
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT c.day, c.deadline, c.grace_days, (SELECT COUNT(*) FROM mon_report r WHERE r.year = c.year AND "
                    "r.day = c.day AND r.project = '') FROM mon_checkpoint c WHERE c.year = ? ORDER BY c.day",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, q->year);
  const char *cols[] = {"day:监控时点", "deadline:报送期限", "grace_end:宽限至", "state:今天", "#reports:已报单位"};
  jx_table *t = jx_table_new(5, cols);
  long today = today_number();
  jx_status r;
  size_t n = 0;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    size_t row = jx_table_add_row(t);
    long due = jx_store_day_number(jx_stmt_text(st, 1));
    char end[32];
    date_of(due + jx_stmt_int64(st, 2), end);
    jx_table_set(t, row, 0, jx_stmt_text(st, 0));
    jx_table_set(t, row, 1, jx_stmt_text(st, 1));
    jx_table_set(t, row, 2, end);
    jx_table_set_static(t, row, 3, today > jx_store_day_number(end) ? "已锁定" : today > due ? "宽限期内" : "可报送");
    jx_table_setf(t, row, 4, "%lld", (long long)jx_stmt_int64(st, 3));
    n++;
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  char today_s[32];
  date_of(today, today_s);
  if (n) jx_table_footer(t, "%d 年度 %zu 个监控时点（今天 %s）", q->year, n, today_s);
  else jx_table_footer(t, "%d 年度还没有设定监控时点（jixiao db checkpoint set --year %d）", q->year, q->year);
  *out = t;
  return JX_OK;
}

/* ---- a unit's reports, with each light's derivation --------------------------------------------------- */

static jx_status q_show(jx_store *s, const jx_mon_query *q, jx_table **out) {
  if (!q->unit) return jx_store_fail(s, JX_ERR_INVALID, "请给出单位编码");
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT day, project, version, body, file_name, submitted_at, submitted_by, sources, project_name, cause, fix "
                    "FROM mon_report WHERE unit = ? "
                    "AND year = ? AND (? = '' OR day = ?) AND (? = 0 OR project = ?) ORDER BY day, project",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_text(st, 1, q->unit, -1);
  jx_stmt_bind_int64(st, 2, q->year);
  jx_stmt_bind_text(st, 3, q->day ? q->day : "", -1);
  jx_stmt_bind_text(st, 4, q->day ? q->day : "", -1);
  jx_stmt_bind_int64(st, 5, q->project ? 1 : 0);
  jx_stmt_bind_text(st, 6, q->project ? q->project : "", -1);
  const char *cols[] = {"day:时点", "project:项目", "#version:版本", "item:对象", "light:灯", "figures:数据", "derivation:依据"};
  jx_table *t = jx_table_new(7, cols);
  jx_monrules *rules = NULL;
  jx_diags d = {0};
  (void)jx_monrules_default(&rules, &d);
  jx_status r;
  size_t n = 0;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    n++;
    const char *day = jx_stmt_text(st, 0), *project = jx_stmt_text(st, 1);
    size_t len = 0;
    const void *body = jx_stmt_blob(st, 3, &len);
    jx_monreport *rep = NULL;
    jx_monresult *res = NULL;
    jx_diags dd = {0};
    if (!jx_stmt_is_null(st, 3)) {
      (void)jx_monreport_parse(jx_stmt_text(st, 4), body, len, &rep, &dd);
    } else { /* a bulk sheet's report, kept as its figures */
      jx_mon_row row = {q->unit, project, jx_stmt_text(st, 8), day, jx_stmt_text(st, 4), jx_stmt_text(st, 7), jx_stmt_text(st, 9),
                        jx_stmt_text(st, 10), q->year};
      rep = jx_mon_report_of_row(&row);
    }
    if (rep && rules) (void)jx_monitor_evaluate(rep, rules, &res, &dd);
    jx_diags_free(&dd);
    size_t row = jx_table_add_row(t);
    jx_table_set(t, row, 0, day);
    jx_table_set(t, row, 1, *project ? project : "（部门整体）");
    jx_table_setf(t, row, 2, "%lld", (long long)jx_stmt_int64(st, 2));
    if (!res) {
      jx_table_set_static(t, row, 3, "报告");
      jx_table_set_static(t, row, 6, "存档的报告无法读取");
    } else {
      char b[48], e[48], f[48];
      jx_table_set_static(t, row, 3, "预算执行");
      jx_table_set(t, row, 4, jx_light_name(res->exec.light));
      jx_table_setf(t, row, 5, "全年预算数 %s 元，累计执行数 %s 元%s%s%s", jx_store_fmt_yuan(rep->budget.fen, b, sizeof b),
                    jx_store_fmt_yuan(rep->executed.fen, e, sizeof e), rep->forecast.set ? "，全年预计执行数 " : "",
                    rep->forecast.set ? jx_store_fmt_yuan(rep->forecast.fen, f, sizeof f) : "", rep->forecast.set ? " 元" : "");
      jx_table_set(t, row, 6, res->exec.derivation);
      for (size_t i = 0; i < res->indicators.n; i++) {
        const jx_mon_ind_result *ir = &res->indicators.items[i];
        row = jx_table_add_row(t);
        jx_table_set(t, row, 0, day);
        jx_table_set(t, row, 1, *project ? project : "（部门整体）");
        jx_table_set(t, row, 3, ir->ind->name);
        jx_table_set(t, row, 4, jx_light_name(ir->light));
        jx_table_setf(t, row, 5, "指标值 %s，完成值 %s", ir->ind->target, ir->ind->actual);
        jx_table_set(t, row, 6, ir->derivation);
      }
      row = jx_table_add_row(t);
      jx_table_set(t, row, 0, day);
      jx_table_set(t, row, 1, *project ? project : "（部门整体）");
      jx_table_set_static(t, row, 3, "综合");
      jx_table_set(t, row, 4, jx_light_name(res->light));
      jx_table_setf(t, row, 5, "%s 由 %s 提交", jx_stmt_text(st, 5), jx_stmt_text(st, 6));
      jx_table_setf(t, row, 6, "各灯中最重的（指标红 %zu、黄 %zu、绿 %zu）", res->n_red, res->n_yellow, res->n_green);
    }
    jx_monresult_free(res);
    jx_monreport_free(rep);
  }
  jx_stmt_finalize(st);
  jx_monrules_free(rules);
  jx_diags_free(&d);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  if (!n) {
    jx_table_free(t);
    return jx_store_fail(s, JX_ERR_DATA, "单位 %s 在 %d 年度%s%s没有监控报告", q->unit, q->year, q->day ? " " : "", q->day ? q->day : "");
  }
  jx_table_footer(t, "单位 %s %d 年度：%zu 份监控报告", q->unit, q->year, n);
  *out = t;
  return JX_OK;
}

/* ---- history ---------------------------------------------------------------------------------------- */

typedef struct {
  const char *at, *who, *day, *project, *action, *detail;
  int64_t version, id;
} hist_row;

static int hist_cmp(const void *a, const void *b) {
  const hist_row *x = a, *y = b;
  int c = strcmp(x->at, y->at);
  return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* A unit's history: its own rows, and the first submissions a bulk sheet noted in its one
 * row (mon_report.batch), written out here as "提交" in the unit's words, by time. */
static jx_status q_history(jx_store *s, const jx_mon_query *q, jx_table **out) {
  if (!q->unit) return jx_store_fail(s, JX_ERR_INVALID, "请给出单位编码");
  jx_stmt *st, *bq;
  if (jx_db_prepare(s->db,
                    "SELECT at, who, day, project, version, action, detail, id FROM mon_history WHERE unit = ? AND year = ? ORDER BY id",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  if (jx_db_prepare(s->db,
                    "SELECT r.submitted_at, r.submitted_by, r.day, r.project, r.version, r.budget, r.executed, r.light, r.file_name, "
                    "r.batch, (SELECT MIN(f.id) FROM mon_followup f WHERE f.unit = r.unit AND f.project = r.project AND "
                    "f.year = r.year AND f.day = r.day AND f.opened_at = r.submitted_at) "
                    "FROM mon_report r WHERE r.unit = ? AND r.year = ? AND r.batch IS NOT NULL",
                    &bq) != JX_OK) {
    jx_stmt_finalize(st);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_text(st, 1, q->unit, -1);
  jx_stmt_bind_int64(st, 2, q->year);
  jx_stmt_bind_text(bq, 1, q->unit, -1);
  jx_stmt_bind_int64(bq, 2, q->year);
  const char *cols[] = {"at:时间", "who:操作人", "day:时点", "project:项目", "#version:版本", "action:操作", "detail:说明"};
  jx_table *t = jx_table_new(7, cols);
  jx_arena *a = t->arena;
  hist_row *rows = NULL;
  size_t n = 0, cap = 0;
  jx_status r, rb;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    if (n == cap) rows = jx_xrealloc(rows, (cap = cap * 2 + 16) * sizeof *rows);
    rows[n++] = (hist_row){jx_arena_strdup(a, jx_stmt_text(st, 0)), jx_arena_strdup(a, jx_stmt_text(st, 1)),
                           jx_arena_strdup(a, jx_stmt_text(st, 2)), jx_arena_strdup(a, jx_stmt_text(st, 3)),
                           jx_arena_strdup(a, jx_stmt_text(st, 5)), jx_arena_strdup(a, jx_stmt_text(st, 6)),
                           jx_stmt_int64(st, 4), jx_stmt_int64(st, 7)};
  }
  while ((rb = jx_stmt_step(bq)) == JX_DB_ROW) {
    char detail[512];
    jx_mon_first_detail(detail, sizeof detail, jx_stmt_int64(bq, 5), jx_stmt_int64(bq, 6), (int)jx_stmt_int64(bq, 7));
    if (!jx_stmt_is_null(bq, 10))
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "；开启跟进事项 #%lld", (long long)jx_stmt_int64(bq, 10));
    snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "（汇总表 %s）", jx_stmt_text(bq, 8));
    if (n == cap) rows = jx_xrealloc(rows, (cap = cap * 2 + 16) * sizeof *rows);
    rows[n++] = (hist_row){jx_arena_strdup(a, jx_stmt_text(bq, 0)), jx_arena_strdup(a, jx_stmt_text(bq, 1)),
                           jx_arena_strdup(a, jx_stmt_text(bq, 2)), jx_arena_strdup(a, jx_stmt_text(bq, 3)), "提交",
                           jx_arena_strdup(a, detail), jx_stmt_int64(bq, 4), jx_stmt_int64(bq, 9)};
  }
  jx_stmt_finalize(st);
  jx_stmt_finalize(bq);
  if (r != JX_DB_DONE || rb != JX_DB_DONE) {
    free(rows);
    jx_table_free(t);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  if (n) qsort(rows, n, sizeof *rows, hist_cmp);
  for (size_t i = 0; i < n; i++) {
    size_t row = jx_table_add_row(t);
    jx_table_set_static(t, row, 0, rows[i].at);
    jx_table_set_static(t, row, 1, rows[i].who);
    jx_table_set_static(t, row, 2, rows[i].day);
    jx_table_set_static(t, row, 3, *rows[i].project ? rows[i].project : "（部门整体）");
    if (rows[i].version) jx_table_setf(t, row, 4, "%lld", (long long)rows[i].version);
    jx_table_set_static(t, row, 5, rows[i].action);
    jx_table_set_static(t, row, 6, rows[i].detail);
  }
  free(rows);
  *out = t;
  return JX_OK;
}

/* ---- alerts ------------------------------------------------------------------------------------------- */

static jx_status latest_day(jx_store *s, int year, char day[8]) {
  jx_stmt *st;
  day[0] = '\0';
  if (jx_db_prepare(s->db, "SELECT MAX(day) FROM mon_report WHERE year = ? AND project = ''", &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, year);
  jx_status r = jx_stmt_step(st);
  if (r == JX_DB_ROW && jx_stmt_text(st, 0)) snprintf(day, 8, "%s", jx_stmt_text(st, 0));
  jx_stmt_finalize(st);
  return r == JX_DB_ROW || r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, JX_ERR_IO);
}

typedef struct {
  const char *unit, *name;
  int64_t budget, executed, rate, schedule, behind, ind_red, followup;
  bool has_rate, has_followup;
  int light;
} alert_row;

static jx_status q_alerts(jx_store *s, const jx_mon_query *q, jx_table **out) {
  char day[8];
  if (q->day) snprintf(day, sizeof day, "%s", q->day);
  else if (latest_day(s, q->year, day) != JX_OK) return JX_ERR_IO;
  if (!*day) return jx_store_fail(s, JX_ERR_DATA, "%d 年度还没有监控报告", q->year);
  /* the hierarchy only for --under; names come with the rows */
  jx_dept_list l = {0};
  jx_status r;
  if (q->under) {
    if ((r = jx_store_departments(s, &l)) != JX_OK) return r;
    if (!jx_dept_find(&l, q->under)) {
      jx_arena_free(l.arena);
      return jx_store_fail(s, JX_ERR_DATA, "单位表中没有 %s（--under）", q->under);
    }
  }
  /* Three scans in unit order merged here (no join: a province's 25,000 index look-ups
   * each for the name and the follow-up cost more than the scans): the reports in the
   * primary key's order, the departments (names, the units expected) and the open
   * follow-ups, each in byte order of the code. */
  jx_stmt *st = NULL, *dq = NULL, *fq = NULL;
  if (jx_db_prepare(s->db,
                    "SELECT unit, budget, executed, rate, schedule, behind, light, ind_red FROM mon_report "
                    "WHERE year = ? AND day = ? AND project = '' ORDER BY unit COLLATE BINARY",
                    &st) != JX_OK ||
      jx_db_prepare(s->db, "SELECT code, name, level FROM department ORDER BY code COLLATE BINARY", &dq) != JX_OK ||
      jx_db_prepare(s->db,
                    "SELECT unit, MIN(id) FROM mon_followup WHERE year = ? AND project = '' AND closed_at IS NULL "
                    "GROUP BY unit ORDER BY unit COLLATE BINARY",
                    &fq) != JX_OK) {
    jx_stmt_finalize(st);
    jx_stmt_finalize(dq);
    jx_arena_free(l.arena);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(st, 1, q->year);
  jx_stmt_bind_text(st, 2, day, -1);
  jx_stmt_bind_int64(fq, 1, q->year);
  const char *cols[] = {"light:灯",          "code:编码",          "name:单位",         "#budget:全年预算数（元）",
                        "#executed:累计执行数（元）", "#rate:执行进度（%）", "#schedule:序时进度（%）", "#behind:落后百分点",
                        "#ind_red:指标红灯", "followup:跟进"};
  jx_table *t = jx_table_new(10, cols);
  size_t counts[4] = {0}, reported = 0, n = 0, cap = 0, units = 0;
  alert_row *rows = NULL;
  jx_status dr = jx_stmt_step(dq), fr = jx_stmt_step(fq);
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *unit = jx_stmt_text(st, 0);
    /* the department and the follow-up of this unit: advance each scan up to it */
    for (; dr == JX_DB_ROW && strcmp(jx_stmt_text(dq, 0), unit) < 0; dr = jx_stmt_step(dq))
      units += !strcmp(jx_stmt_text(dq, 2), "unit");
    for (; fr == JX_DB_ROW && strcmp(jx_stmt_text(fq, 0), unit) < 0; fr = jx_stmt_step(fq)) {
    }
    bool named = dr == JX_DB_ROW && !strcmp(jx_stmt_text(dq, 0), unit);
    bool followed = fr == JX_DB_ROW && !strcmp(jx_stmt_text(fq, 0), unit);
    if (q->under && !jx_dept_under(&l, unit, q->under)) continue;
    reported++;
    int light = (int)jx_stmt_int64(st, 6);
    if (light < 0 || light > 3) light = 0;
    counts[light]++;
    if (q->light != JX_LIGHT_NONE && light != (int)q->light) continue;
    if (n == cap) rows = jx_xrealloc(rows, (cap = cap * 2 + 256) * sizeof *rows);
    alert_row *a = &rows[n++];
    a->unit = jx_arena_strdup(t->arena, unit);
    a->name = jx_arena_strdup(t->arena, named ? jx_stmt_text(dq, 1) : "");
    a->budget = jx_stmt_int64(st, 1);
    a->executed = jx_stmt_int64(st, 2);
    a->has_rate = !jx_stmt_is_null(st, 3);
    a->rate = jx_stmt_int64(st, 3);
    a->schedule = jx_stmt_int64(st, 4);
    a->behind = jx_stmt_int64(st, 5);
    a->light = light;
    a->ind_red = jx_stmt_int64(st, 7);
    a->has_followup = followed;
    a->followup = followed ? jx_stmt_int64(fq, 1) : 0;
  }
  for (; dr == JX_DB_ROW; dr = jx_stmt_step(dq)) units += !strcmp(jx_stmt_text(dq, 2), "unit");
  jx_stmt_finalize(st);
  jx_stmt_finalize(dq);
  jx_stmt_finalize(fq);
  if (r != JX_DB_DONE || dr != JX_DB_DONE || (fr != JX_DB_DONE && fr != JX_DB_ROW)) {
    free(rows);
    jx_arena_free(l.arena);
    jx_table_free(t);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  static const int order[] = {JX_LIGHT_RED, JX_LIGHT_YELLOW, JX_LIGHT_GREEN, JX_LIGHT_NONE};
  for (size_t k = 0; k < 4; k++)
    for (size_t i = 0; i < n; i++) {
      const alert_row *a = &rows[i];
      if (a->light != order[k]) continue;
      size_t row = jx_table_add_row(t);
      char b[48];
      jx_table_set_static(t, row, 0, jx_light_name((jx_light)a->light));
      jx_table_set_static(t, row, 1, a->unit);
      jx_table_set_static(t, row, 2, a->name);
      jx_table_set(t, row, 3, jx_store_fmt_yuan(a->budget, b, sizeof b));
      jx_table_set(t, row, 4, jx_store_fmt_yuan(a->executed, b, sizeof b));
      jx_table_set(t, row, 5, jx_store_fmt2(a->rate, a->has_rate, b, sizeof b));
      jx_table_set(t, row, 6, jx_store_fmt2(a->schedule, true, b, sizeof b));
      jx_table_set(t, row, 7, jx_store_fmt2(a->behind, a->has_rate, b, sizeof b));
      jx_table_set(t, row, 8, jx_store_fmt_int(a->ind_red, b));
      if (a->has_followup) jx_table_setf(t, row, 9, "#%lld 未关闭", (long long)a->followup);
    }
  free(rows);
  /* units expected: level unit (under --under) */
  size_t expected = 0;
  if (q->under) {
    for (size_t i = 0; i < l.n; i++)
      if (!strcmp(l.items[i].level, "unit") && jx_dept_under(&l, l.items[i].code, q->under)) expected++;
  } else {
    expected = units;
  }
  jx_arena_free(l.arena);
  size_t missing = expected > reported ? expected - reported : 0;
  jx_table_footer(t, "%d 年度 %s 监控点%s%s：已报 %zu 个单位，红灯 %zu，黄灯 %zu，绿灯 %zu；%zu 个单位未报送（应报 %zu 个）", q->year, day,
                  q->under ? "，" : "", q->under ? q->under : "", reported, counts[JX_LIGHT_RED], counts[JX_LIGHT_YELLOW],
                  counts[JX_LIGHT_GREEN], missing, expected);
  *out = t;
  return JX_OK;
}

/* ---- follow-ups ----------------------------------------------------------------------------------------- */

static jx_status q_followups(jx_store *s, const jx_mon_query *q, jx_table **out) {
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT id, unit, project, year, day, light, derivation, opened_at, closed_at, closed_by, close_reason "
                    "FROM mon_followup WHERE (? = 0 OR year = ?) AND (? = 0 OR closed_at IS NULL) ORDER BY id",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, q->year);
  jx_stmt_bind_int64(st, 2, q->year);
  jx_stmt_bind_int64(st, 3, q->open_only ? 1 : 0);
  const char *cols[] = {"#id:编号",  "unit:单位",      "project:项目",   "#year:年度",      "day:时点",  "light:灯",
                        "why:情况", "opened:开启时间", "closed:关闭时间", "closed_by:关闭人", "reason:关闭原因"};
  jx_table *t = jx_table_new(11, cols);
  jx_status r;
  size_t open = 0, n = 0;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    size_t row = jx_table_add_row(t);
    n++;
    jx_table_setf(t, row, 0, "%lld", (long long)jx_stmt_int64(st, 0));
    jx_table_set(t, row, 1, jx_stmt_text(st, 1));
    const char *p = jx_stmt_text(st, 2);
    jx_table_set(t, row, 2, *p ? p : "（部门整体）");
    jx_table_setf(t, row, 3, "%lld", (long long)jx_stmt_int64(st, 3));
    jx_table_set(t, row, 4, jx_stmt_text(st, 4));
    jx_table_set_static(t, row, 5, jx_light_name((jx_light)jx_stmt_int64(st, 5)));
    jx_table_set(t, row, 6, jx_stmt_text(st, 6));
    jx_table_set(t, row, 7, jx_stmt_text(st, 7));
    jx_table_set(t, row, 8, jx_stmt_text(st, 8));
    jx_table_set(t, row, 9, jx_stmt_text(st, 9));
    jx_table_set(t, row, 10, jx_stmt_text(st, 10));
    if (jx_stmt_is_null(st, 8)) open++;
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_table_footer(t, "跟进事项 %zu 个，未关闭 %zu 个", n, open);
  *out = t;
  return JX_OK;
}

jx_status jx_store_monitor_query(jx_store *s, const jx_mon_query *q, jx_table **out) {
  *out = NULL;
  s->err[0] = '\0';
  if (!q || !q->what) return jx_store_fail(s, JX_ERR_INVALID, "没有给出查询");
  if (strcmp(q->what, "followups") != 0 && (q->year < 1990 || q->year > 2200))
    return jx_store_fail(s, JX_ERR_INVALID, "请给出年度（--year）");
  if (!strcmp(q->what, "checkpoints")) return q_checkpoints(s, q, out);
  if (!strcmp(q->what, "show")) return q_show(s, q, out);
  if (!strcmp(q->what, "history")) return q_history(s, q, out);
  if (!strcmp(q->what, "alerts")) return q_alerts(s, q, out);
  if (!strcmp(q->what, "followups")) return q_followups(s, q, out);
  return jx_store_fail(s, JX_ERR_INVALID, "未知的监控查询“%s”", q->what);
}

/* ---- overdue reports, for `db missing` ------------------------------------------------------------------ */

jx_status jx_store_mon_overdue(jx_store *s, int year, const jx_dept_list *depts, const char *under, jx_mon_overdue_fn fn,
                               void *ctx, size_t *checkpoints) {
  *checkpoints = 0;
  long today = today_number();
  jx_stmt *st;
  if (jx_db_prepare(s->db, "SELECT day, deadline FROM mon_checkpoint WHERE year = ? ORDER BY day", &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, year);
  char days[32][8];
  long dues[32];
  size_t n = 0;
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW && n < 32) {
    long due = jx_store_day_number(jx_stmt_text(st, 1));
    if (today <= due) continue;
    snprintf(days[n], sizeof days[n], "%s", jx_stmt_text(st, 0));
    dues[n++] = due;
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE && r != JX_DB_ROW) return jx_store_dbfail(s, JX_ERR_IO);
  *checkpoints = n;
  if (!n) return JX_OK;
  char *seen = jx_xcalloc(depts->n ? depts->n : 1, 1);
  if (jx_db_prepare(s->db, "SELECT unit FROM mon_report WHERE year = ? AND day = ? AND project = ''", &st) != JX_OK) {
    free(seen);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  for (size_t k = 0; k < n; k++) {
    memset(seen, 0, depts->n ? depts->n : 1);
    jx_stmt_reset(st);
    jx_stmt_bind_int64(st, 1, year);
    jx_stmt_bind_text(st, 2, days[k], -1);
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
      const jx_dept *d = jx_dept_find(depts, jx_stmt_text(st, 0));
      if (d) seen[d - depts->items] = 1;
    }
    if (r != JX_DB_DONE) break;
    for (size_t i = 0; i < depts->n; i++) {
      const jx_dept *u = &depts->items[i];
      if (seen[i] || strcmp(u->level, "unit") != 0 || !jx_dept_under(depts, u->code, under)) continue;
      fn(ctx, u, days[k], today - dues[k]);
    }
  }
  jx_stmt_finalize(st);
  free(seen);
  return r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, JX_ERR_IO);
}
