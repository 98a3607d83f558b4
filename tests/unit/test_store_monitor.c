/* test_store_monitor.c — monitoring in the collection through the C API, on SQLite and PostgreSQL: checkpoints, lights stored, refusals store nothing, follow-ups, the year end's points, a bulk sheet all or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "model/monitor.h"
#include "store/store.h"
#include "store_env.h"

#define DATA(f) JX_SOURCE_DIR "/tests/store/monitor-data/" f

static jx_store *open_store(const store_target *t) {
  jx_store *s = NULL;
  char err[1024];
  if (jx_store_open(t->target, &s, err, sizeof err) != JX_OK) fail_msg("%s: %s", t->name, err);
  jx_diags d = {0};
  size_t n = 0;
  if (jx_store_load_departments(s, DATA("departments.csv"), "测试员", &n, &d) != JX_OK) fail_msg("departments: %s", jx_store_errmsg(s));
  jx_diags_free(&d);
  jx_mon_checkpoint_opts co = {2023, NULL, NULL, 0, -1, -1, "财政局"};
  if (jx_store_checkpoints_set(s, NULL, &co, &n) != JX_OK) fail_msg("checkpoints: %s", jx_store_errmsg(s));
  assert_int_equal(n, 3);
  return s;
}

static jx_status import_at(jx_store *s, const char *now, const char *path, jx_mon_store_info *info) {
  setenv("JIXIAO_NOW", now, 1);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char buf[8192];
  size_t len = fread(buf, 1, sizeof buf, f);
  fclose(f);
  jx_mon_store_opts o = {"测试员", NULL};
  jx_diags d = {0};
  jx_status st = jx_store_monitor_import(s, path, buf, len, &o, info, &d);
  jx_diags_free(&d);
  return st;
}

static size_t followups(jx_store *s, bool open_only) {
  jx_mon_query q = {.what = "followups", .year = 2023, .open_only = open_only};
  jx_table *t = NULL;
  assert_int_equal(jx_store_monitor_query(s, &q, &t), JX_OK);
  size_t n = jx_table_rows(t);
  jx_table_free(t);
  return n;
}

static void test_reports_and_followups(void **state) {
  (void)state;
  store_env_check();
  store_target t[2];
  size_t n = store_targets("monitor", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_mon_store_info info;
    /* refusals store nothing */
    assert_int_equal(import_at(s, "2023-07-05T09:00:00Z", DATA("unknown-unit.yaml"), &info), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "U99"));
    assert_int_equal(import_at(s, "2023-07-05T09:00:00Z", DATA("unknown-checkpoint.yaml"), &info), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "06-30、09-30、11-30"));
    assert_int_equal(import_at(s, "2023-07-05T09:00:00Z", DATA("u12-0930-over.yaml"), &info), JX_ERR_DATA);
    /* the lights are stored; red opens a follow-up */
    assert_int_equal(import_at(s, "2023-07-05T09:00:00Z", DATA("u11-0630-red.yaml"), &info), JX_OK);
    assert_int_equal(info.light, JX_LIGHT_RED);
    assert_true(info.followup_opened);
    assert_int_equal(import_at(s, "2023-07-05T09:00:00Z", DATA("u21-0630-green.yaml"), &info), JX_OK);
    assert_int_equal(info.light, JX_LIGHT_GREEN);
    assert_int_equal(followups(s, true), 1);
    /* the same bytes: unchanged */
    assert_int_equal(import_at(s, "2023-07-06T09:00:00Z", DATA("u11-0630-red.yaml"), &info), JX_OK);
    assert_int_equal(info.outcome, JX_STORED_UNCHANGED);
    /* a decreasing cumulative figure is refused */
    assert_int_equal(import_at(s, "2023-10-09T09:00:00Z", DATA("u21-0930-decrease.yaml"), &info), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "400 万元"));
    /* the next checkpoint's green closes the follow-up */
    assert_int_equal(import_at(s, "2023-10-09T09:00:00Z", DATA("u11-0930-green.yaml"), &info), JX_OK);
    assert_int_equal(info.followups_closed, 1);
    assert_int_equal(followups(s, true), 0);
    assert_int_equal(followups(s, false), 1);
    /* locked after deadline + grace; a reopening lets one report in */
    assert_int_equal(import_at(s, "2023-10-20T09:00:00Z", DATA("u21-0930-red.yaml"), &info), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "2023-10-10"));
    assert_int_equal(jx_store_monitor_reopen(s, "U21", 2023, "09-30", "", "财政局"), JX_ERR_INVALID);
    assert_int_equal(jx_store_monitor_reopen(s, "U21", 2023, "09-30", "系统故障", "财政局"), JX_OK);
    assert_int_equal(import_at(s, "2023-10-20T09:00:00Z", DATA("u21-0930-red.yaml"), &info), JX_OK);
    assert_true(info.reopen_used);
    assert_int_equal(followups(s, true), 1);
    assert_int_equal(jx_store_followup_close(s, 2, "已约谈", "财政局"), JX_OK);
    assert_int_equal(jx_store_followup_close(s, 2, "再次", "财政局"), JX_ERR_DATA);
    /* the year end reads the unit's own points in date order */
    jx_mon_point *p = NULL;
    size_t np = 0;
    assert_int_equal(jx_store_monitor_points(s, "U11", 2023, &p, &np), JX_OK);
    assert_int_equal(np, 2);
    assert_int_equal(p[0].month, 6);
    assert_int_equal(p[0].day, 30);
    assert_int_equal(p[0].light, JX_LIGHT_RED);
    assert_int_equal(p[0].executed, 200000000); /* 200 万元 in 分 */
    assert_string_equal(p[0].cause, "采购项目招标延后");
    assert_int_equal(p[1].month, 9);
    assert_int_equal(p[1].light, JX_LIGHT_GREEN);
    jx_mon_points_free(p, np);
    assert_int_equal(jx_store_monitor_points(s, "U22", 2023, &p, &np), JX_OK);
    assert_int_equal(np, 0);
    assert_null(p);
    jx_store_close(s);
  }
  unsetenv("JIXIAO_NOW");
  store_targets_cleanup(t, n);
}

