/* test_monitor.c — 绩效运行监控 core: 序时进度 on every kind of date, 是/否 answers, light names, the builders and the report's YAML round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/monitor.h"

static void test_schedule_progress(void **state) {
  (void)state;
  int days = 0, total = 0;
  assert_int_equal(jx_schedule_progress(2023, 6, 30, &days, &total), 4959 * 10000LL); /* 181/365 = 49.59% */
  assert_int_equal(days, 181);
  assert_int_equal(total, 365);
  assert_int_equal(jx_schedule_progress(2024, 6, 30, &days, &total), 4973 * 10000LL); /* 182/366 = 49.73% */
  assert_int_equal(days, 182);
  assert_int_equal(total, 366);
  assert_int_equal(jx_schedule_progress(2023, 12, 31, NULL, NULL), 100 * JX_NUM_SCALE);
  assert_int_equal(jx_schedule_progress(2023, 1, 1, NULL, NULL), 27 * 10000LL); /* 1/365 = 0.27% */
  assert_int_equal(jx_schedule_progress(2023, 9, 30, NULL, NULL), 7479 * 10000LL); /* 273/365 */
  assert_int_equal(jx_schedule_progress(2023, 2, 29, NULL, NULL), -1);
  assert_int_equal(jx_schedule_progress(2023, 13, 1, NULL, NULL), -1);
  assert_int_equal(jx_schedule_progress(2023, 4, 0, NULL, NULL), -1);
}

static void test_yes_no_and_lights(void **state) {
  (void)state;
  assert_int_equal(jx_mon_yes_no("是"), 1);
  assert_int_equal(jx_mon_yes_no("能"), 1);
  assert_int_equal(jx_mon_yes_no("否"), 0);
  assert_int_equal(jx_mon_yes_no("不能"), 0);
  assert_int_equal(jx_mon_yes_no(""), -1);
  assert_int_equal(jx_mon_yes_no(NULL), -1);
  assert_int_equal(jx_mon_yes_no("也许"), -2);
  assert_int_equal(jx_light_parse("红"), JX_LIGHT_RED);
  assert_int_equal(jx_light_parse("黄灯"), JX_LIGHT_YELLOW);
  assert_int_equal(jx_light_parse("green"), JX_LIGHT_GREEN);
  assert_int_equal(jx_light_parse("紫"), JX_LIGHT_NONE);
  assert_string_equal(jx_light_name(JX_LIGHT_RED), "红");
  assert_string_equal(jx_light_name(JX_LIGHT_NONE), "—");
}

/* A report built in memory, evaluated, written and read back: the same YAML, the same lights. */
static void test_build_evaluate_roundtrip(void **state) {
  (void)state;
  jx_monreport *r = jx_monreport_new(2023, 9, 30);
  r->unit_code = jx_monreport_str(r, " 101001 ");
  r->unit_name = jx_monreport_str(r, "县政协办");
  jx_mon_source *s = jx_monreport_add_source(r, "财政拨款");
  s->budget = (jx_money){.fen = 200 * JX_FEN_PER_WAN, .set = true};
  s->executed = (jx_money){.fen = 100 * JX_FEN_PER_WAN, .set = true};
  s->forecast = (jx_money){.fen = 200 * JX_FEN_PER_WAN, .set = true};
  jx_monreport_sum(r);
  assert_string_equal(r->unit_code, "101001");
  assert_int_equal(r->budget.fen, 200 * JX_FEN_PER_WAN);
  r->cause = jx_monreport_str(r, "采购延期");
  r->fix = jx_monreport_str(r, "10月支付");
  jx_diags d = {0};
  jx_monrules *rules = NULL;
  assert_int_equal(jx_monrules_default(&rules, &d), JX_OK);
  jx_monresult *res = NULL;
  assert_int_equal(jx_monitor_evaluate(r, rules, &res, &d), JX_OK);
  /* 273/365 = 74.79%; 100/200 = 50%: 24.79 points behind → red (≥ 15) */
  assert_int_equal(res->exec.light, JX_LIGHT_RED);
  assert_int_equal(res->exec.behind, 2479 * 10000LL);
  assert_non_null(strstr(res->exec.derivation, "24.79 个百分点"));
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  char err[64];
  assert_int_equal(jx_monreport_write_yaml(r, f, err, sizeof err), JX_OK);
  fclose(f);
  jx_monreport *back = NULL;
  assert_int_equal(jx_monreport_parse("back.yaml", buf, len, &back, &d), JX_OK);
  assert_int_equal(d.n_error, 0);
  assert_int_equal(back->executed.fen, r->executed.fen);
  assert_string_equal(back->fix, "10月支付");
  jx_monresult *res2 = NULL;
  assert_int_equal(jx_monitor_evaluate(back, rules, &res2, &d), JX_OK);
  assert_int_equal(res2->light, res->light);
  free(buf);
  jx_monresult_free(res2);
  jx_monresult_free(res);
  jx_monreport_free(back);
  jx_monreport_free(r);
  jx_monrules_free(rules);
  jx_diags_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_schedule_progress),
      cmocka_unit_test(test_yes_no_and_lights),
      cmocka_unit_test(test_build_evaluate_roundtrip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
