/* test_decl_export.c — jx_decl_export_read_mem and jx_decl_export_write_dir: recognition, --year, counts, all-or-nothing writing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "jixiao.h"

static const char joined[] =
    "项目编码,项目名称,申请单位,项目总金额（万元）,本年金额（万元）,测算依据,一级指标,二级指标,三级指标,指标值\n"
    "P-1,甲项目,某单位,30,12.5,,产出,数量,场次,≥6场\n"
    "P-2,乙项目,某单位,1,1,2024年度申报预算,产出,时效,完成时间,11月底前完成\n"
    "P-1,甲项目,某单位,30,12.5,,效益,社会效益,不适用,不适用\n"
    "P-1,甲项目,某单位,30,12.5,,满意度,服务对象满意度,,\n"
    "P-2,乙项目,某单位,1,1,2024年度申报预算,产出,质量,合格率,102\n120\n";

static void test_read_joined(void **state) {
  (void)state;
  jx_decl_export x;
  jx_diags d = {0};
  /* the CSV's last field holds a line break only inside quotes: write it quoted */
  const char *cut = strstr(joined, "102\n120");
  size_t head = (size_t)(cut - joined), cap = sizeof joined + 8;
  char *csv = jx_xmalloc(cap);
  memcpy(csv, joined, head);
  snprintf(csv + head, cap - head, "%s", "\"102\n120\"\n");
  jx_decl_export_options opt = {0};
  assert_int_equal(jx_decl_export_read_mem("e.csv", csv, strlen(csv), &opt, &x, &d), JX_OK);
  assert_true(x.recognised);
  assert_string_equal(x.layout, "CSV");
  assert_int_equal(x.n, 2);
  const jx_decl *a = x.items[0], *b = x.items[1];
  assert_string_equal(a->code, "P-1");
  assert_int_equal(a->indicators.n, 3); /* its own rows, in order, 不适用 and blank kept */
  assert_string_equal(a->indicators.items[1].name, "不适用");
  assert_true(a->indicators.items[1].not_applicable);
  assert_string_equal(a->indicators.items[2].value, "");
  assert_int_equal(a->money_unit_fen, JX_FEN_PER_WAN);
  assert_int_equal(a->this_year.fen, 12500000); /* 12.5 万元 in 分 */
  assert_int_equal(b->year, 2024);              /* its own 测算依据 */
  assert_int_equal(a->year, 2024);              /* the file's year, with a note */
  assert_non_null(find_code(&d, "JX815"));
  assert_true(b->indicators.items[0].read.has_date);
  assert_int_equal(x.counts.rows, 5);
  assert_int_equal(x.counts.readable, 1);
  assert_int_equal(x.counts.deadlines, 1);
  assert_int_equal(x.counts.not_applicable, 1);
  assert_int_equal(x.counts.blank, 1);
  assert_int_equal(x.counts.unreadable, 1);
  assert_int_equal(d.n_error, 0);
  jx_decl_export_free(&x);
  jx_diags_free(&d);

  opt.year = 2030; /* --year wins, and no note */
  assert_int_equal(jx_decl_export_read_mem("e.csv", csv, strlen(csv), &opt, &x, &d), JX_OK);
  assert_int_equal(x.items[0]->year, 2030);
  assert_int_equal(x.items[1]->year, 2030);
  assert_null(find_code(&d, "JX815"));
  jx_decl_export_free(&x);
  jx_diags_free(&d);
  free(csv);
}

/* A file that is no export: not recognised, nothing said (the year-end reader reports it). */
static void test_not_an_export(void **state) {
  (void)state;
  static const char other[] = "一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,场次,≥6场\n";
  jx_decl_export x;
  jx_diags d = {0};
  assert_int_equal(jx_decl_export_read_mem("t.csv", other, sizeof other - 1, NULL, &x, &d), JX_OK);
  assert_false(x.recognised);
  assert_int_equal(d.n, 0);
  assert_int_equal(jx_decl_export_read_mem("t.xlsx", "not a zip", 9, NULL, &x, &d), JX_OK);
  assert_false(x.recognised);
  assert_int_equal(d.n, 0);
  jx_decl_export_free(&x);
  jx_decl_export_free(NULL);
}

/* An error anywhere: no declaration comes back. */
static void test_error_returns_nothing(void **state) {
  (void)state;
  static const char bad[] = "项目编码,项目名称,本年金额,一级指标,二级指标,三级指标,指标值\nP-1,甲,1,产出,数量,场次,≥6场\n,甲,1,产出,数量,人数,≥6人\n";
  jx_decl_export x;
  jx_diags d = {0};
  assert_int_equal(jx_decl_export_read_mem("b.csv", bad, sizeof bad - 1, NULL, &x, &d), JX_ERR_DATA);
  assert_true(x.recognised);
  assert_int_equal(x.n, 0);
  assert_null(x.items);
  assert_non_null(find_code(&d, "JX812"));
  jx_decl_export_free(&x);
  jx_diags_free(&d);
}

static void test_write_dir(void **state) {
  (void)state;
  char dir[] = "/tmp/jx-decl-export.XXXXXX";
  assert_non_null(mkdtemp(dir));
  static const char one[] = "项目编码,项目名称,本年金额,一级指标,二级指标,三级指标,指标值\nP-1,甲,,产出,数量,场次,≥6场\n";
  jx_decl_export x;
  jx_diags d = {0};
  jx_decl_export_options opt = {2024};
  assert_int_equal(jx_decl_export_read_mem("o.csv", one, sizeof one - 1, &opt, &x, &d), JX_OK);
  assert_non_null(find_code_msg(&d, "JX817", "本年金额为空，按 0 记")); /* the file requires it */
  char out[256], err[512], file[300];
  snprintf(out, sizeof out, "%s/out", dir);
  assert_int_equal(jx_decl_export_write_dir(&x, out, err, sizeof err), JX_OK); /* creates the directory */
  snprintf(file, sizeof file, "%s/P-1.yaml", out);
  jx_decl *back = NULL;
  jx_diags bd = {0};
  jx_status lst = jx_decl_load(file, &back, &bd); /* what was written reads back */
  if (lst != JX_OK) dump_diags(&bd);
  assert_int_equal(lst, JX_OK);
  assert_string_equal(back->indicators.items[0].value, "≥6场");
  jx_decl_free(back);
  jx_diags_free(&bd);
  /* -o naming a file: refused, nothing written */
  assert_int_equal(jx_decl_export_write_dir(&x, file, err, sizeof err), JX_ERR_INVALID);
  assert_non_null(strstr(err, "不是目录"));
  remove(file);
  rmdir(out);
  rmdir(dir);
  jx_decl_export_free(&x);
  jx_diags_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_read_joined),
      cmocka_unit_test(test_not_an_export),
      cmocka_unit_test(test_error_returns_nothing),
      cmocka_unit_test(test_write_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
