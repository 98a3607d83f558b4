/* test_csv.c — src/util/csv.c: RFC 4180 quoting and the formula-injection rule, input beside output. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "util/csv.h"

static const struct {
  const char *in, *out;
} cells[] = {
    {"plain", "plain"},
    {"政协办公室", "政协办公室"},
    {"a,b", "\"a,b\""},
    {"say \"hi\"", "\"say \"\"hi\"\"\""},
    {"two\nlines", "\"two\nlines\""},
    {"cr\rhere", "\"cr\rhere\""},
    {" padded", "\" padded\""},
    {"padded ", "\"padded \""},
    {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
    {"+1", "'+1"},
    {"-1", "'-1"},        /* a data cell that looks like a negative number is still data */
    {"@cmd", "'@cmd"},
    {"\tx", "'\tx"},
    {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
    {"-2, 3", "\"'-2, 3\""},
    {"a=b", "a=b"},       /* only the first character matters */
    {"", ""},
};

static char *write_row(void (*put)(FILE *, const char *, bool), const char *a, const char *b, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  assert_non_null(f);
  put(f, a, true);
  put(f, b, false);
  jx_csv_end(f);
  fclose(f);
  return buf;
}

static void test_cells(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
    size_t len;
    char *row = write_row(jx_csv_cell, cells[i].in, "x", &len);
    const char *want = fmt("%s,x\r\n", cells[i].out);
    if (strcmp(row, want) != 0) fail_msg("cell %zu \"%s\": got \"%s\", want \"%s\"", i, cells[i].in, row, want);
    free(row);
  }
}

static void test_numbers_and_null(void **state) {
  (void)state;
  size_t len;
  char *row = write_row(jx_csv_number, "-12.50", "98", &len);
  assert_string_equal(row, "-12.50,98\r\n"); /* numbers we format are never prefixed */
  free(row);
  row = write_row(jx_csv_cell, NULL, NULL, &len);
  assert_string_equal(row, ",\r\n");
  free(row);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_cells), cmocka_unit_test(test_numbers_and_null)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
