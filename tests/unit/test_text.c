/* test_text.c — the 单位编码 rule and control characters made visible for a terminal:
 * jx_code_problem, jx_text_visible, jx_fput_visible, the diagnostics printer, the
 * store's text tables (escaped) against its CSV (left to CSV's own quoting), and the UTF-8
 * check (jx_utf8_valid) with its eight-byte ASCII and three-byte fast paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/text.h"

/* What fn wrote to a memory stream, in a malloc'd string. */
static char *captured(void (*fn)(FILE *, const void *), const void *arg) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  fn(f, arg);
  fclose(f);
  return buf;
}

static void test_code_rule(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  /* the codes of the examples, tests/store/departments.csv, the web seed and jixiao gen */
  const char *good[] = {"A001", "F000", "G01", "U1", "599001", "51001201", "ebian.cppcc-2023_01",
                        "123456789012345678901234567890123456789012345678901234567890123"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    if (jx_code_problem(a, good[i])) fail_msg("%s: %s", good[i], jx_code_problem(a, good[i]));
  const char *bad[] = {"", "A 1", "A\"1", "A1\r\n", "A1\x1b[31m", "单位", "a/b", "a;b", "a=b",
                       "1234567890123456789012345678901234567890123456789012345678901234"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_non_null(jx_code_problem(a, bad[i]));
  /* the reason quotes the code with its escapes visible, and names the character */
  const char *why = jx_code_problem(a, "U1\x1b[2J");
  assert_non_null(strstr(why, "U1\\x1B[2J"));
  assert_null(strchr(why, '\x1b'));
  assert_non_null(strstr(jx_code_problem(a, "单位"), "“单”"));
  assert_non_null(strstr(jx_code_problem(a, "1234567890123456789012345678901234567890123456789012345678901234"), "64 个字符"));
  jx_arena_free(a);
}

static void test_visible(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  const char *plain = "政协办公室 A-1";
  assert_ptr_equal(jx_text_visible(a, plain), plain); /* nothing to escape: s itself */
  assert_string_equal(jx_text_visible(a, NULL), "");
  assert_string_equal(jx_text_visible(a, "a\x1b[2Jb\r\n\t"), "a\\x1B[2Jb\\x0D\\x0A\\x09");
  assert_string_equal(jx_text_visible(a, "x\x7f\xc2\x85y"), "x\\x7F\\xC2\\x85y"); /* DEL, C1 NEL */
  assert_string_equal(jx_text_visible(a, "\xff单\xe5"), "\\xFF单\\xE5");           /* not UTF-8 */
  jx_arena_free(a);
}

static void put_visible(FILE *f, const void *s) { jx_fput_visible(f, s); }

static void print_diags(FILE *f, const void *d) { jx_diags_print(d, f); }

static void test_printers(void **state) {
  (void)state;
  char *s = captured(put_visible, "名\x1b]0;title\x07!");
  assert_string_equal(s, "名\\x1B]0;title\\x07!");
  free(s);
  jx_diags d = {0};
  jx_diag_add(&d, "JX115", JX_ERROR, (jx_pos){"a\x1b.yaml", 7, 9}, "编码“%s”", "U1\x1b[31m\n");
  s = captured(print_diags, &d);
  assert_string_equal(s, "a\\x1B.yaml:7:9: error: JX115 编码“U1\\x1B[31m\\x0A”\n");
  free(s);
  jx_diags_free(&d);
}

static void write_text(FILE *f, const void *t) { assert_int_equal(jx_table_write(t, JX_TABLE_TEXT, f), JX_OK); }
static void write_csv(FILE *f, const void *t) { assert_int_equal(jx_table_write(t, JX_TABLE_CSV, f), JX_OK); }

static void test_table(void **state) {
  (void)state;
  const char *cols[] = {"code:编码", "kind:类型"};
  jx_table *t = jx_table_new(2, cols);
  size_t r = jx_table_add_row(t);
  jx_table_set(t, r, 0, "U1\x1b[2J");
  jx_table_set(t, r, 1, "project:a\nb");
  char *s = captured(write_text, t);
  assert_null(strchr(s, '\x1b'));
  assert_non_null(strstr(s, "U1\\x1B[2J"));
  assert_non_null(strstr(s, "project:a b")); /* a newline in a cell stays a space */
  free(s);
  s = captured(write_csv, t); /* CSV keeps the bytes: its readers unquote them */
  assert_non_null(strstr(s, "U1\x1b[2J"));
  assert_non_null(strstr(s, "\"project:a\nb\""));
  free(s);
  jx_table_free(t);
}

/* Valid or not, and where the first bad sequence starts: around the eight-byte ASCII
 * step, and the three-byte (CJK) path against the general rules. */
static void test_utf8_valid(void **state) {
  (void)state;
  static const struct {
    const char *s;
    size_t n;
    bool ok;
    size_t bad;
  } cases[] = {
      {"", 0, true, 0},
      {"abcdefgh", 8, true, 0},
      {"abcdefghi", 9, true, 0},
      {"abcdefgh\xE5\x8D\x95", 11, true, 0},     /* 单 after a whole ASCII step */
      {"abc\xE5\x8D\x95" "defghijk", 14, true, 0},  /* a step with a multibyte character in it */
      {"\xEF\xBF\xBF", 3, true, 0},              /* U+FFFF, the last three-byte character */
      {"\xE0\xA0\x80", 3, true, 0},              /* U+0800, the first */
      {"\xED\x9F\xBF", 3, true, 0},              /* U+D7FF, before the surrogates */
      {"\xC2\x80\xF0\x90\x80\x80", 6, true, 0}, /* two and four bytes */
      {"abcdefgh\xE0\x80\x80", 11, false, 8},   /* overlong, after an ASCII step */
      {"\xE0\x9F\xBF", 3, false, 0},             /* overlong U+07FF */
      {"a\xED\xA0\x80", 4, false, 1},            /* a surrogate */
      {"\xED\xBF\xBF", 3, false, 0},             /* the last surrogate */
      {"\xE4\x41\x80", 3, false, 0},             /* a continuation byte missing */
      {"\xE4\xB8\x41", 3, false, 0},
      {"abcdefghij\xE4\xB8", 12, false, 10},     /* cut short at the end */
      {"\xC0\x80", 2, false, 0},                  /* overlong two bytes */
      {"\xF4\x90\x80\x80", 4, false, 0},        /* above U+10FFFF */
      {"abcdefg\x80", 8, false, 7},               /* a lone continuation byte */
      {"\xFF", 1, false, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t bad = 999;
    bool ok = jx_utf8_valid(cases[i].s, cases[i].n, &bad);
    if (ok != cases[i].ok) fail_msg("case %zu: %s, wanted %s", i, ok ? "valid" : "invalid", cases[i].ok ? "valid" : "invalid");
    if (!ok && bad != cases[i].bad) fail_msg("case %zu: bad at %zu, wanted %zu", i, bad, cases[i].bad);
  }
  /* the length bounds the check: a valid character past n is not read */
  assert_true(jx_utf8_valid("ab\xE5\x8D\x95", 2, NULL));
  assert_false(jx_utf8_valid("ab\xE5\x8D\x95", 4, NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_valid),
      cmocka_unit_test(test_code_rule),
      cmocka_unit_test(test_visible),
      cmocka_unit_test(test_printers),
      cmocka_unit_test(test_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
