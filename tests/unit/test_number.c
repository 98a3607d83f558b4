/* test_number.c — exact decimals: jx_parse_money, jx_parse_num, jx_format_num,
 * jx_format_money_wan, jx_ratio_round2. */
#include <string.h>

#include "helpers.h"

/* ---- helpers -------------------------------------------------------------------- */

static int64_t money_ok(const char *text, int64_t unit) {
  int64_t fen = -12345;
  const char *why = NULL;
  if (!jx_parse_money(text, unit, &fen, &why)) fail_msg("jx_parse_money(\"%s\") rejected: %s", text, why ? why : "(no reason)");
  return fen;
}

/* Rejected with a non-empty reason; returns the reason. */
static const char *money_bad(const char *text, int64_t unit) {
  int64_t fen = -12345;
  const char *why = NULL;
  if (jx_parse_money(text, unit, &fen, &why)) fail_msg("jx_parse_money(\"%s\") accepted as %lld 分", text, (long long)fen);
  assert_non_null(why);
  assert_true(strlen(why) > 0);
  return why;
}

static int64_t num_ok(const char *text, bool *pct) {
  int64_t v = -12345;
  bool p = true;
  const char *why = NULL;
  if (!jx_parse_num(text, &v, &p, &why)) fail_msg("jx_parse_num(\"%s\") rejected: %s", text, why ? why : "(no reason)");
  if (pct) *pct = p;
  return v;
}

static const char *num_bad(const char *text) {
  int64_t v = -12345;
  bool p = false;
  const char *why = NULL;
  if (jx_parse_num(text, &v, &p, &why)) fail_msg("jx_parse_num(\"%s\") accepted as %lld", text, (long long)v);
  assert_non_null(why);
  assert_true(strlen(why) > 0);
  return why;
}

static void assert_num_text(int64_t v, const char *want) {
  char buf[32];
  assert_string_equal(jx_format_num(v, buf, sizeof buf), want);
}

static void assert_money_text(int64_t fen, const char *want) {
  char buf[32];
  assert_string_equal(jx_format_money_wan(fen, buf, sizeof buf), want);
}

/* ---- jx_parse_money ---------------------------------------------------------------- */

static void test_money_default_wan(void **state) {
  (void)state;
  assert_int_equal(money_ok("1,072.52", JX_FEN_PER_WAN), 1072520000);
  assert_int_equal(money_ok("1072.52", JX_FEN_PER_WAN), 1072520000);
  assert_int_equal(money_ok("0", JX_FEN_PER_WAN), 0);
  assert_int_equal(money_ok("0.00", JX_FEN_PER_WAN), 0);
  assert_int_equal(money_ok("70", JX_FEN_PER_WAN), 70000000);
  /* 6 decimals of 万元 are exactly 分 */
  assert_int_equal(money_ok("0.000001", JX_FEN_PER_WAN), 1);
  assert_int_equal(money_ok("1,240.49", JX_FEN_PER_WAN), 1240490000);
  assert_int_equal(money_ok("1,000,000", JX_FEN_PER_WAN), 1000000LL * 1000000LL);
}

static void test_money_default_yuan(void **state) {
  (void)state;
  assert_int_equal(money_ok("1072.52", JX_FEN_PER_YUAN), 107252);
  assert_int_equal(money_ok("10,725,200", JX_FEN_PER_YUAN), 1072520000);
  /* a unit written in the text wins over the default */
  assert_int_equal(money_ok("1.5万元", JX_FEN_PER_YUAN), 1500000);
  assert_int_equal(money_ok("15000元", JX_FEN_PER_WAN), 1500000);
}

static void test_money_units(void **state) {
  (void)state;
  assert_int_equal(money_ok("960.52万元", JX_FEN_PER_WAN), 960520000);
  assert_int_equal(money_ok("960.52万元", JX_FEN_PER_YUAN), 960520000);
  assert_int_equal(money_ok("10725200元", JX_FEN_PER_WAN), 1072520000);
  assert_int_equal(money_ok("10,725,200元", JX_FEN_PER_WAN), 1072520000);
  assert_int_equal(money_ok("0.29元", JX_FEN_PER_WAN), 29); /* exactly 29 分, no binary fraction */
  assert_int_equal(money_ok("0.01元", JX_FEN_PER_WAN), 1);
  assert_int_equal(money_ok("8.51万元", JX_FEN_PER_YUAN), 8510000);
  /* a space before the unit */
  assert_int_equal(money_ok("960.52 万元", JX_FEN_PER_YUAN), 960520000);
  /* trailing zeros past the precision are harmless */
  assert_int_equal(money_ok("1.000元", JX_FEN_PER_WAN), 100);
  assert_int_equal(money_ok("1.0000000万元", JX_FEN_PER_YUAN), 1000000);
}

