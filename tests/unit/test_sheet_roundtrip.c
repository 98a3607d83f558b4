/* test_sheet_roundtrip.c — template out, import back, same model: for every example and
 * for generated department-years (jx_generate), each of the four templates written
 * pre-filled and imported again gives the fields that template holds, unchanged.
 *
 * "Same model" is checked through jx_doc_write_yaml: the source document restricted to
 * the template's fields (project_fields below: the list of what each form holds) and
 * the imported document are written as YAML and must be byte-identical. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char *emit(const jx_doc *doc) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  char err[128];
  assert_int_equal(jx_doc_write_yaml(doc, f, err, sizeof err), JX_OK);
  fclose(f);
  return buf;
}

/* The fields each template holds (docs/excel.md lists the same). */
static void project_fields(const jx_doc *src, jx_template_kind kind, jx_doc *out, jx_project *proj) {
  memset(out, 0, sizeof *out);
  out->arena = src->arena;
  out->path = src->path;
  out->kind = src->kind;
  out->framework_id = src->framework_id;
  out->year = src->year;
  out->money_unit_fen = src->money_unit_fen;
  out->department = src->department;
  out->unit_name = src->unit_name;
  out->department_code = src->department_code;
  out->signer = src->signer;
  out->date = src->date;
  switch (kind) {
  case JX_TEMPLATE_TARGET:
    out->budget_total = src->budget_total;
    out->budget_fiscal = src->budget_fiscal;
    out->budget_other = src->budget_other;
    out->budget_carried_in = src->budget_carried_in;
    out->goals = src->goals;
    out->tasks = src->tasks;
    out->indicators.n = src->indicators.n;
    out->indicators.items = calloc(src->indicators.n + 1, sizeof(jx_indicator));
    for (size_t i = 0; i < src->indicators.n; i++) {
      const jx_indicator *s = &src->indicators.items[i];
      jx_indicator *d = &out->indicators.items[i];
      d->level1 = s->level1, d->level2 = s->level2, d->name = s->name, d->nature = s->nature;
      d->target = s->target, d->unit = s->unit, d->weight = s->weight, d->core = s->core;
    }
    break;
  case JX_TEMPLATE_SELFEVAL:
    out->budget_total = src->budget_total;
    out->adjusted = src->adjusted;
    out->expenditure_total = src->expenditure_total;
    out->indicators.n = src->indicators.n;
    out->indicators.items = calloc(src->indicators.n + 1, sizeof(jx_indicator));
    for (size_t i = 0; i < src->indicators.n; i++) {
      out->indicators.items[i] = src->indicators.items[i];
      out->indicators.items[i].describes = NULL;
      out->indicators.items[i].core = false;
    }
    out->blocks = src->blocks;
    out->stated_total = src->stated_total;
    out->stated_grade = src->stated_grade;
    out->conclusion = src->conclusion;
    break;
  case JX_TEMPLATE_PROJECT:
    if (src->project) {
      *proj = *src->project;
      out->project = proj;
    } else {
      out->projects = src->projects;
    }
    break;
  case JX_TEMPLATE_MONITORING:
    out->adjusted = src->adjusted;
    out->monitoring = src->monitoring;
    break;
  }
}

/* Indicators of the project(s): describes and core are not in the project form. */
static void strip_project(jx_project *p) {
  for (size_t i = 0; i < p->indicators.n; i++) {
    p->indicators.items[i].describes = NULL;
    p->indicators.items[i].core = false;
  }
}

static int roundtrip_file(const char *path) {
  jx_diags d = {0};
  jx_session *s = jx_session_new(JX_FRAMEWORKS_DIR);
  jx_doc *doc = NULL;
  const jx_framework *fw = NULL;
  jx_result *res = NULL;
  jx_session_evaluate(s, path, &doc, &fw, &res, &d);
  assert_non_null(doc);
  int failures = 0;
  for (int k = 0; k <= JX_TEMPLATE_MONITORING; k++) {
    char xlsx[256], err[512];
    snprintf(xlsx, sizeof xlsx, "%s/jx-roundtrip-%d-%d.xlsx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(), k);
    assert_int_equal(jx_template_write(doc, res, (jx_template_kind)k, xlsx, err, sizeof err), JX_OK);
    jx_diags id = {0};
    jx_doc *back = NULL;
    jx_status st = jx_sheet_import(xlsx, NULL, &back, NULL, &id);
    if (st != JX_OK) dump_diags(&id);
    assert_int_equal(st, JX_OK);
    assert_int_equal(id.n_warning, 0);
    jx_doc want;
    jx_project proj;
    project_fields(doc, (jx_template_kind)k, &want, &proj);
    if (k == JX_TEMPLATE_PROJECT) {
      for (size_t i = 0; i < doc->projects.n; i++) strip_project(&doc->projects.items[i]);
      if (want.project) strip_project(want.project);
    }
    char *a = emit(&want), *b = emit(back);
    if (strcmp(a, b) != 0) {
      fprintf(stderr, "%s, template %s: the import differs\n--- expected\n%s\n--- imported\n%s\n", path,
              jx_template_kind_name((jx_template_kind)k), a, b);
      failures++;
    }
    free(a);
    free(b);
    /* merged onto the file it came from, the unchanged form changes nothing */
    jx_diags md = {0};
    jx_doc *base = NULL;
    jx_doc_load(path, &base, &md);
    assert_non_null(base);
    char *before = emit(base);
    assert_int_equal(jx_sheet_merge(base, back, (jx_template_kind)k, &md), JX_OK);
    char *after = emit(base);
    if (strcmp(before, after) != 0) {
      fprintf(stderr, "%s, template %s: merging the unchanged form changed the file\n--- before\n%s\n--- after\n%s\n",
              path, jx_template_kind_name((jx_template_kind)k), before, after);
      failures++;
    }
    free(before);
    free(after);
    jx_doc_free(base);
    jx_diags_free(&md);
    if (want.indicators.items != doc->indicators.items) free(want.indicators.items);
    jx_doc_free(back);
    jx_diags_free(&id);
    remove(xlsx);
  }
  jx_result_free(res);
  jx_doc_free(doc);
  jx_session_free(s);
  jx_diags_free(&d);
  return failures;
}

static void examples_round_trip(void **state) {
  (void)state;
  static const char *files[] = {"examples/ebian-cppcc-2023.yaml", "examples/project-county-library-2023.yaml",
                                "tests/xlsx/roundtrip/money-yuan.yaml",
                                "tests/xlsx/roundtrip/minimal-department.yaml"};
  int failures = 0;
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) failures += roundtrip_file(files[i]);
  assert_int_equal(failures, 0);
}

