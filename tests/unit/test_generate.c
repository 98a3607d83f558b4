/* test_generate.c — jx_generate: a small province checks as intended (no error except the
 * files listed in faults.tsv, each with its code), the same options give the same bytes,
 * departments.csv is a hierarchy whose codes the files carry, and bad options are refused. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

/* ---- small file helpers ------------------------------------------------------------ */


static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted names of the regular files in dir; *n receives the count. */
static char **list_dir(const char *dir, size_t *n) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  size_t cap = 64;
  char **v = malloc(cap * sizeof *v);
  *n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (*n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
    v[(*n)++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(v, *n, sizeof *v, cmp_str);
  return v;
}

static void free_list(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
}

static void remove_dir(const char *dir) {
  size_t n;
  char **v = list_dir(dir, &n);
  char path[4096];
  for (size_t i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, v[i]);
    unlink(path);
  }
  free_list(v, n);
  rmdir(dir);
}

static char *make_province(const jx_gen_options *o, jx_gen_summary *s) {
  char tmpl[] = "/tmp/jx-test-gen.XXXXXX";
  char *dir = mkdtemp(tmpl);
  assert_non_null(dir);
  char err[256] = "";
  jx_status st = jx_generate(o, dir, s, NULL, err, sizeof err);
  if (st != JX_OK) fprintf(stderr, "jx_generate: %s\n", err);
  assert_int_equal(st, JX_OK);
  return strdup(dir);
}

/* The expected code of file name in faults.tsv, or NULL. */
static const char *fault_of(const char *faults, const char *name, char *code, size_t n) {
  size_t len = strlen(name);
  for (const char *p = faults; (p = strstr(p, name)); p += len)
    if ((p == faults || p[-1] == '\n') && p[len] == '\t') {
      snprintf(code, n, "%.5s", p + len + 1);
      return code;
    }
  return NULL;
}

/* ---- tests ------------------------------------------------------------------------- */

static void province_checks_as_intended(void **state) {
  (void)state;
  jx_gen_options o;
  jx_gen_options_init(&o);
  o.departments = 40;
  o.seed = 7;
  o.year_from = 2022;
  o.year_to = 2023;
  o.fault_permille = 150;
  o.project_permille = 300;
  jx_gen_summary s;
  char *dir = make_province(&o, &s);
  assert_int_equal(s.department_files, 80);
  assert_true(s.project_files > 0);
  assert_int_equal(s.files, s.department_files + s.project_files);
  assert_true(s.faulty > 0 && s.faulty < s.department_files);
  size_t by_kind = 0;
  for (size_t k = 0; k < jx_gen_fault_kinds(); k++) by_kind += s.by_fault[k];
  assert_int_equal(by_kind, s.faulty);

  char path[4096], code[8];
  snprintf(path, sizeof path, "%s/faults.tsv", dir);
  char *faults = read_file(path, NULL);
  size_t n;
  char **names = list_dir(dir, &n);
  size_t yaml = 0, failed = 0;
  for (size_t i = 0; i < n; i++) {
    if (!strstr(names[i], ".yaml")) continue;
    yaml++;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    jx_doc *doc = NULL;
    jx_framework *fw = NULL;
    jx_result *res = NULL;
    jx_diags d = {0};
    jx_evaluate_file(path, JX_FRAMEWORKS_DIR, &doc, &fw, &res, &d);
    const char *want = fault_of(faults, names[i], code, sizeof code);
    if (want) {
      failed++;
      if (!count_code_sev(&d, want, JX_ERROR)) {
        fprintf(stderr, "%s: expected %s\n", names[i], want);
        dump_diags(&d);
      }
      assert_true(count_code_sev(&d, want, JX_ERROR) > 0);
    } else {
      if (d.n_error) {
        fprintf(stderr, "%s: unexpected errors\n", names[i]);
        dump_diags(&d);
      }
      assert_int_equal(d.n_error, 0);
      assert_non_null(res);
    }
    jx_result_free(res);
    jx_framework_free(fw);
    jx_doc_free(doc);
    jx_diags_free(&d);
  }
  assert_int_equal(yaml, s.files);
  assert_int_equal(failed, s.faulty);
  free(faults);
  free_list(names, n);
  remove_dir(dir);
  free(dir);
}

