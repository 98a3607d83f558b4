/* test_target_values.c — jx_target_read against an independent reading of real 指标值 (tests/decl-import/values.expected): at least 95% agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "jixiao.h"
#include "target_cases.h"

#define VALUES JX_SOURCE_DIR "/tests/decl-import/values.expected"
#define MIN_PERCENT 95

static void test_agreement(void **state) {
  (void)state;
  target_score sc = target_run_cases(VALUES, true); /* each disagreement is printed */
  assert_true(sc.cases >= 150);
  int agree = sc.cases - sc.failed;
  printf("指标值读法与独立读法一致：%d / %d（%.1f%%），下限 %d%%\n", agree, sc.cases, 100.0 * agree / sc.cases, MIN_PERCENT);
  assert_true(agree * 100 >= MIN_PERCENT * sc.cases);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_agreement),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
