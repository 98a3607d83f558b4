/* number.c — exact decimal parsing (money in 分, numbers in millionths), formatting and rounding. */
#include <stdio.h>
#include <string.h>

#include "jixiao.h"
#include "util/i128.h"
#include "util/text.h"

/* Parse folded ASCII decimal text "[+-]d{1,3}(,ddd)*|d+ [.d+]" into an integer scaled
 * by 10^max_frac.  Returns NULL on success or a Chinese reason. */
static const char *parse_decimal(const char *s, int max_frac, const char *frac_why, int64_t *out) {
  const char *p = s;
  bool neg = false;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (!(*p >= '0' && *p <= '9')) {
    if (*p == '.') return "小数点前缺少数字";
    return "不是数字";
  }
  jx_i128 v = 0;
  const jx_i128 limit = (jx_i128)INT64_MAX;
  int digits_in_group = 0;
  bool grouped = false, any_digit = false;
  for (; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      v = v * 10 + (*p - '0');
      if (v > limit) return "数值超出范围";
      digits_in_group++;
      any_digit = true;
    } else if (*p == ',') {
      if ((!grouped && (digits_in_group < 1 || digits_in_group > 3)) || (grouped && digits_in_group != 3))
        return "千位分隔符位置不对";
      grouped = true;
      digits_in_group = 0;
    } else {
      break;
    }
  }
  if (grouped && digits_in_group != 3) return "千位分隔符位置不对";
  int frac = 0;
  if (*p == '.') {
    p++;
    if (!(*p >= '0' && *p <= '9')) return "小数点后缺少数字";
    for (; *p >= '0' && *p <= '9'; p++) {
      if (frac == max_frac) {
        if (*p != '0') return frac_why;
        continue;
      }
      v = v * 10 + (*p - '0');
      frac++;
      if (v > limit) return "数值超出范围";
    }
  }
  if (*p == '.') return "数字中有多个小数点";
  if (*p == 'e' || *p == 'E') return "不支持科学计数法，请写出完整数字";
  if (*p) return "数字后有多余的字符";
  for (; frac < max_frac; frac++) {
    v *= 10;
    if (v > limit) return "数值超出范围";
  }
  if (!any_digit) return "不是数字";
  if (neg && v == 0) return "负零（-0）没有意义";
  *out = (int64_t)(neg ? -v : v);
  return NULL;
}

static bool ends_with(const char *s, size_t n, const char *suffix, size_t *cut) {
  size_t m = strlen(suffix);
  if (n < m || memcmp(s + n - m, suffix, m) != 0) return false;
  *cut = n - m;
  return true;
}

bool jx_parse_money(const char *text, int64_t default_unit_fen, int64_t *fen, const char **why) {
  char buf[128];
  if (!text || !jx_text_fold_buf(text, buf, sizeof buf)) {
    *why = "金额文本过长或不是有效的 UTF-8";
    return false;
  }
  size_t n = strlen(buf), cut;
  int64_t unit = default_unit_fen;
  if (ends_with(buf, n, "万元", &cut)) unit = JX_FEN_PER_WAN;
  else if (ends_with(buf, n, "元", &cut)) unit = JX_FEN_PER_YUAN;
  else cut = n;
  while (cut > 0 && buf[cut - 1] == ' ') cut--;
  buf[cut] = '\0';
  if (cut == 0) {
    *why = "金额为空";
    return false;
  }
  int max_frac = unit == JX_FEN_PER_WAN ? 6 : 2;
  int64_t scaled;
  const char *e = parse_decimal(buf, max_frac, unit == JX_FEN_PER_WAN ? "万元金额精确到分，最多 6 位小数" : "元金额精确到分，最多 2 位小数", &scaled);
  if (e) {
    *why = e;
    return false;
  }
  /* 10^-6 万元 and 10^-2 元 are both exactly 1 分 */
  if (scaled > JX_MAX_MONEY_FEN || scaled < -JX_MAX_MONEY_FEN) {
    *why = "金额超出范围（上限 1,000 万亿元）";
    return false;
  }
  *fen = scaled;
  return true;
}

