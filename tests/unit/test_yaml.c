/* test_yaml.c — the strict YAML reader (jx_yaml_parse) at its limits: nesting depth,
 * scalar size, encoding, NUL bytes, duplicate keys, anchors/aliases, tags, several
 * documents. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "parse/bind.h"
#include "parse/yaml_tree.h"
#include "util/arena.h"

typedef struct {
  jx_arena *arena;
  jx_diags d;
  jx_node *root;
} parsed;

static void parse_n(parsed *p, const char *data, size_t len) {
  memset(p, 0, sizeof *p);
  p->arena = jx_arena_new();
  p->root = jx_yaml_parse(p->arena, "t.yaml", data, len, &p->d);
  if (getenv("JX_TEST_VERBOSE")) dump_diags(&p->d);
}

static void parse(parsed *p, const char *text) { parse_n(p, text, strlen(text)); }

static void parsed_free(parsed *p) {
  jx_arena_free(p->arena);
  jx_diags_free(&p->d);
}

static const jx_diag *only(const parsed *p, const char *code) {
  const jx_diag *g = find_code(&p->d, code);
  if (!g) {
    dump_diags(&p->d);
    fail_msg("no %s", code);
  }
  assert_int_equal(g->severity, JX_ERROR);
  assert_non_null(g->pos.file);
  assert_string_equal(g->pos.file, "t.yaml");
  return g;
}

/* "[[[…]]]" or "{a: {a: …}}" nested depth deep */
static char *nested(size_t depth, bool maps) {
  size_t cap = depth * 8 + 16, n = 0;
  char *s = malloc(cap);
  assert_non_null(s);
  for (size_t i = 0; i < depth; i++) {
    if (maps) { memcpy(s + n, "{a: ", 4); n += 4; }
    else s[n++] = '[';
  }
  s[n++] = '1';
  for (size_t i = 0; i < depth; i++) s[n++] = maps ? '}' : ']';
  s[n++] = '\n';
  s[n] = '\0';
  return s;
}

/* ---- a plain tree --------------------------------------------------------------------------- */

static void test_tree(void **state) {
  (void)state;
  parsed p;
  parse(&p, "a: 1\nb:\n  - x\n  - \"y\"\nc: ~\nd: 否\ne: 1,072.52\n");
  assert_non_null(p.root);
  assert_int_equal(p.d.n, 0);
  assert_int_equal(p.root->type, JX_NODE_MAP);
  assert_int_equal(p.root->n, 5);
  jx_node *b = jx_map_get(p.root, "b");
  assert_non_null(b);
  assert_int_equal(b->type, JX_NODE_SEQ);
  assert_int_equal(b->n, 2);
  assert_false(b->items[0]->quoted);
  assert_true(b->items[1]->quoted);
  assert_int_equal(b->items[1]->pos.line, 4);
  assert_int_equal(b->items[1]->pos.col, 5);
  assert_string_equal(jx_map_get(p.root, "c")->text, ""); /* ~ is empty, not "~" */
  assert_string_equal(jx_map_get(p.root, "d")->text, "否"); /* never YAML 1.1 false */
  assert_string_equal(jx_map_get(p.root, "e")->text, "1,072.52");
  assert_null(jx_map_get(p.root, "zzz"));
  assert_null(jx_map_get(b, "x"));
  parsed_free(&p);
}

static void test_empty(void **state) {
  (void)state;
  parsed p;
  parse_n(&p, "", 0);
  assert_null(p.root);
  only(&p, "JX100");
  parsed_free(&p);
  parse(&p, "  \n\n\t\n");
  assert_null(p.root);
  only(&p, "JX100");
  parsed_free(&p);
  parse(&p, "# only a comment\n");
  assert_null(p.root);
  only(&p, "JX100");
  parsed_free(&p);
}

/* ---- nesting -------------------------------------------------------------------------------- */

static void test_deep_flow_sequences(void **state) {
  (void)state;
  char *s = nested(10000, false);
  parsed p;
  parse(&p, s);
  assert_null(p.root);
  const jx_diag *g = only(&p, "JX103");
  assert_int_equal(g->pos.line, 1);
  assert_non_null(strstr(g->message, "64"));
  assert_int_equal(p.d.n_error, 1);
  parsed_free(&p);
  free(s);
}

static void test_deep_flow_maps(void **state) {
  (void)state;
  char *s = nested(10000, true);
  parsed p;
  parse(&p, s);
  assert_null(p.root);
  only(&p, "JX103");
  parsed_free(&p);
  free(s);
}