static void test_bulk_all_or_nothing(void **state) {
  (void)state;
  store_env_check();
  store_target t[2];
  size_t n = store_targets("monitor_bulk", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    setenv("JIXIAO_NOW", "2023-12-05T09:00:00Z", 1);
    jx_mon_store_opts o = {"财政局", NULL};
    jx_mon_store_info *infos = NULL;
    size_t ni = 0;
    jx_diags d = {0};
    assert_int_equal(jx_store_monitor_import_sheet(s, DATA("bulk-bad.csv"), 2023, 11, 30, &o, &infos, &ni, &d), JX_ERR_DATA);
    assert_int_equal(d.n_error, 2);
    assert_null(infos);
    jx_diags_free(&d);
    jx_diags d2 = {0};
    assert_int_equal(jx_store_monitor_import_sheet(s, DATA("bulk-unknown.csv"), 2023, 11, 30, &o, &infos, &ni, &d2), JX_ERR_DATA);
    assert_int_equal(d2.n_error, 1);
    assert_string_equal(d2.items[0].code, "JX860");
    jx_diags_free(&d2);
    jx_mon_query q = {.what = "alerts", .year = 2023, .day = "11-30"};
    jx_table *tb = NULL;
    assert_int_equal(jx_store_monitor_query(s, &q, &tb), JX_OK);
    assert_int_equal(jx_table_rows(tb), 0); /* nothing of either was stored */
    jx_table_free(tb);
    jx_diags d3 = {0};
    assert_int_equal(jx_store_monitor_import_sheet(s, DATA("bulk.csv"), 2023, 11, 30, &o, &infos, &ni, &d3), JX_OK);
    assert_int_equal(ni, 3);
    assert_string_equal(infos[0].unit, "U11"); /* two sources, one report */
    free(infos);
    jx_diags_free(&d3);
    assert_int_equal(jx_store_monitor_query(s, &q, &tb), JX_OK);
    assert_int_equal(jx_table_rows(tb), 3);
    assert_string_equal(jx_table_cell(tb, 0, 0), "红"); /* red first */
    assert_string_equal(jx_table_cell(tb, 0, 1), "U21");
    jx_table_free(tb);
    /* a sheet's report is kept as figures and given back as its report file */
    char *body = NULL, got[8];
    size_t blen = 0;
    assert_int_equal(jx_store_monitor_body(s, "U11", 2023, "11-30", false, &body, &blen, got), JX_OK);
    assert_non_null(body);
    assert_string_equal(got, "11-30");
    jx_monreport *rep = NULL;
    jx_diags d4 = {0};
    assert_int_equal(jx_monreport_parse("U11.yaml", body, blen, &rep, &d4), JX_OK);
    assert_int_equal(rep->sources.n, 2);
    assert_string_equal(rep->sources.items[1].source, "其他资金");
    assert_int_equal(rep->sources.items[1].executed.fen, 80 * 1000000LL);
    assert_int_equal(rep->executed.fen, 930 * 1000000LL);
    assert_string_equal(rep->unit_name, "第一中学");
    jx_monreport_free(rep);
    jx_diags_free(&d4);
    free(body);
    assert_int_equal(jx_store_monitor_body(s, "U11", 2023, "11-30", true, &body, &blen, got), JX_OK);
    assert_null(body); /* nothing before 11-30 */
    unsetenv("JIXIAO_NOW");
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* The figures text of a sheet's report and back: names with a tab, a newline and a
 * backslash, an adjustment, a forecast left out. */
static void test_figures_roundtrip(void **state) {
  (void)state;
  jx_monreport *r = jx_monreport_new(2023, 6, 30);
  r->unit_code = jx_monreport_str(r, "U1");
  r->unit_name = jx_monreport_str(r, "甲\t乙\\丙");
  r->money_unit_fen = 100;
  r->cause = jx_monreport_str(r, "原因");
  r->fix = jx_monreport_str(r, "措施");
  jx_mon_source *a = jx_monreport_add_source(r, "财政\n拨款");
  a->budget = (jx_money){.fen = 1000, .set = true};
  a->executed = (jx_money){.fen = 1200, .set = true};
  a->adjustment = jx_monreport_str(r, "财预〔2023〕1号\\追加");
  jx_mon_source *b = jx_monreport_add_source(r, "其他");
  b->budget = (jx_money){.fen = 5, .set = true};
  b->executed = (jx_money){.fen = 0, .set = true};
  b->forecast = (jx_money){.fen = 5, .set = true};
  jx_buf t = {0};
  jx_mon_sources_text(r, &t);
  assert_null(strchr(t.p, '\r'));
  jx_mon_row row = {"U1", "", "", "06-30", "s.csv", t.p, "原因", "措施", 2023};
  jx_monreport *back = jx_mon_report_of_row(&row);
  assert_string_equal(back->unit_name, "甲\t乙\\丙");
  assert_int_equal(back->money_unit_fen, 100);
  assert_int_equal(back->sources.n, 2);
  assert_string_equal(back->sources.items[0].source, "财政\n拨款");
  assert_string_equal(back->sources.items[0].adjustment, "财预〔2023〕1号\\追加");
  assert_false(back->sources.items[0].forecast.set);
  assert_int_equal(back->sources.items[0].executed.fen, 1200);
  assert_null(back->sources.items[1].adjustment);
  assert_int_equal(back->budget.fen, 1005);
  assert_int_equal(back->month, 6);
  assert_int_equal(back->day, 30);
  /* the same text again from the rebuilt report: nothing lost */
  jx_buf t2 = {0};
  jx_mon_sources_text(back, &t2);
  assert_string_equal(t.p, t2.p);
  free(t.p);
  free(t2.p);
  jx_monreport_free(back);
  jx_monreport_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reports_and_followups),
      cmocka_unit_test(test_bulk_all_or_nothing),
      cmocka_unit_test(test_figures_roundtrip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
