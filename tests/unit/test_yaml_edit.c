/* test_yaml_edit.c — the in-place YAML editor (src/parse/yaml_edit.c) on the cases of
 * tests/unit/data/yaml_edit/ (file, edits, expected bytes or refusal), and its reader. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "parse/yaml_edit.h"
#include "util/arena.h"

#define DIR_CASES JX_SOURCE_DIR "/tests/unit/data/yaml_edit"

static char *slurp(jx_arena *a, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *s = NULL;
  size_t n = 0, cap = 0;
  int c;
  while ((c = fgetc(f)) != EOF) {
    if (n + 2 > cap) s = jx_arena_grow(a, s, n, cap = cap ? cap * 2 : 256, 1);
    s[n++] = (char)c;
  }
  fclose(f);
  if (!s) s = jx_arena_alloc(a, 1);
  s[n] = '\0';
  *len = n;
  return s;
}

/* "\n" → "\r\n" (crlf cases) and a BOM in front (bom cases). */
static char *shape(jx_arena *a, const char *name, const char *s, size_t *len) {
  bool crlf = strstr(name, "crlf") != NULL, bom = strstr(name, "bom") != NULL;
  char *o = jx_arena_alloc(a, *len * 2 + 4);
  size_t k = 0;
  if (bom) memcpy(o, "\xEF\xBB\xBF", 3), k = 3;
  for (size_t i = 0; i < *len; i++) {
    if (crlf && s[i] == '\n') o[k++] = '\r';
    o[k++] = s[i];
  }
  o[k] = '\0';
  *len = k;
  return o;
}

static char *unescape(jx_arena *a, const char *s) {
  char *o = jx_arena_alloc(a, strlen(s) + 1), *p = o;
  for (; *s; s++) {
    if (*s == '\\' && s[1]) {
      s++;
      *p++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
    } else {
      *p++ = *s;
    }
  }
  *p = '\0';
  return o;
}

static void run_case(const char *name) {
  jx_arena *a = jx_arena_new();
  char path[512];
  size_t ylen, elen, xlen;
  snprintf(path, sizeof path, "%s/%s.yaml", DIR_CASES, name);
  char *yaml = slurp(a, path, &ylen);
  assert_non_null(yaml);
  yaml = shape(a, name, yaml, &ylen);
  snprintf(path, sizeof path, "%s/%s.edits", DIR_CASES, name);
  char *edits = slurp(a, path, &elen);
  assert_non_null(edits);
  jx_yaml_set sets[64];
  jx_yaml_item items[64];
  size_t n = 0, ni = 0;
  for (char *line = strtok(edits, "\n"); line && n < 64 && ni < 64; line = strtok(NULL, "\n")) {
    if (!strncmp(line, "- ", 2)) { /* - PATH: the item removed */
      items[ni++] = (jx_yaml_item){.remove = line + 2};
      continue;
    }
    if (!strncmp(line, "+ ", 2)) { /* + LIST = TEXT, or + LIST: KEY = VALUE; KEY = VALUE */
      char *colon = strstr(line, ": "), *eq = strstr(line, " = ");
      if (colon && (!eq || colon < eq)) {
        *colon = '\0';
        const char **keys = jx_arena_alloc(a, 32 * sizeof *keys), **values = jx_arena_alloc(a, 32 * sizeof *values);
        size_t k = 0;
        for (char *kv = strtok_r(colon + 2, ";", &colon); kv && k < 32; kv = strtok_r(NULL, ";", &colon)) {
          while (*kv == ' ') kv++;
          char *e = strstr(kv, " = ");
          if (!e) fail_msg("%s.edits: no \" = \" in \"%s\"", name, kv);
          *e = '\0';
          keys[k] = kv;
          values[k++] = unescape(a, e + 3);
        }
        items[ni++] = (jx_yaml_item){.list = line + 2, .keys = keys, .values = values, .n_keys = k};
      } else {
        if (!eq) fail_msg("%s.edits: no \" = \" in \"%s\"", name, line);
        *eq = '\0';
        items[ni++] = (jx_yaml_item){.list = line + 2, .value = unescape(a, eq + 3)};
      }
      continue;
    }
    char *eq = strstr(line, " = ");
    if (!eq) fail_msg("%s.edits: no \" = \" in \"%s\"", name, line);
    *eq = '\0';
    sets[n++] = (jx_yaml_set){line, unescape(a, eq + 3)};
  }
  const char *out;
  size_t out_len, failed;
  char err[512];
  /* the scalars first, then the lists (as the web's save does) */
  jx_status st = jx_yaml_edit(a, yaml, ylen, sets, n, &out, &out_len, &failed, err, sizeof err);
  if (st == JX_OK && ni) st = jx_yaml_items(a, out, out_len, items, ni, &out, &out_len, &failed, err, sizeof err);
  snprintf(path, sizeof path, "%s/%s.expected", DIR_CASES, name);
  char *want = slurp(a, path, &xlen);
  if (want) {
    if (st != JX_OK) fail_msg("%s: refused (edit %zu): %s", name, failed + 1, err);
    want = shape(a, name, want, &xlen);
    if (out_len != xlen || memcmp(out, want, xlen) != 0)
      fail_msg("%s: got\n----\n%s\n----\nwant\n----\n%s\n----", name, out, want);
  } else {
    snprintf(path, sizeof path, "%s/%s.error", DIR_CASES, name);
    char *msg = slurp(a, path, &xlen);
    if (!msg) fail_msg("%s: neither .expected nor .error", name);
    msg[strcspn(msg, "\n")] = '\0';
    if (st == JX_OK) fail_msg("%s: accepted, want a refusal saying \"%s\"; got\n%s", name, msg, out);
    assert_null(out);
    if (!strstr(err, msg)) fail_msg("%s: message \"%s\" does not say \"%s\"", name, err, msg);
  }
  jx_arena_free(a);
}