static void same_options_same_bytes(void **state) {
  (void)state;
  jx_gen_options o;
  jx_gen_options_init(&o);
  o.departments = 12;
  o.seed = 99;
  jx_gen_summary s1, s2;
  char *a = make_province(&o, &s1);
  char *b = make_province(&o, &s2);
  o.seed = 100;
  jx_gen_summary s3;
  char *c = make_province(&o, &s3);
  size_t na, nb, nc;
  char **la = list_dir(a, &na), **lb = list_dir(b, &nb), **lc = list_dir(c, &nc);
  assert_int_equal(na, nb);
  size_t differ = 0;
  for (size_t i = 0; i < na; i++) {
    assert_string_equal(la[i], lb[i]);
    char pa[4096], pb[4096], pc[4096];
    snprintf(pa, sizeof pa, "%s/%s", a, la[i]);
    snprintf(pb, sizeof pb, "%s/%s", b, lb[i]);
    snprintf(pc, sizeof pc, "%s/%s", c, la[i]);
    size_t len_a, len_b;
    char *x = read_file(pa, &len_a), *y = read_file(pb, &len_b);
    assert_int_equal(len_a, len_b);
    assert_memory_equal(x, y, len_a);
    if (strstr(la[i], "dept-") && access(pc, R_OK) == 0) {
      size_t len_c;
      char *z = read_file(pc, &len_c);
      differ += len_c != len_a || memcmp(x, z, len_a) != 0;
      free(z);
    }
    free(x);
    free(y);
  }
  assert_true(differ > 0); /* another seed, another province */
  free_list(la, na);
  free_list(lb, nb);
  free_list(lc, nc);
  remove_dir(a);
  remove_dir(b);
  remove_dir(c);
  free(a);
  free(b);
  free(c);
}

/* departments.csv: header, bureaus without a parent, every parent listed before its
 * children, and every department file's code in the CSV. */
static void departments_csv_is_a_hierarchy(void **state) {
  (void)state;
  jx_gen_options o;
  jx_gen_options_init(&o);
  o.departments = 30;
  o.fault_permille = 0;
  jx_gen_summary s;
  char *dir = make_province(&o, &s);
  char path[4096];
  snprintf(path, sizeof path, "%s/departments.csv", dir);
  char *csv = read_file(path, NULL);
  assert_true(!strncmp(csv, "code,name,parent,level\n", 23));
  size_t rows = 0, bureaus = 0, authorities = 0, units = 0;
  for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
    char code[32], name[256], parent[32], level[16];
    int k = sscanf(line, "%31[^,],%255[^,],%31[^,],%15[^\n]", code, name, parent, level);
    if (k != 4) { /* a bureau: empty parent */
      assert_int_equal(sscanf(line, "%31[^,],%255[^,],,%15[^\n]", code, name, level), 3);
      assert_string_equal(level, "bureau");
      bureaus++;
    } else {
      assert_true(!strcmp(level, "authority") || !strcmp(level, "unit"));
      authorities += !strcmp(level, "authority");
      units += !strcmp(level, "unit");
      *strchr(line, ',') = '\0';
      char needle[40];
      snprintf(needle, sizeof needle, "\n%s,", parent);
      char *at = strstr(csv, needle);
      assert_non_null(at); /* the parent is listed, and before its child */
      assert_true(at < line);
      assert_int_equal(strncmp(code, parent, strlen(parent)), 0); /* codes nest */
      *strchr(line, '\0') = ',';
      snprintf(path, sizeof path, "%s/dept-%05zu-2023.yaml", dir, authorities + units);
      char *yaml = read_file(path, NULL);
      char want[64];
      snprintf(want, sizeof want, "  code: \"%s\"\n", code);
      assert_non_null(strstr(yaml, want));
      free(yaml);
    }
    rows++;
  }
  assert_int_equal(authorities + units, 30);
  assert_int_equal(bureaus, s.counties);
  assert_int_equal(rows, bureaus + 30);
  free(csv);
  remove_dir(dir);
  free(dir);
}

static void bad_options_are_refused(void **state) {
  (void)state;
  jx_gen_options o;
  char err[256];
  jx_gen_options_init(&o);
  o.departments = 0;
  assert_int_equal(jx_generate(&o, "/tmp/jx-never", NULL, NULL, err, sizeof err), JX_ERR_INVALID);
  jx_gen_options_init(&o);
  o.year_from = 2024;
  o.year_to = 2023;
  assert_int_equal(jx_generate(&o, "/tmp/jx-never", NULL, NULL, err, sizeof err), JX_ERR_INVALID);
  jx_gen_options_init(&o);
  o.departments = 1;
  assert_int_equal(jx_generate(&o, "/proc/jx-no/such/dir", NULL, NULL, err, sizeof err), JX_ERR_IO);
  assert_non_null(strstr(err, "/proc/jx-no/such/dir"));
  assert_null(jx_gen_fault_code(jx_gen_fault_kinds()));
  for (size_t k = 0; k < jx_gen_fault_kinds(); k++) {
    assert_int_equal(strncmp(jx_gen_fault_code(k), "JX", 2), 0);
    assert_non_null(jx_gen_fault_what(k));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(province_checks_as_intended),
      cmocka_unit_test(same_options_same_bytes),
      cmocka_unit_test(departments_csv_is_a_hierarchy),
      cmocka_unit_test(bad_options_are_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
