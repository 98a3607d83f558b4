/* test_emit.c — jx_doc_write_yaml: every example and spec case written back as YAML
 * reads into the same model (same scores, same diagnostics), and writing is stable. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

/* The whole YAML of doc, malloc'd. */
static char *emit(const jx_doc *doc, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  assert_non_null(f);
  char err[128];
  assert_int_equal(jx_doc_write_yaml(doc, f, err, sizeof err), JX_OK);
  fclose(f);
  return buf;
}

/* A message with its source line numbers ("第 68 行") blanked: those differ. */
static void put_without_lines(FILE *f, const char *msg) {
  for (const char *p = msg; *p;) {
    size_t digits = 0;
    if (!strncmp(p, "第 ", 4)) digits = strspn(p + 4, "0123456789");
    if (digits && !strncmp(p + 4 + digits, " 行", 4)) {
      fputs("第 # 行", f);
      p += 4 + digits + 4;
    } else {
      fputc(*p++, f);
    }
  }
}

/* Everything `score` prints for a file, without positions: the diagnostics' severity,
 * code and message, then the score breakdown.  JX1xx (how the text was written: unknown
 * fields, syntax) are about the text, not the model, and are left out. */
static char *outcome(jx_session *s, const char *path, jx_doc **doc_out) {
  jx_doc *doc = NULL;
  const jx_framework *fw = NULL;
  jx_result *res = NULL;
  jx_diags d = {0};
  jx_session_evaluate(s, path, &doc, &fw, &res, &d);
  jx_diags_sort(&d);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  for (size_t i = 0; i < d.n; i++)
    if (strncmp(d.items[i].code, "JX1", 3) != 0)
    {
      fprintf(f, "%s %s ", jx_severity_name(d.items[i].severity), d.items[i].code);
      put_without_lines(f, d.items[i].message);
      fputc('\n', f);
    }
  if (res) jx_result_write_text(res, f);
  fclose(f);
  jx_result_free(res);
  jx_diags_free(&d);
  *doc_out = doc;
  return buf;
}

/* Sort the lines of text in place (diagnostics are compared as a set: their order
 * follows line numbers, which differ between the two files). */
static int cmp_lines(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static char *sorted_lines(char *text) {
  size_t n = 0, cap = 64;
  char **lines = malloc(cap * sizeof *lines);
  for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
    if (n == cap) lines = realloc(lines, (cap *= 2) * sizeof *lines);
    lines[n++] = l;
  }
  qsort(lines, n, sizeof *lines, cmp_lines);
  size_t total = 1;
  for (size_t i = 0; i < n; i++) total += strlen(lines[i]) + 1;
  char *out = malloc(total), *o = out;
  for (size_t i = 0; i < n; i++) o += sprintf(o, "%s\n", lines[i]);
  *o = '\0';
  free(lines);
  return out;
}

static int checked;

/* One file: load, write, load the written file, compare; write again, compare bytes. */
static void round_trip(jx_session *s, const char *path, const char *tmpdir) {
  jx_doc *doc = NULL;
  char *before = outcome(s, path, &doc);
  if (!doc) { /* not YAML, unreadable: nothing to write */
    free(before);
    return;
  }
  size_t len1 = 0, len2 = 0;
  char *yaml1 = emit(doc, &len1);
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s/round-trip.yaml", tmpdir);
  FILE *f = fopen(tmp, "w");
  assert_non_null(f);
  fwrite(yaml1, 1, len1, f);
  fclose(f);
  jx_doc *doc2 = NULL;
  char *after = outcome(s, tmp, &doc2);
  assert_non_null(doc2);
  char *a = sorted_lines(before), *b = sorted_lines(after);
  if (strcmp(a, b) != 0) {
    fprintf(stderr, "%s: the written YAML does not give the same outcome\n--- written:\n%s\n--- before:\n%s\n--- after:\n%s\n",
            path, yaml1, a, b);
    fail();
  }
  char *yaml2 = emit(doc2, &len2);
  assert_int_equal(len1, len2);
  assert_memory_equal(yaml1, yaml2, len1);
  checked++;
  free(a);
  free(b);
  free(yaml1);
  free(yaml2);
  free(before);
  free(after);
  jx_doc_free(doc);
  jx_doc_free(doc2);
  unlink(tmp);
}

static void walk(jx_session *s, const char *dir, const char *tmpdir) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_lines);
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) walk(s, path, tmpdir);
    else if (strlen(names[i]) > 5 && !strcmp(names[i] + strlen(names[i]) - 5, ".yaml")) round_trip(s, path, tmpdir);
    free(names[i]);
  }
  free(names);
}

