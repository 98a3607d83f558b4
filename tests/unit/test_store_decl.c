/* test_store_decl.c — declarations in the collection through the C API, on SQLite and PostgreSQL: the locked lookup, all-or-nothing imports, the library's round trip. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "store_env.h"

#define DATA(f) JX_SOURCE_DIR "/tests/store/decl-data/" f
#define P1 "440306221390300100101"

static void scratch(char *buf, size_t n, const char *name) {
  const char *tmp = getenv("TMPDIR");
  snprintf(buf, n, "%s/jx-test-store-decl-%d-%s", tmp && *tmp ? tmp : "/tmp", (int)getpid(), name);
}

static jx_store *open_store(const store_target *t) {
  jx_store *s = NULL;
  char err[1024];
  if (jx_store_open(t->target, &s, err, sizeof err) != JX_OK) fail_msg("%s: %s", t->name, err);
  jx_diags d = {0};
  size_t n = 0;
  if (jx_store_load_departments(s, DATA("departments.csv"), "测试员", &n, &d) != JX_OK) fail_msg("departments: %s", jx_store_errmsg(s));
  jx_diags_free(&d);
  return s;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = test_malloc((size_t)n + 1);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static jx_status import_decl(jx_store *s, const char *path, jx_decl_store_info *info) {
  size_t len;
  char *data = slurp(path, &len);
  jx_decl_store_opts o = {{"测试员", NULL, NULL}, NULL};
  jx_diags d = {0};
  jx_status st = jx_store_decl_import(s, path, data, len, &o, info, &d);
  jx_diags_free(&d);
  test_free(data);
  return st;
}

static void step_ok(jx_store *s, const char *code, int scope, const char *action) {
  jx_decl_key k = {code, 2022, scope};
  jx_decl_actor by = {"测试员", NULL, NULL};
  if (jx_store_decl_step(s, &k, action, &by, NULL) != JX_OK) fail_msg("%s %s: %s", action, code, jx_store_errmsg(s));
}

static size_t decl_count(jx_store *s) {
  jx_decl_query q = {.what = "list"};
  jx_table *t = NULL;
  assert_int_equal(jx_store_decl_query(s, &q, &t), JX_OK);
  size_t n = jx_table_rows(t);
  jx_table_free(t);
  return n;
}

/* The lookup the year-end check uses: nothing until 批复, then the locked targets, then the
 * adjusted ones; a department's own declaration by its unit code. */