bool jx_parse_num(const char *text, int64_t *v, bool *percent, const char **why) {
  char buf[128];
  if (!text || !jx_text_fold_buf(text, buf, sizeof buf)) {
    *why = "数值文本过长或不是有效的 UTF-8";
    return false;
  }
  size_t n = strlen(buf);
  bool pct = false;
  if (n && buf[n - 1] == '%') {
    pct = true;
    buf[--n] = '\0';
    while (n && buf[n - 1] == ' ') buf[--n] = '\0';
  }
  if (!n) {
    *why = "数值为空";
    return false;
  }
  int64_t parsed;
  const char *e = parse_decimal(buf, 6, "最多 6 位小数", &parsed);
  if (e) {
    *why = e;
    return false;
  }
  if (parsed > JX_MAX_NUM || parsed < -JX_MAX_NUM) {
    *why = "数值超出范围（上限 1,000 亿）";
    return false;
  }
  *v = parsed; /* written only on success */
  if (percent) *percent = pct;
  return true;
}

/* The digits built right to left in tmp[k .. tmp_size - 1) (NUL-terminated) into buf. */
static char *copy_out(const char *tmp, size_t tmp_size, size_t k, char *buf, size_t n) {
  size_t len = tmp_size - 1 - k;
  if (n == 0) return buf;
  if (len >= n) len = n - 1;
  memcpy(buf, tmp + k, len);
  buf[len] = '\0';
  return buf;
}

static char *format_scaled(int64_t v, int scale_digits, int keep_min, char *buf, size_t n) {
  /* v has scale_digits decimals; print with at least keep_min and at most 2 decimals,
   * rounding half away from zero to 2 decimals first.  No printf: this is on the hot
   * path of every derivation. */
  jx_i128 x = v;
  bool neg = x < 0;
  if (neg) x = -x;
  jx_i128 div = 1;
  for (int i = 0; i < scale_digits - 2; i++) div *= 10;
  jx_i128 c = (x + div / 2) / div; /* hundredths */
  if (c == 0) neg = false;
  unsigned long long ip = (unsigned long long)(c / 100);
  int fp = (int)(c % 100);
  char tmp[48];
  size_t k = sizeof tmp;
  tmp[--k] = '\0';
  int decimals = keep_min == 2 || fp % 10 ? 2 : fp ? 1 : 0;
  if (decimals == 2) { tmp[--k] = (char)('0' + fp % 10); tmp[--k] = (char)('0' + fp / 10); tmp[--k] = '.'; }
  else if (decimals == 1) { tmp[--k] = (char)('0' + fp / 10); tmp[--k] = '.'; }
  do { tmp[--k] = (char)('0' + ip % 10); ip /= 10; } while (ip);
  if (neg) tmp[--k] = '-';
  return copy_out(tmp, sizeof tmp, k, buf, n);
}

char *jx_format_money_wan(int64_t fen, char *buf, size_t n) { return format_scaled(fen, 6, 2, buf, n); }

char *jx_format_num(int64_t v, char *buf, size_t n) { return format_scaled(v, 6, 0, buf, n); }

char *jx_format_decimal(int64_t v, int decimals, char *buf, size_t n) {
  char tmp[48];
  size_t k = sizeof tmp;
  tmp[--k] = '\0';
  bool neg = v < 0;
  /* magnitude as unsigned: INT64_MIN has no positive int64 */
  unsigned long long m = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  bool frac_started = false;
  for (int i = 0; i < decimals; i++) {
    int d = (int)(m % 10);
    m /= 10;
    if (d || frac_started) {
      tmp[--k] = (char)('0' + d);
      frac_started = true;
    }
  }
  if (frac_started) tmp[--k] = '.';
  do { tmp[--k] = (char)('0' + m % 10); m /= 10; } while (m);
  if (neg) tmp[--k] = '-';
  return copy_out(tmp, sizeof tmp, k, buf, n);
}

int64_t jx_ratio_round2(int64_t a, int64_t b, int64_t mul) {
  /* mul is × JX_NUM_SCALE; round a × mul / b to a multiple of 10^4 (hundredths) */
  jx_i128 num = (jx_i128)a * mul;
  jx_i128 den = (jx_i128)b * 10000;
  if (den < 0) { num = -num; den = -den; }
  bool neg = num < 0;
  if (neg) num = -num;
  jx_i128 q = (num * 2 + den) / (den * 2);
  if (neg) q = -q;
  return jx_sat64(q * 10000);
}

int64_t jx_round_decimals(int64_t v, int decimals) {
  if (decimals >= 6) return v;
  int64_t step = 1;
  for (int i = decimals < 0 ? 0 : decimals; i < 6; i++) step *= 10;
  int64_t r = (v >= 0 ? v + step / 2 : v - step / 2) / step;
  return r * step;
}
