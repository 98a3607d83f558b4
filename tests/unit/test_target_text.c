/* test_target_text.c — jx_target_read against tests/unit/data/target_text.cases, one case a line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "jixiao.h"

#define CASES JX_SOURCE_DIR "/tests/unit/data/target_text.cases"

/* "\t" and "\n" in a case's text become a tab and a line break; "" is the empty text. */
static void unescape(char *s) {
  if (strcmp(s, "\"\"") == 0) {
    *s = '\0';
    return;
  }
  char *o = s;
  for (const char *p = s; *p; p++) {
    if (p[0] == '\\' && (p[1] == 't' || p[1] == 'n')) *o++ = *++p == 't' ? '\t' : '\n';
    else *o++ = *p;
  }
  *o = '\0';
}

/* What was read, in the cases file's notation. */
static void describe(const char *text, char *buf, size_t n) {
  jx_target_reading r;
  bool ok = jx_target_read(text, &r);
  assert_true(ok == r.readable);
  char a[32], b[32];
  if (r.blank) {
    snprintf(buf, n, "blank");
    return;
  }
  if (!ok) {
    snprintf(buf, n, "%s%s%s", r.has_digit ? "unreadable" : "qual", r.nature ? " " : "", r.nature ? jx_nature_symbol(r.nature) : "");
    return;
  }
  int len = snprintf(buf, n, "%s%s%s%s", r.nature ? jx_nature_symbol(r.nature) : "", r.nature ? " " : "",
                     jx_format_decimal(r.num, 6, a, sizeof a), r.percent && !r.has_hi ? "%" : "");
  if (r.has_hi) len += snprintf(buf + len, n - (size_t)len, "%s..%s%s", "", jx_format_decimal(r.num_hi, 6, b, sizeof b), r.percent ? "%" : "");
  if (r.has_hi && r.percent && strstr(text, "%") != strrchr(text, '%')) { /* "90%-95%": % on both ends */
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", buf);
    char *dots = strstr(tmp, "..");
    if (!dots) return;
    *dots = '\0';
    len = snprintf(buf, n, "%s%%..%s", tmp, dots + 2);
  }
  if (*r.unit) len += snprintf(buf + len, n - (size_t)len, " unit=%s", r.unit);
  if (r.money) len += snprintf(buf + len, n - (size_t)len, " money");
  if (r.time_limit) snprintf(buf + len, n - (size_t)len, " time");
}

static void test_cases(void **state) {
  (void)state;
  FILE *f = fopen(CASES, "r");
  assert_non_null(f);
  char line[1024], got[512];
  int lineno = 0, cases = 0, failed = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0') continue;
    char *tab = strchr(line, '\t');
    if (!tab) {
      print_error("%s:%d: no TAB between the text and what is read\n", CASES, lineno);
      failed++;
      continue;
    }
    *tab = '\0';
    unescape(line);
    describe(line, got, sizeof got);
    cases++;
    if (strcmp(got, tab + 1) != 0) {
      print_error("%s:%d: “%s”: expected “%s”, read “%s”\n", CASES, lineno, line, tab + 1, got);
      failed++;
    }
  }
  fclose(f);
  assert_int_equal(failed, 0);
  assert_true(cases >= 60);
}

/* The text as written is never changed by reading it, and units compare without 个. */
static void test_helpers(void **state) {
  (void)state;
  assert_true(jx_target_blank(NULL));
  assert_true(jx_target_blank(" — "));
  assert_false(jx_target_blank("无"));
  assert_false(jx_target_blank("0"));
  assert_true(jx_target_unit_same("工作日", "个工作日"));
  assert_true(jx_target_unit_same("％", "%"));
  assert_false(jx_target_unit_same("人", "人次"));
  jx_target_reading r;
  char long_text[2000];
  memset(long_text, '9', sizeof long_text - 1);
  long_text[sizeof long_text - 1] = '\0';
  assert_false(jx_target_read(long_text, &r)); /* too long for a target: prose, never read */
  assert_false(jx_target_read("99999999999999999999个", &r)); /* out of range */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_helpers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