static void test_deep_block_nesting(void **state) {
  (void)state;
  /* block style: "a:\n  a:\n    a: …" 200 levels */
  size_t depth = 200, cap = depth * (2 * depth + 8) + 16, n = 0;
  char *s = malloc(cap);
  assert_non_null(s);
  for (size_t i = 0; i < depth; i++) {
    memset(s + n, ' ', 2 * i);
    n += 2 * i;
    memcpy(s + n, "a:\n", 3);
    n += 3;
  }
  s[n] = '\0';
  parsed p;
  parse(&p, s);
  assert_null(p.root);
  only(&p, "JX103");
  parsed_free(&p);
  free(s);
}

static void test_depth_limit_edge(void **state) {
  (void)state;
  parsed p;
  char *ok = nested(JX_MAX_DEPTH, false);
  parse(&p, ok);
  assert_non_null(p.root);
  assert_int_equal(p.d.n, 0);
  parsed_free(&p);
  free(ok);
  char *bad = nested(JX_MAX_DEPTH + 1, false);
  parse(&p, bad);
  assert_null(p.root);
  only(&p, "JX103");
  parsed_free(&p);
  free(bad);
}

/* ---- size ------------------------------------------------------------------------------------ */

static void test_long_scalar(void **state) {
  (void)state;
  size_t n = JX_MAX_SCALAR_BYTES + 1;
  char *s = malloc(n + 8);
  assert_non_null(s);
  memcpy(s, "a: ", 3);
  memset(s + 3, 'x', n);
  memcpy(s + 3 + n, "\n", 2);
  parsed p;
  parse(&p, s);
  assert_null(p.root);
  const jx_diag *g = only(&p, "JX103");
  assert_int_equal(g->pos.line, 1);
  assert_int_equal(g->pos.col, 4);
  parsed_free(&p);

  /* exactly at the limit is fine */
  memcpy(s + 3 + n - 1, "\n", 2);
  parse(&p, s);
  assert_non_null(p.root);
  assert_int_equal(p.d.n, 0);
  assert_int_equal(jx_map_get(p.root, "a")->len, JX_MAX_SCALAR_BYTES);
  parsed_free(&p);
  free(s);
}

static void test_too_many_nodes(void **state) {
  (void)state;
  /* 2 million nodes: 0.3 s natively, ~10 s under valgrind */
  /* "[1,1,…]" with one item more than the node limit allows */
  size_t items = JX_MAX_NODES, n = 0;
  char *s = malloc(2 * items + 8);
  assert_non_null(s);
  s[n++] = '[';
  for (size_t i = 0; i < items; i++) {
    s[n++] = '1';
    s[n++] = ',';
  }
  s[n - 1] = ']';
  s[n++] = '\n';
  parsed p;
  parse_n(&p, s, n);
  assert_null(p.root);
  const jx_diag *g = only(&p, "JX103");
  assert_non_null(strstr(g->message, "节点"));
  parsed_free(&p);
  free(s);
}

/* ---- encoding ---------------------------------------------------------------------------------- */

static void test_gbk(void **state) {
  (void)state;
  /* "name: 测试" in GBK (B2 E2 CA D4) on line 2 */
  const char s[] = "schema: jixiao/1\nname: \xb2\xe2\xca\xd4\n";
  parsed p;
  parse_n(&p, s, sizeof s - 1);
  assert_null(p.root);
  const jx_diag *g = only(&p, "JX101");
  assert_int_equal(g->pos.line, 2);
  assert_int_equal(g->pos.col, 7);
  assert_non_null(strstr(g->message, "GBK"));
  assert_non_null(strstr(g->message, "0xB2"));
  parsed_free(&p);

  /* columns count characters, not bytes: the bad byte after "名称: 中" is column 6 */
  const char s2[] = "名称: 中\xff\n";
  parse_n(&p, s2, sizeof s2 - 1);
  g = only(&p, "JX101");
  assert_int_equal(g->pos.line, 1);
  assert_int_equal(g->pos.col, 6);
  parsed_free(&p);

  /* a truncated UTF-8 sequence at the very end */
  const char s3[] = "a: \xe4\xb8";
  parse_n(&p, s3, sizeof s3 - 1);
  assert_null(p.root);
  only(&p, "JX101");
  parsed_free(&p);
}

