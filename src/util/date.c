/* date.c — YYYY-MM-DD dates: parsing with month and leap-year checks, day numbers. */
#include "util/date.h"

#include <stddef.h>

bool jx_date_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int jx_date_month_days(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && jx_date_leap(year) ? 29 : days[month - 1];
}

/* n ASCII digits at s as a number, or -1 when one of them is not a digit. */
static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

const char *jx_date_scan(const char *s, jx_date *out) {
  if (!s) return NULL;
  /* digits() stops at the first non-digit, so a short string never reads past its NUL */
  int y = digits(s, 4);
  if (y < 1 || s[4] != '-') return NULL;
  int m = digits(s + 5, 2);
  if (m < 1 || m > 12 || s[7] != '-') return NULL;
  int d = digits(s + 8, 2);
  if (d < 1 || d > jx_date_month_days(y, m)) return NULL;
  if (out) *out = (jx_date){y, m, d};
  return s + 10;
}

bool jx_date_parse(const char *s, jx_date *out) {
  jx_date d;
  const char *end = jx_date_scan(s, &d);
  if (!end || *end) return false;
  if (out) *out = d;
  return true;
}

/* Howard Hinnant's days_from_civil. */
long jx_date_days(jx_date d) {
  long y = d.year - (d.month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
