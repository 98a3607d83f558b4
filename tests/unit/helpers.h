/* helpers.h — shared helpers for the cmocka unit tests (linked into every tests/unit/test_*.c). */
#ifndef JX_TEST_HELPERS_H
#define JX_TEST_HELPERS_H

/* cmocka needs these before its header */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "jixiao.h"

/* A decimal literal as an exact jx_num (× JX_NUM_SCALE), e.g. N(4.72) == 4720000.  Test
 * code only: the literal is rounded to the nearest millionth. */
#define N(x) ((int64_t)((x) * 1e6 + ((x) >= 0 ? 0.5 : -0.5)))

/* Diagnostics with the given code (any severity). */
size_t count_code(const jx_diags *d, const char *code);
/* Diagnostics with the given code and severity. */
size_t count_code_sev(const jx_diags *d, const char *code, jx_severity sev);
/* The first diagnostic with the given code, or NULL. */
const jx_diag *find_code(const jx_diags *d, const char *code);
/* The first diagnostic with the given code whose message contains needle, or NULL. */
const jx_diag *find_code_msg(const jx_diags *d, const char *code, const char *needle);
/* Print every diagnostic to stderr (for a failing test's log). */
void dump_diags(const jx_diags *d);

/* 1-based line of the first occurrence of needle in text; fails the test when absent. */
uint32_t line_of(const char *text, const char *needle);

/* One in-memory document evaluated against one framework file. */
typedef struct {
  jx_doc *doc;
  jx_framework *fw;
  jx_result *res;
  jx_diags d;
  jx_status parse_status, eval_status;
} eval_run;

/* Parse yaml (named "test.yaml"), load the framework file fw_path, evaluate.  The
 * document and framework must load (asserted); res is non-NULL afterwards.  With
 * JX_TEST_VERBOSE set in the environment every run's diagnostics are printed.  (Test
 * files pass FW("name.yaml"): JX_FRAMEWORKS_DIR is defined for test_*.c only.) */
void eval_text(eval_run *run, const char *yaml, const char *fw_path);
#define FW(file) JX_FRAMEWORKS_DIR "/" file
void eval_run_free(eval_run *run);

/* The indicator score for the indicator named name, or NULL. */
const jx_indicator_score *score_of(const jx_result *r, const char *name);
/* The block score named name, or NULL. */
const jx_block_score *block_of(const jx_result *r, const char *name);

/* A test that cannot run on this machine: WHAT is missing, from the Debian package PKG.
 * Skips (printing both) — but fails when CI=true, where no test may skip
 * (`scripts/install-deps.sh --tests` installs every package the tests use). */
#define require_missing(pkg, what)                                                                 \
  do {                                                                                             \
    if (under_ci()) fail_msg("%s is missing (Debian package %s): under CI=true no test may skip", (what), (pkg)); \
    print_message("skipped: %s is missing (Debian package %s; scripts/install-deps.sh --tests)\n", (what), (pkg)); \
    skip();                                                                                        \
  } while (0)
/* True when the environment says CI=true. */
bool under_ci(void);

/* Known library bugs.  A test of one is marked so that it does not fail the suite:
 *   BUG_GATE("…")  at the top of a test whose code would crash or trip a sanitizer
 *                  today: the test is skipped (the reason printed) unless
 *                  JX_RUN_BUG_TESTS=1 is in the environment.
 *   bug_found("…") when a test has detected the buggy behaviour: skips (printing the
 *                  reason), or fails under JX_RUN_BUG_TESTS=1.
 * Each such test carries a comment starting "BUG:" naming the file and function.  Under
 * CI=true both fail: no test may skip there. */
#define BUG_GATE(why)                                                                              \
  do {                                                                                             \
    if (!getenv("JX_RUN_BUG_TESTS") && !under_ci()) {                                             \
      print_message("BUG (skipped; JX_RUN_BUG_TESTS=1 runs it): %s\n", (why));                      \
      skip();                                                                                      \
    }                                                                                              \
  } while (0)
#define bug_found(why)                                                                             \
  do {                                                                                             \
    if (getenv("JX_RUN_BUG_TESTS") || under_ci()) fail_msg("BUG: %s", (why));                     \
    print_message("BUG (skipped; JX_RUN_BUG_TESTS=1 fails on it): %s\n", (why));                   \
    skip();                                                                                        \
  } while (0)

/* Build a string with printf into a static rotating buffer (large: up to 64 KB). */
const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

/* The whole file as a NUL-terminated heap string (free it); its length in *len when len is
 * non-NULL.  read_file fails the test when the file cannot be read; read_file_maybe returns
 * NULL instead. */
char *read_file(const char *path, size_t *len);
char *read_file_maybe(const char *path, size_t *len);

#endif
