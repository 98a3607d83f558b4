/* target_cases.h — the notation of tests/unit/data/target_text.cases (what jx_target_read read), shared by test_target_text.c and test_target_values.c. */
#ifndef JX_TEST_TARGET_CASES_H
#define JX_TEST_TARGET_CASES_H

#include <stdbool.h>
#include <stddef.h>

/* "\t" and "\n" in a case's text become a tab and a line break; "" is the empty text. */
void target_unescape(char *s);
/* What jx_target_read reads in text, in the cases file's notation:
 *   blank | qual[ OP] | unreadable[ OP] | date OP YYYY-MM-DD (* for an unwritten year,
 *   YYYY-MM for the end of a month, YYYY for a year) | [OP ]NUM[%][..HI[%]][ unit=U][ money][ time] */
void target_describe(const char *text, char *buf, size_t n);

typedef struct {
  int cases, failed;
} target_score;
/* Every case of the file (text TAB expected, "#" comments) read and compared; each
 * disagreement printed to stderr with its line when print is true. */
target_score target_run_cases(const char *path, bool print);

#endif
