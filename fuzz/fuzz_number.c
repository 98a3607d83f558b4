/* fuzz_number.c — libFuzzer target: exact decimal parsing and formatting (src/util/number.c).
 *
 * The input is copied into a NUL-terminated string (both parsers take C strings) and
 * given to jx_parse_money (default unit 万元 and 元) and jx_parse_num.  Oracles, each a
 * __builtin_trap() when broken:
 *   - a failed parse always says why (non-empty Chinese reason) and leaves the output
 *     untouched (callers keep a field unset, and must not see a half-parsed value);
 *   - money parsed to fen:  "<fen/100 with 2 decimals>元" parses back to fen exactly;
 *     jx_format_money_wan(fen) is fen rounded half away from zero to 0.01 万元 (= 10^4 分),
 *     it parses back to exactly that rounded value, and formatting that is a fixed point;
 *   - a number v (millionths):  jx_format_num(v) parses back to v rounded half away from
 *     zero to hundredths, with no trailing zero and no percent, and is a fixed point;
 *   - a number without % parses as money in 万元 to the same integer (both are 10^-6);
 *   - jx_ratio_round2(a, b, 100 × 10^6), for |a| ≤ |b| taken from the input, is a
 *     multiple of 10^4, at most 100% in size, and 0 exactly when |a / b| < 0.005%.
 * Values whose rounding leaves the int64 range are skipped (the parser rejects them). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

#define CHECK(cond)                 \
  do {                              \
    if (!(cond)) __builtin_trap();  \
  } while (0)

__extension__ typedef __int128 i128;

/* v rounded half away from zero to a multiple of unit; false when it leaves int64. */
static bool round_to(int64_t v, int64_t unit, int64_t *out) {
  i128 x = v, q = (x < 0 ? -x : x);
  q = (q + unit / 2) / unit * unit;
  if (x < 0) q = -q;
  if (q > INT64_MAX || q < INT64_MIN) return false;
  *out = (int64_t)q;
  return true;
}

static void check_why(const char *why) { CHECK(why != NULL && why[0] != '\0'); }

static size_t bounded_len(const char *buf, size_t cap) {
  const char *nul = memchr(buf, '\0', cap);
  CHECK(nul != NULL); /* the formatter always terminates within its 32-byte buffer */
  return (size_t)(nul - buf);
}

static void check_money(int64_t fen) {
  char buf[64], again[32];
  const char *why = NULL;
  int64_t back = 0;

  /* exact: the amount in 元 with its 2 decimals */
  i128 a = fen < 0 ? -(i128)fen : (i128)fen;
  snprintf(buf, sizeof buf, "%s%lld.%02lld元", fen < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
  CHECK(jx_parse_money(buf, JX_FEN_PER_WAN, &back, &why));
  CHECK(back == fen);

  /* 万元 with 2 decimals: rounded to 10^4 分 */
  int64_t rounded;
  memset(buf, 0x55, 32);
  jx_format_money_wan(fen, buf, 32);
  size_t n = bounded_len(buf, 32);
  CHECK(n > 0);
  CHECK(n >= 4 && buf[n - 3] == '.'); /* always two decimals */
  if (!round_to(fen, 10000, &rounded)) return;
  why = NULL;
  back = 0;
  CHECK(jx_parse_money(buf, JX_FEN_PER_WAN, &back, &why));
  CHECK(back == rounded);
  jx_format_money_wan(rounded, again, sizeof again);
  CHECK(strcmp(again, buf) == 0);
  /* the same text with its unit, whatever the default */
  strcat(buf, "万元");
  back = 0;
  CHECK(jx_parse_money(buf, JX_FEN_PER_YUAN, &back, &why));
  CHECK(back == rounded);
}

static void check_num(int64_t v, bool percent) {
  char buf[64], again[32];
  const char *why = NULL;
  int64_t back = 0, rounded;
  bool pct = true;

  memset(buf, 0x55, 32);
  jx_format_num(v, buf, 32);
  size_t n = bounded_len(buf, 32);
  CHECK(n > 0);
  const char *dot = strchr(buf, '.');
  if (dot) {
    size_t decimals = n - (size_t)(dot + 1 - buf);
    CHECK(decimals >= 1 && decimals <= 2);
    CHECK(buf[n - 1] != '0'); /* trailing zeros trimmed */
  }
  CHECK(strcmp(buf, "-0") != 0);
  if (!round_to(v, 10000, &rounded)) return;
  CHECK(jx_parse_num(buf, &back, &pct, &why));
  CHECK(back == rounded);
  CHECK(!pct);
  jx_format_num(rounded, again, sizeof again);
  CHECK(strcmp(again, buf) == 0);

  /* the same digits as money in 万元: 10^-6 万元 = 1 分, 10^-6 of a number = 1 unit */
  char text[64];
  snprintf(text, sizeof text, "%s%%", buf);
  back = 0;
  pct = false;
  CHECK(jx_parse_num(text, &back, &pct, &why));
  CHECK(back == rounded && pct);
  (void)percent;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = '\0';

  const char *why;
  const int64_t untouched = INT64_MIN + 12345; /* no parse yields this */
  int64_t fen_wan = untouched, fen_yuan = untouched, v = untouched;
  bool pct = false;

  why = NULL;
  bool money_wan = jx_parse_money(text, JX_FEN_PER_WAN, &fen_wan, &why);
  if (money_wan) {
    check_money(fen_wan);
  } else {
    check_why(why);
    CHECK(fen_wan == untouched);
  }

  why = NULL;
  bool money_yuan = jx_parse_money(text, JX_FEN_PER_YUAN, &fen_yuan, &why);
  if (money_yuan) {
    check_money(fen_yuan);
  } else {
    check_why(why);
    CHECK(fen_yuan == untouched);
  }

  why = NULL;
  bool num = jx_parse_num(text, &v, &pct, &why);
  if (!num) CHECK(v == untouched);
  if (num) {
    check_num(v, pct);
    if (!pct) {
      /* a plain number is also money in 万元, to the same integer */
      CHECK(money_wan && fen_wan == v);
    }
  } else {
    check_why(why);
  }

  /* the rounding helper on values taken from the input */
  if (num && money_yuan && fen_yuan != 0) {
    i128 av = v < 0 ? -(i128)v : v, ab = fen_yuan < 0 ? -(i128)fen_yuan : fen_yuan;
    if (av <= ab) { /* only where the exact result is known to fit */
      int64_t r = jx_ratio_round2(v, fen_yuan, 100 * JX_NUM_SCALE);
      CHECK(r % 10000 == 0);
      CHECK(r >= -100 * JX_NUM_SCALE && r <= 100 * JX_NUM_SCALE);
      CHECK((r == 0) == (av * 20000 < ab)); /* rounds to 0.00% exactly when |a / b| < 0.005% */
    }
  }

  free(text);
  return 0;
}
