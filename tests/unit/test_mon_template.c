/* test_mon_template.c — the 绩效监控表 out and back: every checkpoint report of
 * tests/spec/monitoring/ and tests/monitor-template/ (and the generator's, when gen writes
 * them) written as the template (jx_monreport_template_write), read back
 * (jx_monreport_sheet_read) and written as YAML is byte-identical to jx_monreport_write_yaml
 * of the original; the same report gives the same bytes; a blank template is recognised
 * and says what is missing, at its cells; a workbook that is not the form is not recognised;
 * a form pre-filled from a department-year lacks only what the unit fills in. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char *emit(const jx_monreport *r) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  char err[128];
  assert_int_equal(jx_monreport_write_yaml(r, f, err, sizeof err), JX_OK);
  fclose(f);
  return buf;
}

static char *tmp_path(const char *stem, int k) {
  static char buf[4][512];
  snprintf(buf[k & 3], sizeof buf[0], "%s/jx-mon-%s-%d-%d.xlsx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", stem,
           (int)getpid(), k);
  return buf[k & 3];
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)len + 1);
  assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  *n = (size_t)len;
  return p;
}

/* One report file: out as the template, back as YAML, identical.  Returns 1 when it ran. */
static int roundtrip(const char *path, int k) {
  jx_diags d = {0};
  jx_monreport *src = NULL;
  jx_monreport_load(path, &src, &d);
  if (!src || d.n_error) { /* a case that does not load cleanly is about the loader */
    jx_monreport_free(src);
    jx_diags_free(&d);
    return 0;
  }
  char *want = emit(src);
  const char *x = tmp_path("rt", k);
  char err[256];
  assert_int_equal(jx_monreport_template_write(src, x, err, sizeof err), JX_OK);
  jx_monreport *back = NULL;
  bool recognised = false;
  jx_diags bd = {0};
  jx_status st = jx_monreport_sheet_read(x, &back, &recognised, &bd);
  if (st != JX_OK || bd.n_error) {
    fprintf(stderr, "%s:\n", path);
    dump_diags(&bd);
  }
  assert_true(recognised);
  assert_int_equal(st, JX_OK);
  assert_non_null(back);
  char *got = emit(back);
  if (strcmp(want, got) != 0) fprintf(stderr, "%s: want\n%s\ngot\n%s\n", path, want, got);
  assert_string_equal(want, got);
  /* the same report, the same bytes */
  const char *y = tmp_path("rt2", k);
  assert_int_equal(jx_monreport_template_write(src, y, err, sizeof err), JX_OK);
  size_t na, nb;
  char *a = slurp(x, &na), *b = slurp(y, &nb);
  assert_int_equal(na, nb);
  assert_memory_equal(a, b, na);
  free(a);
  free(b);
  remove(x);
  remove(y);
  free(want);
  free(got);
  jx_monreport_free(back);
  jx_monreport_free(src);
  jx_diags_free(&bd);
  jx_diags_free(&d);
  return 1;
}

static int roundtrip_dir(const char *dir) {
  DIR *dp = opendir(dir);
  if (!dp) return 0;
  int n = 0;
  struct dirent *e;
  char path[1024];
  while ((e = readdir(dp))) {
    size_t len = strlen(e->d_name);
    if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    n += roundtrip(path, n);
  }
  closedir(dp);
  return n;
}

static void test_roundtrip_cases(void **state) {
  (void)state;
  int n = roundtrip_dir(JX_SOURCE_DIR "/tests/spec/monitoring") + roundtrip_dir(JX_SOURCE_DIR "/tests/monitor-template");
  assert_true(n >= 3);
}

/* The generator's checkpoint reports go out and back too. */
static void test_roundtrip_generated(void **state) {
  (void)state;
  char dir[512], mon[600];
  snprintf(dir, sizeof dir, "%s/jx-mon-gen-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  jx_gen_options o;
  jx_gen_options_init(&o);
  o.departments = 12;
  o.monitoring_year = 2023;
  char err[256];
  assert_int_equal(jx_generate(&o, dir, NULL, NULL, err, sizeof err), JX_OK);
  snprintf(mon, sizeof mon, "%s/monitoring", dir);
  assert_int_equal(roundtrip_dir(mon), 36);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

/* A blank template is the form: recognised, and what is missing is said at its cells. */
static void test_blank(void **state) {
  (void)state;
  const char *x = tmp_path("blank", 0);
  char err[256];
  assert_int_equal(jx_monreport_template_write(NULL, x, err, sizeof err), JX_OK);
  jx_monreport *r = NULL;
  bool recognised = false;
  jx_diags d = {0};
  assert_int_equal(jx_monreport_sheet_read(x, &r, &recognised, &d), JX_ERR_DATA);
  assert_true(recognised);
  assert_null(r);
  const jx_diag *g = find_code_msg(&d, "JX881", "年度");
  assert_non_null(g);
  assert_non_null(strstr(g->pos.file, ":绩效监控表!B2"));
  assert_non_null(find_code_msg(&d, "JX881", "单位编码"));
  assert_non_null(find_code(&d, "JX885")); /* no source at all */
  jx_diags_free(&d);
  remove(x);
}

/* Another workbook (a year-end template) is not this form: nothing said. */
static void test_not_recognised(void **state) {
  (void)state;
  const char *x = tmp_path("other", 0);
  char err[256];
  assert_int_equal(jx_template_write(NULL, NULL, JX_TEMPLATE_MONITORING, x, err, sizeof err), JX_OK);
  jx_monreport *r = NULL;
  bool recognised = true;
  jx_diags d = {0};
  assert_int_equal(jx_monreport_sheet_read(x, &r, &recognised, &d), JX_OK);
  assert_false(recognised);
  assert_int_equal(d.n, 0);
  assert_int_equal(jx_monreport_sheet_read(JX_SOURCE_DIR "/tests/xlsx/cases/foreign-target.csv", &r, &recognised, &d), JX_OK);
  assert_false(recognised);
  jx_diags_free(&d);
  remove(x);
}

/* Pre-filled from a department-year: its unit, budget and targets; read back, the only
 * thing missing is what the unit is to fill in (累计执行数). */
static void test_from_doc(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_doc *doc = NULL;
  jx_doc_load(JX_SOURCE_DIR "/examples/ebian-cppcc-2023.yaml", &doc, &d);
  assert_non_null(doc);
  const char *x = tmp_path("doc", 0);
  char err[256];
  assert_int_equal(jx_doc_checkpoint_template_write(doc, 9, 30, x, err, sizeof err), JX_OK);
  jx_monreport *r = NULL;
  bool recognised = false;
  jx_diags rd = {0};
  assert_int_equal(jx_monreport_sheet_read(x, &r, &recognised, &rd), JX_ERR_DATA);
  assert_true(recognised);
  assert_int_equal(rd.n_error, 1);
  assert_non_null(find_code_msg(&rd, "JX885", "缺少累计执行数"));
  jx_diags_free(&rd);
  jx_diags_free(&d);
  jx_doc_free(doc);
  remove(x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_roundtrip_cases),
      cmocka_unit_test(test_roundtrip_generated),
      cmocka_unit_test(test_blank),
      cmocka_unit_test(test_not_recognised),
      cmocka_unit_test(test_from_doc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