static void test_locked_lookup(void **state) {
  (void)state;
  store_env_check();
  store_target t[2];
  size_t n = store_targets("decl_locked", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_decl_store_info info;
    assert_int_equal(import_decl(s, DATA("p1.yaml"), &info), JX_OK);
    assert_int_equal(info.outcome, JX_STORED_NEW);
    assert_string_equal(info.unit, "SG001");
    assert_int_equal(import_decl(s, DATA("dept-SG001.yaml"), &info), JX_OK);
    assert_string_equal(info.code, "SG001"); /* scope department: keyed by the unit's code */
    jx_decl *d = (jx_decl *)1;
    assert_int_equal(jx_store_decl_locked(s, JX_DECL_PROJECT, P1, 2022, &d), JX_OK);
    assert_null(d);
    step_ok(s, P1, JX_DECL_PROJECT, "review");
    step_ok(s, P1, JX_DECL_PROJECT, "review");
    assert_int_equal(jx_store_decl_locked(s, JX_DECL_PROJECT, P1, 2022, &d), JX_OK);
    assert_null(d); /* reviewed is not approved */
    step_ok(s, P1, JX_DECL_PROJECT, "approve");
    assert_int_equal(jx_store_decl_locked(s, JX_DECL_PROJECT, P1, 2022, &d), JX_OK);
    assert_non_null(d);
    assert_string_equal(d->code, P1);
    assert_string_equal(d->indicators.items[0].value, "≥6场");
    assert_int_equal(d->adjustments.n, 0);
    jx_decl_free(d);
    /* an approved adjustment becomes the locked declaration */
    size_t len;
    char *data = slurp(DATA("p1-adjusted.yaml"), &len);
    jx_decl_store_opts o = {{"测试员", "reviewer", NULL}, NULL};
    jx_diags dg = {0};
    assert_int_equal(jx_store_decl_adjust(s, "p1-adjusted.yaml", data, len, &o, "2022-07-01", "停训", "财政局", &info, &dg), JX_OK);
    assert_int_equal(info.version, 2);
    jx_diags_free(&dg);
    test_free(data);
    assert_int_equal(jx_store_decl_locked(s, JX_DECL_PROJECT, P1, 2022, &d), JX_OK);
    assert_non_null(d);
    assert_string_equal(d->indicators.items[0].value, "≥4场");
    assert_int_equal(d->adjustments.n, 1);
    const jx_decl_adjustment *a = &d->adjustments.items[0];
    assert_string_equal(a->date, "2022-07-01");
    assert_string_equal(a->approver, "财政局");
    assert_int_equal(a->changes.n, 3); /* 培训场次, 培训出勤率, 本年金额 */
    assert_string_equal(a->changes.items[0].indicator, "培训场次");
    assert_string_equal(a->changes.items[0].from, "≥6场");
    assert_string_equal(a->changes.items[0].to, "≥4场");
    assert_null(a->changes.items[2].indicator);
    assert_string_equal(a->changes.items[2].from, "30000");
    assert_string_equal(a->changes.items[2].to, "20000");
    jx_decl_free(d);
    /* the department's own, once approved */
    step_ok(s, "SG001", JX_DECL_DEPARTMENT, "review");
    step_ok(s, "SG001", JX_DECL_DEPARTMENT, "review");
    step_ok(s, "SG001", JX_DECL_DEPARTMENT, "approve");
    assert_int_equal(jx_store_decl_locked(s, JX_DECL_DEPARTMENT, "SG001", 2022, &d), JX_OK);
    assert_non_null(d);
    assert_int_equal(d->scope, JX_DECL_DEPARTMENT);
    assert_int_equal(d->this_year.fen, 320500000); /* 320.5 万元 */
    jx_decl_free(d);
    assert_int_equal(jx_store_decl_locked(s, JX_DECL_PROJECT, "SG001", 2022, &d), JX_OK);
    assert_null(d);
    assert_int_equal(jx_store_decl_locked(s, JX_DECL_PROJECT, P1, 2023, &d), JX_OK);
    assert_null(d);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* Declarations already read go in one transaction: one refused, none stored. */
static void test_import_all_or_nothing(void **state) {
  (void)state;
  store_env_check();
  store_target t[2];
  size_t n = store_targets("decl_all", t);
  jx_diags d = {0};
  jx_decl *p1 = NULL, *p2 = NULL, *unknown = NULL;
  jx_decl_load(DATA("p1.yaml"), &p1, &d);
  jx_decl_load(DATA("p2.yaml"), &p2, &d);
  jx_decl_load(DATA("unknown-unit.yaml"), &unknown, &d);
  jx_diags_free(&d);
  assert_non_null(p1);
  assert_non_null(p2);
  assert_non_null(unknown);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_decl_store_opts o = {{"测试员", NULL, NULL}, NULL};
    const jx_decl *bad[] = {p1, p2, unknown};
    assert_int_equal(jx_store_decl_import_all(s, bad, 3, &o, NULL), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "不在单位表中"));
    assert_int_equal(decl_count(s), 0);
    const jx_decl *dup[] = {p1, p2, p1};
    assert_int_equal(jx_store_decl_import_all(s, dup, 3, &o, NULL), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "出现了两次"));
    assert_int_equal(decl_count(s), 0);
    const jx_decl *good[] = {p1, p2};
    jx_decl_store_info info[2];
    assert_int_equal(jx_store_decl_import_all(s, good, 2, &o, info), JX_OK);
    assert_int_equal(info[0].outcome, JX_STORED_NEW);
    assert_string_equal(info[1].unit, "SG002");
    assert_int_equal(decl_count(s), 2);
    /* again: unchanged */
    assert_int_equal(jx_store_decl_import_all(s, good, 2, &o, info), JX_OK);
    assert_int_equal(info[0].outcome, JX_STORED_UNCHANGED);
    /* a locked one in the batch refuses the whole batch */
    step_ok(s, P1, JX_DECL_PROJECT, "review");
    step_ok(s, P1, JX_DECL_PROJECT, "review");
    step_ok(s, P1, JX_DECL_PROJECT, "approve");
    jx_decl *changed = NULL;
    jx_diags d2 = {0};
    jx_decl_load(DATA("p1-adjusted.yaml"), &changed, &d2);
    jx_diags_free(&d2);
    const jx_decl *locked[] = {p2, changed};
    assert_int_equal(jx_store_decl_import_all(s, locked, 2, &o, NULL), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "已批复的绩效目标不能修改"));
    jx_decl_free(changed);
    jx_store_close(s);
  }
  jx_decl_free(p1);
  jx_decl_free(p2);
  jx_decl_free(unknown);
  store_targets_cleanup(t, n);
}

