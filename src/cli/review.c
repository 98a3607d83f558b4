/* review.c — `jixiao review`: argument parsing only; the library loads the rules and the declarations, reviews and writes. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "jixiao.h"

#define USAGE "用法：jixiao review [--rules 审核口径.xlsx|规则.yaml] [--json] [--list-rules] 申报.yaml|目录...\n"

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "jixiao review: %s%s%s%s\n", msg, arg ? "“" : "", arg ? arg : "", arg ? "”" : "");
  fputs(USAGE, stderr);
  return EXIT_USAGE;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .yaml files of a directory, sorted; NULL when path is not a directory. */
static char **yaml_files(const char *path, size_t *n) {
  DIR *dir = opendir(path);
  if (!dir) return NULL;
  size_t cap = 16;
  char **v = jx_xmalloc(cap * sizeof *v);
  *n = 0;
  for (struct dirent *e; (e = readdir(dir));) {
    size_t len = strlen(e->d_name);
    if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0) continue;
    if (*n == cap) v = jx_xrealloc(v, (cap *= 2) * sizeof *v);
    size_t m = strlen(path) + len + 2;
    v[*n] = jx_xmalloc(m);
    snprintf(v[(*n)++], m, "%s/%s", path, e->d_name);
  }
  closedir(dir);
  qsort(v, *n, sizeof *v, by_name);
  return v;
}

static void list_rules(const jx_review_rules *rules) {
  printf("审核规则：%s，%zu 条\n", jx_review_rules_source(rules), jx_review_rules_count(rules));
  static const char *const modes[] = {"正则匹配", "人工", "内置"};
  for (size_t i = 0; i < jx_review_rules_count(rules); i++) {
    const jx_review_rule_info *r = jx_review_rules_at(rules, i);
    printf("%s\t%s\t%s\t%s\t", r->code, modes[r->mode], r->point, r->detail);
    jx_fput_visible(stdout, r->looks_at);
    if (*r->sense) printf("，%s为发现", r->sense);
    if (r->pattern) {
      fputs("\t", stdout);
      jx_fput_visible(stdout, r->pattern);
    }
    fputc('\n', stdout);
  }
}

typedef struct {
  const jx_review_rules *rules;
  jx_review_tally *tally;
  bool json;
  size_t n_json, n_reviewed;
  int rc;
} run;

static void review_one(run *s, const char *path) {
  jx_diags d = {0};
  jx_decl *decl = NULL;
  jx_status st = jx_decl_load(path, &decl, &d);
  if (!decl) {
    jx_diags_sort(&d);
    jx_diags_print(&d, stderr);
    if (s->rc < EXIT_IO) s->rc = st == JX_ERR_IO ? EXIT_IO : EXIT_DATA;
    jx_diags_free(&d);
    return;
  }
  if (d.n) { /* the declaration's own problems (jixiao check would list them too) */
    jx_diags_sort(&d);
    jx_diags_print(&d, stderr);
  }
  if (d.n_error && s->rc < EXIT_DATA) s->rc = EXIT_DATA;
  jx_diags found = {0};
  jx_review *rv = NULL;
  if (jx_review_run(s->rules, decl, &rv, &found) == JX_OK) {
    for (size_t i = 0; i < found.n; i++) /* JX827: a pattern stopped by its match limit */
      if (!strcmp(found.items[i].code, "JX827")) {
        jx_diags one = {.items = &found.items[i], .n = 1};
        jx_diags_print(&one, stderr);
      }
    if (s->json) {
      char *j = jx_review_json(rv, path);
      printf("%s%s", s->n_json++ ? ",\n" : "", j);
      free(j);
    } else {
      jx_review_write_text(rv, path, stdout);
    }
    jx_review_tally_add(s->tally, rv);
    s->n_reviewed++;
    if (rv->conclusion == JX_REVIEW_FAIL && s->rc < EXIT_DATA) s->rc = EXIT_DATA;
  }
  jx_review_free(rv);
  jx_diags_free(&found);
  jx_decl_free(decl);
  jx_diags_free(&d);
}

int cli_review(int argc, char **argv) {
  const char *rules_path = NULL;
  bool json = false, list = false;
  const char **inputs = jx_xcalloc((size_t)argc + 1, sizeof *inputs);
  int n_inputs = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--rules") && i + 1 < argc) rules_path = argv[++i];
    else if (!strncmp(a, "--rules=", 8)) rules_path = a + 8;
    else if (!strcmp(a, "--json")) json = true;
    else if (!strcmp(a, "--list-rules")) list = true;
    else if (!strcmp(a, "--no-color")) continue;
    else if (a[0] == '-' && a[1]) {
      free(inputs);
      return usage_error("未知选项", a);
    } else inputs[n_inputs++] = a;
  }
  if (!n_inputs && !list) {
    free(inputs);
    return usage_error("请给出至少一个申报文件或目录", NULL);
  }
  jx_diags d = {0};
  jx_review_rules *rules = NULL;
  jx_status st = rules_path ? jx_review_rules_load(rules_path, &rules, &d) : jx_review_rules_default(&rules, &d);
  jx_diags_sort(&d);
  jx_diags_print(&d, stderr);
  jx_diags_free(&d);
  if (!rules) {
    fprintf(stderr, "jixiao review: 审核规则 %s 无法使用\n", rules_path ? rules_path : "（内置）");
    free(inputs);
    return st == JX_ERR_IO ? EXIT_IO : EXIT_DATA;
  }
  if (list) list_rules(rules);
  run s = {rules, jx_review_tally_new(rules), json, 0, 0, EXIT_OK};
  if (json && n_inputs) fputs("{\"declarations\": [\n", stdout);
  for (int i = 0; i < n_inputs; i++) {
    size_t n = 0;
    struct stat sb;
    char **files = stat(inputs[i], &sb) == 0 && S_ISDIR(sb.st_mode) ? yaml_files(inputs[i], &n) : NULL;
    if (files) {
      if (!n) fprintf(stderr, "jixiao review: 目录 %s 中没有 .yaml 文件\n", inputs[i]);
      for (size_t k = 0; k < n; k++) {
        review_one(&s, files[k]);
        free(files[k]);
      }
      free(files);
    } else {
      review_one(&s, inputs[i]);
    }
  }
  if (n_inputs) {
    if (json) {
      char *t = jx_review_tally_json(s.tally);
      printf("],\n\"summary\": %s}\n", t);
      free(t);
    } else if (s.n_reviewed) { /* the counts only when something was reviewed */
      putchar('\n');
      jx_review_tally_write_text(s.tally, stdout);
    }
  }
  if (fflush(stdout) != 0 || ferror(stdout)) s.rc = EXIT_IO;
  jx_review_tally_free(s.tally);
  jx_review_rules_free(rules);
  free(inputs);
  return s.rc;
}