static void test_money_full_width(void **state) {
  (void)state;
  assert_int_equal(money_ok("１２３４．５６万元", JX_FEN_PER_YUAN), 1234560000);
  assert_int_equal(money_ok("１２３４．５６", JX_FEN_PER_WAN), 1234560000);
  assert_int_equal(money_ok("１，０７２．５２", JX_FEN_PER_WAN), 1072520000);
  assert_int_equal(money_ok("０．２９元", JX_FEN_PER_WAN), 29);
}

static void test_money_signs(void **state) {
  (void)state;
  assert_int_equal(money_ok("-1.5", JX_FEN_PER_WAN), -1500000);
  assert_int_equal(money_ok("+1.5", JX_FEN_PER_WAN), 1500000);
  assert_int_equal(money_ok("-0.29元", JX_FEN_PER_WAN), -29);
  money_bad("-0", JX_FEN_PER_WAN);
  money_bad("-0.00", JX_FEN_PER_WAN);
  money_bad("-0元", JX_FEN_PER_WAN);
  money_bad("--1", JX_FEN_PER_WAN);
  money_bad("+-1", JX_FEN_PER_WAN);
}

static void test_money_too_precise(void **state) {
  (void)state;
  const char *why = money_bad("1.001元", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "2 位小数"));
  why = money_bad("1.0000001万元", JX_FEN_PER_YUAN);
  assert_non_null(strstr(why, "6 位小数"));
  money_bad("0.0000001", JX_FEN_PER_WAN); /* 7 decimals of 万元 */
  money_bad("0.001", JX_FEN_PER_YUAN);    /* 3 decimals of 元 */
}

static void test_money_malformed(void **state) {
  (void)state;
  const char *why;
  why = money_bad("1e400", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "科学计数法"));
  money_bad("1E5", JX_FEN_PER_WAN);
  why = money_bad("12.3.4", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "小数点"));
  why = money_bad("1,2345", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "千位分隔符"));
  money_bad(",100", JX_FEN_PER_WAN);
  money_bad("1,00", JX_FEN_PER_WAN);
  money_bad("1,000,00", JX_FEN_PER_WAN);
  money_bad("1234,567", JX_FEN_PER_WAN);
  money_bad("1,", JX_FEN_PER_WAN);
  money_bad("1,,000", JX_FEN_PER_WAN);
  why = money_bad("", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "空"));
  money_bad("万元", JX_FEN_PER_WAN);
  money_bad("元", JX_FEN_PER_WAN);
  money_bad("   ", JX_FEN_PER_WAN);
  money_bad("abc", JX_FEN_PER_WAN);
  money_bad("1.", JX_FEN_PER_WAN);
  money_bad(".5", JX_FEN_PER_WAN);
  money_bad("1 2", JX_FEN_PER_WAN);
  money_bad("12abc", JX_FEN_PER_WAN);
  money_bad("12%", JX_FEN_PER_WAN);
  money_bad("12美元", JX_FEN_PER_WAN);
  money_bad("0x10", JX_FEN_PER_WAN);
  money_bad("NaN", JX_FEN_PER_WAN);
  money_bad("inf", JX_FEN_PER_WAN);
  /* NULL text is refused, not dereferenced */
  int64_t fen = 0;
  const char *w = NULL;
  assert_false(jx_parse_money(NULL, JX_FEN_PER_WAN, &fen, &w));
  assert_non_null(w);
}

static void test_money_overflow(void **state) {
  (void)state;
  const char *why = money_bad("99999999999999999999", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "超出范围"));
  why = money_bad("99999999999999999999元", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "超出范围"));
  /* overflows only after scaling to 分: 9,999,999,999,999.99 万元 > INT64_MAX 分 */
  why = money_bad("9999999999999.99", JX_FEN_PER_WAN);
  assert_non_null(strstr(why, "超出范围"));
  /* the largest amount accepted: JX_MAX_MONEY_FEN (1,000 万亿元), so sums of amounts stay exact */
  assert_int_equal(money_ok("1000000000000000元", JX_FEN_PER_WAN), JX_MAX_MONEY_FEN);
  assert_int_equal(money_ok("100000000000万元", JX_FEN_PER_WAN), JX_MAX_MONEY_FEN);
  assert_non_null(strstr(money_bad("1000000000000000.01元", JX_FEN_PER_WAN), "超出范围"));
  assert_int_equal(money_ok("-1000000000000000元", JX_FEN_PER_WAN), -JX_MAX_MONEY_FEN);
  money_bad("92233720368547758.07元", JX_FEN_PER_WAN);
  /* a very long text is refused, never truncated into a different number */
  char big[400];
  memset(big, '9', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  money_bad(big, JX_FEN_PER_WAN);
}

