/* test_target_text.c — jx_target_read against tests/unit/data/target_text.cases, one case a line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "jixiao.h"
#include "target_cases.h"

#define CASES JX_SOURCE_DIR "/tests/unit/data/target_text.cases"

static void test_cases(void **state) {
  (void)state;
  target_score sc = target_run_cases(CASES, true);
  assert_int_equal(sc.failed, 0);
  assert_true(sc.cases >= 60);
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
