/* target_cases.c — one case a line: a 指标值 as written, a TAB, what jx_target_read should read (target_cases.h). */
#include "target_cases.h"

#include <stdio.h>
#include <string.h>

#include "jixiao.h"

void target_unescape(char *s) {
  if (strcmp(s, "\"\"") == 0) {
    *s = '\0';
    return;
  }
  char *o = s;
  for (const char *p = s; *p; p++) {
    if (p[0] == '\\' && (p[1] == 't' || p[1] == 'n')) *o++ = *++p == 't' ? '\t' : '\n';
    else *o++ = *p;
  }
  *o = '\0';
}

static void describe_date(const jx_target_reading *r, char *buf, size_t n) {
  char y[8] = "*";
  if (r->date_year) snprintf(y, sizeof y, "%d", r->date_year);
  if (!r->date_month) snprintf(buf, n, "date %s %s", jx_nature_symbol(r->nature), y);
  else if (!r->date_day) snprintf(buf, n, "date %s %s-%02d", jx_nature_symbol(r->nature), y, r->date_month);
  else snprintf(buf, n, "date %s %s-%02d-%02d", jx_nature_symbol(r->nature), y, r->date_month, r->date_day);
}

void target_describe(const char *text, char *buf, size_t n) {
  jx_target_reading r;
  bool ok = jx_target_read(text, &r);
  char a[32], b[32];
  if (ok != r.readable) {
    snprintf(buf, n, "(returned %d, readable %d)", ok, r.readable);
    return;
  }
  if (r.blank) {
    snprintf(buf, n, "blank");
    return;
  }
  if (r.has_date) {
    describe_date(&r, buf, n);
    return;
  }
  if (!ok) {
    /* a text with a digit that is not read always says why */
    snprintf(buf, n, "%s%s%s%s", r.has_digit ? "unreadable" : "qual", r.nature ? " " : "",
             r.nature ? jx_nature_symbol(r.nature) : "", r.has_digit && !r.why ? " (no reason)" : "");
    return;
  }
  int len = snprintf(buf, n, "%s%s%s%s", r.nature ? jx_nature_symbol(r.nature) : "", r.nature ? " " : "",
                     jx_format_decimal(r.num, 6, a, sizeof a), r.percent && !r.has_hi ? "%" : "");
  if (r.has_hi) len += snprintf(buf + len, n - (size_t)len, "..%s%s", jx_format_decimal(r.num_hi, 6, b, sizeof b), r.percent ? "%" : "");
  if (r.has_hi && r.percent && strstr(text, "%") != strrchr(text, '%')) { /* "90%-95%": % on both ends */
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", buf);
    char *dots = strstr(tmp, "..");
    if (!dots) return;
    *dots = '\0';
    len = snprintf(buf, n, "%s%%..%s", tmp, dots + 2);
  }
  if (*r.unit) len += snprintf(buf + len, n - (size_t)len, " unit=%s", r.unit);
  if (r.money) len += snprintf(buf + len, n - (size_t)len, " money");
  if (r.time_limit) snprintf(buf + len, n - (size_t)len, " time");
}

target_score target_run_cases(const char *path, bool print) {
  target_score sc = {0, 0};
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "%s: cannot open\n", path);
    sc.failed = 1;
    return sc;
  }
  char line[2048], got[512];
  int lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0') continue;
    char *tab = strchr(line, '\t');
    sc.cases++;
    if (!tab) {
      fprintf(stderr, "%s:%d: no TAB between the text and what is read\n", path, lineno);
      sc.failed++;
      continue;
    }
    *tab = '\0';
    target_unescape(line);
    target_describe(line, got, sizeof got);
    if (strcmp(got, tab + 1) != 0) {
      if (print) fprintf(stderr, "%s:%d: “%s”: expected “%s”, read “%s”\n", path, lineno, line, tab + 1, got);
      sc.failed++;
    }
  }
  fclose(f);
  return sc;
}