/* ---- jx_parse_num -------------------------------------------------------------------- */

static void test_num_plain(void **state) {
  (void)state;
  bool pct = true;
  assert_int_equal(num_ok("36", &pct), N(36));
  assert_false(pct);
  assert_int_equal(num_ok("2.5", NULL), N(2.5));
  assert_int_equal(num_ok("0.000001", NULL), 1);
  assert_int_equal(num_ok("1,072.52", NULL), N(1072.52));
  assert_int_equal(num_ok("-3", NULL), N(-3));
  assert_int_equal(num_ok("１２３", NULL), N(123));
  assert_int_equal(num_ok("1.50", NULL), N(1.5));
}

static void test_num_percent(void **state) {
  (void)state;
  bool pct = false;
  assert_int_equal(num_ok("95%", &pct), N(95));
  assert_true(pct);
  pct = false;
  assert_int_equal(num_ok("95 %", &pct), N(95));
  assert_true(pct);
  pct = false;
  assert_int_equal(num_ok("９５％", &pct), N(95));
  assert_true(pct);
  pct = false;
  assert_int_equal(num_ok("0.5%", &pct), N(0.5));
  assert_true(pct);
  num_bad("%");
  num_bad("95%%");
  num_bad("%95");
}

static void test_num_rejects(void **state) {
  (void)state;
  assert_non_null(strstr(num_bad("1e400"), "科学计数法"));
  assert_non_null(strstr(num_bad("12.3.4"), "小数点"));
  num_bad("-0");
  num_bad("-0.00");
  num_bad("-0.000000%");
  assert_non_null(strstr(num_bad("1,2345"), "千位分隔符"));
  num_bad(",100");
  num_bad("");
  num_bad("abc");
  num_bad("二十五");
  num_bad("1.0000001"); /* 7 decimals */
  assert_non_null(strstr(num_bad("99999999999999999999"), "超出范围"));
  /* fits as an integer but not in millionths */
  assert_non_null(strstr(num_bad("9223372036855"), "超出范围"));
  /* the largest number accepted: JX_MAX_NUM millionths (1,000 亿) */
  assert_int_equal(num_ok("100000000000", NULL), JX_MAX_NUM);
  assert_non_null(strstr(num_bad("100000000000.000001"), "超出范围"));
  num_bad("9223372036854.775807");
  int64_t v;
  const char *why = NULL;
  assert_false(jx_parse_num(NULL, &v, NULL, &why));
  assert_non_null(why);
}

/* ---- formatting ---------------------------------------------------------------------- */

static void test_format_num(void **state) {
  (void)state;
  assert_num_text(N(4.72), "4.72");
  assert_num_text(N(5), "5");
  assert_num_text(N(95.5), "95.5");
  assert_num_text(N(95.50), "95.5");
  assert_num_text(N(100), "100");
  assert_num_text(0, "0");
  assert_num_text(N(0.01), "0.01");
  assert_num_text(N(0.1), "0.1");
  assert_num_text(N(-0.01), "-0.01");
  assert_num_text(N(-3), "-3");
  assert_num_text(N(1072.52), "1072.52"); /* no thousands separators */
  /* rounds half away from zero to hundredths before trimming */
  assert_num_text(N(4.995), "5");
  assert_num_text(N(4.994999), "4.99");
  assert_num_text(N(-4.995), "-5");
  assert_num_text(N(0.004999), "0");
  assert_num_text(N(-0.004999), "0"); /* never "-0" */
  assert_num_text(N(0.005), "0.01");
  assert_num_text(N(-0.005), "-0.01");
  assert_num_text(INT64_MAX, "9223372036854.78");
  assert_num_text(INT64_MIN, "-9223372036854.78");
}

static void test_format_money_wan(void **state) {
  (void)state;
  assert_money_text(1072520000, "1072.52");
  assert_money_text(0, "0.00");
  assert_money_text(70000000, "70.00");
  assert_money_text(1500000, "1.50");
  assert_money_text(-1500000, "-1.50");
  assert_money_text(29, "0.00");      /* 0.29 元 is 0.000029 万元 */
  assert_money_text(5000, "0.01");    /* 50 元 = 0.005 万元 rounds up */
  assert_money_text(4999, "0.00");
  assert_money_text(-4999, "0.00");   /* never "-0.00" */
  assert_money_text(-5000, "-0.01");
}