static void test_cases(void **state) {
  (void)state;
  DIR *d = opendir(DIR_CASES);
  assert_non_null(d);
  size_t count = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 6 || strcmp(e->d_name + l - 6, ".edits") != 0) continue;
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(l - 6), e->d_name);
    print_message("case %s\n", name);
    run_case(name);
    count++;
  }
  closedir(d);
  assert_true(count >= 10);
}

/* The seed: each indicator's actual and the budget edited, every other line the same. */
static void test_seed_keeps_lines(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  size_t len;
  char *seed = slurp(a, JX_SOURCE_DIR "/examples/ebian-cppcc-2023.yaml", &len);
  assert_non_null(seed);
  jx_yaml_set sets[] = {{"budget.fiscal", "1072.52"}, {"indicators[3].actual", "16"}, {"indicators[11].weight", "9"}};
  const char *out;
  size_t out_len, failed;
  char err[256];
  assert_int_equal(jx_yaml_edit(a, seed, len, sets, 3, &out, &out_len, &failed, err, sizeof err), JX_OK);
  size_t lines_in = 0, lines_out = 0, differ = 0;
  for (size_t i = 0; i < len; i++) lines_in += seed[i] == '\n';
  for (size_t i = 0; i < out_len; i++) lines_out += out[i] == '\n';
  assert_int_equal(lines_in, lines_out);
  const char *p = seed, *q = out;
  while (*p && *q) {
    size_t lp = strcspn(p, "\n"), lq = strcspn(q, "\n");
    differ += lp != lq || memcmp(p, q, lp) != 0;
    p += lp + (p[lp] != 0);
    q += lq + (q[lq] != 0);
  }
  assert_int_equal(differ, 3);
  /* the values read back */
  const char *paths[] = {"budget.fiscal", "indicators[3].actual", "indicators", "nothing.here"};
  const char *values[4];
  int kinds[4];
  assert_true(jx_yaml_values(a, out, out_len, paths, 4, values, kinds, err, sizeof err));
  assert_string_equal(values[0], "1072.52");
  assert_string_equal(values[1], "16");
  assert_int_equal(kinds[2], 2);
  assert_null(values[2]);
  assert_int_equal(kinds[3], 0);
  jx_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_seed_keeps_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