static void every_example_and_spec_case_round_trips(void **state) {
  (void)state;
  char tmpdir[] = "/tmp/jx-emit-XXXXXX";
  assert_non_null(mkdtemp(tmpdir));
  jx_session *s = jx_session_new(JX_FRAMEWORKS_DIR);
  walk(s, JX_SOURCE_DIR "/examples", tmpdir);
  walk(s, JX_SOURCE_DIR "/tests/spec", tmpdir);
  jx_session_free(s);
  rmdir(tmpdir);
  print_message("%d files written back and read again\n", checked);
  assert_true(checked >= 10);
}

/* Values that a careless writer would change: money below 0.01 万元, percentages,
 * references, text that looks like YAML, multi-line text, 元 as the unit. */
static void exact_values_survive(void **state) {
  (void)state;
  static const char yaml[] =
      "schema: jixiao/1\n"
      "kind: project\n"
      "framework: cn-mof-2020-10-project\n"
      "year: 2023\n"
      "money_unit: 元\n"
      "department:\n"
      "  name: \"no\"\n"
      "  code: \"007\"\n"
      "project:\n"
      "  name: \"=SUM(A1)\"\n"
      "  initial: 0.01\n"
      "  adjusted: 1234567.89\n"
      "  executed: 1,234,567.89\n"
      "  goals: [\"第一行\\n第二行\", \"key: value\", \"# 不是注释\"]\n"
      "  indicators:\n"
      "    - level1: 产出指标\n"
      "      name: 覆盖率\n"
      "      nature: ≥\n"
      "      target: 95%\n"
      "      weight: 90\n"
      "      actual: 0.000001\n"
      "      deviation_note: \"true\"\n";
  jx_diags d = {0};
  jx_doc *doc = NULL;
  jx_doc_parse("t.yaml", yaml, sizeof yaml - 1, &doc, &d);
  assert_non_null(doc);
  size_t len;
  char *out = emit(doc, &len);
  jx_doc *back = NULL;
  jx_diags d2 = {0};
  jx_doc_parse("back.yaml", out, len, &back, &d2);
  assert_non_null(back);
  if (d2.n_error) dump_diags(&d2);
  assert_int_equal(d2.n_error, 0);
  assert_int_equal(back->money_unit_fen, JX_FEN_PER_YUAN);
  assert_string_equal(back->department, "no");
  assert_string_equal(back->department_code, "007");
  assert_string_equal(back->project->name, "=SUM(A1)");
  assert_int_equal(back->project->initial.fen, 1);
  assert_int_equal(back->project->executed.fen, 123456789);
  assert_int_equal(back->project->goals.n, 3);
  assert_string_equal(back->project->goals.items[0], "第一行\n第二行");
  assert_string_equal(back->project->goals.items[1], "key: value");
  assert_string_equal(back->project->goals.items[2], "# 不是注释");
  const jx_indicator *ind = &back->project->indicators.items[0];
  assert_int_equal(ind->target.kind, JX_VAL_NUMBER);
  assert_true(ind->target.percent);
  assert_int_equal(ind->target.num, N(95));
  assert_int_equal(ind->actual.num, 1);
  assert_string_equal(ind->deviation_note, "true");
  assert_non_null(strstr(out, "initial: 0.01\n"));
  assert_non_null(strstr(out, "target: 95%\n"));
  free(out);
  jx_doc_free(doc);
  jx_doc_free(back);
  jx_diags_free(&d);
  jx_diags_free(&d2);
}

/* 万元 keeps every 分: 0.000001 万元 is 1 分. */
static void wan_keeps_every_fen(void **state) {
  (void)state;
  char buf[48];
  assert_string_equal(jx_format_decimal(1, 6, buf, sizeof buf), "0.000001");
  assert_string_equal(jx_format_decimal(1072520000, 6, buf, sizeof buf), "1072.52");
  assert_string_equal(jx_format_decimal(-3000000, 6, buf, sizeof buf), "-3");
  assert_string_equal(jx_format_decimal(INT64_MIN, 2, buf, sizeof buf), "-92233720368547758.08");
  assert_string_equal(jx_format_decimal(0, 6, buf, sizeof buf), "0");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(wan_keeps_every_fen),
      cmocka_unit_test(exact_values_survive),
      cmocka_unit_test(every_example_and_spec_case_round_trips),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