static void test_format_small_buffer(void **state) {
  (void)state;
  char buf[4];
  memset(buf, 'x', sizeof buf);
  jx_format_num(N(1234.5), buf, sizeof buf);
  assert_int_equal(buf[sizeof buf - 1], '\0'); /* truncated, still terminated */
}

/* ---- jx_ratio_round2 -------------------------------------------------------------------- */

static void test_ratio_round2(void **state) {
  (void)state;
  /* half away from zero at exactly .005 */
  assert_int_equal(jx_ratio_round2(1, 200, 1 * JX_NUM_SCALE), 10000);
  assert_int_equal(jx_ratio_round2(4999, 1000000, JX_NUM_SCALE), 0);  /* 0.004999 */
  assert_int_equal(jx_ratio_round2(5001, 1000000, JX_NUM_SCALE), 10000);
  assert_int_equal(jx_ratio_round2(-1, 200, JX_NUM_SCALE), -10000);   /* −0.005 → −0.01 */
  assert_int_equal(jx_ratio_round2(1, -200, JX_NUM_SCALE), -10000);
  assert_int_equal(jx_ratio_round2(-1, -200, JX_NUM_SCALE), 10000);
  assert_int_equal(jx_ratio_round2(-4999, 1000000, JX_NUM_SCALE), 0);
  assert_int_equal(jx_ratio_round2(201, 400, 10 * JX_NUM_SCALE), N(5.03)); /* 5.025 */
  assert_int_equal(jx_ratio_round2(2009, 4000, 10 * JX_NUM_SCALE), N(5.02)); /* 5.0225 */
  /* the FASP examples */
  assert_int_equal(jx_ratio_round2(34, 36, 5 * JX_NUM_SCALE), N(4.72));
  assert_int_equal(jx_ratio_round2(7350, 8000, 10 * JX_NUM_SCALE), N(9.19));
  assert_int_equal(jx_ratio_round2(4790, 5200, 100 * JX_NUM_SCALE), N(92.12));
  assert_int_equal(jx_ratio_round2(34, 25, 100 * JX_NUM_SCALE), N(136));
  assert_int_equal(jx_ratio_round2(0, 7, 100 * JX_NUM_SCALE), 0);
  /* always a multiple of 10^4 */
  assert_int_equal(jx_ratio_round2(1, 3, JX_NUM_SCALE) % 10000, 0);
  assert_int_equal(jx_ratio_round2(1, 3, JX_NUM_SCALE), N(0.33));
  assert_int_equal(jx_ratio_round2(2, 3, JX_NUM_SCALE), N(0.67));
  /* large operands do not overflow the intermediate product */
  assert_int_equal(jx_ratio_round2(INT64_MAX, INT64_MAX, 100 * JX_NUM_SCALE), N(100));
  assert_int_equal(jx_ratio_round2(1000000000000LL, 1000000000000LL, JX_NUM_SCALE), JX_NUM_SCALE);
}

/* Regression (fixed): src/util/number.c jx_ratio_round2 converts the 128-bit quotient to int64 with no
 * range check, so a ratio that does not fit wraps (here to a negative number).  Reached
 * from data: a project with executed 9000000000000 万元 and adjusted 0.000001 万元 gets an
 * execution rate of "-4393134537329.08%" and a JX305 "低于 90%".  Expected: saturate (or
 * report) instead of wrapping — a positive ratio never comes out negative. */
static void test_ratio_round2_out_of_range(void **state) {
  (void)state;
  int64_t v = jx_ratio_round2(9000000000000000000LL, 1, 100 * JX_NUM_SCALE);
  int64_t w = jx_ratio_round2(-9000000000000000000LL, 1, 100 * JX_NUM_SCALE);
  if (v <= 0 || w >= 0) fail_msg("%s", "number.c jx_ratio_round2: out-of-range quotient wraps (9e18 / 1 × 100 came out ≤ 0)");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_money_default_wan), cmocka_unit_test(test_money_default_yuan),
      cmocka_unit_test(test_money_units),       cmocka_unit_test(test_money_full_width),
      cmocka_unit_test(test_money_signs),       cmocka_unit_test(test_money_too_precise),
      cmocka_unit_test(test_money_malformed),   cmocka_unit_test(test_money_overflow),
      cmocka_unit_test(test_num_plain),         cmocka_unit_test(test_num_percent),
      cmocka_unit_test(test_num_rejects),       cmocka_unit_test(test_format_num),
      cmocka_unit_test(test_format_money_wan),  cmocka_unit_test(test_format_small_buffer),
      cmocka_unit_test(test_ratio_round2),      cmocka_unit_test(test_ratio_round2_out_of_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