/* Department-years from jx_generate (about 70 indicators, projects; no deliberate faults). */
static void generated_round_trip(void **state) {
  (void)state;
  char dir[256], cmd[512], err[256];
  snprintf(dir, sizeof dir, "%s/jx-gen-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  jx_gen_options go;
  jx_gen_options_init(&go);
  go.departments = 3;
  go.seed = 7;
  go.fault_permille = 0;
  go.project_permille = 1000;
  if (jx_generate(&go, dir, NULL, NULL, err, sizeof err) != JX_OK) fail_msg("jx_generate: %s", err);
  DIR *dp = opendir(dir);
  assert_non_null(dp);
  struct dirent *e;
  int failures = 0, files = 0;
  while ((e = readdir(dp))) {
    size_t n = strlen(e->d_name);
    if (n < 5 || strcmp(e->d_name + n - 5, ".yaml") != 0) continue;
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    failures += roundtrip_file(path);
    files++;
    remove(path);
  }
  closedir(dp);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  assert_int_equal(system(cmd), 0);
  assert_true(files >= 3);
  assert_int_equal(failures, 0);
}

/* A form of another department or year is not merged. */
static void merge_refuses_another_department(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_doc *a = NULL, *b = NULL;
  jx_doc_load("examples/ebian-cppcc-2023.yaml", &a, &d);
  jx_doc_load("tests/xlsx/roundtrip/minimal-department.yaml", &b, &d);
  assert_non_null(a);
  assert_non_null(b);
  jx_diags_free(&d);
  const char *dept = a->department;
  assert_int_equal(jx_sheet_merge(a, b, JX_TEMPLATE_SELFEVAL, &d), JX_ERR_DATA);
  assert_non_null(find_code_msg(&d, "JX712", "不能合并"));
  assert_ptr_equal(a->department, dept);
  jx_doc_free(a);
  jx_doc_free(b);
  jx_diags_free(&d);
}

/* A blank template imports as a document with no data: errors for what is required. */
static void blank_template_needs_the_basics(void **state) {
  (void)state;
  char xlsx[256], err[512];
  snprintf(xlsx, sizeof xlsx, "%s/jx-blank-%d.xlsx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  assert_int_equal(jx_template_write(NULL, NULL, JX_TEMPLATE_TARGET, xlsx, err, sizeof err), JX_OK);
  jx_diags d = {0};
  jx_doc *doc = NULL;
  assert_int_equal(jx_sheet_import(xlsx, NULL, &doc, NULL, &d), JX_ERR_DATA);
  assert_null(doc);
  assert_non_null(find_code_msg(&d, "JX703", "部门名称"));
  assert_non_null(find_code_msg(&d, "JX703", "年度"));
  assert_non_null(find_code_msg(&d, "JX703", "评价框架"));
  jx_diags_free(&d);
  jx_sheet_options opt = {.framework = "sichuan-ebian-department-2023", .department = "示例局", .year = 2024};
  assert_int_equal(jx_sheet_import(xlsx, &opt, &doc, NULL, &d), JX_OK);
  assert_string_equal(doc->department, "示例局");
  assert_int_equal(doc->indicators.n, 0);
  jx_doc_free(doc);
  jx_diags_free(&d);
  remove(xlsx);
}

/* The same input gives the same bytes. */
static void template_bytes_are_reproducible(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_doc *doc = NULL;
  jx_doc_load("examples/ebian-cppcc-2023.yaml", &doc, &d);
  assert_non_null(doc);
  char a[256], b[256], err[512];
  snprintf(a, sizeof a, "%s/jx-rep-a-%d.xlsx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  snprintf(b, sizeof b, "%s/jx-rep-b-%d.xlsx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  for (int k = 0; k <= JX_TEMPLATE_MONITORING; k++) {
    assert_int_equal(jx_template_write(doc, NULL, (jx_template_kind)k, a, err, sizeof err), JX_OK);
    sleep(k == 0 ? 1 : 0); /* a clock in the output would show */
    assert_int_equal(jx_template_write(doc, NULL, (jx_template_kind)k, b, err, sizeof err), JX_OK);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", a, b);
    assert_int_equal(system(cmd), 0);
  }
  remove(a);
  remove(b);
  jx_doc_free(doc);
  jx_diags_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(examples_round_trip),
      cmocka_unit_test(generated_round_trip),
      cmocka_unit_test(blank_template_needs_the_basics),
      cmocka_unit_test(merge_refuses_another_department),
      cmocka_unit_test(template_bytes_are_reproducible),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