static void test_nul_byte(void **state) {
  (void)state;
  const char s[] = "a: 1\nb: x\0y\n";
  parsed p;
  parse_n(&p, s, sizeof s - 1);
  assert_null(p.root);
  const jx_diag *g = only(&p, "JX101");
  assert_int_equal(g->pos.line, 2);
  assert_int_equal(g->pos.col, 5);
  assert_non_null(strstr(g->message, "NUL"));
  parsed_free(&p);
}

/* Regression (fixed): src/parse/yaml_tree.c jx_yaml_parse — the emptiness test
 * `strspn(data, " \t\r\n") == len` reads data as a C string, past len, when the
 * buffer is not NUL-terminated (jixiao.h promises jx_doc_parse that it "need not be
 * NUL-terminated"): a heap-buffer-overflow read under ASan.  jx_read_file terminates
 * its buffer, so the CLI is not affected; jx_doc_parse callers (fuzzers, servers) are.
 * Expected: look at data[0..len) only. */
static void test_not_nul_terminated(void **state) {
  (void)state;
  /* exactly len bytes, no terminator: the parser must not read past len */
  char *buf = malloc(5);
  assert_non_null(buf);
  memcpy(buf, "a: 1\n", 5);
  parsed p;
  parse_n(&p, buf, 5);
  assert_non_null(p.root);
  assert_string_equal(jx_map_get(p.root, "a")->text, "1");
  parsed_free(&p);
  free(buf);

  /* whitespace only, no terminator */
  char *ws = malloc(3);
  assert_non_null(ws);
  memcpy(ws, " \n ", 3);
  parse_n(&p, ws, 3);
  assert_null(p.root);
  only(&p, "JX100");
  parsed_free(&p);
  free(ws);

  /* through the public API */
  const char text[] = "schema: jixiao/1\nkind: project\nframework: cn-mof-2020-10-project\nyear: 2023\n"
                      "department:\n  name: 测试局\nproject:\n  name: 测试项目\n";
  char *doc_buf = malloc(sizeof text - 1);
  assert_non_null(doc_buf);
  memcpy(doc_buf, text, sizeof text - 1);
  jx_diags d = {0};
  jx_doc *doc = NULL;
  assert_int_equal(jx_doc_parse("t.yaml", doc_buf, sizeof text - 1, &doc, &d), JX_OK);
  assert_non_null(doc);
  assert_string_equal(doc->project->name, "测试项目");
  jx_doc_free(doc);
  jx_diags_free(&d);
  free(doc_buf);
}

/* ---- keys ------------------------------------------------------------------------------------------ */

static void test_duplicate_key(void **state) {
  (void)state;
  parsed p;
  parse(&p, "a: 1\nb: 2\na: 3\n");
  assert_non_null(p.root);
  const jx_diag *g = only(&p, "JX104");
  assert_int_equal(g->pos.line, 3);
  assert_non_null(strstr(g->message, "第 1 行"));
  assert_non_null(strstr(g->message, "“a”"));
  /* the first value is kept */
  assert_int_equal(p.root->n, 2);
  assert_string_equal(jx_map_get(p.root, "a")->text, "1");
  parsed_free(&p);

  /* nested, with a mapping value dropped */
  parse(&p, "x:\n  k: 1\n  k:\n    deep: 2\n  m: 3\n");
  assert_non_null(p.root);
  g = only(&p, "JX104");
  assert_int_equal(g->pos.line, 3);
  assert_non_null(strstr(g->message, "第 2 行"));
  jx_node *x = jx_map_get(p.root, "x");
  assert_int_equal(x->n, 2);
  assert_string_equal(jx_map_get(x, "m")->text, "3");
  parsed_free(&p);
}

static void test_complex_key(void **state) {
  (void)state;
  parsed p;
  parse(&p, "? [a, b]\n: 1\nc: 2\n");
  only(&p, "JX110");
  parsed_free(&p);
}

/* ---- unsupported YAML features ---------------------------------------------------------------------- */

static void test_anchors_aliases(void **state) {
  (void)state;
  parsed p;
  parse(&p, "a: &x 1\nb: *x\n");
  assert_null(p.root); /* an alias leaves nothing usable */
  assert_int_equal(count_code(&p.d, "JX105"), 2);
  assert_non_null(find_code_msg(&p.d, "JX105", "&x"));
  assert_non_null(find_code_msg(&p.d, "JX105", "*x"));
  parsed_free(&p);

  /* the billion-laughs shape is refused at the first alias */
  parse(&p, "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n");
  assert_null(p.root);
  assert_true(count_code(&p.d, "JX105") >= 2);
  parsed_free(&p);

  /* an anchor alone is still an error */
  parse(&p, "a: &x 1\n");
  const jx_diag *g = only(&p, "JX105");
  assert_int_equal(g->pos.line, 1);
  parsed_free(&p);
}