static jx_table *library(jx_store *s) {
  jx_table *t = NULL;
  if (jx_store_library_table(s, &t) != JX_OK) fail_msg("library: %s", jx_store_errmsg(s));
  return t;
}

static void same_library(const char *name, const jx_table *ta, const jx_table *tb) {
  assert_int_equal(jx_table_rows(tb), jx_table_rows(ta));
  for (size_t r = 0; r < jx_table_rows(ta); r++)
    for (size_t c = 0; c < jx_table_cols(ta); c++) {
      const char *x = jx_table_cell(ta, r, c), *y = jx_table_cell(tb, r, c);
      if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
        fail_msg("%s row %zu col %zu: %s ≠ %s", name, r, c, x ? x : "(空)", y ? y : "(空)");
    }
}

/* The library written as CSV (or XLSX) and read into a fresh collection gives the same
 * library. */
static void test_library_round_trip(void **state) {
  (void)state;
  store_env_check();
  store_target a[2], b[2], c[2];
  size_t n = store_targets("decl_lib_a", a);
  store_targets("decl_lib_b", b);
  store_targets("decl_lib_c", c);
  char csv[512], xlsx[512], err[512];
  scratch(csv, sizeof csv, "library.csv");
  scratch(xlsx, sizeof xlsx, "library.xlsx");
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&a[k]);
    jx_decl_store_info info;
    assert_int_equal(import_decl(s, DATA("p1.yaml"), &info), JX_OK);
    assert_int_equal(import_decl(s, DATA("p2.yaml"), &info), JX_OK);
    jx_diags d = {0};
    size_t rows = 0;
    assert_int_equal(jx_store_library_import(s, DATA("library.csv"), "测试员", &rows, &d), JX_OK);
    assert_int_equal(rows, 3);
    jx_table *ta = library(s);
    assert_true(jx_table_rows(ta) >= 10);
    FILE *f = fopen(csv, "wb");
    assert_non_null(f);
    assert_int_equal(jx_table_write(ta, JX_TABLE_CSV, f), JX_OK);
    fclose(f);
    size_t written = 0;
    assert_int_equal(jx_library_write_xlsx(s, NULL, &written, err, sizeof err), JX_ERR_INVALID);
    if (jx_library_write_xlsx(s, xlsx, &written, err, sizeof err) != JX_OK) fail_msg("xlsx: %s", err);
    assert_int_equal(written, jx_table_rows(ta));
    jx_store_close(s);

    jx_store *s2 = open_store(&b[k]);
    assert_int_equal(jx_store_library_import(s2, csv, "测试员", &rows, &d), JX_OK);
    assert_int_equal(rows, jx_table_rows(ta));
    jx_table *tb = library(s2);
    same_library(a[k].name, ta, tb);
    /* search reads the same counts */
    jx_table *hit = NULL;
    assert_int_equal(jx_store_library_search(s2, "培训 场次", NULL, 5, &hit), JX_OK);
    assert_int_equal(jx_table_rows(hit), 1);
    assert_string_equal(jx_table_cell(hit, 0, 2), "培训场次");
    assert_string_equal(jx_table_cell(hit, 0, 3), "7"); /* p1 + p2 + 5 of library.csv */
    jx_table_free(hit);
    jx_table_free(tb);
    jx_diags_free(&d);
    jx_store_close(s2);
    unlink(csv);

    jx_store *s3 = open_store(&c[k]);
    jx_diags d3 = {0};
    assert_int_equal(jx_store_library_import(s3, xlsx, "测试员", &rows, &d3), JX_OK);
    assert_int_equal(rows, jx_table_rows(ta));
    jx_table *tc = library(s3);
    same_library(a[k].name, ta, tc);
    jx_table_free(tc);
    jx_table_free(ta);
    jx_diags_free(&d3);
    jx_store_close(s3);
    unlink(xlsx);
  }
  store_targets_cleanup(a, n);
  store_targets_cleanup(b, n);
  store_targets_cleanup(c, n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_locked_lookup),
      cmocka_unit_test(test_import_all_or_nothing),
      cmocka_unit_test(test_library_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
