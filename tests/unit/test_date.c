/* test_date.c — the one date parser (src/util/date.c): the cases of data/dates.txt,
 * jx_date_scan on dates followed by a time, and the store's day numbers through it. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "store/store.h"
#include "util/date.h"

/* Every line of tests/unit/data/dates.txt: "input" expected. */
static void test_date_cases(void **state) {
  (void)state;
  const char *path = JX_SOURCE_DIR "/tests/unit/data/dates.txt";
  FILE *f = fopen(path, "r");
  if (!f) fail_msg("cannot open %s", path);
  char line[256];
  int n = 0, lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    line[strcspn(line, "\n")] = '\0';
    if (line[0] != '"') continue; /* comments and blank lines */
    char *close = strrchr(line, '"');
    if (close == line) fail_msg("%s:%d: no closing quote", path, lineno);
    *close = '\0';
    const char *input = line + 1, *want = close + 1;
    while (*want == ' ') want++;
    jx_date d = {-1, -1, -1};
    bool ok = jx_date_parse(input, &d);
    if (strcmp(want, "bad") == 0) {
      if (ok) fail_msg("%s:%d: \"%s\" accepted as %04d-%02d-%02d", path, lineno, input, d.year, d.month, d.day);
      assert_int_equal(d.year, -1); /* untouched */
    } else {
      int y, m, dd;
      long days;
      if (sscanf(want, "%d-%d-%d %ld", &y, &m, &dd, &days) != 4) fail_msg("%s:%d: bad expectation", path, lineno); // NOLINT(cert-err34-c): test data
      if (!ok) fail_msg("%s:%d: \"%s\" rejected", path, lineno, input);
      if (d.year != y || d.month != m || d.day != dd || jx_date_days(d) != days)
        fail_msg("%s:%d: \"%s\" read as %04d-%02d-%02d (day %ld), want %s", path, lineno, input, d.year, d.month, d.day,
                 jx_date_days(d), want);
      assert_true(jx_date_parse(input, NULL));
    }
    n++;
  }
  fclose(f);
  assert_true(n >= 30);
  assert_false(jx_date_parse(NULL, NULL));
}

static void test_date_scan(void **state) {
  (void)state;
  jx_date d;
  const char *s = "2024-02-29 12:00:00";
  assert_ptr_equal(jx_date_scan(s, &d), s + 10);
  assert_int_equal(d.day, 29);
  s = "2023-02-29T00:00";
  assert_null(jx_date_scan(s, &d));
  assert_null(jx_date_scan(NULL, &d));
  assert_null(jx_date_scan("2024-0", &d)); /* stops at the NUL */
  assert_int_equal(jx_date_month_days(2024, 2), 29);
  assert_int_equal(jx_date_month_days(2023, 2), 28);
  assert_int_equal(jx_date_month_days(2023, 13), 0);
}

/* The store's day numbers go through the same parser: an impossible date is no date
 * (it used to roll over into the next month: 2023-02-30 was 2023-03-02). */
static void test_store_day_number(void **state) {
  (void)state;
  assert_int_equal(jx_store_day_number("2024-06-20"), 19894);
  assert_int_equal(jx_store_day_number("2024-06-20 08:30:00"), 19894);
  assert_int_equal(jx_store_day_number("2023-02-30"), -1);
  assert_int_equal(jx_store_day_number("2024-04-31"), -1);
  assert_int_equal(jx_store_day_number("2024-13-01"), -1);
  assert_int_equal(jx_store_day_number(""), -1);
  assert_int_equal(jx_store_day_number(NULL), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_cases),
      cmocka_unit_test(test_date_scan),
      cmocka_unit_test(test_store_day_number),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