static void test_tags(void **state) {
  (void)state;
  parsed p;
  parse(&p, "a: !!str x\n");
  const jx_diag *g = only(&p, "JX105");
  assert_int_equal(g->pos.line, 1);
  parsed_free(&p);

  parse(&p, "a: !custom {b: 1}\n");
  only(&p, "JX105");
  parsed_free(&p);

  parse(&p, "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n");
  only(&p, "JX105");
  parsed_free(&p);
}

static void test_multi_document(void **state) {
  (void)state;
  parsed p;
  parse(&p, "a: 1\n---\nb: 2\n");
  const jx_diag *g = only(&p, "JX105");
  assert_int_equal(g->pos.line, 2);
  parsed_free(&p);

  parse(&p, "---\na: 1\n...\n---\nb: 2\n");
  only(&p, "JX105");
  parsed_free(&p);

  /* one explicit document is fine */
  parse(&p, "---\na: 1\n...\n");
  assert_non_null(p.root);
  assert_int_equal(p.d.n, 0);
  parsed_free(&p);
}

/* ---- syntax errors -------------------------------------------------------------------------------- */

static void test_syntax_errors(void **state) {
  (void)state;
  parsed p;
  parse(&p, "a: [1, 2\n");
  assert_null(p.root);
  only(&p, "JX102");
  parsed_free(&p);

  parse(&p, "a:\n\tb: 1\n");
  assert_null(p.root);
  const jx_diag *g = only(&p, "JX102");
  assert_int_equal(g->pos.line, 2);
  assert_non_null(strstr(g->message, "Tab"));
  parsed_free(&p);

  parse(&p, "a: \"unterminated\n");
  assert_null(p.root);
  only(&p, "JX102");
  parsed_free(&p);
}

/* 指标性质 at the front of a value: *consumed counts bytes of the text as written, even when
 * folding shortens it (full-width “＞＝” is 6 bytes, folded “>=” 2), after leading blanks;
 * the longest symbol wins.  The importer reads cells with the same table (found by
 * fuzz_import: “⩾2%” was a nature to the reader but not to the importer). */
static void test_nature_prefix(void **state) {
  (void)state;
  static const struct {
    const char *text;
    jx_nature want;
    size_t used;
  } cases[] = {
      {"≥95%", JX_NATURE_GE, 3},  {"＞＝95%", JX_NATURE_GE, 6}, {"⩾2%", JX_NATURE_GE, 3},
      {">=90", JX_NATURE_GE, 2},  {">90", JX_NATURE_GT, 1},      {"  ≤ 5", JX_NATURE_LE, 5},
      {"＝100%", JX_NATURE_EQ, 3}, {"定性", JX_NATURE_QUAL, 6},   {"95%", JX_NATURE_NONE, 0},
      {"高", JX_NATURE_NONE, 0},   {"", JX_NATURE_NONE, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t used = 0;
    jx_nature n = jx_nature_parse(cases[i].text, true, &used);
    if (n != cases[i].want || used != cases[i].used)
      fail_msg("“%s”: nature %d used %zu, want %d used %zu", cases[i].text, (int)n, used, (int)cases[i].want,
               cases[i].used);
  }
  assert_int_equal(jx_nature_parse("＞＝", false, NULL), JX_NATURE_GE);
  assert_int_equal(jx_nature_parse("≥95%", false, NULL), JX_NATURE_NONE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tree),
      cmocka_unit_test(test_nature_prefix),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_deep_flow_sequences),
      cmocka_unit_test(test_deep_flow_maps),
      cmocka_unit_test(test_deep_block_nesting),
      cmocka_unit_test(test_depth_limit_edge),
      cmocka_unit_test(test_long_scalar),
      cmocka_unit_test(test_too_many_nodes),
      cmocka_unit_test(test_gbk),
      cmocka_unit_test(test_nul_byte),
      cmocka_unit_test(test_not_nul_terminated),
      cmocka_unit_test(test_duplicate_key),
      cmocka_unit_test(test_complex_key),
      cmocka_unit_test(test_anchors_aliases),
      cmocka_unit_test(test_tags),
      cmocka_unit_test(test_multi_document),
      cmocka_unit_test(test_syntax_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
